//! The scenario writer: the model as a `serde_json::Value`, field for field what
//! `#[derive(Serialize)]` wrote (declaration order, AWS names, the same fields left out), in one
//! non-generic function per type. Every model type's `Serialize` goes through it, so the
//! serializers (pretty, compact, `to_value`) share one copy of the code.

use super::*;
use serde_json::Map;

/// An object under construction, in field order.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Obj {
        Obj(Map::new())
    }
    fn put(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }
    fn str(&mut self, key: &str, value: &str) {
        self.put(key, Value::String(value.to_string()));
    }
    fn int(&mut self, key: &str, value: i64) {
        self.put(key, Value::from(value));
    }
    fn opt_str(&mut self, key: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }
    fn opt_int(&mut self, key: &str, value: Option<i64>) {
        if let Some(value) = value {
            self.int(key, value);
        }
    }
    fn flag(&mut self, key: &str, value: bool) {
        if value {
            self.put(key, Value::Bool(true));
        }
    }
    fn list<T>(&mut self, key: &str, items: &[T], write: fn(&T) -> Value) {
        if !items.is_empty() {
            self.put(key, list(items, write));
        }
    }
    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn list<T>(items: &[T], write: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(write).collect())
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::String(s.clone())).collect())
}

/// A whole scenario.
pub(crate) fn scenario(s: &Scenario) -> Value {
    let mut o = Obj::new();
    o.put("version", Value::from(s.version));
    if !s.title.is_empty() {
        o.put("title", text(&s.title));
    }
    if !s.description.is_empty() {
        o.put("description", text(&s.description));
    }
    o.str("account", &s.account);
    o.str("region", &s.region);
    o.put("seed", Value::from(s.seed));
    o.str("startTime", &s.start_time);
    if !s.settings.is_default() {
        o.put("settings", settings(&s.settings));
    }
    o.list("functions", &s.functions, function);
    o.list("queues", &s.queues, queue);
    o.list("topics", &s.topics, topic);
    o.list("eventBuses", &s.event_buses, event_bus);
    o.list("buckets", &s.buckets, bucket);
    o.list("kinesisStreams", &s.kinesis_streams, kinesis_stream);
    o.list("dynamodbTables", &s.dynamodb_tables, dynamodb_table);
    o.list("kafkaTopics", &s.kafka_topics, kafka_topic);
    o.list("clients", &s.clients, client);
    o.list(
        "eventSourceMappings",
        &s.event_source_mappings,
        event_source_mapping,
    );
    o.list("inputs", &s.inputs, input);
    if !s.layout.is_empty() {
        let mut layout = Obj::new();
        for (arn, at) in &s.layout {
            layout.put(arn, point(at));
        }
        o.put("layout", layout.done());
    }
    o.done()
}

pub(crate) fn text(t: &Text) -> Value {
    match t {
        Text::Empty => Value::Null,
        Text::Plain(text) => Value::String(text.clone()),
        Text::Localized { en, ko } => {
            let mut o = Obj::new();
            o.str("en", en);
            o.opt_str("ko", ko);
            o.done()
        }
    }
}

pub(crate) fn point(p: &Point) -> Value {
    let mut o = Obj::new();
    o.put("x", Value::from(p.x));
    o.put("y", Value::from(p.y));
    o.done()
}

pub(crate) fn settings(s: &Settings) -> Value {
    let mut o = Obj::new();
    o.int("maxFunctionTimeoutSeconds", s.max_function_timeout_seconds);
    o.done()
}

pub(crate) fn function(f: &Function) -> Value {
    let mut o = Obj::new();
    o.str("FunctionName", &f.function_name);
    o.int("Timeout", f.timeout);
    o.opt_int(
        "ReservedConcurrentExecutions",
        f.reserved_concurrent_executions,
    );
    if !f.recursive_loop.is_default() {
        o.put("RecursiveLoop", recursive_loop(&f.recursive_loop));
    }
    if let Some(dlq) = &f.dead_letter_config {
        o.put("DeadLetterConfig", dead_letter_config(dlq));
    }
    if let Some(config) = &f.event_invoke_config {
        o.put("EventInvokeConfig", event_invoke_config(config));
    }
    if !f.versions.is_empty() {
        o.put("Versions", list(&f.versions, function_version));
    }
    if !f.aliases.is_empty() {
        o.put("Aliases", list(&f.aliases, alias));
    }
    if let Some(permissions) = &f.permissions {
        o.put("permissions", list(permissions, permission));
    }
    if !f.behavior.is_default() {
        o.put("behavior", behavior(&f.behavior));
    }
    o.done()
}

