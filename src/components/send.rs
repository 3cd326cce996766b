//! "Send something here": put a message, object, record or event into the selected queue, topic,
//! bucket, stream or bus at the current step, as the AWS CLI would.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use engine::scenario::Input;
use engine::topology::{Kind, ResourceId};
use serde_json::Value;
use yew::prelude::*;

/// Properties: the resource to send to.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The selected resource.
    pub resource: ResourceId,
}

/// What the form asks for, per kind: (key label, body label, body must be JSON, default key, default body).
fn form_for(kind: Kind) -> Option<(Option<T>, T, bool, &'static str, &'static str)> {
    Some(match kind {
        Kind::Queue => (None, T::MessageBody, false, "", "{\"orderId\": \"1234\"}"),
        Kind::Topic => (None, T::MessageBody, false, "", "Order 1234 shipped"),
        Kind::Bucket => (
            Some(T::ObjectKey),
            T::MessageBody,
            false,
            "uploads/dog.jpg",
            "",
        ),
        Kind::KinesisStream => (
            Some(T::PartitionKey),
            T::RecordData,
            true,
            "user-1",
            "{\"page\": \"/home\", \"valid\": true}",
        ),
        Kind::DynamoDbStream => (None, T::ItemJson, true, "", "{\"id\": {\"S\": \"1\"}}"),
        Kind::KafkaTopic => (
            Some(T::RecordKey),
            T::RecordData,
            true,
            "order-1",
            "{\"total\": 42}",
        ),
        Kind::EventBus => (None, T::EventDetail, true, "", "{\"orderId\": \"1234\"}"),
        _ => return None,
    })
}

/// The form; renders nothing for kinds that receive no direct input.
#[component]
pub fn SendForm(props: &Props) -> Html {
    let store = use_context::<Store>();
    let key = use_state(String::new);
    let body = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let Some(store) = store else { return html! {} };
    let lang = store.lang;
    let resource = store.sim.run.topology.get(props.resource).clone();
    let Some((key_label, body_label, needs_json, default_key, default_body)) =
        form_for(resource.kind)
    else {
        return html! {};
    };
    let key_text = if key.is_empty() {
        default_key.to_string()
    } else {
        (*key).clone()
    };
    let body_text = (*body).clone().unwrap_or_else(|| default_body.to_string());
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            key.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_body = {
        let body = body.clone();
        Callback::from(move |e: InputEvent| {
            body.set(Some(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            ))
        })
    };
    let onsubmit = {
        let (store, error) = (store.clone(), error.clone());
        let (key_text, body_text) = (key_text.clone(), body_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parsed = serde_json::from_str::<Value>(&body_text);
            let value = match (needs_json, parsed) {
                (_, Ok(value)) => value,
                (false, Err(_)) => Value::String(body_text.clone()),
                (true, Err(e)) => {
                    error.set(Some(format!(
                        "{} (line {}, column {}): {e}",
                        T::NotJson.get(store.lang),
                        e.line(),
                        e.column()
                    )));
                    return;
                }
            };
            error.set(None);
            let at = store.insertion_time();
            let name = resource.name.clone();
            let input = match resource.kind {
                Kind::Queue => Input::SendMessage {
                    at,
                    queue_name: name,
                    message_body: value,
                    message_group_id: name_is_fifo(&resource.name).then(|| "group-1".to_string()),
                },
                Kind::Topic => Input::Publish {
                    at,
                    topic_name: name,
                    message: value,
                    subject: None,
                },
                Kind::Bucket => Input::PutObject {
                    at,
                    bucket: name,
                    key: key_text.clone(),
                    size: body_text.len().max(1) as u64,
                },
                Kind::KinesisStream => Input::PutRecord {
                    at,
                    stream_name: name,
                    partition_key: key_text.clone(),
                    data: value,
                },
                Kind::DynamoDbStream => Input::PutItem {
                    at,
                    table_name: name,
                    item: value,
                },
                Kind::KafkaTopic => {
                    let (cluster, topic) = name
                        .split_once('/')
                        .map(|(c, t)| (c.to_string(), t.to_string()))
                        .unwrap_or_default();
                    Input::Produce {
                        at,
                        cluster_name: cluster,
                        topic,
                        key: Some(key_text.clone()),
                        value,
                    }
                }
                _ => Input::PutEvents {
                    at,
                    event_bus_name: name,
                    source: "my.app".into(),
                    detail_type: "Order Placed".into(),
                    detail: value,
                },
            };
            store.dispatch(Action::AddInput(input));
        })
    };
    html! {
        <details class="send">
            <summary data-testid="send-open">{ T::SendToResource.get(lang) }</summary>
            <form {onsubmit}>
                if let Some(label) = key_label {
                    <label class="field">
                        <span>{ label.get(lang) }</span>
                        <input type="text" value={key_text} oninput={on_key} data-testid="send-key" />
                    </label>
                }
                <label class="field">
                    <span>{ body_label.get(lang) }</span>
                    <textarea rows="3" spellcheck="false" value={body_text} oninput={on_body} data-testid="send-body" aria-invalid={error.is_some().then_some("true")} />
                </label>
                if let Some(message) = &*error {
                    <p class="error" role="alert" data-testid="send-error">{ message.clone() }</p>
                }
                <button type="submit" data-testid="send-submit">{ T::Send.get(lang) }</button>
            </form>
        </details>
    }
}

fn name_is_fifo(name: &str) -> bool {
    name.ends_with(".fifo")
}
