//! The settings of the selected resource, with AWS's field names, defaults and ranges; for a
//! function, also the settings of each event source mapping that invokes it. Every change is
//! checked by the engine first, and a refusal is shown under its field in AWS's words.

use crate::i18n::T;
use crate::state::{Action, Store};
use engine::edit::{self, Edit};
use engine::topology::{Kind, ResourceId};
use serde_json::Value;
use yew::prelude::*;

/// How a field is edited.
#[derive(Clone, Copy, PartialEq)]
enum Input {
    /// A whole number; empty means AWS's default.
    Number,
    /// On or off.
    Flag,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// `FunctionResponseTypes` containing `ReportBatchItemFailures`, as a flag.
    ReportFailures,
}

/// One field: its JSON pointer in the scenario form (the last part is AWS's name), how it is
/// edited, and its default and range as AWS documents them.
struct Field {
    pointer: &'static str,
    input: Input,
    default: &'static str,
    range: &'static str,
}

const fn field(
    pointer: &'static str,
    input: Input,
    default: &'static str,
    range: &'static str,
) -> Field {
    Field {
        pointer,
        input,
        default,
        range,
    }
}

const FUNCTION: &[Field] = &[
    field("/Timeout", Input::Number, "3", "1–900"),
    field(
        "/ReservedConcurrentExecutions",
        Input::Number,
        "—",
        "0–1000",
    ),
    field(
        "/RecursiveLoop",
        Input::Choice(&["Terminate", "Allow"]),
        "Terminate",
        "",
    ),
    field(
        "/EventInvokeConfig/MaximumRetryAttempts",
        Input::Number,
        "2",
        "0–2",
    ),
    field(
        "/EventInvokeConfig/MaximumEventAgeInSeconds",
        Input::Number,
        "21600",
        "60–21600",
    ),
    field("/behavior/durationMs", Input::Number, "100", "ms"),
];

const QUEUE: &[Field] = &[
    field("/FifoQueue", Input::Flag, "false", ""),
    field("/VisibilityTimeout", Input::Number, "30", "0–43200"),
    field(
        "/RedrivePolicy/maxReceiveCount",
        Input::Number,
        "—",
        "1–1000",
    ),
];

const TOPIC: &[Field] = &[field("/FifoTopic", Input::Flag, "false", "")];
const SHARDS: &[Field] = &[field("/ShardCount", Input::Number, "1", "1–64")];
const KAFKA: &[Field] = &[field("/Partitions", Input::Number, "1", "1–64")];

const STREAM_MAPPING: &[Field] = &[
    field("/Enabled", Input::Flag, "true", ""),
    field("/BatchSize", Input::Number, "100", "1–10000"),
    field(
        "/MaximumBatchingWindowInSeconds",
        Input::Number,
        "0",
        "0–300",
    ),
    field(
        "/StartingPosition",
        Input::Choice(&["TRIM_HORIZON", "LATEST"]),
        "—",
        "",
    ),
    field("/MaximumRetryAttempts", Input::Number, "-1", "-1–10000"),
    field(
        "/MaximumRecordAgeInSeconds",
        Input::Number,
        "-1",
        "-1, 60–604800",
    ),
    field("/BisectBatchOnFunctionError", Input::Flag, "false", ""),
    field("/ParallelizationFactor", Input::Number, "1", "1–10"),
    field("/TumblingWindowInSeconds", Input::Number, "0", "0–900"),
    field("/FunctionResponseTypes", Input::ReportFailures, "[]", ""),
];

const QUEUE_MAPPING: &[Field] = &[
    field("/Enabled", Input::Flag, "true", ""),
    field("/BatchSize", Input::Number, "10", "1–10000"),
    field(
        "/MaximumBatchingWindowInSeconds",
        Input::Number,
        "0",
        "0–300",
    ),
    field("/FunctionResponseTypes", Input::ReportFailures, "[]", ""),
];

fn fields_for(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Function => FUNCTION,
        Kind::Queue => QUEUE,
        Kind::Topic => TOPIC,
        Kind::KinesisStream | Kind::DynamoDbStream => SHARDS,
        Kind::KafkaTopic => KAFKA,
        _ => &[],
    }
}

/// Properties of [`FieldRow`].
#[derive(Properties, PartialEq)]
struct RowProps {
    arn: String,
    pointer: &'static str,
    input: Input,
    default: &'static str,
    range: &'static str,
    current: Option<Value>,
}

