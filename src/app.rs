//! Commands: turn parsed arguments into work, print results, map failures to exit codes.
//!
//! Exit codes (contract §2): 0 success, 1 a scenario errored or hit a limit without any
//! plan, 2 bad input or usage.

use crate::cli::{Cli, Command, InputArgs, ScoreArgs, ValidateArgs};
use crate::io::{self, InputError, InputPaths, Issues};
use crate::model::Date;
use crate::report;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a scenario errored or hit a limit without a plan.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// A command's failure, mapped to its exit code.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input: every problem found.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Bad usage that clap cannot see (e.g. a malformed `--on`).
    #[error("{0}")]
    Usage(String),
    /// Anything else (I/O while writing outputs, a failed solve).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl AppError {
    fn exit_code(&self) -> u8 {
        match self {
            AppError::Input(_) | AppError::Usage(_) => EXIT_BAD_INPUT,
            AppError::Other(_) => EXIT_FAILED,
        }
    }
}

/// Runs a command, writing its main output to `out` and diagnostics to stderr.
pub fn run(cli: Cli, out: &mut dyn Write) -> u8 {
    let result = match cli.command {
        Some(Command::Score(args)) => score(&args, out),
        Some(Command::Validate(args)) => validate(&args, out),
        None => Err(AppError::Usage("give a command; see `certplan --help`".into())),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            e.exit_code()
        }
    }
}

/// Today, unless `CERTPLAN_TODAY` (YYYY-MM-DD) pins it for reproducible runs.
pub fn today() -> Date {
    std::env::var("CERTPLAN_TODAY").ok().and_then(|s| Date::parse(&s)).unwrap_or_else(Date::today)
}

fn input_paths(args: &InputArgs) -> InputPaths {
    InputPaths { org: args.org.clone(), catalog: args.catalog.clone(), rules: args.rules.clone() }
}

fn write_all(out: &mut dyn Write, bytes: &[u8]) -> Result<(), AppError> {
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| AppError::Other(e.into())),
    }
}

fn score(args: &ScoreArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let day = match &args.on {
        None => today(),
        Some(text) => Date::parse(text)
            .ok_or_else(|| AppError::Usage(format!("--on `{text}` is not a date; expected YYYY-MM-DD")))?,
    };
    if args.inputs.org.is_none() {
        return Err(AppError::Usage(
            "score needs --org DIR (a folder with employees.csv, holdings.csv, profile.toml)".into(),
        ));
    }
    let mut issues = Issues::default();
    let inputs = io::load_inputs(&input_paths(&args.inputs), &mut issues);
    let inputs = issues.into_result(inputs)?;
    write_all(out, &report::score_csv(&inputs, day, args.detail))?;
    Ok(EXIT_OK)
}

/// Scenario files named on the command line: files as given, folders expanded to their
/// `*.toml` files in name order.
pub fn scenario_files(given: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let mut files = Vec::new();
    for path in given {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| AppError::Usage(format!("cannot read folder {}: {e}", path.display())))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(AppError::Usage(format!("folder {} holds no .toml scenario", path.display())));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn validate(args: &ValidateArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let mut problems = Vec::new();
    let mut report = String::new();
    if args.scenarios.is_empty() {
        let mut issues = Issues::default();
        io::load_inputs(&input_paths(&args.inputs), &mut issues);
        if issues.is_empty() {
            report.push_str("ok: inputs\n");
        }
        problems.extend(issues.list().iter().cloned());
    }
    for file in scenario_files(&args.scenarios)? {
        match io::load_scenario(&file, &input_paths(&args.inputs), today()) {
            Ok(_) => report.push_str(&format!("ok: {}\n", display(&file))),
            Err(InputError(list)) => problems.extend(list),
        }
    }
    write_all(out, report.as_bytes())?;
    if problems.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(InputError(problems).into())
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
