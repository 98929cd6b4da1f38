//! One person's options: the depth-first enumeration of unions of their units, each with
//! its best schedule, keeping only options no other beats (see [`super::dominance`]); and
//! the same enumeration under prices, which keeps only the options a plan better than a
//! known one could use, or finds the person's largest surplus.

use super::cover::{CertSet, Cover, Mask};
use super::dominance::{beats, non_dominated, option_order};
use super::hashing::FastSet;
use super::person::Prepared;
use super::schedule::{Found, Order, Scheduler};
use super::ways::Load;
use super::{Choice, Pricing};
use crate::model::{Action, ActionKind, CertIdx};
use crate::solver::context::Context;
use std::collections::HashMap;
use std::time::Instant;

/// One situation's base coverage and choices.
pub(crate) struct Worked {
    pub(crate) base: Mask,
    pub(crate) choices: Vec<Choice>,
    /// Whether the deadline left every combination explored.
    pub(crate) complete: bool,
}

/// One situation's base coverage and choices, worked out for its first person. Units in
/// `solo` are only taken alone, never combined with others (see [`super::dominance::solo_units`]).
pub(crate) fn options(
    ctx: &Context,
    prepared: &Prepared,
    solo: CertSet,
    deadline: Option<Instant>,
    priced: Option<Priced>,
) -> Worked {
    let e = prepared.employee;
    let linked = ctx.org.employees[e].linked;
    let base_coverage = ctx.cover.coverage(ctx.cover.active(&prepared.active));
    let base = if linked { base_coverage } else { Mask::EMPTY };
    let mut search = Enumeration::new(ctx, prepared, solo, deadline, priced);
    search.alone(base_coverage);
    search.extend(0, CertSet::EMPTY, Mask::EMPTY, base_coverage, None);
    let complete = !search.stopped;
    let mut found = search.found;
    if !linked && !base_coverage.is_empty() {
        found.push(Found {
            mask: base_coverage,
            cost: 0.0,
            hours: 0.0,
            moves: Vec::new(),
            load: Load::empty(ctx.quarters.len()),
        });
    }
    let kept = non_dominated(found, base);
    let choices = kept
        .into_iter()
        .map(|f| {
            let mut actions = Vec::new();
            if !linked {
                actions.push(Action { quarter: ctx.quarters[0], employee: e, kind: ActionKind::Link, cert: None });
            }
            actions.extend(f.moves.iter().map(|&(q, kind, c)| Action {
                quarter: ctx.quarters[q],
                employee: e,
                kind,
                cert: Some(c),
            }));
            Choice { mask: f.mask, cost: f.cost, hours: f.hours, actions }
        })
        .collect();
    Worked { base, choices, complete }
}

/// The largest surplus any option of a person has at `pricing`'s prices (0 for doing
/// nothing; linking alone, for an unlinked person, is an option; `known` is an option's
/// surplus known to exist, with its added groups) and the groups that option
/// adds, by branch and bound over the same enumeration as [`options`]; `None` when the
/// deadline stopped it (what it found so far may be below the largest).
pub(crate) fn most_surplus(
    ctx: &Context,
    prepared: &Prepared,
    solo: CertSet,
    deadline: Option<Instant>,
    pricing: &Pricing,
    known: (f64, Mask),
) -> Option<(f64, Mask)> {
    let aim = Aim::Most(known.0, known.1);
    let mut search = Enumeration::new(ctx, prepared, solo, deadline, Some(Priced::new(pricing, aim)));
    let linked = ctx.org.employees[prepared.employee].linked;
    let base_coverage = ctx.cover.coverage(search.active);
    if !linked {
        search.note(base_coverage, 0.0, 0.0);
    }
    search.alone(base_coverage);
    search.extend(0, CertSet::EMPTY, Mask::EMPTY, base_coverage, None);
    match search.priced.map(|p| p.aim) {
        Some(Aim::Most(most, adds)) if !search.stopped => Some((most, adds)),
        _ => None,
    }
}

/// What a priced enumeration is after.
#[derive(Clone, Copy)]
pub(crate) enum Aim {
    /// The largest surplus (found so far) and the groups its option adds.
    Most(f64, Mask),
    /// Every option with at least this surplus.
    Floor(f64),
}

