//! Planning to a probability (`min_probability`): the cheapest plan found whose estimated
//! probability reaches it.
//!
//! This is a heuristic over three families of plans, each solved exactly by the optimiser
//! (`solver::solve`) and estimated with the scenario's samples and seed:
//! 1. the optimal plan;
//! 2. buffers on single steps, greedily: the step that falls short most often gets one more
//!    person of buffer, the scenario is solved again, and so on while the probability is
//!    short (at most [`ROUNDS`] rounds, at most [`MAX_EXTRA`] extra people per step);
//! 3. every step that falls short under the optimal plan buffered by the same 1 to
//!    [`MAX_EXTRA`] people, each also with the deadline moved 1 or 2 quarters earlier when
//!    retakes are allowed, so that failed exams can be retaken before the real deadline.
//!
//! Every candidate must pass the checker against the scenario as given (so it meets the
//! goal with the scenario's own buffer when everything passes). The cheapest candidate that
//! reaches the probability is chosen; when none does, the most probable one. Nothing here
//! proves that no cheaper plan reaches it: the optimal plan's figures are reported beside the
//! choice as the reference.

use super::{assess, How, Odds, PlanRisk};
use crate::check;
use crate::model::{Inputs, Objective, Quarter, RiskSettings, Scenario, StepBuffers};
use crate::solver::{self, Outcome, SolveOptions, Status};

/// Most rounds of the greedy family.
pub const ROUNDS: usize = 8;
/// Most people of buffer added to one step.
pub const MAX_EXTRA: u32 = 3;
/// Most quarters the deadline is moved earlier.
pub const MAX_SHIFT: i32 = 2;

/// What the search did, for the reports: the price of certainty.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchReport {
    /// The probability asked for.
    pub min_probability: f64,
    /// Whether the chosen plan reaches it.
    pub reached: bool,
    /// Total expected cost of the optimal plan.
    pub optimum_cost: f64,
    /// Probability that every target qualifies under the optimal plan.
    pub optimum: Odds,
    /// Plans solved and estimated.
    pub candidates: usize,
    /// Which plan was chosen, in words.
    pub chosen: String,
}

/// One solved and estimated plan.
struct Candidate {
    outcome: Outcome,
    risk: super::Assessment,
    label: String,
}

/// Solves `scenario`: with `min_probability`, the plan the search chooses; else the optimal
/// plan. Either comes with its assessment under the scenario's sampling settings when it
/// has a plan (not when infeasible).
pub fn plan(
    inputs: &Inputs,
    scenario: &Scenario,
    options: SolveOptions,
) -> Result<(Outcome, Option<PlanRisk>), String> {
    let optimum = solver::solve(inputs, scenario, options).map_err(|e| e.to_string())?;
    if matches!(optimum.status, Status::Infeasible(_)) {
        return Ok((optimum, None));
    }
    let how = How::of(scenario);
    let risk = assess(inputs, scenario, &optimum.plan, optimum.evaluation, how).map_err(|e| e.to_string())?;
    let Some(min_probability) = scenario.risk.min_probability else {
        return Ok((optimum, Some(PlanRisk { assessment: risk, search: None })));
    };
    let first = Candidate { outcome: optimum, risk, label: "the optimal plan".into() };
    let (optimum_cost, optimum_odds) = (first.outcome.cost, first.risk.all);
    let mut candidates = if optimum_odds.probability >= min_probability {
        vec![first]
    } else {
        Search { inputs, scenario, options, how, tried: Vec::new() }.run(first, min_probability)
    };
    let count = candidates.len();
    let key = |c: &Candidate| match scenario.objective {
        Objective::Hours => (c.outcome.hours, c.outcome.cost),
        _ => (c.outcome.objective.unwrap_or(f64::INFINITY), c.outcome.cost),
    };
    let reaching = (0..count).filter(|&i| candidates[i].risk.all.probability >= min_probability);
    let cheapest = reaching.fold(None, |best: Option<usize>, i| match best {
        Some(b) if key(&candidates[b]) <= key(&candidates[i]) => Some(b),
        _ => Some(i),
    });
    let reached = cheapest.is_some();
    // None reaches it: the most probable (the first of equals, the optimum before the others).
    let most_probable = || {
        (0..count)
            .fold(0, |b, i| if candidates[i].risk.all.probability > candidates[b].risk.all.probability { i } else { b })
    };
    let chosen = candidates.swap_remove(cheapest.unwrap_or_else(most_probable));
    let report = SearchReport {
        min_probability,
        reached,
        optimum_cost,
        optimum: optimum_odds,
        candidates: count,
        chosen: chosen.label,
    };
    Ok((chosen.outcome, Some(PlanRisk { assessment: chosen.risk, search: Some(report) })))
}

/// The search's fixed inputs and the scenarios it has solved.
struct Search<'a> {
    inputs: &'a Inputs,
    scenario: &'a Scenario,
    options: SolveOptions,
    how: How,
    tried: Vec<(StepBuffers, Quarter)>,
}

