//! SQS queues and their mappings (spec §5.5): messages, retention, visibility, redrive, polling
//! batches, and what a batch's result deletes.

use super::*;

/// A message in a queue.
#[derive(Clone, Debug)]
pub(super) struct Message {
    /// The MessageId: the body of its `MessageSent` event.
    pub(super) id: BodyId,
    pub(super) body: BodyId,
    pub(super) sent_at: Millis,
    /// When the retention period started: the send, or for a standard queue's dead-letter
    /// queue, the send to the source queue.
    pub(super) enqueued_at: Millis,
    pub(super) receive_count: u32,
    pub(super) visible_at: Millis,
    pub(super) group: Option<String>,
    pub(super) lineage: u32,
    pub(super) gone: bool,
    pub(super) request: Option<RequestIndex>,
}

/// A queue's messages and the mappings that poll it.
#[derive(Clone, Debug)]
pub(super) struct QueueState {
    pub(super) id: ResourceId,
    pub(super) messages: Vec<Message>,
    pub(super) mappings: Vec<u32>,
}

impl<'a> Simulation<'a> {
    /// A queue takes a message, keeps it for its retention period and wakes its mappings.
    ///
    /// Rules, in order: `MessageSent`.
    pub(super) fn enqueue_message(
        &mut self,
        queue: ResourceId,
        body: BodyId,
        group: Option<String>,
        cause: Cause,
    ) {
        let Some(q) = self.queue_index(queue) else {
            return;
        };
        let uuid = self.rng.uuid();
        let message_id = self.body(uuid);
        self.note(
            queue,
            cause.parent,
            cause.request,
            RuleId::MessageSent,
            What::MessageSent { message_id, body },
        );
        self.queues[q].messages.push(Message {
            id: message_id,
            body,
            sent_at: self.now,
            enqueued_at: self.now,
            receive_count: 0,
            visible_at: self.now,
            group,
            lineage: cause.lineage,
            gone: false,
            request: cause.request,
        });
        let retention = self.retention_ms(q);
        self.schedule(self.now + retention, Action::SqsExpire(q as u32));
        for i in 0..self.queues[q].mappings.len() {
            let m = self.queues[q].mappings[i];
            self.schedule_sqs_poll(m, self.now);
        }
    }

    /// True when queue `q` keeps the default 4-day retention.
    pub(super) fn retention_is_default(&self, q: usize) -> bool {
        let queue = self.topology.get(self.queues[q].id).index;
        self.scenario.queues[queue].message_retention_period
            == crate::scenario::DEFAULT_MESSAGE_RETENTION
    }

    /// The queue's `MessageRetentionPeriod`.
    pub(super) fn retention_ms(&self, q: usize) -> Millis {
        let queue = self.topology.get(self.queues[q].id).index;
        self.scenario.queues[queue]
            .message_retention_period
            .clamp(aws::MESSAGE_RETENTION.min, aws::MESSAGE_RETENTION.max) as Millis
            * SECOND
    }

    /// SQS deletes every message older than the queue's retention period, processed or not. A
    /// message being processed (in flight) is left to the function; if it comes back, it expires
    /// when its visibility timeout ends (see `assumptions`).
    ///
    /// Rules, in order: `MessageExpired`.
    pub(super) fn sqs_expire(&mut self, q: usize) {
        let now = self.now;
        let retention = self.retention_ms(q);
        let mut expired = Vec::new();
        let mut request = None;
        for msg in &mut self.queues[q].messages {
            let in_flight = msg.receive_count > 0 && msg.visible_at > now;
            if !msg.gone && !in_flight && msg.enqueued_at + retention <= now {
                msg.gone = true;
                request = request.or(msg.request);
                expired.push(self.trace.body(msg.id).to_string());
            }
        }
        if expired.is_empty() {
            return;
        }
        let count = expired.len() as u32;
        let message_ids = self.body(Value::from(expired).to_string());
        let queue = self.queues[q].id;
        self.note(
            queue,
            None,
            request,
            RuleId::MessageExpired,
            What::MessagesExpired {
                message_ids,
                count,
                retention_ms: retention,
            },
        );
    }

