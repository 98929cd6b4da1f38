//! The ways one person can make one certification active on the evaluation day — an exam
//! in some planning quarter, renewal chains of a grant that expired before the day, or
//! both — and the person's capacity per quarter that the ways they take must fit in.

use crate::model::{ActionKind, CertIdx, Date, EmpIdx};
use crate::solver::context::Context;

/// One way of making a certification active on the evaluation day: an exam and/or
/// renewals, each in a planning quarter (by index).
#[derive(Clone, Debug)]
pub(crate) struct Way {
    pub(crate) cost: f64,
    pub(crate) hours: f64,
    /// (quarter index, kind, study or renewal hours), in quarter order.
    pub(crate) moves: Vec<(usize, ActionKind, f64)>,
}

/// Every way one person can make `c` active on the evaluation day (empty when none),
/// cheapest first.
pub(crate) fn cert_ways(ctx: &Context, e: EmpIdx, c: CertIdx) -> Vec<Way> {
    let emp = &ctx.org.employees[e];
    let cert = &ctx.catalog[c];
    if emp.exclude.contains(&c) {
        return Vec::new();
    }
    let time_cost = if ctx.scenario.count_time_cost { emp.hourly_cost } else { 0.0 };
    let pass_rate = cert.pass_rate.unwrap_or(ctx.scenario.pass_rate);
    let exam_cost = cert.exam_fee / pass_rate + cert.training_fee + cert.study_hours * time_cost;
    let can_act = |q: usize| {
        let first = ctx.quarters[q].first_day();
        cert.available_on(first) && emp.present_on(first)
    };
    let chains = Renewals {
        ctx,
        valid_months: cert.valid_months,
        cost: cert.renewal_hours * time_cost,
        hours: cert.renewal_hours,
        can_act: &can_act,
    };
    let mut out = Vec::new();
    // Renewal chains of grants the person already has, expiring before the day. A renewal
    // extends only a grant held by its quarter's last day (§5.4), so a grant earned later
    // than the first quarter (a future `earned_on`) is renewed from its own quarter on.
    for h in ctx.holdings(e).filter(|h| h.cert == c) {
        if let Some(expires) = h.expires_on.filter(|&x| x < ctx.day) {
            let held_from = ctx.quarters.iter().position(|q| h.earned_on.is_none_or(|x| x <= q.last_day()));
            if let Some(from_q) = held_from {
                chains.extend(expires, from_q, Way { cost: 0.0, hours: 0.0, moves: Vec::new() }, &mut out);
            }
        }
    }
    for q in (0..ctx.quarters.len()).filter(|&q| can_act(q)) {
        let way =
            Way { cost: exam_cost, hours: cert.study_hours, moves: vec![(q, ActionKind::Exam, cert.study_hours)] };
        match cert.expiry_from(ctx.quarters[q].last_day()) {
            Some(x) if x < ctx.day => chains.extend(x, q, way, &mut out),
            _ => out.push(way),
        }
    }
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.hours.total_cmp(&b.hours)));
    out
}

/// How one certification is renewed by one person.
struct Renewals<'a> {
    ctx: &'a Context<'a>,
    /// Months a renewal extends the grant by (0: it never expires, nothing to renew).
    valid_months: u32,
    /// Cost and hours of one renewal.
    cost: f64,
    hours: f64,
    /// Whether the person can renew in a planning quarter (present, still available).
    can_act: &'a dyn Fn(usize) -> bool,
}

impl Renewals<'_> {
    /// Extends `way` with renewals from a grant expiring on `expires` until it is active on
    /// the day, in every admissible choice of renewal quarters from `from_q` on (§3, §5.4):
    /// a renewal falls in the six months before expiry, and a person renews a certification
    /// at most once per quarter, so a chain moves to a later quarter each time.
    fn extend(&self, expires: Date, from_q: usize, way: Way, out: &mut Vec<Way>) {
        if self.valid_months == 0 {
            return;
        }
        let window_start = expires.add_months(-6);
        for q in from_q..self.ctx.quarters.len() {
            if !self.ctx.quarters[q].overlaps(window_start, expires) || !(self.can_act)(q) {
                continue;
            }
            let mut next = way.clone();
            next.cost += self.cost;
            next.hours += self.hours;
            next.moves.push((q, ActionKind::Renew, self.hours));
            let extended = expires.add_months(self.valid_months as i32);
            if extended >= self.ctx.day {
                out.push(next);
            } else {
                self.extend(extended, q + 1, next, out);
            }
        }
    }
}

