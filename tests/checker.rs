//! The independent checker rule by rule (issue 11: with a rule disabled every other test
//! still passed, since relaxing a rule never makes a plan cheaper), and tiny instances where
//! one detail of the solver decides the optimum: quarters in unit dominance, the six-month
//! renewal window, the tie-break keeping the first objective exact.
//!
//! Each checker test breaks exactly one rule and asserts the one message that names it.
//! Setting (from the fixtures): designation `d` needs 10 skilling points over 60 profile
//! points; start 2027-Q1, deadline 2027-Q4 (evaluated on 2027-12-31); 40 hours and 2 exams a
//! quarter; certifications valid 12 months.

use crate::fixtures::*;
use certplan::check;
use certplan::model::Inputs;
use certplan::model::*;
use certplan::solver::{self, SolveOptions, Status};

fn exam(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Exam, cert: Some(c) }
}

fn renew(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Renew, cert: Some(c) }
}

fn link(quarter: &str, employee: EmpIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Link, cert: None }
}

/// Certifications A (100, 10 h) and B (50, 10 h), either filling the one step; one linked
/// person p0 and one unlinked p1.
fn base() -> Inputs {
    let p1 = Employee { linked: false, ..person("p1") };
    simple(
        vec![cert("A", 100.0, 10.0), cert("B", 50.0, 10.0)],
        vec![step(&[0, 1], 1, 10.0)],
        vec![person("p0"), p1],
        vec![],
    )
}

/// The rule violations of `actions`, as the checker words them.
fn violations(inputs: &Inputs, actions: Vec<Action>) -> Vec<String> {
    check::rule_violations(inputs, &scenario("2027-Q4"), &Plan { actions }, q("2027-Q4"))
}

#[test]
fn a_valid_plan_breaks_no_rule_and_meets_the_goal() {
    let plan = Plan { actions: vec![link("2027-Q1", 1), exam("2027-Q2", 1, 0)] };
    assert_eq!(check::verify(&base(), &scenario("2027-Q4"), &plan, q("2027-Q4")), Vec::<String>::new());
}

#[test]
fn an_action_planned_twice() {
    let got = violations(&base(), vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 0, 0)]);
    assert!(got.contains(&"exam A for p0 in 2027-Q1 is planned twice".to_string()), "{got:?}");
}

#[test]
fn actions_before_the_start_or_after_the_evaluated_quarter() {
    let outside = "is outside the planning quarters 2027-Q1 to 2027-Q4";
    let got = violations(&base(), vec![exam("2026-Q4", 0, 0)]);
    assert_eq!(got, [format!("exam A for p0 in 2026-Q4 {outside}")]);
    let got = violations(&base(), vec![exam("2028-Q1", 0, 1)]);
    assert_eq!(got, [format!("exam B for p0 in 2028-Q1 {outside}")]);
}

#[test]
fn an_action_of_someone_who_has_left() {
    let mut inputs = base();
    inputs.org.employees[0].leaves_on = Some(d("2027-04-01"));
    assert_eq!(violations(&inputs, vec![exam("2027-Q1", 0, 0)]), Vec::<String>::new());
    assert_eq!(violations(&inputs, vec![exam("2027-Q2", 0, 0)]), ["exam A for p0 in 2027-Q2: p0 has left by then"]);
}

#[test]
fn links_of_linked_people_or_after_the_first_quarter() {
    assert_eq!(violations(&base(), vec![link("2027-Q1", 0)]), ["link for p0 in 2027-Q1: p0 is already linked"]);
    assert_eq!(
        violations(&base(), vec![link("2027-Q2", 1)]),
        ["link for p1 in 2027-Q2: links are planned in the first quarter, 2027-Q1"]
    );
}

#[test]
fn an_excluded_certification() {
    let mut inputs = base();
    inputs.org.employees[0].exclude = vec![1];
    assert_eq!(violations(&inputs, vec![exam("2027-Q1", 0, 1)]), ["exam B for p0 in 2027-Q1: B is excluded for p0"]);
}

