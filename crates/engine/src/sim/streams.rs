//! Stream and Kafka lanes (spec §5.2 to §5.6): records by shard, polling batches per lane,
//! tumbling windows, retries, bisection and checkpoints.

use super::*;

/// A record on a shard of a stream or a partition of a Kafka topic.
#[derive(Clone, Debug)]
pub(super) struct StreamRecordData {
    pub(super) sequence: String,
    pub(super) key: String,
    pub(super) data: Value,
    pub(super) arrival: Millis,
    pub(super) lineage: u32,
}

/// One lane of a stream mapping: a shard, or a part of one with `ParallelizationFactor`;
/// records are kept in order per lane. It holds its checkpoint and the batch it works on.
#[derive(Clone, Debug, Default)]
pub(super) struct Lane {
    pub(super) shard: u32,
    pub(super) records: Vec<u32>,
    pub(super) next: usize,
    pub(super) busy: bool,
    pub(super) poll_at: Option<Millis>,
    pub(super) batch: Option<BatchState>,
    pub(super) window: Option<WindowState>,
}

/// An open tumbling window of a lane (spec §5.4).
#[derive(Clone, Debug)]
pub(super) struct WindowState {
    pub(super) start: Millis,
    pub(super) state: Value,
    pub(super) first: usize,
    pub(super) upto: usize,
}

/// The batch a lane works on: its records (`start..end` of the lane), retries, throttles,
/// the halves still to do after bisection, and the last error.
#[derive(Clone, Debug)]
pub(super) struct BatchState {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) retries: u32,
    pub(super) invocations: u32,
    pub(super) throttles: u32,
    pub(super) pending: Vec<(usize, usize)>,
    pub(super) last_error: BatchError,
    pub(super) final_window: bool,
}

impl<'a> Simulation<'a> {
    /// A record lands on a shard (by its key's hash) of a Kinesis stream, DynamoDB stream or
    /// Kafka topic, and every lane of every mapping that reads it polls.
    ///
    /// Rules, in order: `RecordPut`.
    pub(super) fn put_stream_record(
        &mut self,
        stream: ResourceId,
        key: String,
        data: Value,
        cause: Cause,
    ) {
        let Cause {
            parent, lineage, ..
        } = cause;
        let resource = self.topology.get(stream).clone();
        let shards = match resource.kind {
            Kind::KinesisStream => self.scenario.kinesis_streams[resource.index].shard_count,
            Kind::DynamoDbStream => self.scenario.dynamodb_tables[resource.index].shard_count,
            _ => self.scenario.kafka_topics[resource.index].partitions,
        }
        .clamp(aws::SHARD_COUNT.min, aws::SHARD_COUNT.max) as u32;
        let shard = if resource.kind == Kind::KafkaTopic && key.is_empty() {
            (self.stream_counter % u64::from(shards)) as u32
        } else {
            (stable_hash(&key) % u64::from(shards)) as u32
        };
        self.stream_counter += 1;
        let shard_records = self
            .streams
            .entry(stream)
            .or_insert_with(|| vec![Vec::new(); shards as usize]);
        let position = shard_records[shard as usize].len();
        let sequence = match resource.kind {
            Kind::KinesisStream => format!("49{:022}{:032}", shard, self.stream_counter),
            Kind::DynamoDbStream => format!("{}{:020}", 1 + shard, self.stream_counter),
            _ => position.to_string(),
        };
        shard_records[shard as usize].push(StreamRecordData {
            sequence: sequence.clone(),
            key: key.clone(),
            data,
            arrival: self.now,
            lineage,
        });
        let sequence_body = self.body(sequence);
        let key_body = self.body(key.clone());
        let put = self.note(
            stream,
            parent,
            None,
            RuleId::RecordPut,
            What::RecordPut {
                shard,
                sequence: sequence_body,
                key: key_body,
            },
        );
        let request = self.new_request(stream, put);
        self.trace.events[put as usize].request = Some(request);
        for m in 0..self.mappings.len() {
            if self.mappings[m].source != Some(stream) {
                continue;
            }
            let parallel = self.mappings[m].parallel;
            let lane = shard * parallel + (stable_hash(&key) % u64::from(parallel)) as u32;
            let Some(l) = self.mappings[m].lanes.get_mut(lane as usize) else {
                continue;
            };
            l.records.push(position as u32);
            // A lane holding a batch (running, or waiting out a retry or throttle backoff) reads
            // the new record only after that batch: an arrival never cuts the wait short, and
            // the batch is retried as it was read (spec §5.2).
            if l.batch.is_none() {
                self.schedule_lane_poll(m as u32, lane, self.now);
            }
        }
    }

