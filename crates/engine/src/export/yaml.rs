//! A small YAML emitter for [`serde_json::Value`] trees: block style, two-space indents, plain
//! scalars only where no YAML 1.1 reader (PyYAML, which cfn-lint and the SAM CLI use) could read
//! them as anything but the same string, double quotes with escapes everywhere else, and literal
//! blocks (`|`) for multi-line text such as inline function code.
//!
//! Writing the few lines here keeps a YAML library out of the wasm bundle. Intrinsic functions are
//! written in their long form (`Ref:`, `Fn::GetAtt:`), which needs no tags.

use serde_json::Value;

/// The YAML document for `value`, preceded by `comments` as `#` lines.
pub fn document(value: &Value, comments: &[String]) -> String {
    let mut out = String::new();
    for line in comments {
        out.push_str("# ");
        out.push_str(&super::comment_text(line));
        out.push('\n');
    }
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_list(&mut out, items, 0),
        other => {
            write_inline(&mut out, other, 0);
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, level: usize) {
    for (i, (key, value)) in map.iter().enumerate() {
        // The first entry of a map that is a list item goes right after the `- `.
        if i > 0 || !out.ends_with("- ") {
            indent(out, level);
        }
        out.push_str(&scalar(key));
        out.push(':');
        write_value_after_key(out, value, level);
    }
}

fn write_list(out: &mut String, items: &[Value], level: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            indent(out, level);
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_map(out, map, level + 1),
            Value::Array(inner) if !inner.is_empty() => write_list(out, inner, level + 1),
            other => {
                write_inline(out, other, level + 1);
                out.push('\n');
            }
        }
    }
}

fn write_value_after_key(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, level + 1);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_list(out, items, level + 1);
        }
        other => {
            out.push(' ');
            write_inline(out, other, level + 1);
            out.push('\n');
        }
    }
}

/// Scalars and empty collections; a multi-line string becomes a literal block indented at `level`.
fn write_inline(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        Value::String(s) => match literal_block(s) {
            Some((indicator, body)) => {
                out.push_str(indicator);
                for line in body.split('\n') {
                    out.push('\n');
                    if !line.is_empty() {
                        indent(out, level);
                        out.push_str(line);
                    }
                }
            }
            None => out.push_str(&scalar(s)),
        },
    }
}

/// `(indicator, lines)` when `text` can be a literal block scalar and reads back unchanged.
fn literal_block(text: &str) -> Option<(&'static str, &str)> {
    if !text.contains('\n') || text.starts_with([' ', '\n']) {
        return None;
    }
    if !text.chars().all(|c| c == '\n' || c == '\t' || printable(c)) {
        return None;
    }
    // Trailing whitespace-only lines change meaning under chomping; keep those quoted.
    let body = text.strip_suffix('\n');
    match body {
        Some(body) if !body.ends_with('\n') && !body.ends_with([' ', '\t']) => Some(("|", body)),
        None if !text.ends_with([' ', '\t']) => Some(("|-", text)),
        _ => None,
    }
}

/// A character PyYAML accepts unescaped and does not treat as a line break.
fn printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}')
}

/// A string as a YAML scalar: plain when unambiguous, otherwise double-quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else if text.contains(['"', '\\'])
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && text.chars().all(printable)
    {
        // JSON inside a string reads better without a backslash before every quote.
        format!("'{}'", text.replace('\'', "''"))
    } else {
        double_quoted(text)
    }
}

/// Plain only for strings that start with a letter, use a small set of characters, and are not
/// one of YAML 1.1's booleans or nulls. Anything else is quoted: numbers, dates, `: `, ` #`,
/// leading `$`, `*`, `&`, `!`, `%`, `@`, quotes, brackets, and every non-ASCII character.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !first.is_ascii_alphabetic() || text.ends_with([' ', ':']) {
        return false;
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " _-./:$*".contains(c))
    {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.contains("  ") {
        return false;
    }
    const RESERVED: [&str; 11] = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf",
    ];
    !RESERVED.contains(&text.to_ascii_lowercase().as_str())
}

/// A double-quoted YAML scalar with every non-printable character escaped.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn words_that_yaml_would_read_as_other_types_are_quoted() {
        for text in [
            "true",
            "No",
            "null",
            "1.5",
            "2026-01-01",
            "12:30",
            "0x1f",
            "",
            "$LATEST",
            "a: b",
            "a #b",
            "~",
        ] {
            assert!(scalar(text).starts_with('"'), "{text} stays plain");
        }
        assert_eq!(
            scalar("arn:aws:sqs:us-east-2:1:q"),
            "arn:aws:sqs:us-east-2:1:q"
        );
        assert_eq!(scalar("AWS::Lambda::Function"), "AWS::Lambda::Function");
        assert_eq!(scalar(r#"{"a":"it's"}"#), r#"'{"a":"it''s"}'"#);
    }

    #[test]
    fn line_separators_and_control_characters_are_escaped() {
        assert_eq!(
            double_quoted("a\u{2028}b\u{85}c\u{1}\u{feff}"),
            "\"a\\u2028b\\u0085c\\u0001\\uFEFF\""
        );
        assert_eq!(double_quoted("café ☕ 🎉"), "\"café ☕ 🎉\"");
    }

    #[test]
    fn nested_maps_and_lists_are_indented_in_block_style() {
        let value = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [{"Key": "a", "Value": "b"}, "x", [], {}]}}}});
        assert_eq!(
            document(&value, &["hello".into()]),
            "# hello\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n        - Key: a\n          Value: b\n        - x\n        - []\n        - {}\n"
        );
    }

    #[test]
    fn code_becomes_a_literal_block() {
        let value = json!({"ZipFile": "def f():\n    return 1\n\nx = 2\n"});
        assert_eq!(
            document(&value, &[]),
            "ZipFile: |\n  def f():\n      return 1\n\n  x = 2\n"
        );
        let value = json!({"A": "no newline\nat end"});
        assert_eq!(document(&value, &[]), "A: |-\n  no newline\n  at end\n");
        let value = json!({"A": "two\n\n"});
        assert_eq!(document(&value, &[]), "A: \"two\\n\\n\"\n");
    }
}
