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
//! 3. For each combined requirement, [`formulation`] describes a covering program over
//!    classes `k` of interchangeable people: `z[k,o] ∈ {0..|k|}` members take option `o`,
//!    `Σ_o z[k,o] ≤ |k|`, `base_g + Σ z[k,o]·gain(o,g) ≥ r_g`, `Σ cost·z ≤ budget`. Its
//!    relaxation is tight: each person's options are the convex hull of what they can do,
//!    and the right-hand sides are whole people.
//! 4. [`columns`] bounds each program by column generation on its dual and solves it over
//!    the few columns whose reduced costs could matter, proving that no other column can
//!    improve the answer. Requirements are taken in order of a quick bound (per group, the
//!    cheapest people who could fill it); one whose bound cannot beat the best plan found is
//!    skipped, and once the quick bound cannot, neither can any later one: that is the
//!    proof. The objective's tie-break (cost → hours, hours → cost; contract §5.9) is then
//!    solved over the requirements whose bound reaches the optimum, holding the optimum.
//! 5. The plan is rebuilt from the chosen options, zero-cost choices that nothing relies on
//!    are dropped, and [`crate::check`] re-verifies it from the inputs alone.

pub mod bundles;
pub mod columns;
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
use columns::{Program, Side};
use formulation::Shape;
use good_lp::{solvers::microlp::microlp, Solution, SolutionStatus, SolverModel, WithTimeLimit};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// Settings of one solve.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit for the whole solve of one scenario, in seconds.
    pub time_limit: f64,
    /// Longest first enumeration of people's options before the solve turns to priced
    /// enumeration (see [`params::PROBE_SECONDS`]); 0 always takes the priced way.
    pub probe_seconds: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions { time_limit: params::DEFAULT_TIME_LIMIT_SECS, probe_seconds: params::PROBE_SECONDS }
    }
}

impl SolveOptions {
    /// The default options with another time limit.
    pub fn limit(time_limit: f64) -> SolveOptions {
        SolveOptions { time_limit, ..SolveOptions::default() }
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
    /// Seconds spent building the model: requirements and every person's options.
    pub build_seconds: f64,
    /// Seconds spent searching: bounds, integer programs, tie-break, plan and check (and
    /// for an infeasible scenario, working out why).
    pub search_seconds: f64,
}

/// What a solve spent, summed over its evaluation quarters.
#[derive(Clone, Copy, Debug, Default)]
struct Effort {
    nodes: u64,
    build: std::time::Duration,
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
    /// The time limit ran out before any plan was found.
    #[error("the time limit ran out before any plan was found; a longer --time-limit may find one")]
    TimeLimit,
    /// Too many certifications matter to the targets for the certification bitmask.
    #[error("more than 128 certifications (with prerequisites) count for the targets; at most 128 are supported")]
    TooManyCertifications,
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
    /// The certifications that matter, as bits, and what counting each one needs.
    pub cover: bundles::Cover,
    /// Per employee: indexes of their holdings (asked for every person and certification).
    holdings_of: Vec<Vec<usize>>,
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
        let coverers: Vec<CertIdx> =
            (0..catalog.len()).filter(|&c| cert_groups[c] != 0 && catalog[c].counts_on(day)).collect();
        let mut holdings_of = vec![Vec::new(); org.employees.len()];
        for (i, h) in org.holdings.iter().enumerate() {
            holdings_of[h.employee].push(i);
        }
        let cover = bundles::Cover::new(catalog, &coverers, &cert_groups).ok_or(SolveError::TooManyCertifications)?;
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
            cover,
            holdings_of,
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
        self.holdings(e).any(|h| {
            h.cert == cert && h.earned_on.is_none_or(|x| x <= self.day) && h.expires_on.is_none_or(|x| self.day <= x)
        })
    }

    /// A person's holdings.
    pub fn holdings(&self, e: EmpIdx) -> impl Iterator<Item = &crate::model::Holding> + '_ {
        self.holdings_of[e].iter().map(|&i| &self.org.holdings[i])
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
    /// The prices of the bound of the requirement that gave the plan, per group (empty when
    /// no program was solved).
    prices: Vec<f64>,
}

