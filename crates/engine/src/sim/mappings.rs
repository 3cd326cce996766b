//! Event source mappings (spec §5): their settings, resolved once, and invoking a batch.

use super::*;

/// An event source mapping's resolved settings, lanes (for streams) and batches in flight.
#[derive(Clone, Debug)]
pub(super) struct MappingState {
    pub(super) id: ResourceId,
    pub(super) function: Option<usize>,
    /// The function's ARN as the mapping names it, when it names a qualifier (its records
    /// show it), and the version it runs (0 is `$LATEST`).
    pub(super) qualified_arn: Option<String>,
    pub(super) runs: u16,
    pub(super) source: Option<ResourceId>,
    pub(super) source_kind: Kind,
    pub(super) enabled: bool,
    pub(super) batch_size: usize,
    pub(super) window_ms: Millis,
    pub(super) max_retries: i64,
    pub(super) max_age_ms: Option<Millis>,
    pub(super) bisect: bool,
    pub(super) report_items: bool,
    pub(super) parallel: u32,
    pub(super) on_failure: Option<ResourceId>,
    pub(super) tumbling_ms: Option<Millis>,
    pub(super) lanes: Vec<Lane>,
    pub(super) in_flight: u32,
    pub(super) poll_scheduled: bool,
}

/// A batch a mapping invokes its function with: where its records come from, the function, and
/// its event (a payload).
#[derive(Clone, Debug)]
pub(super) struct Batch {
    pub(super) kind: BatchKind,
    pub(super) function: usize,
    pub(super) payload: u32,
}

/// Where a batch's records come from: a lane of a stream mapping, or messages of a queue.
#[derive(Clone, Debug)]
pub(super) enum BatchKind {
    Stream {
        mapping: u32,
        lane: u32,
    },
    Sqs {
        mapping: u32,
        queue: usize,
        messages: Vec<usize>,
    },
}

impl MappingState {
    /// When a poll found `count` records, the oldest sent at `oldest`: the end of the batching
    /// window to wait for, while the batch is not full and the window is open (spec §5.1).
    pub(super) fn waits_for_more(
        &self,
        count: usize,
        oldest: Millis,
        now: Millis,
    ) -> Option<Millis> {
        let window_end = oldest + self.window_ms;
        (count < self.batch_size && now < window_end).then_some(window_end)
    }

    /// The most invocations of a stream batch, as its `AttemptStarted` says (0 when
    /// `MaximumRetryAttempts` is -1: retried until the records expire).
    pub(super) fn max_attempts(&self) -> u32 {
        if self.max_retries < 0 {
            0
        } else {
            self.max_retries as u32 + 1
        }
    }

    /// True when a batch retried `retries` times may not be retried again (spec §5.2).
    pub(super) fn retries_exhausted(&self, retries: u32) -> bool {
        self.max_retries >= 0 && i64::from(retries) >= self.max_retries
    }

    /// True when a batch whose oldest record arrived at `oldest` is discarded instead of
    /// invoked: past `MaximumRecordAgeInSeconds`, or past a stream's retention (Kafka keeps
    /// records).
    pub(super) fn batch_expired(&self, oldest: Millis, now: Millis) -> bool {
        let age = now.saturating_sub(oldest);
        let past_retention =
            self.source_kind != Kind::KafkaTopic && age >= assume::STREAM_RETENTION;
        past_retention || self.max_age_ms.is_some_and(|limit| age >= limit)
    }
}

