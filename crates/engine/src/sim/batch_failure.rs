//! A mapping's discarded batch (spec §5.2, §4.5): its failure record, sent to the mapping's
//! OnFailure destination (one message per record to a Kafka topic).

use super::*;

/// What a discarded batch was, for its failure records.
#[derive(Clone, Copy, Debug)]
pub(super) struct FailedBatch {
    pub(super) f: usize,
    pub(super) shard: u32,
    pub(super) condition: Condition,
    pub(super) error: BatchError,
    pub(super) invocations: u32,
}

impl<'a> Simulation<'a> {
    /// A mapping's failed batch goes to its OnFailure destination (spec §5.2).
    ///
    /// Rules, in order: `MappingOnFailure`.
    pub(super) fn mapping_destination_chosen(
        &mut self,
        mapping: ResourceId,
        target: ResourceId,
        condition: Condition,
        discarded: EventIndex,
        request: RequestIndex,
    ) -> EventIndex {
        self.note(
            mapping,
            Some(discarded),
            Some(request),
            RuleId::MappingOnFailure,
            What::DestinationChosen {
                target,
                via: Via::MappingOnFailure,
                condition,
            },
        )
    }

    /// A lane gives up on `batch` (`condition`: its records are too old, or its retries are
    /// used): its failure record goes to the mapping's OnFailure destination, if any, and the
    /// checkpoint moves past it.
    ///
    /// Rules, in order: `RecordAgeExceeded` or `MappingRetryExhausted`, `MappingOnFailure`,
    /// `MappingDiscarded`, `CheckpointAdvanced`.
    pub(super) fn discard_batch(
        &mut self,
        m: u32,
        lane_index: u32,
        batch: BatchState,
        condition: Condition,
        parent: Option<EventIndex>,
        request: Option<RequestIndex>,
    ) {
        let mapping = self.mappings[m as usize].clone();
        let lane = &mapping.lanes[lane_index as usize];
        let shard = lane.shard;
        let source = mapping.source.unwrap_or_default();
        let size = (batch.end - batch.start) as u32;
        let discarded = self.note(
            mapping.id,
            parent,
            request,
            if condition == Condition::RecordAgeExceeded {
                RuleId::RecordAgeExceeded
            } else {
                RuleId::MappingRetryExhausted
            },
            What::BatchDiscarded {
                mapping: mapping.id,
                shard,
                size,
                condition,
                invocations: batch.invocations,
            },
        );
        let request = match request {
            Some(r) => r,
            None => {
                let r = self.new_request(mapping.id, discarded);
                self.trace.events[discarded as usize].request = Some(r);
                r
            }
        };
        if let (Some(target), Some(f)) = (mapping.on_failure, mapping.function) {
            let records: Vec<StreamRecordData> = self
                .streams
                .get(&source)
                .map(|s| {
                    (batch.start..batch.end)
                        .map(|i| s[shard as usize][lane.records[i] as usize].clone())
                        .collect()
                })
                .unwrap_or_default();
            let error = if condition == Condition::RecordAgeExceeded {
                BatchError::None
            } else {
                batch.last_error
            };
            let failed = FailedBatch {
                f,
                shard,
                condition,
                error,
                invocations: batch.invocations,
            };
            if self.topology.get(target).kind == Kind::KafkaTopic {
                self.produce_failed_records(&mapping, target, failed, &records, discarded, request);
                self.checkpoint(m, lane_index, batch.end, discarded, request);
                self.mappings[m as usize].lanes[lane_index as usize].busy = false;
                return self.next_part(m, lane_index, batch);
            }
            let to_s3 = self.topology.get(target).kind == Kind::Bucket;
            let payload = to_s3.then(|| self.stream_event(source, shard, &records, f));
            let text = self.failure_record(&mapping, failed, &records, payload.as_ref());
            let chosen =
                self.mapping_destination_chosen(mapping.id, target, condition, discarded, request);
            let attributes = to_s3.then(|| {
                let (day, time) = clock::s3_key_parts(self.epoch_ms + self.now as i64);
                let uuid = self.topology.name(mapping.id).to_string();
                let key = format!(
                    "aws/lambda/{uuid}/{}/{day}/{time}-{}",
                    shard_id(shard),
                    self.rng.uuid()
                );
                json!({ "Bucket": self.topology.name(target), "Key": key }).to_string()
            });
            let lineage = records.iter().map(|r| r.lineage).max().unwrap_or(0) + 1;
            self.deliver(
                Some(f),
                target,
                Via::MappingOnFailure,
                Parcel::new(text, attributes),
                Cause::new(chosen, request, lineage),
            );
        } else {
            self.note(
                mapping.id,
                Some(discarded),
                Some(request),
                RuleId::MappingDiscarded,
                What::NoDestination {
                    reason: NoDestinationReason::NotConfigured,
                },
            );
        }
        self.checkpoint(m, lane_index, batch.end, discarded, request);
        self.mappings[m as usize].lanes[lane_index as usize].busy = false;
        self.next_part(m, lane_index, batch);
    }

