//! Delivery to targets (spec §4.6, §8): why a delivery fails, and what each kind of target does
//! with what it receives (queue, topic fan-out, function, event bus rules, bucket notifications).

use super::*;

/// A body on its way to a target: a text, or an async invocation record still as its facts.
#[derive(Clone, Debug)]
pub(super) enum Outgoing {
    Text(String),
    Record(AsyncRecordFacts),
}

impl From<String> for Outgoing {
    fn from(text: String) -> Outgoing {
        Outgoing::Text(text)
    }
}

/// What is delivered: the body, its attributes (an SNS subject, an S3 bucket and key, a Kafka
/// key, a dead-letter message's error attributes) and, for a FIFO queue, the message group.
#[derive(Clone, Debug)]
pub(super) struct Parcel {
    pub(super) body: Outgoing,
    pub(super) attributes: Option<String>,
    pub(super) group: Option<String>,
    /// For a function target: the qualifier it is sent to (see [`QualifierState`]).
    pub(super) qualifier: u16,
}

impl Parcel {
    /// A body with its attributes, in no message group.
    pub(super) fn new(body: impl Into<Outgoing>, attributes: Option<String>) -> Parcel {
        Parcel {
            body: body.into(),
            attributes,
            group: None,
            qualifier: 0,
        }
    }

    /// The same parcel, sent in message group `group`.
    pub(super) fn in_group(self, group: Option<String>) -> Parcel {
        Parcel { group, ..self }
    }

    /// The same parcel, sent to qualifier `qualifier` of a function.
    pub(super) fn for_qualifier(self, qualifier: u16) -> Parcel {
        Parcel { qualifier, ..self }
    }
}

pub(super) fn parent_body(trace: &Trace, parent: Option<EventIndex>) -> BodyId {
    match parent
        .and_then(|p| trace.events.get(p as usize))
        .map(|e| &e.what)
    {
        Some(What::Delivered { body, .. }) => *body,
        _ => 0,
    }
}

impl<'a> Simulation<'a> {
    /// Delivers async record `record` of function `f` to `target`: as an EventBridge event to a
    /// bus, under a dated key to a bucket, as its JSON anywhere else.
    pub(super) fn deliver_record(
        &mut self,
        f: usize,
        (target, target_q): (ResourceId, u16),
        via: Via,
        condition: Condition,
        record: AsyncRecordFacts,
        cause: Cause,
    ) {
        let kind = self.topology.get(target).kind;
        let (body, attributes) = match kind {
            Kind::EventBus => {
                let mut text = String::with_capacity(512);
                self.trace.write_record(&record, &mut text);
                let detail: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let bus_arn = self.topology.get(target).arn.clone();
                let fn_arn = self.trace.part(record.function_arn).to_string();
                let id = self.rng.uuid();
                let event = record::eventbridge_event(
                    &id,
                    record::destination_detail_type(condition),
                    assume::EVENTBRIDGE_SOURCE,
                    &self.scenario.account,
                    &self.timestamp_seconds(),
                    &self.scenario.region,
                    &[&bus_arn, &fn_arn],
                    &detail,
                );
                (Outgoing::Text(event.to_string()), None)
            }
            Kind::Bucket => {
                let (day, time) = clock::s3_key_parts(self.epoch_ms + self.now as i64);
                let name = self.topology.name(self.functions[f].id).to_string();
                let key = format!("aws/lambda/async/{name}/{day}/{time}-{}", self.rng.uuid());
                let bucket = self.topology.name(target).to_string();
                (
                    Outgoing::Record(record),
                    Some(json!({ "Bucket": bucket, "Key": key }).to_string()),
                )
            }
            _ => (Outgoing::Record(record), None),
        };
        let parcel = Parcel::new(body, attributes).for_qualifier(target_q);
        self.deliver(Some(f), target, via, parcel, cause);
    }