    /// Schedules a poll of lane `lane` of mapping `m` at `at`, unless one comes sooner.
    pub(super) fn schedule_lane_poll(&mut self, m: u32, lane: u32, at: Millis) {
        let Some(l) = self.mappings[m as usize].lanes.get_mut(lane as usize) else {
            return;
        };
        if l.poll_at.is_some_and(|p| p <= at) {
            return;
        }
        l.poll_at = Some(at);
        self.schedule(at, Action::LanePoll(m, lane));
    }

    /// A lane of stream mapping `m` polls: it retries its current batch, or reads the next one
    /// (waiting for the batching window, cut at a tumbling window's end); a batch too old is
    /// discarded, any other invokes the function.
    ///
    /// Rules, in order: `RecordAgeExceeded`, `BatchInvoked`, then `invoke_batch`'s.
    pub(super) fn lane_poll(&mut self, m: u32, lane_index: u32) {
        let now = self.now;
        let mapping = &mut self.mappings[m as usize];
        let Some(lane) = mapping.lanes.get_mut(lane_index as usize) else {
            return;
        };
        if lane.poll_at != Some(now) {
            return;
        }
        lane.poll_at = None;
        if lane.busy || !mapping.enabled {
            return;
        }
        let (Some(f), Some(source)) = (mapping.function, mapping.source) else {
            return;
        };
        let lane = lane.clone();
        let mapping = mapping.clone();
        let shard_records = self
            .streams
            .get(&source)
            .map(|s| s[lane.shard as usize].clone())
            .unwrap_or_default();
        let batch = match lane.batch.clone() {
            Some(batch) => batch,
            None => {
                // With tumbling windows, records already aggregated wait for the window's final
                // invocation before the checkpoint moves (spec §5.4).
                let read = lane
                    .window
                    .as_ref()
                    .map_or(lane.next, |w| w.upto.max(lane.next));
                if let (Some(t), Some(w)) = (mapping.tumbling_ms, lane.window.as_ref()) {
                    if now >= w.start + t {
                        if w.upto > w.first {
                            let batch = BatchState {
                                start: w.first,
                                end: w.upto,
                                retries: 0,
                                invocations: 0,
                                throttles: 0,
                                pending: Vec::new(),
                                last_error: BatchError::None,
                                final_window: true,
                            };
                            self.mappings[m as usize].lanes[lane_index as usize].batch =
                                Some(batch);
                        } else {
                            self.mappings[m as usize].lanes[lane_index as usize].window = None;
                        }
                        self.schedule_lane_poll(m, lane_index, now);
                        return;
                    }
                }
                let available = lane.records.len() - read;
                if available == 0 {
                    if let (Some(t), Some(w)) = (mapping.tumbling_ms, lane.window.as_ref()) {
                        self.schedule_lane_poll(m, lane_index, w.start + t);
                    }
                    return;
                }
                let oldest = shard_records[lane.records[read] as usize].arrival;
                if let Some(window_end) = mapping.waits_for_more(available, oldest, now) {
                    self.schedule_lane_poll(m, lane_index, window_end);
                    return;
                }
                let mut end = read + available.min(mapping.batch_size);
                if let Some(t) = mapping.tumbling_ms {
                    let start = lane.window.as_ref().map_or(oldest / t * t, |w| w.start);
                    end = (read..end)
                        .find(|&i| shard_records[lane.records[i] as usize].arrival >= start + t)
                        .unwrap_or(end);
                    if lane.window.is_none() {
                        self.mappings[m as usize].lanes[lane_index as usize].window =
                            Some(WindowState {
                                start,
                                state: serde_json::json!({}),
                                first: read,
                                upto: read,
                            });
                    }
                    self.schedule_lane_poll(m, lane_index, (start + t).max(now + 1));
                    if end == read {
                        return;
                    }
                }
                BatchState {
                    start: read,
                    end,
                    retries: 0,
                    invocations: 0,
                    throttles: 0,
                    pending: Vec::new(),
                    last_error: BatchError::None,
                    final_window: false,
                }
            }
        };
        let records: Vec<StreamRecordData> = (batch.start..batch.end)
            .map(|i| shard_records[lane.records[i] as usize].clone())
            .collect();
        let oldest = records.iter().map(|r| r.arrival).min().unwrap_or(now);
        if mapping.batch_expired(oldest, now) {
            let mut batch = batch;
            batch.invocations = batch.invocations.max(1);
            return self.discard_batch(
                m,
                lane_index,
                batch,
                Condition::RecordAgeExceeded,
                None,
                None,
            );
        }
        let lane_state = &mut self.mappings[m as usize].lanes[lane_index as usize];
        lane_state.busy = true;
        lane_state.batch = Some(batch.clone());
        let first = self.body(
            records
                .first()
                .map(|r| r.sequence.clone())
                .unwrap_or_default(),
        );
        let last = self.body(
            records
                .last()
                .map(|r| r.sequence.clone())
                .unwrap_or_default(),
        );
        let invoked = self.note(
            mapping.id,
            None,
            None,
            RuleId::BatchInvoked,
            What::BatchInvoked {
                mapping: mapping.id,
                shard: lane.shard,
                size: if batch.final_window {
                    0
                } else {
                    records.len() as u32
                },
                first,
                last,
            },
        );
        let request = self.new_request(mapping.id, invoked);
        self.trace.events[invoked as usize].request = Some(request);
        let mut event = self.stream_event(
            source,
            lane.shard,
            if batch.final_window { &[] } else { &records },
            f,
        );
        let window = self.mappings[m as usize].lanes[lane_index as usize]
            .window
            .clone();
        if let (Some(t), Some(w), Some(map)) = (mapping.tumbling_ms, window, event.as_object_mut())
        {
            let at = |ms: Millis| clock::iso8601_seconds(self.epoch_ms + ms as i64);
            map.insert(
                "window".into(),
                serde_json::json!({ "start": at(w.start), "end": at(w.start + t) }),
            );
            map.insert("state".into(), w.state);
            map.insert("shardId".into(), Value::from(shard_id(lane.shard)));
            map.insert(
                "eventSourceARN".into(),
                Value::from(self.topology.get(source).arn.clone()),
            );
            map.insert(
                "isFinalInvokeForWindow".into(),
                Value::from(batch.final_window),
            );
            map.insert("isWindowTerminatedEarly".into(), Value::from(false));
        }
        let p = self.store_payload(event);
        let b = self.batches.len() as u32;
        self.batches.push(Batch {
            kind: BatchKind::Stream {
                mapping: m,
                lane: lane_index,
            },
            function: f,
            payload: p,
        });
        let lineage = records.iter().map(|r| r.lineage).max().unwrap_or(0);
        let max_attempts = mapping.max_attempts();
        let attempt = Attempt {
            number: batch.retries + 1,
            max_attempts,
            age_ms: 0,
        };
        let try_index = batch.retries + batch.throttles + 1;
        self.invoke_batch(b, attempt, try_index, invoked, request, lineage + 1);
    }

