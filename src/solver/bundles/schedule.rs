//! The best schedule of a set of certifications for one person: one way per certification
//! (exam quarter, renewals) within the person's hours and exam slots per quarter, the
//! cheapest (then shortest) or, for the `hours` objective, the shortest (then cheapest).
//! A branch and bound whose bounds are what make long horizons tractable: proving a set
//! unschedulable is its dearest case.

use super::cover::Mask;
use super::hashing::FastMap;
use super::ways::{self, Capacity, Load, Way};
use crate::model::{ActionKind, CertIdx};
use std::collections::HashMap;
use std::sync::Mutex;

/// A feasible schedule of a set of certifications, with the groups it makes the person
/// count in once the enumeration knows them.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// The groups the person counts in with it (0 until the enumeration sets it).
    pub(crate) mask: Mask,
    pub(crate) cost: f64,
    pub(crate) hours: f64,
    /// (quarter index, kind, certification)
    pub(crate) moves: Vec<(usize, ActionKind, CertIdx)>,
    /// What the moves take per quarter (to extend the schedule with more certifications).
    pub(crate) load: Load,
}

/// What one person's schedule searches found: best ways by position, per list of way
/// signatures (see [`Scheduler::schedule`]). Kept with the person across enumerations:
/// prices change which sets are enumerated, never how a set is best scheduled.
pub(crate) struct Schedules {
    /// Per certification: an id shared exactly by certifications with the same ways.
    signature: HashMap<CertIdx, u32>,
    known: Mutex<FastMap<Vec<u32>, Option<Vec<usize>>>>,
}

impl Schedules {
    pub(crate) fn new(ways: &HashMap<CertIdx, Vec<Way>>) -> Schedules {
        Schedules { signature: signatures(ways), known: Mutex::default() }
    }

    fn get(&self, key: &[u32]) -> Option<Option<Vec<usize>>> {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }

    fn insert(&self, key: Vec<u32>, picks: Option<Vec<usize>>) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).insert(key, picks);
    }
}

/// Schedules sets of one person's certifications.
pub(crate) struct Scheduler<'a> {
    ways: &'a HashMap<CertIdx, Vec<Way>>,
    schedules: &'a Schedules,
    capacity: Capacity,
    order: Order,
}

