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

/// One stated assumption, for the app to show.
#[derive(Clone, Copy, Debug)]
pub struct Assumption {
    /// Stable id.
    pub id: &'static str,
    /// Spec section.
    pub section: &'static str,
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
        en: "When loop detection stops an asynchronous event, the record's condition is shown as RecursiveInvocationException. AWS does not document this string.",
        ko: "재귀 루프 감지로 비동기 이벤트가 중단되면 레코드의 condition을 RecursiveInvocationException으로 표시합니다. AWS는 이 문자열을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "recursion-second-stop",
        section: "§7",
        en: "When the record of a stopped event comes back to the function through its own destination, Lambda stops that new loop too and drops the event without sending it to a destination again. AWS documents that this loop is stopped, not what happens to the event.",
        ko: "중단된 이벤트의 레코드가 함수 자신의 대상을 거쳐 다시 함수로 돌아오면 Lambda는 이 새 루프도 멈추고, 이벤트를 다시 대상으로 보내지 않고 버립니다. AWS는 이 루프가 멈춘다는 것만 문서화했고 이벤트가 어떻게 되는지는 밝히지 않았습니다.",
    },
    Assumption {
        id: "lambda-destination-async",
        section: "§4.6",
        en: "A Lambda destination is invoked asynchronously (InvocationType Event), as LocalStack does; AWS does not document the invocation type.",
        ko: "Lambda 대상은 LocalStack과 같이 비동기(InvocationType Event)로 호출됩니다. AWS는 호출 유형을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "throttle-backoff",
        section: "§2.3",
        en: "Throttled asynchronous events are retried after 1, 2, 4, ... seconds, at most 5 minutes apart, until MaximumEventAgeInSeconds. AWS documents only the range.",
        ko: "스로틀된 비동기 이벤트는 1, 2, 4, ...초 후(최대 5분 간격) MaximumEventAgeInSeconds까지 재시도됩니다. AWS는 범위만 문서화했습니다.",
    },
    Assumption {
        id: "stream-retry-delay",
        section: "§5.2",
        en: "A stream mapping retries a failed batch after 1, 2, 4, ... seconds, at most 1 minute apart. AWS does not document the wait.",
        ko: "스트림 매핑은 실패한 배치를 1, 2, 4, ...초 후(최대 1분 간격) 재시도합니다. AWS는 대기 시간을 문서화하지 않았습니다.",
    },
    Assumption {
        id: "expired-uninvoked",
        section: "§2.4",
        en: "An event that expires without ever running gets approximateInvokeCount 0 and no responseContext.",
        ko: "한 번도 실행되지 않고 만료된 이벤트는 approximateInvokeCount 0이며 responseContext가 없습니다.",
    },
    Assumption {
        id: "s3-payload-string",
        section: "§4.4",
        en: "In a stream mapping's S3 failure record, payload is an escaped JSON string, as the documentation says.",
        ko: "스트림 매핑의 S3 실패 레코드에서 payload는 문서대로 이스케이프된 JSON 문자열입니다.",
    },
    Assumption {
        id: "sqs-mapping-concurrency",
        section: "§5.5",
        en: "An SQS mapping runs at most 5 batches at once (or the function's reserved concurrency, if lower).",
        ko: "SQS 매핑은 한 번에 최대 5개의 배치를 실행합니다(함수의 예약 동시성이 더 낮으면 그 값).",
    },
    Assumption {
        id: "kafka-destination-condition",
        section: "§4.5, §11",
        en: "A message sent to a Kafka topic destination (kafka://) carries the condition RetryAttemptsExhausted, as the older MSK documentation writes it; the Kafka destination example shows RetriesExhausted, probably a slip.",
        ko: "Kafka 토픽 대상(kafka://)으로 보내는 메시지의 condition은 이전 MSK 문서대로 RetryAttemptsExhausted입니다. Kafka 대상 예시는 RetriesExhausted로 표기했는데, 오기로 보입니다.",
    },
    Assumption {
        id: "kafka-destination-message",
        section: "§3.2, §4.5",
        en: "A Kafka topic destination receives each failed record as a JSON message whose payload is a JSON object: the Kafka event of that record alone, as the function received it. The topic must be in the scenario, in the source's cluster, to show what it receives. The kafka-cluster:WriteData permission is not checked, and the wording of the error for a destination that is one of the source topics is not documented.",
        ko: "Kafka 토픽 대상은 실패한 레코드마다 JSON 메시지 하나를 받고, 그 payload는 JSON 객체(함수가 받은 그 레코드 하나의 Kafka 이벤트)입니다. 받은 내용을 보려면 그 토픽이 소스와 같은 클러스터로 시나리오에 있어야 합니다. kafka-cluster:WriteData 권한은 검사하지 않으며, 대상이 소스 토픽 중 하나일 때의 오류 문구는 문서화되어 있지 않습니다.",
    },
    Assumption {
        id: "timeout-maximum",
        section: "§2.7",
        en: "The largest function Timeout accepted is 900 seconds unless the scenario sets settings.maxFunctionTimeoutSeconds (botocore 1.44.8 allows 1800).",
        ko: "시나리오에서 settings.maxFunctionTimeoutSeconds를 설정하지 않으면 함수 Timeout 최댓값은 900초입니다(botocore 1.44.8은 1800 허용).",
    },
];
