//! Issue 11's mutation testing of `src/model/` and `src/check.rs`: the scoring, goal and
//! cost helpers at the edges where a flipped comparison or operator changes the answer
//! (inclusive dates, tolerances hit exactly, partial steps, tracks that do not apply).
//! Each test pins exact values on a hand-built instance (the fixtures' designation `d`:
//! a performance metric of 70 with 60 profile points, a skilling metric capped at 30,
//! qualifying score 70, one track `a`).

use crate::fixtures::*;
use certplan::model::cost::{self, CostParts};
use certplan::model::evaluate::{
    meets_goal, missing, score_counts, MetricScore, Snapshot, StepScore, Timeline, TrackScore,
};
use certplan::model::org::DesignationPoints;
use certplan::model::*;

fn act(kind: ActionKind, quarter: &str, employee: EmpIdx, cert: Option<CertIdx>) -> Action {
    Action { quarter: q(quarter), employee, kind, cert }
}

fn exam(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    act(ActionKind::Exam, quarter, employee, Some(c))
}

fn renew(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    act(ActionKind::Renew, quarter, employee, Some(c))
}

// ---- the timeline: grants, renewals, links, who counts ----

#[test]
fn a_grant_is_active_from_its_earned_day_to_its_expiry_day_inclusive() {
    let held = vec![holding(0, 0, Some("2027-01-10"), Some("2027-06-30")), holding(0, 1, None, None)];
    let inputs = simple(vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0)], vec![], vec![person("p0")], held);
    let t = Timeline::new(&inputs.catalog, &inputs.org, &[]);
    let days = ["2027-01-09", "2027-01-10", "2027-06-30", "2027-07-01"];
    assert_eq!(days.map(|day| t.active(0, 0, d(day))), [false, true, true, false]);
    assert!(t.active(0, 1, d("2000-01-01")) && t.active(0, 1, d("2100-12-31")));
}

#[test]
fn rebuilding_one_person_resets_their_grants_and_link_and_keeps_the_others() {
    let p1 = Employee { linked: false, ..person("p1") };
    let certs = vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0)];
    let inputs = simple(certs, vec![], vec![person("p0"), p1], vec![forever(1, 0)]);
    let (catalog, org) = (&inputs.catalog, &inputs.org);
    let link = act(ActionKind::Link, "2027-Q1", 1, None);
    let mut t = Timeline::new(catalog, org, &[exam("2027-Q1", 0, 1), link]);
    let day = d("2027-12-31");
    assert_eq!((t.active(0, 1, day), t.linked(1, day)), (true, true));
    t.rebuild_person(catalog, org, 0, &[]);
    assert_eq!((t.active(0, 1, day), t.active(0, 0, day)), (false, false));
    assert_eq!((t.active(1, 0, day), t.linked(1, day)), (true, true));
    t.rebuild_person(catalog, org, 1, &[exam("2027-Q2", 1, 1)]);
    assert_eq!((t.active(1, 0, day), t.active(1, 1, day), t.linked(1, day)), (true, true, false));
}

/// A grant expiring on 2027-09-30 is renewable in 2027-Q1 (its window opens on 2027-03-30)
/// and then runs to 2028-09-30; B, earned by the exam on 2027-03-31, has no window in Q2.
#[test]
fn unmatched_renewals_are_the_indexes_of_renewals_outside_every_window() {
    let certs = vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0)];
    let inputs = simple(certs, vec![], vec![person("p0")], vec![holding(0, 0, Some("2026-09-30"), Some("2027-09-30"))]);
    let actions = [renew("2027-Q1", 0, 0), exam("2027-Q1", 0, 1), renew("2027-Q2", 0, 1)];
    let t = Timeline::new(&inputs.catalog, &inputs.org, &actions);
    assert_eq!(t.unmatched_renewals, [2]);
    assert_eq!((t.active(0, 0, d("2028-09-30")), t.active(0, 0, d("2028-10-01"))), (true, false));
    assert_eq!((t.active(0, 1, d("2028-03-31")), t.active(0, 1, d("2028-04-01"))), (true, false));
}

