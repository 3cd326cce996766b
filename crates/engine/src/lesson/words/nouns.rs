//! The nouns of goals: event kinds, resources and targets, link kinds, values and fields.

use crate::diagram::LinkKind;
use crate::lang::Lang;
use crate::lesson::goal::{Ref, Target};
use crate::lesson::read::{self, error, R};
use crate::narrate::kind_name;
use crate::topology::Kind;
use crate::trace::Via;
use serde_json::Value;

/// Every trace event kind a goal can count: the serialized name, the English noun (one, many)
/// and the Korean noun.
const EVENT_KINDS: &[(&str, &str, &str, &str)] = &[
    ("invokeCalled", "Invoke call", "Invoke calls", "Invoke 호출"),
    (
        "asyncAccepted",
        "event queued for an async invocation",
        "events queued for an async invocation",
        "비동기 호출 대기열에 들어간 이벤트",
    ),
    (
        "invokeRefused",
        "refused Invoke call",
        "refused Invoke calls",
        "거부된 Invoke 호출",
    ),
    (
        "dryRunChecked",
        "DryRun check",
        "DryRun checks",
        "DryRun 확인",
    ),
    (
        "syncResponse",
        "synchronous response",
        "synchronous responses",
        "동기 응답",
    ),
    (
        "noDestination",
        "result without a destination",
        "results without a destination",
        "대상으로 가지 않은 결과",
    ),
    ("attemptStarted", "attempt", "attempts", "실행 시도"),
    (
        "attemptSucceeded",
        "successful attempt",
        "successful attempts",
        "성공한 시도",
    ),
    (
        "attemptFailed",
        "failed attempt",
        "failed attempts",
        "실패한 시도",
    ),
    (
        "throttled",
        "throttled invocation",
        "throttled invocations",
        "스로틀된 호출",
    ),
    ("retryScheduled", "retry", "retries", "예약된 재시도"),
    (
        "eventAgeExceeded",
        "event too old to run",
        "events too old to run",
        "최대 이벤트 수명을 넘긴 이벤트",
    ),
    (
        "retriesExhausted",
        "event out of retries",
        "events out of retries",
        "재시도를 모두 쓴 이벤트",
    ),
    (
        "zeroReservedConcurrency",
        "event refused for zero reserved concurrency",
        "events refused for zero reserved concurrency",
        "예약된 동시성 0으로 거부된 이벤트",
    ),
    (
        "recursionStopped",
        "stopped recursive loop",
        "stopped recursive loops",
        "중단된 재귀 루프",
    ),
    (
        "destinationChosen",
        "record sent to a destination",
        "records sent to a destination",
        "대상으로 보낸 레코드",
    ),
    ("delivered", "delivery", "deliveries", "전달"),
    (
        "deliveryFailed",
        "failed delivery",
        "failed deliveries",
        "실패한 전달",
    ),
    (
        "asyncDropped",
        "discarded event",
        "discarded events",
        "버려진 이벤트",
    ),
    (
        "asyncCompleted",
        "completed async event",
        "completed async events",
        "완료된 비동기 이벤트",
    ),
    ("emailSent", "email sent", "emails sent", "이메일 발송"),
    (
        "recordPut",
        "record put on a stream",
        "records put on a stream",
        "스트림에 들어간 레코드",
    ),
    (
        "batchInvoked",
        "batch invocation",
        "batch invocations",
        "배치 호출",
    ),
    (
        "shardBlocked",
        "blocked shard wait",
        "blocked shard waits",
        "샤드 차단",
    ),
    (
        "batchBisected",
        "batch split in two",
        "batches split in two",
        "둘로 나뉜 배치",
    ),
    (
        "partialBatchFailure",
        "partial batch failure report",
        "partial batch failure reports",
        "부분 배치 실패 보고",
    ),
    (
        "partialBatchInvalid",
        "invalid partial batch response",
        "invalid partial batch responses",
        "잘못된 부분 배치 응답",
    ),
    (
        "checkpointAdvanced",
        "checkpoint",
        "checkpoints",
        "체크포인트",
    ),
    (
        "batchDiscarded",
        "discarded batch",
        "discarded batches",
        "버려진 배치",
    ),
    (
        "messageSent",
        "message sent",
        "messages sent",
        "보낸 메시지",
    ),
    (
        "messagesReceived",
        "receive of messages",
        "receives of messages",
        "메시지 수신",
    ),
    (
        "messagesDeleted",
        "deletion of messages",
        "deletions of messages",
        "메시지 삭제",
    ),
    (
        "messagesVisible",
        "return of messages to the queue",
        "returns of messages to the queue",
        "큐로 돌아온 메시지",
    ),
    (
        "messageRedriven",
        "message moved to a dead-letter queue",
        "messages moved to a dead-letter queue",
        "데드 레터 큐로 옮겨진 메시지",
    ),
    (
        "messagesExpired",
        "expiry of messages",
        "expiries of messages",
        "보존 기간이 지난 메시지",
    ),
    (
        "objectCreated",
        "object stored",
        "objects stored",
        "저장된 객체",
    ),
    (
        "busEventPut",
        "event put on a bus",
        "events put on a bus",
        "버스에 들어간 이벤트",
    ),
    ("faultApplied", "fault", "faults", "장애 주입"),
    (
        "runCapped",
        "stop at the event cap",
        "stops at the event cap",
        "이벤트 상한에서 멈춘 실행",
    ),
];

