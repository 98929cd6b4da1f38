//! Everything a solve at one evaluation quarter reads: the targets' step groups, the
//! certifications that can count, and each target's tracks that could still meet the goal.

use super::bundles::{self, Mask};
use super::outcome::SolveError;
use super::params;
use crate::model::{
    Catalog, CertIdx, Date, EmpIdx, Goal, Inputs, Organisation, Quarter, RuleSet, Scenario, StepGroups, TrackRule,
};

/// A target designation with the tracks that could still meet the goal.
#[derive(Clone, Debug)]
pub struct TargetTracks {
    /// Index into the rule set.
    pub designation: usize,
    /// Possible tracks.
    pub tracks: Vec<TrackNeed>,
}

/// What one track of a target needs from skilling.
#[derive(Clone, Debug)]
pub struct TrackNeed {
    /// Track index.
    pub track: usize,
    /// Skilling points needed to reach the qualifying score.
    pub skilling_needed: f64,
    /// The scenario's `min_skilling` floor.
    pub min_skilling: f64,
}

/// Everything a solve at one evaluation quarter reads.
#[derive(Clone)]
pub struct Context<'a> {
    /// Everything read from files.
    pub inputs: &'a Inputs,
    /// The catalogue.
    pub catalog: &'a Catalog,
    /// The rules.
    pub rules: &'a RuleSet,
    /// The organisation.
    pub org: &'a Organisation,
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Evaluation day.
    pub day: Date,
    /// Planning quarters, `start` to the evaluation quarter.
    pub quarters: Vec<Quarter>,
    /// Distinct certification lists of the targets' steps.
    pub groups: Vec<Vec<CertIdx>>,
    /// `step_group[designation][metric][step]` → group (targets only).
    pub step_group: Vec<Vec<Vec<usize>>>,
    /// Groups each certification belongs to.
    pub cert_groups: Vec<Mask>,
    /// Certifications in some group that still earn points on the day.
    pub coverers: Vec<CertIdx>,
    /// The certifications that matter, as bits, and what counting each one needs.
    pub cover: bundles::Cover,
    /// Per employee: indexes of their holdings (asked for every person and certification).
    holdings_of: Vec<Vec<usize>>,
    /// Explanation mode: ignore the budget.
    relax_budget: bool,
}

