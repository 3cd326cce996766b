//! One component per file; each reads the [`crate::state::Store`] from context.

pub mod about;
pub mod aws_cli;
pub mod canvas;
pub mod compare;
pub mod diagrams_menu;
pub mod dialog;
pub mod edit_panel;
pub mod embed_bar;
pub mod embed_dialog;
pub mod fault_menu;
pub mod findings;
pub mod header;
pub mod import_dialog;
pub mod inspector;
pub mod invoke;
pub mod kept;
pub mod link_dialog;
pub mod log;
pub mod markers;
pub mod notices;
pub mod offline_notices;
pub mod palette;
pub mod player;
pub mod refusal_notice;
pub mod send;
pub mod setting_field;
pub mod settings;
pub mod share;
pub mod shortcuts;
pub mod tokens;
pub mod versions;

use crate::i18n::T;
use engine::diagram::LinkKind;
use engine::trace::Via;
use engine::world::Status;
use engine::Kind;

/// What a resource kind is called in the interface.
pub fn kind_label(kind: Kind) -> T {
    match kind {
        Kind::Function => T::KindFunction,
        Kind::Queue => T::KindQueue,
        Kind::Topic => T::KindTopic,
        Kind::EventBus => T::KindEventBus,
        Kind::Bucket => T::KindBucket,
        Kind::KinesisStream => T::KindKinesis,
        Kind::DynamoDbStream => T::KindDynamoDb,
        Kind::KafkaTopic => T::KindKafka,
        Kind::EventSourceMapping => T::KindMapping,
        Kind::Client => T::KindClient,
    }
}

/// What a link kind is called in the interface.
pub fn link_label(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::LinkSync,
        LinkKind::AsyncTrigger => T::LinkAsync,
        LinkKind::Mapping => T::LinkMapping,
        LinkKind::OnSuccess => T::LinkOnSuccess,
        LinkKind::OnFailure => T::LinkOnFailure,
        LinkKind::MappingOnFailure => T::LinkMappingOnFailure,
        LinkKind::DeadLetterQueue => T::LinkDlq,
        LinkKind::Subscription => T::LinkSubscription,
        LinkKind::RuleTarget => T::LinkRuleTarget,
        LinkKind::Redrive => T::LinkRedrive,
    }
}

/// What a node status is called in the interface.
pub fn status_label(status: Status) -> T {
    match status {
        Status::Idle => T::StatusIdle,
        Status::Running => T::StatusRunning,
        Status::Retrying => T::StatusRetrying,
        Status::Succeeded => T::StatusSucceeded,
        Status::Failed => T::StatusFailed,
        Status::Throttled => T::StatusThrottled,
        Status::Blocked => T::StatusBlocked,
        Status::Dropped => T::StatusDropped,
    }
}

/// Stable class name for a status.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Idle => "idle",
        Status::Running => "running",
        Status::Retrying => "retrying",
        Status::Succeeded => "succeeded",
        Status::Failed => "failed",
        Status::Throttled => "throttled",
        Status::Blocked => "blocked",
        Status::Dropped => "dropped",
    }
}

/// Pretty-prints JSON text (keeping key order); anything else is returned as it is.
pub fn pretty_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

/// How something reached a target, in AWS's words.
pub fn via_label(via: Via) -> &'static str {
    match via {
        Via::OnSuccess => "OnSuccess",
        Via::OnFailure => "OnFailure",
        Via::DeadLetterQueue => "DeadLetterConfig",
        Via::MappingOnFailure => "EventSourceMapping OnFailure",
        Via::Subscription => "SNS subscription",
        Via::RuleTarget => "EventBridge rule",
        Via::Notification => "S3 notification",
        Via::Redrive => "RedrivePolicy",
        Via::Input => "Input",
    }
}

/// Why an edit was refused, in AWS's words when AWS would refuse it.
pub fn refusal_text(lang: crate::i18n::Lang, refused: &engine::edit::Refused) -> String {
    use engine::edit::Refused;
    match refused {
        Refused::Aws(findings) => findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Refused::Invalid(message) => message.clone(),
        Refused::Missing(_) => T::Missing.get(lang).into(),
        Refused::AlreadyLinked => T::AlreadyLinked.get(lang).into(),
        Refused::NoSuchLink(..) => T::NoLinkBetween.get(lang).into(),
        Refused::EmptyName => T::EmptyName.get(lang).into(),
    }
}

/// Focuses the first enabled button inside `container` (a dialog that just opened).
pub fn focus_first_button(container: &yew::NodeRef) {
    use wasm_bindgen::JsCast;
    if let Some(button) = container
        .cast::<web_sys::Element>()
        .and_then(|d| d.query_selector("button:not([disabled])").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
