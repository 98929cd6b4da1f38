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
    /// Steps whose count is reduced by another number than `buffer`.
    pub step_buffers: StepBuffers,
    /// The risk model's settings and the probability a plan must reach.
    pub risk: RiskSettings,
}

/// Buffers of single steps, in place of the scenario's `buffer` there: what planning to a
/// probability adds on the steps that fall short most often, one target and step at a
/// time, where a global `buffer` would buy slack on every step of every target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepBuffers {
    /// (designation id, metric index, step index) → buffer, indexes in rule order.
    by_step: BTreeMap<(String, usize, usize), u32>,
}

impl StepBuffers {
    /// Gives one step its own buffer.
    pub fn set(&mut self, designation: &str, metric: usize, step: usize, buffer: u32) {
        self.by_step.insert((designation.to_string(), metric, step), buffer);
    }

    /// The step's own buffer, if it has one.
    pub fn get(&self, designation: &str, metric: usize, step: usize) -> Option<u32> {
        // The solver asks for every step of every count vector it values: without own
        // buffers (every scenario but the risk search's), answer without building a key.
        if self.by_step.is_empty() {
            return None;
        }
        self.by_step.get(&(designation.to_string(), metric, step)).copied()
    }

    /// Every step with its own buffer: (designation id, metric index, step index, buffer).
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize, usize, u32)> {
        self.by_step.iter().map(|((d, m, s), b)| (d.as_str(), *m, *s, *b))
    }

    /// Whether no step has its own buffer.
    pub fn is_empty(&self) -> bool {
        self.by_step.is_empty()
    }
}

/// What the risk model reads (README, "Risk"): failed exams and their retakes, people
/// leaving, the probability `plan` must reach, and the Monte Carlo sampling.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RiskSettings {
    /// Retakes of a failed exam, at most (scenario key `retakes`).
    pub retakes: u32,
    /// Probability that a person leaves, per quarter (scenario key `attrition`).
    pub attrition: f64,
    /// `plan` returns the cheapest plan it finds that qualifies with at least this
    /// probability (scenario key `min_probability`); `None`: the plain optimum.
    pub min_probability: Option<f64>,
    /// Monte Carlo samples per estimate (scenario key `samples`).
    pub samples: u32,
    /// Seed of the sampling (scenario key `seed`): the same seed, the same estimate.
    pub seed: u64,
}

impl RiskSettings {
    /// Retakes when the scenario does not say: one, as most candidates who fail rebook once.
    pub const DEFAULT_RETAKES: u32 = 1;
    /// Samples when the scenario does not say: a 95 % interval of at most ±1 percentage point.
    pub const DEFAULT_SAMPLES: u32 = 10_000;
    /// Seed when the scenario does not say.
    pub const DEFAULT_SEED: u64 = 1;
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            retakes: Self::DEFAULT_RETAKES,
            attrition: 0.0,
            min_probability: None,
            samples: Self::DEFAULT_SAMPLES,
            seed: Self::DEFAULT_SEED,
        }
    }
}

impl Scenario {
    /// The buffer of one step of a designation (metric and step indexes in rule order): its
    /// own when it has one, else the scenario's `buffer`.
    pub fn buffer_for(&self, designation: &str, metric: usize, step: usize) -> u32 {
        self.step_buffers.get(designation, metric, step).unwrap_or(self.buffer)
    }

    /// The planning quarters from `start` to `last` inclusive.
    pub fn quarters_until(&self, last: Quarter) -> Vec<Quarter> {
        (0..=self.start.until(last)).map(|i| self.start.plus(i)).collect()
    }

    /// For unit tests: designation `d` qualified at least cost from `start` to `deadline`
    /// (quarters as `2027-Q1`), the contract's defaults otherwise.
    #[cfg(test)]
    pub(crate) fn example(start: &str, deadline: &str) -> Scenario {
        let (start, deadline) = (Quarter::parse(start).unwrap(), Quarter::parse(deadline).unwrap());
        Scenario {
            name: "t".into(),
            description: String::new(),
            targets: vec!["d".into()],
            goal: Goal::Qualify,
            min_skilling: BTreeMap::new(),
            objective: Objective::Cost,
            start,
            quarters: (start.until(deadline) + 1) as u32,
            deadline,
            budget: None,
            hours_per_quarter: 40.0,
            max_exams_per_quarter: 2,
            pass_rate: 1.0,
            count_time_cost: false,
            buffer: 0,
            step_buffers: StepBuffers::default(),
            risk: RiskSettings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        Quarter::parse(s).unwrap()
    }

    fn scenario(buffer: u32, step_buffers: StepBuffers) -> Scenario {
        Scenario { buffer, step_buffers, ..Scenario::example("2027-Q3", "2028-Q1") }
    }

    #[test]
    fn a_step_buffer_replaces_the_scenario_buffer_on_that_step_only() {
        let mut own = StepBuffers::default();
        assert!(own.is_empty());
        own.set("d", 1, 0, 3);
        assert!(!own.is_empty());
        assert_eq!((own.get("d", 1, 0), own.get("d", 0, 1), own.get("e", 1, 0)), (Some(3), None, None));
        assert_eq!(own.iter().collect::<Vec<_>>(), [("d", 1, 0, 3)]);
        let s = scenario(2, own);
        assert_eq!((s.buffer_for("d", 1, 0), s.buffer_for("d", 0, 0)), (3, 2));
    }

    #[test]
    fn the_planning_quarters_run_from_the_start_to_the_given_quarter() {
        let s = scenario(0, StepBuffers::default());
        assert_eq!(s.quarters_until(q("2028-Q1")), [q("2027-Q3"), q("2027-Q4"), q("2028-Q1")]);
        assert_eq!(s.quarters_until(q("2027-Q3")), [q("2027-Q3")]);
    }
}
