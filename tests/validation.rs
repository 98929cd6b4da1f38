//! One bad-input test per validation code (src/io/issues.rs, E001-E022): each feeds a
//! deliberately broken file to `certplan validate SCENARIO` or `certplan score --org DIR` and
//! checks exit code 2 and an error line that names the file, the line (CSV) or key path (TOML),
//! the code, and what was expected (contract §2). Plus: every problem is reported at once, and
//! `plan` on bad input writes nothing. The helpers are shared with `robustness`.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Output;

pub(crate) const EMPLOYEES: &str = "id,name,hourly_cost,linked,leaves_on\ne1,Ann,50,true,\ne2,Bob,40,yes,\n";
pub(crate) const HOLDINGS: &str =
    "employee_id,certification,earned_on,expires_on\ne1,AZ-104,2026-06-01,\ne2,AZ-700,2026-06-01,\n";
pub(crate) const PROFILE: &str = r#"name = "Test partner"
currency = "EUR"
[tracks]
infrastructure = "smb"
[points.infrastructure]
net-customer-adds = 30
usage-growth = 20
deployments = 10
"#;
pub(crate) const SCENARIO: &str = r#"name = "test"
org = "org"
catalog = "catalog.csv"
rules = "rules.toml"
targets = ["infrastructure"]
start = "2027-Q1"
quarters = 2
"#;

/// A temporary folder holding a valid scenario (`scenario.toml`), its organisation (`org/`)
/// and copies of the bundled catalogue and rules, with `changed` files replacing the defaults.
pub(crate) fn case(changed: &[(&str, &str)]) -> tempfile::TempDir {
    let catalog = bundled_catalog();
    let rules = bundled_rules();
    let defaults = [
        ("scenario.toml", SCENARIO),
        ("org/employees.csv", EMPLOYEES),
        ("org/holdings.csv", HOLDINGS),
        ("org/profile.toml", PROFILE),
        ("catalog.csv", catalog.as_str()),
        ("rules.toml", rules.as_str()),
    ];
    let files: Vec<(&str, &str)> = defaults
        .iter()
        .map(|(name, text)| *changed.iter().find(|(n, _)| n == name).unwrap_or(&(*name, *text)))
        .collect();
    folder(&files)
}

pub(crate) fn bundled_catalog() -> String {
    std::fs::read_to_string(root().join("data/catalog.csv")).unwrap()
}

pub(crate) fn bundled_rules() -> String {
    std::fs::read_to_string(root().join("data/rules/fy27.toml")).unwrap()
}

/// The bundled catalogue with `rows` appended, and the line number of the first appended row.
pub(crate) fn catalog_plus(rows: &str) -> (String, usize) {
    let text = bundled_catalog();
    let text = if text.ends_with('\n') { text } else { format!("{text}\n") };
    let first = text.lines().count() + 1;
    (format!("{text}{rows}"), first)
}

/// `certplan validate DIR/scenario.toml`.
pub(crate) fn validate(dir: &tempfile::TempDir) -> Output {
    run(&["validate", dir.path().join("scenario.toml").to_str().unwrap()])
}

/// `certplan score --org DIR/org` with DIR's catalogue and rules.
pub(crate) fn score(dir: &tempfile::TempDir) -> Output {
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    run(&[
        "score",
        "--org",
        &p("org"),
        "--catalog",
        &p("catalog.csv"),
        "--rules",
        &p("rules.toml"),
        "--on",
        "2027-01-15",
    ])
}

