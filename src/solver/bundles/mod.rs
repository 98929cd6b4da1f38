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

//!
//! Rooms: `cover` numbers the certifications that matter as bits; `ways` lists how one
//! person can make one certification active (exam, renewals) and what they have room for;
//! `person` works out their *units* (a counting certification with a way of meeting its
//! prerequisites); `options` enumerates unions of units, each scheduled by `schedule`,
//! keeping what `dominance` does not rule out. This module groups people into situations
//! (people with identical options) and hands every kept person their options.

mod cover;
mod dominance;
mod hashing;
mod options;
mod person;
mod schedule;
mod ways;

pub use cover::{CertSet, Cover, Mask};

use crate::model::{Action, CertIdx, EmpIdx};
use crate::solver::context::Context;
use dominance::solo_units;
use options::{most_surplus, options, Aim, Priced, Worked};
use person::{Person, Prepared};
use rayon::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

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

impl Pricing {
    /// `π` summed over the groups of `mask`.
    pub fn worth(&self, mask: Mask) -> f64 {
        mask.iter().map(|g| self.prices[g]).sum()
    }

    /// An option's weight: its hours or its cost, as the objective counts.
    pub fn weight(&self, cost: f64, hours: f64) -> f64 {
        if self.hours {
            hours
        } else {
            cost
        }
    }
}

/// Per group: how many of `people` count there with no action.
pub fn base_counts(people: &[PersonChoices], groups: usize) -> Vec<u32> {
    (0..groups).map(|g| people.iter().filter(|p| p.base.has(g)).count() as u32).collect()
}

/// What prices are worth over everyone: `Σ_p μ_p`, each person's largest surplus (see
/// [`Situations::people`]), and the options that have it.
pub struct Surplus {
    /// `Σ_p μ_p`.
    pub total: f64,
    /// Per kept situation (in [`Situations::firsts`]' order): each of its people's best option.
    pub best: Vec<Best>,
    /// Whether every `μ_p` was worked out before the deadline (only then is `total` exact,
    /// and a bound from it valid).
    pub complete: bool,
}

/// A person's best option at some prices, for everyone in the same situation.
#[derive(Clone, Copy, Debug)]
pub struct Best {
    /// `μ_p`: the option's surplus (0 for doing nothing).
    pub surplus: f64,
    /// The groups the option adds.
    pub adds: Mask,
}

