//! Finding in the text the byte offset, line and column serde_json would have reported for a
//! failure, by walking the path through the JSON text.

use super::{At, Owned};
/// Finds the byte offset serde_json would have reported for a failure: `steps` lead from the
/// root of `text` (valid JSON) to the value at fault. Returns the offset just after the part
/// `at` names (or at it, for [`At::Start`]), or `None` when the path is not in the text.
pub(crate) fn locate(text: &str, steps: &[Owned], at: At) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut value = skip_ws(bytes, 0);
    let mut key_end = None;
    for step in steps {
        match step {
            Owned::Key(key) => {
                let (end, start) = find_key(text, value, key)?;
                key_end = Some(end);
                value = start;
            }
            Owned::Index(index) => {
                value = find_index(bytes, value, *index)?;
                key_end = None;
            }
        }
    }
    Some(match at {
        At::Key => key_end?,
        At::Value | At::End => skip_value(bytes, value)?,
        At::Start => value,
        At::First => value + 1,
    })
}

#[inline]
pub(super) fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The offset just after the string starting at `i` (its opening quote).
#[inline]
pub(super) fn skip_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The offset just after the value starting at `i`.
pub(super) fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match bytes.get(j)? {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// In the object starting at `i`: the offset just after the last `key` and the offset of its
/// value (serde_json keeps the last of repeated keys).
pub(super) fn find_key(text: &str, i: usize, key: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    let mut found = None;
    let mut j = skip_ws(bytes, i + 1);
    while bytes.get(j) == Some(&b'"') {
        let end = skip_string(bytes, j)?;
        let raw = text.get(j..end)?;
        let matches = if raw.contains('\\') {
            serde_json::from_str::<String>(raw).ok().as_deref() == Some(key)
        } else {
            &raw[1..raw.len() - 1] == key
        };
        let colon = skip_ws(bytes, end);
        let value = skip_ws(bytes, colon + 1);
        if matches {
            found = Some((end, value));
        }
        j = skip_ws(bytes, skip_value(bytes, value)?);
        if bytes.get(j) != Some(&b',') {
            break;
        }
        j = skip_ws(bytes, j + 1);
    }
    found
}

/// In the array starting at `i`: the offset of element `index`.
fn find_index(bytes: &[u8], i: usize, index: usize) -> Option<usize> {
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = skip_ws(bytes, i + 1);
    for _ in 0..index {
        j = skip_ws(bytes, skip_value(bytes, j)?);
        if bytes.get(j) != Some(&b',') {
            return None;
        }
        j = skip_ws(bytes, j + 1);
    }
    Some(j)
}

/// 1-based line and the column serde_json reports for byte offset `offset` (the number of
/// bytes before it on its line).
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = match before.iter().rposition(|&b| b == b'\n') {
        Some(newline) => before.len() - newline - 1,
        None => before.len(),
    };
    (line, column)
}
