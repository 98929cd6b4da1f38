//! Hardening (issue 11, input side): every bad or extreme input gets a clear answer with exit
//! code 2, in bounded time, and writes nothing. One test (or a few) per defect; each failed
//! before its fix.

use crate::util::*;
use crate::validation::{case, catalog_plus, path, reported, score, validate, At, SCENARIO};
use std::path::Path;
use std::process::Output;

/// The bundled main scenario, by absolute path.
fn main_scenario() -> String {
    root().join("scenarios/infrastructure-2027.toml").to_str().unwrap().to_string()
}

/// Asserts a usage or input error: exit code 2, no panic, and every `wanted` text on stderr.
fn assert_rejected(o: &Output, wanted: &[&str], case: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{case}: expected exit code 2; stderr: {err}");
    assert!(!err.contains("panicked"), "{case}: panicked: {err}");
    for w in wanted {
        assert!(err.contains(w), "{case}: stderr lacks `{w}`: {err}");
    }
}

/// Whether `dir` holds no files at all (nothing written on bad input).
fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true)
}

// ---- 1. --time-limit ----

/// NaN, infinities, zero, negative and absurd limits are usage errors before anything is
/// solved (1e20 used to panic converting to a Duration; NaN, 0 and negatives used to "solve"
/// and report a gap).
#[test]
fn time_limit_outside_its_range_is_a_usage_error() {
    let scenario = main_scenario();
    for bad in ["NaN", "inf", "-inf", "0", "-5", "1e20", "86401", "soon"] {
        let dir = tempfile::tempdir().unwrap();
        for command in ["plan", "compare"] {
            let o = run_in(dir.path(), &[command, &scenario, "--out", "out", &format!("--time-limit={bad}")]);
            assert_rejected(&o, &["--time-limit", bad], &format!("{command} --time-limit {bad}"));
            assert!(!dir.path().join("out").exists(), "{command} --time-limit {bad} wrote output");
        }
    }
}

/// The cap itself and small fractions are accepted.
#[test]
fn time_limit_inside_its_range_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    for good in ["86400", "0.5"] {
        let o = run_in(dir.path(), &["plan", &main_scenario(), "--out", good, "--time-limit", good]);
        assert!(o.status.success(), "--time-limit {good}: {}", stderr(&o));
    }
}

/// A library caller's absurd limits are clamped by the solver, never a panic: NaN and
/// negative limits stop at once (with the single units' plan or a time-limit error), huge
/// ones are one day.
#[test]
fn the_solver_clamps_absurd_time_limits() {
    use certplan::solver::{self, SolveOptions};
    let (scenario, inputs) = certplan::io::load_scenario(
        Path::new(&main_scenario()),
        &certplan::io::InputPaths::default(),
        certplan::model::Date::parse("2026-11-26").unwrap(),
    )
    .unwrap();
    for limit in [f64::NAN, -1.0, 1e20, f64::INFINITY] {
        let answer = std::panic::catch_unwind(|| solver::solve(&inputs, &scenario, SolveOptions::limit(limit)));
        assert!(answer.is_ok(), "--time-limit {limit} panicked");
    }
    let huge = solver::solve(&inputs, &scenario, SolveOptions::limit(1e20)).expect("solves");
    assert_eq!(huge.status, solver::Status::Optimal);
}

// ---- 7. smaller argument checks ----

/// `--threads 10000` used to fail with an OS error or spend a minute starting threads.
#[test]
fn threads_beyond_the_cap_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["compare", &main_scenario(), "--out", "out", "--threads", "10000"]);
    assert_rejected(&o, &["--threads", "from 0 (all cores) to 256"], "--threads 10000");
    assert!(is_empty_dir(dir.path()), "wrote output");
}

/// An `--out` that names an existing file used to fail after solving, with exit code 1.
#[test]
fn out_naming_an_existing_file_is_a_usage_error() {
    let dir = folder(&[("taken", "not a folder\n")]);
    for command in ["plan", "compare"] {
        let o = run_in(dir.path(), &[command, &main_scenario(), "--out", "taken"]);
        assert_rejected(&o, &["`taken` is an existing file"], command);
        assert_eq!(std::fs::read_to_string(dir.path().join("taken")).unwrap(), "not a folder\n");
    }
    let o = run_in(dir.path(), &["generate", "--people", "3", "--out", "taken"]);
    assert_rejected(&o, &["`taken` is an existing file"], "generate");
}

