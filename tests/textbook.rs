//! The textbook program (`certplan::oracles::textbook`: the contract written as one literal integer
//! program) against the optimiser's decomposition: on the same instances both must reach the
//! same optimal objective, or both find none, and every textbook plan must pass the independent
//! checker. microlp solves the tiny instances in every build; with the `highs` feature, HiGHS
//! solves generated organisations of realistic size and the bundled scenarios.

use crate::fixtures::{cert, d, person, q, scenario, simple as inputs, step};
use certplan::check;
use certplan::generate::{self, OrgSpec};
use certplan::model::org::DesignationPoints;
use certplan::model::Inputs;
use certplan::model::*;
use certplan::oracles::textbook::{self, Backend};
use certplan::solver::{self, SolveOptions};

/// Whether the two objectives agree: both infeasible, or equal within 1e-6 relative.
fn agreement(solver: Option<f64>, textbook: Option<f64>) -> Result<(), String> {
    match (solver, textbook) {
        (None, None) => Ok(()),
        (Some(a), Some(b)) if (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0) => Ok(()),
        (a, b) => Err(format!("solver objective {a:?}, textbook objective {b:?}")),
    }
}

/// Solves with both; the common objective, or what went wrong (disagreement, an unproven
/// textbook answer, a textbook plan the checker rejects) with both plans.
fn cross_check(inputs: &Inputs, scenario: &Scenario, backend: Backend) -> Result<Option<f64>, String> {
    cross_check_unless_out_of_time(inputs, scenario, backend, false)
}

/// [`cross_check`]; with `out_of_time_ok`, the textbook program running out of its time is
/// no failure, but then the optimiser must have proven an optimum no worse than the
/// textbook's best plan (if it has one).
fn cross_check_unless_out_of_time(
    inputs: &Inputs,
    scenario: &Scenario,
    backend: Backend,
    out_of_time_ok: bool,
) -> Result<Option<f64>, String> {
    let outcome = solver::solve(inputs, scenario, SolveOptions::default()).map_err(|e| e.to_string())?;
    let answer = textbook::solve(inputs, scenario, backend, 120.0)?;
    let plans = || format!("\nsolver plan {:?}\ntextbook plan {:?}", outcome.plan.actions, answer.plan.actions);
    if !answer.proven && out_of_time_ok {
        let no_worse = match (outcome.objective, answer.objective) {
            (Some(ours), Some(theirs)) => ours <= theirs + 1e-6 * theirs.abs().max(1.0),
            // Nothing found in time: nothing to compare.
            (_, None) => true,
            // A plan the optimiser calls impossible.
            (None, Some(_)) => false,
        };
        let proven = outcome.objective.is_none() || outcome.status == solver::Status::Optimal;
        if !(no_worse && proven) {
            return Err(format!("the textbook program ran out of time with a better plan{}", plans()));
        }
        eprintln!(
            "  (the textbook program ran out of time; the optimiser's proven {:?} is no worse)",
            outcome.objective
        );
        return Ok(outcome.objective);
    }
    if !answer.proven {
        return Err(format!("the textbook program hit its time limit{}", plans()));
    }
    agreement(outcome.objective, answer.objective).map_err(|e| e + &plans())?;
    if scenario.objective == Objective::Quarters && answer.objective.is_some() {
        // The earliest quarter, then the lowest cost in it (contract §5.9): the costs agree too.
        let ours = certplan::model::cost::totals(inputs, scenario, &outcome.plan).0;
        let theirs = certplan::model::cost::totals(inputs, scenario, &answer.plan).0;
        agreement(Some(ours), Some(theirs)).map_err(|e| format!("in the earliest quarter, {e}{}", plans()))?;
    }
    if answer.objective.is_some() {
        let problems = check::verify(inputs, scenario, &answer.plan, answer.evaluation);
        if !problems.is_empty() {
            return Err(format!("the checker rejects the textbook plan: {problems:?}{}", plans()));
        }
    }
    Ok(answer.objective)
}

// ------------------------------------------------------------------------------------------
// Hand-built instances: one designation `d` classified in track `a` (unless a case changes
// it), a performance metric with `perf` profile points, one skilling metric capped at 30;
// qualifying score 70; start 2027-Q1; the contract's scenario defaults.
// ------------------------------------------------------------------------------------------

