//! One document tree for JSON and YAML templates, with the line of every value, so notes can
//! say where they were. YAML short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) become the long
//! JSON forms (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`), so one reader handles both.
//!
//! Both builders are iterative or depth-capped ([`MAX_DEPTH`]) and count values, aliases
//! expanded ([`MAX_VALUES`]), so hostile input ends in an error, not a stack overflow or an
//! exponential blow-up.

use super::ImportError;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::HashMap;

/// Deepest nesting read.
pub const MAX_DEPTH: usize = 64;
/// Most values read, YAML aliases expanded.
pub const MAX_VALUES: usize = 200_000;

/// A value of the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// A string, number or boolean, as written. `plain` is false for quoted text (so `"5"` stays
    /// a string when converted to JSON).
    Scalar { text: String, plain: bool },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(String, Node)>),
}

/// A value and the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
}

impl Node {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a list (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|(_, v)| v.count()).sum(),
            _ => 0,
        }
    }
}

/// Reads JSON text into a tree. The text is first checked by `serde_json` so errors carry its
/// messages.
pub fn parse_json(text: &str) -> Result<Node, ImportError> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        return Err(ImportError::Json {
            line: e.line(),
            column: e.column(),
            message,
        });
    }
    let mut reader = JsonReader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        values: 0,
    };
    reader.value(0)
}

struct JsonReader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: usize,
    values: usize,
}

impl JsonReader<'_> {
    fn skip_space(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    fn invalid(&self) -> ImportError {
        ImportError::Json {
            line: self.line,
            column: 0,
            message: "unexpected input".into(),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ImportError> {
        if depth > MAX_DEPTH {
            return Err(ImportError::TooDeep {
                line: self.line,
                limit: MAX_DEPTH,
            });
        }
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(ImportError::TooManyValues { limit: MAX_VALUES });
        }
        self.skip_space();
        let line = self.line;
        let value = match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        Some(b',') => self.at += 1,
                        Some(b'"') => {
                            let key_line = self.line;
                            let key = self.string()?;
                            self.skip_space();
                            if self.bytes.get(self.at) != Some(&b':') {
                                return Err(self.invalid());
                            }
                            self.at += 1;
                            let mut value = self.value(depth + 1)?;
                            // Notes point at the key: that is where a reader looks.
                            value.line = key_line;
                            entries.push((key, value));
                        }
                        _ => return Err(self.invalid()),
                    }
                }
                Value::Map(entries)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(b',') => self.at += 1,
                        Some(_) => items.push(self.value(depth + 1)?),
                        None => return Err(self.invalid()),
                    }
                }
                Value::Seq(items)
            }
            Some(b'"') => Value::Scalar {
                text: self.string()?,
                plain: false,
            },
            Some(_) => {
                let start = self.at;
                while let Some(b) = self.bytes.get(self.at) {
                    if b.is_ascii_alphanumeric() || b"+-.".contains(b) {
                        self.at += 1;
                    } else {
                        break;
                    }
                }
                let word = self.text.get(start..self.at).unwrap_or("");
                match word {
                    "" => return Err(self.invalid()),
                    "null" => Value::Null,
                    _ => Value::Scalar {
                        text: word.to_string(),
                        plain: true,
                    },
                }
            }
            None => return Err(self.invalid()),
        };
        Ok(Node { value, line })
    }

    fn string(&mut self) -> Result<String, ImportError> {
        let start = self.at;
        self.at += 1;
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    let raw = self
                        .text
                        .get(start..self.at)
                        .ok_or_else(|| self.invalid())?;
                    return serde_json::from_str::<String>(raw).map_err(|_| self.invalid());
                }
                _ => self.at += 1,
            }
        }
        Err(self.invalid())
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        line: usize,
        anchor: usize,
        tag: Option<Tag>,
    },
    Map {
        entries: Vec<(String, Node)>,
        key: Option<(String, usize)>,
        line: usize,
        anchor: usize,
        tag: Option<Tag>,
    },
}