#[test]
fn an_exam_after_the_certification_is_retired() {
    let mut inputs = base();
    let mut certs = inputs.catalog.certs().to_vec();
    certs[0].exam_until = Some(d("2027-04-01"));
    inputs.catalog = Catalog::new(certs);
    assert_eq!(violations(&inputs, vec![exam("2027-Q2", 0, 0)]), Vec::<String>::new());
    assert_eq!(
        violations(&inputs, vec![exam("2027-Q3", 0, 0)]),
        ["exam A for p0 in 2027-Q3: A can only be taken in quarters starting on or before 2027-04-01"]
    );
}

/// A grant expiring on 2027-09-30 has its window from 2027-03-30, two days before the end
/// of 2027-Q1: a renewal in Q1 is in it (a five-month window would start on 2027-04-30, after
/// Q1). One expiring on 2027-06-15 cannot be renewed in 2027-Q3.
#[test]
fn renewals_only_in_the_six_month_window_before_expiry() {
    let mut inputs = base();
    inputs.org.holdings = vec![holding(0, 0, Some("2026-09-30"), Some("2027-09-30"))];
    assert_eq!(violations(&inputs, vec![renew("2027-Q1", 0, 0)]), Vec::<String>::new());
    assert_eq!(violations(&inputs, vec![renew("2027-Q3", 0, 0)]), Vec::<String>::new());
    inputs.org.holdings = vec![holding(0, 0, Some("2026-06-15"), Some("2027-06-15"))];
    assert_eq!(
        violations(&inputs, vec![renew("2027-Q3", 0, 0)]),
        ["renew A for p0 in 2027-Q3: no grant of A has its renewal window in that quarter"]
    );
    // No grant at all.
    assert_eq!(
        violations(&inputs, vec![renew("2027-Q1", 0, 1)]),
        ["renew B for p0 in 2027-Q1: no grant of B has its renewal window in that quarter"]
    );
}

#[test]
fn an_action_without_which_the_certification_is_active_anyway() {
    let mut inputs = base();
    inputs.org.holdings = vec![forever(0, 0)];
    assert_eq!(
        violations(&inputs, vec![exam("2027-Q1", 0, 0)]),
        ["exam A for p0 in 2027-Q1 is pointless: A would be active on 2027-12-31 without it"]
    );
    // An exam in the last quarter is not pointless when the holding expires before its end.
    inputs.org.holdings = vec![holding(0, 0, Some("2026-12-01"), Some("2027-12-01"))];
    assert_eq!(violations(&inputs, vec![exam("2027-Q4", 0, 0)]), Vec::<String>::new());
}

#[test]
fn more_study_hours_or_exams_in_a_quarter_than_allowed() {
    let mut inputs = base();
    inputs.org.employees[0].hours_per_quarter = Some(15.0);
    assert_eq!(violations(&inputs, vec![exam("2027-Q1", 0, 0)]), Vec::<String>::new());
    assert_eq!(
        violations(&inputs, vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 0, 1)]),
        ["p0 has 20.0 hours planned in 2027-Q1, above the 15.0 available"]
    );
    let mut one = scenario("2027-Q4");
    one.max_exams_per_quarter = 1;
    let plan = Plan { actions: vec![exam("2027-Q1", 1, 0), exam("2027-Q1", 1, 1)] };
    assert_eq!(
        check::rule_violations(&base(), &one, &plan, q("2027-Q4")),
        ["p1 has 2 exams in 2027-Q1, above the limit of 1"]
    );
}

#[test]
fn a_plan_above_the_budget_or_missing_the_goal() {
    let mut s = scenario("2027-Q4");
    s.budget = Some(99.99);
    let plan = Plan { actions: vec![exam("2027-Q1", 0, 0)] };
    assert_eq!(check::verify(&base(), &s, &plan, q("2027-Q4")), ["the plan costs 100.00, above the budget of 99.99"]);
    s.budget = Some(100.0);
    assert_eq!(check::verify(&base(), &s, &plan, q("2027-Q4")), Vec::<String>::new());
    assert_eq!(check::verify(&base(), &s, &Plan::default(), q("2027-Q4")), ["d does not qualify on 2027-12-31"]);
}