/// A step of a target: (designation id, metric index, step index).
type StepId = (String, usize, usize);

impl Search<'_> {
    fn run(mut self, first: Candidate, min_probability: f64) -> Vec<Candidate> {
        self.tried.push((self.scenario.step_buffers.clone(), self.scenario.deadline));
        let short: Vec<StepId> = steps_of(&first.risk);
        let mut candidates = vec![first];
        // Family 2: greedy, one step at a time.
        let mut buffers = self.scenario.step_buffers.clone();
        let mut current = candidates[0].risk.clone();
        let mut exhausted: Vec<StepId> = Vec::new();
        for _ in 0..ROUNDS {
            if current.all.probability >= min_probability {
                break;
            }
            let next_step = steps_of(&current).into_iter().find(|s| {
                !exhausted.contains(s)
                    && self.buffer(&buffers, s) < self.scenario.buffer_for(&s.0, s.1, s.2) + MAX_EXTRA
            });
            let Some(step) = next_step else { break };
            let mut next = buffers.clone();
            next.set(&step.0, step.1, step.2, self.buffer(&buffers, &step) + 1);
            match self.candidate(&next, self.scenario.deadline) {
                Some(c) => {
                    buffers = next;
                    current = c.risk.clone();
                    candidates.push(c);
                }
                None => exhausted.push(step),
            }
        }
        // Family 3: every short step buffered alike, exams moved earlier for retakes.
        let shifts = if self.scenario.risk.retakes > 0 && self.scenario.objective != Objective::Quarters {
            MAX_SHIFT.min(self.scenario.start.until(self.scenario.deadline))
        } else {
            0
        };
        for shift in 0..=shifts {
            for extra in 0..=MAX_EXTRA {
                let mut uniform = self.scenario.step_buffers.clone();
                for s in short.iter().filter(|_| extra > 0) {
                    uniform.set(&s.0, s.1, s.2, self.scenario.buffer_for(&s.0, s.1, s.2) + extra);
                }
                if let Some(c) = self.candidate(&uniform, self.scenario.deadline.plus(-shift)) {
                    candidates.push(c);
                }
            }
        }
        candidates
    }

    fn buffer(&self, buffers: &StepBuffers, (d, m, s): &StepId) -> u32 {
        buffers.get(d, *m, *s).unwrap_or(self.scenario.buffer)
    }

    /// Solves the scenario with these step buffers and deadline (unless already tried), and
    /// estimates the plan when it is valid for the scenario as given.
    fn candidate(&mut self, buffers: &StepBuffers, deadline: Quarter) -> Option<Candidate> {
        if self.tried.iter().any(|(b, d)| b == buffers && *d == deadline) {
            return None;
        }
        self.tried.push((buffers.clone(), deadline));
        let scenario = self.scenario;
        let variant = Scenario {
            step_buffers: buffers.clone(),
            deadline,
            risk: RiskSettings { min_probability: None, ..scenario.risk },
            ..scenario.clone()
        };
        let outcome = solver::solve(self.inputs, &variant, self.options).ok()?;
        if matches!(outcome.status, Status::Infeasible(_)) {
            return None;
        }
        let evaluation = if scenario.objective == Objective::Quarters { outcome.evaluation } else { scenario.deadline };
        if !check::verify(self.inputs, scenario, &outcome.plan, evaluation).is_empty() {
            return None;
        }
        let risk = assess(self.inputs, scenario, &outcome.plan, evaluation, self.how).ok()?;
        let objective = match scenario.objective {
            Objective::Cost => outcome.cost,
            Objective::Hours => outcome.hours,
            Objective::Quarters => f64::from(scenario.start.until(evaluation) + 1),
        };
        let label = self.label(buffers, deadline);
        Some(Candidate { outcome: Outcome { evaluation, objective: Some(objective), ..outcome }, risk, label })
    }

    /// The candidate in words: which steps got more buffer, and an earlier deadline.
    fn label(&self, buffers: &StepBuffers, deadline: Quarter) -> String {
        let rules = &self.inputs.rules;
        let mut parts: Vec<String> = buffers
            .iter()
            .filter(|&(d, m, s, b)| b != self.scenario.buffer_for(d, m, s))
            .filter_map(|(d, m, s, b)| {
                let metric = &rules.designations[rules.designation_index(d)?].metrics.get(m)?.id;
                Some(format!("buffer {b} on {d}/{metric}/{}", s + 1))
            })
            .collect();
        if deadline != self.scenario.deadline {
            parts
                .push(format!("every exam by {deadline}, so failed ones can be retaken by {}", self.scenario.deadline));
        }
        if parts.is_empty() {
            "the optimal plan".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The steps that fall short in an assessment's causes, most frequent first.
fn steps_of(risk: &super::Assessment) -> Vec<StepId> {
    let mut out: Vec<StepId> = Vec::new();
    for c in &risk.causes {
        if let Some(s) = &c.step {
            let id = (c.target.clone(), s.metric_index, s.number - 1);
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}
