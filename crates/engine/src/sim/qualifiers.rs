//! Versions and aliases in a run (spec §2.9, §4.1): each qualifier of a function has its own
//! retry and age limits and destinations (nothing copied from `$LATEST`), an ARN suffix for
//! records, and the version it runs, drawn from the seed for an alias with routing weights.

use super::*;
use crate::qualifier::{self, Qualifier};
use crate::scenario::{EventInvokeConfig, Function};

/// A function's qualifier in the run: index 0 is `$LATEST` (and unqualified calls), then each
/// published version, then each alias.
#[derive(Clone, Debug)]
pub(super) struct QualifierState {
    /// Its retry and event-age limits for asynchronous events.
    pub(super) async_limits: AsyncLimits,
    /// Its OnSuccess and OnFailure destinations, with the destination's own qualifier.
    pub(super) on_success: Option<(ResourceId, u16)>,
    pub(super) on_failure: Option<(ResourceId, u16)>,
    /// The suffix of its qualified ARN: `$LATEST`, `3`, `live`.
    pub(super) suffix: String,
    /// The version it runs: 0 is `$LATEST`, `i + 1` is the function's `versions[i]`.
    pub(super) runs: u16,
    /// For an alias with `AdditionalVersionWeights`: the other version and its weight.
    pub(super) routed: Option<(u16, f64)>,
}

/// The index of the version named `version` in a qualifier's `runs` numbering.
fn version_index(function: &Function, version: &str) -> u16 {
    function
        .versions
        .iter()
        .position(|v| v.version == version)
        .map_or(0, |i| i as u16 + 1)
}

/// The index of `q` in [`QualifierState`] numbering.
pub(super) fn qualifier_index(function: &Function, q: Qualifier) -> u16 {
    match q {
        Qualifier::Latest => 0,
        Qualifier::Version(i) => i as u16 + 1,
        Qualifier::Alias(i) => (function.versions.len() + i) as u16 + 1,
    }
}

/// Finds the resource `reference` (a name or ARN of `kind`, or any ARN when `kind` is `None`)
/// names and, for a function, the qualifier written with it (0 without one). `None` when the
/// resource or the qualifier does not exist.
pub(super) fn find_target(
    scenario: &Scenario,
    topology: &Topology,
    kind: Option<Kind>,
    reference: &str,
) -> Option<(ResourceId, u16)> {
    let id = match kind {
        Some(kind) => topology.find(kind, reference)?,
        None => topology.by_arn(reference)?,
    };
    let resource = topology.get(id);
    if resource.kind != Kind::Function {
        return Some((id, 0));
    }
    let function = scenario.functions.get(resource.index)?;
    let q = qualifier::resolve(function, qualifier::split(reference).1)?;
    Some((id, qualifier_index(function, q)))
}

/// The qualifiers of `function`, resolved against `topology`.
pub(super) fn qualifier_states(
    scenario: &Scenario,
    topology: &Topology,
    function: &Function,
) -> Vec<QualifierState> {
    let state = |config: Option<&EventInvokeConfig>, suffix: &str, runs: u16| {
        let destinations = config.and_then(|c| c.destination_config.as_ref());
        let target = |arn: Option<&str>| arn.and_then(|a| find_target(scenario, topology, None, a));
        QualifierState {
            async_limits: AsyncLimits::of(config),
            on_success: target(destinations.and_then(|d| d.on_success_arn())),
            on_failure: target(destinations.and_then(|d| d.on_failure_arn())),
            suffix: suffix.to_string(),
            runs,
            routed: None,
        }
    };
    let mut out = vec![state(
        function.event_invoke_config.as_ref(),
        qualifier::LATEST,
        0,
    )];
    for (i, v) in function.versions.iter().enumerate() {
        out.push(state(
            v.event_invoke_config.as_ref(),
            &v.version,
            i as u16 + 1,
        ));
    }
    for a in &function.aliases {
        let runs = version_index(function, &a.function_version);
        let config = a.event_invoke_config.as_ref().or_else(|| {
            // An alias without a config of its own (spec §2.9, UNVERIFIED).
            if assume::ALIAS_FALLS_BACK_TO_VERSION_CONFIG {
                function.event_invoke_config_of(Some(&a.function_version))
            } else {
                None
            }
        });
        let mut s = state(config, &a.name, runs);
        s.routed = a
            .routing_config
            .as_ref()
            .and_then(|r| r.additional_version_weights.first())
            .map(|(version, weight)| (version_index(function, version), *weight));
        out.push(s);
    }
    out
}