impl<'a> Scheduler<'a> {
    pub(crate) fn new(
        ways: &'a HashMap<CertIdx, Vec<Way>>,
        schedules: &'a Schedules,
        capacity: Capacity,
        order: Order,
    ) -> Scheduler<'a> {
        Scheduler { ways, schedules, capacity, order }
    }

    /// The best schedule of the set grown from `parent`'s (`None`: the empty set) by
    /// `added`, when the parent's schedule leaves room for each added certification's best
    /// way: no schedule of the union does better, as its part on the parent's certifications
    /// is no better than the parent's best and its part on each added one no better than that
    /// one's best way. `None` when some best way does not fit (the full search decides).
    pub(crate) fn extend(&self, parent: Option<&Found>, added: impl Iterator<Item = CertIdx>) -> Option<Found> {
        let order = self.order;
        let lexical = |a: &(f64, f64), b: &(f64, f64)| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1));
        let (mut cost, mut hours, mut moves, mut load) = match parent {
            Some(p) => (p.cost, p.hours, p.moves.clone(), p.load.clone()),
            None => (0.0, 0.0, Vec::new(), Load::empty(self.capacity.quarters)),
        };
        for c in added {
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
        Some(Found { mask: Mask::EMPTY, cost, hours, moves, load })
    }

    /// The cheapest (then fewest hours) schedule of `set` within the person's capacity; the
    /// shortest (then cheapest) when the objective is hours, so that each set's schedule is
    /// the one the objective and its tie-break prefer.
    ///
    /// Certifications with the same ways are interchangeable here, so the search's answer
    /// (which way each takes, by position) is kept per list of way signatures and reused for
    /// every set with the same list: a long horizon has hundreds of thousands of sets but
    /// only thousands of such lists.
    pub(crate) fn schedule(&self, set: &[CertIdx]) -> Option<Found> {
        let cap = self.capacity;
        // Certifications with the same ways (same quarters, hours and costs: common, as
        // many exams share a price and a course length) are placed next to each other, so
        // that the search can skip their mirror-image assignments.
        let ways: Vec<Placing> = {
            let mut v: Vec<_> = set.iter().map(|&c| (c, &self.ways[&c], self.schedules.signature[&c])).collect();
            v.sort_by_key(|&(c, w, id)| (w.len(), id, c));
            v
        };
        let key: Vec<u32> = ways.iter().map(|&(_, _, id)| id).collect();
        let known = self.schedules.get(&key).or_else(|| self.without_room(&key));
        let picks = match known {
            Some(picks) => picks?,
            None => {
                let picks = self.search_schedule(&ways);
                self.schedules.insert(key, picks.clone());
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
        Some(Found { mask: Mask::EMPTY, cost, hours, moves, load })
    }

    /// `Some(None)` when leaving out one certification already gave a set that cannot be
    /// scheduled: then neither can this one (a schedule of it, cut down, would schedule that
    /// set). Proving a set unschedulable is the schedule search's dearest case, and the
    /// enumeration reaches the supersets of such a set by many paths.
    fn without_room(&self, key: &[u32]) -> Option<Option<Vec<usize>>> {
        let known = self.schedules.known.lock().unwrap_or_else(|e| e.into_inner());
        let mut smaller = Vec::with_capacity(key.len());
        let unschedulable = (0..key.len()).filter(|&i| i == 0 || key[i] != key[i - 1]).any(|i| {
            smaller.clear();
            smaller.extend(key[..i].iter().chain(&key[i + 1..]));
            matches!(known.get(&smaller), Some(None))
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
        let mut placement = Placement {
            ways,
            cap,
            rest: &min_rest,
            order: self.order,
            hours: vec![0.0; cap.quarters],
            exams: vec![0; cap.quarters],
            pick: Vec::with_capacity(ways.len()),
            best: None,
        };
        placement.place(0, 0.0, 0.0);
        placement.best.map(|best| best.picks)
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

/// Which of cost and hours a schedule minimises first.
#[derive(Clone, Copy)]
pub(crate) struct Order {
    pub(crate) hours_first: bool,
}

impl Order {
    /// `(cost, hours)` as `(first, second)`.
    pub(crate) fn of(self, cost: f64, hours: f64) -> (f64, f64) {
        if self.hours_first {
            (hours, cost)
        } else {
            (cost, hours)
        }
    }

    /// `(first, second)` back to `(cost, hours)` (the swap is its own inverse).
    pub(crate) fn back(self, first: f64, second: f64) -> (f64, f64) {
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

/// The best schedule found so far, in the objective's order, and each certification's way.
struct Best {
    first: f64,
    second: f64,
    picks: Vec<usize>,
}

/// A branch and bound over one way per certification.
struct Placement<'p, 'w> {
    ways: &'p [Placing<'w>],
    cap: Capacity,
    /// Per position: bounds on what the certifications from there on need.
    rest: &'p [Rest],
    order: Order,
    /// Hours and exams taken per quarter by the ways picked so far.
    hours: Vec<f64>,
    exams: Vec<u32>,
    /// The ways picked so far, by position.
    pick: Vec<usize>,
    best: Option<Best>,
}

impl Placement<'_, '_> {
    /// Places certification `i` on, the ones before it costing `cost` and `hours`.
    fn place(&mut self, i: usize, cost: f64, hours: f64) {
        let (cap, rest) = (self.cap, &self.rest[i]);
        // Prune when what is left cannot fit in the hours and exam slots still free at all.
        let free_hours: f64 = self.hours.iter().map(|h| (cap.hours - h).max(0.0)).sum();
        let free_exams: u64 = self.exams.iter().map(|&x| u64::from(cap.exams.saturating_sub(x))).sum();
        if rest.hours > free_hours + 1e-9 || u64::from(rest.exams) > free_exams {
            return;
        }
        // Hours do not pool across quarters: each certification still to place needs a
        // quarter with room for its largest move, and a quarter holds only so many of those
        // (proving a set unschedulable is what the search spends most of its time on).
        // Likewise only so many fit in the quarters where they are cheapest (or shortest);
        // each of the others adds at least its tier's `extra`.
        let (mut more_cost, mut more_hours) = (0.0, 0.0);
        if i < self.ways.len() {
            let (mut room, mut cost_room, mut hours_room) = (0.0, 0.0, 0.0);
            for (q, h) in self.hours.iter().enumerate() {
                let fits = (rest.fit.partition_point(|&f| f <= cap.hours - h + 1e-9) - 1) as f64;
                room += fits;
                cost_room += if rest.cost_tier.quarters >> q & 1 == 1 { fits } else { 0.0 };
                hours_room += if rest.hours_tier.quarters >> q & 1 == 1 { fits } else { 0.0 };
            }
            let left = (self.ways.len() - i) as f64;
            if left > room {
                return;
            }
            more_cost = rest.cost_tier.forced(left, cost_room);
            more_hours = rest.hours_tier.forced(left, hours_room);
        }
        // Prune unless the rest could still be strictly better: cheaper, or as cheap and
        // shorter (in the objective's order). Exam quarters mostly tie on both, so without
        // the second bound every tie is explored.
        if let Some(best) = &self.best {
            let (first, second) = self.order.of(cost + rest.cost + more_cost, hours + rest.hours + more_hours);
            if first > best.first + 1e-9 || (first >= best.first - 1e-9 && second >= best.second - 1e-9) {
                return;
            }
        }
        if i == self.ways.len() {
            let (first, second) = self.order.of(cost, hours);
            self.best = Some(Best { first, second, picks: self.pick.clone() });
            return;
        }
        // Among certifications with identical ways, only non-decreasing picks are tried: any
        // other assignment is the same schedule with the certifications swapped.
        let from = if i > 0 && self.ways[i - 1].2 == self.ways[i].2 { self.pick[i - 1] } else { 0 };
        let ways = self.ways[i].1;
        for (wi, way) in ways.iter().enumerate().skip(from) {
            if !ways::fits(&self.hours, &self.exams, way, cap) {
                continue;
            }
            for &(q, kind, h) in &way.moves {
                self.hours[q] += h;
                self.exams[q] += u32::from(kind == ActionKind::Exam);
            }
            self.pick.push(wi);
            self.place(i + 1, cost + way.cost, hours + way.hours);
            self.pick.pop();
            for &(q, kind, h) in &way.moves {
                self.hours[q] -= h;
                self.exams[q] -= u32::from(kind == ActionKind::Exam);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::testkit::Xorshift;

    fn exam(q: usize, cost: f64, hours: f64) -> Way {
        Way { cost, hours, moves: vec![(q, ActionKind::Exam, hours)] }
    }

    fn renewed(q: usize, renew_q: usize, cost: f64, hours: f64) -> Way {
        Way { cost, hours: hours + 2.0, moves: vec![(q, ActionKind::Exam, hours), (renew_q, ActionKind::Renew, 2.0)] }
    }

    const COST_FIRST: Order = Order { hours_first: false };
    const HOURS_FIRST: Order = Order { hours_first: true };

    fn cap(hours: f64, exams: u32, quarters: usize) -> Capacity {
        Capacity { hours, exams, quarters }
    }

    /// Every assignment of one way per certification that fits, the best in `order`.
    fn brute_force(
        ways: &HashMap<CertIdx, Vec<Way>>,
        set: &[CertIdx],
        cap: Capacity,
        order: Order,
    ) -> Option<(f64, f64)> {
        let mut best: Option<(f64, f64)> = None;
        let mut picks = vec![0usize; set.len()];
        loop {
            let (mut hours, mut exams) = (vec![0.0; cap.quarters], vec![0u32; cap.quarters]);
            let mut fits = true;
            let (mut cost, mut total_hours) = (0.0, 0.0);
            for (&c, &p) in set.iter().zip(&picks) {
                let way = &ways[&c][p];
                fits &= ways::fits(&hours, &exams, way, cap);
                for &(q, kind, h) in &way.moves {
                    hours[q] += h;
                    exams[q] += u32::from(kind == ActionKind::Exam);
                }
                cost += way.cost;
                total_hours += way.hours;
            }
            if fits {
                let value = order.of(cost, total_hours);
                if best.is_none_or(|b| value.0 < b.0 - 1e-9 || (value.0 <= b.0 + 1e-9 && value.1 < b.1 - 1e-9)) {
                    best = Some(value);
                }
            }
            // Next assignment, like an odometer.
            let mut i = 0;
            loop {
                if i == set.len() {
                    return best.map(|(first, second)| order.back(first, second));
                }
                picks[i] += 1;
                if picks[i] < ways[&set[i]].len() {
                    break;
                }
                picks[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn spreads_certifications_over_the_quarters_that_hold_them() {
        let ways: HashMap<CertIdx, Vec<Way>> = [
            (0, vec![exam(0, 100.0, 30.0), exam(1, 100.0, 30.0)]),
            (1, vec![exam(0, 80.0, 30.0), exam(1, 90.0, 30.0)]),
        ]
        .into_iter()
        .collect();
        let known = Schedules::new(&ways);
        let scheduler = Scheduler::new(&ways, &known, cap(40.0, 2, 2), COST_FIRST);
        let found = scheduler.schedule(&[0, 1]).expect("one a quarter fits");
        assert_eq!((found.cost, found.hours), (180.0, 60.0), "1 takes its cheaper first quarter, 0 the second");
        assert_eq!(found.moves, vec![(0, ActionKind::Exam, 1), (1, ActionKind::Exam, 0)]);
        assert_eq!(found.load.hours, vec![30.0, 30.0]);
        let one_quarter: HashMap<CertIdx, Vec<Way>> =
            [(0, vec![exam(0, 100.0, 30.0)]), (1, vec![exam(0, 80.0, 30.0)]), (2, vec![exam(0, 10.0, 5.0)])]
                .into_iter()
                .collect();
        let known = Schedules::new(&one_quarter);
        let scheduler = Scheduler::new(&one_quarter, &known, cap(40.0, 2, 1), COST_FIRST);
        assert!(scheduler.schedule(&[0, 1]).is_none(), "60 hours in a 40-hour quarter");
        assert!(scheduler.schedule(&[0, 1, 2]).is_none(), "a superset of an unschedulable set");
        assert!(scheduler.schedule(&[0, 2]).is_some());
    }

    #[test]
    fn the_hours_objective_prefers_the_shortest_schedule() {
        // Way 0 is cheap and long, way 1 dear and short.
        let ways: HashMap<CertIdx, Vec<Way>> =
            [(0, vec![renewed(0, 1, 100.0, 30.0), exam(1, 300.0, 20.0)])].into_iter().collect();
        let known = Schedules::new(&ways);
        let cheapest = Scheduler::new(&ways, &known, cap(40.0, 2, 2), COST_FIRST).schedule(&[0]).unwrap();
        assert_eq!((cheapest.cost, cheapest.hours), (100.0, 32.0));
        let known = Schedules::new(&ways);
        let shortest = Scheduler::new(&ways, &known, cap(40.0, 2, 2), HOURS_FIRST).schedule(&[0]).unwrap();
        assert_eq!((shortest.cost, shortest.hours), (300.0, 20.0));
    }

    #[test]
    fn exam_slots_bind_as_well_as_hours() {
        let ways: HashMap<CertIdx, Vec<Way>> =
            (0..3).map(|c| (c, vec![exam(0, 10.0, 1.0), exam(1, 20.0, 1.0)])).collect();
        let known = Schedules::new(&ways);
        let found = Scheduler::new(&ways, &known, cap(40.0, 2, 2), COST_FIRST).schedule(&[0, 1, 2]).unwrap();
        assert_eq!(found.cost, 40.0, "two exams in the first quarter, one in the second");
        assert!(Scheduler::new(&ways, &Schedules::new(&ways), cap(40.0, 1, 2), COST_FIRST)
            .schedule(&[0, 1, 2])
            .is_none());
    }

    #[test]
    fn extends_a_parent_schedule_only_with_best_ways_that_fit() {
        let ways: HashMap<CertIdx, Vec<Way>> =
            [(0, vec![exam(0, 100.0, 30.0)]), (1, vec![exam(0, 50.0, 5.0), exam(1, 60.0, 5.0)])].into_iter().collect();
        let known = Schedules::new(&ways);
        let scheduler = Scheduler::new(&ways, &known, cap(40.0, 2, 2), COST_FIRST);
        let parent = scheduler.schedule(&[0]).unwrap();
        let grown = scheduler.extend(Some(&parent), [1].into_iter()).expect("the best way of 1 fits beside 0");
        assert_eq!((grown.cost, grown.hours), (150.0, 35.0));
        let known = Schedules::new(&ways);
        let tight = Scheduler::new(&ways, &known, cap(32.0, 2, 2), COST_FIRST);
        let parent = tight.schedule(&[0]).unwrap();
        assert!(
            tight.extend(Some(&parent), [1].into_iter()).is_none(),
            "the best way does not fit: the full search decides"
        );
        assert_eq!(tight.schedule(&[0, 1]).map(|f| f.cost), Some(160.0));
    }

    /// The branch and bound against every assignment, on small random instances with
    /// shared quarters, renewals, tight hours and exam slots, for both orders.
    #[test]
    fn agrees_with_brute_force() {
        let mut rng = Xorshift(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: u64| rng.below(n);
        for case in 0..3000 {
            let quarters = 1 + next(4) as usize;
            let certs = 1 + next(5) as usize;
            let ways: HashMap<CertIdx, Vec<Way>> = (0..certs)
                .map(|c| {
                    let list = (0..1 + next(4))
                        .map(|_| {
                            let q = next(quarters as u64) as usize;
                            let (cost, hours) = (10.0 * (1 + next(9)) as f64, 5.0 * (1 + next(6)) as f64);
                            if next(4) == 0 {
                                renewed(q, (q + next(2) as usize).min(quarters - 1), cost, hours)
                            } else {
                                exam(q, cost, hours)
                            }
                        })
                        .collect();
                    (c, list)
                })
                .collect();
            let capacity = cap(10.0 * (1 + next(5)) as f64, 1 + next(2) as u32, quarters);
            let set: Vec<CertIdx> = (0..certs).collect();
            for order in [COST_FIRST, HOURS_FIRST] {
                let known = Schedules::new(&ways);
                let found = Scheduler::new(&ways, &known, capacity, order).schedule(&set).map(|f| (f.cost, f.hours));
                assert_eq!(found, brute_force(&ways, &set, capacity, order), "case {case}: {ways:?} in {capacity:?}");
            }
        }
    }
}
