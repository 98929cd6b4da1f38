//! The plan from the options the program chose: counts per class back to people and
//! actions, then the zero-cost actions nothing relies on dropped.

use super::bundles::PersonChoices;
use super::context::Context;
use super::formulation::{Shape, Take};
use super::outcome::SolveError;
use crate::model::{cost, goal, EmpIdx, Goal, Plan};

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
    let mut plan = plan;
    let mut people: Vec<EmpIdx> = plan.actions.iter().map(|a| a.employee).collect();
    people.sort_unstable();
    people.dedup();
    for e in people {
        let (mine, others): (Vec<_>, Vec<_>) = plan.actions.iter().partition(|a| a.employee == e);
        let (cost, hours) = cost::totals(ctx.inputs, ctx.scenario, &Plan { actions: mine });
        if cost > 0.0 || hours > 0.0 {
            continue;
        }
        let trial = Plan { actions: others };
        let last = ctx.last_quarter();
        let keeps_value = ctx.scenario.goal != Goal::MaxPoints
            || goal::value(ctx.inputs, ctx.scenario, &trial, last)
                >= goal::value(ctx.inputs, ctx.scenario, &plan, last);
        if keeps_value && goal::holds(ctx.inputs, ctx.scenario, &trial, last) {
            plan = trial;
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, ActionKind, Employee, Inputs};
    use crate::solver::bundles::all_people;
    use crate::solver::testkit::*;

    /// Three alike people who can take A (the only step); p3 is unlinked and holds A.
    fn instance() -> Inputs {
        let employees = vec![person("p0"), person("p1"), person("p2"), Employee { linked: false, ..person("p3") }];
        inputs(
            vec![cert("A", 100.0, 10.0)],
            vec![step(&[0], 2, 10.0)],
            employees,
            vec![holding(3, 0, "2026-05-01", None)],
        )
    }

    #[test]
    fn counts_go_to_class_members_in_employee_order() {
        let inputs = instance();
        let sc = scenario("2027-Q1");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let people = all_people(&ctx, usize::MAX);
        let shape = Shape::of(&people, ctx.groups.len(), crate::solver::bundles::Mask(0b1));
        let alike = shape.classes.iter().position(|c| c.members.len() == 3).expect("p0, p1 and p2 are one class");
        let plan = extract(&people, &shape, &[Take { class: alike, option: 0, count: 2 }]).unwrap();
        let exam = |e| Action { quarter: q("2027-Q1"), employee: e, kind: ActionKind::Exam, cert: Some(0) };
        assert_eq!(plan.actions, vec![exam(0), exam(1)]);
        let too_many = extract(&people, &shape, &[Take { class: alike, option: 0, count: 4 }]);
        assert!(matches!(too_many, Err(SolveError::Solver(_))));
    }

    #[test]
    fn free_actions_nothing_relies_on_are_dropped() {
        let inputs = instance();
        let sc = scenario("2027-Q1");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let link = Action { quarter: q("2027-Q1"), employee: 3, kind: ActionKind::Link, cert: None };
        let exam = |e| Action { quarter: q("2027-Q1"), employee: e, kind: ActionKind::Exam, cert: Some(0) };
        // Two exams already meet the goal: the free link of p3 is not needed.
        let plan = drop_unneeded(&ctx, Plan { actions: vec![exam(0), exam(1), link] });
        assert_eq!(plan.actions, vec![exam(0), exam(1)]);
        // With one exam, p3's link is what the goal relies on.
        let plan = drop_unneeded(&ctx, Plan { actions: vec![exam(0), link] });
        assert_eq!(plan.actions, vec![exam(0), link]);
    }
}
