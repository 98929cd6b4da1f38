//! A fuzz harness for every loader (issue 11): catalogue, rules, employees, holdings,
//! profile, scenario and plan.csv, fed arbitrary bytes and structure-aware mutations of the
//! valid bundled files, in-process on files in a temporary folder (the loaders take paths).
//!
//! The property: no panic; the file either loads or is refused with E-coded issues that name
//! a file and say what was wrong; every input within [`MAX_SECONDS_PER_INPUT`]. The short run
//! below is part of `cargo test`; the long run is an ignored test:
//! `CERTPLAN_FUZZ_SECONDS=600 cargo test --release --test main fuzz::long_run -- --ignored --nocapture`.
//! Every input is made again from `CERTPLAN_FUZZ_SEED` and its index, and a failing one is
//! also saved under the target folder's `tmp/fuzz-failures`.

mod mutate;

use certplan::io::{self, InputPaths, Issue, Issues};
use certplan::model::{Date, Inputs};
use mutate::Rng;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Longest time one input may take (a real 100k-row file validates in under 2 s).
const MAX_SECONDS_PER_INPUT: f64 = 2.0;

/// The loaders, each with the file of the bundle it reads.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Loader {
    Catalog,
    Rules,
    Employees,
    Holdings,
    Profile,
    Scenario,
    Plan,
}

const LOADERS: [Loader; 7] = [
    Loader::Catalog,
    Loader::Rules,
    Loader::Employees,
    Loader::Holdings,
    Loader::Profile,
    Loader::Scenario,
    Loader::Plan,
];

impl Loader {
    fn file(self) -> &'static str {
        match self {
            Loader::Catalog => "catalog.csv",
            Loader::Rules => "rules.toml",
            Loader::Employees => "org/employees.csv",
            Loader::Holdings => "org/holdings.csv",
            Loader::Profile => "org/profile.toml",
            Loader::Scenario => "scenario.toml",
            Loader::Plan => "plan.csv",
        }
    }
}

/// A valid plan of the bundled example: an exam, a renewal and a link, in the columns
/// `certplan plan` writes.
const PLAN: &str = "scenario,rank,quarter,employee_id,employee_name,action,certification,certification_name,\
exam_fee,training_fee,study_hours,cost,counts_for,points_gained,cumulative_cost,scores_after
fuzz,1,2027-Q1,e01,Jeroen de Vries,renew,AZ-104,Azure Administrator,0.00,0.00,2.0,184.00,,0,184.00,infrastructure=67
fuzz,2,2027-Q1,e02,Sanne Bakker,exam,AZ-305,Azure Solutions Architect,126.00,0.00,40.0,2846.00,infrastructure/skill/1,3,3030.00,infrastructure=70
fuzz,3,2027-Q2,e03,Daan Visser,link,,,0.00,0.00,0.0,0.00,,0,3030.00,infrastructure=70
";

/// The valid bundle written into a temporary folder, and its inputs as loaded.
struct Bundle {
    dir: tempfile::TempDir,
    valid: Vec<(Loader, Vec<u8>)>,
    inputs: Inputs,
    today: Date,
}

impl Bundle {
    fn new() -> Bundle {
        let root = crate::util::root();
        let read = |p: &str| std::fs::read(root.join(p)).unwrap();
        let scenario = String::from_utf8(read("scenarios/security-budget-sweep.toml"))
            .unwrap()
            .replace("../data/example", "org")
            .replace("../data/catalog.csv", "catalog.csv")
            .replace("../data/rules/fy27.toml", "rules.toml");
        let valid = vec![
            (Loader::Catalog, read("data/catalog.csv")),
            (Loader::Rules, read("data/rules/fy27.toml")),
            (Loader::Employees, read("data/example/employees.csv")),
            (Loader::Holdings, read("data/example/holdings.csv")),
            (Loader::Profile, read("data/example/profile.toml")),
            (Loader::Scenario, scenario.into_bytes()),
            (Loader::Plan, PLAN.as_bytes().to_vec()),
        ];
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("org")).unwrap();
        for (loader, bytes) in &valid {
            std::fs::write(dir.path().join(loader.file()), bytes).unwrap();
        }
        let paths = InputPaths {
            org: Some(dir.path().join("org")),
            catalog: Some(dir.path().join(Loader::Catalog.file())),
            rules: Some(dir.path().join(Loader::Rules.file())),
        };
        let mut issues = Issues::default();
        let inputs = io::load_inputs(&paths, &mut issues);
        assert!(issues.is_empty(), "the bundle loads: {:?}", issues.list());
        let bundle = Bundle { dir, valid, inputs, today: Date::parse("2026-11-26").unwrap() };
        let (_, scenario_issues) = bundle.load(Loader::Scenario);
        let (plan, plan_issues) = bundle.load(Loader::Plan);
        assert!(scenario_issues.is_empty() && plan_issues.is_empty(), "{scenario_issues:?} {plan_issues:?}");
        assert_eq!(plan, Some(3), "the valid plan has three actions");
        bundle
    }

    fn path(&self, loader: Loader) -> PathBuf {
        self.dir.path().join(loader.file())
    }

    /// Runs `loader` on its file as it is now: the issues found, and (for plan.csv) the
    /// number of actions read.
    fn load(&self, loader: Loader) -> (Option<usize>, Vec<Issue>) {
        let mut issues = Issues::default();
        let dir = self.dir.path();
        let mut actions = None;
        match loader {
            Loader::Catalog => drop(io::catalog::load(&self.path(loader), &mut issues)),
            Loader::Rules => drop(io::rules::load(&self.path(loader), &self.inputs.catalog, &mut issues)),
            Loader::Employees | Loader::Holdings | Loader::Profile => {
                drop(io::org::load(&dir.join("org"), &self.inputs.catalog, &self.inputs.rules, &mut issues))
            }
            Loader::Scenario => match io::load_scenarios(&self.path(loader), &InputPaths::default(), self.today) {
                Ok(_) => {}
                Err(e) => return (None, e.0),
            },
            Loader::Plan => {
                actions = Some(io::plan_csv::load(&self.path(loader), &self.inputs, &mut issues).actions.len())
            }
        }
        (actions, issues.list().to_vec())
    }
}

