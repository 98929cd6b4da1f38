//! Issue 14 in the HTML reports: the "Chance of qualifying" section of `report.html` and the
//! probability per row of `compare`'s and `frontier`'s reports, every figure read back and
//! compared with `risk.csv`, `summary.csv` and the frontier table.

use crate::util::{folder, root, run_in, stderr};
use std::collections::HashMap;
use std::path::Path;

/// A bundled scenario with extra keys, in a temporary folder, as `s.toml`.
fn scenario_with(file: &str, extra: &str) -> tempfile::TempDir {
    let text = std::fs::read_to_string(root().join("scenarios").join(file)).unwrap();
    let text = text.replace("\"../data", &format!("\"{}", root().join("data").display()));
    folder(&[("s.toml", &format!("{text}\n{extra}\n"))])
}

/// Runs certplan in `dir` and insists it succeeds.
fn ok(dir: &Path, args: &[&str]) {
    let o = run_in(dir, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

/// The part of a page from `<section id="ID">` to its end.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

/// The texts of every `<tag …>…</tag>` in `html`, in order, unescaped.
fn texts(html: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&format!("<{tag}")) {
        let open = rest[i..].find('>').unwrap() + i + 1;
        let close = rest[open..].find(&format!("</{tag}>")).unwrap() + open;
        let text = rest[open..close].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        out.push(text.replace("&#39;", "'").replace("&amp;", "&"));
        rest = &rest[close..];
    }
    out
}

/// A report's number (`€7,598.51`, `€ 7.598,51`, `92.1 %`, `92,1 %`) as a number; a
/// percentage as a share.
fn number(text: &str, dutch: bool) -> f64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-')).collect();
    let plain = if dutch { digits.replace('.', "").replace(',', ".") } else { digits.replace(',', "") };
    let v: f64 = plain.parse().unwrap_or_else(|_| panic!("`{text}` is not a number"));
    if text.ends_with('%') {
        v / 100.0
    } else {
        v
    }
}

/// A CSV row as a map from column to cell.
type Record = HashMap<String, String>;

/// A CSV file's rows.
fn records(path: &Path) -> Vec<Record> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// A shown percentage (one decimal) is the CSV's six-decimal share rounded.
fn assert_percent(shown: &str, csv: &str, dutch: bool, what: &str) {
    let (shown_v, csv_v) = (number(shown, dutch), csv.parse::<f64>().unwrap());
    assert!((shown_v - csv_v).abs() <= 0.0005 + 1e-9, "{what}: report {shown}, CSV {csv}");
}

/// Plans `s.toml` into `p` with `extra` arguments and assesses the written plan into `r`:
/// the report, `risk.csv` and `summary.csv`.
fn plan_and_assess(dir: &Path, extra: &[&str]) -> (String, Vec<Record>, Vec<Record>) {
    let mut args = vec!["plan", "s.toml", "--out", "p"];
    args.extend(extra);
    ok(dir, &args);
    ok(dir, &["risk", "s.toml", "p/plan.csv", "--out", "r"]);
    let html = std::fs::read_to_string(dir.join("p/report.html")).unwrap();
    (html, records(&dir.join("r/risk.csv")), records(&dir.join("p/summary.csv")))
}

/// Checks the section's odds and cost tables against `risk.csv`, and returns its cells after
/// them (the price of certainty's table, when there is one).
fn assert_tables_match(risk: &str, csv: &[Record], dutch: bool, all: &str) -> Vec<String> {
    let cells = texts(risk, "td");
    let rows: Vec<&[String]> = cells.chunks(4).take(csv.len()).collect();
    for (row, record) in rows.iter().zip(csv) {
        let target = if record["target"] == "all" { all } else { record["target"].as_str() };
        assert_eq!(row[0], target);
        for (i, column) in ["probability", "probability_low", "probability_high"].iter().enumerate() {
            assert_percent(&row[i + 1], &record[*column], dutch, &format!("{target} {column}"));
        }
    }
    let costs = &cells[4 * csv.len()..4 * csv.len() + 4];
    for (shown, column) in costs.iter().zip(["cost_mean", "cost_p10", "cost_p50", "cost_p90"]) {
        assert_eq!(number(shown, dutch), csv[0][column].parse::<f64>().unwrap(), "{column}: {shown}");
    }
    cells[4 * csv.len() + 4..].to_vec()
}

