//! File formats: reading and validating the contract's inputs, writing its outputs.

pub mod atomic;
pub mod bundled;
pub mod catalog;
pub mod csvfile;
pub mod csvout;
pub mod dialect;
pub mod issues;
pub mod limits;
pub mod org;
pub mod plan_csv;
pub mod rules;
pub mod scenario;
pub mod text;
pub mod tomlfile;
pub mod warnings;
pub mod write_inputs;

use crate::model::{Date, Inputs, Organisation, Scenario};
pub use issues::{Code, InputError, Issue, Issues};
pub use scenario::InputPaths;
use std::path::{Path, PathBuf};

/// The bundled file at `relative` (e.g. `data/catalog.csv`), compiled into the binary: its
/// path is `<bundled>/data/catalog.csv` (see [module `bundled`](mod@bundled)), never a file of the working
/// directory or of the source tree.
pub fn bundled(relative: &str) -> PathBuf {
    bundled::path(relative)
}

/// Loads catalogue, rules and organisation, collecting every problem into `issues`.
///
/// When the catalogue or the rules cannot be read at all, every reference to them
/// elsewhere would be reported too (a missing catalogue made each holding and step an
/// unknown certification: 114 errors after the one that matters). Those follow-on problems
/// are left out; the root cause is reported, and fixing it brings the rest to light.
pub fn load_inputs(paths: &InputPaths, issues: &mut Issues) -> Inputs {
    let mut found = Issues::default();
    let catalog = catalog::load(&paths.catalog_file(), &mut found);
    let no_catalog = unread(&found);
    issues.extend(found);
    let mut found = Issues::default();
    let rules = rules::load(&paths.rules_file(), &catalog, &mut found);
    let no_rules = unread(&found);
    let mut follow_on = |code: Code| {
        (no_catalog && code == Code::UnknownCertification)
            || (no_rules && matches!(code, Code::UnknownDesignation | Code::UnknownMetric | Code::UnknownTrack))
    };
    issues.extend(found.without(&mut follow_on));
    let mut found = Issues::default();
    let org = match &paths.org {
        Some(dir) => org::load(dir, &catalog, &rules, &mut found),
        None => Organisation::default(),
    };
    issues.extend(found.without(&mut follow_on));
    Inputs { catalog, rules, org }
}

/// Whether a file's problems include not being readable at all (or lacking a required
/// column, which rejects the whole file).
fn unread(found: &Issues) -> bool {
    found.list().iter().any(|i| matches!(i.code, Code::Unreadable | Code::MissingColumn))
}

/// The bundled catalogue and rules with an empty organisation, for generated
/// organisations (benchmarks, tests).
pub fn bundled_inputs() -> Result<Inputs, InputError> {
    let mut issues = Issues::default();
    let inputs = load_inputs(&InputPaths::default(), &mut issues);
    issues.into_result(inputs)
}

/// Loads a scenario file (every scenario of its sweep) and all its inputs; every problem of
/// every file at once.
pub fn load_scenarios(path: &Path, overrides: &InputPaths, today: Date) -> Result<(Vec<Scenario>, Inputs), InputError> {
    let mut issues = Issues::default();
    let Some((scenarios, paths)) = scenario::load(path, overrides, today, &mut issues) else {
        return Err(InputError(issues.list().to_vec()));
    };
    let inputs = load_inputs(&paths, &mut issues);
    if let Some(first) = scenarios.first() {
        scenario::check_against(path, first, &inputs.rules, &inputs.org, &mut issues);
    }
    issues.into_result((scenarios, inputs))
}

/// Loads a scenario file that holds exactly one scenario (a sweep is for `compare`).
pub fn load_scenario(path: &Path, overrides: &InputPaths, today: Date) -> Result<(Scenario, Inputs), InputError> {
    let (mut scenarios, inputs) = load_scenarios(path, overrides, today)?;
    if scenarios.len() != 1 {
        let issue = Issue {
            code: Code::BadChoice,
            file: path.to_path_buf(),
            location: issues::Location::Key("sweep".into()),
            message: format!(
                "declares a sweep of {} scenarios; expected a single scenario here (run them with `certplan compare`)",
                scenarios.len()
            ),
        };
        return Err(InputError(vec![issue]));
    }
    Ok((scenarios.remove(0), inputs))
}