/// A person's enumeration under prices (see [`super::Situations::people`]).
pub(crate) struct Priced<'p> {
    pricing: &'p Pricing,
    aim: Aim,
}

impl<'p> Priced<'p> {
    pub(crate) fn new(pricing: &'p Pricing, aim: Aim) -> Priced<'p> {
        Priced { pricing, aim }
    }

    /// The surplus a branch must be able to reach to be worth exploring.
    fn threshold(&self) -> f64 {
        let (Aim::Most(v, _) | Aim::Floor(v)) = self.aim;
        v - SURPLUS_SLACK * v.abs().max(1.0)
    }
}

/// Relative slack on surplus comparisons, so that rounding never prunes an option a proof
/// needs (it only keeps a few more).
const SURPLUS_SLACK: f64 = 1e-7;

/// One person's enumeration of unions of units.
struct Enumeration<'a> {
    cover: &'a Cover,
    /// Certifications active without a plan.
    active: CertSet,
    /// The units (a counting certification with a way of meeting its prerequisites).
    units: Vec<CertSet>,
    /// Units (single certifications) only ever taken alone.
    solo: CertSet,
    scheduler: Scheduler<'a>,
    found: Vec<Found>,
    /// Per coverage: the options of `found` with it that no other option found beats.
    front: HashMap<Mask, Vec<usize>>,
    /// Sets already tried (several unit orders reach the same set).
    tried: FastSet<CertSet>,
    /// When to stop combining units.
    deadline: Option<Instant>,
    /// Whether the deadline stopped the search.
    stopped: bool,
    /// Prices and what the enumeration is after, when it is priced.
    priced: Option<Priced<'a>>,
    /// Groups the person counts in without acting (they add nothing to a surplus).
    base: Mask,
    /// Per unit index: every group the units from there on could add (for the bounds).
    suffix: Vec<Mask>,
    /// Per unit: every group it could add (for the bounds).
    reach: Vec<Mask>,
    /// What the priced enumeration's bounds are worked out from (`None` unpriced).
    bounds: Option<Bounds>,
}

/// Lower bounds on what certifications and units add to a set's weight and hours, for the
/// bounds of the priced enumeration ([`Enumeration::promising`]).
struct Bounds {
    /// Per certification bit: the least weight of its ways.
    least: Vec<f64>,
    /// Per certification bit: its least weight shared out among the units holding it, so
    /// that the shares of any set of units never add up to more than their certifications'
    /// least weights.
    share: Vec<f64>,
    /// Per unit: the shares of its certifications.
    unit_share: Vec<f64>,
    /// Per certification bit: the least study hours of its ways.
    least_hours: Vec<f64>,
    /// Per certification bit: its least hours shared out among the units holding it.
    hour_share: Vec<f64>,
    /// Per unit: the hour shares of its certifications.
    unit_hours: Vec<f64>,
    /// The most study hours the person has over the horizon.
    capacity: f64,
    /// The price of an hour of capacity in the Lagrangian bound on the units' gains (see
    /// [`Enumeration::promising`]): the gain per hour of the unit at which the person's
    /// hours run out, taking units best gain per hour first, at the root of the search.
    hour_price: f64,
}

