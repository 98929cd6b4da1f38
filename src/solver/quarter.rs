//! One evaluation quarter: the goal's requirements, people's options (first on a short
//! leash, then priced so that only options a better plan could use are enumerated), and
//! the cheapest plan; for `max-points`, the best value level a plan reaches.

use super::bundles;
use super::context::{Context, TargetTracks};
use super::outcome::{SolveError, Status};
use super::prices::{best_prices, least_worth, Lagrangian, Prices, Start};
use super::search::{cheapest_plan, Programs, Solved};
use super::{params, requirements};
use crate::model::{goal, Goal, Objective, Plan, Quarter, Scenario};
use std::time::Instant;

/// What a solve spent, summed over its evaluation quarters.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Effort {
    pub(crate) nodes: u64,
    pub(crate) build: std::time::Duration,
}

/// The empty plan, proven optimal, when the goal holds without any action: nothing can cost
/// less, so neither people's options nor any program are worked out (an organisation of
/// thousands that already qualifies is answered at once). Not for `max-points`, whose
/// value a plan could still raise.
pub(crate) fn already_met(ctx: &Context) -> Option<Solved> {
    let empty = Plan::default();
    (ctx.scenario.goal != Goal::MaxPoints && goal::holds(ctx.inputs, ctx.scenario, &empty, ctx.last_quarter()))
        .then_some(Solved { plan: empty, cost: 0.0, hours: 0.0, status: Status::Optimal, prices: Vec::new() })
}

/// What a solve that found no plan at an evaluation quarter learnt on the way, so that
/// explaining why need not work it out again.
#[derive(Default)]
pub(crate) struct Findings {
    /// People's options, when enumerated in full.
    pub(crate) enumerated: Option<Enumerated>,
    /// The cheapest plan meeting the goal when it costs more than the budget.
    pub(crate) over_budget: Option<OverBudget>,
    /// Per group, how many people could count there at all ([`bundles::reach`]), with the
    /// evaluation quarter it was worked out for: for a small organisation's infeasible
    /// scenario, working it out again took a tenth of the answer's time.
    pub(crate) reach: Option<(Quarter, Vec<u32>)>,
}

/// People's options enumerated in full at one evaluation quarter for plans of up to
/// `max_used` people: explaining infeasibility needs the same enumeration, which on many
/// distinct people is most of an infeasible solve's work.
pub(crate) struct Enumerated {
    pub(crate) evaluation: Quarter,
    pub(crate) max_used: usize,
    pub(crate) people: Vec<bundles::PersonChoices>,
}

/// The cost of the cheapest plan meeting the goal at `evaluation`, above the budget;
/// `proven` when it is the optimum (else only a plan found within the time limit).
pub(crate) struct OverBudget {
    pub(crate) evaluation: Quarter,
    pub(crate) cost: f64,
    pub(crate) proven: bool,
}

/// When a solve stops enumerating people's options, and when it stops altogether.
#[derive(Clone, Copy)]
pub(crate) struct Deadlines {
    pub(crate) build: Instant,
    pub(crate) search: Instant,
    /// How long the first, unpriced enumeration may take (see [`solve_at`]).
    pub(crate) probe: std::time::Duration,
}