    /// Schedules a poll of SQS mapping `m` at `at`, unless one is scheduled.
    pub(super) fn schedule_sqs_poll(&mut self, m: u32, at: Millis) {
        if !self.mappings[m as usize].poll_scheduled {
            self.mappings[m as usize].poll_scheduled = true;
            self.schedule(at, Action::SqsPoll(m));
        }
    }

    /// SQS mapping `m` polls its queue: expired messages go, a FIFO queue's groups stay in order,
    /// the batch waits for its window; messages received too often are redriven to the
    /// dead-letter queue; the rest are received (invisible for the visibility timeout) and
    /// invoke the function.
    ///
    /// Rules, in order: `MessageExpired`, `MessageRedriven`, `MessageReceived`, then
    /// `invoke_batch`'s.
    pub(super) fn sqs_poll(&mut self, m: u32) {
        self.mappings[m as usize].poll_scheduled = false;
        let mapping = self.mappings[m as usize].clone();
        let (Some(f), Some(source)) = (mapping.function, mapping.source) else {
            return;
        };
        let Some(q) = self.queue_index(source) else {
            return;
        };
        if !mapping.enabled || self.is_deleted(source) {
            return;
        }
        self.sqs_expire(q);
        let reserved = self.functions[f]
            .reserved
            .map(|r| r.max(0) as u32)
            .unwrap_or(assume::SQS_MAPPING_CONCURRENCY);
        let limit = reserved.min(assume::SQS_MAPPING_CONCURRENCY);
        if mapping.in_flight >= limit.max(1) {
            return;
        }
        let fifo = aws::is_fifo(
            self.scenario,
            &self.topology,
            &self.topology.get(source).arn,
        );
        let queue_def = &self.scenario.queues[self.topology.get(source).index];
        let visibility =
            aws::VISIBILITY_TIMEOUT.clamp(queue_def.visibility_timeout) as Millis * SECOND;
        let redrive = queue_def.redrive_policy.clone();
        let now = self.now;
        let mut blocked_groups: HashSet<String> = HashSet::new();
        let mut picked = Vec::new();
        for (i, msg) in self.queues[q].messages.iter().enumerate() {
            if msg.gone {
                continue;
            }
            let group = msg.group.clone().unwrap_or_default();
            if fifo && blocked_groups.contains(&group) {
                continue;
            }
            if msg.visible_at > now {
                if fifo {
                    blocked_groups.insert(group);
                }
                continue;
            }
            if picked.len() < mapping.batch_size {
                picked.push(i);
            }
        }
        if picked.is_empty() {
            return;
        }
        let oldest = picked
            .iter()
            .map(|&i| self.queues[q].messages[i].sent_at)
            .min()
            .unwrap_or(now);
        if let Some(window_end) = mapping.waits_for_more(picked.len(), oldest, now) {
            self.schedule_sqs_poll(m, window_end);
            return;
        }
        let mut batch = Vec::new();
        for i in picked {
            let msg = self.queues[q].messages[i].clone();
            if let Some(policy) = redrive
                .as_ref()
                .filter(|p| i64::from(msg.receive_count) >= p.max_receive_count)
            {
                if let Some(dlq) = self
                    .topology
                    .find(Kind::Queue, &policy.dead_letter_target_arn)
                {
                    self.queues[q].messages[i].gone = true;
                    let message_id = self.body(self.trace.body(msg.id).to_string());
                    let e = self.note(
                        source,
                        None,
                        msg.request,
                        RuleId::MessageRedriven,
                        What::MessageRedriven {
                            target: dlq,
                            message_id,
                            receive_count: msg.receive_count,
                            max_receive_count: policy.max_receive_count as u32,
                        },
                    );
                    let body = self.trace.body(msg.body).to_string();
                    let dlq_index = self.queue_index(dlq);
                    let before = dlq_index.map_or(0, |d| self.queues[d].messages.len());
                    self.deliver(
                        None,
                        dlq,
                        Via::Redrive,
                        Parcel::new(body, None).in_group(msg.group.clone()),
                        Cause {
                            parent: Some(e),
                            request: msg.request,
                            lineage: msg.lineage,
                        },
                    );
                    // A standard queue's message keeps its original enqueue time in the
                    // dead-letter queue, so it expires sooner there; a FIFO queue's starts
                    // again (SQS developer guide, dead-letter queue retention).
                    if let Some(d) = dlq_index.filter(|_| !fifo) {
                        if self.queues[d].messages.len() > before {
                            if let Some(moved) = self.queues[d].messages.last_mut() {
                                moved.enqueued_at = msg.enqueued_at;
                            }
                            let retention = self.retention_ms(d);
                            self.schedule(
                                (msg.enqueued_at + retention).max(self.now),
                                Action::SqsExpire(d as u32),
                            );
                        }
                    }
                    continue;
                }
            }
            let entry = &mut self.queues[q].messages[i];
            entry.receive_count += 1;
            entry.visible_at = now + visibility;
            batch.push(i);
        }
        if batch.is_empty() {
            self.schedule_sqs_poll(m, now);
            return;
        }
        let messages: Vec<Message> = batch
            .iter()
            .map(|&i| self.queues[q].messages[i].clone())
            .collect();
        let ids = Value::from(
            messages
                .iter()
                .map(|m| self.trace.body(m.id))
                .collect::<Vec<_>>(),
        )
        .to_string();
        let message_ids = self.body(ids);
        let receive_count = messages.iter().map(|m| m.receive_count).max().unwrap_or(1);
        let parent = messages
            .first()
            .and_then(|msg| msg.request)
            .map(|r| self.trace.requests[r as usize].started_by);
        let request = messages.first().and_then(|msg| msg.request);
        let received = self.note(
            source,
            parent,
            request,
            RuleId::MessageReceived,
            What::MessagesReceived {
                mapping: mapping.id,
                message_ids,
                count: messages.len() as u32,
                receive_count,
                visibility_ms: visibility,
            },
        );
        self.schedule(now + visibility, Action::SqsVisible(q as u32));
        let event = self.sqs_event(source, &messages);
        let p = self.store_payload(event);
        let lineage = messages.iter().map(|m| m.lineage).max().unwrap_or(0);
        let request = request.unwrap_or_else(|| self.new_request(source, received));
        let b = self.batches.len() as u32;
        self.batches.push(Batch {
            kind: BatchKind::Sqs {
                mapping: m,
                queue: q,
                messages: batch,
            },
            function: f,
            payload: p,
        });
        self.mappings[m as usize].in_flight += 1;
        let attempt = Attempt {
            number: receive_count,
            max_attempts: 0,
            age_ms: 0,
        };
        self.invoke_batch(b, attempt, receive_count, received, request, lineage + 1);
        self.schedule_sqs_poll(m, now);
    }

