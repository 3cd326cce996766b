//! The sentences of goals, in English and Korean. The checklist a learner sees is made of these
//! sentences alone, so what is shown is what is checked.

use super::goal::{Goal, Match, Range, Ref, Target, ValueTest};
use super::read::{self, error, R};
use crate::diagram::LinkKind;
use crate::korean::{attach, Particle};
use crate::lang::Lang;
use crate::narrate::{duration, kind_name};
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
pub(super) fn event_kind(value: &Value, path: &str) -> R<&'static str> {
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
fn noun(kind: &str, lang: Lang, many: bool) -> &'static str {
    let row = EVENT_KINDS.iter().find(|row| row.0 == kind);
    match (row, lang, many) {
        (Some(row), Lang::En, false) => row.1,
        (Some(row), Lang::En, true) => row.2,
        (Some(row), Lang::Ko, _) => row.3,
        (None, _, _) => "",
    }
}

/// "the queue image-failures" / "큐 image-failures".
pub(super) fn resource(r: &Ref, lang: Lang) -> String {
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
pub(super) fn named(kind: Kind, name: &str, lang: Lang) -> String {
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
fn plural(kind: Kind) -> String {
    let name = kind_name(kind, Lang::En);
    if name.ends_with('s') {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

pub(super) fn target(t: &Target, lang: Lang) -> String {
    match t {
        Target::Resource(r) => resource(r, lang),
        Target::Kind(k) => any_of_kind(*k, lang),
    }
}

/// What a link of this kind is called: "OnFailure destination" / "OnFailure 대상".
pub(super) fn link_label(kind: LinkKind, lang: Lang, many: bool) -> &'static str {
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
fn via(v: Via, lang: Lang) -> &'static str {
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
pub(super) fn value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The last part of a JSON pointer: `/EventInvokeConfig/MaximumRetryAttempts` → the field name.
pub(super) fn field_name(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

/// A JSON pointer as a dotted path: `/requestContext/condition` → `requestContext.condition`.
fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}

/// The sentence of a goal.
pub fn sentence(goal: &Goal, lang: Lang) -> String {
    let en = lang == Lang::En;
    match goal {
        Goal::All(goals) => join(goals, lang, if en { "; and " } else { "; 그리고 " }),
        Goal::Any(goals) => {
            let list = join(goals, lang, if en { "; or " } else { "; 또는 " });
            if en {
                format!("One of these: {list}")
            } else {
                format!("다음 중 하나: {list}")
            }
        }
        Goal::Not(goal) => {
            let inner = sentence(goal, lang);
            if en {
                format!("Not so: {inner}")
            } else {
                format!("다음이 아니어야 합니다: {inner}")
            }
        }
        Goal::Link { from, kind, to } => link(&from.name, *kind, &target(to, lang), lang),
        Goal::Setting { of, field, test } => setting(of, field, test, lang),
        Goal::Resources { kind, count } => {
            if en {
                let n = count_words(*count, lang, "");
                let noun = if singular(*count) {
                    kind_name(*kind, lang).to_string()
                } else {
                    plural(*kind)
                };
                format!("The diagram has {n} {noun}")
            } else {
                has_ko(kind_name(*kind, lang), *count)
            }
        }
        Goal::Links { kind, count } => {
            if en {
                format!(
                    "The diagram has {} {}",
                    count_words(*count, lang, ""),
                    link_label(*kind, lang, !singular(*count))
                )
            } else {
                has_ko(link_label(*kind, lang, false), *count)
            }
        }
        Goal::Events { matching, count } => events(matching, *count, lang),
        Goal::Before { first, then } => {
            if en {
                format!(
                    "{} happens before {}",
                    capitalised(&described(first, lang)),
                    described(then, lang)
                )
            } else {
                format!(
                    "{} {}보다 먼저 일어납니다",
                    attach(&described(first, lang), Particle::Subject),
                    described(then, lang)
                )
            }
        }
    }
}

/// Whether an English count takes the singular: "at least 1 function", "at most 1 function",
/// "exactly 1 function", but "no functions" and "at least 2 functions".
fn singular(count: Range) -> bool {
    count.max != Some(0) && (count.max == Some(1) || (count.min == Some(1) && count.max.is_none()))
}

/// "다이어그램에 함수가 2개 이상 있습니다", or "다이어그램에 함수가 없습니다" for none.
fn has_ko(noun: &str, count: Range) -> String {
    let subject = attach(noun, Particle::Subject);
    if count.max == Some(0) {
        format!("다이어그램에 {subject} 없습니다")
    } else {
        format!(
            "다이어그램에 {subject} {} 있습니다",
            count_words(count, Lang::Ko, "개")
        )
    }
}

/// The goals' sentences joined; in English each after the first goes on in lower case ("…; and
/// at least 1 …").
fn join(goals: &[Goal], lang: Lang, separator: &str) -> String {
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let text = sentence(g, lang);
            if i == 0 || lang == Lang::Ko {
                return text;
            }
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentence of a link from `from` to `to` (already a phrase).
pub(super) fn link(from: &str, kind: LinkKind, to: &str, lang: Lang) -> String {
    use Particle::{Object, Subject, Toward};
    match (kind, lang) {
        (LinkKind::OnSuccess, Lang::En) => {
            format!("{from} sends successful results (OnSuccess) to {to}")
        }
        (LinkKind::OnSuccess, Lang::Ko) => format!(
            "{from}의 성공 결과(OnSuccess)가 {} 갑니다",
            attach(to, Toward)
        ),
        (LinkKind::OnFailure, Lang::En) => {
            format!("{from} sends failed events (OnFailure) to {to}")
        }
        (LinkKind::OnFailure, Lang::Ko) => format!(
            "{from}의 실패한 이벤트(OnFailure)가 {} 갑니다",
            attach(to, Toward)
        ),
        (LinkKind::DeadLetterQueue, Lang::En) => {
            format!("{from} has {to} as its dead-letter queue")
        }
        (LinkKind::DeadLetterQueue, Lang::Ko) => format!(
            "{from}의 {} {to}입니다",
            attach("데드 레터 큐(DLQ)", Particle::Topic)
        ),
        (LinkKind::MappingOnFailure, Lang::En) => format!(
            "The event source mapping of {from} sends discarded batches (OnFailure) to {to}"
        ),
        (LinkKind::MappingOnFailure, Lang::Ko) => format!(
            "{from}의 이벤트 소스 매핑이 버린 배치를 {} 보냅니다(OnFailure)",
            attach(to, Toward)
        ),
        (LinkKind::AsyncTrigger, Lang::En) => format!("{from} invokes {to} asynchronously"),
        (LinkKind::AsyncTrigger, Lang::Ko) => format!(
            "{} {} 비동기로 호출합니다",
            attach(from, Subject),
            attach(to, Object)
        ),
        (LinkKind::SyncTrigger, Lang::En) => format!("{from} invokes {to} synchronously"),
        (LinkKind::SyncTrigger, Lang::Ko) => format!(
            "{} {} 동기로 호출합니다",
            attach(from, Subject),
            attach(to, Object)
        ),
        (LinkKind::Mapping, Lang::En) => {
            format!("An event source mapping reads {from} and invokes {to}")
        }
        (LinkKind::Mapping, Lang::Ko) => format!(
            "이벤트 소스 매핑이 {from}에서 읽어 {} 호출합니다",
            attach(to, Object)
        ),
        (LinkKind::Subscription, Lang::En) => {
            format!("{} is subscribed to {from}", capitalised(to))
        }
        (LinkKind::Subscription, Lang::Ko) => format!(
            "{} {} 구독합니다",
            attach(to, Subject),
            attach(from, Object)
        ),
        (LinkKind::RuleTarget, Lang::En) => {
            format!("A rule on {from} sends matching events to {to}")
        }
        (LinkKind::RuleTarget, Lang::Ko) => format!(
            "{from}의 규칙이 일치하는 이벤트를 {} 보냅니다",
            attach(to, Toward)
        ),
        (LinkKind::Redrive, Lang::En) => {
            format!("{from} moves messages that keep failing to {to} (redrive policy)")
        }
        (LinkKind::Redrive, Lang::Ko) => format!(
            "{} 계속 실패하는 메시지를 {} 옮깁니다(리드라이브 정책)",
            attach(from, Subject),
            attach(to, Toward)
        ),
    }
}

fn setting(of: &Ref, field: &str, test: &ValueTest, lang: Lang) -> String {
    let name = field_name(field);
    let owner = &of.name;
    let number = |n: f64| value(&Value::from(n)).trim_end_matches(".0").to_string();
    match (test, lang) {
        (ValueTest::Equals(v), Lang::En) => format!("{owner}'s {name} is {}", value(v)),
        (ValueTest::Equals(v), Lang::Ko) => format!("{owner}의 {name} 값이 {}입니다", value(v)),
        (ValueTest::Between(min, max), Lang::En) => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("between {} and {}", number(*a), number(*b)),
                (Some(a), None) => format!("at least {}", number(*a)),
                (None, Some(b)) => format!("at most {}", number(*b)),
                (None, None) => "any number".to_string(),
            };
            format!("{owner}'s {name} is {range}")
        }
        (ValueTest::Between(min, max), Lang::Ko) => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{} 이상 {} 이하", number(*a), number(*b)),
                (Some(a), None) => format!("{} 이상", number(*a)),
                (None, Some(b)) => format!("{} 이하", number(*b)),
                (None, None) => "숫자".to_string(),
            };
            format!("{owner}의 {name} 값이 {range}입니다")
        }
        (ValueTest::Present(true), Lang::En) => format!("{owner}'s {name} is set"),
        (ValueTest::Present(true), Lang::Ko) => format!("{owner}의 {name} 값이 설정되어 있습니다"),
        (ValueTest::Present(false), Lang::En) => {
            format!("{owner}'s {name} is not set (AWS's default applies)")
        }
        (ValueTest::Present(false), Lang::Ko) => {
            format!("{owner}의 {name} 값이 설정되어 있지 않습니다(AWS 기본값 적용)")
        }
    }
}

/// "at least 2", "exactly 1", "no", "between 1 and 3"; in Korean with the counter `unit`
/// (개 for things, 번 for happenings): "2번 이상", "정확히 1개".
fn count_words(range: Range, lang: Lang, unit: &str) -> String {
    match (range.min, range.max, lang) {
        (_, Some(0), Lang::En) => "no".to_string(),
        (_, Some(0), Lang::Ko) => format!("0{unit}"),
        (Some(a), Some(b), Lang::En) if a == b => format!("exactly {a}"),
        (Some(a), Some(b), Lang::Ko) if a == b => format!("정확히 {a}{unit}"),
        (Some(a), Some(b), Lang::En) => format!("between {a} and {b}"),
        (Some(a), Some(b), Lang::Ko) => format!("{a}~{b}{unit}"),
        (Some(a), None, Lang::En) => format!("at least {a}"),
        (Some(a), None, Lang::Ko) => format!("{a}{unit} 이상"),
        (None, Some(b), Lang::En) => format!("at most {b}"),
        (None, Some(b), Lang::Ko) => format!("{b}{unit} 이하"),
        (None, None, Lang::En) => "any number of".to_string(),
        (None, None, Lang::Ko) => format!("몇 {unit}"),
    }
}

/// The qualifiers of a match, after its noun in English ("to the queue x through OnFailure"),
/// before it in Korean ("큐 x(으)로 OnFailure를 통해 가는").
fn qualifiers(m: &Match, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    match lang {
        Lang::En => {
            if let Some(r) = &m.resource {
                parts.push(format!("at {}", r.name));
            }
            if let Some(t) = &m.target {
                parts.push(format!("to {}", target(t, lang)));
            }
            if let Some(v) = m.via {
                parts.push(via(v, lang).to_string());
            }
            if let Some(c) = m.condition {
                parts.push(format!("with the condition {}", c.as_str()));
            }
            for (pointer, v) in &m.body {
                parts.push(format!("whose body has {} = {}", dotted(pointer), value(v)));
            }
            if let Some(ms) = m.within_ms {
                parts.push(format!("within {}", duration(ms, lang)));
            }
            parts.iter().map(|p| format!(" {p}")).collect()
        }
        Lang::Ko => {
            if let Some(ms) = m.within_ms {
                parts.push(format!("{} 안에", duration(ms, lang)));
            }
            if let Some(r) = &m.resource {
                parts.push(format!("{}에서", r.name));
            }
            if let Some(v) = m.via {
                // "OnFailure를 통해 큐 x로 가는 전달", but "DLQ를 통한 전달".
                let how = if m.target.is_some() {
                    "통해"
                } else {
                    "통한"
                };
                parts.push(format!("{} {how}", attach(via(v, lang), Particle::Object)));
            }
            if let Some(t) = &m.target {
                parts.push(format!(
                    "{} 가는",
                    attach(&target(t, lang), Particle::Toward)
                ));
            }
            if let Some(c) = m.condition {
                parts.push(format!("조건이 {}인", c.as_str()));
            }
            for (pointer, v) in &m.body {
                parts.push(format!("본문의 {} 값이 {}인", dotted(pointer), value(v)));
            }
            parts.iter().map(|p| format!("{p} ")).collect()
        }
    }
}

/// "delivery to the queue x through OnFailure" / "큐 x로 가는 전달": a match without article.
fn bare(m: &Match, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}{}", noun(m.kind, lang, false), qualifiers(m, lang)),
        Lang::Ko => format!("{}{}", qualifiers(m, lang), noun(m.kind, lang, false)),
    }
}

