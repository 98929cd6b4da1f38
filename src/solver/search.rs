//! The search over requirements for one objective: each requirement a candidate with a
//! quick bound and, on first use, a column-generation bound; candidates solved in order of
//! bound against the incumbent until no later one can beat it; then the tie-break.

use super::bundles::{base_counts, Mask, PersonChoices};
use super::columns::{self, Program};
use super::context::{Context, TargetTracks};
use super::extract::{drop_unneeded, extract};
use super::formulation::{Answer, Minimise, Shape, Side};
use super::outcome::{SolveError, Status};
use super::prices::Lagrangian;
use super::{params, requirements};
use crate::model::{cost, Objective, Plan};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// One solved evaluation quarter.
pub(crate) struct Solved {
    pub(crate) plan: Plan,
    pub(crate) cost: f64,
    pub(crate) hours: f64,
    pub(crate) status: Status,
    /// The prices of the bound of the requirement that gave the plan, per group (empty when
    /// no program was solved).
    pub(crate) prices: Vec<f64>,
}

/// A requirement, with its dual bound worked out on first use.
struct Candidate {
    requirement: requirements::Requirement,
    /// A quick lower bound on the first objective: for each group, the cheapest way to get
    /// the people it needs, ignoring that one person may serve several groups; with
    /// [`Programs::floor`], that bound instead when it is higher.
    quick: f64,
    /// The column-generation bound on the first objective (with the budget), once computed.
    bound: OnceCell<columns::Bound>,
}

impl Candidate {
    /// The groups it names.
    fn mask(&self) -> Mask {
        self.requirement.keys().copied().collect()
    }

    fn counts(&self) -> Vec<(usize, u32)> {
        self.requirement.iter().map(|(&g, &r)| (g, r)).collect()
    }
}

/// What every requirement's program is built from: people's choices and, per set of
/// required groups, their shape (worked out once, shared by every requirement over the
/// same groups).
pub(crate) struct Programs<'a> {
    ctx: &'a Context<'a>,
    people: &'a [PersonChoices],
    /// Whether `people` hold every option (see [`bundles::People::complete`]): only then do
    /// the programs' bounds prove anything beyond their own options.
    complete: bool,
    /// Prices whose Lagrangian bounds every requirement over everyone's options, from the
    /// priced enumeration: far closer to the optimum than the quick bounds, so candidates
    /// are solved best first and most are pruned without a program of their own.
    floor: Option<Lagrangian<'a>>,
    shapes: RefCell<HashMap<Mask, Rc<Shape>>>,
    /// Per shape: the prices of bounds found so far (first objective, with the budget).
    points: RefCell<HashMap<Mask, Vec<columns::PricePoint>>>,
    deadline: Instant,
}

