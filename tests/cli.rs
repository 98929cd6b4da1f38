//! The commands end to end on the bundled example.

use crate::util::*;

#[test]
fn score_prints_every_designation_and_track_of_the_bundled_example() {
    let o = run(&["score", "--org", "data/example", "--on", "2026-11-26"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("designation,track,applies,skilling,score,qualified,missing"));
    assert_eq!(lines.count(), 12, "six designations × two tracks");
}

#[test]
fn validate_accepts_every_bundled_scenario() {
    let o = run(&["validate", "scenarios"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().filter(|l| l.starts_with("ok: ")).count(),
        std::fs::read_dir(root().join("scenarios")).unwrap().count()
    );
}

#[test]
fn bad_date_flag_is_a_usage_error() {
    let o = run(&["score", "--org", "data/example", "--on", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--on `2026-13-01` is not a date"));
}

/// The summary without its `solve_seconds` column (the one cell that is a measurement).
fn without_timing(summary: &str) -> String {
    summary
        .lines()
        .map(|line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            if cells.len() > 14 {
                cells.remove(14);
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_arguments_plans_the_bundled_main_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("infrastructure-2027: optimal"), "{text}");
    assert!(text.contains("plan: out/infrastructure-2027/plan.csv"), "{text}");
    let plan = std::fs::read_to_string(dir.path().join("out/infrastructure-2027/plan.csv")).unwrap();
    assert!(plan.starts_with("scenario,rank,quarter,employee_id,employee_name,action,certification,"));
    let summary = std::fs::read_to_string(dir.path().join("out/infrastructure-2027/summary.csv")).unwrap();
    let row = summary.lines().nth(1).unwrap();
    assert!(row.starts_with("infrastructure-2027,optimal,7611.00,7611.00,68.0,2,infrastructure,smb,"), "{row}");
    assert!(row.contains(",false,true,"), "not qualified before, qualified after: {row}");
}

#[test]
fn plans_are_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = root().join("scenarios/infra-and-security-2027.toml");
    let scenario = scenario.to_str().unwrap();
    for out in ["a", "b"] {
        let o = run_in(dir.path(), &["plan", scenario, "--out", out]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    assert_eq!(read("a/plan.csv"), read("b/plan.csv"));
}

#[test]
fn compare_is_identical_with_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = root().join("scenarios");
    let scenarios = scenarios.to_str().unwrap();
    for (threads, out) in [("1", "one"), ("2", "two")] {
        let o = run_in(dir.path(), &["compare", scenarios, "--threads", threads, "--out", out]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |p: String| std::fs::read_to_string(dir.path().join(p)).unwrap();
    assert_eq!(without_timing(&read("one/summary.csv".into())), without_timing(&read("two/summary.csv".into())));
    let summary = read("one/summary.csv".into());
    let mut names: Vec<&str> = summary.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    names.dedup();
    assert!(names.len() > std::fs::read_dir(root().join("scenarios")).unwrap().count(), "sweeps expand: {names:?}");
    for name in names {
        let plan = format!("{name}/plan.csv");
        if dir.path().join("one").join(&plan).exists() {
            assert_eq!(read(format!("one/{plan}")), read(format!("two/{plan}")), "{name}");
        }
    }
}

#[test]
fn a_broken_scenario_gets_its_row_and_the_others_their_plans() {
    let good = std::fs::read_to_string(root().join("scenarios/infrastructure-2027.toml")).unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    let good = good.replace("../data", data);
    let broken = good
        .replace("infrastructure-2027", "broken")
        .replace("targets = [\"infrastructure\"]", "targets = [\"nonsense\"]");
    assert!(broken.contains("nonsense"), "the fixture must name an unknown target");
    let dir = folder(&[("in/good.toml", &good), ("in/broken.toml", &broken)]);
    let o = run_in(dir.path(), &["compare", "in", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2), "bad input is exit code 2");
    assert!(stderr(&o).contains("E014"), "{}", stderr(&o));
    let summary = std::fs::read_to_string(dir.path().join("out/summary.csv")).unwrap();
    assert!(summary.lines().any(|l| l.starts_with("broken,error,")), "{summary}");
    assert!(summary.lines().any(|l| l.starts_with("infrastructure-2027,optimal,")), "{summary}");
    assert!(dir.path().join("out/infrastructure-2027/plan.csv").exists());
}

#[test]
fn check_accepts_the_optimal_plan_and_lists_what_a_bad_one_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = root().join("scenarios/infrastructure-2027.toml");
    let scenario = scenario.to_str().unwrap();
    let o = run_in(dir.path(), &["plan", scenario, "--out", "p"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(dir.path(), &["check", scenario, "p/plan.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // stdout is one CSV table; the prose goes to stderr.
    let table = stdout(&o);
    assert!(table.starts_with("designation,track,skilling,score,qualified,missing\n"), "{table}");
    assert!(table.contains("infrastructure,smb,16.00,71.00,true,"), "{table}");
    let prose = stderr(&o);
    assert!(prose.contains("cost 7611.00 EUR, 68.0 h, 2 exam(s), 2 renewal(s), 0 link(s)"), "{prose}");
    assert!(prose.contains("rules broken: none"), "{prose}");

    std::fs::write(
        dir.path().join("bad.csv"),
        "quarter,employee_id,action,certification\n2027-Q1,e03,exam,AZ-700\n2027-Q1,e03,exam,AZ-104\n2027-Q1,e03,exam,AZ-305\n2027-Q4,e09,link,\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", scenario, "bad.csv"]);
    assert_eq!(o.status.code(), Some(3), "a plan that breaks rules is exit code 3");
    let text = stderr(&o);
    assert!(text.contains("e03 has 3 exams in 2027-Q1, above the limit of 2"), "{text}");
    assert!(text.contains("link for e09 in 2027-Q4: e09 is already linked"), "{text}");
    assert!(text.contains("infrastructure does not qualify on 2027-12-31"), "{text}");
}

#[test]
fn check_reports_bad_plan_rows_as_input_errors() {
    let dir = folder(&[("bad.csv", "quarter,employee_id,action,certification\n2027-Q5,nobody,study,AZ-104\n")]);
    let scenario = root().join("scenarios/infrastructure-2027.toml");
    let o = run_in(dir.path(), &["check", scenario.to_str().unwrap(), "bad.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:2: column `quarter`: E007"), "{err}");
    assert!(err.contains("bad.csv:2: column `employee_id`: E012"), "{err}");
    assert!(err.contains("bad.csv:2: column `action`: E019"), "{err}");
}

#[test]
fn designations_ranks_every_designation_and_pair_by_cost() {
    let scenario = root().join("scenarios/infrastructure-2027.toml");
    let scenario = scenario.to_str().unwrap();
    let one = run(&["designations", scenario, "--threads", "1"]);
    assert!(one.status.success(), "{}", stderr(&one));
    let two = run(&["designations", scenario, "--threads", "2"]);
    assert_eq!(stdout(&one), stdout(&two), "the table does not depend on the thread count");
    let text = stdout(&one);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    // 4 classified designations in the profile's track, 2 best-track ones in 2 tracks each,
    // and the 15 pairs of the 6 designations.
    assert_eq!(rows.len(), 4 + 2 * 2 + 15, "{text}");
    // The same answers `plan` gives for the same questions.
    assert!(rows.iter().any(|r| r.contains(",infrastructure,smb,optimal,7611.00,68.0,2,")), "{text}");
    assert!(rows.iter().any(|r| r.contains(",infrastructure+security,auto+auto,optimal,19559.50,176.0,5,")), "{text}");
    // Sorted by cost, infeasible last.
    let costs: Vec<f64> = rows.iter().filter_map(|r| r.split(',').nth(4)?.parse().ok()).collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    assert!(rows.last().unwrap().contains(",infeasible,"), "{text}");
}

#[test]
fn frontier_never_scores_less_with_more_budget() {
    let scenario = root().join("scenarios/infra-and-security-2027.toml");
    let o = run(&["frontier", scenario.to_str().unwrap(), "--budgets", "0..25000:2500", "--threads", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let rows: Vec<Vec<String>> = text.lines().skip(1).map(|l| l.split(',').map(String::from).collect()).collect();
    assert_eq!(rows.len(), 11, "{text}");
    let values: Vec<(u32, f64, f64, f64)> = rows
        .iter()
        .map(|r| (r[2].parse().unwrap(), r[3].parse().unwrap(), r[4].parse().unwrap(), r[0].parse().unwrap()))
        .collect();
    for w in values.windows(2) {
        let ((q0, p0, _, _), (q1, p1, _, _)) = (w[0], w[1]);
        assert!(q1 > q0 || (q1 == q0 && p1 >= p0), "{text}");
    }
    assert!(values.iter().all(|&(_, _, cost, budget)| cost <= budget + 1e-6), "{text}");
    assert_eq!(rows[0][2..5], ["0", "0.00", "0.00"], "nothing to buy with no budget: {text}");
    // With enough budget both targets qualify at the cost `plan` finds for qualifying.
    assert!(rows.iter().any(|r| r[0] == "20000.00" && r[2] == "2" && r[4] == "19559.50"), "{text}");
}

#[test]
fn frontier_rejects_malformed_budgets() {
    let scenario = root().join("scenarios/infra-and-security-2027.toml");
    let o = run(&["frontier", scenario.to_str().unwrap(), "--budgets", "lots"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expected e.g. 2500,5000,10000 or 0..20000:2500"), "{}", stderr(&o));
}

#[test]
fn a_sweep_expands_into_one_scenario_per_combination() {
    let dir = tempfile::tempdir().unwrap();
    let sweep = root().join("scenarios/security-budget-sweep.toml");
    let o = run_in(dir.path(), &["compare", sweep.to_str().unwrap(), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = std::fs::read_to_string(dir.path().join("out/summary.csv")).unwrap();
    let names: Vec<&str> = summary.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        names,
        [
            "security-budget-sweep@budget=8000&deadline=2027-Q2",
            "security-budget-sweep@budget=8000&deadline=2027-Q4",
            "security-budget-sweep@budget=15000&deadline=2027-Q2",
            "security-budget-sweep@budget=15000&deadline=2027-Q4",
        ]
    );
    assert!(summary.contains("security-budget-sweep@budget=15000&deadline=2027-Q4,optimal,11948.50,"), "{summary}");
    assert!(summary.contains("security-budget-sweep@budget=8000&deadline=2027-Q4,infeasible,,"), "{summary}");
    // A sweep is for compare; plan wants one scenario.
    let o = run_in(dir.path(), &["plan", sweep.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("declares a sweep of 4 scenarios"), "{}", stderr(&o));
}

#[test]
fn a_bad_sweep_names_the_key_and_what_was_expected() {
    let base = std::fs::read_to_string(root().join("scenarios/security-budget-sweep.toml")).unwrap();
    let data = root().join("data");
    let text = base
        .replace("../data", data.to_str().unwrap())
        .replace("deadline = [\"2027-Q2\", \"2027-Q4\"]", "deadline = [\"2027-Q2\", \"2029-Q1\"]\nteam = [1, 2]");
    let dir = folder(&[("sweep.toml", &text)]);
    let o = run_in(dir.path(), &["validate", "sweep.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sweep.toml: key `sweep.deadline[1]`: E018 2029-Q1 is outside the horizon"), "{err}");
    assert!(err.contains("key `sweep.team`: E019 `team` cannot be swept; expected budget, deadline"), "{err}");
}
