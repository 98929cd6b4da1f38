//! An organisation folder → [`Organisation`] (contract §1.3).

use super::csvfile::{self, Row};
use super::issues::{Code, Issues};
use super::limits;
use super::tomlfile::{self, key_path, Reader};
use super::warnings;
use crate::model::org::DesignationPoints;
use crate::model::{Catalog, Category, Employee, Holding, Organisation, Profile, RuleSet};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Reads `employees.csv`, `holdings.csv` and `profile.toml` from `dir`.
pub fn load(dir: &Path, catalog: &Catalog, rules: &RuleSet, issues: &mut Issues) -> Organisation {
    let employees = employees(&dir.join("employees.csv"), catalog, issues);
    let holdings = holdings(&dir.join("holdings.csv"), &employees, catalog, issues);
    let profile = profile(&dir.join("profile.toml"), rules, issues);
    Organisation { employees, holdings, profile }
}

/// Reads `employees.csv` (the import reads an HR file with it too).
pub(crate) fn employees(path: &Path, catalog: &Catalog, issues: &mut Issues) -> Vec<Employee> {
    let Some(file) = csvfile::read(path, &["id"], issues) else {
        return Vec::new();
    };
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for row in file.rows() {
        let Some(id) = row.unique_id("employee", &mut seen, issues) else {
            continue;
        };
        let exclude = row
            .list("exclude")
            .into_iter()
            .filter_map(|c| {
                let idx = catalog.index_of(c);
                if idx.is_none() {
                    row.issue(
                        issues,
                        Code::UnknownCertification,
                        "exclude",
                        format!("`{c}` is not a certification of the catalogue"),
                    );
                }
                idx
            })
            .collect();
        let defaults = Employee::new(id);
        out.push(Employee {
            name: row.get("name").map_or(defaults.name.clone(), str::to_string),
            hourly_cost: row
                .number("hourly_cost", 0.0, limits::MAX_HOURLY_COST, "money ≥ 0", issues)
                .unwrap_or(defaults.hourly_cost),
            hours_per_quarter: row.number("hours_per_quarter", 0.0, limits::MAX_HOURS_PER_QUARTER, "hours ≥ 0", issues),
            linked: row.boolean("linked", issues).unwrap_or(defaults.linked),
            leaves_on: row.date("leaves_on", issues),
            exclude,
            ..defaults
        });
    }
    out
}

/// Employees by id, for the files that name them in an `employee_id` column
/// (`holdings.csv`, a plan CSV).
pub(super) struct EmployeeIds<'e>(HashMap<&'e str, usize>);

impl<'e> EmployeeIds<'e> {
    pub(super) fn new(employees: &'e [Employee]) -> Self {
        EmployeeIds(employees.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect())
    }

    /// The employee a row's required `employee_id` names; an unknown id is recorded.
    pub(super) fn find(&self, row: &Row, issues: &mut Issues) -> Option<usize> {
        row.reference(
            "employee_id",
            Code::UnknownEmployee,
            "an employee of employees.csv",
            |id| self.0.get(id).copied(),
            issues,
        )
    }
}

fn holdings(path: &Path, employees: &[Employee], catalog: &Catalog, issues: &mut Issues) -> Vec<Holding> {
    let Some(file) = csvfile::read(path, &["employee_id", "certification"], issues) else {
        return Vec::new();
    };
    let ids = EmployeeIds::new(employees);
    let mut out = Vec::new();
    let mut unknown: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for row in file.rows() {
        let employee = ids.find(&row, issues);
        let cert = row.required("certification", issues).and_then(|id| {
            let found = catalog.index_of(id);
            if found.is_none() {
                unknown.entry(id).or_default().push(row.line());
            }
            found
        });
        let earned_on = row.date("earned_on", issues);
        let given_expiry = row.date("expires_on", issues);
        if let (Some(earned), Some(expires)) = (earned_on, given_expiry) {
            if expires < earned {
                row.issue(
                    issues,
                    Code::ExpiresBeforeEarned,
                    "expires_on",
                    format!("{expires} is before earned_on {earned}; expected a date on or after it"),
                );
                continue;
            }
        }
        let (Some(employee), Some(cert)) = (employee, cert) else {
            continue;
        };
        let expires_on = given_expiry.or_else(|| earned_on.and_then(|e| catalog[cert].expiry_from(e)));
        out.push(Holding { employee, cert, earned_on, expires_on });
    }
    // An empty catalogue is one that could not be read, which is reported as such.
    if !unknown.is_empty() && !catalog.is_empty() {
        warnings::warn(unknown_certifications(path, &unknown));
    }
    out
}

/// Most line numbers a warning lists per unknown certification.
const LINES_LISTED: usize = 5;