impl<'a> Simulation<'a> {
    /// Resolves every event source mapping's settings once: its source and function, its batch
    /// size and window (the source's defaults), retries, record age, OnFailure destination and
    /// lanes (shards times `ParallelizationFactor`).
    pub(super) fn prepare_mappings(&mut self) {
        for (i, m) in self.scenario.event_source_mappings.iter().enumerate() {
            let id = self
                .topology
                .id_of(Kind::EventSourceMapping, i)
                .unwrap_or_default();
            let source = aws::mapping_source(&self.topology, m);
            let source_kind = source
                .map(|s| self.topology.get(s).kind)
                .unwrap_or(Kind::Queue);
            let defaults = source
                .map(|s| MappingDefaults::for_source(source_kind, self.scenario, &self.topology, s))
                .unwrap_or(MappingDefaults {
                    batch_size: 10,
                    max_batch: 10,
                    window_ms: 0,
                });
            let target = qualifiers::find_target(
                self.scenario,
                &self.topology,
                Some(Kind::Function),
                &m.function_name,
            );
            let function = target.map(|(id, _)| self.topology.get(id).index);
            let (qualified_arn, runs) = match (function, target) {
                (Some(f), Some((_, q)))
                    if crate::qualifier::split(&m.function_name).1.is_some() =>
                {
                    let runs = self.qualifier(f, q).runs;
                    (Some(self.qualified_arn_text(f, q, runs)), runs)
                }
                _ => (None, 0),
            };
            let on_failure = m
                .destination_config
                .as_ref()
                .and_then(|d| d.on_failure_arn())
                .and_then(|arn| match arn.strip_prefix("kafka://") {
                    Some(topic) => aws::kafka_destination(self.scenario, &self.topology, m, topic),
                    None => self.topology.by_arn(arn),
                })
                .filter(|_| aws::mapping_takes_destinations(source_kind));
            let parallel = aws::PARALLELIZATION.resolve(m.parallelization_factor) as u32;
            let shards = match source.map(|s| self.topology.get(s)) {
                Some(r) if r.kind == Kind::KinesisStream => {
                    self.scenario.kinesis_streams[r.index].shard_count
                }
                Some(r) if r.kind == Kind::DynamoDbStream => {
                    self.scenario.dynamodb_tables[r.index].shard_count
                }
                Some(r) if r.kind == Kind::KafkaTopic => {
                    self.scenario.kafka_topics[r.index].partitions
                }
                _ => 0,
            }
            .clamp(0, aws::SHARD_COUNT.max) as u32;
            let parallel = if source_kind == Kind::KafkaTopic {
                1
            } else {
                parallel
            };
            let lanes = (0..shards * parallel)
                .map(|l| Lane {
                    shard: l / parallel,
                    ..Lane::default()
                })
                .collect();
            let window_ms = m
                .maximum_batching_window_in_seconds
                .map(|s| aws::BATCHING_WINDOW.clamp(s) as Millis * SECOND)
                .unwrap_or(defaults.window_ms);
            let index = self.mappings.len() as u32;
            self.mappings.push(MappingState {
                id,
                function,
                source,
                source_kind,
                enabled: m.enabled,
                batch_size: aws::STREAM_BATCH_SIZE
                    .clamp(m.batch_size.unwrap_or(defaults.batch_size))
                    as usize,
                window_ms,
                max_retries: m
                    .maximum_retry_attempts
                    .unwrap_or(aws::MAPPING_RETRIES.lowest()),
                max_age_ms: m
                    .maximum_record_age_in_seconds
                    .filter(|&s| s >= 0)
                    .map(|s| s as Millis * SECOND),
                bisect: m.bisect_batch_on_function_error.unwrap_or(false),
                report_items: m.reports_batch_item_failures(),
                parallel,
                on_failure,
                qualified_arn,
                runs,
                tumbling_ms: m
                    .tumbling_window_in_seconds
                    .filter(|&t| t > 0)
                    .map(|t| t.min(aws::TUMBLING_WINDOW.max) as Millis * SECOND),
                lanes,
                in_flight: 0,
                poll_scheduled: false,
            });
            if source_kind == Kind::Queue {
                if let Some(q) = source.and_then(|s| self.queue_index(s)) {
                    self.queues[q].mappings.push(index);
                }
            }
        }
    }

