//! The independent plan checker: re-applies a plan to the organisation and re-tests every
//! rule of the contract from the inputs alone (§1.4, §3, §5.10). It shares nothing with
//! the solver's formulation, so a modelling mistake there shows up here as a violation.

use crate::model::evaluate::{meets_goal, score_designation, Snapshot, Timeline, TrackScore};
use crate::model::{Action, ActionKind, Catalog, Designation, Goal, Organisation, Plan, Quarter, RuleSet, Scenario};
use std::collections::HashMap;

/// Budget comparisons allow this much (contract §5.10).
const BUDGET_TOLERANCE: f64 = 1e-6;

/// Expected cost and hours of one action (contract §3).
pub fn action_cost(catalog: &Catalog, org: &Organisation, scenario: &Scenario, a: &Action) -> (f64, f64) {
    let Some(c) = a.cert else { return (0.0, 0.0) };
    let cert = &catalog[c];
    let hourly = if scenario.count_time_cost { org.employees[a.employee].hourly_cost } else { 0.0 };
    match a.kind {
        ActionKind::Exam => {
            let pass = cert.pass_rate.unwrap_or(scenario.pass_rate);
            (cert.exam_fee / pass + cert.training_fee + cert.study_hours * hourly, cert.study_hours)
        }
        ActionKind::Renew => (cert.renewal_hours * hourly, cert.renewal_hours),
        ActionKind::Link => (0.0, 0.0),
    }
}

/// Total expected cost and hours of a plan.
pub fn totals(catalog: &Catalog, org: &Organisation, scenario: &Scenario, plan: &Plan) -> (f64, f64) {
    plan.actions
        .iter()
        .map(|a| action_cost(catalog, org, scenario, a))
        .fold((0.0, 0.0), |(c, h), (x, y)| (c + x, h + y))
}

/// Every target's tracks scored on the evaluation day with the plan (buffer applied), with
/// the target's designation and `min_skilling` floor.
fn scored_targets<'r>(
    (catalog, rules, org): (&Catalog, &'r RuleSet, &Organisation),
    scenario: &'r Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> Vec<(&'r String, Option<&'r Designation>, Vec<TrackScore>, f64)> {
    let timeline = Timeline::new(catalog, org, &plan.actions);
    let snapshot = Snapshot::new(catalog, org, &timeline, evaluation.last_day());
    scenario
        .targets
        .iter()
        .map(|id| {
            let d = rules.designation_index(id).map(|i| &rules.designations[i]);
            let tracks = d.map_or_else(Vec::new, |d| {
                score_designation(d, org, &snapshot, rules.qualifying_score, scenario.buffer)
            });
            (id, d, tracks, scenario.min_skilling.get(id).copied().unwrap_or(0.0))
        })
        .collect()
}

/// Per target: whether it meets the scenario's goal on the evaluation quarter's last day.
pub fn goal_by_target(
    inputs: (&Catalog, &RuleSet, &Organisation),
    scenario: &Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> Vec<(String, bool)> {
    scored_targets(inputs, scenario, plan, evaluation)
        .into_iter()
        .map(|(id, d, tracks, floor)| {
            let met = d.is_some_and(|d| tracks.iter().any(|t| t.applies && meets_goal(d, t, scenario.goal, floor)));
            (id.clone(), met)
        })
        .collect()
}

/// The `max-points` value of a plan: how many targets qualify (with the buffer and
/// `min_skilling`), then the sum over targets of skilling points, each target in its best
/// applicable track.
pub fn value(
    inputs: (&Catalog, &RuleSet, &Organisation),
    scenario: &Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> (u32, f64) {
    scored_targets(inputs, scenario, plan, evaluation)
        .into_iter()
        .filter_map(|(_, d, tracks, floor)| {
            let d = d?;
            Some(
                tracks
                    .iter()
                    .filter(|t| t.applies)
                    .map(|t| (u32::from(meets_goal(d, t, Goal::Qualify, floor)), t.skilling))
                    .fold((0, 0.0), |best, v| if v > best { v } else { best }),
            )
        })
        .fold((0, 0.0), |(q, p), (x, y)| (q + x, p + y))
}

/// Whether every target meets the goal.
pub fn goal_holds(
    inputs: (&Catalog, &RuleSet, &Organisation),
    scenario: &Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> bool {
    goal_by_target(inputs, scenario, plan, evaluation).iter().all(|(_, met)| *met)
}

/// Every rule the plan breaks, in plain words; empty when the plan is valid.
pub fn verify(inputs: &crate::model::Inputs, scenario: &Scenario, plan: &Plan, evaluation: Quarter) -> Vec<String> {
    let crate::model::Inputs { catalog, rules, org } = inputs;
    let mut out = rule_violations(catalog, org, scenario, plan, evaluation);
    let (cost, _) = totals(catalog, org, scenario, plan);
    if let Some(budget) = scenario.budget {
        if cost > budget + BUDGET_TOLERANCE {
            out.push(format!("the plan costs {cost:.2}, above the budget of {budget:.2}"));
        }
    }
    for (id, met) in goal_by_target((catalog, rules, org), scenario, plan, evaluation) {
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
pub fn rule_violations(
    catalog: &Catalog,
    org: &Organisation,
    scenario: &Scenario,
    plan: &Plan,
    evaluation: Quarter,
) -> Vec<String> {
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
