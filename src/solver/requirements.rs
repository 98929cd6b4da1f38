//! What the goal asks of the step counts, as plain "at least this many people in that
//! group" requirements.
//!
//! A target's goal depends on the organisation only through `n(s)`, the number of people
//! counting in each step, and it is monotone in those counts (more people never lose
//! points: step points grow, gates open, caps only cut). So the counts that meet the goal
//! form an up-set, described exactly by its minimal elements. Each minimal element is a
//! *requirement*: `n_g ≥ r_g` for every step group `g`. Working with requirements instead of
//! gates and partial points gives the integer program whole-person right-hand sides (a
//! target needing 26.8 points at 8 points per person needs 3 people, not 2.35), which is
//! what makes its relaxation tight.

use super::context::{Context, TargetTracks, TrackNeed};
use crate::model::evaluate::SCORE_TOLERANCE;
use crate::model::{Category, Goal, Threshold};
use std::collections::BTreeMap;

/// At least `count` people must count in each listed group (buffer included).
pub type Requirement = BTreeMap<usize, u32>;

/// The most people a plan meeting one of `requirements` needs to involve: in a plan with no
/// idle spending, everyone who acts is one of the `r_g` people some group `g` needs.
pub fn most_people<'r>(requirements: impl IntoIterator<Item = &'r Requirement>) -> usize {
    requirements.into_iter().map(|r| r.values().map(|&c| c as usize).sum::<usize>()).max().unwrap_or(0)
}

/// Largest count space enumerated for one designation track; beyond it the rules are
/// not something this tool was built for.
const MAX_COUNT_VECTORS: u64 = 4_000_000;

/// Largest number of requirement combinations across targets (each is a program to
/// bound); beyond it the targets are better planned in smaller groups.
const MAX_COMBINATIONS: usize = 20_000;

/// One target's count space: the groups of its possible tracks' steps, and for each the
/// most people that can matter (the largest step count, plus the buffer).
struct CountSpace {
    groups: Vec<usize>,
    limits: Vec<u32>,
}

impl CountSpace {
    fn of(ctx: &Context, target: &TargetTracks) -> Result<CountSpace, String> {
        let d = &ctx.rules.designations[target.designation];
        let mut caps: BTreeMap<usize, u32> = BTreeMap::new();
        for need in &target.tracks {
            for (mi, m) in d.metrics.iter().enumerate() {
                for (si, s) in m.steps.iter().enumerate() {
                    if let Some(th) = s.thresholds[need.track] {
                        let cap = caps.entry(ctx.step_group[target.designation][mi][si]).or_insert(0);
                        *cap = (*cap).max(th.people + ctx.scenario.buffer_for(&d.id, mi, si));
                    }
                }
            }
        }
        let space = CountSpace { groups: caps.keys().copied().collect(), limits: caps.values().copied().collect() };
        let size: u64 = space.limits.iter().map(|&l| u64::from(l) + 1).product();
        if size > MAX_COUNT_VECTORS {
            return Err(format!("{} has too many step combinations ({size}) to plan", d.id));
        }
        Ok(space)
    }

    /// Calls `visit` with every count vector of the space.
    fn each(&self, mut visit: impl FnMut(&[u32])) {
        let mut counts = vec![0u32; self.groups.len()];
        loop {
            visit(&counts);
            let mut i = 0;
            while i < counts.len() && counts[i] == self.limits[i] {
                counts[i] = 0;
                i += 1;
            }
            if i == counts.len() {
                return;
            }
            counts[i] += 1;
        }
    }

    /// The counts as a requirement (zero counts left out).
    fn requirement(&self, counts: &[u32]) -> Requirement {
        self.groups.iter().zip(counts).filter(|(_, &c)| c > 0).map(|(&g, &c)| (g, c)).collect()
    }

    /// Whether a single decrement of `counts` keeps `keeps` true (then `counts` is not minimal).
    fn minimal(&self, counts: &[u32], keeps: impl Fn(&[u32]) -> bool) -> bool {
        (0..counts.len()).all(|i| {
            counts[i] == 0 || {
                let mut less = counts.to_vec();
                less[i] -= 1;
                !keeps(&less)
            }
        })
    }
}

/// What a target's track achieves at given counts (buffer already taken off).
#[derive(Clone, Copy, Debug, PartialEq)]
struct TrackValue {
    /// The scenario's goal holds (for `max-points`: always).
    goal_met: bool,
    /// The track qualifies (and meets `min_skilling`).
    qualifies: bool,
    /// Sum of capped skilling metrics.
    skilling: f64,
}

