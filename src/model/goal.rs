//! Whether a plan meets a scenario's goal, target by target, and the `max-points` value of a
//! plan: the scoring rules (`evaluate`) applied to the organisation with the plan.

use super::evaluate::{meets_goal, score_counts, Snapshot, Timeline, TrackScore};
use super::{Designation, Goal, Inputs, Plan, Quarter, Scenario};

/// Every target's tracks scored on the evaluation day with the plan (buffer applied), with
/// the target's designation and `min_skilling` floor.
fn scored_targets<'r>(
    inputs: &'r Inputs,
    scenario: &'r Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> Vec<(&'r String, Option<&'r Designation>, Vec<TrackScore>, f64)> {
    let Inputs { catalog, rules, org } = inputs;
    let timeline = Timeline::new(catalog, org, &plan.actions);
    let snapshot = Snapshot::new(catalog, org, &timeline, evaluation.last_day());
    scenario
        .targets
        .iter()
        .map(|id| {
            let d = rules.designation_index(id).map(|i| &rules.designations[i]);
            let tracks = d.map_or_else(Vec::new, |d| {
                let count = |mi: usize, si: usize| snapshot.people_with_any(&d.metrics[mi].steps[si].certifications);
                score_counts(d, org, rules.qualifying_score, count, |mi, si| scenario.buffer_for(&d.id, mi, si))
            });
            (id, d, tracks, scenario.min_skilling.get(id).copied().unwrap_or(0.0))
        })
        .collect()
}

/// Per target: whether it meets the scenario's goal on the evaluation quarter's last day.
pub fn by_target(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Vec<(String, bool)> {
    scored_targets(inputs, scenario, plan, evaluation)
        .into_iter()
        .map(|(id, d, tracks, floor)| {
            let met = d.is_some_and(|d| target_met(d, &tracks, scenario.goal, floor));
            (id.clone(), met)
        })
        .collect()
}

/// Whether a target's scored tracks meet `goal` with the `min_skilling` floor `floor`: some
/// track that applies does.
pub fn target_met(designation: &Designation, tracks: &[TrackScore], goal: Goal, floor: f64) -> bool {
    tracks.iter().any(|t| t.applies && meets_goal(designation, t, goal, floor))
}

/// The `max-points` value of a plan: how many targets qualify (with the buffer and
/// `min_skilling`), then the sum over targets of skilling points, each target in its best
/// applicable track.
pub fn value(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> (u32, f64) {
    scored_targets(inputs, scenario, plan, evaluation)
        .into_iter()
        .filter_map(|(_, d, tracks, floor)| {
            let d = d?;
            Some(
                tracks
                    .iter()
                    .filter(|t| t.applies)
                    .map(|t| (u32::from(meets_goal(d, t, Goal::Qualify, floor)), t.skilling))
                    .fold((0, 0.0), |best, v| if v > best { v } else { best }),
            )
        })
        .fold((0, 0.0), |(q, p), (x, y)| (q + x, p + y))
}

/// Whether every target meets the goal.
pub fn holds(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> bool {
    by_target(inputs, scenario, plan, evaluation).iter().all(|(_, met)| *met)
}