/// A person's per-quarter study hours and exam slots.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Capacity {
    pub(crate) hours: f64,
    pub(crate) exams: u32,
    pub(crate) quarters: usize,
}

impl Capacity {
    pub(crate) fn of(ctx: &Context, e: EmpIdx) -> Capacity {
        let emp = &ctx.org.employees[e];
        Capacity {
            hours: emp.hours_per_quarter.unwrap_or(ctx.scenario.hours_per_quarter),
            exams: ctx.scenario.max_exams_per_quarter,
            quarters: ctx.quarters.len(),
        }
    }

    /// Whether one way fits in an otherwise empty schedule.
    pub(crate) fn fits_alone(&self, way: &Way) -> bool {
        fits(&vec![0.0; self.quarters], &vec![0; self.quarters], way, *self)
    }
}

/// Whether `way` fits beside `hours` and `exams` already taken per quarter. A way can
/// have two moves in one quarter (an exam and, for a certification valid six months or
/// less, its first renewal), so each quarter's moves are added up.
pub(crate) fn fits(hours: &[f64], exams: &[u32], way: &Way, cap: Capacity) -> bool {
    way.moves.iter().all(|&(q, ..)| {
        let in_q = way.moves.iter().filter(|m| m.0 == q);
        let (h, x) = in_q.fold((0.0, 0), |(h, x), m| (h + m.2, x + u32::from(m.1 == ActionKind::Exam)));
        hours[q] + h <= cap.hours + 1e-9 && exams[q] + x <= cap.exams
    })
}

/// Study hours and exams per planning quarter.
#[derive(Clone, Debug)]
pub(crate) struct Load {
    pub(crate) hours: Vec<f64>,
    pub(crate) exams: Vec<u32>,
}

impl Load {
    pub(crate) fn empty(quarters: usize) -> Load {
        Load { hours: vec![0.0; quarters], exams: vec![0; quarters] }
    }

    /// Whether `way` fits beside this load.
    pub(crate) fn fits(&self, way: &Way, cap: Capacity) -> bool {
        fits(&self.hours, &self.exams, way, cap)
    }

