//! The oracle on Microsoft's worked examples (the hand-computed scores of `tests/score.rs`,
//! from the bundled catalogue and FY27 rules): it must reproduce every figure, and agree with
//! the crate's own scoring (`evaluate::score_designation`) on every designation and track.

use super::plus_months;
use super::replay::Replay;
use super::scoring::{score_designation, TrackScore};
use certplan::model::evaluate::{self, Snapshot, Timeline};
use certplan::model::*;
use std::collections::HashMap;

/// The scoring day of the examples unless one says otherwise.
const ON: &str = "2027-01-15";

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The bundled catalogue and rules with an organisation of `people` (ids) holding `held`
/// (person, certification, earned_on, expires_on; an empty date is not given, and a missing
/// expiry is earned + `valid_months` as the loader reads it, §1.3), and a profile naming the
/// enterprise track of every classified designation with no points (so a score is skilling).
fn inputs(people: &[Employee], held: &[(&str, &str, &str, &str)]) -> Inputs {
    let base = certplan::io::bundled_inputs().expect("the bundled inputs load");
    let person = |id: &str| people.iter().position(|p| p.id == id).expect("a listed person");
    let holdings = held
        .iter()
        .map(|&(p, c, earned, expires)| {
            let cert = base.catalog.index_of(c).expect("a catalogue id");
            let earned_on = (!earned.is_empty()).then(|| date(earned));
            let months = base.catalog[cert].valid_months as i32;
            let expires_on = if expires.is_empty() {
                earned_on.filter(|_| months > 0).map(|e| plus_months(e, months))
            } else {
                Some(date(expires))
            };
            Holding { employee: person(p), cert, earned_on, expires_on }
        })
        .collect();
    let tracks = ["infrastructure", "digital-app-innovation", "data-ai", "business-applications"]
        .map(|d| (d.to_string(), "enterprise".to_string()));
    let profile = Profile { tracks: HashMap::from(tracks), ..Profile::default() };
    Inputs { org: Organisation { employees: people.to_vec(), holdings, profile }, ..base }
}

/// A team whose people (named by their grants) hold `held`, every grant earned on 2026-06-01.
fn team(held: &[(&str, &str)]) -> Inputs {
    let mut ids: Vec<&str> = held.iter().map(|(p, _)| *p).collect();
    ids.sort();
    ids.dedup();
    let people: Vec<Employee> = ids.iter().map(|id| Employee::new(id)).collect();
    let grants: Vec<(&str, &str, &str, &str)> = held.iter().map(|&(p, c)| (p, c, "2026-06-01", "")).collect();
    inputs(&people, &grants)
}

/// `n` people `{prefix}1..{prefix}n`, each holding `cert`.
fn many(prefix: &str, n: usize, cert: &'static str) -> Vec<(String, &'static str)> {
    (1..=n).map(|i| (format!("{prefix}{i}"), cert)).collect()
}

/// Borrows owned pairs for [`team`].
fn pairs<'a>(owned: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
    owned.iter().map(|(p, c)| (p.as_str(), *c)).collect()
}

/// The oracle's scores of every designation on `day`, by (designation, track name), after
/// asserting that the crate scores every track alike.
fn scores(inputs: &Inputs, day: &str) -> HashMap<(String, String), TrackScore> {
    let day = date(day);
    let counting = Replay::new(inputs, &[]).counting(inputs, day);
    let timeline = Timeline::new(&inputs.catalog, &inputs.org, &[]);
    let snapshot = Snapshot::new(&inputs.catalog, &inputs.org, &timeline, day);
    let mut out = HashMap::new();
    for d in &inputs.rules.designations {
        let ours = score_designation(inputs, d, &counting, |_, _| 0);
        let crates = evaluate::score_designation(d, &inputs.org, &snapshot, inputs.rules.qualifying_score, 0);
        for (t, (o, c)) in ours.into_iter().zip(crates).enumerate() {
            let crate_metrics: Vec<f64> = c.metrics.iter().map(|m| m.points).collect();
            let same = (o.applies, o.qualified) == (c.applies, c.qualified)
                && (o.skilling - c.skilling).abs() < 1e-9
                && (o.score - c.score).abs() < 1e-9
                && o.metrics.iter().zip(&crate_metrics).all(|(a, b)| (a - b).abs() < 1e-9);
            assert!(same, "{}/{} on {day}: oracle {o:?}, crate {c:?}", d.id, d.tracks[t]);
            out.insert((d.id.clone(), d.tracks[t].clone()), o);
        }
    }
    out
}

