//! Issue 13's client-ready outputs: the workbook read back and compared with the CSVs, the
//! Dutch-Excel CSV dialect read back by `check`, the HTML report (and, where chromium is
//! installed, rendered by it), and the terminal formats.

use crate::util::{root, run_in, stderr, stdout};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::Path;

/// Plans `scenario` (a bundled one) into `dir/out` with extra arguments.
fn plan(dir: &Path, scenario: &str, extra: &[&str]) {
    let scenario = root().join("scenarios").join(scenario);
    let mut args = vec!["plan", scenario.to_str().unwrap(), "--out", "out"];
    args.extend(extra);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A CSV file's cells (header included).
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// A sheet's cells.
fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap().rows().map(<[Data]>::to_vec).collect()
}

/// Asserts that a sheet holds exactly a CSV's cells: numbers as numbers equal to the CSV's
/// figure, booleans as booleans, text as text (a CSV's formula guard `'` aside).
fn assert_sheet_is_csv(sheet: &[Vec<Data>], csv: &[Vec<String>], what: &str) {
    assert_eq!(sheet.len(), csv.len(), "{what}: rows");
    for (r, (row, expected)) in sheet.iter().zip(csv).enumerate() {
        assert_eq!(row.len(), expected.len(), "{what}: columns of row {r}");
        for (c, (cell, text)) in row.iter().zip(expected).enumerate() {
            let at = format!("{what} row {r} column {} ({text})", csv[0][c]);
            match cell {
                Data::Float(v) => assert_eq!(*v, text.parse::<f64>().unwrap(), "{at}"),
                Data::Int(v) => assert_eq!(*v as f64, text.parse::<f64>().unwrap(), "{at}"),
                Data::Bool(b) => assert_eq!(b.to_string(), *text, "{at}"),
                Data::String(s) => {
                    assert_eq!(*s, text.strip_prefix('\'').unwrap_or(text), "{at}");
                    assert!(text.parse::<f64>().is_err() || c == 0, "{at}: a number stored as text");
                }
                Data::Empty => assert_eq!(text, "", "{at}"),
                other => panic!("{at}: unexpected {other:?}"),
            }
        }
    }
}

#[test]
fn the_workbook_holds_the_csvs_numbers_and_the_plan_in_every_view() {
    let dir = tempfile::tempdir().unwrap();
    plan(dir.path(), "infra-and-security-2027.toml", &[]);
    let out = dir.path().join("out");
    let book = out.join("plan.xlsx");
    let names: Vec<String> = {
        let b: Xlsx<_> = open_workbook(&book).unwrap();
        b.sheet_names()
    };
    assert_eq!(names, ["Summary", "Plan", "Schedule", "Course demand", "Renewals", "Scores"]);
    let plan = csv_cells(&out.join("plan.csv"));
    let summary = csv_cells(&out.join("summary.csv"));
    assert_sheet_is_csv(&sheet(&book, "Summary"), &summary, "Summary");
    assert_sheet_is_csv(&sheet(&book, "Plan"), &plan, "Plan");
    let col = |name: &str| plan[0].iter().position(|h| h == name).unwrap();
    let rows = &plan[1..];
    assert!(rows.len() >= 4, "a plan worth checking: {} rows", rows.len());

    // Schedule: every plan row once, in its person's row and its quarter's column.
    let schedule = sheet(&book, "Schedule");
    let quarters: Vec<String> = schedule[0][2..].iter().map(|d| d.to_string()).collect();
    let mut listed = 0;
    for row in rows {
        let person = schedule.iter().find(|r| r[0].to_string() == row[col("employee_id")]).expect("a row per person");
        let q = quarters.iter().position(|q| *q == row[col("quarter")]).expect("a column per quarter");
        let line = format!("{} {}", row[col("action")], row[col("certification")]);
        assert!(person[q + 2].to_string().lines().any(|l| l.trim() == line.trim()), "{line} in {:?}", person[q + 2]);
        listed += 1;
    }
    let lines: usize = schedule[1..].iter().flat_map(|r| &r[2..]).map(|c| c.to_string().lines().count()).sum();
    assert_eq!(lines, listed, "nothing else in the schedule");

    // Course demand: seats are the exam rows, fees and hours add up to the plan's.
    let demand = sheet(&book, "Course demand");
    let number = |d: &Data| match d {
        Data::Float(v) => *v,
        other => panic!("not a number: {other:?}"),
    };
    let exams: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("action")] == "exam").collect();
    let seats: f64 = demand[1..].iter().map(|r| number(&r[3])).sum();
    assert_eq!(seats, exams.len() as f64);
    let fees: f64 = demand[1..].iter().map(|r| number(&r[5])).sum();
    let plan_fees: f64 = exams.iter().map(|r| r[col("training_fee")].parse::<f64>().unwrap()).sum();
    assert!((fees - plan_fees).abs() < 1e-6, "{fees} against {plan_fees}");

    // Renewals: each renew row of the plan is a renewal the sheet says the plan makes.
    let renewals = sheet(&book, "Renewals");
    for row in rows.iter().filter(|r| r[col("action")] == "renew") {
        assert!(
            renewals.iter().any(|r| r[0].to_string() == row[col("employee_id")]
                && r[2].to_string() == row[col("certification")]
                && r[6] == Data::Bool(true)
                && r[7].to_string() == row[col("quarter")]),
            "renewal {row:?} missing"
        );
    }
    assert!(renewals[1..].iter().all(|r| matches!(r[3], Data::DateTime(_)) && matches!(r[4], Data::DateTime(_))));

    // Scores: at the deadline, with the plan, each target's score is the plan's last scores_after.
    let scores = sheet(&book, "Scores");
    let last = scores.last().unwrap();
    let after = &rows.last().unwrap()[col("scores_after")];
    for pair in after.split(';') {
        let (target, score) = pair.split_once('=').unwrap();
        let c = scores[0].iter().position(|h| h.to_string() == format!("{target} with plan")).unwrap();
        assert_eq!(number(&last[c]), score.parse::<f64>().unwrap(), "{target}");
    }
    assert_eq!(number(&last[scores[0].len() - 1]), 70.0, "the qualifying line");
}