impl Bounds {
    fn new(ctx: &Context, prepared: &Prepared, units: &[CertSet], reach: &[Mask], pricing: &Pricing) -> Bounds {
        let least_of = |value: &dyn Fn(&super::ways::Way) -> f64| -> Vec<f64> {
            ctx.cover
                .certs
                .iter()
                .map(|c| {
                    let ways = prepared.ways.get(c).map_or(&[][..], Vec::as_slice);
                    let least = ways.iter().map(value).fold(f64::INFINITY, f64::min);
                    if least.is_finite() {
                        least
                    } else {
                        0.0
                    }
                })
                .collect()
        };
        // Shared out among the units holding each certification: the shares of any set of
        // units then never add up to more than their certifications' least values.
        let shared = |least: &[f64]| -> Vec<f64> {
            (0..least.len())
                .map(|i| match units.iter().filter(|&&u| u.has(i)).count() {
                    0 => 0.0,
                    holding => least[i] / holding as f64,
                })
                .collect()
        };
        let least = least_of(&|w| pricing.weight(w.cost, w.hours));
        let least_hours = least_of(&|w| w.hours);
        let share = shared(&least);
        let hour_share = shared(&least_hours);
        let unit_share: Vec<f64> = units.iter().map(|&u| bit_sum(&share, u)).collect();
        let unit_hours: Vec<f64> = units.iter().map(|&u| bit_sum(&hour_share, u)).collect();
        let capacity = prepared.capacity.hours * prepared.capacity.quarters as f64;
        let open = !ctx.cover.coverage(ctx.cover.active(&prepared.active));
        let mut gains: Vec<(f64, f64)> = (0..units.len())
            .map(|v| (pricing.worth(reach[v] & open) - unit_share[v], unit_hours[v]))
            .filter(|&(gain, hours)| gain > 0.0 && hours > 0.0)
            .collect();
        gains.sort_by(|a, b| (b.0 / b.1).total_cmp(&(a.0 / a.1)));
        let mut used = 0.0;
        let mut hour_price = 0.0;
        for (gain, hours) in gains {
            used += hours;
            if used > capacity {
                hour_price = gain / hours;
                break;
            }
        }
        Bounds { least, share, unit_share, least_hours, hour_share, unit_hours, capacity, hour_price }
    }
}

