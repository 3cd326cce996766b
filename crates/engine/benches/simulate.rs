//! `cargo bench -p engine`: simulation speed, memory per trace event, and seeking.
//!
//! The generated scenario is the issue's: 10,000 asynchronous invocations across 50 functions,
//! 30% of attempts failing (seeded), OnSuccess to SQS and OnFailure to SNS everywhere.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use engine::{simulate, RunOptions, Timeline};
use std::hint::black_box;

#[path = "support/generated.rs"]
mod support;
use support::generated;

fn bench(c: &mut Criterion) {
    let scenario = generated(10_000, 50);
    let run = simulate(&scenario, &RunOptions::default());
    let events = run.trace.events.len();
    let bytes = run.trace.memory_bytes();
    println!(
        "generated run: {events} trace events; {} bytes per event in all ({} for the event itself, the rest bodies, record facts and request ids)",
        bytes / events.max(1),
        std::mem::size_of::<engine::TraceEvent>()
    );
    // Reading every body writes every record: the memory once a viewer has looked at them all.
    for id in 0..run.trace.body_count() {
        black_box(run.trace.body(id as u32));
    }
    println!(
        "  after reading every body: {} bytes per event",
        run.trace.memory_bytes() / events.max(1)
    );

    let mut group = c.benchmark_group("simulate");
    group.throughput(Throughput::Elements(events as u64));
    group.sample_size(10);
    group.bench_function("10k async invocations, 50 functions, 30% failures", |b| {
        b.iter(|| simulate(black_box(&scenario), &RunOptions::default()))
    });
    group.finish();

    // Seeking: a run of about 100,000 events, the size the issue names.
    let invocations = 100_000 * 10_000 / events.max(1) + 1;
    let big = generated(invocations, 50);
    let big_run = simulate(&big, &RunOptions::default());
    let timeline = Timeline::new(&big_run);
    let len = big_run.trace.events.len();
    println!("seek run: {len} trace events from {invocations} invocations");
    // The worst case folds CHECKPOINT_EVERY - 1 events after the nearest snapshot.
    let worst =
        (len / 2 / engine::world::CHECKPOINT_EVERY + 1) * engine::world::CHECKPOINT_EVERY - 1;
    let started = std::time::Instant::now();
    let rounds = 50;
    for _ in 0..rounds {
        black_box(timeline.world_after(&big_run, black_box(worst)));
    }
    println!(
        "seek worst case (step {worst}, {} events after a snapshot): {:.3} ms",
        engine::world::CHECKPOINT_EVERY - 1,
        started.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds)
    );
    let mut group = c.benchmark_group("seek");
    group.sample_size(20);
    let mut step = 0usize;
    group.bench_function(
        format!("world at a random step of a {len}-event run"),
        |b| {
            b.iter_batched(
                || {
                    step = (step * 7919 + 104_729) % len;
                    step
                },
                |at| timeline.world_after(black_box(&big_run), at),
                BatchSize::SmallInput,
            )
        },
    );
    group.bench_function(format!("build the timeline of a {len}-event run"), |b| {
        b.iter(|| Timeline::new(black_box(&big_run)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
