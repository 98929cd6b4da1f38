//! Command-line arguments ("low args"): what the user typed, before any file is read.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Optimal certification plans for Microsoft Solutions Partner designations.
///
/// With no command, plans the bundled example's main scenario.
#[derive(Debug, Parser)]
#[command(name = "certplan", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the partner capability score of an organisation, per designation and track.
    Score(ScoreArgs),
    /// Solve one scenario; write plan.csv and summary.csv.
    Plan(PlanArgs),
    /// Solve many scenarios in parallel; write one summary.csv and a plan.csv each.
    Compare(CompareArgs),
    /// Check inputs without solving; report every problem.
    Validate(ValidateArgs),
    /// Apply a hand-made or edited plan to a scenario: scores, cost, and every rule it breaks.
    Check(CheckArgs),
    /// Cheapest plan for every designation alone (in each track it may qualify in) and for
    /// every pair, using a scenario as the template for everything but its targets.
    Designations(DesignationsArgs),
    /// The budget frontier: for each budget, the most qualifying targets and skilling points
    /// a plan within it reaches (goal max-points), using a scenario as the template.
    Frontier(FrontierArgs),
    /// Write a synthetic organisation (`org/employees.csv`, `holdings.csv`, `profile.toml`) and
    /// a scenario for it (`scenario.toml`), the same for the same seed: test data of any size
    /// for `plan`, `compare` and benchmark scripts.
    Generate(GenerateArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout: `certplan man > certplan.1`.
    Man,
    /// Import data from elsewhere as an organisation folder (`import partner-center`).
    #[command(subcommand)]
    Import(ImportCommand),
    /// The data bundled in the binary (`data export DIR` writes it out to edit).
    #[command(subcommand)]
    Data(DataCommand),
    /// How likely a plan is to make every target qualify when people fail exams and leave:
    /// the probability per target, the cost with retakes, the most frequent causes of
    /// failure. Without a plan file, plans the scenario first.
    Risk(RiskArgs),
}

/// `certplan risk` (issue 14).
#[derive(Debug, Args)]
pub struct RiskArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// The plan CSV to assess (default: plan the scenario first).
    #[arg(value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// Monte Carlo samples, 1 to 1000000 (default: the scenario's `samples`, else 10000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=crate::io::limits::MAX_SAMPLES))]
    pub samples: Option<u32>,
    /// Seed of the sampling (default: the scenario's `seed`, else 1).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Compute the probability exactly by enumerating every outcome: each pass/fail pattern of
    /// the plan's exams (at most 20), with retakes and leaving when the scenario has them (at
    /// most 2^20 outcomes).
    #[arg(long)]
    pub exact: bool,
    /// Also write `risk.csv` into this folder.
    #[arg(long, value_name = "DIR", value_parser = output_folder)]
    pub out: Option<PathBuf>,
    /// Worker threads, 1 to 256 (default, or 0: all cores); the result is the same for any.
    #[arg(long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,
    /// Input overrides.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Solver settings (when the scenario is planned first).
    #[command(flatten)]
    pub solve: SolveArgs,
}

/// `certplan import …`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Downloads of Partner Center's Insights Trainings report (CSV or TSV, as downloaded or
    /// re-saved by Excel) → ORG_DIR/employees.csv, holdings.csv and a profile.toml template,
    /// merged with the HR data of --employees or ORG_DIR/employees.csv.
    PartnerCenter(PartnerCenterArgs),
}

/// `certplan import partner-center`.
#[derive(Debug, Args)]
pub struct PartnerCenterArgs {
    /// The report files; several downloads (each covers at most two years) are merged.
    #[arg(value_name = "EXPORT", required = true)]
    pub exports: Vec<PathBuf>,
    /// The organisation folder to write.
    #[arg(long, value_name = "ORG_DIR", value_parser = output_folder)]
    pub out: PathBuf,
    /// HR data whose costs, hours, leaving dates and exclusions are kept (default:
    /// ORG_DIR/employees.csv when it exists); an optional `email` column helps matching.
    #[arg(long, value_name = "FILE")]
    pub employees: Option<PathBuf>,
    /// Title alias table (default: the bundled data/aliases.csv; `certplan data export`
    /// writes it to edit).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Day/month order of dates like 03/04/2025, when the file cannot tell.
    #[arg(long, value_name = "ORDER", value_parser = ["dmy", "mdy"])]
    pub date_order: Option<String>,
    /// The day expiry is reported against (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Catalogue whose names also map titles (default: the bundled data/catalog.csv).
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Rules the profile template lists the metrics of (default: the bundled data/rules/fy27.toml).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// `certplan data …`.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Write the bundled catalogue, rules and title aliases into DIR (catalog.csv, fy27.toml,
    /// aliases.csv) to edit and pass with --catalog, --rules, --aliases; existing files are
    /// never overwritten.
    Export(DataExportArgs),
}