    /// A Kafka topic destination gets one message per failed record, keyed by the record's key
    /// (spec §4.5, "Kafka topic destination").
    ///
    /// Rules, in order: `MappingOnFailure`.
    pub(super) fn produce_failed_records(
        &mut self,
        mapping: &MappingState,
        target: ResourceId,
        failed: FailedBatch,
        records: &[StreamRecordData],
        discarded: EventIndex,
        request: RequestIndex,
    ) {
        let chosen = self.mapping_destination_chosen(
            mapping.id,
            target,
            failed.condition,
            discarded,
            request,
        );
        let source = mapping.source.unwrap_or_default();
        let source_arn = self.topology.get(source).arn.clone();
        let cluster_arn = source_arn
            .rsplit_once('/')
            .map(|(c, _)| c.to_string())
            .unwrap_or(source_arn.clone());
        let k = &self.scenario.kafka_topics[self.topology.get(source).index];
        let servers = format!(
            "b-1.{0}.kafka.{1}.amazonaws.com:9098,b-2.{0}.kafka.{1}.amazonaws.com:9098",
            k.cluster_name, self.scenario.region
        );
        let function_arn = mapping
            .qualified_arn
            .clone()
            .unwrap_or_else(|| self.function_arn(failed.f));
        let executed_version = self.version_name(failed.f, mapping.runs);
        // The request id of the failed invocation, the same in every message of the batch.
        let request_id = self.rng.clone().uuid();
        let timestamp = self.timestamp();
        for r in records {
            let context = RequestContext {
                request_id: &request_id,
                function_arn: &function_arn,
                condition: failed.condition.as_str(),
                approximate_invoke_count: failed.invocations.max(1),
                executed_version,
            };
            let produced = clock::iso8601_millis(self.epoch_ms + r.arrival as i64);
            let event = self.stream_event(source, failed.shard, std::slice::from_ref(r), failed.f);
            let text = record::kafka_topic_message(
                &timestamp,
                context,
                failed.error,
                &cluster_arn,
                &servers,
                r.data.to_string().len(),
                record::KafkaRecordInfo {
                    offset: &r.sequence,
                    timestamp: &produced,
                },
                &event,
            );
            let attributes = (!r.key.is_empty()).then(|| json!({ "Key": r.key }).to_string());
            self.deliver(
                Some(failed.f),
                target,
                Via::MappingOnFailure,
                Parcel::new(text, attributes),
                Cause::new(chosen, request, r.lineage + 1),
            );
        }
    }

    /// The JSON of a discarded batch's failure record for a stream, DynamoDB or Kafka source
    /// (spec §4.4), with `payload` (the batch's event) for an S3 destination.
    pub(super) fn failure_record(
        &self,
        mapping: &MappingState,
        failed: FailedBatch,
        records: &[StreamRecordData],
        payload: Option<&Value>,
    ) -> String {
        let FailedBatch {
            f,
            shard,
            condition,
            error,
            invocations,
        } = failed;
        let source = mapping.source.unwrap_or_default();
        let source_arn = self.topology.get(source).arn.clone();
        let function_arn = mapping
            .qualified_arn
            .clone()
            .unwrap_or_else(|| self.function_arn(f));
        let executed_version = self.version_name(f, mapping.runs);
        let mut rng = self.rng.clone();
        let request_id = rng.uuid();
        let context = RequestContext {
            request_id: &request_id,
            function_arn: &function_arn,
            condition: condition.as_str(),
            approximate_invoke_count: invocations.max(1),
            executed_version,
        };
        let timestamp = self.timestamp();
        let first = records.first();
        let last = records.last();
        if mapping.source_kind == Kind::KafkaTopic {
            let k = &self.scenario.kafka_topics[self.topology.get(source).index];
            let servers = format!(
                "b-1.{0}.kafka.{1}.amazonaws.com:9098,b-2.{0}.kafka.{1}.amazonaws.com:9098",
                k.cluster_name, self.scenario.region
            );
            let info = json!({ format!("{}-{shard}", k.topic): {
                "firstRecordOffset": first.map(|r| r.sequence.clone()),
                "lastRecordOffset": last.map(|r| r.sequence.clone()),
                "firstRecordTimestamp": first.map(|r| clock::iso8601_millis(self.epoch_ms + r.arrival as i64)),
                "lastRecordTimestamp": last.map(|r| clock::iso8601_millis(self.epoch_ms + r.arrival as i64)),
            }});
            let cluster_arn = source_arn
                .rsplit_once('/')
                .map(|(c, _)| c.to_string())
                .unwrap_or(source_arn.clone());
            let size: usize = records.iter().map(|r| r.data.to_string().len()).sum();
            return record::kafka_failure_record(
                &timestamp,
                context,
                error,
                records.len() as u32,
                &cluster_arn,
                &servers,
                size,
                info,
                payload,
            );
        }
        let dynamodb = mapping.source_kind == Kind::DynamoDbStream;
        let arrival = |r: Option<&StreamRecordData>| {
            let ms = self.epoch_ms + r.map(|r| r.arrival).unwrap_or_default() as i64;
            if dynamodb {
                clock::iso8601_seconds(ms)
            } else {
                clock::iso8601_millis(ms)
            }
        };
        let (first_arrival, last_arrival) = (arrival(first), arrival(last));
        let shard_name = shard_id(shard);
        let info = StreamBatchInfo {
            shard_id: &shard_name,
            start_sequence_number: first.map(|r| r.sequence.as_str()).unwrap_or_default(),
            end_sequence_number: last.map(|r| r.sequence.as_str()).unwrap_or_default(),
            approximate_arrival_of_first_record: &first_arrival,
            approximate_arrival_of_last_record: &last_arrival,
            batch_size: records.len() as u32,
            stream_arn: &source_arn,
        };
        record::stream_failure_record(&timestamp, context, error, info, dynamodb, payload)
    }
}