/// Where a problem is: a CSV line and column, a TOML line (parser errors) or a TOML key path.
pub(crate) enum At<'a> {
    Line(usize, &'a str),
    TomlLine(usize),
    Key(&'a str),
    /// The whole file (no line or key).
    File,
}

/// Asserts exit code 2 and one error line naming `file`, the place, `code` and every word of
/// `expected`. Returns the whole error output for further checks.
pub(crate) fn reported(o: &Output, file: &Path, at: At, code: &str, expected: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit code; stderr:\n{err}");
    let file = file.display().to_string();
    let place = match at {
        At::Line(line, _) | At::TomlLine(line) => format!("{file}:{line}"),
        At::Key(_) | At::File => file.clone(),
    };
    // Several problems may share a file, line and code: pick the one at this column or key.
    let here = |l: &str| match at {
        At::Line(_, column) => l.contains(column),
        At::Key(key) => l.contains(&format!("`{key}`")),
        At::TomlLine(_) | At::File => true,
    };
    let line = err
        .lines()
        .find(|l| l.contains(&format!("{place}:")) && l.contains(code) && here(l))
        .unwrap_or_else(|| panic!("no {code} line at {place} in:\n{err}"));
    match at {
        At::Line(_, column) => assert!(line.contains(column), "column `{column}` not named: {line}"),
        At::Key(key) => assert!(line.contains(&format!("`{key}`")), "key `{key}` not named: {line}"),
        At::TomlLine(_) | At::File => {}
    }
    for word in expected {
        assert!(line.contains(word), "`{word}` not in: {line}");
    }
    err
}

pub(crate) fn path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn the_valid_case_is_accepted() {
    let dir = case(&[]);
    let o = validate(&dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
    assert!(score(&dir).status.success());
}

#[test]
fn e001_unreadable_file() {
    // A TOML syntax error: reported with its line.
    let profile = "name = \"T\"\ncurrency = \"EUR\"\n[tracks\ninfrastructure = \"smb\"\n";
    let dir = case(&[("org/profile.toml", profile)]);
    reported(&validate(&dir), &path(&dir, "org/profile.toml"), At::TomlLine(3), "E001", &["not valid TOML"]);
    // A missing file.
    let dir = case(&[]);
    std::fs::remove_file(path(&dir, "org/employees.csv")).unwrap();
    let o = score(&dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let file = path(&dir, "org/employees.csv").display().to_string();
    assert!(err.lines().any(|l| l.contains(&file) && l.contains("E001") && l.contains("cannot read")), "{err}");
}

#[test]
fn e002_missing_required_column() {
    let holdings = "employee_id,cert,earned_on\ne1,AZ-104,2026-06-01\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    reported(
        &score(&dir),
        &path(&dir, "org/holdings.csv"),
        At::Line(1, "certification"),
        "E002",
        &["missing required column `certification`"],
    );
}

#[test]
fn e003_missing_required_value() {
    let (catalog, line) = catalog_plus("ZZ-1,No fee,associate,,0,40\n");
    let dir = case(&[("catalog.csv", &catalog)]);
    reported(&validate(&dir), &path(&dir, "catalog.csv"), At::Line(line, "exam_fee"), "E003", &["a value is required"]);
}

#[test]
fn e004_not_a_number() {
    let employees = "id,hourly_cost\ne1,50\ne2,lots\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(
        &score(&dir),
        &path(&dir, "org/employees.csv"),
        At::Line(3, "hourly_cost"),
        "E004",
        &["`lots` is not a number", "money"],
    );
}

#[test]
fn e005_not_a_date() {
    let holdings = "employee_id,certification,earned_on\ne1,AZ-104,2026-06-01\ne2,AZ-700,2026-02-30\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    reported(
        &validate(&dir),
        &path(&dir, "org/holdings.csv"),
        At::Line(3, "earned_on"),
        "E005",
        &["2026-02-30", "YYYY-MM-DD"],
    );
}

#[test]
fn e006_not_a_boolean() {
    let employees = "id,linked\ne1,maybe\ne2,true\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(
        &score(&dir),
        &path(&dir, "org/employees.csv"),
        At::Line(2, "linked"),
        "E006",
        &["maybe", "true/false/yes/no/1/0"],
    );
}

