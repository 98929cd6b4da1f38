//! One person's certifications as the enumeration of their options starts from: what is
//! active without a plan, the ways to acquire the rest, and the *units* every useful plan
//! is a union of.

use super::cover::CertSet;
use super::dominance::drop_dominated_units;
use super::schedule::{Order, Schedules};
use super::ways::{cert_ways, Capacity, Way};
use crate::model::{CertIdx, EmpIdx};
use crate::solver::context::Context;
use std::collections::{BTreeSet, HashMap};

/// One person's certifications: what is active without a plan, and the ways to acquire
/// the rest (computed on first use).
pub(crate) struct Person<'c> {
    ctx: &'c Context<'c>,
    employee: EmpIdx,
    pub(crate) active: Vec<bool>,
    ways: HashMap<CertIdx, Vec<Way>>,
}

impl<'c> Person<'c> {
    /// `None` when the person has left by the evaluation day.
    pub(crate) fn new(ctx: &'c Context<'c>, employee: EmpIdx) -> Option<Person<'c>> {
        if !ctx.org.employees[employee].present_on(ctx.day) {
            return None;
        }
        let active = (0..ctx.catalog.len()).map(|c| ctx.active_without_plan(employee, c)).collect();
        Some(Person { ctx, employee, active, ways: HashMap::new() })
    }

    /// Whether `c` is active or can be acquired.
    fn reachable(&mut self, c: CertIdx) -> bool {
        let (ctx, e) = (self.ctx, self.employee);
        self.active[c] || !self.ways.entry(c).or_insert_with(|| cert_ways(ctx, e, c)).is_empty()
    }

    /// Units: a counting certification plus one way of meeting its prerequisites, minus
    /// what is already active, each certification reachable. Every useful plan is a union
    /// of units.
    pub(crate) fn units(&mut self) -> Vec<Vec<CertIdx>> {
        let ctx = self.ctx;
        let mut units: BTreeSet<Vec<CertIdx>> = BTreeSet::new();
        for &c in &ctx.coverers {
            let cert = &ctx.catalog[c];
            let mut choices: Vec<Vec<CertIdx>> = Vec::new();
            let all: Vec<CertIdx> = cert.requires_all.clone();
            if cert.requires_any.is_empty() || cert.requires_any.iter().any(|&r| self.active[r]) {
                choices.push(all);
            } else {
                for &r in &cert.requires_any {
                    let mut v = all.clone();
                    v.push(r);
                    choices.push(v);
                }
            }
            for mut set in choices {
                set.push(c);
                set.retain(|&x| !self.active[x]);
                set.sort_unstable();
                set.dedup();
                if !set.is_empty() && set.iter().all(|&x| self.reachable(x)) {
                    units.insert(set);
                }
            }
        }
        units.into_iter().collect()
    }
}

/// A person's certifications and units, worked out before their options are enumerated.
pub(crate) struct Prepared {
    pub(crate) employee: EmpIdx,
    pub(crate) active: Vec<bool>,
    pub(crate) ways: HashMap<CertIdx, Vec<Way>>,
    /// The units, less those another unit beats (see [`drop_dominated_units`]).
    pub(crate) units: Vec<Vec<CertIdx>>,
    pub(crate) capacity: Capacity,
    /// The person's schedule searches, shared by every enumeration of their options.
    pub(crate) schedules: Schedules,
}

impl Prepared {
    pub(crate) fn of(ctx: &Context, e: EmpIdx) -> Option<Prepared> {
        let mut person = Person::new(ctx, e)?;
        let mut units = person.units();
        let Person { active, mut ways, .. } = person;
        // A way that does not fit in an empty schedule (more study hours in a quarter than
        // the person has) fits in no schedule; a unit left without ways can never be taken.
        // Dropping them here spares the schedule search from proving, set after set, that
        // such a certification has nowhere to go.
        let capacity = Capacity::of(ctx, e);
        for list in ways.values_mut() {
            list.retain(|w| capacity.fits_alone(w));
        }
        units.retain(|u| u.iter().all(|c| ways.get(c).is_some_and(|w| !w.is_empty())));
        let units = drop_dominated_units(ctx, &active, &ways, units);
        let schedules = Schedules::new(&ways);
        Some(Prepared { employee: e, active, ways, units, capacity, schedules })
    }

