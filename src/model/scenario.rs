//! A planning question (contract §1.4) with every default resolved.

use super::date::Quarter;
use std::collections::BTreeMap;

/// What every target must reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Every target qualifies at the evaluation moment.
    Qualify,
    /// Every target has every skilling metric at its cap in some single track.
    MaxSkilling,
    /// Within the budget: as many qualifying targets as possible, then as many skilling
    /// points as possible (summed over the targets, each in its best track).
    MaxPoints,
}

/// What the plan minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// Total expected cost.
    Cost,
    /// Total study and renewal hours.
    Hours,
    /// The earliest quarter in which the goal holds, then cost.
    Quarters,
}

/// A scenario with defaults applied; the designations are ids of the rule set.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Name (default: file stem).
    pub name: String,
    /// Free text.
    pub description: String,
    /// Target designation ids.
    pub targets: Vec<String>,
    /// Goal.
    pub goal: Goal,
    /// Extra floor on the capped skilling sum, per target id.
    pub min_skilling: BTreeMap<String, f64>,
    /// Objective.
    pub objective: Objective,
    /// First plannable quarter.
    pub start: Quarter,
    /// Horizon length in quarters.
    pub quarters: u32,
    /// The quarter whose last day the targets are evaluated on.
    pub deadline: Quarter,
    /// Cap on total cost.
    pub budget: Option<f64>,
    /// Default per-person study hours per quarter.
    pub hours_per_quarter: f64,
    /// Per person and quarter, counting exams only.
    pub max_exams_per_quarter: u32,
    /// Default probability of passing one attempt.
    pub pass_rate: f64,
    /// Whether cost includes study hours × hourly cost.
    pub count_time_cost: bool,
    /// Every step's count is reduced by this many people.
    pub buffer: u32,
}

impl Scenario {
    /// The planning quarters from `start` to `last` inclusive.
    pub fn quarters_until(&self, last: Quarter) -> Vec<Quarter> {
        (0..=self.start.until(last)).map(|i| self.start.plus(i)).collect()
    }
}
