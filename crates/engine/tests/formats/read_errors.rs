//! The scenario reader's errors, word for word: every broken document below is read and its
//! error (path, line, column, message) compared with `read_errors.txt`. Set `UPDATE_GOLDEN=1` to
//! rewrite the file after a deliberate change, and read the diff.

use engine::scenario::{Input, Scenario};
use std::path::Path;

/// `(name, document)`: the body of each document goes after `{"version":1,`.
const CASES: &[(&str, &str)] = &[
    // The scenario itself.
    ("scenario unknown field", r#""titel":"x"}"#),
    ("scenario wrong type", r#""seed":"x"}"#),
    ("scenario negative seed", r#""seed":-1}"#),
    ("scenario account number", r#""account":5}"#),
    ("scenario list is a map", r#""functions":{}}"#),
    ("scenario duplicate field", r#""seed":1,"seed":2}"#),
    ("scenario duplicate version", r#""version":1}"#),
    ("text wrong type", r#""title":5}"#),
    ("text duplicate en", r#""title":{"en":"a","en":"b"}}"#),
    ("text ko number", r#""description":{"en":"a","ko":1}}"#),
    ("layout not a map", r#""layout":[]}"#),
    ("point missing y", r#""layout":{"arn":{"x":1}}}"#),
    ("point unknown field", r#""layout":{"a":{"x":1,"y":2,"z":3}}}"#),
    ("point string", r#""layout":{"a":{"x":"1","y":2}}}"#),
    ("settings unknown field", r#""settings":{"maxTimeout":5}}"#),
    ("settings float", r#""settings":{"maxFunctionTimeoutSeconds":1.5}}"#),
    ("settings not an object", r#""settings":true}"#),
    // Functions.
    ("function not an object", r#""functions":[5]}"#),
    ("function missing name", r#""functions":[{"Timeout":3}]}"#),
    ("function unknown field", r#""functions":[{"FunctionName":"f","Timout":3}]}"#),
    ("function wrong type first", r#""functions":[{"Timeout":"3"}]}"#),
    ("function two mistakes", r#""functions":[{"FunctionName":5,"Timout":3}]}"#),
    ("function duplicate field", r#""functions":[{"FunctionName":"f","FunctionName":"g"}]}"#),
    ("function concurrency float", r#""functions":[{"FunctionName":"f","ReservedConcurrentExecutions":1.5}]}"#),
    ("recursive loop unknown", r#""functions":[{"FunctionName":"f","RecursiveLoop":"Stop"}]}"#),
    ("recursive loop map", r#""functions":[{"FunctionName":"f","RecursiveLoop":{"Allow":1}}]}"#),
    ("recursive loop map unknown", r#""functions":[{"FunctionName":"f","RecursiveLoop":{"Go":null}}]}"#),
    ("recursive loop two keys", r#""functions":[{"FunctionName":"f","RecursiveLoop":{"Allow":null,"Terminate":null}}]}"#),
    ("recursive loop empty map", r#""functions":[{"FunctionName":"f","RecursiveLoop":{}}]}"#),
    ("recursive loop number", r#""functions":[{"FunctionName":"f","RecursiveLoop":5}]}"#),
    ("dead letter missing arn", r#""functions":[{"FunctionName":"f","DeadLetterConfig":{}}]}"#),
    ("dead letter unknown field", r#""functions":[{"FunctionName":"f","DeadLetterConfig":{"Arn":"x"}}]}"#),
    ("invoke config unknown field", r#""functions":[{"FunctionName":"f","EventInvokeConfig":{"MaxRetries":1}}]}"#),
    ("invoke config wrong type", r#""functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":"2"}}]}"#),
    ("destination config unknown", r#""functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnError":{}}}}]}"#),
    ("destination unknown field", r#""functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Arn":"x"}}}}]}"#),
    ("destination string", r#""functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":"arn"}}}]}"#),
    ("version missing", r#""functions":[{"FunctionName":"f","Versions":[{}]}]}"#),
    ("version unknown", r#""functions":[{"FunctionName":"f","Versions":[{"Version":"1","Alias":"x"}]}]}"#),
    ("version deep destination", "\"functions\":[{\"FunctionName\":\"f\",\n\"Versions\":[{\"Version\":\"1\",\n  \"EventInvokeConfig\":{\"DestinationConfig\":{\"OnSuccess\":{\"Destination\":5}}}}]}]}"),
    ("alias missing version", r#""functions":[{"FunctionName":"f","Aliases":[{"Name":"live"}]}]}"#),
    ("alias missing both", r#""functions":[{"FunctionName":"f","Aliases":[{}]}]}"#),
    ("alias unknown", r#""functions":[{"FunctionName":"f","Aliases":[{"Name":"a","FunctionVersion":"1","Weight":1}]}]}"#),
    ("routing unknown", r#""functions":[{"FunctionName":"f","Aliases":[{"Name":"a","FunctionVersion":"1","RoutingConfig":{"Weights":{}}}]}]}"#),
    ("routing not a map", r#""functions":[{"FunctionName":"f","Aliases":[{"Name":"a","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":[]}}]}]}"#),
    ("routing weight string", r#""functions":[{"FunctionName":"f","Aliases":[{"Name":"a","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"2":"0.5"}}}]}]}"#),
    ("permissions not a list", r#""functions":[{"FunctionName":"f","permissions":{}}]}"#),
    ("permission missing action", r#""functions":[{"FunctionName":"f","permissions":[{"Resource":"*"}]}]}"#),
    ("permission unknown", r#""functions":[{"FunctionName":"f","permissions":[{"Action":"a","Effect":"Allow"}]}]}"#),
    ("behavior unknown", r#""functions":[{"FunctionName":"f","behavior":{"latency":5}}]}"#),
    ("behavior error rate string", r#""functions":[{"FunctionName":"f","behavior":{"errorRate":"0.5"}}]}"#),
    ("behavior negative duration", r#""functions":[{"FunctionName":"f","behavior":{"durationMs":-1}}]}"#),
    ("outcome missing type", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{}}}]}"#),
    ("outcome unknown type", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"crash"}}}]}"#),
    ("outcome type number", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":1}}}]}"#),
    ("outcome not an object", r#""functions":[{"FunctionName":"f","behavior":{"outcome":"ok"}}]}"#),
    ("outcome error unknown", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"error","message":"x"}}}]}"#),
    ("outcome error type number", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"error","errorType":5}}}]}"#),
    ("outcome duplicate", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"error","errorType":"A","errorType":"B"}}}]}"#),
    ("attempts wrong", r#""functions":[{"FunctionName":"f","behavior":{"attempts":[{"type":"ok"},{"type":"boom"}]}}]}"#),
    ("rule missing outcome", r#""functions":[{"FunctionName":"f","behavior":{"when":[{"field":"a","equals":1}]}}]}"#),
    ("rule missing everything", r#""functions":[{"FunctionName":"f","behavior":{"when":[{}]}}]}"#),
    ("rule unknown", r#""functions":[{"FunctionName":"f","behavior":{"when":[{"field":"a","equals":1,"outcome":{"type":"ok"},"then":1}]}}]}"#),
    ("fail records unknown", r#""functions":[{"FunctionName":"f","behavior":{"failRecords":{"field":"a","equals":1,"outcome":{"type":"ok"}}}}]}"#),
    ("fail records missing equals", r#""functions":[{"FunctionName":"f","behavior":{"failRecords":{"field":"a"}}}]}"#),
    // Queues, topics, buses, buckets, streams, tables, Kafka, clients, mappings.
    ("queue missing name", r#""queues":[{"FifoQueue":true}]}"#),
    ("queue flag string", r#""queues":[{"QueueName":"q","FifoQueue":"yes"}]}"#),
    ("queue unknown", r#""queues":[{"QueueName":"q","MessageRetention":60}]}"#),
    ("queue not an object", r#""queues":["q"]}"#),
    ("redrive missing count", r#""queues":[{"QueueName":"q","RedrivePolicy":{"deadLetterTargetArn":"a"}}]}"#),
    ("redrive missing both", r#""queues":[{"QueueName":"q","RedrivePolicy":{}}]}"#),
    ("redrive unknown", r#""queues":[{"QueueName":"q","RedrivePolicy":{"maxReceiveCount":1,"DeadLetterTargetArn":"a"}}]}"#),
    ("topic missing name", r#""topics":[{}]}"#),
    ("topic unknown", r#""topics":[{"TopicName":"t","Fifo":true}]}"#),
    ("subscription missing endpoint", r#""topics":[{"TopicName":"t","Subscriptions":[{"Protocol":"sqs"}]}]}"#),
    ("subscription missing both", r#""topics":[{"TopicName":"t","Subscriptions":[{}]}]}"#),
    ("subscription raw string", r#""topics":[{"TopicName":"t","Subscriptions":[{"Protocol":"sqs","Endpoint":"e","RawMessageDelivery":"true"}]}]}"#),
    ("bus missing name", r#""eventBuses":[{"Rules":[]}]}"#),
    ("bus unknown", r#""eventBuses":[{"Name":"b","Targets":[]}]}"#),
    ("rule missing name", r#""eventBuses":[{"Name":"b","Rules":[{"Targets":[]}]}]}"#),
    ("rule targets numbers", r#""eventBuses":[{"Name":"b","Rules":[{"Name":"r","Targets":[1]}]}]}"#),
    ("rule unknown", r#""eventBuses":[{"Name":"b","Rules":[{"Name":"r","Pattern":{}}]}]}"#),
    ("bucket missing name", r#""buckets":[{}]}"#),
    ("bucket unknown", r#""buckets":[{"BucketName":"b","Notifications":[]}]}"#),
    ("notification missing arn", r#""buckets":[{"BucketName":"b","LambdaFunctionConfigurations":[{"Events":[]}]}]}"#),
    ("notification events string", r#""buckets":[{"BucketName":"b","LambdaFunctionConfigurations":[{"LambdaFunctionArn":"a","Events":"s3:*"}]}]}"#),
    ("notification unknown", r#""buckets":[{"BucketName":"b","LambdaFunctionConfigurations":[{"LambdaFunctionArn":"a","Filter":{}}]}]}"#),
    ("stream missing name", r#""kinesisStreams":[{"ShardCount":1}]}"#),
    ("stream shards string", r#""kinesisStreams":[{"StreamName":"s","ShardCount":"1"}]}"#),
    ("stream unknown", r#""kinesisStreams":[{"StreamName":"s","Shards":1}]}"#),
    ("table missing name", r#""dynamodbTables":[{}]}"#),
    ("table unknown", r#""dynamodbTables":[{"TableName":"t","StreamName":"s"}]}"#),
    ("kafka missing both", r#""kafkaTopics":[{"Partitions":1}]}"#),
    ("kafka missing topic", r#""kafkaTopics":[{"ClusterName":"c"}]}"#),
    ("kafka kind unknown", r#""kafkaTopics":[{"ClusterName":"c","ClusterKind":"Confluent","Topic":"t"}]}"#),
    ("kafka unknown", r#""kafkaTopics":[{"ClusterName":"c","Topic":"t","Brokers":[]}]}"#),
    ("client missing name", r#""clients":[{}]}"#),
    ("client unknown", r#""clients":[{"name":"c","Name":"d"}]}"#),
    ("mapping missing function", r#""eventSourceMappings":[{"EventSourceArn":"a"}]}"#),
    ("mapping enabled string", r#""eventSourceMappings":[{"FunctionName":"f","Enabled":"true"}]}"#),
    ("mapping bisect number", r#""eventSourceMappings":[{"FunctionName":"f","BisectBatchOnFunctionError":1}]}"#),
    ("mapping topics numbers", r#""eventSourceMappings":[{"FunctionName":"f","Topics":[1]}]}"#),
    ("mapping unknown", r#""eventSourceMappings":[{"FunctionName":"f","BatchWindow":1}]}"#),
    ("mapping destination unknown", r#""eventSourceMappings":[{"FunctionName":"f","DestinationConfig":{"OnFailure":{"Arn":"x"}}}]}"#),
    ("mapping duplicate", r#""eventSourceMappings":[{"FunctionName":"f","BatchSize":1,"BatchSize":2}]}"#),
    // Inputs.
    ("input not an object", r#""inputs":[5]}"#),
    ("input missing type", r#""inputs":[{"at":0}]}"#),
    ("input unknown type", r#""inputs":[{"type":"call"}]}"#),
    ("input type number", r#""inputs":[{"type":5}]}"#),
    ("invoke missing function", r#""inputs":[{"type":"invoke","at":0}]}"#),
    ("invoke unknown", r#""inputs":[{"type":"invoke","FunctionName":"f","Payloda":{}}]}"#),
    ("invoke type unknown", r#""inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"Async"}]}"#),
    ("invoke type map", r#""inputs":[{"type":"invoke","FunctionName":"f","InvocationType":{"Event":null,"x":1}}]}"#),
    ("invoke type number", r#""inputs":[{"type":"invoke","FunctionName":"f","InvocationType":5}]}"#),
    ("invoke type map value", r#""inputs":[{"type":"invoke","FunctionName":"f","InvocationType":{"Event":1}}]}"#),
    ("invoke negative at", r#""inputs":[{"type":"invoke","at":-1,"FunctionName":"f"}]}"#),
    ("invoke client number", r#""inputs":[{"type":"invoke","FunctionName":"f","client":5}]}"#),
    ("invoke duplicate", r#""inputs":[{"type":"invoke","FunctionName":"f","at":1,"at":2}]}"#),
    ("put record missing both", r#""inputs":[{"type":"putRecord","Data":{}}]}"#),
    ("put item missing item", r#""inputs":[{"type":"putItem","TableName":"t"}]}"#),
    ("send message group number", r#""inputs":[{"type":"sendMessage","QueueName":"q","MessageGroupId":5}]}"#),
    ("publish subject number", r#""inputs":[{"type":"publish","TopicName":"t","Subject":[]}]}"#),
    ("put object size string", r#""inputs":[{"type":"putObject","Bucket":"b","Key":"k","Size":"1"}]}"#),
    ("put events missing detail type", r#""inputs":[{"type":"putEvents","EventBusName":"b","Source":"s"}]}"#),
    ("produce key number", r#""inputs":[{"type":"produce","ClusterName":"c","Topic":"t","Key":5}]}"#),
    ("revoke missing action", r#""inputs":[{"type":"revokePermission","FunctionName":"f"}]}"#),
    ("delete missing arn", r#""inputs":[{"type":"deleteResource","at":5}]}"#),
    ("concurrency string", r#""inputs":[{"type":"setReservedConcurrency","FunctionName":"f","ReservedConcurrentExecutions":"x"}]}"#),
    ("fail next negative count", r#""inputs":[{"type":"failNext","FunctionName":"f","Count":-1}]}"#),
    ("fail next outcome", r#""inputs":[{"type":"failNext","FunctionName":"f","Outcome":{"type":"nope"}}]}"#),
    ("fail next unknown", r#""inputs":[{"type":"failNext","FunctionName":"f","Outcome":{"type":"ok"},"Times":2}]}"#),
    ("fail next missing function", r#""inputs":[{"type":"failNext","Count":2}]}"#),
    // Every declared field list, and what is accepted.
    ("subscription unknown", r#""topics":[{"TopicName":"t","Subscriptions":[{"Protocol":"sqs","Endpoint":"e","Raw":true}]}]}"#),
    ("put record unknown", r#""inputs":[{"type":"putRecord","StreamName":"s","PartitionKey":"k","Record":1}]}"#),
    ("put item unknown", r#""inputs":[{"type":"putItem","TableName":"t","Item":{},"Key":1}]}"#),
    ("send message unknown", r#""inputs":[{"type":"sendMessage","QueueName":"q","Body":1}]}"#),
    ("publish unknown", r#""inputs":[{"type":"publish","TopicName":"t","Body":1}]}"#),
    ("put object unknown", r#""inputs":[{"type":"putObject","Bucket":"b","Key":"k","Length":1}]}"#),
    ("put events unknown", r#""inputs":[{"type":"putEvents","EventBusName":"b","Source":"s","DetailType":"d","Time":1}]}"#),
    ("produce unknown", r#""inputs":[{"type":"produce","ClusterName":"c","Topic":"t","Partition":1}]}"#),
    ("revoke unknown", r#""inputs":[{"type":"revokePermission","FunctionName":"f","Action":"a","Resource":"*"}]}"#),
    ("delete unknown", r#""inputs":[{"type":"deleteResource","Arn":"a","Force":true}]}"#),
    ("concurrency unknown", r#""inputs":[{"type":"setReservedConcurrency","FunctionName":"f","ReservedConcurrentExecutions":1,"Qualifier":"1"}]}"#),
    ("concurrency missing", r#""inputs":[{"type":"setReservedConcurrency","FunctionName":"f"}]}"#),
    ("produce missing both", r#""inputs":[{"type":"produce"}]}"#),
    ("put events missing all", r#""inputs":[{"type":"putEvents"}]}"#),
    ("outcome ok ignores fields", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"ok","errorType":5,"x":1}}}]}"#),
    ("outcome timeout ignores repeats", r#""functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"timeout","x":1,"x":2}}}]}"#),
    ("fail next throttle extra", r#""inputs":[{"type":"failNext","FunctionName":"f","Outcome":{"type":"throttle","y":1}}]}"#),
    ("kafka kind map", r#""kafkaTopics":[{"ClusterName":"c","ClusterKind":{"MSK":null},"Topic":"t"}]}"#),
    ("kafka kind map value", r#""kafkaTopics":[{"ClusterName":"c","ClusterKind":{"SelfManaged":1},"Topic":"t"}]}"#),
    ("invoke type map accepted", r#""inputs":[{"type":"invoke","FunctionName":"f","InvocationType":{"Event":null}}]}"#),
    ("layout repeated key", r#""layout":{"a":{"x":1,"y":2},"a":{"x":3,"y":4}}}"#),
    ("everything null", r#""functions":[{"FunctionName":"f","ReservedConcurrentExecutions":null,"DeadLetterConfig":null,"EventInvokeConfig":null,"permissions":null}],"eventSourceMappings":[{"FunctionName":"f","UUID":null,"BatchSize":null,"DestinationConfig":null}]}"#),
    ("null where a list goes", r#""functions":[{"FunctionName":"f","Versions":null}]}"#),
    ("null behavior", r#""functions":[{"FunctionName":"f","behavior":null}]}"#),
    ("null title", r#""title":null,"description":null}"#),
    ("null settings", r#""settings":null}"#),
    // Where on the page: several lines, wide characters.
    ("second line", "\n \"queues\": [\n  {\"QueueName\": \"q\"},\n  {\"QueueName\": \"r\", \"VisibilityTimeout\": \"x\"}\n ]\n}"),
    ("wide characters", "\"title\": \"안녕하세요\", \"functions\": [{\"FunctionName\": \"함수\", \"Tïmeout\": 3}]}"),
    ("missing field on a later line", "\n\"functions\": [\n {\n  \"Timeout\": 3\n }\n]}"),
];

/// Documents read whole (their own first bytes), for mistakes before or around `version`.
const WHOLE: &[(&str, &str)] = &[
    ("not an object", "[1]"),
    ("no version", r#"{"functions":[]}"#),
    ("version 2", r#"{"version":2,"x":1}"#),
    ("not json", "{\"version\":1,\n \"functions\": [}"),
];

/// Inputs read on their own through `Deserialize` (the app's autosave), message only.
const INPUTS: &[(&str, &str)] = &[
    (
        "input alone unknown",
        r#"{"type":"invoke","FunctionName":"f","x":1}"#,
    ),
    ("input alone missing", r#"{"type":"publish"}"#),
];

fn error_of(text: &str) -> String {
    match Scenario::from_json(text) {
        Ok(_) => "accepted".to_string(),
        Err(e) => format!(
            "path: {}\nline: {} column: {}\nmessage: {}",
            e.path, e.line, e.column, e.message
        ),
    }
}

fn snapshot() -> String {
    let mut out = String::new();
    for (name, body) in CASES {
        let text = format!("{{\"version\":1,{body}");
        out.push_str(&format!("== {name}\n{}\n", error_of(&text)));
    }
    for (name, text) in WHOLE {
        out.push_str(&format!("== {name}\n{}\n", error_of(text)));
    }
    for (name, text) in INPUTS {
        let message = match serde_json::from_str::<Input>(text) {
            Ok(_) => "accepted".to_string(),
            Err(e) => e.to_string(),
        };
        out.push_str(&format!("== {name}\nmessage: {message}\n"));
    }
    let scenario = serde_json::from_str::<Scenario>(r#"{"version":1,"queues":[{"Name":"q"}]}"#);
    let message = scenario.map_or_else(|e| e.to_string(), |_| "accepted".to_string());
    out.push_str(&format!(
        "== scenario through Deserialize\nmessage: {message}\n"
    ));
    out
}

#[test]
fn every_read_error_reads_as_recorded() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats/read_errors.txt");
    let got = snapshot();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&file, &got).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", file.display()));
    for (got, expected) in got.split("\n== ").zip(expected.split("\n== ")) {
        assert_eq!(got, expected, "a read error changed");
    }
    assert_eq!(got, expected, "the cases changed");
}
