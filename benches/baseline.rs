//! How much the optimal plan saves over the advisor's greedy method
//! (`certplan::oracles::heuristic`), on generated organisations: prints one line per case and the
//! median and worst saving. Run with `cargo bench --bench baseline`.

use certplan::generate::{self, OrgSpec};
use certplan::io;
use certplan::model::Inputs;
use certplan::model::{Date, Quarter};
use certplan::oracles::heuristic::greedy_plan;
use certplan::solver::{self, SolveOptions, Status};

fn main() {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let today = Date::parse("2026-11-26").expect("valid date");
    let start = Quarter::parse("2027-Q1").expect("valid quarter");
    let suites: [&[&str]; 4] =
        [&["infrastructure"], &["security"], &["infrastructure", "security"], &["data-ai", "digital-app-innovation"]];
    let mut savings = Vec::new();
    println!("people,targets,seed,optimal,greedy,saving_percent");
    for people in [25, 60] {
        for targets in suites {
            for seed in 0..5 {
                let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people, seed, today });
                let inputs = Inputs { org, ..base.clone() };
                let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
                let scenario = generate::scenario(&targets, start, 4);
                let Ok(outcome) = solver::solve(&inputs, &scenario, SolveOptions::default()) else { continue };
                if outcome.status != Status::Optimal || outcome.cost <= 0.0 {
                    continue;
                }
                let Some(greedy) = greedy_plan(&inputs, &scenario) else { continue };
                let (cost, _) = certplan::model::cost::totals(&inputs, &scenario, &greedy);
                let saving = 100.0 * (cost - outcome.cost) / cost;
                savings.push(saving);
                println!("{people},{},{seed},{:.2},{cost:.2},{saving:.1}", targets.join("+"), outcome.cost);
            }
        }
    }
    savings.sort_by(f64::total_cmp);
    if let (Some(median), Some(worst)) = (savings.get(savings.len() / 2), savings.last()) {
        println!("cases {}, median saving {median:.1}%, largest saving {worst:.1}%", savings.len());
    }
}
