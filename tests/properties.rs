//! The optimiser against exhaustive enumeration on tiny random instances, plus
//! metamorphic properties (contract §3: "the plan is optimal").
//!
//! The brute force shares nothing with the crate's rules: it enumerates every set of actions
//! person by person, keeps those the independent oracle (`crate::oracle`, written from the
//! contract alone) allows, and combines them across people, judging each combined plan with
//! the oracle's counting, scoring and cost. So a bug in a helper the optimiser and the checker
//! share (`counts_until`, partial points, caps, gates, leavers, expiry and renewals, tracks)
//! makes the optimum differ from the brute force's; and the oracle and the crate must judge
//! every enumerated plan alike.

mod instances;

use crate::oracle::{self, replay::Replay, scoring};
use certplan::check;
use certplan::model::Inputs;
use certplan::model::*;
use certplan::solver::{self, SolveOptions, Status};
use instances::{date, instance, Rng};
use proptest::prelude::*;
use std::collections::HashMap;

/// One person's plan with its cost and hours.
type Priced = (Vec<Action>, f64, f64);

/// Every set of actions of one person the brute force considers, evaluated at the end of
/// `evaluation`: per certification no action, or one exam and/or renewals in the quarters
/// from the start to `evaluation` (a second exam would make the first pointless); and a link
/// in the first quarter or not when the person is unlinked.
fn candidate_plans(inputs: &Inputs, scenario: &Scenario, e: EmpIdx, evaluation: Quarter) -> Vec<Vec<Action>> {
    let quarters = scenario.quarters_until(evaluation);
    let per_cert: Vec<Vec<Vec<Action>>> = (0..inputs.catalog.len())
        .map(|c| {
            let exams: Vec<Option<Quarter>> = std::iter::once(None).chain(quarters.iter().map(|&q| Some(q))).collect();
            // Renewals: any set of quarters (a 3-month certification may be renewed in each).
            let renewals: Vec<Vec<Quarter>> = (0..1u32 << quarters.len())
                .map(|set| quarters.iter().enumerate().filter(|(i, _)| set & (1 << i) != 0).map(|(_, &q)| q).collect())
                .collect();
            let mut sets = Vec::new();
            for exam in &exams {
                for ren in &renewals {
                    let mut set: Vec<Action> = Vec::new();
                    if let Some(q) = exam {
                        set.push(Action { quarter: *q, employee: e, kind: ActionKind::Exam, cert: Some(c) });
                    }
                    set.extend(ren.iter().map(|&q| Action {
                        quarter: q,
                        employee: e,
                        kind: ActionKind::Renew,
                        cert: Some(c),
                    }));
                    sets.push(set);
                }
            }
            sets
        })
        .collect();
    let links: Vec<Vec<Action>> = if inputs.org.employees[e].linked {
        vec![vec![]]
    } else {
        vec![vec![], vec![Action { quarter: scenario.start, employee: e, kind: ActionKind::Link, cert: None }]]
    };
    let mut out = Vec::new();
    let mut index = vec![0usize; per_cert.len()];
    loop {
        for link in &links {
            let mut actions = link.clone();
            for (sets, &i) in per_cert.iter().zip(&index) {
                actions.extend(sets[i].iter().copied());
            }
            out.push(actions);
        }
        let mut i = 0;
        while i < per_cert.len() && index[i] + 1 == per_cert[i].len() {
            index[i] = 0;
            i += 1;
        }
        if i == per_cert.len() {
            return out;
        }
        index[i] += 1;
    }
}

