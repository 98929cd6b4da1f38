//! The integer program for one requirement: choose one option per person (or none) so that
//! enough people count in every required step group.

use super::bundles::{Mask, PersonChoices};
use super::params::{BUDGET_TOLERANCE, OPTION_EQUALITY};
use super::requirements::Requirement;
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};

/// A person's options seen through one requirement: coverage outside the required groups
/// is irrelevant, so options are cut down to the required groups and re-filtered.
#[derive(Clone, Debug)]
pub struct Projected {
    /// Index into the people list.
    pub person: usize,
    /// Required groups counted with no action.
    pub base: Mask,
    /// `(index into the person's choices, projected mask)`, non-dominated.
    pub options: Vec<(usize, Mask)>,
}

/// Projects every person's choices onto the groups of `required`, dropping people who
/// cannot add anything.
pub fn project(people: &[PersonChoices], required: Mask) -> Vec<Projected> {
    let mut out = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let base = p.base & required;
        let mut options: Vec<(usize, Mask)> = p
            .choices
            .iter()
            .enumerate()
            .map(|(o, c)| (o, c.mask & required))
            .filter(|&(_, m)| m & !base != 0)
            .collect();
        options.sort_by(|a, b| {
            let (x, y) = (&p.choices[a.0], &p.choices[b.0]);
            x.cost
                .total_cmp(&y.cost)
                .then(x.hours.total_cmp(&y.hours))
                .then(b.1.count_ones().cmp(&a.1.count_ones()))
                .then(a.0.cmp(&b.0))
        });
        let mut kept: Vec<(usize, Mask)> = Vec::new();
        for (o, m) in options {
            let c = &p.choices[o];
            let beaten = kept.iter().any(|&(k, km)| {
                let kc = &p.choices[k];
                km & m == m && kc.cost <= c.cost + OPTION_EQUALITY && kc.hours <= c.hours + OPTION_EQUALITY
            });
            if !beaten {
                kept.push((o, m));
            }
        }
        if !kept.is_empty() || base != 0 {
            out.push(Projected { person: i, base, options: kept });
        }
    }
    out
}

/// People with identical projected options (same coverage, cost and hours, option by
/// option) are interchangeable: one integer variable per class and option counts how many
/// of them take it, instead of one binary per person. This removes the symmetric plans
/// that would otherwise make branch and bound enumerate the same answer again and again.
#[derive(Clone, Debug)]
pub struct Class {
    /// Indexes into the projected list, in employee order.
    pub members: Vec<usize>,
}

/// Groups projected people into classes.
pub fn classes(people: &[PersonChoices], projected: &[Projected]) -> Vec<Class> {
    let mut by_key: std::collections::BTreeMap<Vec<(Mask, u64, u64)>, usize> = Default::default();
    let mut out: Vec<Class> = Vec::new();
    for (i, p) in projected.iter().enumerate() {
        let choices = &people[p.person].choices;
        let mut key = vec![(p.base, 0, 0)];
        key.extend(p.options.iter().map(|&(o, m)| (m, choices[o].cost.to_bits(), choices[o].hours.to_bits())));
        let slot = *by_key.entry(key).or_insert_with(|| {
            out.push(Class { members: Vec::new() });
            out.len() - 1
        });
        out[slot].members.push(i);
    }
    out
}

/// The built model.
pub struct Formulation {
    /// The variables.
    pub vars: ProblemVariables,
    /// The constraints.
    pub constraints: Vec<Constraint>,
    /// `(class, option position, variable)`: how many members take the option.
    pub takes: Vec<(usize, usize, Variable)>,
    /// Total expected cost.
    pub cost: Expression,
    /// Total hours.
    pub hours: Expression,
}

/// Builds the covering program for `requirement`:
/// `Σ_o z[k,o] ≤ |k|`, `base_g + Σ z[k,o]·gain(o,g) ≥ r_g`, `cost ≤ budget`.
/// With `integer = false` the counts are continuous (the relaxation used to order and
/// prune requirements).
pub fn build(
    people: &[PersonChoices],
    projected: &[Projected],
    classes: &[Class],
    requirement: &Requirement,
    budget: Option<f64>,
    integer: bool,
) -> Formulation {
    let mut vars = ProblemVariables::new();
    let mut constraints = Vec::new();
    let mut takes = Vec::new();
    let mut cost = Expression::from(0.0);
    let mut hours = Expression::from(0.0);
    let mut count: std::collections::BTreeMap<usize, Expression> =
        requirement.keys().map(|&g| (g, Expression::from(0.0))).collect();
    for p in projected {
        for (g, e) in count.iter_mut() {
            if p.base >> g & 1 == 1 {
                *e += 1.0;
            }
        }
    }
    for (k, class) in classes.iter().enumerate() {
        let size = class.members.len() as f64;
        let rep = &projected[class.members[0]];
        let choices = &people[rep.person].choices;
        let mut total = Expression::from(0.0);
        for (pos, &(o, mask)) in rep.options.iter().enumerate() {
            let def = variable().min(0).max(size);
            let v = vars.add(if integer { def.integer() } else { def });
            takes.push((k, pos, v));
            total += v;
            cost.add_mul(choices[o].cost, v);
            hours.add_mul(choices[o].hours, v);
            for (g, e) in count.iter_mut() {
                if mask >> g & 1 == 1 && rep.base >> g & 1 == 0 {
                    e.add_mul(1.0, v);
                }
            }
        }
        if rep.options.len() > 1 {
            constraints.push(total.leq(size));
        }
    }
    for (g, e) in count {
        constraints.push(e.geq(f64::from(requirement[&g])));
    }
    if let Some(budget) = budget {
        constraints.push(cost.clone().leq(budget + BUDGET_TOLERANCE));
    }
    Formulation { vars, constraints, takes, cost, hours }
}