impl<'a> Enumeration<'a> {
    fn new(
        ctx: &'a Context,
        prepared: &'a Prepared,
        solo: CertSet,
        deadline: Option<Instant>,
        priced: Option<Priced<'a>>,
    ) -> Enumeration<'a> {
        let active = ctx.cover.active(&prepared.active);
        let mut units: Vec<CertSet> = prepared.units.iter().map(|u| ctx.cover.bits(u)).collect();
        let mut reach: Vec<Mask> = units.iter().map(|&u| ctx.cover.reach(u, active)).collect();
        let mut bounds = priced.as_ref().map(|p| Bounds::new(ctx, prepared, &units, &reach, p.pricing));
        if let (Some(p), Some(b)) = (priced.as_ref().filter(|p| matches!(p.aim, Aim::Most(..))), bounds.as_mut()) {
            // The search for the largest surplus takes the units best gain per study hour
            // first, as a knapsack's branch and bound does: the first branches find a large
            // surplus, and the later ones, whose bounds count only the units after them, are
            // pruned. (In the order of their certifications it tried five to ten times as
            // many sets on realistic-hard cases.) Only the surplus of its answer is used,
            // never a schedule. An enumeration that keeps options keeps the catalogue order:
            // a set's schedule is grown unit by unit, and among equally good schedules the
            // order decides which one is found, so another order could make a plan depend on
            // whether the first enumeration finished in time.
            let open = !ctx.cover.coverage(active);
            let per_hour = |v: usize| {
                (p.pricing.worth(reach[v] & open) - b.unit_share[v]) / b.unit_hours[v].max(f64::MIN_POSITIVE)
            };
            let mut order: Vec<usize> = (0..units.len()).collect();
            order.sort_by(|&a, &b| per_hour(b).total_cmp(&per_hour(a)));
            // A unit's shares are of its certifications' least weights and hours, whatever
            // the order: the per-unit lists only follow the units.
            units = reordered(&units, &order);
            reach = reordered(&reach, &order);
            b.unit_share = reordered(&b.unit_share, &order);
            b.unit_hours = reordered(&b.unit_hours, &order);
        }
        let mut suffix = vec![Mask::EMPTY; units.len() + 1];
        for u in (0..units.len()).rev() {
            suffix[u] = suffix[u + 1] | reach[u];
        }
        let linked = ctx.org.employees[prepared.employee].linked;
        let order = Order { hours_first: ctx.scenario.objective == crate::model::Objective::Hours };
        Enumeration {
            cover: &ctx.cover,
            active,
            units,
            solo,
            scheduler: Scheduler::new(&prepared.ways, &prepared.schedules, prepared.capacity, order),
            found: Vec::new(),
            front: HashMap::new(),
            tried: FastSet::default(),
            deadline,
            stopped: false,
            priced,
            base: if linked { ctx.cover.coverage(active) } else { Mask::EMPTY },
            suffix,
            reach,
            bounds,
        }
    }

    /// Whether a branch of supersets of `set` (covering `mask`, weighing at least `weight`,
    /// able to reach the groups `set_reach`) grown by units from `from` on can still reach
    /// the priced enumeration's threshold (always, unpriced).
    ///
    /// A superset's surplus is at most the set's, plus what the groups `set` reaches but
    /// does not count in yet are worth, plus the most the added units can gain in the other
    /// open groups net of their weight. A unit's *gain* is what its open groups are worth
    /// beyond its share of its certifications' least weights; that most is bounded three
    /// ways, and the smallest bound counts:
    /// - per unit: the positive gains summed (a unit that costs more than it can add only
    ///   lowers the surplus);
    /// - per hour: the person's hours bound how many units fit. For any price `λ ≥ 0` of an
    ///   hour, `Σ_v (gain_v − λ·hours_v)⁺ + λ·(hours left)` bounds the gains of the units
    ///   that fit (the Lagrangian of the knapsack), with `hours_v` the unit's share of its
    ///   certifications' least hours; `λ` is [`Bounds::hour_price`]. Without it, a person
    ///   with time for four exams is credited with every profitable one of thirty;
    /// - per group: each unit's share spread evenly over its open groups; a group costs at
    ///   least the least spread of any unit reaching it, however many units reach it, so
    ///   `Σ_g (π_g − least spread of g)⁺` never counts a group once per unit reaching it
    ///   (many certifications count in the same step: there the per-unit sum is loose).
    fn promising(&self, set: CertSet, set_reach: Mask, from: usize, mask: Mask, weight: f64) -> bool {
        let (Some(p), Some(b)) = (self.priced.as_ref(), self.bounds.as_ref()) else { return true };
        let threshold = p.threshold();
        if p.pricing.worth((mask | set_reach | self.suffix[from]) & !self.base) - weight < threshold {
            return false;
        }
        let open = !mask & !self.base;
        let counted = p.pricing.worth(mask & !self.base) + p.pricing.worth(set_reach & open) - weight;
        let open = open & !set_reach;
        let hours_left = (b.capacity - bit_sum(&b.least_hours, set & !self.active)).max(0.0);
        let mut per_unit = 0.0;
        let mut per_hour = b.hour_price * hours_left;
        let mut least = [f64::INFINITY; Mask::BITS];
        let mut reached = Mask::EMPTY;
        for v in from..self.units.len() {
            let adds = self.reach[v] & open;
            if adds.is_empty() {
                continue;
            }
            let unit = self.units[v];
            let (share, hours) = if (unit & set).is_empty() {
                (b.unit_share[v], b.unit_hours[v])
            } else {
                (bit_sum(&b.share, unit & !set), bit_sum(&b.hour_share, unit & !set))
            };
            let spread = share / f64::from(adds.len());
            let mut worth = 0.0;
            for g in adds.iter() {
                worth += p.pricing.prices[g];
                least[g] = least[g].min(spread);
            }
            per_unit += (worth - share).max(0.0);
            per_hour += (worth - share - b.hour_price * hours).max(0.0);
            reached |= adds;
        }
        let per_group: f64 = reached.iter().map(|g| (p.pricing.prices[g] - least[g]).max(0.0)).sum();
        counted + per_unit.min(per_hour).min(per_group) >= threshold
    }

    /// Notes an option's surplus in a search for the largest; whether a priced enumeration
    /// keeps it (always, unpriced).
    fn note(&mut self, mask: Mask, cost: f64, hours: f64) -> bool {
        let base = self.base;
        let Some(p) = self.priced.as_mut() else { return true };
        let surplus = p.pricing.worth(mask & !base) - p.pricing.weight(cost, hours);
        match p.aim {
            Aim::Most(most, _) => {
                if surplus > most {
                    p.aim = Aim::Most(surplus, mask & !base);
                }
                false
            }
            Aim::Floor(_) => surplus >= p.threshold(),
        }
    }

    /// Every unit alone (that widens the coverage and can be scheduled): the options any
    /// bound on one person's part needs, found before combinations a deadline may cut.
    /// (They are found again by [`Enumeration::extend`]; [`non_dominated`] drops the copies.)
    fn alone(&mut self, base: Mask) {
        for u in 0..self.units.len() {
            let mask = self.cover.coverage(self.active | self.units[u]);
            if (mask & !base).is_empty() {
                continue;
            }
            let certs: Vec<CertIdx> = self.cover.certs_of(self.units[u]).collect();
            if let Some(found) = self.scheduler.schedule(&certs) {
                if self.note(mask, found.cost, found.hours) {
                    self.record(&Found { mask, ..found });
                }
            }
        }
    }

    /// Depth-first over unions of units in index order; a unit is only added when it
    /// widens the coverage (a unit that adds nothing can be left out of any plan at no
    /// loss), a set without a feasible schedule ends its branch (supersets of an
    /// unschedulable set are unschedulable), and `solo` units stay alone.
    fn extend(&mut self, from: usize, set: CertSet, set_reach: Mask, mask: Mask, parent: Option<&Found>) {
        if !(set & self.solo).is_empty() {
            return;
        }
        if self.out_of_time() {
            return;
        }
        for u in from..self.units.len() {
            let next = set | self.units[u];
            if next == set || (!set.is_empty() && !(self.units[u] & self.solo).is_empty()) {
                continue;
            }
            let next_mask = self.cover.widened(self.active | set, self.units[u], mask);
            if (next_mask & !mask).is_empty() {
                continue;
            }
            // What a set can reach is what its units can (see `Cover::reach`).
            let next_reach = set_reach | self.reach[u];
            // Priced: no set of this branch weighs less than the parent plus the least of
            // each added certification's ways, nor covers more than it and what follows.
            if let Some(bounds) = &self.bounds {
                let parent_weight = parent.map_or(0.0, |f| self.weight_of(f));
                let least = bit_sum(&bounds.least, next & !set);
                if !self.promising(next, next_reach, u + 1, next_mask, parent_weight + least) {
                    continue;
                }
            }
            if !self.tried.insert(next) {
                continue;
            }
            // Checked before every schedule too, not only on entering a branch: a deadline
            // that struck deep in the search must not leave every level above scheduling its
            // remaining units. (Sets pruned by the cheap tests above do not read the clock.)
            if self.out_of_time() {
                return;
            }
            let found = match self.scheduler.extend(parent, self.cover.certs_of(next & !set)) {
                Some(found) => Some(found),
                None => self.scheduler.schedule(&self.cover.certs_of(next).collect::<Vec<_>>()),
            };
            let Some(found) = found else { continue };
            let found = Found { mask: next_mask, ..found };
            if self.note(next_mask, found.cost, found.hours) {
                self.record(&found);
            }
            if self.promising(next, next_reach, u + 1, next_mask, self.weight_of(&found)) {
                self.extend(u + 1, next, next_reach, next_mask, Some(&found));
            }
        }
    }

    /// Whether the deadline has stopped the search (noting it when it strikes now).
    fn out_of_time(&mut self) -> bool {
        if !self.stopped && self.deadline.is_some_and(|d| Instant::now() >= d) {
            self.stopped = true;
        }
        self.stopped
    }

    /// An option's weight in the priced enumeration (0 unpriced).
    fn weight_of(&self, found: &Found) -> f64 {
        self.priced.as_ref().map_or(0.0, |p| p.pricing.weight(found.cost, found.hours))
    }

    /// Keeps an option found, unless one already kept with the same coverage beats it and
    /// comes first in [`non_dominated`]'s order: that filter would drop it anyway, and a
    /// person can have hundreds of thousands of such sets, almost all beaten this way.
    fn record(&mut self, found: &Found) {
        let Enumeration { found: kept, front, .. } = self;
        let list = front.entry(found.mask).or_default();
        let first = |a: &Found, b: &Found| beats(a, b) && option_order(a, b) == std::cmp::Ordering::Less;
        if list.iter().any(|&i| first(&kept[i], found)) {
            return;
        }
        list.retain(|&i| !first(found, &kept[i]));
        list.push(kept.len());
        kept.push(found.clone());
    }
}

