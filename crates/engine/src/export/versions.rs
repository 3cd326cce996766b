//! Versions and aliases in the exports (spec §2.9): their logical ids and Terraform names, the
//! ARN a qualified reference stands for, and CloudFormation's `AWS::Lambda::Version`,
//! `AWS::Lambda::Alias` (with `RoutingConfig`) and per-qualifier `AWS::Lambda::EventInvokeConfig`.
//! Scenarios without versions or aliases export exactly as before.

use super::cloudformation::{get_att, reference, Builder, Flavor};
use super::{pascal, snake, unique, Plan};
use crate::qualifier;
use crate::scenario::{Alias, Function};
use crate::topology::{Kind, ResourceId};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// A published version or an alias of a function, with its ids in the exports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QualifiedId {
    /// The function's index in the scenario.
    pub function: usize,
    /// The version number or alias name.
    pub qualifier: String,
    /// True for a version, false for an alias.
    pub is_version: bool,
    /// CloudFormation logical id.
    pub id: String,
    /// Terraform resource name (aliases only use it).
    pub tf_name: String,
}

/// The ids of every version and alias, made after every resource's (so those do not change).
pub(crate) fn qualified_ids(plan: &mut Plan, used_tf: &mut HashSet<String>) -> Vec<QualifiedId> {
    let scenario = plan.scenario;
    let mut out = Vec::new();
    for (f, function) in scenario.functions.iter().enumerate() {
        let Some(fid) = plan.topology.id_of(Kind::Function, f) else {
            continue;
        };
        if function.versions.len() > 1 {
            let newest = function.versions.last().map_or("", |v| v.version.as_str());
            plan.notes.push(format!("function {}: Terraform publishes one version (publish = true), which becomes version {newest} only on an account where the earlier versions exist; aliases and configs name the earlier versions by number.", function.function_name));
        }
        let lid = plan.ids.get(fid as usize).cloned().unwrap_or_default();
        let tf = plan.tf_names.get(fid as usize).cloned().unwrap_or_default();
        let qualifiers = function
            .versions
            .iter()
            .map(|v| (v.version.as_str(), true))
            .chain(function.aliases.iter().map(|a| (a.name.as_str(), false)));
        for (q, is_version) in qualifiers {
            let (id, tf_name) = if is_version {
                (
                    format!("{lid}Version{q}"),
                    format!("{tf}_version_{}", snake(q)),
                )
            } else {
                (
                    format!("{lid}Alias{}", pascal(q)),
                    format!("{tf}_{}", snake(q)),
                )
            };
            out.push(QualifiedId {
                function: f,
                qualifier: q.to_string(),
                is_version,
                id: plan.unique_id(&id),
                tf_name: unique(used_tf, &tf_name, "_"),
            });
        }
    }
    out
}

/// The alias SAM's `AutoPublishAlias` can stand for: a function with one version, one alias to
/// it without routing weights, and no config on the version (SAM publishes exactly that).
pub(crate) fn auto_publish_alias(function: &Function) -> Option<&Alias> {
    let ([version], [alias]) = (function.versions.as_slice(), function.aliases.as_slice()) else {
        return None;
    };
    let fits = alias.function_version == version.version
        && version.event_invoke_config.is_none()
        && alias
            .routing_config
            .as_ref()
            .is_none_or(|r| r.additional_version_weights.is_empty());
    fits.then_some(alias)
}

impl Plan<'_> {
    /// The version or alias a function reference (`resize:live`, a qualified ARN) names.
    pub fn qualified(&self, reference: &str) -> Option<&QualifiedId> {
        let f = self.function(reference)?;
        let q = qualifier::split(reference).1?;
        let index = self.topology.get(f).index;
        self.qualified_ids
            .iter()
            .find(|x| x.function == index && x.qualifier == q)
    }

    /// The version or alias `qualifier` of function `f`.
    pub fn qualified_of(&self, f: usize, qualifier: &str) -> Option<&QualifiedId> {
        self.qualified_ids
            .iter()
            .find(|x| x.function == f && x.qualifier == qualifier)
    }
}

impl Builder<'_, '_> {
    /// The ARN a function reference stands for: the version's or alias's `Ref` (its qualified
    /// ARN), `…:$LATEST` joined to the function's, or the function's own ARN.
    pub fn function_arn_value(&self, f: ResourceId, reference_text: &str) -> Value {
        if let Some(q) = self.plan.qualified(reference_text) {
            let index = self.plan.topology.get(f).index;
            let auto = self.flavor == Flavor::Sam
                && self
                    .plan
                    .scenario
                    .functions
                    .get(index)
                    .and_then(auto_publish_alias)
                    .is_some();
            // SAM names what AutoPublishAlias makes `Function.Alias` and `Function.Version`.
            return match (auto, q.is_version) {
                (true, false) => reference(&format!("{}.Alias", self.lid(f))),
                (true, true) => reference(&format!("{}.Version", self.lid(f))),
                _ => reference(&q.id),
            };
        }
        match qualifier::split(reference_text).1 {
            Some(q) => json!({ "Fn::Join": [":", [self.arn_of(f), q]] }),
            None => self.arn_of(f),
        }
    }

