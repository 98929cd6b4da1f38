//! The budget frontier: for each budget, the most qualifying targets and skilling points a
//! plan within it reaches (goal `max-points`), solved in parallel — the curve an advisor
//! shows a client to size a training budget.

use crate::batch::{self, Progress};
use crate::model::Inputs;
use crate::model::{goal, Goal, Objective, Scenario};
use crate::report::plan::{exam_count, target_results, TargetResult};
use crate::risk::{self, How, Odds};
use crate::solver::SolveOptions;

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

/// One budget of the frontier.
pub struct FrontierRow {
    /// The budget.
    pub budget: f64,
    /// What a plan within it reaches, or why the solve failed.
    pub reached: Result<Reached, String>,
}

/// What the best plan within a budget reaches.
pub struct Reached {
    /// How the solve ended.
    pub status: &'static str,
    /// Targets that qualify.
    pub qualifying: u32,
    /// Skilling points over the targets.
    pub points: f64,
    /// The plan's total cost.
    pub cost: f64,
    /// The plan's total hours.
    pub hours: f64,
    /// The plan's exams.
    pub exams: usize,
    /// Every target's score with the plan.
    pub targets: Vec<TargetResult>,
    /// Probability that every target qualifies with the plan (the template's risk settings).
    pub odds: Odds,
}

/// Solves the template for every budget on `threads` threads (0 = all cores), in the
/// budgets' order, telling `progress` of each.
pub fn rows(
    inputs: &Inputs,
    template: &Scenario,
    budgets: &[f64],
    options: SolveOptions,
    threads: usize,
    progress: &Progress,
) -> anyhow::Result<Vec<FrontierRow>> {
    (progress.total)(budgets.len());
    batch::in_parallel(threads, budgets.to_vec(), |budget| {
        let row = FrontierRow { budget, reached: reach(inputs, template, budget, options) };
        (progress.done)();
        row
    })
}

fn reach(inputs: &Inputs, template: &Scenario, budget: f64, options: SolveOptions) -> Result<Reached, String> {
    let objective = if template.objective == Objective::Quarters { Objective::Cost } else { template.objective };
    let scenario = Scenario { goal: Goal::MaxPoints, objective, budget: Some(budget), ..template.clone() };
    let outcome = batch::solve_safely(inputs, &scenario, options)?;
    let (qualifying, points) = goal::value(inputs, &scenario, &outcome.plan, outcome.evaluation);
    let how = How::of(&scenario);
    let odds = risk::assess(inputs, &scenario, &outcome.plan, outcome.evaluation, how).map_err(|e| e.to_string())?.all;
    Ok(Reached {
        status: batch::status_label(&outcome.status),
        qualifying,
        points,
        cost: outcome.cost,
        hours: outcome.hours,
        exams: exam_count(&outcome.plan),
        targets: target_results(inputs, &scenario, &outcome),
        odds,
    })
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