fn people(n: usize) -> Vec<Employee> {
    (0..n).map(|i| person(&format!("p{i}"))).collect()
}

/// A grant earned on `earned` with its default expiry.
fn held(catalog: &[Certification], employee: EmpIdx, cert: CertIdx, earned: &str) -> Holding {
    Holding { employee, cert, earned_on: Some(d(earned)), expires_on: catalog[cert].expiry_from(d(earned)) }
}

/// A hand-built case: its name, the instance, and the optimum worked out by hand (`None`:
/// infeasible).
type Case = (&'static str, Inputs, Scenario, Option<f64>);

fn hand_cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    // 10 skilling points from one exam of C (100).
    let c = || vec![cert("C", 100.0, 10.0)];
    cases.push((
        "one exam",
        inputs(c(), vec![step(&[0], 1, 10.0)], people(2), vec![]),
        scenario("2027-Q4"),
        Some(100.0),
    ));

    // Renewal beats a new exam: p0's C expires 2027-05-15, renewable in Q1 or Q2 for 2 hours
    // at 50 an hour; the exam costs 300 + 10 hours.
    let certs = vec![cert("C", 300.0, 10.0)];
    let mut staff = people(2);
    staff[0].hourly_cost = 50.0;
    staff[1].hourly_cost = 50.0;
    let holdings = vec![held(&certs, 0, 0, "2026-05-15")];
    let mut s = scenario("2027-Q4");
    s.count_time_cost = true;
    cases.push((
        "renewal",
        inputs(certs.clone(), vec![step(&[0], 1, 10.0)], staff.clone(), holdings.clone()),
        s.clone(),
        Some(100.0),
    ));

    // The same with the exam (and so the renewal) closed before the start: nothing can make C
    // active at the deadline.
    let mut closed = certs.clone();
    closed[0].exam_until = Some(d("2026-12-31"));
    cases.push(("renewal closed", inputs(closed, vec![step(&[0], 1, 10.0)], staff, holdings), s, None));

    // Valid 6 months: p0's C expires 2027-02-15; two renewals in different quarters (the first
    // in Q1) keep it to 2028-02-15, free without time cost. An exam costs 100.
    let mut short = vec![cert("C", 100.0, 10.0)];
    short[0].valid_months = 6;
    let holdings = vec![held(&short, 0, 0, "2026-08-15")];
    cases.push((
        "renewal chain",
        inputs(short, vec![step(&[0], 1, 10.0)], people(1), holdings),
        scenario("2027-Q4"),
        Some(0.0),
    ));

    // B counts only with A (requires_all): A 50 + B 100. When p1 holds A until 2027-10-01, a
    // free renewal keeps it: only B.
    let mut ab = vec![cert("A", 50.0, 10.0), cert("B", 100.0, 10.0)];
    ab[1].requires_all = vec![0];
    cases.push((
        "requires all",
        inputs(ab.clone(), vec![step(&[1], 1, 10.0)], people(1), vec![]),
        scenario("2027-Q4"),
        Some(150.0),
    ));
    let holdings = vec![held(&ab, 1, 0, "2026-10-01")];
    cases.push((
        "requires all, held",
        inputs(ab, vec![step(&[1], 1, 10.0)], people(2), holdings),
        scenario("2027-Q4"),
        Some(100.0),
    ));

    // B requires one of A1 (80) or A2 (30).
    let mut any = vec![cert("A1", 80.0, 10.0), cert("A2", 30.0, 10.0), cert("B", 100.0, 10.0)];
    any[2].requires_any = vec![0, 1];
    cases.push((
        "requires any",
        inputs(any, vec![step(&[2], 1, 10.0)], people(2), vec![]),
        scenario("2027-Q2"),
        Some(130.0),
    ));

    // An unlinked holder: linking is free.
    let mut staff = people(2);
    staff[0].linked = false;
    let holdings = vec![Holding { employee: 0, cert: 0, earned_on: None, expires_on: None }];
    cases.push((
        "link",
        inputs(c(), vec![step(&[0], 1, 10.0)], staff, holdings.clone()),
        scenario("2027-Q4"),
        Some(0.0),
    ));

    // The holder leaves mid-year: someone else takes the exam; when everyone leaves, nothing.
    let mut staff = people(2);
    staff[0].leaves_on = Some(d("2027-06-30"));
    cases.push((
        "leaver",
        inputs(c(), vec![step(&[0], 1, 10.0)], staff.clone(), holdings.clone()),
        scenario("2027-Q4"),
        Some(100.0),
    ));
    staff[1].leaves_on = Some(d("2027-12-31"));
    cases.push(("all leave", inputs(c(), vec![step(&[0], 1, 10.0)], staff, holdings), scenario("2027-Q4"), None));

    // Buffer 1: two people instead of one.
    let mut s = scenario("2027-Q4");
    s.buffer = 1;
    cases.push(("buffer", inputs(c(), vec![step(&[0], 1, 10.0)], people(3), vec![]), s, Some(200.0)));

    // Budget: just enough, and just too little.
    let mut s = scenario("2027-Q4");
    s.budget = Some(100.0);
    cases.push(("budget met", inputs(c(), vec![step(&[0], 1, 10.0)], people(1), vec![]), s.clone(), Some(100.0)));
    s.budget = Some(99.0);
    cases.push(("budget short", inputs(c(), vec![step(&[0], 1, 10.0)], people(1), vec![]), s, None));

    // A 0-point gate of two people with A (40 each) before B's 10 points (100).
    let gate = vec![cert("A", 40.0, 10.0), cert("B", 100.0, 10.0)];
    let steps = vec![step(&[0], 2, 0.0), step(&[1], 1, 10.0)];
    cases.push(("gate", inputs(gate.clone(), steps.clone(), people(3), vec![]), scenario("2027-Q4"), Some(180.0)));

    // Max-skilling: every step full (30 points: 2 × A for 20, 1 × B for 10).
    let mut s = scenario("2027-Q4");
    s.goal = Goal::MaxSkilling;
    let steps = vec![step(&[0], 2, 20.0), step(&[1], 1, 10.0)];
    cases.push(("max-skilling", inputs(gate.clone(), steps.clone(), people(3), vec![]), s, Some(180.0)));

    // min_skilling 20 on top of qualifying (which needs 10): 2 × A.
    let mut s = scenario("2027-Q4");
    s.min_skilling.insert("d".into(), 20.0);
    cases.push(("min_skilling", inputs(gate.clone(), steps, people(3), vec![]), s, Some(80.0)));

    // Quarters: B requires A, one exam per quarter, one person: A in Q1, B in Q2 → index 2.
    let mut ab = vec![cert("A", 50.0, 10.0), cert("B", 100.0, 10.0)];
    ab[1].requires_all = vec![0];
    let mut s = scenario("2027-Q4");
    s.objective = Objective::Quarters;
    s.max_exams_per_quarter = 1;
    cases.push(("quarters", inputs(ab, vec![step(&[1], 1, 10.0)], people(1), vec![]), s, Some(2.0)));

    // Hours: A is cheap but long (50, 30 h), B dear but short (200, 5 h).
    let mut s = scenario("2027-Q4");
    s.objective = Objective::Hours;
    let ab = vec![cert("A", 50.0, 30.0), cert("B", 200.0, 5.0)];
    cases.push(("hours", inputs(ab, vec![step(&[0, 1], 1, 10.0)], people(1), vec![]), s, Some(5.0)));

    // Capacity: a part-timer with 5 hours cannot study C (10 h); the other one must.
    let mut staff = people(2);
    staff[0].hours_per_quarter = Some(5.0);
    staff[1].hourly_cost = 10.0;
    let mut s = scenario("2027-Q4");
    s.count_time_cost = true;
    cases.push(("capacity", inputs(c(), vec![step(&[0], 1, 10.0)], staff, vec![]), s, Some(200.0)));

    // counts_until before the deadline: C no longer counts, D (250) does.
    let mut cd = vec![cert("C", 100.0, 10.0), cert("D", 250.0, 10.0)];
    cd[0].counts_until = Some(d("2027-06-30"));
    cases.push((
        "counts_until",
        inputs(cd, vec![step(&[0, 1], 1, 10.0)], people(1), vec![]),
        scenario("2027-Q4"),
        Some(250.0),
    ));

    // Exclusion: p0 may not take C, p1 is dear.
    let mut staff = people(2);
    staff[0].exclude = vec![0];
    staff[1].hourly_cost = 20.0;
    let mut s = scenario("2027-Q4");
    s.count_time_cost = true;
    cases.push(("exclude", inputs(c(), vec![step(&[0], 1, 10.0)], staff, vec![]), s, Some(300.0)));

    // Best track: track `b` needs one person with C where `a` needs two.
    let mut best = inputs(c(), vec![step(&[0], 1, 10.0)], people(3), vec![]);
    let designation = &mut best.rules.designations[0];
    designation.track_rule = TrackRule::Best;
    designation.tracks = vec!["a".into(), "b".into()];
    designation.metrics[1].steps = vec![Step {
        certifications: vec![0],
        thresholds: vec![Some(Threshold { people: 2, points: 10.0 }), Some(Threshold { people: 1, points: 10.0 })],
    }];
    cases.push(("best track", best, scenario("2027-Q4"), Some(100.0)));

    // Pass rate: 100 / 0.5 per exam.
    let mut half = c();
    half[0].pass_rate = Some(0.5);
    cases.push((
        "pass rate",
        inputs(half, vec![step(&[0], 1, 10.0)], people(1), vec![]),
        scenario("2027-Q1"),
        Some(200.0),
    ));
    cases
}

