//! Microsoft's worked examples (domain doc §1-§6, encoded as in §11), scored by `certplan score`
//! on tiny organisations against the bundled catalogue and FY27 rules.
//!
//! Every expectation below was worked out by hand from `data/rules/fy27.toml`, `data/catalog.csv`
//! and the contract (spec/formats.md §1.2, §1.3, §3, §5): a step earns
//! `points × min(n, people) / people` once every earlier step of its metric is complete, a metric
//! is capped at its `max_points`, and a designation qualifies at ≥ 70 with every metric > 0.

use crate::util::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The scoring day of every test unless it says otherwise.
const ON: &str = "2027-01-15";

/// A profile naming the track of every classified designation and giving no points, so a
/// designation's score equals its skilling points.
const NO_POINTS: &str = r#"
name = "Test partner"
currency = "EUR"
[tracks]
infrastructure = "enterprise"
digital-app-innovation = "enterprise"
data-ai = "enterprise"
business-applications = "enterprise"
"#;

/// One output row, by column name.
type Row = BTreeMap<String, String>;

/// An organisation folder from its three files.
fn org(employees: &str, holdings: &str, profile: &str) -> tempfile::TempDir {
    folder(&[("employees.csv", employees), ("holdings.csv", holdings), ("profile.toml", profile)])
}

/// An organisation whose people hold `(person, certification)`, every grant earned on 2026-06-01
/// (so a 12-month certification is active until 2027-06-01, well past [`ON`]).
fn team(held: &[(&str, &str)], profile: &str) -> tempfile::TempDir {
    let mut ids: Vec<&str> = held.iter().map(|(p, _)| *p).collect();
    ids.sort();
    ids.dedup();
    let employees = format!("id\n{}\n", ids.join("\n"));
    let holdings: String = std::iter::once("employee_id,certification,earned_on\n".to_string())
        .chain(held.iter().map(|(p, c)| format!("{p},{c},2026-06-01\n")))
        .collect();
    org(&employees, &holdings, profile)
}

/// `n` people `{prefix}1..{prefix}n`, each holding `cert`.
fn many<'a>(prefix: &str, n: usize, cert: &'a str) -> Vec<(String, &'a str)> {
    (1..=n).map(|i| (format!("{prefix}{i}"), cert)).collect()
}

/// Borrows owned pairs for [`team`].
fn pairs<'a>(owned: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
    owned.iter().map(|(p, c)| (p.as_str(), *c)).collect()
}

/// Runs `certplan score` on the bundled catalogue and rules (or other rules) and parses the CSV.
fn score_with(dir: &Path, on: &str, rules: &Path, extra: &[&str]) -> Vec<Row> {
    let catalog = root().join("data/catalog.csv");
    let mut args = vec![
        "score",
        "--org",
        dir.to_str().unwrap(),
        "--catalog",
        catalog.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--on",
        on,
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "score failed:\n{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// `certplan score --on DAY` with the bundled rules.
fn score_on(dir: &tempfile::TempDir, on: &str) -> Vec<Row> {
    score_with(dir.path(), on, &root().join("data/rules/fy27.toml"), &[])
}

/// `certplan score --on 2027-01-15` with the bundled rules.
fn score(dir: &tempfile::TempDir) -> Vec<Row> {
    score_on(dir, ON)
}

/// The row of one designation and track.
fn row<'a>(rows: &'a [Row], designation: &str, track: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["designation"] == designation && r["track"] == track)
        .unwrap_or_else(|| panic!("no row {designation}/{track}"))
}

/// One metric's points from the `metrics` column (`id=points;…`).
fn metric(r: &Row, id: &str) -> String {
    r["metrics"]
        .split(';')
        .find_map(|kv| kv.strip_prefix(id).and_then(|rest| rest.strip_prefix('=')))
        .unwrap_or_else(|| panic!("no metric {id} in `{}`", r["metrics"]))
        .to_string()
}

