//! Commands: turn parsed arguments into work for [`crate::analysis`], [`crate::batch`] and
//! [`crate::report`], write what they produce, and map failures to exit codes.
//!
//! Exit codes (contract §2): 0 success, 1 a scenario errored or hit a limit without any
//! plan, 2 bad input or usage.

use crate::analysis::compare::Comparison;
use crate::analysis::{designations, frontier};
use crate::batch::{self, Progress, RunResult};
use crate::cli::{
    CheckArgs, Cli, Command, CompareArgs, DesignationsArgs, FrontierArgs, GenerateArgs, InputArgs, PlanArgs, RiskArgs,
    ScoreArgs, ValidateArgs,
};
use crate::cli::{DataCommand, DataExportArgs, ImportCommand, PartnerCenterArgs};
use crate::generate::{self, Mix, OrgSpec};
use crate::io::{self, atomic, InputError, InputPaths, Issues};
use crate::model::{Date, Quarter, RuleSet};
use crate::report;
use crate::report::files::{OutFolder, Style, SCENARIO_FILES};
use crate::solver::SolveOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a scenario errored or hit a limit without a plan.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code of `check`: the plan breaks a rule or does not meet the goal (its report says
/// which), so that a script can tell a failing plan from a passing one.
pub const EXIT_PLAN_FAILS: u8 = 3;

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
        Some(Command::Plan(args)) => plan(&args, out),
        Some(Command::Compare(args)) => compare(&args, out),
        Some(Command::Check(args)) => check_plan(&args, out),
        Some(Command::Designations(args)) => designations(&args, out),
        Some(Command::Frontier(args)) => frontier(&args, out),
        Some(Command::Generate(args)) => generate(&args, out),
        Some(Command::Import(ImportCommand::PartnerCenter(args))) => import_partner_center(&args, out),
        Some(Command::Data(DataCommand::Export(args))) => data_export(&args, out),
        Some(Command::Completions(args)) => completions(args.shell, out),
        Some(Command::Man) => man(out),
        Some(Command::Risk(args)) => risk(&args, out),
        None => main_job(out),
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
    let table = report::score_csv(&inputs, day, args.detail);
    let dialect = dialect(&args.csv)?;
    if table_format(args.format.as_deref()) {
        write_all(out, report::terminal::aligned(&table).as_bytes())?;
    } else {
        write_all(out, &dialect.render(table))?;
    }
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
        match io::load_scenarios(&file, &input_paths(&args.inputs), today()) {
            Ok(_) => report.push_str(&format!("ok: {}\n", file.display())),
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

fn main_job(out: &mut dyn Write) -> Result<u8, AppError> {
    let args = PlanArgs {
        scenario: io::bundled(io::bundled::MAIN_SCENARIO),
        out: None,
        inputs: InputArgs::default(),
        solve: crate::cli::SolveArgs { time_limit: crate::solver::params::DEFAULT_TIME_LIMIT_SECS },
        style: crate::cli::StyleArgs::default(),
    };
    plan(&args, out)
}

fn plan(args: &PlanArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let options = SolveOptions::limit(args.solve.time_limit);
    let run = batch::run_one(&args.scenario, &input_paths(&args.inputs), today(), options);
    if let RunResult::BadInput(e) = run.result {
        return Err(e.into());
    }
    let style = style(&args.style)?;
    let dir = args.out.clone().unwrap_or_else(|| Path::new("out").join(&run.name));
    write_folder(&report::files::plan_files(&run, &dir, style).map_err(|e| AppError::Other(anyhow::anyhow!(e)))?)?;
    write_all(out, report::terminal::plan_text(&run, &dir).as_bytes())?;
    Ok(if matches!(run.result, RunResult::Failed(_)) { EXIT_FAILED } else { EXIT_OK })
}

fn compare(args: &CompareArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let files = scenario_files(&args.scenarios)?;
    let style = style(&args.style)?;
    let options = SolveOptions::limit(args.batch.solve.time_limit);
    let threads = args.batch.threads.unwrap_or(0);
    let paths = input_paths(&args.batch.inputs);
    let comparison = with_progress(|progress| Comparison::run(&files, &paths, today(), options, threads, progress))?;
    let problems = comparison.problems();
    if comparison.all_bad() {
        return Err(InputError(problems).into());
    }
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out"));
    let written =
        report::files::compare_files(&comparison, &dir, style).map_err(|e| AppError::Other(anyhow::anyhow!(e)))?;
    written.folders.iter().try_for_each(write_folder)?;
    for (name, bytes) in &written.files {
        write_file(&dir.join(name), bytes)?;
    }
    let table = table_format(args.format.as_deref());
    write_all(out, report::terminal::compare_text(&comparison, &dir, table).as_bytes())?;
    if !problems.is_empty() {
        return Err(InputError(problems).into());
    }
    Ok(if comparison.failed() { EXIT_FAILED } else { EXIT_OK })
}

fn check_plan(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let (scenario, inputs) = io::load_scenario(&args.scenario, &input_paths(&args.inputs), today())?;
    let mut issues = Issues::default();
    let plan = io::plan_csv::load(&args.plan, &inputs, &mut issues);
    let plan = issues.into_result(plan)?;
    let report = report::check::check_report(&inputs, &scenario, &plan);
    write_all(out, &dialect(&args.csv)?.render(report.table))?;
    let _ = std::io::stderr().write_all(report.prose.as_bytes());
    Ok(if report.passes { EXIT_OK } else { EXIT_PLAN_FAILS })
}

fn designations(args: &DesignationsArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let t = &args.table;
    let (template, inputs) = io::load_scenario(&args.scenario, &input_paths(&t.batch.inputs), today())?;
    let options = SolveOptions::limit(t.batch.solve.time_limit);
    let style = style(&t.style)?;
    let threads = t.batch.threads.unwrap_or(0);
    let rows = with_progress(|progress| designations::rows(&inputs, &template, options, threads, today(), progress))?;
    if let Some(path) = &t.report {
        let currency = &inputs.org.profile.currency;
        write_file(path, report::html::designations_report(&rows, currency, style.lang).as_bytes())?;
    }
    let table = style.dialect.render(report::designations::designations_csv(&rows));
    emit_table(&table, t.out.as_deref(), "designations", out)
}

fn frontier(args: &FrontierArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let t = &args.table;
    let budgets = frontier::parse_budgets(&args.budgets).map_err(AppError::Usage)?;
    let (template, inputs) = io::load_scenario(&args.scenario, &input_paths(&t.batch.inputs), today())?;
    let options = SolveOptions::limit(t.batch.solve.time_limit);
    let style = style(&t.style)?;
    let threads = t.batch.threads.unwrap_or(0);
    let rows = with_progress(|progress| frontier::rows(&inputs, &template, &budgets, options, threads, progress))?;
    if let Some(path) = &t.report {
        let currency = &inputs.org.profile.currency;
        write_file(path, report::html::frontier_report(&rows, currency, style.lang).as_bytes())?;
    }
    let table = style.dialect.render(report::frontier::frontier_csv(&rows));
    emit_table(&table, t.out.as_deref(), "frontier", out)
}

/// `certplan risk` (issue 14): assesses a plan file, or the plan `plan` would write, under
/// the risk model; prints the report and with `--out` writes `risk.csv`.
fn risk(args: &RiskArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    use crate::risk::{self, How};
    let (mut scenario, inputs) = io::load_scenario(&args.scenario, &input_paths(&args.inputs), today())?;
    scenario.risk.samples = args.samples.unwrap_or(scenario.risk.samples);
    scenario.risk.seed = args.seed.unwrap_or(scenario.risk.seed);
    let given = match &args.plan {
        Some(path) => {
            let mut issues = Issues::default();
            let plan = io::plan_csv::load(path, &inputs, &mut issues);
            Some(issues.into_result(plan)?)
        }
        None => None,
    };
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().map_err(anyhow::Error::from)?;
    let how = if args.exact { How::Exact } else { How::of(&scenario) };
    // Err(text): nothing to assess (the scenario is infeasible), and why.
    type Assessed = Result<(crate::model::Plan, risk::Assessment), String>;
    let assessed = pool.install(|| -> Result<Assessed, AppError> {
        let (plan, evaluation) = match given {
            Some(plan) => {
                let evaluation = risk::evaluation_of(&inputs, &scenario, &plan);
                // A hand-made plan may break rules; it is assessed as written, with a warning.
                let broken = crate::check::rule_violations(&inputs, &scenario, &plan, evaluation);
                let warnings: String = broken.iter().map(|p| format!("warning: {p}\n")).collect();
                let _ = std::io::stderr().write_all(warnings.as_bytes());
                (plan, evaluation)
            }
            None => {
                let options = SolveOptions::limit(args.solve.time_limit);
                let (outcome, _) = batch::plan_safely(&inputs, &scenario, options)
                    .map_err(|e| AppError::Other(anyhow::anyhow!("{}: {e}", scenario.name)))?;
                if let crate::solver::Status::Infeasible(why) = &outcome.status {
                    return Ok(Err(format!("{}: infeasible, no plan to assess: {}\n", scenario.name, why.join("; "))));
                }
                (outcome.plan, outcome.evaluation)
            }
        };
        let assessment = risk::assess(&inputs, &scenario, &plan, evaluation, how).map_err(|e| match e {
            risk::RiskError::Exact(e) => AppError::Usage(e.to_string()),
            other => AppError::Other(other.into()),
        })?;
        Ok(Ok((plan, assessment)))
    })?;
    let (plan, assessment) = match assessed {
        Ok(done) => done,
        Err(text) => {
            write_all(out, text.as_bytes())?;
            return Ok(EXIT_OK);
        }
    };
    let exams = report::plan::exam_count(&plan);
    let mut text = report::risk::risk_text(&scenario.name, exams, &inputs.org.profile.currency, &assessment);
    if let Some(dir) = &args.out {
        let path = dir.join("risk.csv");
        write_file(&path, &report::risk::risk_csv(&scenario.name, &assessment))?;
        text.push_str(&format!("risk: {}\n", path.display()));
    }
    write_all(out, text.as_bytes())?;
    Ok(EXIT_OK)
}

/// Generates an organisation and a scenario on the given (or bundled) catalogue and rules and
/// writes them as a folder that `certplan plan DIR/scenario.toml` runs on.
fn generate(args: &GenerateArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    // Every argument problem is collected and reported at once, not just the first.
    let mut problems = Vec::new();
    let today = match &args.today {
        None => Some(today()),
        Some(text) => Date::parse(text).or_else(|| {
            problems.push(format!("--today `{text}` is not a date; expected YYYY-MM-DD, a year from 2000 to 2100"));
            None
        }),
    };
    let start = match &args.start {
        None => today.map(Date::quarter),
        Some(text) => Quarter::parse(text).or_else(|| {
            problems.push(format!(
                "--start `{text}` is not a quarter; expected YYYY-Qn such as 2027-Q1, a year from 2000 to 2100"
            ));
            None
        }),
    };
    let paths = InputPaths { org: None, catalog: args.catalog.clone(), rules: args.rules.clone() };
    let mut issues = Issues::default();
    let inputs = io::load_inputs(&paths, &mut issues);
    let mut inputs = match issues.into_result(inputs) {
        Ok(inputs) => inputs,
        Err(e) if problems.is_empty() => return Err(e.into()),
        Err(e) => return Err(AppError::Usage(format!("{}\n{e}", problems.join("\n")))),
    };
    let targets = generate_targets(&args.targets, &inputs.rules).map_err(|e| problems.extend(e)).ok();
    let (Some(today), Some(start), Some(targets)) = (today, start, targets) else {
        return Err(AppError::Usage(problems.join("\n")));
    };
    // Absolute paths: the scenario works from wherever the folder is, on this machine.
    let catalog = scenario_path(&paths.catalog_file())?;
    let rules = scenario_path(&paths.rules_file())?;
    let spec = OrgSpec { people: args.people, seed: args.seed, today };
    let mix = if args.profile == Mix::Hard.name() { Mix::Hard } else { Mix::Grades };
    (inputs.catalog, inputs.org) = mix.generate(&inputs.catalog, &inputs.rules, &spec);
    let scenario = generate::scenario(&targets, start, args.quarters);
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("generated").join(format!("{}-people-seed-{}", args.people, args.seed)));
    io::write_inputs::write_folder(&dir, &scenario, &inputs, (mix == Mix::Grades).then_some(catalog.as_str()), &rules)?;
    let text = format!(
        "generated {} people with {} holdings (seed {}, today {today}) for {} from {start} over {} quarter(s)\n\
         org: {}\nscenario: {}\n",
        args.people,
        inputs.org.holdings.len(),
        args.seed,
        targets.join(", "),
        scenario.quarters,
        dir.join(io::write_inputs::ORG_FOLDER).display(),
        dir.join("scenario.toml").display()
    );
    write_all(out, text.as_bytes())?;
    Ok(EXIT_OK)
}

/// `--targets` checked against the rules: every designation when none or `all` is given,
/// else the given ones in the given order, each known and named once. Every problem is
/// returned, not just the first.
fn generate_targets(given: &[String], rules: &RuleSet) -> Result<Vec<String>, Vec<String>> {
    let known: Vec<&str> = rules.designations.iter().map(|d| d.id.as_str()).collect();
    let given: Vec<&str> = given.iter().map(|t| t.trim()).collect();
    if given.is_empty() || given == ["all"] {
        return Ok(known.iter().map(|d| d.to_string()).collect());
    }
    let mut targets: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for target in given {
        if target == "all" {
            problems.push("--targets: `all` cannot be combined with designations".to_string());
        } else if !known.contains(&target) {
            problems.push(format!(
                "--targets: `{target}` is not a designation of the rules; expected `all` or some of: {}",
                known.join(", ")
            ));
        } else if targets.iter().any(|t| t == target) {
            problems.push(format!("--targets: `{target}` is named twice"));
        } else {
            targets.push(target.to_string());
        }
    }
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(problems)
    }
}

