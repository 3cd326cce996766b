//! One-call repairs for configurations AWS refuses, offered next to the finding they fix.

use crate::aws::mapping_source;
use crate::scenario::{RedrivePolicy, Scenario};
use crate::topology::{Kind, Topology};
use std::fmt;

/// The `maxReceiveCount` a new redrive policy gets; AWS recommends at least 5 for Lambda
/// sources (spec §5.5).
pub const DEFAULT_MAX_RECEIVE_COUNT: i64 = 5;

/// Why a fix does not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixError {
    /// No mapping at that index.
    NoSuchMapping {
        /// The index asked for.
        index: usize,
    },
    /// The mapping does not read from an SQS queue of the scenario.
    SourceNotAQueue,
    /// The mapping has no `OnFailure` destination to move.
    NoOnFailure,
    /// The `OnFailure` target is not an SQS queue of the scenario; a redrive policy needs one.
    TargetNotAQueue {
        /// The target's ARN.
        arn: String,
    },
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::NoSuchMapping { index } => write!(f, "there is no event source mapping {index}"),
            FixError::SourceNotAQueue => f.write_str("the mapping does not read from an SQS queue"),
            FixError::NoOnFailure => f.write_str("the mapping has no OnFailure destination"),
            FixError::TargetNotAQueue { arn } => write!(
                f,
                "the OnFailure destination {arn} is not an SQS queue; a redrive policy's deadLetterTargetArn must be one"
            ),
        }
    }
}

impl std::error::Error for FixError {}

/// What [`redrive_instead`] changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedriveFix {
    /// The source queue's name.
    pub queue: String,
    /// The dead-letter queue's ARN (the former `OnFailure` target).
    pub dead_letter_target_arn: String,
    /// The `maxReceiveCount` of the redrive policy.
    pub max_receive_count: i64,
}

/// For an SQS mapping with an `OnFailure` destination (which `CreateEventSourceMapping` refuses:
/// "Unsupported DestinationConfig parameter for given event source mapping type."), does what
/// AWS recommends instead: removes the mapping's `DestinationConfig` and gives the source queue a
/// redrive policy whose dead-letter queue is the former `OnFailure` queue. A queue that already
/// has a redrive policy keeps its `maxReceiveCount`.
pub fn redrive_instead(
    scenario: &mut Scenario,
    mapping_index: usize,
) -> Result<RedriveFix, FixError> {
    let topology = Topology::build(scenario);
    let mapping =
        scenario
            .event_source_mappings
            .get(mapping_index)
            .ok_or(FixError::NoSuchMapping {
                index: mapping_index,
            })?;
    let source = mapping_source(&topology, mapping)
        .filter(|&id| topology.get(id).kind == Kind::Queue)
        .ok_or(FixError::SourceNotAQueue)?;
    let target = mapping
        .destination_config
        .as_ref()
        .and_then(|d| d.on_failure_arn())
        .ok_or(FixError::NoOnFailure)?;
    let dead_letter = topology
        .by_arn(target)
        .filter(|&id| topology.get(id).kind == Kind::Queue)
        .ok_or_else(|| FixError::TargetNotAQueue {
            arn: target.to_string(),
        })?;
    let dead_letter_target_arn = topology.get(dead_letter).arn.clone();
    let queue_index = topology.get(source).index;
    let queue = &mut scenario.queues[queue_index];
    let max_receive_count = queue
        .redrive_policy
        .as_ref()
        .map_or(DEFAULT_MAX_RECEIVE_COUNT, |r| r.max_receive_count);
    queue.redrive_policy = Some(RedrivePolicy {
        dead_letter_target_arn: dead_letter_target_arn.clone(),
        max_receive_count,
    });
    let fix = RedriveFix {
        queue: queue.queue_name.clone(),
        dead_letter_target_arn,
        max_receive_count,
    };
    if let Some(m) = scenario.event_source_mappings.get_mut(mapping_index) {
        m.destination_config = None;
    }
    Ok(fix)
}

/// The mapping index when `finding` is the refusal that [`redrive_instead`] repairs (an SQS
/// mapping's `OnFailure` destination going to a queue), so the app can offer the fix next to it.
pub fn redrive_candidate(scenario: &Scenario, finding: &crate::validate::Finding) -> Option<usize> {
    if finding.rule != crate::rules::RuleId::MappingDestinationUnsupported {
        return None;
    }
    let index: usize = finding
        .field
        .strip_prefix("eventSourceMappings[")?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    let mut trial = scenario.clone();
    redrive_instead(&mut trial, index).ok().map(|_| index)
}
