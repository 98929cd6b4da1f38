//! Per-person choices: which certifications a person could newly hold at the evaluation
//! moment, with the cheapest feasible schedule for each useful combination.
//!
//! This is where most of the problem is solved before the integer program sees it. A
//! person's quarters, hours, exam slots, availability windows, expiries and renewal
//! windows only interact with that person's own other exams, so each person's feasible
//! plans can be worked out alone. What the integer program needs from a plan is only the
//! set of steps it makes the person count in (its *coverage*), its cost and its hours; for
//! each coverage only the cheapest plans matter, and a plan whose coverage and price are
//! both beaten by another is dropped. The integer program then picks one option per person
//! — an exact, tight formulation with no OR-linking of indicators.

use super::Context;
use crate::model::{Action, ActionKind, Catalog, CertIdx, EmpIdx};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::time::Instant;

/// A set of step groups, one bit each (at most 128 distinct groups).
pub type Mask = u128;

/// One way of making a certification active at the evaluation moment: an exam and/or
/// renewals, each in a planning quarter (by index).
#[derive(Clone, Debug)]
struct Way {
    cost: f64,
    hours: f64,
    /// (quarter index, kind, study or renewal hours)
    moves: Vec<(usize, ActionKind, f64)>,
}

/// One choice for one person: newly acquire some certifications on a fixed schedule.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Step groups the person counts in at the evaluation moment with this choice.
    pub mask: Mask,
    /// Expected cost of the choice's actions.
    pub cost: f64,
    /// Hours of the choice's actions.
    pub hours: f64,
    /// The actions (a link first when the person is unlinked).
    pub actions: Vec<Action>,
}

/// Everything the integer program needs about one person.
#[derive(Clone, Debug)]
pub struct PersonChoices {
    /// Who.
    pub employee: EmpIdx,
    /// Coverage with no action at all (0 for an unlinked person).
    pub base: Mask,
    /// Non-dominated choices, each strictly better in coverage than `base`. Shared by
    /// everyone in the same situation (thousands of people share a few hundred lists), so
    /// their actions name the situation's first person: read them with [`Self::actions`].
    pub choices: Rc<[Choice]>,
    /// Index (into the list [`all_people`] returns) of the first person in the same
    /// situation: people with the same index have identical choices.
    pub situation: usize,
}

impl PersonChoices {
    /// The actions of choice `o`, for this person.
    pub fn actions(&self, o: usize) -> impl Iterator<Item = Action> + '_ {
        self.choices[o].actions.iter().map(move |a| Action { employee: self.employee, ..*a })
    }
}

/// Works out the choices of every person who can count at the evaluation moment and
/// could be needed by a plan using at most `max_used` people.
///
/// People in the same situation (same certifications active and expiring, same hours,
/// hourly cost, exclusions, leaving quarter and link status) have the same choices, so
/// each situation is worked out once: most people of a large organisation share one.
///
/// A person whom at least `max_used` others dominate (see `Situation::dominates`) is left out: in a
/// plan using at most `max_used` people one of those others is idle and can take over the
/// person's part at no more cost or hours with no less coverage (and if that one is left
/// out too, the argument repeats down a chain that ends, as dominance has no cycles). So
/// an optimum over the people kept is an optimum over everyone. A large organisation has
/// many people with nothing more to offer than dozens of colleagues; a plan rarely needs
/// more than a few dozen people.
pub fn all_people(ctx: &Context, max_used: usize) -> Vec<PersonChoices> {
    people_until(ctx, max_used, None).people
}

/// People's choices as [`all_people`] works them out, up to a deadline.
pub struct People {
    /// Everyone who can count and could be needed, with their choices.
    pub people: Vec<PersonChoices>,
    /// Whether every person's choices are complete. When the deadline stopped the
    /// enumeration, each person still has every option of a single unit (so bounds read
    /// off single units stay valid) and whatever combinations were found in time.
    pub complete: bool,
}

/// [`all_people`], stopping each person's enumeration of combinations at `deadline`.
///
/// Each person's units are first scheduled alone, then combined depth first; a person
/// whose combinations the deadline cuts short keeps what was found. Plans built from such
/// choices are real plans, but no longer provably optimal.
pub fn people_until(ctx: &Context, max_used: usize, deadline: Option<Instant>) -> People {
    Situations::of(ctx, max_used).people(deadline, None)
}

/// Prices of the step groups, with which a person's enumeration skips every option that
/// cannot belong to a plan better than a known one (see [`Situations::people`]).
pub struct Pricing {
    /// `π_g ≥ 0` per group.
    pub prices: Vec<f64>,
    /// Options are weighed by their hours instead of their cost (the objective's quantity).
    pub hours: bool,
}

/// What prices are worth over everyone: `Σ_p μ_p` (each person's largest surplus, see
/// [`Situations::people`]) and, per group, how many people's best options add it (the
/// Lagrangian's subgradient).
pub struct Surplus {
    /// `Σ_p μ_p`.
    pub total: f64,
    /// Per group: people whose best option adds it.
    pub adds: Vec<f64>,
}

/// The people who can count and could be needed, grouped into situations, with everything
/// their options are worked out from (computed once, enumerated as often as needed).
pub struct Situations<'c> {
    ctx: &'c Context<'c>,
    /// Per situation: its members in employee order.
    members: Vec<Vec<EmpIdx>>,
    /// Per situation: how many of its members are kept.
    keep: Vec<usize>,
    /// The situations with members kept.
    kept: Vec<usize>,
    /// Per kept situation: its first member, prepared (`None`: gone by the day).
    prepared: Vec<Option<Prepared>>,
    /// Per kept situation: how many members are kept.
    copies: Vec<usize>,
    /// Per kept situation: its units only ever taken alone.
    solo: Vec<u128>,
}