pub(crate) fn function_version(v: &FunctionVersion) -> Value {
    let mut o = Obj::new();
    o.str("Version", &v.version);
    if let Some(config) = &v.event_invoke_config {
        o.put("EventInvokeConfig", event_invoke_config(config));
    }
    o.done()
}

pub(crate) fn alias(a: &Alias) -> Value {
    let mut o = Obj::new();
    o.str("Name", &a.name);
    o.str("FunctionVersion", &a.function_version);
    if let Some(routing) = &a.routing_config {
        let weights: serde_json::Map<String, Value> = routing
            .additional_version_weights
            .iter()
            .map(|(version, weight)| (version.clone(), Value::from(*weight)))
            .collect();
        let mut r = Obj::new();
        r.put("AdditionalVersionWeights", Value::Object(weights));
        o.put("RoutingConfig", r.done());
    }
    if let Some(config) = &a.event_invoke_config {
        o.put("EventInvokeConfig", event_invoke_config(config));
    }
    o.done()
}

pub(crate) fn recursive_loop(r: &RecursiveLoop) -> Value {
    Value::from(match r {
        RecursiveLoop::Terminate => "Terminate",
        RecursiveLoop::Allow => "Allow",
    })
}

pub(crate) fn dead_letter_config(d: &DeadLetterConfig) -> Value {
    let mut o = Obj::new();
    o.str("TargetArn", &d.target_arn);
    o.done()
}

pub(crate) fn event_invoke_config(c: &EventInvokeConfig) -> Value {
    let mut o = Obj::new();
    o.opt_int("MaximumRetryAttempts", c.maximum_retry_attempts);
    o.opt_int("MaximumEventAgeInSeconds", c.maximum_event_age_in_seconds);
    if let Some(d) = &c.destination_config {
        o.put("DestinationConfig", destination_config(d));
    }
    o.done()
}

pub(crate) fn destination_config(c: &DestinationConfig) -> Value {
    let mut o = Obj::new();
    if let Some(d) = &c.on_success {
        o.put("OnSuccess", destination(d));
    }
    if let Some(d) = &c.on_failure {
        o.put("OnFailure", destination(d));
    }
    o.done()
}

pub(crate) fn destination(d: &Destination) -> Value {
    let mut o = Obj::new();
    o.opt_str("Destination", &d.destination);
    o.done()
}

pub(crate) fn permission(p: &Permission) -> Value {
    let mut o = Obj::new();
    o.str("Action", &p.action);
    o.str("Resource", &p.resource);
    o.done()
}

pub(crate) fn behavior(b: &Behavior) -> Value {
    let mut o = Obj::new();
    if !b.outcome.is_ok() {
        o.put("outcome", outcome(&b.outcome));
    }
    o.list("attempts", &b.attempts, outcome);
    if !is_zero(&b.error_rate) {
        o.put("errorRate", Value::from(b.error_rate));
    }
    o.list("when", &b.when, payload_rule);
    if let Some(m) = &b.fail_records {
        o.put("failRecords", field_match(m));
    }
    if !b.response.is_null() {
        o.put("response", b.response.clone());
    }
    o.put("durationMs", Value::from(b.duration_ms));
    o.done()
}

pub(crate) fn outcome(outcome: &Outcome) -> Value {
    let mut o = Obj::new();
    match outcome {
        Outcome::Ok => o.str("type", "ok"),
        Outcome::Error {
            error_type,
            error_message,
        } => {
            o.str("type", "error");
            o.str("errorType", error_type);
            o.str("errorMessage", error_message);
        }
        Outcome::Timeout => o.str("type", "timeout"),
        Outcome::Throttle => o.str("type", "throttle"),
    }
    o.done()
}

pub(crate) fn payload_rule(r: &PayloadRule) -> Value {
    let mut o = Obj::new();
    o.str("field", &r.field);
    o.put("equals", r.equals.clone());
    o.put("outcome", outcome(&r.outcome));
    o.done()
}

pub(crate) fn field_match(m: &FieldMatch) -> Value {
    let mut o = Obj::new();
    o.str("field", &m.field);
    o.put("equals", m.equals.clone());
    o.done()
}

