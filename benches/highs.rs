//! certplan's default path against a general-purpose MIP solver: the same generated instances
//! solved by `solver::solve` (microlp, requirement programs, column generation) and by the
//! textbook integer program of `certplan::oracles::textbook` solved with HiGHS. Prints a Markdown
//! table of both optima (which must agree: the run panics otherwise), both times and their
//! ratio (certplan / HiGHS; below 1 means certplan is faster).
//!
//! Needs the `highs` feature (HiGHS is built from source: cmake and libclang):
//! `cargo bench --features highs --bench highs` runs the grid; `cargo test --features highs
//! --benches` runs its smallest row as a smoke test. Times are wall-clock medians of
//! [`RUNS`] runs, on generated organisations of both mixes (a few grades, realistic-hard;
//! seed 2027, start 2026-Q4, objective cost) over 1, 4 and 8 quarters. Arguments after
//! `--bench` narrow a run: `--mix hard`, `--people 20,60`, `--quarters 8`.

use certplan::generate::{self, Mix, OrgSpec};
use certplan::io;
use certplan::model::{Date, Quarter};
use certplan::model::{Inputs, Scenario};
use certplan::oracles::textbook::{self, Backend};
use certplan::solver::{self, SolveOptions};
use std::time::Instant;

/// Runs per case and solver; the median is reported.
const RUNS: usize = 3;

/// Wall-clock limit for one HiGHS solve, in seconds.
const HIGHS_TIME_LIMIT: f64 = 600.0;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The grid's values of one dimension: `--NAME a,b,c` after `--bench` narrows the full run
/// to those values (e.g. `--quarters 8 --mix hard`), else `full` in a full run and `smoke`
/// in the smoke test.
fn pick<T: Clone>(args: &[String], name: &str, full: &[T], smoke: &[T], parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let flag = format!("--{name}");
    match args.iter().position(|a| *a == flag) {
        Some(i) => {
            let list = args.get(i + 1).unwrap_or_else(|| panic!("{flag} needs a comma-separated list"));
            list.split(',').map(|v| parse(v).unwrap_or_else(|| panic!("{flag}: {v:?} is not a value"))).collect()
        }
        None if args.iter().any(|a| a == "--bench") => full.to_vec(),
        None => smoke.to_vec(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let start = Quarter::parse("2026-Q4").expect("valid quarter");
    let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
    // Five: all but modern-work, whose advanced step's certifications stop counting before
    // an eight-quarter horizon ends (so six designations are infeasible there by the rules).
    let five: Vec<String> = all.iter().filter(|d| *d != "modern-work").cloned().collect();
    let sets: [(&str, Vec<String>); 4] = [
        ("1", vec!["infrastructure".into()]),
        ("3", vec!["infrastructure".into(), "security".into(), "data-ai".into()]),
        ("5", five),
        ("6", all),
    ];
    let mixes = pick(&args, "mix", &[Mix::Grades, Mix::Hard], &[Mix::Grades, Mix::Hard], |v| {
        [Mix::Grades, Mix::Hard].into_iter().find(|m| m.name() == v)
    });
    let quarters = pick(&args, "quarters", &[1, 4, 8], &[4], |v| v.parse::<u32>().ok());
    let people = |mix: Mix| match mix {
        Mix::Grades => pick(&args, "people", &[20, 40, 100, 400], &[20], |v| v.parse::<usize>().ok()),
        Mix::Hard => pick(&args, "people", &[20, 60, 150, 400], &[20], |v| v.parse::<usize>().ok()),
    };
    println!("| mix | people | designations | quarters | optimum | certplan s | HiGHS s (build + solve) | ratio |");
    println!("|---|---|---|---|---|---|---|---|");
    for mix in mixes {
        for people in people(mix) {
            let (catalog, org) = mix.generate(&base.catalog, &base.rules, &OrgSpec { people, seed: 2027, today });
            let inputs = Inputs { catalog, org, ..base.clone() };
            for &horizon in &quarters {
                for (label, targets) in &sets {
                    row(&inputs, generate::scenario(targets, start, horizon), mix, people, label, horizon);
                }
            }
        }
    }
}

/// Solves one case [`RUNS`] times with each solver, checks that the optima agree and prints
/// the row.
fn row(inputs: &Inputs, scenario: Scenario, mix: Mix, people: usize, label: &str, horizon: u32) {
    let mut ours = Vec::new();
    let mut objective = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let outcome = solver::solve(inputs, &scenario, SolveOptions::default()).expect("certplan solves");
        ours.push(started.elapsed().as_secs_f64());
        objective = outcome.objective;
    }
    let mut theirs = Vec::new();
    let mut reference = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let answer = textbook::solve(inputs, &scenario, Backend::Highs, HIGHS_TIME_LIMIT).expect("HiGHS solves");
        theirs.push(started.elapsed().as_secs_f64());
        assert!(answer.proven, "{people} x {label} x {horizon}: HiGHS did not prove its answer within the limit");
        reference = answer.objective;
    }
    let case = format!("{} {people} x {label} x {horizon}", mix.name());
    match (objective, reference) {
        (Some(a), Some(b)) => {
            assert!((a - b).abs() <= 1e-6 * a.abs().max(1.0), "{case}: certplan {a} but the textbook program {b}")
        }
        (a, b) => assert_eq!(a.is_some(), b.is_some(), "{case}: feasibility differs"),
    }
    let (ours, theirs) = (median(ours), median(theirs));
    let optimum = objective.map_or("infeasible".to_string(), |v| format!("{v:.2}"));
    println!(
        "| {} | {people} | {label} | {horizon} | {optimum} | {ours:.3} | {theirs:.3} | {:.3} |",
        mix.name(),
        ours / theirs
    );
}
