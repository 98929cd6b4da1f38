//! Issue 14, the risk model: exact probabilities of hand-made plans worked out by hand, the
//! Monte Carlo estimate against the exact value on generated tiny plans, retakes and
//! attrition by hand, metamorphic properties (more buffer, certain exams), determinism
//! across threads, and planning to a probability.
//!
//! Unless a test says otherwise the instances are those of `fixtures` (one designation `d`
//! in one track, 60 profile points so 10 skilling points are needed, start 2027-Q1).

use crate::fixtures::*;
use crate::util::{folder, root, run, run_in, stderr, stdout};
use certplan::model::*;
use certplan::risk::{self, Assessment, How};
use certplan::solver::{self, SolveOptions, Status};

fn exam(quarter: &str, employee: EmpIdx, c: CertIdx) -> Action {
    Action { quarter: q(quarter), employee, kind: ActionKind::Exam, cert: Some(c) }
}

fn with_rate(c: Certification, pass_rate: f64) -> Certification {
    Certification { pass_rate: Some(pass_rate), ..c }
}

/// The scenario with no retakes and no attrition (the exact model).
fn exams_only(deadline: &str) -> Scenario {
    let mut s = scenario(deadline);
    s.risk.retakes = 0;
    s
}

fn exact(inputs: &Inputs, s: &Scenario, actions: Vec<Action>) -> Assessment {
    risk::assess(inputs, s, &Plan { actions }, s.deadline, How::Exact).expect("enumerates")
}

fn sampled(inputs: &Inputs, s: &Scenario, actions: Vec<Action>, samples: u32) -> Assessment {
    risk::assess(inputs, s, &Plan { actions }, s.deadline, How::Sample { samples, seed: 7 }).expect("samples")
}

fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

/// A step of two people with A or B (10 points, all that is needed): the plan holds when
/// enough of its exams pass.
fn two_of(rates: [f64; 2]) -> Inputs {
    let certs = vec![with_rate(cert("A", 100.0, 10.0), rates[0]), with_rate(cert("B", 100.0, 10.0), rates[1])];
    simple(certs, vec![step(&[0, 1], 2, 10.0)], vec![person("p0"), person("p1"), person("p2")], vec![])
}

#[test]
fn exact_probability_of_two_exams_that_must_both_pass_is_their_product() {
    let inputs = two_of([0.8, 0.6]);
    let a = exact(&inputs, &exams_only("2027-Q1"), vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 1, 1)]);
    assert_close(a.all.probability, 0.48);
    assert_eq!((a.all.low, a.all.high), (a.all.probability, a.all.probability));
    assert_eq!(a.targets.len(), 1);
    assert_close(a.targets[0].1.probability, 0.48);
    // The shortfall is the step, behind it the two exams: A fails in 20 %, B in 40 %.
    let cause = &a.causes[0];
    assert_close(cause.share, 0.52);
    let step = cause.step.as_ref().expect("a step");
    assert_eq!((step.metric.as_str(), step.number, step.needed), ("skill", 1, 2));
    assert_eq!(cause.failed_exams.len(), 2);
    assert_eq!(cause.failed_exams[0].0, "B");
    assert_close(cause.failed_exams[0].1, 0.4);
    assert_close(cause.failed_exams[1].1, 0.2);
}

#[test]
fn exact_probability_of_two_out_of_three_exams() {
    // P(at least 2 of 0.8, 0.6, 0.8 pass) = 0.384 + 0.096 + 0.256 + 0.096 = 0.832.
    let inputs = two_of([0.8, 0.6]);
    let plan = vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 1, 1), exam("2027-Q1", 2, 0)];
    assert_close(exact(&inputs, &exams_only("2027-Q1"), plan).all.probability, 0.832);
}

