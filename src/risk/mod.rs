//! Risk: how likely a plan is to make every target qualify when people fail exams and leave,
//! what it then costs, and why it fails when it does (README, "Risk").
//!
//! - [`model`]: one plan under the risk model: one outcome drawn (passes, retakes, leavers),
//!   and its step counts scored with the model's own scoring (`model::evaluate`).
//! - [`estimate`]: the Monte Carlo estimate, identical for any thread count.
//! - [`exact`]: the exact probability by enumerating every outcome.
//! - [`search`]: `min_probability`, the cheapest plan found that reaches a probability.
//!
//! [`assess`] returns an [`Assessment`], plain data that every report reads.

pub mod estimate;
pub mod exact;
pub mod model;
pub mod search;
mod tally;
#[cfg(test)]
mod testkit;

use crate::model::{goal, Inputs, Objective, Plan, Quarter, Scenario};
use tally::{quantile, wilson, Tally};

/// A probability with its 95 % interval (a point for an exact value).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Odds {
    /// The estimate (or the exact value).
    pub probability: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
}

/// How the probabilities were worked out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// Monte Carlo: this many samples from this seed.
    Sampled {
        /// Samples drawn.
        samples: u32,
        /// Their seed.
        seed: u64,
    },
    /// Every pass/fail pattern of this many exams.
    Exact {
        /// Exams enumerated.
        exams: usize,
    },
}

/// The spread of what the plan costs, retakes included.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostSpread {
    /// Mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// A step of a target that falls short.
#[derive(Clone, Debug, PartialEq)]
pub struct ShortStep {
    /// Metric id.
    pub metric: String,
    /// Metric index in the rules (0-based).
    pub metric_index: usize,
    /// Step number within the metric (1-based, as `plan.csv` writes it).
    pub number: usize,
    /// People the step needs in the track the plan aims at.
    pub needed: u32,
    /// Certification ids that count there.
    pub certifications: Vec<String>,
}

/// One cause of failure: a step that fell short while its target failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// The target (designation id).
    pub target: String,
    /// The step; `None` when the target fails even if every exam passes and nobody leaves.
    pub step: Option<ShortStep>,
    /// Share of outcomes in which this happened.
    pub share: f64,
    /// Certifications whose failed exam was behind it, with the share of outcomes in which
    /// it was, most frequent first.
    pub failed_exams: Vec<(String, f64)>,
    /// Share of outcomes in which someone leaving was behind it.
    pub leavers: f64,
}

impl Cause {
    /// The cause in plain words.
    pub fn words(&self) -> String {
        let Some(step) = &self.step else {
            return format!(
                "{} fails even when every exam passes and nobody leaves ({} of outcomes)",
                self.target,
                percent(self.share)
            );
        };
        let mut behind: Vec<String> =
            self.failed_exams.iter().map(|(c, s)| format!("a failed {c} exam ({})", percent(*s))).collect();
        if self.leavers > 0.0 {
            behind.push(format!("someone leaving ({})", percent(self.leavers)));
        }
        format!(
            "{}: step {} of {} ({} {} with {}) falls short in {} of outcomes{}{}",
            self.target,
            step.number,
            step.metric,
            step.needed,
            if step.needed == 1 { "person" } else { "people" },
            step.certifications.join(" or "),
            percent(self.share),
            if behind.is_empty() { "" } else { "; behind it: " },
            behind.join(", ")
        )
    }
}

/// A share as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

/// What the risk model says about one plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// How it was worked out.
    pub method: Method,
    /// The quarter on whose last day the targets are judged.
    pub evaluation: Quarter,
    /// Probability that every target qualifies.
    pub all: Odds,
    /// Per target (designation id), in the scenario's order.
    pub targets: Vec<(String, Odds)>,
    /// What the plan costs, retakes included.
    pub cost: CostSpread,
    /// The most frequent causes of failure, most frequent first (at most [`MAX_CAUSES`]).
    pub causes: Vec<Cause>,
}

/// A planned scenario's risk: the plan's assessment, and what the search did when the
/// scenario asks for a probability (`min_probability`).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRisk {
    /// The written plan's assessment.
    pub assessment: Assessment,
    /// The search, when there was one.
    pub search: Option<search::SearchReport>,
}

/// Most causes an assessment keeps.
pub const MAX_CAUSES: usize = 10;

