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
//!    retakes are allowed, so that failed exams can be retaken before the real deadline;
//! 4. when retakes are allowed, each plan above with its risky exams moved to earlier
//!    quarters where the person has room ([`advance`]): the same cost, more time to retake.
//!
//! Every candidate must pass the checker against the scenario as given (so it meets the
//! goal with the scenario's own buffer when everything passes). The cheapest candidate that
//! reaches the probability is chosen; when none does, the most probable one. Nothing here
//! proves that no cheaper plan reaches it: the optimal plan's figures are reported beside the
//! choice as the reference.

use super::{assess, How, Odds, PlanRisk};
use crate::check;
use crate::model::{Action, ActionKind, Inputs, Objective, Plan, Quarter, RiskSettings, Scenario, StepBuffers};
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
        // Family 4: each plan so far with its risky exams moved earlier (same cost).
        if self.scenario.risk.retakes > 0 {
            let moved: Vec<Candidate> = candidates.iter().filter_map(|c| self.advanced(c)).collect();
            candidates.extend(moved);
        }
        candidates
    }

    /// `c` with its risky exams moved earlier ([`advance`]), estimated, when any moves.
    fn advanced(&self, c: &Candidate) -> Option<Candidate> {
        let plan = advance(self.inputs, self.scenario, &c.outcome.plan, c.outcome.evaluation)?;
        let risk = assess(self.inputs, self.scenario, &plan, c.outcome.evaluation, self.how).ok()?;
        let label = if c.label == "the optimal plan" {
            "the optimal plan with its risky exams earlier".to_string()
        } else {
            format!("{}, risky exams earlier", c.label)
        };
        Some(Candidate { outcome: Outcome { plan, ..c.outcome.clone() }, risk, label })
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

/// `plan` with its exams moved to earlier quarters where that leaves room for retakes: the
/// exams with the lowest pass rate first, each to the earliest quarter from `start` in which
/// the exam is available, the person is still there and has the hours and an exam slot, and
/// the certification is still active on the evaluation day. Exams the plan renews are left
/// where they are (the renewal's window depends on the exam's quarter). Costs do not depend
/// on quarters, so the plan costs the same. `None` when no exam moves or the moved plan
/// fails the checker.
pub fn advance(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Option<Plan> {
    let Inputs { catalog, org, .. } = inputs;
    let day = evaluation.last_day();
    let mut actions = plan.actions.clone();
    let pass = |c: usize| catalog[c].pass_rate.unwrap_or(scenario.pass_rate);
    let mut order: Vec<usize> = (0..actions.len()).filter(|&i| actions[i].kind == ActionKind::Exam).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&actions[i], &actions[j]);
        pass(a.cert.unwrap_or(0)).total_cmp(&pass(b.cert.unwrap_or(0))).then(b.quarter.cmp(&a.quarter)).then(a.cmp(b))
    });
    let mut moved = false;
    for i in order {
        let a = actions[i];
        let Some(c) = a.cert else { continue };
        let renewed =
            actions.iter().any(|b| b.employee == a.employee && b.kind == ActionKind::Renew && b.cert == a.cert);
        if renewed || a.quarter <= scenario.start {
            continue;
        }
        let (cert, person) = (&catalog[c], &org.employees[a.employee]);
        let capacity = person.hours_per_quarter.unwrap_or(scenario.hours_per_quarter);
        let fits = |q: Quarter, actions: &[Action]| {
            let mine = actions.iter().filter(|b| b.employee == a.employee && b.quarter == q);
            let (hours, exams) = mine.fold((0.0, 0), |(h, n), b| match (b.kind, b.cert) {
                (ActionKind::Exam, Some(x)) => (h + catalog[x].study_hours, n + 1),
                (ActionKind::Renew, Some(x)) => (h + catalog[x].renewal_hours, n),
                _ => (h, n),
            });
            cert.available_on(q.first_day())
                && person.present_on(q.first_day())
                && cert.expiry_from(q.last_day()).is_none_or(|x| day <= x)
                && hours + cert.study_hours <= capacity + 1e-9
                && exams < scenario.max_exams_per_quarter
        };
        let earlier =
            scenario.quarters_until(a.quarter).into_iter().filter(|&q| q < a.quarter).find(|&q| fits(q, &actions));
        if let Some(q) = earlier {
            actions[i].quarter = q;
            moved = true;
        }
    }
    let plan = Plan { actions };
    (moved && check::verify(inputs, scenario, &plan, evaluation).is_empty()).then_some(plan)
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

#[cfg(test)]
mod tests {
    use super::super::testkit::{exam, inputs, scenario};
    use super::*;

    #[test]
    fn risky_exams_move_to_the_earliest_quarter_with_room() {
        // A (pass 0.5) planned in Q3 for p0 and p1; with one exam slot per quarter and B in
        // Q1 for p1, p0's A moves to Q1 and p1's to Q2; B stays.
        let inputs = inputs(2, 2, 0.5);
        let mut s = scenario("2027-Q3");
        s.max_exams_per_quarter = 1;
        let plan = Plan { actions: vec![exam("2027-Q3", 0, 0), exam("2027-Q3", 1, 0), exam("2027-Q1", 1, 1)] };
        let moved = advance(&inputs, &s, &plan, s.deadline).expect("the exams move");
        assert_eq!(moved.actions, vec![exam("2027-Q1", 0, 0), exam("2027-Q2", 1, 0), exam("2027-Q1", 1, 1)]);
        // Nothing to move: every exam is in the first quarter.
        let first = Plan { actions: vec![exam("2027-Q1", 0, 0)] };
        assert_eq!(advance(&inputs, &s, &first, s.deadline), None);
    }
}
