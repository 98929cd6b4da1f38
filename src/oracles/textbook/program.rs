//! One evaluation day's program, solved by microlp or HiGHS, and the plan read off it.

use super::builder::{at_most, mask, Builder, Chosen, Counts, Groups};
use super::paths::{Grant, PathFinder};
use super::{Backend, BUDGET_TOLERANCE};
use crate::model::Inputs;
use crate::model::{Action, ActionKind, CertIdx, EmpIdx, Objective, Plan, Quarter, Scenario};
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel,
    Variable, WithTimeLimit,
};
use std::collections::HashMap;

/// HiGHS stops at a relative gap of 1e-4 by default, far looser than the 1e-6 at which the
/// cross-check compares objectives.
#[cfg(feature = "highs")]
const HIGHS_RELATIVE_GAP: f32 = 1e-7;

/// One evaluation day's program, ready to solve.
pub(super) struct Program {
    pub(super) vars: ProblemVariables,
    pub(super) constraints: Vec<Constraint>,
    pub(super) objective: Expression,
    pub(super) quarters: Vec<Quarter>,
    pub(super) start: Quarter,
    pub(super) paths: Vec<Chosen>,
    /// Per unlinked person, the variables saying they count in some step: when one is 1 the
    /// plan relies on them and links them.
    pub(super) relied_on: Vec<(EmpIdx, Vec<Variable>)>,
}

impl Program {
    /// Writes the program for evaluating on the last day of `evaluation`; `None` when some
    /// target has no track that could meet the goal whatever the plan.
    pub(super) fn build(inputs: &Inputs, scenario: &Scenario, evaluation: Quarter) -> Option<Program> {
        let Inputs { catalog, rules, org } = inputs;
        let day = evaluation.last_day();
        let quarters = scenario.quarters_until(evaluation);
        let targets: Vec<usize> = scenario.targets.iter().filter_map(|id| rules.designation_index(id)).collect();
        let groups = Groups::new(rules, &targets);

        // Certifications that can count on the day, and their prerequisites (which need only
        // be active, §5.5).
        let counting: Vec<CertIdx> = {
            let mut all: Vec<CertIdx> =
                groups.lists.iter().flatten().copied().filter(|&c| catalog[c].counts_on(day)).collect();
            all.sort_unstable();
            all.dedup();
            all
        };
        let mut relevant: Vec<CertIdx> = counting
            .iter()
            .flat_map(|&c| {
                std::iter::once(c)
                    .chain(catalog[c].requires_all.iter().copied())
                    .chain(catalog[c].requires_any.iter().copied())
            })
            .collect();
        relevant.sort_unstable();
        relevant.dedup();
        let available: Vec<u32> = (0..catalog.len())
            .map(|c| mask((0..quarters.len()).filter(|&q| catalog[c].available_on(quarters[q].first_day()))))
            .collect();
        let mut held: HashMap<(EmpIdx, CertIdx), Vec<Grant>> = HashMap::new();
        for h in &org.holdings {
            held.entry((h.employee, h.cert)).or_default().push((h.earned_on, h.expires_on));
        }

        let mut finder = PathFinder { catalog, quarters: &quarters, day, memo: HashMap::new() };
        let mut b = Builder {
            inputs,
            scenario,
            quarters: &quarters,
            vars: ProblemVariables::new(),
            constraints: Vec::new(),
            cost: Expression::from(0.0),
            hours: Expression::from(0.0),
            paths: Vec::new(),
        };
        // Per group: people who count there whatever the plan, and the variables y[p,g].
        let mut base = vec![0u32; groups.lists.len()];
        let mut members: Vec<Vec<Variable>> = vec![Vec::new(); groups.lists.len()];
        let mut relied_on = Vec::new();
        for (e, emp) in org.employees.iter().enumerate() {
            // Someone gone by the day counts nothing, so nothing is planned for them; anyone
            // else is present in every planning quarter.
            if !emp.present_on(day) {
                continue;
            }
            let ways = relevant
                .iter()
                .map(|&c| {
                    let allowed = if emp.exclude.contains(&c) { 0 } else { available[c] };
                    (c, finder.ways(c, held.get(&(e, c)).cloned().unwrap_or_default(), allowed))
                })
                .collect();
            let active = b.activity(e, ways);
            let counts = b.counts(e, &active, &counting);
            let mut mine = Vec::new();
            for (g, list) in groups.lists.iter().enumerate() {
                let options: Vec<&Counts> = list.iter().filter_map(|&c| counts[c].as_ref()).collect();
                if options.iter().any(|k| matches!(k, Counts::Always)) {
                    base[g] += 1;
                    continue;
                }
                let when: Vec<&Expression> =
                    options.iter().filter_map(|k| if let Counts::When(x) = k { Some(x) } else { None }).collect();
                if !when.is_empty() {
                    let y = b.binary();
                    b.constraints.push(at_most(y, when.into_iter().cloned().sum::<Expression>()));
                    members[g].push(y);
                    mine.push(y);
                }
            }
            if !emp.linked && !mine.is_empty() {
                relied_on.push((e, mine));
            }
        }

        // n(g), and with a buffer max(0, n(g) − buffer) through a binary saying whether the
        // buffer is exceeded.
        let buffer = f64::from(scenario.buffer);
        let mut count = Vec::new();
        let mut effective = Vec::new();
        for (g, ys) in members.iter().enumerate() {
            let reach = f64::from(base[g]) + ys.len() as f64;
            let n = b.vars.add(variable().min(0.0).max(reach));
            let people: Expression = ys.iter().copied().map(Expression::from).sum();
            b.constraints.push((people + f64::from(base[g])).eq(n));
            count.push(n);
            effective.push(if scenario.buffer == 0 {
                Expression::from(n)
            } else {
                let over = b.binary();
                let v = b.vars.add(variable().min(0.0).max(reach));
                b.constraints.push(at_most(v, Expression::from(n) - buffer + buffer * (1.0 - over)));
                b.constraints.push(at_most(v, reach * over));
                Expression::from(v)
            });
        }
        let mut complete = HashMap::new();
        for (target, &di) in targets.iter().enumerate() {
            if !b.target(target, di, &groups, (&count, &effective), &mut complete) {
                return None;
            }
        }

        if let Some(budget) = scenario.budget {
            b.constraints.push(at_most(b.cost.clone(), budget + BUDGET_TOLERANCE));
        }
        let objective = if scenario.objective == Objective::Hours { b.hours } else { b.cost };
        Some(Program {
            vars: b.vars,
            constraints: b.constraints,
            objective,
            quarters: quarters.clone(),
            start: scenario.start,
            paths: b.paths,
            relied_on,
        })
    }

