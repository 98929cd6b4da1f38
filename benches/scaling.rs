//! The scaling tables of PERFORMANCE.md: mix × people × designations × quarters → model build
//! and search time, status and branch-and-bound nodes, on generated organisations (seed 2027,
//! start 2026-Q4, the quarter of the generator's today; objective cost), in both of the
//! generator's mixes: `grades` (a few interchangeable grades) and `hard` (realistic-hard: every
//! person distinct, see `generate::hard`). `cargo bench --bench scaling` runs the whole grid
//! (tens of minutes) and prints the table as Markdown; `-- grades` or `-- hard` runs one mix;
//! `cargo test --benches` runs only the smallest row of each mix as a smoke test.

use certplan::generate::{self, Mix, OrgSpec};
use certplan::io;
use certplan::model::Inputs;
use certplan::model::{Date, Quarter};
use certplan::solver::{self, SolveOptions, Status};
use std::time::Instant;

/// Wall-clock limit per case, in seconds.
const TIME_LIMIT: f64 = 60.0;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let start = Quarter::parse("2026-Q4").expect("valid quarter");
    let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
    // Five designations: all but Modern Work, whose advanced step cannot score after
    // 2027-11-30, so that long horizons have a feasible many-designation row.
    let five: Vec<String> = all.iter().filter(|d| *d != "modern-work").cloned().collect();
    let sets: [(&str, Vec<String>); 4] = [
        ("1", vec!["infrastructure".into()]),
        ("3", vec!["infrastructure".into(), "security".into(), "data-ai".into()]),
        ("5", five),
        ("6", all),
    ];
    let only = |mix: &str| std::env::args().any(|a| a == mix);
    let mixes: Vec<(Mix, &[usize])> = [
        (Mix::Grades, if full { &[20, 40, 100, 400, 1000, 2000][..] } else { &[20][..] }),
        (Mix::Hard, if full { &[20, 60, 150, 400, 2000][..] } else { &[20][..] }),
    ]
    .into_iter()
    .filter(|(mix, _)| !(only("grades") || only("hard")) || only(mix.name()))
    .collect();
    println!("| mix | people | designations | quarters | seconds | build s | search s | status | nodes |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (mix, sizes) in mixes {
        for &people in sizes {
            let spec = OrgSpec { people, seed: 2027, today };
            let inputs = match mix {
                Mix::Grades => {
                    Inputs { org: generate::organisation(&base.catalog, &base.rules, &spec), ..base.clone() }
                }
                Mix::Hard => {
                    let (catalog, org) = generate::hard(&base.catalog, &base.rules, &spec);
                    Inputs { catalog, org, ..base.clone() }
                }
            };
            for (label, targets) in &sets {
                for quarters in [1, 4, 8] {
                    let scenario = generate::scenario(targets, start, quarters);
                    let started = Instant::now();
                    let result = solver::solve(&inputs, &scenario, SolveOptions::limit(TIME_LIMIT));
                    let seconds = started.elapsed().as_secs_f64();
                    let (status, nodes, build, search) = match result {
                        Ok(o) => (
                            match o.status {
                                Status::Optimal => "optimal".to_string(),
                                Status::Feasible { gap } => {
                                    format!("feasible (gap {:.1} %)", gap.unwrap_or(f64::NAN) * 100.0)
                                }
                                Status::Infeasible(_) => "infeasible".to_string(),
                            },
                            o.nodes.to_string(),
                            format!("{:.3}", o.build_seconds),
                            format!("{:.3}", o.search_seconds),
                        ),
                        Err(e) => (format!("error: {e}"), String::new(), String::new(), String::new()),
                    };
                    println!(
                    "| {} | {people} | {label} | {quarters} | {seconds:.3} | {build} | {search} | {status} | {nodes} |",
                    mix.name()
                );
                }
            }
        }
    }
}
