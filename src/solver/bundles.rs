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
use crate::model::{Action, ActionKind, CertIdx, EmpIdx};
use std::collections::{BTreeSet, HashMap};

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
    /// Non-dominated choices, each strictly better in coverage than `base`.
    pub choices: Vec<Choice>,
}

/// Works out the choices of every person who can count at the evaluation moment.
///
/// People in the same situation (same certifications active and expiring, same hours,
/// hourly cost, exclusions, leaving quarter and link status) have the same choices, so
/// each situation is worked out once: most people of a large organisation share one.
pub fn all_people(ctx: &Context) -> Vec<PersonChoices> {
    let relevant = relevant_certs(ctx);
    let mut seen: HashMap<Situation, PersonChoices> = HashMap::new();
    let mut out = Vec::new();
    for e in 0..ctx.org.employees.len() {
        if !ctx.org.employees[e].present_on(ctx.day) {
            continue;
        }
        let key = situation(ctx, e, &relevant);
        let choices = match seen.get(&key) {
            Some(known) => PersonChoices {
                employee: e,
                base: known.base,
                choices: known
                    .choices
                    .iter()
                    .map(|c| Choice {
                        actions: c.actions.iter().map(|a| Action { employee: e, ..*a }).collect(),
                        ..c.clone()
                    })
                    .collect(),
            },
            None => {
                let Some(p) = person(ctx, e) else { continue };
                seen.insert(key, p.clone());
                p
            }
        };
        out.push(choices);
    }
    out
}

/// Everything about a person that their choices depend on.
#[derive(PartialEq, Eq, Hash)]
struct Situation {
    /// Relevant certifications active on the day without a plan.
    active: Vec<bool>,
    /// Expiry dates before the day of relevant grants (renewal chains start from them).
    expired: Vec<(CertIdx, crate::model::Date)>,
    hourly_cost: u64,
    hours_per_quarter: Option<u64>,
    linked: bool,
    /// Planning quarters whose first day the person is still there.
    present_quarters: usize,
    exclude: Vec<CertIdx>,
}