    /// A mapping invokes its function with batch `b`: stopped if it loops; the batch waits if the
    /// function is throttled or deleted; otherwise the function runs, and its result is read as
    /// a batch's (tumbling window state, failed records, reported item failures).
    ///
    /// Rules, in order: `RecursionStopped`, `MappingThrottled`, then `start_invocation`'s
    /// `BatchInvoked`.
    pub(super) fn invoke_batch(
        &mut self,
        b: u32,
        attempt: Attempt,
        try_index: u32,
        parent: EventIndex,
        request: RequestIndex,
        depth: u32,
    ) {
        let Batch {
            function: f,
            payload,
            ..
        } = self.batches[b as usize];
        let fid = self.functions[f].id;
        if depth > assume::RECURSION_LIMIT
            && self.scenario.functions[f].recursive_loop == RecursiveLoop::Terminate
        {
            let e = self.note(
                fid,
                Some(parent),
                Some(request),
                RuleId::RecursionStopped,
                What::RecursionStopped { depth },
            );
            let inv = Invocation {
                function: f,
                ctx: Ctx::Batch(b),
                attempt: attempt.number,
                decided: self.error(
                    "RecursiveInvocationException",
                    "Recursive invocation stopped",
                ),
                duration: 0,
                started: e,
                request,
            };
            self.functions[f].in_flight += 1;
            self.invocations.push(inv);
            let id = (self.invocations.len() - 1) as u32;
            self.schedule(self.now, Action::InvocationDone(id));
            return;
        }
        let mut decided = self.decide(f, payload, try_index);
        if self.is_throttled(f)
            || self.is_deleted(fid)
            || matches!(decided, Decided::Error { error_type, .. } if error_type == self.throttle)
        {
            self.batch_throttled(b, parent, request);
            return;
        }
        let tumbling = match &self.batches[b as usize].kind {
            BatchKind::Stream { mapping, .. } => {
                self.mappings[*mapping as usize].tumbling_ms.is_some()
            }
            BatchKind::Sqs { .. } => false,
        };
        if tumbling
            && matches!(decided, Decided::Ok)
            && self.behavior(f).response.get("state").is_none()
        {
            decided = self.error(
                "Error",
                "The response has no state property, so this tumbling window invocation counts as failed",
            );
        }
        if let Decided::Ok = decided {
            let (reports, fifo_messages) = match &self.batches[b as usize].kind {
                BatchKind::Stream { mapping, .. } => {
                    (self.mappings[*mapping as usize].report_items, None)
                }
                BatchKind::Sqs {
                    mapping,
                    queue,
                    messages,
                } => (
                    self.mappings[*mapping as usize].report_items,
                    self.fifo
                        .get(self.queues[*queue].id as usize)
                        .copied()
                        .unwrap_or(false)
                        .then(|| (*queue, messages.clone())),
                ),
            };
            let mut failed = self.failed_records(f, payload);
            if let Some((q, messages)) = fifo_messages.filter(|_| reports && !failed.is_empty()) {
                // On a FIFO queue the code keeps each message group in order, as the Lambda
                // guide asks: at a group's first failed message it stops that group and reports
                // the message with every later one of its group (see `assumptions`).
                let mut stopped: HashSet<Option<String>> = HashSet::new();
                let mut reported = Vec::new();
                for i in messages {
                    let msg = &self.queues[q].messages[i];
                    let id = self.trace.body(msg.id);
                    if stopped.contains(&msg.group) || failed.iter().any(|f| f == id) {
                        stopped.insert(msg.group.clone());
                        reported.push(id.to_string());
                    }
                }
                failed = reported;
            }
            if !failed.is_empty() {
                decided = if reports {
                    Decided::Partial(failed)
                } else {
                    self.error("Error", &format!("Failed to process record {}", failed[0]))
                };
            } else if reports {
                // What the code returns: `{"batchItemFailures": [...]}` in its response.
                if let Some(reported) = self.reported_item_failures(f) {
                    decided = Decided::Partial(reported);
                }
            }
        }
        self.start_invocation(f, Ctx::Batch(b), attempt, parent, request, decided);
    }

    /// The item identifiers of the `batchItemFailures` the function's `response` returns, when
    /// it lists any; an entry without a non-empty string `itemIdentifier` (empty, null, another
    /// key) reads as `""`. An empty or null list, or no such key, is a full success (spec §5.3).
    pub(super) fn reported_item_failures(&self, f: usize) -> Option<Vec<String>> {
        let list = self
            .behavior(f)
            .response
            .get("batchItemFailures")?
            .as_array()
            .filter(|l| !l.is_empty())?;
        Some(
            list.iter()
                .map(|item| {
                    item.get("itemIdentifier")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                })
                .collect(),
        )
    }

    /// The `batchItemFailures` the function returned, as JSON, for the trace.
    pub(super) fn reported_body(&mut self, f: usize, ids: &[String]) -> BodyId {
        let text = match self.behavior(f).response.get("batchItemFailures") {
            Some(list) if !list.is_null() => list.to_string(),
            _ => {
                let items: Vec<Value> =
                    ids.iter().map(|i| json!({ "itemIdentifier": i })).collect();
                Value::from(items).to_string()
            }
        };
        self.body(text)
    }