/// What a run found.
#[derive(Default, Debug)]
struct Report {
    inputs: u64,
    loaded: [u64; 7],
    refused: [u64; 7],
    /// Inputs that panicked or broke the property: (index, loader, what).
    failures: Vec<(u64, Loader, String)>,
    slowest: Duration,
}

/// Whether an issue says what the property asks: an E-code, a file, a message.
fn well_formed(issue: &Issue, loader: Loader, dir: &Path) -> bool {
    let code = issue.code.as_str();
    let coded = code.len() == 4 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit());
    // A mutated scenario may name other files (its `org`, say); the other loaders must name
    // the file they read (the organisation's: one of its folder's files).
    let named = match loader {
        Loader::Scenario => !issue.file.as_os_str().is_empty(),
        Loader::Employees | Loader::Holdings | Loader::Profile => issue.file.starts_with(dir.join("org")),
        _ => issue.file == dir.join(loader.file()),
    };
    coded && named && !issue.message.trim().is_empty()
}

/// Fuzzes the loaders in turn until `more(inputs so far)` is false. Input `i` is mutation
/// `Rng(seed ^ i·φ)` of loader `i mod 7`'s valid file.
fn fuzz(seed: u64, more: impl Fn(u64) -> bool) -> Report {
    let bundle = Bundle::new();
    let mut report = Report::default();
    while more(report.inputs) {
        let i = report.inputs;
        let slot = (i % 7) as usize;
        let loader = LOADERS[slot];
        let mut rng = Rng(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let input = mutate::mutate(&bundle.valid[slot].1, &mut rng);
        let path = bundle.path(loader);
        std::fs::write(&path, &input).unwrap();
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| bundle.load(loader)));
        let took = started.elapsed();
        report.slowest = report.slowest.max(took);
        let failure = match outcome {
            Err(_) => Some("panicked".to_string()),
            Ok(_) if took.as_secs_f64() > MAX_SECONDS_PER_INPUT => Some(format!("took {took:?}")),
            Ok((_, issues)) => match issues.iter().find(|x| !well_formed(x, loader, bundle.dir.path())) {
                Some(bad) => Some(format!("an issue without code, file or message: {bad:?}")),
                None if issues.is_empty() => {
                    report.loaded[slot] += 1;
                    None
                }
                None => {
                    report.refused[slot] += 1;
                    None
                }
            },
        };
        if let Some(what) = failure {
            let saved = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
            std::fs::create_dir_all(&saved).unwrap();
            std::fs::write(saved.join(format!("{seed}-{i}-{}", loader.file().replace('/', "-"))), &input).unwrap();
            report.failures.push((i, loader, what));
        }
        std::fs::write(&path, &bundle.valid[slot].1).unwrap();
        report.inputs += 1;
    }
    report
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The CI run: 2,100 inputs (300 per loader; `CERTPLAN_FUZZ_INPUTS` to change), from a fixed
/// seed (`CERTPLAN_FUZZ_SEED` to change). Each loader must both load some mutated files and
/// refuse others, so a mutator that only made garbage (or only valid files) fails too.
#[test]
fn every_loader_survives_mutated_and_random_inputs() {
    let seed = env_number("CERTPLAN_FUZZ_SEED", 11);
    let count = env_number("CERTPLAN_FUZZ_INPUTS", 2_100);
    let report = fuzz(seed, |n| n < count);
    assert!(report.failures.is_empty(), "seed {seed}: {:?}", report.failures);
    for (slot, loader) in LOADERS.iter().enumerate() {
        assert!(report.loaded[slot] > 0 && report.refused[slot] > 0, "{loader:?}: {report:?}");
    }
}

/// The long run: as many inputs as `CERTPLAN_FUZZ_SECONDS` (default 600) allow, from
/// `CERTPLAN_FUZZ_SEED` (default: the clock), with the counts printed.
#[test]
#[ignore = "long: minutes of fuzzing"]
fn long_run() {
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let seed = env_number("CERTPLAN_FUZZ_SEED", clock);
    let seconds = env_number("CERTPLAN_FUZZ_SECONDS", 600);
    let started = Instant::now();
    let report = fuzz(seed, |_| started.elapsed().as_secs() < seconds);
    let (loaded, refused): (u64, u64) = (report.loaded.iter().sum(), report.refused.iter().sum());
    println!(
        "fuzz seed {seed}: {} inputs in {:.0} s ({loaded} loaded, {refused} refused, {} failures), slowest {:?}",
        report.inputs,
        started.elapsed().as_secs_f64(),
        report.failures.len(),
        report.slowest
    );
    for (slot, loader) in LOADERS.iter().enumerate() {
        println!("  {loader:?}: {} loaded, {} refused", report.loaded[slot], report.refused[slot]);
    }
    assert!(report.failures.is_empty(), "seed {seed}: {:?}", report.failures);
}