#[test]
fn the_plan_report_shows_risk_csvs_probabilities_costs_and_causes() {
    let dir = scenario_with("infra-and-security-2027.toml", "attrition = 0.02\nsamples = 4000");
    let (html, csv, summary) = plan_and_assess(dir.path(), &[]);
    let risk = section(&html, "risk");
    assert!(risk.contains("<h2>Chance of qualifying</h2>"), "{risk}");
    assert_eq!(csv.len(), 3, "two targets and all");
    assert!(assert_tables_match(risk, &csv, false, "all targets").is_empty(), "no price of certainty without a search");
    let all = &csv[2];
    assert!(risk.contains(&format!("4,000 samples, seed {}", all["seed"])), "{risk}");
    // The summary's probability is the one shown.
    for (column, shown) in ["probability", "probability_low", "probability_high"]
        .iter()
        .zip(texts(risk, "td").chunks(4).nth(2).unwrap()[1..].iter())
    {
        assert_percent(shown, &summary[0][*column], false, column);
    }
    // The causes, as the terminal and risk.csv word them: the most frequent first, and each
    // target's own most frequent among them.
    let causes = texts(risk, "li");
    assert!(!causes.is_empty() && causes.len() <= 5, "{causes:?}");
    assert_eq!(causes[0], all["top_cause"]);
    for record in &csv[..2] {
        if !record["top_cause"].is_empty() {
            assert!(causes.contains(&record["top_cause"]), "{}: {causes:?}", record["top_cause"]);
        }
    }
    assert!(causes.iter().any(|c| c.contains("someone leaving")), "attrition is behind some failure: {causes:?}");
}

#[test]
fn the_dutch_report_shows_the_price_of_certainty_in_dutch_numbers() {
    let dir = scenario_with("infrastructure-2027.toml", "min_probability = 0.95");
    let (html, csv, summary) = plan_and_assess(dir.path(), &["--lang", "nl"]);
    let risk = section(&html, "risk");
    assert!(risk.contains("<h2>Kans op kwalificatie</h2>"), "{risk}");
    assert!(risk.contains("Kans dat elk doel kwalificeert op 31 dec 2027: "), "{risk}");
    assert!(risk.contains("10.000 trekkingen, seed 1") && !risk.contains("samples"), "{risk}");
    let price = assert_tables_match(risk, &csv, true, "alle doelen");
    // The optimal plan (7611.00 at 92.1 %) beside the chosen one, which summary.csv describes.
    assert_eq!(price.len(), 8, "{price:?}");
    assert_eq!(price[..3], ["optimaal plan", "€ 7.611,00", "92,1 %"]);
    assert!(price[4].starts_with("gekozen plan ("), "{price:?}");
    let cost: f64 = summary[0]["total_cost"].parse().unwrap();
    assert_eq!(number(&price[5], true), cost);
    assert_percent(&price[6], &summary[0]["probability"], true, "chosen probability");
    assert!(number(&price[6], true) >= 0.95 && cost > 7611.0, "{price:?}");
    let words = texts(risk, "p").into_iter().find(|p| p.starts_with("De prijs van zekerheid: ")).expect("the price");
    let extra = words.trim_start_matches("De prijs van zekerheid: ").split(" (").next().unwrap();
    assert!((number(extra, true) - (cost - 7611.0)).abs() < 0.005, "{words}");
    assert!(words.contains("gevraagd: minstens 95,0 %"), "{words}");
    for cause in texts(risk, "li") {
        assert!(cause.contains("schiet tekort in") && !cause.contains("falls short"), "{cause}");
    }
}

#[test]
fn compare_and_frontier_reports_show_the_probability_of_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios =
        ["infrastructure-2027.toml", "infra-and-security-2027.toml"].map(|s| root().join("scenarios").join(s));
    ok(dir.path(), &["compare", scenarios[0].to_str().unwrap(), scenarios[1].to_str().unwrap(), "--out", "o"]);
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    let summary = records(&dir.path().join("o/summary.csv"));
    let ranking = texts(section(&html, "ranking"), "td");
    assert_eq!(ranking.len(), 2 * 5, "{ranking:?}");
    for row in ranking.chunks(5) {
        let record = summary.iter().find(|r| r["scenario"] == row[1]).expect("the scenario's summary");
        assert_percent(&row[4], &record["probability"], false, &row[1]);
        // The bar's label carries it too, and so does the scenario's own report.
        assert!(html.contains(&format!(" · {}</text>", row[4])), "{}", row[4]);
        let own = std::fs::read_to_string(dir.path().join("o").join(&row[1]).join("report.html")).unwrap();
        let all = texts(section(&own, "risk"), "td").into_iter().skip_while(|c| c != "all targets").nth(1);
        assert_eq!(all.as_deref(), Some(row[4].as_str()), "{}", row[1]);
    }

    let budget = root().join("scenarios/training-budget-2027.toml");
    let args = ["frontier", budget.to_str().unwrap(), "--budgets", "0,5000,20000", "--out", "f.csv"];
    ok(dir.path(), &[&args[..], &["--report", "f.html", "--lang", "nl"]].concat());
    let html = std::fs::read_to_string(dir.path().join("f.html")).unwrap();
    let table = records(&dir.path().join("f.csv"));
    let cells = texts(&html[html.find("<table").unwrap()..], "td");
    assert_eq!(cells.len(), 3 * 6, "{cells:?}");
    let labels: Vec<String> = texts(&html, "text").into_iter().filter(|t| t.ends_with(" %")).collect();
    assert_eq!(labels.len(), 3, "a probability above each point: {labels:?}");
    for ((row, record), label) in cells.chunks(6).zip(&table).zip(&labels) {
        assert_eq!(number(&row[0], true), record["budget"].parse::<f64>().unwrap());
        assert_percent(&row[5], &record["probability"], true, &row[0]);
        assert_eq!(&row[5], label);
    }
}
