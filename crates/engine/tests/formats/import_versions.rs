//! Versions, aliases and per-qualifier `EventInvokeConfig`s through the importers (spec §2.9):
//! `publish-version`, `create-alias`, `put-function-event-invoke-config --qualifier` and
//! `invoke --qualifier`; configs go to the qualifier they name, publishing copies none, and the
//! calls AWS refuses are refused in its words.

use engine::import::{self, Reason};
use engine::{validate, RuleId, Scenario, Severity, Topology};

const Q: &str = "arn:aws:sqs:us-east-2:123456789012";

fn errors(s: &Scenario) -> Vec<engine::Finding> {
    validate(s, &Topology::build(s))
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn cli(text: &str) -> import::Imported {
    import::from_text(text).expect("imports")
}

#[test]
fn spec_2_9_cli_versions_aliases_and_qualified_configs_are_imported_where_they_belong() {
    let imported = cli(&format!(
        r#"aws lambda create-function --function-name resize --runtime python3.12 --handler h --role r --zip-file fileb://f.zip --publish
aws lambda put-function-event-invoke-config --function-name resize --maximum-retry-attempts 0 --destination-config '{{"OnFailure":{{"Destination":"{Q}:latest-failed"}}}}'
aws lambda publish-version --function-name resize
aws lambda create-alias --function-name resize --name live --function-version 2 --routing-config 'AdditionalVersionWeights={{"1"=0.1}}'
aws lambda put-function-event-invoke-config --function-name resize:live --maximum-retry-attempts 1 --destination-config '{{"OnSuccess":{{"Destination":"{Q}:live-ok"}}}}'
aws lambda put-function-event-invoke-config --function-name resize --qualifier 1 --maximum-event-age-in-seconds 60
aws lambda invoke --function-name resize --qualifier live --invocation-type Event --payload '{{}}' out.json
"#
    ));
    let f = &imported.scenario.functions[0];
    let versions: Vec<&str> = f.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(
        versions,
        ["1", "2"],
        "create-function --publish, then publish-version"
    );
    assert_eq!(
        f.versions[1].event_invoke_config, None,
        "publishing copies no config"
    );
    assert_eq!(
        f.versions[0]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_event_age_in_seconds),
        Some(60)
    );
    assert_eq!(f.aliases.len(), 1);
    assert_eq!(f.aliases[0].name, "live");
    assert_eq!(f.aliases[0].function_version, "2");
    assert_eq!(
        f.aliases[0]
            .routing_config
            .as_ref()
            .map(|r| r.additional_version_weights.clone()),
        Some(vec![("1".to_string(), 0.1)])
    );
    let live = f.aliases[0]
        .event_invoke_config
        .as_ref()
        .expect("live's config");
    assert_eq!(live.maximum_retry_attempts, Some(1));
    assert_eq!(
        live.destination_config
            .as_ref()
            .and_then(|d| d.on_success_arn()),
        Some(format!("{Q}:live-ok").as_str())
    );
    assert_eq!(
        f.event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts),
        Some(0),
        "$LATEST keeps its own"
    );
    match &imported.scenario.inputs[0] {
        engine::scenario::Input::Invoke { function_name, .. } => {
            assert_eq!(function_name, "resize:live")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        imported
            .not_understood
            .iter()
            .all(|n| !matches!(n.reason, Reason::Refused { .. })),
        "{:?}",
        imported.not_understood
    );
    assert_eq!(errors(&imported.scenario), vec![]);
}

#[test]
fn spec_2_9_a_name_qualifier_that_disagrees_with_qualifier_is_refused_in_aws_words() {
    let imported = cli(
        "aws lambda create-function --function-name resize --role r --publish\n\
         aws lambda create-alias --function-name resize --name live --function-version 1\n\
         aws lambda put-function-event-invoke-config --function-name resize:live --qualifier 1 --maximum-retry-attempts 0\n\
         aws lambda invoke --function-name arn:aws:lambda:us-east-2:123456789012:function:resize:live --qualifier 1 out.json\n",
    );
    let refused: Vec<_> = imported
        .not_understood
        .iter()
        .filter_map(|n| match &n.reason {
            Reason::Refused {
                rule,
                code,
                message,
            } => Some((n.line, *rule, *code, *message)),
            _ => None,
        })
        .collect();
    let mismatch =
        "The derived qualifier from the function name does not match the specified qualifier.";
    assert_eq!(
        refused,
        [
            (
                3,
                RuleId::QualifierMismatch,
                "InvalidParameterValueException",
                mismatch
            ),
            (
                4,
                RuleId::QualifierMismatch,
                "InvalidParameterValueException",
                mismatch
            ),
        ]
    );
    // Nothing was configured or invoked.
    let f = &imported.scenario.functions[0];
    assert!(f.event_invoke_config.is_none());
    assert!(f.versions[0].event_invoke_config.is_none());
    assert!(f.aliases[0].event_invoke_config.is_none());
    assert!(imported.scenario.inputs.is_empty());
    assert!(imported
        .not_understood
        .iter()
        .any(|n| n.message(engine::lang::Lang::En)
            == format!("line 3, command 3 (aws lambda put-function-event-invoke-config) --qualifier: AWS refuses this: InvalidParameterValueException: {mismatch}")),
        "{:?}", imported.not_understood);
}

#[test]
fn spec_2_9_a_config_put_on_a_missing_version_is_refused_as_not_found() {
    let imported = cli(
        "aws lambda create-function --function-name resize --role r\n\
         aws lambda put-function-event-invoke-config --function-name resize --qualifier 7 --maximum-retry-attempts 0\n\
         aws lambda put-function-event-invoke-config --function-name resize --qualifier prod --maximum-retry-attempts 1\n",
    );
    let refused: Vec<_> = imported
        .not_understood
        .iter()
        .filter_map(|n| match &n.reason {
            Reason::Refused {
                rule,
                code,
                message,
            } => Some((*rule, *code, *message)),
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [(
            RuleId::QualifierMissing,
            "ResourceNotFoundException",
            "The function doesn't exist."
        )]
    );
    let f = &imported.scenario.functions[0];
    assert!(f.event_invoke_config.is_none());
    assert!(f.versions.is_empty());
    // An alias the text does not create is drawn, pointing at $LATEST, with its config.
    assert_eq!(f.aliases.len(), 1);
    assert_eq!(
        (
            f.aliases[0].name.as_str(),
            f.aliases[0].function_version.as_str()
        ),
        ("prod", "$LATEST")
    );
    assert_eq!(
        f.aliases[0]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts),
        Some(1)
    );
}
