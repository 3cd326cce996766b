//! Drawing a diagram from an empty canvas: adding, linking, renaming, removing, copying. Links AWS
//! would refuse are refused with the engine's own validation messages.

use crate::common;

use engine::diagram::{self, LinkKind};
use engine::edit::{self, Edit, LinkSpec, Refused};
use engine::scenario::{Input, InvocationType, Point, Scenario};
use engine::trace::{Via, What};
use engine::{simulate, validate, Kind, RunOptions, Severity, Topology};

const AT: Point = Point { x: 0.0, y: 0.0 };

fn add(scenario: &mut Scenario, kind: Kind) -> String {
    edit::apply(scenario, &Edit::Add(kind, AT))
        .expect("adding is always accepted")
        .expect("adding names the new resource")
}

fn spec(from: &str, to: &str, kind: LinkKind) -> LinkSpec {
    LinkSpec {
        from: from.into(),
        to: to.into(),
        kind,
        mapping: None,
        qualifier: None,
    }
}

fn link(scenario: &mut Scenario, from: &str, to: &str, kind: LinkKind) {
    edit::apply(scenario, &Edit::Link(spec(from, to, kind)))
        .unwrap_or_else(|e| panic!("{kind:?} from {from} to {to} is accepted: {e:?}"));
}

fn errors(scenario: &Scenario) -> Vec<String> {
    validate(scenario, &Topology::build(scenario))
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message)
        .collect()
}

fn received(scenario: &Scenario, name: &str) -> Vec<Via> {
    let run = simulate(scenario, &RunOptions::default());
    run.trace
        .events
        .iter()
        .filter_map(|e| match e.what {
            What::Delivered { target, via, .. } if run.topology.name(target) == name => Some(via),
            _ => None,
        })
        .collect()
}

fn rename(scenario: &mut Scenario, arn: &str, name: &str) -> String {
    edit::apply(scenario, &Edit::Rename(arn.into(), name.into()))
        .unwrap_or_else(|e| panic!("rename to {name} is accepted: {e:?}"))
        .expect("rename gives the new ARN")
}

/// The brief's image-processing scenario, drawn from nothing.
fn image_processing_drawn() -> (Scenario, [String; 4]) {
    let mut s = Scenario::empty();
    let bucket = {
        let arn = add(&mut s, Kind::Bucket);
        rename(&mut s, &arn, "images")
    };
    let function = {
        let arn = add(&mut s, Kind::Function);
        rename(&mut s, &arn, "resize-image")
    };
    let queue = {
        let arn = add(&mut s, Kind::Queue);
        rename(&mut s, &arn, "image-metadata")
    };
    let topic = {
        let arn = add(&mut s, Kind::Topic);
        rename(&mut s, &arn, "image-alerts")
    };
    link(&mut s, &bucket, &function, LinkKind::AsyncTrigger);
    link(&mut s, &function, &queue, LinkKind::OnSuccess);
    link(&mut s, &function, &topic, LinkKind::OnFailure);
    (s, [bucket, function, queue, topic])
}

#[test]
fn new_resources_get_free_default_names_and_sit_where_they_were_dropped() {
    let mut s = Scenario::empty();
    let first = add(&mut s, Kind::Function);
    let second = add(&mut s, Kind::Function);
    assert_eq!(
        first,
        "arn:aws:lambda:us-east-2:123456789012:function:function-1"
    );
    assert_eq!(
        second,
        "arn:aws:lambda:us-east-2:123456789012:function:function-2"
    );
    let at = Point { x: 300.0, y: 120.0 };
    let queue = edit::apply(&mut s, &Edit::Add(Kind::Queue, at))
        .expect("accepted")
        .expect("named");
    assert_eq!(s.layout.get(&queue), Some(&at));
    for kind in edit::PALETTE {
        add(&mut s, kind);
    }
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
}

#[test]
fn the_image_scenario_drawn_from_an_empty_canvas_sends_its_success_record_to_the_queue() {
    let (mut s, _) = image_processing_drawn();
    s.inputs.push(Input::PutObject {
        at: 0,
        bucket: "images".into(),
        key: "uploads/cat.jpg".into(),
        size: 10,
    });
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
    assert_eq!(received(&s, "image-metadata"), [Via::OnSuccess]);
    s.functions[0].behavior.outcome = engine::scenario::Outcome::Error {
        error_type: "Error".into(),
        error_message: "boom".into(),
    };
    assert_eq!(received(&s, "image-alerts"), [Via::OnFailure]);
}