/// Solves a scenario: the optimal plan, verified, or the reasons it is infeasible.
pub fn solve(inputs: &Inputs, scenario: &Scenario, options: SolveOptions) -> Result<Outcome, SolveError> {
    let evaluations: Vec<Quarter> = match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline),
        Objective::Cost | Objective::Hours => vec![scenario.deadline],
    };
    let started = Instant::now();
    let limit = options.time_limit.max(0.0);
    let deadline = started + std::time::Duration::from_secs_f64(limit);
    let mut effort = Effort::default();
    let search_seconds = |effort: &Effort| (started.elapsed().saturating_sub(effort.build)).as_secs_f64();
    // Enumerating people's options may take this share of the limit; the rest is left for
    // the search, so that a cut enumeration still ends in the best plan its options allow.
    let build_deadline = started + std::time::Duration::from_secs_f64(limit * params::BUILD_SHARE);
    let probe = std::time::Duration::from_secs_f64((limit * params::PROBE_SHARE).min(options.probe_seconds.max(0.0)));
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
    let why = explain::why(&ctx, deadline)?;
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

/// The empty plan, proven optimal, when the goal holds without any action: nothing can cost
/// less, so neither people's options nor any program are worked out (an organisation of
/// thousands that already qualifies is answered at once). Not for `max-points`, whose
/// value a plan could still raise.
fn already_met(ctx: &Context) -> Option<Solved> {
    let view = (ctx.catalog, ctx.rules, ctx.org);
    let empty = Plan::default();
    (ctx.scenario.goal != Goal::MaxPoints && check::goal_holds(view, ctx.scenario, &empty, ctx.last_quarter()))
        .then_some(Solved { plan: empty, cost: 0.0, hours: 0.0, status: Status::Optimal, prices: Vec::new() })
}

/// When a solve stops enumerating people's options, and when it stops altogether.
#[derive(Clone, Copy)]
struct Deadlines {
    build: Instant,
    search: Instant,
    /// How long the first, unpriced enumeration may take (see [`solve_at`]).
    probe: std::time::Duration,
}

/// Which quantity a solve minimises.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Minimise {
    /// Total expected cost.
    Cost,
    /// Total hours.
    Hours,
}

/// A requirement, with its dual bound worked out on first use.
struct Candidate {
    requirement: requirements::Requirement,
    /// A quick lower bound on the first objective: for each group, the cheapest way to get
    /// the people it needs, ignoring that one person may serve several groups.
    quick: f64,
    /// The column-generation bound on the first objective (with the budget), once computed.
    bound: OnceCell<columns::Bound>,
}

impl Candidate {
    /// The groups it names.
    fn mask(&self) -> Mask {
        self.requirement.keys().fold(0, |m, &g| m | 1 << g)
    }

    fn counts(&self) -> Vec<(usize, u32)> {
        self.requirement.iter().map(|(&g, &r)| (g, r)).collect()
    }
}

/// What every requirement's program is built from: people's choices and, per set of
/// required groups, their shape (worked out once, shared by every requirement over the
/// same groups).
struct Programs<'a> {
    ctx: &'a Context<'a>,
    people: &'a [PersonChoices],
    /// Whether `people` hold every option (see [`bundles::People::complete`]): only then do
    /// the programs' bounds prove anything beyond their own options.
    complete: bool,
    shapes: RefCell<HashMap<Mask, Rc<Shape>>>,
    /// Per shape: the prices of bounds found so far (first objective, with the budget).
    points: RefCell<HashMap<Mask, Vec<columns::PricePoint>>>,
    deadline: Instant,
}

