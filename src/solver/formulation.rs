//! The integer program for one requirement: choose one option per person (or none) so that
//! enough people count in every required step group.

use super::bundles::{base_counts, Mask, PersonChoices};
use super::outcome::SolveError;
use super::params::{self, OPTION_EQUALITY};
use good_lp::solvers::microlp::microlp;
use good_lp::WithTimeLimit;
use good_lp::{variable, Constraint, Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// People's options seen through a set of required groups, with interchangeable people
/// grouped. Depends only on which groups a requirement names, not on its counts, so one
/// shape serves every requirement over the same groups.
pub struct Shape {
    /// Classes of interchangeable people.
    pub classes: Vec<Class>,
    /// Per group (of all groups): people counting there with no action.
    pub base_count: Vec<u32>,
}

/// People with identical projected options (same coverage, cost and hours, option by
/// option) are interchangeable: one integer variable per class and option counts how many
/// of them take it, instead of one binary per person. This removes the symmetric plans
/// that would otherwise make branch and bound enumerate the same answer again and again.
#[derive(Clone, Debug)]
pub struct Class {
    /// Indexes into the people list, in employee order.
    pub members: Vec<usize>,
    /// Per member: the index into their choices of each option (people in different
    /// situations can share a class while numbering their choices differently).
    pub choice_of: Vec<Rc<[usize]>>,
    /// The options, non-dominated, each adding a required group to what the members count
    /// in with no action.
    pub options: Vec<ClassOption>,
}

/// One option of a class, projected onto the required groups.
#[derive(Clone, Copy, Debug)]
pub struct ClassOption {
    /// Required groups counted with the option.
    pub mask: Mask,
    /// Of those, the ones the members do not count in without it.
    pub adds: Mask,
    /// Expected cost.
    pub cost: f64,
    /// Hours.
    pub hours: f64,
}

impl ClassOption {
    /// Its cost or hours.
    pub fn weight(&self, what: Minimise) -> f64 {
        match what {
            Minimise::Cost => self.cost,
            Minimise::Hours => self.hours,
        }
    }
}

/// What makes people interchangeable: the base coverage and each option's coverage, cost
/// and hours (as bits, compared exactly).
type ClassKey = (Mask, Vec<(Mask, u64, u64)>);

impl Shape {
    /// Projects everyone's choices onto `required` and groups interchangeable people. People
    /// in one situation share their choices, so each situation is projected once.
    pub fn of(people: &[PersonChoices], groups: usize, required: Mask) -> Shape {
        let every: Mask = (0..groups).collect();
        let base_count = base_counts(people, groups);
        let mut by_situation: HashMap<usize, (usize, Rc<[usize]>)> = HashMap::new();
        let mut by_key: HashMap<ClassKey, usize> = HashMap::new();
        let mut classes: Vec<Class> = Vec::new();
        for (i, p) in people.iter().enumerate() {
            if let Some((k, picks)) = by_situation.get(&p.situation) {
                classes[*k].members.push(i);
                classes[*k].choice_of.push(picks.clone());
                continue;
            }
            let base = p.base & required;
            let projected = project(p, required, required & every == every);
            if projected.is_empty() {
                continue;
            }
            let options: Vec<ClassOption> = projected
                .iter()
                .map(|&(o, mask)| ClassOption {
                    mask,
                    adds: mask & !base,
                    cost: p.choices[o].cost,
                    hours: p.choices[o].hours,
                })
                .collect();
            let key = options.iter().map(|c| (c.mask, c.cost.to_bits(), c.hours.to_bits())).collect();
            let k = *by_key.entry((base, key)).or_insert_with(|| {
                classes.push(Class { members: Vec::new(), choice_of: Vec::new(), options });
                classes.len() - 1
            });
            let picks: Rc<[usize]> = projected.iter().map(|&(o, _)| o).collect();
            classes[k].members.push(i);
            classes[k].choice_of.push(picks.clone());
            by_situation.insert(p.situation, (k, picks));
        }
        Shape { classes, base_count }
    }

    /// The total cost or hours of chosen counts.
    pub fn total(&self, takes: &[Take], what: Minimise) -> f64 {
        takes.iter().map(|t| f64::from(t.count) * self.classes[t.class].options[t.option].weight(what)).sum()
    }
}

/// One person's choices cut down to the groups of `required` and re-filtered for
/// dominance (coverage outside the required groups is irrelevant). With `everything`, all
/// groups are required and the choices are already non-dominated.
fn project(p: &PersonChoices, required: Mask, everything: bool) -> Vec<(usize, Mask)> {
    let base = p.base & required;
    let mut options: Vec<(usize, Mask)> = p
        .choices
        .iter()
        .enumerate()
        .map(|(o, c)| (o, c.mask & required))
        .filter(|&(_, m)| !(m & !base).is_empty())
        .collect();
    if everything {
        return options;
    }
    options.sort_by(|a, b| {
        let (x, y) = (&p.choices[a.0], &p.choices[b.0]);
        x.cost.total_cmp(&y.cost).then(x.hours.total_cmp(&y.hours)).then(b.1.len().cmp(&a.1.len())).then(a.0.cmp(&b.0))
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
    kept.sort_unstable();
    kept
}

/// The built model.
pub struct Formulation {
    /// The variables.
    pub vars: ProblemVariables,
    /// The constraints.
    pub constraints: Vec<Constraint>,
    /// Per column: how many members of its class take its option.
    pub takes: Vec<(Column, Variable)>,
    /// Total expected cost.
    pub cost: Expression,
    /// Total hours.
    pub hours: Expression,
}

/// Builds the covering program for `needs` (`(group, people still missing)`) over the
/// given columns:
/// `Σ_o z[k,o] ≤ |k|`, `Σ z[k,o]·gain(o,g) ≥ missing_g`, `z` integer (the caller adds the
/// budget and any held objective).
pub fn build(shape: &Shape, needs: &[(usize, f64)], columns: &[Column]) -> Formulation {
    let mut vars = ProblemVariables::new();
    let mut constraints = Vec::new();
    let mut takes = Vec::new();
    let mut cost = Expression::from(0.0);
    let mut hours = Expression::from(0.0);
    let mut count: Vec<Expression> = needs.iter().map(|_| Expression::from(0.0)).collect();
    let mut per_class: HashMap<usize, (Expression, usize)> = HashMap::new();
    for &column in columns {
        let Column { class: k, option: pos } = column;
        let class = &shape.classes[k];
        let size = class.members.len() as f64;
        let option = class.options[pos];
        let v = vars.add(variable().integer().min(0).max(size));
        takes.push((column, v));
        cost.add_mul(option.cost, v);
        hours.add_mul(option.hours, v);
        for (&(g, _), e) in needs.iter().zip(count.iter_mut()) {
            if option.adds.has(g) {
                e.add_mul(1.0, v);
            }
        }
        let (total, n) = per_class.entry(k).or_insert_with(|| (Expression::from(0.0), 0));
        *total += v;
        *n += 1;
    }
    let mut classes: Vec<_> = per_class.into_iter().filter(|(_, (_, n))| *n > 1).collect();
    classes.sort_by_key(|(k, _)| *k);
    for (k, (total, _)) in classes {
        constraints.push(total.leq(shape.classes[k].members.len() as f64));
    }
    for (&(_, missing), e) in needs.iter().zip(count) {
        constraints.push(e.geq(missing));
    }
    Formulation { vars, constraints, takes, cost, hours }
}

/// A column of the program: one option (by position) of one class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Column {
    /// The class.
    pub class: usize,
    /// The option's position among the class's options.
    pub option: usize,
}

/// How many members of a class take one of its options, in an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Take {
    /// The class.
    pub class: usize,
    /// The option's position among the class's options.
    pub option: usize,
    /// Members taking it.
    pub count: u32,
}

/// A feasible integer solution of one program.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The options taken (counts above zero only).
    pub takes: Vec<Take>,
    /// The objective's value.
    pub value: f64,
    /// Whether the value is proven optimal for the program.
    pub proven: bool,
    /// The relative gap when not proven, if known.
    pub gap: Option<f64>,
    /// Branch-and-bound nodes.
    pub nodes: u64,
}

