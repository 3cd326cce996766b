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
            } => Some((n.line, *rule, *code, message.as_str())),
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
            } => Some((*rule, *code, message.as_str())),
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

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LiveConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Resize
      Qualifier: live
      MaximumRetryAttempts: 1
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Failed.Arn
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Resize
      Name: live
      FunctionVersion: !GetAtt V1.Version
      RoutingConfig:
        AdditionalVersionWeights:
          - FunctionVersion: !GetAtt V2.Version
            FunctionWeight: 0.2
  V1Config:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Resize
      Qualifier: !GetAtt V1.Version
      MaximumEventAgeInSeconds: 120
  V1:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Resize
  V2:
    Type: AWS::Lambda::Version
    DependsOn: V1
    Properties:
      FunctionName: !Ref Resize
  Resize:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: resize
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "x" }
  Failed:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: failed
  Uploads:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: uploads
  UploadsToLive:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Uploads
      Protocol: lambda
      Endpoint: !Ref Live
"#;

#[test]
fn spec_2_9_cloudformation_versions_aliases_and_configs_on_a_qualifier_are_imported() {
    let imported = import::from_text(TEMPLATE).expect("imports");
    let s = &imported.scenario;
    assert!(
        imported
            .not_understood
            .iter()
            .all(|n| !matches!(n.reason, Reason::Refused { .. } | Reason::Unresolved { .. })),
        "{:?}",
        imported.not_understood
    );
    let f = &s.functions[0];
    let versions: Vec<&str> = f.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(versions, ["1", "2"]);
    assert_eq!(
        f.versions[0]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_event_age_in_seconds),
        Some(120)
    );
    assert_eq!(f.aliases.len(), 1);
    let live = &f.aliases[0];
    assert_eq!(
        (live.name.as_str(), live.function_version.as_str()),
        ("live", "1")
    );
    assert_eq!(
        live.routing_config
            .as_ref()
            .map(|r| r.additional_version_weights.clone()),
        Some(vec![("2".to_string(), 0.2)])
    );
    assert_eq!(
        live.event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts),
        Some(1)
    );
    assert!(f.event_invoke_config.is_none(), "nothing on $LATEST");
    assert_eq!(
        s.topics[0].subscriptions[0].endpoint,
        "arn:aws:lambda:us-east-2:123456789012:function:resize:live"
    );
    assert_eq!(errors(s), vec![]);
}