pub(crate) fn queue(q: &Queue) -> Value {
    let mut o = Obj::new();
    o.str("QueueName", &q.queue_name);
    o.flag("FifoQueue", q.fifo_queue);
    o.int("VisibilityTimeout", q.visibility_timeout);
    if let Some(r) = &q.redrive_policy {
        o.put("RedrivePolicy", redrive_policy(r));
    }
    if q.message_retention_period != DEFAULT_MESSAGE_RETENTION {
        o.int("MessageRetentionPeriod", q.message_retention_period);
    }
    o.done()
}

pub(crate) fn redrive_policy(r: &RedrivePolicy) -> Value {
    let mut o = Obj::new();
    o.str("deadLetterTargetArn", &r.dead_letter_target_arn);
    o.int("maxReceiveCount", r.max_receive_count);
    o.done()
}

pub(crate) fn topic(t: &Topic) -> Value {
    let mut o = Obj::new();
    o.str("TopicName", &t.topic_name);
    o.flag("FifoTopic", t.fifo_topic);
    o.list("Subscriptions", &t.subscriptions, subscription);
    o.done()
}

pub(crate) fn subscription(s: &Subscription) -> Value {
    let mut o = Obj::new();
    o.str("Protocol", &s.protocol);
    o.str("Endpoint", &s.endpoint);
    o.flag("RawMessageDelivery", s.raw_message_delivery);
    o.done()
}

pub(crate) fn event_bus(b: &EventBus) -> Value {
    let mut o = Obj::new();
    o.str("Name", &b.name);
    o.list("Rules", &b.rules, rule);
    o.done()
}

pub(crate) fn rule(r: &Rule) -> Value {
    let mut o = Obj::new();
    o.str("Name", &r.name);
    if !r.event_pattern.is_null() {
        o.put("EventPattern", r.event_pattern.clone());
    }
    if !r.targets.is_empty() {
        o.put("Targets", strings(&r.targets));
    }
    o.done()
}

pub(crate) fn bucket(b: &Bucket) -> Value {
    let mut o = Obj::new();
    o.str("BucketName", &b.bucket_name);
    o.list(
        "LambdaFunctionConfigurations",
        &b.lambda_function_configurations,
        lambda_notification,
    );
    o.done()
}

pub(crate) fn lambda_notification(n: &LambdaNotification) -> Value {
    let mut o = Obj::new();
    o.str("LambdaFunctionArn", &n.lambda_function_arn);
    o.put("Events", strings(&n.events));
    if !n.prefix.is_empty() {
        o.str("Prefix", &n.prefix);
    }
    if !n.suffix.is_empty() {
        o.str("Suffix", &n.suffix);
    }
    o.done()
}

pub(crate) fn kinesis_stream(k: &KinesisStream) -> Value {
    let mut o = Obj::new();
    o.str("StreamName", &k.stream_name);
    o.int("ShardCount", k.shard_count);
    o.done()
}

pub(crate) fn dynamodb_table(t: &DynamoDbTable) -> Value {
    let mut o = Obj::new();
    o.str("TableName", &t.table_name);
    o.int("ShardCount", t.shard_count);
    o.done()
}

pub(crate) fn kafka_topic(t: &KafkaTopic) -> Value {
    let mut o = Obj::new();
    o.str("ClusterName", &t.cluster_name);
    o.put("ClusterKind", kafka_kind(&t.cluster_kind));
    o.str("Topic", &t.topic);
    o.int("Partitions", t.partitions);
    o.done()
}

pub(crate) fn kafka_kind(k: &KafkaKind) -> Value {
    Value::from(match k {
        KafkaKind::Msk => "MSK",
        KafkaKind::SelfManaged => "SelfManaged",
    })
}

pub(crate) fn client(c: &Client) -> Value {
    let mut o = Obj::new();
    o.str("name", &c.name);
    o.done()
}

