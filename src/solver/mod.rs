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
//!    option whose coverage and price another option matches or beats.
//! 2. [`formulation`] groups people with identical options into classes and builds:
//!    - `z[k,o] ∈ {0..|k|}`: members of class `k` taking option `o`; `Σ_o z[k,o] ≤ |k|`;
//!    - `n_g = base_g + Σ z[k,o]·(covers(o,g) − covers(base_k,g))`: people counting in group `g`;
//!    - per target track and step `s` with points: `0 ≤ k_s ≤ people_s`, `k_s ≤ n_g − buffer`
//!      (with an on/off binary when `buffer > 0`), `k_s ≤ people_s·c_j` for every earlier
//!      step's completion binary `c_j`, which requires `n_g(j) ≥ (people_j + buffer)·c_j`;
//!    - metric points `m ≤ max_points`, `m ≤ Σ points_s/people_s·k_s`; for `qualify`,
//!      `Σ k_s ≥ 1` per skilling metric (more than 0) and `Σ m ≥ 70 − profile points`; for
//!      `max-skilling`, `Σ points_s/people_s·k_s ≥ max_points`; `min_skilling` floors `Σ m`;
//!    - best-track designations choose one track with binaries `y_t`, `Σ y_t = 1`;
//!    - `Σ cost·z ≤ budget`.
//!
//!    The step points are exact: `k_s` can reach `min(n, people)` only when every earlier
//!    step is complete, and never more, so the program's points equal the rules' points at
//!    the optimum and never exceed them.
//! 3. The objective is solved first, then its tie-break (cost → hours, hours → cost) with
//!    the first optimum fixed (contract §5.9).
//! 4. The plan is rebuilt from the chosen options, zero-cost choices that nothing relies on
//!    are dropped, and [`crate::check`] re-verifies it from the inputs alone.

pub mod bundles;
pub mod explain;
pub mod formulation;
pub mod params;

use crate::check;
use crate::io::Inputs;
use crate::model::{Catalog, CertIdx, Date, EmpIdx, Goal, Objective, Organisation, Plan, Quarter, RuleSet, Scenario, TrackRule};
use bundles::{Mask, PersonChoices};
use good_lp::{solvers::microlp::microlp, Solution, SolutionStatus, SolverModel, WithInitialSolution, WithTimeLimit};
use std::time::Instant;

/// Settings of one solve.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit per integer-program solve, in seconds.
    pub time_limit: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions { time_limit: params::DEFAULT_TIME_LIMIT_SECS }
    }
}

/// How a solve ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// A limit stopped the proof; `gap` is the relative gap when known.
    Feasible {
        /// Relative MIP gap at the stop.
        gap: Option<f64>,
    },
    /// No plan meets every constraint; the reasons in plain words.
    Infeasible(Vec<String>),
}

/// The answer for one scenario.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The plan (empty when infeasible).
    pub plan: Plan,
    /// The quarter whose last day the targets were evaluated on.
    pub evaluation: Quarter,
    /// The objective's value (`None` when infeasible).
    pub objective: Option<f64>,
    /// Total expected cost.
    pub cost: f64,
    /// Total hours.
    pub hours: f64,
    /// Branch-and-bound nodes, summed over the solves.
    pub nodes: u64,
}

/// A solve that could not produce an answer.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// The solver failed (an error it reported, or a panic caught inside it).
    #[error("the solver failed: {0}")]
    Solver(String),
    /// The plan disagrees with the independent checker: a bug, never shown as a plan.
    #[error("the plan failed the independent check: {}", .0.join("; "))]
    CheckFailed(Vec<String>),
    /// Too many distinct step groups for the coverage bitmask.
    #[error("the targets have {0} distinct steps; at most 128 are supported")]
    TooManySteps(usize),
}

/// A target designation with the tracks that could still meet the goal.
#[derive(Clone, Debug)]
pub struct TargetTracks {
    /// Index into the rule set.
    pub designation: usize,
    /// Possible tracks.
    pub tracks: Vec<TrackNeed>,
}