/// A renewal in 2027-Q2 overlaps the window of a grant expiring on 2027-09-30, but does not
/// renew it when the grant is only earned after the quarter, or when the certification is
/// retired by the quarter's first day.
#[test]
fn a_renewal_needs_a_grant_earned_by_then_and_the_certification_on_offer() {
    let future = vec![holding(0, 0, Some("2027-08-01"), Some("2027-09-30"))];
    let inputs = simple(vec![cert("A", 1.0, 1.0)], vec![], vec![person("p0")], future);
    let t = Timeline::new(&inputs.catalog, &inputs.org, &[renew("2027-Q2", 0, 0)]);
    assert_eq!((t.unmatched_renewals.as_slice(), t.active(0, 0, d("2027-12-31"))), ([0].as_slice(), false));
    let mut retired = cert("A", 1.0, 1.0);
    retired.exam_until = Some(d("2027-03-31"));
    let held = vec![holding(0, 0, Some("2026-09-30"), Some("2027-09-30"))];
    let inputs = simple(vec![retired], vec![], vec![person("p0")], held);
    let t = Timeline::new(&inputs.catalog, &inputs.org, &[renew("2027-Q2", 0, 0)]);
    assert_eq!((t.unmatched_renewals.as_slice(), t.active(0, 0, d("2027-12-31"))), ([0].as_slice(), false));
    let t = Timeline::new(&inputs.catalog, &inputs.org, &[renew("2027-Q1", 0, 0)]);
    assert_eq!((t.unmatched_renewals.as_slice(), t.active(0, 0, d("2027-12-31"))), ([].as_slice(), true));
}

#[test]
fn a_link_counts_from_the_first_day_of_its_quarter() {
    let p1 = Employee { linked: false, ..person("p1") };
    let inputs = simple(vec![cert("A", 1.0, 1.0)], vec![], vec![person("p0"), p1], vec![]);
    let t = Timeline::new(&inputs.catalog, &inputs.org, &[act(ActionKind::Link, "2027-Q2", 1, None)]);
    assert_eq!((t.linked(1, d("2027-03-31")), t.linked(1, d("2027-04-01"))), (false, true));
    assert!(t.linked(0, d("2000-01-01")));
    assert!(!Timeline::new(&inputs.catalog, &inputs.org, &[]).linked(1, d("2100-12-31")));
}

/// Certifications: A plain; B counting until 2027-06-30; C requiring all of [A]; D requiring
/// any of [A]. People (all holding from 2026 and never expiring unless said): p0 A; p1 A,
/// unlinked; p2 A, leaving on 2027-06-01; p3 A expiring 2027-06-30; p4 B; p5 C and D
/// without A; p6 D and A.
fn who_counts() -> Inputs {
    let mut b = cert("B", 1.0, 1.0);
    b.counts_until = Some(d("2027-06-30"));
    let mut c = cert("C", 1.0, 1.0);
    c.requires_all = vec![0];
    let mut dd = cert("D", 1.0, 1.0);
    dd.requires_any = vec![0];
    let people = vec![
        person("p0"),
        Employee { linked: false, ..person("p1") },
        Employee { leaves_on: Some(d("2027-06-01")), ..person("p2") },
        person("p3"),
        person("p4"),
        person("p5"),
        person("p6"),
    ];
    let mut held: Vec<Holding> = [(0, 0), (1, 0), (2, 0), (4, 1), (5, 2), (5, 3), (6, 3), (6, 0)]
        .into_iter()
        .map(|(e, c)| forever(e, c))
        .collect();
    held.push(holding(3, 0, Some("2026-06-30"), Some("2027-06-30")));
    simple(vec![cert("A", 1.0, 1.0), b, c, dd], vec![], people, held)
}

