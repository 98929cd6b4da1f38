//! Solving scenarios: one at a time or many in parallel, each isolated from the others'
//! failures, with results in a fixed order whatever the thread count.

use crate::io::{self, InputError, InputPaths};
use crate::model::Inputs;
use crate::model::{Date, Scenario};
use crate::solver::{self, Outcome, SolveError, SolveOptions};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What became of one scenario file.
pub struct ScenarioRun {
    /// The file.
    pub path: PathBuf,
    /// Its name (the file stem when it could not be read).
    pub name: String,
    /// The outcome.
    pub result: RunResult,
    /// Wall-clock seconds spent solving.
    pub seconds: f64,
}

/// The three ways a scenario ends.
pub enum RunResult {
    /// Solved (optimal, feasible or infeasible).
    Solved(Box<(Scenario, Inputs, Outcome)>),
    /// Its input files have problems.
    BadInput(InputError),
    /// The solve failed (solver error, caught panic, failed check).
    Failed(Box<(Scenario, Inputs)>, String),
}

/// Loads and solves one scenario; a panic anywhere in the solve becomes `Failed`.
pub fn run_one(path: &Path, overrides: &InputPaths, today: Date, options: SolveOptions) -> ScenarioRun {
    match io::load_scenario(path, overrides, today) {
        Ok((scenario, inputs)) => solve_one(path, scenario, inputs, options),
        Err(e) => bad_input(path, e),
    }
}

fn bad_input(path: &Path, error: InputError) -> ScenarioRun {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    ScenarioRun { path: path.to_path_buf(), name: stem, result: RunResult::BadInput(error), seconds: 0.0 }
}

fn solve_one(path: &Path, scenario: Scenario, inputs: Inputs, options: SolveOptions) -> ScenarioRun {
    let started = Instant::now();
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| solver::solve(&inputs, &scenario, options)));
    let seconds = started.elapsed().as_secs_f64();
    let name = scenario.name.clone();
    let result = match solved {
        Ok(Ok(outcome)) => RunResult::Solved(Box::new((scenario, inputs, outcome))),
        Ok(Err(e)) => RunResult::Failed(Box::new((scenario, inputs)), e.to_string()),
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            RunResult::Failed(Box::new((scenario, inputs)), SolveError::Solver(format!("panic: {text}")).to_string())
        }
    };
    ScenarioRun { path: path.to_path_buf(), name, result, seconds }
}

/// One unit of parallel work: a scenario to solve, or a file that could not be read.
enum Job<'p> {
    Solve(&'p Path, Box<Scenario>, Arc<Inputs>),
    Bad(&'p Path, InputError),
}

/// Solves every scenario of every file (sweeps expanded) on a pool of `threads` threads
/// (0 = all cores); results come back in the order of `paths`, then of each sweep. For
/// progress, `total` hears how many scenarios there are and `done` each one finishing.
#[allow(clippy::too_many_arguments)]
pub fn run_many(
    paths: &[PathBuf],
    overrides: &InputPaths,
    today: Date,
    options: SolveOptions,
    threads: usize,
    total: &dyn Fn(usize),
    done: &(dyn Fn() + Sync),
) -> anyhow::Result<Vec<ScenarioRun>> {
    let mut jobs = Vec::new();
    for path in paths {
        match io::load_scenarios(path, overrides, today) {
            Ok((scenarios, inputs)) => {
                let inputs = Arc::new(inputs);
                jobs.extend(scenarios.into_iter().map(|s| Job::Solve(path, Box::new(s), Arc::clone(&inputs))));
            }
            Err(e) => jobs.push(Job::Bad(path, e)),
        }
    }
    total(jobs.len());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    Ok(pool.install(|| {
        jobs.into_par_iter()
            .map(|job| {
                let run = match job {
                    Job::Solve(path, scenario, inputs) => solve_one(path, *scenario, (*inputs).clone(), options),
                    Job::Bad(path, error) => bad_input(path, error),
                };
                done();
                run
            })
            .collect()
    }))
}
