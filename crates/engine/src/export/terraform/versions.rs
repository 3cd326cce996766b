//! Versions and aliases in Terraform (spec §2.9): `publish = true` on the function, one
//! `aws_lambda_alias` per alias (with `routing_config`), `aws_lambda_function_event_invoke_config`
//! with `qualifier` per version and alias, and qualified ARNs and permissions where a
//! subscription, rule target, notification or mapping names a qualifier.

use super::{expr, lit, resource, Block, Tf, H};
use crate::qualifier;
use crate::topology::ResourceId;

impl Tf<'_, '_> {
    /// The ARN a function reference stands for: an alias's `arn`, the newest version's
    /// `qualified_arn`, the function's ARN with another qualifier appended, or its own ARN.
    pub(super) fn function_arn_value(&self, f: ResourceId, reference: &str) -> H {
        let n = self.tf(f);
        let Some(q) = qualifier::split(reference).1 else {
            return expr(format!("aws_lambda_function.{n}.arn"));
        };
        match self.plan.qualified(reference) {
            Some(a) if !a.is_version => expr(format!("aws_lambda_alias.{}.arn", a.tf_name)),
            _ if self.is_newest_version(self.plan.topology.get(f).index, q) => {
                expr(format!("aws_lambda_function.{n}.qualified_arn"))
            }
            _ => expr(format!("\"${{aws_lambda_function.{n}.arn}}:{q}\"")),
        }
    }

    /// The `qualifier` of a permission or config for a function reference, when it names one.
    pub(super) fn qualifier_value(&self, reference: &str) -> Option<H> {
        let q = qualifier::split(reference).1?;
        let f = self.plan.function(reference)?;
        Some(match self.plan.qualified(reference) {
            Some(a) if !a.is_version => expr(format!("aws_lambda_alias.{}.name", a.tf_name)),
            _ => self.version_value(self.plan.topology.get(f).index, q),
        })
    }

    /// `aws_lambda_permission` named `name`, on `qualifier` when there is one.
    pub(super) fn qualified_permission(&self, name: &str, qualifier: Option<H>) -> Block {
        let b = resource("aws_lambda_permission", name);
        match qualifier {
            Some(q) => b.attr("qualifier", q),
            None => b,
        }
    }

    /// True when `version` is the newest version function `f` publishes: the one Terraform's
    /// `publish = true` creates.
    fn is_newest_version(&self, f: usize, version: &str) -> bool {
        self.plan
            .scenario
            .functions
            .get(f)
            .and_then(|function| function.versions.last())
            .is_some_and(|v| v.version == version)
    }

    /// A version as `function_version` or `qualifier` takes it: the function's `version`
    /// attribute for the newest, else the number as written (or `$LATEST`).
    fn version_value(&self, f: usize, version: &str) -> H {
        match self.plan.topology.id_of(crate::topology::Kind::Function, f) {
            Some(id) if self.is_newest_version(f, version) => {
                expr(format!("aws_lambda_function.{}.version", self.tf(id)))
            }
            _ => lit(version),
        }
    }

    /// Function `f`'s aliases, and the `EventInvokeConfig` of each version and alias that has
    /// one. (`n` is the function's resource name; `policy` the role policy configs wait for.)
    pub(super) fn versions_and_aliases(&mut self, f: usize, n: &str, policy: Option<String>) {
        let Some(function) = self.plan.scenario.functions.get(f) else {
            return;
        };
        for v in &function.versions {
            if let Some(c) = &v.event_invoke_config {
                let base = format!("{n}_version_{}", v.version);
                let qualifier = self.version_value(f, &v.version);
                self.invoke_config(n, &base, qualifier, c, policy.clone());
            }
        }
        for a in &function.aliases {
            let Some(q) = self.plan.qualified_of(f, &a.name) else {
                continue;
            };
            let an = q.tf_name.clone();
            let mut b = resource("aws_lambda_alias", &an)
                .attr("name", lit(&a.name))
                .attr(
                    "function_name",
                    expr(format!("aws_lambda_function.{n}.function_name")),
                )
                .attr(
                    "function_version",
                    self.version_value(f, &a.function_version),
                );
            let weights: Vec<(String, H)> = a
                .routing_config
                .iter()
                .flat_map(|r| &r.additional_version_weights)
                .map(|(version, weight)| (version.clone(), H::Raw(weight.to_string())))
                .collect();
            if !weights.is_empty() {
                b = b.block(
                    Block::new("routing_config".into())
                        .attr("additional_version_weights", H::Obj(weights)),
                );
            }
            self.blocks.push(b);
            if let Some(c) = &a.event_invoke_config {
                let qualifier = expr(format!("aws_lambda_alias.{an}.name"));
                self.invoke_config(n, &an, qualifier, c, policy.clone());
            }
        }
    }
}
