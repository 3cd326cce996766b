//! Unit tests of the plan and the names.

use super::{comment_text, Plan};
use crate::scenario::Scenario;
use crate::topology::Topology;

#[test]
fn logical_ids_are_alphanumeric_and_unique_for_hostile_names() {
    let scenario = Scenario::from_json(
        r#"{"version":1,"functions":[{"FunctionName":"a-b"},{"FunctionName":"a_b"},{"FunctionName":"ñ"},{"FunctionName":"9"}],
        "queues":[{"QueueName":"a-b"}]}"#,
    )
    .expect("valid");
    let topology = Topology::build(&scenario);
    let plan = Plan::new(&scenario, &topology);
    assert_eq!(
        plan.ids,
        [
            "ABFunction",
            "ABFunction2",
            "Function",
            "R9Function",
            "ABQueue"
        ]
    );
    assert_eq!(
        plan.tf_names,
        [
            "a_b_function",
            "a_b_function_2",
            "r__function",
            "r_9_function",
            "a_b_queue"
        ]
    );
}

#[test]
fn comments_never_break_a_line() {
    assert_eq!(comment_text("a\nb\u{2028}c\rd"), "a b c d");
}