    /// A stream batch ended: on success the checkpoint moves (or a tumbling window keeps the
    /// state); reported item failures move the checkpoint to the first failed record; on error,
    /// the batch is bisected when asked, else retried or discarded.
    ///
    /// Rules, in order: `PartialBatchResponse`, `CheckpointAdvanced`, `BatchBisected`,
    /// `ShardBlocked`.
    pub(super) fn batch_done(&mut self, b: u32, inv: &Invocation, failed: bool, done: EventIndex) {
        let (m, lane_index) = match self.batches[b as usize].kind.clone() {
            BatchKind::Sqs {
                mapping,
                queue,
                messages,
            } => return self.sqs_batch_done(mapping, queue, &messages, inv, failed, done),
            BatchKind::Stream { mapping, lane } => (mapping, lane),
        };
        let mapping = self.mappings[m as usize].clone();
        let Some(mut batch) = mapping.lanes[lane_index as usize].batch.clone() else {
            return;
        };
        let shard = mapping.lanes[lane_index as usize].shard;
        let source = mapping.source.unwrap_or_default();
        batch.invocations += 1;
        self.mappings[m as usize].lanes[lane_index as usize].busy = false;
        let failed_ids = match &inv.decided {
            Decided::Partial(ids) => Some(ids.clone()),
            _ => None,
        };
        if !failed {
            if let Some(ids) = failed_ids.filter(|ids| !ids.is_empty()) {
                // An empty, null or misnamed itemIdentifier fails the whole batch (spec §5.3).
                let invalid = ids.iter().any(String::is_empty);
                if invalid {
                    let reported = self.reported_body(inv.function, &ids);
                    self.note(
                        mapping.id,
                        Some(done),
                        Some(inv.request),
                        RuleId::PartialBatchResponse,
                        What::PartialBatchInvalid {
                            mapping: mapping.id,
                            reported,
                        },
                    );
                } else {
                    let failed_body = self.body(Value::from(ids.clone()).to_string());
                    self.note(
                        mapping.id,
                        Some(done),
                        Some(inv.request),
                        RuleId::PartialBatchResponse,
                        What::PartialBatchFailure {
                            mapping: mapping.id,
                            failed: failed_body,
                            count: ids.len() as u32,
                        },
                    );
                }
                let lane = &mapping.lanes[lane_index as usize];
                let records = self.streams.get(&source).map(|s| &s[shard as usize]);
                let first_failed = (batch.start..batch.end).filter(|_| !invalid).find(|&i| {
                    records.is_some_and(|r| ids.contains(&r[lane.records[i] as usize].sequence))
                });
                match first_failed {
                    Some(i) => {
                        if i > batch.start {
                            self.checkpoint(m, lane_index, i, done, inv.request);
                        }
                        batch.start = i;
                    }
                    None => {
                        // An unknown identifier fails the whole batch (spec §5.3).
                    }
                }
                batch.last_error = BatchError::ItemFailures;
                return self.retry_or_discard(m, lane_index, batch, done, inv.request);
            }
            if mapping.tumbling_ms.is_some() {
                let lane = &mut self.mappings[m as usize].lanes[lane_index as usize];
                if batch.final_window {
                    lane.window = None;
                } else {
                    // Aggregated into the window: the checkpoint waits for its final invocation.
                    if let Some(w) = lane.window.as_mut() {
                        w.upto = batch.end;
                        if let Decided::Ok = &inv.decided {
                            w.state = self.scenario.functions[inv.function]
                                .behavior
                                .response
                                .get("state")
                                .cloned()
                                .unwrap_or(Value::Null);
                        }
                    }
                    return self.next_part(m, lane_index, batch);
                }
            }
            self.checkpoint(m, lane_index, batch.end, done, inv.request);
            return self.next_part(m, lane_index, batch);
        }
        batch.last_error = BatchError::Unhandled;
        let size = batch.end - batch.start;
        if mapping.bisect && size > 1 {
            let middle = batch.start + size / 2;
            self.note(
                mapping.id,
                Some(done),
                Some(inv.request),
                RuleId::BatchBisected,
                What::BatchBisected {
                    mapping: mapping.id,
                    shard,
                    left: (middle - batch.start) as u32,
                    right: (batch.end - middle) as u32,
                },
            );
            batch.pending.push((middle, batch.end));
            batch.end = middle;
            batch.invocations = 0;
            self.mappings[m as usize].lanes[lane_index as usize].batch = Some(batch);
            self.schedule_lane_poll(m, lane_index, self.now);
            return;
        }
        self.retry_or_discard(m, lane_index, batch, done, inv.request);
    }