/// Asserts `skilling`, `score` and the given metric points of one row.
fn expect(rows: &[Row], designation: &str, track: &str, skilling: &str, score: &str, metrics: &[(&str, &str)]) {
    let r = row(rows, designation, track);
    assert_eq!(r["skilling"], skilling, "{designation}/{track} skilling: {r:?}");
    assert_eq!(r["score"], score, "{designation}/{track} score: {r:?}");
    for (id, points) in metrics {
        assert_eq!(metric(r, id), *points, "{designation}/{track} metric {id}: {r:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Infrastructure (domain §1.2) and Digital & App Innovation (§2.2)
// ---------------------------------------------------------------------------------------------

#[test]
fn infrastructure_enterprise_two_admins_and_five_step2_people_earn_20() {
    let people = [many("admin", 2, "AZ-104"), many("net", 5, "AZ-700")].concat();
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "infrastructure", "enterprise", "20.00", "20.00", &[("intermediate", "20.00"), ("advanced", "0.00")]);
    // SMB: step 1 earns 4 (capped at one person), step 2 earns 16 for 4 of the 5 people.
    expect(&rows, "infrastructure", "smb", "20.00", "20.00", &[("intermediate", "20.00"), ("advanced", "0.00")]);
}

#[test]
fn infrastructure_enterprise_one_admin_leaves_the_gate_closed() {
    let people = [many("admin", 1, "AZ-104"), many("net", 5, "AZ-700")].concat();
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "infrastructure", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);
    let r = row(&rows, "infrastructure", "enterprise");
    assert_eq!(r["qualified"], "false");
    assert!(
        r["missing"].contains("intermediate has 0 points: needs 1 more person with AZ-104 (step 1 of intermediate)"),
        "{}",
        r["missing"]
    );
    // The same people in SMB: 4 + 16.
    expect(&rows, "infrastructure", "smb", "20.00", "20.00", &[("intermediate", "20.00")]);
}

#[test]
fn infrastructure_smb_one_admin_earns_4() {
    let rows = score(&team(&[("admin", "AZ-104")], NO_POINTS));
    expect(&rows, "infrastructure", "smb", "4.00", "4.00", &[("intermediate", "4.00"), ("advanced", "0.00")]);
    expect(&rows, "infrastructure", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);
    let smb = &row(&rows, "infrastructure", "smb")["missing"];
    assert!(smb.contains("advanced has 0 points: needs 1 more person with AZ-305 (step 1 of advanced)"), "{smb}");
    assert!(smb.contains("score 4.00 is 66.00 below 70"), "{smb}");
    let ent = &row(&rows, "infrastructure", "enterprise")["missing"];
    assert!(ent.contains("needs 2 more people with AZ-305 (step 1 of advanced)"), "{ent}");
    assert!(ent.contains("needs 1 more person with AZ-104 (step 1 of intermediate)"), "{ent}");
}

#[test]
fn infrastructure_partial_step_points_are_proportional() {
    // Enterprise: gate met, 2 of 5 step-2 people = 8. SMB: 4 + 2 × 4 = 12.
    let people = [many("admin", 2, "AZ-104"), many("net", 2, "AZ-700")].concat();
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "infrastructure", "enterprise", "8.00", "8.00", &[("intermediate", "8.00")]);
    expect(&rows, "infrastructure", "smb", "12.00", "12.00", &[("intermediate", "12.00")]);
}

#[test]
fn infrastructure_smb_step2_scores_nothing_without_step1() {
    let people = many("net", 3, "AZ-700");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "infrastructure", "smb", "0.00", "0.00", &[("intermediate", "0.00")]);
    expect(&rows, "infrastructure", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);
}

#[test]
fn infrastructure_full_40_in_both_tracks_caps_each_metric_at_20() {
    // Five people each with AZ-104, AZ-305, AZ-700 and AZ-140 (domain §1.4, "full 40 points").
    let mut held = Vec::new();
    for p in ["p1", "p2", "p3", "p4", "p5"] {
        for c in ["AZ-104", "AZ-305", "AZ-700", "AZ-140"] {
            held.push((p, c));
        }
    }
    let rows = score(&team(&held, NO_POINTS));
    for track in ["enterprise", "smb"] {
        // SMB would be 4 + 16 = 20 per metric; capped at 20 either way.
        expect(&rows, "infrastructure", track, "40.00", "40.00", &[("intermediate", "20.00"), ("advanced", "20.00")]);
    }
}

#[test]
fn digital_app_innovation_advanced_github_route() {
    // Two architects (AZ-104 + AZ-305) open the advanced gate; three GH-300 holders are step 2.
    let mut held = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    held.extend([("g1", "GH-300"), ("g2", "GH-300"), ("g3", "GH-300")]);
    let rows = score(&team(&held, NO_POINTS));
    // Enterprise: intermediate gate met but no step-2 person = 0; advanced 3 × 4 = 12.
    expect(
        &rows,
        "digital-app-innovation",
        "enterprise",
        "12.00",
        "12.00",
        &[("intermediate", "0.00"), ("advanced", "12.00")],
    );
    // SMB: intermediate 4; advanced 4 + 3 × 4 = 16.
    expect(
        &rows,
        "digital-app-innovation",
        "smb",
        "20.00",
        "20.00",
        &[("intermediate", "4.00"), ("advanced", "16.00")],
    );
    let ent = &row(&rows, "digital-app-innovation", "enterprise")["missing"];
    assert!(
        ent.contains("intermediate has 0 points: needs 1 more person with AZ-204 or PL-400 or AI-200 or GH-600 (step 2 of intermediate)"),
        "{ent}"
    );
}

// ---------------------------------------------------------------------------------------------
// Data & AI (domain §3.2): three steps, 40 points
// ---------------------------------------------------------------------------------------------

#[test]
fn data_ai_enterprise_needs_both_gates_before_step3_scores() {
    // Two people with AZ-104 + AZ-305, three DP-600 holders: 3 × 4 = 12.
    let mut held = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    held.extend([("d1", "DP-600"), ("d2", "DP-600"), ("d3", "DP-600")]);
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "data-ai", "enterprise", "12.00", "12.00", &[("intermediate", "12.00")]);
    // SMB: 4 + 4 + 3 × 4 = 20.
    expect(&rows, "data-ai", "smb", "20.00", "20.00", &[("intermediate", "20.00")]);

    // Only one architect: the step-2 gate stays closed.
    let mut held = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104")];
    held.extend([("d1", "DP-600"), ("d2", "DP-600"), ("d3", "DP-600")]);
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "data-ai", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);
    let missing = &row(&rows, "data-ai", "enterprise")["missing"];
    assert!(
        missing.contains("intermediate has 0 points: needs 1 more person with AZ-305 (step 2 of intermediate)"),
        "{missing}"
    );
    expect(&rows, "data-ai", "smb", "20.00", "20.00", &[("intermediate", "20.00")]);
}

