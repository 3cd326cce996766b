//! What a run or a drawing has now, shown beside a goal that is not met: counts, steps, missing
//! resources, current values and links, and events out of order.

use super::nouns::{link_label, resource, value};
use super::sentences::{bare, described};
use crate::diagram::LinkKind;
use crate::korean::{attach, Particle};
use crate::lang::Lang;
use crate::lesson::goal::{Match, Ref};
use crate::narrate::kind_name;
use crate::topology::Kind;
use serde_json::Value;

/// "The run had 2." / "실행에서 2번 있었습니다.": how many a run had.
pub(in crate::lesson) fn found(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (0, Lang::En) => "The run had none.".to_string(),
        (0, Lang::Ko) => "실행에서는 한 번도 없었습니다.".to_string(),
        (n, Lang::En) => format!("The run had {n}."),
        (n, Lang::Ko) => format!("실행에서 {n}번 있었습니다."),
    }
}

/// "Step 12: …" / "12단계: …", for the steps a failed check points at.
pub(in crate::lesson) fn step_line(step: usize, narration: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Step {step}: {narration}"),
        Lang::Ko => format!("{step}단계: {narration}"),
    }
}

/// The heading before the steps closest to what was asked.
pub(in crate::lesson) fn instead(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Closest in the run:",
        Lang::Ko => "실행에서 가장 가까운 단계:",
    }
}

/// The heading before the steps that are too many.
pub(in crate::lesson) fn these(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Among them:",
        Lang::Ko => "해당 단계:",
    }
}

/// "There is no queue named x" / "큐 x이(가) 다이어그램에 없습니다".
pub(in crate::lesson) fn missing(r: &Ref, lang: Lang) -> String {
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
pub(in crate::lesson) fn now_value(v: Option<&Value>, lang: Lang) -> String {
    match (v, lang) {
        (Some(v), Lang::En) => format!("It is {} now.", value(v)),
        (Some(v), Lang::Ko) => format!("지금 값은 {}입니다.", value(v)),
        (None, Lang::En) => "It is not set now (AWS's default applies).".to_string(),
        (None, Lang::Ko) => "지금은 설정되어 있지 않습니다(AWS 기본값 적용).".to_string(),
    }
}

/// What links of a kind go from a resource now.
pub(in crate::lesson) fn links_now(
    from: &str,
    kind: LinkKind,
    to: &[String],
    lang: Lang,
) -> String {
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
pub(in crate::lesson) fn count_now(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The diagram has {n} now."),
        Lang::Ko => format!("지금은 {n}개입니다."),
    }
}

/// Why an order check failed.
pub(in crate::lesson) fn order_missing(m: &Match, lang: Lang) -> String {
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
pub(in crate::lesson) fn order_reversed(
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
