//! Writing the contract's input files from the domain model: an organisation folder (§1.3) and
//! a scenario (§1.4), the inverse of [`super::org`] and [`super::scenario`]. `certplan
//! generate` saves synthetic organisations with it, so that `certplan plan` and benchmark
//! scripts run on them exactly as on a partner's own files.
//!
//! What is written reads back to the same values: numbers use Rust's shortest exact
//! representation (not the rounded formats of [`super::csvout`], which are for people), dates
//! are ISO, lists `;`-separated, and a value left out is an empty cell or a missing key only
//! where the loader's default is that same value. The formats cannot say four things, which
//! therefore change on the way back: an empty employee name (read as the id), text with
//! surrounding spaces (cells are trimmed), a holding with `earned_on` but no expiry of a
//! certification that expires (read with the computed expiry), and a text cell a spreadsheet
//! would run as a formula, which gets a leading `'` like every CSV certplan writes (§4).

use super::atomic;
use super::csvout::CsvDoc;
use super::Inputs;
use crate::model::{Catalog, Goal, Level, Objective, Organisation, Profile, Scenario};
use anyhow::Context;
use std::collections::HashMap;
use std::path::Path;
use toml::{Table, Value};

/// Name of the organisation folder inside a folder written by [`write_folder`]; the scenario
/// names it relative to itself, so the folder can be moved as a whole.
pub const ORG_FOLDER: &str = "org";

/// The columns of `employees.csv` (contract §1.3), in the order they are written.
pub const EMPLOYEE_COLUMNS: [&str; 7] =
    ["id", "name", "hourly_cost", "hours_per_quarter", "linked", "leaves_on", "exclude"];

/// `employees.csv`, one row per person in model order (holdings refer to people by position,
/// and the loader numbers them in file order).
pub fn employees_csv(org: &Organisation, catalog: &Catalog) -> Vec<u8> {
    employees_csv_with(org, catalog, &ExtraColumns::default())
}

/// Columns of a user's own beside the contract's (an HR file's `email`, `department`), which
/// the loader ignores and the import keeps: their headers and, per employee in model order,
/// their cells (missing cells are empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraColumns {
    /// Headers as the user wrote them.
    pub headers: Vec<String>,
    /// One list of cells per employee.
    pub cells: Vec<Vec<String>>,
}

/// `employees.csv` as [`employees_csv`] writes it, with `extra` columns after the contract's.
pub fn employees_csv_with(org: &Organisation, catalog: &Catalog, extra: &ExtraColumns) -> Vec<u8> {
    let mut header: Vec<&str> = EMPLOYEE_COLUMNS.to_vec();
    header.extend(extra.headers.iter().map(String::as_str));
    let mut doc = CsvDoc::new(&header);
    for (i, e) in org.employees.iter().enumerate() {
        let exclude: Vec<&str> = e.exclude.iter().map(|&c| catalog[c].id.as_str()).collect();
        let mut row = vec![
            e.id.clone(),
            e.name.clone(),
            e.hourly_cost.to_string(),
            optional(e.hours_per_quarter),
            e.linked.to_string(),
            optional(e.leaves_on),
            exclude.join(";"),
        ];
        let cells = extra.cells.get(i);
        row.extend((0..extra.headers.len()).map(|c| cells.and_then(|cells| cells.get(c)).cloned().unwrap_or_default()));
        doc.row(&row);
    }
    doc.into_bytes()
}

/// `catalog.csv`, one row per certification in model order, every column of §1.1 written
/// (`pass_rate` empty when the certification uses the scenario's).
pub fn catalog_csv(catalog: &Catalog) -> Vec<u8> {
    let mut doc = CsvDoc::new(&[
        "id",
        "name",
        "level",
        "exam_fee",
        "training_fee",
        "study_hours",
        "requires_any",
        "requires_all",
        "exam_until",
        "counts_until",
        "valid_months",
        "renewal_hours",
        "pass_rate",
    ]);
    let ids = |list: &[usize]| list.iter().map(|&c| catalog[c].id.as_str()).collect::<Vec<_>>().join(";");
    for c in catalog.certs() {
        doc.row(&[
            c.id.clone(),
            c.name.clone(),
            level_name(c.level).to_string(),
            c.exam_fee.to_string(),
            c.training_fee.to_string(),
            c.study_hours.to_string(),
            ids(&c.requires_any),
            ids(&c.requires_all),
            optional(c.exam_until),
            optional(c.counts_until),
            c.valid_months.to_string(),
            c.renewal_hours.to_string(),
            optional(c.pass_rate),
        ]);
    }
    doc.into_bytes()
}

