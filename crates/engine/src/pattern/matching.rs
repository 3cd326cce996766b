//! Matching a compiled pattern against an event: the event read as its leaves, each value of the
//! pattern against a leaf, and the fields of a branch fitted to leaves of consistent array
//! elements, within the match budget.

use super::parse::ip_bytes;
use super::{AnythingBut, Bound, Matcher, Pattern, MATCH_BUDGET};
use serde_json::{Map, Value};
use std::collections::HashMap;
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