    /// A failed stream batch is retried after a backoff, blocking its shard, unless its retries
    /// are used: then it is discarded.
    ///
    /// Rules, in order: `MappingRetryExhausted`, `ShardBlocked`.
    pub(super) fn retry_or_discard(
        &mut self,
        m: u32,
        lane_index: u32,
        mut batch: BatchState,
        done: EventIndex,
        request: RequestIndex,
    ) {
        let mapping = self.mappings[m as usize].clone();
        let shard = mapping.lanes[lane_index as usize].shard;
        if mapping.retries_exhausted(batch.retries) {
            return self.discard_batch(
                m,
                lane_index,
                batch,
                Condition::RetryAttemptsExhausted,
                Some(done),
                Some(request),
            );
        }
        batch.retries += 1;
        let delay = assume::stream_retry_delay(batch.retries);
        self.note(
            mapping.id,
            Some(done),
            Some(request),
            RuleId::ShardBlocked,
            What::ShardBlocked {
                mapping: mapping.id,
                shard,
                retry: batch.retries,
                delay_ms: delay,
            },
        );
        self.mappings[m as usize].lanes[lane_index as usize].batch = Some(batch);
        self.schedule_lane_poll(m, lane_index, self.now + delay);
    }

    /// The lane's checkpoint moves to `upto` (never back).
    ///
    /// Rules, in order: `CheckpointAdvanced`.
    pub(super) fn checkpoint(
        &mut self,
        m: u32,
        lane_index: u32,
        upto: usize,
        parent: EventIndex,
        request: RequestIndex,
    ) {
        let mapping = &mut self.mappings[m as usize];
        let id = mapping.id;
        let source = mapping.source.unwrap_or_default();
        let lane = &mut mapping.lanes[lane_index as usize];
        if upto <= lane.next {
            return;
        }
        lane.next = upto;
        let shard = lane.shard;
        let position = lane.records[upto - 1];
        let processed = upto as u32;
        let sequence = self
            .streams
            .get(&source)
            .map(|s| s[shard as usize][position as usize].sequence.clone())
            .unwrap_or_default();
        let sequence = self.body(sequence);
        self.note(
            id,
            Some(parent),
            Some(request),
            RuleId::CheckpointAdvanced,
            What::CheckpointAdvanced {
                mapping: id,
                shard,
                processed,
                sequence,
            },
        );
    }