    /// The identifiers of the records of `payload` that the function's `failRecords` rule fails.
    pub(super) fn failed_records(&self, f: usize, payload: u32) -> Vec<String> {
        let Some(rule) = &self.behavior(f).fail_records else {
            return Vec::new();
        };
        batch_records(&self.payloads[payload as usize])
            .into_iter()
            .filter(|(data, _)| field(data, &rule.field) == Some(&rule.equals))
            .map(|(_, id)| id)
            .collect()
    }

    /// Batch `b` could not run: a stream lane backs off and tries again; an SQS mapping lets the
    /// messages go visible again.
    ///
    /// Rules, in order: `MappingThrottled`.
    pub(super) fn batch_throttled(&mut self, b: u32, parent: EventIndex, request: RequestIndex) {
        match self.batches[b as usize].kind.clone() {
            BatchKind::Stream { mapping, lane } => {
                let m = &mut self.mappings[mapping as usize];
                let id = m.id;
                let l = &mut m.lanes[lane as usize];
                l.busy = false;
                let shard = l.shard;
                let Some(batch) = l.batch.as_mut() else {
                    return;
                };
                batch.throttles += 1;
                let delay = assume::async_throttle_backoff(batch.throttles - 1);
                self.note(
                    id,
                    Some(parent),
                    Some(request),
                    RuleId::MappingThrottled,
                    What::ShardBlocked {
                        mapping: id,
                        shard,
                        retry: 0,
                        delay_ms: delay,
                    },
                );
                self.schedule_lane_poll(mapping, lane, self.now + delay);
            }
            BatchKind::Sqs { mapping, .. } => {
                let id = self.mappings[mapping as usize].id;
                self.mappings[mapping as usize].in_flight =
                    self.mappings[mapping as usize].in_flight.saturating_sub(1);
                self.note(
                    id,
                    Some(parent),
                    Some(request),
                    RuleId::MappingThrottled,
                    What::Throttled { retry_in_ms: 0 },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MINUTE;

    fn mapping(source_kind: Kind, max_retries: i64, max_age_ms: Option<Millis>) -> MappingState {
        MappingState {
            id: 0,
            function: Some(0),
            qualified_arn: None,
            runs: 0,
            source: Some(1),
            source_kind,
            enabled: true,
            batch_size: 10,
            window_ms: 5 * SECOND,
            max_retries,
            max_age_ms,
            bisect: false,
            report_items: false,
            parallel: 1,
            on_failure: None,
            tumbling_ms: None,
            lanes: Vec::new(),
            in_flight: 0,
            poll_scheduled: false,
        }
    }

    #[test]
    fn a_poll_waits_out_the_batching_window_unless_the_batch_is_full() {
        let m = mapping(Kind::Queue, -1, None);
        assert_eq!(m.waits_for_more(3, 1_000, 2_000), Some(6_000));
        assert_eq!(m.waits_for_more(3, 1_000, 6_000), None);
        assert_eq!(m.waits_for_more(10, 1_000, 2_000), None);
    }

    #[test]
    fn minus_one_retries_means_until_the_records_expire() {
        let m = mapping(Kind::KinesisStream, -1, None);
        assert_eq!(m.max_attempts(), 0);
        assert!(!m.retries_exhausted(10_000));
        let m = mapping(Kind::KinesisStream, 2, None);
        assert_eq!(m.max_attempts(), 3);
        assert!(!m.retries_exhausted(1));
        assert!(m.retries_exhausted(2));
    }

    #[test]
    fn a_batch_expires_at_its_record_age_or_the_streams_retention_but_kafka_keeps_records() {
        let m = mapping(Kind::KinesisStream, -1, Some(MINUTE));
        assert!(!m.batch_expired(0, MINUTE - 1));
        assert!(m.batch_expired(0, MINUTE));
        let m = mapping(Kind::KinesisStream, -1, None);
        assert!(m.batch_expired(0, assume::STREAM_RETENTION));
        let m = mapping(Kind::KafkaTopic, -1, None);
        assert!(!m.batch_expired(0, assume::STREAM_RETENTION));
    }
}