/// One track of a target as [`Track::value`] reads it, worked out once per target: a
/// target's count vectors run to thousands, and looking up the profile's points and the
/// step buffers (keyed by names) for each of them was a tenth of a small scenario's solve.
struct Track {
    /// The capped points of the metrics other than skilling.
    others: f64,
    /// Whether each of those is above zero.
    others_positive: bool,
    /// Per skilling metric: its cap and its steps in this track.
    metrics: Vec<(f64, Vec<TrackStep>)>,
    min_skilling: f64,
    qualifying_score: f64,
    goal: Goal,
}

impl Track {
    fn of(ctx: &Context, target: &TargetTracks, need: &TrackNeed) -> Track {
        let d = &ctx.rules.designations[target.designation];
        let t = need.track;
        let mut others = 0.0;
        let mut others_positive = true;
        let mut metrics = Vec::new();
        for (mi, m) in d.metrics.iter().enumerate() {
            if m.category != Category::Skilling {
                let p = ctx.org.profile.points(&d.id, &d.tracks[t], &m.id).min(m.max_points);
                others_positive &= p > SCORE_TOLERANCE;
                others += p;
                continue;
            }
            let steps = m
                .steps
                .iter()
                .enumerate()
                .filter_map(|(si, s)| {
                    let th = s.thresholds[t]?;
                    Some((ctx.step_group[target.designation][mi][si], th, ctx.scenario.buffer_for(&d.id, mi, si)))
                })
                .collect();
            metrics.push((m.max_points, steps));
        }
        Track {
            others,
            others_positive,
            metrics,
            min_skilling: need.min_skilling,
            qualifying_score: ctx.rules.qualifying_score,
            goal: ctx.scenario.goal,
        }
    }

    /// What the track achieves when `count(g)` people count in group `g` (buffers are
    /// taken off here).
    fn value(&self, count: impl Fn(usize) -> u32) -> TrackValue {
        let mut score = self.others;
        let mut skilling = 0.0;
        let mut all_positive = self.others_positive;
        let mut all_full = true;
        for (max_points, steps) in &self.metrics {
            let mut open = true;
            let mut sum = 0.0;
            for &(group, th, buffer) in steps {
                let k = count(group).saturating_sub(buffer);
                if open {
                    sum += th.points_for(k);
                }
                open &= k >= th.people;
            }
            let capped = f64::min(sum, *max_points);
            all_positive &= capped > SCORE_TOLERANCE;
            all_full &= sum >= max_points - SCORE_TOLERANCE;
            score += capped;
            skilling += capped;
        }
        let floor = skilling >= self.min_skilling - SCORE_TOLERANCE;
        let qualifies = all_positive && score >= self.qualifying_score - SCORE_TOLERANCE && floor;
        let goal_met = match self.goal {
            Goal::Qualify => qualifies,
            Goal::MaxSkilling => all_full && floor,
            Goal::MaxPoints => true,
        };
        TrackValue { goal_met, qualifies, skilling }
    }
}

/// A step of a skilling metric in one track: its group, threshold and buffer, in the
/// metric's order (a step opens only when those before it are complete).
type TrackStep = (usize, Threshold, u32);

/// A target's tracks, each as [`Track`].
fn tracks(ctx: &Context, target: &TargetTracks) -> Vec<Track> {
    target.tracks.iter().map(|need| Track::of(ctx, target, need)).collect()
}

/// The minimal requirements of one target (any of its possible tracks may meet the goal).
pub fn of_target(ctx: &Context, target: &TargetTracks) -> Result<Vec<Requirement>, String> {
    let space = CountSpace::of(ctx, target)?;
    let tracks = tracks(ctx, target);
    let meets = |counts: &[u32]| {
        let count = |g: usize| space.groups.iter().position(|&x| x == g).map_or(0, |i| counts[i]);
        tracks.iter().any(|track| track.value(count).goal_met)
    };
    let mut all = Vec::new();
    space.each(|counts| {
        if meets(counts) && space.minimal(counts, meets) {
            all.push(space.requirement(counts));
        }
    });
    Ok(minimal_only(all))
}

/// A target's value at given counts for the `max-points` goal: whether it qualifies (1 or
/// 0), then its skilling points, the best over its tracks.
fn value(tracks: &[Track], count: impl Fn(usize) -> u32 + Copy) -> (u32, f64) {
    tracks
        .iter()
        .map(|track| {
            let v = track.value(count);
            (u32::from(v.qualifies), v.skilling)
        })
        .fold((0, 0.0), |best, v| if (v.0, v.1) > best { v } else { best })
}