/// What one track of a target needs from skilling.
#[derive(Clone, Debug)]
pub struct TrackNeed {
    /// Track index.
    pub track: usize,
    /// Skilling points needed to reach the qualifying score.
    pub skilling_needed: f64,
    /// The scenario's `min_skilling` floor.
    pub min_skilling: f64,
}

/// Everything a solve at one evaluation quarter reads.
pub struct Context<'a> {
    /// The catalogue.
    pub catalog: &'a Catalog,
    /// The rules.
    pub rules: &'a RuleSet,
    /// The organisation.
    pub org: &'a Organisation,
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Evaluation day.
    pub day: Date,
    /// Planning quarters, `start` to the evaluation quarter.
    pub quarters: Vec<Quarter>,
    /// Distinct certification lists of the targets' steps.
    pub groups: Vec<Vec<CertIdx>>,
    /// `step_group[designation][metric][step]` → group (targets only).
    pub step_group: Vec<Vec<Vec<usize>>>,
    /// Groups each certification belongs to.
    pub cert_groups: Vec<Mask>,
    /// Certifications in some group that still earn points on the day.
    pub coverers: Vec<CertIdx>,
    /// Explanation mode: ignore per-quarter hours and exam limits.
    pub relax_capacity: bool,
    /// Explanation mode: ignore the budget.
    pub relax_budget: bool,
}