#[test]
fn e007_not_a_quarter() {
    let scenario = SCENARIO.replace("start = \"2027-Q1\"", "start = \"2027-Q5\"");
    let dir = case(&[("scenario.toml", &scenario)]);
    reported(&validate(&dir), &path(&dir, "scenario.toml"), At::Key("start"), "E007", &["2027-Q5", "YYYY-Qn"]);
}

#[test]
fn e008_out_of_range() {
    // Negative money in the catalogue, and a negative profile value (§5.11), in one run.
    let (catalog, line) = catalog_plus("ZZ-1,Negative fee,associate,-5,0,40\n");
    let profile = PROFILE.replace("usage-growth = 20", "usage-growth = -3");
    let dir = case(&[("catalog.csv", &catalog), ("org/profile.toml", &profile)]);
    let o = validate(&dir);
    reported(&o, &path(&dir, "catalog.csv"), At::Line(line, "exam_fee"), "E008", &["-5", "money ≥ 0"]);
    reported(
        &o,
        &path(&dir, "org/profile.toml"),
        At::Key("points.infrastructure.usage-growth"),
        "E008",
        &["-3", "points ≥ 0"],
    );
}

#[test]
fn e009_bad_pass_rate() {
    let scenario = format!("{SCENARIO}pass_rate = 1.5\n");
    let (catalog, line) = catalog_plus("ZZ-1,Never passed,associate,100,0,40,,,,,12,2,0\n");
    let catalog = catalog.replacen("renewal_hours\n", "renewal_hours,pass_rate\n", 1);
    let dir = case(&[("scenario.toml", &scenario), ("catalog.csv", &catalog)]);
    let o = validate(&dir);
    reported(&o, &path(&dir, "scenario.toml"), At::Key("pass_rate"), "E009", &["1.5", "probability in (0, 1]"]);
    reported(&o, &path(&dir, "catalog.csv"), At::Line(line, "pass_rate"), "E009", &["probability in (0, 1]"]);
}

#[test]
fn e010_duplicate_id() {
    let employees = "id,name\ne1,Ann\ne2,Bob\ne1,Another Ann\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(
        &score(&dir),
        &path(&dir, "org/employees.csv"),
        At::Line(4, "id"),
        "E010",
        &["`e1` is listed twice (first on line 2)", "unique"],
    );
}

#[test]
fn e011_unknown_certification() {
    let employees = "id,exclude\ne1,AZ-104\ne2,AZ-104;XX-999\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(
        &validate(&dir),
        &path(&dir, "org/employees.csv"),
        At::Line(3, "exclude"),
        "E011",
        &["XX-999", "not a certification of the catalogue"],
    );
}

/// Issue 12: a holding of a certification the catalogue lacks (a retired DP-203) is a warning
/// listed once with its count and lines, and the command goes on; it counts for nothing.
#[test]
fn issue12_unknown_certifications_in_holdings_are_a_warning() {
    let holdings = "employee_id,certification,earned_on\ne1,AZ-104,2026-06-01\ne2,DP-203,2024-06-01\n\
                    e1,GH-900,2025-01-01\ne1,DP-203,2024-02-01\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    for o in [validate(&dir), score(&dir)] {
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        let warning = format!(
            "warning: {}: 3 holding row(s) name certifications the catalogue does not have; they count for no step \
             and are left out: DP-203 (2 rows: lines 3, 5), GH-900 (1 row: line 4)\n",
            path(&dir, "org/holdings.csv").display()
        );
        assert_eq!(err, warning);
    }
}

#[test]
fn e012_unknown_employee() {
    let holdings = "employee_id,certification,earned_on\nghost,AZ-104,2026-06-01\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    reported(
        &score(&dir),
        &path(&dir, "org/holdings.csv"),
        At::Line(2, "employee_id"),
        "E012",
        &["ghost", "not an employee of employees.csv"],
    );
}

