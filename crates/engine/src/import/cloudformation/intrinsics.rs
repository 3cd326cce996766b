//! Evaluating a template's values: the catalog of logical ids (pass 1), `Ref`, `Fn::GetAtt`,
//! `Fn::Sub`, `Fn::Join` and `Fn::Select`, and numbers, booleans, lists and JSON.

use super::{is_true, kind_of, name_property, Cfn, Entry};
use crate::import::tree::{Node, Value};
use crate::import::{shorten, tree, Reason, Res, Target};
impl<'a> Cfn<'a> {
    /// Pass 1: the physical name of every resource, so references resolve in any order.
    pub(super) fn catalog_all(&mut self) {
        let resources = self.resources.clone();
        for (id, node) in resources {
            let type_name = node
                .get("Type")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let props = node.get("Properties");
            let explicit = name_property(&type_name)
                .and_then(|p| props.and_then(|n| n.get(p)))
                .and_then(|n| {
                    let place = format!("Resources.{id}.Properties");
                    self.string(n, &place)
                })
                .filter(|n| !n.is_empty());
            let mut name = explicit.unwrap_or_else(|| match type_name.as_str() {
                // Bucket names are lower case; CloudFormation's generated ones are too.
                "AWS::S3::Bucket" => id.to_ascii_lowercase(),
                _ => id.to_string(),
            });
            if type_name == "AWS::SQS::Queue"
                && props.and_then(|p| p.get("FifoQueue")).and_then(is_true) == Some(true)
                && !name.ends_with(".fifo")
            {
                name.push_str(".fifo");
            }
            if type_name == "AWS::SNS::Topic"
                && props.and_then(|p| p.get("FifoTopic")).and_then(is_true) == Some(true)
                && !name.ends_with(".fifo")
            {
                name.push_str(".fifo");
            }
            let res = kind_of(&type_name);
            self.catalog.insert(
                id,
                Entry {
                    type_name,
                    res,
                    name,
                },
            );
        }
    }