/// "a delivery to the queue x through OnFailure" / "큐 x로 가는 전달".
pub(super) fn described(m: &Match, lang: Lang) -> String {
    let phrase = bare(m, lang);
    match lang {
        Lang::En if phrase.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) => {
            format!("an {phrase}")
        }
        Lang::En => format!("a {phrase}"),
        Lang::Ko => phrase,
    }
}

/// "At least 1 delivery to the queue x" / "큐 x로 가는 전달이 1번 이상 있습니다".
fn events(m: &Match, count: Range, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!(
                "{} {}{}",
                capitalised(&count_words(count, lang, "")),
                noun(m.kind, lang, !singular(count)),
                qualifiers(m, lang)
            )
        }
        Lang::Ko => {
            let subject = attach(&bare(m, lang), Particle::Subject);
            match (count.min, count.max) {
                (_, Some(0)) => format!("{subject} 한 번도 없습니다"),
                (None, Some(_)) => format!("{subject} {}입니다", count_words(count, lang, "번")),
                _ => format!("{subject} {} 있습니다", count_words(count, lang, "번")),
            }
        }
    }
}

/// "The run had 2." / "실행에서 2번 있었습니다.": how many a run had.
pub(super) fn found(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (0, Lang::En) => "The run had none.".to_string(),
        (0, Lang::Ko) => "실행에서는 한 번도 없었습니다.".to_string(),
        (n, Lang::En) => format!("The run had {n}."),
        (n, Lang::Ko) => format!("실행에서 {n}번 있었습니다."),
    }
}

