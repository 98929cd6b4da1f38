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
//! 2. [`requirements`] turns the goal (gates, partial points, caps, tracks, buffer,
//!    `min_skilling`) into its exact list of minimal requirements "at least `r_g` people
//!    count in group `g`", per target and then combined over the targets.
//! 3. For each combined requirement, [`formulation`] builds a covering program over
//!    classes `k` of interchangeable people: `z[k,o] ∈ {0..|k|}` members take option `o`,
//!    `Σ_o z[k,o] ≤ |k|`, `base_g + Σ z[k,o]·gain(o,g) ≥ r_g`, `Σ cost·z ≤ budget`. Its
//!    relaxation is tight: each person's options are the convex hull of what they can do,
//!    and the right-hand sides are whole people.
//! 4. Requirements are taken in order of a quick bound (per group, the cheapest people who
//!    could fill it); each is bounded by its relaxation before its integer program is
//!    solved. A requirement whose bound cannot beat the best plan found is skipped, and
//!    once the quick bound cannot, neither can any later one: that is the proof.
//!    The objective's tie-break (cost → hours, hours → cost; contract §5.9) is then solved
//!    over the requirements whose bound reaches the optimum, holding the optimum.
//! 5. The plan is rebuilt from the chosen options, zero-cost choices that nothing relies on
//!    are dropped, and [`crate::check`] re-verifies it from the inputs alone.

pub mod bundles;
pub mod explain;
pub mod formulation;
pub mod params;
pub mod requirements;

use crate::check;
use crate::io::Inputs;
use crate::model::{
    Catalog, CertIdx, Date, EmpIdx, Goal, Objective, Organisation, Plan, Quarter, RuleSet, Scenario, TrackRule,
};
use bundles::{Mask, PersonChoices};
use good_lp::{solvers::microlp::microlp, Solution, SolutionStatus, SolverModel, WithTimeLimit};
use std::time::Instant;