#[test]
fn exact_probability_through_a_gate_and_a_prerequisite() {
    // Step 1 (gate, 0 points) needs one person with A; step 2 (10 points) one with C, which
    // only counts while its holder holds A too. p0 takes A (0.5) and C (0.9): 0.45.
    let mut c = with_rate(cert("C", 100.0, 10.0), 0.9);
    c.requires_all = vec![0];
    let certs = vec![with_rate(cert("A", 100.0, 10.0), 0.5), c];
    let inputs = simple(certs, vec![step(&[0], 1, 0.0), step(&[1], 1, 10.0)], vec![person("p0")], vec![]);
    let a = exact(&inputs, &exams_only("2027-Q1"), vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 0, 1)]);
    assert_close(a.all.probability, 0.45);
    // Both steps fall short when A fails; the one behind step 2 is also A, its prerequisite.
    let words: Vec<String> = a.causes.iter().map(|c| c.words()).collect();
    assert!(words.iter().any(|w| w.contains("step 2 of skill") && w.contains("a failed A exam")), "{words:?}");
}

#[test]
fn a_failed_exam_voids_its_renewal_and_what_it_costs() {
    // p0 (50 per hour) takes A (fee 100, 10 study hours, pass 0.5) in Q1 and renews it in
    // Q4: 600 when the exam fails, 600 + 100 when the renewal is made.
    let inputs =
        simple(vec![with_rate(cert("A", 100.0, 10.0), 0.5)], vec![step(&[0], 1, 10.0)], vec![paid("p0", 50.0)], vec![]);
    let mut s = exams_only("2027-Q4");
    s.count_time_cost = true;
    let renew = Action { quarter: q("2027-Q4"), employee: 0, kind: ActionKind::Renew, cert: Some(0) };
    let a = exact(&inputs, &s, vec![exam("2027-Q1", 0, 0), renew]);
    assert_close(a.all.probability, 0.5);
    assert_close(a.cost.mean, 650.0);
    assert_eq!((a.cost.p10, a.cost.p50, a.cost.p90), (600.0, 600.0, 700.0));
}

#[test]
fn exact_refuses_more_exams_or_outcomes_than_its_limits() {
    let many: Vec<Employee> = (0..21).map(|i| person(&format!("p{i}"))).collect();
    let inputs = simple(vec![with_rate(cert("A", 1.0, 1.0), 0.5)], vec![step(&[0], 2, 10.0)], many, vec![]);
    let plan = Plan { actions: (0..21).map(|e| exam("2027-Q1", e, 0)).collect() };
    let s = exams_only("2027-Q1");
    let e = risk::assess(&inputs, &s, &plan, s.deadline, How::Exact).unwrap_err();
    assert!(e.to_string().contains("up to 20 exams") && e.to_string().contains("has 21"), "{e}");
    // Nine holders who may each leave in one of four quarters or stay: 5^9 outcomes.
    let people: Vec<Employee> = (0..9).map(|i| person(&format!("p{i}"))).collect();
    let holdings = (0..9).map(|e| forever(e, 0)).collect();
    let inputs = simple(vec![cert("A", 1.0, 1.0)], vec![step(&[0], 2, 10.0)], people, holdings);
    let mut s = scenario("2027-Q4");
    s.risk.attrition = 0.1;
    let e = risk::assess(&inputs, &s, &Plan::default(), s.deadline, How::Exact).unwrap_err();
    assert!(e.to_string().contains("at most 1048576 outcomes"), "{e}");
}

#[test]
fn exact_with_retakes_and_attrition_by_hand() {
    let inputs =
        simple(vec![with_rate(cert("A", 100.0, 10.0), 0.5)], vec![step(&[0], 1, 10.0)], vec![person("p0")], vec![]);
    let plan = vec![exam("2027-Q1", 0, 0)];
    // One retake in Q2: 1 − 0.5² = 0.75; costs 100, or 200 with the retake (half the time).
    let a = exact(&inputs, &scenario("2027-Q2"), plan.clone());
    assert_close(a.all.probability, 0.75);
    assert_close(a.cost.mean, 150.0);
    // And p0 may leave: 10 % per quarter. Staying through both quarters (0.81), A passes in
    // Q1 or Q2 (0.75); leaving at the end of Q1 (0.1) loses the retake and p0 anyway.
    let mut s = scenario("2027-Q2");
    s.risk.attrition = 0.1;
    let a = exact(&inputs, &s, plan);
    assert_close(a.all.probability, 0.81 * 0.75);
}