/// Every candidate plan of one person that the oracle allows, reduced to the cheapest (cost
/// and hours, Pareto) per resulting state: which certifications the person counts on the
/// evaluation day, with that state.
fn person_plans(inputs: &Inputs, scenario: &Scenario, e: EmpIdx, evaluation: Quarter) -> Vec<(Vec<bool>, Priced)> {
    let day = evaluation.last_day();
    let mut best: HashMap<Vec<bool>, Vec<Priced>> = HashMap::new();
    for actions in candidate_plans(inputs, scenario, e, evaluation) {
        if !oracle::actions::allowed(inputs, scenario, &actions, evaluation) {
            continue;
        }
        let state = Replay::new(inputs, &actions).person_counting(inputs, e, day);
        let (cost, hours) = oracle::totals(inputs, scenario, &actions);
        let entries = best.entry(state).or_default();
        if !entries.iter().any(|(_, c, h)| *c <= cost + 1e-9 && *h <= hours + 1e-9) {
            entries.retain(|(_, c, h)| !(cost <= *c + 1e-9 && hours <= *h + 1e-9));
            entries.push((actions, cost, hours));
        }
    }
    let mut out: Vec<_> =
        best.into_iter().flat_map(|(state, plans)| plans.into_iter().map(move |p| (state.clone(), p))).collect();
    out.sort_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(a.1 .2.total_cmp(&b.1 .2)).then(a.1 .0.cmp(&b.1 .0)));
    out
}

/// A plan's rank: its `max-points` value (0 for other goals), then (objective, tie-break).
type Rank = ((u32, f64), (f64, f64));

/// Whether `a` is a better plan than `b`: higher value, then lower objective, then lower
/// tie-break.
fn better(a: &Rank, b: &Rank) -> bool {
    let ((aq, ap), (a0, a1)) = *a;
    let ((bq, bp), (b0, b1)) = *b;
    if aq != bq {
        return aq > bq;
    }
    if (ap - bp).abs() > 1e-9 {
        return ap > bp;
    }
    a0 < b0 - 1e-9 || (a0 <= b0 + 1e-9 && a1 < b1 - 1e-9)
}

/// The best rank over all plans meeting the goal at `evaluation`, with such a plan. Every
/// rule of a plan concerns one person, so a combination of allowed person plans is an
/// allowed plan; the best one is judged whole by the oracle once more to be sure.
fn brute_force_at(inputs: &Inputs, scenario: &Scenario, evaluation: Quarter) -> Option<(Rank, Plan)> {
    let people: Vec<Vec<(Vec<bool>, Priced)>> =
        (0..inputs.org.employees.len()).map(|e| person_plans(inputs, scenario, e, evaluation)).collect();
    let mut best: Option<(Rank, Vec<usize>)> = None;
    let mut index = vec![0usize; people.len()];
    loop {
        let counting: Vec<Vec<bool>> = people.iter().zip(&index).map(|(p, &i)| p[i].0.clone()).collect();
        let (cost, hours) =
            people.iter().zip(&index).fold((0.0, 0.0), |(c, h), (p, &i)| (c + p[i].1 .1, h + p[i].1 .2));
        if oracle::within_budget(scenario, cost) && scoring::goal_met(inputs, scenario, &counting) {
            let key = match scenario.objective {
                Objective::Hours => (hours, cost),
                _ => (cost, hours),
            };
            let value =
                if scenario.goal == Goal::MaxPoints { scoring::value(inputs, scenario, &counting) } else { (0, 0.0) };
            let rank = (value, key);
            if best.as_ref().is_none_or(|(b, _)| better(&rank, b)) {
                best = Some((rank, index.clone()));
            }
        }
        let mut i = 0;
        while i < people.len() && index[i] + 1 == people[i].len() {
            index[i] = 0;
            i += 1;
        }
        if i == people.len() {
            break;
        }
        index[i] += 1;
    }
    let (rank, index) = best?;
    let plan = Plan { actions: people.iter().zip(&index).flat_map(|(p, &i)| p[i].1 .0.clone()).collect() };
    let whole = oracle::judge(inputs, scenario, &plan, evaluation);
    assert!(whole.valid(), "the combined plan {plan:?} is judged invalid whole: {whole:?}");
    if scenario.goal == Goal::MaxPoints {
        assert_eq!(whole.value, rank.0, "the combined plan's value judged whole");
    }
    Some((rank, plan))
}