impl<'a> Context<'a> {
    /// Builds the context for evaluating on the last day of `evaluation`.
    pub fn new(inputs: &'a Inputs, scenario: &'a Scenario, evaluation: Quarter) -> Result<Context<'a>, SolveError> {
        let Inputs { catalog, rules, org } = inputs;
        let day = evaluation.last_day();
        let mut groups: Vec<Vec<CertIdx>> = Vec::new();
        let mut step_group = vec![Vec::new(); rules.designations.len()];
        for id in &scenario.targets {
            let Some(d) = rules.designation_index(id) else { continue };
            step_group[d] = rules.designations[d]
                .metrics
                .iter()
                .map(|m| {
                    m.steps
                        .iter()
                        .map(|s| {
                            let mut certs = s.certifications.clone();
                            certs.sort_unstable();
                            groups.iter().position(|g| *g == certs).unwrap_or_else(|| {
                                groups.push(certs);
                                groups.len() - 1
                            })
                        })
                        .collect()
                })
                .collect();
        }
        if groups.len() > 128 {
            return Err(SolveError::TooManySteps(groups.len()));
        }
        let mut cert_groups = vec![0 as Mask; catalog.len()];
        for (g, certs) in groups.iter().enumerate() {
            for &c in certs {
                cert_groups[c] |= 1 << g;
            }
        }
        let coverers = (0..catalog.len()).filter(|&c| cert_groups[c] != 0 && catalog[c].counts_on(day)).collect();
        Ok(Context {
            catalog,
            rules,
            org,
            scenario,
            day,
            quarters: scenario.quarters_until(evaluation),
            groups,
            step_group,
            cert_groups,
            coverers,
            relax_capacity: false,
            relax_budget: false,
        })
    }

    /// The budget in force (none in explanation mode).
    pub fn budget(&self) -> Option<f64> {
        self.scenario.budget.filter(|_| !self.relax_budget)
    }

    /// A copy for explanation mode (the same inputs, other relaxation flags).
    pub fn clone_shallow(&self) -> Context<'a> {
        Context {
            catalog: self.catalog,
            rules: self.rules,
            org: self.org,
            scenario: self.scenario,
            day: self.day,
            quarters: self.quarters.clone(),
            groups: self.groups.clone(),
            step_group: self.step_group.clone(),
            cert_groups: self.cert_groups.clone(),
            coverers: self.coverers.clone(),
            relax_capacity: self.relax_capacity,
            relax_budget: self.relax_budget,
        }
    }

    /// Whether a person's existing holdings make `cert` active on the day.
    pub fn active_without_plan(&self, e: EmpIdx, cert: CertIdx) -> bool {
        self.org.holdings.iter().any(|h| {
            h.employee == e
                && h.cert == cert
                && h.earned_on.is_none_or(|x| x <= self.day)
                && h.expires_on.is_none_or(|x| self.day <= x)
        })
    }

    /// Each target's tracks that could meet the goal, or the plain-words reasons why none can.
    pub fn target_tracks(&self) -> Result<Vec<TargetTracks>, Vec<String>> {
        let mut out = Vec::new();
        let mut reasons = Vec::new();
        for id in &self.scenario.targets {
            let Some(di) = self.rules.designation_index(id) else { continue };
            let d = &self.rules.designations[di];
            let candidates: Vec<usize> = match d.track_rule {
                TrackRule::Classified => self.org.profile.tracks.get(id).and_then(|t| d.track_index(t)).into_iter().collect(),
                TrackRule::Best => (0..d.tracks.len()).collect(),
            };
            let min_skilling = self.scenario.min_skilling.get(id).copied().unwrap_or(0.0);
            let mut tracks = Vec::new();
            let mut why = Vec::new();
            for t in candidates {
                let track = &d.tracks[t];
                let mut profile_points = 0.0;
                let mut blockers = Vec::new();
                for m in &d.metrics {
                    if m.category == crate::model::Category::Skilling {
                        let scoring = m.steps.iter().any(|s| s.thresholds[t].is_some_and(|th| th.points > 0.0));
                        if self.scenario.goal == Goal::Qualify && (m.max_points <= 0.0 || !scoring) {
                            blockers.push(format!("{} can never earn points in this track", m.id));
                        }
                        continue;
                    }
                    let p = self.org.profile.points(id, track, &m.id).min(m.max_points);
                    if p <= 0.0 && self.scenario.goal == Goal::Qualify {
                        blockers.push(format!("{} has 0 points in the profile (certifications cannot change that)", m.id));
                    }
                    profile_points += p;
                }
                let needed = self.rules.qualifying_score - profile_points;
                let ceiling = d.max_skilling();
                if self.scenario.goal == Goal::Qualify && needed > ceiling + params::POINTS_TOLERANCE {
                    blockers.push(format!(
                        "the profile's {profile_points:.2} points plus the maximum {ceiling:.2} skilling points stay below {}",
                        self.rules.qualifying_score
                    ));
                }
                if min_skilling > ceiling + params::POINTS_TOLERANCE {
                    blockers.push(format!("min_skilling {min_skilling:.2} is above the maximum {ceiling:.2} skilling points"));
                }
                if blockers.is_empty() {
                    tracks.push(TrackNeed { track: t, skilling_needed: needed.max(0.0), min_skilling });
                } else {
                    why.push(format!("{id} ({track}): {}", blockers.join("; ")));
                }
            }
            if tracks.is_empty() {
                reasons.extend(why);
            }
            out.push(TargetTracks { designation: di, tracks });
        }
        if reasons.is_empty() {
            Ok(out)
        } else {
            Err(reasons)
        }
    }
}

/// One solved evaluation quarter.
struct Solved {
    plan: Plan,
    cost: f64,
    hours: f64,
    status: Status,
}

/// Solves a scenario: the optimal plan, verified, or the reasons it is infeasible.
pub fn solve(inputs: &Inputs, scenario: &Scenario, options: SolveOptions) -> Result<Outcome, SolveError> {
    let evaluations: Vec<Quarter> = match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline),
        Objective::Cost | Objective::Hours => vec![scenario.deadline],
    };
    let mut nodes = 0;
    for (index, &evaluation) in evaluations.iter().enumerate() {
        let ctx = Context::new(inputs, scenario, evaluation)?;
        let Ok(targets) = ctx.target_tracks() else { continue };
        let Some(solved) = solve_at(&ctx, &targets, options, &mut nodes)? else { continue };
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
            nodes,
        });
    }
    let ctx = Context::new(inputs, scenario, scenario.deadline)?;
    let why = explain::why(&ctx, options)?;
    Ok(Outcome {
        status: Status::Infeasible(why),
        plan: Plan::default(),
        evaluation: scenario.deadline,
        objective: None,
        cost: 0.0,
        hours: 0.0,
        nodes,
    })
}

