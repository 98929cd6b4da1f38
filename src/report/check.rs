//! The `certplan check` report: what a hand-made plan achieves, costs, and breaks.

use crate::check;
use crate::io::csvout::{hours, money};
use crate::model::evaluate::{missing, score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{cost, goal, ActionKind, Objective, Plan, Scenario};

/// The report as text: totals, one line per target and track that applies, the rules the
/// plan breaks. Returns the text and whether the plan is valid and meets the goal.
pub fn check_report(inputs: &Inputs, scenario: &Scenario, plan: &Plan) -> (String, bool) {
    let Inputs { catalog, rules, org } = inputs;
    let evaluation = scenario.deadline;
    let day = evaluation.last_day();
    let (cost, total_hours) = cost::totals(inputs, scenario, plan);
    let count = |k: ActionKind| plan.actions.iter().filter(|a| a.kind == k).count();
    let mut out = format!(
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
    out.push_str("designation,track,skilling,score,qualified,missing\n");
    for id in &scenario.targets {
        let Some(d) = rules.designation_index(id).map(|i| &rules.designations[i]) else { continue };
        for t in score_designation(d, org, &snapshot, rules.qualifying_score, 0).iter().filter(|t| t.applies) {
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                d.id,
                d.tracks[t.track],
                money(t.skilling),
                money(t.score),
                t.qualified,
                missing(d, catalog, t, rules.qualifying_score).join("; ")
            ));
        }
    }
    if scenario.objective == Objective::Quarters {
        let first =
            scenario.quarters_until(scenario.deadline).into_iter().find(|&q| goal::holds(inputs, scenario, plan, q));
        out.push_str(&format!("goal first met: {}\n", first.map_or("never".to_string(), |q| q.to_string())));
    }
    let broken = check::verify(inputs, scenario, plan, evaluation);
    if broken.is_empty() {
        out.push_str("rules broken: none\n");
    } else {
        out.push_str(&format!("rules broken: {}\n", broken.len()));
        for b in &broken {
            out.push_str(&format!("  - {b}\n"));
        }
    }
    (out, broken.is_empty())
}
