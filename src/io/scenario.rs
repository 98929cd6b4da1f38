//! Scenario TOML → [`Scenario`] plus the paths of its inputs (contract §1.4, §5.1).

use super::issues::{Code, Issues, Location};
use super::limits;
use super::tomlfile::{self, Reader};
use crate::model::{Goal, Objective, Organisation, Quarter, RiskSettings, RuleSet, Scenario, TrackRule};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a scenario's inputs are, after command-line overrides.
#[derive(Clone, Debug, Default)]
pub struct InputPaths {
    /// Organisation folder.
    pub org: Option<PathBuf>,
    /// Catalogue CSV.
    pub catalog: Option<PathBuf>,
    /// Rules TOML.
    pub rules: Option<PathBuf>,
}

impl InputPaths {
    /// The catalogue to read: the given one, else the bundled `data/catalog.csv`. One place
    /// for the default, so a command that names the file it read (`generate` writes it into
    /// a scenario) names the one the loader used.
    pub fn catalog_file(&self) -> PathBuf {
        self.catalog.clone().unwrap_or_else(|| super::bundled("data/catalog.csv"))
    }

    /// The rules to read: the given ones, else the bundled `data/rules/fy27.toml`.
    pub fn rules_file(&self) -> PathBuf {
        self.rules.clone().unwrap_or_else(|| super::bundled("data/rules/fy27.toml"))
    }
}

/// The keys of a scenario file (contract §1.4, plus `sweep`); any other is a typo (E023).
pub const KEYS: &[&str] = &[
    "name",
    "description",
    "org",
    "catalog",
    "rules",
    "targets",
    "goal",
    "min_skilling",
    "objective",
    "start",
    "quarters",
    "deadline",
    "budget",
    "hours_per_quarter",
    "max_exams_per_quarter",
    "pass_rate",
    "count_time_cost",
    "buffer",
    "retakes",
    "attrition",
    "min_probability",
    "samples",
    "seed",
    "sweep",
];

/// The keys a `[sweep]` may vary.
const SWEEP_KEYS: &[&str] = &["budget", "deadline", "buffer", "hours_per_quarter"];

/// The words of `goal`, the first the default.
const GOALS: &[(&str, Goal)] =
    &[("qualify", Goal::Qualify), ("max-skilling", Goal::MaxSkilling), ("max-points", Goal::MaxPoints)];

/// The words of `objective`, the first the default.
const OBJECTIVES: &[(&str, Objective)] =
    &[("cost", Objective::Cost), ("hours", Objective::Hours), ("quarters", Objective::Quarters)];

