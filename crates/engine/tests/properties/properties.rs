//! Property tests over random scenarios (issue #2, "How we will know"): the same seed gives the
//! same trace; nothing panics; every asynchronous event ends in exactly one terminal event unless
//! the run was capped or cut; the trace is causal; snapshots equal folding the trace; the parser
//! never panics on arbitrary or mutated text.

#![allow(clippy::unwrap_used)]

use crate::generate::{options, scenario};
use engine::trace::What;
use engine::{simulate, Kind, RunOptions, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_same_seed_gives_the_same_trace(scenario in scenario()) {
        let a = simulate(&scenario, &options());
        let b = simulate(&scenario, &options());
        prop_assert_eq!(serde_json::to_string(&a.trace).unwrap(), serde_json::to_string(&b.trace).unwrap());
        prop_assert_eq!(a.capped, b.capped);
    }

    #[test]
    fn another_seed_runs_without_panicking(scenario in scenario(), seed in any::<u64>()) {
        let run = simulate(&scenario, &RunOptions { seed: Some(seed), ..options() });
        prop_assert!(!run.trace.events.is_empty() || scenario.inputs.is_empty());
    }

    #[test]
    fn every_async_event_ends_exactly_once_unless_the_run_was_capped(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        if !run.capped {
            let mut open = std::collections::BTreeMap::new();
            for e in &run.trace.events {
                match e.what {
                    What::AsyncAccepted => *open.entry(e.request).or_insert(0i32) += 1,
                    What::AsyncCompleted | What::AsyncDropped => *open.entry(e.request).or_insert(0) -= 1,
                    _ => {}
                }
            }
            for (request, count) in open {
                prop_assert_eq!(count, 0, "request {:?} did not end exactly once", request);
            }
        }
    }

    #[test]
    fn a_run_cut_by_until_is_a_prefix_of_the_whole_run(scenario in scenario(), until in 0u64..300_000) {
        let whole = simulate(&scenario, &options());
        prop_assume!(!whole.capped);
        let cut = simulate(&scenario, &RunOptions { until: Some(until), ..options() });
        prop_assert!(cut.trace.events.iter().all(|e| e.at <= until));
        prop_assert_eq!(&whole.trace.events[..cut.trace.events.len()], &cut.trace.events[..]);
    }

    #[test]
    fn the_trace_is_causal_and_in_time_order(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        let events = &run.trace.events;
        for (i, e) in events.iter().enumerate() {
            if let Some(parent) = e.parent {
                prop_assert!((parent as usize) < i, "event {} has a later parent {}", i, parent);
                prop_assert!(events[parent as usize].at <= e.at);
            }
            if i > 0 {
                prop_assert!(events[i - 1].at <= e.at, "time goes back at {}", i);
            }
            if let Some(r) = e.request {
                prop_assert!((r as usize) < run.trace.requests.len());
            }
            prop_assert!((e.resource as usize) < run.topology.resources.len().max(1));
        }
    }

    #[test]
    fn every_destination_record_is_json_with_a_request_context(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        for e in &run.trace.events {
            if let What::Delivered { via, body, target, .. } = e.what {
                if via.side().is_some() && run.topology.get(target).kind != Kind::EventBus {
                    let text = run.trace.body(body);
                    match serde_json::from_str::<Value>(text) {
                        Ok(record) => prop_assert!(record.get("requestContext").is_some(), "{}", record),
                        // Records of a long Lambda-to-Lambda chain nest past serde_json's default
                        // depth limit of 128; they are still records.
                        Err(e) => prop_assert!(e.to_string().contains("recursion limit") && text.starts_with("{\"version\""), "{e}"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_world_snapshot_at_any_step_equals_folding_the_trace_to_it(scenario in scenario(), at in 0.0f64..=1.0) {
        let run = simulate(&scenario, &options());
        let timeline = engine::Timeline::new(&run);
        let step = (run.trace.events.len() as f64 * at) as usize;
        let mut folded = engine::World::empty(run.topology.resources.len());
        let kinds: Vec<Kind> = run.topology.resources.iter().map(|r| r.kind).collect();
        for _ in 0..step {
            folded.apply(&run.trace, &kinds);
        }
        prop_assert_eq!(timeline.world_after(&run, step), folded);
    }

    #[test]
    fn validation_and_narration_never_panic(scenario in scenario()) {
        let topology = engine::Topology::build(&scenario);
        let _ = engine::validate(&scenario, &topology);
        let run = simulate(&scenario, &RunOptions { max_events: Some(2_000), ..RunOptions::default() });
        for lang in [engine::lang::Lang::En, engine::lang::Lang::Ko] {
            let log = engine::narrate::text_log(&run, lang);
            prop_assert_eq!(log.lines().count(), run.trace.events.len());
        }
    }

    #[test]
    fn a_generated_scenario_round_trips_through_json(scenario in scenario()) {
        let again = Scenario::from_json(&scenario.to_json_pretty()).unwrap();
        prop_assert_eq!(scenario, again);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,300}") {
        let _ = engine::load(&text);
    }

    #[test]
    fn json_shaped_garbage_never_panics_the_parser_or_the_simulator(
        document in arbitrary_json(3).prop_map(|mut v| {
            if let Some(map) = v.as_object_mut() { map.insert("version".into(), json!(1)); }
            v
        })
    ) {
        if let Ok((scenario, _, _)) = engine::load(&document.to_string()) {
            let _ = simulate(&scenario, &options());
        }
    }

    #[test]
    fn mutated_gallery_scenarios_never_panic_the_parser_or_the_simulator(
        file in 0usize..10, cut in 0usize..20_000, byte in any::<u8>()
    ) {
        let files = gallery();
        let text = &files[file % files.len()];
        let mut bytes = text.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok((scenario, _, _)) = engine::load(&mutated) {
            let _ = simulate(&scenario, &options());
        }
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let _ = engine::load(&text[..end]);
    }
}

/// JSON values whose object keys are drawn from the scenario format's own field names, so the
/// parser gets past the first unknown field now and then.
fn arbitrary_json(depth: u32) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("functions"),
        Just("queues"),
        Just("inputs"),
        Just("FunctionName"),
        Just("QueueName"),
        Just("type"),
        Just("at"),
        Just("behavior"),
        Just("EventInvokeConfig"),
        Just("MaximumRetryAttempts"),
        Just("invoke"),
        Just("Payload"),
        Just("InvocationType"),
        Just("x"),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("f"),
            Just("Event"),
            Just("invoke"),
            Just("q"),
            Just("")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(depth, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..5).prop_map(|pairs| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn gallery() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