/// What a priced enumeration keeps (see [`Situations::people`]): options of the people whose
/// reduced cost at `pricing`'s prices is at most `slack + Σ_p μ_p`.
#[derive(Clone, Copy)]
pub struct Cut<'p> {
    /// The prices.
    pub pricing: &'p Pricing,
    /// What they are worth over everyone ([`Situations::surplus`] at these prices).
    pub surplus: &'p Surplus,
    /// `v − min_r Σ_g π_g·(r_g − base_g)` for the largest plan value `v` of interest.
    pub slack: f64,
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
    solo: Vec<CertSet>,
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
        // Counting stops at `max_used` dominators: the situation is then left out whatever
        // the rest. (Every pair is asked for otherwise: on every core.)
        let keep: Vec<usize> = (0..situations.len())
            .into_par_iter()
            .map(|s| {
                let mut dominators = 0;
                for (t, crowd) in members.iter().enumerate() {
                    if dominators >= max_used {
                        break;
                    }
                    if above(t, s) {
                        dominators += crowd.len();
                    }
                }
                members[s].len().min(max_used.saturating_sub(dominators))
            })
            .collect();
        let kept: Vec<usize> = (0..situations.len()).filter(|&s| keep[s] > 0).collect();
        // Situations are independent: work them out on every core.
        let prepared: Vec<Option<Prepared>> = kept.par_iter().map(|&s| Prepared::of(ctx, members[s][0])).collect();
        let copies: Vec<usize> = kept.iter().map(|&s| keep[s]).collect();
        let solo = solo_units(ctx, &prepared, &copies, max_used);
        Situations { ctx, members, keep, kept, prepared, copies, solo }
    }

    /// Per kept situation: its first person (the one its options are worked out for) and
    /// how many of its people are kept.
    pub fn firsts(&self) -> impl Iterator<Item = (EmpIdx, usize)> + '_ {
        self.kept.iter().zip(&self.copies).map(|(&s, &copies)| (self.members[s][0], copies))
    }

    /// Everyone's best option at `pricing`'s prices, and `Σ_p μ_p`. `known` may give, per
    /// kept situation (in [`Situations::firsts`]' order), the surplus and added groups of an
    /// option known to exist: the search then only looks for better ones, which prunes far
    /// more of it.
    pub fn surplus(&self, pricing: &Pricing, deadline: Option<Instant>, known: Option<&[(f64, Mask)]>) -> Surplus {
        let found: Vec<Option<(f64, Mask)>> = self
            .prepared
            .par_iter()
            .zip(&self.solo)
            .enumerate()
            .map(|(i, (p, &solo))| {
                let nothing = (0.0, Mask::EMPTY);
                let seed = known.map_or(nothing, |k| if k[i].0 > 0.0 { k[i] } else { nothing });
                p.as_ref().map_or(Some(nothing), |p| most_surplus(self.ctx, p, solo, deadline, pricing, seed))
            })
            .collect();
        let complete = found.iter().all(Option::is_some);
        let best: Vec<Best> = found
            .into_iter()
            .map(|f| {
                let (surplus, adds) = f.unwrap_or((0.0, Mask::EMPTY));
                Best { surplus, adds }
            })
            .collect();
        let total = best.iter().zip(&self.copies).map(|(b, &n)| b.surplus * n as f64).sum();
        Surplus { total, best, complete }
    }

    /// Everyone's choices, each person's enumeration stopped at `deadline`. With a `cut`,
    /// only options that a plan as good as a known one can use are kept.
    ///
    /// For prices `π ≥ 0`, a person's *surplus* of an option is `π·(groups it adds) −
    /// weight` and `μ_p` is the person's largest surplus (0 for doing nothing). Every plan
    /// meeting a requirement `r` weighs at least `L_r = Σ_g π_g·(r_g − base_g) − Σ_p μ_p`
    /// plus, over the options it uses, `μ_p − surplus`: the Lagrangian bound with its
    /// reduced costs. So a plan of any requirement that weighs no more than a known plan's
    /// `v` uses only options with `μ_p − surplus ≤ v − min_r L_r`, the cut's `slack + Σ_p
    /// μ_p`; each person's enumeration then prunes every branch whose surplus, however it
    /// grows, stays below `μ_p` minus that allowance. With good prices this leaves a few
    /// options per person where the full enumeration has hundreds of thousands.
    pub fn people(&self, deadline: Option<Instant>, cut: Option<Cut>) -> People {
        let ctx = self.ctx;
        let Situations { members, keep, kept, prepared, solo, .. } = self;
        let floors: Vec<Option<f64>> = match cut {
            None => vec![None; prepared.len()],
            Some(cut) => {
                let allowance = cut.slack + cut.surplus.total;
                cut.surplus.best.iter().map(|b| Some(b.surplus - allowance)).collect()
            }
        };
        let prices = cut.map(|c| c.pricing);
        let worked: Vec<Option<Worked>> = prepared
            .par_iter()
            .zip(solo)
            .zip(&floors)
            .map(|((p, &solo), floor)| {
                let priced = floor.zip(prices).map(|(f, pricing)| Priced::new(pricing, Aim::Floor(f)));
                p.as_ref().map(|p| options(ctx, p, solo, deadline, priced))
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
        // The scalar tests first: among distinct people most pairs fail one of them, and a
        // large organisation asks for every pair.
        rate(self) <= rate(other)
            && hours(self) >= hours(other)
            && (self.linked || !other.linked)
            && self.present_quarters >= other.present_quarters
            && self.active.iter().zip(&other.active).all(|(&mine, &theirs)| mine || !theirs)
            && other.expired.iter().all(|x| self.expired.contains(x) || self.is_active(ctx, x.0))
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
/// can reach at once. Used to drop requirements no plan can meet before anyone's options
/// are worked out, and to explain infeasibility. People are independent: every core works.
pub fn reach(ctx: &Context) -> Vec<u32> {
    let groups = ctx.groups.len();
    let masks: Vec<Mask> = (0..ctx.org.employees.len())
        .into_par_iter()
        .filter_map(|e| {
            let mut person = Person::new(ctx, e)?;
            let mut all: Vec<CertIdx> = person.units().concat();
            all.sort_unstable();
            all.dedup();
            Some(ctx.cover.coverage(ctx.cover.active(&person.active) | ctx.cover.bits(&all)))
        })
        .collect();
    (0..groups).map(|g| masks.iter().filter(|m| m.has(g)).count() as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Employee, Inputs};
    use crate::solver::testkit::*;

    /// A counts in group 0 and B in group 1; p0 and p1 are alike, p2 holds A, p3 is paid more
    /// (time costed), p4 has left.
    fn instance() -> (Inputs, crate::model::Scenario) {
        let employees = vec![
            person("p0"),
            person("p1"),
            person("p2"),
            Employee { hourly_cost: 50.0, ..person("p3") },
            Employee { leaves_on: Some(d("2027-01-15")), ..person("p4") },
        ];
        two_steps(employees, vec![holding(2, 0, "2026-05-01", None)])
    }

    #[test]
    fn people_in_one_situation_share_their_options() {
        let (inputs, sc) = instance();
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let people = all_people(&ctx, usize::MAX);
        assert_eq!(people.iter().map(|p| p.employee).collect::<Vec<_>>(), vec![0, 1, 2, 3], "p4 has left");
        assert!(Rc::ptr_eq(&people[0].choices, &people[1].choices));
        assert_eq!(people.iter().map(|p| p.situation).collect::<Vec<_>>(), vec![0, 0, 2, 3]);
        assert_eq!(people[2].base, Mask(0b01), "p2 counts in A's group already");
        let p1: Vec<_> = people[1].actions(0).collect();
        assert!(p1.iter().all(|a| a.employee == 1), "shared options are read for each person");
        let dearer: Vec<f64> = people[3].choices.iter().map(|c| c.cost).collect();
        assert_eq!(dearer, vec![600.0, 700.0, 1300.0], "p3 pays 50 an hour for 10 study hours");
    }

    #[test]
    fn people_that_enough_colleagues_dominate_are_left_out() {
        let (inputs, sc) = instance();
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        // A plan of at most one person: p2 (holds A) dominates p0, p1 and p3 — every
        // cheaper-or-equal colleague who can do what they can — so only p2 is needed.
        let one = all_people(&ctx, 1);
        assert_eq!(one.iter().map(|p| p.employee).collect::<Vec<_>>(), vec![2]);
        // Two: p2, then the first of p0 and p1 (p0 is dominated by p2 only, p1 by p2 and p0).
        let two = all_people(&ctx, 2);
        assert_eq!(two.iter().map(|p| p.employee).collect::<Vec<_>>(), vec![0, 2]);
    }

    #[test]
    fn reach_counts_everyone_who_could_count_with_unlimited_time() {
        let (mut inputs, sc) = instance();
        inputs.org.employees[1].exclude = vec![1];
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        assert_eq!(reach(&ctx), vec![4, 3], "p4 has left; p1 cannot take B");
    }
}
