//! Unit tests of pattern compiling and matching.

use super::compile;
use serde_json::{json, Value};

fn refused(pattern: Value) -> String {
    match compile(&pattern) {
        Err(e) => e.message(),
        Ok(_) => panic!("accepted: {pattern}"),
    }
}

fn yes(pattern: Value, event: Value) {
    let compiled = compile(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    assert!(compiled.matches(&event), "{pattern} should match {event}");
}

fn no(pattern: Value, event: Value) {
    let compiled = compile(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    assert!(
        !compiled.matches(&event),
        "{pattern} should not match {event}"
    );
}

#[test]
fn exact_values_match_strings_numbers_booleans_and_null_by_type() {
    yes(
        json!({"source": ["lambda", "other"]}),
        json!({"source": "lambda"}),
    );
    no(json!({"source": ["lambda"]}), json!({"source": "Lambda"}));
    no(json!({"source": ["lambda"]}), json!({}));
    yes(json!({"n": [300]}), json!({"n": 300.0}));
    yes(json!({"n": [3.018e2]}), json!({"n": 301.8}));
    no(json!({"n": [300]}), json!({"n": "300"}));
    no(json!({"n": ["300"]}), json!({"n": 300}));
    yes(json!({"b": [false]}), json!({"b": false}));
    no(json!({"b": [false]}), json!({"b": "false"}));
    yes(json!({"x": [null]}), json!({"x": null}));
    no(json!({"x": [null]}), json!({"x": "null"}));
    no(json!({"x": [null]}), json!({}));
    yes(json!({"e": [""]}), json!({"e": ""}));
    yes(json!({"k": [{"exactly": "a"}]}), json!({"k": "a"}));
}

#[test]
fn keys_are_case_sensitive_and_json_strings_are_not_parsed() {
    no(json!({"MY_KEY": ["v"]}), json!({"my_key": "v"}));
    no(
        json!({"detail": {"k": ["v"]}}),
        json!({"detail": "{\"k\": \"v\"}"}),
    );
}

#[test]
fn nested_fields_and_dotted_names_reach_the_same_value() {
    let event = json!({"detail": {"state": {"status": "running"}}});
    yes(
        json!({"detail": {"state": {"status": ["running"]}}}),
        event.clone(),
    );
    yes(json!({"detail": {"state.status": ["running"]}}), event);
    yes(
        json!({"detail": {"state": {"status": ["running"]}}}),
        json!({"detail": {"state.status": "running"}}),
    );
}

#[test]
fn an_array_in_the_event_matches_when_any_element_does() {
    let event = json!({"resources": ["arn:a", "arn:b"]});
    yes(json!({"resources": ["arn:b", "arn:c"]}), event.clone());
    no(json!({"resources": ["arn:c"]}), event);
    no(json!({"resources": [null]}), json!({"resources": []}));
    yes(
        json!({"employees": {"first": ["Anna"]}}),
        json!({"employees": [{"first": "John"}, {"first": "Anna"}]}),
    );
    yes(
        json!({"list": {"n": [2]}}),
        json!({"list": [[{"n": 1}], [{"n": 2}]]}),
    );
}

#[test]
fn two_fields_never_match_in_different_elements_of_one_array() {
    let event = json!({"employees": [
        {"first": "John", "last": "Doe"},
        {"first": "Anna", "last": "Smith"}]});
    yes(
        json!({"employees": {"first": ["Anna"], "last": ["Smith"]}}),
        event.clone(),
    );
    no(
        json!({"employees": {"first": ["Anna"], "last": ["Doe"]}}),
        event,
    );
}

#[test]
fn prefix_and_suffix_match_strings_only_with_or_without_case() {
    yes(
        json!({"t": [{"prefix": "2017-10"}]}),
        json!({"t": "2017-10-02T18:43:48Z"}),
    );
    no(
        json!({"t": [{"prefix": "2017-10"}]}),
        json!({"t": "2018-10-02"}),
    );
    no(json!({"n": [{"prefix": "1"}]}), json!({"n": 12}));
    yes(json!({"s": [{"prefix": ""}]}), json!({"s": "anything"}));
    no(json!({"s": [{"prefix": ""}]}), json!({"s": null}));
    yes(json!({"f": [{"suffix": ".png"}]}), json!({"f": "cat.png"}));
    no(json!({"f": [{"suffix": ".png"}]}), json!({"f": "cat.PNG"}));
    yes(
        json!({"f": [{"suffix": {"equals-ignore-case": ".png"}}]}),
        json!({"f": "cat.PNG"}),
    );
    yes(
        json!({"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}),
        json!({"s": "eventbridge"}),
    );
    no(
        json!({"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}),
        json!({"s": "lambda"}),
    );
}

#[test]
fn equals_ignore_case_matches_a_string_in_any_case() {
    yes(
        json!({"d": [{"equals-ignore-case": "EC2 Instance"}]}),
        json!({"d": "ec2 INSTANCE"}),
    );
    no(
        json!({"d": [{"equals-ignore-case": "EC2 Instance"}]}),
        json!({"d": "ec2 instances"}),
    );
    yes(json!({"v": [{"equals-ignore-case": ""}]}), json!({"v": ""}));
    no(
        json!({"v": [{"equals-ignore-case": ""}]}),
        json!({"v": "x"}),
    );
}

#[test]
fn anything_but_matches_every_other_value_but_never_a_missing_field() {
    let p = json!({"state": [{"anything-but": "initializing"}]});
    yes(p.clone(), json!({"state": "pending"}));
    no(p.clone(), json!({"state": "initializing"}));
    no(p.clone(), json!({}));
    yes(p.clone(), json!({"state": null}));
    yes(p, json!({"state": 12}));
    let list = json!({"state": [{"anything-but": ["stopped", "overloaded"]}]});
    yes(list.clone(), json!({"state": "running"}));
    no(list, json!({"state": "stopped"}));
    let numbers = json!({"x": [{"anything-but": [100, 200, 300]}]});
    yes(numbers.clone(), json!({"x": 999}));
    no(numbers.clone(), json!({"x": 100.0}));
    yes(numbers, json!({"x": "100"}));
    yes(json!({"x": [{"anything-but": 0}]}), json!({"x": 789}));
    // An array matches when one of its values is not excluded.
    yes(
        json!({"s": [{"anything-but": "a"}]}),
        json!({"s": ["a", "b"]}),
    );
    no(json!({"s": [{"anything-but": "a"}]}), json!({"s": ["a"]}));
}

#[test]
fn anything_but_prefix_suffix_ignore_case_and_wildcard() {
    let prefix = json!({"s": [{"anything-but": {"prefix": "init"}}]});
    yes(prefix.clone(), json!({"s": "running"}));
    no(prefix.clone(), json!({"s": "initializing"}));
    yes(prefix.clone(), json!({"s": 12}));
    yes(prefix.clone(), json!({"s": null}));
    no(prefix, json!({}));
    let prefixes = json!({"s": [{"anything-but": {"prefix": ["init", "test"]}}]});
    no(prefixes.clone(), json!({"s": "testing"}));
    yes(prefixes, json!({"s": "prod"}));
    let suffix = json!({"f": [{"anything-but": {"suffix": ".txt"}}]});
    yes(suffix.clone(), json!({"f": "a.png"}));
    no(suffix, json!({"f": "a.txt"}));
    let case = json!({"s": [{"anything-but": {"equals-ignore-case": ["Stopped", "OverLoaded"]}}]});
    no(case.clone(), json!({"s": "STOPPED"}));
    yes(case.clone(), json!({"s": "running"}));
    no(case, json!({}));
    let wildcard = json!({"p": [{"anything-but": {"wildcard": "*/init/*"}}]});
    no(wildcard.clone(), json!({"p": "dir/init/file"}));
    yes(wildcard.clone(), json!({"p": "dir/other/file"}));
    yes(wildcard, json!({"p": 123}));
    yes(
        json!({"p": [{"anything-but": {"wildcard": ""}}]}),
        json!({"p": "dir/init/file"}),
    );
}

#[test]
fn numeric_ranges_match_json_numbers_only() {
    let p = json!({"c": [{"numeric": [">", 0, "<=", 5]}]});
    yes(p.clone(), json!({"c": 5}));
    yes(p.clone(), json!({"c": 0.5}));
    no(p.clone(), json!({"c": 0}));
    no(p.clone(), json!({"c": 5.01}));
    no(p.clone(), json!({"c": "3"}));
    no(p.clone(), json!({"c": null}));
    no(p, json!({}));
    yes(json!({"n": [{"numeric": [">", 100]}]}), json!({"n": 101.0}));
    no(json!({"n": [{"numeric": [">", 100]}]}), json!({"n": 100}));
    yes(json!({"n": [{"numeric": [">=", 100]}]}), json!({"n": 100}));
    yes(json!({"n": [{"numeric": ["<", 10]}]}), json!({"n": -3}));
    no(json!({"n": [{"numeric": ["<", 10]}]}), json!({"n": 10}));
    yes(json!({"n": [{"numeric": ["<=", 10]}]}), json!({"n": 10}));
    yes(
        json!({"n": [{"numeric": ["=", 3.018e2]}]}),
        json!({"n": 301.8}),
    );
    no(json!({"n": [{"numeric": ["=", 301]}]}), json!({"n": 301.8}));
    yes(
        json!({"n": [{"numeric": [">=", 1, "<", 2]}]}),
        json!({"n": [0, 1.5]}),
    );
}

#[test]
fn exists_looks_at_leaf_values_only() {
    let present = json!({"detail": {"state": [{"exists": true}]}});
    yes(present.clone(), json!({"detail": {"state": "pending"}}));
    yes(present.clone(), json!({"detail": {"state": null}}));
    no(present.clone(), json!({"detail": {"other": 1}}));
    no(present.clone(), json!({"detail": {"state": {"inner": 1}}}));
    no(present, json!({"detail": {"state": []}}));
    let absent = json!({"detail": {"state": [{"exists": false}]}});
    yes(absent.clone(), json!({"detail": {"other": 1}}));
    yes(absent.clone(), json!({}));
    yes(absent.clone(), json!({"detail": {"state": {"inner": 1}}}));
    no(absent.clone(), json!({"detail": {"state": "pending"}}));
    no(absent, json!({"detail": {"state": null}}));
}

#[test]
fn exists_false_beside_another_value_matches_a_missing_field_or_the_other_value() {
    let p = json!({"h": {"S": [{"anything-but": ["roses"]}, {"exists": false}]}});
    yes(p.clone(), json!({"h": {"N": "789"}}));
    yes(p.clone(), json!({"h": {"S": "tulips"}}));
    no(p, json!({"h": {"S": "roses"}}));
}

#[test]
fn wildcards_match_any_run_of_characters_and_escapes_stand_for_themselves() {
    let p = json!({"f": [{"wildcard": "/Users/*/doc.txt"}]});
    yes(p.clone(), json!({"f": "/Users/ana/dir/doc.txt"}));
    no(p.clone(), json!({"f": "/Users/ana/dir/notdoc.txt.bak"}));
    no(p, json!({"f": 7}));
    yes(json!({"f": [{"wildcard": "h*llo"}]}), json!({"f": "hllo"}));
    yes(json!({"f": [{"wildcard": "*"}]}), json!({"f": ""}));
    no(json!({"f": [{"wildcard": ""}]}), json!({"f": "x"}));
    yes(json!({"f": [{"wildcard": "a\\*b"}]}), json!({"f": "a*b"}));
    no(json!({"f": [{"wildcard": "a\\*b"}]}), json!({"f": "axb"}));
    yes(json!({"f": [{"wildcard": "a\\\\b"}]}), json!({"f": "a\\b"}));
    yes(
        json!({"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}),
        json!({"arn": "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"}),
    );
}

#[test]
fn cidr_matches_addresses_in_the_block_for_ipv4_and_ipv6() {
    let v4 = json!({"ip": [{"cidr": "10.0.0.0/24"}]});
    yes(v4.clone(), json!({"ip": "10.0.0.255"}));
    no(v4.clone(), json!({"ip": "10.0.1.0"}));
    no(v4.clone(), json!({"ip": "10.0.0.256"}));
    no(v4, json!({"ip": 123}));
    let v6 = json!({"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]});
    yes(
        v6.clone(),
        json!({"ip": "2001:0db8:1234:1a00:0000:0000:0000:0001"}),
    );
    no(v6, json!({"ip": "2001:0db8:123f:1a01::"}));
    // A pattern's address matches the same address written another way.
    yes(
        json!({"ip": ["2001:db8::1"]}),
        json!({"ip": "2001:0db8:0:0:0:0:0:1"}),
    );
}

#[test]
fn or_lists_alternatives_and_combines_with_the_other_fields() {
    let p = json!({"source": ["lambda"], "detail": {"$or": [
        {"c": [{"numeric": [">", 0, "<=", 5]}]},
        {"d": [{"numeric": ["<", 10]}]}]}});
    yes(
        p.clone(),
        json!({"source": "lambda", "detail": {"c": 0, "d": 3}}),
    );
    no(
        p.clone(),
        json!({"source": "lambda", "detail": {"c": 0, "d": 10}}),
    );
    no(p, json!({"source": "s3", "detail": {"c": 1}}));
    let nested = json!({"$or": [
        {"a": [1]},
        {"b": [2], "$or": [{"c": [3]}, {"d": [4]}]}]});
    yes(nested.clone(), json!({"b": 2, "d": 4}));
    no(nested, json!({"b": 2, "d": 5}));
}

#[test]
fn empty_objects_add_no_condition_and_null_matches_everything() {
    yes(json!({}), json!({"source": "x"}));
    yes(
        json!({"detail": {"automations": {}}}),
        json!({"detail": {}}),
    );
    yes(Value::Null, json!({"source": "x"}));
}

#[test]
fn a_lambda_failure_record_is_routed_by_its_error_type() {
    let event = json!({"source": "lambda", "detail-type": "Lambda Function Invocation Result - Failure",
        "detail": {"requestContext": {"condition": "RetriesExhausted"},
            "responsePayload": {"errorType": "ValueError", "errorMessage": "bad"}}});
    yes(
        json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["TimeoutError"]}]}}}),
        event.clone(),
    );
    no(
        json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["ValueError"]}]}}}),
        event.clone(),
    );
    yes(
        json!({"detail": {"requestContext": {"condition": [{"prefix": "Retries"}]}}}),
        event,
    );
    // A ZeroReservedConcurrency record has no responsePayload: anything-but does not match it.
    no(
        json!({"detail": {"responsePayload": {"errorType": [{"anything-but": ["ValueError"]}]}}}),
        json!({"detail": {"requestContext": {"condition": "ZeroReservedConcurrency"}}}),
    );
}

