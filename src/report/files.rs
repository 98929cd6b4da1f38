//! The files `plan` and `compare` write: each solved scenario's `plan.csv` and one
//! `summary.csv`, in the order they are written.

use crate::analysis::compare::Comparison;
use crate::batch::{RunResult, ScenarioRun};
use crate::io::csvout::CsvDoc;
use crate::report::plan::{error_row, plan_csv, summary_rows, SUMMARY_HEADER};
use std::path::{Path, PathBuf};

/// A file to write: where, and its bytes.
pub struct OutFile {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub bytes: Vec<u8>,
}

/// `plan`'s files in `dir`: `plan.csv` when solved, then `summary.csv`.
pub fn plan_files(run: &ScenarioRun, dir: &Path) -> Vec<OutFile> {
    let mut files = Vec::new();
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    add_run(run, &dir.join("plan.csv"), &mut summary, &mut files);
    files.push(OutFile { path: dir.join("summary.csv"), bytes: summary.into_bytes() });
    files
}

/// `compare`'s files in `dir`: `NAME/plan.csv` for each solved scenario with outputs of its
/// own, then `summary.csv` with a row per target of each (or one for a failed scenario).
pub fn compare_files(comparison: &Comparison, dir: &Path) -> Vec<OutFile> {
    let mut files = Vec::new();
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    for run in comparison.unique() {
        add_run(run, &dir.join(&run.name).join("plan.csv"), &mut summary, &mut files);
    }
    files.push(OutFile { path: dir.join("summary.csv"), bytes: summary.into_bytes() });
    files
}

/// A scenario's summary rows, and its plan at `plan` when solved.
fn add_run(run: &ScenarioRun, plan: &Path, summary: &mut CsvDoc, files: &mut Vec<OutFile>) {
    match &run.result {
        RunResult::Solved(p) => {
            summary_rows(summary, &p.inputs, &p.scenario, &p.outcome, run.seconds);
            files.push(OutFile { path: plan.to_path_buf(), bytes: plan_csv(&p.inputs, &p.scenario, &p.outcome) });
        }
        RunResult::Failed(message) => error_row(summary, &run.name, message),
        RunResult::BadInput(e) => {
            error_row(summary, &run.name, &format!("bad input: {} problem(s), see the error output", e.0.len()))
        }
    }
}