impl<'a> Programs<'a> {
    pub(crate) fn new(
        ctx: &'a Context<'a>,
        people: &'a [PersonChoices],
        complete: bool,
        deadline: Instant,
    ) -> Programs<'a> {
        Programs {
            ctx,
            people,
            complete,
            floor: None,
            shapes: RefCell::default(),
            points: RefCell::default(),
            deadline,
        }
    }

    /// The same programs, with `floor` bounding every requirement (see [`Programs::floor`]).
    pub(crate) fn with_floor(self, floor: Lagrangian<'a>) -> Programs<'a> {
        Programs { floor: Some(floor), ..self }
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
    best: Option<(usize, Answer)>,
    /// Whether every candidate was either solved to optimality or pruned by a bound.
    proven: bool,
    /// The smallest bound among candidates left unresolved by a limit.
    open_bound: Option<f64>,
}

impl Search {
    /// Records `lower` as a bound on what an unresolved candidate could reach.
    fn open(&mut self, lower: f64) {
        self.open_bound = Some(self.open_bound.map_or(lower, |b| b.min(lower)));
    }

    /// Stops with `rest` unresolved: the search proves nothing, and a plan better than the
    /// one found could reach down to the smallest of their bounds (and `floor`).
    fn leave_open(&mut self, rest: &[&Candidate], floor: f64) {
        self.proven = false;
        self.open(rest.iter().map(|c| c.bound.get().map_or(c.quick, |b| b.value.max(c.quick))).fold(floor, f64::min));
    }
}

/// The cheapest plan (then fewest hours; for `hours`, the reverse) meeting one of `combos`.
///
/// With a `ceiling` (a plan known elsewhere whose first objective is that), only plans at
/// most that good are looked for: every requirement whose bound exceeds it is pruned before
/// its program is solved, `Ok(None)` says that none is, and a time limit that stops the
/// search before it is settled is `Err(TimeLimit)` (the known plan is then the answer).
pub(crate) fn cheapest_plan(
    programs: &Programs,
    combos: Vec<requirements::Requirement>,
    ceiling: Option<f64>,
    nodes: &mut u64,
) -> Result<Option<Solved>, SolveError> {
    let ctx = programs.ctx;
    let (first, second) = match ctx.scenario.objective {
        Objective::Hours => (Minimise::Hours, Minimise::Cost),
        Objective::Cost | Objective::Quarters => (Minimise::Cost, Minimise::Hours),
    };
    let candidates = candidates(ctx, programs.people, combos, first, programs.floor.as_ref());
    let refs: Vec<&Candidate> = candidates.iter().collect();
    let search = minimise(programs, &refs, first, None, None, ceiling, nodes)?;
    let Some((found_at, one)) = &search.best else {
        // Without every option, "no plan" is only proven when no requirement can be covered
        // even person by person.
        let settled = search.proven && (programs.complete || candidates.is_empty());
        return if settled { Ok(None) } else { Err(SolveError::TimeLimit) };
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
        (at, Answer { value, ..one.clone() })
    });
    let tie_search = minimise(programs, &ties, second, Some((first, optimum + slack)), seed, None, nodes)?;
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
        // With options cut short only the quick bounds (from single units, or from prices
        // priced over everyone's options) still hold.
        let open = if programs.complete { search.open_bound } else { candidates.first().map(|c| c.quick) };
        let lower = open.unwrap_or(optimum).min(optimum);
        Status::Feasible { gap: Some(if optimum.abs() > 0.0 { (optimum - lower) / optimum.abs() } else { 0.0 }) }
    };
    let plan = extract(programs.people, &programs.shape(candidate), &best.takes)?;
    let plan = drop_unneeded(ctx, plan);
    let (cost, hours) = cost::totals(ctx.inputs, ctx.scenario, &plan);
    let points = programs.points.borrow();
    let point = points.get(&candidate.mask()).and_then(|list| list.last());
    let prices = point.map_or_else(Vec::new, |p| p.per_group(ctx.groups.len()));
    Ok(Some(Solved { plan, cost, hours, status, prices }))
}