/// Which quantity a solve minimises.
#[derive(Clone, Copy, PartialEq)]
enum Minimise {
    Cost,
    Hours,
}

/// Solves at one evaluation quarter; `None` when infeasible there.
fn solve_at(ctx: &Context, targets: &[TargetTracks], options: SolveOptions, nodes: &mut u64) -> Result<Option<Solved>, SolveError> {
    let people = bundles::all_people(ctx);
    let classes = formulation::classes(&people);
    if std::env::var("CERTPLAN_DEBUG").is_ok() {
        let n: usize = people.iter().map(|p| p.choices.len()).sum();
        eprintln!("people {} choices {} classes {} groups {}", people.len(), n, classes.len(), ctx.groups.len());
        for p in &people { eprintln!("  {} base {:b} choices {}", ctx.org.employees[p.employee].id, p.base, p.choices.iter().map(|c| format!("{:b}/{:.0}", c.mask, c.cost)).collect::<Vec<_>>().join(" ")); }
    }
    let (first, second) = match ctx.scenario.objective {
        Objective::Hours => (Minimise::Hours, Minimise::Cost),
        Objective::Cost | Objective::Quarters => (Minimise::Cost, Minimise::Hours),
    };
    let started = Instant::now();
    let Some(one) = run(ctx, &people, &classes, targets, first, None, None, options.time_limit, nodes)? else {
        return Ok(None);
    };
    let remaining = (options.time_limit - started.elapsed().as_secs_f64()).max(1.0);
    let two = run(ctx, &people, &classes, targets, second, Some((first, one.primary)), Some(&one.values), remaining, nodes)?;
    let best = two.unwrap_or(one);
    let status = match (best.proven, best.gap) {
        (true, _) => Status::Optimal,
        (false, gap) => Status::Feasible { gap },
    };
    let plan = extract(&people, &classes, &best.takes)?;
    let plan = drop_unneeded(ctx, plan);
    let (cost, hours) = check::totals(ctx.catalog, ctx.org, ctx.scenario, &plan);
    Ok(Some(Solved { plan, cost, hours, status }))
}

/// The lowest cost meeting `targets` in `ctx`, or `None` when no plan does (used to
/// explain infeasibility).
pub fn cheapest(ctx: &Context, targets: &[TargetTracks], options: SolveOptions) -> Result<Option<f64>, SolveError> {
    let people = bundles::all_people(ctx);
    let classes = formulation::classes(&people);
    let mut nodes = 0;
    Ok(run(ctx, &people, &classes, targets, Minimise::Cost, None, None, options.time_limit, &mut nodes)?.map(|r| r.primary))
}

/// One integer-program solve's result.
struct RunResult {
    values: Vec<f64>,
    takes: Vec<(usize, usize, i64)>,
    primary: f64,
    proven: bool,
    gap: Option<f64>,
}