impl<'c> Situations<'c> {
    /// See [`all_people`] for who is kept.
    pub fn of(ctx: &'c Context<'c>, max_used: usize) -> Situations<'c> {
        let relevant = &ctx.cover.certs;
        let mut seen: HashMap<Situation, usize> = HashMap::new();
        let mut situations: Vec<Situation> = Vec::new();
        // Per situation, its members in employee order.
        let mut members: Vec<Vec<EmpIdx>> = Vec::new();
        for e in 0..ctx.org.employees.len() {
            if !ctx.org.employees[e].present_on(ctx.day) {
                continue;
            }
            let key = situation(ctx, e, relevant);
            let next = situations.len();
            let first = *seen.entry(key.clone()).or_insert(next);
            if first == next {
                situations.push(key);
                members.push(Vec::new());
            }
            members[first].push(e);
        }
        // How many members of each situation to keep: those with fewer than `max_used`
        // dominators (the members of dominating situations, and earlier members of their own).
        // Two situations can dominate each other (they differ only in what does not matter
        // here); then only the earlier one counts, so that dominance has no cycles.
        let above = |t: usize, s: usize| {
            t != s
                && situations[t].dominates(&situations[s], ctx)
                && (t < s || !situations[s].dominates(&situations[t], ctx))
        };
        let keep: Vec<usize> = (0..situations.len())
            .map(|s| {
                let above: usize = (0..situations.len()).filter(|&t| above(t, s)).map(|t| members[t].len()).sum();
                members[s].len().min(max_used.saturating_sub(above))
            })
            .collect();
        let kept: Vec<usize> = (0..situations.len()).filter(|&s| keep[s] > 0).collect();
        // Situations are independent: work them out on every core.
        let prepared: Vec<Option<Prepared>> = kept.par_iter().map(|&s| Prepared::of(ctx, members[s][0])).collect();
        let copies: Vec<usize> = kept.iter().map(|&s| keep[s]).collect();
        let solo = solo_units(ctx, &prepared, &copies, max_used);
        Situations { ctx, members, keep, kept, prepared, copies, solo }
    }

    /// `Σ_p μ_p` and the subgradient at `pricing`'s prices.
    pub fn surplus(&self, pricing: &Pricing, deadline: Option<Instant>) -> Surplus {
        let best: Vec<(f64, Mask)> = self
            .prepared
            .par_iter()
            .zip(&self.solo)
            .map(|(p, &solo)| p.as_ref().map_or((0.0, 0), |p| most_surplus(self.ctx, p, solo, deadline, pricing)))
            .collect();
        let mut adds = vec![0.0; self.ctx.groups.len()];
        for (&(_, mask), &n) in best.iter().zip(&self.copies) {
            for (g, a) in adds.iter_mut().enumerate() {
                if mask >> g & 1 == 1 {
                    *a += n as f64;
                }
            }
        }
        Surplus { total: best.iter().zip(&self.copies).map(|(b, &n)| b.0 * n as f64).sum(), adds }
    }

    /// Everyone's choices, each person's enumeration stopped at `deadline`. With
    /// `pricing`, only options that a plan as good as a known one can use are kept.
    ///
    /// For prices `π ≥ 0`, a person's *surplus* of an option is `π·(groups it adds) −
    /// weight` and `μ_p` is the person's largest surplus (0 for doing nothing). Every plan
    /// meeting a requirement `r` weighs at least `L_r = Σ_g π_g·(r_g − base_g) − Σ_p μ_p`
    /// plus, over the options it uses, `μ_p − surplus`: the Lagrangian bound with its
    /// reduced costs. So a plan of any requirement that weighs no more than a known plan's
    /// `v` uses only options with `μ_p − surplus ≤ v − min_r L_r`. The second element of
    /// `pricing` is given `Σ_p μ_p` and returns that allowance; each person's enumeration
    /// then prunes every branch whose surplus, however it grows, stays below
    /// `μ_p − allowance`. With good prices this leaves a few options per person where the
    /// full enumeration has hundreds of thousands.
    pub fn people(&self, deadline: Option<Instant>, pricing: Option<(&Pricing, &dyn Fn(f64) -> f64)>) -> People {
        let ctx = self.ctx;
        let Situations { members, keep, kept, prepared, solo, .. } = self;
        let floors: Vec<Option<f64>> = match pricing {
            None => vec![None; prepared.len()],
            Some((pricing, allowance)) => {
                let most: Vec<f64> = prepared
                    .par_iter()
                    .zip(solo)
                    .map(|(p, &solo)| p.as_ref().map_or(0.0, |p| most_surplus(ctx, p, solo, deadline, pricing).0))
                    .collect();
                let allowance = allowance(most.iter().zip(&self.copies).map(|(m, &n)| m * n as f64).sum());
                most.iter().map(|m| Some(m - allowance)).collect()
            }
        };
        let prices = pricing.map(|(p, _)| p);
        let worked: Vec<Option<Worked>> = prepared
            .par_iter()
            .zip(solo)
            .zip(&floors)
            .map(|((p, &solo), floor)| {
                let priced = floor.zip(prices).map(|(f, pricing)| Priced::new(pricing, Aim::Floor(f)));
                p.as_ref().map(|p| person(ctx, p, solo, deadline, priced))
            })
            .collect();
        let complete = worked.iter().flatten().all(|w| w.complete);
        let mut out: Vec<(EmpIdx, usize, Mask, Rc<[Choice]>)> = Vec::new();
        for (&s, work) in kept.iter().zip(worked) {
            let Some(Worked { base, choices, .. }) = work else { continue };
            let choices: Rc<[Choice]> = Rc::from(choices);
            out.extend(members[s][..keep[s]].iter().map(|&e| (e, s, base, choices.clone())));
        }
        // In employee order; each situation is named by the position of its first member.
        out.sort_by_key(|p| p.0);
        let mut first_index: HashMap<usize, usize> = HashMap::new();
        let people = out
            .into_iter()
            .enumerate()
            .map(|(i, (employee, s, base, choices))| {
                let situation = *first_index.entry(s).or_insert(i);
                PersonChoices { employee, base, choices, situation }
            })
            .collect();
        People { people, complete }
    }
}

/// Everything about a person that their choices depend on.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Situation {
    /// Relevant certifications active on the day without a plan.
    active: Vec<bool>,
    /// Expiry dates before the day of relevant grants (renewal chains start from them).
    expired: Vec<(CertIdx, crate::model::Date)>,
    /// The hourly cost (0 when time is not costed: it then changes nothing).
    hourly_cost: u64,
    hours_per_quarter: Option<u64>,
    linked: bool,
    /// Planning quarters whose first day the person is still there.
    present_quarters: usize,
    exclude: Vec<CertIdx>,
}

impl Situation {
    /// Whether someone in this situation can do everything someone in `other` can, at no
    /// more cost and hours and with no less coverage: every certification `other` has
    /// active is active here, every expired grant `other` could renew is here too (or the
    /// certification is active), no dearer hours (when time is costed), no less study time
    /// or presence, linked if `other` is, and no exclusion `other` lacks.
    fn dominates(&self, other: &Situation, ctx: &Context) -> bool {
        let rate = |s: &Situation| if ctx.scenario.count_time_cost { f64::from_bits(s.hourly_cost) } else { 0.0 };
        let hours = |s: &Situation| s.hours_per_quarter.map_or(ctx.scenario.hours_per_quarter, f64::from_bits);
        self.active.iter().zip(&other.active).all(|(&mine, &theirs)| mine || !theirs)
            && other.expired.iter().all(|x| self.expired.contains(x) || self.is_active(ctx, x.0))
            && rate(self) <= rate(other)
            && hours(self) >= hours(other)
            && (self.linked || !other.linked)
            && self.present_quarters >= other.present_quarters
            && self.exclude.iter().all(|c| other.exclude.contains(c))
    }

    fn is_active(&self, ctx: &Context, cert: CertIdx) -> bool {
        ctx.cover.certs.binary_search(&cert).is_ok_and(|i| self.active[i])
    }
}