/// Certifications that can matter: those of the targets' steps and their prerequisites.
fn relevant_certs(ctx: &Context) -> Vec<CertIdx> {
    let mut out: Vec<CertIdx> = ctx.coverers.clone();
    for &c in &ctx.coverers {
        out.extend(ctx.catalog[c].requires_any.iter().chain(&ctx.catalog[c].requires_all));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn situation(ctx: &Context, e: EmpIdx, relevant: &[CertIdx]) -> Situation {
    let emp = &ctx.org.employees[e];
    let mut expired: Vec<(CertIdx, crate::model::Date)> = ctx
        .org
        .holdings
        .iter()
        .filter(|h| h.employee == e && relevant.binary_search(&h.cert).is_ok())
        .filter_map(|h| h.expires_on.filter(|&x| x < ctx.day).map(|x| (h.cert, x)))
        .collect();
    expired.sort_unstable();
    let mut exclude: Vec<CertIdx> = emp.exclude.iter().copied().filter(|c| relevant.binary_search(c).is_ok()).collect();
    exclude.sort_unstable();
    Situation {
        active: relevant.iter().map(|&c| ctx.active_without_plan(e, c)).collect(),
        expired,
        hourly_cost: emp.hourly_cost.to_bits(),
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
        let mask = coverage(ctx, &person.active, &all);
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

fn person(ctx: &Context, e: EmpIdx) -> Option<PersonChoices> {
    let emp = &ctx.org.employees[e];
    let mut person = Person::new(ctx, e)?;
    let units = person.units();
    let Person { active, ways, .. } = person;
    let units = drop_dominated_units(ctx, &active, &ways, units);
    let linked = emp.linked;
    let base_coverage = coverage(ctx, &active, &[]);
    let base = if linked { base_coverage } else { 0 };
    let capacity = Capacity::of(ctx, e);
    let mut search =
        Search { ctx, active: &active, ways: &ways, units: &units, capacity, found: Vec::new(), memo: HashMap::new() };
    search.extend(0, &[], base_coverage);
    let mut found = search.found;
    if !linked && base_coverage != 0 {
        found.push(Found { mask: base_coverage, cost: 0.0, hours: 0.0, moves: Vec::new() });
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
    Some(PersonChoices { employee: e, base, choices })
}

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
    let masks: Vec<Mask> = units.iter().map(|u| coverage(ctx, active, u)).collect();
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

/// Step groups the person counts in when holding `active` plus `extra`.
fn coverage(ctx: &Context, active: &[bool], extra: &[CertIdx]) -> Mask {
    let holds = |c: CertIdx| active[c] || extra.contains(&c);
    let mut mask = 0;
    for &c in &ctx.coverers {
        let cert = &ctx.catalog[c];
        if holds(c)
            && cert.requires_all.iter().all(|&r| holds(r))
            && (cert.requires_any.is_empty() || cert.requires_any.iter().any(|&r| holds(r)))
        {
            mask |= ctx.cert_groups[c];
        }
    }
    mask
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
    for h in ctx.org.holdings.iter().filter(|h| h.employee == e && h.cert == c) {
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
}

struct Search<'a> {
    ctx: &'a Context<'a>,
    active: &'a [bool],
    ways: &'a HashMap<CertIdx, Vec<Way>>,
    units: &'a [Vec<CertIdx>],
    capacity: Capacity,
    found: Vec<Found>,
    memo: HashMap<Vec<CertIdx>, bool>,
}

impl Search<'_> {
    /// Depth-first over unions of units in index order; a unit is only added when it
    /// widens the coverage (a unit that adds nothing can be left out of any plan at no
    /// loss), and a set without a feasible schedule ends its branch (supersets of an
    /// unschedulable set are unschedulable).
    fn extend(&mut self, from: usize, set: &[CertIdx], mask: Mask) {
        for u in from..self.units.len() {
            let unit = &self.units[u];
            if unit.iter().all(|c| set.contains(c)) {
                continue;
            }
            let mut next = set.to_vec();
            next.extend(unit.iter().filter(|c| !set.contains(c)));
            next.sort_unstable();
            let next_mask = coverage(self.ctx, self.active, &next);
            if next_mask & !mask == 0 {
                continue;
            }
            if self.memo.contains_key(&next) {
                continue;
            }
            let schedule = self.schedule(&next);
            self.memo.insert(next.clone(), schedule.is_some());
            let Some(found) = schedule else { continue };
            self.found.push(Found { mask: next_mask, ..found });
            self.extend(u + 1, &next, next_mask);
        }
    }

    /// The cheapest (then fewest hours) schedule of `set` within the person's capacity.
    fn schedule(&self, set: &[CertIdx]) -> Option<Found> {
        let cap = self.capacity;
        // Certifications with the same ways (same quarters, hours and costs: common, as
        // many exams share a price and a course length) are placed next to each other, so
        // that the search can skip their mirror-image assignments.
        let ways: Vec<(&CertIdx, &Vec<Way>)> = {
            let mut v: Vec<_> = set.iter().map(|c| (c, &self.ways[c])).collect();
            v.sort_by(|(a, wa), (b, wb)| wa.len().cmp(&wb.len()).then_with(|| way_order(wa, wb)).then(a.cmp(b)));
            v
        };
        // Quick necessary check: total hours and exam slots.
        let min_hours: f64 = ways.iter().map(|(_, w)| w.iter().map(|x| x.hours).fold(f64::INFINITY, f64::min)).sum();
        if min_hours > cap.hours * cap.quarters as f64 + 1e-9 {
            return None;
        }
        let mut best: Option<(f64, f64, Vec<usize>)> = None;
        let mut load_h = vec![0.0; cap.quarters];
        let mut load_x = vec![0u32; cap.quarters];
        // Lower bounds on the cost, hours and exams still to come from certification i on.
        let min_rest: Vec<Rest> = {
            let mut acc = vec![Rest::default(); ways.len() + 1];
            for i in (0..ways.len()).rev() {
                let w = ways[i].1;
                let exams = |x: &Way| x.moves.iter().filter(|m| m.1 == ActionKind::Exam).count() as u32;
                acc[i] = Rest {
                    cost: acc[i + 1].cost + w.iter().map(|x| x.cost).fold(f64::INFINITY, f64::min),
                    hours: acc[i + 1].hours + w.iter().map(|x| x.hours).fold(f64::INFINITY, f64::min),
                    exams: acc[i + 1].exams + w.iter().map(exams).min().unwrap_or(0),
                };
            }
            acc
        };
        let mut pick = Vec::with_capacity(ways.len());
        place(&ways, 0, 0.0, 0.0, &mut load_h, &mut load_x, cap, &min_rest, &mut pick, &mut best);
        let (cost, hours, picks) = best?;
        let mut moves = Vec::new();
        for ((c, w), &i) in ways.iter().zip(&picks) {
            moves.extend(w[i].moves.iter().map(|&(q, kind, _)| (q, kind, **c)));
        }
        moves.sort_unstable();
        Some(Found { mask: 0, cost, hours, moves })
    }
}

/// A total order on way lists, equal exactly when [`same_ways`] holds.
fn way_order(a: &[Way], b: &[Way]) -> std::cmp::Ordering {
    let key = |w: &Way| {
        (w.cost.to_bits(), w.hours.to_bits(), w.moves.iter().map(|m| (m.0, m.1, m.2.to_bits())).collect::<Vec<_>>())
    };
    a.iter().map(key).cmp(b.iter().map(key))
}

/// Whether two certifications can be scheduled in exactly the same ways.
fn same_ways(a: &[Way], b: &[Way]) -> bool {
    way_order(a, b) == std::cmp::Ordering::Equal
}

/// Lower bounds on what the certifications still to place need.
#[derive(Clone, Copy, Default)]
struct Rest {
    cost: f64,
    hours: f64,
    exams: u32,
}

/// Branch and bound over one way per certification.
#[allow(clippy::too_many_arguments)]
fn place(
    ways: &[(&CertIdx, &Vec<Way>)],
    i: usize,
    cost: f64,
    hours: f64,
    load_h: &mut [f64],
    load_x: &mut [u32],
    cap: Capacity,
    min_rest: &[Rest],
    pick: &mut Vec<usize>,
    best: &mut Option<(f64, f64, Vec<usize>)>,
) {
    // Prune unless the rest could still be strictly better: cheaper, or as cheap and shorter.
    // Exam quarters mostly tie on both, so without the hours bound every tie is explored.
    if let Some((bc, bh, _)) = best {
        let (bound_cost, bound_hours) = (cost + min_rest[i].cost, hours + min_rest[i].hours);
        if bound_cost > *bc + 1e-9 || (bound_cost >= *bc - 1e-9 && bound_hours >= *bh - 1e-9) {
            return;
        }
    }
    // Prune when what is left cannot fit in the hours and exam slots still free at all.
    let free_hours: f64 = load_h.iter().map(|h| (cap.hours - h).max(0.0)).sum();
    let free_exams: u64 = load_x.iter().map(|&x| u64::from(cap.exams.saturating_sub(x))).sum();
    if min_rest[i].hours > free_hours + 1e-9 || u64::from(min_rest[i].exams) > free_exams {
        return;
    }
    if i == ways.len() {
        *best = Some((cost, hours, pick.clone()));
        return;
    }
    // Among certifications with identical ways, only non-decreasing picks are tried: any
    // other assignment is the same schedule with the certifications swapped.
    let first = if i > 0 && same_ways(ways[i - 1].1, ways[i].1) { pick[i - 1] } else { 0 };
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
        place(ways, i + 1, cost + way.cost, hours + way.hours, load_h, load_x, cap, min_rest, pick, best);
        pick.pop();
        for &(q, kind, h) in &way.moves {
            load_h[q] -= h;
            load_x[q] -= u32::from(kind == ActionKind::Exam);
        }
    }
}

/// Drops every option beaten by another (wider or equal coverage, no dearer, no longer)
/// and every option no better than doing nothing. Ties keep the first in a canonical order.
fn non_dominated(mut found: Vec<Found>, base: Mask) -> Vec<Found> {
    const EPS: f64 = super::params::OPTION_EQUALITY;
    found.retain(|f| f.mask & !base != 0);
    found.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then(a.hours.total_cmp(&b.hours))
            .then(b.mask.count_ones().cmp(&a.mask.count_ones()))
            .then(a.moves.cmp(&b.moves))
    });
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        let beaten =
            kept.iter().any(|k| k.mask & f.mask == f.mask && k.cost <= f.cost + EPS && k.hours <= f.hours + EPS);
        if !beaten {
            kept.push(f);
        }
    }
    kept
}