// ---- 2. CSV reading is linear ----

/// 100 000 people, with CRLF endings and blank lines mixed in, validate (this took a minute
/// when every row's line was recounted from byte 0; now a fraction of a second: see the unit
/// test `csvfile::tests::line_numbers_look_at_each_byte_once` for the linearity itself), and
/// problems near the start, the middle and the end are reported on their physical lines.
#[test]
fn a_100k_row_employees_file_validates_with_exact_line_numbers() {
    let rows = 100_000;
    let mut text = String::from("id,name,hourly_cost,linked\r\n");
    let mut line = 1;
    let mut bad = Vec::new();
    for i in 1..=rows {
        if i % 25_000 == 0 {
            text.push_str("\n\r\n"); // two blank lines
            line += 2;
        }
        line += 1;
        let linked = if [2, rows / 2, rows - 1].contains(&i) {
            bad.push(line);
            "perhaps"
        } else {
            "true"
        };
        let end = if i % 2 == 0 { "\r\n" } else { "\n" };
        text.push_str(&format!("e{i},Person {i},{},{linked}{end}", 30 + i % 50));
    }
    let dir = case(&[("org/employees.csv", &text)]);
    let o = score(&dir);
    for line in bad {
        reported(&o, &path(&dir, "org/employees.csv"), At::Line(line, "linked"), "E006", &["perhaps"]);
    }
    assert!(stderr(&o).contains("3 input problems found"), "{}", stderr(&o));
}

/// More data rows than the documented cap is E024 (checked before any row is interpreted, so
/// the million one-character rows here are cheap).
#[test]
fn a_csv_file_beyond_the_row_cap_is_refused() {
    let mut text = String::from("id\n");
    text.push_str(&"x\n".repeat(1_000_001));
    let dir = case(&[("org/employees.csv", &text)]);
    reported(&score(&dir), &path(&dir, "org/employees.csv"), At::Line(1_000_002, ""), "E024", &["more than 1000000"]);
}

// ---- 3. an unterminated quote ----

/// `"Zoë,12` without its closing quote used to swallow the following rows (a person vanished,
/// exit 0). Now the line where the quote opens is an error, and the rows after it are still
/// read: their own problems are reported too and the holdings still find their people.
#[test]
fn an_unterminated_quote_is_an_error_on_its_line_and_loses_no_rows() {
    let employees = "id,name,hourly_cost\ne1,\"Zoë,12\ne2,Bob,40\ne3,Cas,lots\n";
    let holdings = "employee_id,certification,earned_on\ne2,AZ-104,2026-06-01\ne3,AZ-700,2026-06-01\n";
    let dir = case(&[("org/employees.csv", employees), ("org/holdings.csv", holdings)]);
    let o = validate(&dir);
    let file = path(&dir, "org/employees.csv");
    reported(
        &o,
        &file,
        At::Line(2, ""),
        "E001",
        &["quote that opens a cell at character 4 is not closed on this line"],
    );
    reported(&o, &file, At::Line(4, "hourly_cost"), "E004", &["lots"]);
    let err = stderr(&o);
    assert!(!err.contains("E012"), "e2 and e3 must still exist: {err}");
    assert!(err.contains("2 input problems found"), "{err}");
}

/// A cell that does close its quote, but on a later line, is refused as well: no cell of these
/// files may hold a line break (README, "Input files"). The quote at the end of a line, and
/// quotes inside an unquoted cell, are ordinary characters and not a problem.
#[test]
fn a_quoted_cell_across_lines_is_an_error_and_ordinary_quotes_are_not() {
    let (catalog, first) = catalog_plus("XX-1,\"Two\nlines\",100,10\n");
    let dir = case(&[("catalog.csv", &catalog)]);
    let o = validate(&dir);
    reported(&o, &path(&dir, "catalog.csv"), At::Line(first, ""), "E001", &["not closed on this line"]);
    let employees = "id,name,hourly_cost\ne1,\"Jansen, \"\"Jan\"\"\",50\ne2,5\" Bob \"x\",40\ne3,Cas\r\n";
    let dir = case(&[("org/employees.csv", employees)]);
    let o = validate(&dir);
    assert!(o.status.success(), "{}", stderr(&o));
}

