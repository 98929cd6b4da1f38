//! What the client-ready outputs (the workbook and the HTML report) show of one solved
//! scenario besides its ranked rows: every target's score at each quarter end with and
//! without the plan, cost per quarter by part, what a training provider plans classes
//! from (course demand), the renewal windows that open within the horizon, and where each
//! target's points come from. Rows as structs, no formatting: both outputs read the same
//! numbers, so they agree with each other and with the CSVs.

use crate::model::cost::{action_parts, CostParts};
use crate::model::evaluate::{score_designation, Snapshot, Timeline, TrackScore};
use crate::model::{Action, ActionKind, Category, CertIdx, Date, EmpIdx, Inputs, Quarter, Scenario};
use crate::report::plan::{target_results, TargetResult};
use crate::solver::Outcome;
use std::collections::BTreeMap;

/// Everything the reports show of a scenario beyond its plan rows.
pub struct Outlook {
    /// The horizon: `start` to the deadline (or the evaluation quarter, when later).
    pub quarters: Vec<Quarter>,
    /// The rules' qualifying score (the line on the score charts).
    pub qualifying_score: f64,
    /// Per target, its score at each quarter end.
    pub scores: Vec<ScoreSeries>,
    /// Per quarter of the horizon, what the plan spends in it.
    pub costs: Vec<CostParts>,
    /// Per quarter and certification with planned actions: seats, renewals, fees, hours.
    pub demand: Vec<Demand>,
    /// Certifications whose renewal window overlaps the horizon.
    pub renewals: Vec<RenewalDue>,
    /// Per target (in the summary's track), per metric: points before and after.
    pub metrics: Vec<MetricPoints>,
    /// The first quarter at whose end every target qualifies with the plan.
    pub qualifies_by: Option<Quarter>,
}

/// One target's score at each quarter end of the horizon, in its best applicable track
/// (as `scores_after` reads it).
pub struct ScoreSeries {
    /// Designation id.
    pub designation: String,
    /// Without the plan.
    pub without: Vec<f64>,
    /// With the plan.
    pub with: Vec<f64>,
    /// Whether it qualifies with the plan.
    pub qualified_with: Vec<bool>,
}

/// What one quarter's classes need for one certification.
pub struct Demand {
    /// When.
    pub quarter: Quarter,
    /// Which certification.
    pub cert: CertIdx,
    /// Exams planned (one seat each).
    pub seats: u32,
    /// Renewals planned.
    pub renewals: u32,
    /// Training fees of the exams.
    pub training_fees: f64,
    /// Study hours of the exams.
    pub study_hours: f64,
}

/// A certification whose renewal window `[expires − 6 months, expires]` overlaps the horizon.
pub struct RenewalDue {
    /// Who holds it.
    pub employee: EmpIdx,
    /// What.
    pub cert: CertIdx,
    /// The window's first day.
    pub opens: Date,
    /// The window's last day (the expiry).
    pub expires: Date,
    /// Whether it is earned by the plan (else held today).
    pub planned: bool,
    /// The quarter the plan renews it in, if it does.
    pub renewed_in: Option<Quarter>,
}

/// One metric of one target, before and after the plan, against its cap.
pub struct MetricPoints {
    /// Designation id.
    pub designation: String,
    /// Track the summary shows.
    pub track: String,
    /// Metric id.
    pub metric: String,
    /// Its category.
    pub category: Category,
    /// Its cap.
    pub max_points: f64,
    /// Points without the plan.
    pub before: f64,
    /// Points with the plan.
    pub after: f64,
}

impl Outlook {
    /// The outlook of a solved scenario.
    pub fn new(inputs: &Inputs, scenario: &Scenario, outcome: &Outcome) -> Outlook {
        let last = scenario.deadline.max(outcome.evaluation);
        let quarters = scenario.quarters_until(last);
        let actions = &outcome.plan.actions;
        let scores = score_series(inputs, scenario, actions, &quarters);
        let qualifies_by = (0..quarters.len())
            .find(|&q| !scores.is_empty() && scores.iter().all(|s| s.qualified_with[q]))
            .map(|q| quarters[q]);
        let mut costs = vec![CostParts::default(); quarters.len()];
        for a in actions {
            if let Some(i) = quarters.iter().position(|q| *q == a.quarter) {
                let p = action_parts(inputs, scenario, a);
                costs[i].exam_fees += p.exam_fees;
                costs[i].training += p.training;
                costs[i].staff_time += p.staff_time;
            }
        }
        Outlook {
            qualifying_score: inputs.rules.qualifying_score,
            scores,
            costs,
            demand: demand(inputs, actions),
            renewals: renewals(inputs, actions, &quarters),
            metrics: metric_points(inputs, &target_results(inputs, scenario, outcome)),
            qualifies_by,
            quarters,
        }
    }
}