/// `holdings.csv`, one row per grant in model order. `expires_on` is always written when known
/// rather than left to the catalogue's `valid_months`, so the file states what the model holds.
pub fn holdings_csv(org: &Organisation, catalog: &Catalog) -> Vec<u8> {
    let rows: Vec<HoldingRow> = org
        .holdings
        .iter()
        .map(|h| HoldingRow {
            employee_id: org.employees[h.employee].id.clone(),
            certification: catalog[h.cert].id.clone(),
            earned_on: optional(h.earned_on),
            expires_on: optional(h.expires_on),
        })
        .collect();
    holding_rows_csv(&rows)
}

/// One row of `holdings.csv` as text. The import writes certifications the catalogue may
/// lack (a retired DP-203: the file records what the person holds, and the loaders warn
/// about it) and keeps rows a user typed as typed, which the model's catalogue indices
/// cannot hold.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HoldingRow {
    /// The employee's id.
    pub employee_id: String,
    /// The certification's id.
    pub certification: String,
    /// `earned_on` (empty: not given).
    pub earned_on: String,
    /// `expires_on` (empty: not given).
    pub expires_on: String,
}

/// `holdings.csv` of these rows, in the given order.
pub fn holding_rows_csv(rows: &[HoldingRow]) -> Vec<u8> {
    let mut doc = CsvDoc::new(&["employee_id", "certification", "earned_on", "expires_on"]);
    for h in rows {
        doc.row(&[&h.employee_id, &h.certification, &h.earned_on, &h.expires_on]);
    }
    doc.into_bytes()
}

/// `profile.toml`: `name` and `currency`, then `[tracks]`, then a `[points.<designation>]`
/// table of flat values per designation with its `[points.<designation>.<track>]` tables.
/// Tables are serialised by `toml`, which quotes ids that are not bare keys and sorts keys,
/// so equal profiles give equal files whatever the order of their hash maps.
pub fn profile_toml(profile: &Profile) -> String {
    let mut text = format!(
        "name = {}\ncurrency = {}\n",
        Value::from(profile.name.as_str()),
        Value::from(profile.currency.as_str())
    );
    let tracks: Table = profile.tracks.iter().map(|(d, t)| (d.clone(), Value::from(t.as_str()))).collect();
    let points: Table = profile
        .points
        .iter()
        .map(|(d, p)| {
            let mut table = numbers(&p.flat);
            table.extend(p.per_track.iter().map(|(track, values)| (track.clone(), Value::Table(numbers(values)))));
            (d.clone(), Value::Table(table))
        })
        .collect();
    for (key, table) in [("tracks", tracks), ("points", points)] {
        let section = Table::from_iter([(key.to_string(), Value::Table(table))]);
        text.push('\n');
        text.push_str(&toml::to_string(&section).expect("a table of strings, numbers and tables serialises"));
    }
    text
}

/// A scenario file in the contract's key order, naming its inputs by `org`, `catalog` and
/// `rules` as given (relative paths are read relative to the scenario file; a bundled
/// catalogue or rules file is left out, which means the same). Every setting is
/// written, defaults included, so the file does not depend on the loader's defaults; `budget`
/// and `min_skilling` only when set, as leaving them out is the only way to say "none".
pub fn scenario_toml(scenario: &Scenario, org: &str, catalog: &str, rules: &str) -> String {
    let targets = scenario.targets.iter().map(|t| Value::from(t.as_str())).collect();
    let mut keys: Vec<(&str, Value)> = vec![
        ("name", scenario.name.as_str().into()),
        ("description", scenario.description.as_str().into()),
        ("org", org.into()),
    ];
    // A bundled file is what a scenario without the key reads, and its `<bundled>/…` path
    // would be read relative to the scenario's folder: so it is named by leaving the key out.
    for (key, path) in [("catalog", catalog), ("rules", rules)] {
        if !super::bundled::is_bundled(Path::new(path)) {
            keys.push((key, path.into()));
        }
    }
    keys.extend([("targets", Value::Array(targets)), ("goal", goal_name(scenario.goal).into())]);
    if !scenario.min_skilling.is_empty() {
        let floors = scenario.min_skilling.iter().map(|(d, v)| (d.clone(), Value::from(*v))).collect();
        keys.push(("min_skilling", Value::Table(floors)));
    }
    keys.extend([
        ("objective", objective_name(scenario.objective).into()),
        ("start", scenario.start.to_string().into()),
        ("quarters", i64::from(scenario.quarters).into()),
        ("deadline", scenario.deadline.to_string().into()),
    ]);
    if let Some(budget) = scenario.budget {
        keys.push(("budget", budget.into()));
    }
    keys.extend([
        ("hours_per_quarter", scenario.hours_per_quarter.into()),
        ("max_exams_per_quarter", i64::from(scenario.max_exams_per_quarter).into()),
        ("pass_rate", scenario.pass_rate.into()),
        ("count_time_cost", scenario.count_time_cost.into()),
        ("buffer", i64::from(scenario.buffer).into()),
    ]);
    // Issue 14: the risk keys, when they differ from their defaults (so generated scenarios
    // read as before).
    let (risk, default) = (scenario.risk, crate::model::RiskSettings::default());
    if risk.retakes != default.retakes {
        keys.push(("retakes", i64::from(risk.retakes).into()));
    }
    if risk.attrition != default.attrition {
        keys.push(("attrition", risk.attrition.into()));
    }
    if let Some(p) = risk.min_probability {
        keys.push(("min_probability", p.into()));
    }
    if risk.samples != default.samples {
        keys.push(("samples", i64::from(risk.samples).into()));
    }
    if risk.seed != default.seed {
        keys.push(("seed", (risk.seed.min(i64::MAX as u64) as i64).into()));
    }
    keys.iter().map(|(key, value)| format!("{key} = {value}\n")).collect()
}

