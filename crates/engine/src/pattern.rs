//! EventBridge event patterns, matched as EventBridge matches them and refused in the words
//! `PutRule` answers with (`InvalidEventPatternException`).
//!
//! EventBridge matches rules with aws/event-ruler, so this module follows its compiler
//! (`JsonRuleCompiler`) for what is refused and in which order, and its matcher (`ByteMachine`,
//! `ACFinder`, `CIDR`) for what matches. The documented behaviour is in the EventBridge user guide
//! ("Content filtering in Amazon EventBridge event patterns", "Arrays in Amazon EventBridge event
//! patterns"); where the compiler and AWS differ, AWS's recorded answers win (LocalStack's
//! `test_events_patterns.snapshot.json`, `TestEventPattern` recorded against AWS): a nested `{}`
//! is accepted and adds no condition.
//!
//! How a pattern reads:
//! - every field of the pattern must match (and); a field matches when any of its values does
//!   (or); `$or` lists alternatives of two or more objects;
//! - the event is read as its leaves: each string, number, `true`, `false` or `null`, named by the
//!   dotted path of keys that leads to it. An array in the event is crushed out: each element is a
//!   value of the same field, so a field that is an array matches when any element matches. Two
//!   fields of one pattern never match in different elements of the same array;
//! - an object in the event is not a value: only `{"exists": false}` matches it;
//! - `anything-but`, like every operator except `exists: false`, needs the field: a missing field
//!   matches nothing but `{"exists": false}`. It matches `null` and values of another type.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The error code `PutRule` answers an invalid pattern with.
pub const ERROR_CODE: &str = "InvalidEventPatternException";

/// What every refusal's message starts with.
pub const MESSAGE_PREFIX: &str = "Event pattern is not valid. Reason: ";

/// Matching steps spent on one rule and one event before giving up (no match), so that a huge
/// event with many arrays cannot stall a run.
const MATCH_BUDGET: u32 = 200_000;