/// Whether `a`'s interval holds `p`, and the estimate lies within five standard errors.
fn agrees(a: &Assessment, p: f64, samples: u32) -> (bool, bool) {
    let within = a.all.low - 1e-12 <= p && p <= a.all.high + 1e-12;
    let se = (p * (1.0 - p) / f64::from(samples)).sqrt();
    (within, (a.all.probability - p).abs() <= 5.0 * se + 1e-12)
}

#[test]
fn retakes_by_hand() {
    let inputs =
        simple(vec![with_rate(cert("A", 100.0, 10.0), 0.5)], vec![step(&[0], 1, 10.0)], vec![person("p0")], vec![]);
    let plan = vec![exam("2027-Q1", 0, 0)];
    // One retake in Q2: 1 − 0.5² = 0.75; no quarter after the deadline's: 0.5.
    let samples = 20_000;
    let (within, close) = agrees(&sampled(&inputs, &scenario("2027-Q2"), plan.clone(), samples), 0.75, samples);
    assert!(within && close);
    let a = sampled(&inputs, &scenario("2027-Q1"), plan.clone(), samples);
    assert!(agrees(&a, 0.5, samples).1, "{a:?}");
    // Two retakes over three quarters: 1 − 0.5³.
    let mut s = scenario("2027-Q3");
    s.risk.retakes = 2;
    assert!(agrees(&sampled(&inputs, &s, plan.clone(), samples), 0.875, samples).1);
    // With one exam slot per quarter and B planned in Q2, the retake has no quarter left.
    let two = vec![with_rate(cert("A", 100.0, 10.0), 0.5), with_rate(cert("B", 100.0, 10.0), 1.0)];
    let inputs = simple(two, vec![step(&[0], 1, 10.0)], vec![person("p0")], vec![]);
    let mut s = scenario("2027-Q2");
    s.max_exams_per_quarter = 1;
    let a = sampled(&inputs, &s, vec![exam("2027-Q1", 0, 0), exam("2027-Q2", 0, 1)], samples);
    assert!(agrees(&a, 0.5, samples).1, "{a:?}");
    // No retake happened: A's fee and B's, every time.
    assert_eq!((a.cost.mean, a.cost.p10, a.cost.p90), (200.0, 200.0, 200.0));
    // A retake costs the exam fee again: 100 + 0.5 × 100 on average.
    let a = sampled(&inputs, &scenario("2027-Q2"), vec![exam("2027-Q1", 0, 0)], samples);
    assert!((a.cost.mean - 150.0).abs() < 5.0, "{}", a.cost.mean);
    assert_eq!((a.cost.p10, a.cost.p90), (100.0, 200.0));
}

#[test]
fn attrition_by_hand() {
    // p0 holds A already; 10 % leave per quarter over two quarters: stays with 0.81.
    let inputs =
        simple(vec![cert("A", 100.0, 10.0)], vec![step(&[0], 1, 10.0)], vec![person("p0")], vec![forever(0, 0)]);
    let mut s = scenario("2027-Q2");
    s.risk.attrition = 0.1;
    let samples = 20_000;
    let a = sampled(&inputs, &s, vec![], samples);
    assert!(agrees(&a, 0.81, samples).1, "{a:?}");
    assert!(a.causes[0].words().contains("someone leaving"), "{}", a.causes[0].words());
}

