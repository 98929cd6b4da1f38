//! `certplan generate`: generated organisations and scenarios, written as the contract's files,
//! read back unchanged by the loaders `plan` uses; and the command end to end.

use crate::util::*;
use certplan::generate::{self, OrgSpec};
use certplan::io::{self, write_inputs, InputPaths};
use certplan::model::Inputs;
use certplan::model::{Date, Goal, Objective, Organisation, Quarter, Scenario};
use certplan::solver::{self, SolveOptions};
use std::collections::BTreeMap;

/// The day `run_in` pins as today.
fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// Writes `inputs` and `scenario` as `certplan generate` does (the bundled catalogue and rules,
/// which the scenario names by leaving them out) into a new folder, and loads them back as
/// `certplan plan` does.
fn round_trip(inputs: &Inputs, scenario: &Scenario) -> (Scenario, Inputs) {
    let defaults = InputPaths::default();
    let dir = tempfile::tempdir().unwrap();
    let (catalog, rules) = (defaults.catalog_file().display().to_string(), defaults.rules_file().display().to_string());
    write_inputs::write_folder(dir.path(), scenario, inputs, Some(&catalog), &rules).unwrap();
    io::load_scenario(&dir.path().join("scenario.toml"), &InputPaths::default(), today())
        .unwrap_or_else(|e| panic!("the written files do not load: {e}"))
}

/// Every field of the organisation, compared exactly (numbers bit for bit).
fn assert_same_org(want: &Organisation, got: &Organisation) {
    assert_eq!(got.employees.len(), want.employees.len(), "employees");
    for (w, g) in want.employees.iter().zip(&got.employees) {
        let fields =
            |e: &certplan::model::Employee| (e.id.clone(), e.name.clone(), e.linked, e.leaves_on, e.exclude.clone());
        let numbers = |e: &certplan::model::Employee| (e.hourly_cost.to_bits(), e.hours_per_quarter.map(f64::to_bits));
        assert_eq!(fields(g), fields(w));
        assert_eq!(numbers(g), numbers(w), "hourly_cost, hours_per_quarter of {}", w.id);
    }
    assert_eq!(got.holdings.len(), want.holdings.len(), "holdings");
    for (i, (w, g)) in want.holdings.iter().zip(&got.holdings).enumerate() {
        assert_eq!(
            (g.employee, g.cert, g.earned_on, g.expires_on),
            (w.employee, w.cert, w.earned_on, w.expires_on),
            "holding {i}"
        );
    }
    let (w, g) = (&want.profile, &got.profile);
    assert_eq!((&g.name, &g.currency, &g.tracks), (&w.name, &w.currency, &w.tracks));
    let points = |p: &certplan::model::Profile| {
        p.points
            .iter()
            .map(|(d, dp)| {
                let bits = |m: &std::collections::HashMap<String, f64>| {
                    m.iter().map(|(k, v)| (k.clone(), v.to_bits())).collect::<BTreeMap<_, _>>()
                };
                let per_track: BTreeMap<_, _> = dp.per_track.iter().map(|(t, m)| (t.clone(), bits(m))).collect();
                (d.clone(), (bits(&dp.flat), per_track))
            })
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(points(g), points(w), "profile points");
}

/// Every field of the scenario.
fn assert_same_scenario(want: &Scenario, got: &Scenario) {
    let what = |s: &Scenario| {
        (s.name.clone(), s.description.clone(), s.targets.clone(), s.goal, s.objective, s.min_skilling.clone())
    };
    let when = |s: &Scenario| (s.start, s.quarters, s.deadline, s.buffer);
    let limits =
        |s: &Scenario| (s.budget, s.hours_per_quarter, s.max_exams_per_quarter, s.pass_rate, s.count_time_cost);
    assert_eq!(what(got), what(want));
    assert_eq!(when(got), when(want));
    assert_eq!(limits(got), limits(want));
}

#[test]
fn generated_files_read_back_as_the_generated_organisation_and_scenario() {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let all: Vec<&str> = base.rules.designations.iter().map(|d| d.id.as_str()).collect();
    let cases: [(usize, u64, &[&str], &str, u32); 5] = [
        (0, 1, &["infrastructure"], "2027-Q1", 4),
        (1, 2, &["security"], "2026-Q4", 1),
        (25, 3, &["infrastructure", "security"], "2027-Q1", 4),
        (120, 4, &all, "2026-Q4", 8),
        (300, 5, &["data-ai", "digital-app-innovation"], "2027-Q2", 4),
    ];
    let mut with_plan = 0;
    for (people, seed, targets, start, quarters) in cases {
        let case = format!("{people} people, seed {seed}");
        let org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people, seed, today: today() });
        let inputs = Inputs { org, ..base.clone() };
        let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        let scenario = generate::scenario(&targets, Quarter::parse(start).unwrap(), quarters);
        let (loaded_scenario, loaded) = round_trip(&inputs, &scenario);
        assert_same_org(&inputs.org, &loaded.org);
        assert_same_scenario(&scenario, &loaded_scenario);

        let solve = |i: &Inputs, s: &Scenario| solver::solve(i, s, SolveOptions::default()).expect(&case);
        let (want, got) = (solve(&inputs, &scenario), solve(&loaded, &loaded_scenario));
        assert_eq!(got.status, want.status, "{case}");
        assert_eq!(got.objective, want.objective, "{case}");
        assert_eq!(got.plan, want.plan, "{case}");
        with_plan += usize::from(want.objective.is_some());
    }
    assert!(with_plan >= 2, "only {with_plan} cases have a plan: the objective comparison proves little");
}