/// "Step 12: …" / "12단계: …", for the steps a failed check points at.
pub(super) fn step_line(step: usize, narration: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Step {step}: {narration}"),
        Lang::Ko => format!("{step}단계: {narration}"),
    }
}

/// The heading before the steps closest to what was asked.
pub(super) fn instead(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Closest in the run:",
        Lang::Ko => "실행에서 가장 가까운 단계:",
    }
}

/// The heading before the steps that are too many.
pub(super) fn these(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Among them:",
        Lang::Ko => "해당 단계:",
    }
}

/// "There is no queue named x" / "큐 x이(가) 다이어그램에 없습니다".
pub(super) fn missing(r: &Ref, lang: Lang) -> String {
    match lang {
        Lang::En if r.kind == Kind::EventSourceMapping => {
            format!("No event source mapping invokes {} yet.", r.name)
        }
        Lang::En => format!(
            "There is no {} named {} in the diagram yet.",
            kind_name(r.kind, lang),
            r.name
        ),
        Lang::Ko => format!(
            "{} 다이어그램에 아직 없습니다.",
            attach(&resource(r, lang), Particle::Subject)
        ),
    }
}

/// What a setting is now: "It is 2." / "It is not set." .
pub(super) fn now_value(v: Option<&Value>, lang: Lang) -> String {
    match (v, lang) {
        (Some(v), Lang::En) => format!("It is {} now.", value(v)),
        (Some(v), Lang::Ko) => format!("지금 값은 {}입니다.", value(v)),
        (None, Lang::En) => "It is not set now (AWS's default applies).".to_string(),
        (None, Lang::Ko) => "지금은 설정되어 있지 않습니다(AWS 기본값 적용).".to_string(),
    }
}

