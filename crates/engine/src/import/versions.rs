//! Versions, aliases and per-qualifier `EventInvokeConfig`s as every importer reads them
//! (spec §2.9): `PublishVersion` numbers versions in order and copies no config; a config is put
//! on the qualifier the call names, which must exist; `name:qualifier` and `Qualifier` must agree.

use super::{Builder, Reason};
use crate::qualifier;
use crate::rules::RuleId;
use crate::scenario::{Alias, AliasRoutingConfig, EventInvokeConfig, FunctionVersion};

/// The qualifier written in a function reference: `f:live`, `123456789012:function:f:3` or
/// `arn:aws:lambda:…:function:f:3` name one; `f` and unqualified ARNs do not.
pub(crate) fn written_qualifier(reference: &str) -> Option<&str> {
    let rest = match reference.find("function:") {
        Some(i) => &reference[i + "function:".len()..],
        None => reference,
    };
    rest.split_once(':')
        .map(|(_, q)| q)
        .filter(|q| !q.is_empty())
}

/// The qualifier a call names through its function name and its `Qualifier`; notes AWS's
/// refusal and answers `Err` when they disagree.
pub(crate) fn derive(
    b: &mut Builder,
    function_name: &str,
    given: Option<&str>,
    line: usize,
    place: &str,
) -> Result<Option<String>, ()> {
    match (written_qualifier(function_name), given) {
        (Some(derived), Some(given)) if derived != given => {
            b.note(
                line,
                place,
                Reason::Refused {
                    rule: RuleId::QualifierMismatch,
                    code: "InvalidParameterValueException",
                    message: qualifier::MISMATCH.into(),
                },
            );
            Err(())
        }
        (derived, given) => Ok(given.or(derived).map(str::to_string)),
    }
}

/// Publishes a new version of function `f`: the next number, with no `EventInvokeConfig` (one
/// is never copied from `$LATEST`). Returns the number.
pub(crate) fn publish(b: &mut Builder, f: usize) -> String {
    let function = &mut b.scenario.functions[f];
    let next = function
        .versions
        .iter()
        .filter_map(|v| v.version.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let version = next.to_string();
    function.versions.push(FunctionVersion {
        version: version.clone(),
        event_invoke_config: None,
    });
    version
}

/// Creates alias `name` of function `f` (or updates the one with that name): the version it
/// points at and its routing weights.
pub(crate) fn alias(
    b: &mut Builder,
    f: usize,
    name: &str,
    function_version: &str,
    weights: Vec<(String, f64)>,
) {
    let routing_config = (!weights.is_empty()).then_some(AliasRoutingConfig {
        additional_version_weights: weights,
    });
    let function = &mut b.scenario.functions[f];
    match function.aliases.iter_mut().find(|a| a.name == name) {
        Some(a) => {
            a.function_version = function_version.to_string();
            a.routing_config = routing_config;
        }
        None => function.aliases.push(Alias {
            name: name.to_string(),
            function_version: function_version.to_string(),
            routing_config,
            event_invoke_config: None,
        }),
    }
}

/// The ARN of function `f` with qualifier `q`; an alias the text has not created yet is drawn
/// pointing at `$LATEST` (a later `create-alias` or `AWS::Lambda::Alias` sets its version).
pub(crate) fn qualified_arn(b: &mut Builder, f: usize, q: &str) -> String {
    let function = &b.scenario.functions[f];
    if qualifier::resolve(function, Some(q)).is_none() && qualifier::alias_name_ok(q) {
        alias(b, f, q, qualifier::LATEST, Vec::new());
    }
    let name = b.scenario.functions[f].function_name.clone();
    format!("{}:{q}", b.arn(super::Res::Function, &name))
}

/// The `EventInvokeConfig` slot of `qualifier` on function `f`: `$LATEST`'s (no qualifier), a
/// version's or an alias's. An alias not created in the text is drawn (pointing at `$LATEST`); a
/// version the function does not have is refused as AWS refuses it (`ResourceNotFoundException`,
/// "The function doesn't exist.").
pub(crate) fn config_slot<'b>(
    b: &'b mut Builder,
    f: usize,
    qualifier: Option<&str>,
    line: usize,
    place: &str,
) -> Option<&'b mut Option<EventInvokeConfig>> {
    let mut found = qualifier::resolve(&b.scenario.functions[f], qualifier);
    if let (None, Some(name)) = (found, qualifier) {
        // An alias the text does not create is drawn when first named, pointing at `$LATEST`
        // (as a queue named only by a destination is); a version cannot be made up.
        if qualifier::alias_name_ok(name) {
            alias(b, f, name, qualifier::LATEST, Vec::new());
            found = qualifier::resolve(&b.scenario.functions[f], Some(name));
        }
    }
    let Some(found) = found else {
        b.note(
            line,
            place,
            Reason::Refused {
                rule: RuleId::QualifierMissing,
                code: "ResourceNotFoundException",
                message: qualifier::NOT_FOUND.into(),
            },
        );
        return None;
    };
    let function = &mut b.scenario.functions[f];
    Some(match found {
        qualifier::Qualifier::Latest => &mut function.event_invoke_config,
        qualifier::Qualifier::Version(i) => &mut function.versions[i].event_invoke_config,
        qualifier::Qualifier::Alias(i) => &mut function.aliases[i].event_invoke_config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qualifier_is_read_from_names_and_arns() {
        assert_eq!(written_qualifier("f"), None);
        assert_eq!(written_qualifier("f:live"), Some("live"));
        assert_eq!(written_qualifier("123456789012:function:f:3"), Some("3"));
        assert_eq!(
            written_qualifier("arn:aws:lambda:us-east-2:123456789012:function:f:$LATEST"),
            Some("$LATEST")
        );
        assert_eq!(
            written_qualifier("arn:aws:lambda:us-east-2:123456789012:function:f"),
            None
        );
    }
}