#[test]
fn refusals_use_eventbridges_words() {
    let cases = [
        (json!(["x"]), "Filter is not an object"),
        (json!({"int": 42}), "\"int\" must be an object or an array"),
        (json!({"string": "my-value"}), "\"string\" must be an object or an array"),
        (json!({"resources": []}), "Empty arrays are not allowed"),
        (json!({"a": [[1]]}), "Match value must be String, number, true, false, or null"),
        (json!({"a": [{}]}), "Match expression name not found"),
        (json!({"a": [{"prefix": "x", "suffix": "y"}]}), "Only one key allowed in match expression"),
        (json!({"my_key": [{"EXISTS": true}]}), "Unrecognized match type EXISTS"),
        (json!({"d": {"e": [{"NUMERIC": ["=", 5]}]}}), "Unrecognized match type NUMERIC"),
        (json!({"time": [{"prefix": ["2022-07-13"]}]}), "prefix match pattern must be a string"),
        (json!({"time": [{"prefix": 123}]}), "prefix match pattern must be a string"),
        (json!({"f": [{"suffix": [".png"]}]}), "suffix match pattern must be a string"),
        (json!({"d": [{"equals-ignore-case": ["x"]}]}), "equals-ignore-case match pattern must be a string"),
        (json!({"d": [{"equals-ignore-case": {"prefix": "x"}}]}), "equals-ignore-case match pattern must be a string"),
        (json!({"e": [{"wildcard": 123}]}), "wildcard match pattern must be a string"),
        (json!({"e": [{"wildcard": ["a*"]}]}), "wildcard match pattern must be a string"),
        (json!({"e": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}), "Consecutive wildcard characters at pos 26"),
        (json!({"e": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}), "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"),
        (json!({"e": [{"wildcard": "a\\b"}]}), "Invalid escape character at pos 2"),
        (json!({"c": [{"numeric": 10}]}), "Value of numeric must be an array."),
        (json!({"c": [{"numeric": [">", 0, ">", 0]}]}), "Bad numeric range operator: >"),
        (json!({"c": [{"numeric": [">", 0, "<"]}]}), "Value of < must be numeric"),
        (json!({"c": [{"numeric": ["=", "5"]}]}), "Value of equals must be numeric"),
        (json!({"c": [{"numeric": ["!=", 5]}]}), "Unrecognized numeric range operator: !="),
        (json!({"c": [{"numeric": [5]}]}), "Invalid member in numeric match: 5"),
        (json!({"c": [{"numeric": []}]}), "Invalid member in numeric match: ]"),
        (json!({"c": [{"numeric": ["<", 5, 6]}]}), "Too many elements in numeric expression"),
        (json!({"c": [{"numeric": [">", 0, 5]}]}), "Bad value in numeric range: 5"),
        (json!({"c": [{"numeric": [">", 0, "<", 5, 6]}]}), "Too many terms in numeric range expression"),
        (json!({"c": [{"numeric": [">", 5, "<", 5]}]}), "Bottom must be less than top"),
        (json!({"c": [{"numeric": ["<", 5], "x": 1}]}), "Too many elements in numeric expression"),
        (json!({"s": [{"anything-but": null}]}), "Value of anything-but must be an array or single string/number value."),
        (json!({"s": [{"anything-but": true}]}), "Value of anything-but must be an array or single string/number value."),
        (json!({"s": [{"anything-but": ["stopped", null]}]}), "Inside anything but list, start|null|boolean is not supported."),
        (json!({"s": [{"anything-but": ["a", 1]}]}), "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (json!({"s": [{"anything-but": []}]}), "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (json!({"s": [{"anything-but": {"equals-ignore-case": 123}}]}), "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
        (json!({"s": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}), "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
        (json!({"s": [{"anything-but": {"prefix": 123}}]}), "prefix/suffix match pattern must be a string"),
        (json!({"s": [{"anything-but": {"suffix": [null, ".txt"]}}]}), "prefix/suffix match pattern must be a string"),
        (json!({"s": [{"anything-but": {"prefix": ""}}]}), "Null prefix/suffix not allowed"),
        (json!({"s": [{"anything-but": {"suffix": ""}}]}), "Null prefix/suffix not allowed"),
        (json!({"s": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}), "Value of anything-but must be an array or single string/number value."),
        (json!({"s": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}), "wildcard match pattern must be a string"),
        (json!({"s": [{"anything-but": {"contains": "x"}}]}), "Unsupported anything-but pattern: contains"),
        (json!({"s": [{"anything-but": {}}]}), "Anything-But expression name not found"),
        (json!({"s": [{"anything-but": "x", "prefix": "y"}]}), "Too many elements in numeric expression"),
        (json!({"s": [{"prefix": {"contains": "x"}}]}), "Unsupported prefix pattern: contains"),
        (json!({"s": [{"suffix": {}}]}), "Suffix expression name not found"),
        (json!({"s": [{"exists": "true"}]}), "exists match pattern must be either true or false."),
        (json!({"ip": [{"cidr": ["bad-type"]}]}), "prefix match pattern must be a string"),
        (json!({"ip": [{"cidr": "10.0.0.0"}]}), "Malformed CIDR, one '/' required"),
        (json!({"ip": [{"cidr": "10.0.0.0/x"}]}), "Malformed CIDR, mask bits must be an integer"),
        (json!({"ip": [{"cidr": "10.0.0.0/-1"}]}), "Malformed CIDR, mask bits must not be negative"),
        (json!({"ip": [{"cidr": "10.0.0.0/32"}]}), "IPv4 mask bits must be < 32"),
        (json!({"ip": [{"cidr": "::/128"}]}), "IPv6 mask bits must be < 128"),
        (json!({"ip": [{"cidr": "xx.11.xx/24"}]}), "Nonstandard IP address: xx.11.xx"),
        (json!({"ip": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}), "Nonstandard IP address: xxxx:db8:1234:1a00::"),
        (json!({"ip": [{"cidr": "10.0.0.256/24"}]}), "Invalid IP address: 10.0.0.256"),
        (json!({"$or": {"a": [1]}}), "It must be an Array followed with $or."),
        (json!({"$or": [{"a": [1]}, "b"]}), "Only JSON object is allowed in array of $or relationship."),
        (json!({"$or": [{"a": [1]}]}), "There must have at least 2 Objects in $or relationship."),
        (json!({"$or": [{"a": [1]}, {"numeric": [1]}]}), "numeric is Ruler reserved fieldName which cannot be used inside $or."),
    ];
    for (pattern, reason) in cases {
        assert_eq!(
            refused(pattern.clone()),
            format!("Event pattern is not valid. Reason: {reason}"),
            "{pattern}"
        );
    }
}

#[test]
fn the_first_problem_in_the_pattern_is_the_one_reported() {
    assert_eq!(
        refused(json!({"a": [], "b": 1})),
        "Event pattern is not valid. Reason: Empty arrays are not allowed"
    );
    assert_eq!(
        refused(json!({"b": 1, "a": []})),
        "Event pattern is not valid. Reason: \"b\" must be an object or an array"
    );
}

#[test]
fn a_huge_event_cannot_stall_matching() {
    let items: Vec<Value> = (0..300).map(|i| json!({"a": i, "b": i, "c": i})).collect();
    let event = json!({"x": items.clone(), "y": items});
    no(
        json!({"x": {"a": [{"numeric": [">=", 0]}], "b": [{"numeric": [">=", 0]}]},
               "y": {"a": [{"numeric": [">=", 0]}], "c": [-1]}}),
        event,
    );
}
