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
//! seed 2027, start 2026-Q4, four quarters, objective cost).

use certplan::generate::{self, Mix, OrgSpec};
use certplan::io;
use certplan::model::Inputs;
use certplan::model::{Date, Quarter};
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

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let start = Quarter::parse("2026-Q4").expect("valid quarter");
    let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
    let sets: [(&str, Vec<String>); 3] = [
        ("1", vec!["infrastructure".into()]),
        ("3", vec!["infrastructure".into(), "security".into(), "data-ai".into()]),
        ("6", all),
    ];
    let mixes = [
        (Mix::Grades, if full { &[20, 40, 100, 400][..] } else { &[20][..] }),
        (Mix::Hard, if full { &[20, 60, 150, 400][..] } else { &[20][..] }),
    ];
    println!("| mix | people | designations | optimum | certplan s | HiGHS s (build + solve) | ratio |");
    println!("|---|---|---|---|---|---|---|");
    for (mix, sizes) in mixes {
        for &people in sizes {
            let (catalog, org) = mix.generate(&base.catalog, &base.rules, &OrgSpec { people, seed: 2027, today });
            let inputs = Inputs { catalog, org, ..base.clone() };
            for (label, targets) in &sets {
                let scenario = generate::scenario(targets, start, 4);
                let mut ours = Vec::new();
                let mut objective = None;
                for _ in 0..RUNS {
                    let started = Instant::now();
                    let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("certplan solves");
                    ours.push(started.elapsed().as_secs_f64());
                    objective = outcome.objective;
                }
                let mut theirs = Vec::new();
                let mut reference = None;
                for _ in 0..RUNS {
                    let started = Instant::now();
                    let answer =
                        textbook::solve(&inputs, &scenario, Backend::Highs, HIGHS_TIME_LIMIT).expect("HiGHS solves");
                    theirs.push(started.elapsed().as_secs_f64());
                    assert!(answer.proven, "{people} x {label}: HiGHS did not prove its answer within the limit");
                    reference = answer.objective;
                }
                match (objective, reference) {
                    (Some(a), Some(b)) => assert!(
                        (a - b).abs() <= 1e-6 * a.abs().max(1.0),
                        "{people} x {label}: certplan {a} but the textbook program {b}"
                    ),
                    (a, b) => assert_eq!(a.is_some(), b.is_some(), "{people} x {label}: feasibility differs"),
                }
                let (ours, theirs) = (median(ours), median(theirs));
                let optimum = objective.map_or("infeasible".to_string(), |v| format!("{v:.2}"));
                println!(
                    "| {} | {people} | {label} | {optimum} | {ours:.3} | {theirs:.3} | {:.3} |",
                    mix.name(),
                    ours / theirs
                );
            }
        }
    }
}