    /// Why a delivery from function `f` to `target` fails right now, if it does.
    pub(super) fn delivery_failure(
        &self,
        f: Option<usize>,
        target: ResourceId,
        via: Via,
        body: &Outgoing,
    ) -> Option<DeliveryFailure> {
        if self.is_deleted(target) {
            return Some(DeliveryFailure::TargetDeleted);
        }
        let checked = matches!(
            via,
            Via::OnSuccess | Via::OnFailure | Via::DeadLetterQueue | Via::MappingOnFailure
        );
        if !checked {
            return None;
        }
        let kind = self.topology.get(target).kind;
        let arn = &self.topology.get(target).arn;
        if let (Some(f), Some((action, _))) = (f, aws::required_action(kind)) {
            if !aws::role_allows(self.functions[f].permissions.as_deref(), action, arn) {
                return Some(DeliveryFailure::PermissionDenied);
            }
        }
        if self.fifo.get(target as usize).copied().unwrap_or(false) {
            return Some(DeliveryFailure::FifoTarget);
        }
        // An oversized SNS message fails delivery (the stated assumption; its alternative,
        // dropping the payload, is not written).
        const _: () = assert!(crate::assumptions::SNS_OVERSIZE_IS_FAILURE);
        let limit = if kind == Kind::Topic {
            SNS_MESSAGE_LIMIT
        } else {
            ASYNC_PAYLOAD_LIMIT
        };
        (kind != Kind::Bucket && self.longer_than(body, limit)).then_some(DeliveryFailure::TooLarge)
    }

    /// True when a body about to be delivered is longer than `limit` bytes; a record is
    /// measured, not written, and only when a quick bound says it might be.
    pub(super) fn longer_than(&self, body: &Outgoing, limit: usize) -> bool {
        match body {
            Outgoing::Text(text) => text.len() > limit,
            Outgoing::Record(record) => {
                if self.trace.record_len_bound(record) <= limit {
                    return false;
                }
                let mut len = JsonLen::default();
                self.trace.write_record(record, &mut len);
                len.0 > limit
            }
        }
    }

