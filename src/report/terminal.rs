//! What `plan` and `compare` print on the terminal: how each scenario ended, the ranking,
//! where the files went, and a progress bar while they solve.

use crate::analysis::compare::{Comparison, Rank};
use crate::batch::{status_label, RunResult, ScenarioRun};
use crate::io::csvout::{hours, money};
use crate::model::Objective;
use crate::report::plan::{exam_count, target_results};
use crate::risk::{percent, Odds, PlanRisk};
use crate::solver::Status;
use std::path::Path;

/// `plan`'s report: how the scenario ended and where its files are in `dir`.
pub fn plan_text(run: &ScenarioRun, dir: &Path) -> String {
    let mut text = describe(run);
    if matches!(run.result, RunResult::Solved(_)) {
        text.push_str(&format!("plan: {}\n", dir.join("plan.csv").display()));
    }
    text.push_str(&format!("summary: {}\n", dir.join("summary.csv").display()));
    text
}

/// `compare`'s report: how each scenario with outputs of its own ended, the ranking of all,
/// and where the summary is in `dir`.
pub fn compare_text(comparison: &Comparison, dir: &Path) -> String {
    let mut text: String = comparison.unique().map(describe).collect();
    text.push_str(&ranking(&comparison.ranking()));
    text.push_str(&format!("summary: {}\n", dir.join("summary.csv").display()));
    text
}

/// The ranking as a table.
fn ranking(rows: &[Rank]) -> String {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(8).max(8);
    let mut text = format!(
        "\n{:>4}  {:<width$}  {:<10}  {:>12}  {:>16}  {:>11}\n",
        "rank", "scenario", "status", "objective", "cost", "probability"
    );
    for (i, r) in rows.iter().enumerate() {
        let value = r.objective.map_or(String::new(), |v| format!("{v:.2}"));
        let cost = if r.objective.is_some() { format!("{} {}", money(r.cost), r.currency) } else { String::new() };
        let odds = r.probability.map_or(String::new(), percent);
        text.push_str(&format!(
            "{:>4}  {:<width$}  {:<10}  {value:>12}  {cost:>16}  {odds:>11}\n",
            i + 1,
            r.name,
            r.status
        ));
    }
    text
}

/// A few lines on how a scenario ended.
fn describe(run: &ScenarioRun) -> String {
    let planned = match &run.result {
        RunResult::BadInput(e) => return format!("{}: bad input ({} problem(s))\n", run.name, e.0.len()),
        RunResult::Failed(message) => return format!("{}: error: {message}\n", run.name),
        RunResult::Solved(planned) => planned,
    };
    let (scenario, inputs, outcome) = (&planned.scenario, &*planned.inputs, &planned.outcome);
    let currency = &inputs.org.profile.currency;
    let detail = match &outcome.status {
        Status::Optimal => String::new(),
        Status::Feasible { gap } => {
            format!(" (time limit; gap {})", gap.map_or("unknown".into(), |g| format!("{:.2}%", g * 100.0)))
        }
        Status::Infeasible(why) => format!(": {}", why.join("; ")),
    };
    let mut s = format!("{}: {}{detail}\n", run.name, status_label(&outcome.status));
    if !matches!(outcome.status, Status::Infeasible(_)) {
        let exams = exam_count(&outcome.plan);
        let when = match scenario.objective {
            Objective::Quarters => format!(", goal met by {}", outcome.evaluation),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  {} {currency}, {} h, {exams} exam(s), {} action(s){when}, solved in {:.2} s\n",
            money(outcome.cost),
            hours(outcome.hours),
            outcome.plan.actions.len(),
            run.seconds
        ));
    }
    for r in target_results(inputs, scenario, outcome) {
        s.push_str(&format!(
            "  {} ({}): score {} -> {}, {}\n",
            r.designation,
            r.track,
            money(r.before.score),
            money(r.after.score),
            if r.after.qualified { "qualified" } else { "not qualified" }
        ));
    }
    if let Some(risk) = &planned.risk {
        s.push_str(&risk_lines(risk, outcome.cost, currency));
    }
    s
}

/// The plan's probability and, after a `min_probability` search, the optimal plan's figures
/// beside the chosen plan's: the price of certainty.
fn risk_lines(risk: &PlanRisk, cost: f64, currency: &str) -> String {
    let a = &risk.assessment;
    let mut s = format!("  {}\n", crate::report::risk::probability_sentence(a));
    if let Some(search) = &risk.search {
        s.push_str(&format!(
            "  optimal plan: {} {currency}, {}\n  chosen plan ({}): {} {currency}, {}; the price of certainty: {} {currency} ({} plan(s) tried)\n",
            money(search.optimum_cost),
            odds_text(&search.optimum),
            search.chosen,
            money(cost),
            odds_text(&a.all),
            money(cost - search.optimum_cost),
            search.candidates
        ));
        if !search.reached {
            s.push_str(&format!(
                "  no plan found reaches {}; the most probable one found is written\n",
                percent(search.min_probability)
            ));
        }
    }
    s
}

/// A probability with its interval, in words.
fn odds_text(o: &Odds) -> String {
    if o.low == o.high {
        format!("probability {}", percent(o.probability))
    } else {
        format!("probability {} ({} to {})", percent(o.probability), percent(o.low), percent(o.high))
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
pub fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} scenarios, {elapsed} elapsed, ETA {eta}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}