/// Name of the catalogue a folder written by [`write_folder`] holds when it has its own.
pub const CATALOG_FILE: &str = "catalog.csv";

/// Writes `dir/org/{employees.csv, holdings.csv, profile.toml}` for `inputs.org` and
/// `dir/scenario.toml` naming `org`, the catalogue and the given `rules` path. The catalogue is
/// the given path, or with `None` `inputs.catalog` written as `dir/catalog.csv`. Every file is
/// built before the first is written and each is written atomically; the scenario comes last,
/// so a folder with a `scenario.toml` always has the files it names.
pub fn write_folder(
    dir: &Path,
    scenario: &Scenario,
    inputs: &Inputs,
    catalog: Option<&str>,
    rules: &str,
) -> anyhow::Result<()> {
    let org = dir.join(ORG_FOLDER);
    let mut files = vec![
        (org.join("employees.csv"), employees_csv(&inputs.org, &inputs.catalog)),
        (org.join("holdings.csv"), holdings_csv(&inputs.org, &inputs.catalog)),
        (org.join("profile.toml"), profile_toml(&inputs.org.profile).into_bytes()),
    ];
    if catalog.is_none() {
        files.push((dir.join(CATALOG_FILE), catalog_csv(&inputs.catalog)));
    }
    let named = catalog.unwrap_or(CATALOG_FILE);
    files.push((dir.join("scenario.toml"), scenario_toml(scenario, ORG_FOLDER, named, rules).into_bytes()));
    for (path, bytes) in &files {
        atomic::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// An optional value as a cell: empty when absent (the loader's "not given").
pub fn optional<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// A level as the catalogue writes it.
fn level_name(level: Level) -> &'static str {
    match level {
        Level::Fundamentals => "fundamentals",
        Level::Associate => "associate",
        Level::Specialty => "specialty",
        Level::Expert => "expert",
        Level::Other => "other",
    }
}

/// Metric points as a TOML table.
fn numbers(values: &HashMap<String, f64>) -> Table {
    values.iter().map(|(metric, v)| (metric.clone(), Value::from(*v))).collect()
}

/// The scenario file's word for a goal.
fn goal_name(goal: Goal) -> &'static str {
    match goal {
        Goal::Qualify => "qualify",
        Goal::MaxSkilling => "max-skilling",
        Goal::MaxPoints => "max-points",
    }
}

/// The scenario file's word for an objective.
fn objective_name(objective: Objective) -> &'static str {
    match objective {
        Objective::Cost => "cost",
        Objective::Hours => "hours",
        Objective::Quarters => "quarters",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::org::DesignationPoints;

    /// Ids that are not bare TOML keys are quoted in table headers and keys, so the file parses
    /// back to the same tables (the loader then checks the ids against the rules).
    #[test]
    fn ids_that_are_not_bare_keys_are_quoted() {
        let flat = HashMap::from([("usage growth".to_string(), 3.5)]);
        let per_track = HashMap::from([("smb.eu".to_string(), HashMap::from([("a=b".to_string(), 1.0)]))]);
        let profile = Profile {
            name: "X".into(),
            currency: "EUR".into(),
            tracks: HashMap::from([("data & ai".to_string(), "smb".to_string())]),
            points: HashMap::from([("data & ai".to_string(), DesignationPoints { flat, per_track })]),
        };
        let text = profile_toml(&profile);
        assert!(text.contains("[points.\"data & ai\"]"), "{text}");
        let doc: Table = toml::from_str(&text).unwrap();
        assert_eq!(doc["tracks"]["data & ai"].as_str(), Some("smb"));
        let points = &doc["points"]["data & ai"];
        assert_eq!(points["usage growth"].as_float(), Some(3.5));
        assert_eq!(points["smb.eu"]["a=b"].as_float(), Some(1.0));
    }
}