/// Reads an event kind name, refusing one the trace never writes.
pub(in crate::lesson) fn event_kind(value: &Value, path: &str) -> R<&'static str> {
    let text = read::string(value, path)?;
    EVENT_KINDS
        .iter()
        .find(|row| row.0 == text)
        .map(|row| row.0)
        .ok_or_else(|| {
            error(
                path,
                format!("unknown event kind `{text}`; the trace writes kinds such as `delivered`, `retryScheduled`, `destinationChosen`"),
            )
        })
}

/// The noun for an event kind: English singular or plural, or Korean.
pub(super) fn noun(kind: &str, lang: Lang, many: bool) -> &'static str {
    let row = EVENT_KINDS.iter().find(|row| row.0 == kind);
    match (row, lang, many) {
        (Some(row), Lang::En, false) => row.1,
        (Some(row), Lang::En, true) => row.2,
        (Some(row), Lang::Ko, _) => row.3,
        (None, _, _) => "",
    }
}

/// "the queue image-failures" / "큐 image-failures".
pub(in crate::lesson) fn resource(r: &Ref, lang: Lang) -> String {
    if r.kind == Kind::EventSourceMapping {
        return match lang {
            Lang::En => format!("the event source mapping of {}", r.name),
            Lang::Ko => format!("{}의 이벤트 소스 매핑", r.name),
        };
    }
    match lang {
        Lang::En => format!("the {} {}", kind_name(r.kind, lang), r.name),
        Lang::Ko => format!("{} {}", kind_name(r.kind, lang), r.name),
    }
}

/// "the queue image-failures" / "큐 image-failures": a resource of the diagram by its name.
pub(in crate::lesson) fn named(kind: Kind, name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("the {} {name}", kind_name(kind, lang)),
        Lang::Ko => format!("{} {name}", kind_name(kind, lang)),
    }
}

/// "a queue", "an event bus" / "큐".
fn any_of_kind(kind: Kind, lang: Lang) -> String {
    let name = kind_name(kind, lang);
    match lang {
        Lang::En if name.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {name}"),
        Lang::En => format!("a {name}"),
        Lang::Ko => name.to_string(),
    }
}

