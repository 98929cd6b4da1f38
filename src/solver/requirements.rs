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

use super::{Context, TargetTracks};
use crate::model::evaluate::SCORE_TOLERANCE;
use crate::model::{Category, Goal};
use std::collections::BTreeMap;

/// At least `count` people must count in each listed group (buffer included).
pub type Requirement = BTreeMap<usize, u32>;

/// Largest count space enumerated for one designation track; beyond it the rules are
/// not something this tool was built for.
const MAX_COUNT_VECTORS: u64 = 4_000_000;

/// Largest number of requirement combinations across targets (each is a program to
/// bound); beyond it the targets are better planned in smaller groups.
const MAX_COMBINATIONS: usize = 20_000;

/// The minimal requirements of one target (any of its possible tracks may meet the goal).
pub fn of_target(ctx: &Context, target: &TargetTracks) -> Result<Vec<Requirement>, String> {
    let d = &ctx.rules.designations[target.designation];
    let buffer = ctx.scenario.buffer;
    let mut all = Vec::new();
    for need in &target.tracks {
        let t = need.track;
        // The groups of this track's steps and how many people could matter in each.
        let mut caps: BTreeMap<usize, u32> = BTreeMap::new();
        for (mi, m) in d.metrics.iter().enumerate() {
            for (si, s) in m.steps.iter().enumerate() {
                if let Some(th) = s.thresholds[t] {
                    let g = ctx.step_group[target.designation][mi][si];
                    let cap = caps.entry(g).or_insert(0);
                    *cap = (*cap).max(th.people);
                }
            }
        }
        let groups: Vec<usize> = caps.keys().copied().collect();
        let limits: Vec<u32> = caps.values().map(|c| c + buffer).collect();
        let size: u64 = limits.iter().map(|&l| u64::from(l) + 1).product();
        if size > MAX_COUNT_VECTORS {
            return Err(format!("{} has too many step combinations ({size}) to plan", d.id));
        }
        let meets = |counts: &[u32]| -> bool {
            let n = |g: usize| groups.iter().position(|&x| x == g).map_or(0, |i| counts[i].saturating_sub(buffer));
            let mut score = 0.0;
            let mut skilling = 0.0;
            for (mi, m) in d.metrics.iter().enumerate() {
                if m.category != Category::Skilling {
                    score += ctx.org.profile.points(&d.id, &d.tracks[t], &m.id).min(m.max_points);
                    continue;
                }
                let mut open = true;
                let mut sum = 0.0;
                for (si, s) in m.steps.iter().enumerate() {
                    let Some(th) = s.thresholds[t] else { continue };
                    let k = n(ctx.step_group[target.designation][mi][si]);
                    if open {
                        sum += th.points_for(k);
                    }
                    open &= k >= th.people;
                }
                let capped = f64::min(sum, m.max_points);
                let ok = match ctx.scenario.goal {
                    Goal::Qualify => capped > SCORE_TOLERANCE,
                    Goal::MaxSkilling => sum >= m.max_points - SCORE_TOLERANCE,
                };
                if !ok {
                    return false;
                }
                score += capped;
                skilling += capped;
            }
            let qualifies = ctx.scenario.goal != Goal::Qualify || score >= ctx.rules.qualifying_score - SCORE_TOLERANCE;
            qualifies && skilling >= need.min_skilling - SCORE_TOLERANCE
        };
        let mut counts = vec![0u32; groups.len()];
        loop {
            if meets(&counts) {
                let minimal = (0..counts.len()).all(|i| {
                    counts[i] == 0 || {
                        let mut less = counts.clone();
                        less[i] -= 1;
                        !meets(&less)
                    }
                });
                if minimal {
                    all.push(groups.iter().zip(&counts).filter(|(_, &c)| c > 0).map(|(&g, &c)| (g, c)).collect());
                }
            }
            // Next vector (odometer).
            let mut i = 0;
            while i < counts.len() && counts[i] == limits[i] {
                counts[i] = 0;
                i += 1;
            }
            if i == counts.len() {
                break;
            }
            counts[i] += 1;
        }
    }
    Ok(minimal_only(all))
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
        let mut next = Vec::with_capacity(combos.len() * options.len());
        for base in &combos {
            for option in &options {
                let mut merged = base.clone();
                for (&g, &c) in option {
                    let slot = merged.entry(g).or_insert(0);
                    *slot = (*slot).max(c);
                }
                next.push(merged);
            }
        }
        if next.len() > MAX_COMBINATIONS {
            return Err(format!("the targets together have too many ways to be met ({}) to plan at once", next.len()));
        }
        combos = minimal_only(next);
    }
    Ok(combos)
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
    use crate::io::Inputs;
    use crate::model::org::DesignationPoints;
    use crate::model::*;

    /// One designation "d": performance 60 points max (the profile gives 55) and one
    /// skilling metric with a gate-like step on A and a per-person step on B.
    fn inputs(step1: Threshold, step2: Threshold, best_alternative: Option<(Threshold, Threshold)>) -> Inputs {
        let cert = |id: &str| Certification {
            id: id.into(),
            name: id.into(),
            level: Level::Associate,
            exam_fee: 100.0,
            training_fee: 0.0,
            study_hours: 10.0,
            requires_any: vec![],
            requires_all: vec![],
            exam_until: None,
            counts_until: None,
            valid_months: 12,
            renewal_hours: 2.0,
            pass_rate: None,
        };
        let catalog = Catalog::new(vec![cert("A"), cert("B")]);
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
        let start = Quarter::parse("2027-Q1").unwrap();
        Scenario {
            name: "s".into(),
            description: String::new(),
            targets: vec!["d".into()],
            goal: Goal::Qualify,
            min_skilling: Default::default(),
            objective: Objective::Cost,
            start,
            quarters: 1,
            deadline: start,
            budget: None,
            hours_per_quarter: 40.0,
            max_exams_per_quarter: 2,
            pass_rate: 1.0,
            count_time_cost: false,
            buffer,
        }
    }

    fn requirements(inputs: &Inputs, scenario: &Scenario) -> Vec<Vec<(usize, u32)>> {
        let ctx = Context::new(inputs, scenario, scenario.deadline).unwrap();
        let targets = ctx.target_tracks().unwrap();
        combined(&ctx, &targets).unwrap().into_iter().map(|r| r.into_iter().collect()).collect()
    }

    const fn th(people: u32, points: f64) -> Threshold {
        Threshold { people, points }
    }

    #[test]
    fn partial_points_round_up_to_whole_people() {
        // 55 + 4 + 4k ≥ 70 needs k ≥ 2.75, so three people with B.
        let i = inputs(th(1, 4.0), th(4, 16.0), None);
        assert_eq!(requirements(&i, &scenario(0)), vec![vec![(0, 1), (1, 3)]]);
    }

    #[test]
    fn a_zero_point_gate_must_be_complete() {
        // Two people with A open the step; 4 points a person on B needs four of them.
        let i = inputs(th(2, 0.0), th(5, 20.0), None);
        assert_eq!(requirements(&i, &scenario(0)), vec![vec![(0, 2), (1, 4)]]);
    }

    #[test]
    fn the_buffer_adds_people_to_every_step() {
        let i = inputs(th(1, 4.0), th(4, 16.0), None);
        assert_eq!(requirements(&i, &scenario(1)), vec![vec![(0, 2), (1, 4)]]);
    }

    #[test]
    fn a_best_track_designation_offers_each_track_s_minimal_requirement() {
        // Track x: {A:1, B:3}; track y: gate {A:2} then 8 points a person: {A:2, B:2}.
        let i = inputs(th(1, 4.0), th(4, 16.0), Some((th(2, 0.0), th(2, 16.0))));
        assert_eq!(requirements(&i, &scenario(0)), vec![vec![(0, 1), (1, 3)], vec![(0, 2), (1, 2)]]);
    }

    #[test]
    fn keeps_only_minimal_requirements() {
        let a: Requirement = [(0, 1), (1, 3)].into_iter().collect();
        let b: Requirement = [(0, 2), (1, 3)].into_iter().collect();
        let c: Requirement = [(1, 2), (2, 1)].into_iter().collect();
        assert_eq!(minimal_only(vec![b, a.clone(), c.clone(), a.clone()]), vec![c, a]);
    }
}
