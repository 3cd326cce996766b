//! One plain sentence per trace event, in English or Korean, saying what happened and why. The
//! sentence is built from the event's rule and values only, so the same trace reads in either
//! language.

use crate::clock::{human_duration, Millis};
use crate::korean::{attach, Particle};
use crate::lang::Lang;
use crate::record::Condition;
use crate::topology::Kind;
use crate::trace::Run;
use crate::trace::{DeliveryFailure, NoDestinationReason, Via, What};

/// What a kind of resource is called, for sentences.
pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Function, Lang::En) => "function",
        (Kind::Function, Lang::Ko) => "함수",
        (Kind::Queue, Lang::En) => "queue",
        (Kind::Queue, Lang::Ko) => "큐",
        (Kind::Topic, Lang::En) => "topic",
        (Kind::Topic, Lang::Ko) => "토픽",
        (Kind::EventBus, Lang::En) => "event bus",
        (Kind::EventBus, Lang::Ko) => "이벤트 버스",
        (Kind::Bucket, Lang::En) => "bucket",
        (Kind::Bucket, Lang::Ko) => "버킷",
        (Kind::KinesisStream, Lang::En) => "Kinesis stream",
        (Kind::KinesisStream, Lang::Ko) => "Kinesis 스트림",
        (Kind::DynamoDbStream, Lang::En) => "DynamoDB stream",
        (Kind::DynamoDbStream, Lang::Ko) => "DynamoDB 스트림",
        (Kind::KafkaTopic, Lang::En) => "Kafka topic",
        (Kind::KafkaTopic, Lang::Ko) => "Kafka 토픽",
        (Kind::EventSourceMapping, Lang::En) => "event source mapping",
        (Kind::EventSourceMapping, Lang::Ko) => "이벤트 소스 매핑",
        (Kind::Client, Lang::En) => "client",
        (Kind::Client, Lang::Ko) => "클라이언트",
    }
}

fn via_name(via: Via, lang: Lang) -> &'static str {
    match (via, lang) {
        (Via::OnSuccess, Lang::En) => "OnSuccess destination",
        (Via::OnSuccess, Lang::Ko) => "OnSuccess 대상",
        (Via::OnFailure, Lang::En) => "OnFailure destination",
        (Via::OnFailure, Lang::Ko) => "OnFailure 대상",
        (Via::DeadLetterQueue, Lang::En) => "dead-letter queue",
        (Via::DeadLetterQueue, Lang::Ko) => "데드 레터 큐",
        (Via::MappingOnFailure, Lang::En) => "mapping's OnFailure destination",
        (Via::MappingOnFailure, Lang::Ko) => "매핑의 OnFailure 대상",
        (Via::Subscription, Lang::En) => "subscription",
        (Via::Subscription, Lang::Ko) => "구독",
        (Via::RuleTarget, Lang::En) => "rule target",
        (Via::RuleTarget, Lang::Ko) => "규칙 대상",
        (Via::Notification, Lang::En) => "event notification",
        (Via::Notification, Lang::Ko) => "이벤트 알림",
        (Via::Redrive, Lang::En) => "redrive policy",
        (Via::Redrive, Lang::Ko) => "리드라이브 정책",
        (Via::Input, Lang::En) => "input",
        (Via::Input, Lang::Ko) => "입력",
    }
}

fn failure_name(reason: DeliveryFailure, lang: Lang) -> &'static str {
    match (reason, lang) {
        (DeliveryFailure::PermissionDenied, Lang::En) => "the execution role no longer allows it",
        (DeliveryFailure::PermissionDenied, Lang::Ko) => "실행 역할에 더 이상 권한이 없습니다",
        (DeliveryFailure::TargetDeleted, Lang::En) => "the target was deleted",
        (DeliveryFailure::TargetDeleted, Lang::Ko) => "대상이 삭제되었습니다",
        (DeliveryFailure::FifoTarget, Lang::En) => "FIFO targets are unsupported for destinations",
        (DeliveryFailure::FifoTarget, Lang::Ko) => "FIFO 대상은 Destinations에서 지원되지 않습니다",
        (DeliveryFailure::TooLarge, Lang::En) => "the record is larger than the target accepts",
        (DeliveryFailure::TooLarge, Lang::Ko) => "레코드가 대상의 크기 한도를 넘습니다",
    }
}