#[test]
fn data_ai_enterprise_caps_at_40_with_ten_step3_people() {
    let mut held = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    let step3 = many("d", 11, "DP-700");
    held.extend(pairs(&step3));
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "data-ai", "enterprise", "40.00", "40.00", &[("intermediate", "40.00")]);
    expect(&rows, "data-ai", "smb", "40.00", "40.00", &[("intermediate", "40.00")]);
}

#[test]
fn data_ai_smb_four_plus_four_plus_step3() {
    // Microsoft's SMB example: step 1 alone earns 4.
    let rows = score(&team(&[("a1", "AZ-104")], NO_POINTS));
    expect(&rows, "data-ai", "smb", "4.00", "4.00", &[("intermediate", "4.00")]);

    // One person with AZ-104 + AZ-305, two step-3 people: 4 + 4 + 8 = 16.
    let rows = score(&team(&[("a1", "AZ-104"), ("a1", "AZ-305"), ("d1", "PL-300"), ("d2", "DP-300")], NO_POINTS));
    expect(&rows, "data-ai", "smb", "16.00", "16.00", &[("intermediate", "16.00")]);
    // Enterprise: one AZ-104 holder is not enough for the gate.
    expect(&rows, "data-ai", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);

    // Full SMB 40: 4 + 4 + 8 step-3 people × 4 = 32.
    let mut held = vec![("a1", "AZ-104"), ("a1", "AZ-305")];
    let step3 = many("d", 8, "DP-300");
    held.extend(pairs(&step3));
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "data-ai", "smb", "40.00", "40.00", &[("intermediate", "40.00")]);
}

// ---------------------------------------------------------------------------------------------
// Security (domain §4): best track
// ---------------------------------------------------------------------------------------------

#[test]
fn security_smb_full_40_with_overlapping_people() {
    // p1 holds SC-500 (step 1), SC-200 (step 2) and SC-300 (step 3); three more step-3 people.
    let held =
        [("p1", "SC-500"), ("p1", "SC-200"), ("p1", "SC-300"), ("p2", "SC-401"), ("p3", "SC-401"), ("p4", "SC-300")];
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "security", "smb", "40.00", "40.00", &[("intermediate", "40.00")]);
    // Enterprise: one SC-500 holder does not open the gate of 2.
    expect(&rows, "security", "enterprise", "0.00", "0.00", &[("intermediate", "0.00")]);
    let missing = &row(&rows, "security", "enterprise")["missing"];
    assert!(missing.contains("needs 1 more person with AZ-500 or SC-500 (step 1 of intermediate)"), "{missing}");
}

#[test]
fn security_enterprise_three_step3_people_earn_20() {
    let held = [
        ("g1", "SC-500"),
        ("g1", "SC-200"),
        ("g2", "SC-500"),
        ("g2", "SC-200"),
        ("s1", "SC-300"),
        ("s2", "SC-300"),
        ("s3", "SC-401"),
    ];
    let rows = score(&team(&held, NO_POINTS));
    // 40 × 3 / 6 = 20.
    expect(&rows, "security", "enterprise", "20.00", "20.00", &[("intermediate", "20.00")]);
    // SMB: 4 + 4 + 3 × 8 = 32.
    expect(&rows, "security", "smb", "32.00", "32.00", &[("intermediate", "32.00")]);
}

#[test]
fn security_enterprise_one_step3_person_prints_two_decimals() {
    let held = [("g1", "AZ-500"), ("g1", "SC-200"), ("g2", "SC-500"), ("g2", "SC-200"), ("s1", "SC-401")];
    let rows = score(&team(&held, NO_POINTS));
    // 40 / 6 = 6.666… printed as 6.67; SMB 4 + 4 + 8 = 16.
    expect(&rows, "security", "enterprise", "6.67", "6.67", &[("intermediate", "6.67")]);
    expect(&rows, "security", "smb", "16.00", "16.00", &[("intermediate", "16.00")]);
}

// ---------------------------------------------------------------------------------------------
// Modern Work (domain §5): best track, linear points
// ---------------------------------------------------------------------------------------------

#[test]
fn modern_work_intermediate_enterprise_4_people_smb_2_people() {
    let people = many("t", 4, "MS-700");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "modern-work", "enterprise", "10.00", "10.00", &[("intermediate", "10.00"), ("advanced", "0.00")]);
    expect(&rows, "modern-work", "smb", "10.00", "10.00", &[("intermediate", "10.00")]);

    let people = many("t", 2, "MD-102");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    // Enterprise 2 × 2.5 = 5; SMB 2 × 5 = 10.
    expect(&rows, "modern-work", "enterprise", "5.00", "5.00", &[("intermediate", "5.00")]);
    expect(&rows, "modern-work", "smb", "10.00", "10.00", &[("intermediate", "10.00")]);
}

#[test]
fn modern_work_advanced_one_ms102_holder() {
    // MS-102 requires one M365 associate (MD-102 here), which also counts as intermediate.
    let rows = score(&team(&[("m1", "MD-102"), ("m1", "MS-102")], NO_POINTS));
    // Enterprise: intermediate 2.5, advanced 7.5. SMB: 5 + 15.
    expect(&rows, "modern-work", "enterprise", "10.00", "10.00", &[("intermediate", "2.50"), ("advanced", "7.50")]);
    expect(&rows, "modern-work", "smb", "20.00", "20.00", &[("intermediate", "5.00"), ("advanced", "15.00")]);
}