/// `values` in `order` (a permutation of their positions).
fn reordered<T: Copy>(values: &[T], order: &[usize]) -> Vec<T> {
    order.iter().map(|&v| values[v]).collect()
}

/// `Σ values[i]` over the bits `i` of `set`.
fn bit_sum(values: &[f64], set: CertSet) -> f64 {
    set.iter().map(|i| values[i]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Certification, Employee, Inputs};
    use crate::solver::testkit::*;

    /// A counts in group 0, B in group 1, C in both (C needs A); 30, 30 and 15 hours.
    fn instance(employee: Employee) -> Inputs {
        let c = Certification { requires_all: vec![0], ..cert("C", 300.0, 15.0) };
        let steps = vec![step(&[0, 2], 1, 5.0), step(&[1, 2], 1, 5.0)];
        inputs(vec![cert("A", 100.0, 30.0), cert("B", 200.0, 30.0), c], steps, vec![employee], vec![])
    }

    fn worked(inputs: &Inputs, deadline: &str) -> Worked {
        let sc = scenario(deadline);
        let ctx = Context::new(inputs, &sc, sc.deadline).unwrap();
        let prepared = Prepared::of(&ctx, 0).unwrap();
        options(&ctx, &prepared, CertSet::EMPTY, None, None)
    }

    fn summary(w: &Worked) -> Vec<(u128, f64)> {
        w.choices.iter().map(|c| (c.mask.0, c.cost)).collect()
    }

    #[test]
    fn unions_of_units_that_fit_the_person_s_quarters() {
        // One quarter of 40 hours: A or B alone; A with C (45 hours) does not fit.
        let one = worked(&instance(person("p")), "2027-Q1");
        assert_eq!(summary(&one), vec![(0b01, 100.0), (0b10, 200.0)]);
        assert!(one.complete);
        // Two quarters: A and B cover both groups for 300 in 60 hours, A and C for 400 in 45
        // hours: neither beats the other. (C alone is no unit: it needs A.)
        let two = worked(&instance(person("p")), "2027-Q2");
        assert_eq!(summary(&two), vec![(0b01, 100.0), (0b10, 200.0), (0b11, 300.0), (0b11, 400.0)]);
        let actions: Vec<_> = two.choices[2].actions.iter().map(|a| (a.quarter, a.cert)).collect();
        assert_eq!(actions.len(), 2, "A and B in different quarters: {actions:?}");
        assert_ne!(actions[0].0, actions[1].0);
    }

    #[test]
    fn an_unlinked_person_links_first_and_may_only_link() {
        let inputs = Inputs {
            org: crate::model::Organisation {
                holdings: vec![holding(0, 0, "2026-05-01", None)],
                ..instance(Employee { linked: false, ..person("p") }).org
            },
            ..instance(person("p"))
        };
        let w = worked(&inputs, "2027-Q2");
        assert_eq!(w.base, Mask::EMPTY, "nothing counts before the link");
        assert_eq!(summary(&w)[0], (0b01, 0.0), "linking alone brings A");
        assert!(w.choices.iter().all(|c| c.actions[0].kind == ActionKind::Link));
        assert!(w.choices.iter().any(|c| c.mask == Mask(0b11) && c.cost == 200.0), "A held, B taken");
    }

    /// A held certification counts only while its prerequisite does: renewing the
    /// prerequisite, which counts nowhere itself, brings it back. A branch's bound must
    /// count what such a unit can add, whatever order the units are searched in.
    #[test]
    fn a_renewed_prerequisite_counts_where_what_needs_it_counts() {
        // X (held, needs P) counts in group 0, Q in group 1; P lapses in 2027-Q1.
        let p = Certification { renewal_hours: 5.0, ..cert("P", 100.0, 10.0) };
        let x = Certification { requires_all: vec![0], ..cert("X", 200.0, 10.0) };
        let certs = vec![p, x, cert("Q", 100.0, 1.0)];
        let holdings = vec![holding(0, 0, "2026-02-15", Some("2027-02-15")), holding(0, 1, "2026-05-01", None)];
        let inputs = inputs(certs, vec![step(&[1], 1, 5.0), step(&[2], 1, 5.0)], vec![person("p")], holdings);
        let sc = scenario("2027-Q2");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let prepared = Prepared::of(&ctx, 0).unwrap();
        let all = options(&ctx, &prepared, CertSet::EMPTY, None, None).choices;
        let renewed = all.iter().find(|c| c.mask == Mask(0b01)).expect("renewing P alone brings X back");
        assert_eq!(renewed.cost, 0.0, "a renewal is free");
        // Q gains 400 in an hour, P's renewal 1000 in five: Q is searched first, and P's
        // renewal alone (1000) is the surplus to beat when the branch of Q is bounded.
        let pricing = Pricing { prices: vec![1000.0, 500.0], hours: false };
        let best = all.iter().map(|c| pricing.worth(c.mask) - c.cost).fold(0.0, f64::max);
        assert_eq!(best, 1400.0, "P renewed and Q taken");
        let (most, adds) =
            most_surplus(&ctx, &prepared, CertSet::EMPTY, None, &pricing, (0.0, Mask::EMPTY)).expect("no deadline");
        assert_eq!((most, adds), (1400.0, Mask(0b11)));
    }

    /// The priced enumeration keeps exactly the options (of the unpriced one) whose surplus
    /// reaches the floor, and finds the largest surplus; on random prices, fees, hours and
    /// capacities.
    #[test]
    fn pricing_prunes_only_what_cannot_reach_the_floor() {
        let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15u64);
        let mut next = |n: u64| rng.below(n);
        for case in 0..300 {
            let certs: Vec<Certification> = (0..8)
                .map(|i| {
                    let mut c = cert(&format!("C{i}"), 50.0 * (1 + next(6)) as f64, 5.0 * (1 + next(8)) as f64);
                    // Half of them need one or two of the others: units overlap.
                    if i >= 4 {
                        c.requires_any = vec![next(4) as usize, next(4) as usize];
                        c.requires_any.sort_unstable();
                        c.requires_any.dedup();
                    }
                    c
                })
                .collect();
            let steps = (0..5).map(|g| step(&[g, (g + 1 + next(7) as usize) % 8], 1, 3.0)).collect();
            // 10-40 study hours a quarter: often too few for every profitable unit, so the
            // bound on what the person's hours leave room for decides.
            let p = Employee { hours_per_quarter: Some(10.0 * (1 + next(4)) as f64), ..person("p") };
            let inputs = inputs(certs, steps, vec![p], vec![]);
            let sc = scenario(["2027-Q1", "2027-Q2", "2027-Q3"][next(3) as usize]);
            let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
            let prepared = Prepared::of(&ctx, 0).unwrap();
            let all = options(&ctx, &prepared, CertSet::EMPTY, None, None).choices;
            let pricing =
                Pricing { prices: (0..5).map(|_| next(40_000) as f64 / 100.0 + 0.37).collect(), hours: false };
            let surplus = |c: &Choice| pricing.worth(c.mask) - c.cost;
            let best = all.iter().map(surplus).fold(0.0, f64::max);
            let (most, adds) =
                most_surplus(&ctx, &prepared, CertSet::EMPTY, None, &pricing, (0.0, Mask::EMPTY)).expect("no deadline");
            assert!((most - best).abs() < 1e-6, "case {case}: largest surplus {most} vs {best}");
            if best > 0.0 {
                assert!(all.iter().any(|c| c.mask == adds && (surplus(c) - best).abs() < 1e-6), "case {case}");
            }
            let floor = best - next(300) as f64;
            let priced =
                options(&ctx, &prepared, CertSet::EMPTY, None, Some(Priced::new(&pricing, Aim::Floor(floor)))).choices;
            // With the search's slack on rounding: an option whose surplus is the floor's but
            // for rounding is kept. (Compared as sets, so that the check does not hang on the
            // order options of equal cost come in.)
            let threshold = Priced::new(&pricing, Aim::Floor(floor)).threshold();
            let mut expected: Vec<(Mask, u64)> =
                all.iter().filter(|c| surplus(c) >= threshold).map(|c| (c.mask, c.cost.to_bits())).collect();
            let mut got: Vec<(Mask, u64)> = priced.iter().map(|c| (c.mask, c.cost.to_bits())).collect();
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "case {case}: floor {floor}");
        }
    }
}
