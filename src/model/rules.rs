//! The partner program's rules: designations, metrics, steps (contract §1.2).

use super::catalog::CertIdx;
use super::date::Date;

/// What a metric measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Points come from the profile.
    Performance,
    /// Points come from certified people, step by step.
    Skilling,
    /// Points come from the profile.
    CustomerSuccess,
}

/// How a designation's track is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackRule {
    /// The organisation's profile names the track.
    Classified,
    /// Every track is scored; the higher total counts.
    Best,
}

/// A step's requirement in one track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    /// People needed to complete the step (positive).
    pub people: u32,
    /// Points for a complete step; partial counts earn a proportional share.
    pub points: f64,
}

impl Threshold {
    /// Points earned by `n` people: `points × min(n, people) / people`.
    pub fn points_for(&self, n: u32) -> f64 {
        self.points * f64::from(n.min(self.people)) / f64::from(self.people)
    }
}

/// One step of a skilling metric.
#[derive(Clone, Debug)]
pub struct Step {
    /// A person counts in the step when holding at least one of these.
    pub certifications: Vec<CertIdx>,
    /// Requirement per track, indexed like [`Designation::tracks`]; `None` = no such step
    /// in that track.
    pub thresholds: Vec<Option<Threshold>>,
}

/// One metric of a designation.
#[derive(Clone, Debug)]
pub struct Metric {
    /// Stable id, e.g. `intermediate`.
    pub id: String,
    /// Category.
    pub category: Category,
    /// Cap on the metric's points.
    pub max_points: f64,
    /// Steps (skilling metrics only).
    pub steps: Vec<Step>,
}

/// One Solutions Partner designation.
#[derive(Clone, Debug)]
pub struct Designation {
    /// Stable slug, e.g. `infrastructure`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Track names, e.g. `["enterprise", "smb"]`.
    pub tracks: Vec<String>,
    /// How the track is chosen.
    pub track_rule: TrackRule,
    /// Metrics.
    pub metrics: Vec<Metric>,
}

impl Designation {
    /// Index of a track by name.
    pub fn track_index(&self, name: &str) -> Option<usize> {
        self.tracks.iter().position(|t| t == name)
    }

    /// The skilling metrics with their indexes.
    pub fn skilling_metrics(&self) -> impl Iterator<Item = (usize, &Metric)> {
        self.metrics.iter().enumerate().filter(|(_, m)| m.category == Category::Skilling)
    }

    /// Sum of the skilling metrics' caps.
    pub fn max_skilling(&self) -> f64 {
        self.skilling_metrics().map(|(_, m)| m.max_points).sum()
    }
}

/// A whole rule set (one fiscal year).
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Display name.
    pub name: String,
    /// First day the rules apply (informational).
    pub effective_from: Option<Date>,
    /// Score needed to qualify.
    pub qualifying_score: f64,
    /// Designations.
    pub designations: Vec<Designation>,
}

impl RuleSet {
    /// Index of a designation by id.
    pub fn designation_index(&self, id: &str) -> Option<usize> {
        self.designations.iter().position(|d| d.id == id)
    }

    /// The steps of the designations named in `targets`, numbered by their certification
    /// sets: steps listing the same certifications (in any order) share a group, because a
    /// person counts in both or in neither. Returns the groups (sorted, distinct
    /// certifications each) and, per known target in `targets`' order, its designation's
    /// index and each metric's steps' group numbers. Unknown ids are skipped (validation
    /// reports them).
    pub fn step_groups(&self, targets: &[String]) -> StepGroups {
        let mut groups: Vec<Vec<CertIdx>> = Vec::new();
        let mut of_target = Vec::new();
        for id in targets {
            let Some(d) = self.designation_index(id) else { continue };
            let per_metric = self.designations[d]
                .metrics
                .iter()
                .map(|m| {
                    m.steps
                        .iter()
                        .map(|s| {
                            let mut certs = s.certifications.clone();
                            certs.sort_unstable();
                            certs.dedup();
                            groups.iter().position(|g| *g == certs).unwrap_or_else(|| {
                                groups.push(certs);
                                groups.len() - 1
                            })
                        })
                        .collect()
                })
                .collect();
            of_target.push((d, per_metric));
        }
        StepGroups { groups, of_target }
    }
}

/// The step groups of a set of targets: see [`RuleSet::step_groups`].
#[derive(Clone, Debug)]
pub struct StepGroups {
    /// Each group's certifications, sorted and distinct.
    pub groups: Vec<Vec<CertIdx>>,
    /// Per known target: its designation's index and, per metric and step, the group number.
    pub of_target: Vec<(usize, Vec<Vec<usize>>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(id: &str, category: Category, max_points: f64) -> Metric {
        Metric { id: id.into(), category, max_points, steps: Vec::new() }
    }

    fn designation(id: &str) -> Designation {
        Designation {
            id: id.into(),
            name: id.into(),
            tracks: vec!["a".into(), "b".into()],
            track_rule: TrackRule::Best,
            metrics: vec![
                metric("perf", Category::Performance, 40.0),
                metric("basic", Category::Skilling, 10.0),
                metric("success", Category::CustomerSuccess, 20.0),
                metric("advanced", Category::Skilling, 20.0),
            ],
        }
    }

    #[test]
    fn partial_counts_earn_a_proportional_share_capped_at_the_step() {
        let th = Threshold { people: 4, points: 20.0 };
        assert_eq!([0, 1, 2, 4, 6].map(|n| th.points_for(n)), [0.0, 5.0, 10.0, 20.0, 20.0]);
    }

    #[test]
    fn tracks_metrics_and_designations_are_found_by_name_and_category() {
        let d = designation("x");
        assert_eq!((d.track_index("a"), d.track_index("b"), d.track_index("c")), (Some(0), Some(1), None));
        assert_eq!(
            d.skilling_metrics().map(|(i, m)| (i, m.id.as_str())).collect::<Vec<_>>(),
            [(1, "basic"), (3, "advanced")]
        );
        assert_eq!(d.max_skilling(), 30.0);
        let rules = RuleSet {
            name: "r".into(),
            effective_from: None,
            qualifying_score: 70.0,
            designations: vec![d, designation("y")],
        };
        assert_eq!(
            (rules.designation_index("x"), rules.designation_index("y"), rules.designation_index("z")),
            (Some(0), Some(1), None)
        );
    }
}
