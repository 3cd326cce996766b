//! Compiling a pattern as aws/event-ruler's `JsonRuleCompiler` does: its objects, `$or`
//! alternatives and match expressions (prefix, suffix, wildcard, numeric, `anything-but`, CIDR),
//! refused in the order and words `PutRule` answers with.

use super::{AnythingBut, Bound, Branch, Glob, Invalid, Matcher, RESERVED_IN_OR};
use serde_json::{Map, Value};
pub(super) fn parse_object(
    object: &Map<String, Value>,
    path: &mut Vec<String>,
    branches: &mut Vec<Branch>,
    in_or: bool,
) -> Result<(), Invalid> {
    for (key, value) in object {
        if key == "$or" {
            parse_or(value, path, branches)?;
            continue;
        }
        if in_or && RESERVED_IN_OR.contains(&key.as_str()) {
            return Err(Invalid::OrReserved(key.clone()));
        }
        match value {
            Value::Object(inner) => {
                path.push(key.clone());
                let parsed = parse_object(inner, path, branches, in_or);
                path.pop();
                parsed?;
            }
            Value::Array(values) => {
                let name = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", path.join("."))
                };
                let matchers = values
                    .iter()
                    .map(value_matcher)
                    .collect::<Result<Vec<_>, _>>()?;
                if matchers.is_empty() {
                    return Err(Invalid::EmptyArray);
                }
                if branches.is_empty() {
                    branches.push(Branch::new());
                }
                for branch in branches.iter_mut() {
                    // A path given twice keeps its last values, as the compiler does.
                    branch.insert(name.clone(), matchers.clone());
                }
            }
            _ => return Err(Invalid::NotObjectOrArray(key.clone())),
        }
    }
    Ok(())
}

fn parse_or(
    value: &Value,
    path: &mut Vec<String>,
    branches: &mut Vec<Branch>,
) -> Result<(), Invalid> {
    let Value::Array(alternatives) = value else {
        return Err(Invalid::OrNotAnArray);
    };
    let before = std::mem::take(branches);
    for alternative in alternatives {
        let Value::Object(object) = alternative else {
            return Err(Invalid::OrOnlyObjects);
        };
        let mut these = before.clone();
        if these.is_empty() {
            these.push(Branch::new());
        }
        parse_object(object, path, &mut these, true)?;
        branches.extend(these);
    }
    if alternatives.len() < 2 {
        return Err(Invalid::OrTooFew);
    }
    Ok(())
}

/// One of a field's values: a literal, or a match expression object.
fn value_matcher(value: &Value) -> Result<Matcher, Invalid> {
    match value {
        Value::String(text) => Ok(match ip_literal(text) {
            Some(address) => Matcher::Ip(address),
            None => Matcher::Text(text.clone()),
        }),
        Value::Number(_) => Ok(Matcher::Number(value.clone())),
        Value::Bool(_) | Value::Null => Ok(Matcher::Literal(value.clone())),
        Value::Object(expression) => match_expression(expression),
        Value::Array(_) => Err(Invalid::MatchValue),
    }
}

fn match_expression(expression: &Map<String, Value>) -> Result<Matcher, Invalid> {
    let mut entries = expression.iter();
    let Some((operator, value)) = entries.next() else {
        return Err(Invalid::ExpressionNameNotFound);
    };
    let more = entries.next().is_some();
    let single = |matcher: Matcher| {
        if more {
            Err(Invalid::OnlyOneKey)
        } else {
            Ok(matcher)
        }
    };
    match operator.as_str() {
        "exactly" => match value {
            Value::String(text) => single(Matcher::Text(text.clone())),
            _ => Err(Invalid::NotAString("exact")),
        },
        "prefix" | "suffix" => {
            let prefix = operator == "prefix";
            match value {
                Value::Object(inner) => {
                    let text = ignoring_case(inner, if prefix { "Prefix" } else { "Suffix" })?;
                    single(if prefix {
                        Matcher::PrefixIgnoreCase(text)
                    } else {
                        Matcher::SuffixIgnoreCase(text)
                    })
                }
                Value::String(text) => single(if prefix {
                    Matcher::Prefix(text.clone())
                } else {
                    Matcher::Suffix(text.clone())
                }),
                _ => Err(Invalid::NotAString(if prefix {
                    "prefix"
                } else {
                    "suffix"
                })),
            }
        }
        "numeric" => {
            let Value::Array(terms) = value else {
                return Err(Invalid::NumericNotAnArray);
            };
            let (low, high) = numeric(terms)?;
            if more {
                return Err(Invalid::TooManyElements);
            }
            Ok(Matcher::Numeric(low, high))
        }
        "anything-but" => {
            let matcher = anything_but(value)?;
            if more {
                return Err(Invalid::TooManyElements);
            }
            Ok(Matcher::AnythingBut(matcher))
        }
        "exists" => match value {
            Value::Bool(exists) => single(Matcher::Exists(*exists)),
            _ => Err(Invalid::ExistsNotBoolean),
        },
        "cidr" => match value {
            Value::String(text) => {
                let (bottom, top) = cidr(text)?;
                single(Matcher::Cidr(bottom, top))
            }
            // EventBridge answers with the prefix's words here.
            _ => Err(Invalid::NotAString("prefix")),
        },
        "equals-ignore-case" => match value {
            Value::String(text) => single(Matcher::EqualsIgnoreCase(text.clone())),
            _ => Err(Invalid::NotAString("equals-ignore-case")),
        },
        "wildcard" => match value {
            Value::String(text) => {
                let glob = wildcard(text)?;
                single(Matcher::Wildcard(glob))
            }
            _ => Err(Invalid::NotAString("wildcard")),
        },
        other => Err(Invalid::UnrecognizedMatchType(other.to_string())),
    }
}