impl<'a> Context<'a> {
    /// Builds the context for evaluating on the last day of `evaluation`.
    pub fn new(inputs: &'a Inputs, scenario: &'a Scenario, evaluation: Quarter) -> Result<Context<'a>, SolveError> {
        let Inputs { catalog, rules, org } = inputs;
        let day = evaluation.last_day();
        let StepGroups { groups, of_target } = rules.step_groups(&scenario.targets);
        let mut step_group = vec![Vec::new(); rules.designations.len()];
        for (d, per_metric) in of_target {
            step_group[d] = per_metric;
        }
        if groups.len() > Mask::BITS {
            return Err(SolveError::TooManySteps(groups.len()));
        }
        let mut cert_groups = vec![Mask::EMPTY; catalog.len()];
        for (g, certs) in groups.iter().enumerate() {
            for &c in certs {
                cert_groups[c] |= Mask::one(g);
            }
        }
        let coverers: Vec<CertIdx> =
            (0..catalog.len()).filter(|&c| !cert_groups[c].is_empty() && catalog[c].counts_on(day)).collect();
        let mut holdings_of = vec![Vec::new(); org.employees.len()];
        for (i, h) in org.holdings.iter().enumerate() {
            holdings_of[h.employee].push(i);
        }
        let cover = bundles::Cover::new(catalog, &coverers, &cert_groups).ok_or(SolveError::TooManyCertifications)?;
        Ok(Context {
            inputs,
            catalog,
            rules,
            org,
            scenario,
            day,
            quarters: scenario.quarters_until(evaluation),
            groups,
            step_group,
            cert_groups,
            coverers,
            cover,
            holdings_of,
            relax_budget: false,
        })
    }

    /// The same context with the budget lifted (to explain what the budget rules out).
    pub fn without_budget(&self) -> Context<'a> {
        Context { relax_budget: true, ..self.clone() }
    }

    /// The budget in force (none in explanation mode).
    pub fn budget(&self) -> Option<f64> {
        self.scenario.budget.filter(|_| !self.relax_budget)
    }

    /// The evaluation quarter.
    pub fn last_quarter(&self) -> Quarter {
        self.quarters[self.quarters.len() - 1]
    }

    /// Whether a person's existing holdings make `cert` active on the day.
    pub fn active_without_plan(&self, e: EmpIdx, cert: CertIdx) -> bool {
        self.holdings(e).any(|h| {
            h.cert == cert && h.earned_on.is_none_or(|x| x <= self.day) && h.expires_on.is_none_or(|x| self.day <= x)
        })
    }

    /// A person's holdings.
    pub fn holdings(&self, e: EmpIdx) -> impl Iterator<Item = &crate::model::Holding> + '_ {
        self.holdings_of[e].iter().map(|&i| &self.org.holdings[i])
    }

    /// Each target's tracks that could meet the goal, or the plain-words reasons why none can.
    pub fn target_tracks(&self) -> Result<Vec<TargetTracks>, Vec<String>> {
        let mut out = Vec::new();
        let mut reasons = Vec::new();
        for id in &self.scenario.targets {
            let Some(di) = self.rules.designation_index(id) else { continue };
            let d = &self.rules.designations[di];
            let candidates: Vec<usize> = match d.track_rule {
                TrackRule::Classified => {
                    self.org.profile.tracks.get(id).and_then(|t| d.track_index(t)).into_iter().collect()
                }
                TrackRule::Best => (0..d.tracks.len()).collect(),
            };
            let min_skilling = self.scenario.min_skilling.get(id).copied().unwrap_or(0.0);
            let mut tracks = Vec::new();
            let mut why = Vec::new();
            for t in candidates {
                let track = &d.tracks[t];
                let mut profile_points = 0.0;
                let mut blockers = Vec::new();
                for m in &d.metrics {
                    if m.category == crate::model::Category::Skilling {
                        let scoring = m.steps.iter().any(|s| s.thresholds[t].is_some_and(|th| th.points > 0.0));
                        if self.scenario.goal == Goal::Qualify && (m.max_points <= 0.0 || !scoring) {
                            blockers.push(format!("{} can never earn points in this track", m.id));
                        }
                        continue;
                    }
                    let p = self.org.profile.points(id, track, &m.id).min(m.max_points);
                    if p <= 0.0 && self.scenario.goal == Goal::Qualify {
                        blockers
                            .push(format!("{} has 0 points in the profile (certifications cannot change that)", m.id));
                    }
                    profile_points += p;
                }
                let needed = self.rules.qualifying_score - profile_points;
                let ceiling = d.max_skilling();
                if self.scenario.goal == Goal::Qualify && needed > ceiling + params::POINTS_TOLERANCE {
                    blockers.push(format!(
                        "the profile's {profile_points:.2} points plus the maximum {ceiling:.2} skilling points stay below {}",
                        self.rules.qualifying_score
                    ));
                }
                if self.scenario.goal != Goal::MaxPoints && min_skilling > ceiling + params::POINTS_TOLERANCE {
                    blockers.push(format!(
                        "min_skilling {min_skilling:.2} is above the maximum {ceiling:.2} skilling points"
                    ));
                }
                if blockers.is_empty() {
                    tracks.push(TrackNeed { track: t, skilling_needed: needed.max(0.0), min_skilling });
                } else {
                    why.push(format!("{id} ({track}): {}", blockers.join("; ")));
                }
            }
            if tracks.is_empty() {
                reasons.extend(why);
            }
            out.push(TargetTracks { designation: di, tracks });
        }
        if reasons.is_empty() {
            Ok(out)
        } else {
            Err(reasons)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::testkit::*;

    #[test]
    fn steps_with_the_same_certifications_share_a_group() {
        let steps = vec![step(&[1, 0], 1, 5.0), step(&[2], 2, 5.0), step(&[0, 1], 3, 5.0)];
        let inputs = inputs(vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0), cert("C", 1.0, 1.0)], steps, vec![], vec![]);
        let sc = scenario("2027-Q1");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        assert_eq!(ctx.groups, vec![vec![0, 1], vec![2]]);
        assert_eq!(ctx.step_group[0], vec![vec![], vec![0, 1, 0]], "performance has no steps");
        assert_eq!(ctx.cert_groups, [0b01, 0b01, 0b10].map(Mask));
        assert_eq!(ctx.coverers, vec![0, 1, 2]);
        assert_eq!(ctx.day, d("2027-03-31"));
    }

    #[test]
    fn a_certification_that_stops_counting_before_the_day_covers_nothing() {
        let old = crate::model::Certification { counts_until: Some(d("2027-02-01")), ..cert("A", 1.0, 1.0) };
        let inputs = inputs(vec![old, cert("B", 1.0, 1.0)], vec![step(&[0, 1], 1, 10.0)], vec![], vec![]);
        let sc = scenario("2027-Q1");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        assert_eq!(ctx.coverers, vec![1]);
    }

    #[test]
    fn a_target_out_of_reach_says_why() {
        // 60 profile points and a skilling metric capped at 30: 70 is in reach.
        let mut inputs = inputs(vec![cert("A", 1.0, 1.0)], vec![step(&[0], 1, 10.0)], vec![], vec![]);
        let sc = scenario("2027-Q1");
        let tracks = Context::new(&inputs, &sc, sc.deadline).unwrap().target_tracks().unwrap();
        assert_eq!(tracks.len(), 1);
        assert_eq!((tracks[0].tracks[0].skilling_needed, tracks[0].tracks[0].min_skilling), (10.0, 0.0));
        // With 5 skilling points at most, 60 + 5 stays below 70.
        inputs.rules.designations[0].metrics[1].max_points = 5.0;
        let why = Context::new(&inputs, &sc, sc.deadline).unwrap().target_tracks().unwrap_err();
        assert_eq!(why, vec!["d (a): the profile's 60.00 points plus the maximum 5.00 skilling points stay below 70"]);
    }

    #[test]
    fn holdings_count_between_earning_and_expiry() {
        let inputs = inputs(
            vec![cert("A", 1.0, 1.0), cert("B", 1.0, 1.0)],
            vec![step(&[0, 1], 1, 10.0)],
            vec![person("p")],
            vec![holding(0, 0, "2026-01-01", Some("2027-03-30")), holding(0, 1, "2026-01-01", Some("2027-03-31"))],
        );
        let sc = scenario("2027-Q1");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        assert!(!ctx.active_without_plan(0, 0), "expired the day before");
        assert!(ctx.active_without_plan(0, 1), "expires on the day: still active");
    }
}