#[test]
fn formula_looking_names_are_text_in_the_workbook_and_escaped_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("data/example");
    std::fs::create_dir(dir.path().join("org")).unwrap();
    for file in ["employees.csv", "holdings.csv", "profile.toml"] {
        let text = std::fs::read_to_string(example.join(file)).unwrap();
        let text = text.replace("Daan Visser", "=1+2<b>");
        std::fs::write(dir.path().join("org").join(file), text).unwrap();
    }
    plan(dir.path(), "infrastructure-2027.toml", &["--org", "org"]);
    let book = dir.path().join("out/plan.xlsx");
    let cells = sheet(&book, "Plan");
    let name = "=1+2<b>";
    assert!(cells.iter().any(|r| r[4] == Data::String(name.into())), "the name is a text cell");
    let mut b: Xlsx<_> = open_workbook(&book).unwrap();
    let formulas = b.worksheet_formula("Plan").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula cell");
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert!(!html.contains("<b>") && html.contains("=1+2&lt;b&gt;"));
}

#[test]
fn excel_nl_csvs_have_semicolons_decimal_commas_a_bom_and_crlf_and_check_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = root().join("scenarios/infrastructure-2027.toml");
    let scenario = scenario.to_str().unwrap();
    for (out, args) in [("plain", vec![]), ("nl", vec!["--csv-dialect", "excel-nl"])] {
        let mut all = vec!["plan", scenario, "--out", out];
        all.extend(args);
        assert!(run_in(dir.path(), &all).status.success());
    }
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    let (plain, nl) = (read("plain/plan.csv"), read("nl/plan.csv"));
    assert!(nl.starts_with(b"\xEF\xBB\xBFscenario;rank;quarter;employee_id;"), "BOM and `;`");
    let nl_text = String::from_utf8(nl[3..].to_vec()).unwrap();
    assert!(nl_text.ends_with("\r\n") && !nl_text.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(nl_text.contains(";3493,50;"), "decimal comma: {nl_text}");
    // Cell by cell the same table: numbers with a comma, everything else unchanged.
    let cells = |bytes: &[u8], sep: u8| -> Vec<Vec<String>> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut r = csv::ReaderBuilder::new().has_headers(false).delimiter(sep).from_reader(bytes);
        r.records().map(|r| r.unwrap().iter().map(|c| c.replace(',', ".")).collect()).collect()
    };
    let mut contract = cells(&plain, b',');
    for row in &mut contract {
        for c in row.iter_mut() {
            *c = c.replace(',', ".");
        }
    }
    assert_eq!(cells(&nl, b';'), contract);
    let summary = String::from_utf8(read("nl/summary.csv")).unwrap();
    assert!(summary.contains(";7611,00;7611,00;68,0;2;infrastructure;smb;"), "{summary}");

    // `check` reads the plan it wrote in either dialect, with the same verdict.
    let check = |plan: &str| run_in(dir.path(), &["check", scenario, plan]);
    let (a, b) = (check("plain/plan.csv"), check("nl/plan.csv"));
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stderr(&a), stderr(&b));

    // The environment sets the same default; a bad value is a usage error.
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_certplan"))
        .args(["plan", scenario, "--out", "env"])
        .current_dir(dir.path())
        .env("CERTPLAN_TODAY", "2026-11-26")
        .env("CERTPLAN_CSV_DIALECT", "excel-nl")
        .output()
        .unwrap();
    assert!(env.status.success());
    assert_eq!(read("env/plan.csv"), nl);
    let bad = run_in(dir.path(), &["plan", scenario, "--out", "bad", "--csv-dialect", "excel"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("bad").exists());
}