/// A tiny random instance: 2 to 4 people, 2 or 3 certifications with their own pass rates,
/// one or two steps; solved optimally with no retakes.
fn tiny(seed: u64) -> Option<(Inputs, Scenario, Plan)> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let rates = [0.3, 0.5, 0.7, 0.9, 0.95];
    let certs: Vec<Certification> = (0..2 + next(2))
        .map(|i| with_rate(cert(&format!("C{i}"), 50.0 + 25.0 * next(4) as f64, 10.0), rates[next(5) as usize]))
        .collect();
    let n = certs.len();
    let people: Vec<Employee> = (0..2 + next(3)).map(|i| person(&format!("p{i}"))).collect();
    let holdings = if next(3) == 0 { vec![forever(0, 0)] } else { vec![] };
    let mut steps = vec![step(&[0, 1], 1 + next(2) as u32, if next(2) == 0 { 0.0 } else { 5.0 })];
    steps.push(step(&[n - 1], 1 + next(2) as u32, 10.0));
    let inputs = simple(certs, steps, people, holdings);
    let mut s = exams_only(if next(2) == 0 { "2027-Q1" } else { "2027-Q2" });
    s.buffer = next(2) as u32;
    // A third of the plans are assessed with a retake, a third of those with attrition too.
    if next(3) == 0 {
        s.risk.retakes = 1;
        s.risk.attrition = if next(3) == 0 { 0.05 } else { 0.0 };
    }
    let outcome = solver::solve(&inputs, &s, SolveOptions::default()).ok()?;
    (!matches!(outcome.status, Status::Infeasible(_))).then_some((inputs, s, outcome.plan))
}

#[test]
fn the_estimate_lies_within_its_interval_of_the_exact_value_on_generated_tiny_plans() {
    let samples = 4_000;
    let (mut plans, mut inside) = (0, 0);
    for seed in 1..=60 {
        let Some((inputs, s, plan)) = tiny(seed) else { continue };
        let p = exact(&inputs, &s, plan.actions.clone()).all.probability;
        let a = sampled(&inputs, &s, plan.actions, samples);
        let (within, close) = agrees(&a, p, samples);
        assert!(close, "seed {seed}: estimate {} against exact {p}", a.all.probability);
        plans += 1;
        inside += usize::from(within);
    }
    assert!(plans >= 30, "only {plans} feasible tiny plans");
    // A 95 % interval misses in about one case in twenty.
    assert!(inside * 100 >= plans * 88, "{inside} of {plans} intervals hold the exact value");
}

#[test]
fn more_buffer_never_lowers_the_probability() {
    // The bundled main scenario without retakes, its optimal plans for buffer 0, 1, 2.
    let path = root().join("scenarios/infrastructure-2027.toml");
    let (mut s, inputs) =
        certplan::io::load_scenario(&path, &Default::default(), d("2026-11-26")).expect("the scenario loads");
    s.risk.retakes = 0;
    // The plans need two more AZ-700 holders and take 2, 3, 4 exams at 0.8: at least two of
    // them must pass, P(Bin(n, 0.8) ≥ 2) = 0.64, 0.896, 0.9728.
    for (buffer, want) in [(0, 0.64), (1, 0.896), (2, 0.9728)] {
        s.buffer = buffer;
        let outcome = solver::solve(&inputs, &s, SolveOptions::default()).expect("solves");
        let a = risk::assess(&inputs, &s, &outcome.plan, outcome.evaluation, How::Exact).expect("enumerates");
        assert!((a.all.probability - want).abs() < 1e-9, "buffer {buffer}: {} against {want}", a.all.probability);
    }
    // And on the tiny instances, with one pass rate for all certifications.
    for seed in 1..=30 {
        let Some((mut inputs, mut s, _)) = tiny(seed) else { continue };
        let certs: Vec<Certification> =
            inputs.catalog.certs().iter().map(|c| Certification { pass_rate: Some(0.7), ..c.clone() }).collect();
        inputs.catalog = Catalog::new(certs);
        let mut last = 0.0;
        for buffer in 0..=2 {
            s.buffer = buffer;
            let outcome = solver::solve(&inputs, &s, SolveOptions::default()).expect("solves");
            if matches!(outcome.status, Status::Infeasible(_)) {
                break;
            }
            let p = exact(&inputs, &s, outcome.plan.actions).all.probability;
            assert!(p >= last - 1e-12, "seed {seed}, buffer {buffer}: {p} < {last}");
            last = p;
        }
    }
}

