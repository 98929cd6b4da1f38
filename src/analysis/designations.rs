//! "Which designation is cheapest for this client?": every designation on its own (in each
//! track it may qualify in) and every pair, planned from one scenario used as a template,
//! in parallel, as rows sorted by cost.

use crate::batch::{self, Progress, FAILED};
use crate::model::evaluate::{score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{Date, Objective, Scenario, TrackRule};
use crate::report::plan::exam_count;
use crate::solver::{SolveOptions, Status};

/// One question of the comparison: these designations, each in a given track (`None`:
/// the track the rules choose).
#[derive(Clone, Debug)]
struct Question {
    designations: Vec<usize>,
    tracks: Vec<Option<usize>>,
}

/// One answered question, as a row of the table.
pub struct DesignationRow {
    /// The designations' ids, joined by `+`.
    pub designations: String,
    /// Their tracks (`auto`: the rules' choice), joined by `+`.
    pub tracks: String,
    /// How the solve ended.
    pub status: &'static str,
    /// The plan's total cost, when there is a plan.
    pub cost: Option<f64>,
    /// The plan's total hours, when there is a plan.
    pub hours: Option<f64>,
    /// The plan's exams, when there is a plan.
    pub exams: Option<usize>,
    /// When the targets hold (empty without a plan).
    pub ready_by: String,
    /// Points short of qualifying today, summed over the question's designations.
    pub points_short: f64,
    /// Why there is no plan (the infeasibility's reasons or the error), else empty.
    pub why: String,
}

/// Every designation alone in each track it may qualify in (the profile's track when
/// classified, every track when best), then every pair with the rules' own tracks.
fn questions(inputs: &Inputs) -> Vec<Question> {
    let rules = &inputs.rules;
    let mut out = Vec::new();
    for (d, des) in rules.designations.iter().enumerate() {
        match des.track_rule {
            TrackRule::Classified => {
                if let Some(t) = inputs.org.profile.tracks.get(&des.id).and_then(|t| des.track_index(t)) {
                    out.push(Question { designations: vec![d], tracks: vec![Some(t)] });
                }
            }
            TrackRule::Best => {
                out.extend((0..des.tracks.len()).map(|t| Question { designations: vec![d], tracks: vec![Some(t)] }))
            }
        }
    }
    let plannable: Vec<usize> = (0..rules.designations.len())
        .filter(|&d| {
            let des = &rules.designations[d];
            des.track_rule == TrackRule::Best || inputs.org.profile.tracks.contains_key(&des.id)
        })
        .collect();
    for (i, &a) in plannable.iter().enumerate() {
        for &b in &plannable[i + 1..] {
            out.push(Question { designations: vec![a, b], tracks: vec![None, None] });
        }
    }
    out
}

/// The inputs with each forced track made the designation's only one: the designation
/// becomes classified in that track, so the solver, the checker and the report agree.
fn with_tracks(inputs: &Inputs, q: &Question) -> Inputs {
    let mut out = inputs.clone();
    for (&d, track) in q.designations.iter().zip(&q.tracks) {
        if let Some(t) = *track {
            let des = &mut out.rules.designations[d];
            des.track_rule = TrackRule::Classified;
            out.org.profile.tracks.insert(des.id.clone(), des.tracks[t].clone());
        }
    }
    out
}

fn answer(inputs: &Inputs, template: &Scenario, q: Question, options: SolveOptions, today: Date) -> DesignationRow {
    let rules = &inputs.rules;
    let designations: Vec<&str> = q.designations.iter().map(|&d| rules.designations[d].id.as_str()).collect();
    let tracks: Vec<String> = q
        .designations
        .iter()
        .zip(&q.tracks)
        .map(|(&d, t)| t.map_or("auto".to_string(), |t| rules.designations[d].tracks[t].clone()))
        .collect();
    let inputs = with_tracks(inputs, &q);
    let scenario = Scenario {
        targets: designations.iter().map(|d| d.to_string()).collect(),
        min_skilling: Default::default(),
        ..template.clone()
    };
    let mut row = DesignationRow {
        designations: designations.join("+"),
        tracks: tracks.join("+"),
        status: FAILED,
        cost: None,
        hours: None,
        exams: None,
        ready_by: String::new(),
        points_short: points_short(&inputs, &q, today),
        why: String::new(),
    };
    let outcome = match batch::solve_safely(&inputs, &scenario, options) {
        Ok(outcome) => outcome,
        Err(why) => return DesignationRow { why, ..row },
    };
    row.status = batch::status_label(&outcome.status);
    if let Status::Infeasible(why) = &outcome.status {
        row.why = why.join("; ");
        return row;
    }
    // When the targets hold: the evaluation quarter for the `quarters` objective, else the
    // quarter of the plan's last action.
    row.ready_by = match scenario.objective {
        Objective::Quarters => outcome.evaluation.to_string(),
        _ => outcome.plan.actions.iter().map(|a| a.quarter).max().unwrap_or(scenario.start).to_string(),
    };
    row.cost = Some(outcome.cost);
    row.hours = Some(outcome.hours);
    row.exams = Some(exam_count(&outcome.plan));
    row
}

/// Points the designations of `q` are short of qualifying on `today`, summed, in the
/// question's tracks (`inputs` already restricted to them; the best applicable track when
/// not forced).
fn points_short(inputs: &Inputs, q: &Question, today: Date) -> f64 {
    let timeline = Timeline::new(&inputs.catalog, &inputs.org, &[]);
    let snapshot = Snapshot::new(&inputs.catalog, &inputs.org, &timeline, today);
    q.designations
        .iter()
        .map(|&d| {
            let tracks = score_designation(
                &inputs.rules.designations[d],
                &inputs.org,
                &snapshot,
                inputs.rules.qualifying_score,
                0,
            );
            let best = tracks.iter().filter(|t| t.applies).map(|t| t.score).fold(0.0, f64::max);
            (inputs.rules.qualifying_score - best).max(0.0)
        })
        .sum()
}

/// Solves every question on `threads` threads (0 = all cores), telling `progress` of each:
/// the rows by cost (no plan last), then by designations and tracks.
pub fn rows(
    inputs: &Inputs,
    template: &Scenario,
    options: SolveOptions,
    threads: usize,
    today: Date,
    progress: &Progress,
) -> anyhow::Result<Vec<DesignationRow>> {
    let questions = questions(inputs);
    (progress.total)(questions.len());
    let mut rows = batch::in_parallel(threads, questions, |q| {
        let row = answer(inputs, template, q, options, today);
        (progress.done)();
        row
    })?;
    let cost = |r: &DesignationRow| r.cost.unwrap_or(f64::INFINITY);
    rows.sort_by(|a, b| {
        cost(a).total_cmp(&cost(b)).then_with(|| (&a.designations, &a.tracks).cmp(&(&b.designations, &b.tracks)))
    });
    Ok(rows)
}
