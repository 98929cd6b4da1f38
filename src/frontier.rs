//! The budget frontier: for each budget, the most qualifying targets and skilling points a
//! plan within it reaches (goal `max-points`), solved in parallel — the curve an advisor
//! shows a client to size a training budget.

use crate::check;
use crate::io::csvout::{hours, money, CsvDoc};
use crate::model::Inputs;
use crate::model::{ActionKind, Goal, Objective, Scenario};
use crate::report::plan::target_results;
use crate::solver::{self, SolveOptions, Status};
use rayon::prelude::*;

/// Columns of the frontier table.
pub const HEADER: &[&str] =
    &["budget", "status", "qualifying_targets", "skilling_points", "cost", "hours", "exams", "scores"];

/// Reads budgets written `2500,5000,10000` or as a range `FROM..TO:STEP` (both ends
/// included), in increasing order.
pub fn parse_budgets(text: &str) -> Result<Vec<f64>, String> {
    let bad = || format!("`{text}` is not a list of budgets; expected e.g. 2500,5000,10000 or 0..20000:2500");
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0);
    let mut out: Vec<f64> = if let Some((range, step)) = text.split_once(':') {
        let (from, to) = range.split_once("..").ok_or_else(bad)?;
        let (from, to, step) =
            (number(from).ok_or_else(bad)?, number(to).ok_or_else(bad)?, number(step).ok_or_else(bad)?);
        if step <= 0.0 || to < from || (to - from) / step > 10_000.0 {
            return Err(bad());
        }
        let count = ((to - from) / step + 1e-9).floor() as usize;
        (0..=count).map(|i| from + step * i as f64).collect()
    } else {
        text.split(',').map(|s| number(s).ok_or_else(bad)).collect::<Result<_, _>>()?
    };
    if out.is_empty() {
        return Err(bad());
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    Ok(out)
}

/// Solves the template for every budget on `threads` threads (0 = all cores).
pub fn sweep(
    inputs: &Inputs,
    template: &Scenario,
    budgets: &[f64],
    options: SolveOptions,
    threads: usize,
) -> anyhow::Result<Vec<u8>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let rows: Vec<Vec<String>> =
        pool.install(|| budgets.par_iter().map(|&b| row(inputs, template, b, options)).collect());
    let mut doc = CsvDoc::new(HEADER);
    for r in rows {
        doc.row(&r);
    }
    Ok(doc.into_bytes())
}

fn row(inputs: &Inputs, template: &Scenario, budget: f64, options: SolveOptions) -> Vec<String> {
    let objective = if template.objective == Objective::Quarters { Objective::Cost } else { template.objective };
    let scenario = Scenario { goal: Goal::MaxPoints, objective, budget: Some(budget), ..template.clone() };
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| solver::solve(inputs, &scenario, options)));
    let outcome = match solved {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => return error_row(budget, &e.to_string()),
        Err(_) => return error_row(budget, "the solver panicked"),
    };
    let status = match outcome.status {
        Status::Optimal => "optimal",
        Status::Feasible { .. } => "feasible",
        Status::Infeasible(_) => "infeasible",
    };
    let (qualifying, points) =
        check::value((&inputs.catalog, &inputs.rules, &inputs.org), &scenario, &outcome.plan, outcome.evaluation);
    let scores: Vec<String> = target_results(inputs, &scenario, &outcome)
        .iter()
        .map(|r| format!("{}={}", r.designation, money(r.after.score)))
        .collect();
    vec![
        money(budget),
        status.to_string(),
        qualifying.to_string(),
        money(points),
        money(outcome.cost),
        hours(outcome.hours),
        outcome.plan.actions.iter().filter(|a| a.kind == ActionKind::Exam).count().to_string(),
        scores.join(";"),
    ]
}

fn error_row(budget: f64, message: &str) -> Vec<String> {
    let mut cells = vec![String::new(); HEADER.len()];
    cells[0] = money(budget);
    cells[1] = "error".into();
    cells[HEADER.len() - 1] = message.to_string();
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_and_ranges_of_budgets() {
        assert_eq!(parse_budgets("5000, 2500,5000").unwrap(), vec![2500.0, 5000.0]);
        assert_eq!(parse_budgets("0..10000:2500").unwrap(), vec![0.0, 2500.0, 5000.0, 7500.0, 10000.0]);
        assert!(parse_budgets("a,b").is_err());
        assert!(parse_budgets("10..0:5").is_err());
        assert!(parse_budgets("0..10:0").is_err());
        assert!(parse_budgets("-5").is_err());
    }
}
