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
//!
//! The module is split by what each part does:
//!
//! - this module: the refusals, the compiled pattern's types, and the entry points;
//! - `parse.rs`: compiling a pattern and refusing what `PutRule` refuses;
//! - `matching.rs`: matching a compiled pattern against an event.

mod matching;
mod parse;

use parse::parse_object;
use serde_json::Value;
use std::collections::BTreeMap;
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

#[cfg(test)]
mod tests;
