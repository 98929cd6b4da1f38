//! The independent plan checker: re-applies a plan to the organisation and re-tests every
//! rule of the contract from the inputs alone (§1.4, §3, §5.10). It shares nothing with
//! the solver's formulation, so a modelling mistake there shows up here as a violation;
//! the solver calls it once, on its final plan.

use crate::model::evaluate::Timeline;
use crate::model::{cost, goal, Action, ActionKind, Goal, Inputs, Plan, Quarter, Scenario};
use std::collections::HashMap;

/// Budget comparisons allow this much (contract §5.10).
const BUDGET_TOLERANCE: f64 = 1e-6;

/// Every rule the plan breaks, in plain words; empty when the plan is valid.
pub fn verify(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Vec<String> {
    let mut out = rule_violations(inputs, scenario, plan, evaluation);
    let (cost, _) = cost::totals(inputs, scenario, plan);
    if let Some(budget) = scenario.budget {
        if cost > budget + BUDGET_TOLERANCE {
            out.push(format!("the plan costs {cost:.2}, above the budget of {budget:.2}"));
        }
    }
    for (id, met) in goal::by_target(inputs, scenario, plan, evaluation) {
        if !met {
            let what = match scenario.goal {
                Goal::Qualify => "qualify",
                Goal::MaxSkilling => "reach the maximum skilling points",
                Goal::MaxPoints => "meet the goal",
            };
            out.push(format!("{id} does not {what} on {}", evaluation.last_day()));
        }
    }
    out
}

/// Violations of the time model: horizon, availability, leavers, exclusions, renewal
/// windows, pointless actions, per-quarter capacity.
pub fn rule_violations(inputs: &Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Vec<String> {
    let Inputs { catalog, org, .. } = inputs;
    let mut out = Vec::new();
    let day = evaluation.last_day();
    let timeline = Timeline::new(catalog, org, &plan.actions);
    let mut load: HashMap<(usize, Quarter), (f64, u32)> = HashMap::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let emp = &org.employees[a.employee];
        let what = match a.cert {
            Some(c) => format!("{} {} for {} in {}", a.kind.as_str(), catalog[c].id, emp.id, a.quarter),
            None => format!("{} for {} in {}", a.kind.as_str(), emp.id, a.quarter),
        };
        if plan.actions[..i].contains(a) {
            out.push(format!("{what} is planned twice"));
        }
        if a.quarter < scenario.start || a.quarter > evaluation {
            out.push(format!("{what} is outside the planning quarters {} to {evaluation}", scenario.start));
        }
        if !emp.present_on(a.quarter.first_day()) {
            out.push(format!("{what}: {} has left by then", emp.id));
        }
        let Some(c) = a.cert else {
            if emp.linked {
                out.push(format!("{what}: {} is already linked", emp.id));
            } else if a.quarter != scenario.start {
                out.push(format!("{what}: links are planned in the first quarter, {}", scenario.start));
            }
            continue;
        };
        let cert = &catalog[c];
        if emp.exclude.contains(&c) {
            out.push(format!("{what}: {} is excluded for {}", cert.id, emp.id));
        }
        if !cert.available_on(a.quarter.first_day()) {
            let until = cert.exam_until.map(|d| d.to_string()).unwrap_or_default();
            out.push(format!("{what}: {} can only be taken in quarters starting on or before {until}", cert.id));
        }
        if a.kind == ActionKind::Renew && timeline.unmatched_renewals.contains(&i) {
            out.push(format!("{what}: no grant of {} has its renewal window in that quarter", cert.id));
        }
        let without: Vec<Action> = plan.actions.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, x)| *x).collect();
        if Timeline::new(catalog, org, &without).active(a.employee, c, day) {
            out.push(format!("{what} is pointless: {} would be active on {day} without it", cert.id));
        }
        let hours = match a.kind {
            ActionKind::Exam => cert.study_hours,
            ActionKind::Renew => cert.renewal_hours,
            ActionKind::Link => 0.0,
        };
        let slot = load.entry((a.employee, a.quarter)).or_default();
        slot.0 += hours;
        slot.1 += u32::from(a.kind == ActionKind::Exam);
    }
    let mut slots: Vec<_> = load.into_iter().collect();
    slots.sort_by_key(|((e, q), _)| (*q, *e));
    for ((e, q), (hours, exams)) in slots {
        let emp = &org.employees[e];
        let cap = emp.hours_per_quarter.unwrap_or(scenario.hours_per_quarter);
        if hours > cap + 1e-9 {
            out.push(format!("{} has {hours:.1} hours planned in {q}, above the {cap:.1} available", emp.id));
        }
        if exams > scenario.max_exams_per_quarter {
            out.push(format!(
                "{} has {exams} exams in {q}, above the limit of {}",
                emp.id, scenario.max_exams_per_quarter
            ));
        }
    }
    out
}
