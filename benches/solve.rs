//! How long `solver::solve` takes, on the bundled example scenarios and on generated
//! organisations of growing size (`certplan::generate`), in a few grades and realistic-hard.
//!
//! Run with `cargo bench --bench solve`; `cargo test --benches` runs every case once as a
//! smoke test. Inputs are loaded and generated outside the timed closure: only the solve
//! is measured, as three benchmarks per case: `total` (everything `solver::solve` does),
//! `build` (the model: requirements and every person's options) and `search` (bounds,
//! integer programs, tie-break, plan extraction and the independent check), the last two
//! from the times the solver reports for its two phases.
//!
//! Each solve takes from milliseconds to a few seconds, so samples are few and flat (the same
//! number of iterations per sample) to keep the whole run within a few minutes on two cores.

use certplan::generate::{self, OrgSpec};
use certplan::io::{self, InputPaths};
use certplan::model::Inputs;
use certplan::model::{Date, Quarter, Scenario};
use certplan::solver::{self, SolveOptions, Status};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The day the bundled example is observed on (its comments describe November 2026).
const TODAY: &str = "2026-11-26";

/// Seed of every generated organisation: fixed, so runs compare.
const SEED: u64 = 2027;

fn manifest(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn today() -> Date {
    Date::parse(TODAY).expect("TODAY is a valid date")
}

fn bench_case(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: &str,
    inputs: &Inputs,
    scenario: &Scenario,
) {
    // Every case must solve to a plan: timing an error or an infeasibility proof instead would
    // silently measure something else (and `cargo test --benches` catches it this way).
    match solver::solve(inputs, scenario, SolveOptions::default()) {
        Ok(outcome) if !matches!(outcome.status, Status::Infeasible(_)) => {}
        Ok(outcome) => panic!("{id}: expected a plan, got {:?}", outcome.status),
        Err(e) => panic!("{id}: {e}"),
    }
    let run = || solver::solve(black_box(inputs), black_box(scenario), SolveOptions::default()).expect("solves");
    group.bench_function(format!("{id}/total"), |b| b.iter(run));
    let phase = |pick: fn(&solver::Outcome) -> f64| {
        move |iters: u64| (0..iters).map(|_| Duration::from_secs_f64(pick(&run()))).sum::<Duration>()
    };
    group.bench_function(format!("{id}/build"), |b| b.iter_custom(phase(|o| o.build_seconds)));
    group.bench_function(format!("{id}/search"), |b| b.iter_custom(phase(|o| o.search_seconds)));
}

fn solve_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    group.sampling_mode(SamplingMode::Flat);

    for name in ["infrastructure-2027", "infra-and-security-2027"] {
        let path = manifest(&format!("scenarios/{name}.toml"));
        let (scenario, inputs) = io::load_scenario(&path, &InputPaths::default(), today())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        bench_case(&mut group, &format!("example/{name}"), &inputs, &scenario);
    }

    let base = io::bundled_inputs().expect("the bundled inputs load");
    // Planning starts in the quarter of `TODAY` (the contract's default start), the last one
    // in which Modern Work's advanced exam (MS-102, closing 2026-11-30) can still be taken:
    // from 2027-Q1 on, no target list with Modern Work can qualify by a deadline in 2027-Q4.
    let start = Quarter::parse("2026-Q4").expect("valid quarter");
    let all: Vec<&str> = base.rules.designations.iter().map(|d| d.id.as_str()).collect();
    let three: &[&str] = &["infrastructure", "security", "data-ai"];
    let cases: [(usize, &[&str]); 6] =
        [(40, &["infrastructure"]), (100, three), (400, three), (100, &all), (400, &all), (2000, &all)];
    for (people, targets) in cases {
        let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people, seed: SEED, today: today() });
        let inputs = Inputs { catalog: base.catalog.clone(), rules: base.rules.clone(), org };
        let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        let scenario = generate::scenario(&targets, start, 4);
        bench_case(&mut group, &format!("generated/{people}x{}", targets.len()), &inputs, &scenario);
    }
    // Realistic-hard organisations (every person distinct): six designations over a year,
    // and five over two years, which takes the priced enumeration.
    let five: Vec<&str> = all.iter().copied().filter(|d| *d != "modern-work").collect();
    let hard: [(usize, &[&str], u32); 3] = [(60, &all, 4), (400, &all, 4), (150, &five, 8)];
    for (people, targets, quarters) in hard {
        let (catalog, org) =
            generate::hard(&base.catalog, &base.rules, &OrgSpec { people, seed: SEED, today: today() });
        let inputs = Inputs { catalog, rules: base.rules.clone(), org };
        let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        let scenario = generate::scenario(&targets, start, quarters);
        bench_case(&mut group, &format!("hard/{people}x{}x{quarters}", targets.len()), &inputs, &scenario);
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Command-line flags (`--warm-up-time`, `--measurement-time`, `--sample-size`) still win.
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = solve_benches
}
criterion_main!(benches);