/// Every target's best applicable track score at each quarter end, without and with `actions`.
fn score_series(inputs: &Inputs, scenario: &Scenario, actions: &[Action], quarters: &[Quarter]) -> Vec<ScoreSeries> {
    let Inputs { catalog, rules, org } = inputs;
    let (without, with) = (Timeline::new(catalog, org, &[]), Timeline::new(catalog, org, actions));
    let mut series: Vec<ScoreSeries> = scenario
        .targets
        .iter()
        .map(|id| ScoreSeries {
            designation: id.clone(),
            without: Vec::new(),
            with: Vec::new(),
            qualified_with: Vec::new(),
        })
        .collect();
    for q in quarters {
        let day = q.last_day();
        let (before, after) = (Snapshot::new(catalog, org, &without, day), Snapshot::new(catalog, org, &with, day));
        for s in &mut series {
            let Some(d) = rules.designation_index(&s.designation).map(|i| &rules.designations[i]) else { continue };
            let best = |snapshot: &Snapshot| best_track(score_designation(d, org, snapshot, rules.qualifying_score, 0));
            let (b, a) = (best(&before), best(&after));
            s.without.push(b.as_ref().map_or(0.0, |t| t.score));
            s.with.push(a.as_ref().map_or(0.0, |t| t.score));
            s.qualified_with.push(a.is_some_and(|t| t.qualified));
        }
    }
    series
}

/// The applicable track with the highest score (ties: the first), as the plan ranking shows.
fn best_track(tracks: Vec<TrackScore>) -> Option<TrackScore> {
    tracks.into_iter().filter(|t| t.applies).fold(None, |best, t| match best {
        Some(b) if b.score >= t.score => Some(b),
        _ => Some(t),
    })
}

/// Course demand per quarter and certification, in quarter then catalogue order.
fn demand(inputs: &Inputs, actions: &[Action]) -> Vec<Demand> {
    let mut by_key: BTreeMap<(Quarter, CertIdx), Demand> = BTreeMap::new();
    for a in actions {
        let Some(c) = a.cert else { continue };
        let cert = &inputs.catalog[c];
        let d = by_key.entry((a.quarter, c)).or_insert(Demand {
            quarter: a.quarter,
            cert: c,
            seats: 0,
            renewals: 0,
            training_fees: 0.0,
            study_hours: 0.0,
        });
        match a.kind {
            ActionKind::Exam => {
                d.seats += 1;
                d.training_fees += cert.training_fee;
                d.study_hours += cert.study_hours;
            }
            ActionKind::Renew => d.renewals += 1,
            ActionKind::Link => {}
        }
    }
    by_key.into_values().collect()
}

/// Every grant, held today or earned by the plan, whose renewal window overlaps the horizon
/// while its holder is still with the organisation; with the plan's renewal of it, if any.
/// In employee, window and certification order.
fn renewals(inputs: &Inputs, actions: &[Action], quarters: &[Quarter]) -> Vec<RenewalDue> {
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else { return Vec::new() };
    let (from, to) = (first.first_day(), last.last_day());
    let Inputs { catalog, org, .. } = inputs;
    let held = org
        .holdings
        .iter()
        .filter(|h| h.earned_on.is_none_or(|e| e <= from))
        .map(|h| (h.employee, h.cert, h.expires_on, false));
    let earned = actions
        .iter()
        .filter(|a| a.kind == ActionKind::Exam)
        .filter_map(|a| a.cert.map(|c| (a.employee, c, catalog[c].expiry_from(a.quarter.last_day()), true)));
    let mut out: Vec<RenewalDue> = held
        .chain(earned)
        .filter_map(|(employee, cert, expires, planned)| {
            let expires = expires?;
            let opens = expires.add_months(-6);
            let present = org.employees[employee].present_on(opens);
            (opens <= to && expires >= from && present).then(|| {
                let renewed_in = actions
                    .iter()
                    .find(|a| {
                        a.kind == ActionKind::Renew
                            && a.employee == employee
                            && a.cert == Some(cert)
                            && a.quarter.overlaps(opens, expires)
                    })
                    .map(|a| a.quarter);
                RenewalDue { employee, cert, opens, expires, planned, renewed_in }
            })
        })
        .collect();
    out.sort_by_key(|a| (a.employee, a.opens, a.cert));
    out
}

/// Per target, per metric: points before and after, in the summary's track.
fn metric_points(inputs: &Inputs, results: &[TargetResult]) -> Vec<MetricPoints> {
    let rules = &inputs.rules;
    let mut out = Vec::new();
    for r in results {
        let Some(d) = rules.designation_index(&r.designation).map(|i| &rules.designations[i]) else { continue };
        for (i, m) in d.metrics.iter().enumerate() {
            out.push(MetricPoints {
                designation: r.designation.clone(),
                track: r.track.clone(),
                metric: m.id.clone(),
                category: m.category,
                max_points: m.max_points,
                before: r.before.metrics[i].points,
                after: r.after.metrics[i].points,
            });
        }
    }
    out
}