/// The warning about holdings of certifications the catalogue lacks (a retired `DP-203`, a
/// `GH-900` no designation lists): a partner's real data holds them, so they are skipped
/// rather than stopping every command (they could not count for any step anyway).
fn unknown_certifications(path: &Path, unknown: &BTreeMap<&str, Vec<u64>>) -> String {
    let rows: usize = unknown.values().map(Vec::len).sum();
    let each: Vec<String> = unknown
        .iter()
        .map(|(id, lines)| {
            let shown: Vec<String> = lines.iter().take(LINES_LISTED).map(u64::to_string).collect();
            let more = if lines.len() > LINES_LISTED { ", …" } else { "" };
            let s = if lines.len() == 1 { "" } else { "s" };
            format!("{id} ({} row{s}: line{s} {}{more})", lines.len(), shown.join(", "))
        })
        .collect();
    format!(
        "{}: {rows} holding row(s) name certifications the catalogue does not have; they count for no step and \
         are left out: {}",
        path.display(),
        each.join(", ")
    )
}

/// The top-level keys of `profile.toml` (contract §1.3); any other is a typo (E023).
pub const PROFILE_KEYS: &[&str] = &["name", "currency", "tracks", "points"];

fn profile(path: &Path, rules: &RuleSet, issues: &mut Issues) -> Profile {
    let Some(doc) = tomlfile::read(path, issues) else {
        return Profile::default();
    };
    let mut r = Reader::new(path, issues);
    r.only_keys(&doc, "", PROFILE_KEYS);
    let name = r.string(&doc, "", "name").unwrap_or_default();
    let currency = r.string(&doc, "", "currency").unwrap_or_default();
    let mut tracks = HashMap::new();
    if let Some(t) = r.table(&doc, "", "tracks") {
        for key in t.keys() {
            let path = key_path("tracks", key);
            let Some(track) = r.string(t, "tracks", key) else {
                continue;
            };
            match rules.designation_index(key).map(|d| &rules.designations[d]) {
                None => r.issue(Code::UnknownDesignation, &path, format!("`{key}` is not a designation of the rules")),
                Some(d) if d.track_index(&track).is_none() => r.issue(
                    Code::UnknownTrack,
                    &path,
                    format!("\"{track}\" is not a track of {key}; expected one of: {}", d.tracks.join(", ")),
                ),
                Some(_) => {
                    tracks.insert(key.clone(), track);
                }
            }
        }
    }
    let mut points = HashMap::new();
    if let Some(t) = r.table(&doc, "", "points") {
        for (des_id, value) in t {
            let prefix = key_path("points", des_id);
            let Some(d) = rules.designation_index(des_id).map(|d| &rules.designations[d]) else {
                r.issue(Code::UnknownDesignation, &prefix, format!("`{des_id}` is not a designation of the rules"));
                continue;
            };
            let Some(table) = value.as_table() else {
                r.issue(Code::WrongType, &prefix, "expected a table of metric points");
                continue;
            };
            let mut dp = DesignationPoints::default();
            for (key, v) in table {
                if v.is_table() {
                    let tprefix = key_path(&prefix, key);
                    if d.track_index(key).is_none() {
                        r.issue(
                            Code::UnknownTrack,
                            &tprefix,
                            format!("`{key}` is not a track of {des_id}; expected one of: {}", d.tracks.join(", ")),
                        );
                        continue;
                    }
                    let sub = v.as_table().expect("checked to be a table");
                    let values = metric_points(&mut r, d, sub, &tprefix);
                    dp.per_track.insert(key.clone(), values);
                } else if let Some(p) = metric_point(&mut r, d, table, &prefix, key) {
                    dp.flat.insert(key.clone(), p);
                }
            }
            points.insert(des_id.clone(), dp);
        }
    }
    Profile { name, currency, tracks, points }
}

fn metric_points(r: &mut Reader, d: &crate::model::Designation, t: &toml::Table, prefix: &str) -> HashMap<String, f64> {
    t.keys().filter_map(|k| metric_point(r, d, t, prefix, k).map(|p| (k.clone(), p))).collect()
}

/// One metric's points; skilling metrics are accepted but earn nothing from the profile.
fn metric_point(
    r: &mut Reader,
    d: &crate::model::Designation,
    t: &toml::Table,
    prefix: &str,
    metric: &str,
) -> Option<f64> {
    let Some(m) = d.metrics.iter().find(|m| m.id == metric) else {
        let known: Vec<&str> =
            d.metrics.iter().filter(|m| m.category != Category::Skilling).map(|m| m.id.as_str()).collect();
        r.issue(
            Code::UnknownMetric,
            &key_path(prefix, metric),
            format!("`{metric}` is not a metric of {}; expected one of: {}", d.id, known.join(", ")),
        );
        return None;
    };
    let p = r.number(t, prefix, metric, 0.0, limits::MAX_POINTS, "points ≥ 0")?;
    (m.category != Category::Skilling).then_some(p)
}
