//! The tiny random instances of the property tests: a deterministic generator drawing
//! every rule the oracle checks (prerequisites, availability and `counts_until` on and next
//! to evaluation days, expiry and renewal windows near quarter ends, leavers, links,
//! exclusions, gates, partial points, caps, both tracks, buffers, budgets and every goal).

use crate::oracle;
pub use crate::util::Rng;
use certplan::model::org::DesignationPoints;
use certplan::model::*;
use std::collections::{BTreeMap, HashMap};

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// An earned date: one time in two on or next to a quarter's last day of 2026 (so that
/// expiries and renewal windows start near quarter ends), else any day of the year.
fn earned_date(r: &mut Rng) -> Date {
    if r.chance(50) {
        date(r.pick(&[
            "2026-03-30",
            "2026-03-31",
            "2026-04-01",
            "2026-06-29",
            "2026-06-30",
            "2026-07-01",
            "2026-09-29",
            "2026-09-30",
            "2026-10-01",
            "2026-12-30",
            "2026-12-31",
        ]))
    } else {
        let mut day = date("2026-01-01");
        for _ in 0..r.below(365) {
            day = day.succ();
        }
        day
    }
}

/// A tiny instance: ≤ 3 people, ≤ 3 certifications, ≤ 3 quarters, one or two designations.
pub fn instance(seed: u64) -> (Inputs, Scenario) {
    let mut r = Rng(seed);
    let n_certs = 2 + r.below(2) as usize;
    let certs: Vec<Certification> = (0..n_certs)
        .map(|i| Certification {
            id: format!("C{i}"),
            name: format!("Cert {i}"),
            level: Level::Associate,
            exam_fee: r.pick(&[50.0, 100.0, 150.0]),
            training_fee: r.pick(&[0.0, 0.0, 200.0]),
            study_hours: r.pick(&[10.0, 20.0, 30.0]),
            requires_any: if i > 0 && r.chance(25) { vec![0] } else { vec![] },
            // `requires_all` too (issue 11: never generated before), on its own or with `requires_any`.
            requires_all: if i > 0 && r.chance(20) { vec![r.below(i as u64) as usize] } else { vec![] },
            // On, before and after a quarter's first day (§5.3: "starts on or before").
            exam_until: if r.chance(20) {
                Some(date(r.pick(&["2027-01-15", "2027-03-31", "2027-04-01", "2027-04-10"])))
            } else {
                None
            },
            // Often an evaluation day itself (§3: "d ≤ counts_until").
            counts_until: if r.chance(25) {
                Some(date(r.pick(&["2027-03-31", "2027-05-31", "2027-06-30", "2027-09-30", "2027-12-31"])))
            } else {
                None
            },
            valid_months: r.pick(&[0, 3, 6, 12, 12]),
            renewal_hours: r.pick(&[0.0, 2.0, 5.0]),
            pass_rate: if r.chance(20) { Some(0.5) } else { None },
        })
        .collect();
    let catalog = Catalog::new(certs);
    let pick_certs = |r: &mut Rng| -> Vec<CertIdx> {
        let mut v: Vec<CertIdx> = (0..n_certs).filter(|_| r.chance(50)).collect();
        if v.is_empty() {
            v.push(r.below(n_certs as u64) as usize);
        }
        v
    };
    // One or two designations over the same certifications, so that several targets
    // share people and steps.
    let ids: Vec<&str> = if r.chance(30) { vec!["d", "e"] } else { vec!["d"] };
    let designations = ids
        .iter()
        .map(|id| {
            let mut metrics =
                vec![Metric { id: "perf".into(), category: Category::Performance, max_points: 70.0, steps: vec![] }];
            for m in 0..1 + r.below(2) {
                let steps = (0..1 + r.below(2))
                    .map(|_| Step {
                        certifications: pick_certs(&mut r),
                        // Gates (0 points) in track a; partial points when 2 or 3 people are needed.
                        thresholds: vec![
                            Some(Threshold {
                                people: r.pick(&[1, 1, 1, 2, 2, 3]),
                                points: r.pick(&[0.0, 6.0, 10.0, 15.0]),
                            }),
                            if r.chance(70) {
                                Some(Threshold {
                                    people: r.pick(&[1, 1, 1, 2, 2, 3]),
                                    points: r.pick(&[4.0, 10.0, 15.0]),
                                })
                            } else {
                                None
                            },
                        ],
                    })
                    .collect();
                metrics.push(Metric {
                    id: format!("m{m}"),
                    category: Category::Skilling,
                    max_points: r.pick(&[8.0, 15.0, 20.0, 25.0]),
                    steps,
                });
            }
            let track_rule = if r.chance(50) { TrackRule::Classified } else { TrackRule::Best };
            Designation {
                id: id.to_string(),
                name: id.to_uppercase(),
                tracks: vec!["a".into(), "b".into()],
                track_rule,
                metrics,
            }
        })
        .collect();
    let rules = RuleSet { name: "tiny".into(), effective_from: None, qualifying_score: 70.0, designations };
    let n_people = 2 + r.below(2) as usize;
    let employees: Vec<Employee> = (0..n_people)
        .map(|i| Employee {
            id: format!("p{i}"),
            name: format!("Person {i}"),
            hourly_cost: r.pick(&[0.0, 20.0, 50.0]),
            hours_per_quarter: if r.chance(30) { Some(r.pick(&[15.0, 25.0])) } else { None },
            linked: r.chance(80),
            // Leaving on an evaluation day, the day after one, or within a quarter.
            leaves_on: if r.chance(25) {
                Some(date(r.pick(&["2027-03-31", "2027-04-01", "2027-06-30", "2027-07-01", "2027-08-15"])))
            } else {
                None
            },
            exclude: if r.chance(10) { vec![0] } else { vec![] },
        })
        .collect();
    let mut holdings = Vec::new();
    for e in 0..n_people {
        for c in 0..n_certs {
            if r.chance(25) {
                // Expiry worked out here from the contract (earned + valid_months, clamped to
                // the month's end), not with the catalogue's helper the solver shares.
                let valid = catalog[c].valid_months as i32;
                let derived = |earned: Date| (Some(earned), (valid > 0).then(|| oracle::plus_months(earned, valid)));
                let (earned_on, expires_on) = match r.below(10) {
                    // No dates: held since ever, never expiring (§1.3).
                    0 => (None, None),
                    // Renewed before: an expiry of its own, on or next to a quarter's end.
                    1 => {
                        // (2027-09-15: its window's first month lies in the first quarter only.)
                        let expires = r.pick(&[
                            "2027-03-31",
                            "2027-04-01",
                            "2027-06-30",
                            "2027-09-15",
                            "2027-09-29",
                            "2027-09-30",
                        ]);
                        (Some(earned_date(&mut r)), Some(date(expires)))
                    }
                    // Earned after an evaluation day: not held yet then (§5.14). (After the
                    // first quarter, a 3-month certification's window opens before it is
                    // earned: the optimiser used to renew it too early.)
                    2 => derived(date(r.pick(&["2027-02-15", "2027-05-10"]))),
                    _ => derived(earned_date(&mut r)),
                };
                holdings.push(Holding { employee: e, cert: c, earned_on, expires_on });
            }
        }
    }
    let mut profile = Profile { name: "Tiny".into(), currency: "EUR".into(), ..Default::default() };
    for id in &ids {
        profile.tracks.insert(id.to_string(), r.pick(&["a", "a", "b"]).into());
        let mut points = DesignationPoints::default();
        points.flat.insert("perf".into(), r.pick(&[58.0, 60.0, 62.0, 65.0]));
        if r.chance(30) {
            points.per_track.insert("b".into(), HashMap::from([("perf".to_string(), 62.0)]));
        }
        profile.points.insert(id.to_string(), points);
    }
    let org = Organisation { employees, holdings, profile };
    let quarters = 1 + r.below(3) as u32;
    let start = Quarter::parse("2027-Q1").unwrap();
    let deadline = start.plus(r.below(quarters as u64) as i32);
    let mut scenario = Scenario {
        name: format!("tiny-{seed}"),
        description: String::new(),
        targets: if ids.len() == 2 && r.chance(30) {
            vec!["e".into()]
        } else {
            ids.iter().map(|s| s.to_string()).collect()
        },
        goal: r.pick(&[Goal::Qualify, Goal::Qualify, Goal::Qualify, Goal::Qualify, Goal::MaxSkilling, Goal::MaxPoints]),
        min_skilling: BTreeMap::new(),
        objective: r.pick(&[Objective::Cost, Objective::Cost, Objective::Hours, Objective::Quarters]),
        start,
        quarters,
        deadline,
        budget: if r.chance(25) { Some(r.pick(&[150.0, 300.0, 600.0])) } else { None },
        hours_per_quarter: r.pick(&[20.0, 40.0]),
        max_exams_per_quarter: 1 + r.below(2) as u32,
        pass_rate: r.pick(&[1.0, 0.8]),
        count_time_cost: r.chance(50),
        buffer: if r.chance(15) { 1 } else { 0 },
        step_buffers: Default::default(),
        risk: Default::default(),
    };
    if r.chance(15) {
        scenario.min_skilling.insert(scenario.targets[0].clone(), 12.0);
    }
    if scenario.goal == Goal::MaxPoints && scenario.objective == Objective::Quarters {
        scenario.objective = Objective::Cost;
    }
    (Inputs { catalog, rules, org }, scenario)
}
