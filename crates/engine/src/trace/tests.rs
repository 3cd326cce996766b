//! Unit tests of the trace.

use super::{AsyncRecordFacts, Request, Response, TextRef, Trace};
use crate::record::{self, Condition};

#[test]
fn spec_4_1_a_record_reads_the_same_every_time_and_its_bound_is_never_short() {
    let awkward = "\"\\\u{0}\u{1f}é😀".repeat(40);
    let mut trace = Trace::default();
    trace.requests.push(Request {
        id: awkward.clone(),
        origin: 0,
        started_by: 0,
    });
    let arn = trace.add_part(awkward.clone());
    let payload = trace.add_body(format!("{{\"k\":{}}}", serde_json::json!(awkward)));
    let responses = [
        None,
        Some(Response::Ok(TextRef::Body(payload))),
        Some(Response::Error {
            error_type: arn,
            error_message: arn,
        }),
        Some(Response::Timeout { timeout_ms: 3_000 }),
    ];
    for response in responses {
        let facts = AsyncRecordFacts {
            epoch_ms: 1_767_225_600_000,
            request: 0,
            function_arn: arn,
            executed_version: None,
            condition: Condition::RetriesExhausted,
            approximate_invoke_count: 3,
            request_payload: TextRef::Body(payload),
            response,
        };
        let id = trace.add_record(facts);
        let text = trace.body(id).to_string();
        assert_eq!(trace.body(id), text);
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("a record is JSON");
        assert_eq!(parsed["requestContext"]["requestId"], awkward.as_str());
        let mut len = record::JsonLen::default();
        trace.write_record(&facts, &mut len);
        assert_eq!(len.0, text.len());
        assert!(trace.record_len_bound(&facts) >= text.len());
    }
}