fn situation(ctx: &Context, e: EmpIdx, relevant: &[CertIdx]) -> Situation {
    let emp = &ctx.org.employees[e];
    let mut expired: Vec<(CertIdx, crate::model::Date)> = ctx
        .holdings(e)
        .filter(|h| relevant.binary_search(&h.cert).is_ok())
        .filter_map(|h| h.expires_on.filter(|&x| x < ctx.day).map(|x| (h.cert, x)))
        .collect();
    expired.sort_unstable();
    let mut exclude: Vec<CertIdx> = emp.exclude.iter().copied().filter(|c| relevant.binary_search(c).is_ok()).collect();
    exclude.sort_unstable();
    Situation {
        active: relevant.iter().map(|&c| ctx.active_without_plan(e, c)).collect(),
        expired,
        hourly_cost: if ctx.scenario.count_time_cost { emp.hourly_cost.to_bits() } else { 0 },
        hours_per_quarter: emp.hours_per_quarter.map(f64::to_bits),
        linked: emp.linked,
        present_quarters: ctx.quarters.iter().filter(|q| emp.present_on(q.first_day())).count(),
        exclude,
    }
}

/// How many people could count in each group on the day if study time and exam slots
/// were unlimited: with no capacity to share, a person can hold every certification they
/// can reach at once. Used to explain infeasibility.
pub fn reach(ctx: &Context) -> Vec<u32> {
    let mut counts = vec![0; ctx.groups.len()];
    for e in 0..ctx.org.employees.len() {
        let Some(mut person) = Person::new(ctx, e) else { continue };
        let mut all: Vec<CertIdx> = person.units().concat();
        all.sort_unstable();
        all.dedup();
        let mask = ctx.cover.coverage(ctx.cover.active(&person.active) | ctx.cover.bits(&all));
        for (g, n) in counts.iter_mut().enumerate() {
            *n += u32::from(mask >> g & 1 == 1);
        }
    }
    counts
}

/// One person's certifications: what is active without a plan, and the ways to acquire
/// the rest (computed on first use).
struct Person<'c> {
    ctx: &'c Context<'c>,
    employee: EmpIdx,
    active: Vec<bool>,
    ways: HashMap<CertIdx, Vec<Way>>,
}

