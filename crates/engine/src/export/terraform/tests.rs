//! Unit tests of the Terraform writer.

use super::hcl_string;

#[test]
fn interpolation_and_directives_are_escaped_in_strings() {
    assert_eq!(hcl_string("${var.x}"), "\"$${var.x}\"");
    assert_eq!(hcl_string("%{if}"), "\"%%{if}\"");
    assert_eq!(hcl_string("$x %y"), "\"$x %y\"");
    assert_eq!(
        hcl_string("q\"b\\n\nl\u{2028}"),
        "\"q\\\"b\\\\n\\nl\\u2028\""
    );
    assert_eq!(hcl_string("한국어 🎉"), "\"한국어 🎉\"");
}
