//! Issue 12: `certplan import partner-center` on synthetic Trainings reports in each dialect,
//! spreadsheet-saved inputs, and the bundled data inside the binary.

use crate::util::*;
use std::path::Path;
use std::process::Output;

const HEADER: &str = "TrainingActivityId,TrainingTitle,TrainingType,IndividualFirstName,IndividualLastName,Email,\
                      CorpEmail,TrainingCompletionDate,Month,IcMCP,MCPID,MPNId,PartnerName,ExpirationDate,ActivationStatus";

/// Rows of a full-variant export; dates `{c}`/`{e}` are filled in per dialect.
const ROWS: &[[&str; 15]] = &[
    [
        "3051",
        "Azure Administrator Associate",
        "Certification",
        "Sanne",
        "Bakker",
        "sanne@outlook.example",
        "",
        "2025-12-25 23:07:22",
        "Dec-25",
        "1",
        "111",
        "1234567",
        "Contoso Ltd",
        "2026-12-26 23:07:22",
        "Active",
    ],
    [
        "3142",
        "Data Analyst Associate",
        "Certification",
        "Sanne",
        "Bakker",
        "sanne@outlook.example",
        "",
        "2026-04-03 10:00:00",
        "Apr-26",
        "1",
        "111",
        "1234567",
        "Contoso Ltd",
        "2027-04-04 10:00:00",
        "Active",
    ],
    [
        "3077",
        "Microsoft Certified: Azure Solutions Architect Expert™",
        "Certification",
        "",
        "",
        "kees@outlook.example",
        "kees@contoso.example",
        "2026-02-01 08:00:00",
        "Feb-26",
        "1",
        "222",
        "1234567",
        "Contoso Ltd",
        "2027-02-02 08:00:00",
        "Active",
    ],
    [
        "9000",
        "Exam AZ-104: Microsoft Azure Administrator",
        "Exam",
        "Sanne",
        "Bakker",
        "sanne@outlook.example",
        "",
        "2025-12-20 09:00:00",
        "Dec-25",
        "1",
        "111",
        "1234567",
        "Contoso Ltd",
        "NA",
        "Active",
    ],
];

const EMPLOYEES: &str = "id,name,hourly_cost,hours_per_quarter,linked,leaves_on,exclude\n\
                         111,Sanne Bakker,0,,true,,\n\
                         222,kees,0,,true,,\n";
const HOLDINGS: &str = "employee_id,certification,earned_on,expires_on\n\
                        111,AZ-104,2025-12-25,2026-12-26\n\
                        111,PL-300,2026-04-03,2027-04-04\n\
                        222,AZ-305,2026-02-01,2027-02-02\n";

/// The export with dates rewritten by `date` and cells joined by `sep`, each row ended by `end`.
fn export(sep: &str, end: &str, date: impl Fn(&str) -> String) -> String {
    let mut text = HEADER.replace(',', sep) + end;
    for row in ROWS {
        let mut cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
        for i in [7, 13] {
            if cells[i] != "NA" {
                cells[i] = date(&cells[i]);
            }
        }
        text.push_str(&cells.join(sep));
        text.push_str(end);
    }
    text
}

/// `2025-12-25 23:07:22` as `25/12/2025 23:07` (Dutch Excel re-save).
fn dmy(iso: &str) -> String {
    format!("{}/{}/{} {}", &iso[8..10], &iso[5..7], &iso[..4], &iso[11..16])
}