#[test]
fn certain_exams_and_no_attrition_give_probability_one() {
    let path = root().join("scenarios/infra-and-security-2027.toml");
    let (mut s, inputs) =
        certplan::io::load_scenario(&path, &Default::default(), d("2026-11-26")).expect("the scenario loads");
    s.pass_rate = 1.0;
    let outcome = solver::solve(&inputs, &s, SolveOptions::default()).expect("solves");
    let a = risk::assess(&inputs, &s, &outcome.plan, outcome.evaluation, How::of(&s)).expect("samples");
    assert_eq!(a.all.probability, 1.0);
    assert!(a.targets.iter().all(|(_, o)| o.probability == 1.0));
    assert!(a.causes.is_empty());
    assert_eq!((a.cost.p10, a.cost.p90), (outcome.cost, outcome.cost), "no retake, no failure: the plan's cost");
}

#[test]
fn per_step_buffers_bind_only_their_step() {
    // Step 1 (A, 1 person, 5 points) and step 2 (B, 1 person, 5 points): a buffer of 1 on
    // step 2 alone makes the plan take B twice and A once.
    let certs = vec![cert("A", 100.0, 10.0), cert("B", 200.0, 10.0)];
    let people = vec![person("p0"), person("p1"), person("p2")];
    let inputs = simple(certs, vec![step(&[0], 1, 5.0), step(&[1], 1, 5.0)], people, vec![]);
    let mut s = scenario("2027-Q1");
    s.step_buffers.set("d", 1, 1, 1);
    assert_eq!(s.buffer_for("d", 1, 1), 1);
    assert_eq!(s.buffer_for("d", 1, 0), 0);
    let outcome = solver::solve(&inputs, &s, SolveOptions::default()).expect("solves");
    assert!((outcome.cost - 500.0).abs() < 1e-9, "{}", outcome.cost);
    let mut certs: Vec<CertIdx> = outcome.plan.actions.iter().filter_map(|a| a.cert).collect();
    certs.sort();
    assert_eq!(certs, vec![0, 1, 1]);
    assert!(certplan::check::verify(&inputs, &s, &outcome.plan, s.deadline).is_empty());
    // The plan without the second B does not hold under that buffer.
    s.step_buffers.set("d", 1, 1, 2);
    assert!(!certplan::model::goal::holds(&inputs, &s, &outcome.plan, s.deadline));
}

/// The main scenario with extra keys, in a temporary folder.
fn example_with(extra: &str) -> tempfile::TempDir {
    let text = std::fs::read_to_string(root().join("scenarios/infrastructure-2027.toml")).unwrap();
    let data = root().join("data");
    let text = text.replace("\"../data", &format!("\"{}", data.display()));
    folder(&[("s.toml", &format!("{text}\n{extra}\n"))])
}

