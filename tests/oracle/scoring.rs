//! (c) Points per designation and track, the scenario's goal, the `max-points` value
//! (contract §1.2, §1.4, §5.7, §5.8, §5.11, §5.12; README "Goals").

use certplan::model::{Category, Designation, Goal, Inputs, Scenario, TrackRule};

/// "score ≥ qualifying score" and "metric at its maximum" allow this much (contract §1.2).
const SCORE_TOLERANCE: f64 = 1e-9;

/// A designation scored in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackScore {
    /// Whether the track counts for the organisation: the profile's track of a classified
    /// designation, every track of a best-track one (§5.12).
    pub applies: bool,
    /// Each metric's points, capped at its `max_points`, in rule order.
    pub metrics: Vec<f64>,
    /// The sum of the capped skilling metrics.
    pub skilling: f64,
    /// The sum of every capped metric.
    pub score: f64,
    /// Score ≥ the qualifying score and every metric above 0.
    pub qualified: bool,
}

/// `n(s)`: distinct people counting at least one of `certs` (`counting[employee][cert]`).
fn people_counting_any(counting: &[Vec<bool>], certs: &[usize]) -> u32 {
    counting.iter().filter(|row| certs.iter().any(|&c| row[c])).count() as u32
}

/// The profile's points of a non-skilling metric in a track: the `[points.X.<track>]` value,
/// else the flat `[points.X]` one, else 0 (§1.3, §5.11).
fn profile_points(inputs: &Inputs, designation: &str, track: &str, metric: &str) -> f64 {
    let Some(points) = inputs.org.profile.points.get(designation) else { return 0.0 };
    let per_track = points.per_track.get(track).and_then(|table| table.get(metric));
    per_track.or_else(|| points.flat.get(metric)).copied().unwrap_or(0.0)
}

/// Every track of `designation` scored from who counts what (`counting[employee][cert]`),
/// each step's count reduced by `buffer(metric, step)` (never below 0).
///
/// A step earns `points × min(n, people) / people` when every earlier step of its metric that
/// exists in the track is complete (`n ≥ people`); a step missing from the track neither earns
/// nor gates (§5.7). A metric is capped at its `max_points`.
pub fn score_designation(
    inputs: &Inputs,
    designation: &Designation,
    counting: &[Vec<bool>],
    buffer: impl Fn(usize, usize) -> u32,
) -> Vec<TrackScore> {
    let profile_track = inputs.org.profile.tracks.get(&designation.id);
    let mut out = Vec::new();
    for (t, track) in designation.tracks.iter().enumerate() {
        let applies = match designation.track_rule {
            TrackRule::Classified => profile_track == Some(track),
            TrackRule::Best => true,
        };
        let mut metrics = Vec::new();
        let mut skilling = 0.0;
        for (mi, metric) in designation.metrics.iter().enumerate() {
            let points = if metric.category == Category::Skilling {
                let mut earlier_complete = true;
                let mut sum = 0.0;
                for (si, step) in metric.steps.iter().enumerate() {
                    let Some(threshold) = step.thresholds[t] else { continue };
                    let n = people_counting_any(counting, &step.certifications).saturating_sub(buffer(mi, si));
                    if earlier_complete {
                        sum += threshold.points * f64::from(n.min(threshold.people)) / f64::from(threshold.people);
                    }
                    if n < threshold.people {
                        earlier_complete = false;
                    }
                }
                let capped = sum.min(metric.max_points);
                skilling += capped;
                capped
            } else {
                profile_points(inputs, &designation.id, track, &metric.id).min(metric.max_points)
            };
            metrics.push(points);
        }
        let score: f64 = metrics.iter().sum();
        let qualified =
            score >= inputs.rules.qualifying_score - SCORE_TOLERANCE && metrics.iter().all(|&points| points > 0.0);
        out.push(TrackScore { applies, metrics, skilling, score, qualified });
    }
    out
}

/// One target scored for a scenario: its designation and tracks (with the scenario's buffers)
/// and its `min_skilling` floor (0 when none).
fn scored_targets<'i>(
    inputs: &'i Inputs,
    scenario: &Scenario,
    counting: &[Vec<bool>],
) -> Vec<(&'i Designation, Vec<TrackScore>, f64)> {
    scenario
        .targets
        .iter()
        .map(|id| {
            let d = inputs.rules.designations.iter().find(|d| &d.id == id).expect("a target is a designation");
            let buffer = |mi: usize, si: usize| scenario.step_buffers.get(id, mi, si).unwrap_or(scenario.buffer);
            let floor = scenario.min_skilling.get(id).copied().unwrap_or(0.0);
            (d, score_designation(inputs, d, counting, buffer), floor)
        })
        .collect()
}

/// Whether one applicable track meets `goal` (§1.4, §5.8): qualified, or every skilling metric
/// at its maximum; and in either case its skilling at least `floor`.
fn track_meets(designation: &Designation, track: &TrackScore, goal: Goal, floor: f64) -> bool {
    let goal_met = match goal {
        Goal::Qualify | Goal::MaxPoints => track.qualified,
        Goal::MaxSkilling => designation
            .metrics
            .iter()
            .zip(&track.metrics)
            .filter(|(m, _)| m.category == Category::Skilling)
            .all(|(m, &points)| points >= m.max_points - SCORE_TOLERANCE),
    };
    track.applies && goal_met && track.skilling >= floor - SCORE_TOLERANCE
}

/// Whether every target meets the scenario's goal on the day `counting` was taken; any plan
/// does for `max-points`, whose value is what counts.
pub fn goal_met(inputs: &Inputs, scenario: &Scenario, counting: &[Vec<bool>]) -> bool {
    scenario.goal == Goal::MaxPoints
        || scored_targets(inputs, scenario, counting)
            .iter()
            .all(|(d, tracks, floor)| tracks.iter().any(|t| track_meets(d, t, scenario.goal, *floor)))
}

/// The `max-points` value (README "Goals"): the number of targets that qualify (buffer and
/// `min_skilling` applied), then the skilling points summed over the targets, each target
/// taken in its best applicable track: one where it qualifies if any, with the most skilling
/// points among those.
pub fn value(inputs: &Inputs, scenario: &Scenario, counting: &[Vec<bool>]) -> (u32, f64) {
    let mut qualifying = 0;
    let mut points = 0.0;
    for (d, tracks, floor) in scored_targets(inputs, scenario, counting) {
        let best = tracks
            .iter()
            .filter(|t| t.applies)
            .map(|t| (u32::from(track_meets(d, t, Goal::Qualify, floor)), t.skilling))
            .reduce(|a, b| if b.0 > a.0 || (b.0 == a.0 && b.1 > a.1) { b } else { a });
        if let Some((q, p)) = best {
            qualifying += q;
            points += p;
        }
    }
    (qualifying, points)
}