/// The marks of a report: points of the score lines with the plan, Gantt bars.
fn marks(html: &str) -> (usize, usize) {
    (html.matches("class=\"pt with\"").count(), html.matches("class=\"gantt-bar ").count())
}

/// No reference to anything outside the file.
fn assert_self_contained(html: &str) {
    for bad in ["http:", "https:", "//", "<script", "<link", "<img", "url(", "@import", "src="] {
        assert!(!html.contains(bad), "`{bad}` in the report");
    }
}

#[test]
fn the_report_is_self_contained_with_a_mark_per_quarter_and_target_and_per_plan_row() {
    let dir = tempfile::tempdir().unwrap();
    plan(dir.path(), "infra-and-security-2027.toml", &[]);
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert_self_contained(&html);
    let rows = std::fs::read_to_string(dir.path().join("out/plan.csv")).unwrap().lines().count() - 1;
    // Two targets over four quarters (2027-Q1 to 2027-Q4).
    assert_eq!(marks(&html), (2 * 4, rows));
    assert!(html.contains("Qualifies by the end of Q"), "the headline");
    assert!(html.contains("proven optimal"));
}

#[test]
fn the_dutch_report_spells_money_quarters_and_labels_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    plan(dir.path(), "infrastructure-2027.toml", &["--lang", "nl"]);
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("voor € 7.611,00: 2 examens, 68,0 u, bewezen optimaal."), "headline");
    assert!(html.contains(">K1 2027<") && html.contains("Planning") && !html.contains("Schedule"));
    let english = tempfile::tempdir().unwrap();
    plan(english.path(), "infrastructure-2027.toml", &[]);
    let html = std::fs::read_to_string(english.path().join("out/report.html")).unwrap();
    assert!(html.contains("for €7,611.00: 2 exams, 68.0 h, proven optimal."), "headline");
}