/// How to work the probabilities out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum How {
    /// Monte Carlo with this many samples from this seed.
    Sample {
        /// Samples.
        samples: u32,
        /// Seed.
        seed: u64,
    },
    /// By enumeration.
    Exact,
}

impl How {
    /// The scenario's own sampling settings.
    pub fn of(scenario: &Scenario) -> How {
        How::Sample { samples: scenario.risk.samples, seed: scenario.risk.seed }
    }
}

/// Why a plan could not be assessed.
#[derive(Debug, thiserror::Error)]
pub enum RiskError {
    /// The plan's targets are beyond the model.
    #[error(transparent)]
    Model(#[from] model::ModelError),
    /// `--exact` cannot enumerate this plan.
    #[error(transparent)]
    Exact(#[from] exact::ExactError),
}

/// Assesses `plan` for `scenario`, judged on the last day of `evaluation`, on the current
/// rayon pool.
pub fn assess(
    inputs: &Inputs,
    scenario: &Scenario,
    plan: &Plan,
    evaluation: Quarter,
    how: How,
) -> Result<Assessment, RiskError> {
    let model = model::Model::new(inputs, scenario, plan, evaluation)?;
    let (tally, method) = match how {
        How::Sample { samples, seed } => (estimate::sample(&model, samples, seed), Method::Sampled { samples, seed }),
        How::Exact => (
            exact::enumerate(&model, scenario.risk.retakes, scenario.risk.attrition)?,
            Method::Exact { exams: model.exam_count() },
        ),
    };
    Ok(summarise(&model, tally, method, evaluation))
}

/// The evaluation quarter of a plan read from a file: the deadline, or for `objective =
/// "quarters"` the first quarter in which it meets the goal (the deadline when none does),
/// as `certplan check` reads it.
pub fn evaluation_of(inputs: &Inputs, scenario: &Scenario, plan: &Plan) -> Quarter {
    if scenario.objective != Objective::Quarters {
        return scenario.deadline;
    }
    scenario
        .quarters_until(scenario.deadline)
        .into_iter()
        .find(|&q| goal::holds(inputs, scenario, plan, q))
        .unwrap_or(scenario.deadline)
}

fn summarise(model: &model::Model, mut tally: Tally, method: Method, evaluation: Quarter) -> Assessment {
    let n = tally.weight;
    let odds = |hits: f64| match method {
        Method::Sampled { .. } => {
            let (low, high) = wilson(hits, n);
            Odds { probability: hits / n, low, high }
        }
        Method::Exact { .. } => Odds { probability: hits / n, low: hits / n, high: hits / n },
    };
    let all = odds(tally.all);
    let targets = model.targets.iter().zip(&tally.targets).map(|(t, &hits)| (t.id.clone(), odds(hits))).collect();
    let mean = tally.costs.iter().map(|(c, w)| c * w).sum::<f64>() / n;
    tally.costs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let cost = CostSpread {
        mean,
        p10: quantile(&tally.costs, n, 0.1),
        p50: quantile(&tally.costs, n, 0.5),
        p90: quantile(&tally.costs, n, 0.9),
    };
    let inputs = model.inputs;
    let mut causes: Vec<Cause> = tally
        .causes
        .iter()
        .map(|(&(t, at), behind)| {
            let target = &model.targets[t];
            let d = &inputs.rules.designations[target.designation];
            let step = at.map(|(mi, si)| {
                let s = &d.metrics[mi].steps[si];
                ShortStep {
                    metric: d.metrics[mi].id.clone(),
                    metric_index: mi,
                    number: si + 1,
                    needed: s.thresholds[target.aimed].map_or(0, |th| th.people),
                    certifications: s.certifications.iter().map(|&c| inputs.catalog[c].id.clone()).collect(),
                }
            });
            let mut failed_exams: Vec<(String, f64)> =
                behind.failed.iter().map(|(&c, &w)| (inputs.catalog[c].id.clone(), w / n)).collect();
            failed_exams.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Cause {
                target: target.id.clone(),
                step,
                share: behind.weight / n,
                failed_exams,
                leavers: behind.leavers / n,
            }
        })
        .collect();
    // Most frequent first; ties in the order of targets and steps (the tally's key order).
    causes.sort_by(|a, b| b.share.total_cmp(&a.share));
    causes.truncate(MAX_CAUSES);
    Assessment { method, evaluation, all, targets, cost, causes }
}