/// Which quantity a solve minimises.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Minimise {
    /// Total expected cost.
    Cost,
    /// Total hours.
    Hours,
}

/// A side constraint `Σ a·z ≤ b`: `a` is the cost or the hours of each column.
#[derive(Clone, Copy, Debug)]
pub struct Side {
    /// Which quantity is capped.
    pub what: Minimise,
    /// The cap.
    pub limit: f64,
}

/// Builds and solves one integer program over the given columns, minimising `what` within
/// the side constraints and, when given, no worse than `cutoff`. A panic inside the solver
/// is caught and reported as an error; a solution is checked to be integral.
pub(crate) fn run(
    shape: &Shape,
    needs: &[(usize, f64)],
    columns: &[Column],
    what: Minimise,
    sides: &[Side],
    cutoff: Option<f64>,
    deadline: Instant,
) -> Result<Option<Answer>, SolveError> {
    let f = build(shape, needs, columns);
    let pick = |m: Minimise| if m == Minimise::Cost { f.cost.clone() } else { f.hours.clone() };
    let objective = pick(what);
    let mut constraints = f.constraints;
    for side in sides {
        constraints.push(pick(side.what).leq(side.limit));
    }
    if let Some(value) = cutoff {
        constraints.push(objective.clone().leq(value));
    }
    let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64().max(0.05);
    let mut model = f.vars.minimise(objective.clone()).using(microlp).with_time_limit(seconds);
    for c in constraints {
        model.add_constraint(c);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model.solve()));
    let solution = match result {
        Err(panic) => return Err(SolveError::Solver(panic_text(panic))),
        Ok(Err(good_lp::ResolutionError::Infeasible)) => return Ok(None),
        // microlp found no plan before its time ran out: nothing is settled.
        Ok(Err(good_lp::ResolutionError::Other(_))) if Instant::now() >= deadline => return Err(SolveError::TimeLimit),
        Ok(Err(e)) => return Err(SolveError::Solver(e.to_string())),
        Ok(Ok(s)) => s,
    };
    let proven = matches!(solution.status(), SolutionStatus::Optimal);
    let mut takes = Vec::new();
    for &(column, v) in &f.takes {
        let x = solution.value(v);
        let r = x.round();
        if (x - r).abs() > params::INTEGRALITY {
            return Err(SolveError::Solver(format!("an integer variable came back as {x}")));
        }
        if r > 0.0 {
            takes.push(Take { class: column.class, option: column.option, count: r as u32 });
        }
    }
    let value = objective.eval_with(&solution);
    let inner = solution.into_inner();
    let nodes = inner.stats().nodes_solved as u64;
    let gap = if proven { None } else { inner.gap() };
    Ok(Some(Answer { takes, value, proven, gap, nodes }))
}