pub(crate) fn event_source_mapping(m: &EventSourceMapping) -> Value {
    let mut o = Obj::new();
    o.opt_str("UUID", &m.uuid);
    o.opt_str("EventSourceArn", &m.event_source_arn);
    o.opt_str("SelfManagedCluster", &m.self_managed_cluster);
    if !m.topics.is_empty() {
        o.put("Topics", strings(&m.topics));
    }
    o.str("FunctionName", &m.function_name);
    o.put("Enabled", Value::Bool(m.enabled));
    o.opt_int("BatchSize", m.batch_size);
    o.opt_int(
        "MaximumBatchingWindowInSeconds",
        m.maximum_batching_window_in_seconds,
    );
    o.opt_str("StartingPosition", &m.starting_position);
    o.opt_int("MaximumRetryAttempts", m.maximum_retry_attempts);
    o.opt_int("MaximumRecordAgeInSeconds", m.maximum_record_age_in_seconds);
    if let Some(bisect) = m.bisect_batch_on_function_error {
        o.put("BisectBatchOnFunctionError", Value::Bool(bisect));
    }
    o.opt_int("ParallelizationFactor", m.parallelization_factor);
    o.opt_int("TumblingWindowInSeconds", m.tumbling_window_in_seconds);
    if !m.function_response_types.is_empty() {
        o.put("FunctionResponseTypes", strings(&m.function_response_types));
    }
    if let Some(d) = &m.destination_config {
        o.put("DestinationConfig", destination_config(d));
    }
    o.done()
}

pub(crate) fn invocation_type(t: &InvocationType) -> Value {
    Value::from(t.as_str())
}

pub(crate) fn input(input: &Input) -> Value {
    let mut o = Obj::new();
    let head = |o: &mut Obj, tag: &str, at: u64| {
        o.str("type", tag);
        o.put("at", Value::from(at));
    };
    match input {
        Input::Invoke {
            at,
            function_name,
            invocation_type: kind,
            payload,
            client,
        } => {
            head(&mut o, "invoke", *at);
            o.str("FunctionName", function_name);
            o.put("InvocationType", invocation_type(kind));
            o.put("Payload", payload.clone());
            o.opt_str("client", client);
        }
        Input::PutRecord {
            at,
            stream_name,
            partition_key,
            data,
        } => {
            head(&mut o, "putRecord", *at);
            o.str("StreamName", stream_name);
            o.str("PartitionKey", partition_key);
            o.put("Data", data.clone());
        }
        Input::PutItem {
            at,
            table_name,
            item,
        } => {
            head(&mut o, "putItem", *at);
            o.str("TableName", table_name);
            o.put("Item", item.clone());
        }
        Input::SendMessage {
            at,
            queue_name,
            message_body,
            message_group_id,
        } => {
            head(&mut o, "sendMessage", *at);
            o.str("QueueName", queue_name);
            o.put("MessageBody", message_body.clone());
            o.opt_str("MessageGroupId", message_group_id);
        }
        Input::Publish {
            at,
            topic_name,
            message,
            subject,
        } => {
            head(&mut o, "publish", *at);
            o.str("TopicName", topic_name);
            o.put("Message", message.clone());
            o.opt_str("Subject", subject);
        }
        Input::PutObject {
            at,
            bucket,
            key,
            size,
        } => {
            head(&mut o, "putObject", *at);
            o.str("Bucket", bucket);
            o.str("Key", key);
            o.put("Size", Value::from(*size));
        }
        Input::PutEvents {
            at,
            event_bus_name,
            source,
            detail_type,
            detail,
        } => {
            head(&mut o, "putEvents", *at);
            o.str("EventBusName", event_bus_name);
            o.str("Source", source);
            o.str("DetailType", detail_type);
            o.put("Detail", detail.clone());
        }
        Input::Produce {
            at,
            cluster_name,
            topic,
            key,
            value,
        } => {
            head(&mut o, "produce", *at);
            o.str("ClusterName", cluster_name);
            o.str("Topic", topic);
            o.put("Key", key.clone().map_or(Value::Null, Value::String));
            o.put("Value", value.clone());
        }
        Input::RevokePermission {
            at,
            function_name,
            action,
        } => {
            head(&mut o, "revokePermission", *at);
            o.str("FunctionName", function_name);
            o.str("Action", action);
        }
        Input::DeleteResource { at, arn } => {
            head(&mut o, "deleteResource", *at);
            o.str("Arn", arn);
        }
        Input::SetReservedConcurrency {
            at,
            function_name,
            reserved_concurrent_executions,
        } => {
            head(&mut o, "setReservedConcurrency", *at);
            o.str("FunctionName", function_name);
            o.int(
                "ReservedConcurrentExecutions",
                *reserved_concurrent_executions,
            );
        }
        Input::FailNext {
            at,
            function_name,
            count,
            outcome: then,
        } => {
            head(&mut o, "failNext", *at);
            o.str("FunctionName", function_name);
            o.put("Count", Value::from(*count));
            o.put("Outcome", outcome(then));
        }
    }
    o.done()
}
