//! The asynchronous event queue (spec §2): accepting an event, each attempt, the retry and
//! event-age limits, and what happens once it succeeds or fails (destinations, dead-letter queue).

use super::*;

#[derive(Clone, Debug)]
pub(super) struct AsyncEvent {
    pub(super) function: usize,
    pub(super) request: RequestIndex,
    pub(super) payload: u32,
    pub(super) enqueued_at: Millis,
    pub(super) attempts: u32,
    pub(super) throttles: u32,
    pub(super) lineage: u32,
    pub(super) last: Option<Response>,
    pub(super) last_event: EventIndex,
}

impl<'a> Simulation<'a> {
    pub(super) fn enqueue_async(&mut self, f: usize, payload: u32, cause: Cause, rule: RuleId) {
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
        self.async_events.push(AsyncEvent {
            function: f,
            request,
            payload,
            enqueued_at: self.now,
            attempts: 0,
            throttles: 0,
            lineage,
            last: None,
            last_event: accepted,
        });
        self.schedule(self.now, Action::AsyncAttempt(id));
    }

    pub(super) fn max_event_age_ms(&self, f: usize) -> Millis {
        let seconds = self.scenario.functions[f]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_event_age_in_seconds)
            .unwrap_or(21_600);
        seconds.clamp(60, 21_600) as Millis * SECOND
    }

    pub(super) fn max_retries(&self, f: usize) -> u32 {
        self.scenario.functions[f]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts)
            .unwrap_or(2)
            .clamp(0, 2) as u32
    }

    pub(super) fn async_attempt(&mut self, id: u32) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let parent = Some(ev.last_event);
        let request = Some(ev.request);
        let age = self.now - ev.enqueued_at;
        let limit = self.max_event_age_ms(f);
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
        if age >= limit {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::EventAgeExceeded,
                What::EventAgeExceeded {
                    age_ms: age,
                    limit_ms: limit,
                    lookahead: false,
                },
            );
            return self.async_failed(id, Condition::EventAgeExceeded, e);
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
            let delay = assume::async_throttle_backoff(throttles - 1);
            self.async_events[id as usize].throttles = throttles;
            if age + delay >= limit {
                let e = self.note(
                    fid,
                    parent,
                    request,
                    RuleId::EventAgeExceeded,
                    What::EventAgeExceeded {
                        age_ms: age,
                        limit_ms: limit,
                        lookahead: true,
                    },
                );
                return self.async_failed(id, Condition::EventAgeExceeded, e);
            }
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
        let max_attempts = self.max_retries(f) + 1;
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

    pub(super) fn async_succeeded(&mut self, id: u32, done: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let mut parent = done;
        if let Some(target) = self.functions[f].on_success {
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
                target,
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

    pub(super) fn async_failed(&mut self, id: u32, condition: Condition, cause: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let on_failure = self.functions[f].on_failure;
        let dlq = self.functions[f].dead_letter;
        let lineage = ev.lineage + 1;
        if let Some(target) = on_failure {
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
                target,
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
            function_arn: self.qualified_arn_part(ev.function),
            condition,
            approximate_invoke_count,
            request_payload: self.payload_text(ev.payload),
            response,
        }
    }
}
