//! The integer program over per-person choices (see the module docs of [`super`]).

use super::bundles::{Mask, PersonChoices};
use super::params::{BUDGET_TOLERANCE, POINTS_TOLERANCE};
use super::{Context, TargetTracks};
use crate::model::{Category, Goal};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};

/// People with identical choices (same coverage, cost and hours, option by option) are
/// interchangeable: one integer variable per class and choice counts how many of them take
/// it, instead of one binary per person, which removes the symmetric plans that would
/// otherwise make branch and bound enumerate the same answer over and over.
#[derive(Clone, Debug)]
pub struct Class {
    /// Indexes into the people list, in employee order.
    pub members: Vec<usize>,
}

/// Groups people into classes of identical choices.
pub fn classes(people: &[PersonChoices]) -> Vec<Class> {
    let mut by_key: std::collections::BTreeMap<Vec<(u128, u64, u64)>, usize> = Default::default();
    let mut out: Vec<Class> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let mut key = vec![(p.base, 0, 0)];
        key.extend(p.choices.iter().map(|c| (c.mask, c.cost.to_bits(), c.hours.to_bits())));
        let slot = *by_key.entry(key).or_insert_with(|| {
            out.push(Class { members: Vec::new() });
            out.len() - 1
        });
        out[slot].members.push(i);
    }
    out
}

/// The built model: variables, constraints and the expressions the caller optimises.
pub struct Formulation {
    /// The variables.
    pub vars: ProblemVariables,
    /// The constraints.
    pub constraints: Vec<Constraint>,
    /// `(class, choice, variable)`: how many members of the class take the choice.
    pub takes: Vec<(usize, usize, Variable)>,
    /// Total expected cost.
    pub cost: Expression,
    /// Total hours.
    pub hours: Expression,
}

fn bit(mask: Mask, g: usize) -> f64 {
    f64::from(u8::from(mask >> g & 1 == 1))
}

/// Builds the program for `targets` (tracks already filtered to the possible ones).
pub fn build(ctx: &Context, people: &[PersonChoices], classes: &[Class], targets: &[TargetTracks]) -> Formulation {
    let mut vars = ProblemVariables::new();
    let mut constraints = Vec::new();
    let mut takes = Vec::new();
    let mut cost = Expression::from(0.0);
    let mut hours = Expression::from(0.0);
    let groups = ctx.groups.len();
    let mut count: Vec<Expression> = vec![Expression::from(0.0); groups];
    let mut base = vec![0.0; groups];
    for p in people {
        for (g, b) in base.iter_mut().enumerate() {
            *b += bit(p.base, g);
        }
    }
    for (g, e) in count.iter_mut().enumerate() {
        *e += base[g];
    }
    for (k, class) in classes.iter().enumerate() {
        let size = class.members.len() as f64;
        let rep = &people[class.members[0]];
        let mut total = Expression::from(0.0);
        for (o, choice) in rep.choices.iter().enumerate() {
            let v = vars.add(variable().integer().min(0).max(size));
            takes.push((k, o, v));
            total += v;
            cost.add_mul(choice.cost, v);
            hours.add_mul(choice.hours, v);
            for (g, e) in count.iter_mut().enumerate() {
                let gain = bit(choice.mask, g) - bit(rep.base, g);
                if gain != 0.0 {
                    e.add_mul(gain, v);
                }
            }
        }
        if rep.choices.len() > 1 {
            constraints.push(total.leq(size));
        }
    }
    if let Some(budget) = ctx.budget() {
        constraints.push(cost.clone().leq(budget + BUDGET_TOLERANCE));
    }
    let buffer = f64::from(ctx.scenario.buffer);
    for target in targets {
        let d = &ctx.rules.designations[target.designation];
        let select: Vec<Option<Variable>> = if target.tracks.len() > 1 {
            let ys: Vec<Variable> = target.tracks.iter().map(|_| vars.add(variable().binary())).collect();
            constraints.push(ys.iter().fold(Expression::from(0.0), |acc, &y| acc + y).eq(1.0));
            ys.into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        for (tt, y) in target.tracks.iter().zip(select) {
            let on = |scale: f64| -> Expression { y.map_or(Expression::from(scale), |y| scale * y) };
            let mut skilling = Expression::from(0.0);
            for (mi, m) in d.metrics.iter().enumerate().filter(|(_, m)| m.category == Category::Skilling) {
                let steps: Vec<(usize, crate::model::Threshold)> =
                    m.steps.iter().enumerate().filter_map(|(si, s)| s.thresholds[tt.track].map(|th| (si, th))).collect();
                let last_scoring = steps.iter().rposition(|(_, th)| th.points > 0.0);
                let mut earned = Expression::from(0.0);
                let mut positive = Expression::from(0.0);
                let mut gates: Vec<Variable> = Vec::new();
                for (pos, &(si, th)) in steps.iter().enumerate() {
                    let g = ctx.step_group[target.designation][mi][si];
                    let people_needed = f64::from(th.people);
                    if th.points > 0.0 {
                        let k = vars.add(variable().min(0).max(people_needed));
                        if buffer > 0.0 {
                            let a = vars.add(variable().binary());
                            constraints.push(Expression::from(k).leq(count[g].clone() - buffer * a));
                            constraints.push(Expression::from(k).leq(people_needed * a));
                        } else {
                            constraints.push(Expression::from(k).leq(count[g].clone()));
                        }
                        for &gate in &gates {
                            constraints.push(Expression::from(k).leq(people_needed * gate));
                        }
                        if let Some(y) = y {
                            constraints.push(Expression::from(k).leq(people_needed * y));
                        }
                        earned.add_mul(th.points / people_needed, k);
                        positive += k;
                    }
                    if last_scoring.is_some_and(|last| pos < last) {
                        let c = vars.add(variable().binary());
                        constraints.push((count[g].clone() - (people_needed + buffer) * c).geq(0.0));
                        gates.push(c);
                    }
                }
                let capped = vars.add(variable().min(0).max(m.max_points));
                constraints.push(Expression::from(capped).leq(earned.clone()));
                skilling += capped;
                match ctx.scenario.goal {
                    Goal::Qualify => constraints.push(positive.geq(on(1.0))),
                    Goal::MaxSkilling => constraints.push(earned.geq(on(m.max_points) - POINTS_TOLERANCE)),
                }
            }
            let mut floor = tt.min_skilling;
            if ctx.scenario.goal == Goal::Qualify {
                floor = floor.max(tt.skilling_needed);
            }
            if floor > 0.0 {
                constraints.push(skilling.geq(on(floor) - POINTS_TOLERANCE));
            }
        }
    }
    Formulation { vars, constraints, takes, cost, hours }
}
