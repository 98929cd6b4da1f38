//! Builds one evaluation day's program: path variables per person and certification,
//! activity and counting per step, points, gates, caps, tracks, the goal and the budget.

use super::paths::{Path, Ways};
use crate::model::evaluate::SCORE_TOLERANCE;
use crate::model::Inputs;
use crate::model::{cost, Category, CertIdx, EmpIdx, Goal, Quarter, Scenario, TrackRule};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::HashMap;

/// Whether a certification is active for a person on the day, in the program's terms.
pub(super) enum Active {
    Never,
    Always,
    /// Exactly when one of these path variables is 1 (at most one is).
    OneOf(Vec<Variable>),
}

impl Active {
    pub(super) fn expression(&self) -> Expression {
        match self {
            Active::Never => Expression::from(0.0),
            Active::Always => Expression::from(1.0),
            Active::OneOf(vars) => vars.iter().copied().map(Expression::from).sum(),
        }
    }
}

/// Whether a person counts a certification on the day (§3), in the program's terms.
pub(super) enum Counts {
    Never,
    Always,
    When(Expression),
}

/// A path variable with what it plans.
pub(super) struct Chosen {
    pub(super) employee: EmpIdx,
    pub(super) cert: CertIdx,
    pub(super) path: Path,
    pub(super) var: Variable,
}

/// `a ≥ b` (good_lp normalises both sides into one expression).
pub(super) fn at_least(a: impl Into<Expression>, b: impl Into<Expression>) -> Constraint {
    b.into().leq(a.into())
}

/// `a ≤ b`.
pub(super) fn at_most(a: impl Into<Expression>, b: impl Into<Expression>) -> Constraint {
    a.into().leq(b.into())
}

/// The bit mask of a set of quarter indexes.
pub(super) fn mask(quarters: impl Iterator<Item = usize>) -> u32 {
    quarters.fold(0, |m, q| m | 1 << q)
}

/// What the targets' steps count: the distinct certification lists (people depend only on
/// the list, so steps with the same list share their count), and for each target, metric and
/// step, its list.
pub(super) struct Groups {
    pub(super) lists: Vec<Vec<CertIdx>>,
    /// `of[target][metric][step]`, targets in scenario order.
    pub(super) of: Vec<Vec<Vec<usize>>>,
}

impl Groups {
    pub(super) fn new(rules: &crate::model::RuleSet, targets: &[usize]) -> Groups {
        let mut lists: Vec<Vec<CertIdx>> = Vec::new();
        let mut index = |certs: &[CertIdx]| {
            let mut sorted = certs.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            lists.iter().position(|g| *g == sorted).unwrap_or_else(|| {
                lists.push(sorted);
                lists.len() - 1
            })
        };
        let of = targets
            .iter()
            .map(|&di| {
                let metrics = &rules.designations[di].metrics;
                metrics.iter().map(|m| m.steps.iter().map(|s| index(&s.certifications)).collect()).collect()
            })
            .collect();
        Groups { lists, of }
    }
}

/// The program while it is being written.
pub(super) struct Builder<'a> {
    pub(super) inputs: &'a Inputs,
    pub(super) scenario: &'a Scenario,
    pub(super) quarters: &'a [Quarter],
    pub(super) vars: ProblemVariables,
    pub(super) constraints: Vec<Constraint>,
    pub(super) cost: Expression,
    pub(super) hours: Expression,
    pub(super) paths: Vec<Chosen>,
}