impl<'a> Programs<'a> {
    fn new(ctx: &'a Context<'a>, people: &'a [PersonChoices], complete: bool, deadline: Instant) -> Programs<'a> {
        Programs { ctx, people, complete, shapes: RefCell::default(), points: RefCell::default(), deadline }
    }

    fn shape(&self, candidate: &Candidate) -> Rc<Shape> {
        let mask = candidate.mask();
        let mut shapes = self.shapes.borrow_mut();
        shapes.entry(mask).or_insert_with(|| Rc::new(Shape::of(self.people, self.ctx.groups.len(), mask))).clone()
    }

    /// The side constraints of a search: the budget, and in a tie-break the held optimum.
    fn sides(&self, hold: Option<(Minimise, f64)>) -> Vec<Side> {
        let budget = self.ctx.budget().map(|b| Side { what: Minimise::Cost, limit: b + params::BUDGET_TOLERANCE });
        budget.into_iter().chain(hold.map(|(what, limit)| Side { what, limit })).collect()
    }

    /// A candidate's bound on the first objective `what` with the budget (computed once;
    /// stops early when it reaches `cutoff`, which still leaves it a valid bound).
    ///
    /// Before any pricing, the prices of earlier bounds over the same shape are tried: they
    /// often show at once that a requirement cannot beat the incumbent.
    fn bound(&self, candidate: &Candidate, what: Minimise, cutoff: Option<f64>) -> columns::Bound {
        if let Some(done) = candidate.bound.get() {
            return done.clone();
        }
        let shape = self.shape(candidate);
        let counts = candidate.counts();
        if let Some(incumbent) = cutoff {
            let points = self.points.borrow();
            let known = points.get(&candidate.mask()).into_iter().flatten();
            let best = known.map(|p| p.bound_for(&counts, &shape.base_count)).fold(f64::NEG_INFINITY, f64::max);
            if best >= incumbent {
                return candidate.bound.get_or_init(|| columns::Bound::only(best)).clone();
            }
        }
        let program = Program::new(&shape, &counts);
        let bound = program.bound(what, &self.sides(None), cutoff, self.deadline);
        self.points.borrow_mut().entry(candidate.mask()).or_default().push(program.point(&bound));
        candidate.bound.get_or_init(|| bound).clone()
    }
}

/// The best plan over all requirements for one objective.
struct Search {
    /// Candidate index and the solve's result.
    best: Option<(usize, columns::Solved)>,
    /// Whether every candidate was either solved to optimality or pruned by a bound.
    proven: bool,
    /// The smallest bound among candidates left unresolved by a limit.
    open_bound: Option<f64>,
}

/// Solves at one evaluation quarter; `None` when infeasible there.
fn solve_at(
    ctx: &Context,
    targets: &[TargetTracks],
    deadlines: Deadlines,
    effort: &mut Effort,
) -> Result<Option<Solved>, SolveError> {
    let started = Instant::now();
    // Requirements that more people than could ever count in a group ask for are dropped
    // before any person's options are worked out: often that settles infeasibility at once.
    let reach = bundles::reach(ctx);
    let reachable = |r: &requirements::Requirement| r.iter().all(|(&g, &c)| reach[g] >= c);
    if ctx.scenario.goal == Goal::MaxPoints {
        return best_value(ctx, targets, &reachable, deadlines, started, effort);
    }
    let mut combos = requirements::combined(ctx, targets).map_err(SolveError::Rules)?;
    combos.retain(reachable);
    if combos.is_empty() {
        effort.build += started.elapsed();
        return Ok(None);
    }
    let most = requirements::most_people(&combos);
    // A first enumeration on a short leash: most scenarios finish it, and are solved as
    // they are. When it is cut short, the plan it yields and the prices of its bound
    // restrict a second, complete enumeration to the options a better plan could use.
    let probe_until = deadlines.build.min(started + deadlines.probe);
    let situations = bundles::Situations::of(ctx, most);
    let probe = situations.people(Some(probe_until), None);
    effort.build += started.elapsed();
    let programs = Programs::new(ctx, &probe.people, probe.complete, deadlines.search);
    let first = cheapest_plan(&programs, combos.clone(), &mut effort.nodes);
    if probe.complete {
        return first;
    }
    let incumbent = match first {
        Ok(Some(solved)) if !solved.prices.is_empty() => solved,
        // No plan (or no prices) from the probe: enumerate everything up to the deadline.
        _ => {
            let restart = Instant::now();
            let people = situations.people(Some(deadlines.build), None);
            effort.build += restart.elapsed();
            let programs = Programs::new(ctx, &people.people, people.complete, deadlines.search);
            return cheapest_plan(&programs, combos, &mut effort.nodes);
        }
    };
    let restart = Instant::now();
    let hours = ctx.scenario.objective == Objective::Hours;
    let value = if hours { incumbent.hours } else { incumbent.cost };
    let base: Vec<f64> =
        (0..ctx.groups.len()).map(|g| probe.people.iter().filter(|p| p.base >> g & 1 == 1).count() as f64).collect();
    let (pricing, bound) =
        better_prices(&situations, &combos, &base, value, incumbent.prices.clone(), hours, deadlines.build);
    // A bound is never above a plan's value; rounding must not make the limit below shrink.
    let bound = bound.min(value);
    let least_worth = least_worth(&combos, &base, &pricing.prices).0;
    // Options are enumerated for plans up to `limit`, starting just above the bound: when
    // the best plan among them is within `limit`, it is optimal (every better plan's options
    // are there); otherwise `limit` grows towards the probe's plan, which always qualifies.
    let mut limit = bound.max(0.0) + (value - bound.max(0.0)) / params::FIRST_LIMIT_DIVISOR;
    effort.build += restart.elapsed();
    loop {
        let restart = Instant::now();
        let allowance = |total_surplus: f64| limit - least_worth + total_surplus;
        let people = situations.people(Some(deadlines.build), Some((&pricing, &allowance)));
        effort.build += restart.elapsed();
        if !people.complete {
            return Ok(Some(incumbent));
        }
        let programs = Programs::new(ctx, &people.people, true, deadlines.search);
        let solved = cheapest_plan(&programs, combos.clone(), &mut effort.nodes)?;
        let tolerance = params::IMPROVEMENT * value.abs().max(1.0);
        match solved {
            Some(solved) if (if hours { solved.hours } else { solved.cost }) <= limit + tolerance => {
                return Ok(Some(solved))
            }
            _ if limit >= value => {
                return Err(SolveError::Solver("the priced enumeration lost the probe's plan".into()))
            }
            _ => limit = (bound + 2.0 * (limit - bound)).min(value),
        }
    }
}

/// The least, over the requirements, of what `prices` make the people still missing worth
/// (`Σ_g π_g·(r_g − base_g)`), with a requirement that reaches it.
fn least_worth<'r>(
    combos: &'r [requirements::Requirement],
    base: &[f64],
    prices: &[f64],
) -> (f64, Option<&'r requirements::Requirement>) {
    combos
        .iter()
        .map(|r| (r.iter().map(|(&g, &n)| prices[g] * (f64::from(n) - base[g])).sum::<f64>(), Some(r)))
        .fold((f64::INFINITY, None), |a, b| if b.0 < a.0 { b } else { a })
}