/// Why EventBridge refuses a pattern: the reason texts of `InvalidEventPatternException`, as
/// AWS writes them after [`MESSAGE_PREFIX`]. AWS also appends the parser's position
/// (`\n at [Source: (String)"..."; line: 1, column: N]`); the playground leaves that line out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// The pattern is not a JSON object.
    NotAnObject,
    /// A field holds a string, number, boolean or null instead of an object or an array.
    NotObjectOrArray(String),
    /// `"field": []`.
    EmptyArray,
    /// An array inside a field's array of values.
    MatchValue,
    /// `{}` among a field's values.
    ExpressionNameNotFound,
    /// A match expression with a second key.
    OnlyOneKey,
    /// The operator (`exact`, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`) has a value
    /// that is not a string. `cidr` answers as `prefix` does.
    NotAString(&'static str),
    /// An operator EventBridge does not know (names are case sensitive).
    UnrecognizedMatchType(String),
    /// `{"numeric": 5}`.
    NumericNotAnArray,
    /// The first member of `numeric` is not an operator string.
    NumericMember(String),
    /// The value after an operator is not a number.
    NotNumeric(String),
    /// `numeric` with an operator other than `=`, `<`, `<=`, `>`, `>=`.
    UnrecognizedNumericOperator(String),
    /// The second operator of a range is not a string.
    BadRangeValue(String),
    /// The second operator of a range is not `<` or `<=`.
    BadRangeOperator(String),
    /// A range with more than two bounds.
    TooManyTerms,
    /// Anything after a complete `numeric` or `anything-but` expression.
    TooManyElements,
    /// A range whose lower bound is not below its upper bound.
    BottomNotBelowTop,
    /// `{"anything-but": {}}`.
    AnythingButNameNotFound,
    /// `anything-but` with an inner operator other than `prefix`, `suffix`,
    /// `equals-ignore-case` or `wildcard`.
    UnsupportedAnythingBut(String),
    /// `anything-but` with a value that is not an array, a string or a number.
    AnythingButValue,
    /// `null`, a boolean or an object in an `anything-but` list.
    AnythingButListType,
    /// An `anything-but` list mixing strings and numbers, or empty.
    AnythingButMixed,
    /// An empty `anything-but` prefix or suffix.
    NullPrefixSuffix,
    /// Not a string under `anything-but` / `equals-ignore-case`.
    AnythingButIgnoreCaseType,
    /// Not a string under `anything-but` / `prefix` or `suffix`.
    PrefixSuffixNotAString,
    /// `{"prefix": {}}` or `{"suffix": {}}`.
    ExpressionNameNotFoundIn(&'static str),
    /// `prefix` or `suffix` with an inner operator other than `equals-ignore-case`.
    UnsupportedIn(&'static str, String),
    /// `exists` with a value other than `true` or `false`.
    ExistsNotBoolean,
    /// A CIDR without exactly one `/`.
    CidrSlash,
    /// A CIDR whose mask is not a whole number.
    CidrMaskNotInteger,
    /// A negative CIDR mask.
    CidrMaskNegative,
    /// An IPv4 mask over 31.
    Ipv4Mask,
    /// An IPv6 mask over 127.
    Ipv6Mask,
    /// An address shaped like one that does not parse.
    InvalidIp(String),
    /// Not an IPv4 or IPv6 address at all.
    NonstandardIp(String),
    /// `**` in a wildcard (the position counts the value's opening quote).
    ConsecutiveWildcards(usize),
    /// A backslash escaping anything but `*` or `\` (position as above).
    InvalidEscape(usize),
    /// Too many wildcards in one value.
    TooComplex,
    /// `$or` followed by something other than an array.
    OrNotAnArray,
    /// Something other than an object in a `$or` array.
    OrOnlyObjects,
    /// `$or` with fewer than two objects.
    OrTooFew,
    /// An operator's name used as a field name inside `$or`.
    OrReserved(String),
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::NotAnObject => f.write_str("Filter is not an object"),
            Invalid::NotObjectOrArray(key) => write!(f, "\"{key}\" must be an object or an array"),
            Invalid::EmptyArray => f.write_str("Empty arrays are not allowed"),
            Invalid::MatchValue => {
                f.write_str("Match value must be String, number, true, false, or null")
            }
            Invalid::ExpressionNameNotFound => f.write_str("Match expression name not found"),
            Invalid::OnlyOneKey => f.write_str("Only one key allowed in match expression"),
            Invalid::NotAString(op) => write!(f, "{op} match pattern must be a string"),
            Invalid::UnrecognizedMatchType(op) => write!(f, "Unrecognized match type {op}"),
            Invalid::NumericNotAnArray => f.write_str("Value of numeric must be an array."),
            Invalid::NumericMember(text) => write!(f, "Invalid member in numeric match: {text}"),
            Invalid::NotNumeric(op) => write!(f, "Value of {op} must be numeric"),
            Invalid::UnrecognizedNumericOperator(op) => {
                write!(f, "Unrecognized numeric range operator: {op}")
            }
            Invalid::BadRangeValue(text) => write!(f, "Bad value in numeric range: {text}"),
            Invalid::BadRangeOperator(op) => write!(f, "Bad numeric range operator: {op}"),
            Invalid::TooManyTerms => f.write_str("Too many terms in numeric range expression"),
            Invalid::TooManyElements => f.write_str("Too many elements in numeric expression"),
            Invalid::BottomNotBelowTop => f.write_str("Bottom must be less than top"),
            Invalid::AnythingButNameNotFound => f.write_str("Anything-But expression name not found"),
            Invalid::UnsupportedAnythingBut(op) => {
                write!(f, "Unsupported anything-but pattern: {op}")
            }
            Invalid::AnythingButValue => f.write_str(
                "Value of anything-but must be an array or single string/number value.",
            ),
            Invalid::AnythingButListType => {
                f.write_str("Inside anything but list, start|null|boolean is not supported.")
            }
            Invalid::AnythingButMixed => f.write_str(
                "Inside anything but list, either all values are number or string, mixed type is not supported",
            ),
            Invalid::NullPrefixSuffix => f.write_str("Null prefix/suffix not allowed"),
            Invalid::AnythingButIgnoreCaseType => f.write_str(
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
            ),
            Invalid::PrefixSuffixNotAString => {
                f.write_str("prefix/suffix match pattern must be a string")
            }
            Invalid::ExpressionNameNotFoundIn(which) => {
                write!(f, "{which} expression name not found")
            }
            Invalid::UnsupportedIn(which, op) => write!(f, "Unsupported {which} pattern: {op}"),
            Invalid::ExistsNotBoolean => {
                f.write_str("exists match pattern must be either true or false.")
            }
            Invalid::CidrSlash => f.write_str("Malformed CIDR, one '/' required"),
            Invalid::CidrMaskNotInteger => {
                f.write_str("Malformed CIDR, mask bits must be an integer")
            }
            Invalid::CidrMaskNegative => {
                f.write_str("Malformed CIDR, mask bits must not be negative")
            }
            Invalid::Ipv4Mask => f.write_str("IPv4 mask bits must be < 32"),
            Invalid::Ipv6Mask => f.write_str("IPv6 mask bits must be < 128"),
            Invalid::InvalidIp(ip) => write!(f, "Invalid IP address: {ip}"),
            Invalid::NonstandardIp(ip) => write!(f, "Nonstandard IP address: {ip}"),
            Invalid::ConsecutiveWildcards(pos) => {
                write!(f, "Consecutive wildcard characters at pos {pos}")
            }
            Invalid::InvalidEscape(pos) => write!(f, "Invalid escape character at pos {pos}"),
            Invalid::TooComplex => f.write_str(
                "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
            ),
            Invalid::OrNotAnArray => f.write_str("It must be an Array followed with $or."),
            Invalid::OrOnlyObjects => {
                f.write_str("Only JSON object is allowed in array of $or relationship.")
            }
            Invalid::OrTooFew => {
                f.write_str("There must have at least 2 Objects in $or relationship.")
            }
            Invalid::OrReserved(name) => write!(
                f,
                "{name} is Ruler reserved fieldName which cannot be used inside $or."
            ),
        }
    }
}

impl Invalid {
    /// The whole message `PutRule` answers with.
    pub fn message(&self) -> String {
        format!("{MESSAGE_PREFIX}{self}")
    }
}

/// Field names that cannot be used inside `$or` (event-ruler's reserved names).
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// One bound of a numeric range: the value and whether it is excluded.
type Bound = Option<(f64, bool)>;

/// A wildcard value: bytes to match, `None` standing for `*`.
type Glob = Vec<Option<u8>>;