/// One field, with its own error line.
#[component]
fn FieldRow(props: &RowProps) -> Html {
    let store = use_context::<Store>();
    // Text that is not a number never reaches the engine; what the engine refuses is in the store.
    let not_a_number = use_state(|| None::<String>);
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let name = props.pointer.rsplit('/').next().unwrap_or(props.pointer);
    let path = props.pointer.trim_start_matches('/').replace('/', "-");
    // Unique on the page: a function and each of its mappings have fields of the same name.
    let id = format!(
        "setting-{}-{path}",
        engine::rng::stable_hash(&props.arn) % 1_000_000
    );
    let test_id = format!("setting-{path}");
    let error = (*not_a_number).clone().or_else(|| {
        store
            .refused
            .as_ref()
            .filter(|r| r.of_setting(&props.arn, props.pointer))
            .map(|r| super::refusal_text(lang, &r.why))
    });
    let commit = {
        let store = store.clone();
        let not_a_number = not_a_number.clone();
        let arn = props.arn.clone();
        let pointer = props.pointer;
        Callback::from(move |value: Value| {
            not_a_number.set(None);
            store.dispatch(Action::Edit(Edit::Set {
                arn: arn.clone(),
                pointer: pointer.to_string(),
                value,
            }));
        })
    };
    let control = match props.input {
        Input::Number => {
            let onchange = {
                let commit = commit.clone();
                let not_a_number = not_a_number.clone();
                Callback::from(move |e: Event| {
                    let text = e
                        .target_unchecked_into::<web_sys::HtmlInputElement>()
                        .value();
                    let text = text.trim();
                    if text.is_empty() {
                        commit.emit(Value::Null);
                    } else {
                        match text.parse::<i64>() {
                            Ok(n) => commit.emit(Value::from(n)),
                            Err(_) => not_a_number
                                .set(Some(format!("{}: {text}", T::NotANumber.get(lang)))),
                        }
                    }
                })
            };
            let value = props
                .current
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            html! { <input id={id.clone()} type="text" inputmode="numeric" {value} placeholder={props.default} {onchange}
            aria-invalid={error.is_some().to_string()} data-testid={test_id.clone()} /> }
        }
        Input::Flag | Input::ReportFailures => {
            let report = props.input == Input::ReportFailures;
            let checked = if report {
                props
                    .current
                    .as_ref()
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|v| v == "ReportBatchItemFailures"))
            } else {
                props
                    .current
                    .as_ref()
                    .and_then(Value::as_bool)
                    .unwrap_or(props.default == "true")
            };
            let onchange = {
                let commit = commit.clone();
                Callback::from(move |e: Event| {
                    let on = e
                        .target_unchecked_into::<web_sys::HtmlInputElement>()
                        .checked();
                    commit.emit(match (report, on) {
                        (true, true) => serde_json::json!(["ReportBatchItemFailures"]),
                        (true, false) => Value::Null,
                        (false, on) => Value::Bool(on),
                    });
                })
            };
            html! { <input id={id.clone()} type="checkbox" {checked} {onchange} data-testid={test_id.clone()} /> }
        }
        Input::Choice(choices) => {
            let current = props
                .current
                .as_ref()
                .and_then(Value::as_str)
                .map(str::to_string);
            let onchange = {
                let commit = commit.clone();
                Callback::from(move |e: Event| {
                    let value = e
                        .target_unchecked_into::<web_sys::HtmlSelectElement>()
                        .value();
                    commit.emit(if value.is_empty() {
                        Value::Null
                    } else {
                        Value::String(value)
                    });
                })
            };
            html! {
                <select id={id.clone()} {onchange} data-testid={test_id.clone()}>
                    <option value="" selected={current.is_none()}>{ format!("{} ({})", T::DefaultValue.get(lang), props.default) }</option>
                    { for choices.iter().map(|c| html! { <option value={*c} selected={current.as_deref() == Some(*c)}>{ *c }</option> }) }
                </select>
            }
        }
    };
    let hint = match (props.default, props.range) {
        (d, "") => format!("{} {d}", T::DefaultValue.get(lang)),
        (d, r) => format!("{} {d} · {r}", T::DefaultValue.get(lang)),
    };
    html! {
        <div class="setting">
            <label for={id.clone()}><code>{ name }</code></label>
            { control }
            <span class="hint">{ hint }</span>
            if let Some(message) = error {
                <p class="aws-error" role="alert" data-testid="setting-error">{ message }</p>
            }
        </div>
    }
}

fn rows(store: &Store, arn: &str, fields: &'static [Field]) -> Html {
    html! {
        // Redrive settings exist only once a redrive link is drawn.
        { for fields.iter().filter(|f| !f.pointer.starts_with("/RedrivePolicy") || edit::get(&store.base, arn, "/RedrivePolicy").is_some()).map(|f| {
            html! {
                <FieldRow key={format!("{arn}{}", f.pointer)} arn={arn.to_string()} pointer={f.pointer} input={f.input}
                    default={f.default} range={f.range} current={edit::get(&store.base, arn, f.pointer)} />
            }
        }) }
    }
}

/// Properties of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The selected resource.
    pub resource: ResourceId,
}

/// The settings section.
#[component]
pub fn Settings(props: &Props) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let topology = &store.sim.run.topology;
    let Some(resource) = topology.resources.get(props.resource as usize) else {
        return html! {};
    };
    let fields = fields_for(resource.kind);
    // The mappings that invoke this function, or that read from this source.
    let mappings: Vec<(String, String, &'static [Field])> = store
        .sim
        .links
        .iter()
        .filter(|l| l.kind == engine::diagram::LinkKind::Mapping)
        .filter(|l| l.from == props.resource || l.to == props.resource)
        .filter_map(|l| {
            let mapping = topology.get(l.via?);
            let source = topology.get(l.from);
            let fields = if source.kind == Kind::Queue {
                QUEUE_MAPPING
            } else {
                STREAM_MAPPING
            };
            Some((
                mapping.arn.clone(),
                format!("{} → {}", source.name, topology.get(l.to).name),
                fields,
            ))
        })
        .collect();
    if fields.is_empty() && mappings.is_empty() {
        return html! {};
    }
    html! {
        <details class="settings" open=true data-testid="settings">
            <summary>{ T::Settings.get(lang) }</summary>
            { rows(&store, &resource.arn, fields) }
            { for mappings.iter().map(|(arn, title, fields)| html! {
                <fieldset class="mapping-settings" data-testid="mapping-settings">
                    <legend>{ format!("{}: {title}", T::KindMapping.get(lang)) }</legend>
                    { rows(&store, arn, fields) }
                </fieldset>
            }) }
        </details>
    }
}