/// Asserts one track's skilling and score (2 decimals, as `certplan score` prints them) and
/// the named metrics' points.
fn expect(
    scores: &HashMap<(String, String), TrackScore>,
    inputs: &Inputs,
    designation: &str,
    track: &str,
    skilling: &str,
    score: &str,
    metrics: &[(&str, &str)],
) {
    let s = &scores[&(designation.to_string(), track.to_string())];
    assert_eq!(format!("{:.2}", s.skilling), skilling, "{designation}/{track} skilling: {s:?}");
    assert_eq!(format!("{:.2}", s.score), score, "{designation}/{track} score: {s:?}");
    let d = &inputs.rules.designations[inputs.rules.designation_index(designation).unwrap()];
    for (id, points) in metrics {
        let mi = d.metrics.iter().position(|m| m.id == *id).unwrap();
        assert_eq!(format!("{:.2}", s.metrics[mi]), *points, "{designation}/{track} metric {id}: {s:?}");
    }
}

/// Scores a team on [`ON`] and asserts `(designation, track, skilling = score)` rows (no
/// profile points, so the score is the skilling).
fn team_scores(held: &[(&str, &str)], rows: &[(&str, &str, &str)]) {
    let inputs = team(held);
    let scores = scores(&inputs, ON);
    for (d, t, points) in rows {
        expect(&scores, &inputs, d, t, points, points, &[]);
    }
}

#[test]
fn the_oracle_reproduces_the_infrastructure_and_app_innovation_examples() {
    let full = [many("admin", 2, "AZ-104"), many("net", 5, "AZ-700")].concat();
    team_scores(&pairs(&full), &[("infrastructure", "enterprise", "20.00"), ("infrastructure", "smb", "20.00")]);
    let gate_shut = [many("admin", 1, "AZ-104"), many("net", 5, "AZ-700")].concat();
    team_scores(&pairs(&gate_shut), &[("infrastructure", "enterprise", "0.00"), ("infrastructure", "smb", "20.00")]);
    team_scores(&[("admin", "AZ-104")], &[("infrastructure", "smb", "4.00"), ("infrastructure", "enterprise", "0.00")]);
    let partial = [many("admin", 2, "AZ-104"), many("net", 2, "AZ-700")].concat();
    team_scores(&pairs(&partial), &[("infrastructure", "enterprise", "8.00"), ("infrastructure", "smb", "12.00")]);
    let no_step1 = many("net", 3, "AZ-700");
    team_scores(&pairs(&no_step1), &[("infrastructure", "smb", "0.00"), ("infrastructure", "enterprise", "0.00")]);
    let mut all_four = Vec::new();
    for p in ["p1", "p2", "p3", "p4", "p5"] {
        all_four.extend(["AZ-104", "AZ-305", "AZ-700", "AZ-140"].map(|c| (p, c)));
    }
    team_scores(&all_four, &[("infrastructure", "enterprise", "40.00"), ("infrastructure", "smb", "40.00")]);
    let mut github = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    github.extend([("g1", "GH-300"), ("g2", "GH-300"), ("g3", "GH-300")]);
    let inputs = team(&github);
    let s = scores(&inputs, ON);
    let d = "digital-app-innovation";
    expect(&s, &inputs, d, "enterprise", "12.00", "12.00", &[("intermediate", "0.00"), ("advanced", "12.00")]);
    expect(&s, &inputs, d, "smb", "20.00", "20.00", &[("intermediate", "4.00"), ("advanced", "16.00")]);
}

