//! (a) Whether every action of a plan is allowed (contract §1.3, §1.4, §3, §5.3-§5.6, §5.10).

use super::replay::Replay;
use certplan::model::{Action, ActionKind, Inputs, Quarter, Scenario};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// Capacity comparisons allow this much floating-point noise in summed hours.
const HOURS_TOLERANCE: f64 = 1e-9;

/// Every rule the actions break when the targets are evaluated on the last day of
/// `evaluation`, one plain sentence each; empty when every action is allowed. The budget and
/// the goal are judged apart ([`super::judge`]).
pub fn problems(inputs: &Inputs, scenario: &Scenario, actions: &[Action], evaluation: Quarter) -> Vec<String> {
    let mut out = Vec::new();
    let _ = each_problem(inputs, scenario, actions, evaluation, &mut |problem| {
        out.push(problem);
        ControlFlow::Continue(())
    });
    out
}

/// Whether every action is allowed: [`problems`] stopping at the first (the brute force asks
/// this of many thousand plans, most of which break a rule).
pub fn allowed(inputs: &Inputs, scenario: &Scenario, actions: &[Action], evaluation: Quarter) -> bool {
    each_problem(inputs, scenario, actions, evaluation, &mut |_| ControlFlow::Break(())).is_continue()
}

/// Hands every broken rule to `found`, which may stop the search. The rules that need a
/// replay of the plan come last, the pointless-action rule (a replay per action) at the end.
fn each_problem(
    inputs: &Inputs,
    scenario: &Scenario,
    actions: &[Action],
    evaluation: Quarter,
    found: &mut dyn FnMut(String) -> ControlFlow<()>,
) -> ControlFlow<()> {
    // (hours, exams) per person and quarter.
    let mut load: BTreeMap<(usize, Quarter), (f64, u32)> = BTreeMap::new();
    for (i, a) in actions.iter().enumerate() {
        let person = &inputs.org.employees[a.employee];
        // A plan is a set of actions: one row per action.
        if actions[..i].contains(a) {
            found(format!("{a:?} appears twice"))?;
        }
        // §5.10: nothing before the start or after the evaluated quarter.
        if a.quarter < scenario.start || a.quarter > evaluation {
            found(format!("{a:?} is outside {}..={evaluation}", scenario.start))?;
        }
        // §1.3, §5.3: nothing planned in a quarter starting on or after the person's leaving day.
        if person.leaves_on.is_some_and(|leaves| a.quarter.first_day() >= leaves) {
            found(format!("{a:?}: the person has left by the quarter's first day"))?;
        }
        let Some(c) = a.cert else {
            // §5.10: no link for a linked person; §5.6: the plan links in the first quarter.
            if person.linked {
                found(format!("{a:?}: the person is already linked"))?;
            }
            if a.quarter != scenario.start {
                found(format!("{a:?}: links belong in the first quarter"))?;
            }
            continue;
        };
        let cert = &inputs.catalog[c];
        // §1.3: excluded certifications are never planned for the person.
        if person.exclude.contains(&c) {
            found(format!("{a:?}: the certification is excluded for the person"))?;
        }
        // §5.3: exams and renewals only in quarters starting on or before `exam_until`.
        if cert.exam_until.is_some_and(|until| a.quarter.first_day() > until) {
            found(format!("{a:?}: the quarter starts after exam_until"))?;
        }
        let slot = load.entry((a.employee, a.quarter)).or_insert((0.0, 0));
        match a.kind {
            ActionKind::Exam => {
                slot.0 += cert.study_hours;
                slot.1 += 1;
            }
            ActionKind::Renew => slot.0 += cert.renewal_hours,
            ActionKind::Link => {}
        }
    }
    // §3: per person and quarter, study and renewal hours within the person's capacity (the
    // scenario's when the person has none), exams within `max_exams_per_quarter`.
    for ((e, q), (hours, exams)) in load {
        let person = &inputs.org.employees[e];
        let capacity = person.hours_per_quarter.unwrap_or(scenario.hours_per_quarter);
        if hours > capacity + HOURS_TOLERANCE {
            found(format!("{} has {hours} hours in {q}, above {capacity}", person.id))?;
        }
        if exams > scenario.max_exams_per_quarter {
            found(format!("{} has {exams} exams in {q}, above {}", person.id, scenario.max_exams_per_quarter))?;
        }
    }
    // §3: a renewal's quarter overlaps a held grant's renewal window.
    for &i in &Replay::new(inputs, actions).unmatched_renewals {
        found(format!("{:?}: no held grant has its renewal window in the quarter", actions[i]))?;
    }
    // §5.10: no exam (nor renewal) for a certification active on the evaluation day anyway.
    let day = evaluation.last_day();
    for (i, a) in actions.iter().enumerate() {
        let Some(c) = a.cert else { continue };
        let others: Vec<Action> = actions.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, x)| *x).collect();
        if Replay::new(inputs, &others).active(a.employee, c, day) {
            found(format!("{a:?} is pointless: the certification is active on {day} without it"))?;
        }
    }
    ControlFlow::Continue(())
}
