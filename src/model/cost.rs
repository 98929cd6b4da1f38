//! What a plan costs: each action's expected cost and hours (contract §3), and their sums.

use super::{Action, ActionKind, Inputs, Plan, Scenario};

/// Expected cost and hours of one action (contract §3).
pub fn action_cost(inputs: &Inputs, scenario: &Scenario, a: &Action) -> (f64, f64) {
    let Inputs { catalog, org, .. } = inputs;
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
pub fn totals(inputs: &Inputs, scenario: &Scenario, plan: &Plan) -> (f64, f64) {
    plan.actions.iter().map(|a| action_cost(inputs, scenario, a)).fold((0.0, 0.0), |(c, h), (x, y)| (c + x, h + y))
}

/// What one action's expected cost is made of (contract §3): expected exam fees (fee over
/// pass rate), training fees, and staff time (hours × hourly cost when the scenario costs
/// time). The reports chart cost per quarter by these parts; they add up to [`action_cost`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CostParts {
    /// Expected exam fees.
    pub exam_fees: f64,
    /// Training fees.
    pub training: f64,
    /// Study or renewal hours costed at the person's hourly cost.
    pub staff_time: f64,
}

/// One action's cost, by part.
pub fn action_parts(inputs: &Inputs, scenario: &Scenario, a: &Action) -> CostParts {
    let Inputs { catalog, org, .. } = inputs;
    let Some(c) = a.cert else { return CostParts::default() };
    let cert = &catalog[c];
    let hourly = if scenario.count_time_cost { org.employees[a.employee].hourly_cost } else { 0.0 };
    match a.kind {
        ActionKind::Exam => CostParts {
            exam_fees: cert.exam_fee / cert.pass_rate.unwrap_or(scenario.pass_rate),
            training: cert.training_fee,
            staff_time: cert.study_hours * hourly,
        },
        ActionKind::Renew => CostParts { staff_time: cert.renewal_hours * hourly, ..CostParts::default() },
        ActionKind::Link => CostParts::default(),
    }
}
