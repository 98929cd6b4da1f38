//! "Which designation is cheapest for this client?": every designation on its own (in each
//! track it may qualify in) and every pair, planned from one scenario used as a template,
//! in parallel, as one table sorted by cost.

use crate::io::csvout::{hours, money, CsvDoc};
use crate::model::evaluate::{score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{ActionKind, Date, Objective, Scenario, TrackRule};
use crate::solver::{self, SolveOptions, Status};
use rayon::prelude::*;

/// Columns of the comparison table.
pub const HEADER: &[&str] =
    &["rank", "designations", "tracks", "status", "cost", "hours", "exams", "ready_by", "points_short_today", "why"];

/// One question of the comparison: these designations, each in a given track (`None`:
/// the track the rules choose).
#[derive(Clone, Debug)]
struct Question {
    designations: Vec<usize>,
    tracks: Vec<Option<usize>>,
}

/// One answered question.
struct Answer {
    question: Question,
    status: String,
    cost: Option<f64>,
    hours: Option<f64>,
    exams: Option<usize>,
    ready_by: String,
    /// Points short of qualifying today, summed over the question's designations.
    short: f64,
    why: String,
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

fn answer(inputs: &Inputs, template: &Scenario, q: Question, options: SolveOptions, today: Date) -> Answer {
    let inputs = with_tracks(inputs, &q);
    let short = points_short(&inputs, &q, today);
    let scenario = Scenario {
        targets: q.designations.iter().map(|&d| inputs.rules.designations[d].id.clone()).collect(),
        min_skilling: Default::default(),
        ..template.clone()
    };
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| solver::solve(&inputs, &scenario, options)));
    let failed = |why: String| Answer {
        question: q.clone(),
        status: "error".into(),
        cost: None,
        hours: None,
        exams: None,
        ready_by: String::new(),
        short,
        why,
    };
    match solved {
        Err(_) => failed("the solver panicked".into()),
        Ok(Err(e)) => failed(e.to_string()),
        Ok(Ok(outcome)) => {
            let (status, why) = match &outcome.status {
                Status::Optimal => ("optimal".to_string(), String::new()),
                Status::Feasible { .. } => ("feasible".to_string(), String::new()),
                Status::Infeasible(why) => ("infeasible".to_string(), why.join("; ")),
            };
            let solved = !matches!(outcome.status, Status::Infeasible(_));
            // When the targets hold: the evaluation quarter for the `quarters` objective,
            // else the quarter of the plan's last action.
            let ready_by = match (solved, scenario.objective) {
                (false, _) => String::new(),
                (true, Objective::Quarters) => outcome.evaluation.to_string(),
                (true, _) => outcome.plan.actions.iter().map(|a| a.quarter).max().unwrap_or(scenario.start).to_string(),
            };
            Answer {
                status,
                cost: solved.then_some(outcome.cost),
                hours: solved.then_some(outcome.hours),
                exams: solved.then(|| outcome.plan.actions.iter().filter(|a| a.kind == ActionKind::Exam).count()),
                ready_by,
                short,
                why,
                question: q,
            }
        }
    }
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

/// Solves every question on `threads` threads (0 = all cores) and returns the table.
pub fn compare(
    inputs: &Inputs,
    template: &Scenario,
    options: SolveOptions,
    threads: usize,
    today: Date,
) -> anyhow::Result<Vec<u8>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let answers: Vec<Answer> = pool
        .install(|| questions(inputs).into_par_iter().map(|q| answer(inputs, template, q, options, today)).collect());
    let label = |a: &Answer| {
        let names: Vec<&str> =
            a.question.designations.iter().map(|&d| inputs.rules.designations[d].id.as_str()).collect();
        let tracks: Vec<String> = a
            .question
            .designations
            .iter()
            .zip(&a.question.tracks)
            .map(|(&d, t)| t.map_or("auto".to_string(), |t| inputs.rules.designations[d].tracks[t].clone()))
            .collect();
        (names.join("+"), tracks.join("+"))
    };
    let mut rows: Vec<(Answer, (String, String))> = answers
        .into_iter()
        .map(|a| {
            let l = label(&a);
            (a, l)
        })
        .collect();
    rows.sort_by(|(a, la), (b, lb)| {
        let key = |x: &Answer| x.cost.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then(la.cmp(lb))
    });
    let mut doc = CsvDoc::new(HEADER);
    for (rank, (a, (names, tracks))) in rows.iter().enumerate() {
        doc.row(&[
            (rank + 1).to_string(),
            names.clone(),
            tracks.clone(),
            a.status.clone(),
            a.cost.map_or(String::new(), money),
            a.hours.map_or(String::new(), hours),
            a.exams.map_or(String::new(), |e| e.to_string()),
            a.ready_by.clone(),
            money(a.short),
            a.why.clone(),
        ]);
    }
    Ok(doc.into_bytes())
}