/// Reads the first YAML document of `text` into a tree.
pub fn parse_yaml(text: &str) -> Result<Node, ImportError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut values = 0usize;
    let mut root: Option<Node> = None;
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| ImportError::Yaml {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: e.info().to_string(),
        })?;
        let line = span.start.line();
        let done = match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
                None
            }
            Event::Scalar(text, style, anchor, tag) => {
                values += 1;
                let value = if style == ScalarStyle::Plain
                    && tag.is_none()
                    && matches!(&*text, "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    }
                };
                let node = tagged(Node { value, line }, tag.map(|t| t.into_owned()));
                Some((node, anchor))
            }
            Event::Alias(id) => {
                let (node, size) = anchors.get(&id).cloned().ok_or(ImportError::Yaml {
                    line,
                    column: span.start.col() + 1,
                    message: "unknown alias".into(),
                })?;
                values += size;
                Some((node, 0))
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ImportError::TooDeep {
                        line,
                        limit: MAX_DEPTH,
                    });
                }
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    line,
                    anchor,
                    tag: tag.map(|t| t.into_owned()),
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ImportError::TooDeep {
                        line,
                        limit: MAX_DEPTH,
                    });
                }
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    line,
                    anchor,
                    tag: tag.map(|t| t.into_owned()),
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                values += 1;
                match stack.pop() {
                    Some(Frame::Seq {
                        items,
                        line,
                        anchor,
                        tag,
                    }) => Some((
                        tagged(
                            Node {
                                value: Value::Seq(items),
                                line,
                            },
                            tag,
                        ),
                        anchor,
                    )),
                    Some(Frame::Map {
                        entries,
                        line,
                        anchor,
                        tag,
                        ..
                    }) => Some((
                        tagged(
                            Node {
                                value: Value::Map(entries),
                                line,
                            },
                            tag,
                        ),
                        anchor,
                    )),
                    None => None,
                }
            }
            _ => None,
        };
        if values > MAX_VALUES {
            return Err(ImportError::TooManyValues { limit: MAX_VALUES });
        }
        let Some((node, anchor)) = done else {
            continue;
        };
        if anchor > 0 {
            let size = node.count();
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let key_line = node.line;
                    *key = Some((
                        match node.value {
                            Value::Scalar { text, .. } => text,
                            Value::Null => String::new(),
                            // Complex keys do not occur in templates; keep the place visible.
                            _ => "?".into(),
                        },
                        key_line,
                    ))
                }
                Some((k, key_line)) => {
                    // Notes point at the key: that is where a reader looks.
                    let mut node = node;
                    node.line = key_line;
                    entries.push((k, node))
                }
            },
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        line: 1,
    }))
}

/// Applies a YAML tag: CloudFormation's short forms become their long JSON forms.
fn tagged(node: Node, tag: Option<Tag>) -> Node {
    let Some(tag) = tag else {
        return node;
    };
    if tag.handle != "!" {
        // Core-schema tags (`!!str`, `!!int`) and others: keep the value.
        return match (tag.suffix.as_str(), node.value) {
            ("str", Value::Scalar { text, .. }) => Node {
                value: Value::Scalar { text, plain: false },
                line: node.line,
            },
            (_, value) => Node {
                value,
                line: node.line,
            },
        };
    }
    let line = node.line;
    let key = match tag.suffix.as_str() {
        "Ref" => "Ref".to_string(),
        "Condition" => "Condition".to_string(),
        other => format!("Fn::{other}"),
    };
    let inner = match (key.as_str(), node.value) {
        ("Fn::GetAtt", Value::Scalar { text, .. }) => match text.split_once('.') {
            Some((resource, attribute)) => Node {
                value: Value::Seq(vec![
                    Node {
                        value: Value::Scalar {
                            text: resource.to_string(),
                            plain: false,
                        },
                        line,
                    },
                    Node {
                        value: Value::Scalar {
                            text: attribute.to_string(),
                            plain: false,
                        },
                        line,
                    },
                ]),
                line,
            },
            None => Node {
                value: Value::Scalar { text, plain: false },
                line,
            },
        },
        (_, value) => Node { value, line },
    };
    Node {
        value: Value::Map(vec![(key, inner)]),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_short_forms_become_long_forms_with_lines() {
        let node = parse_yaml("A:\n  B: !Ref Queue\n  C: !GetAtt Queue.Arn\n").expect("yaml");
        let a = node.get("A").expect("A");
        let b = a.get("B").expect("B");
        assert_eq!(b.line, 2);
        assert_eq!(b.get("Ref").and_then(Node::as_str), Some("Queue"));
        let c = a.get("C").and_then(|c| c.get("Fn::GetAtt")).expect("C");
        assert_eq!(c.items().len(), 2);
        assert_eq!(c.items()[1].as_str(), Some("Arn"));
    }

    #[test]
    fn json_values_know_their_lines() {
        let node = parse_json("{\n \"A\": {\n  \"B\": [1, \"x\\n\"]\n }\n}").expect("json");
        let b = node.get("A").and_then(|a| a.get("B")).expect("B");
        assert_eq!(b.line, 3);
        assert_eq!(b.items()[1].as_str(), Some("x\n"));
    }

    #[test]
    fn a_billion_laughs_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            text.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert_eq!(
            parse_yaml(&text),
            Err(ImportError::TooManyValues { limit: MAX_VALUES })
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        assert!(matches!(
            parse_yaml(&text),
            Err(ImportError::TooDeep { .. }) | Err(ImportError::Yaml { .. })
        ));
        let json = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(matches!(
            parse_json(&json),
            Err(ImportError::TooDeep { .. })
        ));
    }
}