// ---------------------------------------------------------------------------------------------
// Business Applications (domain §6): per-person points and caps
// ---------------------------------------------------------------------------------------------

#[test]
fn business_applications_seven_advanced_people_cap_enterprise_at_15() {
    let people = many("b", 7, "MB-820");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(
        &rows,
        "business-applications",
        "enterprise",
        "15.00",
        "15.00",
        &[("advanced", "15.00"), ("intermediate", "0.00")],
    );
    expect(&rows, "business-applications", "smb", "15.00", "15.00", &[("advanced", "15.00")]);

    let people = many("b", 8, "MB-820");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "business-applications", "enterprise", "15.00", "15.00", &[("advanced", "15.00")]);
}

#[test]
fn business_applications_partial_advanced_points() {
    // Enterprise: 15 × 3 / 7 = 6.43. SMB: 2 people reach the 15 cap.
    let people = many("b", 3, "MB-820");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "business-applications", "enterprise", "6.43", "6.43", &[("advanced", "6.43")]);
    expect(&rows, "business-applications", "smb", "15.00", "15.00", &[("advanced", "15.00")]);

    let rows = score(&team(&[("b1", "MB-820")], NO_POINTS));
    // Enterprise 15 / 7 = 2.14; SMB 7.5 per person.
    expect(&rows, "business-applications", "enterprise", "2.14", "2.14", &[("advanced", "2.14")]);
    expect(&rows, "business-applications", "smb", "7.50", "7.50", &[("advanced", "7.50")]);
}

#[test]
fn business_applications_intermediate_per_person_points() {
    // SMB: 4 per person, 5 people = 20. Enterprise: 1 per person.
    let people = many("b", 5, "MB-800");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "business-applications", "smb", "20.00", "20.00", &[("intermediate", "20.00")]);
    expect(&rows, "business-applications", "enterprise", "5.00", "5.00", &[("intermediate", "5.00")]);

    // Enterprise: 20 people = 20; 22 people still 20.
    let people = many("b", 22, "MB-230");
    let rows = score(&team(&pairs(&people), NO_POINTS));
    expect(&rows, "business-applications", "enterprise", "20.00", "20.00", &[("intermediate", "20.00")]);
    expect(&rows, "business-applications", "smb", "20.00", "20.00", &[("intermediate", "20.00")]);
}

// ---------------------------------------------------------------------------------------------
// Who counts (contract §1.2, §3)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_person_with_two_step2_certifications_counts_once() {
    let held = [("a1", "AZ-104"), ("a2", "AZ-104"), ("n1", "AZ-700"), ("n1", "AZ-802")];
    let rows = score(&team(&held, NO_POINTS));
    expect(&rows, "infrastructure", "enterprise", "4.00", "4.00", &[("intermediate", "4.00")]);
    expect(&rows, "infrastructure", "smb", "8.00", "8.00", &[("intermediate", "8.00")]);
    let detail = score_with(team(&held, NO_POINTS).path(), ON, &root().join("data/rules/fy27.toml"), &["--detail"]);
    let step2 = detail
        .iter()
        .find(|r| {
            r["designation"] == "infrastructure"
                && r["track"] == "enterprise"
                && r["metric"] == "intermediate"
                && r["step"] == "2"
        })
        .expect("step 2 row");
    assert_eq!(step2["people"], "1");
}

#[test]
fn one_person_counts_in_several_steps_metrics_and_designations() {
    let held =
        [("p1", "AZ-104"), ("p1", "AZ-305"), ("p1", "AZ-700"), ("p1", "AZ-140"), ("p1", "PL-300"), ("p1", "SC-300")];
    let rows = score(&team(&held, NO_POINTS));
    // Infrastructure SMB: intermediate 4 + 4, advanced 4 + 4.
    expect(&rows, "infrastructure", "smb", "16.00", "16.00", &[("intermediate", "8.00"), ("advanced", "8.00")]);
    // Digital & App Innovation SMB: AZ-104 and AZ-305 only.
    expect(&rows, "digital-app-innovation", "smb", "8.00", "8.00", &[("intermediate", "4.00"), ("advanced", "4.00")]);
    // Data & AI SMB: AZ-104, AZ-305 and PL-300 in step 3: 4 + 4 + 4.
    expect(&rows, "data-ai", "smb", "12.00", "12.00", &[("intermediate", "12.00")]);
    // Modern Work: SC-300 is intermediate (2.5 / 5).
    expect(&rows, "modern-work", "enterprise", "2.50", "2.50", &[("intermediate", "2.50")]);
    expect(&rows, "modern-work", "smb", "5.00", "5.00", &[("intermediate", "5.00")]);
    // Business Applications: PL-300 is intermediate (1 / 4).
    expect(&rows, "business-applications", "enterprise", "1.00", "1.00", &[("intermediate", "1.00")]);
    expect(&rows, "business-applications", "smb", "4.00", "4.00", &[("intermediate", "4.00")]);
    // Security: SC-300 is step 3, but step 1 is missing.
    expect(&rows, "security", "smb", "0.00", "0.00", &[("intermediate", "0.00")]);
}