/// What one of a field's values asks of the event's value.
#[derive(Clone, Debug, PartialEq)]
enum Matcher {
    /// A string, exactly.
    Text(String),
    /// An IP address, however it is written (a string value of the pattern that is an address).
    Ip(Vec<u8>),
    /// A number, by value (`300` matches `300.0`).
    Number(Value),
    /// `true`, `false` or `null`.
    Literal(Value),
    Prefix(String),
    PrefixIgnoreCase(String),
    Suffix(String),
    SuffixIgnoreCase(String),
    EqualsIgnoreCase(String),
    Wildcard(Glob),
    Numeric(Bound, Bound),
    Cidr(Vec<u8>, Vec<u8>),
    Exists(bool),
    AnythingBut(AnythingBut),
}

/// What `anything-but` refuses.
#[derive(Clone, Debug, PartialEq)]
enum AnythingBut {
    Texts(Vec<String>),
    Numbers(Vec<f64>),
    Prefixes(Vec<String>),
    Suffixes(Vec<String>),
    IgnoringCase(Vec<String>),
    Wildcards(Vec<Glob>),
}

/// One alternative of a pattern (`$or` makes several): each field's path and its values, in
/// path order.
type Branch = BTreeMap<String, Vec<Matcher>>;

/// A pattern EventBridge accepts, ready to match events.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    branches: Vec<Branch>,
}

/// Checks a pattern as `PutRule` does and compiles it. `null` (a rule without a pattern in the
/// scenario) compiles to a pattern that matches every event.
pub fn compile(pattern: &Value) -> Result<Pattern, Invalid> {
    let object = match pattern {
        Value::Null => {
            return Ok(Pattern {
                branches: vec![Branch::new()],
            })
        }
        Value::Object(object) => object,
        _ => return Err(Invalid::NotAnObject),
    };
    let mut branches = Vec::new();
    parse_object(object, &mut Vec::new(), &mut branches, false)?;
    if branches.is_empty() {
        // No field at all (`{}`, or only empty objects): no condition.
        branches.push(Branch::new());
    }
    Ok(Pattern { branches })
}

/// Whether `event` matches `pattern` (a pattern EventBridge would refuse matches nothing: the
/// rule would not exist).
pub fn matches(pattern: &Value, event: &Value) -> bool {
    compile(pattern).is_ok_and(|p| p.matches(event))
}

fn parse_object(
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

fn glob_matches(glob: &[Option<u8>], text: &[u8]) -> bool {
    // Classic two-pointer matching with backtracking to the last `*`.
    let (mut g, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match glob.get(g) {
            Some(Some(b)) if *b == text[t] => {
                g += 1;
                t += 1;
            }
            Some(None) => {
                star = Some((g, t));
                g += 1;
            }
            _ => match star {
                Some((sg, st)) => {
                    g = sg + 1;
                    t = st + 1;
                    star = Some((sg, st + 1));
                }
                None => return false,
            },
        }
    }
    glob[g..].iter().all(Option::is_none)
}

/// The four or sixteen bytes of an address written the way EventBridge recognises one: four
/// dotted decimal parts, or hex digits and colons. `Err` when it looks like an address and is not.
fn ip_bytes(text: &str) -> Result<Option<Vec<u8>>, ()> {
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

fn same_number(a: &Value, b: &Value) -> bool {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => a.as_f64().is_some_and(|x| b.as_f64() == Some(x)),
    }
}

fn within(value: f64, low: Bound, high: Bound) -> bool {
    let above = low.is_none_or(|(b, open)| if open { value > b } else { value >= b });
    let below = high.is_none_or(|(t, open)| if open { value < t } else { value <= t });
    above && below
}

impl Matcher {
    /// Whether this value of the pattern accepts one value of the event.
    fn accepts(&self, value: &Value) -> bool {
        let text = value.as_str();
        match self {
            Matcher::Text(t) => text == Some(t.as_str()),
            Matcher::Ip(address) => {
                text.is_some_and(|t| ip_bytes(t).ok().flatten().as_ref() == Some(address))
            }
            Matcher::Number(n) => value.is_number() && same_number(n, value),
            Matcher::Literal(l) => value == l,
            Matcher::Prefix(p) => text.is_some_and(|t| t.starts_with(p.as_str())),
            Matcher::PrefixIgnoreCase(p) => {
                text.is_some_and(|t| t.to_lowercase().starts_with(&p.to_lowercase()))
            }
            Matcher::Suffix(s) => text.is_some_and(|t| t.ends_with(s.as_str())),
            Matcher::SuffixIgnoreCase(s) => {
                text.is_some_and(|t| t.to_lowercase().ends_with(&s.to_lowercase()))
            }
            Matcher::EqualsIgnoreCase(e) => {
                text.is_some_and(|t| t.to_lowercase() == e.to_lowercase())
            }
            Matcher::Wildcard(glob) => text.is_some_and(|t| glob_matches(glob, t.as_bytes())),
            Matcher::Numeric(low, high) => value
                .as_f64()
                .filter(|_| value.is_number())
                .is_some_and(|v| within(v, *low, *high)),
            Matcher::Cidr(bottom, top) => text.is_some_and(|t| {
                ip_bytes(t)
                    .ok()
                    .flatten()
                    .is_some_and(|ip| ip.len() == bottom.len() && *bottom <= ip && ip <= *top)
            }),
            Matcher::Exists(exists) => *exists,
            Matcher::AnythingBut(but) => !but.refuses(value),
        }
    }
}

impl AnythingBut {
    /// Whether the event's value is one `anything-but` excludes. Values of another type are
    /// never excluded (a number is not one of the strings, and `null` is neither).
    fn refuses(&self, value: &Value) -> bool {
        let text = value.as_str();
        match self {
            AnythingBut::Texts(texts) => text.is_some_and(|t| texts.iter().any(|x| x == t)),
            AnythingBut::Numbers(numbers) => {
                value.is_number() && value.as_f64().is_some_and(|v| numbers.contains(&v))
            }
            AnythingBut::Prefixes(p) => {
                text.is_some_and(|t| p.iter().any(|x| t.starts_with(x.as_str())))
            }
            AnythingBut::Suffixes(s) => {
                text.is_some_and(|t| s.iter().any(|x| t.ends_with(x.as_str())))
            }
            AnythingBut::IgnoringCase(e) => text.is_some_and(|t| {
                let t = t.to_lowercase();
                e.iter().any(|x| x.to_lowercase() == t)
            }),
            AnythingBut::Wildcards(globs) => {
                text.is_some_and(|t| globs.iter().any(|g| glob_matches(g, t.as_bytes())))
            }
        }
    }
}

/// One value of the event: its dotted path, the value, and which element of each enclosing
/// array it sits in (array id, index).
struct Leaf<'a> {
    value: &'a Value,
    arrays: Vec<(u32, u32)>,
}

