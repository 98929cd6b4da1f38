//! `certplan import partner-center`: downloads of Partner Center's Trainings report → an
//! organisation folder (`employees.csv`, `holdings.csv`, a `profile.toml` template), merged
//! with the partner's HR data, and a report of what was done.
//!
//! Everything is read and checked before anything is written (bad input: every problem at
//! once, nothing written); titles that map to nothing never stop the import, they are
//! reported with counts and suggestions.

pub mod export;
pub mod hr;
pub mod people;
pub mod template;
pub mod titles;

use crate::io::issues::{Code, InputError, Issues, Location};
use crate::io::write_inputs::{self, ExtraColumns, HoldingRow};
use crate::io::{self, limits, InputPaths};
use crate::model::{Date, Employee, Organisation};
use export::{DateOrder, Export, Variant};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use titles::{Mapped, Titles};

/// What the import is asked to do.
#[derive(Clone, Debug)]
pub struct Request {
    /// The report downloads.
    pub exports: Vec<PathBuf>,
    /// The organisation folder written.
    pub out: PathBuf,
    /// An HR file; default: `out/employees.csv` when it exists.
    pub employees: Option<PathBuf>,
    /// The alias table; default: the bundled `data/aliases.csv`.
    pub aliases: Option<PathBuf>,
    /// Catalogue and rules (default: the bundled ones).
    pub inputs: InputPaths,
    /// `--date-order`.
    pub order: Option<DateOrder>,
    /// The day expiry is reported against, and the day a title without a completion date is
    /// mapped on.
    pub on: Date,
}

/// The files to write (in this order) and the report to print.
pub struct Imported {
    /// Path and bytes of each file.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// What was done, for the terminal.
    pub report: String,
}

/// Most unmapped titles listed one by one (the rest are counted).
const TITLES_LISTED: usize = 50;