/// Raises the Lagrangian bound `min_r Σ_g π_g·(r_g − base_g) − Σ_p μ_p` of `start`'s prices
/// by subgradient steps aimed at `target` (a known plan's value), and returns the prices of
/// the best bound, with that bound: the closer it is to `target`, the fewer options the
/// priced enumeration keeps. Any prices give a valid bound, so stopping anywhere is safe.
fn better_prices(
    situations: &bundles::Situations,
    combos: &[requirements::Requirement],
    base: &[f64],
    target: f64,
    start: Vec<f64>,
    hours: bool,
    deadline: Instant,
) -> (bundles::Pricing, f64) {
    let mut pricing = bundles::Pricing { prices: start, hours };
    let mut best = (f64::NEG_INFINITY, pricing.prices.clone());
    // Polyak steps towards the target, halved whenever two in a row bring no better bound.
    let (mut scale, mut stalled) = (1.0, 0);
    for _ in 0..params::SUBGRADIENT_STEPS {
        if Instant::now() >= deadline {
            break;
        }
        let surplus = situations.surplus(&pricing, Some(deadline));
        let (worth, Some(requirement)) = least_worth(combos, base, &pricing.prices) else { break };
        let bound = worth - surplus.total;
        if bound > best.0 {
            best = (bound, pricing.prices.clone());
            stalled = 0;
        } else {
            stalled += 1;
            if stalled == 2 {
                scale /= 2.0;
                stalled = 0;
            }
        }
        let step: Vec<f64> = (0..base.len())
            .map(|g| f64::from(requirement.get(&g).copied().unwrap_or(0)) - base[g] - surplus.adds[g])
            .collect();
        let norm: f64 = step.iter().map(|x| x * x).sum();
        if norm <= 0.0 || target - bound <= params::SUBGRADIENT_GAP * target.abs().max(1.0) {
            break;
        }
        let size = scale * (target - bound) / norm;
        for (p, d) in pricing.prices.iter_mut().zip(&step) {
            *p = (*p + size * d).max(0.0);
        }
    }
    (bundles::Pricing { prices: best.1, hours }, best.0)
}

