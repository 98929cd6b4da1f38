//! Every minimal way (exam quarter, renewal quarters) one person can make one certification
//! active on the evaluation day, as the program's paths.

use super::builder::mask;
use crate::model::evaluate::Timeline;
use crate::model::{Action, ActionKind, Catalog, CertIdx, Date, EmpIdx, Employee, Holding, Organisation, Quarter};
use std::collections::HashMap;

/// One minimal way of making a certification active on the evaluation day: an exam in a
/// planning quarter (by index) and renewals in the quarters of a bit mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Path {
    pub(super) exam: Option<usize>,
    pub(super) renewals: u32,
}

impl Path {
    pub(super) fn actions(self, employee: EmpIdx, cert: CertIdx, quarters: &[Quarter]) -> Vec<Action> {
        let exam =
            self.exam.map(|q| Action { quarter: quarters[q], employee, kind: ActionKind::Exam, cert: Some(cert) });
        let renewals = (0..quarters.len()).filter(|q| self.renewals >> q & 1 == 1).map(|q| Action {
            quarter: quarters[q],
            employee,
            kind: ActionKind::Renew,
            cert: Some(cert),
        });
        exam.into_iter().chain(renewals).collect()
    }
}

/// What a person's existing grants of a certification leave to plan.
#[derive(Clone, Debug)]
pub(super) enum Ways {
    /// Active on the day without any action.
    Already,
    /// Every minimal set of allowed actions that makes it active (possibly none).
    Plan(Vec<Path>),
}

/// A candidate action on one certification: a planning quarter (by index) and exam or renew.
pub(super) type Position = (usize, ActionKind);

/// A grant as the holdings give it: earned on, expires on.
pub(super) type Grant = (Option<Date>, Option<Date>);

/// Finds [`Ways`], memoised: most people hold nothing of a given certification and may act in
/// the same quarters, so their ways are the same.
pub(super) struct PathFinder<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) quarters: &'a [Quarter],
    pub(super) day: Date,
    pub(super) memo: HashMap<(CertIdx, Vec<Grant>, u32), Ways>,
}

impl PathFinder<'_> {
    /// The ways to make `cert` active on the day for someone holding `grants` of it and
    /// allowed to act in the quarters of the `allowed` mask.
    pub(super) fn ways(&mut self, cert: CertIdx, grants: Vec<Grant>, allowed: u32) -> Ways {
        let key = (cert, grants, allowed);
        if let Some(ways) = self.memo.get(&key) {
            return ways.clone();
        }
        let ways = self.enumerate(cert, &key.1, allowed);
        self.memo.insert(key, ways.clone());
        ways
    }

    pub(super) fn enumerate(&self, cert: CertIdx, grants: &[Grant], allowed: u32) -> Ways {
        // A one-person organisation holding just these grants: the timeline of the real
        // person's certification `cert` is the same, and other certifications do not matter.
        let person = Employee {
            id: String::new(),
            name: String::new(),
            hourly_cost: 0.0,
            hours_per_quarter: None,
            linked: true,
            leaves_on: None,
            exclude: Vec::new(),
        };
        let holdings = grants
            .iter()
            .map(|&(earned_on, expires_on)| Holding { employee: 0, cert, earned_on, expires_on })
            .collect();
        let org = Organisation { employees: vec![person], holdings, profile: Default::default() };
        let replay = |positions: &[Position]| {
            let actions: Vec<Action> = positions
                .iter()
                .map(|&(q, kind)| Action { quarter: self.quarters[q], employee: 0, kind, cert: Some(cert) })
                .collect();
            let timeline = Timeline::new(self.catalog, &org, &actions);
            (timeline.unmatched_renewals.is_empty(), timeline.active(0, cert, self.day))
        };
        if replay(&[]).1 {
            return Ways::Already;
        }
        // Candidate actions in the order the timeline applies them: by quarter, exam first.
        let positions: Vec<Position> = (0..self.quarters.len())
            .filter(|q| allowed >> q & 1 == 1)
            .flat_map(|q| [(q, ActionKind::Exam), (q, ActionKind::Renew)])
            .collect();
        let mut found = Vec::new();
        extend(&positions, 0, &mut Vec::new(), &replay, &mut found);
        Ways::Plan(found)
    }
}

/// Depth-first over increasing sequences of `positions` (at most one exam) extending
/// `chosen`. A renewal that finds no grant cannot be rescued by later actions, and once the
/// certification is active any later action would be pointless, so both end the branch. A
/// sequence is kept when dropping any single action leaves the certification inactive (the
/// checker's test for pointless actions).
pub(super) fn extend(
    positions: &[Position],
    from: usize,
    chosen: &mut Vec<Position>,
    replay: &dyn Fn(&[Position]) -> (bool, bool),
    found: &mut Vec<Path>,
) {
    let has_exam = chosen.iter().any(|&(_, kind)| kind == ActionKind::Exam);
    for (i, &position) in positions.iter().enumerate().skip(from) {
        if has_exam && position.1 == ActionKind::Exam {
            continue;
        }
        chosen.push(position);
        let (matched, active) = replay(chosen);
        if matched && active {
            let minimal = (0..chosen.len()).all(|j| {
                let without: Vec<_> = chosen.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, &p)| p).collect();
                !replay(&without).1
            });
            if minimal {
                found.push(Path {
                    exam: chosen.iter().find(|p| p.1 == ActionKind::Exam).map(|p| p.0),
                    renewals: mask(chosen.iter().filter(|p| p.1 == ActionKind::Renew).map(|p| p.0)),
                });
            }
        } else if matched {
            extend(positions, i + 1, chosen, replay, found);
        }
        chosen.pop();
    }
}