    /// The SQS event of a batch of `messages` from queue `source`.
    pub(super) fn sqs_event(&self, source: ResourceId, messages: &[Message]) -> Value {
        let arn = &self.topology.get(source).arn;
        let records: Vec<Value> = messages
            .iter()
            .map(|m| {
                let body = self.trace.body(m.body);
                let id = self.trace.body(m.id);
                let mut attributes = json!({
                    "ApproximateReceiveCount": m.receive_count.to_string(),
                    "SentTimestamp": (self.epoch_ms + m.sent_at as i64).to_string(),
                    "SenderId": "AIDAEXAMPLE",
                    "ApproximateFirstReceiveTimestamp": (self.epoch_ms + self.now as i64).to_string()
                });
                // A FIFO queue's messages say which group they belong to.
                if let (Some(group), Some(map)) = (&m.group, attributes.as_object_mut()) {
                    map.insert("MessageGroupId".into(), Value::from(group.as_str()));
                }
                json!({
                    "messageId": id,
                    "receiptHandle": format!("AQEB{:016x}", stable_hash(id) ^ u64::from(m.receive_count)),
                    "body": body,
                    "attributes": attributes,
                    "messageAttributes": {},
                    "md5OfBody": format!("{:032x}", u128::from(stable_hash(body)) << 64 | u128::from(stable_hash(id))),
                    "eventSource": "aws:sqs",
                    "eventSourceARN": arn,
                    "awsRegion": self.scenario.region,
                })
            })
            .collect();
        json!({ "Records": records })
    }