/// Infrastructure SMB intermediate points of one AZ-104 holder described by a `holdings.csv`
/// row `p1,AZ-104,{earned_on},{expires_on}` and an `employees.csv` row `p1,{linked},{leaves_on}`.
fn admin_points(earned_on: &str, expires_on: &str, linked: &str, leaves_on: &str, on: &str) -> String {
    let dir = org(
        &format!("id,linked,leaves_on\np1,{linked},{leaves_on}\n"),
        &format!("employee_id,certification,earned_on,expires_on\np1,AZ-104,{earned_on},{expires_on}\n"),
        NO_POINTS,
    );
    metric(row(&score_on(&dir, on), "infrastructure", "smb"), "intermediate")
}

#[test]
fn expiry_defaults_to_earned_on_plus_valid_months() {
    // AZ-104 is valid 12 months: earned 2026-01-15 → active through 2027-01-15.
    assert_eq!(admin_points("2026-01-15", "", "", "", ON), "4.00");
    assert_eq!(admin_points("2026-01-14", "", "", "", ON), "0.00", "expired on 2027-01-14");
    // Months are clamped: 2024-02-29 + 12 months = 2025-02-28.
    assert_eq!(admin_points("2024-02-29", "", "", "", "2025-02-28"), "4.00");
    assert_eq!(admin_points("2024-02-29", "", "", "", "2025-03-01"), "0.00");
}

#[test]
fn an_explicit_expires_on_wins_and_a_holding_expired_before_the_day_does_not_count() {
    assert_eq!(admin_points("2025-06-01", "2027-06-01", "", "", ON), "4.00", "renewed: expires 2027-06-01");
    assert_eq!(admin_points("2026-06-01", "2027-01-14", "", "", ON), "0.00", "expired the day before");
    assert_eq!(admin_points("2026-06-01", "2027-01-15", "", "", ON), "4.00", "expires on the day itself");
    assert_eq!(admin_points("", "", "", "", ON), "4.00", "no dates at all: held, never expires");
    assert_eq!(admin_points("", "2027-01-14", "", "", ON), "0.00");
}

#[test]
fn a_certification_earned_after_the_day_does_not_count_yet() {
    assert_eq!(admin_points("2027-01-16", "", "", "", ON), "0.00");
    assert_eq!(admin_points("2027-01-15", "", "", "", ON), "4.00");
}

#[test]
fn the_same_certification_twice_is_two_grants() {
    // One expired grant and one active renewal-by-exam: the person counts (once).
    let dir =
        org("id\np1\n", "employee_id,certification,earned_on\np1,AZ-104,2024-03-01\np1,AZ-104,2026-03-01\n", NO_POINTS);
    assert_eq!(metric(row(&score(&dir), "infrastructure", "smb"), "intermediate"), "4.00");
}

#[test]
fn leavers_stop_counting_on_their_leaving_day() {
    assert_eq!(admin_points("2026-06-01", "", "", "2027-01-15", ON), "0.00");
    assert_eq!(admin_points("2026-06-01", "", "", "2026-12-01", ON), "0.00");
    assert_eq!(admin_points("2026-06-01", "", "", "2027-01-16", ON), "4.00");
}

#[test]
fn unlinked_people_count_for_nothing() {
    assert_eq!(admin_points("2026-06-01", "", "false", "", ON), "0.00");
    assert_eq!(admin_points("2026-06-01", "", "No", "", ON), "0.00");
    assert_eq!(admin_points("2026-06-01", "", "yes", "", ON), "4.00");
    // An unlinked person with everything: nothing anywhere.
    let dir = org(
        "id,linked\np1,false\np2,true\n",
        "employee_id,certification,earned_on\np1,AZ-104,2026-06-01\np1,AZ-305,2026-06-01\np1,SC-300,2026-06-01\np2,MS-700,2026-06-01\n",
        NO_POINTS,
    );
    let rows = score(&dir);
    expect(&rows, "infrastructure", "smb", "0.00", "0.00", &[]);
    expect(&rows, "data-ai", "smb", "0.00", "0.00", &[]);
    // Only p2 counts in Modern Work: 5 points in SMB, not 10.
    expect(&rows, "modern-work", "smb", "5.00", "5.00", &[("intermediate", "5.00")]);
}

#[test]
fn a_retired_certification_counts_until_counts_until_and_not_after() {
    // TEAMS-ROOMS-TA never expires (valid_months 0) but counts only until 2027-06-15.
    let dir = org("id\nm1\n", "employee_id,certification,earned_on\nm1,TEAMS-ROOMS-TA,2025-01-10\n", NO_POINTS);
    let rows = score_on(&dir, "2027-06-15");
    expect(&rows, "modern-work", "smb", "15.00", "15.00", &[("advanced", "15.00")]);
    expect(&rows, "modern-work", "enterprise", "7.50", "7.50", &[("advanced", "7.50")]);
    let rows = score_on(&dir, "2027-06-16");
    expect(&rows, "modern-work", "smb", "0.00", "0.00", &[("advanced", "0.00")]);

    // MS-900 (fundamentals, never expires) counts until 2027-03-31.
    let dir = org("id\nf1\n", "employee_id,certification,earned_on\nf1,MS-900,2023-05-01\n", NO_POINTS);
    expect(&score_on(&dir, "2027-03-31"), "modern-work", "smb", "5.00", "5.00", &[("intermediate", "5.00")]);
    expect(&score_on(&dir, "2027-04-01"), "modern-work", "smb", "0.00", "0.00", &[("intermediate", "0.00")]);
}