#[test]
fn the_oracle_reproduces_the_data_ai_examples() {
    let mut gates = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    gates.extend([("d1", "DP-600"), ("d2", "DP-600"), ("d3", "DP-600")]);
    team_scores(&gates, &[("data-ai", "enterprise", "12.00"), ("data-ai", "smb", "20.00")]);
    gates.retain(|g| *g != ("a2", "AZ-305"));
    team_scores(&gates, &[("data-ai", "enterprise", "0.00"), ("data-ai", "smb", "20.00")]);
    let step3 = many("d", 11, "DP-700");
    let mut capped = vec![("a1", "AZ-104"), ("a1", "AZ-305"), ("a2", "AZ-104"), ("a2", "AZ-305")];
    capped.extend(pairs(&step3));
    team_scores(&capped, &[("data-ai", "enterprise", "40.00"), ("data-ai", "smb", "40.00")]);
    team_scores(&[("a1", "AZ-104")], &[("data-ai", "smb", "4.00")]);
    let smb = [("a1", "AZ-104"), ("a1", "AZ-305"), ("d1", "PL-300"), ("d2", "DP-300")];
    team_scores(&smb, &[("data-ai", "smb", "16.00"), ("data-ai", "enterprise", "0.00")]);
    let step3 = many("d", 8, "DP-300");
    let mut full = vec![("a1", "AZ-104"), ("a1", "AZ-305")];
    full.extend(pairs(&step3));
    team_scores(&full, &[("data-ai", "smb", "40.00")]);
}

#[test]
fn the_oracle_reproduces_the_security_modern_work_and_business_applications_examples() {
    let overlapping =
        [("p1", "SC-500"), ("p1", "SC-200"), ("p1", "SC-300"), ("p2", "SC-401"), ("p3", "SC-401"), ("p4", "SC-300")];
    team_scores(&overlapping, &[("security", "smb", "40.00"), ("security", "enterprise", "0.00")]);
    let three = [
        ("g1", "SC-500"),
        ("g1", "SC-200"),
        ("g2", "SC-500"),
        ("g2", "SC-200"),
        ("s1", "SC-300"),
        ("s2", "SC-300"),
        ("s3", "SC-401"),
    ];
    team_scores(&three, &[("security", "enterprise", "20.00"), ("security", "smb", "32.00")]);
    let one = [("g1", "AZ-500"), ("g1", "SC-200"), ("g2", "SC-500"), ("g2", "SC-200"), ("s1", "SC-401")];
    team_scores(&one, &[("security", "enterprise", "6.67"), ("security", "smb", "16.00")]);
    let four = many("t", 4, "MS-700");
    team_scores(&pairs(&four), &[("modern-work", "enterprise", "10.00"), ("modern-work", "smb", "10.00")]);
    let two = many("t", 2, "MD-102");
    team_scores(&pairs(&two), &[("modern-work", "enterprise", "5.00"), ("modern-work", "smb", "10.00")]);
    let inputs = team(&[("m1", "MD-102"), ("m1", "MS-102")]);
    let s = scores(&inputs, ON);
    expect(
        &s,
        &inputs,
        "modern-work",
        "enterprise",
        "10.00",
        "10.00",
        &[("intermediate", "2.50"), ("advanced", "7.50")],
    );
    expect(&s, &inputs, "modern-work", "smb", "20.00", "20.00", &[("intermediate", "5.00"), ("advanced", "15.00")]);
    let ba = "business-applications";
    for (n, enterprise, smb) in
        [(7, "15.00", "15.00"), (8, "15.00", "15.00"), (3, "6.43", "15.00"), (1, "2.14", "7.50")]
    {
        team_scores(&pairs(&many("b", n, "MB-820")), &[(ba, "enterprise", enterprise), (ba, "smb", smb)]);
    }
    team_scores(&pairs(&many("b", 5, "MB-800")), &[(ba, "smb", "20.00"), (ba, "enterprise", "5.00")]);
    team_scores(&pairs(&many("b", 22, "MB-230")), &[(ba, "enterprise", "20.00"), (ba, "smb", "20.00")]);
}