/// What links of a kind go from a resource now.
pub(super) fn links_now(from: &str, kind: LinkKind, to: &[String], lang: Lang) -> String {
    match (to.is_empty(), lang) {
        (true, Lang::En) => format!("{from} has no {} yet.", link_label(kind, lang, false)),
        (true, Lang::Ko) => format!(
            "{from}에 아직 {} 없습니다.",
            attach(link_label(kind, lang, false), Particle::Subject)
        ),
        (false, Lang::En) if to.len() == 1 => format!(
            "{from}'s {} goes to {} now.",
            link_label(kind, lang, false),
            to.join(", ")
        ),
        (false, Lang::En) => format!(
            "{from}'s {} go to {} now.",
            link_label(kind, lang, true),
            to.join(", ")
        ),
        (false, Lang::Ko) => format!(
            "{from}의 {} 지금 {}입니다.",
            attach(link_label(kind, lang, false), Particle::Topic),
            to.join(", ")
        ),
    }
}

/// "The diagram has 1 now." / "지금은 1개입니다."
pub(super) fn count_now(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The diagram has {n} now."),
        Lang::Ko => format!("지금은 {n}개입니다."),
    }
}

/// Why an order check failed.
pub(super) fn order_missing(m: &Match, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The run had no {}.", bare(m, lang)),
        Lang::Ko => format!(
            "실행에 {} 없었습니다.",
            attach(&described(m, lang), Particle::Subject)
        ),
    }
}

/// Why an order check failed: every event matching `then` came no later than the first one
/// matching `first`; the steps of the last of those and of that first one.
pub(super) fn order_reversed(
    first: &Match,
    first_step: usize,
    then: &Match,
    then_step: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::En => format!(
            "The other way round: the last {} came at step {then_step}, the first {} only at step {first_step}.",
            bare(then, lang),
            bare(first, lang)
        ),
        Lang::Ko => format!(
            "순서가 반대입니다: 마지막 {} {then_step}단계에 있었고, 첫 {} {first_step}단계에야 있었습니다.",
            attach(&bare(then, lang), Particle::Subject),
            attach(&bare(first, lang), Particle::Topic)
        ),
    }
}