/// Reads a scenario file: one scenario, or several when it declares a `[sweep]`. Paths
/// inside it are resolved against its folder; `overrides` (from the command line) win.
/// Cross-checks against the rules happen in [`check_against`].
pub fn load(
    path: &Path,
    overrides: &InputPaths,
    today: crate::model::Date,
    issues: &mut Issues,
) -> Option<(Vec<Scenario>, InputPaths)> {
    let doc = tomlfile::read(path, issues)?;
    let mut r = Reader::new(path, issues);
    r.only_keys(&doc, "", KEYS);
    let base = path.parent().unwrap_or(Path::new("."));
    let mut resolve =
        |key: &str, given: &Option<PathBuf>| given.clone().or_else(|| r.string(&doc, "", key).map(|p| base.join(p)));
    let paths = InputPaths {
        org: resolve("org", &overrides.org),
        catalog: resolve("catalog", &overrides.catalog),
        rules: resolve("rules", &overrides.rules),
    };
    if paths.org.is_none() {
        r.missing("org", "the organisation folder (or --org)");
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let given = r.string(&doc, "", "name").filter(|n| !n.is_empty());
    let from = if given.is_some() { "" } else { " (the file name, as `name` is not given)" };
    let name = given.unwrap_or(stem);
    if let Some(problem) = folder_name_problem(&name) {
        r.issue(Code::BadName, "name", format!("{name:?}{from} {problem}; expected a name that can be a folder name, as it names the scenario's output folder"));
    }
    let description = r.string(&doc, "", "description").unwrap_or_default();
    let targets = r.strings(&doc, "", "targets");
    match &targets {
        None if !doc.contains_key("targets") => r.missing("targets", "a list of designation ids"),
        Some(t) if t.is_empty() => {
            r.issue(Code::MissingValue, "targets", "is empty; expected at least one designation id")
        }
        _ => {}
    }
    let goal = r.choice(&doc, "", "goal", "a goal", GOALS);
    let objective = r.choice(&doc, "", "objective", "an objective", OBJECTIVES);
    if goal == Goal::MaxPoints && objective == Objective::Quarters {
        r.issue(
            Code::BadChoice,
            "objective",
            "\"quarters\" does not go with goal = \"max-points\" (every quarter meets it); expected \"cost\" or \"hours\"",
        );
    }
    let mut min_skilling = BTreeMap::new();
    if let Some(t) = r.table(&doc, "", "min_skilling") {
        for key in t.keys() {
            if let Some(v) = r.number(t, "min_skilling", key, 0.0, limits::MAX_POINTS, "points ≥ 0") {
                min_skilling.insert(key.clone(), v);
            }
        }
    }
    let start = r.quarter(&doc, "", "start").unwrap_or_else(|| today.quarter());
    let quarters = r.integer(&doc, "", "quarters", 1, limits::MAX_QUARTERS, Code::OutOfRange).unwrap_or(4) as u32;
    let last = start.plus(quarters as i32 - 1);
    let deadline = r.quarter(&doc, "", "deadline").unwrap_or(last);
    if deadline < start || deadline > last {
        r.issue(
            Code::DeadlineOutsideHorizon,
            "deadline",
            format!(
                "{deadline} is outside the horizon; expected a quarter from {start} to {last} (start + quarters − 1)"
            ),
        );
    }
    let budget = r.number(&doc, "", "budget", 0.0, limits::MAX_BUDGET, "money ≥ 0");
    let hours_per_quarter =
        r.number(&doc, "", "hours_per_quarter", 0.0, limits::MAX_HOURS_PER_QUARTER, "hours ≥ 0").unwrap_or(40.0);
    let max_exams_per_quarter = r
        .integer(&doc, "", "max_exams_per_quarter", 0, limits::MAX_EXAMS_PER_QUARTER, Code::OutOfRange)
        .unwrap_or(2) as u32;
    let pass_rate = match r.number(&doc, "", "pass_rate", f64::NEG_INFINITY, f64::INFINITY, "a probability in (0, 1]") {
        Some(p) if p > 0.0 && p <= 1.0 => p,
        Some(p) => {
            r.issue(Code::BadPassRate, "pass_rate", format!("{p} is not a probability in (0, 1]"));
            1.0
        }
        None => 1.0,
    };
    let count_time_cost = r.boolean(&doc, "", "count_time_cost").unwrap_or(false);
    let buffer = r.integer(&doc, "", "buffer", 0, limits::MAX_PEOPLE, Code::OutOfRange).unwrap_or(0) as u32;
    let risk = risk_settings(&mut r, &doc, goal);
    let scenario = Scenario {
        name,
        description,
        targets: targets.unwrap_or_default(),
        goal,
        min_skilling,
        objective,
        start,
        quarters,
        deadline: deadline.clamp(start, last),
        budget,
        hours_per_quarter,
        max_exams_per_quarter,
        pass_rate,
        count_time_cost,
        buffer,
        step_buffers: Default::default(),
        risk,
    };
    let scenarios = match r.table(&doc, "", "sweep") {
        Some(sweep) => expand(&mut r, &scenario, sweep, last),
        None => vec![scenario],
    };
    Some((scenarios, paths))
}

/// The risk model's keys (README, "Risk"): `retakes`, `attrition`, `min_probability`,
/// `samples`, `seed`, each within its bound (E008).
fn risk_settings(r: &mut Reader, doc: &toml::Table, goal: Goal) -> RiskSettings {
    let d = RiskSettings::default();
    let retakes =
        r.integer(doc, "", "retakes", 0, limits::MAX_RETAKES, Code::OutOfRange).map_or(d.retakes, |v| v as u32);
    let attrition = r.number(doc, "", "attrition", 0.0, 1.0, "a probability per quarter from 0 to 1").unwrap_or(0.0);
    let what = "a probability more than 0 and at most 1";
    let min_probability = match r.number(doc, "", "min_probability", 0.0, 1.0, what) {
        Some(p) if p <= 0.0 => {
            r.issue(Code::OutOfRange, "min_probability", format!("{p} is not above 0; expected {what}"));
            None
        }
        Some(_) if goal == Goal::MaxPoints => {
            r.issue(
                Code::BadChoice,
                "min_probability",
                "does not go with goal = \"max-points\" (its plans need not qualify every target); expected goal \"qualify\" or \"max-skilling\"",
            );
            None
        }
        p => p,
    };
    let samples =
        r.integer(doc, "", "samples", 1, limits::MAX_SAMPLES, Code::OutOfRange).map_or(d.samples, |v| v as u32);
    let seed = r.integer(doc, "", "seed", 0, i64::MAX, Code::OutOfRange).map_or(d.seed, |v| v as u64);
    RiskSettings { retakes, attrition, min_probability, samples, seed }
}

/// Characters a scenario name must not hold: path separators, and the others that Windows
/// refuses in a file name (outputs are often opened or copied there).
const NOT_IN_NAMES: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// The files `compare` writes in its output folder beside the scenarios' folders: a
/// scenario of that name would have its folder and one of these files at one path.
pub const COMPARE_TOP_FILES: &[&str] = &["summary.csv", "comparison.xlsx", "report.html"];

/// Why `name` cannot name an output folder, if it cannot: `compare` writes `OUT/<name>/` and
/// `plan` `out/<name>/`, so a separator, `..` or an absolute name would write elsewhere, a
/// line break would split the name's CSV cells, a trailing dot (`.`, `..`) Windows drops, and
/// `compare`'s own files' names would collide with them.
fn folder_name_problem(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| NOT_IN_NAMES.contains(c)) {
        Some(format!("holds `{c}`; names must not hold any of / \\ : * ? \" < > |"))
    } else if let Some(c) = name.chars().find(|c| c.is_control()) {
        Some(format!("holds the control character {c:?} (a line break or tab)"))
    } else if name.ends_with('.') {
        Some("ends with a dot (`.` and `..` name folders that already exist)".into())
    } else if let Some(file) = COMPARE_TOP_FILES.iter().find(|f| f.eq_ignore_ascii_case(name)) {
        // Compared without case: Windows and macOS file systems do so too.
        Some(format!("is the name of the file `{file}` that `compare` writes beside the scenarios' folders"))
    } else if name.len() > limits::MAX_NAME_BYTES {
        Some(format!("is {} bytes long, more than the limit of {}", name.len(), limits::MAX_NAME_BYTES))
    } else {
        None
    }
}

