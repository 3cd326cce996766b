//! The scenario's inputs (spec §2, §9): client invocations, messages, records and faults, each
//! applied at its time.

use super::*;

/// Why Lambda refused an invoke call: the HTTP status, the error code and its message.
#[derive(Clone, Debug)]
pub(super) struct Refusal {
    pub(super) status: u16,
    pub(super) code: &'static str,
    pub(super) message: String,
}

pub(super) fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Ok => "ok",
        Outcome::Error { .. } => "error",
        Outcome::Timeout => "timeout",
        Outcome::Throttle => "throttle",
    }
}

impl<'a> Simulation<'a> {
    /// Applies input `index` at its time: a call, a message, a record, an object, an event, or a
    /// fault (revoke, delete, reserved concurrency, failing the next attempts).
    ///
    /// Rules, in order: `FaultApplied`, `InputIgnored`.
    pub(super) fn apply_input(&mut self, index: usize) {
        let scenario = self.scenario;
        match &scenario.inputs[index] {
            Input::Invoke {
                function_name,
                invocation_type,
                payload,
                client,
                ..
            } => {
                let Some((fid, q)) = qualifiers::find_target(
                    scenario,
                    &self.topology,
                    Some(Kind::Function),
                    function_name,
                ) else {
                    return self.ignored(function_name);
                };
                let origin = client
                    .as_deref()
                    .and_then(|c| self.topology.find(Kind::Client, c))
                    .unwrap_or(fid);
                self.client_invoke(origin, (fid, q), *invocation_type, payload);
            }
            Input::SendMessage {
                queue_name,
                message_body,
                message_group_id,
                ..
            } => {
                let Some(qid) = self.topology.find(Kind::Queue, queue_name) else {
                    return self.ignored(queue_name);
                };
                let body = value_text(message_body);
                self.deliver(
                    None,
                    qid,
                    Via::Input,
                    Parcel::new(body, None).in_group(message_group_id.clone()),
                    Cause::INPUT,
                );
            }
            Input::Publish {
                topic_name,
                message,
                subject,
                ..
            } => {
                let Some(tid) = self.topology.find(Kind::Topic, topic_name) else {
                    return self.ignored(topic_name);
                };
                let attributes = subject
                    .as_ref()
                    .map(|s| json!({ "Subject": s }).to_string());
                self.deliver(
                    None,
                    tid,
                    Via::Input,
                    Parcel::new(value_text(message), attributes),
                    Cause::INPUT,
                );
            }
            Input::PutObject {
                bucket, key, size, ..
            } => {
                let Some(bid) = self.topology.find(Kind::Bucket, bucket) else {
                    return self.ignored(bucket);
                };
                let attributes = json!({ "Bucket": bucket, "Key": key, "Size": size }).to_string();
                self.deliver(
                    None,
                    bid,
                    Via::Input,
                    Parcel::new(String::new(), Some(attributes)),
                    Cause::INPUT,
                );
            }
            Input::PutEvents {
                event_bus_name,
                source,
                detail_type,
                detail,
                ..
            } => {
                let Some(bus) = self.topology.find(Kind::EventBus, event_bus_name) else {
                    return self.ignored(event_bus_name);
                };
                let id = self.rng.uuid();
                let event = record::eventbridge_event(
                    &id,
                    detail_type,
                    source,
                    &self.scenario.account,
                    &self.timestamp_seconds(),
                    &self.scenario.region,
                    &[],
                    detail,
                );
                self.deliver(
                    None,
                    bus,
                    Via::Input,
                    Parcel::new(event.to_string(), None),
                    Cause::INPUT,
                );
            }
            Input::PutRecord {
                stream_name,
                partition_key,
                data,
                ..
            } => {
                let Some(sid) = self.topology.find(Kind::KinesisStream, stream_name) else {
                    return self.ignored(stream_name);
                };
                self.put_stream_record(sid, partition_key.clone(), data.clone(), Cause::INPUT);
            }
            Input::PutItem {
                table_name, item, ..
            } => {
                let Some(sid) = self.topology.find(Kind::DynamoDbStream, table_name) else {
                    return self.ignored(table_name);
                };
                let key = item
                    .as_object()
                    .and_then(|o| o.values().next())
                    .map(value_text)
                    .unwrap_or_default();
                self.put_stream_record(sid, key, item.clone(), Cause::INPUT);
            }
            Input::Produce {
                cluster_name,
                topic,
                key,
                value,
                ..
            } => {
                let Some(kid) = self
                    .topology
                    .find(Kind::KafkaTopic, &format!("{cluster_name}/{topic}"))
                else {
                    return self.ignored(topic);
                };
                let key = key.clone().unwrap_or_default();
                self.put_stream_record(kid, key, value.clone(), Cause::INPUT);
            }
            Input::RevokePermission {
                function_name,
                action,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let needed = self.permissions_in_use(f);
                let state = &mut self.functions[f];
                let list = state.permissions.get_or_insert(needed);
                list.retain(|p| p.action != *action);
                self.fault_applied(fid, format!("revoke {action}"));
            }
            Input::DeleteResource { arn, .. } => {
                let Some(id) = self.topology.by_arn(arn) else {
                    return self.ignored(arn);
                };
                if let Some(deleted) = self.deleted.get_mut(id as usize) {
                    *deleted = true;
                }
                self.fault_applied(id, "delete");
            }
            Input::SetReservedConcurrency {
                function_name,
                reserved_concurrent_executions,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let reserved_concurrent_executions = *reserved_concurrent_executions;
                self.functions[f].reserved = Some(reserved_concurrent_executions.max(0));
                self.fault_applied(
                    fid,
                    format!(
                        "ReservedConcurrentExecutions={}",
                        reserved_concurrent_executions.max(0)
                    ),
                );
            }
            Input::FailNext {
                function_name,
                count,
                outcome,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let count = *count;
                for _ in 0..count.min(100) {
                    self.functions[f].fail_next.push_back(outcome.clone());
                }
                self.fault_applied(
                    fid,
                    format!(
                        "next {} attempt(s): {}",
                        count.min(100),
                        outcome_name(outcome)
                    ),
                );
            }
        }
    }