/// Solves at one evaluation quarter; `None` when infeasible there (then `findings` keeps
/// what explaining why can use).
///
/// A budget rules out the plans the priced enumeration would start from (the probe's),
/// and when set at the optimum, as advisors do to see what it buys, all of them: without a
/// plan to price from, everyone's options were enumerated in full, which on distinct people
/// never ends. So the plan without the budget comes first. For `cost` (and `quarters`,
/// whose plans are cheapest in their quarter) that settles it: the cheapest plan within a
/// budget is the cheapest plan, if it fits. For `hours` the plan with the fewest hours
/// settles it if it fits; otherwise the cheapest plan, when it fits, starts the search
/// within the budget. (Not for `max-points`, which raises points within the budget.)
pub(crate) fn solve_at(
    ctx: &Context,
    targets: &[TargetTracks],
    deadlines: Deadlines,
    effort: &mut Effort,
    findings: &mut Findings,
) -> Result<Option<Solved>, SolveError> {
    let Some(budget) = ctx.budget().filter(|_| ctx.scenario.goal != Goal::MaxPoints) else {
        return solve_from(ctx, targets, deadlines, effort, findings, None);
    };
    let within = |s: &Solved| s.cost <= budget + params::BUDGET_TOLERANCE;
    let Some(free) = solve_from(&ctx.without_budget(), targets, deadlines, effort, findings, None)? else {
        return Ok(None);
    };
    if within(&free) {
        return Ok(Some(free));
    }
    let hours = ctx.scenario.objective == Objective::Hours;
    let cheapest = if hours {
        let by_cost = Scenario { objective: Objective::Cost, ..ctx.scenario.clone() };
        let cost_ctx = Context::new(ctx.inputs, &by_cost, ctx.last_quarter())?.without_budget();
        solve_from(&cost_ctx, targets, deadlines, effort, findings, None)?
    } else {
        Some(free)
    };
    match cheapest {
        Some(cheapest) if within(&cheapest) => solve_from(ctx, targets, deadlines, effort, findings, Some(cheapest)),
        Some(cheapest) => {
            let proven = cheapest.status == Status::Optimal;
            let evaluation = ctx.last_quarter();
            findings.over_budget = Some(OverBudget { evaluation, cost: cheapest.cost, proven });
            if proven {
                return Ok(None);
            }
            // Cut short by the limit: a cheaper plan may fit, searched for as it is.
            solve_from(ctx, targets, deadlines, effort, findings, None)
        }
        None => Ok(None),
    }
}

