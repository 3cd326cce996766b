//! Versions and aliases (spec §2.9, §4.1): each qualifier keeps its own `EventInvokeConfig`,
//! publishing does not copy `$LATEST`'s, functions are invoked, subscribed and mapped through
//! `name:qualifier` or a qualified ARN, records name the qualifier and the version that ran, and
//! what AWS refuses about qualifiers is refused in its words.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{Via, What};
use engine::{RuleId, RunOptions, Severity};
use serde_json::Value;

/// The gallery-independent fixture: `resize` with `$LATEST`, versions 1 and 2, and the aliases
/// `live` (→ 1, its own config), `canary` (→ 1, 25 % to 2, its own config) and `bare` (→ 1, no
/// config).
fn fixture() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/versions-and-aliases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The fixture with its inputs replaced by `inputs` and `resize`'s behaviour by `behavior`.
fn with(inputs: Value, behavior: Value) -> String {
    let mut s = fixture();
    s["inputs"] = inputs;
    s["functions"][0]["behavior"] = behavior;
    s.to_string()
}

/// One async invoke of `resize` through `name`.
fn invoke(name: &str) -> Value {
    serde_json::json!([{ "type": "invoke", "FunctionName": name, "InvocationType": "Event",
        "Payload": { "image": "a.png" } }])
}

fn ok() -> Value {
    serde_json::json!({})
}

fn fails() -> Value {
    serde_json::from_str(FAIL).unwrap()
}

fn arn(qualifier: &str) -> String {
    format!("{LAMBDA}:resize:{qualifier}")
}

#[test]
fn spec_2_9_an_invoke_through_an_alias_uses_the_aliass_config_and_its_record_names_the_alias() {
    let run = run(&with(invoke("resize:live"), ok()));
    let record = the_record(&run, "live-ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["functionArn"], arn("live"));
    assert_eq!(record["responseContext"]["executedVersion"], "1");
    assert!(
        delivered(&run, "v1-ok").is_empty(),
        "not the version's config"
    );
    assert!(delivered(&run, "latest-failed").is_empty());
}

#[test]
fn spec_2_9_an_aliass_retry_limit_is_its_own_not_latests() {
    // `$LATEST` allows no retry; `live` allows one.
    let run = run(&with(invoke("resize:live"), fails()));
    assert_eq!(attempt_times(&run).len(), 2);
    let record = the_record(&run, "live-failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestContext"]["functionArn"], arn("live"));
    assert_eq!(record["responseContext"]["executedVersion"], "1");
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert!(delivered(&run, "latest-failed").is_empty());
}

