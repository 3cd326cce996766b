//! Markup written as text, for the parts of the page drawn as one string (see the canvas): every
//! name a learner typed goes through [`escape`], so a hostile name stays text.

/// `text` with the five characters that mean something in XML and HTML written as entities; safe
/// in element content and in a double- or single-quoted attribute value.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// [`escape`] as `{}` writes it, straight into the output, without a copy.
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A coordinate written as SVG reads it, as `{}` writes an `f64` ("280", "12.5"), but whole
/// numbers (most of a diagram's, on a 20-unit grid) through the much faster integer writer.
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 1e15 {
            write!(f, "{}", v as i64)
        } else {
            write!(f, "{v}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, Num};

    #[test]
    fn coordinates_read_as_rust_writes_them() {
        for v in [0.0, 280.0, -40.0, 12.5, -0.25, 1e20, 1.0 / 3.0] {
            assert_eq!(Num(v).to_string(), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn a_hostile_name_stays_text() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')">&amp;"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;"
        );
        assert_eq!(escape("resize-image 이미지"), "resize-image 이미지");
    }
}