/// The generator writes no exclusions, no per-track points and a fixed scenario; what a person
/// might edit into the files must survive the round trip too.
#[test]
fn values_the_generator_never_writes_read_back_unchanged() {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let cert = |id: &str| base.catalog.index_of(id).unwrap();
    let date = |s: &str| Date::parse(s).unwrap();
    let mut org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people: 12, seed: 9, today: today() });
    let e = &mut org.employees[0];
    e.name = "Jansen, \"Jan\" van der Berg-Ørsted".into();
    e.hourly_cost = 0.1 + 0.2;
    e.hours_per_quarter = Some(12.5);
    e.linked = false;
    e.leaves_on = Some(date("2027-02-28"));
    e.exclude = vec![cert("AZ-104"), cert("AZ-305")];
    org.holdings.push(certplan::model::Holding {
        employee: 1,
        cert: cert("AZ-900"),
        earned_on: None,
        expires_on: None,
    });
    let expires_on = Some(date("2027-05-01"));
    org.holdings.push(certplan::model::Holding { employee: 2, cert: cert("AZ-104"), earned_on: None, expires_on });
    let earned_on = Some(date("2026-01-15"));
    org.holdings.push(certplan::model::Holding { employee: 2, cert: cert("AZ-305"), earned_on, expires_on });
    let security = org.profile.points.get_mut("security").unwrap();
    security.per_track.insert("smb".into(), [("usage-growth".to_string(), 17.25)].into_iter().collect());
    security.per_track.insert("enterprise".into(), [("deployments".to_string(), 1.0 / 3.0)].into_iter().collect());
    org.profile.name = "Polder \"Cloud\" BV\tUtrecht".into();
    let mut scenario =
        generate::scenario(&["infrastructure".into(), "security".into()], Quarter::parse("2027-Q2").unwrap(), 3);
    scenario.goal = Goal::MaxPoints;
    scenario.objective = Objective::Hours;
    scenario.min_skilling.insert("security".into(), 12.5);
    scenario.budget = Some(12_345.67);
    scenario.deadline = Quarter::parse("2027-Q3").unwrap();
    scenario.hours_per_quarter = 37.5;
    scenario.max_exams_per_quarter = 3;
    scenario.pass_rate = 0.85;
    scenario.count_time_cost = false;
    scenario.buffer = 1;
    scenario.description = "Edited by hand: \"quotes\", commas, ümlauts\nand a second line".into();

    let inputs = Inputs { org, ..base.clone() };
    let (loaded_scenario, loaded) = round_trip(&inputs, &scenario);
    assert_same_org(&inputs.org, &loaded.org);
    assert_same_scenario(&scenario, &loaded_scenario);
}

/// The one documented change on the way back: a cell a spreadsheet would run as a formula is
/// written with a leading `'` (contract §4) and read back with it.
#[test]
fn formula_like_names_are_neutralised() {
    let base = io::bundled_inputs().expect("the bundled inputs load");
    let mut org = generate::organisation(&base.catalog, &base.rules, &OrgSpec { people: 2, seed: 1, today: today() });
    org.employees[0].name = "=HYPERLINK(\"http://x\")".into();
    let text = String::from_utf8(write_inputs::employees_csv(&org, &base.catalog)).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
}