// ---- 6. encodings ----

/// UTF-16 (either byte order) and Latin-1 files used to get "not valid UTF-8" and nothing
/// else; now the message says what the file is, where (for Latin-1) and how to save it.
#[test]
fn utf16_and_latin1_files_get_advice_on_saving_as_utf8() {
    let utf16 = |big_endian: bool, text: &str| -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    };
    for (name, big_endian) in [("org/employees.csv", false), ("org/profile.toml", true)] {
        let dir = case(&[]);
        let original = std::fs::read_to_string(path(&dir, name)).unwrap();
        std::fs::write(path(&dir, name), utf16(big_endian, &original)).unwrap();
        let mark = if big_endian { "FE FF" } else { "FF FE" };
        let o = validate(&dir);
        let err = reported(&o, &path(&dir, name), At::File, "E001", &["UTF-16", mark, "save it as UTF-8"]);
        assert!(err.contains("CSV UTF-8"), "{err}");
    }
    let dir = case(&[]);
    std::fs::write(path(&dir, "org/employees.csv"), b"id,name\ne1,Ann\ne2,Zo\xEB\n").unwrap();
    let o = validate(&dir);
    reported(
        &o,
        &path(&dir, "org/employees.csv"),
        At::File,
        "E001",
        &["not valid UTF-8: line 3, byte 6 is 0xEB, which is `ë` in Latin-1", "save it as UTF-8"],
    );
}

// ---- 5. out-of-range numbers ----

/// `1e308` and friends used to reach the optimiser ("not enough study hours", a solver failure
/// with exit 1, or silently accepted); now every such value is E008 naming its limit.
#[test]
fn absurd_numbers_are_out_of_range_with_their_limit() {
    let employees = "id,hourly_cost,hours_per_quarter\ne1,1e308,40\ne2,40,5000\n";
    let (catalog, first) = catalog_plus(
        "XX-1,Big,other,1e308,0,10,,,,,12,2\n\
         XX-2,Pricey,other,100,2e6,10,,,,,12,2\n\
         XX-3,Long,other,100,0,1e7,,,,,12,2\n\
         XX-4,Lasting,other,100,0,10,,,,,5000,2\n\
         XX-5,Renewing,other,100,0,10,,,,,12,1e5\n",
    );
    let scenario = format!("{SCENARIO}budget = 1e308\nhours_per_quarter = 1e9\nmax_exams_per_quarter = 1000\n");
    let scenario = scenario.replace("quarters = 2", "quarters = 1000");
    let dir = case(&[("org/employees.csv", employees), ("catalog.csv", &catalog), ("scenario.toml", &scenario)]);
    let o = validate(&dir);
    let e = path(&dir, "org/employees.csv");
    reported(&o, &e, At::Line(2, "hourly_cost"), "E008", &["above 10000, the limit"]);
    reported(&o, &e, At::Line(3, "hours_per_quarter"), "E008", &["above 2208"]);
    let c = path(&dir, "catalog.csv");
    reported(&o, &c, At::Line(first, "exam_fee"), "E008", &["above 1000000, the limit"]);
    reported(&o, &c, At::Line(first + 1, "training_fee"), "E008", &["above 1000000"]);
    reported(&o, &c, At::Line(first + 2, "study_hours"), "E008", &["above 10000"]);
    reported(&o, &c, At::Line(first + 3, "valid_months"), "E008", &["above 1200"]);
    reported(&o, &c, At::Line(first + 4, "renewal_hours"), "E008", &["above 10000"]);
    let s = path(&dir, "scenario.toml");
    reported(&o, &s, At::Key("budget"), "E008", &["above 1000000000, the limit"]);
    reported(&o, &s, At::Key("hours_per_quarter"), "E008", &["above 2208"]);
    reported(&o, &s, At::Key("max_exams_per_quarter"), "E008", &["above 92"]);
    reported(&o, &s, At::Key("quarters"), "E008", &["above 40"]);
}

