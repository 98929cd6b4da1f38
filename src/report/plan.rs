//! The ranked `plan.csv` and the `summary.csv` rows (contract §4, §5.13).

use crate::io::csvout::{hours, money, CsvDoc};
use crate::model::cost::action_cost;
use crate::model::evaluate::{meets_goal, score_designation, Snapshot, Timeline, TrackScore};
use crate::model::Inputs;
use crate::model::{Action, ActionKind, Category, EmpIdx, Plan, Quarter, Scenario};
use crate::risk::PlanRisk;
use crate::solver::{Outcome, Status};

/// Columns of `plan.csv`.
pub const PLAN_HEADER: &[&str] = &[
    "scenario",
    "rank",
    "quarter",
    "employee_id",
    "employee_name",
    "action",
    "certification",
    "certification_name",
    "exam_fee",
    "training_fee",
    "study_hours",
    "cost",
    "counts_for",
    "points_gained",
    "cumulative_cost",
    "scores_after",
];

/// Columns of `summary.csv`.
pub const SUMMARY_HEADER: &[&str] = &[
    "scenario",
    "status",
    "objective",
    "total_cost",
    "total_hours",
    "exams",
    "designation",
    "track",
    "skilling_before",
    "skilling_after",
    "score_before",
    "score_after",
    "qualified_before",
    "qualified_after",
    "solve_seconds",
    "gap",
    "why",
    // Issue 14: the plan's probability that every target qualifies (README, "Risk").
    "probability",
    "probability_low",
    "probability_high",
];

/// Columns of `summary.csv` before the risk columns: a failed row's message stays in `why`.
const SUMMARY_BEFORE_RISK: usize = 17;

/// The targets' state on one day with some actions applied: the timeline and snapshot,
/// kept up to date one person at a time, and every track's score per target.
struct State<'i> {
    inputs: &'i Inputs,
    scenario: &'i Scenario,
    day: crate::model::Date,
    timeline: Timeline,
    snapshot: Snapshot,
    /// Per target: every track's score.
    tracks: Vec<Vec<TrackScore>>,
}

impl<'i> State<'i> {
    fn new(inputs: &'i Inputs, scenario: &'i Scenario, day: crate::model::Date) -> State<'i> {
        let timeline = Timeline::new(&inputs.catalog, &inputs.org, &[]);
        let snapshot = Snapshot::new(&inputs.catalog, &inputs.org, &timeline, day);
        let tracks = Self::score(inputs, scenario, &snapshot);
        State { inputs, scenario, day, timeline, snapshot, tracks }
    }

    fn score(inputs: &Inputs, scenario: &Scenario, snapshot: &Snapshot) -> Vec<Vec<TrackScore>> {
        let Inputs { rules, org, .. } = inputs;
        scenario
            .targets
            .iter()
            .filter_map(|id| rules.designation_index(id).map(|i| &rules.designations[i]))
            .map(|d| score_designation(d, org, snapshot, rules.qualifying_score, 0))
            .collect()
    }

    /// Gives `employee` exactly `actions` (theirs); returns the row they counted before.
    fn set_person(&mut self, employee: EmpIdx, actions: &[Action]) -> Vec<bool> {
        let Inputs { catalog, org, .. } = self.inputs;
        self.timeline.rebuild_person(catalog, org, employee, actions);
        let row = Snapshot::row(catalog, org, &self.timeline, employee, self.day);
        self.snapshot.swap_row(employee, row)
    }

    /// Every track's score per target if `employee` had `actions`, leaving the state as it is.
    fn try_person(&mut self, employee: EmpIdx, actions: &[Action], now: &[Action]) -> Vec<Vec<TrackScore>> {
        let before = self.set_person(employee, actions);
        let tracks = Self::score(self.inputs, self.scenario, &self.snapshot);
        let Inputs { catalog, org, .. } = self.inputs;
        self.timeline.rebuild_person(catalog, org, employee, now);
        self.snapshot.swap_row(employee, before);
        tracks
    }

    /// The score that represents a target: the applicable track with the highest score.
    fn shown(tracks: &[Vec<TrackScore>], target: usize) -> Option<&TrackScore> {
        best_scoring(&tracks[target])
    }

    fn skilling_total(tracks: &[Vec<TrackScore>]) -> f64 {
        (0..tracks.len()).filter_map(|t| Self::shown(tracks, t)).map(|t| t.skilling).sum()
    }
}