/// A requirement with the value that meeting it guarantees, for the `max-points` goal.
#[derive(Clone, Debug)]
pub struct Valued {
    /// The requirement.
    pub requirement: Requirement,
    /// Targets that qualify.
    pub qualifying: u32,
    /// Skilling points over the targets.
    pub points: f64,
}

impl Valued {
    /// Whether two values are the same level (points within the tolerance).
    pub fn same_level(&self, other: &Valued) -> bool {
        self.qualifying == other.qualifying && (self.points - other.points).abs() <= super::params::POINTS_TOLERANCE
    }
}

/// For `max-points`: every combination of the targets' *efficient* count vectors (those
/// whose value drops with any one person less), merged and valued at the merged counts,
/// best value first. Any plan's counts lie above one of them of equal value, so the best
/// feasible one is the best plan's value.
pub fn by_value(ctx: &Context, targets: &[TargetTracks]) -> Result<Vec<Valued>, String> {
    let mut combos: Vec<Requirement> = vec![Requirement::new()];
    let all: Vec<Vec<Track>> = targets.iter().map(|t| tracks(ctx, t)).collect();
    for (target, tracks) in targets.iter().zip(&all) {
        let space = CountSpace::of(ctx, target)?;
        let at = |counts: &[u32]| value(tracks, |g| space.groups.iter().position(|&x| x == g).map_or(0, |i| counts[i]));
        let mut efficient = Vec::new();
        space.each(|counts| {
            let v = at(counts);
            if space.minimal(counts, |less| at(less) == v) {
                efficient.push(space.requirement(counts));
            }
        });
        let mut next = product(&combos, &efficient);
        next.sort();
        next.dedup();
        if next.len() > MAX_COMBINATIONS {
            return Err(format!("the targets together have too many ways to score ({}) to plan at once", next.len()));
        }
        combos = next;
    }
    let mut out: Vec<Valued> = combos
        .into_iter()
        .map(|r| {
            let count = |g: usize| r.get(&g).copied().unwrap_or(0);
            let (qualifying, points) =
                all.iter().map(|tracks| value(tracks, count)).fold((0, 0.0), |(a, b), (x, y)| (a + x, b + y));
            Valued { requirement: r, qualifying, points }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.qualifying.cmp(&a.qualifying)).then(b.points.total_cmp(&a.points)).then(a.requirement.cmp(&b.requirement))
    });
    Ok(out)
}

/// Every way to meet all targets at once: one requirement per target, merged by taking
/// the larger count per group, without duplicates or combinations implied by others.
pub fn combined(ctx: &Context, targets: &[TargetTracks]) -> Result<Vec<Requirement>, String> {
    let mut each = targets.iter().map(|t| of_target(ctx, t)).collect::<Result<Vec<_>, _>>()?;
    // A target that no count of people can meet makes the whole scenario infeasible; few
    // options first keeps the intermediate products small.
    if each.iter().any(Vec::is_empty) {
        return Ok(Vec::new());
    }
    each.sort_by_key(Vec::len);
    let mut combos: Vec<Requirement> = vec![Requirement::new()];
    for options in each {
        let next = product(&combos, &options);
        if next.len() > MAX_COMBINATIONS {
            return Err(format!("the targets together have too many ways to be met ({}) to plan at once", next.len()));
        }
        combos = minimal_only(next);
    }
    Ok(combos)
}

/// Every combination of one requirement from `combos` and one from `options`, merged by
/// taking the larger count per group (meeting the merge meets both).
fn product(combos: &[Requirement], options: &[Requirement]) -> Vec<Requirement> {
    let mut out = Vec::with_capacity(combos.len() * options.len());
    for base in combos {
        for option in options {
            let mut merged = base.clone();
            for (&g, &c) in option {
                let slot = merged.entry(g).or_insert(0);
                *slot = (*slot).max(c);
            }
            out.push(merged);
        }
    }
    out
}

/// Whether `a` asks at least as much as `b` in every group.
fn covers(a: &Requirement, b: &Requirement) -> bool {
    b.iter().all(|(g, &c)| a.get(g).is_some_and(|&x| x >= c))
}