    /// Solves on `backend`; `None` when infeasible, else the plan and whether it is proven
    /// optimal.
    pub(super) fn solve(self, backend: Backend, seconds: f64) -> Result<Option<(Plan, bool)>, String> {
        let Program { vars, constraints, objective, quarters, start, paths, relied_on } = self;
        let read: Vec<Variable> =
            paths.iter().map(|p| p.var).chain(relied_on.iter().flat_map(|(_, ys)| ys.iter().copied())).collect();
        let problem = vars.minimise(objective);
        let solved = match backend {
            Backend::Microlp => {
                run(problem.using(good_lp::solvers::microlp::microlp).with_time_limit(seconds), constraints, &read)
            }
            #[cfg(feature = "highs")]
            Backend::Highs => {
                let model = problem
                    .using(good_lp::solvers::highs::highs)
                    .with_time_limit(seconds)
                    .set_mip_rel_gap(HIGHS_RELATIVE_GAP)
                    .map_err(|e| e.to_string())?;
                run(model, constraints, &read)
            }
        }?;
        let Some((proven, values)) = solved else { return Ok(None) };
        let (path_values, link_values) = values.split_at(paths.len());
        let mut actions: Vec<Action> = paths
            .iter()
            .zip(path_values)
            .filter(|(_, &v)| v > 0.5)
            .flat_map(|(p, _)| p.path.actions(p.employee, p.cert, &quarters))
            .collect();
        let mut rest = link_values;
        for (employee, ys) in &relied_on {
            let (mine, after) = rest.split_at(ys.len());
            rest = after;
            if mine.iter().any(|&v| v > 0.5) {
                actions.push(Action { quarter: start, employee: *employee, kind: ActionKind::Link, cert: None });
            }
        }
        actions.sort_unstable();
        Ok(Some((Plan { actions }, proven)))
    }
}

/// Adds the constraints, solves with panics caught, and reads `read`'s values: `None` when
/// infeasible, else whether the solver proved optimality (within its gap) and the values.
pub(super) fn run<M>(
    mut model: M,
    constraints: Vec<Constraint>,
    read: &[Variable],
) -> Result<Option<(bool, Vec<f64>)>, String>
where
    M: SolverModel<Error = ResolutionError>,
{
    for c in constraints {
        model.add_constraint(c);
    }
    let solution = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model.solve())) {
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic inside the MIP solver".into());
            return Err(text);
        }
        Ok(Err(ResolutionError::Infeasible)) => return Ok(None),
        Ok(Err(e)) => return Err(e.to_string()),
        Ok(Ok(solution)) => solution,
    };
    let proven = matches!(solution.status(), SolutionStatus::Optimal | SolutionStatus::GapLimit);
    Ok(Some((proven, read.iter().map(|&v| solution.value(v)).collect())))
}
