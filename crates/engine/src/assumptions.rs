//! Every choice the engine makes where AWS does not document the behaviour, or where sources
//! disagree (spec §11). They live here, in one place, so they can be changed, and the app shows
//! this list to learners as stated assumptions.

use crate::clock::{Millis, MINUTE, SECOND};

/// The `condition` string written when recursion detection stops an async event (UNVERIFIED).
pub const RECURSION_CONDITION: &str = "RecursiveInvocationException";
/// Invocations in one chain before Lambda stops the next one (spec §7: "about 16").
pub const RECURSION_LIMIT: u32 = 16;
/// A Lambda destination receives the record through an asynchronous (`Event`) invoke, as
/// LocalStack does (spec §4.6, UNVERIFIED).
pub const LAMBDA_DESTINATION_IS_ASYNC: bool = true;
/// Throttle and system-error backoff for async events: `min(2^n, 300)` seconds (LocalStack).
pub fn async_throttle_backoff(throttles: u32) -> Millis {
    (1u64 << throttles.min(9)).min(300) * SECOND
}
/// Waits before the first and second retry of a function error (documented: 1 and 2 minutes).
pub const ASYNC_RETRY_DELAYS: [Millis; 2] = [MINUTE, 2 * MINUTE];
/// Wait before a stream mapping retries a failed batch: doubling from 1 s up to 1 min
/// (undocumented).
pub fn stream_retry_delay(retry: u32) -> Millis {
    (1u64 << retry.saturating_sub(1).min(6)).min(60) * SECOND
}
/// How long a Kinesis or DynamoDB stream keeps records (24 h, the default retention).
pub const STREAM_RETENTION: Millis = 24 * 60 * MINUTE;
/// Concurrent batches an SQS mapping runs when the function has no reserved concurrency.
pub const SQS_MAPPING_CONCURRENCY: u32 = 5;
/// The S3 failure record's `payload` is an escaped JSON string, as the docs say (spec §4.4).
pub const S3_PAYLOAD_IS_STRING: bool = true;
/// The EventBridge destination's `source` is `lambda`, as recorded on AWS (spec §11.1).
pub const EVENTBRIDGE_SOURCE: &str = "lambda";
/// A record that expired before any attempt has no `responseContext` and an
/// `approximateInvokeCount` of 0 (spec §2.4, UNVERIFIED).
pub const EXPIRED_UNINVOKED_COUNT: u32 = 0;
/// An SNS message over 256 KB is a delivery failure (developer guide), not a dropped payload.
pub const SNS_OVERSIZE_IS_FAILURE: bool = true;
/// Unescaped `*` allowed in one EventBridge `wildcard` value before `PutRule` calls the rule too
/// complex (AWS's measure is not published; it refused a value with 6).
pub const MAX_WILDCARDS: usize = 5;
/// An alias without an `EventInvokeConfig` of its own uses none (AWS's defaults, no
/// destinations), not its version's (spec §2.9, UNVERIFIED).
pub const ALIAS_FALLS_BACK_TO_VERSION_CONFIG: bool = false;
/// A record of an invocation through an alias shows the alias in `requestContext.functionArn`
/// and the version that ran in `responseContext.executedVersion` (spec §4.1, UNVERIFIED).
pub const ALIAS_RECORD_SHOWS_ALIAS: bool = true;
/// An alias with routing weights decides which version runs an asynchronous event once, when
/// Lambda accepts it; its retries run the same version. A mapping through such an alias always
/// runs the alias's `FunctionVersion` (spec §2.9, UNVERIFIED).
pub const ALIAS_ROUTES_EACH_EVENT_ONCE: bool = true;