/// Expands a `[sweep]` table — lists of `budget`, `deadline`, `buffer` or
/// `hours_per_quarter` values — into one scenario per combination, named
/// `<name>@key=value&…` (keys in alphabetical order).
fn expand(r: &mut Reader, base: &Scenario, sweep: &toml::Table, last: Quarter) -> Vec<Scenario> {
    type Apply = Box<dyn Fn(&mut Scenario)>;
    let mut axes: Vec<Vec<(String, Apply)>> = Vec::new();
    for (key, value) in sweep {
        let path = format!("sweep.{key}");
        if !SWEEP_KEYS.contains(&key.as_str()) {
            let hint = tomlfile::suggest(key, SWEEP_KEYS).map_or(String::new(), |k| format!("; did you mean `{k}`?"));
            r.issue(
                Code::BadChoice,
                &path,
                format!("`{key}` cannot be swept; expected budget, deadline, buffer or hours_per_quarter{hint}"),
            );
            continue;
        }
        let Some(items) = value.as_array() else {
            r.issue(Code::WrongType, &path, "expected a list of values to sweep over");
            continue;
        };
        if items.is_empty() {
            r.issue(Code::MissingValue, &path, "is an empty list; expected at least one value to sweep over");
            continue;
        }
        let mut axis: Vec<(String, Apply)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let mut one = toml::Table::new();
            one.insert(key.clone(), item.clone());
            match key.as_str() {
                "budget" => {
                    if let Some(v) = r.number(&one, "", key, 0.0, limits::MAX_BUDGET, "money ≥ 0") {
                        axis.push((format!("budget={v}"), Box::new(move |s| s.budget = Some(v))));
                    }
                }
                "hours_per_quarter" => {
                    if let Some(v) = r.number(&one, "", key, 0.0, limits::MAX_HOURS_PER_QUARTER, "hours ≥ 0") {
                        axis.push((format!("hours_per_quarter={v}"), Box::new(move |s| s.hours_per_quarter = v)));
                    }
                }
                "buffer" => {
                    if let Some(v) = r.integer(&one, "", key, 0, limits::MAX_PEOPLE, Code::OutOfRange) {
                        axis.push((format!("buffer={v}"), Box::new(move |s| s.buffer = v as u32)));
                    }
                }
                "deadline" => match r.quarter(&one, "", key) {
                    Some(q) if q < base.start || q > last => r.issue(
                        Code::DeadlineOutsideHorizon,
                        &at,
                        format!("{q} is outside the horizon; expected a quarter from {} to {last}", base.start),
                    ),
                    Some(q) => axis.push((format!("deadline={q}"), Box::new(move |s| s.deadline = q))),
                    None => {}
                },
                _ => {} // not a sweep key: reported above
            }
        }
        if !axis.is_empty() {
            axes.push(axis);
        }
    }
    // Refuse a sweep too large before building it: its scenarios would exhaust memory long
    // before they could be solved.
    let combinations = axes.iter().fold(1usize, |n, axis| n.saturating_mul(axis.len()));
    if combinations > limits::MAX_SWEEP_SCENARIOS {
        let sizes: Vec<String> = axes.iter().map(|a| a.len().to_string()).collect();
        r.issue(
            Code::TooLarge,
            "sweep",
            format!(
                "expands into {combinations} scenarios ({}), more than the limit of {}; sweep fewer values",
                sizes.join(" × "),
                limits::MAX_SWEEP_SCENARIOS
            ),
        );
        return vec![base.clone()];
    }
    let mut out = vec![(Vec::<String>::new(), base.clone())];
    for axis in &axes {
        out = out
            .iter()
            .flat_map(|(labels, s)| {
                axis.iter().map(move |(label, apply)| {
                    let mut next = s.clone();
                    apply(&mut next);
                    let mut labels = labels.clone();
                    labels.push(label.clone());
                    (labels, next)
                })
            })
            .collect();
    }
    out.into_iter()
        .map(|(labels, mut s)| {
            if !labels.is_empty() {
                s.name = format!("{}@{}", base.name, labels.join("&"));
            }
            s
        })
        .collect()
}