    /// The certifications this person could take on their own as a unit that adds its
    /// groups to whatever else they take (no prerequisite to acquire, and not itself a
    /// prerequisite of anything that counts), each with what its cheapest schedule costs
    /// and the least cost and least hours any of its ways needs.
    pub(crate) fn singles(&self, ctx: &Context, prerequisites: CertSet) -> Vec<Single> {
        self.units
            .iter()
            .filter(|u| u.len() == 1 && (ctx.cover.bits(u) & prerequisites).is_empty())
            .filter_map(|u| {
                let c = u[0];
                let fitting: Vec<&Way> = self.ways[&c].iter().filter(|w| self.capacity.fits_alone(w)).collect();
                let least_cost = fitting.iter().map(|w| w.cost).fold(f64::INFINITY, f64::min);
                let least_hours = fitting.iter().map(|w| w.hours).fold(f64::INFINITY, f64::min);
                let order = Order { hours_first: ctx.scenario.objective == crate::model::Objective::Hours };
                let (first, second) = fitting
                    .iter()
                    .map(|w| order.of(w.cost, w.hours))
                    .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)))?;
                let (cost, hours) = order.back(first, second);
                Some(Single { cert: c, cost, hours, least_cost, least_hours })
            })
            .collect()
    }
}

/// A certification a person can take alone (see [`Prepared::singles`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Single {
    pub(crate) cert: CertIdx,
    /// Cost and hours of its cheapest schedule.
    pub(crate) cost: f64,
    pub(crate) hours: f64,
    /// The least cost and the least hours of any of its ways (possibly different ways).
    pub(crate) least_cost: f64,
    pub(crate) least_hours: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Certification, Employee, Holding};
    use crate::solver::testkit::*;

    /// A, B and C; C counts (one step) and needs A or B.
    fn instance(employees: Vec<Employee>, holdings: Vec<Holding>, c_hours: f64) -> crate::model::Inputs {
        let c = Certification { requires_any: vec![0, 1], ..cert("C", 100.0, c_hours) };
        inputs(vec![cert("A", 100.0, 10.0), cert("B", 150.0, 10.0), c], vec![step(&[2], 1, 10.0)], employees, holdings)
    }

    fn units(inputs: &crate::model::Inputs, e: EmpIdx) -> Vec<Vec<CertIdx>> {
        let sc = scenario("2027-Q2");
        let ctx = Context::new(inputs, &sc, sc.deadline).unwrap();
        Prepared::of(&ctx, e).map_or_else(Vec::new, |p| p.units)
    }

    #[test]
    fn a_unit_is_a_counting_certification_with_one_way_to_its_prerequisites() {
        let fresh = instance(vec![person("p")], vec![], 10.0);
        assert_eq!(units(&fresh, 0), vec![vec![0, 2], vec![1, 2]]);
        let holds_b = instance(vec![person("p")], vec![holding(0, 1, "2026-05-01", None)], 10.0);
        assert_eq!(units(&holds_b, 0), vec![vec![2]], "B is active: C alone");
        let no_a = instance(vec![Employee { exclude: vec![0], ..person("p") }], vec![], 10.0);
        assert_eq!(units(&no_a, 0), vec![vec![1, 2]], "A is excluded");
    }

    #[test]
    fn ways_that_fit_no_schedule_are_dropped_with_their_units() {
        // C takes 50 study hours, more than the 40 a quarter has.
        let too_long = instance(vec![person("p")], vec![], 50.0);
        assert!(units(&too_long, 0).is_empty());
        let part_timer = instance(vec![Employee { hours_per_quarter: Some(8.0), ..person("p") }], vec![], 10.0);
        assert!(units(&part_timer, 0).is_empty(), "8 hours a quarter hold none of the 10-hour exams");
    }

    #[test]
    fn a_leaver_has_no_options() {
        let gone = instance(vec![Employee { leaves_on: Some(d("2027-03-01")), ..person("p") }], vec![], 10.0);
        let sc = scenario("2027-Q2");
        let ctx = Context::new(&gone, &sc, sc.deadline).unwrap();
        assert!(Prepared::of(&ctx, 0).is_none());
    }

    #[test]
    fn singles_are_units_of_one_certification_that_nothing_requires() {
        let mut inputs = instance(vec![person("p")], vec![holding(0, 1, "2026-05-01", None)], 10.0);
        // A second step on A makes A a counting certification too; A is C's prerequisite.
        inputs.rules.designations[0].metrics[1].steps.push(step(&[0], 1, 10.0));
        let sc = scenario("2027-Q2");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let prepared = Prepared::of(&ctx, 0).unwrap();
        assert_eq!(prepared.units, vec![vec![0], vec![2]]);
        let prerequisites = ctx.cover.bits(&[0, 1]);
        let singles = prepared.singles(&ctx, prerequisites);
        assert_eq!(singles.iter().map(|s| s.cert).collect::<Vec<_>>(), vec![2], "A is a prerequisite");
        assert_eq!((singles[0].cost, singles[0].hours, singles[0].least_cost), (100.0, 10.0, 100.0));
    }
}