/// An input file's path as a scenario can name it: absolute, and text (TOML has no other);
/// a bundled file keeps its `<bundled>/…` path, which the scenario writer leaves out.
fn scenario_path(path: &Path) -> Result<String, AppError> {
    if io::bundled::is_bundled(path) {
        return Ok(path.display().to_string());
    }
    let absolute = std::fs::canonicalize(path)
        .map_err(|e| AppError::Other(anyhow::anyhow!("cannot resolve {}: {e}", path.display())))?;
    absolute.to_str().map(str::to_string).ok_or_else(|| {
        AppError::Usage(format!("{} is not valid UTF-8, so a scenario file cannot name it", absolute.display()))
    })
}

// ---- Client-ready outputs (issue 13): dialect, language, table format, completions, man page.

/// The CSV dialect chosen by flag or environment.
fn dialect(args: &crate::cli::DialectArgs) -> Result<io::dialect::CsvDialect, AppError> {
    io::dialect::CsvDialect::chosen(args.csv_dialect.as_deref()).map_err(AppError::Usage)
}

/// The dialect and report language chosen by flags or environment.
fn style(args: &crate::cli::StyleArgs) -> Result<Style, AppError> {
    let lang = report::html::lang::Lang::chosen(args.lang.as_deref()).map_err(AppError::Usage)?;
    Ok(Style { dialect: dialect(&args.csv)?, lang, made_on: today() })
}