/// Points in the rules and the profile are bounded too.
#[test]
fn absurd_points_are_out_of_range() {
    let rules = crate::validation::bundled_rules().replacen("max_points = 30", "max_points = 1e300", 1);
    let profile = crate::validation::PROFILE.replace("usage-growth = 20", "usage-growth = 1e12");
    let dir = case(&[("rules.toml", &rules), ("org/profile.toml", &profile)]);
    let o = validate(&dir);
    reported(
        &o,
        &path(&dir, "rules.toml"),
        At::Key("designations[0].metrics[0].max_points"),
        "E008",
        &["above 10000, the limit"],
    );
    reported(
        &o,
        &path(&dir, "org/profile.toml"),
        At::Key("points.infrastructure.usage-growth"),
        "E008",
        &["above 10000"],
    );
}

// ---- 7. years ----

/// `+027-01-01` used to be read as the year 27, `9999-Q3` wrote quarter `10000-Q1`, and
/// `0001-Q1` was accepted: years are four digits from 2000 to 2100.
#[test]
fn dates_and_quarters_outside_2000_to_2100_or_with_a_sign_are_refused() {
    let employees = "id,leaves_on\ne1,+027-01-01\ne2,1999-12-31\ne3,2101-01-01\ne4,2100-12-31\n";
    for start in ["9999-Q3", "0001-Q1", "+027-Q1"] {
        let scenario = SCENARIO.replace("start = \"2027-Q1\"", &format!("start = \"{start}\""));
        let dir = case(&[("org/employees.csv", employees), ("scenario.toml", &scenario)]);
        let o = validate(&dir);
        let e = path(&dir, "org/employees.csv");
        for (line, text) in [(2, "+027-01-01"), (3, "1999-12-31"), (4, "2101-01-01")] {
            reported(&o, &e, At::Line(line, "leaves_on"), "E005", &[text, "with a year from 2000 to 2100"]);
        }
        reported(&o, &path(&dir, "scenario.toml"), At::Key("start"), "E007", &[start, "from 2000 to 2100"]);
        assert!(stderr(&o).contains("4 input problems found"), "{start}: {}", stderr(&o));
    }
}

// ---- 4. typos and empty lists in TOML files ----

/// Unknown keys used to be ignored (`budegt = 5000` planned without a budget). Each is now
/// E023 at its key path, with the closest known key when one is close.
#[test]
fn unknown_toml_keys_are_errors_with_a_suggestion() {
    let scenario = format!("{SCENARIO}budegt = 5000\nObjective = \"hours\"\ncolour = \"red\"\n");
    let rules = crate::validation::bundled_rules()
        .replacen("qualifying_score", "qualifying_scor", 1)
        .replacen("track_rule = \"classified\"", "track_rules = \"classified\"", 1)
        .replacen("max_points = 30", "max_point = 30", 1)
        .replacen("smb        = { people = 1, points = 4 }", "smb        = { people = 1, point = 4 }", 1)
        .replacen(
            "certifications = [\"AZ-104\"]",
            "certifications = [\"AZ-104\"]\nsbm = { people = 1, points = 4 }",
            1,
        );
    let profile = crate::validation::PROFILE.replace("currency", "curency");
    let dir = case(&[("scenario.toml", &scenario), ("rules.toml", &rules), ("org/profile.toml", &profile)]);
    let o = validate(&dir);
    let s = path(&dir, "scenario.toml");
    reported(&o, &s, At::Key("budegt"), "E023", &["not a key of this file; did you mean `budget`?"]);
    reported(&o, &s, At::Key("Objective"), "E023", &["did you mean `objective`?"]);
    reported(&o, &s, At::Key("colour"), "E023", &["expected one of: name, description, org"]);
    let r = path(&dir, "rules.toml");
    reported(&o, &r, At::Key("qualifying_scor"), "E023", &["did you mean `qualifying_score`?"]);
    reported(&o, &r, At::Key("designations[0].track_rules"), "E023", &["did you mean `track_rule`?"]);
    reported(&o, &r, At::Key("designations[0].metrics[0].max_point"), "E023", &["did you mean `max_points`?"]);
    let step = "designations[0].metrics[1].steps[0]";
    reported(&o, &r, At::Key(&format!("{step}.smb.point")), "E023", &["did you mean `points`?"]);
    reported(&o, &r, At::Key(&format!("{step}.sbm")), "E021", &["did you mean `smb`?"]);
    reported(&o, &path(&dir, "org/profile.toml"), At::Key("curency"), "E023", &["did you mean `currency`?"]);
}

