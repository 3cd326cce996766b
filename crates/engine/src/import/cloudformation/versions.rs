//! Versions and aliases in templates (spec §2.9): `AWS::Lambda::Version` (numbered per function
//! in template order, as a fresh stack publishes them), `AWS::Lambda::Alias` (with
//! `RoutingConfig`), `AWS::Lambda::EventInvokeConfig` on a `Qualifier`, and SAM's
//! `AutoPublishAlias` (one version, an alias to it, and the function's `EventInvokeConfig` and
//! events on that alias, as SAM wires them). `Ref` and `Fn::GetAtt` of a version or alias give
//! its qualified ARN and `Version` its number.

use super::{Cfn, Entry, Props};
use crate::import::tree::Node;
use crate::import::{function_name, versions, Reason};
use std::collections::HashMap;

/// The order resources are read in: everything in template order first, then aliases (whose
/// versions exist by then), then configs on a qualifier (whose version or alias exists).
pub(super) fn phase(node: &Node) -> u8 {
    let type_name = node.get("Type").and_then(Node::as_str).unwrap_or("");
    let qualifier = node
        .get("Properties")
        .and_then(|p| p.get("Qualifier"))
        .is_some_and(|q| q.as_str() != Some(crate::qualifier::LATEST));
    match type_name {
        "AWS::Lambda::Alias" => 1,
        "AWS::Lambda::EventInvokeConfig" if qualifier => 2,
        _ => 0,
    }
}