impl Builder<'_> {
    pub(super) fn binary(&mut self) -> Variable {
        self.vars.add(variable().binary())
    }

    /// Adds person `e`'s path variables (given the ways for each relevant certification) and
    /// capacity rows; returns, by certification, whether it is active on the day.
    pub(super) fn activity(&mut self, e: EmpIdx, ways: Vec<(CertIdx, Ways)>) -> Vec<Option<Active>> {
        let catalog = &self.inputs.catalog;
        let emp = &self.inputs.org.employees[e];
        let capacity = emp.hours_per_quarter.unwrap_or(self.scenario.hours_per_quarter);
        let max_exams = self.scenario.max_exams_per_quarter;
        let n = self.quarters.len();
        // Per quarter: hours and exams as expressions, and the most the paths could put there.
        let mut hours: Vec<Expression> = (0..n).map(|_| Expression::from(0.0)).collect();
        let mut exams: Vec<Expression> = (0..n).map(|_| Expression::from(0.0)).collect();
        let mut most = vec![(0.0f64, 0u32); n];
        let mut active: Vec<Option<Active>> = (0..catalog.len()).map(|_| None).collect();
        for (c, ways) in ways {
            let ways = match ways {
                Ways::Already => {
                    active[c] = Some(Active::Always);
                    continue;
                }
                Ways::Plan(ways) => ways,
            };
            let cert = &catalog[c];
            let load = |p: &Path, q: usize| {
                let exam = p.exam == Some(q);
                let renew = p.renewals >> q & 1 == 1;
                let h = if exam { cert.study_hours } else { 0.0 } + if renew { cert.renewal_hours } else { 0.0 };
                (h, u32::from(exam))
            };
            let fits = |p: &Path| {
                (0..n).all(|q| {
                    let (h, x) = load(p, q);
                    h <= capacity + 1e-9 && x <= max_exams
                })
            };
            let mut mine = Vec::new();
            let mut most_here = vec![(0.0f64, 0u32); n];
            for path in ways.into_iter().filter(fits) {
                let var = self.binary();
                let (cost, time) = path
                    .actions(e, c, self.quarters)
                    .iter()
                    .map(|a| cost::action_cost(self.inputs, self.scenario, a))
                    .fold((0.0, 0.0), |(x, y), (a, b)| (x + a, y + b));
                self.cost.add_mul(cost, var);
                self.hours.add_mul(time, var);
                for q in 0..n {
                    let (h, x) = load(&path, q);
                    hours[q].add_mul(h, var);
                    exams[q].add_mul(f64::from(x), var);
                    most_here[q] = (most_here[q].0.max(h), most_here[q].1.max(x));
                }
                mine.push(var);
                self.paths.push(Chosen { employee: e, cert: c, path, var });
            }
            // At most one path per certification, so its most per quarter is one path's.
            for (total, (h, x)) in most.iter_mut().zip(most_here) {
                *total = (total.0 + h, total.1 + x);
            }
            if mine.len() > 1 {
                self.constraints.push(at_most(mine.iter().copied().map(Expression::from).sum::<Expression>(), 1.0));
            }
            active[c] = Some(if mine.is_empty() { Active::Never } else { Active::OneOf(mine) });
        }
        // Capacity rows only where the paths could overflow them.
        for ((h, x), (most_hours, most_exams)) in hours.into_iter().zip(exams).zip(most) {
            if most_hours > capacity + 1e-9 {
                self.constraints.push(at_most(h, capacity));
            }
            if most_exams > max_exams {
                self.constraints.push(at_most(x, f64::from(max_exams)));
            }
        }
        active
    }

    /// Adds person `e`'s counting variables for the `counting` certifications (§3: linked,
    /// active, prerequisites active; presence and `counts_until` are settled by the caller).
    pub(super) fn counts(&mut self, e: EmpIdx, active: &[Option<Active>], counting: &[CertIdx]) -> Vec<Option<Counts>> {
        let catalog = &self.inputs.catalog;
        let linked = self.inputs.org.employees[e].linked;
        let state = |c: CertIdx| active[c].as_ref().unwrap_or(&Active::Never);
        let never = |r: &CertIdx| matches!(state(*r), Active::Never);
        let always = |r: &CertIdx| matches!(state(*r), Active::Always);
        let mut link: Option<Variable> = None;
        let mut counts: Vec<Option<Counts>> = (0..catalog.len()).map(|_| None).collect();
        for &c in counting {
            let cert = &catalog[c];
            let possible = !never(&c)
                && !cert.requires_all.iter().any(never)
                && (cert.requires_any.is_empty() || !cert.requires_any.iter().all(never));
            let prerequisites_hold = cert.requires_all.iter().all(always)
                && (cert.requires_any.is_empty() || cert.requires_any.iter().any(always));
            counts[c] = Some(if !possible {
                Counts::Never
            } else if linked && prerequisites_hold {
                if always(&c) {
                    Counts::Always
                } else {
                    Counts::When(state(c).expression())
                }
            } else {
                let k = self.binary();
                if !always(&c) {
                    self.constraints.push(at_most(k, state(c).expression()));
                }
                if !linked {
                    let l = match link {
                        Some(l) => l,
                        None => *link.insert(self.binary()),
                    };
                    self.constraints.push(at_most(k, l));
                }
                for &r in cert.requires_all.iter().filter(|r| !always(r)) {
                    self.constraints.push(at_most(k, state(r).expression()));
                }
                if !cert.requires_any.is_empty() && !cert.requires_any.iter().any(always) {
                    let any: Expression = cert.requires_any.iter().map(|&r| state(r).expression()).sum();
                    self.constraints.push(at_most(k, any));
                }
                Counts::When(Expression::from(k))
            });
        }
        counts
    }

    /// Adds target `target`'s tracks and goal, given each group's count `n(g)`, and `n(g)`
    /// less the buffer (floored at 0); `false` when no track of it could meet the goal.
    pub(super) fn target(
        &mut self,
        target: usize,
        di: usize,
        groups: &Groups,
        (count, effective): (&[Variable], &[Expression]),
        complete: &mut HashMap<(usize, u32), Variable>,
    ) -> bool {
        let Inputs { rules, org, .. } = self.inputs;
        let d = &rules.designations[di];
        let goal = self.scenario.goal;
        let buffer = f64::from(self.scenario.buffer);
        let min_skilling = self.scenario.min_skilling.get(&d.id).copied().unwrap_or(0.0);
        let candidates: Vec<usize> = match d.track_rule {
            TrackRule::Classified => org.profile.tracks.get(&d.id).and_then(|t| d.track_index(t)).into_iter().collect(),
            TrackRule::Best => (0..d.tracks.len()).collect(),
        };
        let mut choice = Expression::from(0.0);
        let mut possible = 0;
        for t in candidates {
            let profile: Vec<f64> = d
                .metrics
                .iter()
                .filter(|m| m.category != Category::Skilling)
                .map(|m| org.profile.points(&d.id, &d.tracks[t], &m.id).min(m.max_points))
                .collect();
            let can_be_positive = |m: &crate::model::Metric| {
                m.max_points > SCORE_TOLERANCE
                    && m.steps.iter().any(|s| s.thresholds[t].is_some_and(|th| th.points > 0.0))
            };
            // Qualifying needs every metric above 0: a profile metric at 0, or a skilling
            // metric that can earn nothing in this track, rules the track out.
            if goal == Goal::Qualify
                && (profile.iter().any(|&p| p <= SCORE_TOLERANCE)
                    || d.skilling_metrics().any(|(_, m)| !can_be_positive(m)))
            {
                continue;
            }
            let w = self.binary();
            choice += w;
            possible += 1;
            let mut skilling = Expression::from(0.0);
            for (mi, m) in d.skilling_metrics() {
                let mut earned = Expression::from(0.0);
                let mut smallest = f64::INFINITY;
                // Earlier steps of this track, as (group, people): they gate later ones.
                let mut gates: Vec<(usize, u32)> = Vec::new();
                for (si, s) in m.steps.iter().enumerate() {
                    let Some(th) = s.thresholds[t] else { continue };
                    let g = groups.of[target][mi][si];
                    let people = f64::from(th.people);
                    if th.points > 0.0 {
                        let e = self.vars.add(variable().min(0.0).max(th.points));
                        self.constraints.push(at_most(e, effective[g].clone() * (th.points / people)));
                        for &(gate, needed) in &gates {
                            let z = match complete.get(&(gate, needed)) {
                                Some(&z) => z,
                                None => {
                                    let z = self.binary();
                                    self.constraints.push(at_least(count[gate], (f64::from(needed) + buffer) * z));
                                    *complete.entry((gate, needed)).or_insert(z)
                                }
                            };
                            self.constraints.push(at_most(e, th.points * z));
                        }
                        earned += e;
                        smallest = smallest.min(th.points / people);
                    }
                    gates.push((g, th.people));
                }
                let points = self.vars.add(variable().min(0.0).max(m.max_points.max(0.0)));
                self.constraints.push(at_most(points, earned.clone()));
                match goal {
                    // Any positive amount is at least one person's share of some step.
                    Goal::Qualify => self.constraints.push(at_least(earned, smallest / 2.0 * w)),
                    Goal::MaxSkilling if m.max_points > 0.0 => {
                        self.constraints.push(at_least(points, (m.max_points - SCORE_TOLERANCE) * w))
                    }
                    _ => {}
                }
                skilling += points;
            }
            let needed = rules.qualifying_score - profile.iter().sum::<f64>() - SCORE_TOLERANCE;
            if goal == Goal::Qualify && needed > 0.0 {
                self.constraints.push(at_least(skilling.clone(), needed * w));
            }
            if min_skilling > 0.0 {
                self.constraints.push(at_least(skilling, (min_skilling - SCORE_TOLERANCE) * w));
            }
        }
        if possible > 0 {
            self.constraints.push(at_least(choice, 1.0));
        }
        possible > 0
    }
}
