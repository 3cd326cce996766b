//! The asynchronous event queue (spec §2): accepting an event, each attempt, the retry and
//! event-age limits, and what happens once it succeeds or fails (destinations, dead-letter queue).

use super::*;
use crate::scenario::EventInvokeConfig;

/// An event in a function's asynchronous queue: its payload, when it was queued, its attempts
/// and throttles so far, the last response and the last event of its story.
#[derive(Clone, Debug)]
pub(super) struct AsyncEvent {
    pub(super) function: usize,
    /// The qualifier it was sent to (see [`QualifierState`]).
    pub(super) qualifier: u16,
    /// The version it runs (0 is `$LATEST`), decided when Lambda accepts it.
    pub(super) runs: u16,
    pub(super) request: RequestIndex,
    pub(super) payload: u32,
    pub(super) enqueued_at: Millis,
    pub(super) attempts: u32,
    pub(super) throttles: u32,
    pub(super) lineage: u32,
    pub(super) last: Option<Response>,
    pub(super) last_event: EventIndex,
}

/// A function's limits on asynchronous events (spec §2.3, §2.4): its `MaximumRetryAttempts` and
/// `MaximumEventAgeInSeconds`, within what AWS accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct AsyncLimits {
    pub(super) max_retries: u32,
    pub(super) max_event_age_ms: Millis,
}

/// What the queue does with an event after a failed or throttled attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// Tries again after this many milliseconds.
    RetryIn(Millis),
    /// Gives up: the event would be too old by its next try.
    TooOld,
    /// Gives up: every retry is used.
    Exhausted,
}

impl AsyncLimits {
    /// The limits a function's `EventInvokeConfig` sets (AWS's defaults without one).
    pub(super) fn of(config: Option<&EventInvokeConfig>) -> AsyncLimits {
        let retries = config.and_then(|c| c.maximum_retry_attempts);
        let age = config.and_then(|c| c.maximum_event_age_in_seconds);
        AsyncLimits {
            max_retries: aws::ASYNC_RETRIES.resolve(retries) as u32,
            max_event_age_ms: aws::EVENT_AGE.resolve(age) as Millis * SECOND,
        }
    }

    /// The most attempts an event gets: the first and every retry.
    pub(super) fn max_attempts(self) -> u32 {
        self.max_retries + 1
    }

    /// True when an event `age_ms` old may not be tried any more.
    pub(super) fn too_old(self, age_ms: Millis) -> bool {
        age_ms >= self.max_event_age_ms
    }

    /// After failed attempt number `attempts` of an event `age_ms` old: retry after one minute,
    /// then two (spec §2.3), unless that is past the age limit or the retries are used.
    pub(super) fn after_failure(self, attempts: u32, age_ms: Millis) -> Next {
        if attempts > self.max_retries {
            return Next::Exhausted;
        }
        let delay = assume::ASYNC_RETRY_DELAYS[(attempts.saturating_sub(1) as usize).min(1)];
        self.unless_too_old(age_ms, delay)
    }

    /// After throttle number `throttles` of an event `age_ms` old: retry after the throttle
    /// backoff, unless that is past the age limit (throttles do not use up retries).
    pub(super) fn after_throttle(self, throttles: u32, age_ms: Millis) -> Next {
        self.unless_too_old(
            age_ms,
            assume::async_throttle_backoff(throttles.saturating_sub(1)),
        )
    }

    /// Retry after `delay`, unless the event would be too old by then.
    fn unless_too_old(self, age_ms: Millis, delay: Millis) -> Next {
        if self.too_old(age_ms + delay) {
            Next::TooOld
        } else {
            Next::RetryIn(delay)
        }
    }
}

impl<'a> Simulation<'a> {
    /// Lambda accepts an event for qualifier `q` of function `f` into its async queue (`rule`
    /// names why: an invoke, a subscription, a rule target, a notification) and schedules its
    /// first attempt. An alias with routing weights decides here which version runs the event,
    /// for every attempt (spec §2.9, UNVERIFIED).
    ///
    /// Rules, in order: `rule` (`InvokeAccepted`, `SnsFanout`, `EventBridgeRule` or
    /// `S3Notification`).
    pub(super) fn enqueue_async(
        &mut self,
        (f, q): (usize, u16),
        payload: u32,
        cause: Cause,
        rule: RuleId,
    ) {
        let Cause {
            parent,
            request,
            lineage,
        } = cause;
        let fid = self.functions[f].id;
        let accepted = self.note(fid, parent, request, rule, What::AsyncAccepted);
        let request = request.unwrap_or_else(|| self.new_request(fid, accepted));
        self.trace.events[accepted as usize].request = Some(request);
        let id = self.async_events.len() as u32;
        let runs = self.route(f, q);
        let last_event = self.qualifier_invoked((f, q), runs, accepted, request);
        self.async_events.push(AsyncEvent {
            function: f,
            qualifier: q,
            runs,
            request,
            payload,
            enqueued_at: self.now,
            attempts: 0,
            throttles: 0,
            lineage,
            last: None,
            last_event,
        });
        self.schedule(self.now, Action::AsyncAttempt(id));
    }