/// The applicable track with the highest score (ties: the first).
fn best_scoring(tracks: &[TrackScore]) -> Option<&TrackScore> {
    best_scoring_of(tracks.iter().filter(|t| t.applies))
}

/// The highest-scoring of some tracks (ties: the first).
fn best_scoring_of<'t>(tracks: impl Iterator<Item = &'t TrackScore>) -> Option<&'t TrackScore> {
    tracks.fold(None, |best: Option<&TrackScore>, t| match best {
        Some(b) if b.score >= t.score => Some(b),
        _ => Some(t),
    })
}

/// One ranked row, with what it adds.
struct Ranked {
    action: Action,
    counts_for: Vec<String>,
    points_gained: f64,
    scores_after: String,
}

/// Orders the actions (contract §4): by quarter; within a quarter, prerequisites first,
/// then by skilling points gained per unit of cost, applying rows one by one; then by
/// employee id and certification id.
fn rank(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Vec<Ranked> {
    let Inputs { catalog, rules, .. } = inputs;
    let day = evaluation.last_day();
    let mut remaining = plan.actions.clone();
    let mut placed: Vec<Action> = Vec::new();
    let mut state = State::new(inputs, scenario, day);
    let placed_of =
        |placed: &[Action], e: EmpIdx| placed.iter().filter(|a| a.employee == e).copied().collect::<Vec<_>>();
    let mut out = Vec::new();
    while !remaining.is_empty() {
        let quarter = remaining.iter().map(|a| a.quarter).min().expect("not empty");
        let waits_for_prerequisite = |a: &Action| {
            a.cert.is_some_and(|c| {
                let cert = &catalog[c];
                remaining.iter().any(|b| {
                    b.quarter == quarter
                        && b.employee == a.employee
                        && b.cert.is_some_and(|r| cert.requires_all.contains(&r) || cert.requires_any.contains(&r))
                })
            })
        };
        let skilling_now = State::skilling_total(&state.tracks);
        let mut best: Option<(usize, f64)> = None;
        for (i, a) in remaining.iter().enumerate() {
            if a.quarter != quarter || waits_for_prerequisite(a) {
                continue;
            }
            let now = placed_of(&placed, a.employee);
            let mut trial = now.clone();
            trial.push(*a);
            let gain = State::skilling_total(&state.try_person(a.employee, &trial, &now)) - skilling_now;
            let better = match best {
                None => true,
                Some((j, best_gain)) => {
                    let b = &remaining[j];
                    let (x, y) = (per_cost(inputs, scenario, a, gain), per_cost(inputs, scenario, b, best_gain));
                    x > y + 1e-12 || ((x - y).abs() <= 1e-12 && tie_key(inputs, a) < tie_key(inputs, b))
                }
            };
            if better {
                best = Some((i, gain));
            }
        }
        let (i, gain) = best.expect("some action has no prerequisite pending in its quarter");
        let action = remaining.remove(i);
        placed.push(action);
        let before = state.set_person(action.employee, &placed_of(&placed, action.employee));
        state.tracks = State::score(inputs, scenario, &state.snapshot);
        let after = Snapshot::row(catalog, &inputs.org, &state.timeline, action.employee, day);
        let mut counts_for = Vec::new();
        for id in &scenario.targets {
            let Some(d) = rules.designation_index(id).map(|x| &rules.designations[x]) else { continue };
            for m in d.metrics.iter().filter(|m| m.category == Category::Skilling) {
                for (si, step) in m.steps.iter().enumerate() {
                    let counts = |row: &[bool]| step.certifications.iter().any(|&c| row[c]);
                    if counts(&after) && !counts(&before) {
                        counts_for.push(format!("{id}/{}/{}", m.id, si + 1));
                    }
                }
            }
        }
        let scores_after = scenario
            .targets
            .iter()
            .enumerate()
            .filter_map(|(t, id)| State::shown(&state.tracks, t).map(|s| format!("{id}={}", money(s.score))))
            .collect::<Vec<_>>()
            .join(";");
        out.push(Ranked { action, counts_for, points_gained: gain, scores_after });
    }
    out
}

/// Points per unit of cost; a free action that gains points ranks above any paid one.
fn per_cost(inputs: &Inputs, scenario: &Scenario, a: &Action, gain: f64) -> f64 {
    let (cost, _) = action_cost(inputs, scenario, a);
    if cost > 0.0 {
        gain / cost
    } else if gain > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

fn tie_key<'a>(inputs: &'a Inputs, a: &Action) -> (&'a str, &'a str, ActionKind) {
    (inputs.org.employees[a.employee].id.as_str(), a.cert.map_or("", |c| inputs.catalog[c].id.as_str()), a.kind)
}

/// One ranked row of a plan with its numbers as numbers: what `plan.csv` prints and the
/// workbook and the HTML report show, so that all three agree.
pub struct PlanRow {
    /// 1-based rank.
    pub rank: usize,
    /// The action.
    pub action: Action,
    /// Exam fee (0 for renewals and links).
    pub exam_fee: f64,
    /// Training fee (0 for renewals and links).
    pub training_fee: f64,
    /// Study hours of an exam, renewal hours of a renewal.
    pub study_hours: f64,
    /// Expected cost (contract §3).
    pub cost: f64,
    /// `designation/metric/step` entries the row newly fills.
    pub counts_for: Vec<String>,
    /// Skilling points the row adds.
    pub points_gained: f64,
    /// Cost of rows 1..rank.
    pub cumulative_cost: f64,
    /// `designation=score` after rows 1..rank.
    pub scores_after: String,
}

/// The ranked rows of one solved scenario's plan.
pub fn plan_rows(inputs: &Inputs, scenario: &Scenario, outcome: &Outcome) -> Vec<PlanRow> {
    let mut cumulative = 0.0;
    let mut out = Vec::new();
    for (r, row) in rank(inputs, scenario, &outcome.plan, outcome.evaluation).into_iter().enumerate() {
        let a = row.action;
        let (cost, _) = action_cost(inputs, scenario, &a);
        cumulative += cost;
        let (exam_fee, training_fee, study_hours) = match (a.kind, a.cert.map(|c| &inputs.catalog[c])) {
            (ActionKind::Exam, Some(c)) => (c.exam_fee, c.training_fee, c.study_hours),
            (ActionKind::Renew, Some(c)) => (0.0, 0.0, c.renewal_hours),
            _ => (0.0, 0.0, 0.0),
        };
        out.push(PlanRow {
            rank: r + 1,
            action: a,
            exam_fee,
            training_fee,
            study_hours,
            cost,
            counts_for: row.counts_for,
            points_gained: row.points_gained,
            cumulative_cost: cumulative,
            scores_after: row.scores_after,
        });
    }
    out
}

/// `plan.csv` for one solved scenario, from its ranked rows ([`plan_rows`]).
pub fn plan_csv(inputs: &Inputs, scenario: &Scenario, rows: &[PlanRow]) -> Vec<u8> {
    let mut doc = CsvDoc::new(PLAN_HEADER);
    for row in rows {
        let a = row.action;
        let emp = &inputs.org.employees[a.employee];
        let cert = a.cert.map(|c| &inputs.catalog[c]);
        doc.row(&[
            scenario.name.clone(),
            row.rank.to_string(),
            a.quarter.to_string(),
            emp.id.clone(),
            emp.name.clone(),
            a.kind.as_str().to_string(),
            cert.map_or(String::new(), |c| c.id.clone()),
            cert.map_or(String::new(), |c| c.name.clone()),
            money(row.exam_fee),
            money(row.training_fee),
            hours(row.study_hours),
            money(row.cost),
            row.counts_for.join(";"),
            money(row.points_gained),
            money(row.cumulative_cost),
            row.scores_after.clone(),
        ]);
    }
    doc.into_bytes()
}

/// One target before and after the plan, in the track that meets the goal (or, when none
/// does, the best-scoring one), both on the evaluation day (§5.13).
pub struct TargetResult {
    /// Designation id.
    pub designation: String,
    /// Track name.
    pub track: String,
    /// Without the plan.
    pub before: TrackScore,
    /// With the plan.
    pub after: TrackScore,
}

/// Every target's result for a solved scenario.
pub fn target_results(inputs: &Inputs, scenario: &Scenario, outcome: &Outcome) -> Vec<TargetResult> {
    let day = outcome.evaluation.last_day();
    let scores = |actions: &[Action]| {
        let timeline = Timeline::new(&inputs.catalog, &inputs.org, actions);
        State::score(inputs, scenario, &Snapshot::new(&inputs.catalog, &inputs.org, &timeline, day))
    };
    let (before, after) = (scores(&[]), scores(&outcome.plan.actions));
    let mut out = Vec::new();
    for (t, id) in scenario.targets.iter().enumerate() {
        let Some(d) = inputs.rules.designation_index(id).map(|x| &inputs.rules.designations[x]) else { continue };
        let floor = scenario.min_skilling.get(id).copied().unwrap_or(0.0);
        let meets = |s: &TrackScore| meets_goal(d, s, scenario.goal, floor);
        let chosen =
            best_scoring_of(after[t].iter().filter(|s| s.applies && meets(s))).or_else(|| State::shown(&after, t));
        let Some(chosen) = chosen else { continue };
        out.push(TargetResult {
            designation: id.clone(),
            track: d.tracks[chosen.track].clone(),
            before: before[t][chosen.track].clone(),
            after: chosen.clone(),
        });
    }
    out
}

/// How many of a plan's actions are exams (the rest are renewals and links): the `exams`
/// column of every table.
pub fn exam_count(plan: &Plan) -> usize {
    plan.actions.iter().filter(|a| a.kind == ActionKind::Exam).count()
}

/// How a solve ended, as the summary's scenario-wide columns show it.
pub struct Ending {
    /// `optimal`, `feasible` or `infeasible`.
    pub status: &'static str,
    /// The objective's value, when there is a plan.
    pub objective: Option<f64>,
    /// The relative gap (0 when proven optimal; unknown or none without a plan).
    pub gap: Option<f64>,
    /// Why there is no plan, else empty.
    pub why: String,
    /// Exam actions of the plan.
    pub exams: usize,
}

/// The scenario-wide columns of a solved scenario's summary.
pub fn ending(outcome: &Outcome) -> Ending {
    let (objective, gap, why) = match &outcome.status {
        Status::Optimal => (outcome.objective, Some(0.0), String::new()),
        Status::Feasible { gap } => (outcome.objective, *gap, String::new()),
        Status::Infeasible(why) => (None, None, why.join("; ")),
    };
    let status = crate::batch::status_label(&outcome.status);
    Ending { status, objective, gap, why, exams: exam_count(&outcome.plan) }
}

/// The `summary.csv` rows of one scenario (one per target), appended to `doc`.
pub fn summary_rows(
    doc: &mut CsvDoc,
    inputs: &Inputs,
    scenario: &Scenario,
    outcome: &Outcome,
    risk: Option<&PlanRisk>,
    seconds: f64,
) {
    let Ending { status, objective, gap, why, exams } = ending(outcome);
    let objective = objective.map_or(String::new(), |v| match scenario.objective {
        crate::model::Objective::Hours => hours(v),
        crate::model::Objective::Cost => money(v),
        crate::model::Objective::Quarters => format!("{v}"),
    });
    let odds = risk.map(|r| r.assessment.all);
    for r in target_results(inputs, scenario, outcome) {
        doc.row(&[
            scenario.name.clone(),
            status.to_string(),
            objective.clone(),
            money(outcome.cost),
            hours(outcome.hours),
            exams.to_string(),
            r.designation,
            r.track,
            money(r.before.skilling),
            money(r.after.skilling),
            money(r.before.score),
            money(r.after.score),
            r.before.qualified.to_string(),
            r.after.qualified.to_string(),
            format!("{seconds:.1}"),
            gap.map_or(String::new(), |g| format!("{g:.6}")),
            why.clone(),
            odds.map_or(String::new(), |o| probability(o.probability)),
            odds.map_or(String::new(), |o| probability(o.low)),
            odds.map_or(String::new(), |o| probability(o.high)),
        ]);
    }
}

/// The `summary.csv` row of a scenario that could not be solved.
pub fn error_row(doc: &mut CsvDoc, scenario_name: &str, message: &str) {
    let mut cells = super::failed_cells(SUMMARY_BEFORE_RISK, scenario_name.to_string(), message);
    cells.resize(SUMMARY_HEADER.len(), String::new());
    doc.row(&cells);
}

/// A probability as the tables write it: six decimals, so that an exact value (`risk
/// --exact`) reads back to 1e-6; an estimate's interval says how many of them mean anything.
pub fn probability(p: f64) -> String {
    format!("{p:.6}")
}
