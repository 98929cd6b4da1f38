//! The plan from the options the program chose: counts per class back to people and
//! actions, then the zero-cost actions nothing relies on dropped.

use super::bundles::PersonChoices;
use super::context::Context;
use super::formulation::{Shape, Take};
use super::outcome::SolveError;
use crate::check;
use crate::model::{EmpIdx, Goal, Plan};

/// Turns chosen counts per class into actions, members in employee order.
pub(crate) fn extract(people: &[PersonChoices], shape: &Shape, takes: &[Take]) -> Result<Plan, SolveError> {
    let mut actions = Vec::new();
    let mut next_member = vec![0usize; shape.classes.len()];
    let mut sorted = takes.to_vec();
    sorted.sort_unstable();
    for Take { class: k, option: pos, count } in sorted {
        let class = &shape.classes[k];
        for _ in 0..count {
            let Some(&member) = class.members.get(next_member[k]) else {
                return Err(SolveError::Solver(format!("class {k} was given more choices than it has people")));
            };
            actions.extend(people[member].actions(class.choice_of[next_member[k]][pos]));
            next_member[k] += 1;
        }
    }
    actions.sort_unstable();
    Ok(Plan { actions })
}

/// Removes, person by person, actions that cost nothing and that the goal does not rely
/// on (a link for someone whose certifications are not needed, a free exam nobody needs):
/// the solver is indifferent to them, an advisor is not (contract §5.10).
pub(crate) fn drop_unneeded(ctx: &Context, plan: Plan) -> Plan {
    let inputs_view = (ctx.catalog, ctx.rules, ctx.org);
    let mut plan = plan;
    let mut people: Vec<EmpIdx> = plan.actions.iter().map(|a| a.employee).collect();
    people.sort_unstable();
    people.dedup();
    for e in people {
        let (mine, others): (Vec<_>, Vec<_>) = plan.actions.iter().partition(|a| a.employee == e);
        let (cost, hours) = check::totals(ctx.catalog, ctx.org, ctx.scenario, &Plan { actions: mine });
        if cost > 0.0 || hours > 0.0 {
            continue;
        }
        let trial = Plan { actions: others };
        let last = ctx.last_quarter();
        let keeps_value = ctx.scenario.goal != Goal::MaxPoints
            || check::value(inputs_view, ctx.scenario, &trial, last)
                >= check::value(inputs_view, ctx.scenario, &plan, last);
        if keeps_value && check::goal_holds(inputs_view, ctx.scenario, &trial, last) {
            plan = trial;
        }
    }
    plan
}