/// "functions", "event buses".
pub(super) fn plural(kind: Kind) -> String {
    let name = kind_name(kind, Lang::En);
    if name.ends_with('s') {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

pub(in crate::lesson) fn target(t: &Target, lang: Lang) -> String {
    match t {
        Target::Resource(r) => resource(r, lang),
        Target::Kind(k) => any_of_kind(*k, lang),
    }
}

/// What a link of this kind is called: "OnFailure destination" / "OnFailure 대상".
pub(in crate::lesson) fn link_label(kind: LinkKind, lang: Lang, many: bool) -> &'static str {
    match (kind, lang, many) {
        (LinkKind::SyncTrigger, Lang::En, false) => "synchronous trigger",
        (LinkKind::SyncTrigger, Lang::En, true) => "synchronous triggers",
        (LinkKind::SyncTrigger, Lang::Ko, _) => "동기 호출",
        (LinkKind::AsyncTrigger, Lang::En, false) => "asynchronous trigger",
        (LinkKind::AsyncTrigger, Lang::En, true) => "asynchronous triggers",
        (LinkKind::AsyncTrigger, Lang::Ko, _) => "비동기 호출",
        (LinkKind::Mapping, Lang::En, false) => "event source mapping",
        (LinkKind::Mapping, Lang::En, true) => "event source mappings",
        (LinkKind::Mapping, Lang::Ko, _) => "이벤트 소스 매핑",
        (LinkKind::OnSuccess, Lang::En, false) => "OnSuccess destination",
        (LinkKind::OnSuccess, Lang::En, true) => "OnSuccess destinations",
        (LinkKind::OnSuccess, Lang::Ko, _) => "OnSuccess 대상",
        (LinkKind::OnFailure, Lang::En, false) => "OnFailure destination",
        (LinkKind::OnFailure, Lang::En, true) => "OnFailure destinations",
        (LinkKind::OnFailure, Lang::Ko, _) => "OnFailure 대상",
        (LinkKind::MappingOnFailure, Lang::En, false) => "mapping OnFailure destination",
        (LinkKind::MappingOnFailure, Lang::En, true) => "mapping OnFailure destinations",
        (LinkKind::MappingOnFailure, Lang::Ko, _) => "매핑의 OnFailure 대상",
        (LinkKind::DeadLetterQueue, Lang::En, false) => "dead-letter queue",
        (LinkKind::DeadLetterQueue, Lang::En, true) => "dead-letter queues",
        (LinkKind::DeadLetterQueue, Lang::Ko, _) => "데드 레터 큐(DLQ)",
        (LinkKind::Subscription, Lang::En, false) => "subscription",
        (LinkKind::Subscription, Lang::En, true) => "subscriptions",
        (LinkKind::Subscription, Lang::Ko, _) => "구독",
        (LinkKind::RuleTarget, Lang::En, false) => "rule target",
        (LinkKind::RuleTarget, Lang::En, true) => "rule targets",
        (LinkKind::RuleTarget, Lang::Ko, _) => "규칙 대상",
        (LinkKind::Redrive, Lang::En, false) => "redrive policy",
        (LinkKind::Redrive, Lang::En, true) => "redrive policies",
        (LinkKind::Redrive, Lang::Ko, _) => "리드라이브 정책",
    }
}

/// "through the dead-letter queue" / "데드 레터 큐(DLQ)".
pub(super) fn via(v: Via, lang: Lang) -> &'static str {
    match (v, lang) {
        (Via::OnSuccess, Lang::En) => "through OnSuccess",
        (Via::OnSuccess, Lang::Ko) => "OnSuccess",
        (Via::OnFailure, Lang::En) => "through OnFailure",
        (Via::OnFailure, Lang::Ko) => "OnFailure",
        (Via::DeadLetterQueue, Lang::En) => "through the dead-letter queue",
        (Via::DeadLetterQueue, Lang::Ko) => "데드 레터 큐(DLQ)",
        (Via::MappingOnFailure, Lang::En) => "through the mapping's OnFailure destination",
        (Via::MappingOnFailure, Lang::Ko) => "매핑의 OnFailure 대상",
        (Via::Subscription, Lang::En) => "through a subscription",
        (Via::Subscription, Lang::Ko) => "구독",
        (Via::RuleTarget, Lang::En) => "through a rule",
        (Via::RuleTarget, Lang::Ko) => "규칙",
        (Via::Notification, Lang::En) => "through an S3 event notification",
        (Via::Notification, Lang::Ko) => "S3 이벤트 알림",
        (Via::Redrive, Lang::En) => "through the redrive policy",
        (Via::Redrive, Lang::Ko) => "리드라이브 정책",
        (Via::Input, Lang::En) => "sent by an input",
        (Via::Input, Lang::Ko) => "입력",
    }
}

/// A value as a sentence shows it: strings without quotes, anything else as JSON.
pub(in crate::lesson) fn value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The last part of a JSON pointer: `/EventInvokeConfig/MaximumRetryAttempts` → the field name.
pub(in crate::lesson) fn field_name(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

/// A JSON pointer as a dotted path: `/requestContext/condition` → `requestContext.condition`.
pub(super) fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}