/// `certplan data export`.
#[derive(Debug, Args)]
pub struct DataExportArgs {
    /// The folder to write into.
    #[arg(value_name = "DIR", value_parser = output_folder)]
    pub dir: PathBuf,
}

/// `certplan generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of employees (0 gives an organisation without people, to test edge cases).
    #[arg(long, value_name = "N")]
    pub people: usize,
    /// Seed of the generator: the same seed and arguments always write the same files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Target designations, comma separated, or `all` (default: every designation of the rules).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub targets: Vec<String>,
    /// Horizon length in quarters, 1 to 40 (a scenario's limit); the deadline is the last of them.
    #[arg(long, value_name = "Q", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=crate::io::limits::MAX_QUARTERS))]
    pub quarters: u32,
    /// First quarter of the plan, e.g. 2027-Q1 (default: the quarter containing --today).
    #[arg(long, value_name = "QUARTER")]
    pub start: Option<String>,
    /// The day the organisation is observed (YYYY-MM-DD; default: today): holdings are earned
    /// in the two years before it, leavers leave within the year after it.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// `grades` (people in a few interchangeable grades) or `hard` (realistic-hard: every
    /// person distinct, sparse holdings, and a varied catalogue written beside the scenario).
    #[arg(long, value_name = "MIX", default_value = "grades", value_parser = ["grades", "hard"])]
    pub profile: String,
    /// Output folder (default: `generated/<N>-people-seed-<S>`).
    #[arg(long, value_name = "DIR", value_parser = output_folder)]
    pub out: Option<PathBuf>,
    /// Catalogue CSV to draw holdings from (default: the bundled data/catalog.csv).
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Rules TOML the profile and targets are for (default: the bundled data/rules/fy27.toml).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// `certplan frontier`.
#[derive(Debug, Args)]
pub struct FrontierArgs {
    /// The template scenario (its goal and budget are replaced).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Budgets: a list `2500,5000,10000` or a range `FROM..TO:STEP`.
    #[arg(long, value_name = "BUDGETS")]
    pub budgets: String,
    /// Output, threads, inputs, solver.
    #[command(flatten)]
    pub table: TableArgs,
}

/// `certplan designations`.
#[derive(Debug, Args)]
pub struct DesignationsArgs {
    /// The template scenario (its targets are ignored).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Output, threads, inputs, solver.
    #[command(flatten)]
    pub table: TableArgs,
}

/// What the table commands (`designations`, `frontier`) share.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// Write the table to this file instead of standard output.
    #[arg(long, value_name = "FILE", value_parser = output_file)]
    pub out: Option<PathBuf>,
    /// Also write the comparison chart as a self-contained HTML page to this file.
    #[arg(long, value_name = "FILE", value_parser = output_file)]
    pub report: Option<PathBuf>,
    /// Threads, inputs, solver.
    #[command(flatten)]
    pub batch: BatchArgs,
    /// CSV dialect and report language.
    #[command(flatten)]
    pub style: StyleArgs,
}

/// What the commands that solve many scenarios in parallel (`compare` and the table
/// commands) share after their `--out`, so that they take the same options, parsed and
/// described alike.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Worker threads, 1 to 256 (default, or 0: all cores).
    #[arg(long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,
    /// Input overrides, applied to every scenario.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Solver settings.
    #[command(flatten)]
    pub solve: SolveArgs,
}

/// `certplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// The plan CSV (columns quarter, employee_id, action, certification suffice), in any
    /// dialect certplan writes.
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// Input overrides.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// CSV dialect of the table on stdout.
    #[command(flatten)]
    pub csv: DialectArgs,
}

/// Solver settings shared by the solving commands.
#[derive(Debug, Args, Clone)]
pub struct SolveArgs {
    /// Wall-clock limit for solving one scenario, in seconds (more than 0, at most 86400);
    /// a scenario stopped by it reports `feasible` with its gap (an error when no plan was
    /// found yet).
    #[arg(long, value_name = "SECONDS", default_value_t = certplan_default_time_limit(), value_parser = time_limit)]
    pub time_limit: f64,
}

fn certplan_default_time_limit() -> f64 {
    crate::solver::params::DEFAULT_TIME_LIMIT_SECS
}

/// The most worker threads `--threads` accepts: more only costs memory and start-up time
/// (and the operating system may refuse them), it never makes a solve faster.
pub const MAX_THREADS: usize = 256;