impl<'a> Cfn<'a> {
    /// Pass 1, after every name is known: each version's `function:number` and each alias's
    /// `function:name`, and SAM's `Function.Alias` and `Function.Version`.
    pub(super) fn catalog_versions(&mut self) {
        let resources = self.resources.clone();
        let mut published: HashMap<String, u32> = HashMap::new();
        for (id, node) in resources {
            let type_name = node.get("Type").and_then(Node::as_str).unwrap_or("");
            let props = node.get("Properties");
            let place = format!("Resources.{id}.Properties");
            let function = |cfn: &mut Cfn<'a>| {
                props
                    .and_then(|p| p.get("FunctionName"))
                    .and_then(|n| cfn.quiet_string(n, &place))
                    .map(|n| function_name(&n).to_string())
            };
            let name = match type_name {
                "AWS::Lambda::Version" => function(self).map(|f| {
                    let n = published.entry(f.clone()).or_default();
                    *n += 1;
                    format!("{f}:{n}")
                }),
                "AWS::Lambda::Alias" => {
                    let alias = props
                        .and_then(|p| p.get("Name"))
                        .and_then(|n| self.quiet_string(n, &place));
                    function(self).zip(alias).map(|(f, a)| format!("{f}:{a}"))
                }
                "AWS::Serverless::Function" => {
                    let Some(alias) = props
                        .and_then(|p| p.get("AutoPublishAlias"))
                        .and_then(|n| self.quiet_string(n, &place))
                    else {
                        continue;
                    };
                    let f = self
                        .catalog
                        .get(id)
                        .map(|e| e.name.clone())
                        .unwrap_or_default();
                    let entry = |type_name: &str, name: String| Entry {
                        type_name: type_name.into(),
                        res: None,
                        name,
                    };
                    self.sam_refs.insert(
                        format!("{id}.Alias"),
                        entry("AWS::Lambda::Alias", format!("{f}:{alias}")),
                    );
                    self.sam_refs.insert(
                        format!("{id}.Version"),
                        entry("AWS::Lambda::Version", format!("{f}:1")),
                    );
                    continue;
                }
                _ => continue,
            };
            if let (Some(name), Some(entry)) = (name, self.catalog.get_mut(id)) {
                entry.name = name;
            }
        }
    }

    /// A value evaluated without notes (pass 1 evaluates again, with notes, in pass 2).
    fn quiet_string(&mut self, node: &Node, place: &str) -> Option<String> {
        let notes = self.b.notes.len();
        let value = self.string(node, place);
        self.b.notes.truncate(notes);
        value
    }

    /// `Ref` or `Fn::GetAtt` of a version or alias: its qualified ARN, or `Version`'s number.
    /// `None` when `entry` is neither.
    pub(super) fn qualified_reference(
        &self,
        entry: &Entry,
        attribute: Option<&str>,
    ) -> Option<Option<String>> {
        let (function, qualifier) = entry.name.split_once(':')?;
        let arn = || {
            Some(format!(
                "{}:{qualifier}",
                self.b.arn(crate::import::Res::Function, function)
            ))
        };
        Some(match (entry.type_name.as_str(), attribute) {
            ("AWS::Lambda::Version", None | Some("FunctionArn")) => arn(),
            ("AWS::Lambda::Version", Some("Version")) => Some(qualifier.to_string()),
            ("AWS::Lambda::Alias", None | Some("AliasArn")) => arn(),
            ("AWS::Lambda::Alias", Some("Name")) => Some(qualifier.to_string()),
            ("AWS::Lambda::Version" | "AWS::Lambda::Alias", _) => None,
            _ => return None,
        })
    }

    /// `AWS::Lambda::Version`: the function's next version, with no config of its own.
    pub(super) fn version_resource(&mut self, line: usize, props: &mut Props<'a>) {
        let Some(f) = self.function_property(line, props) else {
            return;
        };
        versions::publish(&mut self.b, f);
        for key in [
            "Description",
            "CodeSha256",
            "ProvisionedConcurrencyConfig",
            "RuntimePolicy",
        ] {
            if let Some(n) = props.take(key) {
                self.b.note(n.line, props.place(key), Reason::NotModelled);
            }
        }
    }

    /// `AWS::Lambda::Alias`: its name, version and routing weights.
    pub(super) fn alias_resource(&mut self, line: usize, props: &mut Props<'a>) {
        let Some(f) = self.function_property(line, props) else {
            return;
        };
        let place = props.place("Name");
        let Some(name) = props.take("Name").and_then(|n| self.string(n, &place)) else {
            return self.b.note(line, place, Reason::Missing { name: "Name" });
        };
        let place = props.place("FunctionVersion");
        let Some(version) = props
            .take("FunctionVersion")
            .and_then(|n| self.string(n, &place))
        else {
            return self.b.note(
                line,
                place,
                Reason::Missing {
                    name: "FunctionVersion",
                },
            );
        };
        let mut weights = Vec::new();
        if let Some(routing) = props.take("RoutingConfig") {
            let place = format!("{}.AdditionalVersionWeights", props.place("RoutingConfig"));
            let items = routing.get("AdditionalVersionWeights").map(Node::items);
            for item in items.unwrap_or_default() {
                let version = item
                    .get("FunctionVersion")
                    .and_then(|v| self.string(v, &place));
                let weight = item
                    .get("FunctionWeight")
                    .and_then(|w| self.string(w, &place))
                    .and_then(|w| w.parse::<f64>().ok());
                match version.zip(weight) {
                    Some(pair) => weights.push(pair),
                    None => self.b.note(
                        item.line,
                        place.clone(),
                        Reason::Missing {
                            name: "FunctionVersion and FunctionWeight",
                        },
                    ),
                }
            }
        }
        if let Some(n) = props.take("ProvisionedConcurrencyConfig") {
            let place = props.place("ProvisionedConcurrencyConfig");
            self.b.note(n.line, place, Reason::NotModelled);
        }
        props.take("Description");
        versions::alias(&mut self.b, f, &name, &version, weights);
    }

    /// `AWS::Lambda::EventInvokeConfig`: the config, put on the qualifier `FunctionName` and
    /// `Qualifier` name together (refused as AWS refuses when they disagree or name nothing).
    pub(super) fn invoke_config_resource(
        &mut self,
        line: usize,
        base: &str,
        props: &mut Props<'a>,
    ) {
        let place = props.place("FunctionName");
        let written = props
            .take("FunctionName")
            .and_then(|n| self.string(n, &place));
        let f = written
            .as_deref()
            .and_then(|n| self.b.function(n, line, &place));
        let qualifier_place = props.place("Qualifier");
        let given = props
            .take("Qualifier")
            .and_then(|q| self.string(q, &qualifier_place));
        let config = self.invoke_config(props, base);
        let Some(f) = f else {
            return self.b.note(
                line,
                base,
                Reason::Missing {
                    name: "FunctionName",
                },
            );
        };
        let written = written.unwrap_or_default();
        let Ok(qualifier) = versions::derive(
            &mut self.b,
            &written,
            given.as_deref(),
            line,
            &qualifier_place,
        ) else {
            return;
        };
        let qualifier = qualifier.filter(|q| q != crate::qualifier::LATEST);
        if let Some(slot) =
            versions::config_slot(&mut self.b, f, qualifier.as_deref(), line, &qualifier_place)
        {
            *slot = Some(config);
        }
    }

    /// The function `FunctionName` names, drawn when new; noted when missing.
    fn function_property(&mut self, line: usize, props: &mut Props<'a>) -> Option<usize> {
        let place = props.place("FunctionName");
        let f = props
            .take("FunctionName")
            .and_then(|n| self.string(n, &place))
            .and_then(|n| self.b.function(&n, line, &place));
        if f.is_none() {
            self.b.note(
                line,
                place,
                Reason::Missing {
                    name: "FunctionName",
                },
            );
        }
        f
    }
}