/// The event's leaves by path, as event-ruler reads an event.
struct Leaves<'a> {
    by_path: HashMap<String, Vec<Leaf<'a>>>,
    next_array: u32,
}

impl<'a> Leaves<'a> {
    fn of(event: &'a Value) -> Leaves<'a> {
        let mut leaves = Leaves {
            by_path: HashMap::new(),
            next_array: 0,
        };
        if let Value::Object(fields) = event {
            let mut path = Vec::new();
            let mut arrays = Vec::new();
            leaves.object(fields, &mut path, &mut arrays);
        }
        leaves
    }

    fn object(
        &mut self,
        fields: &'a Map<String, Value>,
        path: &mut Vec<&'a str>,
        arrays: &mut Vec<(u32, u32)>,
    ) {
        for (key, value) in fields {
            path.push(key);
            self.value(value, path, arrays);
            path.pop();
        }
    }

    fn value(&mut self, value: &'a Value, path: &mut Vec<&'a str>, arrays: &mut Vec<(u32, u32)>) {
        match value {
            Value::Object(fields) => self.object(fields, path, arrays),
            Value::Array(items) => {
                let id = self.next_array;
                self.next_array += 1;
                for (index, item) in items.iter().enumerate() {
                    if item.is_object() || item.is_array() {
                        arrays.push((id, index as u32));
                        self.value(item, path, arrays);
                        arrays.pop();
                    } else {
                        self.value(item, path, arrays);
                    }
                }
            }
            leaf => self.by_path.entry(path.join(".")).or_default().push(Leaf {
                value: leaf,
                arrays: arrays.clone(),
            }),
        }
    }
}

/// Two leaves can match together unless they sit in different elements of the same array.
fn consistent(so_far: &[(u32, u32)], leaf: &[(u32, u32)]) -> bool {
    leaf.iter().all(|(id, index)| {
        so_far
            .iter()
            .all(|(other, other_index)| other != id || other_index == index)
    })
}

impl Pattern {
    /// Whether the event (the whole EventBridge event: `source`, `detail-type`, `detail`, ...)
    /// matches.
    pub fn matches(&self, event: &Value) -> bool {
        let leaves = Leaves::of(event);
        self.branches.iter().any(|branch| {
            let fields: Vec<(&String, &Vec<Matcher>)> = branch.iter().collect();
            let mut budget = MATCH_BUDGET;
            fits(&fields, &leaves, &mut Vec::new(), &mut budget)
        })
    }
}

/// Whether the fields from the first on can all match, keeping array elements consistent with
/// the ones chosen so far.
fn fits(
    fields: &[(&String, &Vec<Matcher>)],
    leaves: &Leaves,
    chosen: &mut Vec<(u32, u32)>,
    budget: &mut u32,
) -> bool {
    let Some(((path, matchers), rest)) = fields.split_first() else {
        return true;
    };
    let candidates = leaves
        .by_path
        .get(path.as_str())
        .map_or(&[][..], Vec::as_slice);
    for leaf in candidates {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if consistent(chosen, &leaf.arrays) && matchers.iter().any(|m| m.accepts(leaf.value)) {
            let before = chosen.len();
            for &(id, index) in &leaf.arrays {
                if !chosen[..before].iter().any(|(c, _)| *c == id) {
                    chosen.push((id, index));
                }
            }
            let found = fits(rest, leaves, chosen, budget);
            chosen.truncate(before);
            if found {
                return true;
            }
        }
    }
    let absent = matchers.contains(&Matcher::Exists(false))
        && !candidates.iter().any(|l| consistent(chosen, &l.arrays));
    absent && fits(rest, leaves, chosen, budget)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused(pattern: Value) -> String {
        match compile(&pattern) {
            Err(e) => e.message(),
            Ok(_) => panic!("accepted: {pattern}"),
        }
    }

    fn yes(pattern: Value, event: Value) {
        let compiled = compile(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert!(compiled.matches(&event), "{pattern} should match {event}");
    }

    fn no(pattern: Value, event: Value) {
        let compiled = compile(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert!(
            !compiled.matches(&event),
            "{pattern} should not match {event}"
        );
    }

    #[test]
    fn exact_values_match_strings_numbers_booleans_and_null_by_type() {
        yes(
            json!({"source": ["lambda", "other"]}),
            json!({"source": "lambda"}),
        );
        no(json!({"source": ["lambda"]}), json!({"source": "Lambda"}));
        no(json!({"source": ["lambda"]}), json!({}));
        yes(json!({"n": [300]}), json!({"n": 300.0}));
        yes(json!({"n": [3.018e2]}), json!({"n": 301.8}));
        no(json!({"n": [300]}), json!({"n": "300"}));
        no(json!({"n": ["300"]}), json!({"n": 300}));
        yes(json!({"b": [false]}), json!({"b": false}));
        no(json!({"b": [false]}), json!({"b": "false"}));
        yes(json!({"x": [null]}), json!({"x": null}));
        no(json!({"x": [null]}), json!({"x": "null"}));
        no(json!({"x": [null]}), json!({}));
        yes(json!({"e": [""]}), json!({"e": ""}));
        yes(json!({"k": [{"exactly": "a"}]}), json!({"k": "a"}));
    }

    #[test]
    fn keys_are_case_sensitive_and_json_strings_are_not_parsed() {
        no(json!({"MY_KEY": ["v"]}), json!({"my_key": "v"}));
        no(
            json!({"detail": {"k": ["v"]}}),
            json!({"detail": "{\"k\": \"v\"}"}),
        );
    }

    #[test]
    fn nested_fields_and_dotted_names_reach_the_same_value() {
        let event = json!({"detail": {"state": {"status": "running"}}});
        yes(
            json!({"detail": {"state": {"status": ["running"]}}}),
            event.clone(),
        );
        yes(json!({"detail": {"state.status": ["running"]}}), event);
        yes(
            json!({"detail": {"state": {"status": ["running"]}}}),
            json!({"detail": {"state.status": "running"}}),
        );
    }

    #[test]
    fn an_array_in_the_event_matches_when_any_element_does() {
        let event = json!({"resources": ["arn:a", "arn:b"]});
        yes(json!({"resources": ["arn:b", "arn:c"]}), event.clone());
        no(json!({"resources": ["arn:c"]}), event);
        no(json!({"resources": [null]}), json!({"resources": []}));
        yes(
            json!({"employees": {"first": ["Anna"]}}),
            json!({"employees": [{"first": "John"}, {"first": "Anna"}]}),
        );
        yes(
            json!({"list": {"n": [2]}}),
            json!({"list": [[{"n": 1}], [{"n": 2}]]}),
        );
    }

    #[test]
    fn two_fields_never_match_in_different_elements_of_one_array() {
        let event = json!({"employees": [
            {"first": "John", "last": "Doe"},
            {"first": "Anna", "last": "Smith"}]});
        yes(
            json!({"employees": {"first": ["Anna"], "last": ["Smith"]}}),
            event.clone(),
        );
        no(
            json!({"employees": {"first": ["Anna"], "last": ["Doe"]}}),
            event,
        );
    }

    #[test]
    fn prefix_and_suffix_match_strings_only_with_or_without_case() {
        yes(
            json!({"t": [{"prefix": "2017-10"}]}),
            json!({"t": "2017-10-02T18:43:48Z"}),
        );
        no(
            json!({"t": [{"prefix": "2017-10"}]}),
            json!({"t": "2018-10-02"}),
        );
        no(json!({"n": [{"prefix": "1"}]}), json!({"n": 12}));
        yes(json!({"s": [{"prefix": ""}]}), json!({"s": "anything"}));
        no(json!({"s": [{"prefix": ""}]}), json!({"s": null}));
        yes(json!({"f": [{"suffix": ".png"}]}), json!({"f": "cat.png"}));
        no(json!({"f": [{"suffix": ".png"}]}), json!({"f": "cat.PNG"}));
        yes(
            json!({"f": [{"suffix": {"equals-ignore-case": ".png"}}]}),
            json!({"f": "cat.PNG"}),
        );
        yes(
            json!({"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}),
            json!({"s": "eventbridge"}),
        );
        no(
            json!({"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}),
            json!({"s": "lambda"}),
        );
    }

    #[test]
    fn equals_ignore_case_matches_a_string_in_any_case() {
        yes(
            json!({"d": [{"equals-ignore-case": "EC2 Instance"}]}),
            json!({"d": "ec2 INSTANCE"}),
        );
        no(
            json!({"d": [{"equals-ignore-case": "EC2 Instance"}]}),
            json!({"d": "ec2 instances"}),
        );
        yes(json!({"v": [{"equals-ignore-case": ""}]}), json!({"v": ""}));
        no(
            json!({"v": [{"equals-ignore-case": ""}]}),
            json!({"v": "x"}),
        );
    }

    #[test]
    fn anything_but_matches_every_other_value_but_never_a_missing_field() {
        let p = json!({"state": [{"anything-but": "initializing"}]});
        yes(p.clone(), json!({"state": "pending"}));
        no(p.clone(), json!({"state": "initializing"}));
        no(p.clone(), json!({}));
        yes(p.clone(), json!({"state": null}));
        yes(p, json!({"state": 12}));
        let list = json!({"state": [{"anything-but": ["stopped", "overloaded"]}]});
        yes(list.clone(), json!({"state": "running"}));
        no(list, json!({"state": "stopped"}));
        let numbers = json!({"x": [{"anything-but": [100, 200, 300]}]});
        yes(numbers.clone(), json!({"x": 999}));
        no(numbers.clone(), json!({"x": 100.0}));
        yes(numbers, json!({"x": "100"}));
        yes(json!({"x": [{"anything-but": 0}]}), json!({"x": 789}));
        // An array matches when one of its values is not excluded.
        yes(
            json!({"s": [{"anything-but": "a"}]}),
            json!({"s": ["a", "b"]}),
        );
        no(json!({"s": [{"anything-but": "a"}]}), json!({"s": ["a"]}));
    }

    #[test]
    fn anything_but_prefix_suffix_ignore_case_and_wildcard() {
        let prefix = json!({"s": [{"anything-but": {"prefix": "init"}}]});
        yes(prefix.clone(), json!({"s": "running"}));
        no(prefix.clone(), json!({"s": "initializing"}));
        yes(prefix.clone(), json!({"s": 12}));
        yes(prefix.clone(), json!({"s": null}));
        no(prefix, json!({}));
        let prefixes = json!({"s": [{"anything-but": {"prefix": ["init", "test"]}}]});
        no(prefixes.clone(), json!({"s": "testing"}));
        yes(prefixes, json!({"s": "prod"}));
        let suffix = json!({"f": [{"anything-but": {"suffix": ".txt"}}]});
        yes(suffix.clone(), json!({"f": "a.png"}));
        no(suffix, json!({"f": "a.txt"}));
        let case =
            json!({"s": [{"anything-but": {"equals-ignore-case": ["Stopped", "OverLoaded"]}}]});
        no(case.clone(), json!({"s": "STOPPED"}));
        yes(case.clone(), json!({"s": "running"}));
        no(case, json!({}));
        let wildcard = json!({"p": [{"anything-but": {"wildcard": "*/init/*"}}]});
        no(wildcard.clone(), json!({"p": "dir/init/file"}));
        yes(wildcard.clone(), json!({"p": "dir/other/file"}));
        yes(wildcard, json!({"p": 123}));
        yes(
            json!({"p": [{"anything-but": {"wildcard": ""}}]}),
            json!({"p": "dir/init/file"}),
        );
    }

    #[test]
    fn numeric_ranges_match_json_numbers_only() {
        let p = json!({"c": [{"numeric": [">", 0, "<=", 5]}]});
        yes(p.clone(), json!({"c": 5}));
        yes(p.clone(), json!({"c": 0.5}));
        no(p.clone(), json!({"c": 0}));
        no(p.clone(), json!({"c": 5.01}));
        no(p.clone(), json!({"c": "3"}));
        no(p.clone(), json!({"c": null}));
        no(p, json!({}));
        yes(json!({"n": [{"numeric": [">", 100]}]}), json!({"n": 101.0}));
        no(json!({"n": [{"numeric": [">", 100]}]}), json!({"n": 100}));
        yes(json!({"n": [{"numeric": [">=", 100]}]}), json!({"n": 100}));
        yes(json!({"n": [{"numeric": ["<", 10]}]}), json!({"n": -3}));
        no(json!({"n": [{"numeric": ["<", 10]}]}), json!({"n": 10}));
        yes(json!({"n": [{"numeric": ["<=", 10]}]}), json!({"n": 10}));
        yes(
            json!({"n": [{"numeric": ["=", 3.018e2]}]}),
            json!({"n": 301.8}),
        );
        no(json!({"n": [{"numeric": ["=", 301]}]}), json!({"n": 301.8}));
        yes(
            json!({"n": [{"numeric": [">=", 1, "<", 2]}]}),
            json!({"n": [0, 1.5]}),
        );
    }

    #[test]
    fn exists_looks_at_leaf_values_only() {
        let present = json!({"detail": {"state": [{"exists": true}]}});
        yes(present.clone(), json!({"detail": {"state": "pending"}}));
        yes(present.clone(), json!({"detail": {"state": null}}));
        no(present.clone(), json!({"detail": {"other": 1}}));
        no(present.clone(), json!({"detail": {"state": {"inner": 1}}}));
        no(present, json!({"detail": {"state": []}}));
        let absent = json!({"detail": {"state": [{"exists": false}]}});
        yes(absent.clone(), json!({"detail": {"other": 1}}));
        yes(absent.clone(), json!({}));
        yes(absent.clone(), json!({"detail": {"state": {"inner": 1}}}));
        no(absent.clone(), json!({"detail": {"state": "pending"}}));
        no(absent, json!({"detail": {"state": null}}));
    }

    #[test]
    fn exists_false_beside_another_value_matches_a_missing_field_or_the_other_value() {
        let p = json!({"h": {"S": [{"anything-but": ["roses"]}, {"exists": false}]}});
        yes(p.clone(), json!({"h": {"N": "789"}}));
        yes(p.clone(), json!({"h": {"S": "tulips"}}));
        no(p, json!({"h": {"S": "roses"}}));
    }

    #[test]
    fn wildcards_match_any_run_of_characters_and_escapes_stand_for_themselves() {
        let p = json!({"f": [{"wildcard": "/Users/*/doc.txt"}]});
        yes(p.clone(), json!({"f": "/Users/ana/dir/doc.txt"}));
        no(p.clone(), json!({"f": "/Users/ana/dir/notdoc.txt.bak"}));
        no(p, json!({"f": 7}));
        yes(json!({"f": [{"wildcard": "h*llo"}]}), json!({"f": "hllo"}));
        yes(json!({"f": [{"wildcard": "*"}]}), json!({"f": ""}));
        no(json!({"f": [{"wildcard": ""}]}), json!({"f": "x"}));
        yes(json!({"f": [{"wildcard": "a\\*b"}]}), json!({"f": "a*b"}));
        no(json!({"f": [{"wildcard": "a\\*b"}]}), json!({"f": "axb"}));
        yes(json!({"f": [{"wildcard": "a\\\\b"}]}), json!({"f": "a\\b"}));
        yes(
            json!({"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}),
            json!({"arn": "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"}),
        );
    }

    #[test]
    fn cidr_matches_addresses_in_the_block_for_ipv4_and_ipv6() {
        let v4 = json!({"ip": [{"cidr": "10.0.0.0/24"}]});
        yes(v4.clone(), json!({"ip": "10.0.0.255"}));
        no(v4.clone(), json!({"ip": "10.0.1.0"}));
        no(v4.clone(), json!({"ip": "10.0.0.256"}));
        no(v4, json!({"ip": 123}));
        let v6 = json!({"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]});
        yes(
            v6.clone(),
            json!({"ip": "2001:0db8:1234:1a00:0000:0000:0000:0001"}),
        );
        no(v6, json!({"ip": "2001:0db8:123f:1a01::"}));
        // A pattern's address matches the same address written another way.
        yes(
            json!({"ip": ["2001:db8::1"]}),
            json!({"ip": "2001:0db8:0:0:0:0:0:1"}),
        );
    }

    #[test]
    fn or_lists_alternatives_and_combines_with_the_other_fields() {
        let p = json!({"source": ["lambda"], "detail": {"$or": [
            {"c": [{"numeric": [">", 0, "<=", 5]}]},
            {"d": [{"numeric": ["<", 10]}]}]}});
        yes(
            p.clone(),
            json!({"source": "lambda", "detail": {"c": 0, "d": 3}}),
        );
        no(
            p.clone(),
            json!({"source": "lambda", "detail": {"c": 0, "d": 10}}),
        );
        no(p, json!({"source": "s3", "detail": {"c": 1}}));
        let nested = json!({"$or": [
            {"a": [1]},
            {"b": [2], "$or": [{"c": [3]}, {"d": [4]}]}]});
        yes(nested.clone(), json!({"b": 2, "d": 4}));
        no(nested, json!({"b": 2, "d": 5}));
    }

    #[test]
    fn empty_objects_add_no_condition_and_null_matches_everything() {
        yes(json!({}), json!({"source": "x"}));
        yes(
            json!({"detail": {"automations": {}}}),
            json!({"detail": {}}),
        );
        yes(Value::Null, json!({"source": "x"}));
    }

    #[test]
    fn a_lambda_failure_record_is_routed_by_its_error_type() {
        let event = json!({"source": "lambda", "detail-type": "Lambda Function Invocation Result - Failure",
            "detail": {"requestContext": {"condition": "RetriesExhausted"},
                "responsePayload": {"errorType": "ValueError", "errorMessage": "bad"}}});
        yes(
            json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["TimeoutError"]}]}}}),
            event.clone(),
        );
        no(
            json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["ValueError"]}]}}}),
            event.clone(),
        );
        yes(
            json!({"detail": {"requestContext": {"condition": [{"prefix": "Retries"}]}}}),
            event,
        );
        // A ZeroReservedConcurrency record has no responsePayload: anything-but does not match it.
        no(
            json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["ValueError"]}]}}}),
            json!({"detail": {"requestContext": {"condition": "ZeroReservedConcurrency"}}}),
        );
    }

    #[test]
    fn refusals_use_eventbridges_words() {
        let cases = [
            (json!(["x"]), "Filter is not an object"),
            (json!({"int": 42}), "\"int\" must be an object or an array"),
            (json!({"string": "my-value"}), "\"string\" must be an object or an array"),
            (json!({"resources": []}), "Empty arrays are not allowed"),
            (json!({"a": [[1]]}), "Match value must be String, number, true, false, or null"),
            (json!({"a": [{}]}), "Match expression name not found"),
            (json!({"a": [{"prefix": "x", "suffix": "y"}]}), "Only one key allowed in match expression"),
            (json!({"my_key": [{"EXISTS": true}]}), "Unrecognized match type EXISTS"),
            (json!({"d": {"e": [{"NUMERIC": ["=", 5]}]}}), "Unrecognized match type NUMERIC"),
            (json!({"time": [{"prefix": ["2022-07-13"]}]}), "prefix match pattern must be a string"),
            (json!({"time": [{"prefix": 123}]}), "prefix match pattern must be a string"),
            (json!({"f": [{"suffix": [".png"]}]}), "suffix match pattern must be a string"),
            (json!({"d": [{"equals-ignore-case": ["x"]}]}), "equals-ignore-case match pattern must be a string"),
            (json!({"d": [{"equals-ignore-case": {"prefix": "x"}}]}), "equals-ignore-case match pattern must be a string"),
            (json!({"e": [{"wildcard": 123}]}), "wildcard match pattern must be a string"),
            (json!({"e": [{"wildcard": ["a*"]}]}), "wildcard match pattern must be a string"),
            (json!({"e": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}), "Consecutive wildcard characters at pos 26"),
            (json!({"e": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}), "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"),
            (json!({"e": [{"wildcard": "a\\b"}]}), "Invalid escape character at pos 2"),
            (json!({"c": [{"numeric": 10}]}), "Value of numeric must be an array."),
            (json!({"c": [{"numeric": [">", 0, ">", 0]}]}), "Bad numeric range operator: >"),
            (json!({"c": [{"numeric": [">", 0, "<"]}]}), "Value of < must be numeric"),
            (json!({"c": [{"numeric": ["=", "5"]}]}), "Value of equals must be numeric"),
            (json!({"c": [{"numeric": ["!=", 5]}]}), "Unrecognized numeric range operator: !="),
            (json!({"c": [{"numeric": [5]}]}), "Invalid member in numeric match: 5"),
            (json!({"c": [{"numeric": []}]}), "Invalid member in numeric match: ]"),
            (json!({"c": [{"numeric": ["<", 5, 6]}]}), "Too many elements in numeric expression"),
            (json!({"c": [{"numeric": [">", 0, 5]}]}), "Bad value in numeric range: 5"),
            (json!({"c": [{"numeric": [">", 0, "<", 5, 6]}]}), "Too many terms in numeric range expression"),
            (json!({"c": [{"numeric": [">", 5, "<", 5]}]}), "Bottom must be less than top"),
            (json!({"c": [{"numeric": ["<", 5], "x": 1}]}), "Too many elements in numeric expression"),
            (json!({"s": [{"anything-but": null}]}), "Value of anything-but must be an array or single string/number value."),
            (json!({"s": [{"anything-but": true}]}), "Value of anything-but must be an array or single string/number value."),
            (json!({"s": [{"anything-but": ["stopped", null]}]}), "Inside anything but list, start|null|boolean is not supported."),
            (json!({"s": [{"anything-but": ["a", 1]}]}), "Inside anything but list, either all values are number or string, mixed type is not supported"),
            (json!({"s": [{"anything-but": []}]}), "Inside anything but list, either all values are number or string, mixed type is not supported"),
            (json!({"s": [{"anything-but": {"equals-ignore-case": 123}}]}), "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
            (json!({"s": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}), "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
            (json!({"s": [{"anything-but": {"prefix": 123}}]}), "prefix/suffix match pattern must be a string"),
            (json!({"s": [{"anything-but": {"suffix": [null, ".txt"]}}]}), "prefix/suffix match pattern must be a string"),
            (json!({"s": [{"anything-but": {"prefix": ""}}]}), "Null prefix/suffix not allowed"),
            (json!({"s": [{"anything-but": {"suffix": ""}}]}), "Null prefix/suffix not allowed"),
            (json!({"s": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}), "Value of anything-but must be an array or single string/number value."),
            (json!({"s": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}), "wildcard match pattern must be a string"),
            (json!({"s": [{"anything-but": {"contains": "x"}}]}), "Unsupported anything-but pattern: contains"),
            (json!({"s": [{"anything-but": {}}]}), "Anything-But expression name not found"),
            (json!({"s": [{"anything-but": "x", "prefix": "y"}]}), "Too many elements in numeric expression"),
            (json!({"s": [{"prefix": {"contains": "x"}}]}), "Unsupported prefix pattern: contains"),
            (json!({"s": [{"suffix": {}}]}), "Suffix expression name not found"),
            (json!({"s": [{"exists": "true"}]}), "exists match pattern must be either true or false."),
            (json!({"ip": [{"cidr": ["bad-type"]}]}), "prefix match pattern must be a string"),
            (json!({"ip": [{"cidr": "10.0.0.0"}]}), "Malformed CIDR, one '/' required"),
            (json!({"ip": [{"cidr": "10.0.0.0/x"}]}), "Malformed CIDR, mask bits must be an integer"),
            (json!({"ip": [{"cidr": "10.0.0.0/-1"}]}), "Malformed CIDR, mask bits must not be negative"),
            (json!({"ip": [{"cidr": "10.0.0.0/32"}]}), "IPv4 mask bits must be < 32"),
            (json!({"ip": [{"cidr": "::/128"}]}), "IPv6 mask bits must be < 128"),
            (json!({"ip": [{"cidr": "xx.11.xx/24"}]}), "Nonstandard IP address: xx.11.xx"),
            (json!({"ip": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}), "Nonstandard IP address: xxxx:db8:1234:1a00::"),
            (json!({"ip": [{"cidr": "10.0.0.256/24"}]}), "Invalid IP address: 10.0.0.256"),
            (json!({"$or": {"a": [1]}}), "It must be an Array followed with $or."),
            (json!({"$or": [{"a": [1]}, "b"]}), "Only JSON object is allowed in array of $or relationship."),
            (json!({"$or": [{"a": [1]}]}), "There must have at least 2 Objects in $or relationship."),
            (json!({"$or": [{"a": [1]}, {"numeric": [1]}]}), "numeric is Ruler reserved fieldName which cannot be used inside $or."),
        ];
        for (pattern, reason) in cases {
            assert_eq!(
                refused(pattern.clone()),
                format!("Event pattern is not valid. Reason: {reason}"),
                "{pattern}"
            );
        }
    }

    #[test]
    fn the_first_problem_in_the_pattern_is_the_one_reported() {
        assert_eq!(
            refused(json!({"a": [], "b": 1})),
            "Event pattern is not valid. Reason: Empty arrays are not allowed"
        );
        assert_eq!(
            refused(json!({"b": 1, "a": []})),
            "Event pattern is not valid. Reason: \"b\" must be an object or an array"
        );
    }

    #[test]
    fn a_huge_event_cannot_stall_matching() {
        let items: Vec<Value> = (0..300).map(|i| json!({"a": i, "b": i, "c": i})).collect();
        let event = json!({"x": items.clone(), "y": items});
        no(
            json!({"x": {"a": [{"numeric": [">=", 0]}], "b": [{"numeric": [">=", 0]}]},
                   "y": {"a": [{"numeric": [">=", 0]}], "c": [-1]}}),
            event,
        );
    }
}