#[test]
fn a_function_and_a_queue_can_be_linked_as_success_failure_or_dead_letter_queue() {
    let (mut s, [_, function, ..]) = image_processing_drawn();
    let queue = add(&mut s, Kind::Queue);
    let options = edit::link_options(&s, &function, &queue);
    let kinds: Vec<(LinkKind, bool)> = options
        .iter()
        .map(|o| (o.link.kind, o.accepted()))
        .collect();
    assert_eq!(
        kinds,
        [
            (LinkKind::OnSuccess, true),
            (LinkKind::OnFailure, true),
            (LinkKind::DeadLetterQueue, true)
        ]
    );
}

#[test]
fn a_function_as_its_own_destination_is_refused_with_the_lambda_api_message() {
    let (mut s, [_, function, ..]) = image_processing_drawn();
    let options = edit::link_options(&s, &function, &function);
    assert!(!options.is_empty());
    for option in &options {
        assert_eq!(
            option.refusal.first().map(|f| f.message.as_str()),
            Some("You can't specify the function as a destination for itself.")
        );
    }
    let before = s.clone();
    let refused = edit::apply(&mut s, &Edit::Link(options[0].link.clone()));
    assert!(matches!(refused, Err(Refused::Aws(_))));
    assert_eq!(s, before, "a refused link changes nothing");
}

#[test]
fn s3_is_offered_as_a_failure_destination_but_refused_as_a_success_destination() {
    let (mut s, [_, function, ..]) = image_processing_drawn();
    let archive = add(&mut s, Kind::Bucket);
    let options = edit::link_options(&s, &function, &archive);
    let success = options
        .iter()
        .find(|o| o.link.kind == LinkKind::OnSuccess)
        .expect("OnSuccess offered");
    assert!(!success.accepted());
    assert!(
        success.refusal[0].message.contains("OnSuccess"),
        "{:?}",
        success.refusal
    );
    assert!(options
        .iter()
        .any(|o| o.link.kind == LinkKind::OnFailure && o.accepted()));
}