#[test]
fn e013_prerequisite_cycle() {
    let (catalog, line) =
        catalog_plus("ZZ-1,Chicken,associate,100,0,40,ZZ-2,,,,12,2\nZZ-2,Egg,associate,100,0,40,,ZZ-1,,,12,2\n");
    let dir = case(&[("catalog.csv", &catalog)]);
    reported(
        &validate(&dir),
        &path(&dir, "catalog.csv"),
        At::Line(line, "requires_any/requires_all"),
        "E013",
        &["cycle", "ZZ-1 → ZZ-2 → ZZ-1", "cannot (indirectly) require itself"],
    );
}

#[test]
fn e014_unknown_designation() {
    let scenario = SCENARIO.replace("targets = [\"infrastructure\"]", "targets = [\"infrastructure\", \"nonesuch\"]");
    let dir = case(&[("scenario.toml", &scenario)]);
    reported(
        &validate(&dir),
        &path(&dir, "scenario.toml"),
        At::Key("targets[1]"),
        "E014",
        &["nonesuch", "expected one of", "security"],
    );
}

#[test]
fn e015_classified_target_without_a_track() {
    let scenario = SCENARIO.replace("targets = [\"infrastructure\"]", "targets = [\"infrastructure\", \"data-ai\"]");
    let dir = case(&[("scenario.toml", &scenario)]);
    reported(
        &validate(&dir),
        &path(&dir, "scenario.toml"),
        At::Key("targets[1]"),
        "E015",
        &["data-ai", "[tracks]", "does not name its track"],
    );
}

#[test]
fn e016_unknown_profile_metric() {
    let profile = format!("{PROFILE}customer-love = 5\n");
    let dir = case(&[("org/profile.toml", &profile)]);
    reported(
        &score(&dir),
        &path(&dir, "org/profile.toml"),
        At::Key("points.infrastructure.customer-love"),
        "E016",
        &["not a metric of infrastructure", "expected one of", "usage-growth"],
    );
}

#[test]
fn e017_step_people_not_a_positive_integer() {
    // The first step of infrastructure's intermediate metric (metrics[1]) in SMB.
    let rules = bundled_rules().replacen(
        "smb        = { people = 1, points = 4 }",
        "smb        = { people = 0, points = 4 }",
        1,
    );
    let dir = case(&[("rules.toml", &rules)]);
    reported(
        &validate(&dir),
        &path(&dir, "rules.toml"),
        At::Key("designations[0].metrics[1].steps[0].smb.people"),
        "E017",
        &["0", "whole number ≥ 1"],
    );
}

#[test]
fn e018_deadline_outside_the_horizon() {
    let scenario = format!("{SCENARIO}deadline = \"2027-Q4\"\n");
    let dir = case(&[("scenario.toml", &scenario)]);
    reported(
        &validate(&dir),
        &path(&dir, "scenario.toml"),
        At::Key("deadline"),
        "E018",
        &["2027-Q4", "outside the horizon", "from 2027-Q1 to 2027-Q2"],
    );
}

#[test]
fn e019_word_outside_its_allowed_set() {
    let scenario = format!("{SCENARIO}goal = \"win\"\n");
    let (catalog, line) = catalog_plus("ZZ-1,Guru exam,guru,100,0,40\n");
    let dir = case(&[("scenario.toml", &scenario), ("catalog.csv", &catalog)]);
    let o = validate(&dir);
    reported(
        &o,
        &path(&dir, "scenario.toml"),
        At::Key("goal"),
        "E019",
        &["win", "\"qualify\", \"max-skilling\" or \"max-points\""],
    );
    reported(&o, &path(&dir, "catalog.csv"), At::Line(line, "level"), "E019", &["guru", "fundamentals, associate"]);
}

#[test]
fn e020_expires_before_earned() {
    let holdings = "employee_id,certification,earned_on,expires_on\ne1,AZ-104,2026-06-01,2026-05-31\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    reported(
        &score(&dir),
        &path(&dir, "org/holdings.csv"),
        At::Line(2, "expires_on"),
        "E020",
        &["2026-05-31 is before earned_on 2026-06-01", "on or after"],
    );
}