#[test]
fn a_certification_counts_only_when_linked_present_active_current_and_prerequisites_held() {
    let inputs = who_counts();
    let (catalog, org) = (&inputs.catalog, &inputs.org);
    let t = Timeline::new(catalog, org, &[]);
    let day = d("2027-12-31");
    let counts = |e: EmpIdx, c: CertIdx| t.counts(catalog, org, e, c, day);
    assert_eq!((0..4).map(|e| counts(e, 0)).collect::<Vec<_>>(), [true, false, false, false]);
    assert_eq!((counts(4, 1), t.counts(catalog, org, 4, 1, d("2027-06-30"))), (false, true));
    assert_eq!((counts(5, 2), counts(5, 3), counts(6, 3)), (false, false, true));
}

#[test]
fn a_snapshot_counts_people_per_certification_and_swaps_rows() {
    let inputs = who_counts();
    let (catalog, org) = (&inputs.catalog, &inputs.org);
    let t = Timeline::new(catalog, org, &[]);
    let day = d("2027-12-31");
    let mut s = Snapshot::new(catalog, org, &t, day);
    assert_eq!(Snapshot::row(catalog, org, &t, 6, day), [true, false, false, true]);
    assert_eq!((s.counts(0, 0), s.counts(1, 0)), (true, false));
    assert_eq!((s.people_with_any(&[0]), s.people_with_any(&[0, 3]), s.people_with_any(&[1, 2])), (2, 2, 0));
    assert_eq!(s.swap_row(0, vec![false; 4]), [true, false, false, false]);
    assert_eq!((s.counts(0, 0), s.people_with_any(&[0])), (false, 1));
}

// ---- scoring a designation from step counts ----

/// `d` with two skilling steps: a gate of `gate` people worth `gate_points`, then a step of
/// `second` people worth 10; tracks `a` (classified) and `b`, the same steps in both.
fn gated(gate: u32, gate_points: f64, second: u32) -> Inputs {
    let steps = vec![
        Step { certifications: vec![0], thresholds: vec![Some(Threshold { people: gate, points: gate_points }); 2] },
        Step { certifications: vec![1], thresholds: vec![Some(Threshold { people: second, points: 10.0 }); 2] },
    ];
    let certs = vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0)];
    build(certs, designation(&["a", "b"], TrackRule::Classified, 30.0, steps), vec![], vec![], 60.0, "a")
}

fn scores(inputs: &Inputs, qualifying_score: f64, counts: [u32; 2]) -> Vec<TrackScore> {
    let d = &inputs.rules.designations[0];
    score_counts(d, &inputs.org, qualifying_score, |_, si| counts[si], |_, _| 0)
}

fn with_perf(inputs: &mut Inputs, perf: f64) {
    let mut points = DesignationPoints::default();
    points.flat.insert("perf".into(), perf);
    inputs.org.profile.points.insert("d".into(), points);
}

#[test]
fn a_step_scores_only_when_every_earlier_step_is_complete() {
    let inputs = gated(2, 10.0, 1);
    let partial = StepScore { people: 1, needed: Some(2), points: 5.0, open: true };
    let closed = StepScore { people: 1, needed: Some(1), points: 0.0, open: false };
    let track = TrackScore {
        track: 0,
        applies: true,
        metrics: vec![
            MetricScore { points: 60.0, steps: vec![] },
            MetricScore { points: 5.0, steps: vec![partial, closed] },
        ],
        skilling: 5.0,
        score: 65.0,
        qualified: false,
    };
    let got = scores(&inputs, 70.0, [1, 1]);
    assert_eq!(got, [track.clone(), TrackScore { track: 1, applies: false, ..track }]);
    let full = &scores(&inputs, 70.0, [2, 1])[0];
    assert_eq!((full.metrics[1].points, full.skilling, full.score, full.qualified), (20.0, 20.0, 80.0, true));
}

/// Qualified means score ≥ the qualifying score and every metric above 0, both within 1e-9.
#[test]
fn qualification_needs_the_score_and_every_metric_within_the_tolerance() {
    let mut inputs = gated(1, 10.0, 1);
    let at = |inputs: &Inputs, qs: f64, counts: [u32; 2]| {
        let t = &scores(inputs, qs, counts)[0];
        (t.score, t.qualified)
    };
    assert_eq!(at(&inputs, 70.0, [1, 0]), (70.0, true));
    assert_eq!(at(&inputs, 80.0, [1, 0]), (70.0, false));
    assert_eq!(at(&inputs, 70.0, [0, 0]), (60.0, false));
    with_perf(&mut inputs, 1e-9);
    assert_eq!(at(&inputs, 10.0, [1, 0]), (10.0 + 1e-9, false));
    with_perf(&mut inputs, 0.0);
    assert_eq!(at(&inputs, 20.0, [1, 1]), (20.0, false));
}