/// The tolerances are strict: a plan costing exactly the budget plus 1e-6, hours exactly at
/// a person's capacity, or exactly at it plus 1e-9, break nothing.
#[test]
fn cost_and_hours_exactly_at_the_tolerance_break_nothing() {
    let people = vec![
        Employee { hours_per_quarter: Some(10.0), ..person("p0") },
        Employee { hours_per_quarter: Some(0.0), ..person("p1") },
    ];
    let inputs = simple(vec![cert("A", 1e-6, 10.0), cert("B", 0.0, 1e-9)], vec![step(&[0], 1, 10.0)], people, vec![]);
    let mut s = scenario("2027-Q4");
    s.budget = Some(0.0);
    let plan = Plan { actions: vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 1, 1)] };
    assert_eq!(check::verify(&inputs, &s, &plan, q("2027-Q4")), Vec::<String>::new());
    s.budget = Some(-1e-9);
    assert_eq!(check::verify(&inputs, &s, &plan, q("2027-Q4")), ["the plan costs 0.00, above the budget of -0.00"]);
}

// ---- where one detail of the solver decides ----

fn optimum(inputs: &Inputs, scenario: &Scenario) -> (f64, f64, Vec<Action>) {
    let outcome = solver::solve(inputs, scenario, SolveOptions::default()).expect("solves");
    assert_eq!(outcome.status, Status::Optimal, "{:?}", outcome.plan);
    assert_eq!(check::verify(inputs, scenario, &outcome.plan, outcome.evaluation), Vec::<String>::new());
    let mut actions = outcome.plan.actions;
    actions.sort();
    (outcome.cost, outcome.hours, actions)
}

/// One person needs C (only in 2027-Q1, 30 h) and one of A (100, only in Q1, 30 h) or B
/// (200, any quarter, 30 h); 40 hours a quarter. A is cheaper than B in every way but not in
/// the same quarters, so it must not make B dominated: the optimum is C in Q1, B in Q2.
#[test]
fn unit_dominance_respects_quarters() {
    let retired = |mut c: Certification| {
        c.exam_until = Some(d("2027-01-01"));
        c
    };
    let certs = vec![retired(cert("A", 100.0, 30.0)), cert("B", 200.0, 30.0), retired(cert("C", 0.0, 30.0))];
    let inputs = simple(certs, vec![step(&[2], 1, 5.0), step(&[0, 1], 1, 5.0)], vec![person("p0")], vec![]);
    let (cost, _, actions) = optimum(&inputs, &scenario("2027-Q2"));
    assert_eq!((cost, actions), (200.0, vec![exam("2027-Q1", 0, 2), exam("2027-Q2", 0, 1)]));
}

/// A holding expiring on 2027-09-30 can be renewed (free: no time cost) in 2027-Q1 only, as
/// the certification retires after that quarter; the window's six months reach back to
/// 2027-03-30, so the renewal beats a new exam at 500.
#[test]
fn the_six_month_renewal_window_decides_the_optimum() {
    let mut a = cert("A", 500.0, 10.0);
    a.exam_until = Some(d("2027-01-01"));
    let holdings = vec![holding(0, 0, Some("2026-09-30"), Some("2027-09-30"))];
    let inputs = simple(vec![a], vec![step(&[0], 1, 10.0)], vec![person("p0")], holdings);
    let (cost, hours, actions) = optimum(&inputs, &scenario("2027-Q4"));
    assert_eq!((cost, hours, actions), (0.0, 2.0, vec![renew("2027-Q1", 0, 0)]));
}

/// The tie-break never trades the first objective: costs 100.00 and 100.01 (the dearer one
/// far shorter) give the cheaper; with hours first, 10.00 and 10.01 hours give the shorter.
#[test]
fn the_tie_break_keeps_the_first_objective_exact() {
    let certs = vec![cert("A", 100.0, 50.0), cert("B", 100.01, 10.0)];
    let inputs = simple(certs, vec![step(&[0, 1], 1, 10.0)], vec![person("p0")], vec![]);
    let mut s = scenario("2027-Q2");
    s.hours_per_quarter = 60.0;
    let (cost, hours, actions) = optimum(&inputs, &s);
    assert_eq!((cost, hours, actions.len()), (100.0, 50.0, 1));
    let certs = vec![cert("A", 500.0, 10.0), cert("B", 100.0, 10.01)];
    let inputs = simple(certs, vec![step(&[0, 1], 1, 10.0)], vec![person("p0")], vec![]);
    s.objective = Objective::Hours;
    let (cost, hours, actions) = optimum(&inputs, &s);
    assert_eq!((cost, hours, actions.len()), (500.0, 10.0, 1));
}
