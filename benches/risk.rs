//! How long the risk model's Monte Carlo estimate takes (issue 14: 10 000 samples of a
//! 400-person plan in under 1 s on 2 cores): the optimal plan of a generated 400-person
//! organisation (realistic-hard, every designation, four quarters) estimated with 10 000
//! samples on a pool of two threads, without attrition (only the plan's exams are drawn) and
//! with 2 % per quarter (every person who counts anywhere is drawn too), and once on one
//! thread for the speed-up.
//!
//! Run with `cargo bench --bench risk`; `cargo test --benches` runs each case once. The plan
//! is solved outside the timed closure.

use certplan::generate::{self, Mix, OrgSpec};
use certplan::io;
use certplan::model::{Date, Inputs, Plan, Quarter, Scenario};
use certplan::risk::{self, How};
use certplan::solver::{self, SolveOptions};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;

/// Samples per estimate, as the issue states the target.
const SAMPLES: u32 = 10_000;

fn case() -> (Inputs, Scenario, Plan, Quarter) {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let spec = OrgSpec { people: 400, seed: 3, today };
    let (catalog, org) = Mix::Hard.generate(&base.catalog, &base.rules, &spec);
    let inputs = Inputs { catalog, org, rules: base.rules };
    let targets: Vec<String> = inputs.rules.designations.iter().map(|d| d.id.clone()).collect();
    let scenario = generate::scenario(&targets, today.quarter(), 4);
    let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
    assert!(!outcome.plan.actions.is_empty(), "the plan has actions to draw");
    (inputs, scenario, outcome.plan, outcome.evaluation)
}

fn estimate(c: &mut Criterion) {
    let (inputs, mut scenario, plan, evaluation) = case();
    let mut group = c.benchmark_group("risk400");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    let how = How::Sample { samples: SAMPLES, seed: 1 };
    for (name, attrition, threads) in
        [("threads2", 0.0, 2), ("threads2-attrition", 0.02, 2), ("threads1-attrition", 0.02, 1)]
    {
        scenario.risk.attrition = attrition;
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        group.bench_function(name, |b| {
            b.iter(|| {
                pool.install(|| {
                    let a = risk::assess(&inputs, &scenario, black_box(&plan), evaluation, how).expect("assesses");
                    black_box(a.all.probability)
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, estimate);
criterion_main!(benches);