/// Settings of one solve.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit for the whole solve of one scenario, in seconds.
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
    /// The rules or targets are too large to enumerate their requirements.
    #[error("{0}")]
    Rules(String),
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
#[derive(Clone)]
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
            relax_budget: false,
        })
    }

    /// The budget in force (none in explanation mode).
    pub fn budget(&self) -> Option<f64> {
        self.scenario.budget.filter(|_| !self.relax_budget)
    }

    /// The evaluation quarter.
    pub fn last_quarter(&self) -> Quarter {
        self.quarters[self.quarters.len() - 1]
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
                TrackRule::Classified => {
                    self.org.profile.tracks.get(id).and_then(|t| d.track_index(t)).into_iter().collect()
                }
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
                        blockers
                            .push(format!("{} has 0 points in the profile (certifications cannot change that)", m.id));
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
                if self.scenario.goal != Goal::MaxPoints && min_skilling > ceiling + params::POINTS_TOLERANCE {
                    blockers.push(format!(
                        "min_skilling {min_skilling:.2} is above the maximum {ceiling:.2} skilling points"
                    ));
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
    let deadline = Instant::now() + std::time::Duration::from_secs_f64(options.time_limit.max(0.0));
    let mut nodes = 0;
    for (index, &evaluation) in evaluations.iter().enumerate() {
        let ctx = Context::new(inputs, scenario, evaluation)?;
        let Ok(targets) = ctx.target_tracks() else { continue };
        let Some(solved) = solve_at(&ctx, &targets, deadline, &mut nodes)? else { continue };
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
    let why = explain::why(&ctx, deadline)?;
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
#[derive(Clone, Copy, PartialEq, Debug)]
enum Minimise {
    Cost,
    Hours,
}

/// A requirement, with what it takes to solve it worked out on first use.
struct Candidate {
    requirement: requirements::Requirement,
    /// A quick lower bound on the first objective: for each group, the cheapest way to get
    /// the people it needs, ignoring that one person may serve several groups.
    quick: f64,
    /// The relaxation's value of the first objective, once computed (`None`: the
    /// relaxation is infeasible).
    bound: std::cell::OnceCell<Option<f64>>,
}

/// A requirement's program shape: people's options projected onto its groups, and the
/// classes of interchangeable people. Rebuilt when needed rather than kept per candidate,
/// which for many candidates over large organisations would hold gigabytes.
struct Shape {
    projected: Vec<formulation::Projected>,
    classes: Vec<formulation::Class>,
}

impl Shape {
    fn of(people: &[PersonChoices], requirement: &requirements::Requirement) -> Shape {
        let required: Mask = requirement.keys().fold(0, |m, &g| m | 1 << g);
        let projected = formulation::project(people, required);
        let classes = formulation::classes(people, &projected);
        Shape { projected, classes }
    }
}

/// The best plan over all requirements for one objective.
struct Search {
    /// Candidate index and the solve's result.
    best: Option<(usize, RunResult)>,
    /// Whether every candidate was either solved to optimality or pruned by a bound.
    proven: bool,
    /// The smallest bound among candidates left unresolved by a limit.
    open_bound: Option<f64>,
}

/// Solves at one evaluation quarter; `None` when infeasible there.
fn solve_at(
    ctx: &Context,
    targets: &[TargetTracks],
    deadline: Instant,
    nodes: &mut u64,
) -> Result<Option<Solved>, SolveError> {
    // Requirements that more people than could ever count in a group ask for are dropped
    // before any person's options are worked out: often that settles infeasibility at once.
    let reach = bundles::reach(ctx);
    let reachable = |r: &requirements::Requirement| r.iter().all(|(&g, &c)| reach[g] >= c);
    if ctx.scenario.goal == Goal::MaxPoints {
        return best_value(ctx, targets, &reachable, deadline, nodes);
    }
    let mut combos = requirements::combined(ctx, targets).map_err(SolveError::Rules)?;
    combos.retain(reachable);
    if combos.is_empty() {
        return Ok(None);
    }
    let people = bundles::all_people(ctx);
    cheapest_plan(ctx, &people, combos, deadline, nodes)
}

/// For `max-points`: the best value level (qualifying targets, then points) that some plan
/// within the budget reaches, and the cheapest plan reaching it.
fn best_value(
    ctx: &Context,
    targets: &[TargetTracks],
    reachable: &dyn Fn(&requirements::Requirement) -> bool,
    deadline: Instant,
    nodes: &mut u64,
) -> Result<Option<Solved>, SolveError> {
    let valued = requirements::by_value(ctx, targets).map_err(SolveError::Rules)?;
    let people = bundles::all_people(ctx);
    let same = |a: &requirements::Valued, b: &requirements::Valued| {
        a.1 == b.1 && (a.2 - b.2).abs() <= params::POINTS_TOLERANCE
    };
    let mut from = 0;
    while from < valued.len() {
        let to = from + valued[from..].iter().take_while(|v| same(v, &valued[from])).count();
        let level: Vec<requirements::Requirement> =
            valued[from..to].iter().map(|v| v.0.clone()).filter(|r| reachable(r)).collect();
        if !level.is_empty() {
            if let Some(solved) = cheapest_plan(ctx, &people, level, deadline, nodes)? {
                let (qualifying, points) =
                    check::value((ctx.catalog, ctx.rules, ctx.org), ctx.scenario, &solved.plan, ctx.last_quarter());
                if qualifying < valued[from].1 || points < valued[from].2 - params::POINTS_TOLERANCE {
                    return Err(SolveError::CheckFailed(vec![format!(
                        "the plan reaches {qualifying} qualifying target(s) and {points:.2} points, not the {} and {:.2} promised",
                        valued[from].1, valued[from].2
                    )]));
                }
                return Ok(Some(solved));
            }
        }
        from = to;
    }
    Ok(None)
}

/// The cheapest plan (then fewest hours; for `hours`, the reverse) meeting one of `combos`.
fn cheapest_plan(
    ctx: &Context,
    people: &[PersonChoices],
    combos: Vec<requirements::Requirement>,
    deadline: Instant,
    nodes: &mut u64,
) -> Result<Option<Solved>, SolveError> {
    let (first, second) = match ctx.scenario.objective {
        Objective::Hours => (Minimise::Hours, Minimise::Cost),
        Objective::Cost | Objective::Quarters => (Minimise::Cost, Minimise::Hours),
    };
    let candidates = candidates(ctx, people, combos, first);
    let search = minimise(ctx, people, &candidates, first, None, deadline, nodes)?;
    let Some((_, one)) = &search.best else { return Ok(None) };
    // Tie-break among plans optimal for the first objective, over every requirement whose
    // bounds reach that optimum.
    let optimum = one.primary;
    let slack = params::TIE_BREAK_SLACK * optimum.abs().max(1.0);
    let ties: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.quick <= optimum + slack)
        .filter(|c| bound(ctx, people, c, first, deadline).ok().flatten().is_some_and(|b| b <= optimum + slack))
        .collect();
    let tie_search = minimise_refs(ctx, people, &ties, second, Some((first, optimum + slack)), deadline, nodes)?;
    let (candidate, best) = match tie_search.best {
        Some((i, r)) => (ties[i], r),
        None => {
            let (i, r) = search.best.expect("checked above");
            (&candidates[i], r)
        }
    };
    let status = if search.proven && tie_search.proven {
        Status::Optimal
    } else {
        let lower = search.open_bound.unwrap_or(optimum).min(optimum);
        Status::Feasible { gap: Some(if optimum.abs() > 0.0 { (optimum - lower) / optimum.abs() } else { 0.0 }) }
    };
    let plan = extract(people, &Shape::of(people, &candidate.requirement), &best.takes)?;
    let plan = drop_unneeded(ctx, plan);
    let (cost, hours) = check::totals(ctx.catalog, ctx.org, ctx.scenario, &plan);
    Ok(Some(Solved { plan, cost, hours, status }))
}

/// The combined requirements with their quick bounds, in order of that bound; those that
/// cannot be covered at all are dropped.
fn candidates(
    ctx: &Context,
    people: &[PersonChoices],
    combos: Vec<requirements::Requirement>,
    what: Minimise,
) -> Vec<Candidate> {
    // Per group: the cheapest option of each person who does not count there already.
    let mut per_group: Vec<Vec<f64>> = vec![Vec::new(); ctx.groups.len()];
    for p in people {
        for (g, list) in per_group.iter_mut().enumerate() {
            if p.base >> g & 1 == 1 {
                continue;
            }
            let cheapest = p
                .choices
                .iter()
                .filter(|c| c.mask >> g & 1 == 1)
                .map(|c| if what == Minimise::Cost { c.cost } else { c.hours })
                .fold(f64::INFINITY, f64::min);
            if cheapest.is_finite() {
                list.push(cheapest);
            }
        }
    }
    for list in &mut per_group {
        list.sort_by(f64::total_cmp);
    }
    let base: Vec<u32> =
        (0..ctx.groups.len()).map(|g| people.iter().filter(|p| p.base >> g & 1 == 1).count() as u32).collect();
    let mut out: Vec<Candidate> = combos
        .into_iter()
        .filter_map(|requirement| {
            let mut quick = 0.0f64;
            for (&g, &need) in &requirement {
                let missing = need.saturating_sub(base[g]) as usize;
                let list = &per_group[g];
                if missing > list.len() {
                    return None;
                }
                quick = quick.max(list[..missing].iter().sum());
            }
            Some(Candidate { requirement, quick, bound: std::cell::OnceCell::new() })
        })
        .collect();
    out.sort_by(|a, b| a.quick.total_cmp(&b.quick));
    out
}

/// A candidate's relaxation bound on `what` (computed once; `None`: infeasible).
fn bound(
    ctx: &Context,
    people: &[PersonChoices],
    candidate: &Candidate,
    what: Minimise,
    deadline: Instant,
) -> Result<Option<f64>, SolveError> {
    if let Some(done) = candidate.bound.get() {
        return Ok(*done);
    }
    let shape = Shape::of(people, &candidate.requirement);
    let relaxed = run(ctx, people, &candidate.requirement, &shape, what, None, false, deadline)?;
    Ok(*candidate.bound.get_or_init(|| relaxed.map(|r| r.primary)))
}

fn minimise(
    ctx: &Context,
    people: &[PersonChoices],
    candidates: &[Candidate],
    what: Minimise,
    hold: Option<(Minimise, f64)>,
    deadline: Instant,
    nodes: &mut u64,
) -> Result<Search, SolveError> {
    let refs: Vec<&Candidate> = candidates.iter().collect();
    minimise_refs(ctx, people, &refs, what, hold, deadline, nodes)
}

/// Solves candidates in order of quick bound, keeping the best; a candidate whose bound
/// (quick, then relaxation) cannot beat the best so far is skipped, and once the quick
/// bound cannot, neither can any later one. (Bounds are on the first objective; in a
/// tie-break search, `hold` keeps that objective at its optimum and every candidate given
/// is solved.)
fn minimise_refs(
    ctx: &Context,
    people: &[PersonChoices],
    candidates: &[&Candidate],
    what: Minimise,
    hold: Option<(Minimise, f64)>,
    deadline: Instant,
    nodes: &mut u64,
) -> Result<Search, SolveError> {
    let first = hold.map_or(what, |(m, _)| m);
    let mut search = Search { best: None, proven: true, open_bound: None };
    for (i, c) in candidates.iter().enumerate() {
        let incumbent = search.best.as_ref().map(|(_, r)| r.primary);
        let beaten = |bound: f64| {
            hold.is_none() && incumbent.is_some_and(|v| bound >= v - params::TIE_BREAK_SLACK * v.abs().max(1.0))
        };
        if beaten(c.quick) {
            break;
        }
        if first == Minimise::Cost && ctx.budget().is_some_and(|b| c.quick > b + params::BUDGET_TOLERANCE) {
            continue;
        }
        if Instant::now() >= deadline && search.best.is_some() {
            search.proven = false;
            let rest = candidates[i..].iter().map(|c| c.bound.get().copied().flatten().unwrap_or(c.quick));
            let lower = rest.fold(f64::INFINITY, f64::min);
            search.open_bound = Some(search.open_bound.map_or(lower, |b: f64| b.min(lower)));
            break;
        }
        let Some(relaxed) = bound(ctx, people, c, first, deadline)? else { continue };
        if beaten(relaxed) {
            continue;
        }
        let shape = Shape::of(people, &c.requirement);
        let cutoff = hold.or(incumbent.map(|v| (what, v)));
        let Some(result) = run(ctx, people, &c.requirement, &shape, what, cutoff, true, deadline)? else { continue };
        *nodes += result.nodes;
        if !result.proven {
            search.proven = false;
            let lower = result.gap.map_or(relaxed, |g| result.primary * (1.0 - g));
            search.open_bound = Some(search.open_bound.map_or(lower, |b: f64| b.min(lower)));
        }
        if incumbent.is_none_or(|v| result.primary < v - 1e-9) {
            search.best = Some((i, result));
        }
    }
    Ok(search)
}

/// The lowest cost meeting `targets` in `ctx` with `people`'s choices, or `None` when no
/// plan does (used to explain infeasibility).
pub fn cheapest(
    ctx: &Context,
    people: &[PersonChoices],
    targets: &[TargetTracks],
    deadline: Instant,
) -> Result<Option<f64>, SolveError> {
    let combos = requirements::combined(ctx, targets).map_err(SolveError::Rules)?;
    let candidates = candidates(ctx, people, combos, Minimise::Cost);
    let mut nodes = 0;
    let search = minimise(ctx, people, &candidates, Minimise::Cost, None, deadline, &mut nodes)?;
    Ok(search.best.map(|(_, r)| r.primary))
}

/// One integer-program solve's result.
struct RunResult {
    takes: Vec<(usize, usize, i64)>,
    primary: f64,
    proven: bool,
    gap: Option<f64>,
    nodes: u64,
}

/// Builds and solves one candidate's program minimising `what`, optionally with an upper
/// bound on an objective (the incumbent, or the optimum held during a tie-break).
#[allow(clippy::too_many_arguments)]
fn run(
    ctx: &Context,
    people: &[PersonChoices],
    requirement: &requirements::Requirement,
    shape: &Shape,
    what: Minimise,
    cap: Option<(Minimise, f64)>,
    integer: bool,
    deadline: Instant,
) -> Result<Option<RunResult>, SolveError> {
    let f = formulation::build(people, &shape.projected, &shape.classes, requirement, ctx.budget(), integer);
    let pick = |m: Minimise| if m == Minimise::Cost { f.cost.clone() } else { f.hours.clone() };
    let objective = pick(what);
    let mut constraints = f.constraints;
    if let Some((held, value)) = cap {
        constraints.push(pick(held).leq(value));
    }
    let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64().max(0.05);
    let mut model = f.vars.minimise(objective.clone()).using(microlp).with_time_limit(seconds);
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
    let mut takes = Vec::new();
    for &(k, o, v) in &f.takes {
        let x = solution.value(v);
        if !integer {
            continue;
        }
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
    let nodes = inner.stats().nodes_solved as u64;
    let gap = if proven { None } else { inner.gap() };
    Ok(Some(RunResult { takes, primary, proven, gap, nodes }))
}

fn panic_text(panic: Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic inside the solver".into())
}

/// Turns chosen counts per class into actions, members in employee order.
fn extract(people: &[PersonChoices], shape: &Shape, takes: &[(usize, usize, i64)]) -> Result<Plan, SolveError> {
    let mut actions = Vec::new();
    let mut next_member = vec![0usize; shape.classes.len()];
    let mut sorted = takes.to_vec();
    sorted.sort_unstable();
    for (k, pos, count) in sorted {
        for _ in 0..count {
            let Some(&member) = shape.classes[k].members.get(next_member[k]) else {
                return Err(SolveError::Solver(format!("class {k} was given more choices than it has people")));
            };
            next_member[k] += 1;
            let p = &shape.projected[member];
            let (o, _) = p.options[pos];
            actions.extend(people[p.person].choices[o].actions.iter().copied());
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
        let last = ctx.last_quarter();
        let keeps_value = ctx.scenario.goal != Goal::MaxPoints
            || check::value(inputs_view, ctx.scenario, &trial, last)
                >= check::value(inputs_view, ctx.scenario, &plan, last);
        if keeps_value && check::goal_holds(inputs_view, ctx.scenario, &trial, last) {
            plan = trial;
        }
    }
    plan
}
