//! The settings of the selected resource, with AWS's field names, defaults and ranges; for a
//! function, also the settings of each event source mapping that invokes it. Every change is
//! checked by the engine first, and a refusal is shown under its field in AWS's words.

use super::setting_field::{field, limited, Field, FieldRow, Input};
use crate::i18n::T;
use crate::state::Store;
use engine::aws;
use engine::edit;
use engine::topology::{Kind, ResourceId};
use yew::prelude::*;

const FUNCTION: &[Field] = &[
    limited("/Timeout", aws::TIMEOUT),
    limited("/ReservedConcurrentExecutions", aws::RESERVED_CONCURRENCY),
    field(
        "/RecursiveLoop",
        Input::Choice(&["Terminate", "Allow"]),
        "Terminate",
        "",
    ),
    limited(
        "/EventInvokeConfig/MaximumRetryAttempts",
        aws::ASYNC_RETRIES,
    ),
    limited(
        "/EventInvokeConfig/MaximumEventAgeInSeconds",
        aws::EVENT_AGE,
    ),
    field("/behavior/durationMs", Input::Number, "100", "ms"),
];

const QUEUE: &[Field] = &[
    field("/FifoQueue", Input::Flag, "false", ""),
    limited("/VisibilityTimeout", aws::VISIBILITY_TIMEOUT),
    limited("/MessageRetentionPeriod", aws::MESSAGE_RETENTION),
    limited("/RedrivePolicy/maxReceiveCount", aws::MAX_RECEIVE_COUNT),
];

const TOPIC: &[Field] = &[field("/FifoTopic", Input::Flag, "false", "")];
const SHARDS: &[Field] = &[limited("/ShardCount", aws::SHARD_COUNT)];
const KAFKA: &[Field] = &[limited("/Partitions", aws::PARTITIONS)];

const STREAM_MAPPING: &[Field] = &[
    field("/Enabled", Input::Flag, "true", ""),
    limited("/BatchSize", aws::STREAM_BATCH_SIZE),
    limited("/MaximumBatchingWindowInSeconds", aws::BATCHING_WINDOW),
    field(
        "/StartingPosition",
        Input::Choice(&["TRIM_HORIZON", "LATEST"]),
        "—",
        "",
    ),
    limited("/MaximumRetryAttempts", aws::MAPPING_RETRIES),
    limited("/MaximumRecordAgeInSeconds", aws::RECORD_AGE),
    field("/BisectBatchOnFunctionError", Input::Flag, "false", ""),
    limited("/ParallelizationFactor", aws::PARALLELIZATION),
    limited("/TumblingWindowInSeconds", aws::TUMBLING_WINDOW),
    field("/FunctionResponseTypes", Input::ReportFailures, "[]", ""),
];

const QUEUE_MAPPING: &[Field] = &[
    field("/Enabled", Input::Flag, "true", ""),
    limited("/BatchSize", aws::QUEUE_BATCH_SIZE),
    limited("/MaximumBatchingWindowInSeconds", aws::BATCHING_WINDOW),
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

fn rows(store: &Store, arn: &str, fields: &'static [Field]) -> Html {
    html! {
        // Redrive settings exist only once a redrive link is drawn.
        { for fields.iter().filter(|f| !f.pointer.starts_with("/RedrivePolicy") || edit::get(&store.base, arn, "/RedrivePolicy").is_some()).map(|f| {
            html! {
                <FieldRow key={format!("{arn}{}", f.pointer)} arn={arn.to_string()} pointer={f.pointer} input={f.input}
                    default={f.default_text()} range={f.range_text()} current={edit::get(&store.base, arn, f.pointer)} />
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