    /// The version as `FunctionVersion` or `Qualifier` takes it: `GetAtt …Version.Version`, or
    /// the text (`$LATEST`, or a version the scenario does not publish).
    fn version_value(&self, f: usize, version: &str) -> Value {
        match self.plan.qualified_of(f, version).filter(|q| q.is_version) {
            Some(q) => get_att(&q.id, "Version"),
            None => Value::from(version),
        }
    }

    /// Function `f`'s versions (each after the one before, so they are numbered in order), its
    /// aliases, and the `EventInvokeConfig` of each that has one.
    pub fn versions_and_aliases(&mut self, f: usize, function_lid: &str) {
        let Some(function) = self.plan.scenario.functions.get(f) else {
            return;
        };
        if self.flavor == Flavor::Sam && auto_publish_alias(function).is_some() {
            // AutoPublishAlias makes the version and the alias, and its EventInvokeConfig is
            // the alias's: `$LATEST`'s needs a resource of its own.
            if let Some(c) = &function.event_invoke_config {
                let latest = Value::from(qualifier::LATEST);
                self.qualified_invoke_config(function_lid, function_lid, latest, c, None);
            }
            return;
        }
        let mut previous: Option<String> = None;
        for v in &function.versions {
            let Some(q) = self.plan.qualified_of(f, &v.version) else {
                continue;
            };
            let id = q.id.clone();
            let mut resource = Map::new();
            resource.insert("Type".into(), "AWS::Lambda::Version".into());
            if let Some(p) = &previous {
                resource.insert("DependsOn".into(), Value::from(p.as_str()));
            }
            resource.insert(
                "Properties".into(),
                json!({ "FunctionName": reference(function_lid) }),
            );
            self.resources.insert(id.clone(), Value::Object(resource));
            if let Some(c) = &v.event_invoke_config {
                let qualifier = get_att(&id, "Version");
                self.qualified_invoke_config(function_lid, &id, qualifier, c, None);
            }
            previous = Some(id);
        }
        for a in &function.aliases {
            let Some(q) = self.plan.qualified_of(f, &a.name) else {
                continue;
            };
            let id = q.id.clone();
            let mut props = Map::new();
            props.insert("FunctionName".into(), reference(function_lid));
            props.insert("Name".into(), a.name.as_str().into());
            props.insert(
                "FunctionVersion".into(),
                self.version_value(f, &a.function_version),
            );
            let weights: Vec<Value> = a
                .routing_config
                .iter()
                .flat_map(|r| &r.additional_version_weights)
                .map(|(version, weight)| {
                    json!({ "FunctionVersion": self.version_value(f, version), "FunctionWeight": weight })
                })
                .collect();
            if !weights.is_empty() {
                props.insert(
                    "RoutingConfig".into(),
                    json!({ "AdditionalVersionWeights": weights }),
                );
            }
            self.resources.insert(
                id.clone(),
                json!({ "Type": "AWS::Lambda::Alias", "Properties": props }),
            );
            if let Some(c) = &a.event_invoke_config {
                let name = Value::from(a.name.as_str());
                self.qualified_invoke_config(function_lid, &id, name, c, Some(&id));
            }
        }
    }

    /// `AWS::Lambda::EventInvokeConfig` on `qualifier`, after `depends_on` (an alias, whose
    /// name alone makes no dependency).
    fn qualified_invoke_config(
        &mut self,
        function_lid: &str,
        owner: &str,
        qualifier: Value,
        config: &crate::scenario::EventInvokeConfig,
        depends_on: Option<&str>,
    ) {
        let mut props = Map::new();
        props.insert("FunctionName".into(), reference(function_lid));
        props.insert("Qualifier".into(), qualifier);
        if let Some(Value::Object(rest)) = self.invoke_config_value(config, false) {
            props.extend(rest);
        }
        let id = self.id(&format!("{owner}EventInvokeConfig"));
        let mut resource = Map::new();
        resource.insert("Type".into(), "AWS::Lambda::EventInvokeConfig".into());
        if let Some(d) = depends_on {
            resource.insert("DependsOn".into(), Value::from(d));
        }
        resource.insert("Properties".into(), Value::Object(props));
        self.resources.insert(id, Value::Object(resource));
    }
}
