//! Scoring at a moment: who counts which certification, and what that earns (§1.2, §3).
//!
//! This is the one reading of the rules shared by `certplan score`, the plan report and the
//! independent plan checker. The solver never calls it: it reasons about the same rules in
//! its own way, so that the checker can catch a formulation mistake.

use super::catalog::{Catalog, CertIdx};
use super::date::Date;
use super::org::{EmpIdx, Organisation};
use super::plan::{Action, ActionKind};
use super::rules::{Category, Designation, TrackRule};
use super::scenario::Goal;

/// Tolerance for "score ≥ qualifying score" (contract §1.2).
pub const SCORE_TOLERANCE: f64 = 1e-9;

/// One grant of a certification on a person's timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Grant {
    earned: Option<Date>,
    expires: Option<Date>,
}

impl Grant {
    fn active_on(&self, day: Date) -> bool {
        self.earned.is_none_or(|e| e <= day) && self.expires.is_none_or(|x| day <= x)
    }
}

/// "Linked since forever": people the organisation lists as linked.
const ALWAYS: Date = Date::MIN;

/// Every grant of every person after applying a plan's actions.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// grants[employee][cert]
    grants: Vec<Vec<Vec<Grant>>>,
    /// Quarter first day from which each person is linked (`None` = never).
    linked_from: Vec<Option<Date>>,
    /// Renewals that matched no grant's renewal window (index into the actions given).
    pub unmatched_renewals: Vec<usize>,
}

impl Timeline {
    /// Builds the timeline from the organisation's holdings plus `actions`.
    ///
    /// Exams grant from the quarter's last day; renewals extend, from its old expiry, the
    /// grant whose window `[expires − 6 months, expires]` the quarter overlaps (§3, §5.4).
    pub fn new(catalog: &Catalog, org: &Organisation, actions: &[Action]) -> Timeline {
        let mut grants = vec![vec![Vec::new(); catalog.len()]; org.employees.len()];
        for h in &org.holdings {
            grants[h.employee][h.cert].push(Grant { earned: h.earned_on, expires: h.expires_on });
        }
        let linked_from: Vec<Option<Date>> = org.employees.iter().map(|e| e.linked.then_some(ALWAYS)).collect();
        let mut timeline = Timeline { grants, linked_from, unmatched_renewals: Vec::new() };
        timeline.unmatched_renewals = timeline.apply(catalog, actions);
        timeline
    }

    /// Rebuilds one person's grants and link from their holdings and `actions` (theirs
    /// only), leaving everyone else as they are: what ranking a plan row by row needs, as
    /// each candidate row changes one person. Unmatched renewals are not recorded.
    pub fn rebuild_person(&mut self, catalog: &Catalog, org: &Organisation, employee: EmpIdx, actions: &[Action]) {
        for grants in &mut self.grants[employee] {
            grants.clear();
        }
        for h in org.holdings.iter().filter(|h| h.employee == employee) {
            self.grants[employee][h.cert].push(Grant { earned: h.earned_on, expires: h.expires_on });
        }
        self.linked_from[employee] = org.employees[employee].linked.then_some(ALWAYS);
        self.apply(catalog, actions);
    }

    /// Applies actions in time order (exams before renewals within a quarter); returns the
    /// renewals that matched no grant's window (indexes into `actions`).
    fn apply(&mut self, catalog: &Catalog, actions: &[Action]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..actions.len()).collect();
        order.sort_by_key(|&i| (actions[i].quarter, actions[i].kind));
        let mut unmatched_renewals = Vec::new();
        for i in order {
            let a = actions[i];
            match (a.kind, a.cert) {
                (ActionKind::Link, _) => {
                    let from = a.quarter.first_day();
                    let slot = &mut self.linked_from[a.employee];
                    *slot = Some(slot.map_or(from, |old| old.min(from)));
                }
                (ActionKind::Exam, Some(c)) => {
                    let earned = a.quarter.last_day();
                    let expires = catalog[c].expiry_from(earned);
                    self.grants[a.employee][c].push(Grant { earned: Some(earned), expires });
                }
                (ActionKind::Renew, Some(c)) => {
                    let cert = &catalog[c];
                    let window_hit = self.grants[a.employee][c]
                        .iter_mut()
                        .filter(|g| {
                            g.expires.is_some_and(|x| {
                                g.earned.is_none_or(|e| e <= a.quarter.last_day())
                                    && a.quarter.overlaps(x.add_months(-6), x)
                            })
                        })
                        .max_by_key(|g| g.expires);
                    match window_hit {
                        Some(g) if cert.available_on(a.quarter.first_day()) => {
                            g.expires = g.expires.map(|x| x.add_months(cert.valid_months as i32));
                        }
                        _ => unmatched_renewals.push(i),
                    }
                }
                _ => {}
            }
        }
        unmatched_renewals
    }

    /// Whether the person holds an active grant of `cert` on `day`.
    pub fn active(&self, employee: EmpIdx, cert: CertIdx, day: Date) -> bool {
        self.grants[employee][cert].iter().any(|g| g.active_on(day))
    }

    /// Whether the person is linked on `day`.
    pub fn linked(&self, employee: EmpIdx, day: Date) -> bool {
        self.linked_from[employee].is_some_and(|from| from <= day)
    }

    /// Whether `cert` earns points for the person on `day` (§3): linked, present, active,
    /// not past `counts_until`, prerequisites active.
    pub fn counts(&self, catalog: &Catalog, org: &Organisation, employee: EmpIdx, cert: CertIdx, day: Date) -> bool {
        let c = &catalog[cert];
        self.linked(employee, day)
            && org.employees[employee].present_on(day)
            && self.active(employee, cert, day)
            && c.counts_on(day)
            && c.requires_all.iter().all(|&r| self.active(employee, r, day))
            && (c.requires_any.is_empty() || c.requires_any.iter().any(|&r| self.active(employee, r, day)))
    }
}

