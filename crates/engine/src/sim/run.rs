//! Running a function: deciding an attempt's outcome from its behaviour, starting the
//! invocation, and finishing it for its caller (async queue, sync client, or mapping batch).

use super::*;

/// What the run knows of a function: faults applied to it (reserved concurrency, revoked
/// permissions, failures queued), invocations in flight, and its resolved settings.
#[derive(Clone, Debug)]
pub(super) struct FunctionState {
    pub(super) id: ResourceId,
    pub(super) reserved: Option<i64>,
    pub(super) in_flight: u32,
    pub(super) permissions: Option<Vec<Permission>>,
    pub(super) fail_next: VecDeque<Outcome>,
    pub(super) timeout_ms: Millis,
    /// `$LATEST`, each version and each alias: their own limits and destinations.
    pub(super) qualifiers: Vec<QualifierState>,
    /// The dead-letter queue, when it exists (a function's, for every version).
    pub(super) dead_letter: Option<ResourceId>,
}

/// How an attempt ends, decided when it starts.
#[derive(Clone, Debug)]
pub(super) enum Decided {
    /// The function returned its behaviour's `response`.
    Ok,
    /// Type and message are record parts of the trace.
    Error {
        error_type: PartId,
        error_message: PartId,
    },
    Timeout,
    Partial(Vec<String>),
}

/// Who invoked: the async queue (event id), a synchronous client, or a mapping (batch id).
#[derive(Clone, Copy, Debug)]
pub(super) enum Ctx {
    Async(u32),
    /// A synchronous call to this qualifier of the function.
    Sync(u16),
    Batch(u32),
}

/// Which attempt an invocation is, as its `AttemptStarted` event says: its number, the most
/// there will be (0 when a mapping retries without limit) and the event's age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Attempt {
    pub(super) number: u32,
    pub(super) max_attempts: u32,
    pub(super) age_ms: Millis,
}

/// A running invocation, until its duration ends.
#[derive(Clone, Debug)]
pub(super) struct Invocation {
    pub(super) function: usize,
    pub(super) ctx: Ctx,
    pub(super) attempt: u32,
    pub(super) decided: Decided,
    pub(super) duration: Millis,
    pub(super) started: EventIndex,
    pub(super) request: RequestIndex,
}

impl<'a> Simulation<'a> {
    /// True when function `f` runs as many invocations as its reserved concurrency allows.
    pub(super) fn is_throttled(&self, f: usize) -> bool {
        let state = &self.functions[f];
        state
            .reserved
            .is_some_and(|r| i64::from(state.in_flight) >= r)
    }

    /// How attempt `attempt` of function `f` on `payload` ends: a queued fault, the behaviour's
    /// script for that attempt, a `when` rule the payload matches, the error rate, or the
    /// behaviour's outcome, in that order.
    pub(super) fn decide(&mut self, f: usize, payload: u32, attempt: u32) -> Decided {
        if let Some(outcome) = self.functions[f].fail_next.pop_front() {
            return self.outcome_to_decided(&outcome);
        }
        let scenario = self.scenario;
        let behavior = &scenario.functions[f].behavior;
        if let Some(outcome) = behavior.attempts.get(attempt as usize - 1) {
            return self.outcome_to_decided(outcome);
        }
        let payload_value = &self.payloads[payload as usize];
        // A rule matches the payload itself or, for a batch from a mapping, the data of any of
        // its records (as `when` is documented).
        let records = if behavior.when.is_empty() {
            Vec::new()
        } else {
            batch_records(payload_value)
        };
        if let Some(rule) = behavior.when.iter().find(|r| {
            field(payload_value, &r.field) == Some(&r.equals)
                || records
                    .iter()
                    .any(|(data, _)| field(data, &r.field) == Some(&r.equals))
        }) {
            return self.outcome_to_decided(&rule.outcome);
        }
        if behavior.error_rate > 0.0 && self.rng.next_f64() < behavior.error_rate {
            let (error_type, error_message) = self.error_rate_error;
            return Decided::Error {
                error_type,
                error_message,
            };
        }
        self.outcome_to_decided(&behavior.outcome)
    }

    /// A scripted outcome as a decided one.
    pub(super) fn outcome_to_decided(&mut self, outcome: &Outcome) -> Decided {
        match outcome {
            Outcome::Ok => Decided::Ok,
            Outcome::Error {
                error_type,
                error_message,
            } => self.error(error_type, error_message),
            Outcome::Timeout => Decided::Timeout,
            Outcome::Throttle => self.error(THROTTLE, ""),
        }
    }

    /// A function error with this type and message.
    pub(super) fn error(&mut self, error_type: &str, error_message: &str) -> Decided {
        Decided::Error {
            error_type: self.intern(error_type),
            error_message: self.intern(error_message),
        }
    }

