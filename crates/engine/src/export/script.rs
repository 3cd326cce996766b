//! One POSIX shell script with every command of [`crate::awscli`] for the whole scenario, in an
//! order that works on a fresh account: dead-letter queues before the queues that redrive to
//! them, every target before the functions, all functions before their `EventInvokeConfig`s (a
//! Lambda destination must exist), resource-based permissions before the notifications and
//! subscriptions that need them, and mappings last.
//!
//! The script adds what `awscli.rs` leaves to the reader: the handler's zip, each execution role
//! (`{name}-role`, as `create-function` names it), the behaviour variable, queue and topic
//! policies for SNS and EventBridge, `aws lambda add-permission` for S3, SNS and EventBridge, and
//! waiters where AWS needs a resource to be ready.

use super::{Plan, Target, BEHAVIOR_VARIABLE, HANDLER_PY};
use crate::awscli::{commands, shell_quote, Command};
use crate::scenario::Scenario;
use crate::topology::{Kind, ResourceId, Topology};
use serde_json::{json, Value};

/// The AWS CLI commands of the whole scenario as one shell script, in dependency order.
pub fn awscli_script(scenario: &Scenario, topology: &Topology) -> String {
    let plan = Plan::new(scenario, topology);
    let mut out = String::from("#!/bin/sh\n");
    for line in plan.header() {
        out.push_str("# ");
        out.push_str(&super::comment_text(&line));
        out.push('\n');
    }
    out.push_str(&format!(
        "# ARNs use the scenario's account {} and region {}; replace them with yours before running.\n",
        super::comment_text(&scenario.account),
        super::comment_text(&scenario.region)
    ));
    out.push_str("set -eu\n");
    if !scenario.functions.is_empty() {
        out.push_str("\n# The handler every function runs (app.handler).\ncat > app.py <<'PLAYGROUND_HANDLER_EOF'\n");
        out.push_str(HANDLER_PY);
        out.push_str("PLAYGROUND_HANDLER_EOF\npython3 -m zipfile -c function.zip app.py\n");
    }
    let mut steps: Vec<(u32, String)> = Vec::new();
    let queue_depth = queue_order(&plan);
    for c in commands(scenario, topology) {
        let rank = rank_of(&plan, &c, &queue_depth);
        let follow = follow_ups(&plan, &c);
        steps.push((rank, c.text));
        steps.extend(follow.into_iter().map(|t| (rank, t)));
    }
    for (f, function) in scenario.functions.iter().enumerate() {
        steps.push((15, role_commands(&plan, f, &function.function_name)));
    }
    steps.extend(permission_commands(&plan).into_iter().map(|t| (40, t)));
    steps.extend(policy_commands(&plan).into_iter().map(|t| (45, t)));
    steps.sort_by_key(|(rank, _)| *rank);
    let mut last_rank = None;
    for (rank, text) in steps {
        if last_rank != Some(rank) {
            out.push('\n');
            if rank == 20 && last_rank == Some(15) {
                out.push_str(
                    "# IAM needs a few seconds before Lambda can assume a new role.\nsleep 10\n\n",
                );
            }
            last_rank = Some(rank);
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// Per queue, how many redrive hops lead to it, so that every dead-letter queue is created
/// before the queues that redrive to it.
fn queue_order(plan: &Plan) -> Vec<u32> {
    let queues = &plan.scenario.queues;
    let mut depth: Vec<u32> = vec![0; queues.len()];
    for _ in 0..queues.len() {
        for (i, q) in queues.iter().enumerate() {
            if let Some(target) = q
                .redrive_policy
                .as_ref()
                .and_then(|r| plan.topology.find(Kind::Queue, &r.dead_letter_target_arn))
            {
                let t = plan.topology.get(target).index;
                if t != i {
                    depth[i] = depth[i].max(depth[t].saturating_add(1).min(999));
                }
            }
        }
    }
    depth
}

/// Where a command of `awscli.rs` goes; lower runs first, equal keeps the original order.
fn rank_of(plan: &Plan, c: &Command, queue_depth: &[u32]) -> u32 {
    let text = c.text.as_str();
    let starts = |p: &str| text.starts_with(p);
    if starts("aws sqs create-queue") {
        let r = plan.topology.get(c.resource);
        let depth = if r.kind == Kind::Queue {
            queue_depth.get(r.index).copied().unwrap_or(0)
        } else {
            0
        };
        return depth.min(9);
    }
    if starts("aws sns create-topic") {
        10
    } else if starts("aws kinesis") || starts("aws dynamodb") || starts("aws s3api create-bucket") {
        11
    } else if starts("aws events create-event-bus") {
        12
    } else if starts("aws lambda publish-version") {
        25
    } else if starts("aws lambda create-alias") {
        26
    } else if starts("aws lambda put-function-event-invoke-config") {
        30
    } else if starts("aws lambda create-event-source-mapping") {
        60
    } else if starts("aws lambda") {
        20
    } else {
        50
    }
}

/// Waiters and the behaviour variable that follow a command.
fn follow_ups(plan: &Plan, c: &Command) -> Vec<String> {
    let r = plan.topology.get(c.resource);
    let name = shell_quote(&r.name);
    let text = c.text.as_str();
    let mut out = Vec::new();
    if text.starts_with("aws kinesis create-stream") {
        out.push(format!(
            "aws kinesis wait stream-exists --stream-name {name}"
        ));
    } else if text.starts_with("aws dynamodb create-table") {
        out.push(format!(
            "aws dynamodb wait table-exists --table-name {name}"
        ));
    } else if text.starts_with("aws lambda create-function") && r.kind == Kind::Function {
        out.push(format!(
            "aws lambda wait function-active-v2 --function-name {name}"
        ));
        if let Some(behavior) = plan.behavior_json(r.index) {
            let environment = json!({ "Variables": { BEHAVIOR_VARIABLE: behavior } }).to_string();
            out.push(format!(
                "aws lambda update-function-configuration \\\n    --function-name {name} \\\n    --environment {}",
                shell_quote(&environment)
            ));
            out.push(format!(
                "aws lambda wait function-updated-v2 --function-name {name}"
            ));
        }
    } else if text.starts_with("aws lambda update-function-configuration") {
        out.push(format!(
            "aws lambda wait function-updated-v2 --function-name {name}"
        ));
    }
    out
}

/// An ARN for the CLI's IAM policies: the scenario's own ARNs, with a wildcard where AWS adds a
/// part the scenario cannot know (a DynamoDB stream's label).
fn policy_arn(plan: &Plan, target: &Target) -> String {
    match target {
        Target::Any => "*".into(),
        Target::Literal(arn) => arn.clone(),
        Target::ObjectsIn(b) => format!("{}/*", plan.topology.get(*b).arn),
        Target::Resource(id) => {
            let r = plan.topology.get(*id);
            if r.kind == Kind::DynamoDbStream {
                format!(
                    "arn:aws:dynamodb:{}:{}:table/{}/stream/*",
                    plan.scenario.region, plan.scenario.account, r.name
                )
            } else {
                r.arn.clone()
            }
        }
    }
}

/// `{name}-role`: created, allowed to write logs, and given the destinations policy.
fn role_commands(plan: &Plan, f: usize, function_name: &str) -> String {
    let role = shell_quote(&format!("{function_name}-role"));
    let trust = json!({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] });
    let mut text = format!(
        "aws iam create-role \\\n    --role-name {role} \\\n    --assume-role-policy-document {}\n",
        shell_quote(&trust.to_string())
    );
    text.push_str(&format!(
        "aws iam attach-role-policy \\\n    --role-name {role} \\\n    --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ));
    let statements: Vec<Value> = plan
        .grants(f)
        .iter()
        .map(|g| {
            let resources: Vec<String> = g.targets.iter().map(|t| policy_arn(plan, t)).collect();
            json!({ "Effect": "Allow", "Action": g.actions, "Resource": resources })
        })
        .collect();
    if !statements.is_empty() {
        let document = json!({ "Version": "2012-10-17", "Statement": statements });
        text.push_str(&format!(
            "\naws iam put-role-policy \\\n    --role-name {role} \\\n    --policy-name playground-destinations \\\n    --policy-document {}",
            shell_quote(&document.to_string())
        ));
    }
    text
}

fn add_permission(function: &str, id: &str, principal: &str, source_arn: &str) -> String {
    format!(
        "aws lambda add-permission \\\n    --function-name {} \\\n    --statement-id {} \\\n    --action lambda:InvokeFunction \\\n    --principal {principal} \\\n    --source-arn {}",
        shell_quote(function),
        shell_quote(id),
        shell_quote(source_arn)
    )
}

/// `aws lambda add-permission` for every S3 notification, SNS subscription and EventBridge
/// target that invokes a function of the scenario.
fn permission_commands(plan: &Plan) -> Vec<String> {
    let s = plan.scenario;
    let mut out = Vec::new();
    // The function's name, with the qualifier the reference names (`resize:live`): a
    // permission is granted on that qualifier.
    let fname = |id: ResourceId, reference: &str| match crate::qualifier::split(reference).1 {
        Some(q) => format!("{}:{q}", plan.name(id)),
        None => plan.name(id).to_string(),
    };
    for b in &s.buckets {
        let mut seen: Vec<ResourceId> = Vec::new();
        for n in &b.lambda_function_configurations {
            if let Some(f) = plan
                .function(&n.lambda_function_arn)
                .filter(|f| !seen.contains(f))
            {
                seen.push(f);
                out.push(add_permission(
                    &fname(f, &n.lambda_function_arn),
                    &statement_id("s3", &b.bucket_name),
                    "s3.amazonaws.com",
                    &format!("arn:aws:s3:::{}", b.bucket_name),
                ));
            }
        }
    }
    for t in &s.topics {
        let Some(topic) = plan.topology.find(Kind::Topic, &t.topic_name) else {
            continue;
        };
        for sub in t.subscriptions.iter().filter(|x| x.protocol == "lambda") {
            if let Some(f) = plan.function(&sub.endpoint) {
                out.push(add_permission(
                    &fname(f, &sub.endpoint),
                    &statement_id("sns", &t.topic_name),
                    "sns.amazonaws.com",
                    &plan.topology.get(topic).arn,
                ));
            }
        }
    }
    for bus in &s.event_buses {
        for rule in &bus.rules {
            let rule_arn = rule_arn(plan, &bus.name, &rule.name);
            for arn in &rule.targets {
                if let Some(f) = plan.by_arn(arn).filter(|&f| plan.kind(f) == Kind::Function) {
                    out.push(add_permission(
                        &fname(f, arn),
                        &statement_id("events", &format!("{}-{}", bus.name, rule.name)),
                        "events.amazonaws.com",
                        &rule_arn,
                    ));
                }
            }
        }
    }
    out
}

fn rule_arn(plan: &Plan, bus: &str, rule: &str) -> String {
    let (r, a) = (&plan.scenario.region, &plan.scenario.account);
    if bus == "default" {
        format!("arn:aws:events:{r}:{a}:rule/{rule}")
    } else {
        format!("arn:aws:events:{r}:{a}:rule/{bus}/{rule}")
    }
}

/// A statement id (`[a-zA-Z0-9-_]+`, at most 100 characters) from a source's name.
fn statement_id(prefix: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    format!("playground-{prefix}-{clean}")
}

/// Queue and topic policies that let SNS subscriptions and EventBridge rules deliver.
fn policy_commands(plan: &Plan) -> Vec<String> {
    let s = plan.scenario;
    let mut deliveries: Vec<(ResourceId, &str, String)> = Vec::new();
    for t in &s.topics {
        let Some(topic) = plan.topology.find(Kind::Topic, &t.topic_name) else {
            continue;
        };
        for sub in t.subscriptions.iter().filter(|x| x.protocol == "sqs") {
            if let Some(q) = plan.topology.find(Kind::Queue, &sub.endpoint) {
                deliveries.push((q, "sns.amazonaws.com", plan.topology.get(topic).arn.clone()));
            }
        }
    }
    for bus in &s.event_buses {
        for rule in &bus.rules {
            for arn in &rule.targets {
                if let Some(t) = plan
                    .by_arn(arn)
                    .filter(|&t| matches!(plan.kind(t), Kind::Queue | Kind::Topic))
                {
                    deliveries.push((
                        t,
                        "events.amazonaws.com",
                        rule_arn(plan, &bus.name, &rule.name),
                    ));
                }
            }
        }
    }
    let mut targets: Vec<ResourceId> = Vec::new();
    for (t, _, _) in &deliveries {
        if !targets.contains(t) {
            targets.push(*t);
        }
    }
    targets
        .into_iter()
        .map(|t| {
            let r = plan.topology.get(t);
            let is_queue = r.kind == Kind::Queue;
            let action = if is_queue { "sqs:SendMessage" } else { "sns:Publish" };
            let statements: Vec<Value> = deliveries
                .iter()
                .filter(|(d, _, _)| *d == t)
                .map(|(_, principal, source)| {
                    json!({ "Effect": "Allow", "Principal": { "Service": principal },
                        "Action": action, "Resource": r.arn,
                        "Condition": { "ArnEquals": { "aws:SourceArn": source } } })
                })
                .collect();
            let policy = json!({ "Version": "2012-10-17", "Statement": statements }).to_string();
            if is_queue {
                let url = format!(
                    "https://sqs.{}.amazonaws.com/{}/{}",
                    plan.scenario.region, plan.scenario.account, r.name
                );
                let attributes = json!({ "Policy": policy }).to_string();
                format!(
                    "aws sqs set-queue-attributes \\\n    --queue-url {} \\\n    --attributes {}",
                    shell_quote(&url),
                    shell_quote(&attributes)
                )
            } else {
                format!(
                    "aws sns set-topic-attributes \\\n    --topic-arn {} \\\n    --attribute-name Policy \\\n    --attribute-value {}",
                    shell_quote(&r.arn),
                    shell_quote(&policy)
                )
            }
        })
        .collect()
}