#[test]
fn the_oracle_counts_people_once_per_step_and_in_several_steps() {
    let two_certs = [("a1", "AZ-104"), ("a2", "AZ-104"), ("n1", "AZ-700"), ("n1", "AZ-802")];
    team_scores(&two_certs, &[("infrastructure", "enterprise", "4.00"), ("infrastructure", "smb", "8.00")]);
    let held =
        [("p1", "AZ-104"), ("p1", "AZ-305"), ("p1", "AZ-700"), ("p1", "AZ-140"), ("p1", "PL-300"), ("p1", "SC-300")];
    team_scores(
        &held,
        &[
            ("infrastructure", "smb", "16.00"),
            ("digital-app-innovation", "smb", "8.00"),
            ("data-ai", "smb", "12.00"),
            ("modern-work", "enterprise", "2.50"),
            ("modern-work", "smb", "5.00"),
            ("business-applications", "enterprise", "1.00"),
            ("business-applications", "smb", "4.00"),
            ("security", "smb", "0.00"),
        ],
    );
}

/// Infrastructure SMB intermediate points of one AZ-104 holder `p1` with the given holding
/// dates, link and leaving day, on `on`.
fn admin_points(earned_on: &str, expires_on: &str, linked: bool, leaves_on: &str, on: &str) -> String {
    let leaves_on = (!leaves_on.is_empty()).then(|| date(leaves_on));
    let p1 = Employee { linked, leaves_on, ..Employee::new("p1") };
    let inputs = inputs(&[p1], &[("p1", "AZ-104", earned_on, expires_on)]);
    let s = scores(&inputs, on);
    format!("{:.2}", s[&("infrastructure".to_string(), "smb".to_string())].metrics[1])
}

#[test]
fn the_oracle_reproduces_expiry_leavers_links_and_retirement() {
    for (earned, expires, linked, leaves, on, points) in [
        ("2026-01-15", "", true, "", ON, "4.00"),
        ("2026-01-14", "", true, "", ON, "0.00"),
        ("2024-02-29", "", true, "", "2025-02-28", "4.00"),
        ("2024-02-29", "", true, "", "2025-03-01", "0.00"),
        ("2025-06-01", "2027-06-01", true, "", ON, "4.00"),
        ("2026-06-01", "2027-01-14", true, "", ON, "0.00"),
        ("2026-06-01", "2027-01-15", true, "", ON, "4.00"),
        ("", "", true, "", ON, "4.00"),
        ("", "2027-01-14", true, "", ON, "0.00"),
        ("2027-01-16", "", true, "", ON, "0.00"),
        ("2027-01-15", "", true, "", ON, "4.00"),
        ("2026-06-01", "", true, "2027-01-15", ON, "0.00"),
        ("2026-06-01", "", true, "2026-12-01", ON, "0.00"),
        ("2026-06-01", "", true, "2027-01-16", ON, "4.00"),
        ("2026-06-01", "", false, "", ON, "0.00"),
    ] {
        let got = admin_points(earned, expires, linked, leaves, on);
        assert_eq!(got, points, "earned {earned}, expires {expires}, linked {linked}, leaves {leaves}, on {on}");
    }
    let p1 = [Employee::new("p1")];
    let twice = inputs(&p1, &[("p1", "AZ-104", "2024-03-01", ""), ("p1", "AZ-104", "2026-03-01", "")]);
    expect(&scores(&twice, ON), &twice, "infrastructure", "smb", "4.00", "4.00", &[]);
    // Retired: TEAMS-ROOMS-TA never expires but counts until 2027-06-15, MS-900 until 2027-03-31.
    let rooms = inputs(&[Employee::new("m1")], &[("m1", "TEAMS-ROOMS-TA", "2025-01-10", "")]);
    expect(&scores(&rooms, "2027-06-15"), &rooms, "modern-work", "smb", "15.00", "15.00", &[]);
    expect(&scores(&rooms, "2027-06-15"), &rooms, "modern-work", "enterprise", "7.50", "7.50", &[]);
    expect(&scores(&rooms, "2027-06-16"), &rooms, "modern-work", "smb", "0.00", "0.00", &[]);
    let fundamentals = inputs(&[Employee::new("f1")], &[("f1", "MS-900", "2023-05-01", "")]);
    expect(&scores(&fundamentals, "2027-03-31"), &fundamentals, "modern-work", "smb", "5.00", "5.00", &[]);
    expect(&scores(&fundamentals, "2027-04-01"), &fundamentals, "modern-work", "smb", "0.00", "0.00", &[]);
}

