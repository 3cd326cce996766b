//! Qualifiers (spec §2.9, §4.1): `$LATEST`, a published version or an alias, named by
//! `name:qualifier`, by a qualified ARN (`…:function:name:3`, `…:function:name:live`) or by a
//! separate `Qualifier` parameter; what each resolves to, and AWS's checks on them.

use crate::scenario::Function;

/// The unpublished version.
pub const LATEST: &str = "$LATEST";

/// `ResourceNotFoundException`'s message for a qualifier the function does not have.
pub const NOT_FOUND: &str = "The function doesn't exist.";

/// `InvalidParameterValueException`'s message when `name:qualifier` and `Qualifier` disagree.
pub const MISMATCH: &str =
    "The derived qualifier from the function name does not match the specified qualifier.";

/// The `Qualifier` pattern (spec §2.9, botocore).
pub const PATTERN: &str = r"\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";

/// The pattern of an alias `Name` (botocore `CreateAliasRequest.Name`).
pub const ALIAS_PATTERN: &str = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";

/// What a qualifier names on its function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// `$LATEST`, or no qualifier at all.
    Latest,
    /// The `i`-th published version (`Function::versions[i]`).
    Version(usize),
    /// The `i`-th alias (`Function::aliases[i]`).
    Alias(usize),
}

/// Splits a function reference into the function (its name or unqualified ARN) and the
/// qualifier, if one is written: `f:live` → (`f`, `live`);
/// `arn:aws:lambda:r:a:function:f:3` → (`arn:aws:lambda:r:a:function:f`, `3`).
pub fn split(reference: &str) -> (&str, Option<&str>) {
    let unqualified = crate::topology::unqualified_function_arn(reference);
    if unqualified.len() < reference.len() {
        return (unqualified, Some(&reference[unqualified.len() + 1..]));
    }
    if reference.starts_with("arn:") {
        return (reference, None);
    }
    match reference.split_once(':') {
        Some((name, qualifier)) => (name, Some(qualifier)),
        None => (reference, None),
    }
}

/// What `qualifier` names on `function`: `None` when it names nothing there.
pub fn resolve(function: &Function, qualifier: Option<&str>) -> Option<Qualifier> {
    match qualifier {
        None | Some(LATEST) => Some(Qualifier::Latest),
        Some(q) => function
            .versions
            .iter()
            .position(|v| v.version == q)
            .map(Qualifier::Version)
            .or_else(|| {
                function
                    .aliases
                    .iter()
                    .position(|a| a.name == q)
                    .map(Qualifier::Alias)
            }),
    }
}

/// True when `qualifier` matches [`PATTERN`] and is 1 to 128 characters long.
pub fn matches_pattern(qualifier: &str) -> bool {
    let plain = qualifier
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'$'));
    (1..=128).contains(&qualifier.len())
        && (plain || qualifier == LATEST || qualifier == "$LATEST.PUBLISHED")
}

/// True when `name` is a valid alias name: [`ALIAS_PATTERN`], 1 to 128 characters, not all
/// digits (those are versions).
pub fn alias_name_ok(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        && !name.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_into_function_and_qualifier() {
        assert_eq!(split("f"), ("f", None));
        assert_eq!(split("f:live"), ("f", Some("live")));
        assert_eq!(
            split("arn:aws:lambda:us-east-2:123456789012:function:f:3"),
            (
                "arn:aws:lambda:us-east-2:123456789012:function:f",
                Some("3")
            )
        );
        assert_eq!(
            split("arn:aws:lambda:us-east-2:123456789012:function:f"),
            ("arn:aws:lambda:us-east-2:123456789012:function:f", None)
        );
        assert_eq!(
            split("arn:aws:sqs:us-east-2:1:q"),
            ("arn:aws:sqs:us-east-2:1:q", None)
        );
    }

    #[test]
    fn the_qualifier_pattern_is_botocores() {
        assert!(matches_pattern("$LATEST"));
        assert!(matches_pattern("live-2_a"));
        assert!(matches_pattern("12"));
        assert!(!matches_pattern(""));
        assert!(!matches_pattern("a.b"));
        assert!(!matches_pattern(&"a".repeat(129)));
        assert!(alias_name_ok("live"));
        assert!(!alias_name_ok("12"));
        assert!(!alias_name_ok("$LATEST"));
    }
}
