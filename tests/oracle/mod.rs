//! An independent oracle for plans (issue 11): from the inputs, a scenario and a plan alone, it
//! says whether every action is allowed, who counts which certification on the evaluation day,
//! what each target scores and whether the scenario's goal holds.
//!
//! It is written from the contract's text (spec/formats.md §1.2, §1.4, §3, §5) with only the
//! crate's data types, never its `check`, `evaluate`, `goal` or `cost` helpers (nor
//! `Date::add_months`, `Certification::counts_on`, `Threshold::points_for` and the like): the
//! optimiser and the checker share those, so a bug there used to be invisible to a brute force
//! judging plans with them. Clarity over speed: every rule is one plainly worded test.
//!
//! - [`actions`]: (a) whether each action is allowed;
//! - [`replay`]: (b) the grants and links after a plan, and who counts what on a day;
//! - [`scoring`]: (c) each designation's points per track, the goal and the `max-points` value.

pub mod actions;
mod examples;
pub mod replay;
pub mod scoring;

use certplan::model::{Action, ActionKind, Date, Inputs, Plan, Quarter, Scenario};

/// Budget comparisons allow this much (contract §5.10).
const BUDGET_TOLERANCE: f64 = 1e-6;

/// `day` plus `months` calendar months (negative: earlier), clamped to the last day of the
/// month it lands in (contract §5.2: 2027-08-31 − 6 months = 2027-02-28).
pub fn plus_months(day: Date, months: i32) -> Date {
    let (year, month, day_of_month) = day.parts();
    let index = year * 12 + (month as i32 - 1) + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    // The same day of the month when it exists, else the month's last day.
    (1..=day_of_month).rev().find_map(|d| Date::new(year, month, d)).expect("every month has a first day")
}

/// Total expected cost and hours of `actions` (contract §3): an exam costs `exam_fee /
/// pass_rate` (the catalogue's rate, else the scenario's) + `training_fee`, plus `study_hours ×
/// hourly_cost` when the scenario counts time; a renewal costs its `renewal_hours` of time; a
/// link is free.
pub fn totals(inputs: &Inputs, scenario: &Scenario, actions: &[Action]) -> (f64, f64) {
    let mut cost = 0.0;
    let mut hours = 0.0;
    for a in actions {
        let Some(c) = a.cert else { continue };
        let cert = &inputs.catalog[c];
        let rate = if scenario.count_time_cost { inputs.org.employees[a.employee].hourly_cost } else { 0.0 };
        match a.kind {
            ActionKind::Exam => {
                let attempts = 1.0 / cert.pass_rate.unwrap_or(scenario.pass_rate);
                cost += cert.exam_fee * attempts + cert.training_fee + cert.study_hours * rate;
                hours += cert.study_hours;
            }
            ActionKind::Renew => {
                cost += cert.renewal_hours * rate;
                hours += cert.renewal_hours;
            }
            ActionKind::Link => {}
        }
    }
    (cost, hours)
}

/// Whether a plan costing `cost` keeps to the scenario's budget (none: always).
pub fn within_budget(scenario: &Scenario, cost: f64) -> bool {
    scenario.budget.is_none_or(|budget| cost <= budget + BUDGET_TOLERANCE)
}

/// Everything the oracle says about one plan evaluated on the last day of a quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// Every action rule the plan breaks, in plain words (empty: every action is allowed).
    pub problems: Vec<String>,
    /// Total expected cost.
    pub cost: f64,
    /// Total hours.
    pub hours: f64,
    /// Whether the cost keeps to the budget.
    pub within_budget: bool,
    /// Whether every target meets the scenario's goal.
    pub goal_met: bool,
    /// The `max-points` value: targets qualifying, then skilling points.
    pub value: (u32, f64),
}

impl Judgement {
    /// Whether the plan is one the scenario accepts: every action allowed, within the budget,
    /// the goal met.
    pub fn valid(&self) -> bool {
        self.problems.is_empty() && self.within_budget && self.goal_met
    }
}

/// Judges `plan` for `scenario`, the targets evaluated on the last day of `evaluation`.
pub fn judge(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Judgement {
    let problems = actions::problems(inputs, scenario, &plan.actions, evaluation);
    let (cost, hours) = totals(inputs, scenario, &plan.actions);
    let counting = replay::Replay::new(inputs, &plan.actions).counting(inputs, evaluation.last_day());
    Judgement {
        problems,
        cost,
        hours,
        within_budget: within_budget(scenario, cost),
        goal_met: scoring::goal_met(inputs, scenario, &counting),
        value: scoring::value(inputs, scenario, &counting),
    }
}