    /// Notes a fault the learner injected, described in words, at resource `id`.
    ///
    /// Rules, in order: `FaultApplied`.
    fn fault_applied(&mut self, id: ResourceId, text: impl Into<String>) {
        let description = self.body(text);
        self.note(
            id,
            None,
            None,
            RuleId::FaultApplied,
            What::FaultApplied { description },
        );
    }

    /// An input naming a resource the scenario does not have is ignored.
    ///
    /// Rules, in order: `InputIgnored`.
    pub(super) fn ignored(&mut self, name: &str) {
        let description = self.body(format!("{name} does not exist; input ignored"));
        self.note(
            0,
            None,
            None,
            RuleId::InputIgnored,
            What::FaultApplied { description },
        );
    }

    /// The permissions a role without an explicit list implicitly has: every action the diagram
    /// needs. Revoking one makes the list explicit.
    pub(super) fn permissions_in_use(&self, f: usize) -> Vec<Permission> {
        [
            "sqs:SendMessage",
            "sns:Publish",
            "lambda:InvokeFunction",
            "events:PutEvents",
            "s3:PutObject",
            "s3:ListBucket",
        ]
        .iter()
        .map(|a| Permission {
            action: (*a).to_string(),
            resource: "*".into(),
        })
        .filter(|_| f < self.functions.len())
        .collect()
    }