/// Drops duplicates and every requirement that asks at least as much as another.
fn minimal_only(mut list: Vec<Requirement>) -> Vec<Requirement> {
    list.sort_by_key(|r| (r.values().sum::<u32>(), r.clone()));
    list.dedup();
    let mut kept: Vec<Requirement> = Vec::new();
    for r in list {
        if !kept.iter().any(|k| covers(&r, k)) {
            kept.push(r);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::org::DesignationPoints;
    use crate::model::Inputs;
    use crate::model::*;
    use crate::solver::testkit::cert;

    /// One designation "d": performance 60 points max (the profile gives 55) and one
    /// skilling metric with a gate-like step on A and a per-person step on B.
    fn inputs(step1: Threshold, step2: Threshold, best_alternative: Option<(Threshold, Threshold)>) -> Inputs {
        let catalog = Catalog::new(vec![cert("A", 100.0, 10.0), cert("B", 100.0, 10.0)]);
        let (second1, second2) = best_alternative.map_or((None, None), |(a, b)| (Some(a), Some(b)));
        let metrics = vec![
            Metric { id: "perf".into(), category: Category::Performance, max_points: 60.0, steps: vec![] },
            Metric {
                id: "skill".into(),
                category: Category::Skilling,
                max_points: 20.0,
                steps: vec![
                    Step { certifications: vec![0], thresholds: vec![Some(step1), second1] },
                    Step { certifications: vec![1], thresholds: vec![Some(step2), second2] },
                ],
            },
        ];
        let track_rule = if best_alternative.is_some() { TrackRule::Best } else { TrackRule::Classified };
        let rules = RuleSet {
            name: "t".into(),
            effective_from: None,
            qualifying_score: 70.0,
            designations: vec![Designation {
                id: "d".into(),
                name: "D".into(),
                tracks: vec!["x".into(), "y".into()],
                track_rule,
                metrics,
            }],
        };
        let mut profile = Profile::default();
        profile.tracks.insert("d".into(), "x".into());
        let mut points = DesignationPoints::default();
        points.flat.insert("perf".into(), 55.0);
        profile.points.insert("d".into(), points);
        Inputs { catalog, rules, org: Organisation { employees: vec![], holdings: vec![], profile } }
    }

    fn scenario(buffer: u32) -> Scenario {
        Scenario { buffer, ..Scenario::example("2027-Q1", "2027-Q1") }
    }

    fn requirements(inputs: &Inputs, scenario: &Scenario) -> Vec<Vec<(usize, u32)>> {
        let ctx = Context::new(inputs, scenario, scenario.deadline).unwrap();
        let targets = ctx.target_tracks().unwrap();
        combined(&ctx, &targets).unwrap().into_iter().map(|r| r.into_iter().collect()).collect()
    }

    const fn th(people: u32, points: f64) -> Threshold {
        Threshold { people, points }
    }

    /// Asserts the requirements of the designation with these thresholds and buffer.
    #[track_caller]
    fn expect(
        steps: (Threshold, Threshold),
        best: Option<(Threshold, Threshold)>,
        buffer: u32,
        wanted: &[&[(usize, u32)]],
    ) {
        let wanted: Vec<Vec<(usize, u32)>> = wanted.iter().map(|r| r.to_vec()).collect();
        assert_eq!(requirements(&inputs(steps.0, steps.1, best), &scenario(buffer)), wanted);
    }

    #[test]
    fn partial_points_round_up_to_whole_people() {
        // 55 + 4 + 4k ≥ 70 needs k ≥ 2.75, so three people with B.
        expect((th(1, 4.0), th(4, 16.0)), None, 0, &[&[(0, 1), (1, 3)]]);
    }

    #[test]
    fn a_zero_point_gate_must_be_complete() {
        // Two people with A open the step; 4 points a person on B needs four of them.
        expect((th(2, 0.0), th(5, 20.0)), None, 0, &[&[(0, 2), (1, 4)]]);
    }

    #[test]
    fn the_buffer_adds_people_to_every_step() {
        expect((th(1, 4.0), th(4, 16.0)), None, 1, &[&[(0, 2), (1, 4)]]);
    }

    #[test]
    fn a_best_track_designation_offers_each_track_s_minimal_requirement() {
        // Track x: {A:1, B:3}; track y: gate {A:2} then 8 points a person: {A:2, B:2}.
        let best = Some((th(2, 0.0), th(2, 16.0)));
        expect((th(1, 4.0), th(4, 16.0)), best, 0, &[&[(0, 1), (1, 3)], &[(0, 2), (1, 2)]]);
    }

    #[test]
    fn keeps_only_minimal_requirements() {
        let a: Requirement = [(0, 1), (1, 3)].into_iter().collect();
        let b: Requirement = [(0, 2), (1, 3)].into_iter().collect();
        let c: Requirement = [(1, 2), (2, 1)].into_iter().collect();
        assert_eq!(minimal_only(vec![b, a.clone(), c.clone(), a.clone()]), vec![c, a]);
    }
}