/// Who counts which certification at one moment.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// counting[employee][cert]
    counting: Vec<Vec<bool>>,
}

impl Snapshot {
    /// Takes the snapshot of `timeline` on `day`.
    pub fn new(catalog: &Catalog, org: &Organisation, timeline: &Timeline, day: Date) -> Snapshot {
        let counting = (0..org.employees.len()).map(|e| Snapshot::row(catalog, org, timeline, e, day)).collect();
        Snapshot { counting }
    }

    /// What one person counts on `day`, per certification.
    pub fn row(catalog: &Catalog, org: &Organisation, timeline: &Timeline, employee: EmpIdx, day: Date) -> Vec<bool> {
        (0..catalog.len()).map(|c| timeline.counts(catalog, org, employee, c, day)).collect()
    }

    /// Puts `row` in place of a person's row, returning the old one.
    pub fn swap_row(&mut self, employee: EmpIdx, row: Vec<bool>) -> Vec<bool> {
        std::mem::replace(&mut self.counting[employee], row)
    }

    /// Whether the person counts the certification.
    pub fn counts(&self, employee: EmpIdx, cert: CertIdx) -> bool {
        self.counting[employee][cert]
    }

    /// Distinct people counting at least one of `certs`.
    pub fn people_with_any(&self, certs: &[CertIdx]) -> u32 {
        self.counting.iter().filter(|row| certs.iter().any(|&c| row[c])).count() as u32
    }
}

/// One step's result in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct StepScore {
    /// Distinct people counted (after the buffer).
    pub people: u32,
    /// People needed; `None` when the step does not exist in this track.
    pub needed: Option<u32>,
    /// Points earned.
    pub points: f64,
    /// Whether every earlier step is complete.
    pub open: bool,
}

/// One metric's result in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricScore {
    /// Capped points.
    pub points: f64,
    /// Steps (skilling only).
    pub steps: Vec<StepScore>,
}

/// A designation's result in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackScore {
    /// Index into the designation's tracks.
    pub track: usize,
    /// Whether the track counts for the organisation (§5.12).
    pub applies: bool,
    /// Per metric, in rule order.
    pub metrics: Vec<MetricScore>,
    /// Sum of capped skilling metrics.
    pub skilling: f64,
    /// Total score.
    pub score: f64,
    /// Score ≥ qualifying score and every metric > 0.
    pub qualified: bool,
}

/// Scores every track of a designation. `n(s)` is reduced by `buffer` (§1.4).
pub fn score_designation(
    designation: &Designation,
    org: &Organisation,
    snapshot: &Snapshot,
    qualifying_score: f64,
    buffer: u32,
) -> Vec<TrackScore> {
    let count = |mi: usize, si: usize| snapshot.people_with_any(&designation.metrics[mi].steps[si].certifications);
    score_counts(designation, org, qualifying_score, count, |_, _| buffer)
}