#[test]
fn e021_unknown_track() {
    let profile = PROFILE.replace("infrastructure = \"smb\"", "infrastructure = \"mid-market\"");
    let dir = case(&[("org/profile.toml", &profile)]);
    reported(
        &validate(&dir),
        &path(&dir, "org/profile.toml"),
        At::Key("tracks.infrastructure"),
        "E021",
        &["mid-market", "expected one of: enterprise, smb"],
    );
}

#[test]
fn e022_wrong_toml_type() {
    let scenario = SCENARIO.replace("targets = [\"infrastructure\"]", "targets = 5");
    let dir = case(&[("scenario.toml", &scenario)]);
    reported(
        &validate(&dir),
        &path(&dir, "scenario.toml"),
        At::Key("targets"),
        "E022",
        &["found the number 5", "expected a list of strings"],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    // Four different problems in holdings.csv, plus one in each other file.
    let holdings = "employee_id,certification,earned_on,expires_on\n\
                    e1,AZ-104,2026-13-01,\n\
                    e1,XX-999,2026-06-01,\n\
                    ghost,AZ-104,2026-06-01,\n\
                    e2,AZ-700,2026-06-01,2026-01-01\n";
    let employees = "id,linked\ne1,true\ne2,perhaps\n";
    let profile = format!("{PROFILE}customer-love = 5\n");
    let scenario = format!("{SCENARIO}objective = \"speed\"\n");
    let dir = case(&[
        ("org/holdings.csv", holdings),
        ("org/employees.csv", employees),
        ("org/profile.toml", &profile),
        ("scenario.toml", &scenario),
    ]);
    let o = validate(&dir);
    let h = path(&dir, "org/holdings.csv");
    reported(&o, &h, At::Line(2, "earned_on"), "E005", &["2026-13-01"]);
    assert!(stderr(&o).contains("1 holding row(s) name certifications the catalogue does not have"), "{}", stderr(&o));
    reported(&o, &h, At::Line(4, "employee_id"), "E012", &["ghost"]);
    reported(&o, &h, At::Line(5, "expires_on"), "E020", &["2026-01-01"]);
    reported(&o, &path(&dir, "org/employees.csv"), At::Line(3, "linked"), "E006", &["perhaps"]);
    reported(&o, &path(&dir, "org/profile.toml"), At::Key("points.infrastructure.customer-love"), "E016", &[]);
    let err = reported(&o, &path(&dir, "scenario.toml"), At::Key("objective"), "E019", &["speed"]);
    assert!(err.contains("6 input problems found"), "{err}");
}

#[test]
fn plan_on_bad_input_writes_no_output_folder() {
    let holdings = "employee_id,certification,earned_on\nghost,AZ-104,2026-06-01\n";
    let dir = case(&[("org/holdings.csv", holdings)]);
    let out = dir.path().join("out");
    let o = run(&["plan", path(&dir, "scenario.toml").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    reported(&o, &path(&dir, "org/holdings.csv"), At::Line(2, "employee_id"), "E012", &["ghost"]);
    assert!(!out.exists(), "plan wrote {} despite bad input", out.display());
}

// Line numbers must be the file's physical lines, whatever its line endings (contract §2:
// errors "name the file, line and column"). Files exported on Windows use CRLF, and blank lines
// are skipped as empty rows but still count as lines.

#[test]
fn csv_line_numbers_are_physical_lines_with_crlf_endings() {
    let employees = "id,linked\r\ne1,true\r\ne3,true\r\ne2,perhaps\r\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(&score(&dir), &path(&dir, "org/employees.csv"), At::Line(4, "linked"), "E006", &["perhaps"]);
}

#[test]
fn csv_line_numbers_are_physical_lines_after_blank_lines() {
    let employees = "id,linked\ne1,true\n\n\ne2,perhaps\n";
    let dir = case(&[("org/employees.csv", employees)]);
    reported(&score(&dir), &path(&dir, "org/employees.csv"), At::Line(5, "linked"), "E006", &["perhaps"]);
}