#[test]
fn spec_2_9_publishing_a_version_does_not_copy_the_latest_config() {
    // Version 2 was published from a `$LATEST` with OnFailure and no retries: it has neither.
    let run = run(&with(invoke("resize:2"), fails()));
    assert_eq!(attempt_times(&run).len(), 3, "AWS's default: 2 retries");
    assert!(delivered(&run, "latest-failed").is_empty());
    assert_eq!(
        count(&run, |w| matches!(w, What::NoDestination { .. })),
        1,
        "no destination configured on version 2"
    );
    // The same failure on `$LATEST` goes to its OnFailure destination, once.
    let latest = run_with(&with(invoke("resize"), fails()), &RunOptions::default());
    assert_eq!(attempt_times(&latest).len(), 1);
    let record = the_record(&latest, "latest-failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["functionArn"], arn("$LATEST"));
    assert_eq!(record["responseContext"]["executedVersion"], "$LATEST");
}

#[test]
fn spec_4_1_a_version_invoke_names_the_version_in_function_arn_and_executed_version() {
    let run = run(&with(invoke(&arn("1")), ok()));
    let record = the_record(&run, "v1-ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["functionArn"], arn("1"));
    assert_eq!(record["responseContext"]["executedVersion"], "1");
}

#[test]
fn assumption_an_alias_without_its_own_config_uses_none_not_its_versions() {
    // `bare` points at version 1, whose config sends successes to v1-ok.
    const { assert!(!engine::assumptions::ALIAS_FALLS_BACK_TO_VERSION_CONFIG) };
    let run = run(&with(invoke("resize:bare"), ok()));
    assert!(delivered(&run, "v1-ok").is_empty());
    let failed = run_with(
        &with(invoke("resize:bare"), fails()),
        &RunOptions::default(),
    );
    assert_eq!(
        attempt_times(&failed).len(),
        3,
        "AWS's defaults, not $LATEST's 0 retries"
    );
    assert!(delivered(&failed, "latest-failed").is_empty());
}

#[test]
fn spec_2_9_alias_routing_weights_split_events_by_the_seed_the_same_way_every_run() {
    let inputs: Vec<Value> = (0..200)
        .map(|i| {
            serde_json::json!({ "type": "invoke", "at": i * 10, "FunctionName": "resize:canary",
            "InvocationType": "Event", "Payload": { "n": i } })
        })
        .collect();
    let scenario = with(Value::Array(inputs), ok());
    let versions = |run: &engine::Run| -> Vec<String> {
        delivered(run, "canary-ok")
            .iter()
            .map(|r| {
                assert_eq!(r["requestContext"]["functionArn"], arn("canary"));
                r["responseContext"]["executedVersion"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let first = versions(&run(&scenario));
    assert_eq!(first.len(), 200);
    let to_2 = first.iter().filter(|v| *v == "2").count();
    assert!(
        (25..=75).contains(&to_2),
        "about 25 % of 200 ran version 2: {to_2}"
    );
    assert_eq!(first.iter().filter(|v| *v == "1").count(), 200 - to_2);
    assert_eq!(
        versions(&run(&scenario)),
        first,
        "the same seed routes the same way"
    );
    // With weight 0, no event runs version 2.
    let mut zero: Value = serde_json::from_str(&scenario).unwrap();
    zero["functions"][0]["Aliases"][1]["RoutingConfig"]["AdditionalVersionWeights"]["2"] =
        Value::from(0.0);
    let none = versions(&run(&zero.to_string()));
    assert!(none.iter().all(|v| v == "1"), "{none:?}");
}

#[test]
fn spec_2_9_sns_eventbridge_and_s3_invoke_the_qualifier_they_name() {
    let mut s = fixture();
    s["topics"][0]["Subscriptions"][0]["Endpoint"] = Value::from("resize:live");
    s["eventBuses"] = serde_json::json!([{ "Name": "default", "Rules": [
        { "Name": "all", "Targets": [arn("live")] }] }]);
    s["buckets"] = serde_json::json!([{ "BucketName": "images",
        "LambdaFunctionConfigurations": [{ "LambdaFunctionArn": arn("live") }] }]);
    s["inputs"] = serde_json::json!([
        { "type": "publish", "at": 0, "TopicName": "uploads", "Message": "a" },
        { "type": "putEvents", "at": 1000, "EventBusName": "default", "Source": "shop", "DetailType": "t", "Detail": {} },
        { "type": "putObject", "at": 2000, "Bucket": "images", "Key": "a.png" }
    ]);
    let run = run(&s.to_string());
    let records = delivered(&run, "live-ok");
    assert_eq!(records.len(), 3, "each through the alias");
    for r in &records {
        assert_eq!(r["requestContext"]["functionArn"], arn("live"));
        assert_eq!(r["responseContext"]["executedVersion"], "1");
    }
    assert!(delivered(&run, "v1-ok").is_empty());
}

#[test]
fn spec_4_3_a_mapping_through_an_alias_names_it_in_its_failure_record() {
    let mut s = fixture();
    s["functions"][0]["behavior"] = fails();
    s["kinesisStreams"] = serde_json::json!([{ "StreamName": "clicks" }]);
    s["eventSourceMappings"] = serde_json::json!([{ "FunctionName": "resize:live",
        "EventSourceArn": format!("{KINESIS}/clicks"), "StartingPosition": "LATEST",
        "MaximumRetryAttempts": 0,
        "DestinationConfig": { "OnFailure": { "Destination": format!("{SQS}:live-failed") } } }]);
    s["inputs"] = serde_json::json!([{ "type": "putRecord", "StreamName": "clicks",
        "PartitionKey": "k", "Data": { "x": 1 } }]);
    let run = run(&s.to_string());
    let record = the_record(&run, "live-failed", Via::MappingOnFailure);
    assert_eq!(record["requestContext"]["functionArn"], arn("live"));
    assert_eq!(record["responseContext"]["executedVersion"], "1");
}

/// The errors of a scenario that differs from the fixture by `change`.
fn errors(change: impl Fn(&mut Value)) -> Vec<engine::Finding> {
    let mut s = fixture();
    change(&mut s);
    findings(&s.to_string())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn spec_2_9_invoking_a_qualifier_the_function_does_not_have_is_refused_as_not_found() {
    let found = errors(|s| s["inputs"] = invoke("resize:9"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::QualifierMissing);
    assert_eq!(found[0].code, "ResourceNotFoundException");
    assert_eq!(found[0].status, 404);
    assert_eq!(found[0].message, "The function doesn't exist.");
    assert_eq!(found[0].field, "inputs[0].FunctionName");
    assert_eq!(found[0].resource, arn("9"));
    // A subscription to a missing alias is refused the same way.
    let found = errors(|s| {
        s["topics"][0]["Subscriptions"][0]["Endpoint"] = Value::from(arn("prod"));
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::QualifierMissing);
    assert_eq!(found[0].field, "topics[0].Subscriptions[0].Endpoint");
}

#[test]
fn spec_2_9_a_qualifier_outside_the_pattern_is_refused_with_the_pattern() {
    let found = errors(|s| s["inputs"] = invoke("resize:a.b"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::QualifierPattern);
    assert_eq!(found[0].code, "ValidationException");
    assert_eq!(found[0].message, "1 validation error detected: Value 'a.b' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
}

#[test]
fn spec_2_9_an_alias_to_a_missing_version_or_with_a_bad_name_is_refused() {
    let found = errors(|s| s["functions"][0]["Aliases"][0]["FunctionVersion"] = Value::from("7"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::AliasVersion);
    assert_eq!(
        found[0].message,
        format!("Function not found: {}", arn("7"))
    );
    assert_eq!(found[0].field, "functions[0].Aliases[0].FunctionVersion");
    let found = errors(|s| s["functions"][0]["Aliases"][2]["Name"] = Value::from("12"));
    assert!(
        found.iter().any(|f| f.rule == RuleId::AliasName
            && f.message
                .contains("Value '12' at 'name' failed to satisfy constraint")),
        "{found:#?}"
    );
    let found = errors(|s| s["functions"][0]["Aliases"][2]["Name"] = Value::from("live"));
    assert!(
        found.iter().any(|f| f.rule == RuleId::AliasName
            && f.message == format!("Alias already exists: {}", arn("live"))),
        "{found:#?}"
    );
    let found = errors(|s| {
        s["functions"][0]["Aliases"][1]["RoutingConfig"]["AdditionalVersionWeights"]["2"] =
            Value::from(1.5)
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::AliasVersion);
}

#[test]
fn spec_2_9_versions_are_numbered_in_the_order_they_were_published() {
    let found = errors(|s| s["functions"][0]["Versions"][1]["Version"] = Value::from("1"));
    assert!(
        found
            .iter()
            .any(|f| f.rule == RuleId::VersionNumber
                && f.field == "functions[0].Versions[1].Version"),
        "{found:#?}"
    );
    let found = errors(|s| s["functions"][0]["Versions"][0]["Version"] = Value::from("latest"));
    assert!(
        found.iter().any(|f| f.rule == RuleId::VersionNumber),
        "{found:#?}"
    );
}

#[test]
fn spec_2_9_each_qualifiers_config_is_checked_as_put_function_event_invoke_config_would() {
    let found = errors(|s| {
        s["functions"][0]["Aliases"][0]["EventInvokeConfig"]["MaximumRetryAttempts"] =
            Value::from(5)
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].field,
        "functions[0].Aliases[0].EventInvokeConfig.MaximumRetryAttempts"
    );
    assert!(found[0]
        .message
        .contains("Member must have value less than or equal to 2"));
    // A Lambda destination naming a qualifier its function lacks is an invalid destination.
    let mut s = fixture();
    s["functions"].as_array_mut().unwrap().push(serde_json::json!({ "FunctionName": "notify",
        "EventInvokeConfig": { "DestinationConfig": { "OnSuccess": { "Destination": arn("9") } } } }));
    let found: Vec<_> = findings(&s.to_string())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::DestinationMissing);
    assert_eq!(
        found[0].message,
        format!("The destination ARN {} is invalid.", arn("9"))
    );
}

#[test]
fn a_lambda_destination_through_an_alias_invokes_that_alias() {
    let mut s = fixture();
    s["functions"].as_array_mut().unwrap().push(serde_json::json!({ "FunctionName": "notify",
        "EventInvokeConfig": { "DestinationConfig": { "OnSuccess": { "Destination": arn("live") } } } }));
    s["inputs"] = serde_json::json!([{ "type": "invoke", "FunctionName": "notify",
        "InvocationType": "Event", "Payload": {} }]);
    let run = run(&s.to_string());
    let record = the_record(&run, "live-ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["functionArn"], arn("live"));
}

#[test]
fn a_scenario_with_versions_and_aliases_writes_back_as_it_was_read() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/versions-and-aliases.json");
    let text = std::fs::read_to_string(path).unwrap();
    let scenario = engine::Scenario::from_json(&text).unwrap();
    let written = serde_json::to_string(&scenario).unwrap();
    let again = engine::Scenario::from_json(&written).unwrap();
    assert_eq!(again, scenario);
    let value: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        value["functions"][0]["Aliases"][1]["RoutingConfig"],
        serde_json::json!({ "AdditionalVersionWeights": { "2": 0.25 } })
    );
    assert_eq!(
        value["functions"][0]["Versions"][1],
        serde_json::json!({ "Version": "2" })
    );
    let err = engine::Scenario::from_json(&text.replace(
        "\"FunctionVersion\": \"1\",\n          \"RoutingConfig\"",
        "\"FunctionVersion\": \"1\", \"Weight\": 1,\n          \"RoutingConfig\"",
    ))
    .unwrap_err();
    assert_eq!(err.path, "functions[0].Aliases[1].Weight");
}

#[test]
fn a_function_with_more_versions_and_aliases_than_the_cap_is_refused_with_its_path() {
    let mut s = fixture();
    let versions: Vec<Value> = (1..=engine::scenario::MAX_QUALIFIERS + 1)
        .map(|n| serde_json::json!({ "Version": n.to_string() }))
        .collect();
    s["functions"][0]["Versions"] = Value::Array(versions);
    let err = engine::Scenario::from_json(&s.to_string()).unwrap_err();
    assert_eq!(err.path, "functions[0].Versions");
    assert!(err.message.contains("at most 1000"), "{}", err.message);
}

#[test]
fn spec_2_9_the_trace_says_which_version_an_alias_runs_and_whose_config_applies() {
    use engine::lang::Lang;
    use engine::narrate::sentence;
    let run = run(&with(invoke("resize:live"), ok()));
    let (i, event) = events(&run, |w| matches!(w, What::QualifierInvoked { .. }))
        .next()
        .expect("one QualifierInvoked event");
    assert_eq!(event.rule, RuleId::QualifierInvoked);
    assert!(
        event.what.is_decision(),
        "the log's Decisions filter shows it"
    );
    assert_eq!(
        sentence(&run, i, Lang::En),
        "The call names alias live of resize: version 1 runs the event, under the alias's own EventInvokeConfig."
    );
    assert!(sentence(&run, i, Lang::Ko)
        .contains("별칭 live를 지정했습니다: 버전 1이 이벤트를 실행하고"));
    let version = run_with(&with(invoke("resize:2"), ok()), &RunOptions::default());
    let (i, _) = events(&version, |w| matches!(w, What::QualifierInvoked { .. }))
        .next()
        .expect("one for a version too");
    assert!(sentence(&version, i, Lang::En).starts_with("The call names version 2 of resize"));
    // An unqualified call runs $LATEST and says nothing more.
    let latest = run_with(&with(invoke("resize"), ok()), &RunOptions::default());
    assert_eq!(
        count(&latest, |w| matches!(w, What::QualifierInvoked { .. })),
        0
    );
}

#[test]
fn a_synchronous_call_through_an_alias_says_which_version_runs_and_uses_no_destination() {
    let inputs = serde_json::json!([{ "type": "invoke", "FunctionName": "resize:live",
        "InvocationType": "RequestResponse", "Payload": {} }]);
    let run = run(&with(inputs, ok()));
    let (i, _) = events(&run, |w| matches!(w, What::QualifierInvoked { .. }))
        .next()
        .expect("the qualifier is noted");
    let (_, started) = events(&run, |w| matches!(w, What::AttemptStarted { .. }))
        .next()
        .expect("it runs");
    assert_eq!(started.parent, Some(i as u32), "the run follows from it");
    assert!(
        delivered(&run, "live-ok").is_empty(),
        "destinations are for async calls"
    );
    assert_eq!(
        count(&run, |w| matches!(w, What::NoDestination { .. })),
        1,
        "the alias's destinations are said not to apply"
    );
}