/// Empty lists where a list is required used to be accepted (an empty sweep axis was dropped,
/// a step without certifications could never be filled), as were empty and repeated track
/// names; a sweep's typo gets a suggestion and a sweep too large to build is refused.
#[test]
fn empty_lists_repeated_tracks_and_huge_sweeps_are_errors() {
    let scenario = format!("{SCENARIO}[sweep]\nbudget = []\nbufer = [1]\n");
    let rules = crate::validation::bundled_rules()
        .replacen("certifications = [\"AZ-104\"]", "certifications = []", 1)
        .replacen("tracks = [\"enterprise\", \"smb\"]", "tracks = [\"enterprise\", \"smb\", \"smb\", \"\"]", 1);
    let dir = case(&[("scenario.toml", &scenario), ("rules.toml", &rules)]);
    let o = validate(&dir);
    let s = path(&dir, "scenario.toml");
    reported(&o, &s, At::Key("sweep.budget"), "E003", &["empty list; expected at least one value"]);
    reported(&o, &s, At::Key("sweep.bufer"), "E019", &["cannot be swept", "did you mean `buffer`?"]);
    let r = path(&dir, "rules.toml");
    reported(&o, &r, At::Key("designations[0].metrics[1].steps[0].certifications"), "E003", &["empty list"]);
    reported(&o, &r, At::Key("designations[0].tracks[2]"), "E010", &["track `smb` is listed twice"]);
    reported(&o, &r, At::Key("designations[0].tracks[3]"), "E003", &["empty track name"]);

    let values = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    let huge = format!("{SCENARIO}[sweep]\nbudget = [{}]\nbuffer = [{}]\n", values(200), values(200));
    let dir = case(&[("scenario.toml", &huge)]);
    let o = validate(&dir);
    reported(&o, &path(&dir, "scenario.toml"), At::Key("sweep"), "E024", &["40000 scenarios (200 × 200)", "1000"]);
}

/// `generate` used to stop at its first bad argument; now every one is reported at once.
#[test]
fn generate_reports_every_bad_argument_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "generate",
        "--people",
        "5",
        "--out",
        "gen",
        "--today",
        "2026-02-30",
        "--start",
        "+027-Q1",
        "--targets",
        "infrastructure,azure,infrastructure,all",
    ];
    let o = run_in(dir.path(), &args);
    assert_rejected(
        &o,
        &[
            "--today `2026-02-30` is not a date",
            "--start `+027-Q1` is not a quarter",
            "--targets: `azure` is not a designation",
            "--targets: `infrastructure` is named twice",
            "--targets: `all` cannot be combined",
        ],
        "generate",
    );
    assert!(!dir.path().join("gen").exists(), "wrote files");
}

// ---- 12. today is the local date ----

/// `generate`'s "today" without `--today` or `CERTPLAN_TODAY`, run in the time zone `tz`.
fn generated_today(tz: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_certplan"))
        .args(["generate", "--people", "1", "--out", "g"])
        .current_dir(dir.path())
        .env_remove("CERTPLAN_TODAY")
        .env("TZ", tz)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let at = text.find("today ").expect("generate names its today") + "today ".len();
    text[at..at + 10].to_string()
}

