//! What a solve is asked (its options) and what it answers: the outcome or the error.

use super::params;
use crate::model::{Plan, Quarter};

/// Settings of one solve.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit for the whole solve of one scenario, in seconds.
    pub time_limit: f64,
    /// Longest first enumeration of people's options before the solve turns to priced
    /// enumeration (see [`params::PROBE_SECONDS`]); 0 always takes the priced way.
    pub probe_seconds: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions { time_limit: params::DEFAULT_TIME_LIMIT_SECS, probe_seconds: params::PROBE_SECONDS }
    }
}

impl SolveOptions {
    /// The default options with another time limit.
    pub fn limit(time_limit: f64) -> SolveOptions {
        SolveOptions { time_limit, ..SolveOptions::default() }
    }
}

/// How a solve ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// A limit stopped the proof; `gap` is the relative gap when known.
    Feasible {
        /// Relative MIP gap at the stop.
        gap: Option<f64>,
    },
    /// No plan meets every constraint; the reasons in plain words.
    Infeasible(Vec<String>),
}

/// The answer for one scenario.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The plan (empty when infeasible).
    pub plan: Plan,
    /// The quarter whose last day the targets were evaluated on.
    pub evaluation: Quarter,
    /// The objective's value (`None` when infeasible).
    pub objective: Option<f64>,
    /// Total expected cost.
    pub cost: f64,
    /// Total hours.
    pub hours: f64,
    /// Branch-and-bound nodes, summed over the solves.
    pub nodes: u64,
    /// Seconds spent building the model: requirements and every person's options.
    pub build_seconds: f64,
    /// Seconds spent searching: bounds, integer programs, tie-break, plan and check (and
    /// for an infeasible scenario, working out why).
    pub search_seconds: f64,
}

/// A solve that could not produce an answer.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// The solver failed (an error it reported, or a panic caught inside it).
    #[error("the solver failed: {0}")]
    Solver(String),
    /// The plan disagrees with the independent checker: a bug, never shown as a plan.
    #[error("the plan failed the independent check: {}", .0.join("; "))]
    CheckFailed(Vec<String>),
    /// The rules or targets are too large to enumerate their requirements.
    #[error("{0}")]
    Rules(String),
    /// Too many distinct step groups for the coverage bitmask.
    #[error("the targets have {0} distinct steps; at most 128 are supported")]
    TooManySteps(usize),
    /// The time limit ran out before any plan was found.
    #[error("the time limit ran out before any plan was found; a longer --time-limit may find one")]
    TimeLimit,
    /// Too many certifications matter to the targets for the certification bitmask.
    #[error("more than 128 certifications (with prerequisites) count for the targets; at most 128 are supported")]
    TooManyCertifications,
}