/// `{"equals-ignore-case": "..."}` inside `prefix` or `suffix`.
fn ignoring_case(inner: &Map<String, Value>, which: &'static str) -> Result<String, Invalid> {
    let mut entries = inner.iter();
    let Some((operator, value)) = entries.next() else {
        return Err(Invalid::ExpressionNameNotFoundIn(which));
    };
    if operator != "equals-ignore-case" {
        return Err(Invalid::UnsupportedIn(
            if which == "Prefix" {
                "prefix"
            } else {
                "suffix"
            },
            operator.clone(),
        ));
    }
    let Value::String(text) = value else {
        return Err(Invalid::NotAString("equals-ignore-case"));
    };
    if entries.next().is_some() {
        return Err(Invalid::OnlyOneKey);
    }
    Ok(text.clone())
}

/// How the compiler names a member of a numeric expression in its errors.
fn token_text(value: Option<&Value>) -> String {
    match value {
        None => "]".into(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(_)) => "[".into(),
        Some(Value::Object(_)) => "{".into(),
        Some(other) => other.to_string(),
    }
}

fn number(value: Option<&Value>, operator: &str) -> Result<f64, Invalid> {
    value
        .and_then(Value::as_f64)
        .ok_or_else(|| Invalid::NotNumeric(operator.to_string()))
}

/// `["=", 5]`, `["<", 10]`, `[">", 0, "<=", 5]`, ...: the lower and upper bounds.
fn numeric(terms: &[Value]) -> Result<(Bound, Bound), Invalid> {
    let Some(Value::String(operator)) = terms.first() else {
        return Err(Invalid::NumericMember(token_text(terms.first())));
    };
    let end = |n: usize| {
        if terms.len() > n {
            Err(Invalid::TooManyElements)
        } else {
            Ok(())
        }
    };
    match operator.as_str() {
        "=" => {
            let v = number(terms.get(1), "equals")?;
            end(2)?;
            Ok((Some((v, false)), Some((v, false))))
        }
        "<" | "<=" => {
            let v = number(terms.get(1), operator)?;
            end(2)?;
            Ok((None, Some((v, operator == "<"))))
        }
        ">" | ">=" => {
            let bottom = number(terms.get(1), operator)?;
            let low = Some((bottom, operator == ">"));
            let Some(second) = terms.get(2) else {
                return Ok((low, None));
            };
            let Value::String(top_operator) = second else {
                return Err(Invalid::BadRangeValue(token_text(Some(second))));
            };
            if top_operator != "<" && top_operator != "<=" {
                return Err(Invalid::BadRangeOperator(top_operator.clone()));
            }
            let top = number(terms.get(3), top_operator)?;
            if terms.len() > 4 {
                return Err(Invalid::TooManyTerms);
            }
            if bottom >= top {
                return Err(Invalid::BottomNotBelowTop);
            }
            Ok((low, Some((top, top_operator == "<"))))
        }
        other => Err(Invalid::UnrecognizedNumericOperator(other.to_string())),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ButKind {
    Values,
    Prefix,
    Suffix,
    IgnoreCase,
    Wildcard,
}

fn anything_but(value: &Value) -> Result<AnythingBut, Invalid> {
    let (kind, value, inner_more) = match value {
        Value::Object(inner) => {
            let mut entries = inner.iter();
            let Some((operator, value)) = entries.next() else {
                return Err(Invalid::AnythingButNameNotFound);
            };
            let kind = match operator.as_str() {
                "equals-ignore-case" => ButKind::IgnoreCase,
                "prefix" => ButKind::Prefix,
                "suffix" => ButKind::Suffix,
                "wildcard" => ButKind::Wildcard,
                other => return Err(Invalid::UnsupportedAnythingBut(other.to_string())),
            };
            (kind, value, entries.next().is_some())
        }
        other => (ButKind::Values, other, false),
    };
    let values: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::String(_) | Value::Number(_) => vec![value],
        _ => return Err(Invalid::AnythingButValue),
    };
    let matcher = if kind == ButKind::Values {
        let mut texts = Vec::new();
        let mut numbers = Vec::new();
        for v in &values {
            match v {
                Value::String(text) => texts.push(text.clone()),
                Value::Number(n) => numbers.push(n.as_f64().unwrap_or(f64::NAN)),
                _ => return Err(Invalid::AnythingButListType),
            }
        }
        match (texts.is_empty(), numbers.is_empty()) {
            (false, true) => AnythingBut::Texts(texts),
            (true, false) => AnythingBut::Numbers(numbers),
            _ => return Err(Invalid::AnythingButMixed),
        }
    } else {
        let mut texts = Vec::new();
        for v in &values {
            let Value::String(text) = v else {
                return Err(match kind {
                    ButKind::IgnoreCase => Invalid::AnythingButIgnoreCaseType,
                    ButKind::Wildcard => Invalid::NotAString("wildcard"),
                    _ => Invalid::PrefixSuffixNotAString,
                });
            };
            if text.is_empty() && matches!(kind, ButKind::Prefix | ButKind::Suffix) {
                return Err(Invalid::NullPrefixSuffix);
            }
            texts.push(text.clone());
        }
        match kind {
            ButKind::Prefix => AnythingBut::Prefixes(texts),
            ButKind::Suffix => AnythingBut::Suffixes(texts),
            ButKind::IgnoreCase => AnythingBut::IgnoringCase(texts),
            _ => AnythingBut::Wildcards(
                texts
                    .iter()
                    .map(|t| wildcard(t))
                    .collect::<Result<_, _>>()?,
            ),
        }
    };
    if inner_more {
        return Err(Invalid::TooManyElements);
    }
    Ok(matcher)
}

/// A wildcard value: `*` stands for any run of characters (none too), `\*` and `\\` for
/// themselves.
fn wildcard(text: &str) -> Result<Glob, Invalid> {
    let bytes = text.as_bytes();
    let mut glob = Vec::with_capacity(bytes.len());
    let mut stars = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => {
                if bytes.get(i + 1) == Some(&b'*') {
                    // Positions count the value's opening quote, as the compiler reads it.
                    return Err(Invalid::ConsecutiveWildcards(i + 1));
                }
                stars += 1;
                glob.push(None);
            }
            b'\\' => match bytes.get(i + 1) {
                Some(&next) if next == b'*' || next == b'\\' => {
                    glob.push(Some(next));
                    i += 1;
                }
                _ => return Err(Invalid::InvalidEscape(i + 1)),
            },
            b => glob.push(Some(b)),
        }
        i += 1;
    }
    if stars > crate::assumptions::MAX_WILDCARDS {
        return Err(Invalid::TooComplex);
    }
    Ok(glob)
}