    /// After a batch, the lane takes the next half of a bisected batch, or reads on.
    pub(super) fn next_part(&mut self, m: u32, lane_index: u32, mut batch: BatchState) {
        let lane = &mut self.mappings[m as usize].lanes[lane_index as usize];
        if let Some((start, end)) = batch.pending.pop() {
            batch.start = start.max(lane.next);
            batch.end = end;
            batch.invocations = 0;
            batch.retries = 0;
            lane.batch = Some(batch);
        } else {
            lane.batch = None;
        }
        self.schedule_lane_poll(m, lane_index, self.now);
    }

    /// The event of a batch of `records` from a Kinesis stream, DynamoDB stream or Kafka topic.
    pub(super) fn stream_event(
        &self,
        source: ResourceId,
        shard: u32,
        records: &[StreamRecordData],
        f: usize,
    ) -> Value {
        let resource = self.topology.get(source);
        let arn = &resource.arn;
        let region = &self.scenario.region;
        match resource.kind {
            Kind::KinesisStream => {
                let role = format!(
                    "arn:aws:iam::{}:role/{}-role",
                    self.scenario.account,
                    self.topology.name(self.functions[f].id)
                );
                let list: Vec<Value> = records.iter().map(|r| json!({
                    "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": r.key,
                        "sequenceNumber": r.sequence,
                        "data": base64(value_text(&r.data).as_bytes()),
                        "approximateArrivalTimestamp": (self.epoch_ms + r.arrival as i64) as f64 / 1000.0,
                    },
                    "eventSource": "aws:kinesis",
                    "eventVersion": "1.0",
                    "eventID": format!("{}:{}", shard_id(shard), r.sequence),
                    "eventName": "aws:kinesis:record",
                    "invokeIdentityArn": role,
                    "awsRegion": region,
                    "eventSourceARN": arn,
                })).collect();
                json!({ "Records": list })
            }
            Kind::DynamoDbStream => {
                let list: Vec<Value> = records.iter().map(|r| json!({
                    "eventID": format!("{:032x}", stable_hash(&r.sequence)),
                    "eventName": "INSERT",
                    "eventVersion": "1.1",
                    "eventSource": "aws:dynamodb",
                    "awsRegion": region,
                    "dynamodb": {
                        "ApproximateCreationDateTime": (self.epoch_ms + r.arrival as i64) / 1000,
                        "Keys": r.data.as_object().and_then(|o| o.iter().next()).map(|(k, v)| json!({ k.clone(): v.clone() })).unwrap_or(Value::Null),
                        "NewImage": r.data,
                        "SequenceNumber": r.sequence,
                        "SizeBytes": r.data.to_string().len(),
                        "StreamViewType": "NEW_AND_OLD_IMAGES",
                    },
                    "eventSourceARN": arn,
                })).collect();
                json!({ "Records": list })
            }
            _ => {
                let k = &self.scenario.kafka_topics[resource.index];
                let list: Vec<Value> = records
                    .iter()
                    .map(|r| {
                        json!({
                            "topic": k.topic,
                            "partition": shard,
                            "offset": r.sequence.parse::<u64>().unwrap_or_default(),
                            "timestamp": self.epoch_ms + r.arrival as i64,
                            "timestampType": "CREATE_TIME",
                            "key": base64(r.key.as_bytes()),
                            "value": base64(value_text(&r.data).as_bytes()),
                            "headers": [],
                        })
                    })
                    .collect();
                let cluster_arn = arn
                    .rsplit_once('/')
                    .map(|(c, _)| c.to_string())
                    .unwrap_or_default();
                json!({
                    "eventSource": if k.cluster_kind == crate::scenario::KafkaKind::Msk { "aws:kafka" } else { "SelfManagedKafka" },
                    "eventSourceArn": cluster_arn,
                    "bootstrapServers": format!("b-1.{}.kafka.{region}.amazonaws.com:9098", k.cluster_name),
                    "records": { format!("{}-{shard}", k.topic): list },
                })
            }
        }
    }
}