#[test]
fn risk_is_the_same_for_any_thread_count_and_reads_back() {
    let dir = example_with("attrition = 0.05");
    let args = |threads: &str, out: &str| {
        let o = run_in(
            dir.path(),
            &["risk", "s.toml", "--samples", "3000", "--seed", "9", "--threads", threads, "--out", out],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        (stdout(&o), std::fs::read_to_string(dir.path().join(out).join("risk.csv")).unwrap())
    };
    let (text1, csv1) = args("1", "x1");
    let (text2, csv2) = args("2", "x2");
    assert_eq!(text1.replace("x1", "x2"), text2);
    assert_eq!(csv1, csv2);
    let mut reader = csv::Reader::from_reader(csv1.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..5], ["scenario", "target", "probability", "probability_low", "probability_high"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.iter().map(|r| r[1].to_string()).collect::<Vec<_>>(), ["infrastructure", "all"]);
    for r in &rows {
        let (p, low, high): (f64, f64, f64) = (r[2].parse().unwrap(), r[3].parse().unwrap(), r[4].parse().unwrap());
        assert!(low <= p && p <= high && high <= 1.0, "{r:?}");
        assert_eq!(&r[6], "3000");
        assert_eq!(&r[7], "9");
    }
    assert!(text1.contains("3000 samples, seed 9"), "{text1}");
    assert!(text1.contains("most frequent causes of failure"), "{text1}");
}

#[test]
fn risk_exact_on_a_plan_file_matches_the_library() {
    let dir = example_with("retakes = 0");
    let o = run_in(dir.path(), &["plan", "s.toml", "--out", "p"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(dir.path(), &["risk", "s.toml", "p/plan.csv", "--exact", "--out", "r"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Two AZ-700 exams that must both pass at 0.8: 0.64.
    let csv = std::fs::read_to_string(dir.path().join("r/risk.csv")).unwrap();
    let all = csv.lines().find(|l| l.starts_with("infrastructure-2027,all,")).expect("the all row");
    assert!(all.starts_with("infrastructure-2027,all,0.640000,0.640000,0.640000,exact,,,"), "{all}");
    // With the default retake (Q2 to Q4 are free): each passes with 1 − 0.2² = 0.96.
    let dir = example_with("");
    let o = run_in(dir.path(), &["risk", "s.toml", "--exact", "--out", "r"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.path().join("r/risk.csv")).unwrap();
    assert!(csv.contains("infrastructure-2027,all,0.921600,0.921600,0.921600,exact,,,"), "{csv}");
    // Beyond its limits --exact is a usage error, and nothing is written: a hand-made plan of
    // 21 exams (which also breaks rules: each gets a warning).
    let rows: String = (1..=21).map(|i| format!("2027-Q1,e{i:02},exam,AZ-900\n")).collect();
    std::fs::write(dir.path().join("many.csv"), format!("quarter,employee_id,action,certification\n{rows}")).unwrap();
    let o = run_in(dir.path(), &["risk", "s.toml", "many.csv", "--exact", "--out", "r2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("up to 20 exams") && stderr(&o).contains("this plan has 21"), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: exam AZ-900 for e01 in 2027-Q1 is pointless"), "{}", stderr(&o));
    assert!(!dir.path().join("r2").exists());
}

#[test]
fn plan_reaches_min_probability_and_shows_the_price_of_certainty() {
    let dir = example_with("min_probability = 0.95");
    let o = run_in(dir.path(), &["plan", "s.toml", "--out", "p"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("optimal plan: 7611.00 EUR, probability 92.1 %"), "{text}");
    assert!(text.contains("the price of certainty"), "{text}");
    let summary = std::fs::read_to_string(dir.path().join("p/summary.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(summary.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[17..], ["probability", "probability_low", "probability_high"]);
    let row = reader.records().next().unwrap().unwrap();
    let p: f64 = row[17].parse().unwrap();
    assert!(p >= 0.95, "{summary}");
    let cost: f64 = row[3].parse().unwrap();
    assert!(cost > 7611.0, "certainty costs more than the optimum: {summary}");
    // The written plan is the one assessed: `risk` on it gives the same estimate.
    let o = run_in(dir.path(), &["risk", "s.toml", "p/plan.csv"]);
    assert!(stdout(&o).contains(&format!("{:.1} %", p * 100.0)), "{}", stdout(&o));
}

#[test]
fn without_min_probability_the_summary_gains_only_columns_at_the_end() {
    let dir = example_with("");
    let o = run_in(dir.path(), &["plan", "s.toml", "--out", "p"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = std::fs::read_to_string(dir.path().join("p/summary.csv")).unwrap();
    let mut lines = summary.lines();
    assert_eq!(
        lines.next().unwrap(),
        "scenario,status,objective,total_cost,total_hours,exams,designation,track,skilling_before,skilling_after,\
         score_before,score_after,qualified_before,qualified_after,solve_seconds,gap,why,probability,\
         probability_low,probability_high"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(
            "infrastructure-2027,optimal,7611.00,7611.00,68.0,2,infrastructure,smb,0.00,16.00,55.00,71.00,false,true,"
        ),
        "{row}"
    );
    assert!(row.ends_with(",0.000000,,0.921000,0.915550,0.926127"), "{row}");
}

#[test]
fn frontier_and_compare_show_the_probability_of_every_row() {
    let scenario = root().join("scenarios/training-budget-2027.toml");
    let o = run(&["frontier", scenario.to_str().unwrap(), "--budgets", "0,20000", "--threads", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    let mut lines = table.lines();
    assert!(lines.next().unwrap().ends_with(",scores,probability"), "{table}");
    for line in lines {
        let p: f64 = line.rsplit(',').next().unwrap().parse().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&p), "{line}");
    }
    let dir = tempfile::tempdir().unwrap();
    let main = root().join("scenarios/infrastructure-2027.toml");
    let o = run_in(dir.path(), &["compare", main.to_str().unwrap(), "--out", "o"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("rank,scenario,status,objective,cost,currency,probability\n"), "{text}");
    assert!(text.contains("1,infrastructure-2027,optimal,7611.00,7611.00,EUR,0.921000\n"), "{text}");
}

#[test]
fn risk_keys_are_checked_with_every_problem_at_once() {
    let dir = example_with("retakes = 11\nattrition = 1.5\nmin_probability = 0\nsamples = 0\nseed = -1\nretake = 1");
    let o = run_in(dir.path(), &["validate", "s.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for (code, key) in [
        ("E008", "retakes"),
        ("E008", "attrition"),
        ("E008", "min_probability"),
        ("E008", "samples"),
        ("E008", "seed"),
        ("E023", "retake"),
    ] {
        assert!(err.lines().any(|l| l.contains(code) && l.contains(key)), "{code} {key}: {err}");
    }
    let text = std::fs::read_to_string(root().join("scenarios/training-budget-2027.toml")).unwrap();
    let text = text.replace("\"../data", &format!("\"{}", root().join("data").display()));
    let dir = folder(&[("s.toml", &format!("{text}\nmin_probability = 0.9\n"))]);
    let o = run_in(dir.path(), &["validate", "s.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("E019") && stderr(&o).contains("min_probability"), "{}", stderr(&o));
}

#[test]
fn risk_keys_read_back_from_a_written_scenario() {
    let mut s = scenario("2027-Q2");
    s.risk = RiskSettings { retakes: 2, attrition: 0.05, min_probability: Some(0.9), samples: 2500, seed: 42 };
    let text = certplan::io::write_inputs::scenario_toml(&s, "org", "catalog.csv", "rules.toml");
    let dir = folder(&[("s.toml", &text)]);
    let mut issues = certplan::io::Issues::default();
    let (read, _) =
        certplan::io::scenario::load(&dir.path().join("s.toml"), &Default::default(), d("2026-11-26"), &mut issues)
            .expect("reads");
    assert!(issues.is_empty(), "{:?}", issues.list());
    assert_eq!(read[0].risk, s.risk);
    // Defaults are not written, so generated scenarios read as before.
    let plain = certplan::io::write_inputs::scenario_toml(&scenario("2027-Q2"), "org", "catalog.csv", "rules.toml");
    assert!(!plain.contains("retakes") && !plain.contains("seed"), "{plain}");
}
