//! The exact probability by enumeration, for plans whose only randomness is their exams
//! (`retakes = 0`, `attrition = 0`): every pass/fail pattern of the plan's exams, weighted
//! by its probability. It is what the Monte Carlo estimate is tested against.

use super::model::{Memo, Model};
use super::tally::Tally;
use crate::io::limits::MAX_EXACT_EXAMS;
use rayon::prelude::*;

/// Patterns per unit of parallel work.
const CHUNK: u64 = 4096;

/// Why a plan cannot be enumerated.
#[derive(Debug, thiserror::Error)]
pub enum ExactError {
    /// Retakes or attrition make the outcome more than a pass/fail pattern.
    #[error("--exact needs retakes = 0 and attrition = 0 (then an outcome is which exams pass); this scenario has retakes = {retakes} and attrition = {attrition}")]
    NotExamsOnly {
        /// The scenario's retakes.
        retakes: u32,
        /// The scenario's attrition.
        attrition: f64,
    },
    /// More exams than can be enumerated.
    #[error(
        "--exact enumerates plans of up to {MAX_EXACT_EXAMS} exams (2^{MAX_EXACT_EXAMS} outcomes); this plan has {0}"
    )]
    TooManyExams(usize),
}

/// Adds up every pass/fail pattern of the plan's exams with its probability.
pub fn enumerate(model: &Model, retakes: u32, attrition: f64) -> Result<Tally, ExactError> {
    if !model.exams_only() {
        return Err(ExactError::NotExamsOnly { retakes, attrition });
    }
    let exams = model.exam_count();
    if exams > MAX_EXACT_EXAMS {
        return Err(ExactError::TooManyExams(exams));
    }
    let patterns = 1u64 << exams;
    let chunks: Vec<Tally> = (0..patterns.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || (Memo::new(model), model.blank(), Vec::new()),
            |(memo, outcome, masks), chunk| {
                let mut tally = Tally::new(model.targets.len());
                for bits in chunk * CHUNK..((chunk + 1) * CHUNK).min(patterns) {
                    let probability = model.enumerated(bits, outcome);
                    model.masks(outcome, memo, masks);
                    tally.add(model, outcome, masks, probability);
                }
                tally
            },
        )
        .collect();
    let mut total = Tally::new(model.targets.len());
    for t in chunks {
        total.merge(t);
    }
    Ok(total)
}