/// [`solve_at`] without its budget's shortcut; `given`, a plan meeting every constraint
/// (budget included), starts the priced enumeration when the probe finds none better.
fn solve_from(
    ctx: &Context,
    targets: &[TargetTracks],
    deadlines: Deadlines,
    effort: &mut Effort,
    findings: &mut Findings,
    given: Option<Solved>,
) -> Result<Option<Solved>, SolveError> {
    let started = Instant::now();
    // Requirements that more people than could ever count in a group ask for are dropped
    // before any person's options are worked out: often that settles infeasibility at once.
    let reach = bundles::reach(ctx);
    findings.reach = Some((ctx.last_quarter(), reach.clone()));
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
    let situations = bundles::Situations::of(ctx, most);
    // Many distinct people are never enumerated in full in time: there the probe's partial
    // work only delays the priced way, so it gets a far shorter leash.
    let leash = if situations.firsts().count() <= params::FEW_SITUATIONS {
        deadlines.probe
    } else {
        deadlines.probe.min(std::time::Duration::from_secs_f64(params::MANY_SITUATIONS_PROBE_SECONDS))
    };
    let probe_until = deadlines.build.min(started + leash);
    let probe = situations.people(Some(probe_until), None);
    effort.build += started.elapsed();
    // A probe cut short only gives the priced way its start (a plan and its prices): its
    // search stops at the first plan found after a short leash too, instead of proving
    // which of its requirements is best over options that are not all there.
    let probe_search = if probe.complete {
        deadlines.search
    } else {
        deadlines.search.min(Instant::now() + std::time::Duration::from_secs_f64(params::PROBE_SEARCH_SECONDS))
    };
    let programs = Programs::new(ctx, &probe.people, probe.complete, probe_search);
    let hours = ctx.scenario.objective == Objective::Hours;
    let value_of = |solved: &Solved| if hours { solved.hours } else { solved.cost };
    // A given plan is the one to beat: requirements whose bounds exceed it are not solved.
    let first = cheapest_plan(&programs, combos.clone(), given.as_ref().map(value_of), &mut effort.nodes);
    let keep = |findings: &mut Findings, people| {
        findings.enumerated = Some(Enumerated { evaluation: ctx.last_quarter(), max_used: most, people });
    };
    if probe.complete {
        return match (first, given) {
            // Every option was there and none beats the given plan: it is optimal.
            (Ok(None), Some(given)) => Ok(Some(Solved { status: Status::Optimal, ..given })),
            (Err(SolveError::TimeLimit), Some(given)) => {
                Ok(Some(Solved { status: Status::Feasible { gap: None }, ..given }))
            }
            (Ok(None), None) => {
                keep(findings, probe.people);
                Ok(None)
            }
            (first, _) => first,
        };
    }
    let incumbent = match (first, given) {
        (Ok(Some(solved)), given) if !solved.prices.is_empty() => match given {
            // The given plan, priced at the probe's prices, when it is the better start.
            Some(given) if value_of(&given) < value_of(&solved) => Solved { prices: solved.prices, ..given },
            _ => solved,
        },
        (_, Some(given)) => {
            let prices =
                if given.prices.len() == ctx.groups.len() { given.prices } else { vec![0.0; ctx.groups.len()] };
            Solved { prices, ..given }
        }
        // No plan (or no prices) from the probe: enumerate everything up to the deadline.
        _ => {
            let restart = Instant::now();
            let people = situations.people(Some(deadlines.build), None);
            effort.build += restart.elapsed();
            let programs = Programs::new(ctx, &people.people, people.complete, deadlines.search);
            let solved = cheapest_plan(&programs, combos, None, &mut effort.nodes);
            if matches!(solved, Ok(None)) && people.complete {
                keep(findings, people.people);
            }
            return solved;
        }
    };
    let restart = Instant::now();
    let value = value_of(&incumbent);
    let base: Vec<f64> = bundles::base_counts(&probe.people, ctx.groups.len()).into_iter().map(f64::from).collect();
    let start = Start {
        combos: &combos,
        base: &base,
        people: &probe.people,
        pricing: bundles::Pricing { prices: incumbent.prices.clone(), hours },
        target: value,
    };
    // After half the time left for enumerating, column generation takes no new round: a
    // plan from a priced round, even one cut short, is what a run stopped by its limit has
    // to show. (Its first round may take until the end: without prices there is no round.)
    let halfway = restart + deadlines.build.saturating_duration_since(restart) / 2;
    let prices = best_prices(&situations, &start, halfway, deadlines.build);
    effort.build += restart.elapsed();
    // Without prices in time, the probe's plan is the answer, with the probe's own gap.
    let Some(Prices { pricing, surplus, bound }) = prices else { return Ok(Some(incumbent)) };
    // A bound is never above a plan's value; rounding must not make the limit below shrink.
    let bound = bound.min(value).max(0.0);
    let least_worth = least_worth(&combos, &base, &pricing.prices).0;
    // Options are enumerated for plans up to `limit`, starting just above the bound: when
    // the best plan among them is within `limit`, it is optimal (every better plan's options
    // are there). Otherwise `limit` doubles its distance to the bound, or when that search
    // found a plan above `limit`, moves to that plan's value at once (found plans are mostly
    // near the optimum), never beyond the best plan known, which always qualifies.
    //
    // Each search looks only for plans no worse than the best known (its `ceiling`), so the
    // requirements whose bounds exceed that, often most of them, are pruned unsolved.
    let mut best = incumbent;
    let mut limit = bound + (value - bound) / params::FIRST_LIMIT_DIVISOR;
    let stopped = |best: Solved| {
        let v = value_of(&best);
        let gap = if v > 0.0 { (v - bound) / v } else { 0.0 };
        Solved { status: Status::Feasible { gap: Some(gap) }, ..best }
    };
    loop {
        let restart = Instant::now();
        let cut = bundles::Cut { pricing: &pricing, surplus: &surplus, slack: limit - least_worth };
        let people = situations.people(Some(deadlines.build), Some(cut));
        effort.build += restart.elapsed();
        let ceiling = Some(value_of(&best));
        let floor = || Lagrangian { base: &base, prices: &pricing.prices, surplus: surplus.total };
        if !people.complete {
            // The options found are real: their best plan may beat the best known.
            let programs = Programs::new(ctx, &people.people, false, deadlines.search).with_floor(floor());
            if let Ok(Some(found)) = cheapest_plan(&programs, combos.clone(), ceiling, &mut effort.nodes) {
                if value_of(&found) < value_of(&best) {
                    best = found;
                }
            }
            return Ok(Some(stopped(best)));
        }
        let programs = Programs::new(ctx, &people.people, true, deadlines.search).with_floor(floor());
        let solved = match cheapest_plan(&programs, combos.clone(), ceiling, &mut effort.nodes) {
            // The limit struck before the search settled anything: the best known stands.
            Err(SolveError::TimeLimit) => return Ok(Some(stopped(best))),
            other => other?,
        };
        let tolerance = params::IMPROVEMENT * value.abs().max(1.0);
        if limit >= value_of(&best) - tolerance {
            // Every option of every plan up to the best known was there.
            return match solved {
                Some(solved) if value_of(&solved) <= limit + tolerance => Ok(Some(solved)),
                _ => Err(SolveError::Solver("the priced enumeration lost the best plan known".into())),
            };
        }
        match solved {
            Some(solved) if value_of(&solved) <= limit + tolerance => return Ok(Some(solved)),
            Some(solved) => {
                limit = value_of(&solved).min(value_of(&best));
                if value_of(&solved) < value_of(&best) {
                    best = solved;
                }
            }
            None => limit = (bound + 2.0 * (limit - bound)).min(value_of(&best)),
        }
    }
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
    let most = requirements::most_people(valued.iter().map(|v| &v.requirement));
    let people = bundles::people_until(ctx, most, Some(deadlines.build));
    effort.build += started.elapsed();
    let programs = Programs::new(ctx, &people.people, people.complete, deadlines.search);
    let mut from = 0;
    while from < valued.len() {
        let to = from + valued[from..].iter().take_while(|v| v.same_level(&valued[from])).count();
        let level: Vec<requirements::Requirement> =
            valued[from..to].iter().map(|v| v.requirement.clone()).filter(|r| reachable(r)).collect();
        if !level.is_empty() {
            if let Some(solved) = cheapest_plan(&programs, level, None, &mut effort.nodes)? {
                let (qualifying, points) = goal::value(ctx.inputs, ctx.scenario, &solved.plan, ctx.last_quarter());
                let promised = &valued[from];
                if qualifying < promised.qualifying || points < promised.points - params::POINTS_TOLERANCE {
                    return Err(SolveError::CheckFailed(vec![format!(
                        "the plan reaches {qualifying} qualifying target(s) and {points:.2} points, not the {} and {:.2} promised",
                        promised.qualifying, promised.points
                    )]));
                }
                return Ok(Some(solved));
            }
        }
        from = to;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inputs;
    use crate::solver::testkit::*;
    use std::time::Duration;

    /// A minute for everything, with a first enumeration of `probe`.
    fn far(probe: Duration) -> Deadlines {
        let far = Instant::now() + Duration::from_secs(60);
        Deadlines { build: far, search: far, probe }
    }

    /// Solves `sc` at its deadline: the plan, if any, and what the solve kept.
    fn solve_with(inputs: &Inputs, sc: &Scenario, deadlines: Deadlines) -> (Option<Solved>, Findings) {
        let ctx = Context::new(inputs, sc, sc.deadline).unwrap();
        let targets = ctx.target_tracks().unwrap();
        let mut findings = Findings::default();
        let solved = solve_at(&ctx, &targets, deadlines, &mut Effort::default(), &mut findings).unwrap();
        (solved, findings)
    }

    fn solve(inputs: &Inputs, probe: Duration) -> Solved {
        let mut sc = scenario("2027-Q2");
        sc.count_time_cost = true;
        solve_with(inputs, &sc, far(probe)).0.expect("feasible")
    }

    #[test]
    fn the_priced_enumeration_finds_the_same_optimum_as_the_full_one() {
        let inputs = overlapping();
        let full = solve(&inputs, Duration::from_secs(60));
        let priced = solve(&inputs, Duration::ZERO);
        assert_eq!(full.status, Status::Optimal);
        // One A and one C (350) beat two A's and a B (400): C counts in both groups.
        assert_eq!(full.cost, 350.0);
        assert_eq!((priced.cost, priced.hours, &priced.status), (full.cost, full.hours, &full.status));
    }

    #[test]
    fn a_budget_on_the_cost_minimised_is_met_by_the_cheapest_plan_or_by_none() {
        let inputs = overlapping();
        let mut sc = scenario("2027-Q2");
        for (budget, expected) in [(350.0, Some(350.0)), (350.0 + 1e-7, Some(350.0)), (349.99, None)] {
            sc.budget = Some(budget);
            // No probe: the priced way at once, whose start no plan within the budget gives.
            let (solved, findings) = solve_with(&inputs, &sc, far(Duration::ZERO));
            assert_eq!(solved.as_ref().map(|s| s.cost), expected, "budget {budget}");
            match expected {
                Some(_) => assert_eq!(solved.unwrap().status, Status::Optimal),
                None => {
                    let over = findings.over_budget.expect("the cheapest plan is kept");
                    assert_eq!((over.cost, over.proven, over.evaluation), (350.0, true, sc.deadline));
                }
            }
        }
    }

    #[test]
    fn a_budget_on_hours_keeps_the_fewest_hours_that_fit_it() {
        // One person must count, with A (100, 10 hours) or B (300, 5 hours).
        let certs = vec![cert("A", 100.0, 10.0), cert("B", 300.0, 5.0)];
        let inputs = inputs(certs, vec![step(&[0, 1], 1, 10.0)], vec![person("p0"), person("p1")], vec![]);
        let mut sc = scenario("2027-Q2");
        sc.objective = Objective::Hours;
        for probe in [Duration::ZERO, Duration::from_secs(60)] {
            for (budget, expected) in
                [(None, Some(5.0)), (Some(300.0), Some(5.0)), (Some(299.0), Some(10.0)), (Some(99.0), None)]
            {
                sc.budget = budget;
                let (solved, findings) = solve_with(&inputs, &sc, far(probe));
                assert_eq!(solved.as_ref().map(|s| s.hours), expected, "budget {budget:?}, probe {probe:?}");
                if let Some(solved) = solved {
                    assert_eq!(solved.status, Status::Optimal);
                } else {
                    let over = findings.over_budget.expect("the cheapest plan is kept");
                    assert_eq!((over.cost, over.proven), (100.0, true));
                }
            }
        }
    }

    #[test]
    fn a_budget_below_the_fewest_hours_still_admits_plans_within_it() {
        // The quick bound of the hours search (25 hours, B's) is above the budget (20): only
        // a bound on cost may be compared with a budget. C (15, 30 hours) is the answer.
        let certs = vec![cert("A", 10.0, 40.0), cert("B", 300.0, 25.0), cert("C", 15.0, 30.0)];
        let inputs = inputs(certs, vec![step(&[0, 1, 2], 1, 10.0)], vec![person("p0")], vec![]);
        let mut sc = scenario("2027-Q2");
        sc.objective = Objective::Hours;
        sc.budget = Some(20.0);
        for probe in [Duration::ZERO, Duration::from_secs(60)] {
            let solved = solve_with(&inputs, &sc, far(probe)).0.expect("C fits the budget");
            assert_eq!((solved.cost, solved.hours, &solved.status), (15.0, 30.0, &Status::Optimal), "probe {probe:?}");
        }
    }

    #[test]
    fn out_of_time_within_a_budget_on_hours_the_cheapest_plan_stands() {
        // As above, budget 299: the fewest-hours plan (B, 300) does not fit, the cheapest
        // (A, 100) does and starts the search within the budget, which has no time left.
        let certs = vec![cert("A", 100.0, 10.0), cert("B", 300.0, 5.0)];
        let inputs = inputs(certs, vec![step(&[0, 1], 1, 10.0)], vec![person("p0"), person("p1")], vec![]);
        let mut sc = scenario("2027-Q2");
        sc.objective = Objective::Hours;
        sc.budget = Some(299.0);
        let deadlines = Deadlines { search: Instant::now(), ..far(Duration::from_secs(60)) };
        let solved = solve_with(&inputs, &sc, deadlines).0.expect("the cheapest plan fits");
        assert_eq!((solved.cost, solved.hours), (100.0, 10.0));
        assert_eq!(solved.status, Status::Feasible { gap: None }, "not proven: the search within the budget was cut");
    }

    #[test]
    fn an_already_met_goal_is_the_empty_plan() {
        let mut inputs = overlapping();
        let sc = scenario("2027-Q2");
        {
            let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
            assert!(already_met(&ctx).is_none());
        }
        inputs.org.holdings = vec![holding(0, 2, "2026-05-01", None), holding(1, 0, "2026-05-01", None)];
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let met = already_met(&ctx).expect("p0 holds C and p1 holds A");
        assert!(met.plan.actions.is_empty());
        assert_eq!((met.cost, met.status), (0.0, Status::Optimal));
    }
}
