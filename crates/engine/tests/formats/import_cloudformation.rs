//! Importing CloudFormation and SAM templates, in YAML (short-form tags) and JSON.

use crate::common;
use engine::diagram::LinkKind;
use engine::import::{self, fixes, Format, ImportError, Reason};
use engine::{validate, Topology};

fn link(kind: LinkKind, from: &str, to: &str) -> (LinkKind, String, String) {
    (kind, from.to_string(), to.to_string())
}

const IMAGE_SAM: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Image processing
Resources:
  Images:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${AWS::StackName}-images'
  ResizeImage:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: resize-image
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      Timeout: 30
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Images
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: uploads/
      EventInvokeConfig:
        MaximumRetryAttempts: 2
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: !GetAtt ImageMetadata.Arn
          OnFailure:
            Type: SNS
            Destination: !Ref ImageAlerts
  ImageMetadata:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: image-metadata
  ImageAlerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: image-alerts
      Subscription:
        - Protocol: email
          Endpoint: operator@example.com
  StoreMetadata:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: store-metadata
      Handler: index.handler
      Runtime: nodejs22.x
      Role: !GetAtt StoreRole.Arn
      Code:
        ZipFile: |
          exports.handler = async () => {};
  StoreMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref StoreMetadata
      EventSourceArn: !GetAtt ImageMetadata.Arn
      BatchSize: 10
  StoreRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
"#;

#[test]
fn a_sam_template_in_yaml_draws_the_image_pipeline_with_its_destinations() {
    let imported = import::from_text(IMAGE_SAM).expect("imports");
    assert_eq!(imported.format, Format::CloudFormationYaml);
    let s = &imported.scenario;
    assert_eq!(s.buckets[0].bucket_name, "stack-images");
    let f = &s.functions[0];
    assert_eq!((f.function_name.as_str(), f.timeout), ("resize-image", 30));
    let mut got = common::drawn(s);
    got.sort_by_key(|l| format!("{l:?}"));
    let mut want = vec![
        link(
            LinkKind::AsyncTrigger,
            "bucket:stack-images",
            "function:resize-image",
        ),
        link(
            LinkKind::OnSuccess,
            "function:resize-image",
            "queue:image-metadata",
        ),
        link(
            LinkKind::OnFailure,
            "function:resize-image",
            "topic:image-alerts",
        ),
        link(
            LinkKind::Mapping,
            "queue:image-metadata",
            "function:store-metadata",
        ),
    ];
    want.sort_by_key(|l| format!("{l:?}"));
    assert_eq!(got, want);
    assert_eq!(
        s.buckets[0].lambda_function_configurations[0].prefix,
        "uploads/"
    );
    assert_eq!(validate(s, &Topology::build(s)), vec![]);
    // Code, runtime and IAM are listed as not simulated, each at its line.
    let places: Vec<(usize, &str)> = imported
        .not_understood
        .iter()
        .map(|n| (n.line, n.place.as_str()))
        .collect();
    assert!(
        places.contains(&(13, "Resources.ResizeImage.Properties.Runtime")),
        "{places:?}"
    );
    assert!(places.contains(&(64, "Resources.StoreRole")), "{places:?}");
    assert!(
        imported
            .not_understood
            .iter()
            .all(|n| n.reason == Reason::NotModelled),
        "{:#?}",
        imported.not_understood
    );
}