/// The four or sixteen bytes of an address written the way EventBridge recognises one: four
/// dotted decimal parts, or hex digits and colons. `Err` when it looks like an address and is not.
pub(super) fn ip_bytes(text: &str) -> Result<Option<Vec<u8>>, ()> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return parts
            .iter()
            .map(|p| p.parse::<u8>().map_err(|_| ()))
            .collect::<Result<Vec<u8>, ()>>()
            .map(Some);
    }
    if text.contains(':') && text.bytes().all(|b| b == b':' || b.is_ascii_hexdigit()) {
        return text
            .parse::<std::net::Ipv6Addr>()
            .map(|a| Some(a.octets().to_vec()))
            .map_err(|_| ());
    }
    Ok(None)
}

/// A pattern's string that is an IP address matches that address however the event writes it.
fn ip_literal(text: &str) -> Option<Vec<u8>> {
    ip_bytes(text).ok().flatten()
}

/// Splits as Java's `String.split` does: trailing empty parts are dropped.
fn java_split(text: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = text.split('/').collect();
    while parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    parts
}

/// `10.0.0.0/24`: the lowest and highest address of the block.
fn cidr(text: &str) -> Result<(Vec<u8>, Vec<u8>), Invalid> {
    let parts = java_split(text);
    if parts.len() != 2 {
        return Err(Invalid::CidrSlash);
    }
    let mask: i64 = parts[1]
        .parse::<i32>()
        .map_err(|_| Invalid::CidrMaskNotInteger)?
        .into();
    if mask < 0 {
        return Err(Invalid::CidrMaskNegative);
    }
    let address = match ip_bytes(parts[0]) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(Invalid::NonstandardIp(parts[0].to_string())),
        Err(()) => return Err(Invalid::InvalidIp(parts[0].to_string())),
    };
    let bits = address.len() as i64 * 8;
    if address.len() == 4 && mask > 31 {
        return Err(Invalid::Ipv4Mask);
    }
    if address.len() == 16 && mask > 127 {
        return Err(Invalid::Ipv6Mask);
    }
    let mut bottom = address.clone();
    let mut top = address;
    for bit in mask..bits {
        let (byte, shift) = ((bit / 8) as usize, 7 - (bit % 8));
        bottom[byte] &= !(1 << shift);
        top[byte] |= 1 << shift;
    }
    Ok((bottom, top))
}
