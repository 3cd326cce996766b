//! One setting of a resource: its control, AWS's default and range, and its error line.

use crate::i18n::T;
use crate::state::{Action, Store};
use engine::aws::Limit;
use engine::edit::Edit;
use serde_json::Value;
use yew::prelude::*;

/// How a field is edited.
#[derive(Clone, Copy, PartialEq)]
pub enum Input {
    /// A whole number; empty means AWS's default.
    Number,
    /// On or off.
    Flag,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// `FunctionResponseTypes` containing `ReportBatchItemFailures`, as a flag.
    ReportFailures,
}

/// Where a field's default and range come from: the engine's table of AWS's limits, or words of
/// the field's own (a flag, a choice, a playground setting).
#[derive(Clone, Copy, PartialEq)]
pub enum Hint {
    /// A number AWS limits: its default and range from [`engine::aws::LIMITS`].
    Limit(Limit),
    /// A default and a range, as written.
    Text(&'static str, &'static str),
}

/// One field: its JSON pointer in the scenario form (the last part is AWS's name), how it is
/// edited, and its default and range as AWS documents them.
pub struct Field {
    pub pointer: &'static str,
    pub input: Input,
    pub hint: Hint,
}

impl Field {
    /// The default, as the hint and placeholder show it.
    pub fn default_text(&self) -> AttrValue {
        match self.hint {
            Hint::Limit(limit) => limit.default_text().into(),
            Hint::Text(default, _) => default.into(),
        }
    }

    /// The range, as the hint shows it (empty when there is none).
    pub fn range_text(&self) -> AttrValue {
        match self.hint {
            Hint::Limit(limit) => limit.range_text().into(),
            Hint::Text(_, range) => range.into(),
        }
    }
}

/// A field with a default and range of its own.
pub const fn field(
    pointer: &'static str,
    input: Input,
    default: &'static str,
    range: &'static str,
) -> Field {
    Field {
        pointer,
        input,
        hint: Hint::Text(default, range),
    }
}

/// A number field whose default and range are AWS's, from the engine's table.
pub const fn limited(pointer: &'static str, limit: Limit) -> Field {
    Field {
        pointer,
        input: Input::Number,
        hint: Hint::Limit(limit),
    }
}

/// Properties of [`FieldRow`].
#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub arn: String,
    pub pointer: &'static str,
    pub input: Input,
    pub default: AttrValue,
    pub range: AttrValue,
    pub current: Option<Value>,
}

/// One field, with its own error line.
#[component]
pub fn FieldRow(props: &RowProps) -> Html {
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
            html! { <input id={id.clone()} type="text" inputmode="numeric" {value} placeholder={props.default.clone()} {onchange}
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
                    .unwrap_or(props.default.as_str() == "true")
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
    let (d, r) = (&props.default, &props.range);
    let hint = match r.as_str() {
        "" => format!("{} {d}", T::DefaultValue.get(lang)),
        r => format!("{} {d} · {r}", T::DefaultValue.get(lang)),
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
