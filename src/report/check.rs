//! The `certplan check` report: what a hand-made plan achieves, costs, and breaks.

use crate::check;
use crate::io::csvout::{hours, money, CsvDoc};
use crate::model::evaluate::{missing, score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{cost, goal, ActionKind, Objective, Plan, Scenario};

/// What `certplan check` says of a plan: the per-target table (CSV, for stdout), the prose
/// around it (totals, when the goal is first met, every rule broken; for stderr, so that
/// stdout stays one CSV table), and whether the plan is valid and meets the goal.
pub struct CheckReport {
    /// `designation,track,skilling,score,qualified,missing`, one row per target and track
    /// that applies.
    pub table: Vec<u8>,
    /// The totals and the rules broken, in plain words.
    pub prose: String,
    /// Whether the plan breaks no rule and meets the goal.
    pub passes: bool,
}

/// Applies `plan` to the organisation and reports what it achieves, costs and breaks.
pub fn check_report(inputs: &Inputs, scenario: &Scenario, plan: &Plan) -> CheckReport {
    let Inputs { catalog, rules, org } = inputs;
    let evaluation = scenario.deadline;
    let day = evaluation.last_day();
    let (cost, total_hours) = cost::totals(inputs, scenario, plan);
    let count = |k: ActionKind| plan.actions.iter().filter(|a| a.kind == k).count();
    let mut prose = format!(
        "scenario {}: plan evaluated on {day}\ncost {} {}, {} h, {} exam(s), {} renewal(s), {} link(s)\n",
        scenario.name,
        money(cost),
        org.profile.currency,
        hours(total_hours),
        count(ActionKind::Exam),
        count(ActionKind::Renew),
        count(ActionKind::Link)
    );
    let timeline = Timeline::new(catalog, org, &plan.actions);
    let snapshot = Snapshot::new(catalog, org, &timeline, day);
    let mut table = CsvDoc::new(&["designation", "track", "skilling", "score", "qualified", "missing"]);
    for id in &scenario.targets {
        let Some(d) = rules.designation_index(id).map(|i| &rules.designations[i]) else { continue };
        for t in score_designation(d, org, &snapshot, rules.qualifying_score, 0).iter().filter(|t| t.applies) {
            table.row(&[
                d.id.clone(),
                d.tracks[t.track].clone(),
                money(t.skilling),
                money(t.score),
                t.qualified.to_string(),
                missing(d, catalog, t, rules.qualifying_score).join("; "),
            ]);
        }
    }
    if scenario.objective == Objective::Quarters {
        let first =
            scenario.quarters_until(scenario.deadline).into_iter().find(|&q| goal::holds(inputs, scenario, plan, q));
        prose.push_str(&format!("goal first met: {}\n", first.map_or("never".to_string(), |q| q.to_string())));
    }
    let broken = check::verify(inputs, scenario, plan, evaluation);
    if broken.is_empty() {
        prose.push_str("rules broken: none\n");
    } else {
        prose.push_str(&format!("rules broken: {}\n", broken.len()));
        for b in &broken {
            prose.push_str(&format!("  - {b}\n"));
        }
    }
    CheckReport { table: table.into_bytes(), prose, passes: broken.is_empty() }
}