#[test]
fn the_oracle_reproduces_the_prerequisite_examples() {
    team_scores(&[("p1", "AZ-305")], &[("infrastructure", "smb", "0.00")]);
    team_scores(&[("p1", "AZ-305"), ("p1", "AZ-104")], &[("infrastructure", "smb", "8.00")]);
    team_scores(&[("p1", "AZ-305"), ("p2", "AZ-104")], &[("infrastructure", "smb", "4.00")]);
    let p1 = [Employee::new("p1")];
    let expired = inputs(&p1, &[("p1", "AZ-104", "2025-06-01", ""), ("p1", "AZ-305", "2026-06-01", "")]);
    expect(&scores(&expired, ON), &expired, "infrastructure", "smb", "0.00", "0.00", &[]);
    team_scores(&[("a1", "AZ-104"), ("w1", "AZ-801")], &[("infrastructure", "smb", "4.00")]);
    team_scores(&[("a1", "AZ-104"), ("w1", "AZ-801"), ("w1", "AZ-800")], &[("infrastructure", "smb", "8.00")]);
    // AZ-400 needs AZ-104 or AZ-204; AZ-204 stops counting after 2027-07-31 yet still unlocks it.
    let people = [Employee::new("arch"), Employee::new("dev")];
    let held = [
        ("arch", "AZ-104", "2027-01-01", ""),
        ("arch", "AZ-305", "2027-01-01", ""),
        ("dev", "AZ-204", "2027-01-01", ""),
        ("dev", "AZ-400", "2027-01-01", ""),
    ];
    let inputs = inputs(&people, &held);
    let d = "digital-app-innovation";
    let after = scores(&inputs, "2027-08-15");
    expect(&after, &inputs, d, "smb", "12.00", "12.00", &[("intermediate", "4.00"), ("advanced", "8.00")]);
    let last_day = scores(&inputs, "2027-07-31");
    expect(&last_day, &inputs, d, "smb", "16.00", "16.00", &[("intermediate", "8.00"), ("advanced", "8.00")]);
}

