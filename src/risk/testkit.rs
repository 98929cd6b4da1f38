//! Tiny instances for the risk modules' unit tests: one designation `d` in one track `a`,
//! 60 profile points, and a skilling step of certification A (fee 100, 10 study hours) that
//! needs `need` people for the 10 missing points; B (fee 50, 5 hours) counts for nothing.

use crate::model::org::DesignationPoints;
use crate::model::*;

pub fn inputs(people: usize, need: u32, pass_a: f64) -> Inputs {
    let a = Certification { pass_rate: Some(pass_a), ..Certification::new("A", 100.0, 10.0) };
    let b = Certification { pass_rate: Some(1.0), ..Certification::new("B", 50.0, 5.0) };
    let designation = Designation {
        id: "d".into(),
        name: "D".into(),
        tracks: vec!["a".into()],
        track_rule: TrackRule::Classified,
        metrics: vec![
            Metric { id: "perf".into(), category: Category::Performance, max_points: 70.0, steps: vec![] },
            Metric {
                id: "skill".into(),
                category: Category::Skilling,
                max_points: 30.0,
                steps: vec![Step {
                    certifications: vec![0],
                    thresholds: vec![Some(Threshold { people: need, points: 10.0 })],
                }],
            },
        ],
    };
    let mut profile = Profile::default();
    profile.tracks.insert("d".into(), "a".into());
    let mut points = DesignationPoints::default();
    points.flat.insert("perf".into(), 60.0);
    profile.points.insert("d".into(), points);
    let employees = (0..people).map(|i| Employee::new(&format!("p{i}"))).collect();
    Inputs {
        catalog: Catalog::new(vec![a, b]),
        rules: RuleSet {
            name: "r".into(),
            effective_from: None,
            qualifying_score: 70.0,
            designations: vec![designation],
        },
        org: Organisation { employees, holdings: vec![], profile },
    }
}

pub fn scenario(deadline: &str) -> Scenario {
    Scenario::example("2027-Q1", deadline)
}

pub fn exam(quarter: &str, employee: EmpIdx, cert: CertIdx) -> Action {
    Action { quarter: Quarter::parse(quarter).unwrap(), employee, kind: ActionKind::Exam, cert: Some(cert) }
}