impl<'a> Simulation<'a> {
    /// Qualifier `q` of function `f` (`$LATEST` when it has no such qualifier).
    pub(super) fn qualifier(&self, f: usize, q: u16) -> &QualifierState {
        let qualifiers = &self.functions[f].qualifiers;
        qualifiers.get(q as usize).unwrap_or(&qualifiers[0])
    }

    /// The version an invocation of qualifier `q` of function `f` runs: an alias with routing
    /// weights draws from the seed (and only then, so runs without one draw nothing more).
    pub(super) fn route(&mut self, f: usize, q: u16) -> u16 {
        // Called once per event when Lambda accepts it, never per retry (the stated assumption).
        const _: () = assert!(crate::assumptions::ALIAS_ROUTES_EACH_EVENT_ONCE);
        let state = self.qualifier(f, q);
        let (runs, routed) = (state.runs, state.routed);
        match routed {
            Some((other, weight)) if weight > 0.0 => {
                if self.rng.next_f64() < weight {
                    other
                } else {
                    runs
                }
            }
            _ => runs,
        }
    }

    /// A call to qualifier `q` of function `f` runs version `runs` (spec §2.9): noted after
    /// `parent` when the call named a version or an alias. Returns the event the run follows.
    ///
    /// Rules, in order: `QualifierInvoked`.
    pub(super) fn qualifier_invoked(
        &mut self,
        (f, q): (usize, u16),
        runs: u16,
        parent: EventIndex,
        request: RequestIndex,
    ) -> EventIndex {
        if q == 0 {
            return parent;
        }
        let qualifier = self.qualifier(f, q).suffix.clone();
        let alias = q as usize > self.scenario.functions[f].versions.len();
        let version = self.version_name(f, runs);
        let what = What::QualifierInvoked {
            qualifier: self.body(qualifier),
            version: self.body(version),
            alias,
        };
        let fid = self.functions[f].id;
        self.note(
            fid,
            Some(parent),
            Some(request),
            RuleId::QualifierInvoked,
            what,
        )
    }

    /// The qualified ARN of qualifier `q` of function `f` (`…:$LATEST`, `…:3`, `…:live`) that
    /// ran version `runs`, as a record part: an alias's record shows the alias (spec §4.1,
    /// UNVERIFIED).
    pub(super) fn qualified_arn_part(&mut self, f: usize, q: u16, runs: u16) -> PartId {
        if q == 0 {
            if let Some(id) = self.function_parts[f].0 {
                return id;
            }
            let id = self
                .trace
                .add_part(format!("{}:{}", self.function_arn(f), qualifier::LATEST));
            self.function_parts[f].0 = Some(id);
            return id;
        }
        let text = self.qualified_arn_text(f, q, runs);
        self.intern(&text)
    }

    /// The text of [`Simulation::qualified_arn_part`], without storing it.
    pub(super) fn qualified_arn_text(&self, f: usize, q: u16, runs: u16) -> String {
        let is_alias = q as usize > self.scenario.functions[f].versions.len();
        let suffix = if is_alias && !assume::ALIAS_RECORD_SHOWS_ALIAS {
            self.version_name(f, runs)
        } else {
            self.qualifier(f, q).suffix.as_str()
        };
        format!("{}:{suffix}", self.function_arn(f))
    }

    /// Version `runs` of function `f` as a record's `executedVersion` part; `None` for
    /// `$LATEST`.
    pub(super) fn executed_version_part(&mut self, f: usize, runs: u16) -> Option<PartId> {
        if runs == 0 {
            return None;
        }
        let scenario = self.scenario;
        let version = scenario.functions[f]
            .versions
            .get(runs as usize - 1)
            .map(|v| v.version.as_str())?;
        Some(self.intern(version))
    }

    /// The text of version `runs` of function `f`.
    pub(super) fn version_name(&self, f: usize, runs: u16) -> &'a str {
        let scenario = self.scenario;
        match runs {
            0 => qualifier::LATEST,
            n => scenario.functions[f]
                .versions
                .get(n as usize - 1)
                .map_or(qualifier::LATEST, |v| v.version.as_str()),
        }
    }
}
