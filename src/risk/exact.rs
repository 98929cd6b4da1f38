//! The exact probability by enumeration: every way the plan's exam attempts (and, with
//! attrition, people's leaving) can turn out, each weighted by its probability. With
//! `retakes = 0` and `attrition = 0` these are the pass/fail patterns of the plan's exams,
//! the sum the README states; retakes and leaving only add branches. It is what the Monte
//! Carlo estimate is tested against.
//!
//! The outcomes are enumerated depth first by replaying the model's own draw with the
//! branches chosen so far: each run takes the next untried branch at the last choice point
//! that has one, so every outcome is met once, in a fixed order.

use super::model::{Chance, Memo, Model};
use super::tally::Tally;
use crate::io::limits::{MAX_EXACT_EXAMS, MAX_EXACT_OUTCOMES};

/// Why a plan cannot be enumerated.
#[derive(Debug, thiserror::Error)]
pub enum ExactError {
    /// More exams than can be enumerated.
    #[error(
        "--exact enumerates plans of up to {MAX_EXACT_EXAMS} exams (2^{MAX_EXACT_EXAMS} outcomes); this plan has {0}"
    )]
    TooManyExams(usize),
    /// Retakes and leaving make more outcomes than can be enumerated.
    #[error("--exact enumerates at most {MAX_EXACT_OUTCOMES} outcomes; with retakes = {retakes} and attrition = {attrition} this plan has more (use the Monte Carlo estimate)")]
    TooManyOutcomes {
        /// The scenario's retakes.
        retakes: u32,
        /// The scenario's attrition.
        attrition: f64,
    },
}

/// The branches taken so far, replayed by the next run.
#[derive(Default)]
struct Replay {
    /// Per choice point met: the branch taken and the probabilities of its branches.
    path: Vec<(usize, Vec<f64>)>,
    /// Choice points met in the current run.
    at: usize,
    /// Probability of the current run's branches.
    probability: f64,
}

impl Replay {
    /// The branch to take at the next choice point, whose branches have these probabilities
    /// (zero-probability branches never come up).
    fn choose(&mut self, branches: Vec<f64>) -> usize {
        if self.at == self.path.len() {
            let first = branches.iter().position(|&p| p > 0.0).unwrap_or(0);
            self.path.push((first, branches));
        }
        let (branch, probabilities) = &self.path[self.at];
        self.at += 1;
        self.probability *= probabilities[*branch];
        *branch
    }

    /// Moves to the next outcome: the next branch with a positive probability at the last
    /// choice point that has one. `false` when every outcome has been met.
    fn advance(&mut self) -> bool {
        while let Some((branch, probabilities)) = self.path.last_mut() {
            if let Some(next) = (*branch + 1..probabilities.len()).find(|&b| probabilities[b] > 0.0) {
                *branch = next;
                self.at = 0;
                self.probability = 1.0;
                return true;
            }
            self.path.pop();
        }
        false
    }
}

impl Chance for Replay {
    fn passes(&mut self, p: f64) -> bool {
        self.choose(vec![p, 1.0 - p]) == 0
    }

    fn leaves(&mut self, a: f64, quarters: usize) -> Option<usize> {
        // Leaving at the end of quarter k: (1 − a)^k · a; staying throughout: (1 − a)^quarters.
        let mut branches: Vec<f64> = (0..quarters).map(|k| (1.0 - a).powi(k as i32) * a).collect();
        branches.push((1.0 - a).powi(quarters as i32));
        let b = self.choose(branches);
        (b < quarters).then_some(b)
    }
}

/// Adds up every outcome of the plan with its probability.
pub fn enumerate(model: &Model, retakes: u32, attrition: f64) -> Result<Tally, ExactError> {
    let exams = model.exam_count();
    if exams > MAX_EXACT_EXAMS {
        return Err(ExactError::TooManyExams(exams));
    }
    let mut tally = Tally::new(model.targets.len());
    let (mut memo, mut outcome, mut slots, mut masks) = (Memo::new(model), model.blank(), Vec::new(), Vec::new());
    let mut replay = Replay { probability: 1.0, ..Replay::default() };
    let mut outcomes = 0usize;
    loop {
        outcomes += 1;
        if outcomes > MAX_EXACT_OUTCOMES {
            return Err(ExactError::TooManyOutcomes { retakes, attrition });
        }
        model.draw(&mut replay, &mut outcome, &mut slots);
        model.masks(&outcome, &mut memo, &mut masks);
        tally.add(model, &outcome, &masks, replay.probability);
        if !replay.advance() {
            return Ok(tally);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replay_meets_every_branch_once_with_its_probability() {
        let mut replay = Replay { probability: 1.0, ..Replay::default() };
        let mut seen = Vec::new();
        loop {
            let first = replay.passes(0.75);
            // A second choice only after a failure, as a retake: three outcomes in all.
            let second = if first { None } else { Some(replay.passes(0.75)) };
            seen.push((first, second, replay.probability));
            if !replay.advance() {
                break;
            }
        }
        assert_eq!(seen, vec![(true, None, 0.75), (false, Some(true), 0.1875), (false, Some(false), 0.0625)]);
    }

    #[test]
    fn leaving_branches_sum_to_one() {
        let mut replay = Replay { probability: 1.0, ..Replay::default() };
        let mut total = 0.0;
        let mut quarters = Vec::new();
        loop {
            quarters.push(replay.leaves(0.1, 3));
            total += replay.probability;
            if !replay.advance() {
                break;
            }
        }
        assert_eq!(quarters, vec![Some(0), Some(1), Some(2), None]);
        assert!((total - 1.0).abs() < 1e-12);
    }
}
