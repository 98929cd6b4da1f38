//! A direct ("textbook") integer program of a scenario, written without [`crate::solver`], so
//! that the two can be run on the same instances and must agree on the optimal objective.
//!
//! The solver decomposes the question (options per person, lists of minimal requirements,
//! classes of interchangeable people); a mistake in any of those steps could make it miss the
//! optimum while every plan it returns still passes the checker. This module states the
//! contract once more, as literally as it can, as one program per evaluation day `d` (the last
//! day of the evaluation quarter):
//!
//! - **Paths** `x[p,c,k] ∈ {0,1}`: the `k`-th minimal set of actions on certification `c`
//!   (at most one exam, any renewals, in planning quarters where they are allowed) after which
//!   person `p` holds `c` active on `d`; `Σ_k x[p,c,k] ≤ 1`. A certification already active on
//!   `d` is a constant. The paths are found by replaying candidate actions on
//!   [`Timeline`], the checker's reading of §3 and §5.4, and keeping those in which every
//!   renewal finds its grant and no action could be dropped (§5.10).
//! - **Capacity** per person and quarter: path hours ≤ `hours_per_quarter`, exams ≤
//!   `max_exams_per_quarter`.
//! - **Counting** (§3): `k[p,c] ≤` active `c`, `≤ link[p]` (a free binary for unlinked people),
//!   `≤` each `requires_all` active, `≤ Σ requires_any` active; people gone by `d` and
//!   certifications past `counts_until` count nothing. `y[p,g] ≤ Σ_{c∈g} k[p,c]` for each
//!   distinct certification list `g` of the targets' steps, and `n(g) = Σ_p y[p,g]`.
//! - **Steps** (§1.2) per target and track: `e ≤ points · (n(g) − buffer) / people`,
//!   `e ≤ points`, and `e ≤ points · z` for each earlier step, with `z` binary and
//!   `n(g') ≥ (people' + buffer) · z`; a metric earns `min(max_points, Σ e)`.
//! - **Goal**: a binary per candidate track (the profile's for `classified`, any for `best`);
//!   the chosen track has profile points + skilling ≥ the qualifying score and every skilling
//!   metric above 0 (`Σ e` at least half the smallest positive amount a step can earn), or for
//!   `max-skilling` every skilling metric at its cap; and skilling ≥ `min_skilling`.
//! - **Objective**: expected cost ([`crate::model::cost::action_cost`]) or hours, under the budget.
//!
//! Only the first objective is modelled (the tie-break of §5.9 is not), and `goal =
//! "max-points"` is not modelled at all.

mod builder;
mod paths;
mod program;

use crate::model::{cost, Goal, Inputs, Objective, Plan, Quarter, Scenario};
use program::Program;
use std::time::Instant;

/// Budget comparisons allow this much (contract §5.10).
const BUDGET_TOLERANCE: f64 = 1e-6;

/// Which MIP solver runs the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The pure-Rust solver the project ships with: only for tiny instances.
    Microlp,
    /// HiGHS (feature `highs`), for realistic sizes.
    #[cfg(feature = "highs")]
    Highs,
}

/// The textbook program's answer for a scenario.
#[derive(Clone, Debug)]
pub struct Answer {
    /// Same meaning as the solver's `Outcome::objective`: total cost, total hours, or for
    /// `quarters` the 1-based index of the first quarter that works; `None` when infeasible.
    pub objective: Option<f64>,
    /// The plan read off the solution, so that the checker can re-verify it.
    pub plan: Plan,
    /// The quarter whose last day the goal was evaluated on.
    pub evaluation: Quarter,
    /// Seconds spent enumerating paths and writing the programs.
    pub build_seconds: f64,
    /// Seconds spent inside the MIP solver.
    pub solve_seconds: f64,
    /// Whether the solver proved its answer (optimality, or infeasibility); `false` when a
    /// time limit stopped it with a plan.
    pub proven: bool,
}

/// Solves `scenario` with the textbook program on `backend`, within about `time_limit_secs`.
///
/// For `objective = "quarters"` the evaluation quarters from `start` to the deadline are tried
/// in order and the first feasible one gives the objective. Errors: `goal = "max-points"`, an
/// unknown target, or the MIP solver failing (including a panic inside it).
pub fn solve(inputs: &Inputs, scenario: &Scenario, backend: Backend, time_limit_secs: f64) -> Result<Answer, String> {
    if scenario.goal == Goal::MaxPoints {
        return Err("goal max-points is not modelled".into());
    }
    if let Some(id) = scenario.targets.iter().find(|id| inputs.rules.designation_index(id).is_none()) {
        return Err(format!("target {id} is not a designation of the rules"));
    }
    if scenario.quarters_until(scenario.deadline).len() > 32 {
        return Err("the textbook program handles at most 32 planning quarters".into());
    }
    let evaluations = match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline),
        Objective::Cost | Objective::Hours => vec![scenario.deadline],
    };
    let started = Instant::now();
    let mut answer = Answer {
        objective: None,
        plan: Plan::default(),
        evaluation: scenario.deadline,
        build_seconds: 0.0,
        solve_seconds: 0.0,
        proven: true,
    };
    for (index, &evaluation) in evaluations.iter().enumerate() {
        let built = Instant::now();
        let program = Program::build(inputs, scenario, evaluation);
        answer.build_seconds += built.elapsed().as_secs_f64();
        // `None`: no track of some target can meet the goal, whatever the plan.
        let Some(program) = program else { continue };
        let seconds = (time_limit_secs - started.elapsed().as_secs_f64()).max(0.05);
        let solving = Instant::now();
        let solved = program.solve(backend, seconds);
        answer.solve_seconds += solving.elapsed().as_secs_f64();
        let Some((plan, proven)) = solved? else { continue };
        let (cost, hours) = cost::totals(inputs, scenario, &plan);
        answer.objective = Some(match scenario.objective {
            Objective::Cost => cost,
            Objective::Hours => hours,
            Objective::Quarters => (index + 1) as f64,
        });
        answer.plan = plan;
        answer.evaluation = evaluation;
        answer.proven = proven;
        return Ok(answer);
    }
    Ok(answer)
}