impl<'c> Person<'c> {
    /// `None` when the person has left by the evaluation day.
    fn new(ctx: &'c Context<'c>, employee: EmpIdx) -> Option<Person<'c>> {
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
    fn units(&mut self) -> Vec<Vec<CertIdx>> {
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
struct Prepared {
    employee: EmpIdx,
    active: Vec<bool>,
    ways: HashMap<CertIdx, Vec<Way>>,
    units: Vec<Vec<CertIdx>>,
    capacity: Capacity,
}

impl Prepared {
    fn of(ctx: &Context, e: EmpIdx) -> Option<Prepared> {
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
        Some(Prepared { employee: e, active, ways, units, capacity })
    }

    /// The certifications this person could take on their own as a unit that adds its
    /// groups to whatever else they take (no prerequisite to acquire, and not itself a
    /// prerequisite of anything that counts), each with what its cheapest schedule costs
    /// and the least cost and least hours any of its ways needs.
    fn singles(&self, ctx: &Context, prerequisites: u128) -> Vec<Single> {
        self.units
            .iter()
            .filter(|u| u.len() == 1 && ctx.cover.bits(u) & prerequisites == 0)
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
struct Single {
    cert: CertIdx,
    /// Cost and hours of its cheapest schedule.
    cost: f64,
    hours: f64,
    /// The least cost and the least hours of any of its ways (possibly different ways).
    least_cost: f64,
    least_hours: f64,
}

/// Per prepared situation (with `copies` people each): the single certifications its people
/// only ever need to take alone.
///
/// Say someone takes certification `c` together with other units `S`. `c` adds its groups to
/// whatever `S` covers and costs at least its own cheapest way, so if an idle colleague can
/// take `c` alone at no more cost and hours, gaining at least the same groups, handing `c`
/// to them loses nothing. In a plan involving at most `max_used` people, such a colleague
/// is idle whenever at least `max_used` of them exist. Those units are then enumerated
/// alone only, which removes most of the combinations a large organisation would otherwise
/// enumerate for each situation. (The argument needs each set's schedule to be the best in
/// the objective's order, cost or hours first, which [`Search::schedule`] ensures.)
fn solo_units(ctx: &Context, prepared: &[Option<Prepared>], copies: &[usize], max_used: usize) -> Vec<u128> {
    const EPS: f64 = super::params::OPTION_EQUALITY;
    if max_used == usize::MAX {
        return vec![0; prepared.len()];
    }
    let prerequisites = ctx.cover.bits(
        &ctx.coverers
            .iter()
            .flat_map(|&c| ctx.catalog[c].requires_any.iter().chain(&ctx.catalog[c].requires_all).copied())
            .collect::<Vec<_>>(),
    );
    let singles: Vec<Vec<Single>> =
        prepared.par_iter().map(|p| p.as_ref().map_or_else(Vec::new, |p| p.singles(ctx, prerequisites))).collect();
    let covered: Vec<Mask> =
        prepared.iter().map(|p| p.as_ref().map_or(0, |p| ctx.cover.coverage(ctx.cover.active(&p.active)))).collect();
    let mut takers: HashMap<CertIdx, Vec<(usize, Single)>> = HashMap::new();
    for (i, list) in singles.iter().enumerate() {
        for single in list {
            takers.entry(single.cert).or_default().push((i, *single));
        }
    }
    singles
        .iter()
        .enumerate()
        .map(|(i, list)| {
            let mut solo = 0;
            for mine in list {
                let groups = ctx.cert_groups[mine.cert];
                let stand_ins: usize = takers[&mine.cert]
                    .iter()
                    .filter(|(j, theirs)| {
                        theirs.cost <= mine.least_cost + EPS
                            && theirs.hours <= mine.least_hours + EPS
                            && groups & covered[*j] & !covered[i] == 0
                    })
                    .map(|&(j, _)| if j == i { copies[j] - 1 } else { copies[j] })
                    .sum();
                if stand_ins >= max_used {
                    solo |= ctx.cover.bits(&[mine.cert]);
                }
            }
            solo
        })
        .collect()
}

/// One situation's base coverage and choices.
struct Worked {
    base: Mask,
    choices: Vec<Choice>,
    /// Whether the deadline left every combination explored.
    complete: bool,
}

/// One situation's base coverage and choices, worked out for its first person. Units in
/// `solo` are only taken alone, never combined with others (see [`all_people`]).
fn person(ctx: &Context, prepared: &Prepared, solo: u128, deadline: Option<Instant>, priced: Option<Priced>) -> Worked {
    let e = prepared.employee;
    let linked = ctx.org.employees[e].linked;
    let base_coverage = ctx.cover.coverage(ctx.cover.active(&prepared.active));
    let base = if linked { base_coverage } else { 0 };
    let mut search = Search::new(ctx, prepared, solo, deadline, priced);
    search.alone(base_coverage);
    search.extend(0, 0, base_coverage, None);
    let complete = !search.stopped;
    let mut found = search.found;
    if !linked && base_coverage != 0 {
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
/// nothing; linking alone, for an unlinked person, is an option) and the groups that option
/// adds, by branch and bound over the same enumeration as [`person`].
fn most_surplus(
    ctx: &Context,
    prepared: &Prepared,
    solo: u128,
    deadline: Option<Instant>,
    pricing: &Pricing,
) -> (f64, Mask) {
    let mut search = Search::new(ctx, prepared, solo, deadline, Some(Priced::new(pricing, Aim::Most(0.0, 0))));
    let linked = ctx.org.employees[prepared.employee].linked;
    let base_coverage = ctx.cover.coverage(search.active);
    if !linked {
        search.note(base_coverage, 0.0, 0.0);
    }
    search.alone(base_coverage);
    search.extend(0, 0, base_coverage, None);
    match search.priced.map(|p| p.aim) {
        Some(Aim::Most(most, adds)) => (most, adds),
        _ => (0.0, 0),
    }
}

/// What a priced enumeration is after.
#[derive(Clone, Copy)]
enum Aim {
    /// The largest surplus (found so far) and the groups its option adds.
    Most(f64, Mask),
    /// Every option with at least this surplus.
    Floor(f64),
}

/// A person's enumeration under prices (see [`Situations::people`]).
struct Priced<'p> {
    pricing: &'p Pricing,
    aim: Aim,
}

impl<'p> Priced<'p> {
    fn new(pricing: &'p Pricing, aim: Aim) -> Priced<'p> {
        Priced { pricing, aim }
    }

    /// The surplus a branch must be able to reach to be worth exploring.
    fn threshold(&self) -> f64 {
        let (Aim::Most(v, _) | Aim::Floor(v)) = self.aim;
        v - SURPLUS_SLACK * v.abs().max(1.0)
    }

    fn weight(&self, cost: f64, hours: f64) -> f64 {
        if self.pricing.hours {
            hours
        } else {
            cost
        }
    }

    /// `π` summed over the groups of `mask`.
    fn worth(&self, mask: Mask) -> f64 {
        let mut bits = mask;
        let mut sum = 0.0;
        while bits != 0 {
            sum += self.pricing.prices[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        sum
    }
}

/// Relative slack on surplus comparisons, so that rounding never prunes an option a proof
/// needs (it only keeps a few more).
const SURPLUS_SLACK: f64 = 1e-7;

/// Removes single-certification units that another single-certification unit beats: it
/// covers at least the same groups, and for every way of scheduling the beaten one it has
/// a way in the same quarters that costs no more and takes no more hours. Any plan using
/// the beaten certification is then matched or bettered by swapping in the other, so no
/// optimum is lost; for data & AI's eleven interchangeable step-3 certifications this
/// leaves one or two, which is what keeps the enumeration small.
fn drop_dominated_units(
    ctx: &Context,
    active: &[bool],
    ways: &HashMap<CertIdx, Vec<Way>>,
    units: Vec<Vec<CertIdx>>,
) -> Vec<Vec<CertIdx>> {
    const EPS: f64 = super::params::OPTION_EQUALITY;
    let single = |u: &Vec<CertIdx>| (u.len() == 1 && !ctx.catalog[u[0]].has_prerequisites()).then_some(u[0]);
    let active_bits = ctx.cover.active(active);
    let masks: Vec<Mask> = units.iter().map(|u| ctx.cover.coverage(active_bits | ctx.cover.bits(u))).collect();
    let way_beats = |a: &Way, b: &Way| {
        a.cost <= b.cost + EPS
            && a.hours <= b.hours + EPS
            && a.moves.len() == b.moves.len()
            && a.moves.iter().zip(&b.moves).all(|(x, y)| x.0 == y.0 && x.1 == y.1 && x.2 <= y.2 + EPS)
    };
    let beats = |i: usize, j: usize| -> bool {
        let (Some(a), Some(b)) = (single(&units[i]), single(&units[j])) else { return false };
        masks[i] & masks[j] == masks[j] && ways[&b].iter().all(|wb| ways[&a].iter().any(|wa| way_beats(wa, wb)))
    };
    (0..units.len())
        .filter(|&j| !(0..units.len()).any(|i| i != j && beats(i, j) && (!beats(j, i) || i < j)))
        .map(|j| units[j].clone())
        .collect()
}

/// The certifications that can matter (the targets' and their prerequisites), numbered as
/// bits of a `u128`, with what each counting one needs: sets of certifications are then
/// single words and coverage a few bit operations, which is what the enumeration of
/// thousands of sets per person spends its time on.
#[derive(Clone)]
pub struct Cover {
    /// The certifications, sorted.
    certs: Vec<CertIdx>,
    /// Per coverer: (its bit, bits of `requires_all`, bits of `requires_any`, its groups).
    rules: Vec<(u128, u128, u128, Mask)>,
}

impl Cover {
    /// The cover of `coverers` (with `cert_groups`, each certification's groups); `None`
    /// when more than 128 certifications matter.
    pub fn new(catalog: &Catalog, coverers: &[CertIdx], cert_groups: &[Mask]) -> Option<Cover> {
        let mut certs: Vec<CertIdx> = coverers.to_vec();
        for &c in coverers {
            certs.extend(catalog[c].requires_any.iter().chain(&catalog[c].requires_all));
        }
        certs.sort_unstable();
        certs.dedup();
        if certs.len() > 128 {
            return None;
        }
        let bits = |list: &[CertIdx]| list.iter().fold(0u128, |m, c| m | 1 << certs.binary_search(c).unwrap_or(0));
        let rules = coverers
            .iter()
            .map(|&c| {
                let cert = &catalog[c];
                (bits(&[c]), bits(&cert.requires_all), bits(&cert.requires_any), cert_groups[c])
            })
            .collect();
        Some(Cover { certs, rules })
    }

    /// The bits of a list of relevant certifications.
    fn bits(&self, list: &[CertIdx]) -> u128 {
        list.iter().filter_map(|c| self.certs.binary_search(c).ok()).fold(0, |m, i| m | 1 << i)
    }

    /// The bits of the relevant certifications among `active` (indexed by catalogue).
    fn active(&self, active: &[bool]) -> u128 {
        self.certs.iter().enumerate().filter(|&(_, &c)| active[c]).fold(0, |m, (i, _)| m | 1 << i)
    }

    /// The certifications of a set, in index order.
    fn certs_of(&self, set: u128) -> impl Iterator<Item = CertIdx> + '_ {
        (0..self.certs.len()).filter(move |&i| set >> i & 1 == 1).map(|i| self.certs[i])
    }

    /// Every step group some certification of `set` could count in, prerequisites aside: a
    /// superset of what holding `set` (with anything else) adds.
    fn reach(&self, set: u128) -> Mask {
        self.rules.iter().filter(|&&(own, ..)| set & own != 0).fold(0, |m, r| m | r.3)
    }

    /// Step groups counted by someone holding `held`.
    fn coverage(&self, held: u128) -> Mask {
        self.rules
            .iter()
            .filter(|&&(own, all, any, _)| held & own != 0 && held & all == all && (any == 0 || held & any != 0))
            .fold(0, |m, r| m | r.3)
    }
}

/// Every way one person can make `c` active at the evaluation moment (empty when none).
fn cert_ways(ctx: &Context, e: EmpIdx, c: CertIdx) -> Vec<Way> {
    let emp = &ctx.org.employees[e];
    let cert = &ctx.catalog[c];
    if emp.exclude.contains(&c) {
        return Vec::new();
    }
    let time_cost = if ctx.scenario.count_time_cost { emp.hourly_cost } else { 0.0 };
    let pass_rate = cert.pass_rate.unwrap_or(ctx.scenario.pass_rate);
    let exam_cost = cert.exam_fee / pass_rate + cert.training_fee + cert.study_hours * time_cost;
    let renew_cost = cert.renewal_hours * time_cost;
    let can_act = |q: usize| {
        let first = ctx.quarters[q].first_day();
        cert.available_on(first) && emp.present_on(first)
    };
    let mut out = Vec::new();
    // Renewal chains of grants the person already has, expiring before the moment.
    for h in ctx.holdings(e).filter(|h| h.cert == c) {
        if let Some(expires) = h.expires_on.filter(|&x| x < ctx.day) {
            renewals(
                ctx,
                cert.valid_months,
                expires,
                0,
                &can_act,
                Way { cost: 0.0, hours: 0.0, moves: Vec::new() },
                renew_cost,
                cert.renewal_hours,
                &mut out,
            );
        }
    }
    for q in (0..ctx.quarters.len()).filter(|&q| can_act(q)) {
        let way =
            Way { cost: exam_cost, hours: cert.study_hours, moves: vec![(q, ActionKind::Exam, cert.study_hours)] };
        match cert.expiry_from(ctx.quarters[q].last_day()) {
            Some(x) if x < ctx.day => {
                renewals(ctx, cert.valid_months, x, q, &can_act, way, renew_cost, cert.renewal_hours, &mut out)
            }
            _ => out.push(way),
        }
    }
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.hours.total_cmp(&b.hours)));
    out
}

/// Extends `way` with renewals from a grant expiring on `expires` until it is active at
/// the moment, in every admissible choice of renewal quarters (§3, §5.4). A person renews
/// a certification at most once per quarter, so a chain moves to a later quarter each time.
#[allow(clippy::too_many_arguments)]
fn renewals(
    ctx: &Context,
    valid_months: u32,
    expires: crate::model::Date,
    from_q: usize,
    can_act: &dyn Fn(usize) -> bool,
    way: Way,
    renew_cost: f64,
    renew_hours: f64,
    out: &mut Vec<Way>,
) {
    if valid_months == 0 {
        return;
    }
    let window_start = expires.add_months(-6);
    for q in from_q..ctx.quarters.len() {
        let quarter = ctx.quarters[q];
        if !quarter.overlaps(window_start, expires) || !can_act(q) {
            continue;
        }
        let mut next = way.clone();
        next.cost += renew_cost;
        next.hours += renew_hours;
        next.moves.push((q, ActionKind::Renew, renew_hours));
        let extended = expires.add_months(valid_months as i32);
        if extended >= ctx.day {
            out.push(next);
        } else {
            renewals(ctx, valid_months, extended, q + 1, can_act, next, renew_cost, renew_hours, out);
        }
    }
}

/// A person's per-quarter study hours and exam slots.
#[derive(Clone, Copy)]
struct Capacity {
    hours: f64,
    exams: u32,
    quarters: usize,
}

impl Capacity {
    /// Whether one way fits in an otherwise empty schedule.
    fn fits_alone(&self, way: &Way) -> bool {
        let mut hours = vec![0.0; self.quarters];
        let mut exams = vec![0u32; self.quarters];
        for &(q, kind, h) in &way.moves {
            hours[q] += h;
            exams[q] += u32::from(kind == ActionKind::Exam);
        }
        hours.iter().all(|&h| h <= self.hours + 1e-9) && exams.iter().all(|&x| x <= self.exams)
    }

    fn of(ctx: &Context, e: EmpIdx) -> Capacity {
        let emp = &ctx.org.employees[e];
        Capacity {
            hours: emp.hours_per_quarter.unwrap_or(ctx.scenario.hours_per_quarter),
            exams: ctx.scenario.max_exams_per_quarter,
            quarters: ctx.quarters.len(),
        }
    }
}

/// A feasible acquisition found by the search.
#[derive(Clone, Debug)]
struct Found {
    mask: Mask,
    cost: f64,
    hours: f64,
    /// (quarter index, kind, certification)
    moves: Vec<(usize, ActionKind, CertIdx)>,
    /// What the moves take per quarter (to extend the schedule with more certifications).
    load: Load,
}

/// Study hours and exams per planning quarter.
#[derive(Clone, Debug)]
struct Load {
    hours: Vec<f64>,
    exams: Vec<u32>,
}

impl Load {
    fn empty(quarters: usize) -> Load {
        Load { hours: vec![0.0; quarters], exams: vec![0; quarters] }
    }

    fn fits(&self, way: &Way, cap: Capacity) -> bool {
        way.moves.iter().all(|&(q, kind, h)| {
            self.hours[q] + h <= cap.hours + 1e-9 && (kind != ActionKind::Exam || self.exams[q] < cap.exams)
        })
    }

    fn add(&mut self, way: &Way) {
        for &(q, kind, h) in &way.moves {
            self.hours[q] += h;
            self.exams[q] += u32::from(kind == ActionKind::Exam);
        }
    }
}

struct Search<'a> {
    cover: &'a Cover,
    /// Certifications active without a plan, as bits of `cover`.
    active: u128,
    ways: &'a HashMap<CertIdx, Vec<Way>>,
    /// The units as bits of `cover`.
    units: Vec<u128>,
    /// Units (single certifications) only ever taken alone.
    solo: u128,
    /// Schedules minimise hours first (objective `hours`).
    hours_first: bool,
    /// Per certification: an id shared exactly by certifications with the same ways.
    signature: HashMap<CertIdx, u32>,
    capacity: Capacity,
    found: Vec<Found>,
    /// Per coverage: the options of `found` with it that no other option found beats.
    front: HashMap<Mask, Vec<usize>>,
    /// Sets already tried (several unit orders reach the same set).
    tried: HashSet<u128, BuildHasherDefault<FastHasher>>,
    /// Best ways by position, per list of way signatures (see [`Search::schedule`]).
    schedules: RefCell<HashMap<Vec<u32>, Option<Vec<usize>>>>,
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
    /// Per certification: the least weight of its ways (for the bounds).
    least: HashMap<CertIdx, f64>,
}

impl<'a> Search<'a> {
    fn new(
        ctx: &'a Context,
        prepared: &'a Prepared,
        solo: u128,
        deadline: Option<Instant>,
        priced: Option<Priced<'a>>,
    ) -> Search<'a> {
        let active = ctx.cover.active(&prepared.active);
        let units: Vec<u128> = drop_dominated_units(ctx, &prepared.active, &prepared.ways, prepared.units.clone())
            .iter()
            .map(|u| ctx.cover.bits(u))
            .collect();
        let mut suffix = vec![0; units.len() + 1];
        for u in (0..units.len()).rev() {
            suffix[u] = suffix[u + 1] | ctx.cover.reach(units[u]);
        }
        let least = match &priced {
            None => HashMap::new(),
            Some(p) => prepared
                .ways
                .iter()
                .map(|(&c, w)| (c, w.iter().map(|x| p.weight(x.cost, x.hours)).fold(f64::INFINITY, f64::min)))
                .collect(),
        };
        let linked = ctx.org.employees[prepared.employee].linked;
        Search {
            cover: &ctx.cover,
            active,
            ways: &prepared.ways,
            units,
            solo,
            hours_first: ctx.scenario.objective == crate::model::Objective::Hours,
            signature: signatures(&prepared.ways),
            capacity: prepared.capacity,
            found: Vec::new(),
            front: HashMap::new(),
            tried: HashSet::default(),
            schedules: RefCell::default(),
            deadline,
            stopped: false,
            priced,
            base: if linked { ctx.cover.coverage(active) } else { 0 },
            suffix,
            least,
        }
    }

    /// Whether a branch whose options cover at most `reach` and weigh at least `weight` can
    /// still reach the priced enumeration's threshold (always, unpriced).
    fn promising(&self, reach: Mask, weight: f64) -> bool {
        self.priced.as_ref().is_none_or(|p| p.worth(reach & !self.base) - weight >= p.threshold())
    }

    /// Notes an option's surplus in a search for the largest; whether a priced enumeration
    /// keeps it (always, unpriced).
    fn note(&mut self, mask: Mask, cost: f64, hours: f64) -> bool {
        let base = self.base;
        let Some(p) = self.priced.as_mut() else { return true };
        let surplus = p.worth(mask & !base) - p.weight(cost, hours);
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
    /// (They are found again by [`Search::extend`]; [`non_dominated`] drops the copies.)
    fn alone(&mut self, base: Mask) {
        for u in 0..self.units.len() {
            let mask = self.cover.coverage(self.active | self.units[u]);
            if mask & !base == 0 {
                continue;
            }
            let certs: Vec<CertIdx> = self.cover.certs_of(self.units[u]).collect();
            if let Some(found) = self.schedule(&certs) {
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
    fn extend(&mut self, from: usize, set: u128, mask: Mask, parent: Option<&Found>) {
        if set & self.solo != 0 || self.stopped {
            return;
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            self.stopped = true;
            return;
        }
        for u in from..self.units.len() {
            let next = set | self.units[u];
            if next == set || (set != 0 && self.units[u] & self.solo != 0) {
                continue;
            }
            let next_mask = self.cover.coverage(self.active | next);
            if next_mask & !mask == 0 {
                continue;
            }
            let added: Vec<CertIdx> = self.cover.certs_of(next & !set).collect();
            // Priced: no set of this branch weighs less than the parent plus the least of
            // each added certification's ways, nor covers more than it and what follows.
            if self.priced.is_some() {
                let parent_weight = parent.map_or(0.0, |f| self.weight_of(f));
                let least: f64 = added.iter().map(|c| self.least[c]).sum();
                if !self.promising(next_mask | self.suffix[u + 1], parent_weight + least) {
                    continue;
                }
            }
            if !self.tried.insert(next) {
                continue;
            }
            let found = match self.extend_schedule(parent, &added) {
                Some(found) => Some(found),
                None => self.schedule(&self.cover.certs_of(next).collect::<Vec<_>>()),
            };
            let Some(found) = found else { continue };
            let found = Found { mask: next_mask, ..found };
            if self.note(next_mask, found.cost, found.hours) {
                self.record(&found);
            }
            if self.promising(next_mask | self.suffix[u + 1], self.weight_of(&found)) {
                self.extend(u + 1, next, next_mask, Some(&found));
            }
        }
    }

    /// An option's weight in the priced enumeration (0 unpriced).
    fn weight_of(&self, found: &Found) -> f64 {
        self.priced.as_ref().map_or(0.0, |p| p.weight(found.cost, found.hours))
    }

    /// Keeps an option found, unless one already kept with the same coverage beats it and
    /// comes first in [`non_dominated`]'s order: that filter would drop it anyway, and a
    /// person can have hundreds of thousands of such sets, almost all beaten this way.
    fn record(&mut self, found: &Found) {
        let Search { found: kept, front, .. } = self;
        let list = front.entry(found.mask).or_default();
        let first = |a: &Found, b: &Found| beats(a, b) && option_order(a, b) == std::cmp::Ordering::Less;
        if list.iter().any(|&i| first(&kept[i], found)) {
            return;
        }
        list.retain(|&i| !first(found, &kept[i]));
        list.push(kept.len());
        kept.push(found.clone());
    }

    /// The best schedule of the set grown from `parent`'s (`None`: the empty set) by
    /// `added`, when the parent's schedule leaves room for each added certification's best
    /// way: no schedule of the union does better, as its part on the parent's certifications
    /// is no better than the parent's best and its part on each added one no better than that
    /// one's best way. `None` when some best way does not fit (the full search decides).
    fn extend_schedule(&self, parent: Option<&Found>, added: &[CertIdx]) -> Option<Found> {
        let order = Order { hours_first: self.hours_first };
        let lexical = |a: &(f64, f64), b: &(f64, f64)| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1));
        let (mut cost, mut hours, mut moves, mut load) = match parent {
            Some(p) => (p.cost, p.hours, p.moves.clone(), p.load.clone()),
            None => (0.0, 0.0, Vec::new(), Load::empty(self.capacity.quarters)),
        };
        for &c in added {
            let ways = &self.ways[&c];
            let best = ways.iter().map(|w| order.of(w.cost, w.hours)).min_by(lexical)?;
            let way = ways.iter().find(|w| {
                let (first, second) = order.of(w.cost, w.hours);
                first <= best.0 + 1e-9 && second <= best.1 + 1e-9 && load.fits(w, self.capacity)
            })?;
            load.add(way);
            cost += way.cost;
            hours += way.hours;
            moves.extend(way.moves.iter().map(|&(q, kind, _)| (q, kind, c)));
        }
        moves.sort_unstable();
        Some(Found { mask: 0, cost, hours, moves, load })
    }

    /// The cheapest (then fewest hours) schedule of `set` within the person's capacity; the
    /// shortest (then cheapest) when the objective is hours, so that each set's schedule is
    /// the one the objective and its tie-break prefer.
    ///
    /// Certifications with the same ways are interchangeable here, so the search's answer
    /// (which way each takes, by position) is kept per list of way signatures and reused for
    /// every set with the same list: a long horizon has hundreds of thousands of sets but
    /// only thousands of such lists.
    fn schedule(&self, set: &[CertIdx]) -> Option<Found> {
        let cap = self.capacity;
        // Certifications with the same ways (same quarters, hours and costs: common, as
        // many exams share a price and a course length) are placed next to each other, so
        // that the search can skip their mirror-image assignments.
        let ways: Vec<Placing> = {
            let mut v: Vec<_> = set.iter().map(|&c| (c, &self.ways[&c], self.signature[&c])).collect();
            v.sort_by_key(|&(c, w, id)| (w.len(), id, c));
            v
        };
        let key: Vec<u32> = ways.iter().map(|&(_, _, id)| id).collect();
        let known = self.schedules.borrow().get(&key).cloned().or_else(|| self.without_room(&key));
        let picks = match known {
            Some(picks) => picks?,
            None => {
                let picks = self.search_schedule(&ways);
                self.schedules.borrow_mut().insert(key, picks.clone());
                picks?
            }
        };
        let (mut cost, mut hours, mut moves) = (0.0, 0.0, Vec::new());
        let mut load = Load::empty(cap.quarters);
        for (&(c, w, _), &i) in ways.iter().zip(&picks) {
            cost += w[i].cost;
            hours += w[i].hours;
            moves.extend(w[i].moves.iter().map(|&(q, kind, _)| (q, kind, c)));
            load.add(&w[i]);
        }
        moves.sort_unstable();
        Some(Found { mask: 0, cost, hours, moves, load })
    }

    /// `Some(None)` when leaving out one certification already gave a set that cannot be
    /// scheduled: then neither can this one (a schedule of it, cut down, would schedule that
    /// set). Proving a set unschedulable is the schedule search's dearest case, and the
    /// enumeration reaches the supersets of such a set by many paths.
    fn without_room(&self, key: &[u32]) -> Option<Option<Vec<usize>>> {
        let schedules = self.schedules.borrow();
        let mut smaller = Vec::with_capacity(key.len());
        let unschedulable = (0..key.len()).filter(|&i| i == 0 || key[i] != key[i - 1]).any(|i| {
            smaller.clear();
            smaller.extend(key[..i].iter().chain(&key[i + 1..]));
            matches!(schedules.get(&smaller), Some(None))
        });
        unschedulable.then_some(None)
    }

    /// Branch and bound for the best way of each certification (in `ways`' order); `None`
    /// when they cannot all be scheduled.
    fn search_schedule(&self, ways: &[Placing]) -> Option<Vec<usize>> {
        let cap = self.capacity;
        // Quick necessary check: total hours and exam slots.
        let min_hours: f64 = ways.iter().map(|(_, w, _)| w.iter().map(|x| x.hours).fold(f64::INFINITY, f64::min)).sum();
        if min_hours > cap.hours * cap.quarters as f64 + 1e-9 {
            return None;
        }
        let order = Order { hours_first: self.hours_first };
        let mut best: Option<(f64, f64, Vec<usize>)> = None;
        let mut load_h = vec![0.0; cap.quarters];
        let mut load_x = vec![0u32; cap.quarters];
        // Lower bounds on the cost, hours and exams still to come from certification i on.
        let min_rest: Vec<Rest> = {
            let mut acc = vec![Rest::default(); ways.len() + 1];
            for i in (0..ways.len()).rev() {
                let w = ways[i].1;
                let exams = |x: &Way| x.moves.iter().filter(|m| m.1 == ActionKind::Exam).count() as u32;
                let (cost_tier, hours_tier) = (Tier::of(w, |x| x.cost), Tier::of(w, |x| x.hours));
                let last = i + 1 == ways.len();
                acc[i] = Rest {
                    cost: acc[i + 1].cost + w.iter().map(|x| x.cost).fold(f64::INFINITY, f64::min),
                    hours: acc[i + 1].hours + w.iter().map(|x| x.hours).fold(f64::INFINITY, f64::min),
                    exams: acc[i + 1].exams + w.iter().map(exams).min().unwrap_or(0),
                    fit: fit_sums(&ways[i..]),
                    cost_tier: if last { cost_tier } else { cost_tier.with(acc[i + 1].cost_tier) },
                    hours_tier: if last { hours_tier } else { hours_tier.with(acc[i + 1].hours_tier) },
                };
            }
            acc
        };
        let mut pick = Vec::with_capacity(ways.len());
        place(ways, 0, 0.0, 0.0, &mut load_h, &mut load_x, cap, &min_rest, order, &mut pick, &mut best);
        best.map(|(_, _, picks)| picks)
    }
}

/// A total order on way lists.
fn way_order(a: &[Way], b: &[Way]) -> std::cmp::Ordering {
    let key = |w: &Way| {
        (w.cost.to_bits(), w.hours.to_bits(), w.moves.iter().map(|m| (m.0, m.1, m.2.to_bits())).collect::<Vec<_>>())
    };
    a.iter().map(key).cmp(b.iter().map(key))
}

/// Numbers the certifications so that two get the same id exactly when they can be
/// scheduled in the same ways (compared once per person, not at every schedule).
fn signatures(ways: &HashMap<CertIdx, Vec<Way>>) -> HashMap<CertIdx, u32> {
    let mut certs: Vec<(&CertIdx, &Vec<Way>)> = ways.iter().collect();
    certs.sort_by(|(a, wa), (b, wb)| way_order(wa, wb).then(a.cmp(b)));
    let mut out = HashMap::new();
    let mut id = 0;
    for (i, &(c, w)) in certs.iter().enumerate() {
        if i > 0 && way_order(certs[i - 1].1, w) != std::cmp::Ordering::Equal {
            id += 1;
        }
        out.insert(*c, id);
    }
    out
}

/// A certification to place: its ways and its [`signatures`] id.
type Placing<'w> = (CertIdx, &'w Vec<Way>, u32);

/// A multiply-rotate hash for the set of tried certification sets: its keys are single
/// words, for which the standard library's DoS-resistant hasher costs more than the
/// lookups it guards.
#[derive(Default)]
struct FastHasher(u64);

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.mix(u64::from(b));
        }
    }

    fn write_u128(&mut self, word: u128) {
        self.mix(word as u64);
        self.mix((word >> 64) as u64);
    }
}

/// Which of cost and hours a schedule minimises first.
#[derive(Clone, Copy)]
struct Order {
    hours_first: bool,
}

impl Order {
    /// `(cost, hours)` as `(first, second)`.
    fn of(self, cost: f64, hours: f64) -> (f64, f64) {
        if self.hours_first {
            (hours, cost)
        } else {
            (cost, hours)
        }
    }

