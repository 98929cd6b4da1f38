//! One test per constraint family of the contract (§1.4, §3, §5), each showing that the
//! constraint binds: a tiny hand-built instance whose optimal plan is worked out by hand
//! from the contract, then the same instance with the constraint biting, and the precise
//! change that follows (cost, actions, status). Every plan returned is re-verified by the
//! independent checker.
//!
//! Unless a test says otherwise: one designation `d`, classified in its only track `a`;
//! qualifying score 70; a performance metric with 60 profile points (so 10 skilling points
//! are needed); start 2027-Q1; 40 study hours per quarter; 2 exams per quarter; pass rate
//! 1.0; no time cost; certifications valid 12 months with 2 renewal hours.

use crate::fixtures::*;
use certplan::check;
use certplan::model::Inputs;
use certplan::model::*;
use certplan::solver::{self, Outcome, SolveOptions, Status};
use std::collections::BTreeMap;

const P0: EmpIdx = 0;
const P1: EmpIdx = 1;
const P2: EmpIdx = 2;

fn exam(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Exam, cert: Some(c) }
}

fn renew(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Renew, cert: Some(c) }
}

fn link(quarter: &str, employee: EmpIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Link, cert: None }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Solves; any plan returned must pass the independent checker.
fn solve(inputs: &Inputs, scenario: &Scenario) -> Outcome {
    let outcome = solver::solve(inputs, scenario, SolveOptions::default()).expect("the solver answers");
    if !matches!(outcome.status, Status::Infeasible(_)) {
        let problems = check::verify(inputs, scenario, &outcome.plan, outcome.evaluation);
        assert!(problems.is_empty(), "the checker rejects {:?}: {problems:?}", outcome.plan);
    }
    outcome
}

fn sorted(actions: &[Action]) -> Vec<Action> {
    let mut v = actions.to_vec();
    v.sort();
    v
}

/// Solves, and asserts an optimal plan with exactly these actions and this total cost (and,
/// for the cost objective, this objective value).
#[track_caller]
fn expect(inputs: &Inputs, scenario: &Scenario, cost: f64, actions: &[Action]) -> Outcome {
    let outcome = solve(inputs, scenario);
    assert_eq!(outcome.status, Status::Optimal, "status (plan {:?})", outcome.plan);
    assert_eq!(sorted(&outcome.plan.actions), sorted(actions), "actions");
    assert!(close(outcome.cost, cost), "cost {} but expected {cost}", outcome.cost);
    if scenario.objective == Objective::Cost {
        assert!(outcome.objective.is_some_and(|o| close(o, cost)), "objective {:?} vs {cost}", outcome.objective);
    }
    outcome
}

/// Solves and asserts infeasibility; returns the reasons.
#[track_caller]
fn expect_infeasible(inputs: &Inputs, scenario: &Scenario) -> Vec<String> {
    let outcome = solve(inputs, scenario);
    match outcome.status {
        Status::Infeasible(reasons) => {
            assert!(outcome.plan.actions.is_empty(), "an infeasible outcome carries no plan");
            assert!(outcome.objective.is_none(), "an infeasible outcome has no objective");
            reasons
        }
        other => panic!("expected infeasible, got {other:?} with plan {:?}", outcome.plan),
    }
}

#[track_caller]
fn assert_close(got: f64, want: f64, what: &str) {
    assert!(close(got, want), "{what}: {got} but expected {want}");
}

// X: 30 h, Y: 20 h; one step each worth 5 points: a person needs both (50 h).
fn two_step_certs(x_until: Option<&str>) -> Vec<Certification> {
    vec![Certification { exam_until: x_until.map(d), ..cert("X", 100.0, 30.0) }, cert("Y", 100.0, 20.0)]
}

fn two_steps() -> Vec<Step> {
    vec![step(&[0], 1, 5.0), step(&[1], 1, 5.0)]
}

/// (0) A goal that already holds needs nothing: the empty plan, proven optimal at once
/// (no person's options are worked out: no build time, no node), for every objective; for
/// `quarters` the value is 1. One quarter short of a holding's expiry it holds, after it the
/// plan must renew.
#[test]
fn a_goal_that_already_holds_is_answered_with_the_empty_plan() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    let holders = vec![person("p0"), person("p1"), person("p2")];
    let held = vec![holding(P0, X, Some("2026-10-01"), Some("2027-09-30")), holding(P1, Y, Some("2026-10-01"), None)];
    let inputs = simple(two_step_certs(None), two_steps(), holders, held);
    for objective in [Objective::Cost, Objective::Hours, Objective::Quarters] {
        let mut sc = scenario("2027-Q3");
        sc.objective = objective;
        let o = expect(&inputs, &sc, 0.0, &[]);
        assert_eq!((o.nodes, o.build_seconds), (0, 0.0), "{objective:?}: nothing was built or searched");
        let want = if objective == Objective::Quarters { 1.0 } else { 0.0 };
        assert_eq!(o.objective, Some(want), "{objective:?}");
    }
    // On 2027-12-31 X has expired: p0 renews it (2 hours, free without time cost) in one of
    // the quarters its window overlaps.
    let o = solve(&inputs, &scenario("2027-Q4"));
    assert_eq!(o.status, Status::Optimal);
    let renewals: Vec<_> = o.plan.actions.iter().map(|a| (a.employee, a.kind, a.cert)).collect();
    assert_eq!(renewals, [(P0, ActionKind::Renew, Some(X))]);
    assert_close(o.hours, 2.0, "hours");
}

