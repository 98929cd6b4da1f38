//! The advisor's spreadsheet method, as a baseline to measure the optimiser against: walk
//! the targets' steps in order and give each missing slot to the person with the cheapest
//! route to it, until every target meets the goal (contract §3 costs, same options per
//! person as the optimiser, so the comparison is about the choice, not the modelling).

use crate::model::evaluate::{score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{goal, Category, Plan, Scenario};
use crate::solver::bundles::{self, Mask};
use crate::solver::Context;

/// The greedy plan at the scenario's deadline, or `None` when the greedy walk gets stuck
/// (no one can fill the next missing slot) or the scenario's rules cannot be read.
pub fn greedy_plan(inputs: &Inputs, scenario: &Scenario) -> Option<Plan> {
    let ctx = Context::new(inputs, scenario, scenario.deadline).ok()?;
    let people = bundles::all_people(&ctx, usize::MAX);
    // Each person's current choice (index into their options) and coverage.
    let mut chosen: Vec<Option<usize>> = vec![None; people.len()];
    let day = scenario.deadline.last_day();
    loop {
        let plan = plan_of(&people, &chosen);
        if goal::holds(inputs, scenario, &plan, scenario.deadline) {
            return Some(plan);
        }
        let group = next_missing_group(&ctx, inputs, scenario, &plan, day)?;
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, p) in people.iter().enumerate() {
            let (mask, cost) = match chosen[i] {
                Some(o) => (p.choices[o].mask, p.choices[o].cost),
                None => (p.base, 0.0),
            };
            if mask.has(group) {
                continue;
            }
            for (o, c) in p.choices.iter().enumerate() {
                let wanted: Mask = mask | Mask::one(group);
                if c.mask & wanted == wanted && best.is_none_or(|(b, _, _)| c.cost - cost < b) {
                    best = Some((c.cost - cost, i, o));
                }
            }
        }
        let (_, i, o) = best?;
        chosen[i] = Some(o);
    }
}

fn plan_of(people: &[bundles::PersonChoices], chosen: &[Option<usize>]) -> Plan {
    let mut actions: Vec<_> =
        people.iter().zip(chosen).filter_map(|(p, c)| c.map(|o| p.actions(o))).flatten().collect();
    actions.sort_unstable();
    Plan { actions }
}

/// The next slot to fill, as a step group: in each target's best applicable track, first
/// the first short step of a metric still at 0 points (every metric must score), else the
/// first short step in rule order (targets in order, metrics and steps in rule order).
fn next_missing_group(
    ctx: &Context,
    inputs: &Inputs,
    scenario: &Scenario,
    plan: &Plan,
    day: crate::model::Date,
) -> Option<usize> {
    let timeline = Timeline::new(&inputs.catalog, &inputs.org, &plan.actions);
    let snapshot = Snapshot::new(&inputs.catalog, &inputs.org, &timeline, day);
    let mut first_short = None;
    for id in &scenario.targets {
        let d = inputs.rules.designation_index(id)?;
        let des = &inputs.rules.designations[d];
        let tracks = score_designation(des, &inputs.org, &snapshot, inputs.rules.qualifying_score, scenario.buffer);
        let track = tracks.iter().filter(|t| t.applies).max_by(|a, b| a.score.total_cmp(&b.score))?;
        for (mi, _) in des.metrics.iter().enumerate().filter(|(_, m)| m.category == Category::Skilling) {
            let metric = &track.metrics[mi];
            let short = metric.steps.iter().position(|s| s.needed.is_some_and(|need| s.people < need));
            if let Some(si) = short {
                let group = ctx.step_group[d][mi][si];
                if metric.points <= 0.0 {
                    return Some(group);
                }
                first_short.get_or_insert(group);
            }
        }
    }
    first_short
}
