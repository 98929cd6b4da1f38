//! What `plan` and `compare` print on the terminal: how each scenario ended, the ranking,
//! where the files went, and a progress bar while they solve.

use crate::analysis::compare::{Comparison, Rank};
use crate::batch::{status_label, RunResult, ScenarioRun};
use crate::io::csvout::{hours, money, CsvDoc};
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
        text.push_str(&format!("workbook: {}\n", dir.join("plan.xlsx").display()));
        text.push_str(&format!("report: {}\n", dir.join("report.html").display()));
    }
    text.push_str(&format!("summary: {}\n", dir.join("summary.csv").display()));
    text
}

/// `compare`'s report: how each scenario with outputs of its own ended, the ranking of all
/// (an aligned `table`, else CSV after a blank line), and where the summary is in `dir`.
pub fn compare_text(comparison: &Comparison, dir: &Path, table: bool) -> String {
    let mut text: String = comparison.unique().map(describe).collect();
    if table {
        text.push_str(&ranking(&comparison.ranking()));
    } else {
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&ranking_csv(&comparison.ranking())));
    }
    text.push_str(&format!("report: {}\n", dir.join("report.html").display()));
    text.push_str(&format!("summary: {}\n", dir.join("summary.csv").display()));
    text
}

/// The ranking as CSV: `rank, scenario, status, objective, cost, currency, probability` (the
/// last: that every target qualifies with the plan, issue 14).
fn ranking_csv(rows: &[Rank]) -> Vec<u8> {
    let mut doc = CsvDoc::new(&["rank", "scenario", "status", "objective", "cost", "currency", "probability"]);
    for (i, r) in rows.iter().enumerate() {
        let solved = r.objective.is_some();
        doc.row(&[
            (i + 1).to_string(),
            r.name.clone(),
            r.status.to_string(),
            r.objective.map_or(String::new(), |v| format!("{v:.2}")),
            if solved { money(r.cost) } else { String::new() },
            r.currency.clone(),
            r.probability.map_or(String::new(), crate::report::plan::probability),
        ]);
    }
    doc.into_bytes()
}

/// A CSV table aligned for a terminal: columns padded to their widest cell (in characters),
/// numbers right-aligned, two spaces between columns.
pub fn aligned(csv_bytes: &[u8]) -> String {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv_bytes);
    let rows: Vec<Vec<String>> =
        reader.records().filter_map(Result::ok).map(|r| r.iter().map(str::to_string).collect()).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let numeric =
        |c: usize| rows.iter().skip(1).filter_map(|r| r.get(c)).all(|s| s.is_empty() || s.parse::<f64>().is_ok());
    let right: Vec<bool> = (0..columns).map(numeric).collect();
    let mut text = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c].saturating_sub(cell.chars().count()));
                if right[c] {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
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
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} solves, {elapsed} elapsed, ETA {eta}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_tables_pad_text_left_and_numbers_right() {
        let text = aligned("designation,score,missing\ninfrastructure,70.00,\nZoë,5.5,x y\n".as_bytes());
        assert_eq!(text, "designation     score  missing\ninfrastructure  70.00\nZoë               5.5  x y\n");
    }
}
