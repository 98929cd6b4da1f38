//! Hand-built instances for the solver's unit tests: one designation `d` in one track `a`,
//! qualifying score 70 with 60 profile points (so 10 skilling points are needed), start
//! 2027-Q1, 40 study hours and 2 exams per quarter, pass rate 1, no time cost,
//! certifications valid 12 months with 2 renewal hours. (The integration tests have their
//! own fixtures: they cannot reach test-only code of the library.)

use crate::model::org::DesignationPoints;
use crate::model::*;

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn q(s: &str) -> Quarter {
    Quarter::parse(s).unwrap()
}

/// A certification without training fee, prerequisites or end dates.
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

pub fn holding(employee: EmpIdx, cert: CertIdx, earned: &str, expires: Option<&str>) -> Holding {
    Holding { employee, cert, earned_on: Some(d(earned)), expires_on: expires.map(d) }
}

/// A step worth `points` once `people` count in one of `certs`.
pub fn step(certs: &[CertIdx], people: u32, points: f64) -> Step {
    Step { certifications: certs.to_vec(), thresholds: vec![Some(Threshold { people, points })] }
}

/// The instance: `d`'s skilling metric (max 30) made of `steps`.
pub fn inputs(certs: Vec<Certification>, steps: Vec<Step>, employees: Vec<Employee>, holdings: Vec<Holding>) -> Inputs {
    let mut profile = Profile { name: "Org".into(), currency: "EUR".into(), ..Default::default() };
    profile.tracks.insert("d".into(), "a".into());
    let mut points = DesignationPoints::default();
    points.flat.insert("perf".into(), 60.0);
    profile.points.insert("d".into(), points);
    let designation = Designation {
        id: "d".into(),
        name: "D".into(),
        tracks: vec!["a".into()],
        track_rule: TrackRule::Classified,
        metrics: vec![
            Metric { id: "perf".into(), category: Category::Performance, max_points: 70.0, steps: vec![] },
            Metric { id: "skill".into(), category: Category::Skilling, max_points: 30.0, steps },
        ],
    };
    Inputs {
        catalog: Catalog::new(certs),
        rules: RuleSet {
            name: "t".into(),
            effective_from: None,
            qualifying_score: 70.0,
            designations: vec![designation],
        },
        org: Organisation { employees, holdings, profile },
    }
}

/// Start 2027-Q1 up to `deadline`, the contract's defaults otherwise.
pub fn scenario(deadline: &str) -> Scenario {
    Scenario::example("2027-Q1", deadline)
}

/// Group 0 needs two people (A or C), group 1 one (B or C); C counts in both. Four people,
/// p3 paid by the hour (when time is costed) and the only one with time for C and B together.
/// The optimum is one A and one C, 350.
pub fn overlapping() -> Inputs {
    let employees = vec![
        person("p0"),
        person("p1"),
        person("p2"),
        Employee { hourly_cost: 5.0, hours_per_quarter: Some(60.0), ..person("p3") },
    ];
    inputs(
        vec![cert("A", 100.0, 10.0), cert("B", 200.0, 20.0), cert("C", 250.0, 30.0)],
        vec![step(&[0, 2], 2, 5.0), step(&[1, 2], 1, 5.0)],
        employees,
        vec![],
    )
}

/// Group 0 counts A (100, 10 hours), group 1 counts B (200, 10 hours), one person each;
/// time costed, planned over 2027-Q1 and Q2.
pub fn two_steps(employees: Vec<Employee>, holdings: Vec<Holding>) -> (Inputs, Scenario) {
    let certs = vec![cert("A", 100.0, 10.0), cert("B", 200.0, 10.0)];
    let inputs = inputs(certs, vec![step(&[0], 1, 5.0), step(&[1], 1, 5.0)], employees, holdings);
    let mut sc = scenario("2027-Q2");
    sc.count_time_cost = true;
    (inputs, sc)
}

/// A xorshift generator for the tests' random instances: deterministic, so a failing case
/// number can be replayed. (The property tests and `generate` keep their own SplitMix64.)
pub struct Xorshift(pub u64);

impl Xorshift {
    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