/// Reads everything, merges, and builds the files and the report; nothing is written here.
pub fn import(request: &Request) -> Result<Imported, InputError> {
    let mut issues = Issues::default();
    if request.exports.len() > limits::MAX_IMPORT_FILES {
        let message = format!(
            "{} export files given, more than the limit of {}; combine them or import in turns",
            request.exports.len(),
            limits::MAX_IMPORT_FILES
        );
        issues.push(Code::TooLarge, &request.exports[0], Location::File, message);
        return Err(InputError(issues.list().to_vec()));
    }
    let catalog = io::catalog::load(&request.inputs.catalog_file(), &mut issues);
    let rules = io::rules::load(&request.inputs.rules_file(), &catalog, &mut issues);
    let alias_file = request.aliases.clone().unwrap_or_else(|| io::bundled(io::bundled::ALIASES));
    let aliases = titles::load_aliases(&alias_file, &mut issues);
    let exports: Vec<Export> = request
        .exports
        .iter()
        .enumerate()
        .filter_map(|(i, path)| export::read(path, i, request.order, &mut issues))
        .collect();
    let existing = request.out.join("employees.csv");
    let hr_file = request.employees.clone().or_else(|| existing.exists().then_some(existing));
    let hr = hr_file.as_ref().map(|path| hr::read(path, &catalog, &mut issues)).unwrap_or_default();
    let records: Vec<&export::Record> = exports.iter().flat_map(|e| &e.records).collect();
    let (people, person_of) = people::identify(&records);
    let matches = people::match_hr(&people, &hr.employees, &hr.emails);
    let Merged { employees, extra_cells, relinked, employee_of_person } = merge(&people, &matches, &hr);
    let mut in_export = vec![false; employees.len()];
    for &e in &employee_of_person {
        in_export[e] = true;
    }
    let hr_only: Vec<&Employee> =
        hr.employees.iter().enumerate().filter(|(e, _)| !in_export[*e]).map(|(_, e)| e).collect();
    let hr_only_ids: Vec<&str> = hr_only.iter().map(|e| e.id.as_str()).collect();
    let kept = hr::kept_holdings(&request.out.join("holdings.csv"), &hr_only_ids, &mut issues);
    let titles = Titles::new(&aliases, &catalog);
    let owner: Vec<usize> = person_of.iter().map(|&p| employee_of_person[p]).collect();
    let (grants, mut tally) = grants(&records, &owner, &titles, &exports, request.on, &mut issues);
    if !issues.is_empty() {
        return Err(InputError(issues.list().to_vec()));
    }
    let mut holdings: Vec<(usize, HoldingRow)> = grants
        .into_iter()
        .map(|((e, certification, earned), expires)| {
            if catalog.index_of(&certification).is_none() {
                *tally.outside_catalog.entry(certification.clone()).or_insert(0) += 1;
            }
            if expires.is_some_and(|x| x < request.on) {
                tally.expired += 1;
            }
            let row = HoldingRow {
                employee_id: employees[e].id.clone(),
                certification,
                earned_on: write_inputs::optional(earned),
                expires_on: write_inputs::optional(expires),
            };
            (e, row)
        })
        .collect();
    let position: BTreeMap<&str, usize> = employees.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    holdings.extend(
        kept.iter().map(|row| (position.get(row.employee_id.as_str()).copied().unwrap_or(usize::MAX), row.clone())),
    );
    holdings.sort_by(|(a, x), (b, y)| (a, &x.earned_on, &x.certification).cmp(&(b, &y.earned_on, &y.certification)));
    let holdings: Vec<HoldingRow> = holdings.into_iter().map(|(_, row)| row).collect();

    let org = Organisation { employees, holdings: Vec::new(), profile: Default::default() };
    let extra = ExtraColumns { headers: hr.extra_headers.clone(), cells: extra_cells };
    let mut files = vec![
        (request.out.join("employees.csv"), write_inputs::employees_csv_with(&org, &catalog, &extra)),
        (request.out.join("holdings.csv"), write_inputs::holding_rows_csv(&holdings)),
    ];
    let profile = request.out.join("profile.toml");
    let new_profile = !profile.exists();
    if new_profile {
        let partner =
            exports.iter().flat_map(|e| e.partners.keys()).next().map_or("", |p| p.split(" (").next().unwrap_or(p));
        files.push((profile.clone(), template::profile(partner, &rules).into_bytes()));
    }

    let mut report = String::new();
    let summary = Summary {
        exports: &exports,
        people: people.len(),
        employees: org.employees.len(),
        hr_file: hr_file.as_deref(),
        matches: &matches,
        relinked: &relinked,
        hr_only: &hr_only,
        kept: kept.len(),
        holdings: holdings.len() - kept.len(),
        tally: &tally,
        titles: &titles,
        alias_file: &alias_file,
        on: request.on,
    };
    summary.write(&mut report);
    for (path, _) in &files {
        let note = if *path == profile { " (a template: fill in the points and tracks)" } else { "" };
        let _ = writeln!(report, "wrote {}{note}", path.display());
    }
    if !new_profile {
        let _ = writeln!(report, "kept {} as it is", profile.display());
    }
    Ok(Imported { files, report })
}

/// A grant's key: employee (position), certification id, earned day; its value the expiry.
type Grants = BTreeMap<(usize, String, Option<Date>), Option<Date>>;