#[test]
fn the_same_template_in_json_gives_the_same_scenario() {
    let yaml = import::from_text(IMAGE_SAM).expect("yaml");
    let json = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Description": "Image processing",
  "Resources": {
    "Images": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Fn::Sub": "${AWS::StackName}-images" } } },
    "ResizeImage": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "FunctionName": "resize-image", "Runtime": "python3.13", "Handler": "app.handler", "CodeUri": "src/", "Timeout": 30,
        "Events": { "Upload": { "Type": "S3", "Properties": { "Bucket": { "Ref": "Images" }, "Events": "s3:ObjectCreated:*",
          "Filter": { "S3Key": { "Rules": [ { "Name": "prefix", "Value": "uploads/" } ] } } } } },
        "EventInvokeConfig": { "MaximumRetryAttempts": 2, "DestinationConfig": {
          "OnSuccess": { "Type": "SQS", "Destination": { "Fn::GetAtt": ["ImageMetadata", "Arn"] } },
          "OnFailure": { "Type": "SNS", "Destination": { "Ref": "ImageAlerts" } } } }
      }
    },
    "ImageMetadata": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "image-metadata" } },
    "ImageAlerts": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": "image-alerts",
      "Subscription": [ { "Protocol": "email", "Endpoint": "operator@example.com" } ] } },
    "StoreMetadata": { "Type": "AWS::Lambda::Function", "Properties": { "FunctionName": "store-metadata",
      "Handler": "index.handler", "Runtime": "nodejs22.x", "Role": { "Fn::GetAtt": "StoreRole.Arn" }, "Code": { "ZipFile": "x" } } },
    "StoreMapping": { "Type": "AWS::Lambda::EventSourceMapping", "Properties": { "FunctionName": { "Ref": "StoreMetadata" },
      "EventSourceArn": { "Fn::GetAtt": ["ImageMetadata", "Arn"] }, "BatchSize": 10 } },
    "StoreRole": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } }
  }
}"#;
    let imported = import::from_text(json).expect("json");
    assert_eq!(imported.format, Format::CloudFormationJson);
    assert_eq!(imported.scenario, yaml.scenario);
    assert_eq!(imported.not_understood.len(), yaml.not_understood.len());
    assert_eq!(
        imported.not_understood[0].line, 10,
        "{:?}",
        imported.not_understood[0]
    );
}

#[test]
fn the_briefs_sqs_mapping_with_on_failure_in_a_template_is_refused_then_fixed() {
    let text = r#"Resources:
  SourceQueue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: source-queue }
  DestinationQueue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: destination-queue }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: my-function
      EventSourceArn: !GetAtt SourceQueue.Arn
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt DestinationQueue.Arn
"#;
    let mut s = import::from_text(text).expect("imports").scenario;
    let findings = validate(&s, &Topology::build(&s));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
    fixes::redrive_instead(&mut s, 0).expect("fix");
    assert_eq!(validate(&s, &Topology::build(&s)), vec![]);
    assert!(common::drawn(&s).contains(&link(
        LinkKind::Redrive,
        "queue:source-queue",
        "queue:destination-queue"
    )));
}

#[test]
fn a_kafka_mapping_of_an_msk_cluster_or_a_self_managed_one_is_drawn_from_its_topic_and_accepted() {
    let msk = "EventSourceArn: arn:aws:kafka:us-east-2:123456789012:cluster/events/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1";
    let self_managed = "SelfManagedEventSource: { Endpoints: { KafkaBootstrapServers: [events.example.com:9092] } }";
    for (form, source) in [("MSK", msk), ("self-managed", self_managed)] {
        let text = format!(
            r#"Resources:
  Failed:
    Type: AWS::SQS::Queue
    Properties: {{ QueueName: failed }}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: consume
      {source}
      Topics: [orders]
      StartingPosition: LATEST
      MaximumRetryAttempts: 2
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Failed.Arn
"#
        );
        let imported = import::from_text(&text).expect("imports");
        assert!(
            imported.not_understood.is_empty(),
            "{form}: {:?}",
            imported.not_understood
        );
        let s = &imported.scenario;
        assert_eq!(s.event_source_mappings[0].topics, ["orders"], "{form}");
        assert_eq!(validate(s, &Topology::build(s)), vec![], "{form}");
        assert_eq!(
            common::drawn(s),
            vec![
                link(
                    LinkKind::Mapping,
                    "kafkaTopic:events/orders",
                    "function:consume"
                ),
                link(
                    LinkKind::MappingOnFailure,
                    "function:consume",
                    "queue:failed"
                ),
            ],
            "{form}"
        );
    }
}

