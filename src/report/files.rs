//! The files `plan` and `compare` write: each scenario's folder (`plan.csv`, `plan.xlsx`
//! and `report.html` when solved, and for `plan` its `summary.csv`), written as one unit, and
//! `compare`'s `summary.csv`, `comparison.xlsx` and `report.html`.

use crate::analysis::compare::Comparison;
use crate::batch::{RunResult, ScenarioRun};
use crate::io::csvout::CsvDoc;
use crate::io::dialect::CsvDialect;
use crate::model::Date;
use crate::report::html::lang::Lang;
use crate::report::plan::{error_row, plan_csv, plan_rows, summary_rows, SUMMARY_HEADER};
use crate::report::{html, workbook};
use std::path::{Path, PathBuf};

/// The names certplan writes in a scenario's folder: the only entries it may replace or
/// remove there (anything else in the folder is the user's).
pub const SCENARIO_FILES: &[&str] = &[PLAN, SUMMARY, WORKBOOK, REPORT];

const PLAN: &str = "plan.csv";
const SUMMARY: &str = "summary.csv";
const WORKBOOK: &str = "plan.xlsx";
const REPORT: &str = "report.html";
/// `compare`'s workbook: the ranking and every scenario's summary rows.
pub const COMPARISON_WORKBOOK: &str = "comparison.xlsx";

/// How the outputs are written: the CSV dialect, the report's language, and the day they
/// are made on (the workbooks' creation date).
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Dialect of every CSV.
    pub dialect: CsvDialect,
    /// Language of `report.html`.
    pub lang: Lang,
    /// Today.
    pub made_on: Date,
}

/// Files of `compare`'s output folder besides the scenarios' folders, in the order they are
/// written (`summary.csv` last).
pub struct CompareFiles {
    /// The scenarios' folders.
    pub folders: Vec<OutFolder>,
    /// `comparison.xlsx`, `report.html`, then `summary.csv`: name and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

/// A scenario's folder and the files it holds after the run, written as one unit so that a
/// `plan.csv` never sits beside a `summary.csv` (or a stale file) of another run.
pub struct OutFolder {
    /// Where.
    pub dir: PathBuf,
    /// Each file's name and bytes; none when the scenario has no outputs of its own.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

/// `plan`'s folder `dir`: `plan.csv`, `plan.xlsx` and `report.html` when solved, and
/// `summary.csv`. Fails only when the workbook cannot be built (a sheet over Excel's limits).
pub fn plan_files(run: &ScenarioRun, dir: &Path, style: Style) -> Result<OutFolder, String> {
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    let mut files = add_run(run, &mut summary, style)?;
    files.push((SUMMARY, style.dialect.render(summary.into_bytes())));
    Ok(OutFolder { dir: dir.to_path_buf(), files })
}

/// `compare`'s outputs in `dir`: the folder `NAME` of each scenario with outputs of its own
/// (holding `plan.csv` when solved, nothing when its solve failed), and `summary.csv` with a
/// row per target of each (or one for a failed scenario). A scenario with bad input keeps
/// whatever folder it had: nothing is written for it.
pub fn compare_files(comparison: &Comparison, dir: &Path, style: Style) -> Result<CompareFiles, String> {
    let mut folders = Vec::new();
    let mut summary = CsvDoc::new(SUMMARY_HEADER);
    for run in comparison.unique() {
        let files = add_run(run, &mut summary, style)?;
        if !matches!(run.result, RunResult::BadInput(_)) {
            folders.push(OutFolder { dir: dir.join(&run.name), files });
        }
    }
    let book = workbook::comparison_workbook(comparison, style.made_on)
        .map_err(|e| format!("cannot build the workbook: {e}"))?;
    let files = vec![
        (COMPARISON_WORKBOOK, book),
        (REPORT, html::compare_report(comparison, style.lang).into_bytes()),
        (SUMMARY, style.dialect.render(summary.into_bytes())),
    ];
    Ok(CompareFiles { folders, files })
}

/// Adds a scenario's summary rows, and returns its own files: `plan.csv`, `plan.xlsx` and
/// `report.html` when solved, none else.
fn add_run(run: &ScenarioRun, summary: &mut CsvDoc, style: Style) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    match &run.result {
        RunResult::Solved(p) => {
            summary_rows(summary, &p.inputs, &p.scenario, &p.outcome, p.risk.as_ref(), run.seconds);
            // Ranked once: the CSV, the workbook and the report show the same rows.
            let rows = plan_rows(&p.inputs, &p.scenario, &p.outcome);
            let book = workbook::plan_workbook(p, &rows, run.seconds, style.made_on)
                .map_err(|e| format!("cannot build the workbook of {}: {e}", run.name))?;
            Ok(vec![
                (PLAN, style.dialect.render(plan_csv(&p.inputs, &p.scenario, &rows))),
                (WORKBOOK, book),
                (REPORT, html::plan_report(p, &rows, style.lang).into_bytes()),
            ])
        }
        RunResult::Failed(message) => {
            error_row(summary, &run.name, message);
            Ok(Vec::new())
        }
        RunResult::BadInput(e) => {
            error_row(summary, &run.name, &format!("bad input: {} problem(s), see the error output", e.0.len()));
            Ok(Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_compare_writes_beside_the_folders_is_a_name_no_scenario_may_have() {
        for name in [SUMMARY, COMPARISON_WORKBOOK, REPORT] {
            assert!(crate::io::scenario::COMPARE_TOP_FILES.contains(&name), "{name}");
        }
    }
}
