//! What the diagram reads as for a screen reader: each node and link as a sentence.

use crate::components::{kind_label, link_label, status_label};
use crate::i18n::{Lang, T};
use engine::diagram::{Link, LinkKind};
use engine::topology::{ResourceId, Topology};
use engine::world::Status;

/// A node's accessible name: what it shows (its name as drawn, its state and its badges), so the
/// name begins with the visible text (WCAG 2.5.3), then its sentence ("resize-image idle, Lambda
/// function resize-image, invoked asynchronously by S3 bucket images, …").
pub(super) fn node_label(
    shown_name: &str,
    status: &str,
    badges: &[String],
    description: Option<&String>,
) -> String {
    let mut label = format!("{shown_name} {status}");
    for badge in badges {
        label.push(' ');
        label.push_str(badge);
    }
    if let Some(description) = description {
        label.push_str(", ");
        label.push_str(description);
    }
    label
}

/// A node's sentence with its state at the end (the text outline's line).
pub(super) fn with_status(description: Option<&String>, lang: Lang, status: Status) -> String {
    let status = status_label(status).get(lang);
    match description {
        Some(d) => format!("{d}, {status}"),
        None => status.to_string(),
    }
}

/// The sentence a screen reader reads for a node: what it is, how it is invoked, where it sends,
/// and its state ("Lambda function resize-image, invoked asynchronously by S3 bucket images, on
/// failure sends to SNS topic image-alerts, idle").
pub fn node_sentence(
    lang: Lang,
    topology: &Topology,
    links: &[Link],
    id: ResourceId,
    status: Status,
) -> String {
    let resource = topology.get(id);
    let mut parts = vec![format!(
        "{} {}",
        kind_label(resource.kind).get(lang),
        resource.name
    )];
    let named = |other: ResourceId| {
        let r = topology.get(other);
        format!("{} {}", kind_label(r.kind).get(lang), r.name)
    };
    // A version's or alias's destination names its function as AWS does (`resize-image:live`),
    // and says on the function's side which qualifier sends it ("live: on failure sends to …").
    for link in links.iter().filter(|l| l.to == id) {
        let from = match &link.qualifier {
            Some(q) => format!("{}:{q}", named(link.from)),
            None => named(link.from),
        };
        parts.push(phrase(lang, incoming(link.kind), &from));
    }
    for link in links.iter().filter(|l| l.from == id) {
        let said = phrase(lang, outgoing(link.kind), &named(link.to));
        parts.push(match &link.qualifier {
            Some(q) => format!("{q}: {said}"),
            None => said,
        });
    }
    parts.push(status_label(status).get(lang).to_string());
    parts.join(", ")
}

/// [`node_sentence`] without the state, which changes at every step.
pub(super) fn node_description(
    lang: Lang,
    topology: &Topology,
    links: &[Link],
    id: ResourceId,
) -> String {
    let mut sentence = node_sentence(lang, topology, links, id, Status::Idle);
    let idle = status_label(Status::Idle).get(lang);
    sentence.truncate(sentence.len().saturating_sub(idle.len() + 2));
    sentence
}

/// "invoked asynchronously by X" in English; Korean puts the resource first, with the particle
/// its name takes ("X에서 비동기 호출됨", "images를 구독함", "clickstream을 읽는 …").
pub(super) fn phrase(lang: Lang, words: T, other: &str) -> String {
    match lang {
        Lang::En => format!("{} {other}", words.get(lang)),
        Lang::Ko => engine::korean::join(other, words.get(lang)),
    }
}

/// How a node reads a link that ends at it.
pub(super) fn incoming(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::InSync,
        LinkKind::AsyncTrigger => T::InAsync,
        LinkKind::Mapping => T::InMapping,
        LinkKind::OnSuccess => T::InOnSuccess,
        LinkKind::OnFailure => T::InOnFailure,
        LinkKind::MappingOnFailure => T::InMappingOnFailure,
        LinkKind::DeadLetterQueue => T::InDlq,
        LinkKind::Subscription => T::InSubscription,
        LinkKind::RuleTarget => T::InRuleTarget,
        LinkKind::Redrive => T::InRedrive,
    }
}

/// How a node reads a link that starts at it.
pub(super) fn outgoing(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::OutSync,
        LinkKind::AsyncTrigger => T::OutAsync,
        LinkKind::Mapping => T::OutMapping,
        LinkKind::OnSuccess => T::OutOnSuccess,
        LinkKind::OnFailure => T::OutOnFailure,
        LinkKind::MappingOnFailure => T::OutMappingOnFailure,
        LinkKind::DeadLetterQueue => T::OutDlq,
        LinkKind::Subscription => T::OutSubscription,
        LinkKind::RuleTarget => T::OutRuleTarget,
        LinkKind::Redrive => T::OutRedrive,
    }
}

