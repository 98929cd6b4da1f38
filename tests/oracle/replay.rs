//! (b) The organisation after a plan, and who counts what on a day (contract §1.3, §3, §5.4-§5.6).

use super::plus_months;
use certplan::model::{Action, ActionKind, CertIdx, Date, EmpIdx, Inputs};

/// Months before its expiry that a grant's renewal window opens (contract §3).
const RENEWAL_WINDOW_MONTHS: i32 = 6;

/// One grant of a certification to a person.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Grant {
    /// Held from this day on; `None`: held since before anything matters.
    earned: Option<Date>,
    /// Last active day; `None`: never expires.
    expires: Option<Date>,
}

impl Grant {
    /// Held and not expired on `day`.
    fn active_on(self, day: Date) -> bool {
        let earned = match self.earned {
            Some(earned) => earned <= day,
            None => true,
        };
        let unexpired = match self.expires {
            Some(expires) => day <= expires,
            None => true,
        };
        earned && unexpired
    }
}

/// The order actions take effect in within one quarter: links (from the first day), exams
/// (held from the last day), then renewals, so that a renewal may extend a grant the same
/// quarter's exam earned when its window already reaches back into that quarter.
fn phase(kind: ActionKind) -> u8 {
    match kind {
        ActionKind::Link => 0,
        ActionKind::Exam => 1,
        ActionKind::Renew => 2,
    }
}

/// Every person's grants and link after applying a plan to the organisation's holdings.
#[derive(Clone, Debug)]
pub struct Replay {
    /// grants[employee][cert]
    grants: Vec<Vec<Vec<Grant>>>,
    /// The day from which each person is linked; `None`: never.
    linked_from: Vec<Option<Date>>,
    /// Renewals (indexes into the actions given) whose quarter overlaps no held grant's
    /// renewal window: they extend nothing.
    pub unmatched_renewals: Vec<usize>,
}

impl Replay {
    /// Applies `actions` to the holdings, quarter by quarter.
    ///
    /// An exam in quarter `q` grants from `q`'s last day, expiring `valid_months` later
    /// (never when 0). A renewal in `q` extends, from its old expiry by `valid_months`, a grant
    /// held by `q`'s last day whose window `[expires − 6 months, expires]` overlaps `q`; of
    /// several such grants, the one that expires last (the person's current one). A link in
    /// `q` links from `q`'s first day.
    pub fn new(inputs: &Inputs, actions: &[Action]) -> Replay {
        let people = inputs.org.employees.len();
        let mut grants = vec![vec![Vec::new(); inputs.catalog.len()]; people];
        for h in &inputs.org.holdings {
            grants[h.employee][h.cert].push(Grant { earned: h.earned_on, expires: h.expires_on });
        }
        let linked_from = inputs.org.employees.iter().map(|e| if e.linked { Some(Date::MIN) } else { None }).collect();
        let mut replay = Replay { grants, linked_from, unmatched_renewals: Vec::new() };
        let mut order: Vec<usize> = (0..actions.len()).collect();
        order.sort_by_key(|&i| (actions[i].quarter, phase(actions[i].kind)));
        for i in order {
            let a = actions[i];
            let (first, last) = (a.quarter.first_day(), a.quarter.last_day());
            match (a.kind, a.cert) {
                (ActionKind::Link, _) => {
                    let from = &mut replay.linked_from[a.employee];
                    *from = Some(from.map_or(first, |old| old.min(first)));
                }
                (ActionKind::Exam, Some(c)) => {
                    let months = inputs.catalog[c].valid_months as i32;
                    let expires = if months == 0 { None } else { Some(plus_months(last, months)) };
                    replay.grants[a.employee][c].push(Grant { earned: Some(last), expires });
                }
                (ActionKind::Renew, Some(c)) => {
                    let months = inputs.catalog[c].valid_months as i32;
                    let in_window = |g: &&mut Grant| {
                        let held = g.earned.is_none_or(|earned| earned <= last);
                        let window =
                            g.expires.is_some_and(|x| first <= x && plus_months(x, -RENEWAL_WINDOW_MONTHS) <= last);
                        held && window
                    };
                    match replay.grants[a.employee][c].iter_mut().filter(in_window).max_by_key(|g| g.expires) {
                        Some(grant) => grant.expires = grant.expires.map(|x| plus_months(x, months)),
                        None => replay.unmatched_renewals.push(i),
                    }
                }
                (ActionKind::Exam | ActionKind::Renew, None) => {}
            }
        }
        replay
    }

    /// Whether the person holds an active grant of `cert` on `day`.
    pub fn active(&self, employee: EmpIdx, cert: CertIdx, day: Date) -> bool {
        self.grants[employee][cert].iter().any(|g| g.active_on(day))
    }

    /// Whether the person *counts* `cert` on `day` (contract §3, §5.5): linked (or linked by
    /// the plan in a quarter starting on or before `day`), not yet left (`day < leaves_on`),
    /// the certification active, `day ≤ counts_until`, and its `requires_all` all and
    /// `requires_any` one (when it lists any) active (whether those count does not matter).
    pub fn counts(&self, inputs: &Inputs, employee: EmpIdx, cert: CertIdx, day: Date) -> bool {
        let person = &inputs.org.employees[employee];
        let c = &inputs.catalog[cert];
        let linked = self.linked_from[employee].is_some_and(|from| from <= day);
        let present = person.leaves_on.is_none_or(|leaves| day < leaves);
        let still_earns = c.counts_until.is_none_or(|until| day <= until);
        let all = c.requires_all.iter().all(|&r| self.active(employee, r, day));
        let any = c.requires_any.is_empty() || c.requires_any.iter().any(|&r| self.active(employee, r, day));
        linked && present && self.active(employee, cert, day) && still_earns && all && any
    }

    /// Who counts what on `day`: `[employee][cert]`.
    pub fn counting(&self, inputs: &Inputs, day: Date) -> Vec<Vec<bool>> {
        (0..inputs.org.employees.len()).map(|e| self.person_counting(inputs, e, day)).collect()
    }

    /// What one person counts on `day`, per certification.
    pub fn person_counting(&self, inputs: &Inputs, employee: EmpIdx, day: Date) -> Vec<bool> {
        (0..inputs.catalog.len()).map(|c| self.counts(inputs, employee, c, day)).collect()
    }
}