#[test]
fn spec_2_9_a_template_config_whose_function_name_and_qualifier_disagree_is_refused() {
    let text = TEMPLATE.replace(
        "      FunctionName: !Ref Resize\n      Qualifier: live",
        "      FunctionName: !Ref Live\n      Qualifier: \"2\"",
    );
    let imported = import::from_text(&text).expect("imports");
    let refused: Vec<_> = imported
        .not_understood
        .iter()
        .filter_map(|n| match &n.reason {
            Reason::Refused { rule, message, .. } => {
                Some((n.place.clone(), *rule, message.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [(
            "Resources.LiveConfig.Properties.Qualifier".to_string(),
            RuleId::QualifierMismatch,
            "The derived qualifier from the function name does not match the specified qualifier."
        )]
    );
    assert!(imported.scenario.functions[0].aliases[0]
        .event_invoke_config
        .is_none());
}

#[test]
fn sam_auto_publish_alias_publishes_a_version_and_puts_the_config_and_events_on_the_alias() {
    let text = r#"Transform: AWS::Serverless-2016-10-31
Resources:
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: resize
      Runtime: python3.13
      Handler: index.handler
      InlineCode: "x"
      AutoPublishAlias: live
      EventInvokeConfig:
        MaximumRetryAttempts: 0
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
  Caller:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: arn:aws:sns:us-east-2:123456789012:t
      Protocol: lambda
      Endpoint: !Ref Resize.Alias
"#;
    let imported = import::from_text(text).expect("imports");
    let s = &imported.scenario;
    let f = &s.functions[0];
    assert_eq!(f.versions.len(), 1);
    assert_eq!(f.aliases[0].name, "live");
    assert_eq!(f.aliases[0].function_version, "1");
    assert_eq!(
        f.aliases[0]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts),
        Some(0)
    );
    assert!(f.event_invoke_config.is_none());
    assert_eq!(s.event_source_mappings[0].function_name, "resize:live");
    assert_eq!(
        s.topics[0].subscriptions[0].endpoint,
        "arn:aws:lambda:us-east-2:123456789012:function:resize:live"
    );
    assert_eq!(errors(s), vec![]);
}

/// The versions-and-aliases fixture, parsed.
fn fixture() -> (Scenario, Topology) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/versions-and-aliases.json");
    let scenario =
        Scenario::from_json(&std::fs::read_to_string(path).expect("the fixture")).expect("parses");
    let topology = Topology::build(&scenario);
    (scenario, topology)
}

#[test]
fn spec_2_9_cloudformation_exports_versions_aliases_and_a_config_per_qualifier() {
    let (s, t) = fixture();
    let template: serde_json::Value =
        serde_json::from_str(&engine::export::cloudformation_json(&s, &t)).expect("JSON");
    let resources = template["Resources"].as_object().expect("Resources");
    let of = |kind: &str| -> Vec<&serde_json::Value> {
        resources.values().filter(|r| r["Type"] == kind).collect()
    };
    assert_eq!(of("AWS::Lambda::Version").len(), 2);
    assert_eq!(
        resources["ResizeFunctionVersion2"]["DependsOn"], "ResizeFunctionVersion1",
        "published in order"
    );
    let canary = &resources["ResizeFunctionAliasCanary"]["Properties"];
    assert_eq!(canary["Name"], "canary");
    assert_eq!(
        canary["FunctionVersion"],
        serde_json::json!({ "Fn::GetAtt": ["ResizeFunctionVersion1", "Version"] })
    );
    assert_eq!(
        canary["RoutingConfig"],
        serde_json::json!({ "AdditionalVersionWeights": [{ "FunctionVersion": { "Fn::GetAtt": ["ResizeFunctionVersion2", "Version"] }, "FunctionWeight": 0.25 }] })
    );
    let qualifiers: Vec<&serde_json::Value> = of("AWS::Lambda::EventInvokeConfig")
        .iter()
        .map(|r| &r["Properties"]["Qualifier"])
        .collect();
    assert_eq!(
        qualifiers,
        [
            &serde_json::json!("$LATEST"),
            &serde_json::json!({ "Fn::GetAtt": ["ResizeFunctionVersion1", "Version"] }),
            &serde_json::json!("live"),
            &serde_json::json!("canary"),
        ],
        "one per qualifier with a config; version 2 and bare have none"
    );
    // The subscription, its permission and the mapping name the alias itself.
    let subscription = &of("AWS::SNS::Subscription")[0]["Properties"];
    assert_eq!(
        subscription["Endpoint"],
        serde_json::json!({ "Ref": "ResizeFunctionAliasLive" })
    );
    let mapping = &of("AWS::Lambda::EventSourceMapping")[0]["Properties"];
    assert_eq!(
        mapping["FunctionName"],
        serde_json::json!({ "Ref": "ResizeFunctionAliasLive" })
    );
}

#[test]
fn spec_2_9_terraform_publishes_and_puts_configs_on_aliases_with_a_qualifier() {
    let (s, t) = fixture();
    let hcl = engine::export::terraform_hcl(&s, &t);
    assert!(hcl.contains("  publish = true\n"), "{hcl}");
    assert!(
        hcl.contains("resource \"aws_lambda_alias\" \"resize_function_canary\" {"),
        "{hcl}"
    );
    assert!(
        hcl.contains("additional_version_weights = {\n      \"2\" = 0.25\n    }"),
        "{hcl}"
    );
    assert!(
        hcl.contains("qualifier = aws_lambda_alias.resize_function_live.name"),
        "{hcl}"
    );
    assert!(hcl.contains("qualifier = \"$LATEST\""), "{hcl}");
    assert!(
        hcl.contains("endpoint = aws_lambda_alias.resize_function_live.arn"),
        "{hcl}"
    );
}

#[test]
fn spec_2_9_the_cli_script_publishes_creates_aliases_and_puts_each_qualifiers_config() {
    let (s, t) = fixture();
    let script = engine::export::awscli_script(&s, &t);
    let at = |needle: &str| {
        script
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}\n{script}"))
    };
    assert!(at("aws lambda create-function") < at("aws lambda publish-version"));
    assert!(at("aws lambda publish-version") < at("aws lambda create-alias"));
    assert!(at("aws lambda create-alias") < at("--qualifier live"));
    assert!(script.contains("--routing-config '{\"AdditionalVersionWeights\":{\"2\":0.25}}'"));
    assert!(
        script.contains("--function-name resize:live"),
        "the mapping and permission"
    );
}

#[test]
fn renaming_a_function_keeps_the_qualifiers_its_references_name() {
    use engine::edit::{self, Edit};
    let (mut s, t) = fixture();
    let arn = t
        .get(t.find(engine::Kind::Function, "resize").expect("resize"))
        .arn
        .clone();
    edit::apply(&mut s, &Edit::Rename(arn, "thumbnail".into())).expect("renamed");
    assert_eq!(s.functions[0].function_name, "thumbnail");
    assert_eq!(s.event_source_mappings[0].function_name, "thumbnail:live");
    assert_eq!(
        s.topics[0].subscriptions[0].endpoint,
        "arn:aws:lambda:us-east-2:123456789012:function:thumbnail:live"
    );
    assert_eq!(
        s.event_buses[0].rules[0].targets[0],
        "arn:aws:lambda:us-east-2:123456789012:function:thumbnail:canary"
    );
    match &s.inputs[0] {
        engine::scenario::Input::Invoke { function_name, .. } => {
            assert_eq!(function_name, "thumbnail:live")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(errors(&s), vec![]);
}

#[test]
fn removing_a_queue_clears_it_from_every_qualifiers_destinations() {
    use engine::edit::{self, Edit};
    let (mut s, _) = fixture();
    let live_ok = "arn:aws:sqs:us-east-2:123456789012:live-ok".to_string();
    edit::apply(&mut s, &Edit::Remove(vec![live_ok])).expect("removed");
    let live = s.functions[0].aliases[0]
        .event_invoke_config
        .as_ref()
        .and_then(|c| c.destination_config.as_ref())
        .expect("live keeps its other destination");
    assert_eq!(live.on_success_arn(), None);
    assert_eq!(
        live.on_failure_arn(),
        Some("arn:aws:sqs:us-east-2:123456789012:live-failed")
    );
    assert_eq!(errors(&s), vec![]);
    // Removing the function removes the inputs that invoke it through an alias.
    let (mut s, t) = fixture();
    let arn = t
        .get(t.find(engine::Kind::Function, "resize").expect("resize"))
        .arn
        .clone();
    edit::apply(&mut s, &Edit::Remove(vec![arn])).expect("removed");
    assert!(s
        .inputs
        .iter()
        .all(|i| !matches!(i, engine::scenario::Input::Invoke { .. })));
    assert!(s.event_source_mappings.is_empty());
}

#[test]
fn an_aliass_config_is_set_and_removed_through_a_pointer_into_the_list() {
    use engine::edit::{self, Edit, Refused};
    let (mut s, t) = fixture();
    let arn = t
        .get(t.find(engine::Kind::Function, "resize").expect("resize"))
        .arn
        .clone();
    let set = |s: &mut Scenario, pointer: &str, value: serde_json::Value| {
        edit::apply(
            s,
            &Edit::Set {
                arn: arn.clone(),
                pointer: pointer.into(),
                value,
            },
        )
    };
    set(
        &mut s,
        "/Aliases/2/EventInvokeConfig/MaximumRetryAttempts",
        0.into(),
    )
    .expect("set");
    let bare = s.functions[0].aliases[2].event_invoke_config.as_ref();
    assert_eq!(bare.and_then(|c| c.maximum_retry_attempts), Some(0));
    assert!(s.functions[0]
        .event_invoke_config
        .as_ref()
        .and_then(|c| c.maximum_event_age_in_seconds)
        .is_none());
    set(
        &mut s,
        "/Aliases/2/EventInvokeConfig",
        serde_json::Value::Null,
    )
    .expect("removed");
    assert!(s.functions[0].aliases[2].event_invoke_config.is_none());
    // An index past the list is refused, not a panic.
    let refused = set(
        &mut s,
        "/Aliases/9/EventInvokeConfig/MaximumRetryAttempts",
        1.into(),
    );
    assert!(matches!(refused, Err(Refused::Invalid(_))), "{refused:?}");
    // AWS's range applies to an alias's config as to $LATEST's.
    let refused = set(
        &mut s,
        "/Aliases/0/EventInvokeConfig/MaximumRetryAttempts",
        5.into(),
    );
    assert!(refused.is_err(), "{refused:?}");
}

#[test]
fn sam_exports_one_version_and_its_alias_as_auto_publish_alias() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/one-version-one-alias.json");
    let s = Scenario::from_json(&std::fs::read_to_string(path).expect("fixture")).expect("parses");
    let t = Topology::build(&s);
    let sam = engine::export::sam_yaml(&s, &t);
    assert!(sam.contains("AutoPublishAlias: live"), "{sam}");
    assert!(
        !sam.contains("AWS::Lambda::Alias"),
        "SAM makes the alias: {sam}"
    );
    assert!(sam.contains("Ref: CheckoutFunction.Alias"), "{sam}");
    assert!(
        sam.contains("Qualifier: \"$LATEST\""),
        "$LATEST's config is a resource: {sam}"
    );
    // The plain template spells out the version and the alias.
    let cfn = engine::export::cloudformation_yaml(&s, &t);
    assert!(cfn.contains("Type: AWS::Lambda::Alias") && !cfn.contains("AutoPublishAlias"));
}

#[test]
fn spec_2_9_update_merges_into_a_qualifiers_config_and_is_refused_where_there_is_none() {
    let imported = cli(&format!(
        r#"aws lambda create-function --function-name resize --role r --publish
aws lambda create-alias --function-name resize --name live --function-version 1
aws lambda put-function-event-invoke-config --function-name resize:live --maximum-retry-attempts 1 --destination-config '{{"OnFailure":{{"Destination":"{Q}:failed"}}}}'
aws lambda update-function-event-invoke-config --function-name resize:live --maximum-event-age-in-seconds 600
aws lambda update-function-event-invoke-config --function-name resize --maximum-retry-attempts 0
"#
    ));
    let f = &imported.scenario.functions[0];
    let live = f.aliases[0].event_invoke_config.as_ref().expect("live's");
    assert_eq!(live.maximum_retry_attempts, Some(1), "kept");
    assert_eq!(live.maximum_event_age_in_seconds, Some(600), "merged");
    assert!(live.destination_config.is_some(), "kept");
    assert!(
        f.event_invoke_config.is_none(),
        "update does not create one"
    );
    let refused: Vec<_> = imported
        .not_understood
        .iter()
        .filter_map(|n| match &n.reason {
            Reason::Refused {
                rule,
                code,
                message,
            } => Some((n.line, *rule, *code, message.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [(
            5,
            RuleId::InvokeConfigMissing,
            "ResourceNotFoundException",
            "The function arn:aws:lambda:us-east-2:123456789012:function:resize:$LATEST doesn't have an EventInvokeConfig".to_string()
        )]
    );
}