/// The sentence a screen reader reads for a link.
pub fn link_sentence(lang: Lang, topology: &Topology, link: &Link) -> String {
    let (from, to) = (topology.get(link.from), topology.get(link.to));
    // A version's or alias's destination names its function as AWS does: `resize-image:live`.
    let qualifier = link
        .qualifier
        .as_ref()
        .map_or(String::new(), |q| format!(":{q}"));
    format!(
        "{} {}{qualifier} → {} {}: {}",
        kind_label(from.kind).get(lang),
        from.name,
        kind_label(to.kind).get(lang),
        to.name,
        link_label(link.kind).get(lang)
    )
}

/// What tells a version's or alias's link apart in test ids: `-live`, or nothing.
pub fn qualifier_suffix(link: &Link) -> String {
    link.qualifier
        .as_ref()
        .map_or(String::new(), |q| format!("-{q}"))
}

pub(super) fn short_link_label(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::LinkSyncShort,
        LinkKind::AsyncTrigger => T::LinkAsyncShort,
        LinkKind::Mapping => T::LinkMappingShort,
        other => link_label(other),
    }
}

/// How many characters of a name a node shows.
pub(super) const NAME_SHOWN: usize = 16;

pub(super) fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(max - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::diagram;
    use engine::topology::Kind;

    #[test]
    fn a_node_reads_as_a_sentence_of_its_triggers_and_destinations() {
        let scenario = crate::gallery::load(0);
        let topology = Topology::build(&scenario);
        let links = diagram::links(&scenario, &topology);
        let id = topology
            .find(Kind::Function, "resize-image")
            .expect("the image scenario's function");
        assert_eq!(
            node_sentence(Lang::En, &topology, &links, id, Status::Idle),
            "Lambda function resize-image, invoked asynchronously by S3 bucket images, on success sends to SQS queue image-metadata, on failure sends to SNS topic image-alerts, idle"
        );
        let ko = node_sentence(Lang::Ko, &topology, &links, id, Status::Idle);
        assert!(
            ko.starts_with("Lambda 함수 resize-image, S3 버킷 images에서 비동기 호출됨"),
            "{ko}"
        );
    }

    #[test]
    fn an_aliases_destination_reads_with_its_qualifier_on_both_ends() {
        let mut scenario = crate::gallery::load(0);
        let function = scenario
            .functions
            .iter_mut()
            .find(|f| f.function_name == "resize-image")
            .expect("the image scenario's function");
        let latest = function.event_invoke_config.clone();
        function.versions.push(engine::scenario::FunctionVersion {
            version: "1".into(),
            ..Default::default()
        });
        function.aliases.push(engine::scenario::Alias {
            name: "live".into(),
            function_version: "1".into(),
            event_invoke_config: latest,
            ..Default::default()
        });
        let topology = Topology::build(&scenario);
        let links = diagram::links_with_qualifiers(&scenario, &topology);
        let node = |kind, name| topology.find(kind, name).expect("a node");
        let function = node_sentence(
            Lang::En,
            &topology,
            &links,
            node(Kind::Function, "resize-image"),
            Status::Idle,
        );
        assert!(
            function.contains("on failure sends to SNS topic image-alerts, live: on success sends to SQS queue image-metadata"),
            "{function}"
        );
        let topic = node_sentence(
            Lang::En,
            &topology,
            &links,
            node(Kind::Topic, "image-alerts"),
            Status::Idle,
        );
        assert!(
            topic.contains("Lambda function resize-image:live"),
            "{topic}"
        );
    }

    #[test]
    fn a_node_is_named_by_what_it_shows_first_then_by_its_sentence() {
        let description = "SQS queue image-metadata, receives the success records".to_string();
        assert_eq!(
            node_label("image-metadata", "idle", &["0 messages".into()], Some(&description)),
            "image-metadata idle 0 messages, SQS queue image-metadata, receives the success records"
        );
        assert_eq!(
            node_label("a-very-long-name…", "retrying", &[], None),
            "a-very-long-name… retrying"
        );
    }

    #[test]
    fn in_korean_a_node_sentence_gives_each_name_the_particle_it_takes() {
        let sentence = |gallery: usize, kind: Kind, name: &str| {
            let scenario = crate::gallery::load(gallery);
            let topology = Topology::build(&scenario);
            let links = diagram::links(&scenario, &topology);
            let id = topology.find(kind, name).expect("a gallery resource");
            node_sentence(Lang::Ko, &topology, &links, id, Status::Idle)
        };
        let resize = sentence(0, Kind::Function, "resize-image");
        assert!(
            resize.contains(
                "SQS 큐 image-metadata로 성공 시 보냄, SNS 토픽 image-alerts로 실패 시 보냄"
            ),
            "{resize}"
        );
        let kinesis = crate::gallery::index_of("kinesis-dlq").expect("the Kinesis lesson");
        let stream = sentence(kinesis, Kind::KinesisStream, "clickstream");
        assert!(
            stream.contains("Lambda 함수 process-clicks를 호출하는 이벤트 소스 매핑이 읽음"),
            "{stream}"
        );
        let process = sentence(kinesis, Kind::Function, "process-clicks");
        assert!(
            process.contains("Kinesis 스트림 clickstream을 읽는 이벤트 소스 매핑이 호출함"),
            "{process}"
        );
    }
}
