//! Adding outcomes up: how often each target qualifies, what the plan cost, and which steps
//! fell short behind a failure, with the exams and leavers behind each shortfall.
//!
//! Every outcome comes with a weight: 1 for a Monte Carlo sample, its probability for an
//! enumerated one. Tallies of consecutive outcomes are merged in order, so a result never
//! depends on how the outcomes were split between threads.

use super::model::{Mask, Model, Outcome};
use crate::model::CertIdx;
use std::collections::BTreeMap;

/// A step that fell short: (target index, metric index, step index); `None` for a target
/// that fails even when every exam passes and nobody leaves.
pub type StepKey = (usize, Option<(usize, usize)>);

/// What stood behind one step's shortfalls.
#[derive(Clone, Debug, Default)]
pub struct Behind {
    /// Weight of the outcomes in which the step fell short while its target failed.
    pub weight: f64,
    /// Per certification: weight of those outcomes in which a failed exam of it was behind.
    pub failed: BTreeMap<CertIdx, f64>,
    /// Weight of those outcomes in which someone leaving was behind.
    pub leavers: f64,
}

/// Outcomes added up.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Total weight.
    pub weight: f64,
    /// Weight of the outcomes in which every target meets the goal.
    pub all: f64,
    /// Per target: weight of the outcomes in which it meets the goal.
    pub targets: Vec<f64>,
    /// Every outcome's cost with its weight, in outcome order.
    pub costs: Vec<(f64, f64)>,
    /// The shortfalls behind failures.
    pub causes: BTreeMap<StepKey, Behind>,
}

impl Tally {
    /// An empty tally for `targets` targets.
    pub fn new(targets: usize) -> Tally {
        Tally { targets: vec![0.0; targets], ..Tally::default() }
    }

    /// Adds one outcome whose plan people count in `masks`.
    pub fn add(&mut self, model: &Model, outcome: &Outcome, masks: &[Mask], weight: f64) {
        let counts = model.counts(masks, &outcome.others_left);
        let mut all = true;
        for t in 0..model.targets.len() {
            let tracks = model.score(t, &counts);
            if model.met(t, &tracks) {
                self.targets[t] += weight;
                continue;
            }
            all = false;
            let target = &model.targets[t];
            let Some(aimed) = tracks.iter().find(|s| s.track == target.aimed) else { continue };
            let mut found = false;
            for (mi, metric) in aimed.metrics.iter().enumerate() {
                for (si, step) in metric.steps.iter().enumerate() {
                    let Some(needed) = step.needed else { continue };
                    if step.people < needed && step.people < target.all_pass[mi][si] {
                        found = true;
                        self.blame(model, outcome, masks, (t, Some((mi, si))), weight);
                    }
                }
            }
            if !found {
                self.causes.entry((t, None)).or_default().weight += weight;
            }
        }
        if all {
            self.all += weight;
        }
        self.weight += weight;
        self.costs.push((outcome.cost, weight));
    }

    /// Records a shortfall of one step and who was behind it: plan people who would count
    /// there had everything passed (their failed exams of the step's certifications or of
    /// their prerequisites, or their leaving), and others who left.
    fn blame(&mut self, model: &Model, outcome: &Outcome, masks: &[Mask], key: StepKey, weight: f64) {
        let (t, Some((mi, si))) = key else { return };
        let group = model.targets[t].step_group[mi][si];
        let bit: Mask = 1 << group;
        let behind = self.causes.entry(key).or_default();
        behind.weight += weight;
        let mut certs: Vec<CertIdx> = Vec::new();
        let mut left = false;
        for (p, person) in model.people.iter().enumerate() {
            if person.all_pass & bit == 0 || masks[p] & bit != 0 {
                continue;
            }
            if outcome.fates[p].left.is_some() {
                left = true;
                continue;
            }
            let passed = &outcome.passed[model.offsets[p]..model.offsets[p] + person.exams.len()];
            let failed = person.exams.iter().zip(passed).filter(|(_, &q)| q == 0).map(|(e, _)| e.cert);
            certs.extend(failed.filter(|&c| model.behind_group(c, group)));
        }
        left |= model.others.iter().zip(&outcome.others_left).any(|((_, m), &gone)| gone && m & bit != 0);
        certs.sort_unstable();
        certs.dedup();
        for c in certs {
            *behind.failed.entry(c).or_default() += weight;
        }
        if left {
            behind.leavers += weight;
        }
    }

    /// Adds a later tally to this one.
    pub fn merge(&mut self, later: Tally) {
        self.weight += later.weight;
        self.all += later.all;
        for (mine, theirs) in self.targets.iter_mut().zip(later.targets) {
            *mine += theirs;
        }
        self.costs.extend(later.costs);
        for (key, b) in later.causes {
            let mine = self.causes.entry(key).or_default();
            mine.weight += b.weight;
            mine.leavers += b.leavers;
            for (c, w) in b.failed {
                *mine.failed.entry(c).or_default() += w;
            }
        }
    }
}

/// The 95 % Wilson score interval of a share `hits / n`: unlike the normal approximation it
/// stays within [0, 1] and does not shrink to a point at 0 or 1, where a plan's
/// probability often lies.
pub fn wilson(hits: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    /// The 97.5 % quantile of the standard normal distribution.
    const Z: f64 = 1.959_963_984_540_054;
    let p = hits / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The weighted `q`-quantile (0 < q ≤ 1) of `(value, weight)` pairs: the smallest value whose
/// cumulative weight reaches `q` of the total (for equal weights, the nearest-rank percentile).
pub fn quantile(sorted: &[(f64, f64)], total: f64, q: f64) -> f64 {
    let goal = q * total;
    let mut cumulative = 0.0;
    for &(value, weight) in sorted {
        cumulative += weight;
        // A relative tolerance, so that weights summing to the goal in another order still reach it.
        if cumulative >= goal * (1.0 - 1e-12) {
            return value;
        }
    }
    sorted.last().map_or(0.0, |&(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_the_textbook_values() {
        let (low, high) = wilson(81.0, 100.0);
        assert!((low - 0.72221).abs() < 1e-5 && (high - 0.87485).abs() < 1e-5, "{low} {high}");
        let (low, high) = wilson(100.0, 100.0);
        assert!((low - 0.96301).abs() < 1e-5 && high == 1.0, "{low} {high}");
        assert_eq!(wilson(0.0, 0.0), (0.0, 1.0));
    }

    #[test]
    fn quantiles_are_nearest_rank_for_equal_weights() {
        let values: Vec<(f64, f64)> = (1..=10).map(|v| (f64::from(v), 1.0)).collect();
        assert_eq!(quantile(&values, 10.0, 0.1), 1.0);
        assert_eq!(quantile(&values, 10.0, 0.5), 5.0);
        assert_eq!(quantile(&values, 10.0, 0.9), 9.0);
        assert_eq!(quantile(&[(3.0, 0.25), (8.0, 0.75)], 1.0, 0.5), 8.0);
    }
}