    /// Function `f` starts an invocation for `ctx` (its attempt number, as its trace says); a
    /// duration longer than the timeout is a timeout. It finishes after its duration.
    ///
    /// Rules, in order: `AttemptStarted`/`SyncInvoke`/`BatchInvoked`.
    pub(super) fn start_invocation(
        &mut self,
        f: usize,
        ctx: Ctx,
        attempt: Attempt,
        parent: EventIndex,
        request: RequestIndex,
        decided: Decided,
    ) -> EventIndex {
        let Attempt {
            number: attempt,
            max_attempts,
            age_ms,
        } = attempt;
        let fid = self.functions[f].id;
        let timeout = self.functions[f].timeout_ms;
        let duration = self.behavior(f).duration_ms;
        let (decided, duration) = match decided {
            Decided::Timeout => (Decided::Timeout, timeout),
            _ if duration > timeout => (Decided::Timeout, timeout),
            other => (other, duration),
        };
        self.functions[f].in_flight += 1;
        let rule = match ctx {
            Ctx::Async(_) => RuleId::AttemptStarted,
            Ctx::Sync(_) => RuleId::SyncInvoke,
            Ctx::Batch(_) => RuleId::BatchInvoked,
        };
        let started = self.note(
            fid,
            Some(parent),
            Some(request),
            rule,
            What::AttemptStarted {
                attempt,
                max_attempts,
                age_ms,
            },
        );
        let id = self.invocations.len() as u32;
        self.invocations.push(Invocation {
            function: f,
            ctx,
            attempt,
            decided,
            duration,
            started,
            request,
        });
        self.schedule(self.now + duration, Action::InvocationDone(id));
        started
    }

    /// Invocation `id` ends as decided, and its caller reads the result: the async queue, the
    /// synchronous client (who gets the response; destinations do not apply), or the mapping.
    ///
    /// Rules, in order: `AttemptSucceeded`, `AttemptFailed`, `AttemptTimedOut`, then the caller's:
    /// `SyncInvoke`, `SyncNoDestination`.
    pub(super) fn invocation_done(&mut self, id: u32) {
        // Each invocation finishes once: take it out of the slab instead of copying it.
        let placeholder = Invocation {
            function: 0,
            ctx: Ctx::Sync(0),
            attempt: 0,
            decided: Decided::Timeout,
            duration: 0,
            started: 0,
            request: 0,
        };
        let inv = std::mem::replace(&mut self.invocations[id as usize], placeholder);
        let f = inv.function;
        let fid = self.functions[f].id;
        self.functions[f].in_flight = self.functions[f].in_flight.saturating_sub(1);
        // The response is kept for async records and sync callers; a batch's is not needed.
        let keep_response = !matches!(inv.ctx, Ctx::Batch(_));
        let (failed, response, done) = match &inv.decided {
            Decided::Ok => {
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptSucceeded,
                    What::AttemptSucceeded {
                        attempt: inv.attempt,
                        duration_ms: inv.duration,
                    },
                );
                let response = keep_response.then(|| Response::Ok(self.ok_response_part(f)));
                (false, response, e)
            }
            Decided::Partial(ids) => {
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptSucceeded,
                    What::AttemptSucceeded {
                        attempt: inv.attempt,
                        duration_ms: inv.duration,
                    },
                );
                let response = keep_response.then(|| {
                    let failures: Vec<Value> =
                        ids.iter().map(|i| json!({ "itemIdentifier": i })).collect();
                    let json = json!({ "batchItemFailures": failures }).to_string();
                    Response::Ok(TextRef::Part(self.trace.add_part(json)))
                });
                (false, response, e)
            }
            &Decided::Error {
                error_type,
                error_message,
            } => {
                let (error_type_text, message) =
                    (self.trace.part(error_type), self.trace.part(error_message));
                let mut text = String::with_capacity(error_type_text.len() + 2 + message.len());
                text.push_str(error_type_text);
                text.push_str(": ");
                text.push_str(message);
                let error = self.body(text);
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptFailed,
                    What::AttemptFailed {
                        attempt: inv.attempt,
                        error,
                        timed_out: false,
                    },
                );
                let response = Response::Error {
                    error_type,
                    error_message,
                };
                (true, Some(response), e)
            }
            Decided::Timeout => {
                let timeout_ms = self.functions[f].timeout_ms;
                let message = record::ResponsePayload::timeout_message(
                    &self.trace.requests[inv.request as usize].id,
                    timeout_ms,
                );
                let error = self.body(format!("Sandbox.Timedout: {message}"));
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptTimedOut,
                    What::AttemptFailed {
                        attempt: inv.attempt,
                        error,
                        timed_out: true,
                    },
                );
                (true, Some(Response::Timeout { timeout_ms }), e)
            }
        };
        match inv.ctx {
            Ctx::Async(aid) => self.async_attempt_done(aid, response, failed, done),
            Ctx::Sync(q) => {
                let json = response
                    .map(|r| self.trace.response_payload(r, inv.request).to_json())
                    .unwrap_or_default();
                let payload = self.body(json);
                let e = self.note(
                    fid,
                    Some(done),
                    Some(inv.request),
                    RuleId::SyncInvoke,
                    What::SyncResponse {
                        status: 200,
                        function_error: failed,
                        payload,
                    },
                );
                if self.has_async_handling(f, q) {
                    self.note(
                        fid,
                        Some(e),
                        Some(inv.request),
                        RuleId::SyncNoDestination,
                        What::NoDestination {
                            reason: NoDestinationReason::Synchronous,
                        },
                    );
                }
            }
            Ctx::Batch(b) => self.batch_done(b, &inv, failed, done),
        }
    }

    /// True when qualifier `q` of function `f` has a destination, or the function a dead-letter
    /// queue (which a synchronous invocation ignores).
    pub(super) fn has_async_handling(&self, f: usize, q: u16) -> bool {
        let function = &self.scenario.functions[f];
        let suffix = self.qualifier(f, q).suffix.as_str();
        function.dead_letter_config.is_some()
            || function
                .event_invoke_config_of(Some(suffix))
                .and_then(|c| c.destination_config.as_ref())
                .is_some_and(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some())
    }
}