#[test]
fn az305_counts_only_with_an_active_az104() {
    // Without AZ-104 the architect earns nothing.
    let rows = score(&team(&[("p1", "AZ-305")], NO_POINTS));
    let smb = row(&rows, "infrastructure", "smb");
    assert_eq!(metric(smb, "advanced"), "0.00");
    assert!(smb["missing"].contains("advanced has 0 points: needs 1 more person with AZ-305 (step 1 of advanced)"));
    // With it: 4 + 4 in SMB.
    let rows = score(&team(&[("p1", "AZ-305"), ("p1", "AZ-104")], NO_POINTS));
    expect(&rows, "infrastructure", "smb", "8.00", "8.00", &[("intermediate", "4.00"), ("advanced", "4.00")]);
    // Someone else's AZ-104 does not help.
    let rows = score(&team(&[("p1", "AZ-305"), ("p2", "AZ-104")], NO_POINTS));
    expect(&rows, "infrastructure", "smb", "4.00", "4.00", &[("intermediate", "4.00"), ("advanced", "0.00")]);
    // An expired AZ-104 does not help either.
    let dir =
        org("id\np1\n", "employee_id,certification,earned_on\np1,AZ-104,2025-06-01\np1,AZ-305,2026-06-01\n", NO_POINTS);
    expect(&score(&dir), "infrastructure", "smb", "0.00", "0.00", &[("intermediate", "0.00"), ("advanced", "0.00")]);
}

#[test]
fn requires_all_needs_every_listed_certification() {
    // AZ-801 requires_all AZ-800 (Windows Server Hybrid Administrator = both exams).
    let base = [("a1", "AZ-104"), ("w1", "AZ-801")];
    expect(&score(&team(&base, NO_POINTS)), "infrastructure", "smb", "4.00", "4.00", &[("intermediate", "4.00")]);
    let both = [("a1", "AZ-104"), ("w1", "AZ-801"), ("w1", "AZ-800")];
    expect(&score(&team(&both, NO_POINTS)), "infrastructure", "smb", "8.00", "8.00", &[("intermediate", "8.00")]);
}

#[test]
fn a_prerequisite_need_not_itself_count() {
    // §5.5: AZ-400 requires AZ-104 or AZ-204. On 2027-08-15 AZ-204 is past its counts_until
    // (2027-07-31) but still active, so it no longer scores yet still unlocks AZ-400.
    let dir = org(
        "id\narch\ndev\n",
        "employee_id,certification,earned_on\narch,AZ-104,2027-01-01\narch,AZ-305,2027-01-01\ndev,AZ-204,2027-01-01\ndev,AZ-400,2027-01-01\n",
        NO_POINTS,
    );
    let rows = score_on(&dir, "2027-08-15");
    // Intermediate: AZ-104 = 4, AZ-204 no longer counts. Advanced: AZ-305 4 + AZ-400 4.
    expect(&rows, "digital-app-innovation", "smb", "12.00", "12.00", &[("intermediate", "4.00"), ("advanced", "8.00")]);
    // On the last day of the grace both of dev's certifications count.
    let rows = score_on(&dir, "2027-07-31");
    expect(&rows, "digital-app-innovation", "smb", "16.00", "16.00", &[("intermediate", "8.00"), ("advanced", "8.00")]);
}

// ---------------------------------------------------------------------------------------------
// Tracks and profile points (contract §1.2, §5.11, §5.12)
// ---------------------------------------------------------------------------------------------

#[test]
fn applies_is_the_profiles_track_when_classified_and_every_track_when_best() {
    let profile = r#"
name = "T"
[tracks]
infrastructure = "smb"
digital-app-innovation = "enterprise"
data-ai = "smb"
business-applications = "enterprise"
"#;
    let rows = score(&team(&[("p1", "AZ-104")], profile));
    assert_eq!(rows.len(), 12, "every track of every designation");
    let expected = [
        ("infrastructure", "enterprise", "false"),
        ("infrastructure", "smb", "true"),
        ("digital-app-innovation", "enterprise", "true"),
        ("digital-app-innovation", "smb", "false"),
        ("data-ai", "enterprise", "false"),
        ("data-ai", "smb", "true"),
        ("security", "enterprise", "true"),
        ("security", "smb", "true"),
        ("modern-work", "enterprise", "true"),
        ("modern-work", "smb", "true"),
        ("business-applications", "enterprise", "true"),
        ("business-applications", "smb", "false"),
    ];
    for (d, t, applies) in expected {
        assert_eq!(row(&rows, d, t)["applies"], applies, "{d}/{t}");
    }
    // The other track of a classified designation is still scored.
    expect(&rows, "infrastructure", "enterprise", "0.00", "0.00", &[]);
    expect(&rows, "infrastructure", "smb", "4.00", "4.00", &[]);
}