/// "Today" is the date in the local time zone, not UTC's: UTC+14 and UTC−12 are 26 hours
/// apart, so their dates differ at every moment, and each must be the zone's own date (read
/// before and after the run, in case midnight passes). Europe/Amsterdam is the advisors' zone.
#[test]
fn today_is_the_local_date_in_the_time_zone_of_the_machine() {
    use jiff::tz::TimeZone;
    let zones = [
        ("<+14>-14", TimeZone::fixed(jiff::tz::offset(14))),
        ("<-12>+12", TimeZone::fixed(jiff::tz::offset(-12))),
        ("Europe/Amsterdam", TimeZone::get("Europe/Amsterdam").unwrap()),
    ];
    let mut seen = Vec::new();
    for (tz, zone) in zones {
        let local = || jiff::Timestamp::now().to_zoned_datetime(zone.clone()).date().to_string();
        let before = local();
        let got = generated_today(tz);
        assert!(got == before || got == local(), "TZ={tz}: today {got}, the zone's date {before}");
        seen.push(got);
    }
    assert_ne!(seen[0], seen[1], "UTC+14 and UTC-12 gave the same date");
}

// ---- 9. check reads the tool's own plans back ----

/// Employee ids that look like formulas are written `'=e03` in plan.csv (contract §4);
/// `check` must read them back as `=e03` and pass the tool's own optimal plan (exit 0),
/// while a plan breaking a rule is exit 3.
#[test]
fn check_reads_back_formula_looking_ids_the_tool_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    std::fs::create_dir(&org).unwrap();
    let example = root().join("data/example");
    std::fs::copy(example.join("profile.toml"), org.join("profile.toml")).unwrap();
    // Every employee id gets a leading `=`: the first column of both files.
    for file in ["employees.csv", "holdings.csv"] {
        let text = std::fs::read_to_string(example.join(file)).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines.filter(|l| !l.is_empty()) {
            out.push_str(&format!("={line}\n"));
        }
        std::fs::write(org.join(file), out).unwrap();
    }
    let scenario = main_scenario();
    let o = run_in(dir.path(), &["plan", &scenario, "--org", "org", "--out", "p"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = std::fs::read_to_string(dir.path().join("p/plan.csv")).unwrap();
    assert!(plan.contains(",'=e"), "ids are neutralised in plan.csv: {plan}");
    let o = run_in(dir.path(), &["check", &scenario, "p/plan.csv", "--org", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("rules broken: none"), "{}", stderr(&o));
    let twice = format!("{plan}{}", plan.lines().nth(1).unwrap());
    std::fs::write(dir.path().join("twice.csv"), twice).unwrap();
    let o = run_in(dir.path(), &["check", &scenario, "twice.csv", "--org", "org"]);
    assert_eq!(o.status.code(), Some(3), "an action planned twice breaks a rule: {}", stderr(&o));
}

// ---- 10. error floods ----

/// A catalogue or rules file that cannot be read is reported once, without the follow-on
/// "unknown certification" or "unknown designation" errors of every line that refers to it
/// (a missing catalogue gave 115 errors).
#[test]
fn an_unreadable_catalogue_or_rules_file_is_one_error_not_a_flood() {
    let scenario = main_scenario();
    for (flag, file) in [("--catalog", "missing.csv"), ("--rules", "missing.toml")] {
        let dir = tempfile::tempdir().unwrap();
        let o = run_in(dir.path(), &["validate", &scenario, flag, file]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains("1 input problem found"), "{flag}: {err}");
        assert!(err.contains(&format!("{file}: E001")), "{flag}: {err}");
    }
}

// ---- 7. scenario names are folder names ----

/// Every file and folder under `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            found.push(p.strip_prefix(dir).unwrap().display().to_string());
            if p.is_dir() {
                todo.push(p);
            }
        }
    }
    found.sort();
    found
}