#[test]
fn compare_writes_a_workbook_and_report_per_scenario_and_a_comparison_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios =
        ["infrastructure-2027.toml", "infra-and-security-2027.toml"].map(|s| root().join("scenarios").join(s));
    let o = run_in(
        dir.path(),
        &["compare", scenarios[0].to_str().unwrap(), scenarios[1].to_str().unwrap(), "--out", "out", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    for name in ["infrastructure-2027", "infra-and-security-2027"] {
        for file in ["plan.csv", "plan.xlsx", "report.html"] {
            assert!(out.join(name).join(file).exists(), "{name}/{file}");
        }
    }
    let ranking = sheet(&out.join("comparison.xlsx"), "Comparison");
    assert_eq!(ranking.len(), 3);
    assert_eq!(ranking[1][1], Data::String("infrastructure-2027".into()));
    assert_eq!(ranking[1][4], Data::Float(7611.0));
    assert_sheet_is_csv(
        &sheet(&out.join("comparison.xlsx"), "Summary"),
        &csv_cells(&out.join("summary.csv")),
        "Summary",
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_self_contained(&html);
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 2, "a bar per scenario with a plan");
    let text = stdout(&o);
    assert!(
        text.contains("\nrank,scenario,status,objective,cost,currency,probability\n1,infrastructure-2027,optimal,"),
        "{text}"
    );
}

#[test]
fn score_prints_an_aligned_table_or_csv() {
    let org = root().join("data/example");
    let org = org.to_str().unwrap();
    let run = |format: &[&str]| {
        let mut args = vec!["score", "--org", org, "--on", "2027-01-01"];
        args.extend(format);
        let o = run_in(&root(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let (piped, csv, table) = (run(&[]), run(&["--format", "csv"]), run(&["--format", "table"]));
    assert_eq!(piped, csv, "CSV when piped");
    assert!(table.starts_with("designation  "), "{table}");
    let widths: Vec<usize> = table.lines().map(|l| l.find("applies").unwrap_or(0)).take(1).collect();
    assert!(widths[0] > 0);
    let column = |l: &str| l.char_indices().nth(widths[0]).map(|(i, _)| &l[i..]).unwrap_or("").to_string();
    assert!(table.lines().skip(1).all(|l| column(l).starts_with("true") || column(l).starts_with("false")), "{table}");
}

#[test]
fn completions_and_the_man_page_describe_the_commands() {
    let o = run_in(&root(), &["completions", "bash"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("certplan") && stdout(&o).contains("--csv-dialect"));
    let o = run_in(&root(), &["man"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH certplan"), "{}", stdout(&o));
}

/// The first of chromium's names found on the PATH.
fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .map(str::to_string)
        .find(|name| std::process::Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// Runs headless chromium on `page` with its own empty profile, adding `args`.
fn render(browser: &str, page: &Path, args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let profile = format!("--user-data-dir={}", profile.path().display());
    let url = format!("file://{}", page.display());
    std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            profile.as_str(),
        ])
        .args(args)
        .arg(url)
        .output()
        .unwrap()
}

#[test]
fn a_real_browser_renders_the_report_with_every_mark_and_not_blank() {
    let Some(browser) = chromium() else {
        let required = std::env::var_os("CERTPLAN_REQUIRE_CHROMIUM").is_some();
        assert!(!required, "CERTPLAN_REQUIRE_CHROMIUM is set (as CI sets it) but no chromium is installed");
        eprintln!("SKIPPED: no chromium on this machine (CI installs Debian's chromium; `apt-get install chromium`)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    plan(dir.path(), "infra-and-security-2027.toml", &[]);
    let page = dir.path().join("out/report.html");
    let rows = std::fs::read_to_string(dir.path().join("out/plan.csv")).unwrap().lines().count() - 1;
    let dom = render(&browser, &page, &["--dump-dom"]);
    assert!(dom.status.success(), "{}", stderr(&dom));
    let dom = stdout(&dom);
    assert!(dom.contains("<svg"), "{dom}");
    assert_eq!(marks(&dom), (2 * 4, rows), "the rendered page keeps every mark");
    assert_self_contained(&dom);
    assert!(!stderr(&render(&browser, &page, &["--dump-dom"])).contains("Uncaught"), "no script error");

    let shot = dir.path().join("shot.png");
    let o = render(&browser, &page, &[&format!("--screenshot={}", shot.display()), "--window-size=1000,1400"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let step = info.color_type.samples();
    let pixels = &pixels[..info.buffer_size()];
    let mut colours = std::collections::HashSet::new();
    let mut ink = 0;
    for px in pixels.chunks(step) {
        colours.insert(px[..3].to_vec());
        if px[..3].iter().any(|&v| v < 200) {
            ink += 1;
        }
    }
    let total = pixels.len() / step;
    assert!(colours.len() > 20, "{} colours: blank?", colours.len());
    assert!(ink * 100 > total, "{ink} of {total} pixels drawn: blank?");
}

#[test]
fn frontier_and_designations_write_their_charts_and_csvs_in_the_chosen_dialect() {
    let dir = tempfile::tempdir().unwrap();
    let budget = root().join("scenarios/training-budget-2027.toml");
    let o = run_in(
        dir.path(),
        &[
            "frontier",
            budget.to_str().unwrap(),
            "--budgets",
            "0,5000,20000",
            "--out",
            "f.csv",
            "--report",
            "f.html",
            "--csv-dialect",
            "excel-nl",
            "--lang",
            "nl",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let table = std::fs::read(dir.path().join("f.csv")).unwrap();
    assert!(table.starts_with(b"\xEF\xBB\xBFbudget;status;"), "excel-nl");
    assert!(String::from_utf8_lossy(&table).contains("\r\n5000,00;"), "decimal comma");
    let html = std::fs::read_to_string(dir.path().join("f.html")).unwrap();
    assert_self_contained(&html);
    assert_eq!(marks(&html).0, 3, "a point per budget on the curve");
    assert!(html.contains("Budgetgrens") && html.contains("€ 5.000,00"));

    let main = root().join("scenarios/infrastructure-2027.toml");
    let o = run_in(dir.path(), &["designations", main.to_str().unwrap(), "--out", "d.csv", "--report", "d.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = csv_cells(&dir.path().join("d.csv"));
    let cost = rows[0].iter().position(|h| h == "cost").unwrap();
    let planned = rows[1..].iter().filter(|r| !r[cost].is_empty()).count();
    let html = std::fs::read_to_string(dir.path().join("d.html")).unwrap();
    assert_self_contained(&html);
    assert_eq!(html.matches("<rect class=\"bar\"").count(), planned, "a bar per designation choice with a plan");
    assert!(planned > 0);
}

/// The outlook behind both outputs, on every bundled scenario that plans: cost per quarter
/// by part adds up to the plan's cost, action by action and in all; at the evaluation
/// quarter the score with the plan is the summary's (its best track); course demand counts
/// every exam and renewal once; the headline's quarter is the first at which every target
/// qualifies.
#[test]
fn the_outlook_adds_up_to_the_plan_on_every_bundled_scenario() {
    use certplan::analysis::outlook::Outlook;
    use certplan::io::{self, InputPaths};
    use certplan::model::cost::{action_cost, action_parts};
    use certplan::model::{ActionKind, Date};
    use certplan::solver::{self, SolveOptions, Status};
    let today = Date::parse("2026-11-26").unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        let Ok((scenarios, inputs)) = io::load_scenarios(&path, &InputPaths::default(), today) else { continue };
        for scenario in scenarios {
            let outcome = solver::solve(&inputs, &scenario, SolveOptions::default()).unwrap();
            if matches!(outcome.status, Status::Infeasible(_)) {
                continue;
            }
            let outlook = Outlook::new(&inputs, &scenario, &outcome);
            let name = &scenario.name;
            for a in &outcome.plan.actions {
                let p = action_parts(&inputs, &scenario, a);
                let (cost, _) = action_cost(&inputs, &scenario, a);
                assert!((p.exam_fees + p.training + p.staff_time - cost).abs() < 1e-9, "{name}: {a:?}");
            }
            let total: f64 = outlook.costs.iter().map(|c| c.exam_fees + c.training + c.staff_time).sum();
            assert!((total - outcome.cost).abs() < 1e-6, "{name}: {total} against {}", outcome.cost);
            let kinds = |k: ActionKind| outcome.plan.actions.iter().filter(|a| a.kind == k).count() as u32;
            assert_eq!(outlook.demand.iter().map(|d| d.seats).sum::<u32>(), kinds(ActionKind::Exam), "{name}");
            assert_eq!(outlook.demand.iter().map(|d| d.renewals).sum::<u32>(), kinds(ActionKind::Renew), "{name}");
            let at = outlook.quarters.iter().position(|q| *q == outcome.evaluation).unwrap();
            let results = certplan::report::plan::target_results(&inputs, &scenario, &outcome);
            for (series, result) in outlook.scores.iter().zip(&results) {
                assert!(
                    series.with[at] >= result.after.score - 1e-9,
                    "{name}: the best track scores at least the summary's"
                );
                assert!(series.without[at] <= series.with[at] + 1e-9, "{name}: actions never lower a score here");
            }
            if let Some(q) = outlook.qualifies_by {
                let i = outlook.quarters.iter().position(|x| *x == q).unwrap();
                assert!(outlook.scores.iter().all(|s| s.qualified_with[i]), "{name}");
                assert!(
                    (0..i).all(|j| outlook.scores.iter().any(|s| !s.qualified_with[j])),
                    "{name}: the first such quarter"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} scenarios checked");
}