// ---- whether a track meets a scenario's goal ----

#[test]
fn max_skilling_needs_every_skilling_metric_at_its_cap_and_no_other() {
    let inputs = gated(1, 20.0, 1);
    let d = &inputs.rules.designations[0];
    let capped = &scores(&inputs, 70.0, [1, 1])[0];
    assert_eq!((capped.metrics[0].points, capped.skilling), (60.0, 30.0));
    assert!(meets_goal(d, capped, Goal::MaxSkilling, 0.0));
    let short = &scores(&inputs, 70.0, [1, 0])[0];
    assert!(!meets_goal(d, short, Goal::MaxSkilling, 0.0));
}

#[test]
fn the_min_skilling_floor_is_met_exactly_at_the_floor_and_never_alone() {
    let inputs = gated(1, 10.0, 1);
    let d = &inputs.rules.designations[0];
    let qualified = &scores(&inputs, 70.0, [1, 0])[0];
    assert_eq!((qualified.skilling, qualified.qualified), (10.0, true));
    assert!(meets_goal(d, qualified, Goal::Qualify, 10.0));
    assert!(!meets_goal(d, qualified, Goal::Qualify, 10.5));
    let unqualified = &scores(&inputs, 70.0, [0, 0])[0];
    assert!(!meets_goal(d, unqualified, Goal::Qualify, 0.0));
    assert!(meets_goal(d, unqualified, Goal::MaxPoints, 0.0));
}

// ---- what blocks qualification ----

fn missing_of(inputs: &Inputs, qualifying_score: f64, counts: [u32; 2]) -> Vec<String> {
    let d = &inputs.rules.designations[0];
    missing(d, &inputs.catalog, &scores(inputs, qualifying_score, counts)[0], qualifying_score)
}

#[test]
fn nothing_is_missing_when_qualified() {
    assert_eq!(missing_of(&gated(1, 10.0, 1), 70.0, [1, 0]), Vec::<String>::new());
}

/// A gate (0 points) needs its full count; a scoring step needs one person; a metric of
/// 1e-9 points has none; the score line appears only below the qualifying score.
#[test]
fn a_closed_gate_needs_its_full_count_and_a_scoring_step_one_person() {
    let mut inputs = gated(3, 0.0, 1);
    with_perf(&mut inputs, 0.0);
    assert_eq!(
        missing_of(&inputs, 70.0, [1, 0]),
        [
            "perf has 0 points",
            "skill has 0 points: needs 2 more people with A (step 1 of skill)",
            "score 0.00 is 70.00 below 70"
        ]
    );
    let inputs = gated(1, 0.0, 2);
    assert_eq!(
        missing_of(&inputs, 70.0, [1, 0]),
        ["skill has 0 points: needs 1 more person with B (step 2 of skill)", "score 60.00 is 10.00 below 70"]
    );
    let mut inputs = gated(1, 0.0, 2);
    with_perf(&mut inputs, 1e-9);
    assert_eq!(missing_of(&inputs, 1e-9, [1, 2])[0], "perf has 0 points");
}

#[test]
fn the_score_line_appears_only_below_the_qualifying_score_less_the_tolerance() {
    let mut inputs = gated(1, 0.0, 1);
    with_perf(&mut inputs, 70.0);
    assert_eq!(missing_of(&inputs, 70.0, [1, 0]), ["skill has 0 points: needs 1 more person with B (step 2 of skill)"]);
    with_perf(&mut inputs, 0.0);
    assert_eq!(
        missing_of(&inputs, 1e-9, [1, 0]),
        ["perf has 0 points", "skill has 0 points: needs 1 more person with B (step 2 of skill)"]
    );
}