#[test]
fn the_briefs_on_failure_on_an_sqs_mapping_is_refused_with_the_unsupported_parameter_message() {
    let mut s = Scenario::empty();
    let orders = add(&mut s, Kind::Queue);
    let function = add(&mut s, Kind::Function);
    let dlq = add(&mut s, Kind::Queue);
    link(&mut s, &orders, &function, LinkKind::Mapping);
    let options = edit::link_options(&s, &function, &dlq);
    let on_mapping = options
        .iter()
        .find(|o| o.link.kind == LinkKind::MappingOnFailure)
        .expect("the mapping's OnFailure is offered");
    assert_eq!(
        on_mapping.refusal[0].message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
    // What AWS recommends instead: a redrive policy on the source queue.
    assert!(edit::link_options(&s, &orders, &dlq)
        .iter()
        .any(|o| o.link.kind == LinkKind::Redrive && o.accepted()));
}

#[test]
fn a_kinesis_mapping_takes_an_on_failure_destination_and_failed_batches_reach_it() {
    let mut s = Scenario::empty();
    let stream = add(&mut s, Kind::KinesisStream);
    let function = add(&mut s, Kind::Function);
    let dlq = add(&mut s, Kind::Queue);
    link(&mut s, &stream, &function, LinkKind::Mapping);
    let option = edit::link_options(&s, &function, &dlq)
        .into_iter()
        .find(|o| o.link.kind == LinkKind::MappingOnFailure)
        .expect("offered");
    assert!(option.accepted(), "{:?}", option.refusal);
    edit::apply(&mut s, &Edit::Link(option.link)).expect("accepted");
    s.event_source_mappings[0].maximum_retry_attempts = Some(0);
    s.functions[0].behavior.outcome = engine::scenario::Outcome::Error {
        error_type: "Error".into(),
        error_message: "bad record".into(),
    };
    s.inputs.push(Input::PutRecord {
        at: 0,
        stream_name: "stream-1".into(),
        partition_key: "k".into(),
        data: serde_json::json!({"n": 1}),
    });
    assert_eq!(received(&s, "queue-1"), [Via::MappingOnFailure]);
}

#[test]
fn nothing_links_a_bucket_to_a_queue_directly() {
    let mut s = Scenario::empty();
    let bucket = add(&mut s, Kind::Bucket);
    let queue = add(&mut s, Kind::Queue);
    assert!(edit::link_options(&s, &bucket, &queue).is_empty());
    assert_eq!(
        edit::apply(
            &mut s,
            &Edit::Link(spec(&bucket, &queue, LinkKind::AsyncTrigger))
        ),
        Err(Refused::NoSuchLink(Kind::Bucket, Kind::Queue))
    );
}

#[test]
fn the_same_link_twice_is_refused() {
    let (mut s, [bucket, function, ..]) = image_processing_drawn();
    assert_eq!(
        edit::apply(
            &mut s,
            &Edit::Link(spec(&bucket, &function, LinkKind::AsyncTrigger))
        ),
        Err(Refused::AlreadyLinked)
    );
}

#[test]
fn a_client_invokes_synchronously_or_asynchronously_from_the_timeline() {
    let mut s = Scenario::empty();
    let client = add(&mut s, Kind::Client);
    let function = add(&mut s, Kind::Function);
    link(&mut s, &client, &function, LinkKind::AsyncTrigger);
    assert!(matches!(
        s.inputs.as_slice(),
        [Input::Invoke {
            invocation_type: InvocationType::Event,
            client: Some(_),
            ..
        }]
    ));
    let topology = Topology::build(&s);
    let kinds: Vec<LinkKind> = diagram::links(&s, &topology)
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(kinds, [LinkKind::AsyncTrigger]);
    edit::apply(
        &mut s,
        &Edit::Unlink(spec(&client, &function, LinkKind::AsyncTrigger)),
    )
    .expect("unlinked");
    assert!(s.inputs.is_empty());
}

#[test]
fn renaming_a_function_carries_its_destinations_triggers_inputs_and_position() {
    let (mut s, [bucket, function, ..]) = image_processing_drawn();
    s.inputs.push(Input::Invoke {
        at: 0,
        function_name: "resize-image".into(),
        invocation_type: InvocationType::Event,
        payload: serde_json::json!({}),
        client: None,
    });
    let before = diagram::links(&s, &Topology::build(&s)).len();
    let renamed = rename(&mut s, &function, "make-thumbnail");
    assert_eq!(
        renamed,
        "arn:aws:lambda:us-east-2:123456789012:function:make-thumbnail"
    );
    assert_eq!(diagram::links(&s, &Topology::build(&s)).len(), before);
    assert!(s.layout.contains_key(&renamed) && !s.layout.contains_key(&function));
    assert!(
        matches!(&s.inputs[0], Input::Invoke { function_name, .. } if function_name == "make-thumbnail")
    );
    assert_eq!(
        s.buckets[0].lambda_function_configurations[0].lambda_function_arn,
        renamed
    );
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
    let _ = bucket;
}

#[test]
fn an_invalid_or_taken_name_is_refused_with_the_api_message_and_nothing_changes() {
    let (mut s, [_, function, queue, _]) = image_processing_drawn();
    let before = s.clone();
    let Err(Refused::Aws(findings)) =
        edit::apply(&mut s, &Edit::Rename(function.clone(), "bad name!".into()))
    else {
        panic!("an invalid function name is refused");
    };
    assert!(findings[0].message.contains("failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+"));
    let taken = edit::apply(&mut s, &Edit::Rename(queue, "image-metadata".into()));
    assert!(taken.is_ok(), "renaming to its own name is fine");
    let other = add(&mut s, Kind::Queue);
    let Err(Refused::Aws(findings)) =
        edit::apply(&mut s, &Edit::Rename(other, "image-metadata".into()))
    else {
        panic!("a taken name is refused");
    };
    assert!(
        findings[0].message.contains("already exists"),
        "{findings:?}"
    );
    s.queues.pop();
    s.layout.retain(|arn, _| before.layout.contains_key(arn));
    assert_eq!(s, before);
    assert_eq!(
        edit::apply(&mut s, &Edit::Rename(function, "  ".into())),
        Err(Refused::EmptyName)
    );
}

#[test]
fn removing_any_resource_of_any_gallery_scenario_leaves_no_dangling_reference() {
    for (file, text) in common::gallery() {
        let scenario = Scenario::from_json(&text).expect("gallery scenario parses");
        let before = errors(&scenario);
        let topology = Topology::build(&scenario);
        for id in diagram::nodes(&topology) {
            let arn = topology.get(id).arn.clone();
            let mut s = scenario.clone();
            edit::apply(&mut s, &Edit::Remove(vec![arn.clone()])).expect("removed");
            let after = Topology::build(&s);
            assert!(after.by_arn(&arn).is_none(), "{file}: {arn} is gone");
            let new: Vec<String> = errors(&s)
                .into_iter()
                .filter(|e| !before.contains(e))
                .collect();
            assert!(new.is_empty(), "{file}: removing {arn} left {new:?}");
        }
    }
}

#[test]
fn a_pasted_copy_keeps_the_configuration_under_a_free_name() {
    let (mut s, [_, function, ..]) = image_processing_drawn();
    s.functions[0].timeout = 42;
    let element = edit::copy(&s, &function).expect("copied");
    let copy = edit::apply(&mut s, &Edit::Paste(Box::new(element.clone()), AT))
        .expect("pasted")
        .expect("named");
    assert!(copy.ends_with(":function:resize-image-2"), "{copy}");
    assert_eq!(s.functions[1].timeout, 42);
    assert_eq!(
        s.functions[1].event_invoke_config,
        s.functions[0].event_invoke_config
    );
    let mut q = Scenario::empty();
    let arn = add(&mut q, Kind::Queue);
    q.queues[0].fifo_queue = true;
    let fifo = rename(&mut q, &arn, "orders.fifo");
    let element = edit::copy(&q, &fifo).expect("copied");
    let copy = edit::apply(&mut q, &Edit::Paste(Box::new(element), AT))
        .expect("pasted")
        .expect("named");
    assert!(copy.ends_with(":orders-2.fifo"), "{copy}");
}

#[test]
fn unlinking_a_destination_and_tidying_the_layout() {
    let (mut s, [_, function, queue, _]) = image_processing_drawn();
    edit::apply(
        &mut s,
        &Edit::Unlink(spec(&function, &queue, LinkKind::OnSuccess)),
    )
    .expect("unlinked");
    let kinds: Vec<LinkKind> = diagram::links(&s, &Topology::build(&s))
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(kinds, [LinkKind::AsyncTrigger, LinkKind::OnFailure]);
    assert!(!s.layout.is_empty());
    edit::apply(&mut s, &Edit::Tidy).expect("tidied");
    assert!(s.layout.is_empty());
    let moved = Point { x: 10.0, y: 20.0 };
    edit::apply(&mut s, &Edit::Move(vec![(queue.clone(), moved)])).expect("moved");
    assert_eq!(s.layout.get(&queue), Some(&moved));
    assert!(matches!(
        edit::apply(&mut s, &Edit::Move(vec![("arn:nothing".into(), moved)])),
        Err(Refused::Missing(_))
    ));
}

fn set(
    scenario: &mut Scenario,
    arn: &str,
    pointer: &str,
    value: serde_json::Value,
) -> Result<(), Refused> {
    edit::apply(
        scenario,
        &Edit::Set {
            arn: arn.into(),
            pointer: pointer.into(),
            value,
        },
    )
    .map(|_| ())
}

#[test]
fn a_setting_in_range_is_applied_and_one_out_of_range_is_refused_with_the_api_message() {
    let (mut s, [_, function, ..]) = image_processing_drawn();
    let retries = "/EventInvokeConfig/MaximumRetryAttempts";
    set(&mut s, &function, retries, serde_json::json!(0)).expect("0 retries is accepted");
    assert_eq!(
        edit::get(&s, &function, retries),
        Some(serde_json::json!(0))
    );
    let before = s.clone();
    let Err(Refused::Aws(findings)) = set(&mut s, &function, retries, serde_json::json!(5)) else {
        panic!("5 retries is refused");
    };
    assert!(
        findings[0]
            .message
            .ends_with("Member must have value less than or equal to 2"),
        "{findings:?}"
    );
    assert_eq!(s, before);
    assert!(matches!(
        set(&mut s, &function, "/Timeout", serde_json::json!("ten")),
        Err(Refused::Invalid(_))
    ));
    assert_eq!(s, before);
}

#[test]
fn clearing_a_setting_brings_back_the_default_and_drops_an_emptied_invoke_config() {
    let mut s = Scenario::empty();
    let function = add(&mut s, Kind::Function);
    let retries = "/EventInvokeConfig/MaximumRetryAttempts";
    set(&mut s, &function, retries, serde_json::json!(1)).expect("accepted");
    assert!(s.functions[0].event_invoke_config.is_some());
    set(&mut s, &function, retries, serde_json::Value::Null).expect("cleared");
    assert_eq!(s.functions[0].event_invoke_config, None);
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
}

#[test]
fn a_mapping_is_configured_through_its_own_arn() {
    let mut s = Scenario::empty();
    let stream = add(&mut s, Kind::KinesisStream);
    let function = add(&mut s, Kind::Function);
    link(&mut s, &stream, &function, LinkKind::Mapping);
    let topology = Topology::build(&s);
    let mapping = topology
        .of_kind(Kind::EventSourceMapping)
        .map(|id| topology.get(id).arn.clone())
        .next()
        .expect("a mapping");
    set(
        &mut s,
        &mapping,
        "/BisectBatchOnFunctionError",
        serde_json::json!(true),
    )
    .expect("accepted");
    assert_eq!(
        s.event_source_mappings[0].bisect_batch_on_function_error,
        Some(true)
    );
    let Err(Refused::Aws(findings)) = set(
        &mut s,
        &mapping,
        "/ParallelizationFactor",
        serde_json::json!(11),
    ) else {
        panic!("11 is out of range");
    };
    assert!(
        findings[0].message.contains("parallelizationFactor"),
        "{findings:?}"
    );
}

#[test]
fn a_kafka_topic_of_either_cluster_kind_linked_to_a_function_is_read_by_its_mapping() {
    for kind in ["MSK", "SelfManaged"] {
        let mut s = Scenario::empty();
        let topic = add(&mut s, Kind::KafkaTopic);
        let function = add(&mut s, Kind::Function);
        set(&mut s, &topic, "/ClusterKind", serde_json::json!(kind)).expect("accepted");
        // The cluster kind is part of the topic's ARN.
        let topic = {
            let t = Topology::build(&s);
            let id = t.of_kind(Kind::KafkaTopic).next().expect("the topic");
            t.get(id).arn.clone()
        };
        link(&mut s, &topic, &function, LinkKind::Mapping);
        assert!(errors(&s).is_empty(), "{kind}: {:?}", errors(&s));
        let mapping = &s.event_source_mappings[0];
        match kind {
            "MSK" => assert!(
                mapping
                    .event_source_arn
                    .as_deref()
                    .is_some_and(|arn| arn.contains(":cluster/cluster/")),
                "{kind}: the MSK cluster's ARN plus Topics: {mapping:?}"
            ),
            _ => assert_eq!(mapping.self_managed_cluster.as_deref(), Some("cluster")),
        }
        assert_eq!(mapping.topics, ["orders-1"]);
        let topology = Topology::build(&s);
        let drawn = diagram::links(&s, &topology);
        assert!(
            drawn.iter().any(|l| l.kind == LinkKind::Mapping
                && topology.get(l.from).arn == topic
                && topology.get(l.to).arn == function),
            "{kind}: the mapping is drawn from the topic to the function: {drawn:?}"
        );
        s.inputs.push(Input::Produce {
            at: 0,
            cluster_name: "cluster".into(),
            topic: "orders-1".into(),
            key: Some("k".into()),
            value: serde_json::json!({"n": 1}),
        });
        let run = simulate(&s, &RunOptions::default());
        assert_eq!(
            run.trace
                .events
                .iter()
                .filter(|e| matches!(e.what, What::BatchInvoked { .. }))
                .count(),
            1,
            "{kind}: the function reads the record"
        );
    }
}

#[test]
fn an_alias_destination_is_a_qualified_link_and_unlinking_it_leaves_latest_alone() {
    let text = include_str!("../scenarios/one-version-one-alias.json");
    let mut scenario = Scenario::from_json(text).expect("the fixture reads");
    let failed = "arn:aws:sqs:us-east-2:123456789012:checkout-failed";
    // $LATEST gets the same OnFailure destination as the alias.
    let checkout = "arn:aws:lambda:us-east-2:123456789012:function:checkout".to_string();
    link(&mut scenario, &checkout, failed, LinkKind::OnFailure);
    let topology = Topology::build(&scenario);
    let qualifiers = |s: &Scenario| -> Vec<Option<String>> {
        let t = Topology::build(s);
        diagram::links_with_qualifiers(s, &t)
            .into_iter()
            .filter(|l| l.kind == LinkKind::OnFailure)
            .map(|l| l.qualifier)
            .collect()
    };
    assert_eq!(qualifiers(&scenario), [None, Some("live".to_string())]);
    // The lesson and edit checks read $LATEST's links only.
    assert!(diagram::links(&scenario, &topology)
        .iter()
        .all(|l| l.qualifier.is_none()));

    let alias_failure = LinkSpec {
        qualifier: Some("live".into()),
        ..spec(&checkout, failed, LinkKind::OnFailure)
    };
    edit::apply(&mut scenario, &Edit::Unlink(alias_failure)).expect("unlinking is accepted");
    assert_eq!(qualifiers(&scenario), [None], "only the alias's link went");
    let live = &scenario.functions[0].aliases[0];
    let config = live.event_invoke_config.as_ref().expect("its retries stay");
    assert_eq!(config.destination_config, None);
    assert_eq!(config.maximum_retry_attempts, Some(1));
}