/// Builds and solves the program minimising `what`, optionally holding an earlier
/// objective at its optimum, starting from `warm` values.
#[allow(clippy::too_many_arguments)]
fn run(
    ctx: &Context,
    people: &[PersonChoices],
    classes: &[formulation::Class],
    targets: &[TargetTracks],
    what: Minimise,
    hold: Option<(Minimise, f64)>,
    warm: Option<&[f64]>,
    time_limit: f64,
    nodes: &mut u64,
) -> Result<Option<RunResult>, SolveError> {
    let f = formulation::build(ctx, people, classes, targets);
    let all_vars: Vec<good_lp::Variable> = f.vars.iter_variables_with_def().map(|(v, _)| v).collect();
    let pick = |m: Minimise| if m == Minimise::Cost { f.cost.clone() } else { f.hours.clone() };
    let objective = pick(what);
    let mut constraints = f.constraints;
    if let Some((held, value)) = hold {
        let slack = params::TIE_BREAK_SLACK * value.abs().max(1.0);
        constraints.push(pick(held).leq(value + slack));
    }
    let mut model = f.vars.minimise(objective.clone()).using(microlp).with_time_limit(time_limit);
    if let Some(values) = warm {
        model = model.with_initial_solution(all_vars.iter().copied().zip(values.iter().copied()));
    }
    for c in constraints {
        model.add_constraint(c);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model.solve()));
    let solution = match result {
        Err(panic) => return Err(SolveError::Solver(panic_text(panic))),
        Ok(Err(good_lp::ResolutionError::Infeasible)) => return Ok(None),
        Ok(Err(e)) => return Err(SolveError::Solver(e.to_string())),
        Ok(Ok(s)) => s,
    };
    let proven = matches!(solution.status(), SolutionStatus::Optimal);
    if std::env::var("CERTPLAN_DEBUG").is_ok() { eprintln!("run done proven={proven}"); }
    let values: Vec<f64> = all_vars.iter().map(|&v| solution.value(v)).collect();
    let mut takes = Vec::new();
    for &(k, o, v) in &f.takes {
        let x = solution.value(v);
        let r = x.round();
        if (x - r).abs() > params::INTEGRALITY {
            return Err(SolveError::Solver(format!("an integer variable came back as {x}")));
        }
        if r > 0.0 {
            takes.push((k, o, r as i64));
        }
    }
    let primary = objective.eval_with(&solution);
    let inner = solution.into_inner();
    *nodes += inner.stats().nodes_solved as u64;
    let gap = if proven { None } else { inner.gap() };
    Ok(Some(RunResult { values, takes, primary, proven, gap }))
}

fn panic_text(panic: Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic inside the solver".into())
}

/// Turns chosen counts per class into actions, members in employee order.
fn extract(
    people: &[PersonChoices],
    classes: &[formulation::Class],
    takes: &[(usize, usize, i64)],
) -> Result<Plan, SolveError> {
    let mut actions = Vec::new();
    let mut next_member = vec![0usize; classes.len()];
    let mut sorted = takes.to_vec();
    sorted.sort_unstable();
    for (k, o, count) in sorted {
        for _ in 0..count {
            let Some(&member) = classes[k].members.get(next_member[k]) else {
                return Err(SolveError::Solver(format!("class {k} was given more choices than it has people")));
            };
            next_member[k] += 1;
            actions.extend(people[member].choices[o].actions.iter().copied());
        }
    }
    actions.sort_unstable();
    Ok(Plan { actions })
}

/// Removes, person by person, actions that cost nothing and that the goal does not rely
/// on (a link for someone whose certifications are not needed, a free exam nobody needs):
/// the solver is indifferent to them, an advisor is not (contract §5.10).
fn drop_unneeded(ctx: &Context, plan: Plan) -> Plan {
    let inputs_view = (ctx.catalog, ctx.rules, ctx.org);
    let mut plan = plan;
    let mut people: Vec<EmpIdx> = plan.actions.iter().map(|a| a.employee).collect();
    people.sort_unstable();
    people.dedup();
    for e in people {
        let (mine, others): (Vec<_>, Vec<_>) = plan.actions.iter().partition(|a| a.employee == e);
        let (cost, hours) = check::totals(ctx.catalog, ctx.org, ctx.scenario, &Plan { actions: mine });
        if cost > 0.0 || hours > 0.0 {
            continue;
        }
        let trial = Plan { actions: others };
        if check::goal_holds(inputs_view, ctx.scenario, &trial, ctx.quarters[ctx.quarters.len() - 1]) {
            plan = trial;
        }
    }
    plan
}