#[test]
fn per_track_points_override_flat_points_metric_by_metric() {
    let profile = r#"
name = "T"
[tracks]
infrastructure = "smb"

[points.security]
net-customer-adds = 10
deployments = 10
usage-growth = 10
[points.security.smb]
usage-growth = 20
net-customer-adds = 25   # capped at the metric's 20

[points.infrastructure]
net-customer-adds = 30
usage-growth = 20
deployments = 10
[points.infrastructure.enterprise]
deployments = 4
"#;
    let rows = score(&team(&[("p1", "AZ-104")], profile));
    // Security enterprise: flat values only.
    expect(
        &rows,
        "security",
        "enterprise",
        "0.00",
        "30.00",
        &[("net-customer-adds", "10.00"), ("deployments", "10.00"), ("usage-growth", "10.00")],
    );
    // Security SMB: two metrics overridden (one capped), deployments falls back to the flat 10.
    expect(
        &rows,
        "security",
        "smb",
        "0.00",
        "50.00",
        &[("net-customer-adds", "20.00"), ("deployments", "10.00"), ("usage-growth", "20.00")],
    );
    // Infrastructure: enterprise overrides deployments only; SMB (the profile's track) is flat.
    expect(
        &rows,
        "infrastructure",
        "enterprise",
        "0.00",
        "54.00",
        &[("deployments", "4.00"), ("usage-growth", "20.00")],
    );
    expect(
        &rows,
        "infrastructure",
        "smb",
        "4.00",
        "64.00",
        &[("deployments", "10.00"), ("net-customer-adds", "30.00")],
    );
}

#[test]
fn profile_points_are_capped_at_max_points() {
    let profile = "name = \"T\"\n[tracks]\ninfrastructure = \"smb\"\n[points.infrastructure]\nnet-customer-adds = 45\nusage-growth = 20.5\ndeployments = 10\n";
    let rows = score(&team(&[("p1", "AZ-104")], profile));
    expect(
        &rows,
        "infrastructure",
        "smb",
        "4.00",
        "64.00",
        &[("net-customer-adds", "30.00"), ("usage-growth", "20.00"), ("deployments", "10.00")],
    );
}

/// Infrastructure SMB with 40 skilling points: AZ-104 + AZ-305 holder, four AZ-700 + AZ-140 people.
fn full_infrastructure_smb() -> Vec<(String, &'static str)> {
    let mut held = vec![("arch".to_string(), "AZ-104"), ("arch".to_string(), "AZ-305")];
    for i in 1..=4 {
        held.push((format!("s{i}"), "AZ-700"));
        held.push((format!("s{i}"), "AZ-140"));
    }
    held
}

#[test]
fn a_metric_at_zero_blocks_qualification_whatever_the_total() {
    let held = full_infrastructure_smb();
    let profile = "[tracks]\ninfrastructure = \"smb\"\n[points.infrastructure]\nnet-customer-adds = 30\nusage-growth = 0\ndeployments = 10\n";
    let rows = score(&team(&pairs(&held), profile));
    let r = row(&rows, "infrastructure", "smb");
    assert_eq!((r["skilling"].as_str(), r["score"].as_str()), ("40.00", "80.00"));
    assert_eq!(r["qualified"], "false");
    assert_eq!(r["missing"], "usage-growth has 0 points");

    // A metric the profile does not name has 0 points too.
    let profile =
        "[tracks]\ninfrastructure = \"smb\"\n[points.infrastructure]\nnet-customer-adds = 30\nusage-growth = 20\n";
    let rows = score(&team(&pairs(&held), profile));
    let r = row(&rows, "infrastructure", "smb");
    assert_eq!((r["score"].as_str(), r["qualified"].as_str()), ("90.00", "false"));
    assert_eq!(r["missing"], "deployments has 0 points");
}

#[test]
fn exactly_70_with_every_metric_above_zero_qualifies() {
    // Skilling: arch AZ-104 + AZ-305 (4 + 4), net AZ-700 (4) = 12; profile 30 + 18 + 10 = 58.
    let held = [("arch", "AZ-104"), ("arch", "AZ-305"), ("net", "AZ-700")];
    let profile = "[tracks]\ninfrastructure = \"smb\"\n[points.infrastructure]\nnet-customer-adds = 30\nusage-growth = 18\ndeployments = 10\n";
    let rows = score(&team(&held, profile));
    let r = row(&rows, "infrastructure", "smb");
    assert_eq!((r["skilling"].as_str(), r["score"].as_str()), ("12.00", "70.00"));
    assert_eq!(r["qualified"], "true");
    assert_eq!(r["missing"], "");
    assert_eq!(r["applies"], "true");
    // Enterprise with the same people: gates closed, 58 points, not qualified.
    let e = row(&rows, "infrastructure", "enterprise");
    assert_eq!((e["score"].as_str(), e["qualified"].as_str()), ("58.00", "false"));

    // One point less: 69, not qualified.
    let profile = profile.replace("usage-growth = 18", "usage-growth = 17");
    let rows = score(&team(&held, &profile));
    let r = row(&rows, "infrastructure", "smb");
    assert_eq!((r["score"].as_str(), r["qualified"].as_str()), ("69.00", "false"));
    assert_eq!(r["missing"], "score 69.00 is 1.00 below 70");
}