/// For `max-points`: the best value level (qualifying targets, then points) that some plan
/// within the budget reaches, and the cheapest plan reaching it.
fn best_value(
    ctx: &Context,
    targets: &[TargetTracks],
    reachable: &dyn Fn(&requirements::Requirement) -> bool,
    deadlines: Deadlines,
    started: Instant,
    effort: &mut Effort,
) -> Result<Option<Solved>, SolveError> {
    let valued = requirements::by_value(ctx, targets).map_err(SolveError::Rules)?;
    let most = requirements::most_people(valued.iter().map(|v| &v.0));
    let people = bundles::people_until(ctx, most, Some(deadlines.build));
    effort.build += started.elapsed();
    let programs = Programs::new(ctx, &people.people, people.complete, deadlines.search);
    let same = |a: &requirements::Valued, b: &requirements::Valued| {
        a.1 == b.1 && (a.2 - b.2).abs() <= params::POINTS_TOLERANCE
    };
    let mut from = 0;
    while from < valued.len() {
        let to = from + valued[from..].iter().take_while(|v| same(v, &valued[from])).count();
        let level: Vec<requirements::Requirement> =
            valued[from..to].iter().map(|v| v.0.clone()).filter(|r| reachable(r)).collect();
        if !level.is_empty() {
            if let Some(solved) = cheapest_plan(&programs, level, &mut effort.nodes)? {
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
    programs: &Programs,
    combos: Vec<requirements::Requirement>,
    nodes: &mut u64,
) -> Result<Option<Solved>, SolveError> {
    let ctx = programs.ctx;
    let (first, second) = match ctx.scenario.objective {
        Objective::Hours => (Minimise::Hours, Minimise::Cost),
        Objective::Cost | Objective::Quarters => (Minimise::Cost, Minimise::Hours),
    };
    let candidates = candidates(ctx, programs.people, combos, first);
    let refs: Vec<&Candidate> = candidates.iter().collect();
    let search = minimise(programs, &refs, first, None, None, nodes)?;
    let Some((found_at, one)) = &search.best else {
        // Without every option, "no plan" is only proven when no requirement can be covered
        // even person by person.
        return if programs.complete || candidates.is_empty() { Ok(None) } else { Err(SolveError::TimeLimit) };
    };
    // Tie-break among plans optimal for the first objective, over every requirement whose
    // bounds reach that optimum.
    let optimum = one.value;
    let slack = params::TIE_BREAK_SLACK * optimum.abs().max(1.0);
    let ties: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.quick <= optimum + slack)
        .filter(|c| programs.bound(c, first, Some(optimum + slack)).value <= optimum + slack)
        .collect();
    // The optimum found is where the tie-break starts: with it as the incumbent, requirements
    // whose bound on the second objective cannot beat it are skipped, and the programs
    // solved only look for something strictly better.
    let found = &candidates[*found_at];
    let seed = ties.iter().position(|c| std::ptr::eq(*c, found)).map(|at| {
        let value = programs.shape(found).total(&one.takes, second);
        (at, columns::Solved { value, ..one.clone() })
    });
    let tie_search = minimise(programs, &ties, second, Some((first, optimum + slack)), seed, nodes)?;
    let (candidate, best) = match tie_search.best {
        Some((i, r)) => (ties[i], r),
        None => {
            let (i, r) = search.best.expect("checked above");
            (&candidates[i], r)
        }
    };
    let status = if search.proven && tie_search.proven && programs.complete {
        Status::Optimal
    } else {
        // With options cut short only the quick bounds, read off single units, still hold.
        let open = if programs.complete { search.open_bound } else { candidates.first().map(|c| c.quick) };
        let lower = open.unwrap_or(optimum).min(optimum);
        Status::Feasible { gap: Some(if optimum.abs() > 0.0 { (optimum - lower) / optimum.abs() } else { 0.0 }) }
    };
    let plan = extract(programs.people, &programs.shape(candidate), &best.takes)?;
    let plan = drop_unneeded(ctx, plan);
    let (cost, hours) = check::totals(ctx.catalog, ctx.org, ctx.scenario, &plan);
    let points = programs.points.borrow();
    let point = points.get(&candidate.mask()).and_then(|list| list.last());
    let prices = point.map_or_else(Vec::new, |p| p.per_group(ctx.groups.len()));
    Ok(Some(Solved { plan, cost, hours, status, prices }))
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
            Some(Candidate { requirement, quick, bound: OnceCell::new() })
        })
        .collect();
    out.sort_by(|a, b| a.quick.total_cmp(&b.quick));
    out
}