    /// Delivers `parcel` to `target` (from function `from`, when one sends it): refused when the
    /// target is deleted, the role may not, the target is FIFO or the body is too large;
    /// otherwise the target takes it (a queue keeps it, a topic fans it out, a function queues
    /// it, a bus routes it, a bucket notifies, a Kafka topic appends it).
    ///
    /// Rules, in order: `DeliveryFailed`, `Delivered`, then the target's: `MessageSent`,
    /// `SnsFanout`, `InvokeAccepted`/`SnsFanout`/`EventBridgeRule`, `EventBridgeRule`,
    /// `S3Notification`, `RecordPut`.
    pub(super) fn deliver(
        &mut self,
        from: Option<usize>,
        target: ResourceId,
        via: Via,
        parcel: Parcel,
        cause: Cause,
    ) {
        let Parcel {
            body,
            attributes,
            group,
            qualifier,
        } = parcel;
        let Cause {
            parent,
            request,
            lineage,
        } = cause;
        if let Some(reason) = self.delivery_failure(from, target, via, &body) {
            let resource = from.map(|f| self.functions[f].id).unwrap_or(target);
            self.note(
                resource,
                parent,
                request,
                RuleId::DeliveryFailed,
                What::DeliveryFailed {
                    target,
                    via,
                    reason,
                },
            );
            return;
        }
        let body_id = match body {
            Outgoing::Text(text) => self.body(text),
            Outgoing::Record(record) => self.trace.add_record(record),
        };
        let attributes_id = attributes.map(|a| self.body(a));
        let delivered = self.note(
            target,
            parent,
            request,
            RuleId::Delivered,
            What::Delivered {
                target,
                via,
                body: body_id,
                attributes: attributes_id,
            },
        );
        let request = match request {
            Some(r) => r,
            None => {
                let r = self.new_request(target, delivered);
                self.trace.events[delivered as usize].request = Some(r);
                r
            }
        };
        let cause = Cause::new(delivered, request, lineage);
        match self.topology.get(target).kind {
            Kind::Queue => self.enqueue_message(target, body_id, group, cause),
            Kind::Topic => self.fan_out(target, body_id, attributes_id, cause),
            Kind::Function => {
                // A Lambda destination, subscription or rule target invokes it asynchronously
                // (the stated assumption for destinations; documented for the other two).
                const _: () = assert!(crate::assumptions::LAMBDA_DESTINATION_IS_ASYNC);
                let payload = serde_json::from_str(self.trace.body(body_id)).unwrap_or(Value::Null);
                let p = self.store_payload(payload);
                let f = self.topology.get(target).index;
                let rule = match via {
                    Via::Subscription => RuleId::SnsFanout,
                    Via::RuleTarget => RuleId::EventBridgeRule,
                    _ => RuleId::InvokeAccepted,
                };
                self.enqueue_async(
                    (f, qualifier),
                    p,
                    Cause::starts_request(delivered, lineage),
                    rule,
                );
            }
            Kind::EventBus => self.route_bus_event(target, body_id, delivered, request),
            Kind::Bucket => self.notify_bucket(target, attributes_id, cause),
            Kind::KafkaTopic => {
                // Produced as a Kafka record: keyed by the `Key` attribute (round-robin without
                // one), its value the body's JSON.
                let key = attributes_id
                    .and_then(|a| serde_json::from_str::<Value>(self.trace.body(a)).ok())
                    .and_then(|a| a.get("Key").and_then(Value::as_str).map(str::to_string))
                    .unwrap_or_default();
                let text = self.trace.body(body_id);
                let value = serde_json::from_str(text).unwrap_or_else(|_| Value::from(text));
                self.put_stream_record(
                    target,
                    key,
                    value,
                    Cause::starts_request(delivered, lineage),
                );
            }
            _ => {}
        }
    }

    /// SNS fans a message out to every subscription of `topic`: SQS queues (wrapped in the SNS
    /// envelope unless raw), functions (an SNS event), and email endpoints.
    ///
    /// Rules, in order: `SnsFanout`.
    pub(super) fn fan_out(
        &mut self,
        topic: ResourceId,
        body: BodyId,
        attributes: Option<BodyId>,
        cause: Cause,
    ) {
        let t = self.topology.get(topic).index;
        let scenario = self.scenario;
        let subscriptions = &scenario.topics[t].subscriptions;
        if subscriptions.is_empty() {
            // SNS gives the message its id even when no one is subscribed; nothing reads the
            // body, so a record stays unwritten.
            self.rng.skip_uuid();
            return;
        }
        let topic_arn = self.topology.get(topic).arn.clone();
        let message = self.trace.body(body).to_string();
        let subject = attributes
            .and_then(|a| serde_json::from_str::<Value>(self.trace.body(a)).ok())
            .and_then(|v| v.get("Subject").and_then(Value::as_str).map(str::to_string));
        let message_id = self.rng.uuid();
        let timestamp = self.timestamp();
        for (i, sub) in subscriptions.iter().enumerate() {
            match sub.protocol.as_str() {
                "sqs" => {
                    let Some(q) = self.topology.find(Kind::Queue, &sub.endpoint) else {
                        continue;
                    };
                    let text = if sub.raw_message_delivery {
                        message.clone()
                    } else {
                        record::sns_envelope(
                            &message_id,
                            &topic_arn,
                            subject.as_deref(),
                            &message,
                            &timestamp,
                        )
                    };
                    self.deliver(None, q, Via::Subscription, Parcel::new(text, None), cause);
                }
                "lambda" => {
                    let Some((fid, q)) = qualifiers::find_target(
                        scenario,
                        &self.topology,
                        Some(Kind::Function),
                        &sub.endpoint,
                    ) else {
                        continue;
                    };
                    let subscription_arn = format!(
                        "{topic_arn}:{:08x}",
                        stable_hash(&format!("{topic_arn}{i}")) as u32
                    );
                    let event = record::sns_lambda_event(
                        &subscription_arn,
                        &message_id,
                        &topic_arn,
                        subject.as_deref(),
                        &message,
                        &timestamp,
                    );
                    self.deliver(
                        None,
                        fid,
                        Via::Subscription,
                        Parcel::new(event.to_string(), None).for_qualifier(q),
                        Cause {
                            request: None,
                            ..cause
                        },
                    );
                }
                _ => {
                    let endpoint = self.body(sub.endpoint.clone());
                    self.note(
                        topic,
                        cause.parent,
                        cause.request,
                        RuleId::SnsFanout,
                        What::EmailSent { endpoint, body },
                    );
                }
            }
        }
    }

