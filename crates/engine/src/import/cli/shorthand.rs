//! Structured option values: JSON, or the AWS CLI's shorthand syntax
//! (`Key=Value,Key={Nested=Value},List=[a,b]`).

use serde_json::{Map, Value};

/// JSON, or the AWS CLI's shorthand syntax (`Key=Value,Key={Nested=Value},List=[a,b]`).
pub fn parse_structure(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"') {
        if let Ok(value) = serde_json::from_str(trimmed) {
            return Some(value);
        }
    }
    let mut parser = Shorthand {
        chars: trimmed.chars().collect(),
        at: 0,
    };
    let value = parser.object(0, false)?;
    (parser.at == parser.chars.len()).then_some(value)
}

struct Shorthand {
    chars: Vec<char>,
    at: usize,
}

impl Shorthand {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn object(&mut self, depth: usize, braced: bool) -> Option<Value> {
        if depth > 32 {
            return None;
        }
        let mut map = Map::new();
        loop {
            let key = self.scalar(&['=', ',', '}'])?;
            if key.is_empty() {
                return None;
            }
            if self.peek() != Some('=') {
                return None;
            }
            self.at += 1;
            let value = self.value(depth)?;
            map.insert(key.trim().trim_matches('"').to_string(), value);
            match self.peek() {
                Some(',') => self.at += 1,
                Some('}') if braced => return Some(Value::Object(map)),
                None if !braced => return Some(Value::Object(map)),
                _ => return None,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        match self.peek() {
            Some('{') => {
                self.at += 1;
                let v = self.object(depth + 1, true)?;
                self.at += 1;
                Some(v)
            }
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some(']') {
                        self.at += 1;
                        return Some(Value::Array(items));
                    }
                    let item = if self.peek() == Some('{') {
                        self.value(depth + 1)?
                    } else {
                        Value::String(self.scalar(&[',', ']'])?)
                    };
                    items.push(item);
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(']') => {}
                        _ => return None,
                    }
                }
            }
            _ => Some(Value::String(self.scalar(&[',', '}', ']'])?)),
        }
    }

    fn scalar(&mut self, stops: &[char]) -> Option<String> {
        let mut out = String::new();
        if self.peek() == Some('"') {
            self.at += 1;
            loop {
                match self.peek()? {
                    '"' => {
                        self.at += 1;
                        return Some(out);
                    }
                    '\\' => {
                        self.at += 1;
                        out.push(self.peek()?);
                        self.at += 1;
                    }
                    c => {
                        out.push(c);
                        self.at += 1;
                    }
                }
            }
        }
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                break;
            }
            out.push(c);
            self.at += 1;
        }
        Some(out)
    }
}