#[test]
fn agrees_with_the_solver_on_hand_built_instances() {
    for (name, inputs, scenario, expected) in hand_cases() {
        let objective = cross_check(&inputs, &scenario, Backend::Microlp).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(agreement(expected, objective).is_ok(), "{name}: {objective:?}, worked out by hand {expected:?}");
    }
}

/// A small generated organisation (bundled catalogue and rules) whose profile gives every
/// non-skilling metric of `target` its cap except the largest, `short` below it, so that a
/// handful of people can qualify.
fn tiny_generated(people: usize, seed: u64, target: &str, short: f64) -> Inputs {
    let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
    let mut org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people, seed, today: d("2026-11-26") });
    let designation = &base.rules.designations[base.rules.designation_index(target).expect("a bundled designation")];
    let others: Vec<&Metric> = designation.metrics.iter().filter(|m| m.category != Category::Skilling).collect();
    let largest = others.iter().map(|m| m.max_points).fold(0.0, f64::max);
    let mut points = DesignationPoints::default();
    let mut lowered = false;
    for m in others {
        let value = if !lowered && m.max_points == largest {
            lowered = true;
            m.max_points - short
        } else {
            m.max_points
        };
        points.flat.insert(m.id.clone(), value);
    }
    org.profile.points.insert(target.to_string(), points);
    Inputs { org, ..base }
}