/// One stated assumption, for the app to show.
#[derive(Clone, Copy, Debug)]
pub struct Assumption {
    /// Stable id.
    pub id: &'static str,
    /// Spec section.
    pub section: &'static str,
    /// The source that leaves the point open or disagrees (the spec's source keys, §12).
    pub source: &'static str,
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

/// Every assumption, in the order the app lists them.
pub const ALL: &[Assumption] = &[
    Assumption {
        id: "recursion-condition",
        section: "§2.5, §7",
        source: "D-recursion",
        en: "When loop detection stops an asynchronous event, the record's condition is shown as RecursiveInvocationException. AWS does not document this string.",
        ko: "재귀 루프 감지로 비동기 이벤트가 중단되면 레코드의 condition을 RecursiveInvocationException으로 표시합니다. AWS는 이 문자열을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "recursion-second-stop",
        section: "§7",
        source: "D-recursion",
        en: "When the record of a stopped event comes back to the function through its own destination, Lambda stops that new loop too and drops the event without sending it to a destination again. AWS documents that this loop is stopped, not what happens to the event.",
        ko: "중단된 이벤트의 레코드가 함수 자신의 대상을 거쳐 다시 함수로 돌아오면 Lambda는 이 새 루프도 멈추고, 이벤트를 다시 대상으로 보내지 않고 버립니다. AWS는 이 루프가 멈춘다는 것만 문서화했고 이벤트가 어떻게 되는지는 밝히지 않았습니다.",
    },
    Assumption {
        id: "lambda-destination-async",
        section: "§4.6",
        source: "D-retain; LocalStack event_manager.py",
        en: "A Lambda destination is invoked asynchronously (InvocationType Event), as LocalStack does; AWS does not document the invocation type.",
        ko: "Lambda 대상은 LocalStack과 같이 비동기(InvocationType Event)로 호출됩니다. AWS는 호출 유형을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "throttle-backoff",
        section: "§2.3",
        source: "D-err; LocalStack event_manager.py",
        en: "Throttled asynchronous events are retried after 1, 2, 4, ... seconds, at most 5 minutes apart, until MaximumEventAgeInSeconds. AWS documents only the range.",
        ko: "스로틀된 비동기 이벤트는 1, 2, 4, ...초 후(최대 5분 간격) MaximumEventAgeInSeconds까지 재시도됩니다. AWS는 범위만 문서화했습니다.",
    },
    Assumption {
        id: "stream-retry-delay",
        section: "§5.2",
        source: "D-kin-fail; D-retries",
        en: "A stream mapping retries a failed batch after 1, 2, 4, ... seconds, at most 1 minute apart. AWS does not document the wait.",
        ko: "스트림 매핑은 실패한 배치를 1, 2, 4, ...초 후(최대 1분 간격) 재시도합니다. AWS는 대기 시간을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "expired-uninvoked",
        section: "§2.4",
        source: "AWS-REC test_maxeventage",
        en: "An event that expires without ever running gets approximateInvokeCount 0 and no responseContext.",
        ko: "한 번도 실행되지 않고 만료된 이벤트는 approximateInvokeCount 0이며 responseContext가 없습니다.",
    },
    Assumption {
        id: "s3-payload-string",
        section: "§4.4",
        source: "D-kin-fail; AWS-REC (§11.6)",
        en: "In a stream mapping's S3 failure record, payload is an escaped JSON string, as the documentation says.",
        ko: "스트림 매핑의 S3 실패 레코드에서 payload는 문서대로 이스케이프된 JSON 문자열입니다.",
    },
    Assumption {
        id: "sqs-mapping-concurrency",
        section: "§5.5",
        source: "D-2023 with-sqs.md",
        en: "An SQS mapping runs at most 5 batches at once (or the function's reserved concurrency, if lower).",
        ko: "SQS 매핑은 한 번에 최대 5개의 배치를 실행합니다(함수의 예약 동시성이 더 낮으면 그 값).",
    },
    Assumption {
        id: "kafka-destination-condition",
        section: "§4.5, §11",
        source: "D-kafka-dest; D-msk-fail (§11.8)",
        en: "A message sent to a Kafka topic destination (kafka://) carries the condition RetryAttemptsExhausted, as the older MSK documentation writes it; the Kafka destination example shows RetriesExhausted, probably a slip.",
        ko: "Kafka 토픽 대상(kafka://)으로 보내는 메시지의 condition은 이전 MSK 문서대로 RetryAttemptsExhausted입니다. Kafka 대상 예시는 RetriesExhausted로 표기했는데, 오기로 보입니다.",
    },
    Assumption {
        id: "kafka-destination-message",
        section: "§3.2, §4.5",
        source: "D-kafka-dest",
        en: "A Kafka topic destination receives each failed record as a JSON message whose payload is a JSON object: the Kafka event of that record alone, as the function received it. The topic must be in the scenario, in the source's cluster, to show what it receives. The kafka-cluster:WriteData permission is not checked, and the wording of the error for a destination that is one of the source topics is not documented.",
        ko: "Kafka 토픽 대상은 실패한 레코드마다 JSON 메시지 하나를 받고, 그 payload는 JSON 객체(함수가 받은 그 레코드 하나의 Kafka 이벤트)입니다. 받은 내용을 보려면 그 토픽이 소스와 같은 클러스터로 시나리오에 있어야 합니다. kafka-cluster:WriteData 권한은 검사하지 않으며, 대상이 소스 토픽 중 하나일 때의 오류 문구는 문서화되어 있지 않습니다.",
    },
    Assumption {
        id: "timeout-maximum",
        section: "§2.7",
        source: "botocore 1.44.8; D-2023 (§11.3)",
        en: "The largest function Timeout accepted is 900 seconds unless the scenario sets settings.maxFunctionTimeoutSeconds (botocore 1.44.8 allows 1800).",
        ko: "시나리오에서 settings.maxFunctionTimeoutSeconds를 설정하지 않으면 함수 Timeout 최댓값은 900초입니다(botocore 1.44.8은 1800 허용).",
    },
    Assumption {
        id: "eventbridge-source",
        section: "§4.6, §11",
        source: "AWS-REC test_invoke_lambda_eventbridge; D-retain (§11.1)",
        en: "An EventBridge destination's event has source lambda, as AWS sent it when recorded in November 2025; the current developer guide says aws.lambda.",
        ko: "EventBridge 대상으로 가는 이벤트의 source는 2025년 11월 AWS에서 기록된 대로 lambda입니다. 현재 개발자 가이드에는 aws.lambda로 나옵니다.",
    },
    Assumption {
        id: "eventbridge-detail-type-hyphen",
        section: "§4.6, §11",
        source: "AWS-REC; D-2023 (§11.2)",
        en: "The detail-type of an EventBridge destination's event is written with an ASCII hyphen (Lambda Function Invocation Result - Failure), as recorded on AWS; older documentation shows an en dash.",
        ko: "EventBridge 대상 이벤트의 detail-type은 AWS에서 기록된 대로 ASCII 하이픈으로 씁니다(Lambda Function Invocation Result - Failure). 이전 문서에는 엔 대시(–)로 나옵니다.",
    },
    Assumption {
        id: "sns-oversize",
        section: "§4.7, §11",
        source: "D-retain; botocore OnFailure (§11.5)",
        en: "A record over 256 KB sent to an SNS destination is a delivery failure (DestinationDeliveryFailures), as the developer guide warns; the API reference says Lambda drops the payload instead.",
        ko: "SNS 대상으로 보내는 256KB 초과 레코드는 개발자 가이드의 경고대로 전송 실패(DestinationDeliveryFailures)입니다. API 레퍼런스는 Lambda가 대신 페이로드를 뺀다고 설명합니다.",
    },
    Assumption {
        id: "stream-retention",
        section: "§5.2, §11",
        source: "D-kin-fail; D-ddb-fail (§11.10)",
        en: "A Kinesis or DynamoDB stream keeps records for 24 hours (the default retention): a batch still blocking its shard after that is discarded with RecordAgeExceeded. With default settings the Kinesis guide speaks of blocking for up to a week, the DynamoDB guide for up to a day.",
        ko: "Kinesis·DynamoDB 스트림은 레코드를 24시간(기본 보존 기간) 보관합니다. 그 뒤에도 샤드를 막고 있는 배치는 RecordAgeExceeded로 버려집니다. 기본 설정에서 막히는 기간을 Kinesis 가이드는 최대 일주일, DynamoDB 가이드는 최대 하루로 설명합니다.",
    },
    Assumption {
        id: "mapping-defaults",
        section: "§5.1, §11",
        source: "AWS-REC; D-2023 (§11.9)",
        en: "A stream or Kafka mapping's MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1 (no limit), as AWS answers today; the 2023 documentation's example shows 10000 and 604800.",
        ko: "스트림·Kafka 매핑의 MaximumRetryAttempts와 MaximumRecordAgeInSeconds 기본값은 지금 AWS가 응답하는 대로 -1(제한 없음)입니다. 2023년 문서 예시에는 10000과 604800으로 나옵니다.",
    },
    Assumption {
        id: "mapping-permission-message",
        section: "§8, §11",
        source: "D-kin-fail; 3P TF-code (§11.11)",
        en: "When a mapping's execution role may not write to its OnFailure destination, CreateEventSourceMapping is refused with the words Lambda uses for an asynchronous destination (The function's execution role does not have permissions to call ... on ...); AWS does not document the mapping's wording.",
        ko: "매핑의 실행 역할이 OnFailure 대상에 쓸 권한이 없으면 비동기 대상에 쓰이는 문구(The function's execution role does not have permissions to call ... on ...)로 CreateEventSourceMapping을 거부합니다. AWS는 매핑의 오류 문구를 문서화하지 않았습니다.",
    },
    Assumption {
        id: "kafka-s3-key",
        section: "§4.5, §11",
        source: "D-msk-fail (§11.11)",
        en: "A Kafka mapping's failure record sent to S3 is stored under the streams' key layout, with the partition in place of the shard (aws/lambda/<mapping UUID>/shardId-<partition>/YYYY/MM/DD/...); AWS does not document the Kafka layout.",
        ko: "Kafka 매핑이 S3로 보내는 실패 레코드는 스트림과 같은 키 구조에 샤드 대신 파티션을 넣어 저장합니다(aws/lambda/<매핑 UUID>/shardId-<파티션>/YYYY/MM/DD/...). AWS는 Kafka의 키 구조를 문서화하지 않았습니다.",
    },
    Assumption {
        id: "eventbridge-pattern-message",
        section: "§4.6",
        source: "AWS-REC LocalStack test_events_patterns.snapshot.json",
        en: "When EventBridge refuses an event pattern, AWS's message ends with where its JSON parser stopped (a line and column of the pattern as the API received it); the playground shows AWS's reason without that position.",
        ko: "EventBridge가 이벤트 패턴을 거부할 때 AWS 메시지 끝에는 JSON 파서가 멈춘 위치(API가 받은 패턴의 줄과 열)가 붙습니다. 플레이그라운드는 그 위치 없이 AWS의 사유만 보여 줍니다.",
    },
    Assumption {
        id: "eventbridge-wildcard-complexity",
        section: "§4.6",
        source: "EventBridge user guide (wildcard complexity); AWS-REC LocalStack content_wildcard_complex_EXC",
        en: "EventBridge refuses a wildcard pattern as too complex by a measure it does not publish; the playground refuses a value with more than 5 wildcard characters (AWS refused one with 6).",
        ko: "EventBridge는 공개하지 않은 기준으로 너무 복잡한 와일드카드 패턴을 거부합니다. 플레이그라운드는 와일드카드 문자가 5개를 넘는 값을 거부합니다(AWS는 6개짜리를 거부했습니다).",
    },
    Assumption {
        id: "eventbridge-numeric-range",
        section: "§4.6",
        source: "EventBridge user guide; aws/event-ruler README",
        en: "Numeric matching compares any JSON number, as aws/event-ruler (the library EventBridge matches with) does today; older EventBridge guides limited it to values between -1e9 and 1e9.",
        ko: "숫자 매칭은 EventBridge가 쓰는 라이브러리 aws/event-ruler의 현재 동작대로 모든 JSON 숫자를 비교합니다. 이전 EventBridge 가이드는 -1e9에서 1e9 사이의 값으로 제한했습니다.",
    },
    Assumption {
        id: "sqs-retention-in-flight",
        section: "§5.5",
        source: "SQS developer guide (MessageRetentionPeriod)",
        en: "A message whose MessageRetentionPeriod ends while a function is processing it is not taken away: if the batch fails, it expires when its visibility timeout ends instead of coming back. SQS publishes no metric for expired messages; the playground counts them as MessagesExpired. A run does not wait days for messages left in queues with the default 4-day retention: it ends when nothing else is left to happen.",
        ko: "함수가 처리하는 동안 MessageRetentionPeriod가 끝난 메시지는 빼앗기지 않습니다. 배치가 실패하면 다시 보이는 대신 가시성 제한 시간이 끝날 때 만료됩니다. SQS는 만료된 메시지 수를 지표로 제공하지 않으므로 플레이그라운드가 MessagesExpired로 셉니다. 실행은 기본 보존 기간(4일)인 큐에 남은 메시지를 위해 며칠을 기다리지 않고, 더 일어날 일이 없으면 끝납니다.",
    },
    Assumption {
        id: "sqs-fifo-partial-batch",
        section: "§5.3, §5.5",
        source: "Lambda developer guide, SQS error handling (partial batch responses)",
        en: "On a FIFO queue with ReportBatchItemFailures, the simulated code keeps each message group in order, as the Lambda guide asks: at a group's first failed message it stops that group and reports the message with every later message of the group in the batch, while other groups go on. The guide only says to stop at the first failure and report every failed and unprocessed message.",
        ko: "ReportBatchItemFailures를 쓰는 FIFO 큐에서 시뮬레이션 코드는 Lambda 가이드의 요청대로 메시지 그룹마다 순서를 지킵니다. 그룹에서 처음 실패한 메시지에서 그 그룹의 처리를 멈추고, 그 메시지와 배치 안의 같은 그룹 뒤쪽 메시지를 모두 보고하며, 다른 그룹은 계속 처리합니다. 가이드는 첫 실패에서 멈추고 실패했거나 처리하지 않은 메시지를 모두 보고하라고만 합니다.",
    },
    Assumption {
        id: "alias-config-fallback",
        section: "§2.9",
        source: "AWS-REC LocalStack test_lambda_eventinvokeconfig_exceptions; spec §2.9 UNVERIFIED",
        en: "An alias without an EventInvokeConfig of its own uses none: an event invoked through it gets AWS's defaults (2 retries, 6 hours) and no destinations, even when the version it points to has a config. AWS keeps a config per alias and per version but does not document which applies when the alias has none.",
        ko: "자체 EventInvokeConfig가 없는 별칭은 구성을 쓰지 않습니다. 별칭을 통해 호출된 이벤트는 별칭이 가리키는 버전에 구성이 있더라도 AWS 기본값(재시도 2회, 6시간)을 따르고 대상으로 가지 않습니다. AWS는 별칭과 버전마다 구성을 따로 두지만, 별칭에 구성이 없을 때 어느 것이 적용되는지는 문서화하지 않았습니다.",
    },
    Assumption {
        id: "alias-record-function-arn",
        section: "§4.1",
        source: "AWS-REC LocalStack test_assess_lambda_destination_invocation (unqualified invokes only); spec §4.1 UNVERIFIED",
        en: "The record of an invocation through an alias shows the alias in requestContext.functionArn (…:function:name:live) and the version that ran in responseContext.executedVersion. AWS's recordings only show invocations of $LATEST.",
        ko: "별칭을 통한 호출의 레코드는 requestContext.functionArn에 별칭을(…:function:name:live), responseContext.executedVersion에 실제로 실행된 버전을 보여 줍니다. AWS 녹화 자료에는 $LATEST 호출만 있습니다.",
    },
    Assumption {
        id: "alias-routing-per-event",
        section: "§2.9",
        source: "Lambda developer guide (alias routing configuration); no recording",
        en: "An alias with routing weights (AdditionalVersionWeights) decides, from the scenario's seed, which version runs an asynchronous event once, when Lambda accepts the event; its retries run the same version. An event source mapping through such an alias always runs the alias's FunctionVersion.",
        ko: "가중치 라우팅(AdditionalVersionWeights)이 있는 별칭은 Lambda가 비동기 이벤트를 받을 때 시나리오의 시드로 실행할 버전을 한 번 정하고, 재시도도 같은 버전으로 실행합니다. 이런 별칭을 쓰는 이벤트 소스 매핑은 항상 별칭의 FunctionVersion을 실행합니다.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_assumption_names_its_spec_section_and_the_source_that_leaves_it_open() {
        let ids: HashSet<&str> = ALL.iter().map(|a| a.id).collect();
        assert_eq!(ids.len(), ALL.len(), "ids are unique");
        for a in ALL {
            assert!(a.section.starts_with('§'), "{}: {}", a.id, a.section);
            assert!(!a.source.trim().is_empty(), "{} names no source", a.id);
            assert!(
                !a.en.is_empty() && !a.ko.is_empty(),
                "{} in both languages",
                a.id
            );
        }
    }
}