/// The optimum's rank (for `quarters`: the 1-based quarter, then cost) with a plan reaching
/// it and its evaluation quarter, or `None` when infeasible.
fn brute_force(inputs: &Inputs, scenario: &Scenario) -> Option<(Rank, Plan, Quarter)> {
    match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline).iter().enumerate().find_map(|(i, &q)| {
            brute_force_at(inputs, scenario, q)
                .map(|((value, (cost, _)), plan)| ((value, ((i + 1) as f64, cost)), plan, q))
        }),
        _ => brute_force_at(inputs, scenario, scenario.deadline).map(|(rank, plan)| (rank, plan, scenario.deadline)),
    }
}

/// Asserts that the oracle and the crate's checker both accept `plan` (each names what it
/// finds wrong otherwise).
fn judged_alike(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Result<(), TestCaseError> {
    let ours = oracle::judge(inputs, scenario, plan, evaluation);
    let crates = check::verify(inputs, scenario, plan, evaluation);
    prop_assert!(ours.valid() && crates.is_empty(), "{plan:?} at {evaluation}: oracle {ours:?}, checker {crates:?}");
    Ok(())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// `cases` unless `PROPTEST_CASES` says otherwise (proptest's default reads it). A failing
/// case's seed is saved in `tests/properties.proptest-regressions` and tried first on every
/// later run, so a failure can be replayed (and committed to stay a test).
fn config(cases: u32) -> ProptestConfig {
    let from_env = std::env::var_os("PROPTEST_CASES").is_some();
    ProptestConfig {
        cases: if from_env { ProptestConfig::default().cases } else { cases },
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        max_shrink_iters: if std::env::var_os("CI").is_some() { 0 } else { 256 },
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn optimum_equals_brute_force_on_tiny_instances(seed in any::<u64>()) {
        let (inputs, scenario) = instance(seed);
        let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
        // The priced enumeration (taken at once with no probe) must find the same optimum.
        let priced = SolveOptions { probe_seconds: 0.0, ..SolveOptions::default() };
        let again = solver::solve(&inputs, &scenario, priced).expect("solves priced");
        prop_assert_eq!(&again.status, &outcome.status);
        prop_assert!(again.objective.zip(outcome.objective).is_none_or(|(a, b)| close(a, b)), "priced {:?} vs {:?}", again.objective, outcome.objective);
        prop_assert!(close(again.cost, outcome.cost) && close(again.hours, outcome.hours), "priced {} {} vs {} {}", again.cost, again.hours, outcome.cost, outcome.hours);
        let expected = brute_force(&inputs, &scenario);
        match (&outcome.status, expected) {
            (Status::Infeasible(_), None) => {}
            (Status::Optimal, Some(((value, (objective, tie)), plan, evaluation))) => {
                judged_alike(&inputs, &scenario, &outcome.plan, outcome.evaluation)?;
                if scenario.goal == Goal::MaxPoints {
                    let got = certplan::model::goal::value(&inputs, &scenario, &outcome.plan, outcome.evaluation);
                    prop_assert!(got.0 == value.0 && (got.1 - value.1).abs() <= 1e-9, "value {got:?} vs brute force {value:?}");
                    let ours = oracle::judge(&inputs, &scenario, &outcome.plan, outcome.evaluation).value;
                    prop_assert!(ours.0 == value.0 && (ours.1 - value.1).abs() <= 1e-9, "oracle's value {ours:?} vs brute force {value:?}");
                }
                let got = outcome.objective.unwrap();
                prop_assert!(close(got, objective), "objective {got} vs brute force {objective}: {scenario:?}");
                let got_tie = match scenario.objective {
                    Objective::Cost => outcome.hours,
                    Objective::Hours | Objective::Quarters => outcome.cost,
                };
                prop_assert!(close(got_tie, tie), "tie-break {got_tie} vs brute force {tie}");
                // The solver's own totals must be the plan's, by the oracle's arithmetic.
                let (cost, hours) = oracle::totals(&inputs, &scenario, &outcome.plan.actions);
                prop_assert!(close(cost, outcome.cost) && close(hours, outcome.hours), "totals {cost} {hours} vs {} {}", outcome.cost, outcome.hours);
                // And the crate's checker accepts the brute force's optimum as the oracle does.
                judged_alike(&inputs, &scenario, &plan, evaluation)?;
            }
            (status, expected) => prop_assert!(false, "solver {status:?} but brute force {expected:?}"),
        }
    }

    #[test]
    fn a_larger_budget_never_costs_more(seed in any::<u64>()) {
        let (inputs, mut scenario) = instance(seed);
        scenario.objective = Objective::Cost;
        if scenario.goal == Goal::MaxPoints {
            scenario.goal = Goal::Qualify;
        }
        scenario.budget = Some(300.0);
        let tight = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
        scenario.budget = Some(600.0);
        let loose = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
        if let Some(t) = tight.objective {
            let l = loose.objective.expect("a larger budget keeps every plan feasible");
            prop_assert!(l <= t + 1e-9);
        }
    }

    #[test]
    fn a_larger_budget_never_scores_less(seed in any::<u64>()) {
        let (inputs, mut scenario) = instance(seed);
        scenario.goal = Goal::MaxPoints;
        scenario.objective = Objective::Cost;
        let mut last = (0, 0.0);
        for budget in [0.0, 150.0, 300.0, 600.0, 1200.0] {
            scenario.budget = Some(budget);
            let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
            let value = oracle::judge(&inputs, &scenario, &outcome.plan, outcome.evaluation).value;
            prop_assert!(value.0 > last.0 || (value.0 == last.0 && value.1 >= last.1 - 1e-9), "{budget}: {value:?} after {last:?}");
            last = value;
        }
    }
}

/// On generated organisations larger than brute force can enumerate, the optimum is never
/// dearer than the advisor's greedy plan, and both pass the checker.
#[test]
fn the_optimum_never_costs_more_than_the_greedy_plan() {
    use certplan::generate::{self, OrgSpec};
    let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
    let today = date("2026-11-26");
    let mut compared = 0;
    for seed in 0..8 {
        let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people: 25, seed, today });
        let inputs = Inputs { org, ..base.clone() };
        let targets = vec!["infrastructure".to_string(), "security".to_string()];
        let scenario = generate::scenario(&targets, Quarter::parse("2027-Q1").unwrap(), 4);
        let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
        let Some(greedy) = certplan::oracles::heuristic::greedy_plan(&inputs, &scenario) else { continue };
        assert!(check::verify(&inputs, &scenario, &greedy, scenario.deadline).is_empty(), "seed {seed}");
        assert_eq!(outcome.status, Status::Optimal, "seed {seed}");
        let (greedy_cost, _) = certplan::model::cost::totals(&inputs, &scenario, &greedy);
        assert!(outcome.cost <= greedy_cost + 1e-6, "seed {seed}: optimum {} above greedy {greedy_cost}", outcome.cost);
        compared += 1;
    }
    assert!(compared >= 6, "the greedy method found plans in only {compared} of 8 cases");
}

proptest! {
    // Fewer cases than the optimum test above: it reads the same code with one more setting.
    #![proptest_config(config(96))]

    /// Issue 14: a buffer on one step (per target and step, as planning to a probability
    /// sets them) is read alike by the optimiser and by the checker the brute force uses.
    #[test]
    fn optimum_with_a_step_buffer_equals_brute_force(seed in any::<u64>(), pick in 0usize..8, extra in 1u32..3) {
        let (inputs, mut scenario) = instance(seed);
        let steps: Vec<(String, usize, usize)> = scenario.targets.iter().flat_map(|id| {
            let d = &inputs.rules.designations[inputs.rules.designation_index(id).expect("a target")];
            d.skilling_metrics().flat_map(move |(mi, m)| (0..m.steps.len()).map(move |si| (id.clone(), mi, si))).collect::<Vec<_>>()
        }).collect();
        let (d, mi, si) = steps[pick % steps.len()].clone();
        scenario.step_buffers.set(&d, mi, si, scenario.buffer + extra);
        let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves");
        match (&outcome.status, brute_force(&inputs, &scenario)) {
            (Status::Infeasible(_), None) => {}
            (Status::Optimal, Some(((_, (objective, _)), plan, evaluation))) => {
                let got = outcome.objective.unwrap();
                prop_assert!(close(got, objective), "objective {got} vs brute force {objective}: {scenario:?}");
                judged_alike(&inputs, &scenario, &outcome.plan, outcome.evaluation)?;
                judged_alike(&inputs, &scenario, &plan, evaluation)?;
            }
            (status, expected) => prop_assert!(false, "solver {status:?} but brute force {expected:?}"),
        }
    }
}

/// How many of a person's candidate plans the agreement test judges both ways, one in this
/// many of those with three actions or more (every smaller one, where a single rule decides):
/// enough to meet every rule often, few enough to keep the default run's time.
const SAMPLE_ONE_IN: u64 = 32;

/// Random combinations of allowed person plans judged whole both ways, per evaluation quarter.
const COMBINATIONS: usize = 48;

/// Whether the oracle's and the crate's scores of one designation agree on every track.
fn same_scores(ours: &[scoring::TrackScore], crates: &[evaluate::TrackScore]) -> bool {
    ours.len() == crates.len()
        && ours.iter().zip(crates).all(|(o, c)| {
            (o.applies, o.qualified) == (c.applies, c.qualified)
                && (o.skilling - c.skilling).abs() < 1e-9
                && (o.score - c.score).abs() < 1e-9
                && o.metrics.iter().zip(&c.metrics).all(|(a, b)| (a - b.points).abs() < 1e-9)
        })
}

proptest! {
    #![proptest_config(config(96))]

    /// The oracle and the crate judge plans alike, so that a bug in a helper of the crate
    /// shows even where it does not move the optimum. For every evaluation quarter: on each
    /// person's small candidate plans and a sample of the others (one in ten moved a quarter out of the horizon), the
    /// same verdict on the actions (`check::rule_violations`) and, when allowed, the same
    /// certifications counted (`evaluate`); on random combinations of the allowed ones, the
    /// same verdict (`check::verify`), goal, `max-points` value (`goal`) and scores of every
    /// target in every track with the scenario's buffers (`evaluate::score_counts`).
    #[test]
    fn the_oracle_and_the_crate_judge_plans_alike(seed in any::<u64>()) {
        let (inputs, scenario) = instance(seed);
        let mut r = Rng(seed.rotate_left(17));
        // Every quarter of a three-quarter horizon, whatever the deadline: the rules take the
        // evaluated quarter as given, and renewal windows reach the third quarter's end.
        for evaluation in scenario.quarters_until(scenario.start.plus(2)) {
            let day = evaluation.last_day();
            let mut allowed: Vec<Vec<Vec<Action>>> = Vec::new();
            for e in 0..inputs.org.employees.len() {
                let mut mine = Vec::new();
                for mut actions in candidate_plans(&inputs, &scenario, e, evaluation) {
                    if actions.len() > 2 && r.below(SAMPLE_ONE_IN) != 0 {
                        continue;
                    }
                    if !actions.is_empty() && r.chance(10) {
                        let i = r.below(actions.len() as u64) as usize;
                        actions[i].quarter = actions[i].quarter.plus(r.pick(&[-1, 1]));
                    }
                    let ours = oracle::actions::problems(&inputs, &scenario, &actions, evaluation);
                    let plan = Plan { actions };
                    let crates = check::rule_violations(&inputs, &scenario, &plan, evaluation);
                    prop_assert_eq!(ours.is_empty(), crates.is_empty(), "{:?} at {}: oracle {:?}, checker {:?}", plan, evaluation, ours, crates);
                    if ours.is_empty() {
                        let counted = Replay::new(&inputs, &plan.actions).person_counting(&inputs, e, day);
                        let timeline = evaluate::Timeline::new(&inputs.catalog, &inputs.org, &plan.actions);
                        let theirs = evaluate::Snapshot::row(&inputs.catalog, &inputs.org, &timeline, e, day);
                        prop_assert_eq!(&counted, &theirs, "counted on {} after {:?}", day, plan);
                        mine.push(plan.actions);
                    }
                }
                allowed.push(mine);
            }
            for _ in 0..COMBINATIONS {
                let actions = allowed.iter().flat_map(|mine| mine[r.below(mine.len() as u64) as usize].clone()).collect();
                let plan = Plan { actions };
                let ours = oracle::judge(&inputs, &scenario, &plan, evaluation);
                let crates = check::verify(&inputs, &scenario, &plan, evaluation);
                prop_assert_eq!(ours.valid(), crates.is_empty(), "{:?} at {}: oracle {:?}, checker {:?}", plan, evaluation, ours, crates);
                prop_assert_eq!(ours.goal_met, goal::holds(&inputs, &scenario, &plan, evaluation), "goal of {:?} at {}", plan, evaluation);
                let value = goal::value(&inputs, &scenario, &plan, evaluation);
                prop_assert!(ours.value.0 == value.0 && (ours.value.1 - value.1).abs() < 1e-9, "value of {:?}: oracle {:?}, crate {:?}", plan, ours.value, value);
                let counting = Replay::new(&inputs, &plan.actions).counting(&inputs, day);
                let timeline = evaluate::Timeline::new(&inputs.catalog, &inputs.org, &plan.actions);
                let snapshot = evaluate::Snapshot::new(&inputs.catalog, &inputs.org, &timeline, day);
                for id in &scenario.targets {
                    let d = &inputs.rules.designations[inputs.rules.designation_index(id).expect("a target")];
                    let buffer = |mi: usize, si: usize| scenario.step_buffers.get(id, mi, si).unwrap_or(scenario.buffer);
                    let ours = scoring::score_designation(&inputs, d, &counting, buffer);
                    let count = |mi: usize, si: usize| snapshot.people_with_any(&d.metrics[mi].steps[si].certifications);
                    let crates = evaluate::score_counts(d, &inputs.org, inputs.rules.qualifying_score, count, buffer);
                    prop_assert!(same_scores(&ours, &crates), "{} after {:?} on {}: oracle {:?}, crate {:?}", id, plan, day, ours, crates);
                }
            }
        }
    }
}

/// Whether the first enumeration of people's options finishes within its leash depends on
/// the machine's load; the plan written must not. On every bundled scenario the priced way
/// (taken at once, no first enumeration) gives the default's plan, action for action.
#[test]
fn the_plan_does_not_depend_on_whether_the_first_enumeration_finished() {
    let dir = crate::util::root().join("scenarios");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).expect("the bundled scenarios") {
        let path = entry.expect("an entry").path();
        let paths = certplan::io::InputPaths::default();
        let (scenarios, inputs) = certplan::io::load_scenarios(&path, &paths, date("2026-11-26")).expect("loads");
        for scenario in &scenarios {
            let default = solver::solve(&inputs, scenario, SolveOptions::default()).expect("solves");
            let priced = SolveOptions { probe_seconds: 0.0, ..SolveOptions::default() };
            let again = solver::solve(&inputs, scenario, priced).expect("solves priced");
            assert_eq!(again.plan.actions, default.plan.actions, "{}: {}", path.display(), scenario.name);
            compared += 1;
        }
    }
    assert!(compared >= 7, "only {compared} scenarios compared");
}