    pub(crate) fn add(&mut self, way: &Way) {
        for &(q, kind, h) in &way.moves {
            self.hours[q] += h;
            self.exams[q] += u32::from(kind == ActionKind::Exam);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Certification;
    use crate::solver::testkit::*;

    fn ways(certs: Vec<Certification>, holdings: Vec<crate::model::Holding>, deadline: &str) -> Vec<Way> {
        let inputs = inputs(certs, vec![step(&[0], 1, 10.0)], vec![person("p")], holdings);
        let sc = scenario(deadline);
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        cert_ways(&ctx, 0, 0)
    }

    fn moves(w: &Way) -> Vec<(usize, ActionKind)> {
        w.moves.iter().map(|m| (m.0, m.1)).collect()
    }

    #[test]
    fn an_exam_in_every_quarter_the_exam_is_available() {
        let found = ways(vec![cert("X", 100.0, 20.0)], vec![], "2027-Q3");
        assert_eq!(
            found.iter().map(moves).collect::<Vec<_>>(),
            vec![vec![(0, ActionKind::Exam)], vec![(1, ActionKind::Exam)], vec![(2, ActionKind::Exam)]]
        );
        assert!(found.iter().all(|w| w.cost == 100.0 && w.hours == 20.0));
        let retiring = Certification { exam_until: Some(d("2027-04-01")), ..cert("X", 100.0, 20.0) };
        assert_eq!(ways(vec![retiring], vec![], "2027-Q3").len(), 2, "no exam after 1 April");
    }

    #[test]
    fn an_exam_that_expires_before_the_day_needs_a_renewal_in_its_window() {
        // Valid 6 months: an exam in 2027-Q1 (earned 31 March) expires 30 September, before
        // the last day of 2027-Q4. Its window opens on 31 March, so one renewal in Q1, Q2 or
        // Q3 extends it to 31 March 2028, past the day. An exam in Q3 or Q4 needs none.
        let short = Certification { valid_months: 6, ..cert("X", 100.0, 20.0) };
        let found = ways(vec![short], vec![], "2027-Q4");
        let from_q1: Vec<_> = found.iter().filter(|w| w.moves[0].0 == 0).map(moves).collect();
        assert_eq!(
            from_q1,
            vec![
                vec![(0, ActionKind::Exam), (0, ActionKind::Renew)],
                vec![(0, ActionKind::Exam), (1, ActionKind::Renew)],
                vec![(0, ActionKind::Exam), (2, ActionKind::Renew)]
            ]
        );
        assert!(found.iter().filter(|w| w.moves[0].0 == 0).all(|w| w.hours == 22.0 && w.cost == 100.0));
        assert!(found.iter().any(|w| moves(w) == vec![(3, ActionKind::Exam)]));
        assert!(found.iter().any(|w| moves(w) == vec![(2, ActionKind::Exam)]));
    }

    #[test]
    fn a_grant_earned_after_the_first_quarter_is_renewed_only_once_held() {
        // Earned 10 May 2027 (in Q2), valid 3 months: expires 10 August, before the day
        // (30 September). Its window is open from Q1 on, but it is held only from Q2.
        let three_months = Certification { valid_months: 3, renewal_hours: 2.0, ..cert("A", 100.0, 10.0) };
        let inputs = inputs(
            vec![three_months],
            vec![step(&[0], 1, 10.0)],
            vec![person("p")],
            vec![holding(0, 0, "2027-05-10", Some("2027-08-10"))],
        );
        let sc = scenario("2027-Q3");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let renewals: Vec<_> = cert_ways(&ctx, 0, 0)
            .iter()
            .filter(|w| w.moves.iter().all(|m| m.1 == ActionKind::Renew))
            .map(moves)
            .collect();
        assert_eq!(renewals, vec![vec![(1, ActionKind::Renew)], vec![(2, ActionKind::Renew)]]);
    }

    #[test]
    fn a_lapsed_grant_is_renewed_without_an_exam() {
        // Held, expiring 15 February 2027: renewed in 2027-Q1 (the window is open), which
        // extends it to 15 February 2028, past the day.
        let found =
            ways(vec![cert("X", 100.0, 20.0)], vec![holding(0, 0, "2026-02-15", Some("2027-02-15"))], "2027-Q2");
        assert_eq!(moves(&found[0]), vec![(0, ActionKind::Renew)]);
        assert_eq!((found[0].cost, found[0].hours), (0.0, 2.0));
    }

    #[test]
    fn loads_respect_hours_and_exam_slots() {
        let cap = Capacity { hours: 40.0, exams: 1, quarters: 2 };
        let exam = |q: usize, h: f64| Way { cost: 0.0, hours: h, moves: vec![(q, ActionKind::Exam, h)] };
        assert!(cap.fits_alone(&exam(0, 40.0)));
        assert!(!cap.fits_alone(&exam(0, 41.0)));
        let mut load = Load::empty(2);
        load.add(&exam(0, 10.0));
        assert!(!load.fits(&exam(0, 10.0), cap), "one exam slot per quarter");
        assert!(load.fits(&exam(1, 10.0), cap));
        let with_renewal =
            Way { cost: 0.0, hours: 32.0, moves: vec![(1, ActionKind::Exam, 30.0), (1, ActionKind::Renew, 2.0)] };
        assert!(load.fits(&with_renewal, cap));
        load.add(&exam(1, 9.0));
        assert!(!load.fits(&with_renewal, Capacity { exams: 2, ..cap }), "9 + 30 + 2 hours is more than 40");
    }
}