    /// Evaluates a value to text; notes why when it cannot.
    pub(super) fn string(&mut self, node: &Node, place: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            Value::Null => None,
            Value::Seq(_) => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: "[...]".into(),
                        expected: "a single value",
                    },
                );
                None
            }
            Value::Map(entries) => {
                let [(key, arg)] = entries.as_slice() else {
                    self.b.note(
                        node.line,
                        place,
                        Reason::BadValue {
                            value: "{...}".into(),
                            expected: "a single value",
                        },
                    );
                    return None;
                };
                match key.as_str() {
                    "Ref" => {
                        let id = arg.as_str()?;
                        self.reference(id, None, node.line, place)
                    }
                    "Fn::GetAtt" => {
                        let (id, attribute) = match (&arg.value, arg.items()) {
                            (Value::Scalar { text, .. }, _) => text.split_once('.')?,
                            (_, [id, attribute]) => (id.as_str()?, attribute.as_str()?),
                            _ => return None,
                        };
                        self.reference(id, Some(attribute), node.line, place)
                    }
                    "Fn::Sub" => self.sub(arg, place),
                    "Fn::Join" => {
                        let [delimiter, parts] = arg.items() else {
                            return None;
                        };
                        let delimiter = delimiter.as_str().unwrap_or("").to_string();
                        let mut out = Vec::new();
                        for part in parts.items() {
                            out.push(self.string(part, place)?);
                        }
                        Some(out.join(&delimiter))
                    }
                    "Fn::Select" => {
                        let [index, list] = arg.items() else {
                            return None;
                        };
                        let index: usize = index.as_str()?.parse().ok()?;
                        self.string(list.items().get(index)?, place)
                    }
                    other => {
                        self.b.note(
                            node.line,
                            place,
                            Reason::Intrinsic {
                                name: shorten(other),
                            },
                        );
                        None
                    }
                }
            }
        }
    }

    /// `Ref` (no attribute) or `Fn::GetAtt`.
    fn reference(
        &mut self,
        id: &str,
        attribute: Option<&str>,
        line: usize,
        place: &str,
    ) -> Option<String> {
        let region = self.b.scenario.region.clone();
        let account = self.b.scenario.account.clone();
        match id {
            "AWS::Region" => return Some(region),
            "AWS::AccountId" => return Some(account),
            "AWS::Partition" => return Some("aws".into()),
            "AWS::URLSuffix" => return Some("amazonaws.com".into()),
            "AWS::StackName" => return Some("stack".into()),
            "AWS::StackId" => {
                return Some(format!(
                    "arn:aws:cloudformation:{region}:{account}:stack/stack/0"
                ))
            }
            "AWS::NoValue" => return None,
            _ => {}
        }
        if attribute.is_none() {
            if let Some(default) = self.params.get(id).copied() {
                return match default {
                    Some(d) => self.string(d, place),
                    None => {
                        self.b.note(
                            line,
                            place,
                            Reason::Unresolved {
                                reference: format!("parameter {} (no Default)", shorten(id)),
                            },
                        );
                        None
                    }
                };
            }
        }
        let entry = self
            .catalog
            .get(id)
            .cloned()
            .or_else(|| self.sam_refs.get(id).cloned());
        let Some(entry) = entry else {
            self.b.note(
                line,
                place,
                Reason::Unresolved {
                    reference: shorten(id),
                },
            );
            return None;
        };
        let name = entry.name.clone();
        let qualified = self.qualified_reference(&entry, attribute);
        let value = match (entry.res, attribute) {
            _ if qualified.is_some() => qualified.flatten(),
            (Some(Res::Queue), None | Some("QueueUrl")) => Some(self.b.queue_url(&name)),
            (Some(Res::Queue), Some("QueueName"))
            | (Some(Res::Topic), Some("TopicName"))
            | (Some(Res::Bus), Some("Name")) => Some(name),
            (Some(Res::Topic), None | Some("TopicArn")) => Some(self.b.arn(Res::Topic, &name)),
            (Some(Res::Table), Some("StreamArn")) => Some(self.b.arn(Res::Table, &name)),
            (Some(Res::Table), Some("Arn")) => {
                Some(format!("arn:aws:dynamodb:{region}:{account}:table/{name}"))
            }
            (Some(kind), Some("Arn")) => Some(self.b.arn(kind, &name)),
            (Some(_), None) => Some(name),
            (None, Some("Arn")) | (None, None) if entry.type_name.starts_with("AWS::MSK::") => {
                Some(self.b.kafka_arn(&name))
            }
            (None, None) => Some(name),
            _ => None,
        };
        if value.is_none() {
            self.b.note(
                line,
                place,
                Reason::Unresolved {
                    reference: format!("{}.{}", shorten(id), attribute.unwrap_or("")),
                },
            );
        }
        value
    }

    fn sub(&mut self, arg: &Node, place: &str) -> Option<String> {
        let (template, vars) = match (&arg.value, arg.items()) {
            (Value::Scalar { text, .. }, _) => (text.as_str(), None),
            (_, [template, vars]) => (template.as_str()?, Some(vars)),
            _ => return None,
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find('}')?;
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some(value) = vars.and_then(|v| v.get(name)) {
                out.push_str(&self.string(value, place)?);
            } else {
                let value = match name.split_once('.') {
                    Some((id, attribute)) if !id.starts_with("AWS::") => {
                        self.reference(id, Some(attribute), arg.line, place)
                    }
                    _ => self.reference(name, None, arg.line, place),
                }?;
                out.push_str(&value);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// A value that names a resource (ARN, queue URL, name): resolved into the scenario.
    pub(super) fn target(&mut self, node: &Node, place: &str) -> Option<(Target, String)> {
        let text = self.string(node, place)?;
        let target = self.b.resolve(&text, node.line, place)?;
        Some((target, text))
    }

    /// The scenario ARN for a destination-like value; unknown ARNs stay as written so
    /// validation explains them.
    pub(super) fn target_arn(&mut self, node: &Node, place: &str) -> Option<String> {
        let text = self.string(node, place)?;
        if text.is_empty() || text.starts_with("kafka://") {
            return Some(text);
        }
        Some(match self.b.resolve(&text, node.line, place) {
            Some(Target::Resource { arn, .. }) => arn,
            _ => text,
        })
    }

    pub(super) fn int(&mut self, node: Option<&Node>, place: &str) -> Option<i64> {
        let node = node?;
        let text = self.string(node, place)?;
        match text.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "a whole number",
                    },
                );
                None
            }
        }
    }

    pub(super) fn bool(&mut self, node: Option<&Node>, place: &str) -> Option<bool> {
        let node = node?;
        let text = self.string(node, place)?;
        match text.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "true or false",
                    },
                );
                None
            }
        }
    }

    pub(super) fn strings(&mut self, node: Option<&Node>, place: &str) -> Vec<String> {
        let Some(node) = node else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| self.string(n, place)).collect(),
            _ => self.string(node, place).into_iter().collect(),
        }
    }

    /// A template value as JSON (event patterns), intrinsics evaluated.
    pub(super) fn json(&mut self, node: &Node, place: &str, depth: usize) -> serde_json::Value {
        use serde_json::Value as J;
        if depth > tree::MAX_DEPTH {
            return J::Null;
        }
        match &node.value {
            Value::Null => J::Null,
            Value::Scalar { text, plain: false } => J::String(text.clone()),
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" => J::Bool(true),
                "false" => J::Bool(false),
                _ => match text.parse::<i64>() {
                    Ok(n) => J::from(n),
                    Err(_) => match text.parse::<f64>() {
                        Ok(f)
                            if f.is_finite()
                                && text.chars().all(|c| "0123456789.-+eE".contains(c)) =>
                        {
                            J::from(f)
                        }
                        _ => J::String(text.clone()),
                    },
                },
            },
            Value::Seq(items) => J::Array(
                items
                    .iter()
                    .map(|n| self.json(n, place, depth + 1))
                    .collect(),
            ),
            Value::Map(entries) => {
                if let [(key, _)] = entries.as_slice() {
                    if key == "Ref" || key.starts_with("Fn::") {
                        return self.string(node, place).map_or(J::Null, J::String);
                    }
                }
                J::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.clone(), self.json(v, &format!("{place}.{k}"), depth + 1)))
                        .collect(),
                )
            }
        }
    }
}
