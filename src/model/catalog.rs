//! Certifications: what they cost, how long they take, when they stop being available.

use super::date::Date;
use std::collections::HashMap;

/// Index of a certification in its [`Catalog`].
pub type CertIdx = usize;

/// The level of a certification (informational).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Fundamentals (usually never expires).
    Fundamentals,
    /// Role-based associate.
    Associate,
    /// Specialty.
    Specialty,
    /// Role-based expert.
    Expert,
    /// Anything else.
    Other,
}

/// One certification of the catalogue (contract §1.1).
#[derive(Clone, Debug)]
pub struct Certification {
    /// Catalogue id, by convention the exam code.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Price of one exam attempt.
    pub exam_fee: f64,
    /// Course or preparation price per person.
    pub training_fee: f64,
    /// Hours to prepare and sit the exam.
    pub study_hours: f64,
    /// At least one of these must be held and active for this one to count.
    pub requires_any: Vec<CertIdx>,
    /// All of these must be held and active for this one to count.
    pub requires_all: Vec<CertIdx>,
    /// Last day the exam can be taken (or a renewal started).
    pub exam_until: Option<Date>,
    /// Last day a held certification earns points.
    pub counts_until: Option<Date>,
    /// Months a newly earned or renewed certification stays active; 0 = never expires.
    pub valid_months: u32,
    /// Hours for the free renewal assessment.
    pub renewal_hours: f64,
    /// Probability of passing one attempt; `None` = the scenario's default.
    pub pass_rate: Option<f64>,
}

impl Certification {
    /// A certification with only what the catalogue requires (id, exam fee, study hours)
    /// and its defaults for the rest (contract §1.1): named by its id, no training fee, no
    /// prerequisites or end dates, valid 12 months, renewed in 2 hours, the scenario's pass
    /// rate. The loader and hand-built instances start from it.
    pub fn new(id: &str, exam_fee: f64, study_hours: f64) -> Certification {
        Certification {
            id: id.to_string(),
            name: id.to_string(),
            level: Level::Other,
            exam_fee,
            training_fee: 0.0,
            study_hours,
            requires_any: Vec::new(),
            requires_all: Vec::new(),
            exam_until: None,
            counts_until: None,
            valid_months: 12,
            renewal_hours: 2.0,
            pass_rate: None,
        }
    }

    /// Whether an exam (or renewal) may be planned in a quarter starting on `first_day`.
    pub fn available_on(&self, first_day: Date) -> bool {
        self.exam_until.is_none_or(|until| first_day <= until)
    }

    /// Whether the certification still earns points on `day`.
    pub fn counts_on(&self, day: Date) -> bool {
        self.counts_until.is_none_or(|until| day <= until)
    }

    /// Expiry of a grant earned (or renewed from) `from`: `None` when it never expires.
    pub fn expiry_from(&self, from: Date) -> Option<Date> {
        (self.valid_months > 0).then(|| from.add_months(self.valid_months as i32))
    }

    /// Whether the certification has prerequisites at all.
    pub fn has_prerequisites(&self) -> bool {
        !self.requires_any.is_empty() || !self.requires_all.is_empty()
    }
}

/// The catalogue: certifications by index, with an id lookup.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    certs: Vec<Certification>,
    by_id: HashMap<String, CertIdx>,
}

impl Catalog {
    /// Builds a catalogue; ids must be unique (the loader checks).
    pub fn new(certs: Vec<Certification>) -> Catalog {
        let by_id = certs.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        Catalog { certs, by_id }
    }

    /// Looks a certification up by id.
    pub fn index_of(&self, id: &str) -> Option<CertIdx> {
        self.by_id.get(id).copied()
    }

    /// All certifications, by index.
    pub fn certs(&self) -> &[Certification] {
        &self.certs
    }

    /// Number of certifications.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }
}

impl std::ops::Index<CertIdx> for Catalog {
    type Output = Certification;
    fn index(&self, index: CertIdx) -> &Certification {
        &self.certs[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn exams_are_available_until_and_including_exam_until() {
        let mut c = Certification::new("A", 100.0, 10.0);
        assert!(c.available_on(d("2099-10-01")));
        c.exam_until = Some(d("2027-04-01"));
        assert!(c.available_on(d("2027-04-01")));
        assert!(!c.available_on(d("2027-07-01")));
    }

    #[test]
    fn points_count_until_and_including_counts_until() {
        let mut c = Certification::new("A", 100.0, 10.0);
        assert!(c.counts_on(d("2099-12-31")));
        c.counts_until = Some(d("2027-06-30"));
        assert!(c.counts_on(d("2027-06-30")));
        assert!(!c.counts_on(d("2027-07-01")));
    }

    #[test]
    fn a_grant_expires_valid_months_later_or_never_when_zero() {
        let mut c = Certification::new("A", 100.0, 10.0);
        assert_eq!(c.expiry_from(d("2027-03-31")), Some(d("2028-03-31")));
        c.valid_months = 0;
        assert_eq!(c.expiry_from(d("2027-03-31")), None);
    }

    #[test]
    fn prerequisites_are_any_of_or_all_of() {
        let mut c = Certification::new("A", 100.0, 10.0);
        assert!(!c.has_prerequisites());
        c.requires_any = vec![1];
        assert!(c.has_prerequisites());
        c.requires_any.clear();
        c.requires_all = vec![1];
        assert!(c.has_prerequisites());
    }

    #[test]
    fn the_catalogue_looks_certifications_up_by_id_and_index() {
        let catalog = Catalog::new(vec![Certification::new("A", 1.0, 1.0), Certification::new("B", 2.0, 2.0)]);
        assert_eq!((catalog.index_of("A"), catalog.index_of("B"), catalog.index_of("C")), (Some(0), Some(1), None));
        assert_eq!(catalog.certs().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!((catalog.len(), catalog.is_empty()), (2, false));
        assert_eq!(catalog[1].exam_fee, 2.0);
        assert!(Catalog::default().is_empty());
    }
}
