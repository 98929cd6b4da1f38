//! Solving many scenarios safely: every command that solves more than one scenario
//! (`compare`, `designations`, `frontier`) runs its solves with [`in_parallel`] and
//! [`solve_safely`] and names how each ended with [`status_label`] or [`FAILED`], so a panic,
//! a thread count or a status word is handled in one place. One failure never ends the
//! others, and results keep the input order whatever the thread count.

use crate::io::{self, InputError, InputPaths};
use crate::model::{Date, Inputs, Scenario};
use crate::risk::PlanRisk;
use crate::solver::{self, Outcome, SolveError, SolveOptions, Status};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The status word of a solve that gave no outcome (solver error, caught panic, failed
/// check), in every table and on the terminal.
pub const FAILED: &str = "error";

/// The status word of a solve that gave an outcome, in every table and on the terminal.
pub fn status_label(status: &Status) -> &'static str {
    match status {
        Status::Optimal => "optimal",
        Status::Feasible { .. } => "feasible",
        Status::Infeasible(_) => "infeasible",
    }
}

/// Solves one scenario. A panic anywhere in the solve becomes an error carrying the panic's
/// text, like the solver's own errors, so that it fails this scenario (or table row) only.
pub fn solve_safely(inputs: &Inputs, scenario: &Scenario, options: SolveOptions) -> Result<Outcome, String> {
    caught(|| solver::solve(inputs, scenario, options).map_err(|e| e.to_string()))
}

/// Plans one scenario as `plan` and `compare` do: the optimal plan, or with
/// `min_probability` the plan the risk search chooses, with its assessment
/// ([`crate::risk::search::plan`]); a panic becomes an error, as in [`solve_safely`].
pub fn plan_safely(
    inputs: &Inputs,
    scenario: &Scenario,
    options: SolveOptions,
) -> Result<(Outcome, Option<PlanRisk>), String> {
    caught(|| crate::risk::search::plan(inputs, scenario, options))
}

/// Runs `work`, turning a panic into an error carrying the panic's text.
fn caught<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(done) => done,
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(SolveError::Solver(format!("panic: {text}")).to_string())
        }
    }
}

/// Runs `work` on every item on a pool of `threads` threads (0 = all cores). Results come
/// back in the items' order, so outputs do not depend on the thread count. A solve works out
/// people's options on the same pool.
pub fn in_parallel<T: Send, R: Send>(
    threads: usize,
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync + Send,
) -> anyhow::Result<Vec<R>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    Ok(pool.install(|| items.into_par_iter().map(work).collect()))
}

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
    Solved(Box<Planned>),
    /// Its input files have problems.
    BadInput(InputError),
    /// The solve failed (solver error, caught panic, failed check): why.
    Failed(String),
}

/// A solved scenario, with the inputs it was solved on (shared by a file's sweep).
pub struct Planned {
    /// The scenario.
    pub scenario: Scenario,
    /// Its catalogue, rules and organisation.
    pub inputs: Arc<Inputs>,
    /// The solver's answer.
    pub outcome: Outcome,
    /// The plan's risk (none when infeasible), and the search for `min_probability`.
    pub risk: Option<PlanRisk>,
}

/// Loads and solves one scenario; a panic anywhere in the solve becomes `Failed`.
pub fn run_one(path: &Path, overrides: &InputPaths, today: Date, options: SolveOptions) -> ScenarioRun {
    match io::load_scenario(path, overrides, today) {
        Ok((scenario, inputs)) => solve_run(path, scenario, Arc::new(inputs), options),
        Err(e) => bad_input(path, e),
    }
}

fn bad_input(path: &Path, error: InputError) -> ScenarioRun {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    ScenarioRun { path: path.to_path_buf(), name: stem, result: RunResult::BadInput(error), seconds: 0.0 }
}

fn solve_run(path: &Path, scenario: Scenario, inputs: Arc<Inputs>, options: SolveOptions) -> ScenarioRun {
    let started = Instant::now();
    let solved = plan_safely(&inputs, &scenario, options);
    let seconds = started.elapsed().as_secs_f64();
    let name = scenario.name.clone();
    let result = match solved {
        Ok((outcome, risk)) => RunResult::Solved(Box::new(Planned { scenario, inputs, outcome, risk })),
        Err(why) => RunResult::Failed(why),
    };
    ScenarioRun { path: path.to_path_buf(), name, result, seconds }
}

/// One unit of parallel work: a scenario to solve, or a file that could not be read.
enum Job<'p> {
    Solve(&'p Path, Box<Scenario>, Arc<Inputs>),
    Bad(&'p Path, InputError),
}

/// Who hears of a batch's progress: `total` how many scenarios there are, `done` each one
/// finishing (from any thread).
pub struct Progress<'a> {
    /// Told the number of scenarios once, before the first solve.
    pub total: &'a dyn Fn(usize),
    /// Told of each finished scenario.
    pub done: &'a (dyn Fn() + Sync),
}

/// Solves every scenario of every file (sweeps expanded) on a pool of `threads` threads
/// (0 = all cores); results come back in the order of `paths`, then of each sweep.
pub fn run_many(
    paths: &[PathBuf],
    overrides: &InputPaths,
    today: Date,
    options: SolveOptions,
    threads: usize,
    progress: &Progress,
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
    (progress.total)(jobs.len());
    let done = progress.done;
    in_parallel(threads, jobs, |job| {
        let run = match job {
            Job::Solve(path, scenario, inputs) => solve_run(path, *scenario, inputs, options),
            Job::Bad(path, error) => bad_input(path, error),
        };
        done();
        run
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_parallel_keeps_the_items_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 0] {
            let squares = in_parallel(threads, items.clone(), |i| i * i).expect("a pool");
            assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_status_has_the_word_the_tables_use() {
        assert_eq!(status_label(&Status::Optimal), "optimal");
        assert_eq!(status_label(&Status::Feasible { gap: Some(0.1) }), "feasible");
        assert_eq!(status_label(&Status::Infeasible(vec!["why".into()])), "infeasible");
        assert_eq!(FAILED, "error");
    }
}