#[test]
fn agrees_with_the_solver_on_tiny_generated_organisations() {
    let designations =
        ["infrastructure", "digital-app-innovation", "data-ai", "security", "modern-work", "business-applications"];
    let (mut feasible, mut total) = (0, 0);
    for seed in 0..48u64 {
        let target = designations[seed as usize % designations.len()];
        let quarters = 1 + (seed / 6 % 3) as u32;
        // microlp's branch and bound grows fast with people × quarters: keep it small.
        let people = [6, 4, 3][quarters as usize - 1].min(2 + (seed as usize * 7) % 5);
        let short = [0.0, 4.0, 8.0, 2.0][seed as usize / 18 % 4];
        let mut inputs = tiny_generated(people, seed, target, short);
        if target == "modern-work" {
            // Its advanced metric lives on MS-102 holders only (the exam closed 2026-11-30):
            // one who must renew in 2026-Q4 to stay active.
            let ms102 = inputs.catalog.index_of("MS-102").expect("MS-102 in the catalogue");
            inputs.org.holdings.push(held(inputs.catalog.certs(), 0, ms102, "2026-06-01"));
        }
        let start = if seed / 2 % 2 == 0 { q("2027-Q1") } else { q("2026-Q4") };
        let mut scenario = generate::scenario(&[target.to_string()], start, quarters);
        match seed % 9 {
            1 => scenario.objective = Objective::Hours,
            2 => scenario.objective = Objective::Quarters,
            3 => scenario.budget = Some(15000.0),
            4 => scenario.buffer = 1,
            5 => scenario.goal = Goal::MaxSkilling,
            6 => scenario.max_exams_per_quarter = 1,
            7 => scenario.count_time_cost = false,
            _ => {}
        }
        let what = format!("seed {seed}: {people} people, {target}, {quarters} quarters from {start}");
        let objective = cross_check(&inputs, &scenario, Backend::Microlp).unwrap_or_else(|e| panic!("{what}: {e}"));
        feasible += usize::from(objective.is_some());
        total += 1;
    }
    assert!(feasible * 5 >= total * 2, "only {feasible} of {total} instances are feasible: the comparison says little");
}