fn panic_text(panic: Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic inside the solver".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Employee;
    use crate::solver::bundles::all_people;
    use crate::solver::context::Context;
    use crate::solver::testkit::*;

    #[test]
    fn interchangeable_people_form_one_class_seen_through_the_required_groups() {
        // p0-p2 alike; p3 holds B; p4 is paid. Group 0: A; group 1: B.
        let employees =
            vec![person("p0"), person("p1"), person("p2"), person("p3"), Employee { hourly_cost: 2.0, ..person("p4") }];
        let (inputs, sc) = two_steps(employees, vec![holding(3, 1, "2026-05-01", None)]);
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let people = all_people(&ctx, usize::MAX);
        let both = Shape::of(&people, 2, Mask(0b11));
        let sizes: Vec<usize> = both.classes.iter().map(|c| c.members.len()).collect();
        assert_eq!(sizes, vec![3, 1, 1]);
        assert_eq!(both.base_count, vec![0, 1]);
        // Seen through group 0 only, p3 is like p0-p2: B is irrelevant there.
        let first = Shape::of(&people, 2, Mask(0b01));
        let sizes: Vec<usize> = first.classes.iter().map(|c| c.members.len()).collect();
        assert_eq!(sizes, vec![4, 1]);
        assert_eq!(first.classes[0].options.len(), 1, "only A matters");
        // Two of the four alike take A: 200; the cheapest answer of "two people in group 0".
        let columns: Vec<Column> = (0..first.classes.len())
            .flat_map(|class| (0..first.classes[class].options.len()).map(move |option| Column { class, option }))
            .collect();
        let far = Instant::now() + std::time::Duration::from_secs(30);
        let answer = run(&first, &[(0, 2.0)], &columns, Minimise::Cost, &[], None, far).unwrap().unwrap();
        assert_eq!(answer.takes, vec![Take { class: 0, option: 0, count: 2 }]);
        assert!((answer.value - 200.0).abs() < 1e-9 && answer.proven);
        assert!((first.total(&answer.takes, Minimise::Hours) - 20.0).abs() < 1e-9);
    }
}
