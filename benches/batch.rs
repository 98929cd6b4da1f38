//! Parallel speed-up of solving many scenarios: 32 generated scenarios on a rayon pool of
//! one thread versus two, the way `certplan compare` runs them (one single-threaded solve
//! per scenario). Run with `cargo bench --bench batch`; the ratio of the two medians is
//! the speed-up.

use certplan::generate::{self, OrgSpec};
use certplan::io;
use certplan::model::Inputs;
use certplan::model::{Date, Quarter, Scenario};
use certplan::solver::{self, SolveOptions};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use rayon::prelude::*;
use std::hint::black_box;

/// Scenarios in the batch.
const SCENARIOS: u64 = 32;

fn jobs() -> Vec<(Inputs, Scenario)> {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let targets = ["infrastructure".to_string(), "security".to_string()];
    (0..SCENARIOS)
        .map(|seed| {
            let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people: 60, seed, today });
            let inputs = Inputs { org, ..base.clone() };
            let scenario = generate::scenario(&targets, Quarter::parse("2027-Q1").expect("valid quarter"), 4);
            (inputs, scenario)
        })
        .collect()
}

fn solve_on(threads: usize, jobs: &[(Inputs, Scenario)]) -> usize {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    pool.install(|| {
        jobs.par_iter()
            .map(|(inputs, scenario)| {
                solver::solve(inputs, scenario, SolveOptions::default()).expect("solves").plan.actions.len()
            })
            .sum()
    })
}

fn batch(c: &mut Criterion) {
    let jobs = jobs();
    let mut group = c.benchmark_group("batch32");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for threads in [1, 2] {
        group
            .bench_function(format!("threads{threads}"), |b| b.iter(|| black_box(solve_on(threads, black_box(&jobs)))));
    }
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