/// (1) Study hours of exams in one quarter ≤ hours_per_quarter (employee's, else the
/// scenario's): a second quarter, or a second person, takes what does not fit.
#[test]
fn hours_per_quarter_forces_a_second_quarter_or_a_second_person() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // One person; X can only be taken in Q1 (exam_until 2027-03-31) which pins the order.
    let alone = |hpq: Option<f64>| {
        simple(
            two_step_certs(Some("2027-03-31")),
            two_steps(),
            vec![Employee { hours_per_quarter: hpq, ..person("p0") }],
            vec![],
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.hours_per_quarter = 50.0;
    let o = expect(&alone(None), &sc, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    assert_close(o.hours, 50.0, "hours");
    // 40 hours a quarter: 30 + 20 no longer fit in Q1.
    sc.hours_per_quarter = 40.0;
    expect_infeasible(&alone(None), &sc);
    // With Q2 in the horizon, Y moves to Q2 (X is only available in Q1).
    let sc2 = scenario("2027-Q2");
    expect(&alone(None), &sc2, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q2", P0, Y)]);
    // The employee's own capacity overrides the scenario's default, both ways.
    expect(&alone(Some(50.0)), &sc, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    let mut roomy = scenario("2027-Q1");
    roomy.hours_per_quarter = 50.0;
    expect_infeasible(&alone(Some(40.0)), &roomy);

    // Two people in one quarter: p0 is free, p1 costs 1 an hour.
    let pair = |hpq: Option<f64>| {
        simple(
            two_step_certs(None),
            two_steps(),
            vec![Employee { hours_per_quarter: hpq, ..person("p0") }, paid("p1", 1.0)],
            vec![],
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    sc.hours_per_quarter = 50.0;
    expect(&pair(None), &sc, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    // p0 has 40 hours: p0 keeps X (30 h), p1 takes Y for 100 + 20 × 1 (not X for 130).
    let o = expect(&pair(Some(40.0)), &sc, 220.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P1, Y)]);
    assert_close(o.hours, 50.0, "hours");
}

/// (2) Exams per person and quarter ≤ max_exams_per_quarter; renewals do not count.
#[test]
fn max_exams_per_quarter_forces_a_second_person_and_ignores_renewals() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    let certs = || vec![cert("X", 100.0, 20.0), cert("Y", 100.0, 10.0)];
    let alone = simple(certs(), two_steps(), vec![person("p0")], vec![]);
    let mut sc = scenario("2027-Q1");
    expect(&alone, &sc, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    sc.max_exams_per_quarter = 1;
    expect_infeasible(&alone, &sc);

    let pair = simple(certs(), two_steps(), vec![person("p0"), paid("p1", 1.0)], vec![]);
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    expect(&pair, &sc, 200.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    // One exam each: p1 takes Y (100 + 10) rather than X (100 + 20).
    sc.max_exams_per_quarter = 1;
    expect(&pair, &sc, 210.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P1, Y)]);

    // A renewal is not an exam: p0's Y expires 2027-02-15 (window 2026-08-15..2027-02-15
    // overlaps Q1), so one exam plus one renewal fit in Q1 with max 1.
    let renewing =
        simple(certs(), two_steps(), vec![person("p0")], vec![holding(P0, Y, Some("2026-02-15"), Some("2027-02-15"))]);
    let mut sc = scenario("2027-Q1");
    sc.max_exams_per_quarter = 1;
    let o = expect(&renewing, &sc, 100.0, &[exam("2027-Q1", P0, X), renew("2027-Q1", P0, Y)]);
    assert_close(o.hours, 22.0, "hours");
}

/// (3) An exam only in quarters starting on or before exam_until; the certification is
/// held from the quarter's last day even when that is after exam_until.
#[test]
fn exam_until_limits_the_quarters_but_not_the_holding() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // p0 needs X (30 h) and Y (30 h) with 40 h a quarter; Y only in Q1.
    let make = |x_until: &str| {
        simple(
            vec![
                Certification { exam_until: Some(d(x_until)), ..cert("X", 100.0, 30.0) },
                Certification { exam_until: Some(d("2027-01-01")), ..cert("Y", 100.0, 30.0) },
            ],
            vec![step(&[X], 1, 5.0), step(&[Y], 1, 5.0)],
            vec![person("p0")],
            vec![],
        )
    };
    let sc = scenario("2027-Q4");
    // Q2 starts 2027-04-01 ≤ exam_until: X goes there (and never to Q3/Q4, which are free).
    let inputs = make("2027-04-01");
    expect(&inputs, &sc, 200.0, &[exam("2027-Q1", P0, Y), exam("2027-Q2", P0, X)]);
    let late = Plan { actions: vec![exam("2027-Q1", P0, Y), exam("2027-Q3", P0, X)] };
    assert!(!check::verify(&inputs, &sc, &late, q("2027-Q4")).is_empty(), "X in Q3 starts after its exam_until");
    // exam_until 2027-03-31: Q2 starts after it, X and Y both need Q1 (60 h > 40 h).
    expect_infeasible(&make("2027-03-31"), &sc);

    // Held from the last day of the quarter (2027-03-31), after exam_until 2027-01-15.
    let z = |until: &str| {
        simple(
            vec![Certification { exam_until: Some(d(until)), ..cert("Z", 100.0, 10.0) }],
            vec![step(&[0], 1, 10.0)],
            vec![person("p0")],
            vec![],
        )
    };
    expect(&z("2027-01-15"), &scenario("2027-Q1"), 100.0, &[exam("2027-Q1", P0, 0)]);
    // Over the year it still can only be Q1, and still counts on 2027-12-31.
    expect(&z("2027-01-15"), &scenario("2027-Q4"), 100.0, &[exam("2027-Q1", P0, 0)]);
    // No quarter starts on or before 2026-12-31.
    expect_infeasible(&z("2026-12-31"), &scenario("2027-Q4"));
}

/// (4) A holding expiring before the evaluation day does not count unless renewed; an
/// expired certification can only be earned again by exam.
#[test]
fn an_expiring_holding_counts_only_when_renewed() {
    const X: CertIdx = 0;
    let make = |expires: &str, renewal_hours: f64| {
        simple(
            vec![Certification { renewal_hours, ..cert("X", 100.0, 30.0) }],
            vec![step(&[X], 1, 10.0)],
            vec![paid("p0", 10.0)],
            vec![holding(P0, X, Some("2026-03-20"), Some(expires))],
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    // Active on 2027-03-31: nothing to do.
    let o = expect(&make("2027-04-05", 2.0), &sc, 0.0, &[]);
    assert_close(o.hours, 0.0, "hours");
    // Expired on 2027-03-20: renew in Q1 (window 2026-09-20..2027-03-20), 2 h × 10.
    let o = expect(&make("2027-03-20", 2.0), &sc, 20.0, &[renew("2027-Q1", P0, X)]);
    assert_close(o.hours, 2.0, "hours");
    // A renewal that does not fit in 40 h: the only way back is the exam, 100 + 30 × 10.
    let o = expect(&make("2027-03-20", 50.0), &sc, 400.0, &[exam("2027-Q1", P0, X)]);
    assert_close(o.hours, 30.0, "hours");
}

/// (5) A renewal only in a quarter overlapping [expires_on − 6 months, expires_on] (and
/// starting on or before exam_until); with the window before start, an exam is needed.
#[test]
fn renewal_only_inside_its_window() {
    const X: CertIdx = 0;
    let make = |expires: &str, until: Option<&str>| {
        let earned = d(expires).add_months(-12).to_string();
        simple(
            vec![Certification { exam_until: until.map(d), ..cert("X", 100.0, 30.0) }],
            vec![step(&[X], 1, 10.0)],
            vec![person("p0")],
            vec![holding(P0, X, Some(&earned), Some(expires))],
        )
    };
    let sc = scenario("2027-Q4");
    // Expires 2027-11-15: window 2027-05-15..2027-11-15 overlaps Q2, Q3, Q4 but not Q1.
    let inputs = make("2027-11-15", None);
    let o = solve(&inputs, &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_eq!(o.plan.actions.len(), 1, "{:?}", o.plan);
    let a = o.plan.actions[0];
    assert_eq!((a.employee, a.kind, a.cert), (P0, ActionKind::Renew, Some(X)), "{a:?}");
    assert!(a.quarter >= q("2027-Q2") && a.quarter <= q("2027-Q4"), "renewal in {}", a.quarter);
    assert_close(o.cost, 0.0, "cost");
    assert_close(o.hours, 2.0, "hours");
    // The checker agrees: a Q1 renewal is outside the window, Q2 and Q4 are inside.
    let at = |quarter: &str| check::verify(&inputs, &sc, &Plan { actions: vec![renew(quarter, P0, X)] }, q("2027-Q4"));
    assert!(!at("2027-Q1").is_empty(), "Q1 ends 2027-03-31, before the window opens on 2027-05-15");
    assert!(at("2027-Q2").is_empty(), "{:?}", at("2027-Q2"));
    assert!(at("2027-Q4").is_empty(), "{:?}", at("2027-Q4"));
    // With exam_until 2027-04-01 only Q1 and Q2 can hold a renewal: Q2 exactly.
    expect(&make("2027-11-15", Some("2027-04-01")), &sc, 0.0, &[renew("2027-Q2", P0, X)]);

    // Expired 2026-12-15: the window 2026-06-15..2026-12-15 is before start; exam needed.
    let gone = make("2026-12-15", None);
    let sc1 = scenario("2027-Q1");
    expect(&gone, &sc1, 100.0, &[exam("2027-Q1", P0, X)]);
    let renewal = Plan { actions: vec![renew("2027-Q1", P0, X)] };
    assert!(!check::verify(&gone, &sc1, &renewal, q("2027-Q1")).is_empty());

    // A planned exam expires valid_months (6 here) after its quarter's last day: taken in
    // Q1 or Q2 it lapses before 2027-12-31 (2027-09-30, 2027-12-30) and needs a renewal
    // (2 h); taken in Q3 or Q4 it does not. Cost ties at 100; hours pick Q3/Q4 (30 h).
    let fresh = |until: Option<&str>| {
        simple(
            vec![Certification { valid_months: 6, exam_until: until.map(d), ..cert("X", 100.0, 30.0) }],
            vec![step(&[X], 1, 10.0)],
            vec![person("p0")],
            vec![],
        )
    };
    let o = solve(&fresh(None), &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_close(o.cost, 100.0, "cost");
    assert_close(o.hours, 30.0, "hours");
    assert_eq!(o.plan.actions.len(), 1, "{:?}", o.plan);
    let a = o.plan.actions[0];
    assert_eq!((a.employee, a.kind, a.cert), (P0, ActionKind::Exam, Some(X)), "{a:?}");
    assert!(a.quarter >= q("2027-Q3"), "an exam in {} lapses before 2027-12-31", a.quarter);
    // Available until 2027-06-30 only: the exam (Q1 or Q2) must be renewed in the plan,
    // in a quarter starting on or before 2027-06-30 that overlaps the new grant's window.
    let inputs = fresh(Some("2027-06-30"));
    let o = solve(&inputs, &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_close(o.cost, 100.0, "cost");
    assert_close(o.hours, 32.0, "hours");
    let kinds: Vec<_> = sorted(&o.plan.actions).iter().map(|a| (a.employee, a.kind, a.cert)).collect();
    assert_eq!(kinds, vec![(P0, ActionKind::Exam, Some(X)), (P0, ActionKind::Renew, Some(X))], "{:?}", o.plan);
    assert!(o.plan.actions.iter().all(|a| a.quarter <= q("2027-Q2")), "{:?}", o.plan);
    // Exam in Q2 (expires 2027-12-30): renewing in Q2 works, in Q3 it is past exam_until.
    let ok = Plan { actions: vec![exam("2027-Q2", P0, X), renew("2027-Q2", P0, X)] };
    assert!(
        check::verify(&inputs, &sc, &ok, q("2027-Q4")).is_empty(),
        "{:?}",
        check::verify(&inputs, &sc, &ok, q("2027-Q4"))
    );
    let late = Plan { actions: vec![exam("2027-Q2", P0, X), renew("2027-Q3", P0, X)] };
    assert!(!check::verify(&inputs, &sc, &late, q("2027-Q4")).is_empty());
}

/// (6) A person leaving on or before the evaluation day never counts and gets no actions.
#[test]
fn a_leaver_never_counts_and_gets_no_actions() {
    const X: CertIdx = 0;
    let make = |leaves: Option<&str>, holds: bool| {
        simple(
            vec![cert("X", 100.0, 30.0)],
            vec![step(&[X], 1, 10.0)],
            vec![Employee { leaves_on: leaves.map(d), ..person("p0") }, paid("p1", 1.0)],
            if holds { vec![forever(P0, X)] } else { vec![] },
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    // p0 (free) is the cheaper candidate while present on 2027-03-31.
    expect(&make(None, false), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    expect(&make(Some("2027-04-01"), false), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    // Leaving on the evaluation day, or before: p1 takes it for 100 + 30 × 1.
    expect(&make(Some("2027-03-31"), false), &sc, 130.0, &[exam("2027-Q1", P1, X)]);
    expect(&make(Some("2027-02-01"), false), &sc, 130.0, &[exam("2027-Q1", P1, X)]);
    // p0's existing certification counts only while p0 is there.
    expect(&make(Some("2027-04-01"), true), &sc, 0.0, &[]);
    expect(&make(Some("2027-03-31"), true), &sc, 130.0, &[exam("2027-Q1", P1, X)]);
}

/// (7) An unlinked person counts once a link is planned (in the start quarter), and is
/// linked only when the plan relies on them.
#[test]
fn an_unlinked_person_is_linked_only_when_needed() {
    const X: CertIdx = 0;
    let make = |people: u32, p1_holds: bool, p0_holds: bool| {
        let mut holdings = vec![];
        if p0_holds {
            holdings.push(forever(P0, X));
        }
        if p1_holds {
            holdings.push(forever(P1, X));
        }
        simple(
            vec![cert("X", 100.0, 30.0)],
            vec![step(&[X], people, 10.0)],
            vec![Employee { linked: false, ..person("p0") }, paid("p1", 1.0)],
            holdings,
        )
    };
    let sc = scenario("2027-Q4");
    // p0's X is the free way to qualify: link in the start quarter even with a Q4 deadline.
    let o = expect(&make(1, false, true), &sc, 0.0, &[link("2027-Q1", P0)]);
    assert_close(o.hours, 0.0, "hours");
    // p1 already counts X: no link.
    expect(&make(1, true, true), &sc, 0.0, &[]);
    // Two people needed: both p1 and the (linked) p0.
    expect(&make(2, true, true), &sc, 0.0, &[link("2027-Q1", P0)]);
    // An unlinked person's new exam needs the link too (p0: 100, p1: 100 + 30 × 1).
    let mut sc1 = scenario("2027-Q1");
    sc1.count_time_cost = true;
    expect(&make(1, false, false), &sc1, 100.0, &[link("2027-Q1", P0), exam("2027-Q1", P0, X)]);
}

/// (8) requires_any: the certification counts only with a prerequisite held and active.
#[test]
fn prerequisites_are_planned_or_reused() {
    const P: CertIdx = 0;
    const X: CertIdx = 1;
    const P2: CertIdx = 2;
    let certs = |requires: Vec<CertIdx>| {
        vec![
            cert("P", 50.0, 10.0),
            Certification { requires_any: requires, ..cert("X", 100.0, 10.0) },
            cert("P2", 30.0, 10.0),
        ]
    };
    let make = |requires: Vec<CertIdx>, people: Vec<Employee>, holdings: Vec<Holding>| {
        simple(certs(requires), vec![step(&[X], 1, 10.0)], people, holdings)
    };
    let sc = scenario("2027-Q1");
    // No prerequisite: X alone.
    expect(&make(vec![], vec![person("p0")], vec![]), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    // requires_any P: the plan includes P's exam (50 + 100).
    expect(&make(vec![P], vec![person("p0")], vec![]), &sc, 150.0, &[exam("2027-Q1", P0, P), exam("2027-Q1", P0, X)]);
    // The cheapest of the alternatives: P2 (30) rather than P (50).
    expect(
        &make(vec![P, P2], vec![person("p0")], vec![]),
        &sc,
        130.0,
        &[exam("2027-Q1", P0, P2), exam("2027-Q1", P0, X)],
    );
    // p1 already holds P: p1 takes X alone.
    expect(
        &make(vec![P], vec![person("p0"), person("p1")], vec![forever(P1, P)]),
        &sc,
        100.0,
        &[exam("2027-Q1", P1, X)],
    );
    // p1's P expires 2027-02-01: it must be active on 2027-03-31, so p1 renews it (free).
    let o = expect(
        &make(vec![P], vec![person("p0"), person("p1")], vec![holding(P1, P, Some("2026-02-01"), Some("2027-02-01"))]),
        &sc,
        100.0,
        &[renew("2027-Q1", P1, P), exam("2027-Q1", P1, X)],
    );
    assert_close(o.hours, 12.0, "hours");
}

/// (9) buffer = 1: every step's count is reduced by one, so one more person is needed.
#[test]
fn buffer_needs_one_more_person() {
    const X: CertIdx = 0;
    let make = |p0_holds: bool| {
        simple(
            vec![cert("X", 100.0, 30.0)],
            vec![step(&[X], 1, 10.0)],
            vec![person("p0"), paid("p1", 1.0), paid("p2", 2.0)],
            if p0_holds { vec![forever(P0, X)] } else { vec![] },
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    expect(&make(true), &sc, 0.0, &[]);
    expect(&make(false), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    sc.buffer = 1;
    // The cheapest extra person is p1 (100 + 30 × 1), not p2 (100 + 30 × 2).
    expect(&make(true), &sc, 130.0, &[exam("2027-Q1", P1, X)]);
    expect(&make(false), &sc, 230.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P1, X)]);
    // buffer = 2 on top of p0's X: p1 (130) and p2 (100 + 30 × 2 = 160).
    sc.buffer = 2;
    expect(&make(true), &sc, 290.0, &[exam("2027-Q1", P1, X), exam("2027-Q1", P2, X)]);
}

/// (10) budget caps the total cost: below the optimum → infeasible (reason mentions the
/// budget); at the optimum → feasible; under `hours` it forces a slower, cheaper plan.
#[test]
fn budget_caps_the_total_cost() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // X: 100 and 10 h; Y: 300 and 5 h; either fills the step.
    let inputs = simple(
        vec![cert("X", 100.0, 10.0), cert("Y", 300.0, 5.0)],
        vec![step(&[X, Y], 1, 10.0)],
        vec![person("p0")],
        vec![],
    );
    let mut sc = scenario("2027-Q1");
    expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    sc.budget = Some(99.99);
    let reasons = expect_infeasible(&inputs, &sc);
    assert!(reasons.iter().any(|r| r.contains("budget")), "{reasons:?}");
    sc.budget = Some(100.0);
    expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    // Budget comparisons allow 1e-6.
    sc.budget = Some(100.0 - 1e-7);
    expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);

    sc.objective = Objective::Hours;
    sc.budget = None;
    let o = expect(&inputs, &sc, 300.0, &[exam("2027-Q1", P0, Y)]);
    assert_eq!(o.objective, Some(5.0));
    sc.budget = Some(200.0);
    let o = expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    assert_eq!(o.objective, Some(10.0));
}

/// (11) track_rule = "best": some track qualifying is enough (SMB needs one person where
/// enterprise needs two); a classified designation uses the profile's track only.
#[test]
fn best_track_qualifies_through_smb_classified_uses_the_profile_track() {
    const X: CertIdx = 0;
    let make = |rule: TrackRule, track: &str, people: Vec<Employee>| {
        let s = Step {
            certifications: vec![X],
            thresholds: vec![Some(Threshold { people: 2, points: 10.0 }), Some(Threshold { people: 1, points: 10.0 })],
        };
        build(
            vec![cert("X", 100.0, 30.0)],
            designation(&["enterprise", "smb"], rule, 30.0, vec![s]),
            people,
            vec![],
            60.0,
            track,
        )
    };
    let two = || vec![person("p0"), paid("p1", 1.0)];
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    // Best: SMB qualifies with one exam, whatever the profile says.
    expect(&make(TrackRule::Best, "enterprise", two()), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    expect(&make(TrackRule::Best, "enterprise", vec![person("p0")]), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    // Classified enterprise: two people (100 + 130), and SMB does not help.
    expect(
        &make(TrackRule::Classified, "enterprise", two()),
        &sc,
        230.0,
        &[exam("2027-Q1", P0, X), exam("2027-Q1", P1, X)],
    );
    expect_infeasible(&make(TrackRule::Classified, "enterprise", vec![person("p0")]), &sc);
    // Classified SMB: one exam.
    expect(&make(TrackRule::Classified, "smb", two()), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
}

/// (12) objective = hours minimises study and renewal hours (cost breaks ties), cost
/// includes hourly cost × hours only with count_time_cost: they pick different people.
#[test]
fn objective_hours_and_cost_choose_different_people() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // p0 (100 an hour) holds X expiring 2027-03-20 (renewable in Q1, 2 h); p1 is free.
    let inputs = simple(
        vec![cert("X", 100.0, 20.0)],
        vec![step(&[X], 1, 10.0)],
        vec![paid("p0", 100.0), person("p1")],
        vec![holding(P0, X, Some("2026-03-20"), Some("2027-03-20"))],
    );
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    // Cost: p1's exam (100) beats p0's renewal (2 × 100 = 200).
    let o = expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P1, X)]);
    assert_close(o.hours, 20.0, "hours");
    // Hours: p0's renewal (2 h) beats p1's exam (20 h).
    sc.objective = Objective::Hours;
    let o = expect(&inputs, &sc, 200.0, &[renew("2027-Q1", P0, X)]);
    assert_eq!(o.objective, Some(2.0));
    // Without time cost the renewal is free: cost also picks p0.
    sc.objective = Objective::Cost;
    sc.count_time_cost = false;
    expect(&inputs, &sc, 0.0, &[renew("2027-Q1", P0, X)]);

    // Hours picks the quick certification, and cost breaks the tie between people.
    let inputs = simple(
        vec![cert("X", 100.0, 10.0), cert("Y", 20.0, 30.0)],
        vec![step(&[X, Y], 1, 10.0)],
        vec![person("p0"), paid("p1", 10.0)],
        vec![],
    );
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    let o = expect(&inputs, &sc, 20.0, &[exam("2027-Q1", P0, Y)]);
    assert_close(o.hours, 30.0, "hours");
    sc.objective = Objective::Hours;
    // X takes 10 h for either person; p0 pays 100, p1 100 + 10 × 10.
    let o = expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    assert_eq!(o.objective, Some(10.0));
    assert_close(o.hours, 10.0, "hours");
}

/// (13) objective = quarters: the earliest quarter in which the targets hold (1-based),
/// then the lowest cost; the budget still applies.
#[test]
fn objective_quarters_earliest_then_cheapest() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    let make =
        |people: Vec<Employee>, holdings: Vec<Holding>| simple(two_step_certs(None), two_steps(), people, holdings);
    let pair = make(vec![person("p0"), paid("p1", 1.0)], vec![]);
    let mut sc = scenario("2027-Q4");
    sc.count_time_cost = true;

    // Cost over the year: p0 takes both (200) in two different quarters (30 + 20 h > 40 h).
    let o = solve(&pair, &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_close(o.cost, 200.0, "cost");
    assert_eq!(o.evaluation, q("2027-Q4"));
    let quarters = p0_quarters_of_x_and_y(&o);
    assert_ne!(quarters.0, quarters.1, "30 h + 20 h do not fit in one quarter of 40 h");

    // Quarters: both steps can be filled in Q1 only with p1's help: p0 X + p1 Y
    // (100 + 100 + 20 × 1 = 220) beats p0 Y + p1 X (230). Evaluated on 2027-03-31.
    sc.objective = Objective::Quarters;
    let o = expect(&pair, &sc, 220.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P1, Y)]);
    assert_eq!(o.objective, Some(1.0));
    assert_eq!(o.evaluation, q("2027-Q1"));
    assert_close(o.hours, 50.0, "hours");

    // The budget still applies: 210 rules Q1 out; Q2 costs 200 with p0 alone.
    sc.budget = Some(210.0);
    let o = solve(&pair, &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_eq!(o.objective, Some(2.0));
    assert_eq!(o.evaluation, q("2027-Q2"));
    assert_close(o.cost, 200.0, "cost");
    let quarters = p0_quarters_of_x_and_y(&o);
    assert_eq!(sorted_pair(quarters), (q("2027-Q1"), q("2027-Q2")));

    // Alone, p0 needs two quarters: value 2, nothing planned after Q2.
    sc.budget = None;
    let alone = make(vec![person("p0")], vec![]);
    let o = solve(&alone, &sc);
    assert_eq!(o.status, Status::Optimal);
    assert_eq!(o.objective, Some(2.0));
    assert_eq!(o.evaluation, q("2027-Q2"));
    assert_close(o.cost, 200.0, "cost");
    assert_eq!(sorted_pair(p0_quarters_of_x_and_y(&o)), (q("2027-Q1"), q("2027-Q2")));

    // Already qualified at the end of the start quarter: value 1, nothing to do.
    let done = make(vec![person("p0")], vec![forever(P0, X), forever(P0, Y)]);
    let o = expect(&done, &sc, 0.0, &[]);
    assert_eq!(o.objective, Some(1.0));
    assert_eq!(o.evaluation, q("2027-Q1"));
}

/// The plan is exactly p0's exams of X and Y (certs 0 and 1); their quarters.
#[track_caller]
fn p0_quarters_of_x_and_y(o: &Outcome) -> (Quarter, Quarter) {
    let actions = sorted(&o.plan.actions);
    assert_eq!(actions.len(), 2, "{actions:?}");
    let find = |c: CertIdx| {
        let a =
            actions.iter().find(|a| a.cert == Some(c)).unwrap_or_else(|| panic!("no action for cert {c}: {actions:?}"));
        assert_eq!((a.employee, a.kind), (P0, ActionKind::Exam), "{a:?}");
        a.quarter
    };
    (find(0), find(1))
}

fn sorted_pair((a, b): (Quarter, Quarter)) -> (Quarter, Quarter) {
    (a.min(b), a.max(b))
}

/// (14) Expected cost of an exam = exam_fee / pass_rate + training_fee (+ study_hours ×
/// hourly_cost with count_time_cost); a certification's own pass_rate overrides the
/// scenario's.
#[test]
fn pass_rate_scales_the_exam_fee() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // X: fee 100, training 50, 10 h, scenario pass rate. Y: fee 160, 10 h, always passed.
    let certs = |x_pass: Option<f64>| {
        vec![
            Certification { training_fee: 50.0, pass_rate: x_pass, ..cert("X", 100.0, 10.0) },
            Certification { pass_rate: Some(1.0), ..cert("Y", 160.0, 10.0) },
        ]
    };
    let make = |x_pass: Option<f64>, group: &[CertIdx]| {
        simple(certs(x_pass), vec![step(group, 1, 10.0)], vec![paid("p0", 3.0)], vec![])
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    sc.pass_rate = 0.8;
    // 100 / 0.8 + 50 + 10 × 3 = 205.
    let o = expect(&make(None, &[X]), &sc, 205.0, &[exam("2027-Q1", P0, X)]);
    assert_close(o.hours, 10.0, "hours");
    // Without time cost: 125 + 50.
    sc.count_time_cost = false;
    expect(&make(None, &[X]), &sc, 175.0, &[exam("2027-Q1", P0, X)]);
    sc.count_time_cost = true;

    // Either fills the step. Pass rate 1: X 180 < Y 190.
    sc.pass_rate = 1.0;
    expect(&make(None, &[X, Y]), &sc, 180.0, &[exam("2027-Q1", P0, X)]);
    // Pass rate 0.8: X 205 > Y 190 (Y's own pass rate 1.0 overrides the scenario's).
    sc.pass_rate = 0.8;
    expect(&make(None, &[X, Y]), &sc, 190.0, &[exam("2027-Q1", P0, Y)]);
    // X's own pass rate 0.5 with the scenario at 1.0: X 200 + 50 + 30 = 280 > Y 190.
    sc.pass_rate = 1.0;
    expect(&make(Some(0.5), &[X, Y]), &sc, 190.0, &[exam("2027-Q1", P0, Y)]);
    expect(&make(Some(0.5), &[X]), &sc, 280.0, &[exam("2027-Q1", P0, X)]);
}

/// (15) exclude: a certification never planned for that person.
#[test]
fn exclude_moves_the_exam_to_someone_else() {
    const X: CertIdx = 0;
    let make = |p0_excl: bool, p1_excl: bool| {
        let ex = |b: bool| if b { vec![X] } else { vec![] };
        simple(
            vec![cert("X", 100.0, 30.0)],
            vec![step(&[X], 1, 10.0)],
            vec![
                Employee { exclude: ex(p0_excl), ..person("p0") },
                Employee { exclude: ex(p1_excl), ..paid("p1", 1.0) },
            ],
            vec![],
        )
    };
    let mut sc = scenario("2027-Q1");
    sc.count_time_cost = true;
    expect(&make(false, false), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    expect(&make(true, false), &sc, 130.0, &[exam("2027-Q1", P1, X)]);
    expect_infeasible(&make(true, true), &sc);
}

/// (16) counts_until: a retired certification earns points up to that day, not after.
#[test]
fn counts_until_stops_a_retired_certification_counting() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    // X is cheap (10) but retiring; Y costs 100; either fills the step.
    let make = |until: Option<&str>, p0_holds: bool| {
        simple(
            vec![Certification { counts_until: until.map(d), ..cert("X", 10.0, 10.0) }, cert("Y", 100.0, 10.0)],
            vec![step(&[X, Y], 1, 10.0)],
            vec![person("p0")],
            if p0_holds { vec![forever(P0, X)] } else { vec![] },
        )
    };
    let sc = scenario("2027-Q1");
    expect(&make(None, false), &sc, 10.0, &[exam("2027-Q1", P0, X)]);
    expect(&make(Some("2027-03-31"), false), &sc, 10.0, &[exam("2027-Q1", P0, X)]);
    // Evaluated on 2027-03-31, after counts_until: X is useless, new or held.
    expect(&make(Some("2027-03-30"), false), &sc, 100.0, &[exam("2027-Q1", P0, Y)]);
    expect(&make(Some("2027-03-30"), true), &sc, 100.0, &[exam("2027-Q1", P0, Y)]);
    expect(&make(Some("2027-03-31"), true), &sc, 0.0, &[]);
    // A held X counting until 2027-06-30: enough for a Q2 deadline, not for Q3.
    expect(&make(Some("2027-06-30"), true), &scenario("2027-Q2"), 0.0, &[]);
    let o = solve(&make(Some("2027-06-30"), true), &scenario("2027-Q3"));
    assert_eq!(o.status, Status::Optimal);
    assert_close(o.cost, 100.0, "cost");
    assert_eq!(o.plan.actions.len(), 1, "{:?}", o.plan);
    let a = o.plan.actions[0];
    assert_eq!((a.employee, a.kind, a.cert), (P0, ActionKind::Exam, Some(Y)), "{a:?}");
}

// Two steps of 10 points each, the second open only once the first is complete.
fn ladder_certs() -> Vec<Certification> {
    vec![cert("X", 100.0, 10.0), cert("Y", 80.0, 10.0)]
}

fn ladder(max: f64) -> Designation {
    designation(&["a"], TrackRule::Classified, max, vec![step(&[0], 1, 10.0), step(&[1], 1, 10.0)])
}

/// (17) min_skilling: an extra floor on the capped skilling sum.
#[test]
fn min_skilling_floor_adds_a_step() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    let inputs = build(ladder_certs(), ladder(30.0), vec![person("p0")], vec![], 60.0, "a");
    let mut sc = scenario("2027-Q1");
    // Qualifying needs 10 skilling points: X (step 2 alone would earn nothing).
    expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    let floor = |v: f64| BTreeMap::from([("d".to_string(), v)]);
    sc.min_skilling = floor(10.0);
    expect(&inputs, &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    // 15 or 20 need step 2 as well: X + Y.
    sc.min_skilling = floor(15.0);
    expect(&inputs, &sc, 180.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    sc.min_skilling = floor(20.0);
    expect(&inputs, &sc, 180.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    // 25 is below the cap of 30 but above the 20 the steps can earn.
    sc.min_skilling = floor(25.0);
    expect_infeasible(&inputs, &sc);
}

/// (18) goal = max-skilling: every skilling metric at max_points; qualification is not
/// implied.
#[test]
fn max_skilling_goal_fills_every_step() {
    const X: CertIdx = 0;
    const Y: CertIdx = 1;
    let make = |perf: f64| build(ladder_certs(), ladder(20.0), vec![person("p0")], vec![], perf, "a");
    let mut sc = scenario("2027-Q1");
    expect(&make(60.0), &sc, 100.0, &[exam("2027-Q1", P0, X)]);
    sc.goal = Goal::MaxSkilling;
    expect(&make(60.0), &sc, 180.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    // No performance points: qualifying is impossible, max-skilling is not.
    expect(&make(0.0), &sc, 180.0, &[exam("2027-Q1", P0, X), exam("2027-Q1", P0, Y)]);
    sc.goal = Goal::Qualify;
    expect_infeasible(&make(0.0), &sc);
}
