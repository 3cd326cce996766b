//! Names and comments made safe for every format: PascalCase logical ids, snake_case
//! identifiers, unique names, and comment text.

use std::collections::HashSet;
/// `resize-image` → `ResizeImage`; only ASCII letters and digits survive.
pub(crate) fn pascal(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out.chars().take(120).collect()
}

/// `Resize Image.fifo` → `resize_image_fifo`; a Terraform name starts with a letter or `_`.
pub(crate) fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.trim_end_matches('_').chars().take(120).collect();
    if out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out
    } else {
        format!("r_{out}")
    }
}

/// `base`, or `base2`, `base3`, ... (joined with `sep`) when taken.
pub(crate) fn unique(used: &mut HashSet<String>, base: &str, sep: &str) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{base}{sep}{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// A note or title made safe for a one-line comment: control characters and line breaks of any
/// kind become spaces.
pub(crate) fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}