#[test]
fn what_a_template_does_not_say_plainly_is_listed_with_its_line() {
    let text = r#"Parameters:
  Env:
    Type: String
  Retries:
    Type: Number
    Default: 1
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
  Worker:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      FunctionName: !Sub 'worker-${Env}'
      Timeout: !If [IsProd, 60, 30]
      Colour: blue
  WorkerConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Worker
      Qualifier: $LATEST
      MaximumRetryAttempts: !Ref Retries
      DestinationConfig:
        OnFailure:
          Destination: !ImportValue shared-alerts
"#;
    let imported = import::from_text(text).expect("imports");
    let notes: Vec<(usize, String, Reason)> = imported
        .not_understood
        .iter()
        .map(|n| (n.line, n.place.clone(), n.reason.clone()))
        .collect();
    let has = |line: usize, place: &str, reason: Reason| {
        assert!(
            notes.contains(&(line, place.to_string(), reason.clone())),
            "missing ({line}, {place}, {reason:?}) in {notes:#?}"
        )
    };
    has(7, "Conditions", Reason::Condition);
    has(
        11,
        "Resources.Flow",
        Reason::UnknownResourceType {
            type_name: "AWS::StepFunctions::StateMachine".into(),
        },
    );
    has(14, "Resources.Worker.Condition", Reason::Condition);
    has(
        16,
        "Resources.Worker.Properties",
        Reason::Unresolved {
            reference: "parameter Env (no Default)".into(),
        },
    );
    has(
        17,
        "Resources.Worker.Properties.Timeout",
        Reason::Intrinsic {
            name: "Fn::If".into(),
        },
    );
    has(
        18,
        "Resources.Worker.Properties.Colour",
        Reason::UnknownProperty,
    );
    has(
        27,
        "Resources.WorkerConfig.Properties.DestinationConfig.OnFailure.Destination",
        Reason::Intrinsic {
            name: "Fn::ImportValue".into(),
        },
    );
    // The name could not be computed, so the logical id names the function; the parameter's
    // default gives the retries.
    let s = &imported.scenario;
    assert_eq!(s.functions[0].function_name, "Worker");
    let config = s.functions[0].event_invoke_config.as_ref().expect("config");
    assert_eq!(config.maximum_retry_attempts, Some(1));
}

#[test]
fn broken_templates_get_errors_with_line_and_column() {
    let err = import::from_text("Resources:\n  A: [1, 2\n").expect_err("bad yaml");
    assert!(matches!(err, ImportError::Yaml { line: 3, .. }), "{err:?}");
    let err = import::from_text("{\"Resources\": {\n  \"A\": }\n}").expect_err("bad json");
    assert!(matches!(err, ImportError::Json { line: 2, .. }), "{err:?}");
    assert!(err.to_string().starts_with("line 2, column"), "{err}");
    let err = import::from_text("{\"Description\": \"x\"}").expect_err("no resources");
    assert_eq!(err, ImportError::NoResources);
}

#[test]
fn hostile_templates_end_in_errors_not_crashes() {
    let deep = format!("Resources: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(import::from_text(&deep).is_err());
    let deep_json = format!(
        "{{\"Resources\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(import::from_text(&deep_json).is_err());
    let huge_number = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 1e999999\n      ReservedConcurrentExecutions: 123456789012345678901234567890\n";
    let imported = import::from_text(huge_number).expect("imports");
    assert_eq!(
        imported.not_understood.len(),
        2,
        "{:?}",
        imported.not_understood
    );
    let unicode = "Resources:\n  \u{202e}Ƒunc\u{0}tion\u{1F600}:\n    Type: AWS::SQS::Queue\n";
    let imported = import::from_text(unicode);
    assert!(imported.is_ok() || imported.is_err());
}