/// Points per metric id.
type Points<'a> = &'a [(&'a str, f64)];

/// Points per metric id of one (designation, track).
type TrackPoints<'a> = (&'a str, &'a str, Points<'a>);

/// A profile: classified designations' tracks, flat points per designation and per-track
/// points per (designation, track).
fn profile(tracks: &[(&str, &str)], flat: &[(&str, &[(&str, f64)])], per_track: &[TrackPoints]) -> Profile {
    let table = |points: &[(&str, f64)]| points.iter().map(|(m, p)| (m.to_string(), *p)).collect::<HashMap<_, _>>();
    let mut profile =
        Profile { tracks: tracks.iter().map(|(d, t)| (d.to_string(), t.to_string())).collect(), ..Profile::default() };
    for (d, points) in flat {
        profile.points.entry(d.to_string()).or_default().flat = table(points);
    }
    for (d, t, points) in per_track {
        let entry = profile.points.entry(d.to_string()).or_default();
        entry.per_track.insert(t.to_string(), table(points));
    }
    profile
}

/// A team with its own profile, scored on [`ON`].
fn with_profile(held: &[(&str, &str)], profile: Profile) -> (Inputs, HashMap<(String, String), TrackScore>) {
    let mut inputs = team(held);
    inputs.org.profile = profile;
    let s = scores(&inputs, ON);
    (inputs, s)
}

/// (applies, qualified) of one track.
fn flags(scores: &HashMap<(String, String), TrackScore>, designation: &str, track: &str) -> (bool, bool) {
    let s = &scores[&(designation.to_string(), track.to_string())];
    (s.applies, s.qualified)
}

#[test]
fn the_oracle_reproduces_the_track_and_profile_examples() {
    let tracks = [
        ("infrastructure", "smb"),
        ("digital-app-innovation", "enterprise"),
        ("data-ai", "smb"),
        ("business-applications", "enterprise"),
    ];
    let (inputs, s) = with_profile(&[("p1", "AZ-104")], profile(&tracks, &[], &[]));
    for (d, t, applies) in [
        ("infrastructure", "enterprise", false),
        ("infrastructure", "smb", true),
        ("digital-app-innovation", "enterprise", true),
        ("digital-app-innovation", "smb", false),
        ("data-ai", "enterprise", false),
        ("data-ai", "smb", true),
        ("security", "enterprise", true),
        ("security", "smb", true),
        ("modern-work", "enterprise", true),
        ("modern-work", "smb", true),
        ("business-applications", "enterprise", true),
        ("business-applications", "smb", false),
    ] {
        assert_eq!(flags(&s, d, t).0, applies, "{d}/{t}");
    }
    expect(&s, &inputs, "infrastructure", "enterprise", "0.00", "0.00", &[]);
    expect(&s, &inputs, "infrastructure", "smb", "4.00", "4.00", &[]);

    // Per-track points override flat ones metric by metric, and are capped.
    let security: &[(&str, f64)] = &[("net-customer-adds", 10.0), ("deployments", 10.0), ("usage-growth", 10.0)];
    let infrastructure: &[(&str, f64)] = &[("net-customer-adds", 30.0), ("usage-growth", 20.0), ("deployments", 10.0)];
    let per_track: &[TrackPoints] = &[
        ("security", "smb", &[("usage-growth", 20.0), ("net-customer-adds", 25.0)]),
        ("infrastructure", "enterprise", &[("deployments", 4.0)]),
    ];
    let points =
        profile(&[("infrastructure", "smb")], &[("security", security), ("infrastructure", infrastructure)], per_track);
    let (inputs, s) = with_profile(&[("p1", "AZ-104")], points);
    let sec = [("net-customer-adds", "10.00"), ("deployments", "10.00"), ("usage-growth", "10.00")];
    expect(&s, &inputs, "security", "enterprise", "0.00", "30.00", &sec);
    let sec = [("net-customer-adds", "20.00"), ("deployments", "10.00"), ("usage-growth", "20.00")];
    expect(&s, &inputs, "security", "smb", "0.00", "50.00", &sec);
    expect(
        &s,
        &inputs,
        "infrastructure",
        "enterprise",
        "0.00",
        "54.00",
        &[("deployments", "4.00"), ("usage-growth", "20.00")],
    );
    expect(
        &s,
        &inputs,
        "infrastructure",
        "smb",
        "4.00",
        "64.00",
        &[("deployments", "10.00"), ("net-customer-adds", "30.00")],
    );

    let over: &[(&str, f64)] = &[("net-customer-adds", 45.0), ("usage-growth", 20.5), ("deployments", 10.0)];
    let (inputs, s) =
        with_profile(&[("p1", "AZ-104")], profile(&[("infrastructure", "smb")], &[("infrastructure", over)], &[]));
    let capped = [("net-customer-adds", "30.00"), ("usage-growth", "20.00"), ("deployments", "10.00")];
    expect(&s, &inputs, "infrastructure", "smb", "4.00", "64.00", &capped);
}

#[test]
fn the_oracle_reproduces_the_qualification_examples() {
    let smb = [("infrastructure", "smb")];
    let mut full = vec![("arch", "AZ-104"), ("arch", "AZ-305")];
    for s in ["s1", "s2", "s3", "s4"] {
        full.extend([(s, "AZ-700"), (s, "AZ-140")]);
    }
    let zero: &[(&str, f64)] = &[("net-customer-adds", 30.0), ("usage-growth", 0.0), ("deployments", 10.0)];
    let (inputs, s) = with_profile(&full, profile(&smb, &[("infrastructure", zero)], &[]));
    expect(&s, &inputs, "infrastructure", "smb", "40.00", "80.00", &[]);
    assert_eq!(flags(&s, "infrastructure", "smb"), (true, false), "a metric at 0 blocks qualification");
    let unnamed: &[(&str, f64)] = &[("net-customer-adds", 30.0), ("usage-growth", 20.0)];
    let (inputs, s) = with_profile(&full, profile(&smb, &[("infrastructure", unnamed)], &[]));
    expect(&s, &inputs, "infrastructure", "smb", "40.00", "90.00", &[("deployments", "0.00")]);
    assert_eq!(flags(&s, "infrastructure", "smb"), (true, false));

    let held = [("arch", "AZ-104"), ("arch", "AZ-305"), ("net", "AZ-700")];
    for (usage, score, qualified) in [(18.0, "70.00", true), (17.0, "69.00", false)] {
        let points: &[(&str, f64)] = &[("net-customer-adds", 30.0), ("usage-growth", usage), ("deployments", 10.0)];
        let (inputs, s) = with_profile(&held, profile(&smb, &[("infrastructure", points)], &[]));
        expect(&s, &inputs, "infrastructure", "smb", "12.00", score, &[]);
        assert_eq!(flags(&s, "infrastructure", "smb"), (true, qualified), "score {score}");
        expect(&s, &inputs, "infrastructure", "enterprise", "0.00", &format!("{:.2}", 40.0 + usage), &[]);
        assert!(!flags(&s, "infrastructure", "enterprise").1);
    }

    let held = [("p1", "SC-500"), ("p1", "SC-200"), ("p1", "SC-300"), ("p2", "SC-300"), ("p3", "SC-401")];
    let per_track: &[TrackPoints] = &[
        ("security", "enterprise", &[("net-customer-adds", 6.0), ("deployments", 13.2), ("usage-growth", 7.0)]),
        ("security", "smb", &[("net-customer-adds", 12.0), ("deployments", 13.2), ("usage-growth", 18.0)]),
    ];
    let (inputs, s) = with_profile(&held, profile(&[], &[], per_track));
    expect(&s, &inputs, "security", "smb", "32.00", "75.20", &[]);
    assert_eq!(flags(&s, "security", "smb"), (true, true));
    expect(&s, &inputs, "security", "enterprise", "0.00", "26.20", &[]);
    assert_eq!(flags(&s, "security", "enterprise"), (true, false));
}

#[test]
fn the_oracle_reads_a_step_missing_from_a_track_as_neither_earning_nor_gating() {
    // §5.7: step 1 exists only in "big", step 2 in both tracks.
    let mut inputs = team(&[("a1", "AZ-104"), ("n1", "AZ-700"), ("n2", "AZ-700")]);
    let id = |c: &str| inputs.catalog.index_of(c).unwrap();
    let step = |cert: usize, big: Option<(u32, f64)>, small: Option<(u32, f64)>| Step {
        certifications: vec![cert],
        thresholds: [big, small].map(|t| t.map(|(people, points)| Threshold { people, points })).to_vec(),
    };
    let metrics = vec![
        Metric { id: "perf".into(), category: Category::Performance, max_points: 60.0, steps: vec![] },
        Metric {
            id: "skill".into(),
            category: Category::Skilling,
            max_points: 40.0,
            steps: vec![step(id("AZ-104"), Some((3, 0.0)), None), step(id("AZ-700"), Some((2, 10.0)), Some((2, 10.0)))],
        },
    ];
    let d = Designation {
        id: "d".into(),
        name: "D".into(),
        tracks: vec!["big".into(), "small".into()],
        track_rule: TrackRule::Classified,
        metrics,
    };
    inputs.rules = RuleSet { name: "tiny".into(), effective_from: None, qualifying_score: 70.0, designations: vec![d] };
    inputs.org.profile = profile(&[("d", "small")], &[("d", &[("perf", 60.0)])], &[]);
    let s = scores(&inputs, ON);
    expect(&s, &inputs, "d", "big", "0.00", "60.00", &[]);
    assert_eq!(flags(&s, "d", "big"), (false, false));
    expect(&s, &inputs, "d", "small", "10.00", "70.00", &[]);
    assert_eq!(flags(&s, "d", "small"), (true, true));
}