    /// `(first, second)` back to `(cost, hours)` (the swap is its own inverse).
    fn back(self, first: f64, second: f64) -> (f64, f64) {
        self.of(first, second)
    }
}

/// Lower bounds on what the certifications still to place need.
#[derive(Clone, Default)]
struct Rest {
    cost: f64,
    hours: f64,
    exams: u32,
    /// Each needs some quarter in which it puts at least its *size* (the least, over its
    /// ways, of the hours of the way's largest move); `fit[m]` is the sum of the `m`
    /// smallest sizes, so a quarter with `f` free hours holds at most the largest `m` with
    /// `fit[m] ≤ f` of them.
    fit: Vec<f64>,
    /// Where they can be at their least cost, and what they pay beyond it elsewhere.
    cost_tier: Tier,
    /// The same for hours.
    hours_tier: Tier,
}

/// Where certifications can reach one of their lower bounds (least cost or least hours) and
/// what any of them adds to it anywhere else: a capacity-aware sharpening of [`Rest`]'s sums.
#[derive(Clone, Copy, Default)]
struct Tier {
    /// Quarters (bits) holding the largest move of some way at the least value.
    quarters: u128,
    /// The least, over the certifications, of how much more their other ways take.
    extra: f64,
}

impl Tier {
    /// The tier of one certification's ways, valued by `value`.
    fn of(ways: &[Way], value: impl Fn(&Way) -> f64) -> Tier {
        let least = ways.iter().map(&value).fold(f64::INFINITY, f64::min);
        let largest_move =
            |w: &Way| w.moves.iter().fold((0.0, 0), |(h, q), m| if m.2 > h { (m.2, m.0) } else { (h, q) });
        let at_least = |w: &&Way| value(w) <= least + 1e-9;
        Tier {
            quarters: ways.iter().filter(at_least).fold(0, |m, w| m | 1 << largest_move(w).1),
            extra: ways.iter().filter(|w| !at_least(w)).map(|w| value(w) - least).fold(f64::INFINITY, f64::min),
        }
    }