/// A scenario `name` used to become a folder name as given, so `../../x` or an absolute name
/// wrote outside `--out` (in `plan` and `compare`) and a line break split its CSV cells. Now
/// such a name is an input error (E025) on key `name`, and nothing is written anywhere.
#[test]
fn scenario_names_that_are_not_folder_names_are_refused_and_nothing_is_written() {
    let outside = tempfile::tempdir().unwrap();
    let absolute = outside.path().join("abs").display().to_string().replace('\\', "/");
    let bad = ["../../x", absolute.as_str(), "a/b", "a\\\\b", "..", "a\\nb", "c:x", "summary.csv", "Report.HTML"];
    for name in bad {
        let scenario = SCENARIO.replace("name = \"test\"", &format!("name = \"{name}\""));
        let dir = case(&[("scenario.toml", &scenario)]);
        std::fs::create_dir_all(dir.path().join("work/deep")).unwrap();
        let before = tree(dir.path());
        reported(&validate(&dir), &path(&dir, "scenario.toml"), At::Key("name"), "E025", &["folder name"]);
        let s = path(&dir, "scenario.toml").display().to_string();
        let cwd = dir.path().join("work/deep");
        for args in [vec!["plan", &s], vec!["compare", &s, "--out", "o"], vec!["designations", &s, "--out", "t.csv"]] {
            let o = run_in(&cwd, &args);
            assert_rejected(&o, &["E025", "key `name`"], &format!("{args:?} with name {name}"));
        }
        assert_eq!(tree(dir.path()), before, "name {name}: something was written");
        assert!(is_empty_dir(outside.path()), "name {name}: wrote outside");
    }
}

// ---- 8. a scenario's outputs are one unit ----

/// `compare` used to leave files of earlier runs beside the ones it wrote (here a
/// `summary.csv` from a `plan` into the same folder, which then contradicted the new
/// `plan.csv`); now it replaces the scenario's folder as a whole, leaving no temporaries.
#[test]
fn compare_replaces_a_scenarios_folder_without_stale_files_or_temporaries() {
    let dir = case(&[]);
    let s = path(&dir, "scenario.toml").display().to_string();
    std::fs::create_dir_all(dir.path().join("o/test")).unwrap();
    std::fs::write(dir.path().join("o/test/summary.csv"), "stale\n").unwrap();
    std::fs::write(dir.path().join("o/test/plan.csv"), "stale\n").unwrap();
    let o = run_in(dir.path(), &["compare", &s, "--out", "o"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        tree(&dir.path().join("o")),
        [
            "comparison.xlsx",
            "report.html",
            "summary.csv",
            "test",
            "test/plan.csv",
            "test/plan.xlsx",
            "test/report.html"
        ]
    );
    assert!(std::fs::read_to_string(dir.path().join("o/test/plan.csv")).unwrap().starts_with("scenario,rank"));
}

/// `plan` into a folder of its own replaces it as a whole; into a folder that also holds the
/// user's files it never moves or deletes them, and still leaves no stale output or temporary.
#[test]
fn plan_writes_its_folder_as_a_unit_and_keeps_the_users_files() {
    let dir = case(&[]);
    let s = path(&dir, "scenario.toml").display().to_string();
    std::fs::create_dir_all(dir.path().join("own")).unwrap();
    std::fs::write(dir.path().join("own/summary.csv"), "old\n").unwrap();
    for _ in 0..2 {
        let o = run_in(dir.path(), &["plan", &s, "--out", "own"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(tree(&dir.path().join("own")), ["plan.csv", "plan.xlsx", "report.html", "summary.csv"]);
    let o = run_in(dir.path(), &["plan", &s, "--out", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entries = tree(dir.path());
    assert!(entries.iter().all(|e| !e.ends_with(".tmp") && !e.ends_with(".old")), "temporaries left: {entries:?}");
    assert!(dir.path().join("scenario.toml").exists() && dir.path().join("org/employees.csv").exists());
    assert!(std::fs::read_to_string(dir.path().join("summary.csv")).unwrap().starts_with("scenario,status"));
}

/// `compare` with every scenario bad used to overwrite `summary.csv` with error rows; exit
/// code 2 now writes nothing at all.
#[test]
fn compare_with_every_scenario_bad_writes_nothing() {
    let dir = case(&[("scenario.toml", "targets = [\"infrastructure\"]\nbudegt = 1\n")]);
    std::fs::create_dir_all(dir.path().join("o")).unwrap();
    std::fs::write(dir.path().join("o/summary.csv"), "earlier\n").unwrap();
    let s = path(&dir, "scenario.toml").display().to_string();
    let o = run_in(dir.path(), &["compare", &s, &s, "--out", "o"]);
    assert_rejected(&o, &["E023"], "compare of bad scenarios");
    assert_eq!(tree(&dir.path().join("o")), ["summary.csv"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("o/summary.csv")).unwrap(), "earlier\n");
}