    /// One attempt of async event `id`: dropped if its function was deleted; failed if too old, if
    /// the function has no reserved concurrency, or if it loops; retried later if throttled;
    /// otherwise the function runs.
    ///
    /// Rules, in order: `AsyncDropped`, `EventAgeExceeded`, `ZeroReservedConcurrency`,
    /// `RecursionStopped` (and `AsyncDropped` for a loop stopped before), `Throttled` (or
    /// `EventAgeExceeded` when the backoff would pass the age limit).
    pub(super) fn async_attempt(&mut self, id: u32) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let parent = Some(ev.last_event);
        let request = Some(ev.request);
        let age = self.now - ev.enqueued_at;
        let limits = self.qualifier(f, ev.qualifier).async_limits;
        if self.is_deleted(fid) {
            self.note(
                fid,
                parent,
                request,
                RuleId::AsyncDropped,
                What::AsyncDropped,
            );
            return;
        }
        if limits.too_old(age) {
            return self.event_too_old(id, ev.last_event, age, false);
        }
        if self.functions[f].reserved == Some(0) {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::ZeroReservedConcurrency,
                What::ZeroReservedConcurrency,
            );
            return self.async_failed(id, Condition::ZeroReservedConcurrency, e);
        }
        let depth = ev.lineage + 1;
        if depth > assume::RECURSION_LIMIT
            && self.scenario.functions[f].recursive_loop == RecursiveLoop::Terminate
        {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::RecursionStopped,
                What::RecursionStopped { depth },
            );
            if depth > assume::RECURSION_LIMIT + 1 {
                // The event is the record of an event Lambda already stopped, sent back to the
                // function by its own destination: the new loop is stopped too (spec §7), and the
                // event is dropped instead of going round again.
                self.note(
                    fid,
                    Some(e),
                    request,
                    RuleId::AsyncDropped,
                    What::AsyncDropped,
                );
                return;
            }
            return self.async_failed(id, Condition::RecursiveInvocation, e);
        }
        let attempt = ev.attempts + 1;
        // The script counts every try, throttled ones too, so `[throttle, error]` means "the
        // first try is throttled, the next one fails".
        let decided = self.decide(f, ev.payload, ev.attempts + ev.throttles + 1);
        let throttled = self.is_throttled(f)
            || matches!(decided, Decided::Error { error_type, .. } if error_type == self.throttle);
        if throttled {
            let throttles = ev.throttles + 1;
            self.async_events[id as usize].throttles = throttles;
            let Next::RetryIn(delay) = limits.after_throttle(throttles, age) else {
                return self.event_too_old(id, ev.last_event, age, true);
            };
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::Throttled,
                What::Throttled { retry_in_ms: delay },
            );
            self.async_events[id as usize].last_event = e;
            self.schedule(self.now + delay, Action::AsyncAttempt(id));
            return;
        }
        self.async_events[id as usize].attempts = attempt;
        let max_attempts = limits.max_attempts();
        let started = self.start_invocation(
            f,
            Ctx::Async(id),
            Attempt {
                number: attempt,
                max_attempts,
                age_ms: age,
            },
            ev.last_event,
            ev.request,
            decided,
        );
        self.async_events[id as usize].last_event = started;
    }

    /// An attempt of async event `id` ended (`done`): on success, its OnSuccess destination;
    /// on failure, a retry after the delay, unless the event would be too old by then or every
    /// retry is used, when it fails for good.
    ///
    /// Rules: `EventAgeExceeded`, `RetryScheduled`, `RetriesExhausted`.
    pub(super) fn async_attempt_done(
        &mut self,
        id: u32,
        response: Option<Response>,
        failed: bool,
        done: EventIndex,
    ) {
        let ev = &mut self.async_events[id as usize];
        ev.last = response;
        ev.last_event = done;
        if !failed {
            return self.async_succeeded(id, done);
        }
        let (f, q, attempts, request) = (ev.function, ev.qualifier, ev.attempts, ev.request);
        let fid = self.functions[f].id;
        let age = self.now - ev.enqueued_at;
        match self
            .qualifier(f, q)
            .async_limits
            .after_failure(attempts, age)
        {
            Next::TooOld => self.event_too_old(id, done, age, true),
            Next::RetryIn(delay) => {
                let e = self.note(
                    fid,
                    Some(done),
                    Some(request),
                    RuleId::RetryScheduled,
                    What::RetryScheduled {
                        next_attempt: attempts + 1,
                        delay_ms: delay,
                    },
                );
                self.async_events[id as usize].last_event = e;
                self.schedule(self.now + delay, Action::AsyncAttempt(id));
            }
            Next::Exhausted => {
                let e = self.note(
                    fid,
                    Some(done),
                    Some(request),
                    RuleId::RetriesExhausted,
                    What::RetriesExhausted { attempts },
                );
                self.async_failed(id, Condition::RetriesExhausted, e);
            }
        }
    }

    /// Async event `id` is older than its function's `MaximumEventAgeInSeconds` (by its next
    /// try, when `lookahead`): it fails after `parent` as `EventAgeExceeded`.
    ///
    /// Rules: `EventAgeExceeded`.
    fn event_too_old(&mut self, id: u32, parent: EventIndex, age_ms: Millis, lookahead: bool) {
        let ev = &self.async_events[id as usize];
        let (f, q, request) = (ev.function, ev.qualifier, ev.request);
        let fid = self.functions[f].id;
        let limit_ms = self.qualifier(f, q).async_limits.max_event_age_ms;
        let e = self.note(
            fid,
            Some(parent),
            Some(request),
            RuleId::EventAgeExceeded,
            What::EventAgeExceeded {
                age_ms,
                limit_ms,
                lookahead,
            },
        );
        self.async_failed(id, Condition::EventAgeExceeded, e);
    }

    /// Async event `id` succeeded (`done`): its record goes to the OnSuccess destination, if any,
    /// and the event is complete.
    ///
    /// Rules, in order: `DestinationChosen`, `AttemptSucceeded`.
    pub(super) fn async_succeeded(&mut self, id: u32, done: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let mut parent = done;
        if let Some((target, target_q)) = self.qualifier(f, ev.qualifier).on_success {
            let text = self.async_record(id, Condition::Success);
            parent = self.note(
                fid,
                Some(done),
                Some(ev.request),
                RuleId::DestinationChosen,
                What::DestinationChosen {
                    target,
                    via: Via::OnSuccess,
                    condition: Condition::Success,
                },
            );
            self.deliver_record(
                f,
                (target, target_q),
                Via::OnSuccess,
                Condition::Success,
                text,
                Cause::new(parent, ev.request, ev.lineage + 1),
            );
        }
        self.note(
            fid,
            Some(parent),
            Some(ev.request),
            RuleId::AttemptSucceeded,
            What::AsyncCompleted,
        );
    }

    /// Async event `id` failed for good (`condition`, after `cause`): its record goes to the
    /// OnFailure destination and its payload to the dead-letter queue, when they exist, and the
    /// event is dropped.
    ///
    /// Rules, in order: `DestinationChosen`, `DeadLetterQueue`, `AsyncDropped`.
    pub(super) fn async_failed(&mut self, id: u32, condition: Condition, cause: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let on_failure = self.qualifier(f, ev.qualifier).on_failure;
        let dlq = self.functions[f].dead_letter;
        let lineage = ev.lineage + 1;
        if let Some((target, target_q)) = on_failure {
            let text = self.async_record(id, condition);
            let chosen = self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::DestinationChosen,
                What::DestinationChosen {
                    target,
                    via: Via::OnFailure,
                    condition,
                },
            );
            self.deliver_record(
                f,
                (target, target_q),
                Via::OnFailure,
                condition,
                text,
                Cause::new(chosen, ev.request, lineage),
            );
        }
        if let Some(target) = dlq {
            let chosen = self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::DeadLetterQueue,
                What::DestinationChosen {
                    target,
                    via: Via::DeadLetterQueue,
                    condition,
                },
            );
            let body = self.payloads[ev.payload as usize].to_string();
            let error = match ev.last {
                Some(response @ (Response::Error { .. } | Response::Timeout { .. })) => self
                    .trace
                    .response_payload(response, ev.request)
                    .error_message()
                    .unwrap_or_default(),
                _ => condition.as_str().to_string(),
            };
            let request_id = self.trace.requests[ev.request as usize].id.clone();
            let attributes = record::dlq_attributes(&request_id, &error);
            self.deliver(
                Some(f),
                target,
                Via::DeadLetterQueue,
                Parcel::new(body, Some(attributes)),
                Cause::new(chosen, ev.request, lineage),
            );
        }
        if on_failure.is_none() && dlq.is_none() {
            self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::AsyncDropped,
                What::NoDestination {
                    reason: NoDestinationReason::NotConfigured,
                },
            );
        }
        self.note(
            fid,
            Some(cause),
            Some(ev.request),
            RuleId::AsyncDropped,
            What::AsyncDropped,
        );
    }

    /// The facts of the record of async event `id`; its JSON is written when someone reads it.
    pub(super) fn async_record(&mut self, id: u32, condition: Condition) -> AsyncRecordFacts {
        let ev = self.async_events[id as usize].clone();
        let approximate_invoke_count = match condition {
            Condition::ZeroReservedConcurrency => 0,
            _ if ev.attempts == 0 => assume::EXPIRED_UNINVOKED_COUNT,
            _ => ev.attempts,
        };
        let response = match condition {
            Condition::ZeroReservedConcurrency => None,
            _ => ev.last,
        };
        AsyncRecordFacts {
            epoch_ms: self.epoch_ms + self.now as i64,
            request: ev.request,
            function_arn: self.qualified_arn_part(ev.function, ev.qualifier, ev.runs),
            executed_version: self.executed_version_part(ev.function, ev.runs),
            condition,
            approximate_invoke_count,
            request_payload: self.payload_text(ev.payload),
            response,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MINUTE;

    fn limits(retries: Option<i64>, age_seconds: Option<i64>) -> AsyncLimits {
        AsyncLimits::of(Some(&EventInvokeConfig {
            maximum_retry_attempts: retries,
            maximum_event_age_in_seconds: age_seconds,
            destination_config: None,
        }))
    }

    #[test]
    fn without_a_config_an_event_gets_two_retries_and_six_hours() {
        let limits = AsyncLimits::of(None);
        assert_eq!(limits.max_retries, 2);
        assert_eq!(limits.max_attempts(), 3);
        assert_eq!(limits.max_event_age_ms, 21_600 * SECOND);
    }

    #[test]
    fn limits_outside_what_aws_accepts_are_clamped() {
        assert_eq!(limits(Some(5), Some(10)).max_retries, 2);
        assert_eq!(limits(Some(-1), None).max_retries, 0);
        assert_eq!(limits(None, Some(10)).max_event_age_ms, 60 * SECOND);
        assert_eq!(limits(None, Some(99_999)).max_event_age_ms, 21_600 * SECOND);
    }

    #[test]
    fn a_failed_attempt_is_retried_after_one_minute_then_two() {
        let limits = AsyncLimits::of(None);
        assert_eq!(limits.after_failure(1, 0), Next::RetryIn(MINUTE));
        assert_eq!(limits.after_failure(2, MINUTE), Next::RetryIn(2 * MINUTE));
        assert_eq!(limits.after_failure(3, 3 * MINUTE), Next::Exhausted);
    }

    #[test]
    fn a_retry_that_would_pass_the_age_limit_gives_up_as_too_old() {
        let limits = limits(None, Some(90));
        assert_eq!(limits.after_failure(1, 29 * SECOND), Next::RetryIn(MINUTE));
        assert_eq!(limits.after_failure(1, 30 * SECOND), Next::TooOld);
        assert!(!limits.too_old(89 * SECOND));
        assert!(limits.too_old(90 * SECOND));
    }

    #[test]
    fn a_throttle_uses_no_retry_and_backs_off() {
        let limits = limits(Some(0), None);
        assert_eq!(limits.after_failure(1, 0), Next::Exhausted);
        assert_eq!(limits.after_throttle(1, 0), Next::RetryIn(SECOND));
        assert_eq!(limits.after_throttle(2, 0), Next::RetryIn(2 * SECOND));
        assert_eq!(
            limits.after_throttle(1, 21_600 * SECOND - SECOND),
            Next::TooOld
        );
    }
}