/// Checks the scenario's targets against the rules and the organisation's profile.
pub fn check_against(path: &Path, scenario: &Scenario, rules: &RuleSet, org: &Organisation, issues: &mut Issues) {
    let at = |key: String| Location::Key(key);
    for (i, target) in scenario.targets.iter().enumerate() {
        let key = format!("targets[{i}]");
        if scenario.targets[..i].contains(target) {
            issues.push(Code::DuplicateId, path, at(key), format!("`{target}` is targeted twice"));
            continue;
        }
        match rules.designation_index(target).map(|d| &rules.designations[d]) {
            // Rules with no designation are rules that could not be read: that problem is
            // reported where it happened, and every target would only repeat it.
            None if rules.designations.is_empty() => {}
            None => {
                let known: Vec<&str> = rules.designations.iter().map(|d| d.id.as_str()).collect();
                issues.push(Code::UnknownDesignation, path, at(key), format!("`{target}` is not a designation of the rules; expected one of: {}", known.join(", ")));
            }
            Some(d) if d.track_rule == TrackRule::Classified && !org.profile.tracks.contains_key(target) => issues.push(
                Code::MissingTrack,
                path,
                at(key),
                format!("`{target}` is a classified designation but the profile's [tracks] does not name its track; expected e.g. {target} = \"{}\"", d.tracks.first().map_or("smb", String::as_str)),
            ),
            Some(_) => {}
        }
    }
    for key in scenario.min_skilling.keys() {
        if !scenario.targets.contains(key) {
            issues.push(
                Code::UnknownDesignation,
                path,
                at(format!("min_skilling.{key}")),
                format!("`{key}` is not one of the scenario's targets"),
            );
        }
    }
}
