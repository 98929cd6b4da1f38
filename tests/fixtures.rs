//! Hand-built instances shared by the constraint tests and the textbook cross-check: one
//! designation `d`, classified in its only track `a`; qualifying score 70; a performance
//! metric with 60 profile points (so 10 skilling points are needed); start 2027-Q1; 40 study
//! hours per quarter; 2 exams per quarter; pass rate 1.0; no time cost; certifications valid
//! 12 months with 2 renewal hours.

use certplan::model::org::DesignationPoints;
use certplan::model::Inputs;
use certplan::model::*;
use std::collections::BTreeMap;

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn q(s: &str) -> Quarter {
    Quarter::parse(s).unwrap()
}

/// A certification with the catalogue's defaults and no training fee.
pub fn cert(id: &str, exam_fee: f64, study_hours: f64) -> Certification {
    Certification {
        name: format!("Cert {id}"),
        level: Level::Associate,
        ..Certification::new(id, exam_fee, study_hours)
    }
}

/// A linked person at no hourly cost, with the scenario's capacity.
pub fn person(id: &str) -> Employee {
    Employee { name: format!("Person {id}"), ..Employee::new(id) }
}

pub fn paid(id: &str, hourly_cost: f64) -> Employee {
    Employee { hourly_cost, ..person(id) }
}

pub fn holding(employee: EmpIdx, cert: CertIdx, earned: Option<&str>, expires: Option<&str>) -> Holding {
    Holding { employee, cert, earned_on: earned.map(d), expires_on: expires.map(d) }
}

/// A holding that never expires.
pub fn forever(employee: EmpIdx, cert: CertIdx) -> Holding {
    holding(employee, cert, Some("2026-01-10"), None)
}

/// A step of the single-track designation.
pub fn step(certs: &[CertIdx], people: u32, points: f64) -> Step {
    Step { certifications: certs.to_vec(), thresholds: vec![Some(Threshold { people, points })] }
}

/// The designation `d`: a performance metric (max 70) and one skilling metric (max
/// `skill_max`) made of `steps`.
pub fn designation(tracks: &[&str], track_rule: TrackRule, skill_max: f64, steps: Vec<Step>) -> Designation {
    Designation {
        id: "d".into(),
        name: "D".into(),
        tracks: tracks.iter().map(|t| t.to_string()).collect(),
        track_rule,
        metrics: vec![
            Metric { id: "perf".into(), category: Category::Performance, max_points: 70.0, steps: vec![] },
            Metric { id: "skill".into(), category: Category::Skilling, max_points: skill_max, steps },
        ],
    }
}

pub fn build(
    certs: Vec<Certification>,
    designation: Designation,
    employees: Vec<Employee>,
    holdings: Vec<Holding>,
    perf: f64,
    profile_track: &str,
) -> Inputs {
    let mut profile = Profile { name: "Org".into(), currency: "EUR".into(), ..Default::default() };
    profile.tracks.insert("d".into(), profile_track.into());
    let mut points = DesignationPoints::default();
    points.flat.insert("perf".into(), perf);
    profile.points.insert("d".into(), points);
    Inputs {
        catalog: Catalog::new(certs),
        rules: RuleSet {
            name: "constraints".into(),
            effective_from: None,
            qualifying_score: 70.0,
            designations: vec![designation],
        },
        org: Organisation { employees, holdings, profile },
    }
}

/// The usual instance: one track `a`, skilling capped at 30, 60 profile points.
pub fn simple(certs: Vec<Certification>, steps: Vec<Step>, employees: Vec<Employee>, holdings: Vec<Holding>) -> Inputs {
    build(certs, designation(&["a"], TrackRule::Classified, 30.0, steps), employees, holdings, 60.0, "a")
}

/// Start 2027-Q1, horizon up to `deadline`, the contract's defaults otherwise.
pub fn scenario(deadline: &str) -> Scenario {
    let start = q("2027-Q1");
    let deadline = q(deadline);
    Scenario {
        name: "constraints".into(),
        description: String::new(),
        targets: vec!["d".into()],
        goal: Goal::Qualify,
        min_skilling: BTreeMap::new(),
        objective: Objective::Cost,
        start,
        quarters: (start.until(deadline) + 1) as u32,
        deadline,
        budget: None,
        hours_per_quarter: 40.0,
        max_exams_per_quarter: 2,
        pass_rate: 1.0,
        count_time_cost: false,
        buffer: 0,
        step_buffers: Default::default(),
        risk: Default::default(),
    }
}