#[test]
fn generate_writes_a_folder_that_plan_solves() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["generate", "--people", "30", "--seed", "3", "--targets", "infrastructure,security", "--out", "gen"];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("org: gen/org\nscenario: gen/scenario.toml\n"), "{text}");
    for file in ["org/employees.csv", "org/holdings.csv", "org/profile.toml", "scenario.toml"] {
        assert!(dir.path().join("gen").join(file).is_file(), "{file} missing");
    }
    let scenario = std::fs::read_to_string(dir.path().join("gen/scenario.toml")).unwrap();
    assert!(scenario.contains("org = \"org\"\n"), "{scenario}");
    assert!(scenario.contains("start = \"2026-Q4\"\n"), "start defaults to today's quarter: {scenario}");
    assert!(scenario.contains("deadline = \"2027-Q3\"\n"), "{scenario}");

    let o = run_in(dir.path(), &["plan", "gen/scenario.toml", "--out", "gen/out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("generated-infrastructure+security: optimal"), "{}", stdout(&o));
    assert!(dir.path().join("gen/out/plan.csv").is_file());
}

#[test]
fn the_same_seed_writes_the_same_files_under_the_default_folder() {
    let files = ["org/employees.csv", "org/holdings.csv", "org/profile.toml", "scenario.toml"];
    let write = |seed: &str| {
        let dir = tempfile::tempdir().unwrap();
        let o = run_in(dir.path(), &["generate", "--people", "40", "--seed", seed]);
        assert!(o.status.success(), "{}", stderr(&o));
        let folder = dir.path().join(format!("generated/40-people-seed-{seed}"));
        files.map(|f| std::fs::read(folder.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")))
    };
    let (a, b, c) = (write("7"), write("7"), write("8"));
    assert_eq!(a, b);
    assert_ne!(a[0], c[0], "another seed, other people");
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let cases: [(&[&str], &str); 5] = [
        (&["--targets", "infrastructure,azure"], "--targets: `azure` is not a designation of the rules; expected"),
        (&["--targets", "security,security"], "--targets: `security` is named twice"),
        (&["--start", "2027-Q5"], "--start `2027-Q5` is not a quarter; expected YYYY-Qn"),
        (&["--today", "2026-02-30"], "--today `2026-02-30` is not a date; expected YYYY-MM-DD"),
        (&["--quarters", "0"], "0 is not in 1..=40"),
    ];
    for (extra, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["generate", "--people", "5", "--out", "gen"];
        args.extend(extra);
        let o = run_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{extra:?}: {}", stderr(&o));
        assert!(!dir.path().join("gen").exists(), "{extra:?} wrote files");
    }
}

/// `--profile hard`: the varied catalogue is written beside the scenario, which names it, and
/// everything reads back as `generate::hard` made it; people are distinct (no two share an
/// hourly cost), few hold anything, and `plan` solves the folder.
#[test]
fn the_hard_profile_writes_distinct_people_and_its_own_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let args =
        ["generate", "--profile", "hard", "--people", "60", "--seed", "4", "--targets", "security", "--out", "gen"];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let scenario_file = dir.path().join("gen/scenario.toml");
    let text = std::fs::read_to_string(&scenario_file).unwrap();
    assert!(text.contains("catalog = \"catalog.csv\"\n"), "{text}");
    let (_, got) = io::load_scenario(&scenario_file, &InputPaths::default(), today()).unwrap();

    let base = io::bundled_inputs().unwrap();
    let (catalog, org) = generate::hard(&base.catalog, &base.rules, &OrgSpec { people: 60, seed: 4, today: today() });
    assert_same_org(&org, &got.org);
    assert_eq!(got.catalog.len(), catalog.len());
    for (w, g) in catalog.certs().iter().zip(got.catalog.certs()) {
        let numbers = |c: &certplan::model::Certification| {
            [c.exam_fee, c.training_fee, c.study_hours, c.renewal_hours, c.pass_rate.unwrap_or(-1.0)].map(f64::to_bits)
        };
        assert_eq!(
            (&g.id, &g.requires_any, &g.requires_all, g.exam_until, g.counts_until),
            (&w.id, &w.requires_any, &w.requires_all, w.exam_until, w.counts_until)
        );
        assert_eq!(numbers(g), numbers(w), "{}", w.id);
    }
    let varied = catalog.certs().iter().zip(base.catalog.certs()).filter(|(h, b)| h.exam_fee != b.exam_fee).count();
    assert!(varied > catalog.len() * 9 / 10, "fees vary: {varied} of {}", catalog.len());
    let rates: std::collections::BTreeSet<u64> = org.employees.iter().map(|e| e.hourly_cost.to_bits()).collect();
    assert!(rates.len() >= 58, "{} distinct hourly costs among 60", rates.len());
    let certified = (0..60).filter(|&e| org.holdings.iter().any(|h| h.employee == e)).count();
    assert!(certified <= 20, "{certified} of 60 hold something");
    assert!(org.employees.iter().any(|e| !e.exclude.is_empty()), "someone excludes a certification");

    let o = run_in(dir.path(), &["plan", "gen/scenario.toml", "--out", "gen/out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("generated-security: optimal"), "{}", stdout(&o));
}