/// `--time-limit`: a finite number of seconds in (0, [`crate::solver::params::MAX_TIME_LIMIT_SECS`]]. Checked here so
/// that NaN, infinities, zero, negative and absurd values are a usage error (exit 2) and
/// never reach the solver, where they would panic or stop it before it starts.
fn time_limit(text: &str) -> Result<f64, String> {
    use crate::solver::params::MAX_TIME_LIMIT_SECS;
    let seconds: f64 = text.trim().parse().map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !seconds.is_finite() || seconds <= 0.0 || seconds > MAX_TIME_LIMIT_SECS {
        return Err(format!("`{text}` is outside the allowed range; expected seconds more than 0 and at most {MAX_TIME_LIMIT_SECS} (one day)"));
    }
    Ok(seconds)
}

/// `--threads`: 0 (all cores) to [`MAX_THREADS`], so a typo like `10000` is a usage error
/// rather than an operating-system failure or a minute of thread start-up.
fn threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n <= MAX_THREADS => Ok(n),
        _ => {
            Err(format!("`{text}` is not a thread count; expected a whole number from 0 (all cores) to {MAX_THREADS}"))
        }
    }
}

/// An output folder (`--out DIR`): anything but an existing file, which the run could not
/// create its files in. Checked before any work so that the mistake is a usage error (exit 2)
/// and not a write failure after the solve.
fn output_folder(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_dir() => {
            Err(format!("`{text}` is an existing file; expected a folder to write the outputs in"))
        }
        _ => Ok(path),
    }
}

/// An output file (`--out FILE` of the table commands): anything but an existing folder.
fn output_file(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if path.is_dir() {
        return Err(format!("`{text}` is an existing folder; expected a file name to write the table to"));
    }
    Ok(path)
}

/// `certplan plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Output folder (default: `out/<scenario name>`).
    #[arg(long, value_name = "DIR", value_parser = output_folder)]
    pub out: Option<PathBuf>,
    /// Input overrides.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Solver settings.
    #[command(flatten)]
    pub solve: SolveArgs,
    /// CSV dialect and report language.
    #[command(flatten)]
    pub style: StyleArgs,
}

/// `certplan compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files, or folders of them.
    #[arg(value_name = "SCENARIO", required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Output folder (default: out).
    #[arg(long, value_name = "DIR", value_parser = output_folder)]
    pub out: Option<PathBuf>,
    /// Threads, inputs, solver.
    #[command(flatten)]
    pub batch: BatchArgs,
    /// CSV dialect and report language.
    #[command(flatten)]
    pub style: StyleArgs,
    /// The ranking on stdout: an aligned `table` or `csv` (default: table on a terminal, csv
    /// when piped).
    #[arg(long, value_name = "FORMAT", value_parser = FORMATS)]
    pub format: Option<String>,
}

/// Overrides for a scenario's input files.
#[derive(Debug, Args, Default, Clone)]
pub struct InputArgs {
    /// Organisation folder (employees.csv, holdings.csv, profile.toml).
    #[arg(long, value_name = "DIR")]
    pub org: Option<PathBuf>,
    /// Catalogue CSV (default: the bundled data/catalog.csv).
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Rules TOML (default: the bundled data/rules/fy27.toml).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// `certplan score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Input files (`--org` is required).
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Score on this date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// One row per metric step instead of one per designation and track.
    #[arg(long)]
    pub detail: bool,
    /// An aligned `table` or `csv` (default: table on a terminal, csv when piped).
    #[arg(long, value_name = "FORMAT", value_parser = FORMATS)]
    pub format: Option<String>,
    /// CSV dialect of the CSV.
    #[command(flatten)]
    pub csv: DialectArgs,
}

/// `certplan validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files or folders of them; with none, validates `--org/--catalog/--rules`.
    #[arg(value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// Input files.
    #[command(flatten)]
    pub inputs: InputArgs,
}

// ---- Client-ready outputs (issue 13): CSV dialect, report language, formats, completions.

/// The values of `--format`.
const FORMATS: [&str; 2] = ["table", "csv"];

/// The CSV dialect of what a command writes.
#[derive(Debug, Args, Default, Clone)]
pub struct DialectArgs {
    /// CSV dialect: `contract` (comma, `.` decimals: the default) or `excel-nl` (`;`, decimal
    /// comma, UTF-8 BOM, CRLF: what Dutch Excel opens). Default: $CERTPLAN_CSV_DIALECT.
    #[arg(long, value_name = "DIALECT", value_parser = crate::io::dialect::DIALECT_NAMES)]
    pub csv_dialect: Option<String>,
}

/// How `plan`, `compare` and the table commands write: CSV dialect and report language.
#[derive(Debug, Args, Default, Clone)]
pub struct StyleArgs {
    /// CSV dialect.
    #[command(flatten)]
    pub csv: DialectArgs,
    /// Language of report.html: `en` or `nl` (labels, quarter and month names, `€ 7.611,00`).
    /// Default: $CERTPLAN_LANG, else en.
    #[arg(long, value_name = "LANG", value_parser = crate::report::html::lang::LANG_NAMES)]
    pub lang: Option<String>,
}

/// `certplan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
