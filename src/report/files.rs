//! The files `plan` and `compare` write: each scenario's folder (`plan.csv` when solved, and
//! for `plan` its `summary.csv`), written as one unit, and `compare`'s `summary.csv`.

use crate::analysis::compare::Comparison;
use crate::batch::{RunResult, ScenarioRun};
use crate::io::csvout::CsvDoc;
use crate::report::plan::{error_row, plan_csv, summary_rows, SUMMARY_HEADER};
use std::path::{Path, PathBuf};

/// The names certplan writes in a scenario's folder: the only entries it may replace or
/// remove there (anything else in the folder is the user's).
pub const SCENARIO_FILES: &[&str] = &[PLAN, SUMMARY];

const PLAN: &str = "plan.csv";
const SUMMARY: &str = "summary.csv";

/// A scenario's folder and the files it holds after the run, written as one unit so that a
/// `plan.csv` never sits beside a `summary.csv` (or a stale file) of another run.
pub struct OutFolder {
    /// Where.
    pub dir: PathBuf,
    /// Each file's name and bytes; none when the scenario has no outputs of its own.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

/// `plan`'s folder `dir`: `plan.csv` when solved, and `summary.csv`.
pub fn plan_files(run: &ScenarioRun, dir: &Path) -> OutFolder {
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    let mut files: Vec<_> = add_run(run, &mut summary).into_iter().map(|plan| (PLAN, plan)).collect();
    files.push((SUMMARY, summary.into_bytes()));
    OutFolder { dir: dir.to_path_buf(), files }
}

/// `compare`'s outputs in `dir`: the folder `NAME` of each scenario with outputs of its own
/// (holding `plan.csv` when solved, nothing when its solve failed), and `summary.csv` with a
/// row per target of each (or one for a failed scenario). A scenario with bad input keeps
/// whatever folder it had: nothing is written for it.
pub fn compare_files(comparison: &Comparison, dir: &Path) -> (Vec<OutFolder>, CsvDoc) {
    let mut folders = Vec::new();
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    for run in comparison.unique() {
        let plan = add_run(run, &mut summary);
        if !matches!(run.result, RunResult::BadInput(_)) {
            let files = plan.into_iter().map(|plan| (PLAN, plan)).collect();
            folders.push(OutFolder { dir: dir.join(&run.name), files });
        }
    }
    (folders, summary)
}

/// Adds a scenario's summary rows, and returns its `plan.csv` when solved.
fn add_run(run: &ScenarioRun, summary: &mut CsvDoc) -> Option<Vec<u8>> {
    match &run.result {
        RunResult::Solved(p) => {
            summary_rows(summary, &p.inputs, &p.scenario, &p.outcome, p.risk.as_ref(), run.seconds);
            Some(plan_csv(&p.inputs, &p.scenario, &p.outcome))
        }
        RunResult::Failed(message) => {
            error_row(summary, &run.name, message);
            None
        }
        RunResult::BadInput(e) => {
            error_row(summary, &run.name, &format!("bad input: {} problem(s), see the error output", e.0.len()));
            None
        }
    }
}