// ---- the goal of a scenario and the max-points value ----

/// `d` scored in its best track: track `a` gives 10 skilling points and qualifies (60
/// profile points), track `b` gives 20 but has no profile points there.
fn two_tracks(rule: TrackRule) -> Inputs {
    let thresholds = vec![Some(Threshold { people: 1, points: 10.0 }), Some(Threshold { people: 1, points: 20.0 })];
    let steps = vec![Step { certifications: vec![0], thresholds }];
    let mut inputs = build(
        vec![cert("A", 1.0, 1.0)],
        designation(&["a", "b"], rule, 30.0, steps),
        vec![person("p0")],
        vec![],
        60.0,
        "b",
    );
    inputs.org.profile.points.get_mut("d").unwrap().per_track.entry("b".into()).or_default().insert("perf".into(), 0.0);
    inputs.org.holdings = vec![forever(0, 0)];
    inputs
}

#[test]
fn max_points_counts_qualified_targets_first_then_their_best_skilling() {
    let inputs = two_tracks(TrackRule::Best);
    let mut s = scenario("2027-Q4");
    s.goal = Goal::MaxPoints;
    assert_eq!(goal::value(&inputs, &s, &Plan::default(), q("2027-Q4")), (1, 10.0));
    let mut classified = two_tracks(TrackRule::Classified);
    assert_eq!(goal::value(&classified, &s, &Plan::default(), q("2027-Q4")), (0, 20.0));
    classified.org.holdings.clear();
    assert_eq!(goal::value(&classified, &s, &Plan::default(), q("2027-Q4")), (0, 0.0));
}

#[test]
fn a_track_the_profile_does_not_name_never_meets_the_goal() {
    let inputs = two_tracks(TrackRule::Classified);
    let s = scenario("2027-Q4");
    assert_eq!(goal::by_target(&inputs, &s, &Plan::default(), q("2027-Q4")), [("d".to_string(), false)]);
    assert!(!goal::holds(&inputs, &s, &Plan::default(), q("2027-Q4")));
    let best = two_tracks(TrackRule::Best);
    assert_eq!(goal::by_target(&best, &s, &Plan::default(), q("2027-Q4")), [("d".to_string(), true)]);
    assert!(goal::holds(&best, &s, &Plan::default(), q("2027-Q4")));
}

// ---- what actions cost ----

/// A: fee 100 at a 50 % pass rate, training 30, 10 study hours, 2 renewal hours; p0 costs
/// 50 an hour.
fn priced() -> (Inputs, Scenario) {
    let a = Certification { pass_rate: Some(0.5), training_fee: 30.0, ..cert("A", 100.0, 10.0) };
    let inputs = simple(vec![a], vec![], vec![paid("p0", 50.0)], vec![]);
    let mut s = scenario("2027-Q4");
    s.count_time_cost = true;
    (inputs, s)
}

#[test]
fn an_exam_costs_fee_over_pass_rate_plus_training_plus_study_time() {
    let (inputs, mut s) = priced();
    let (e, r) = (exam("2027-Q1", 0, 0), renew("2027-Q2", 0, 0));
    assert_eq!(cost::action_cost(&inputs, &s, &e), (730.0, 10.0));
    assert_eq!(cost::action_cost(&inputs, &s, &r), (100.0, 2.0));
    assert_eq!(cost::totals(&inputs, &s, &Plan { actions: vec![e, r] }), (830.0, 12.0));
    let parts = CostParts { exam_fees: 200.0, training: 30.0, staff_time: 500.0 };
    assert_eq!(cost::action_parts(&inputs, &s, &e), parts);
    assert_eq!(cost::action_parts(&inputs, &s, &r), CostParts { staff_time: 100.0, ..CostParts::default() });
    s.count_time_cost = false;
    assert_eq!(cost::totals(&inputs, &s, &Plan { actions: vec![e, r] }), (230.0, 12.0));
    assert_eq!(cost::action_parts(&inputs, &s, &r), CostParts::default());
}