    /// EventBridge sends an event put on `bus` to the targets of every rule whose pattern matches.
    ///
    /// Rules, in order: `EventBridgeRule`.
    pub(super) fn route_bus_event(
        &mut self,
        bus: ResourceId,
        body: BodyId,
        parent: EventIndex,
        request: RequestIndex,
    ) {
        let b = self.topology.get(bus).index;
        let event: Value = serde_json::from_str(self.trace.body(body)).unwrap_or(Value::Null);
        let scenario = self.scenario;
        let rules = &scenario.event_buses[b].rules;
        let mut matched = 0;
        for rule in rules
            .iter()
            .filter(|r| crate::pattern::matches(&r.event_pattern, &event))
        {
            matched += 1;
            for target in &rule.targets {
                let Some((tid, q)) =
                    qualifiers::find_target(scenario, &self.topology, None, target)
                else {
                    continue;
                };
                // EventBridge is not covered by loop detection (spec §7): lineage starts again.
                self.deliver(
                    None,
                    tid,
                    Via::RuleTarget,
                    Parcel::new(event.to_string(), None).for_qualifier(q),
                    Cause::starts_request(parent, 0),
                );
            }
        }
        self.note(
            bus,
            Some(parent),
            Some(request),
            RuleId::EventBridgeRule,
            What::BusEventPut {
                event: body,
                matched,
            },
        );
    }

    /// S3 invokes the function of every notification of `bucket` whose prefix and suffix match
    /// the new object's key.
    ///
    /// Rules, in order: `S3Notification`.
    pub(super) fn notify_bucket(
        &mut self,
        bucket: ResourceId,
        attributes: Option<BodyId>,
        cause: Cause,
    ) {
        let b = self.topology.get(bucket).index;
        let info: Value = attributes
            .and_then(|a| serde_json::from_str(self.trace.body(a)).ok())
            .unwrap_or(Value::Null);
        let key = info
            .get("Key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let size = info.get("Size").and_then(Value::as_u64).unwrap_or(
            self.trace
                .body(parent_body(&self.trace, cause.parent))
                .len() as u64,
        );
        let scenario = self.scenario;
        let notifications = &scenario.buckets[b].lambda_function_configurations;
        let name = self.topology.name(bucket).to_string();
        for n in notifications
            .iter()
            .filter(|n| key.starts_with(&n.prefix) && key.ends_with(&n.suffix))
        {
            let Some((fid, q)) = qualifiers::find_target(
                scenario,
                &self.topology,
                Some(Kind::Function),
                &n.lambda_function_arn,
            ) else {
                continue;
            };
            self.stream_counter += 1;
            let event = record::s3_event(
                &self.scenario.region,
                &self.timestamp(),
                &name,
                &key,
                size,
                self.stream_counter,
            );
            let p = self.store_payload(event);
            let f = self.topology.get(fid).index;
            self.enqueue_async(
                (f, q),
                p,
                Cause {
                    request: None,
                    ..cause
                },
                RuleId::S3Notification,
            );
        }
    }
}
