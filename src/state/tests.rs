//! The reducer's tests, named after what the learner sees.

use super::*;
use engine::diagram;
use engine::scenario::Outcome;
use engine::trace::{Via, What};
use engine::Kind;

fn delivered_to(state: &State, name: &str) -> Vec<(Via, String)> {
    let run = &state.sim.run;
    run.trace
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Delivered {
                target, via, body, ..
            } if run.topology.name(*target) == name => {
                Some((*via, run.trace.body(*body).to_string()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_app_opens_on_the_image_scenario_whose_success_reaches_the_metadata_queue() {
    let state = State::new(Lang::En);
    let received = delivered_to(&state, "image-metadata");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, Via::OnSuccess);
    assert!(received[0].1.contains(r#""condition":"Success""#));
}

#[test]
fn choosing_fail_sends_the_failure_record_to_the_alerts_topic_after_three_attempts() {
    let mut state = State::new(Lang::En);
    let f = state
        .scenario
        .functions
        .iter()
        .position(|f| f.function_name == "resize-image")
        .expect("function");
    state.apply(Action::SetBehaviour(f, Behaviour::Fail));
    let received = delivered_to(&state, "image-alerts");
    assert_eq!(received.len(), 1);
    assert!(
        received[0]
            .1
            .contains(r#""condition":"RetriesExhausted","approximateInvokeCount":3"#),
        "{}",
        received[0].1
    );
    assert!(delivered_to(&state, "image-metadata").is_empty());
    state.apply(Action::SetBehaviour(f, Behaviour::Scripted));
    assert_eq!(delivered_to(&state, "image-metadata").len(), 1);
}

#[test]
fn playing_advances_one_event_per_tick_and_stops_at_the_end() {
    let mut state = State::new(Lang::En);
    state.apply(Action::Play);
    assert!(state.playing);
    for _ in 0..state.sim.len() {
        state.apply(Action::Tick);
    }
    assert!(state.at_end());
    assert!(!state.playing);
    state.apply(Action::Play);
    assert_eq!(state.step, 0, "play at the end starts again");
}

#[test]
fn stepping_back_and_forward_returns_to_the_same_world() {
    let mut state = State::new(Lang::En);
    state.apply(Action::Seek(6));
    let before = state.sim.world(state.step);
    state.apply(Action::StepForward);
    state.apply(Action::StepBack);
    assert_eq!(state.sim.world(state.step), before);
}

#[test]
fn decisions_are_jump_targets() {
    let mut state = State::new(Lang::En);
    let f = state
        .scenario
        .functions
        .iter()
        .position(|f| f.function_name == "resize-image")
        .expect("function");
    state.apply(Action::SetBehaviour(f, Behaviour::Fail));
    state.apply(Action::NextDecision);
    let event = &state.sim.run.trace.events[state.step - 1];
    assert!(
        matches!(
            event.what,
            What::RetryScheduled {
                delay_ms: 60_000,
                ..
            }
        ),
        "{:?}",
        event.what
    );
    state.apply(Action::NextDecision);
    assert!(matches!(
        state.sim.run.trace.events[state.step - 1].what,
        What::RetryScheduled {
            delay_ms: 120_000,
            ..
        }
    ));
    state.apply(Action::PreviousDecision);
    assert!(matches!(
        state.sim.run.trace.events[state.step - 1].what,
        What::RetryScheduled {
            delay_ms: 60_000,
            ..
        }
    ));
}

#[test]
fn a_fault_added_mid_run_keeps_the_past_and_changes_the_future() {
    let mut state = State::new(Lang::En);
    state.apply(Action::Seek(3));
    let before: Vec<_> = state.sim.run.trace.events[..3].to_vec();
    let at = state.insertion_time();
    state.apply(Action::AddInput(Input::DeleteResource {
        at,
        arn: "arn:aws:sqs:us-east-2:123456789012:image-metadata".into(),
    }));
    assert_eq!(state.step, 3);
    assert_eq!(&state.sim.run.trace.events[..3], &before[..]);
    assert!(delivered_to(&state, "image-metadata").is_empty());
    let failed = state.sim.run.trace.events.iter().any(|e| {
        matches!(
            e.what,
            What::DeliveryFailed {
                reason: engine::trace::DeliveryFailure::TargetDeleted,
                ..
            }
        )
    });
    assert!(
        failed,
        "the OnSuccess record fails to deliver to the deleted queue"
    );
    state.apply(Action::ClearAdded);
    assert_eq!(delivered_to(&state, "image-metadata").len(), 1);
}

#[test]
fn autosave_restores_exactly_what_the_learner_had() {
    let mut state = State::new(Lang::En);
    state.apply(Action::SetBehaviour(0, Behaviour::Fail));
    state.apply(Action::Seek(5));
    let at = state.insertion_time();
    state.apply(Action::AddInput(Input::FailNext {
        at,
        function_name: "store-metadata".into(),
        count: 1,
        outcome: Outcome::Timeout,
    }));
    let text = serde_json::to_string(&state.saved()).expect("serializes");
    let saved: Saved = serde_json::from_str(&text).expect("reads back");
    let restored = State::restore(Lang::En, saved).expect("restores");
    assert_eq!(restored.step, 5);
    assert_eq!(restored.overrides, state.overrides);
    assert_eq!(restored.added, state.added);
    assert_eq!(restored.sim.run.trace.events, state.sim.run.trace.events);
}

#[test]
fn a_scenario_opened_from_a_file_replaces_the_gallery_one_and_survives_a_restore() {
    let mut state = State::new(Lang::En);
    let text = r#"{"version":1,"functions":[{"FunctionName":"mine"}],"inputs":[{"type":"invoke","FunctionName":"mine","InvocationType":"Event"}]}"#;
    state.apply(Action::OpenScenario(Box::new(
        Scenario::from_json(text).expect("valid"),
    )));
    assert_eq!(state.gallery_index, FROM_FILE);
    assert_eq!(state.scenario.functions[0].function_name, "mine");
    let restored = State::restore(Lang::En, state.saved()).expect("restores");
    assert_eq!(restored.scenario.functions[0].function_name, "mine");
}

#[test]
fn a_kept_run_shows_where_a_fault_made_the_runs_part_and_what_changed() {
    let mut state = State::new(Lang::En);
    state.apply(Action::Seek(3));
    state.apply(Action::Keep(true));
    let at = state.insertion_time();
    state.apply(Action::AddInput(Input::FailNext {
        at,
        function_name: "store-metadata".into(),
        count: 5,
        outcome: Outcome::Timeout,
    }));
    let kept = state.kept.clone().expect("kept");
    let diff = difference(&kept, &state.sim);
    assert!(diff.first_difference.is_some_and(|s| s > 3), "{diff:?}");
    assert!(diff
        .deliveries
        .contains(&("image-metadata".to_string(), 1, 1)));
    assert_eq!(difference(&kept, &kept).first_difference, None);
}

#[test]
fn a_saved_state_from_another_version_is_not_restored() {
    let mut saved = State::new(Lang::En).saved();
    saved.version = 99;
    assert!(State::restore(Lang::En, saved).is_none());
}

#[test]
fn plus_and_minus_move_through_the_speed_steps() {
    let mut state = State::new(Lang::En);
    state.apply(Action::NudgeSpeed(true));
    assert_eq!(state.speed, 2.0);
    for _ in 0..10 {
        state.apply(Action::NudgeSpeed(false));
    }
    assert_eq!(state.speed, 0.25);
}

#[test]
fn another_seed_changes_which_attempts_a_seeded_error_rate_fails() {
    let mut state = State::new(Lang::En);
    let mut base = (*state.base).clone();
    base.functions[0].behavior.error_rate = 0.5;
    base.inputs = (0..20)
        .map(|i| Input::PutObject {
            at: i * 1000,
            bucket: "images".into(),
            key: format!("uploads/{i}.jpg"),
            size: 1,
        })
        .collect();
    state.base = Rc::new(base);
    state.apply(Action::SetSeed(1));
    let failures = |s: &State| {
        s.sim
            .run
            .trace
            .events
            .iter()
            .filter(|e| matches!(e.what, What::AttemptFailed { .. }))
            .count()
    };
    let with_one = failures(&state);
    state.apply(Action::SetSeed(1));
    assert_eq!(
        failures(&state),
        with_one,
        "the same seed gives the same run"
    );
    state.apply(Action::SetSeed(2));
    assert_ne!(failures(&state), with_one);
    assert_eq!(state.sim.run.seed, 2);
}

#[test]
fn long_waits_are_compressed_but_never_instant() {
    let mut state = State::new(Lang::En);
    let f = state
        .scenario
        .functions
        .iter()
        .position(|f| f.function_name == "resize-image")
        .expect("function");
    state.apply(Action::SetBehaviour(f, Behaviour::Fail));
    let retry = state
        .sim
        .run
        .trace
        .events
        .iter()
        .position(|e| matches!(e.what, What::AttemptStarted { attempt: 2, .. }))
        .expect("second attempt");
    state.step = retry;
    let slow = state.tick_delay_ms();
    state.speed = 16.0;
    assert!(state.tick_delay_ms() < slow);
    assert!(slow <= 1_800);
    assert_eq!(
        state
            .sim
            .run
            .topology
            .get(state.sim.run.trace.events[retry].resource)
            .kind,
        Kind::Function
    );
}

fn arn_of(state: &State, name: &str) -> String {
    let topology = &state.sim.run.topology;
    topology
        .resources
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.arn.clone())
        .unwrap_or_else(|| panic!("{name} is on the canvas"))
}

fn names(state: &State) -> Vec<String> {
    let topology = &state.sim.run.topology;
    diagram::nodes(topology)
        .map(|id| topology.name(id).to_string())
        .collect()
}

#[test]
fn every_edit_can_be_undone_and_redone_two_hundred_steps_deep() {
    let mut state = State::new(Lang::En);
    state.apply(Action::NewEmpty);
    let empty = state.base.clone();
    for i in 0..200 {
        let at = engine::scenario::Point {
            x: f64::from(i),
            y: 0.0,
        };
        state.apply(Action::Edit(Edit::Add(engine::Kind::Queue, at)));
    }
    assert_eq!(state.base.queues.len(), 200);
    let full = state.base.clone();
    for _ in 0..200 {
        state.apply(Action::Undo);
    }
    assert_eq!(state.base, empty);
    for _ in 0..200 {
        state.apply(Action::Redo);
    }
    assert_eq!(state.base, full);
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    assert_eq!(state.base.queues.len(), 198);
    state.apply(Action::Edit(Edit::Tidy));
    assert!(state.redo.is_empty(), "a new edit forgets what was undone");
}

#[test]
fn opening_a_gallery_scenario_over_a_drawing_can_be_undone() {
    let mut state = State::new(Lang::En);
    state.apply(Action::NewEmpty);
    state.apply(Action::Edit(Edit::Add(
        engine::Kind::Function,
        engine::scenario::Point { x: 1.0, y: 2.0 },
    )));
    let drawing = state.base.clone();
    state.apply(Action::OpenGallery(1));
    assert_ne!(state.base, drawing);
    state.apply(Action::Undo);
    assert_eq!(state.base, drawing);
}

#[test]
fn a_refused_link_is_reported_and_changes_nothing() {
    let mut state = State::new(Lang::En);
    let function = arn_of(&state, "resize-image");
    let before = state.base.clone();
    state.apply(Action::Edit(Edit::Link(engine::edit::LinkSpec {
        from: function.clone(),
        to: function,
        kind: engine::diagram::LinkKind::OnSuccess,
        mapping: None,
        qualifier: None,
    })));
    assert_eq!(state.base, before);
    assert!(state.undo.is_empty(), "nothing to undo");
    let Some(Refused::Aws(findings)) = state.refused.as_ref().map(|r| &r.why) else {
        panic!("refused with AWS's findings: {:?}", state.refused);
    };
    assert_eq!(
        findings[0].message,
        "You can't specify the function as a destination for itself."
    );
}

#[test]
fn a_chosen_behaviour_and_the_selection_follow_a_renamed_function() {
    let mut state = State::new(Lang::En);
    let f = state
        .base
        .functions
        .iter()
        .position(|f| f.function_name == "resize-image")
        .expect("function");
    state.apply(Action::SetBehaviour(f, Behaviour::Fail));
    let arn = arn_of(&state, "resize-image");
    state.apply(Action::Select(state.sim.run.topology.by_arn(&arn)));
    state.apply(Action::Edit(Edit::Rename(arn, "thumbnail".into())));
    assert_eq!(state.base.functions[f].function_name, "thumbnail");
    assert_eq!(state.behaviour(f), Behaviour::Fail);
    assert_eq!(delivered_to(&state, "image-alerts").len(), 1);
    let selected = state
        .selected
        .map(|id| state.sim.run.topology.name(id).to_string());
    assert_eq!(selected.as_deref(), Some("thumbnail"));
}

#[test]
fn shift_selected_resources_are_removed_together_and_come_back_with_undo() {
    let mut state = State::new(Lang::En);
    let queue = id_of(&state, "image-metadata");
    let topic = id_of(&state, "image-alerts");
    state.apply(Action::Select(Some(queue)));
    state.apply(Action::ToggleSelect(topic));
    assert_eq!(state.selected_arns().len(), 2);
    let before = names(&state);
    state.apply(Action::RemoveSelected);
    let after = names(&state);
    assert_eq!(after.len(), before.len() - 2);
    assert!(!after.contains(&"image-alerts".to_string()));
    assert!(state.findings_are_clean());
    state.apply(Action::Undo);
    assert_eq!(names(&state), before);
}

#[test]
fn duplicating_a_function_places_a_renamed_copy_next_to_it_and_selects_it() {
    let mut state = State::new(Lang::En);
    let id = Some(id_of(&state, "resize-image"));
    state.apply(Action::Select(id));
    state.apply(Action::Duplicate);
    let selected = state
        .selected
        .map(|id| state.sim.run.topology.name(id).to_string());
    assert_eq!(selected.as_deref(), Some("resize-image-2"));
    assert!(
        state.clipboard.is_empty(),
        "duplicate leaves the clipboard alone"
    );
    state.apply(Action::Copy);
    state.apply(Action::Paste);
    let selected = state
        .selected
        .map(|id| state.sim.run.topology.name(id).to_string());
    assert_eq!(selected.as_deref(), Some("resize-image-3"));
}

#[test]
fn moving_a_node_keeps_the_run_and_survives_a_restore() {
    let mut state = State::new(Lang::En);
    let sim = Rc::clone(&state.sim);
    let arn = arn_of(&state, "image-metadata");
    let to = engine::scenario::Point { x: 640.0, y: 480.0 };
    state.apply(Action::Edit(Edit::Move(vec![(arn.clone(), to)])));
    assert!(
        Rc::ptr_eq(&sim, &state.sim),
        "a move does not re-run anything"
    );
    let restored = State::restore(Lang::En, state.saved()).expect("restores");
    assert_eq!(restored.base.layout.get(&arn), Some(&to));
    state.apply(Action::Seek(5));
    state.apply(Action::Undo);
    assert!(
        Rc::ptr_eq(&sim, &state.sim),
        "undoing a move does not re-run anything"
    );
    assert_eq!(state.step, 5, "and keeps the step shown");
    assert_ne!(
        state.scenario.layout.get(&arn),
        Some(&to),
        "the node is back"
    );
    state.apply(Action::Redo);
    assert_eq!(state.scenario.layout.get(&arn), Some(&to));
    assert!(Rc::ptr_eq(&sim, &state.sim));
}

#[test]
fn a_shared_link_opens_the_same_run_at_the_same_step_and_undo_returns_to_the_own_diagram() {
    let mut state = State::new(Lang::En);
    state.apply(Action::SetBehaviour(0, Behaviour::Fail));
    state.apply(Action::Seek(7));
    let link = engine::share::encode(&state.scenario, Some(state.step as u64));
    let shared = engine::share::decode(&link).expect("the link decodes");
    let mut other = State::new(Lang::En);
    other.apply(Action::OpenGallery(3));
    let own = other.base.clone();
    other.apply(Action::OpenShared(Box::new(shared.scenario), shared.step));
    assert_eq!(other.step, 7);
    assert_eq!(other.sim.run.trace.events, state.sim.run.trace.events);
    other.apply(Action::Undo);
    assert_eq!(other.base, own);
}

#[test]
fn the_redrive_fix_replaces_the_refused_mapping_destination_and_can_be_undone() {
    let text = "aws lambda create-event-source-mapping --function-name my-function --batch-size 10 \\\n  --event-source-arn arn:aws:sqs:us-east-2:123456789012:source-queue \\\n  --destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:us-east-2:123456789012:dlq\"}}'";
    let imported = engine::import::from_text(text).expect("imports");
    let mut state = State::new(Lang::En);
    state.apply(Action::OpenImported(
        Box::new(imported.scenario),
        vec!["note".into()],
    ));
    let finding = state
        .sim
        .findings
        .iter()
        .find(|f| {
            f.message
                == "Unsupported DestinationConfig parameter for given event source mapping type."
        })
        .cloned()
        .expect("the brief's second command is refused");
    assert_eq!(state.import_notes, ["note"]);
    let index =
        engine::import::fixes::redrive_candidate(&state.base, &finding).expect("a fix is offered");
    let mut fixed = (*state.base).clone();
    engine::import::fixes::redrive_instead(&mut fixed, index).expect("fixed");
    state.apply(Action::ReplaceBase(Box::new(fixed)));
    assert!(state.findings_are_clean(), "{:?}", state.sim.findings);
    state.apply(Action::Undo);
    assert!(!state.findings_are_clean());
}

#[test]
fn what_the_learner_added_follows_a_rename_and_goes_with_a_removed_function() {
    let mut state = State::new(Lang::En);
    let at = state.insertion_time();
    state.apply(Action::AddInput(Input::FailNext {
        at,
        function_name: "resize-image".into(),
        count: 1,
        outcome: Outcome::Timeout,
    }));
    let arn = arn_of(&state, "resize-image");
    state.apply(Action::Edit(Edit::Rename(arn, "thumbnail".into())));
    assert!(
        matches!(&state.added[..], [Input::FailNext { function_name, .. }] if function_name == "thumbnail")
    );
    let arn = arn_of(&state, "thumbnail");
    state.apply(Action::Edit(Edit::Remove(vec![arn])));
    assert!(state.added.is_empty(), "{:?}", state.added);
    state.apply(Action::Undo);
    assert_eq!(state.added.len(), 1, "undo brings the addition back");
}

fn id_of(state: &State, name: &str) -> ResourceId {
    let topology = &state.sim.run.topology;
    diagram::nodes(topology)
        .find(|&id| topology.name(id) == name)
        .unwrap_or_else(|| panic!("{name} is on the canvas"))
}

#[test]
fn a_link_dropped_where_one_kind_fits_is_made_at_once() {
    let mut state = State::new(Lang::En);
    state.apply(Action::NewEmpty);
    let at = engine::scenario::Point { x: 0.0, y: 0.0 };
    state.apply(Action::Edit(Edit::Add(Kind::Bucket, at)));
    state.apply(Action::Edit(Edit::Add(Kind::Function, at)));
    let (bucket, function) = (id_of(&state, "bucket-1"), id_of(&state, "function-1"));
    state.apply(Action::LinkDropped(bucket, function));
    assert_eq!(state.linking, None, "no chooser");
    assert_eq!(
        state.base.buckets[0].lambda_function_configurations.len(),
        1
    );
    state.apply(Action::Undo);
    assert!(state.base.buckets[0]
        .lambda_function_configurations
        .is_empty());
}

#[test]
fn a_link_dropped_where_several_kinds_fit_opens_the_chooser_and_the_choice_closes_it() {
    let mut state = State::new(Lang::En);
    state.apply(Action::NewEmpty);
    let at = engine::scenario::Point { x: 0.0, y: 0.0 };
    state.apply(Action::Edit(Edit::Add(Kind::Function, at)));
    state.apply(Action::Edit(Edit::Add(Kind::Queue, at)));
    let (function, queue) = (id_of(&state, "function-1"), id_of(&state, "queue-1"));
    let before = state.base.clone();
    state.apply(Action::LinkDropped(function, queue));
    assert_eq!(state.linking, Some((function, Some(queue))));
    assert_eq!(state.base, before, "nothing is linked before the choice");
    let options = engine::edit::link_options(
        &state.base,
        &arn_of(&state, "function-1"),
        &arn_of(&state, "queue-1"),
    );
    let on_failure = options
        .iter()
        .find(|o| o.link.kind == engine::diagram::LinkKind::OnFailure)
        .expect("OnFailure is offered");
    state.apply(Action::LinkChosen(on_failure.link.clone()));
    assert_eq!(state.linking, None);
    assert!(state
        .sim
        .links
        .iter()
        .any(|l| (l.from, l.to, l.kind) == (function, queue, on_failure.link.kind)));
}

#[test]
fn a_refused_setting_is_kept_against_its_field_until_the_next_change() {
    let mut state = State::new(Lang::En);
    let function = arn_of(&state, "resize-image");
    let pointer = "/EventInvokeConfig/MaximumRetryAttempts";
    let before = state.base.clone();
    state.apply(Action::Edit(Edit::Set {
        arn: function.clone(),
        pointer: pointer.into(),
        value: serde_json::json!(7),
    }));
    assert_eq!(state.base, before, "AWS refuses 7 retries: nothing changes");
    let refused = state.refused.clone().expect("the refusal is kept");
    assert!(refused.of_setting(&function, pointer));
    assert!(
        refused.of_field(),
        "shown next to the field, not in the notice"
    );
    assert!(!refused.of_name(&function));
    state.apply(Action::Edit(Edit::Set {
        arn: function,
        pointer: pointer.into(),
        value: serde_json::json!(1),
    }));
    assert_eq!(state.refused, None);
}

/// The default scenario with a second topic, `image-failures`, linked from nowhere yet.
fn with_image_failures() -> State {
    let mut state = State::new(Lang::En);
    let at = engine::scenario::Point { x: 0.0, y: 0.0 };
    state.apply(Action::Edit(Edit::Add(Kind::Topic, at)));
    let topic = arn_of(&state, "topic-1");
    state.apply(Action::Edit(Edit::Rename(topic, "image-failures".into())));
    state
}

fn on_failure_of_resize_image(state: &State) -> Option<String> {
    let function = state
        .base
        .functions
        .iter()
        .find(|f| f.function_name == "resize-image")?;
    Some(
        function
            .event_invoke_config
            .as_ref()?
            .destination_config
            .as_ref()?
            .on_failure_arn()?
            .to_string(),
    )
}

fn on_failure_link(state: &State, to: &str) -> LinkSpec {
    LinkSpec {
        from: arn_of(state, "resize-image"),
        to: arn_of(state, to),
        kind: engine::diagram::LinkKind::OnFailure,
        mapping: None,
        qualifier: None,
    }
}

#[test]
fn a_second_on_failure_asks_before_replacing_the_first_and_cancel_keeps_it() {
    let mut state = with_image_failures();
    let alerts = arn_of(&state, "image-alerts");
    assert_eq!(on_failure_of_resize_image(&state), Some(alerts.clone()));
    let before = state.base.clone();
    let link = on_failure_link(&state, "image-failures");
    state.apply(Action::LinkChosen(link.clone()));
    assert_eq!(
        state.replacing,
        Some(Replacing {
            link,
            old: alerts.clone()
        }),
        "asks first"
    );
    assert_eq!(state.base, before, "nothing replaced before the answer");
    state.apply(Action::ConfirmReplace(false));
    assert_eq!(state.replacing, None);
    assert_eq!(state.base, before);
    assert_eq!(on_failure_of_resize_image(&state), Some(alerts));
}

#[test]
fn replacing_a_destination_is_one_change_that_undo_takes_back() {
    let mut state = with_image_failures();
    let alerts = arn_of(&state, "image-alerts");
    let failures = arn_of(&state, "image-failures");
    let undo_depth = state.undo.len();
    state.apply(Action::Edit(Edit::Link(on_failure_link(
        &state,
        "image-failures",
    ))));
    assert!(state.replacing.is_some(), "an edit from anywhere asks too");
    state.apply(Action::ConfirmReplace(true));
    assert_eq!(state.replacing, None);
    assert_eq!(on_failure_of_resize_image(&state), Some(failures));
    assert_eq!(state.undo.len(), undo_depth + 1, "one change");
    state.apply(Action::Undo);
    assert_eq!(on_failure_of_resize_image(&state), Some(alerts));
}

#[test]
fn a_first_destination_or_the_same_one_again_does_not_ask() {
    let mut state = with_image_failures();
    state.apply(Action::LinkChosen(on_failure_link(&state, "image-alerts")));
    assert_eq!(state.replacing, None, "the same target replaces nothing");
    let mut fresh = State::new(Lang::En);
    fresh.apply(Action::NewEmpty);
    let at = engine::scenario::Point { x: 0.0, y: 0.0 };
    fresh.apply(Action::Edit(Edit::Add(Kind::Function, at)));
    fresh.apply(Action::Edit(Edit::Add(Kind::Queue, at)));
    fresh.apply(Action::LinkChosen(LinkSpec {
        from: arn_of(&fresh, "function-1"),
        to: arn_of(&fresh, "queue-1"),
        kind: engine::diagram::LinkKind::OnSuccess,
        mapping: None,
        qualifier: None,
    }));
    assert_eq!(fresh.replacing, None);
    assert_eq!(fresh.sim.links.len(), 1, "made at once");
}

/// Where the run's results went, by target name.
fn results(state: &State) -> Vec<(String, Via, usize)> {
    let topology = &state.sim.run.topology;
    state
        .sim
        .results()
        .into_iter()
        .map(|(target, via, n)| (topology.name(target).to_string(), via, n))
        .collect()
}

#[test]
fn the_results_of_a_run_say_where_its_records_went() {
    let mut state = State::new(Lang::En);
    assert_eq!(
        results(&state),
        [("image-metadata".to_string(), Via::OnSuccess, 1)]
    );
    state.apply(Action::SetBehaviour(0, Behaviour::Fail));
    assert_eq!(state.base.functions[0].function_name, "resize-image");
    assert_eq!(
        results(&state),
        [("image-alerts".to_string(), Via::OnFailure, 1)]
    );
}

#[test]
fn the_image_scenario_suggests_making_resize_image_fail_to_see_on_failure() {
    let mut state = State::new(Lang::En);
    let next = state.suggestion().expect("something to try");
    assert_eq!(
        (
            next.name.as_str(),
            next.behaviour,
            next.target.as_str(),
            next.via
        ),
        (
            "resize-image",
            Behaviour::Fail,
            "image-alerts",
            Via::OnFailure
        )
    );
    // Once the learner chooses a behaviour, the suggestion has done its work.
    state.apply(Action::SetBehaviour(next.function, next.behaviour));
    assert!(delivered_to(&state, "image-alerts")
        .iter()
        .any(|(via, _)| *via == Via::OnFailure));
    assert_eq!(state.suggestion(), None);
}

#[test]
fn a_function_invoked_synchronously_gets_no_suggestion_since_destinations_would_not_fire() {
    let text = r#"{"version": 1, "title": {"en": "t", "ko": "t"},
        "functions": [{"FunctionName": "f", "EventInvokeConfig": {"DestinationConfig": {
            "OnFailure": {"Destination": "arn:aws:sqs:us-east-2:123456789012:q"},
            "OnSuccess": {"Destination": "arn:aws:sqs:us-east-2:123456789012:ok"}}}}],
        "queues": [{"QueueName": "q"}, {"QueueName": "ok"}],
        "inputs": [{"type": "invoke", "at": 0, "FunctionName": "f", "InvocationType": "RequestResponse"}]}"#;
    let mut state = State::new(Lang::En);
    state.apply(Action::OpenImported(
        Box::new(engine::Scenario::from_json(text).expect("the scenario reads")),
        Vec::new(),
    ));
    assert_eq!(state.suggestion(), None);
}