/// The combined requirements with their quick bounds (the higher of the cheapest people per
/// group and `floor`'s), in order of that bound; those that cannot be covered at all are
/// dropped.
fn candidates(
    ctx: &Context,
    people: &[PersonChoices],
    combos: Vec<requirements::Requirement>,
    what: Minimise,
    floor: Option<&Lagrangian>,
) -> Vec<Candidate> {
    // Per group: the cheapest option of each person who does not count there already.
    let mut per_group: Vec<Vec<f64>> = vec![Vec::new(); ctx.groups.len()];
    for p in people {
        for (g, list) in per_group.iter_mut().enumerate() {
            if p.base.has(g) {
                continue;
            }
            let cheapest = p
                .choices
                .iter()
                .filter(|c| c.mask.has(g))
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
    let base = base_counts(people, ctx.groups.len());
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
            if let Some(floor) = floor {
                quick = quick.max(floor.bound(&requirement, params::IMPROVEMENT));
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
/// candidate is bounded on the second objective instead.) Until a plan is found, `ceiling`
/// (see [`cheapest_plan`]) stands in for the incumbent's cutoff.
fn minimise(
    programs: &Programs,
    candidates: &[&Candidate],
    what: Minimise,
    hold: Option<(Minimise, f64)>,
    seed: Option<(usize, Answer)>,
    ceiling: Option<f64>,
    nodes: &mut u64,
) -> Result<Search, SolveError> {
    let ctx = programs.ctx;
    let sides = programs.sides(hold);
    let mut search = Search { best: seed, proven: true, open_bound: None };
    let ceiling = ceiling.map(|v| v + params::IMPROVEMENT * v.abs().max(1.0));
    for (i, c) in candidates.iter().enumerate() {
        let incumbent = search.best.as_ref().map(|(_, r)| r.value);
        // Only a plan better by more than the contract's tolerance replaces the incumbent:
        // programs look for one below this cutoff (a relaxation at the incumbent's value
        // then proves at its root that there is none), and bounds reaching it prune.
        let cutoff = incumbent.map(|v| v - params::IMPROVEMENT * v.abs().max(1.0)).or(ceiling);
        let beaten = |bound: f64| cutoff.is_some_and(|u| bound >= u);
        if hold.is_none() && beaten(c.quick) {
            break;
        }
        // The quick bound is on the first objective: only a bound on cost says that a
        // candidate's plans all exceed the budget.
        let first = hold.map_or(what, |(held, _)| held);
        if first == Minimise::Cost && ctx.budget().is_some_and(|b| c.quick > b + params::BUDGET_TOLERANCE) {
            continue;
        }
        if Instant::now() >= programs.deadline && (search.best.is_some() || ceiling.is_some()) {
            search.leave_open(&candidates[i..], f64::INFINITY);
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
        let result = match program.solve(what, &sides, &bound, cutoff, programs.deadline) {
            Ok(Some(result)) => result,
            Ok(None) => continue,
            // Out of time with nothing found: this candidate and the rest stay open.
            Err(SolveError::TimeLimit) => {
                search.leave_open(&candidates[i..], bound.value);
                break;
            }
            Err(e) => return Err(e),
        };
        *nodes += result.nodes;
        if !result.proven {
            search.proven = false;
            search.open(result.gap.map_or(bound.value, |g| result.value * (1.0 - g)).max(bound.value));
        }
        if incumbent.is_none_or(|v| result.value < v) {
            search.best = Some((i, result));
        }
    }
    Ok(search)
}

/// The least cost (or hours, by `what`) meeting `targets` in `ctx` with `people`'s choices,
/// or `None` when no plan does (used to explain infeasibility, and to test the reductions);
/// `Err(TimeLimit)` when the deadline struck before any program was settled.
pub fn cheapest(
    ctx: &Context,
    people: &[PersonChoices],
    targets: &[TargetTracks],
    what: Minimise,
    deadline: Instant,
) -> Result<Option<f64>, SolveError> {
    let combos = requirements::combined(ctx, targets).map_err(SolveError::Rules)?;
    let candidates = candidates(ctx, people, combos, what, None);
    let refs: Vec<&Candidate> = candidates.iter().collect();
    let mut nodes = 0;
    let search = minimise(&Programs::new(ctx, people, true, deadline), &refs, what, None, None, None, &mut nodes)?;
    match search.best {
        Some((_, r)) => Ok(Some(r.value)),
        // Stopped by the limit before any program settled: "no plan" would be a guess.
        None if !search.proven => Err(SolveError::TimeLimit),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::bundles::all_people;
    use crate::solver::testkit::*;
    use std::time::Duration;

    fn search(
        objective: Objective,
        budget: Option<f64>,
        ceiling: Option<f64>,
        time: Duration,
    ) -> Result<Option<Solved>, SolveError> {
        let inputs = overlapping();
        let mut sc = scenario("2027-Q2");
        sc.objective = objective;
        sc.budget = budget;
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let combos = requirements::combined(&ctx, &ctx.target_tracks().unwrap()).unwrap();
        let people = all_people(&ctx, requirements::most_people(&combos));
        let programs = Programs::new(&ctx, &people, true, Instant::now() + time);
        cheapest_plan(&programs, combos, ceiling, &mut 0)
    }

    fn solved(objective: Objective, budget: Option<f64>) -> Option<Solved> {
        search(objective, budget, None, Duration::from_secs(30)).unwrap()
    }

    #[test]
    fn the_cheapest_plan_then_the_fewest_hours() {
        // One A and one C: 350 and 40 hours (two A's and a B: 400, 40 hours).
        let best = solved(Objective::Cost, None).expect("feasible");
        assert_eq!((best.cost, best.hours, best.status), (350.0, 40.0, Status::Optimal));
        assert_eq!(best.plan.actions.len(), 2);
        // Fewest hours first: both plans take 40 hours, and the tie goes to the cheaper.
        let short = solved(Objective::Hours, None).expect("feasible");
        assert_eq!((short.cost, short.hours), (350.0, 40.0));
        assert!(!short.prices.is_empty(), "the bound's prices come with the plan");
    }

    #[test]
    fn a_ceiling_keeps_only_plans_at_most_that_good() {
        let far = Duration::from_secs(30);
        // The optimum, 350, is found under a ceiling at it, with its tie-break (40 hours) ...
        let at = search(Objective::Cost, None, Some(350.0), far).unwrap().expect("350 is within");
        assert_eq!((at.cost, at.hours, at.status), (350.0, 40.0, Status::Optimal));
        // ... and a ceiling below it leaves nothing, proven.
        assert!(search(Objective::Cost, None, Some(349.99), far).unwrap().is_none());
        // Out of time before anything is settled: not "no plan", but the time limit.
        let out = search(Objective::Cost, None, Some(350.0), Duration::ZERO);
        assert!(matches!(out, Err(SolveError::TimeLimit)), "{:?}", out.map(|s| s.map(|s| s.cost)));
        // Without a ceiling the search still ends in a plan, whatever the limit.
        let late = search(Objective::Cost, None, None, Duration::ZERO).unwrap().expect("a plan");
        assert_eq!(late.cost, 350.0);
    }

    #[test]
    fn a_budget_below_every_plan_leaves_none() {
        assert!(solved(Objective::Cost, Some(349.0)).is_none());
        assert!(solved(Objective::Cost, Some(350.0)).is_some());
    }
}
