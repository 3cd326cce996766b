//! The sentence of each goal, and the phrases it is made of: links, settings, counts and the
//! qualifiers of matched events.

use super::nouns::{dotted, field_name, link_label, noun, plural, target, value, via};
use crate::diagram::LinkKind;
use crate::korean::{attach, Particle};
use crate::lang::Lang;
use crate::lesson::goal::{Goal, Match, Range, Ref, ValueTest};
use crate::narrate::{duration, kind_name};
use serde_json::Value;

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
pub(in crate::lesson) fn link(from: &str, kind: LinkKind, to: &str, lang: Lang) -> String {
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
pub(super) fn bare(m: &Match, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}{}", noun(m.kind, lang, false), qualifiers(m, lang)),
        Lang::Ko => format!("{}{}", qualifiers(m, lang), noun(m.kind, lang, false)),
    }
}

/// "a delivery to the queue x through OnFailure" / "큐 x로 가는 전달".
pub(in crate::lesson) fn described(m: &Match, lang: Lang) -> String {
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