/// Solves candidates in order of quick bound, keeping the best; a candidate whose bound
/// (quick, then column generation) cannot beat the best so far is skipped, and once the
/// quick bound cannot, neither can any later one. (Quick bounds are on the first
/// objective; in a tie-break search, `hold` keeps that objective at its optimum, and each
/// candidate is bounded on the second objective instead.)
fn minimise(
    programs: &Programs,
    candidates: &[&Candidate],
    what: Minimise,
    hold: Option<(Minimise, f64)>,
    seed: Option<(usize, columns::Solved)>,
    nodes: &mut u64,
) -> Result<Search, SolveError> {
    let ctx = programs.ctx;
    let sides = programs.sides(hold);
    let mut search = Search { best: seed, proven: true, open_bound: None };
    for (i, c) in candidates.iter().enumerate() {
        let incumbent = search.best.as_ref().map(|(_, r)| r.value);
        // Only a plan better by more than the contract's tolerance replaces the incumbent:
        // programs look for one below this cutoff (a relaxation at the incumbent's value
        // then proves at its root that there is none), and bounds reaching it prune.
        let cutoff = incumbent.map(|v| v - params::IMPROVEMENT * v.abs().max(1.0));
        let beaten = |bound: f64| cutoff.is_some_and(|u| bound >= u);
        if hold.is_none() && beaten(c.quick) {
            break;
        }
        if hold.is_none_or(|(m, _)| m == Minimise::Cost)
            && ctx.budget().is_some_and(|b| c.quick > b + params::BUDGET_TOLERANCE)
        {
            continue;
        }
        if Instant::now() >= programs.deadline && search.best.is_some() {
            search.proven = false;
            let rest = candidates[i..].iter().map(|c| c.bound.get().map_or(c.quick, |b| b.value.max(c.quick)));
            let lower = rest.fold(f64::INFINITY, f64::min);
            search.open_bound = Some(search.open_bound.map_or(lower, |b: f64| b.min(lower)));
            break;
        }
        let shape = programs.shape(c);
        let mut program = Program::new(&shape, &c.counts());
        let bound = match hold {
            None => programs.bound(c, what, cutoff),
            Some((held, limit)) => {
                let mut first = programs.bound(c, held, None);
                if !first.has_prices() {
                    first = program.bound(held, &programs.sides(None), None, programs.deadline);
                }
                program.restrict(held, &programs.sides(None), &first, limit);
                program.bound(what, &sides, cutoff, programs.deadline)
            }
        };
        if beaten(bound.value) {
            continue;
        }
        let Some(result) = program.solve(what, &sides, &bound, cutoff, programs.deadline)? else { continue };
        *nodes += result.nodes;
        if !result.proven {
            search.proven = false;
            let lower = result.gap.map_or(bound.value, |g| result.value * (1.0 - g)).max(bound.value);
            search.open_bound = Some(search.open_bound.map_or(lower, |b: f64| b.min(lower)));
        }
        if incumbent.is_none_or(|v| result.value < v) {
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
    let refs: Vec<&Candidate> = candidates.iter().collect();
    let mut nodes = 0;
    let search = minimise(&Programs::new(ctx, people, true, deadline), &refs, Minimise::Cost, None, None, &mut nodes)?;
    Ok(search.best.map(|(_, r)| r.value))
}

/// Builds and solves one integer program over the given columns, minimising `what` within
/// the side constraints and, when given, no worse than `cutoff`.
#[allow(clippy::too_many_arguments)]
fn run(
    shape: &Shape,
    needs: &[(usize, f64)],
    columns: &[(usize, usize)],
    what: Minimise,
    sides: &[Side],
    cutoff: Option<f64>,
    deadline: Instant,
) -> Result<Option<columns::Solved>, SolveError> {
    let f = formulation::build(shape, needs, columns);
    let pick = |m: Minimise| if m == Minimise::Cost { f.cost.clone() } else { f.hours.clone() };
    let objective = pick(what);
    let mut constraints = f.constraints;
    for side in sides {
        constraints.push(pick(side.what).leq(side.limit));
    }
    if let Some(value) = cutoff {
        constraints.push(objective.clone().leq(value));
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
        let r = x.round();
        if (x - r).abs() > params::INTEGRALITY {
            return Err(SolveError::Solver(format!("an integer variable came back as {x}")));
        }
        if r > 0.0 {
            takes.push((k, o, r as i64));
        }
    }
    let value = objective.eval_with(&solution);
    let inner = solution.into_inner();
    let nodes = inner.stats().nodes_solved as u64;
    let gap = if proven { None } else { inner.gap() };
    Ok(Some(columns::Solved { takes, value, proven, gap, nodes }))
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
        let class = &shape.classes[k];
        for _ in 0..count {
            let Some(&member) = class.members.get(next_member[k]) else {
                return Err(SolveError::Solver(format!("class {k} was given more choices than it has people")));
            };
            actions.extend(people[member].actions(class.choice_of[next_member[k]][pos]));
            next_member[k] += 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{organisation, scenario, OrgSpec};
    use crate::io::bundled_inputs;

    /// The optimum's cost and hours with the people `all_people` keeps for `max_used`.
    fn optimum(inputs: &Inputs, scenario: &Scenario, max_used: Option<usize>) -> Option<(f64, f64)> {
        let ctx = Context::new(inputs, scenario, scenario.deadline).unwrap();
        let targets = ctx.target_tracks().ok()?;
        let combos = requirements::combined(&ctx, &targets).unwrap();
        let people = bundles::all_people(&ctx, max_used.unwrap_or_else(|| requirements::most_people(&combos)));
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        let solved = cheapest_plan(&Programs::new(&ctx, &people, true, deadline), combos, &mut 0).unwrap()?;
        assert_eq!(solved.status, Status::Optimal);
        Some((solved.cost, solved.hours))
    }

    /// Leaving out dominated people and enumerating delegable certifications alone must not
    /// change the optimum: compared with the same search over everyone and every
    /// combination, on organisations large enough for both reductions to apply.
    #[test]
    fn reductions_keep_the_optimum() {
        let base = bundled_inputs().unwrap();
        let today = Date::parse("2026-11-26").unwrap();
        // (targets, people, quarters, time costed, objective)
        let cases: [(&[&str], usize, u32, bool, Objective); 11] = [
            (&["infrastructure", "digital-app-innovation"], 12, 1, true, Objective::Cost),
            (&["security", "infrastructure"], 10, 2, true, Objective::Cost),
            (&["data-ai", "digital-app-innovation"], 14, 1, false, Objective::Cost),
            (&["infrastructure"], 60, 2, true, Objective::Cost),
            (&["security"], 40, 1, true, Objective::Cost),
            (&["data-ai"], 80, 2, true, Objective::Cost),
            (&["digital-app-innovation", "infrastructure"], 50, 2, true, Objective::Cost),
            (&["infrastructure", "security"], 70, 3, false, Objective::Cost),
            (&["business-applications"], 45, 2, false, Objective::Cost),
            (&["security", "infrastructure"], 12, 2, true, Objective::Hours),
            (&["infrastructure", "data-ai"], 60, 2, true, Objective::Hours),
        ];
        let (mut fewer_people, mut fewer_options) = (false, false);
        for (seed, (targets, people, quarters, time_costed, objective)) in cases.into_iter().enumerate() {
            let mut inputs = base.clone();
            inputs.org = organisation(&inputs.catalog, &inputs.rules, &OrgSpec { people, seed: seed as u64, today });
            let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
            let mut sc = scenario(&targets, Quarter::parse("2026-Q4").unwrap(), quarters);
            sc.count_time_cost = time_costed;
            sc.objective = objective;
            let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
            let combos = requirements::combined(&ctx, &ctx.target_tracks().unwrap()).unwrap();
            let everyone = bundles::all_people(&ctx, usize::MAX);
            let kept = bundles::all_people(&ctx, requirements::most_people(&combos));
            fewer_people |= kept.len() < everyone.len();
            fewer_options |= kept
                .iter()
                .any(|p| everyone.iter().any(|q| q.employee == p.employee && q.choices.len() > p.choices.len()));
            let (full, reduced) = (optimum(&inputs, &sc, Some(usize::MAX)), optimum(&inputs, &sc, None));
            let (Some(full), Some(reduced)) = (full, reduced) else {
                assert_eq!(full.is_some(), reduced.is_some(), "case {seed}: feasibility differs");
                continue;
            };
            assert!((full.0 - reduced.0).abs() <= 1e-6 * full.0.max(1.0), "case {seed}: cost {full:?} vs {reduced:?}");
            assert!((full.1 - reduced.1).abs() <= 1e-6 * full.1.max(1.0), "case {seed}: hours {full:?} vs {reduced:?}");
        }
        assert!(fewer_people && fewer_options, "the cases must exercise both reductions");
    }
}