/// The comparison is not vacuous: a textbook program that forgot the buffer (here: solving the
/// same scenario without it) gives a cheaper objective than the solver, and the cross-check's
/// agreement test rejects it.
#[test]
fn a_textbook_program_that_ignored_the_buffer_would_be_caught() {
    let (name, inputs, scenario, _) = hand_cases().into_iter().find(|c| c.0 == "buffer").expect("the buffer case");
    let right = cross_check(&inputs, &scenario, Backend::Microlp).unwrap_or_else(|e| panic!("{name}: {e}"));
    let solver = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solves").objective;
    let forgetful = Scenario { buffer: 0, ..scenario.clone() };
    let wrong = textbook::solve(&inputs, &forgetful, Backend::Microlp, 60.0).expect("solves").objective;
    assert_eq!((right, wrong), (Some(200.0), Some(100.0)));
    assert!(agreement(solver, wrong).is_err());
}

#[test]
fn max_points_is_not_modelled() {
    let (_, inputs, mut scenario, _) = hand_cases().remove(0);
    scenario.goal = Goal::MaxPoints;
    assert!(textbook::solve(&inputs, &scenario, Backend::Microlp, 10.0).is_err());
}

#[cfg(feature = "highs")]
mod highs {
    use super::*;

    /// 20, 40 and 100 people (two seeds each) × one and three targets × 1, 4 and 8 quarters ×
    /// starts 2026-Q4 and 2027-Q1, each with one of the scenario's knobs turned in rotation.
    #[test]
    fn agrees_with_the_solver_on_generated_organisations() {
        let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
        let today = d("2026-11-26");
        let targets = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (mut feasible, mut total) = (0, 0);
        for people in [20, 40, 100] {
            for seed in [7, 8] {
                let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people, seed, today });
                let inputs = Inputs { org, ..base.clone() };
                let one = targets(if seed == 7 { &["infrastructure"] } else { &["security"] });
                let three = targets(if seed == 7 {
                    &["infrastructure", "security", "digital-app-innovation"]
                } else {
                    &["security", "business-applications", "data-ai"]
                });
                for targets in [&one, &three] {
                    for quarters in [1, 4, 8] {
                        for start in ["2026-Q4", "2027-Q1"] {
                            let mut scenario = generate::scenario(targets, q(start), quarters);
                            let knob = match total % 7 {
                                1 => {
                                    scenario.objective = Objective::Hours;
                                    "hours"
                                }
                                2 => {
                                    scenario.objective = Objective::Quarters;
                                    "quarters"
                                }
                                3 => {
                                    scenario.buffer = 1;
                                    "buffer 1"
                                }
                                4 => {
                                    scenario.objective = Objective::Hours;
                                    scenario.budget = Some(30000.0);
                                    "hours within 30000"
                                }
                                5 => {
                                    scenario.goal = Goal::MaxSkilling;
                                    "max-skilling"
                                }
                                6 => {
                                    scenario.max_exams_per_quarter = 1;
                                    "one exam per quarter"
                                }
                                _ => "as generated",
                            };
                            let what = format!(
                                "{people} people (seed {seed}), {targets:?}, {quarters} quarters from {start}, {knob}"
                            );
                            let objective = cross_check(&inputs, &scenario, Backend::Highs)
                                .unwrap_or_else(|e| panic!("{what}: {e}"));
                            feasible += usize::from(objective.is_some());
                            total += 1;
                        }
                    }
                }
            }
        }
        assert!(feasible * 3 >= total, "only {feasible} of {total} instances are feasible");
    }

    /// Realistic-hard organisations (`generate::hard`: every person distinct, a varied
    /// catalogue): 20 and 40 people (two seeds each) × one, three and six targets × 1 and 4
    /// quarters from 2026-Q4, each with one of the scenario's knobs turned in rotation; the
    /// solver both as it chooses and with its priced enumeration forced.
    #[test]
    fn agrees_with_the_solver_on_realistic_hard_organisations() {
        let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
        let today = d("2026-11-26");
        let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
        let (mut feasible, mut total) = (0, 0);
        for people in [20, 40] {
            for seed in [3, 4] {
                let (catalog, org) = generate::hard(&base.catalog, &base.rules, &OrgSpec { people, seed, today });
                let inputs = Inputs { catalog, org, ..base.clone() };
                let one = vec![all[(seed as usize) % all.len()].clone()];
                let three: Vec<String> = all.iter().skip(seed as usize % 3).step_by(2).take(3).cloned().collect();
                for targets in [&one, &three, &all] {
                    for quarters in [1, 4] {
                        let mut scenario = generate::scenario(targets, q("2026-Q4"), quarters);
                        let knob = match total % 4 {
                            1 => {
                                scenario.objective = Objective::Hours;
                                "hours"
                            }
                            2 => {
                                scenario.buffer = 1;
                                "buffer 1"
                            }
                            3 => {
                                scenario.goal = Goal::MaxSkilling;
                                "max-skilling"
                            }
                            _ => "as generated",
                        };
                        let what = format!("{people} people (seed {seed}), {targets:?}, {quarters} quarters, {knob}");
                        let objective =
                            cross_check(&inputs, &scenario, Backend::Highs).unwrap_or_else(|e| panic!("{what}: {e}"));
                        // The priced enumeration (taken at once with no probe) agrees too.
                        let priced = SolveOptions { probe_seconds: 0.0, ..SolveOptions::default() };
                        let again = solver::solve(&inputs, &scenario, priced).unwrap_or_else(|e| panic!("{what}: {e}"));
                        agreement(again.objective, objective).unwrap_or_else(|e| panic!("{what}, priced: {e}"));
                        feasible += usize::from(objective.is_some());
                        total += 1;
                    }
                }
            }
        }
        assert!(feasible * 3 >= total, "only {feasible} of {total} instances are feasible");
    }

    /// Random realistic-hard cases of the sizes the hidden suites use (30 to 150 people, any
    /// subset of the designations, 2 to 8 quarters, three starts), each with one knob drawn:
    /// hours, buffers of 2, max- or min-skilling, one exam a quarter, the earliest quarter, or
    /// a budget set exactly at the optimum. Ignored in the default run (minutes);
    /// `CERTPLAN_SWEEP_CASES` (default 30) and `CERTPLAN_SWEEP_SEED` (default 1) choose the
    /// cases, so a failure names a seed that replays it.
    #[test]
    #[ignore]
    fn agrees_with_the_solver_on_random_realistic_hard_scenarios() {
        let number =
            |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
        let (cases, first) = (number("CERTPLAN_SWEEP_CASES", 30), number("CERTPLAN_SWEEP_SEED", 1));
        let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
        let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
        let mut feasible = 0;
        for seed in first..first + cases {
            let mut draw = Draw(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let people = [30, 60, 100, 150][draw.below(4)];
            let mut targets: Vec<String> = all.iter().filter(|_| draw.below(2) == 0).cloned().collect();
            if targets.is_empty() {
                targets.push(all[draw.below(all.len())].clone());
            }
            let quarters = [2, 3, 5, 6, 8][draw.below(5)] as u32;
            let start = ["2026-Q3", "2026-Q4", "2027-Q1"][draw.below(3)];
            let (catalog, org) =
                generate::hard(&base.catalog, &base.rules, &OrgSpec { people, seed, today: d("2026-11-26") });
            let inputs = Inputs { catalog, org, ..base.clone() };
            let mut scenario = generate::scenario(&targets, q(start), quarters);
            let knob = match draw.below(9) {
                1 => {
                    scenario.objective = Objective::Hours;
                    "hours"
                }
                2 => {
                    scenario.buffer = 2;
                    "buffer 2"
                }
                3 => {
                    scenario.goal = Goal::MaxSkilling;
                    "max-skilling"
                }
                4 => {
                    scenario.min_skilling.insert(targets[0].clone(), 20.0);
                    "min-skilling 20 on the first target"
                }
                5 => {
                    scenario.max_exams_per_quarter = 1;
                    "one exam per quarter"
                }
                6 => {
                    scenario.objective = Objective::Quarters;
                    "quarters"
                }
                7 => "budget at the optimum",
                8 => {
                    scenario.objective = Objective::Hours;
                    "hours within a budget between the cheapest plan and the fewest hours'"
                }
                _ => "as generated",
            };
            let what = format!("seed {seed}: {people} people, {targets:?}, {quarters} quarters from {start}, {knob}");
            let objective = cross_check_unless_out_of_time(&inputs, &scenario, Backend::Highs, true)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            eprintln!("{what}: {objective:?}");
            feasible += usize::from(objective.is_some());
            if let (Some(hours), true) = (objective, scenario.objective == Objective::Hours && knob.contains("budget"))
            {
                // The fewest hours' plan costs `dearest`, the cheapest plan `cheapest`: a
                // budget halfway makes the hours trade against the money.
                let fewest = solver::solve(&inputs, &scenario, SolveOptions::default()).expect("solved");
                let by_cost = Scenario { objective: Objective::Cost, ..scenario.clone() };
                let cheapest = solver::solve(&inputs, &by_cost, SolveOptions::default()).expect("solved").cost;
                scenario.budget = Some((cheapest + fewest.cost) / 2.0);
                let within = cross_check_unless_out_of_time(&inputs, &scenario, Backend::Highs, true)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                eprintln!(
                    "  within {:.2} (cheapest {cheapest:.2}, fewest hours {hours} at {:.2}): {within:?}",
                    (cheapest + fewest.cost) / 2.0,
                    fewest.cost
                );
            }
            if let (Some(optimum), "budget at the optimum") = (objective, knob) {
                scenario.budget = Some(optimum);
                let again = cross_check_unless_out_of_time(&inputs, &scenario, Backend::Highs, true)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                agreement(again, Some(optimum)).unwrap_or_else(|e| panic!("{what}, within the budget: {e}"));
            }
        }
        eprintln!("{feasible} of {cases} cases feasible, every one agreeing");
    }

    /// The sweep's draws (xorshift64): the organisation itself comes from `generate::hard`.
    struct Draw(u64);

    impl Draw {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Sizes the solver's decomposition is built for: 400 people, three and six targets.
    #[test]
    fn agrees_with_the_solver_on_a_large_organisation() {
        let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
        let org = generate::organisation(
            &base.catalog,
            &base.rules,
            &OrgSpec { people: 400, seed: 7, today: d("2026-11-26") },
        );
        let inputs = Inputs { org, ..base.clone() };
        let all: Vec<String> = base.rules.designations.iter().map(|d| d.id.clone()).collect();
        for targets in [&all[..3], &all[..]] {
            let scenario = generate::scenario(targets, q("2026-Q4"), 4);
            let objective =
                cross_check(&inputs, &scenario, Backend::Highs).unwrap_or_else(|e| panic!("{targets:?}: {e}"));
            assert!(objective.is_some(), "{targets:?} should be feasible");
        }
    }

    #[test]
    fn agrees_with_the_solver_on_the_bundled_scenarios() {
        let mut compared = 0;
        let mut files: Vec<_> = std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .expect("the scenarios folder")
            .map(|e| e.expect("a folder entry").path())
            .collect();
        files.sort();
        for path in files {
            let (scenarios, inputs) =
                certplan::io::load_scenarios(&path, &certplan::io::InputPaths::default(), d("2026-11-26"))
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for scenario in scenarios {
                if scenario.goal == Goal::MaxPoints {
                    continue;
                }
                cross_check(&inputs, &scenario, Backend::Highs)
                    .unwrap_or_else(|e| panic!("{} ({}): {e}", path.display(), scenario.name));
                compared += 1;
            }
        }
        assert!(compared >= 8, "only {compared} bundled scenarios compared");
    }
}
