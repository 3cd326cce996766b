//! The AWS CLI commands that create the selected resource. `engine::awscli` writes them in the
//! tools worker (`src/bin/tools.rs`), not in the main module, so the first load stays smaller;
//! the inspector asks for them when it shows a resource and whenever the scenario changes.

use engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// The commands the worker answered, with the scenario and ARN they answer.
type Answer = Option<(Rc<Scenario>, String, Vec<String>)>;

/// The commands of resource `arn` in `scenario`: empty until the worker answers, and for a
/// resource with no command of its own. An answer about an older scenario or another resource
/// is not returned.
#[cfg(feature = "editor")]
#[hook]
pub fn use_aws_cli(scenario: Option<Rc<Scenario>>, arn: Option<String>) -> Vec<String> {
    let answer = use_state(|| Answer::None);
    {
        let answer = answer.clone();
        let key = (
            scenario.as_ref().map_or(0, |s| Rc::as_ptr(s) as usize),
            arn.clone(),
        );
        let scenario = scenario.clone();
        use_effect_with(key, move |(_, arn)| {
            if let (Some(scenario), Some(arn)) = (scenario, arn.clone()) {
                let request = serde_json::json!({
                    "op": "cli",
                    "scenario": scenario.to_json_pretty(),
                    "arn": arn,
                });
                crate::tools::request(request, move |reply| {
                    let commands = crate::tools::strings(&reply, "commands");
                    answer.set(Some((scenario, arn, commands)));
                });
            }
        });
    }
    match (&*answer, &scenario, &arn) {
        (Some((answered, for_arn, commands)), Some(scenario), Some(arn))
            if Rc::ptr_eq(answered, scenario) && for_arn == arn =>
        {
            commands.clone()
        }
        _ => Vec::new(),
    }
}

/// The player-only build has no tools worker: no commands.
#[cfg(not(feature = "editor"))]
#[hook]
pub fn use_aws_cli(_scenario: Option<Rc<Scenario>>, _arn: Option<String>) -> Vec<String> {
    Vec::new()
}