/// `2025-12-25 23:07:22` as `12/25/2025 11:07:22 PM` (US Excel).
fn mdy(iso: &str) -> String {
    let hour: u32 = iso[11..13].parse().unwrap();
    let (h, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!("{}/{}/{} {h}:{} {half}", &iso[5..7], &iso[8..10], &iso[..4], &iso[14..19])
}

fn import(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import", "partner-center"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

#[test]
fn every_dialect_of_the_export_imports_to_the_same_files() {
    let dialects = [
        ("export.csv", export(",", "\n", |d| d.to_string())),
        ("two-spaces.tsv", export("\t", "\r\n", |d| d.replacen(' ', "  ", 1))),
        ("iso.csv", export(",", "\n", |d| format!("{}T{}Z", &d[..10], &d[11..]))),
        ("excel-nl.csv", format!("\u{feff}{}", export(";", "\r\n", dmy))),
        ("excel-us.csv", format!("\u{feff}{}", export(",", "\r\n", mdy))),
    ];
    for (name, text) in dialects {
        let dir = folder(&[(name, &text)]);
        let o = import(dir.path(), &[name, "--out", "org"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(read(dir.path().join("org/employees.csv")), EMPLOYEES, "{name}");
        assert_eq!(read(dir.path().join("org/holdings.csv")), HOLDINGS, "{name}");
        let report = stdout(&o);
        assert!(report.contains("4 rows"), "{name}: {report}");
        assert!(report.contains("3 row(s) → 3 holding(s)"), "{name}: {report}");
        assert!(report.contains("skipped rows of other types: 1 Exam"), "{name}: {report}");
        assert!(report.contains("partner: Contoso Ltd (1234567)"), "{name}: {report}");
        let profile = read(dir.path().join("org/profile.toml"));
        assert!(profile.starts_with("# Written by `certplan import partner-center`"), "{profile}");
        assert!(profile.contains("name = \"Contoso Ltd\"\n"), "{profile}");
        // The written folder loads: the template's zero points, the holdings' scores.
        let o = run_in(dir.path(), &["score", "--org", "org", "--on", "2026-06-01"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        // AZ-104 scores; AZ-305 waits for its holder's AZ-104.
        assert!(stdout(&o).contains("infrastructure,smb,false,4.00,4.00,false"), "{name}: {}", stdout(&o));
    }
}

#[test]
fn dates_that_read_two_ways_stop_the_import_until_the_order_is_given() {
    let text = "MCPID,TrainingTitle,TrainingType,TrainingCompletionDate,ExpirationDate\n\
                111,Azure Administrator Associate,Certification,03/04/2026 10:00,04/04/2027 10:00\n\
                222,Azure Developer Associate,Certification,01/02/2026,NA\n";
    let dir = folder(&[("export.csv", text)]);
    let o = import(dir.path(), &["export.csv", "--out", "org"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "export.csv:2: column `trainingcompletiondate`: E005 `03/04/2026 10:00` reads as day/month or as month/day"
        ),
        "{err}"
    );
    assert!(err.contains("pass --date-order dmy (25/12/2018) or --date-order mdy (12/25/2018)"), "{err}");
    assert!(!dir.path().join("org").exists(), "nothing is written");

    for (order, earned) in [("dmy", "2026-04-03"), ("mdy", "2026-03-04")] {
        let o = import(dir.path(), &["export.csv", "--out", order, "--date-order", order]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let holdings = read(dir.path().join(order).join("holdings.csv"));
        assert!(holdings.contains(&format!("111,AZ-104,{earned},")), "{order}: {holdings}");
    }

    let mixed = "MCPID,TrainingTitle,TrainingCompletionDate\n111,Azure Administrator Associate,25/12/2025\n\
                 222,Azure Administrator Associate,12/25/2025\n333,Azure Administrator Associate,2025-13-01\n\
                 444,MCSE: Windows NT 4.0,1998-05-01\n";
    let dir = folder(&[("export.csv", mixed)]);
    let err = stderr(&import(dir.path(), &["export.csv", "--out", "org"]));
    assert!(
        err.contains(":3: column `trainingcompletiondate`: E005 mixes day-first dates (`25/12/2025` on line 2)"),
        "{err}"
    );
    assert!(err.contains(":4: column `trainingcompletiondate`: E005 `2025-13-01` is not a date"), "{err}");
    assert!(err.contains("2 input problems found"), "a legacy row's date outside 2000-2100 stops nothing: {err}");
}

#[test]
fn overlapping_downloads_merge_without_duplicates() {
    let head = "MCPID,Email,IndividualFirstName,IndividualLastName,TrainingTitle,TrainingType,TrainingCompletionDate,ExpirationDate\n";
    let older = format!(
        "{head}111,s@x.example,Sanne,Bakker,Azure Administrator Associate,Certification,2024-03-01 10:00:00,2025-03-02 10:00:00\n\
         111,s@x.example,Sanne,Bakker,Azure Network Engineer Associate,Certification,2025-05-01 10:00:00,2026-05-02 10:00:00\n"
    );
    let newer = format!(
        "{head}111,s@x.example,Sanne,Bakker,Azure Network Engineer Associate,Certification,2025-05-01 10:00:00,2027-05-02 10:00:00\n\
         ,s@x.example,,,Azure Solutions Architect Expert,Certification,2026-01-10 10:00:00,2027-01-11 10:00:00\n"
    );
    let dir = folder(&[("2024.csv", &older), ("2026.csv", &newer)]);
    let o = import(dir.path(), &["2024.csv", "2026.csv", "--out", "org", "--on", "2026-11-26"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read(dir.path().join("org/holdings.csv")),
        "employee_id,certification,earned_on,expires_on\n111,AZ-104,2024-03-01,2025-03-02\n\
         111,AZ-700,2025-05-01,2027-05-02\n111,AZ-305,2026-01-10,2027-01-11\n",
        "the row without MCPID joins its person by e-mail; the renewed expiry wins"
    );
    let report = stdout(&o);
    assert!(
        report.contains(
            "4 row(s) → 3 holding(s); 1 duplicate(s) of overlapping downloads removed; 1 expired before 2026-11-26"
        ),
        "{report}"
    );
}

#[test]
fn the_report_viewer_variant_loads() {
    let text = "TrainingActivityId\tTrainingTitle\tTrainingType\tAADUserId\tTrainingCompletionDate\tMonth\tIcMCP\tMCPID\tMPNID\tPartnerName\n\
                3051\tAzure Administrator Associate\tCertification\t5F1C…-AAD\t2026-02-03 10:11:12\tFeb-26\t1\t111\t42\tContoso\n\
                3051\tAzure Administrator Associate\tCertification\t9d0e-aad\t2026-05-06 10:11:12\tMay-26\t1\t\t42\tContoso\n";
    let dir = folder(&[("viewer.tsv", text)]);
    let o = import(dir.path(), &["viewer.tsv", "--out", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("tab-separated, report viewer: AADUserId, no names, no ExpirationDate column"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        read(dir.path().join("org/employees.csv")),
        "id,name,hourly_cost,hours_per_quarter,linked,leaves_on,exclude\n111,111,0,,true,,\n9d0e-aad,9d0e-aad,0,,true,,\n"
    );
    assert_eq!(
        read(dir.path().join("org/holdings.csv")),
        "employee_id,certification,earned_on,expires_on\n111,AZ-104,2026-02-03,\n9d0e-aad,AZ-104,2026-05-06,\n"
    );
}

#[test]
fn unmapped_and_retired_titles_are_reported_and_never_stop_the_import() {
    let text = "MCPID,TrainingTitle,TrainingType,TrainingCompletionDate,ExpirationDate\n\
                111,Azure Data Engineer Associate,Certification,2024-06-01,2025-06-02\n\
                111,Azure Administator Asociate,Certification,2026-01-01,2027-01-02\n\
                111,Microsoft C# 4.0 Programming,Certification,2012-01-01,NA\n\
                222,Microsoft C# 4.0 Programming,Certification,2013-01-01,NA\n\
                222,GitHub Certified: GitHub Foundations,Certification,2025-01-01,2027-01-01\n\
                222,Windows Server Hybrid Administrator Associate,Certification,2025-12-03,2026-12-04\n\
                333,Microsoft Certified: Windows Server Hybrid Administrator Associate,Certification,2026-10-20,2027-10-21\n\
                333,Azure Developer Associate,Assessment,2026-10-20,\n\
                333,MCSE: Windows NT 4.0,Certification,1998-05-01 12:00:00,NA\n";
    let dir = folder(&[("export.csv", text)]);
    let o = import(dir.path(), &["export.csv", "--out", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = stdout(&o);
    for wanted in [
        "8 row(s) → 5 holding(s)",
        "skipped rows of other types: 1 Assessment",
        "holdings of certifications the catalogue lacks (written; they count for nothing): DP-203 (1), GH-900 (1)",
        "titles that map to no certification (3 title(s), 4 row(s), not imported;",
        "      1 × \"MCSE: Windows NT 4.0\" (first at export.csv:10)\n",
        "      2 × \"Microsoft C# 4.0 Programming\" (first at export.csv:4)\n",
        "      1 × \"Azure Administator Asociate\" (first at export.csv:3); closest known title: \"Azure Administrator Associate\" (AZ-104)\n",
    ] {
        assert!(report.contains(wanted), "lacks {wanted:?}:\n{report}");
    }
    assert_eq!(
        read(dir.path().join("org/holdings.csv")),
        "employee_id,certification,earned_on,expires_on\n111,DP-203,2024-06-01,2025-06-02\n\
         222,GH-900,2025-01-01,2027-01-01\n222,AZ-800,2025-12-03,2026-12-04\n222,AZ-801,2025-12-03,2026-12-04\n\
         333,AZ-802,2026-10-20,2027-10-21\n",
        "the Windows Server title names AZ-800 + AZ-801 until 2026-09-30, AZ-802 after"
    );
    // Scoring the result: the certifications the catalogue lacks are a warning, listed once.
    let o = run_in(dir.path(), &["score", "--org", "org", "--on", "2026-11-01", "--detail"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("warning: ").count(), 1, "{err}");
    assert!(err.contains("2 holding row(s) name certifications the catalogue does not have"), "{err}");
    assert!(err.contains("DP-203 (1 row: line 2), GH-900 (1 row: line 3)"), "{err}");
    let step = "infrastructure,smb,false,intermediate,skilling,2,AZ-700;AZ-801;AZ-802,2,4,0.00,0.00\n";
    assert!(stdout(&o).contains(step), "AZ-801 (with AZ-800) and AZ-802 count: {}", stdout(&o));
}

#[test]
fn hr_data_keeps_what_the_user_typed_and_matches_by_id_email_and_unique_name() {
    let hr = "id,name,hourly_cost,hours_per_quarter,linked,leaves_on,exclude,email,team\n\
              e1,Sanne Bakker,68,24,false,,AZ-305,,Azure\n\
              e2,Kees Jong,70,,true,2027-05-31,,KEES@contoso.example,Azure\n\
              e3,Anna Vos,50,,true,,,,Data\n\
              e4,Anna Vos,52,,true,,,,Data\n\
              e5,Lisa de Boer,86,,false,,,,Modern Work\n\
              333,Someone,40,,true,,,,\n";
    let existing = "employee_id,certification,earned_on,expires_on\ne5,MS-102,2026-10-01,\ne1,AZ-900,2020-01-01,\n";
    let text =
        "MCPID,IndividualFirstName,IndividualLastName,CorpEmail,TrainingTitle,TrainingCompletionDate,ExpirationDate\n\
                111,sanne,bakker,,Azure Administrator Associate,2026-03-01,2027-03-02\n\
                222,,,kees@contoso.example,Azure Solutions Architect Expert,2026-03-01,2027-03-02\n\
                333,,,,Security Operations Analyst Associate,2026-03-01,2027-03-02\n\
                444,Anna,Vos,,Fabric Data Engineer Associate,2026-03-01,2027-03-02\n\
                555,Piet,Hein,,Azure Fundamentals,2026-03-01,NA\n";
    let dir = folder(&[("org/employees.csv", hr), ("org/holdings.csv", existing), ("export.csv", text)]);
    let o = import(dir.path(), &["export.csv", "--out", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read(dir.path().join("org/employees.csv")),
        "id,name,hourly_cost,hours_per_quarter,linked,leaves_on,exclude,email,team\n\
         e1,Sanne Bakker,68,24,true,,AZ-305,,Azure\n\
         e2,Kees Jong,70,,true,2027-05-31,,KEES@contoso.example,Azure\n\
         e3,Anna Vos,50,,true,,,,Data\n\
         e4,Anna Vos,52,,true,,,,Data\n\
         e5,Lisa de Boer,86,,false,,,,Modern Work\n\
         333,Someone,40,,true,,,,\n\
         444,Anna Vos,0,,true,,,,\n\
         555,Piet Hein,0,,true,,,,\n"
    );
    assert_eq!(
        read(dir.path().join("org/holdings.csv")),
        "employee_id,certification,earned_on,expires_on\ne1,AZ-104,2026-03-01,2027-03-02\n\
         e2,AZ-305,2026-03-01,2027-03-02\ne5,MS-102,2026-10-01,\n333,SC-200,2026-03-01,2027-03-02\n\
         444,DP-700,2026-03-01,2027-03-02\n555,AZ-900,2026-03-01,\n",
        "e1's typed AZ-900 gives way to the export; e5, not in it, keeps theirs"
    );
    let report = stdout(&o);
    for wanted in [
        "3 matched with org/employees.csv (1 by id, 1 by e-mail, 1 by name); 2 new with default costs",
        "e1 was not linked in the HR data; Partner Center lists them, so now linked",
        "3 kept from the HR data though not in the export (not linked to the partner yet?), with 1 holding(s) already recorded:\n    e3 Anna Vos\n    e4 Anna Vos\n    e5 Lisa de Boer",
        "444: its name matches e3, e4",
    ] {
        assert!(report.contains(wanted), "lacks {wanted:?}:\n{report}");
    }
}

#[test]
fn bad_input_is_every_problem_at_once_and_writes_nothing() {
    let export =
        "MCPID,TrainingTitle,TrainingCompletionDate\n111,,2026-01-01\n,Azure Administrator Associate,2026-01-01\n";
    let hr = "id,hourly_cost\ne1,cheap\n";
    let aliases = "title,certification,valid_from,valid_to\nX,AZ-104,2026-01-01,2025-01-01\n";
    let dir = folder(&[("export.csv", export), ("hr.csv", hr), ("aliases.csv", aliases), ("nope.csv", "a,b\n1,2\n")]);
    let o = import(
        dir.path(),
        &["export.csv", "nope.csv", "--out", "org", "--employees", "hr.csv", "--aliases", "aliases.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for wanted in [
        "aliases.csv:2: column `valid_to`: E008 2025-01-01 is before valid_from 2026-01-01",
        "export.csv:2: column `trainingtitle`: E003",
        "export.csv:3: E003 names no person",
        "nope.csv:1: E002 missing required column `trainingtitle`",
        "hr.csv:2: column `hourly_cost`: E004 `cheap` is not a number",
        "5 input problems found",
    ] {
        assert!(err.contains(wanted), "lacks {wanted:?}: {err}");
    }
    assert!(!dir.path().join("org").exists());
}

/// The round trip of the issue: the shipped example export, imported with the example's HR
/// data, gives the example organisation back; its scores equal the bundled example's, today
/// and later (also imported without HR data: costs do not score).
#[test]
fn the_example_export_imports_to_the_example_organisation() {
    let example = root().join("data/example");
    let export = example.join("partner-center-trainings.csv");
    let profile = read(example.join("profile.toml"));
    for with_hr in [true, false] {
        let dir = folder(&[("org/profile.toml", &profile)]);
        let mut args = vec![export.to_str().unwrap(), "--out", "org"];
        let hr = example.join("employees.csv");
        if with_hr {
            args.extend(["--employees", hr.to_str().unwrap()]);
        }
        let o = import(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stderr(&o), "");
        if with_hr {
            assert_eq!(read(dir.path().join("org/employees.csv")), read(example.join("employees.csv")));
            assert!(stdout(&o).contains("24 matched with"), "{}", stdout(&o));
        }
        for on in ["2026-11-26", "2027-03-31", "2027-09-30", "2028-01-15"] {
            let want = run(&["score", "--org", example.to_str().unwrap(), "--on", on, "--detail"]);
            let got = run_in(dir.path(), &["score", "--org", "org", "--on", on, "--detail"]);
            assert_eq!(got.status.code(), Some(0), "{}", stderr(&got));
            assert_eq!(stdout(&got), stdout(&want), "on {on} (HR data: {with_hr})");
        }
    }
}

/// Issue 12, item 3: an organisation re-saved by Dutch Excel (`;`, decimal commas, BOM, CRLF)
/// or as tab-separated text loads with the same values.
#[test]
fn spreadsheet_saved_inputs_load() {
    let employees = "\u{feff}id;name;hourly_cost;hours_per_quarter;linked;exclude;leaves_on\r\n\
                     e1;Ann;62,5;12,5;true;\"AZ-305;AZ-120\";31-5-2027\r\ne2;Bob;40.25;;ja;;2027-06-30\r\n";
    let holdings = "employee_id\tcertification\tearned_on\texpires_on\ne1\tAZ-104\t2026-06-01\t\n";
    let dir = folder(&[
        ("org/employees.csv", employees),
        ("org/holdings.csv", holdings),
        ("org/profile.toml", "name = \"x\"\n"),
    ]);
    let paths = certplan::io::InputPaths { org: Some(dir.path().join("org")), ..Default::default() };
    let mut issues = certplan::io::Issues::default();
    let inputs = certplan::io::load_inputs(&paths, &mut issues);
    let problems: Vec<String> = issues.list().iter().map(|i| i.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("employees.csv:3: column `linked`: E006 `ja` is not a boolean"), "{problems:?}");
    let e = &inputs.org.employees;
    assert_eq!((e[0].hourly_cost, e[0].hours_per_quarter, e[0].exclude.len()), (62.5, Some(12.5), 2));
    assert_eq!(e[1].hourly_cost, 40.25, "a decimal point still reads");
    assert_eq!(e[0].leaves_on, certplan::model::Date::parse("2027-05-31"), "Dutch Excel's date");
    assert_eq!(e[1].leaves_on, certplan::model::Date::parse("2027-06-30"));
    assert_eq!(inputs.org.holdings.len(), 1);

    let bad = "id;hourly_cost;exclude\r\ne1;1.234,5\r\ne2;5;AZ-104;AZ-305\r\n";
    let dir = folder(&[
        ("org/employees.csv", bad),
        ("org/holdings.csv", "employee_id,certification\n"),
        ("org/profile.toml", ""),
    ]);
    let o = run_in(dir.path(), &["score", "--org", "org"]);
    assert!(
        stderr(&o).contains("`1.234,5` is not a number; expected money ≥ 0 (this file is `;`-separated, so a decimal comma as in 62,5 is read too)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o)
            .contains("employees.csv:3: E001 has 4 cells, the header 3: in a `;`-separated file a list must be quoted"),
        "{}",
        stderr(&o)
    );
}

/// Issue 12, item 4: the bundled data is compiled in; a `data/` folder in the working directory
/// does not replace it; `data export` writes it out and never over a user's file.
#[test]
fn the_bundled_data_is_inside_the_binary() {
    let dir = folder(&[("data/catalog.csv", "not,a,catalogue\n"), ("data/rules/fy27.toml", "nonsense")]);
    let o = run_in(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("infrastructure-2027: optimal"), "{}", stdout(&o));
    assert!(dir.path().join("out/infrastructure-2027/plan.csv").is_file());
    let o = run_in(dir.path(), &["score", "--org", root().join("data/example").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run_in(dir.path(), &["data", "export", "mine"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (mine, bundled) in [
        ("catalog.csv", "data/catalog.csv"),
        ("fy27.toml", "data/rules/fy27.toml"),
        ("aliases.csv", "data/aliases.csv"),
    ] {
        assert_eq!(read(dir.path().join("mine").join(mine)), read(root().join(bundled)), "{mine}");
    }
    std::fs::write(dir.path().join("mine/aliases.csv"), "title,certification\nMy title,AZ-104\n").unwrap();
    let o = run_in(dir.path(), &["data", "export", "mine"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mine/catalog.csv, mine/fy27.toml, mine/aliases.csv already exist"), "{}", stderr(&o));
    assert_eq!(
        read(dir.path().join("mine/aliases.csv")),
        "title,certification\nMy title,AZ-104\n",
        "never overwritten"
    );
}