/// Whether a table goes to stdout aligned (`--format table`, or no `--format` on a
/// terminal) rather than as CSV (`--format csv`, or piped: what scripts read).
fn table_format(format: Option<&str>) -> bool {
    use std::io::IsTerminal;
    match format {
        Some(f) => f == "table",
        None => std::io::stdout().is_terminal(),
    }
}

/// `certplan completions SHELL`: the completion script of the command line.
fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<u8, AppError> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "certplan", &mut script);
    write_all(out, &script)?;
    Ok(EXIT_OK)
}

/// `certplan man`: the manual page in roff.
fn man(out: &mut dyn Write) -> Result<u8, AppError> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page).map_err(|e| AppError::Other(e.into()))?;
    write_all(out, &page)?;
    Ok(EXIT_OK)
}

/// Runs `work` with a progress bar on stderr (only when stderr is a terminal), cleared after.
fn with_progress<T>(work: impl FnOnce(&Progress) -> T) -> T {
    let bar = report::terminal::progress_bar();
    let progress = Progress {
        total: &|n| bar.as_ref().map_or((), |bar| bar.set_length(n as u64)),
        done: &|| bar.as_ref().map_or((), |bar| bar.inc(1)),
    };
    let result = work(&progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// A table to a file (atomically, saying where) or to standard output.
fn emit_table(table: &[u8], path: Option<&Path>, what: &str, out: &mut dyn Write) -> Result<u8, AppError> {
    match path {
        Some(path) => {
            write_file(path, table)?;
            write_all(out, format!("{what}: {}\n", path.display()).as_bytes())?;
        }
        None => write_all(out, table)?,
    }
    Ok(EXIT_OK)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    atomic::write(path, bytes).map_err(|e| AppError::Other(anyhow::anyhow!("cannot write {}: {e}", path.display())))
}

/// A scenario's folder as one unit (see [`atomic::write_folder`]).
fn write_folder(folder: &OutFolder) -> Result<(), AppError> {
    atomic::write_folder(&folder.dir, &folder.files, SCENARIO_FILES)
        .map_err(|e| AppError::Other(anyhow::anyhow!("cannot write {}: {e}", folder.dir.display())))
}

// ---- Issue 12: Partner Center import and the bundled data ----

/// Imports Trainings report downloads into an organisation folder: everything is read and
/// checked first; then each file is written atomically (employees before the holdings that
/// name them, the profile template last).
fn import_partner_center(args: &PartnerCenterArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let on = match &args.on {
        None => today(),
        Some(text) => Date::parse(text)
            .ok_or_else(|| AppError::Usage(format!("--on `{text}` is not a date; expected YYYY-MM-DD")))?,
    };
    let order = args.date_order.as_deref().map(|o| match o {
        "mdy" => crate::import::export::DateOrder::Mdy,
        _ => crate::import::export::DateOrder::Dmy,
    });
    let request = crate::import::Request {
        exports: args.exports.clone(),
        out: args.out.clone(),
        employees: args.employees.clone(),
        aliases: args.aliases.clone(),
        inputs: InputPaths { org: None, catalog: args.catalog.clone(), rules: args.rules.clone() },
        order,
        on,
    };
    let imported = crate::import::import(&request)?;
    for (path, bytes) in &imported.files {
        write_file(path, bytes)?;
    }
    write_all(out, imported.report.as_bytes())?;
    Ok(EXIT_OK)
}

/// Writes the bundled catalogue, rules and aliases into a folder, refusing to replace a file
/// there (it may hold the user's edits).
fn data_export(args: &DataExportArgs, out: &mut dyn Write) -> Result<u8, AppError> {
    let targets: Vec<(PathBuf, &str)> =
        io::bundled::EXPORTED.iter().map(|(bundled, name)| (args.dir.join(name), *bundled)).collect();
    let existing: Vec<String> =
        targets.iter().filter(|(path, _)| path.exists()).map(|(path, _)| path.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(AppError::Usage(format!(
            "{} already exist(s) and may hold your edits; nothing written: remove them or choose another folder",
            existing.join(", ")
        )));
    }
    let mut text = String::new();
    for (path, bundled) in &targets {
        let bytes = io::bundled::text(&io::bundled(bundled)).unwrap_or_default();
        write_file(path, bytes.as_bytes())?;
        text.push_str(&format!("wrote {}\n", path.display()));
    }
    text.push_str("edit them and pass them with --catalog, --rules (plan, score, …) and --aliases (import)\n");
    write_all(out, text.as_bytes())?;
    Ok(EXIT_OK)
}