/// Holdings: certification rows whose title maps, one per (employee, certification, earned
/// day) with the latest expiry (`owner`: each record's employee); the rest counted. The
/// unreadable dates of the rows that become holdings are recorded in `issues`.
fn grants(
    records: &[&export::Record],
    owner: &[usize],
    titles: &Titles,
    exports: &[Export],
    on: Date,
    issues: &mut Issues,
) -> (Grants, Tally) {
    let mut grants = Grants::new();
    let mut tally = Tally::default();
    for (r, record) in records.iter().enumerate() {
        if !record.is_certification() {
            *tally.other_types.entry(record.kind.clone().unwrap_or_default()).or_insert(0) += 1;
            continue;
        }
        tally.certification_rows += 1;
        if record.status.as_deref().is_some_and(|s| !s.eq_ignore_ascii_case("active")) {
            *tally.statuses.entry(record.status.clone().unwrap_or_default()).or_insert(0) += 1;
        }
        match titles.map(&record.title, record.completed.or(Some(on))) {
            Mapped::To(ids) => {
                for problem in &record.date_problems {
                    issues.push(problem.code, &problem.file, problem.location.clone(), problem.message.clone());
                }
                // A title may grant several catalogue rows (AZ-800;AZ-801: one per exam).
                for id in ids.split(';').map(str::trim).filter(|id| !id.is_empty()) {
                    let key = (owner[r], id.to_string(), record.completed);
                    match grants.get_mut(&key) {
                        Some(expiry) => {
                            tally.duplicates += 1;
                            *expiry = (*expiry).max(record.expires);
                        }
                        None => {
                            grants.insert(key, record.expires);
                        }
                    }
                }
            }
            Mapped::Unknown => tally.unmapped.entry(record.title.clone()).or_default().push(record_at(exports, record)),
            Mapped::Ambiguous(ids) => tally
                .ambiguous
                .entry(format!("{} ({})", record.title, ids.join(" or ")))
                .or_default()
                .push(record_at(exports, record)),
        }
    }
    (grants, tally)
}

/// Employees after the merge: the HR people in their order (values kept; linked when in the
/// export), then the export's new people in order of appearance.
struct Merged {
    employees: Vec<Employee>,
    extra_cells: Vec<Vec<String>>,
    /// HR people the export shows linked who were not.
    relinked: Vec<String>,
    /// Each export person's employee (position).
    employee_of_person: Vec<usize>,
}

fn merge(people: &[people::Person], matches: &people::Matches, hr: &hr::Hr) -> Merged {
    let mut employees: Vec<Employee> = hr.employees.clone();
    let mut extra_cells = hr.extra_cells.clone();
    let mut relinked = Vec::new();
    let mut employee_of_person = Vec::with_capacity(people.len());
    for (p, person) in people.iter().enumerate() {
        let at = match matches.employee[p] {
            Some(e) => {
                if !employees[e].linked {
                    relinked.push(employees[e].id.clone());
                    employees[e].linked = true;
                }
                e
            }
            None => {
                employees.push(Employee { name: person.name.clone(), ..Employee::new(&person.id) });
                extra_cells.push(vec![String::new(); hr.extra_headers.len()]);
                employees.len() - 1
            }
        };
        employee_of_person.push(at);
    }
    Merged { employees, extra_cells, relinked, employee_of_person }
}

/// Where a record is, as the report names it: `file:line`.
fn record_at(exports: &[Export], record: &export::Record) -> String {
    let file = exports.get(record.file).map_or(String::new(), |e| e.path.display().to_string());
    format!("{file}:{}", record.line)
}

/// Counts of what the rows became.
#[derive(Default)]
struct Tally {
    certification_rows: usize,
    duplicates: usize,
    expired: usize,
    other_types: BTreeMap<String, usize>,
    statuses: BTreeMap<String, usize>,
    outside_catalog: BTreeMap<String, usize>,
    unmapped: BTreeMap<String, Vec<String>>,
    ambiguous: BTreeMap<String, Vec<String>>,
}

/// What the report says.
struct Summary<'a> {
    exports: &'a [Export],
    people: usize,
    employees: usize,
    hr_file: Option<&'a Path>,
    matches: &'a people::Matches,
    relinked: &'a [String],
    hr_only: &'a [&'a Employee],
    kept: usize,
    holdings: usize,
    tally: &'a Tally,
    titles: &'a Titles,
    alias_file: &'a Path,
    on: Date,
}