#[test]
fn best_track_designations_score_both_tracks() {
    // Security: SMB qualifies (12 + 18 + 13.2 + 32 = 75.2), Enterprise does not (6 + 7 + 13.2 + 0).
    let held = [("p1", "SC-500"), ("p1", "SC-200"), ("p1", "SC-300"), ("p2", "SC-300"), ("p3", "SC-401")];
    let profile = r#"
[points.security.enterprise]
net-customer-adds = 6
deployments = 13.2
usage-growth = 7
[points.security.smb]
net-customer-adds = 12
deployments = 13.2
usage-growth = 18
"#;
    let rows = score(&team(&held, profile));
    let smb = row(&rows, "security", "smb");
    assert_eq!(
        (smb["skilling"].as_str(), smb["score"].as_str(), smb["qualified"].as_str()),
        ("32.00", "75.20", "true")
    );
    assert_eq!(smb["applies"], "true");
    let ent = row(&rows, "security", "enterprise");
    assert_eq!(
        (ent["skilling"].as_str(), ent["score"].as_str(), ent["qualified"].as_str()),
        ("0.00", "26.20", "false")
    );
    assert_eq!(ent["applies"], "true");
    assert!(ent["missing"].contains("score 26.20 is 43.80 below 70"), "{}", ent["missing"]);
}

// ---------------------------------------------------------------------------------------------
// --detail and custom rules
// ---------------------------------------------------------------------------------------------

#[test]
fn detail_rows_show_each_step() {
    let profile = "[tracks]\ninfrastructure = \"smb\"\n[points.infrastructure]\nnet-customer-adds = 20\n";
    let dir = team(&[("a1", "AZ-104"), ("n1", "AZ-700")], profile);
    let rows = score_with(dir.path(), ON, &root().join("data/rules/fy27.toml"), &["--detail"]);
    // Per track: infrastructure 7, digital-app-innovation 7, data-ai 6, security 6,
    // modern-work 5, business-applications 5 rows (non-skilling metrics + skilling steps).
    assert_eq!(rows.len(), 2 * (7 + 7 + 6 + 6 + 5 + 5));
    let step = |track: &str, metric: &str, step: &str| -> &Row {
        rows.iter()
            .find(|r| {
                r["designation"] == "infrastructure"
                    && r["track"] == track
                    && r["metric"] == metric
                    && r["step"] == step
            })
            .unwrap_or_else(|| panic!("no detail row {track}/{metric}/{step}"))
    };
    let cols = |r: &Row| {
        ["applies", "category", "certifications", "people", "needed", "points", "metric_points"].map(|c| r[c].clone())
    };
    assert_eq!(
        cols(step("enterprise", "intermediate", "1")),
        ["false", "skilling", "AZ-104", "1", "2", "0.00", "0.00"]
    );
    assert_eq!(
        cols(step("enterprise", "intermediate", "2")),
        ["false", "skilling", "AZ-700;AZ-801;AZ-802", "1", "5", "0.00", "0.00"]
    );
    assert_eq!(cols(step("smb", "intermediate", "1")), ["true", "skilling", "AZ-104", "1", "1", "4.00", "8.00"]);
    assert_eq!(
        cols(step("smb", "intermediate", "2")),
        ["true", "skilling", "AZ-700;AZ-801;AZ-802", "1", "4", "4.00", "8.00"]
    );
    assert_eq!(cols(step("smb", "advanced", "1")), ["true", "skilling", "AZ-305", "0", "1", "0.00", "0.00"]);
    assert_eq!(cols(step("smb", "net-customer-adds", "")), ["true", "performance", "", "", "", "20.00", "20.00"]);
    assert_eq!(cols(step("smb", "deployments", "")), ["true", "customer-success", "", "", "", "0.00", "0.00"]);
}

#[test]
fn a_step_missing_from_a_track_neither_earns_nor_gates() {
    // §5.7, with a small rule set: step 1 exists only in "big"; step 2 in both tracks.
    // Also §5.1 defaults: qualifying_score 70 and track_rule "classified".
    let rules = r#"
name = "tiny"
[[designations]]
id = "d"
tracks = ["big", "small"]
  [[designations.metrics]]
  id = "perf"
  category = "performance"
  max_points = 60
  [[designations.metrics]]
  id = "skill"
  category = "skilling"
  max_points = 40
    [[designations.metrics.steps]]
    certifications = ["AZ-104"]
    big = { people = 3, points = 0 }
    [[designations.metrics.steps]]
    certifications = ["AZ-700"]
    big = { people = 2, points = 10 }
    small = { people = 2, points = 10 }
"#;
    let files = folder(&[("rules.toml", rules)]);
    let profile = "[tracks]\nd = \"small\"\n[points.d]\nperf = 60\n";
    let dir = team(&[("a1", "AZ-104"), ("n1", "AZ-700"), ("n2", "AZ-700")], profile);
    let rows = score_with(dir.path(), ON, &files.path().join("rules.toml"), &[]);
    assert_eq!(rows.len(), 2);
    let big = row(&rows, "d", "big");
    assert_eq!(
        [&big["applies"], &big["skilling"], &big["score"], &big["qualified"]].map(String::as_str),
        ["false", "0.00", "60.00", "false"]
    );
    assert!(
        big["missing"].contains("skill has 0 points: needs 2 more people with AZ-104 (step 1 of skill)"),
        "{}",
        big["missing"]
    );
    let small = row(&rows, "d", "small");
    assert_eq!(
        [&small["applies"], &small["skilling"], &small["score"], &small["qualified"], &small["missing"]]
            .map(String::as_str),
        ["true", "10.00", "70.00", "true", ""]
    );
}
