//! Dominance, the enumeration's exact reductions: options another option beats, single
//! certifications another single certification beats, and certifications that enough idle
//! colleagues could take alone instead.

use super::cover::{CertSet, Mask};
use super::person::{Prepared, Single};
use super::schedule::Found;
use super::ways::Way;
use crate::model::CertIdx;
use crate::solver::context::Context;
use crate::solver::params::OPTION_EQUALITY;
use rayon::prelude::*;
use std::collections::HashMap;

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
/// the objective's order, cost or hours first, which [`super::schedule::Scheduler::schedule`]
/// ensures.)
pub(crate) fn solo_units(
    ctx: &Context,
    prepared: &[Option<Prepared>],
    copies: &[usize],
    max_used: usize,
) -> Vec<CertSet> {
    const EPS: f64 = OPTION_EQUALITY;
    if max_used == usize::MAX {
        return vec![CertSet::EMPTY; prepared.len()];
    }
    let prerequisites = ctx.cover.bits(
        &ctx.coverers
            .iter()
            .flat_map(|&c| ctx.catalog[c].requires_any.iter().chain(&ctx.catalog[c].requires_all).copied())
            .collect::<Vec<_>>(),
    );
    let singles: Vec<Vec<Single>> =
        prepared.par_iter().map(|p| p.as_ref().map_or_else(Vec::new, |p| p.singles(ctx, prerequisites))).collect();
    let covered: Vec<Mask> = prepared
        .iter()
        .map(|p| p.as_ref().map_or(Mask::EMPTY, |p| ctx.cover.coverage(ctx.cover.active(&p.active))))
        .collect();
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
            let mut solo = CertSet::EMPTY;
            for mine in list {
                let groups = ctx.cert_groups[mine.cert];
                let stand_ins: usize = takers[&mine.cert]
                    .iter()
                    .filter(|(j, theirs)| {
                        theirs.cost <= mine.least_cost + EPS
                            && theirs.hours <= mine.least_hours + EPS
                            && (groups & covered[*j] & !covered[i]).is_empty()
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

/// Removes single-certification units that another single-certification unit beats: it
/// covers at least the same groups, and for every way of scheduling the beaten one it has
/// a way in the same quarters that costs no more and takes no more hours. Any plan using
/// the beaten certification is then matched or bettered by swapping in the other, so no
/// optimum is lost; for data & AI's eleven interchangeable step-3 certifications this
/// leaves one or two, which is what keeps the enumeration small.
pub(crate) fn drop_dominated_units(
    ctx: &Context,
    active: &[bool],
    ways: &HashMap<CertIdx, Vec<Way>>,
    units: Vec<Vec<CertIdx>>,
) -> Vec<Vec<CertIdx>> {
    const EPS: f64 = OPTION_EQUALITY;
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
        masks[i].covers(masks[j]) && ways[&b].iter().all(|wb| ways[&a].iter().any(|wa| way_beats(wa, wb)))
    };
    (0..units.len())
        .filter(|&j| !(0..units.len()).any(|i| i != j && beats(i, j) && (!beats(j, i) || i < j)))
        .map(|j| units[j].clone())
        .collect()
}

/// The order in which [`non_dominated`] keeps options: cheapest, then shortest, then the
/// widest coverage, then the first moves (so ties are settled the same way every run).
pub(crate) fn option_order(a: &Found, b: &Found) -> std::cmp::Ordering {
    a.cost
        .total_cmp(&b.cost)
        .then(a.hours.total_cmp(&b.hours))
        .then(b.mask.len().cmp(&a.mask.len()))
        .then(a.moves.cmp(&b.moves))
}

/// Whether `a` covers at least what `b` covers at no more cost and hours.
pub(crate) fn beats(a: &Found, b: &Found) -> bool {
    const EPS: f64 = OPTION_EQUALITY;
    a.mask.covers(b.mask) && a.cost <= b.cost + EPS && a.hours <= b.hours + EPS
}

/// Drops every option beaten by another (wider or equal coverage, no dearer, no longer)
/// and every option no better than doing nothing. Ties keep the first in a canonical order.
pub(crate) fn non_dominated(mut found: Vec<Found>, base: Mask) -> Vec<Found> {
    const EPS: f64 = OPTION_EQUALITY;
    found.retain(|f| !(f.mask & !base).is_empty());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActionKind;
    use crate::solver::bundles::ways::Load;
    use crate::solver::testkit::*;

    fn found(mask: u128, cost: f64, hours: f64, quarter: usize) -> Found {
        Found { mask: Mask(mask), cost, hours, moves: vec![(quarter, ActionKind::Exam, 0)], load: Load::empty(1) }
    }

    #[test]
    fn keeps_only_options_no_other_beats() {
        let options = vec![
            found(0b01, 100.0, 10.0, 0),
            found(0b11, 100.0, 10.0, 1), // beats the first: wider, same price
            found(0b10, 50.0, 10.0, 0),
            found(0b10, 50.0, 10.0, 1), // a tie with the one before: the first moves win
            found(0b11, 90.0, 20.0, 0), // cheaper but longer than the second: both stay
            found(0b100, 10.0, 1.0, 0), // only what the person counts in already
        ];
        let kept = non_dominated(options, Mask(0b100));
        let summary: Vec<(u128, f64, f64, usize)> =
            kept.iter().map(|f| (f.mask.0, f.cost, f.hours, f.moves[0].0)).collect();
        assert_eq!(summary, vec![(0b10, 50.0, 10.0, 0), (0b11, 90.0, 20.0, 0), (0b11, 100.0, 10.0, 1)]);
    }

    #[test]
    fn beating_needs_coverage_cost_and_hours() {
        let a = found(0b11, 100.0, 10.0, 0);
        assert!(beats(&a, &found(0b01, 100.0, 10.0, 0)));
        assert!(!beats(&a, &found(0b100, 200.0, 20.0, 0)), "other groups");
        assert!(!beats(&a, &found(0b01, 99.0, 10.0, 0)), "dearer");
        assert!(!beats(&a, &found(0b01, 100.0, 9.0, 0)), "longer");
        assert_eq!(option_order(&a, &found(0b11, 100.0, 10.0, 1)), std::cmp::Ordering::Less);
    }

    /// A and B count in the same step; `b_fee` and `b_hours` make B equal, dearer or longer.
    fn two_interchangeable(b_fee: f64, b_hours: f64, people: usize) -> crate::model::Inputs {
        let employees = (0..people).map(|i| person(&format!("p{i}"))).collect();
        inputs(vec![cert("A", 100.0, 10.0), cert("B", b_fee, b_hours)], vec![step(&[0, 1], 1, 10.0)], employees, vec![])
    }

    fn kept_units(inputs: &crate::model::Inputs) -> Vec<Vec<CertIdx>> {
        let sc = scenario("2027-Q2");
        let ctx = Context::new(inputs, &sc, sc.deadline).unwrap();
        let p = Prepared::of(&ctx, 0).unwrap();
        drop_dominated_units(&ctx, &p.active, &p.ways, p.units.clone())
    }

    #[test]
    fn a_certification_another_matches_in_every_way_is_dropped() {
        assert_eq!(kept_units(&two_interchangeable(150.0, 10.0, 1)), vec![vec![0]], "B is dearer");
        assert_eq!(kept_units(&two_interchangeable(100.0, 10.0, 1)), vec![vec![0]], "a tie keeps the first");
        assert_eq!(kept_units(&two_interchangeable(50.0, 20.0, 1)), vec![vec![0], vec![1]], "cheaper but longer");
    }

    #[test]
    fn a_certification_enough_idle_colleagues_could_take_is_taken_alone() {
        let inputs = two_interchangeable(150.0, 10.0, 3);
        let sc = scenario("2027-Q2");
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let prepared = vec![Prepared::of(&ctx, 0)];
        // Three people in one situation: each has two colleagues who could stand in for A.
        // (B, which A beats, is no unit of theirs any more.)
        assert_eq!(solo_units(&ctx, &prepared, &[3], 2), vec![ctx.cover.bits(&[0])]);
        assert_eq!(
            solo_units(&ctx, &prepared, &[3], 3),
            vec![CertSet::EMPTY],
            "a plan of three people has no one idle"
        );
        assert_eq!(solo_units(&ctx, &prepared, &[3], usize::MAX), vec![CertSet::EMPTY]);
    }
}