    /// A client calls `Invoke` on function `fid`: a dry run is only checked; an event is queued
    /// unless its payload is too large; a synchronous call is refused when too large, not found
    /// or throttled, and otherwise runs.
    ///
    /// Rules, in order: `SyncInvoke`/`InvokeAccepted`/`DryRun`, `InvokePayloadTooLarge`,
    /// `SyncThrottled`.
    pub(super) fn client_invoke(
        &mut self,
        origin: ResourceId,
        (fid, q): (ResourceId, u16),
        invocation_type: InvocationType,
        payload: &'a Value,
    ) {
        let f = self.topology.get(fid).index;
        // The same text as `payload.to_string()`, written straight into a buffer. The body keeps
        // the buffer's capacity: 32 bytes fit most payloads without growing or wasting much.
        let mut buffer = Vec::with_capacity(32);
        let text = match serde_json::to_writer(&mut buffer, payload) {
            Ok(()) => String::from_utf8(buffer).unwrap_or_default(),
            Err(_) => payload.to_string(),
        };
        let size = text.len();
        let payload_body = self.body(text);
        let call_rule = match invocation_type {
            InvocationType::RequestResponse => RuleId::SyncInvoke,
            InvocationType::Event => RuleId::InvokeAccepted,
            InvocationType::DryRun => RuleId::DryRun,
        };
        let called = self.note(
            origin,
            None,
            None,
            call_rule,
            What::InvokeCalled {
                invocation_type,
                payload: payload_body,
            },
        );
        let request = self.new_request(origin, called);
        self.trace.events[called as usize].request = Some(request);
        match invocation_type {
            InvocationType::DryRun => {
                self.note(
                    fid,
                    Some(called),
                    Some(request),
                    RuleId::DryRun,
                    What::DryRunChecked,
                );
            }
            InvocationType::Event if size > ASYNC_PAYLOAD_LIMIT => {
                let message = format!("{} byte payload is too large for the Event invocation type (limit {ASYNC_PAYLOAD_LIMIT} bytes)", size);
                self.refuse(
                    fid,
                    called,
                    request,
                    Refusal {
                        status: 413,
                        code: "RequestEntityTooLargeException",
                        message,
                    },
                    RuleId::InvokePayloadTooLarge,
                );
            }
            InvocationType::Event => {
                let p = self.store_payload_ref(payload, Some(TextRef::Body(payload_body)));
                self.enqueue_async(
                    (f, q),
                    p,
                    Cause::new(called, request, 0),
                    RuleId::InvokeAccepted,
                );
            }
            InvocationType::RequestResponse => {
                if size > SYNC_PAYLOAD_LIMIT {
                    let message = format!("{} byte payload is too large for the RequestResponse invocation type (limit {SYNC_PAYLOAD_LIMIT} bytes)", size);
                    return self.refuse(
                        fid,
                        called,
                        request,
                        Refusal {
                            status: 413,
                            code: "RequestEntityTooLargeException",
                            message,
                        },
                        RuleId::InvokePayloadTooLarge,
                    );
                }
                if self.is_deleted(fid) {
                    let message = format!("Function not found: {}", self.function_arn(f));
                    return self.refuse(
                        fid,
                        called,
                        request,
                        Refusal {
                            status: 404,
                            code: "ResourceNotFoundException",
                            message,
                        },
                        RuleId::SyncInvoke,
                    );
                }
                let p = self.store_payload_ref(payload, Some(TextRef::Body(payload_body)));
                let outcome = self.decide(f, p, 1);
                if self.is_throttled(f)
                    || matches!(outcome, Decided::Error { error_type, .. } if error_type == self.throttle)
                {
                    return self.refuse(
                        fid,
                        called,
                        request,
                        Refusal {
                            status: 429,
                            code: "TooManyRequestsException",
                            message: "Rate Exceeded.".into(),
                        },
                        RuleId::SyncThrottled,
                    );
                }
                let attempt = Attempt {
                    number: 1,
                    max_attempts: 1,
                    age_ms: 0,
                };
                let runs = self.route(f, q);
                let parent = self.qualifier_invoked((f, q), runs, called, request);
                self.start_invocation(f, Ctx::Sync(q), attempt, parent, request, outcome);
            }
        }
    }

    /// Lambda refuses an invoke call with `refusal`.
    ///
    /// Rules, in order: `rule`.
    pub(super) fn refuse(
        &mut self,
        fid: ResourceId,
        parent: EventIndex,
        request: RequestIndex,
        refusal: Refusal,
        rule: RuleId,
    ) {
        let Refusal {
            status,
            code,
            message,
        } = refusal;
        let code = self.body(code);
        let message = self.body(message);
        self.note(
            fid,
            Some(parent),
            Some(request),
            rule,
            What::InvokeRefused {
                status,
                code,
                message,
            },
        );
    }
}