    /// Messages of queue `q` whose visibility timeout ends now are visible again, and the
    /// queue's mappings poll.
    ///
    /// Rules, in order: `MessageExpired`, `MessageVisible`.
    pub(super) fn sqs_visible(&mut self, q: usize) {
        // A message past its retention period does not come back: it expires instead.
        self.sqs_expire(q);
        let now = self.now;
        let queue = self.queues[q].id;
        let visible: Vec<String> = self.queues[q]
            .messages
            .iter()
            .filter(|m| !m.gone && m.visible_at == now && m.receive_count > 0)
            .map(|m| self.trace.body(m.id).to_string())
            .collect();
        if visible.is_empty() {
            return;
        }
        let count = visible.len() as u32;
        let request = self.queues[q]
            .messages
            .iter()
            .find(|m| !m.gone && m.visible_at == now)
            .and_then(|m| m.request);
        let message_ids = self.body(Value::from(visible).to_string());
        self.note(
            queue,
            None,
            request,
            RuleId::MessageVisible,
            What::MessagesVisible { message_ids, count },
        );
        for m in self.queues[q].mappings.clone() {
            self.schedule_sqs_poll(m, now);
        }
    }

    /// An SQS batch ended: its successful messages are deleted, and failed ones (all of them,
    /// or those a valid partial batch response names) stay to be received again.
    ///
    /// Rules, in order: `PartialBatchResponse`, `MessageDeleted`, `MessageVisible`.
    pub(super) fn sqs_batch_done(
        &mut self,
        m: u32,
        q: usize,
        batch: &[usize],
        inv: &Invocation,
        failed: bool,
        done: EventIndex,
    ) {
        self.mappings[m as usize].in_flight = self.mappings[m as usize].in_flight.saturating_sub(1);
        let source = self.queues[q].id;
        let in_batch: HashSet<String> = batch
            .iter()
            .map(|&i| self.trace.body(self.queues[q].messages[i].id).to_string())
            .collect();
        // An empty, null or unknown itemIdentifier fails the whole batch (spec §5.3).
        let invalid = matches!(&inv.decided, Decided::Partial(ids)
            if ids.iter().any(|id| id.is_empty() || !in_batch.contains(id)));
        let failed_ids: HashSet<String> = match &inv.decided {
            Decided::Partial(_) if invalid => in_batch,
            Decided::Partial(ids) => ids.iter().cloned().collect(),
            _ if failed => in_batch,
            _ => HashSet::new(),
        };
        if let (Decided::Partial(ids), true) = (&inv.decided, invalid) {
            let reported = self.reported_body(inv.function, ids);
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::PartialBatchResponse,
                What::PartialBatchInvalid { mapping, reported },
            );
        } else if let Decided::Partial(ids) = &inv.decided {
            let failed_body = self.body(Value::from(ids.clone()).to_string());
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::PartialBatchResponse,
                What::PartialBatchFailure {
                    mapping,
                    failed: failed_body,
                    count: ids.len() as u32,
                },
            );
        }
        let mut deleted = Vec::new();
        for &i in batch {
            let msg = &mut self.queues[q].messages[i];
            let id = self.trace.body(msg.id);
            if !failed_ids.contains(id) && !msg.gone {
                msg.gone = true;
                deleted.push(id.to_string());
            }
        }
        if !deleted.is_empty() {
            let count = deleted.len() as u32;
            let message_ids = self.body(Value::from(deleted).to_string());
            self.note(
                source,
                Some(done),
                Some(inv.request),
                RuleId::MessageDeleted,
                What::MessagesDeleted { message_ids, count },
            );
        }
        if !failed_ids.is_empty() {
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::MessageVisible,
                What::NoDestination {
                    reason: NoDestinationReason::EventSourceMapping,
                },
            );
        }
        self.schedule_sqs_poll(m, self.now);
    }
}