/// The sentence for event `index` of `run`.
pub fn sentence(run: &Run, index: usize, lang: Lang) -> String {
    let Some(event) = run.trace.events.get(index) else {
        return String::new();
    };
    let t = &run.topology;
    let name = |id: u32| {
        t.resources
            .get(id as usize)
            .map(|r| r.name.as_str())
            .unwrap_or("?")
            .to_string()
    };
    let here = name(event.resource);
    let body = |id: u32| run.trace.body(id).to_string();
    let ko = lang == Lang::Ko;
    let d = |ms: Millis| duration(ms, lang);
    // A word and the particle it takes, in Korean sentences: "images를", "clickstream을".
    let j = attach;
    use Particle::{Object, Subject, Toward};
    match &event.what {
        What::InvokeCalled { invocation_type, .. } => {
            if ko {
                format!("{here}에서 {} Invoke를 호출했습니다.", j(&format!("InvocationType={}", invocation_type.as_str()), Toward))
            } else {
                format!("{here} called Invoke with InvocationType={}.", invocation_type.as_str())
            }
        }
        What::QualifierInvoked {
            qualifier,
            version,
            alias,
        } => {
            let (q, v) = (run.trace.body(*qualifier), run.trace.body(*version));
            let runs = j(&format!("버전 {v}"), Subject);
            match (alias, ko) {
                (false, false) => format!("The call names version {v} of {here}: that version runs the event under its own EventInvokeConfig (publishing copies none from $LATEST)."),
                (false, true) => format!("호출이 {here}의 {} 지정했습니다: {runs} 이벤트를 실행하고, 그 버전 자체의 EventInvokeConfig가 적용됩니다(게시할 때 $LATEST의 구성은 복사되지 않습니다).", j(&format!("버전 {v}"), Object)),
                (true, false) => format!("The call names alias {q} of {here}: version {v} runs the event, under the alias's own EventInvokeConfig."),
                (true, true) => format!("호출이 {here}의 {} 지정했습니다: {runs} 이벤트를 실행하고, 별칭 자체의 EventInvokeConfig가 적용됩니다.", j(&format!("별칭 {q}"), Object)),
            }
        }
        What::AsyncAccepted => {
            let trigger = event.parent.and_then(|p| run.trace.events.get(p as usize)).map(|p| (t.get(p.resource).kind, &p.what));
            let service = match trigger {
                Some((_, What::Delivered { via: Via::Subscription, .. })) => Some("SNS"),
                Some((_, What::Delivered { via: Via::RuleTarget, .. })) => Some("EventBridge"),
                Some((Kind::Function, What::Delivered { via: Via::OnSuccess | Via::OnFailure, .. })) => Some("Lambda"),
                Some((Kind::Bucket, _)) => Some("S3"),
                Some((Kind::Topic, _)) => Some("SNS"),
                Some((Kind::EventBus, _)) => Some("EventBridge"),
                Some((Kind::Function, What::DestinationChosen { .. })) => Some("Lambda"),
                _ => None,
            };
            if let Some(service) = service {
                return if ko {
                    format!("{} 함수를 비동기로 호출합니다: Lambda가 이벤트를 {here}의 내부 큐에 넣고 202를 응답했습니다.", j(service, Particle::Topic))
                } else {
                    format!("{service} invokes functions asynchronously: Lambda queued the event for {here} and answered 202.")
                };
            }
            if ko {
                format!("Lambda가 이벤트를 {here}의 내부 비동기 큐에 넣고 202를 응답했습니다. 호출자는 결과를 기다리지 않습니다.")
            } else {
                format!("Lambda queued the event for {here} and answered 202 at once; the caller does not wait for the result.")
            }
        }
        What::InvokeRefused { status, code, message } => {
            if ko {
                format!("호출이 거부되었습니다: HTTP {status} {} ({}). 아무것도 실행되지 않았습니다.", body(*code), body(*message))
            } else {
                format!("The invoke was refused: HTTP {status} {} ({}). Nothing ran.", body(*code), body(*message))
            }
        }
        What::DryRunChecked => {
            if ko {
                "DryRun: 매개변수와 권한만 확인하고 204를 응답했습니다. 함수는 실행되지 않습니다.".to_string()
            } else {
                "DryRun: Lambda checked the parameters and permission and answered 204; the function did not run.".to_string()
            }
        }
        What::SyncResponse { function_error, .. } => match (function_error, ko) {
            (true, true) => format!("{here}의 오류가 호출자에게 그대로 반환되었습니다(200, FunctionError: Unhandled). 동기 호출은 Lambda가 재시도하지 않습니다."),
            (true, false) => format!("{here}'s error went straight back to the caller (200 with FunctionError: Unhandled). Lambda does not retry synchronous calls."),
            (false, true) => format!("{here}의 응답이 호출자에게 반환되었습니다(200)."),
            (false, false) => format!("{here}'s response went back to the caller (200)."),
        },
        What::NoDestination { reason } => match (reason, ko) {
            (NoDestinationReason::Synchronous, true) => format!("{here}의 Destinations는 발동하지 않았습니다: 동기(RequestResponse) 호출이었기 때문입니다. Destinations는 비동기 호출에만 적용됩니다."),
            (NoDestinationReason::Synchronous, false) => format!("No destination fired for {here}: the call was synchronous (RequestResponse), and destinations apply to asynchronous invocations only."),
            (NoDestinationReason::EventSourceMapping, true) => "이벤트 소스 매핑은 함수를 동기로 호출하므로 함수의 비동기 Destinations와 DLQ는 사용되지 않습니다. 메시지는 가시성 제한 시간 후 다시 보입니다.".to_string(),
            (NoDestinationReason::EventSourceMapping, false) => "The mapping invoked the function synchronously, so the function's async destinations and DLQ do not apply; the messages become visible again after the visibility timeout.".to_string(),
            (NoDestinationReason::NotConfigured, true) => format!("{here}에 이 결과를 위한 대상이 설정되어 있지 않아 레코드는 어디에도 전송되지 않았습니다."),
            (NoDestinationReason::NotConfigured, false) => format!("{here} has no destination for this outcome, so the record went nowhere."),
        },
        What::AttemptStarted { attempt, max_attempts, age_ms } => {
            let of = if *max_attempts > 0 { format!("/{max_attempts}") } else { String::new() };
            match (ko, *age_ms > 0) {
                (true, true) => format!("{here} 시도 {} 시작했습니다. 이벤트 나이: {}.", j(&format!("{attempt}{of}"), Object), d(*age_ms)),
                (true, false) => format!("{here} 시도 {} 시작했습니다.", j(&format!("{attempt}{of}"), Object)),
                (false, true) => format!("{here} started attempt {attempt}{of}; the event is {} old.", d(*age_ms)),
                (false, false) => format!("{here} started attempt {attempt}{of}."),
            }
        }
        What::AttemptSucceeded { attempt, duration_ms } => {
            if ko {
                format!("{here} 시도 {} {} 만에 성공했습니다.", j(&attempt.to_string(), Subject), d(*duration_ms))
            } else {
                format!("{here} attempt {attempt} succeeded in {}.", d(*duration_ms))
            }
        }
        What::AttemptFailed { attempt, error, timed_out } => match (ko, timed_out) {
            (true, true) => format!("{here} 시도 {} 제한 시간을 넘겼습니다. 시간 초과는 함수 오류로 취급됩니다.", j(&attempt.to_string(), Subject)),
            (false, true) => format!("{here} attempt {attempt} timed out; a timeout counts as a function error."),
            (true, false) => format!("{here} 시도 {} 실패했습니다: {}.", j(&attempt.to_string(), Subject), body(*error)),
            (false, false) => format!("{here} attempt {attempt} failed: {}.", body(*error)),
        },
        What::Throttled { retry_in_ms } => {
            if ko {
                format!("{} 스로틀되었습니다(429). 이벤트는 큐로 돌아가 {} 후 다시 시도됩니다. 스로틀은 MaximumRetryAttempts를 소모하지 않습니다.", j(&here, Subject), d(*retry_in_ms))
            } else {
                format!("{here} was throttled (429); the event goes back to the queue and is tried again in {}. Throttles do not use up MaximumRetryAttempts.", d(*retry_in_ms))
            }
        }
        What::RetryScheduled { next_attempt, delay_ms } => {
            if ko {
                format!("함수 오류이므로 Lambda가 {} 후 시도 {} 예약했습니다.", d(*delay_ms), j(&next_attempt.to_string(), Object))
            } else {
                format!("A function error is retried: attempt {next_attempt} runs in {}.", d(*delay_ms))
            }
        }
        What::EventAgeExceeded { age_ms, limit_ms, lookahead } => match (ko, lookahead) {
            (true, true) => format!("다음 시도가 MaximumEventAgeInSeconds({})를 넘기므로 Lambda는 기다리지 않고 지금 포기합니다(이벤트 나이 {}).", d(*limit_ms), d(*age_ms)),
            (false, true) => format!("The next try would fall after MaximumEventAgeInSeconds ({}), so Lambda gives up now instead of waiting (event age {}).", d(*limit_ms), d(*age_ms)),
            (true, false) => format!("이벤트 나이 {} MaximumEventAgeInSeconds({})에 도달했습니다.", j(&d(*age_ms), Subject), d(*limit_ms)),
            (false, false) => format!("The event is {} old and reached MaximumEventAgeInSeconds ({}).", d(*age_ms), d(*limit_ms)),
        },
        What::RetriesExhausted { attempts } => {
            if ko {
                format!("{attempts}번의 시도가 모두 실패하여 재시도가 소진되었습니다(RetriesExhausted).")
            } else {
                format!("All {attempts} attempts failed: retries are exhausted (RetriesExhausted).")
            }
        }
        What::ZeroReservedConcurrency => {
            if ko {
                format!("{here}의 예약 동시성이 0이므로 이벤트는 재시도 없이 즉시 실패합니다(ZeroReservedConcurrency).")
            } else {
                format!("{here} has reserved concurrency 0, so the event fails at once with no retries (ZeroReservedConcurrency).")
            }
        }
        What::RecursionStopped { depth } => {
            if ko {
                format!("재귀 루프 감지: 같은 요청 체인에서 {depth}번째 호출이므로 Lambda가 {here} 호출을 중단했습니다(RecursiveLoop=Terminate).")
            } else {
                format!("Recursive loop detected: this would be invocation {depth} in one chain of requests, so Lambda stopped {here} (RecursiveLoop=Terminate).")
            }
        }
        What::DestinationChosen { target, via, condition } => {
            let c = condition.as_str();
            if ko {
                format!("condition={c}이므로 레코드를 {}인 {} 보냅니다.", via_name(*via, lang), j(&name(*target), Toward))
            } else {
                format!("condition={c}, so the record goes to the {} {}.", via_name(*via, lang), name(*target))
            }
        }
        What::Delivered { target, via: Via::Input, attributes, .. } => {
            let target_name = name(*target);
            let key = attributes.and_then(|a| serde_json::from_str::<serde_json::Value>(run.trace.body(a)).ok()).and_then(|v| v.get("Key").and_then(|k| k.as_str()).map(str::to_string)).unwrap_or_default();
            match (t.resources.get(*target as usize).map(|r| r.kind), ko) {
                (Some(Kind::Bucket), false) => format!("The object {key} was uploaded to the bucket {target_name}."),
                (Some(Kind::Bucket), true) => format!("객체 {} 버킷 {target_name}에 업로드되었습니다.", j(&key, Subject)),
                (Some(Kind::Topic), false) => format!("A message was published to the topic {target_name}."),
                (Some(Kind::Topic), true) => format!("토픽 {target_name}에 메시지가 게시되었습니다."),
                (Some(Kind::EventBus), false) => format!("An event was put on the bus {target_name}."),
                (Some(Kind::EventBus), true) => format!("이벤트 버스 {target_name}에 이벤트가 들어왔습니다."),
                (_, false) => format!("A message was sent to the queue {target_name}."),
                (_, true) => format!("큐 {target_name}에 메시지가 전송되었습니다."),
            }
        }
        What::Delivered { target, via, .. } => {
            let kind = t.resources.get(*target as usize).map(|r| kind_name(r.kind, lang)).unwrap_or("");
            if ko {
                format!("{kind} {} {} 통해 본문을 받았습니다.", j(&name(*target), Subject), j(via_name(*via, lang), Object))
            } else {
                format!("The {kind} {} received the body through its {}.", name(*target), via_name(*via, lang))
            }
        }
        What::DeliveryFailed { target, reason, via } => {
            let metric = if *via == Via::DeadLetterQueue { "DeadLetterErrors" } else { "DestinationDeliveryFailures" };
            if ko {
                format!("{}의 전달이 실패했습니다: {}. 레코드는 버려지고 {} 증가합니다.", j(&name(*target), Toward), failure_name(*reason, lang), j(metric, Subject))
            } else {
                format!("Delivery to {} failed: {}. The record is dropped and {metric} goes up.", name(*target), failure_name(*reason, lang))
            }
        }
        What::AsyncDropped => {
            if ko {
                format!("이벤트가 {here}의 큐에서 삭제되었습니다(AsyncEventsDropped).")
            } else {
                format!("The event left {here}'s queue without a successful run (AsyncEventsDropped).")
            }
        }
        What::AsyncCompleted => {
            if ko {
                format!("이벤트 처리가 완료되어 {here}의 큐에서 제거되었습니다.")
            } else {
                format!("The event is done and leaves {here}'s queue.")
            }
        }
        What::EmailSent { endpoint, .. } => {
            if ko {
                format!("{} 이메일 구독 {}에 알림을 보냈습니다.", j(&here, Subject), body(*endpoint))
            } else {
                format!("{here} emailed the notification to the subscriber {}.", body(*endpoint))
            }
        }
        What::RecordPut { shard, key, .. } => {
            if ko {
                format!("레코드가 {here}의 샤드 {shard}에 들어갔습니다(파티션 키 {}).", body(*key))
            } else {
                format!("A record entered shard {shard} of {here} (partition key {}).", body(*key))
            }
        }
        What::BatchInvoked { shard, size: 0, .. } => {
            if ko {
                format!("샤드 {shard}의 텀블링 윈도가 끝났습니다. 매핑이 윈도의 state로 함수를 마지막으로 한 번 더 호출합니다(isFinalInvokeForWindow). 성공해야 체크포인트가 이동합니다.")
            } else {
                format!("The tumbling window of shard {shard} ended: the mapping invokes the function one last time with the window's state (isFinalInvokeForWindow); the checkpoint moves only if it succeeds.")
            }
        }
        What::BatchInvoked { shard, size, .. } => {
            if ko {
                format!("매핑이 샤드 {shard}에서 레코드 {size}개를 읽어 함수를 동기로 호출합니다.")
            } else {
                format!("The mapping read {} from shard {shard} and invokes the function synchronously.", counted(*size, "record", "records"))
            }
        }
        What::ShardBlocked { shard, retry, delay_ms, .. } => match (ko, *retry) {
            (true, 0) => format!("함수가 스로틀되었습니다. 샤드 {} {} 후 재시도할 때까지 막혀 있습니다(재시도 횟수를 쓰지 않음).", j(&shard.to_string(), Particle::Topic), d(*delay_ms)),
            (false, 0) => format!("The function was throttled; shard {shard} waits {} and tries again (this does not use a retry).", d(*delay_ms)),
            (true, r) => format!("배치가 실패하여 샤드 {} 막혔습니다: 뒤의 레코드는 처리되지 않습니다. 재시도 {} {} 후입니다.", j(&shard.to_string(), Subject), j(&r.to_string(), Particle::Topic), d(*delay_ms)),
            (false, r) => format!("The batch failed and shard {shard} is blocked: nothing behind it is processed. Retry {r} runs in {}.", d(*delay_ms)),
        },
        What::BatchBisected { left, right, .. } => {
            if ko {
                format!("BisectBatchOnFunctionError: 실패한 배치를 {left}개와 {right}개로 나눠 각각 재시도합니다. 분할은 재시도 횟수를 쓰지 않습니다.")
            } else {
                format!("BisectBatchOnFunctionError: the failed batch is split into {left} and {right} records, each retried; a split does not use up the retry quota.")
            }
        }
        What::PartialBatchFailure { count, failed, .. } => {
            if ko {
                format!("함수가 batchItemFailures로 {count}개 항목의 실패를 보고했습니다: {}.", body(*failed))
            } else {
                format!("The function reported {} in batchItemFailures: {}.", counted(*count, "failed item", "failed items"), body(*failed))
            }
        }
        What::PartialBatchInvalid { reported, .. } => {
            if ko {
                format!("함수가 batchItemFailures로 {} 보고했는데, itemIdentifier가 비어 있거나 null이거나 다른 키로 쓰였거나 배치에 없는 항목입니다. 그래서 Lambda는 배치 전체를 실패로 처리합니다.", j(&body(*reported), Object))
            } else {
                format!("The function returned batchItemFailures {}, with an itemIdentifier that is empty, null, under another key, or not in the batch, so Lambda counts the whole batch as failed.", body(*reported))
            }
        }
        What::CheckpointAdvanced { shard, processed, sequence, .. } => {
            if ko {
                format!("샤드 {shard}의 체크포인트가 {} 이동했습니다(처리된 레코드 {processed}개).", j(&body(*sequence), Toward))
            } else {
                format!("Shard {shard}'s checkpoint moved to {} ({} processed).", body(*sequence), counted(*processed, "record", "records"))
            }
        }
        What::BatchDiscarded { size, condition, invocations, .. } => {
            let why = match (condition, ko) {
                (Condition::RecordAgeExceeded, true) => "레코드가 MaximumRecordAgeInSeconds 또는 보존 기간을 넘었습니다".to_string(),
                (Condition::RecordAgeExceeded, false) => "the records passed MaximumRecordAgeInSeconds or the stream's retention".to_string(),
                (_, true) => format!("{invocations}번 호출 후 MaximumRetryAttempts가 소진되었습니다"),
                (_, false) => format!("MaximumRetryAttempts ran out after {}", counted(*invocations, "invocation", "invocations")),
            };
            if ko {
                format!("매핑이 레코드 {size}개를 버리고 다음으로 넘어갑니다: {why} ({}).", condition.as_str())
            } else {
                format!("The mapping discards {} and moves on: {why} ({}).", counted(*size, "record", "records"), condition.as_str())
            }
        }
        What::MessageSent { .. } => {
            if ko {
                format!("메시지가 큐 {here}에 추가되었습니다.")
            } else {
                format!("A message was added to the queue {here}.")
            }
        }
        What::MessagesReceived { count, receive_count, visibility_ms, .. } => {
            if ko {
                format!("매핑이 {here}에서 메시지 {count}개를 받았습니다(수신 횟수 {receive_count}). 가시성 제한 시간 {} 동안 숨겨집니다.", d(*visibility_ms))
            } else {
                format!("The mapping received {} from {here} (receive count {receive_count}); {} hidden for the visibility timeout of {}.", counted(*count, "message", "messages"), if *count == 1 { "it stays" } else { "they stay" }, d(*visibility_ms))
            }
        }
        What::MessagesDeleted { count, .. } => {
            if ko {
                format!("함수가 성공하여 메시지 {count}개가 {here}에서 삭제되었습니다.")
            } else {
                format!("The function succeeded, so {} {} deleted from {here}.", counted(*count, "message", "messages"), if *count == 1 { "was" } else { "were" })
            }
        }
        What::MessagesVisible { count, .. } => {
            if ko {
                format!("가시성 제한 시간이 끝나 메시지 {count}개가 {here}에서 다시 보입니다. SQS 재시도는 이렇게 일어납니다.")
            } else {
                format!("The visibility timeout ran out: {} {} visible in {here} again. This is how SQS retries.", counted(*count, "message", "messages"), if *count == 1 { "is" } else { "are" })
            }
        }
        What::MessagesExpired { count, retention_ms, .. } => {
            if ko {
                format!("메시지 {count}개가 {here}의 MessageRetentionPeriod({})보다 오래되어 SQS가 처리 여부와 관계없이 삭제했습니다. SQS는 이 수를 지표로 제공하지 않으므로 플레이그라운드가 {} 셉니다.", d(*retention_ms), j("MessagesExpired", Toward))
            } else {
                format!("{} outlived the MessageRetentionPeriod of {here} ({}), so SQS deleted {} unprocessed. SQS publishes no metric for this; the playground counts it as MessagesExpired.", counted(*count, "message", "messages"), d(*retention_ms), if *count == 1 { "it" } else { "them" })
            }
        }
        What::MessageRedriven { target, receive_count, max_receive_count, .. } => {
            if ko {
                format!("수신 횟수 {} maxReceiveCount {max_receive_count}에 도달하여 SQS가 메시지를 {} 옮겼습니다(리드라이브 정책).", j(&receive_count.to_string(), Subject), j(&name(*target), Toward))
            } else {
                format!("The message was received {receive_count} times, reaching maxReceiveCount {max_receive_count}, so SQS moved it to {} (redrive policy).", name(*target))
            }
        }
        What::ObjectCreated { key } => {
            if ko {
                format!("객체 {} {here}에 저장되었습니다.", j(&body(*key), Subject))
            } else {
                format!("The object {} was stored in {here}.", body(*key))
            }
        }
        What::BusEventPut { matched, .. } => {
            if ko {
                format!("{here}의 규칙 {matched}개가 이벤트와 일치했습니다.")
            } else {
                format!("{} on {here} matched the event.", counted(*matched, "rule", "rules"))
            }
        }
        What::FaultApplied { description } => {
            if ko {
                format!("장애 주입: {here} — {}.", body(*description))
            } else {
                format!("Fault injected on {here}: {}.", body(*description))
            }
        }
        What::RunCapped { cap } => {
            if ko {
                format!("이벤트가 {cap}개에 도달하여 시뮬레이션을 멈췄습니다.")
            } else {
                format!("The simulation stopped after {cap} events.")
            }
        }
    }
}

/// A duration in `lang`: "1 min", "2 min 30 s", "850 ms"; in Korean "1분", "2분 30초", "850ms".
pub fn duration(ms: Millis, lang: Lang) -> String {
    match lang {
        Lang::En => human_duration(ms),
        Lang::Ko => crate::korean::duration(ms),
    }
}

/// "1 record", "3 records": a count with the English noun it takes.
fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// The whole run as text, one line per event: `[time] rule-id  sentence`.
pub fn text_log(run: &Run, lang: Lang) -> String {
    let mut out = String::new();
    for (i, event) in run.trace.events.iter().enumerate() {
        out.push_str(&format!(
            "{:>10}  {:<32} {}\n",
            format_ms(event.at),
            event.rule.id(),
            sentence(run, i, lang)
        ));
    }
    out
}

/// `mm:ss.mmm` or `h:mm:ss.mmm` for the log.
pub fn format_ms(ms: u64) -> String {
    let (h, m, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}.{milli:03}")
    } else {
        format!("{m:02}:{s:02}.{milli:03}")
    }
}