impl Summary<'_> {
    fn write(&self, out: &mut String) {
        let t = self.tally;
        for e in self.exports {
            let variant = match e.variant {
                Variant::Full => "names and e-mails",
                Variant::ReportViewer => "report viewer: AADUserId, no names",
            };
            let order = e.order.map_or(String::new(), |o| format!(", dates {}", o.name()));
            let expiry = if e.has_expiry { "" } else { ", no ExpirationDate column (expiry from the catalogue)" };
            let _ = writeln!(
                out,
                "read {}: {} rows, {}, {variant}{order}{expiry}",
                e.path.display(),
                e.records.len(),
                e.dialect.describe()
            );
        }
        let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
        for (name, n) in self.exports.iter().flat_map(|e| &e.partners) {
            *partners.entry(name).or_insert(0) += n;
        }
        if !partners.is_empty() {
            let list: Vec<&str> = partners.keys().copied().collect();
            let _ = writeln!(out, "partner: {}", list.join(", "));
        }
        let m = self.matches;
        let matched = m.by_id + m.by_email + m.by_name;
        let _ = writeln!(out, "people: {} in the export, {} in employees.csv", self.people, self.employees);
        if let Some(hr) = self.hr_file {
            let _ = writeln!(
                out,
                "  {matched} matched with {} ({} by id, {} by e-mail, {} by name); {} new with default costs",
                hr.display(),
                m.by_id,
                m.by_email,
                m.by_name,
                self.people - matched
            );
        }
        for id in self.relinked {
            let _ = writeln!(out, "  {id} was not linked in the HR data; Partner Center lists them, so now linked");
        }
        if !self.hr_only.is_empty() {
            let _ = writeln!(
                out,
                "  {} kept from the HR data though not in the export (not linked to the partner yet?), with {} holding(s) already recorded:",
                self.hr_only.len(),
                self.kept
            );
            for e in self.hr_only {
                let _ = writeln!(out, "    {} {}", e.id, e.name);
            }
        }
        if !m.ambiguous.is_empty() {
            let _ = writeln!(out, "  not merged, as the match is not unique (added under their own id; fix the HR data or add an email column):");
            for (id, why) in &m.ambiguous {
                let _ = writeln!(out, "    {id}: {why}");
            }
        }
        let _ = writeln!(
            out,
            "certifications: {} row(s) → {} holding(s); {} duplicate(s) of overlapping downloads removed; {} expired before {} (kept: renewals need the history)",
            t.certification_rows, self.holdings, t.duplicates, t.expired, self.on
        );
        if !t.other_types.is_empty() {
            let list: Vec<String> = t.other_types.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let _ = writeln!(out, "  skipped rows of other types: {}", list.join(", "));
        }
        if !t.statuses.is_empty() {
            let list: Vec<String> = t.statuses.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let _ = writeln!(out, "  imported rows whose ActivationStatus is not Active: {}", list.join(", "));
        }
        if !t.outside_catalog.is_empty() {
            let list: Vec<String> = t.outside_catalog.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            let _ = writeln!(
                out,
                "  holdings of certifications the catalogue lacks (written; they count for nothing): {}",
                list.join(", ")
            );
        }
        let lists =
            [("map to no certification", &t.unmapped, true), ("map to several certifications", &t.ambiguous, false)];
        for (what, list, suggest) in lists {
            if list.is_empty() {
                continue;
            }
            let rows: usize = list.values().map(Vec::len).sum();
            let _ = writeln!(
                out,
                "titles that {what} ({} title(s), {rows} row(s), not imported; add them to an aliases file, see `certplan data export`, and pass --aliases; aliases read: {}):",
                list.len(),
                self.alias_file.display()
            );
            let mut by_count: Vec<(&String, &Vec<String>)> = list.iter().collect();
            by_count.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
            for (title, at) in by_count.iter().take(TITLES_LISTED) {
                let hint = match suggest.then(|| self.titles.suggest(title)).flatten() {
                    Some((near, id)) => format!("; closest known title: \"{near}\" ({id})"),
                    None => String::new(),
                };
                let _ = writeln!(out, "  {:>5} × \"{title}\" (first at {}){hint}", at.len(), at[0]);
            }
            if by_count.len() > TITLES_LISTED {
                let _ = writeln!(out, "  … and {} more title(s)", by_count.len() - TITLES_LISTED);
            }
        }
    }
}