    fn with(self, other: Tier) -> Tier {
        Tier { quarters: self.quarters | other.quarters, extra: self.extra.min(other.extra) }
    }

    /// What the certifications left beyond the `room` of its quarters add at least.
    fn forced(self, left: f64, room: f64) -> f64 {
        let outside = left - room;
        if outside > 0.0 && self.extra.is_finite() {
            outside * self.extra
        } else {
            0.0
        }
    }
}

/// [`Rest::fit`] of the certifications of `ways`: 0, then the sums of their sizes, smallest
/// first.
fn fit_sums(ways: &[Placing]) -> Vec<f64> {
    let largest_move = |w: &Way| w.moves.iter().map(|m| m.2).fold(0.0, f64::max);
    let mut sizes: Vec<f64> =
        ways.iter().map(|(_, w, _)| w.iter().map(largest_move).fold(f64::INFINITY, f64::min)).collect();
    sizes.sort_by(f64::total_cmp);
    std::iter::once(0.0)
        .chain(sizes.iter().scan(0.0, |sum, s| {
            *sum += s;
            Some(*sum)
        }))
        .collect()
}

/// Branch and bound over one way per certification.
#[allow(clippy::too_many_arguments)]
fn place(
    ways: &[Placing],
    i: usize,
    cost: f64,
    hours: f64,
    load_h: &mut [f64],
    load_x: &mut [u32],
    cap: Capacity,
    min_rest: &[Rest],
    order: Order,
    pick: &mut Vec<usize>,
    best: &mut Option<(f64, f64, Vec<usize>)>,
) {
    let rest = &min_rest[i];
    // Prune when what is left cannot fit in the hours and exam slots still free at all.
    let free_hours: f64 = load_h.iter().map(|h| (cap.hours - h).max(0.0)).sum();
    let free_exams: u64 = load_x.iter().map(|&x| u64::from(cap.exams.saturating_sub(x))).sum();
    if rest.hours > free_hours + 1e-9 || u64::from(rest.exams) > free_exams {
        return;
    }
    // Hours do not pool across quarters: each certification still to place needs a quarter
    // with room for its largest move, and a quarter holds only so many of those (proving a
    // set unschedulable is what the search spends most of its time on). Likewise only so
    // many fit in the quarters where they are cheapest (or shortest); each of the others
    // adds at least its tier's `extra`.
    let (mut more_cost, mut more_hours) = (0.0, 0.0);
    if i < ways.len() {
        let (mut room, mut cost_room, mut hours_room) = (0.0, 0.0, 0.0);
        for (q, h) in load_h.iter().enumerate() {
            let fits = (rest.fit.partition_point(|&f| f <= cap.hours - h + 1e-9) - 1) as f64;
            room += fits;
            cost_room += if rest.cost_tier.quarters >> q & 1 == 1 { fits } else { 0.0 };
            hours_room += if rest.hours_tier.quarters >> q & 1 == 1 { fits } else { 0.0 };
        }
        let left = (ways.len() - i) as f64;
        if left > room {
            return;
        }
        more_cost = rest.cost_tier.forced(left, cost_room);
        more_hours = rest.hours_tier.forced(left, hours_room);
    }
    // Prune unless the rest could still be strictly better: cheaper, or as cheap and shorter
    // (in the objective's order). Exam quarters mostly tie on both, so without the second
    // bound every tie is explored.
    if let Some((b1, b2, _)) = best {
        let (first, second) = order.of(cost + rest.cost + more_cost, hours + rest.hours + more_hours);
        if first > *b1 + 1e-9 || (first >= *b1 - 1e-9 && second >= *b2 - 1e-9) {
            return;
        }
    }
    if i == ways.len() {
        let (first, second) = order.of(cost, hours);
        *best = Some((first, second, pick.clone()));
        return;
    }
    // Among certifications with identical ways, only non-decreasing picks are tried: any
    // other assignment is the same schedule with the certifications swapped.
    let first = if i > 0 && ways[i - 1].2 == ways[i].2 { pick[i - 1] } else { 0 };
    for (wi, way) in ways[i].1.iter().enumerate().skip(first) {
        let fits = way.moves.iter().all(|&(q, kind, h)| {
            load_h[q] + h <= cap.hours + 1e-9 && (kind != ActionKind::Exam || load_x[q] < cap.exams)
        });
        if !fits {
            continue;
        }
        for &(q, kind, h) in &way.moves {
            load_h[q] += h;
            load_x[q] += u32::from(kind == ActionKind::Exam);
        }
        pick.push(wi);
        place(ways, i + 1, cost + way.cost, hours + way.hours, load_h, load_x, cap, min_rest, order, pick, best);
        pick.pop();
        for &(q, kind, h) in &way.moves {
            load_h[q] -= h;
            load_x[q] -= u32::from(kind == ActionKind::Exam);
        }
    }
}

/// The order in which [`non_dominated`] keeps options: cheapest, then shortest, then the
/// widest coverage, then the first moves (so ties are settled the same way every run).
fn option_order(a: &Found, b: &Found) -> std::cmp::Ordering {
    a.cost
        .total_cmp(&b.cost)
        .then(a.hours.total_cmp(&b.hours))
        .then(b.mask.count_ones().cmp(&a.mask.count_ones()))
        .then(a.moves.cmp(&b.moves))
}

/// Whether `a` covers at least what `b` covers at no more cost and hours.
fn beats(a: &Found, b: &Found) -> bool {
    const EPS: f64 = super::params::OPTION_EQUALITY;
    a.mask & b.mask == b.mask && a.cost <= b.cost + EPS && a.hours <= b.hours + EPS
}

/// Drops every option beaten by another (wider or equal coverage, no dearer, no longer)
/// and every option no better than doing nothing. Ties keep the first in a canonical order.
fn non_dominated(mut found: Vec<Found>, base: Mask) -> Vec<Found> {
    const EPS: f64 = super::params::OPTION_EQUALITY;
    found.retain(|f| f.mask & !base != 0);
    found.sort_by(option_order);
    // Options come in cost order, so an earlier one beats a later one when it covers at
    // least as much in no more hours. Most options are beaten by an earlier one with the
    // same coverage: that is answered from a table of the fewest hours kept per coverage,
    // and only the rest are compared with every option kept.
    let mut kept: Vec<Found> = Vec::new();
    let mut fewest_hours: HashMap<Mask, f64> = HashMap::new();
    for f in found {
        if fewest_hours.get(&f.mask).is_some_and(|&h| h <= f.hours + EPS) {
            continue;
        }
        if !kept.iter().any(|k| beats(k, &f)) {
            let least = fewest_hours.entry(f.mask).or_insert(f.hours);
            *least = least.min(f.hours);
            kept.push(f);
        }
    }
    kept
}