/// Scores every track of a designation from its step counts: `count(metric, step)` is
/// `n(s)` of that step (metric and step indexes in rule order), reduced by
/// `buffer(metric, step)` (§1.4; a scenario may give single steps their own buffer). The
/// one reading of the scoring rules: [`score_designation`] feeds it a snapshot, the risk
/// model the counts of one sampled outcome, which it works out without a snapshot.
pub fn score_counts(
    designation: &Designation,
    org: &Organisation,
    qualifying_score: f64,
    count: impl Fn(usize, usize) -> u32,
    buffer: impl Fn(usize, usize) -> u32,
) -> Vec<TrackScore> {
    // Which tracks count (§5.12): the profile's track when classified (none when the
    // profile names none), every track when best.
    let applies = |t: usize| match designation.track_rule {
        TrackRule::Classified => {
            org.profile.tracks.get(&designation.id).and_then(|name| designation.track_index(name)) == Some(t)
        }
        TrackRule::Best => true,
    };
    (0..designation.tracks.len())
        .map(|t| {
            let track_name = &designation.tracks[t];
            let metrics: Vec<MetricScore> = designation
                .metrics
                .iter()
                .enumerate()
                .map(|(mi, m)| match m.category {
                    Category::Skilling => {
                        let mut open = true;
                        let mut sum = 0.0;
                        let steps = m
                            .steps
                            .iter()
                            .enumerate()
                            .map(|(si, s)| {
                                let people = count(mi, si).saturating_sub(buffer(mi, si));
                                let threshold = s.thresholds[t];
                                let points = match threshold {
                                    Some(th) if open => th.points_for(people),
                                    _ => 0.0,
                                };
                                let step = StepScore { people, needed: threshold.map(|th| th.people), points, open };
                                sum += points;
                                if let Some(th) = threshold {
                                    open &= people >= th.people;
                                }
                                step
                            })
                            .collect();
                        MetricScore { points: sum.min(m.max_points), steps }
                    }
                    _ => {
                        let given = org.profile.points(&designation.id, track_name, &m.id);
                        MetricScore { points: given.min(m.max_points), steps: Vec::new() }
                    }
                })
                .collect();
            let skilling = designation
                .metrics
                .iter()
                .zip(&metrics)
                .filter(|(m, _)| m.category == Category::Skilling)
                .map(|(_, s)| s.points)
                .sum();
            let score: f64 = metrics.iter().map(|m| m.points).sum();
            let qualified =
                score >= qualifying_score - SCORE_TOLERANCE && metrics.iter().all(|m| m.points > SCORE_TOLERANCE);
            TrackScore { track: t, applies: applies(t), metrics, skilling, score, qualified }
        })
        .collect()
}

/// Whether one track's score meets a scenario's goal (§1.4, §5.8): qualified, or every
/// skilling metric at its cap; and the skilling sum at least `min_skilling`. For
/// `max-points` every plan does.
pub fn meets_goal(designation: &Designation, track: &TrackScore, goal: Goal, min_skilling: f64) -> bool {
    let goal_met = match goal {
        // Any plan within the budget meets it; its value is what is maximised.
        Goal::MaxPoints => return true,
        Goal::Qualify => track.qualified,
        Goal::MaxSkilling => designation
            .metrics
            .iter()
            .zip(&track.metrics)
            .filter(|(m, _)| m.category == Category::Skilling)
            .all(|(m, s)| s.points >= m.max_points - SCORE_TOLERANCE),
    };
    goal_met && track.skilling >= min_skilling - SCORE_TOLERANCE
}

/// Plain words on what blocks qualification in one track; empty when qualified.
pub fn missing(designation: &Designation, catalog: &Catalog, track: &TrackScore, qualifying_score: f64) -> Vec<String> {
    if track.qualified {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (m, ms) in designation.metrics.iter().zip(&track.metrics) {
        if ms.points > SCORE_TOLERANCE {
            continue;
        }
        if m.category != Category::Skilling {
            out.push(format!("{} has 0 points", m.id));
            continue;
        }
        let blocker = m
            .steps
            .iter()
            .zip(&ms.steps)
            .enumerate()
            .find(|(_, (_, ss))| ss.needed.is_some_and(|need| ss.people < need));
        match blocker {
            Some((i, (step, ss))) => {
                // A scoring step needs one person to lift the metric above 0; a gate needs
                // its full count before anything after it scores.
                let scoring = step.thresholds[track.track].is_some_and(|th| th.points > 0.0);
                let short = if scoring { 1 } else { ss.needed.unwrap_or(0) - ss.people };
                let ids: Vec<&str> = step.certifications.iter().map(|&c| catalog[c].id.as_str()).collect();
                out.push(format!(
                    "{} has 0 points: needs {} more {} with {} (step {} of {})",
                    m.id,
                    short,
                    if short == 1 { "person" } else { "people" },
                    ids.join(" or "),
                    i + 1,
                    m.id
                ));
            }
            None => out.push(format!("{} has 0 points", m.id)),
        }
    }
    if track.score < qualifying_score - SCORE_TOLERANCE {
        out.push(format!(
            "score {:.2} is {:.2} below {}",
            track.score,
            qualifying_score - track.score,
            qualifying_score
        ));
    }
    out
}
