//! One evaluation quarter: the goal's requirements, people's options (first on a short
//! leash, then priced so that only options a better plan could use are enumerated), and
//! the cheapest plan; for `max-points`, the best value level a plan reaches.

use super::bundles;
use super::context::{Context, TargetTracks};
use super::outcome::{SolveError, Status};
use super::search::{cheapest_plan, Programs, Solved};
use super::{params, requirements};
use crate::check;
use crate::model::{Goal, Objective, Plan};
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
    let view = (ctx.catalog, ctx.rules, ctx.org);
    let empty = Plan::default();
    (ctx.scenario.goal != Goal::MaxPoints && check::goal_holds(view, ctx.scenario, &empty, ctx.last_quarter()))
        .then_some(Solved { plan: empty, cost: 0.0, hours: 0.0, status: Status::Optimal, prices: Vec::new() })
}

/// When a solve stops enumerating people's options, and when it stops altogether.
#[derive(Clone, Copy)]
pub(crate) struct Deadlines {
    pub(crate) build: Instant,
    pub(crate) search: Instant,
    /// How long the first, unpriced enumeration may take (see [`solve_at`]).
    pub(crate) probe: std::time::Duration,
}

/// Solves at one evaluation quarter; `None` when infeasible there.
pub(crate) fn solve_at(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inputs;
    use crate::solver::testkit::*;
    use std::time::Duration;

    /// Group 0 needs two people (A or C), group 1 one (B or C); C counts in both. Four
    /// people, p3 paid by the hour and the only one with time for C and B together.
    fn instance() -> Inputs {
        let employees = vec![
            person("p0"),
            person("p1"),
            person("p2"),
            crate::model::Employee { hourly_cost: 5.0, hours_per_quarter: Some(60.0), ..person("p3") },
        ];
        inputs(
            vec![cert("A", 100.0, 10.0), cert("B", 200.0, 20.0), cert("C", 250.0, 30.0)],
            vec![step(&[0, 2], 2, 5.0), step(&[1, 2], 1, 5.0)],
            employees,
            vec![],
        )
    }

    fn solve(inputs: &Inputs, probe: Duration) -> Solved {
        let mut sc = scenario("2027-Q2");
        sc.count_time_cost = true;
        let ctx = Context::new(inputs, &sc, sc.deadline).unwrap();
        let targets = ctx.target_tracks().unwrap();
        let far = Instant::now() + Duration::from_secs(60);
        let deadlines = Deadlines { build: far, search: far, probe };
        solve_at(&ctx, &targets, deadlines, &mut Effort::default()).unwrap().expect("feasible")
    }

    #[test]
    fn the_priced_enumeration_finds_the_same_optimum_as_the_full_one() {
        let inputs = instance();
        let full = solve(&inputs, Duration::from_secs(60));
        let priced = solve(&inputs, Duration::ZERO);
        assert_eq!(full.status, Status::Optimal);
        // One A and one C (350) beat two A's and a B (400): C counts in both groups.
        assert_eq!(full.cost, 350.0);
        assert_eq!((priced.cost, priced.hours, &priced.status), (full.cost, full.hours, &full.status));
    }

    #[test]
    fn an_already_met_goal_is_the_empty_plan() {
        let mut inputs = instance();
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

    /// Subgradient steps never claim a bound above the optimum, and move it off zero.
    #[test]
    fn better_prices_give_a_valid_bound() {
        let inputs = instance();
        let sc = scenario("2027-Q2");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let combos = requirements::combined(&ctx, &ctx.target_tracks().unwrap()).unwrap();
        let situations = bundles::Situations::of(&ctx, requirements::most_people(&combos));
        let base = vec![0.0; ctx.groups.len()];
        let far = Instant::now() + Duration::from_secs(60);
        let (pricing, bound) = better_prices(&situations, &combos, &base, 400.0, vec![0.0; 2], false, far);
        assert!(bound > 0.0 && bound <= 400.0 + 1e-6, "bound {bound}");
        let (worth, requirement) = least_worth(&combos, &base, &pricing.prices);
        assert!(requirement.is_some());
        let surplus = situations.surplus(&pricing, None).total;
        assert!((worth - surplus - bound).abs() < 1e-6, "the bound is the Lagrangian at the prices returned");
    }
}
