//! The optimiser: who takes which exam (or renewal, or link) in which quarter.
//!
//! # Formulation
//!
//! Targets are evaluated on one day `d` (the deadline quarter's last day; for the
//! `quarters` objective, each quarter's in turn). A person contributes to a step when at `d`
//! they count at least one of the step's certifications, so all that matters about a
//! person's plan is the set of *step groups* (distinct certification lists of the targets'
//! steps) it makes them count in, its cost and its hours.
//!
//! 1. [`bundles`] enumerates, person by person, the feasible acquisitions (exam quarter,
//!    renewal chain, capacity per quarter, availability, expiry, prerequisites, exclusions,
//!    links) and keeps only the non-dominated ones: for a coverage, the cheapest; and no
//!    option whose coverage and price another option matches or beats. Two exact
//!    reductions keep large organisations small: a plan involves at most `M = Σ r_g` people
//!    (see 2.), so someone whom `M` colleagues dominate is left out, and a certification that
//!    `M` colleagues could take alone at no more cost is never combined with others.
//! 2. [`requirements`] turns the goal (gates, partial points, caps, tracks, buffer,
//!    `min_skilling`) into its exact list of minimal requirements "at least `r_g` people
//!    count in group `g`", per target and then combined over the targets.
//! 3. For each combined requirement, `formulation` describes a covering program over
//!    classes `k` of interchangeable people: `z[k,o] ∈ {0..|k|}` members take option `o`,
//!    `Σ_o z[k,o] ≤ |k|`, `base_g + Σ z[k,o]·gain(o,g) ≥ r_g`, `Σ cost·z ≤ budget`. Its
//!    relaxation is tight: each person's options are the convex hull of what they can do,
//!    and the right-hand sides are whole people.
//! 4. `columns` bounds each program by column generation on its dual and solves it over
//!    the few columns whose reduced costs could matter, proving that no other column can
//!    improve the answer. Requirements are taken in order of a quick bound (per group, the
//!    cheapest people who could fill it); one whose bound cannot beat the best plan found is
//!    skipped, and once the quick bound cannot, neither can any later one: that is the
//!    proof. The objective's tie-break (cost → hours, hours → cost; contract §5.9) is then
//!    solved over the requirements whose bound reaches the optimum, holding the optimum.
//! 5. The plan is rebuilt from the chosen options, zero-cost choices that nothing relies on
//!    are dropped, and [`crate::check`] re-verifies it from the inputs alone.
//!
//! When people are distinct and their options too many to enumerate (step 1 does not finish
//! within `params::PROBE_SECONDS`), `quarter` works out prices of the groups by column
//! generation on the Lagrangian dual (`prices`, priced exactly by each person's best
//! option) and enumerates only the options whose reduced cost a plan no dearer than a
//! growing limit could afford; see `bundles::Situations::people` for the argument.
//!
//! Rooms: `context` (what a solve at one evaluation quarter reads), [`requirements`],
//! [`bundles`], `formulation` and `columns` (as above), `search` (requirements as
//! candidates, their bounds, the incumbent and the tie-break), `quarter` (one evaluation
//! quarter: the probe, the priced enumeration, `max-points`), `extract` (the plan from the
//! chosen options) and `explain` (why a scenario is infeasible).

pub mod bundles;
mod columns;
mod context;
mod explain;
mod extract;
mod formulation;
mod outcome;
pub mod params;
mod prices;
mod quarter;
pub mod requirements;
mod search;
#[cfg(test)]
mod testkit;

pub use context::{Context, TargetTracks, TrackNeed};
pub use formulation::Minimise;
pub use outcome::{Outcome, SolveError, SolveOptions, Status};
pub use search::cheapest;

use crate::check;
use crate::model::{Inputs, Objective, Plan, Quarter, Scenario};
use quarter::{already_met, solve_at, Deadlines, Effort, Findings};
use std::time::Instant;

/// Solves a scenario: the optimal plan, verified, or the reasons it is infeasible.
pub fn solve(inputs: &Inputs, scenario: &Scenario, options: SolveOptions) -> Result<Outcome, SolveError> {
    let evaluations: Vec<Quarter> = match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline),
        Objective::Cost | Objective::Hours => vec![scenario.deadline],
    };
    let started = Instant::now();
    // NaN, negative or absurd limits from a library caller are clamped, never a panic.
    let limit =
        if options.time_limit.is_nan() { 0.0 } else { options.time_limit.clamp(0.0, params::MAX_TIME_LIMIT_SECS) };
    let deadline = started + std::time::Duration::from_secs_f64(limit);
    let mut effort = Effort::default();
    let search_seconds = |effort: &Effort| (started.elapsed().saturating_sub(effort.build)).as_secs_f64();
    // Enumerating people's options may take this share of the limit; the rest is left for
    // the search, so that a cut enumeration still ends in the best plan its options allow.
    let build_deadline = started + std::time::Duration::from_secs_f64(limit * params::BUILD_SHARE);
    let probe = std::time::Duration::from_secs_f64((limit * params::PROBE_SHARE).min(options.probe_seconds.max(0.0)));
    let mut findings = Findings::default();
    for (index, &evaluation) in evaluations.iter().enumerate() {
        let ctx = Context::new(inputs, scenario, evaluation)?;
        let Ok(targets) = ctx.target_tracks() else { continue };
        let solved = match already_met(&ctx) {
            Some(empty) => empty,
            None => match solve_at(
                &ctx,
                &targets,
                Deadlines { build: build_deadline, search: deadline, probe },
                &mut effort,
                &mut findings,
            )? {
                Some(solved) => solved,
                None => continue,
            },
        };
        let problems = check::verify(inputs, scenario, &solved.plan, evaluation);
        if !problems.is_empty() {
            return Err(SolveError::CheckFailed(problems));
        }
        let objective = match scenario.objective {
            Objective::Cost => solved.cost,
            Objective::Hours => solved.hours,
            Objective::Quarters => (index + 1) as f64,
        };
        return Ok(Outcome {
            status: solved.status,
            plan: solved.plan,
            evaluation,
            objective: Some(objective),
            cost: solved.cost,
            hours: solved.hours,
            nodes: effort.nodes,
            build_seconds: effort.build.as_secs_f64(),
            search_seconds: search_seconds(&effort),
        });
    }
    let ctx = Context::new(inputs, scenario, scenario.deadline)?;
    let why = explain::why(&ctx, deadline, findings)?;
    Ok(Outcome {
        status: Status::Infeasible(why),
        plan: Plan::default(),
        evaluation: scenario.deadline,
        objective: None,
        cost: 0.0,
        hours: 0.0,
        nodes: effort.nodes,
        build_seconds: effort.build.as_secs_f64(),
        search_seconds: search_seconds(&effort),
    })
}
