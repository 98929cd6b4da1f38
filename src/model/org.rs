//! The organisation: its people, the certifications they hold, its profile (§1.3).

use super::catalog::CertIdx;
use super::date::Date;
use std::collections::HashMap;

/// Index of an employee in [`Organisation::employees`].
pub type EmpIdx = usize;

/// One person.
#[derive(Clone, Debug)]
pub struct Employee {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Cost of one hour of this person's time.
    pub hourly_cost: f64,
    /// Study hours per quarter; `None` = the scenario's default.
    pub hours_per_quarter: Option<f64>,
    /// Whether the Microsoft Learn profile is linked to the partner.
    pub linked: bool,
    /// The person no longer counts from this day on.
    pub leaves_on: Option<Date>,
    /// Certifications never to plan for this person.
    pub exclude: Vec<CertIdx>,
}

impl Employee {
    /// An employee with only an id and the defaults of employees.csv (contract §1.3): named
    /// by the id, no hourly cost, the scenario's hours per quarter, linked, staying, no
    /// exclusions. The loader and hand-built instances start from it.
    pub fn new(id: &str) -> Employee {
        Employee {
            id: id.to_string(),
            name: id.to_string(),
            hourly_cost: 0.0,
            hours_per_quarter: None,
            linked: true,
            leaves_on: None,
            exclude: Vec::new(),
        }
    }

    /// Whether the person is still with the organisation on `day`.
    pub fn present_on(&self, day: Date) -> bool {
        self.leaves_on.is_none_or(|leaves| day < leaves)
    }
}

/// One grant of a certification to a person.
#[derive(Clone, Debug)]
pub struct Holding {
    /// Who holds it.
    pub employee: EmpIdx,
    /// What is held.
    pub cert: CertIdx,
    /// When it was earned; `None` = held since before anything matters.
    pub earned_on: Option<Date>,
    /// Last active day unless renewed; `None` = never expires.
    pub expires_on: Option<Date>,
}

/// Non-skilling points of one designation, as the profile gives them (§5.11).
#[derive(Clone, Debug, Default)]
pub struct DesignationPoints {
    /// Flat `[points.X]` values: every track.
    pub flat: HashMap<String, f64>,
    /// `[points.X.<track>]` values: override the flat value for that track, metric by metric.
    pub per_track: HashMap<String, HashMap<String, f64>>,
}

impl DesignationPoints {
    /// Points of `metric` in `track`; 0 when not given.
    pub fn get(&self, track: &str, metric: &str) -> f64 {
        self.per_track.get(track).and_then(|t| t.get(metric)).or_else(|| self.flat.get(metric)).copied().unwrap_or(0.0)
    }
}

/// The organisation's profile.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Display name.
    pub name: String,
    /// Currency code (informational).
    pub currency: String,
    /// Track of each classified designation, by designation id.
    pub tracks: HashMap<String, String>,
    /// Non-skilling points by designation id.
    pub points: HashMap<String, DesignationPoints>,
}

impl Profile {
    /// Points of a non-skilling metric; 0 when not given.
    pub fn points(&self, designation: &str, track: &str, metric: &str) -> f64 {
        self.points.get(designation).map_or(0.0, |p| p.get(track, metric))
    }
}

/// An organisation.
#[derive(Clone, Debug, Default)]
pub struct Organisation {
    /// People.
    pub employees: Vec<Employee>,
    /// Grants, in file order.
    pub holdings: Vec<Holding>,
    /// Profile.
    pub profile: Profile,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_leaver_is_present_until_the_day_before_leaves_on() {
        let mut e = Employee::new("p");
        assert!(e.present_on(d("2099-12-31")));
        e.leaves_on = Some(d("2027-04-01"));
        assert!(e.present_on(d("2027-03-31")));
        assert!(!e.present_on(d("2027-04-01")));
        assert!(!e.present_on(d("2027-05-01")));
    }

    #[test]
    fn per_track_points_override_flat_points_and_missing_ones_are_zero() {
        let mut points = DesignationPoints::default();
        points.flat.insert("perf".into(), 60.0);
        points.per_track.entry("b".into()).or_default().insert("perf".into(), 5.0);
        assert_eq!((points.get("a", "perf"), points.get("b", "perf"), points.get("a", "growth")), (60.0, 5.0, 0.0));
        let mut profile = Profile::default();
        profile.points.insert("d".into(), points);
        assert_eq!((profile.points("d", "a", "perf"), profile.points("d", "b", "perf")), (60.0, 5.0));
        assert_eq!(profile.points("e", "a", "perf"), 0.0);
    }
}
