//! Column generation: bounds and exact solutions of one requirement's covering program
//! without handing the solver every option of every class.
//!
//! A class's options are every non-dominated way its members can count in the required
//! groups: with six designations and a year to plan, over a thousand per class, so the
//! full program has tens of thousands of columns, almost all useless. Instead:
//!
//! 1. **Bound.** The dual of the relaxation has one price `π_g ≥ 0` per short group, one
//!    `μ_k ≥ 0` per class and one `β_i ≥ 0` per side constraint (budget, or the held first
//!    objective of a tie-break). It is solved over a few columns and grown one violated
//!    column per class at a time (Kelley's cutting planes on the dual, warm-started in
//!    microlp). For *any* prices, the Lagrangian value
//!    `L = Σ_g missing_g·π_g − Σ_i b_i·β_i − Σ_k |k|·max(0, max_o(π·gain_o − w_o − β·a_o))`
//!    is a lower bound on every plan of the requirement, so each round's `L` is a valid
//!    bound, can prune the requirement early against the incumbent, and equals the
//!    relaxation's value once no column is violated.
//! 2. **Exact solve.** With the final prices, every column has a reduced cost
//!    `rc = w − π·gain + μ_k + β·a ≥ 0`, and any plan costs at least `L + Σ rc` over the
//!    columns it uses. So a plan cheaper than `U` uses only columns with `rc < U − L`. The
//!    integer program is solved over the columns with `rc ≤ τ`; if its optimum `z` has
//!    `z − L ≤ τ`, no left-out column can improve it and `z` is optimal. Otherwise `τ` grows
//!    to `z − L` (or, when nothing was found, towards the incumbent's `U − L`) and the
//!    program is solved again. Gaps between `L` and the optimum are small in practice, so
//!    the program usually has a few hundred columns instead of tens of thousands.

use super::bundles::Mask;
use super::formulation::{self, Answer, Column, Minimise, Shape, Side};
use super::outcome::SolveError;
use super::params;
use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
use std::time::Instant;

/// One requirement's covering program, in the terms column generation works with.
pub struct Program<'a> {
    shape: &'a Shape,
    /// `(group, people still missing)` for each group that needs more people than count
    /// there already.
    needs: Vec<(usize, f64)>,
    /// The groups of `needs`, as a mask.
    short: Mask,
    /// Per group: its position in `needs` (meaningful for the groups of `short`).
    slot: Vec<usize>,
    /// Per class and option: whether the column may be used (see [`Program::restrict`]).
    allowed: Option<Vec<Vec<bool>>>,
}

/// Prices from the dual, with the lower bound they prove.
#[derive(Clone, Debug)]
pub struct Bound {
    /// The Lagrangian lower bound on the objective.
    pub value: f64,
    /// `π_j` per need.
    prices: Vec<f64>,
    /// `β_i` per side constraint.
    side_prices: Vec<f64>,
}

/// Prices that proved a bound for one requirement, kept to bound others over the same
/// shape: the Lagrangian value at fixed prices is linear in the missing counts, so for
/// another requirement it costs one sum to evaluate (see [`PricePoint::bound_for`]).
#[derive(Clone, Debug)]
pub struct PricePoint {
    /// `(group, π_g)`.
    prices: Vec<(usize, f64)>,
    /// `Σ_i b_i·β_i + Σ_k |k|·μ_k`: the part of the bound that does not depend on the
    /// missing counts.
    fixed: f64,
}

impl PricePoint {
    /// The prices as one value per group (0 for groups they do not price).
    pub fn per_group(&self, groups: usize) -> Vec<f64> {
        let mut out = vec![0.0; groups];
        for &(g, p) in &self.prices {
            out[g] = p;
        }
        out
    }

    /// The Lagrangian bound these prices give a requirement over the same shape, sides and
    /// objective: `Σ_g missing_g·π_g − fixed`. Valid for any requirement (a group already
    /// covered has a negative or zero "missing", a constraint every plan meets).
    pub fn bound_for(&self, requirement: &[(usize, u32)], base_count: &[u32]) -> f64 {
        let missing = |g: usize| {
            let r = requirement.iter().find(|&&(h, _)| h == g).map_or(0, |&(_, r)| r);
            f64::from(r) - f64::from(base_count[g])
        };
        self.prices.iter().map(|&(g, p)| missing(g) * p).sum::<f64>() - self.fixed
    }
}

/// How many dual rounds at most; each adds at most one column per class. The bound of the
/// last round is valid however many were run.
const MAX_ROUNDS: usize = 400;

/// A column counts as violated when its reduced cost is below minus this, relative to the
/// objective's value (so that the bound ends within about this share of the relaxation's).
const PRICING_TOLERANCE: f64 = 1e-9;

impl Bound {
    /// A bound known only by its value (from a [`PricePoint`]): enough to prune, never to
    /// price columns with.
    pub fn only(value: f64) -> Bound {
        Bound { value, prices: Vec::new(), side_prices: Vec::new() }
    }

    /// Whether the bound comes with its prices (not [`Bound::only`]).
    pub fn has_prices(&self) -> bool {
        !self.prices.is_empty()
    }
}

impl<'a> Program<'a> {
    /// The prices of `bound` (found for this program) as a point to bound others with.
    pub fn point(&self, bound: &Bound) -> PricePoint {
        let prices: Vec<(usize, f64)> = self.needs.iter().zip(&bound.prices).map(|(&(g, _), &p)| (g, p)).collect();
        let covered: f64 = self.needs.iter().zip(&bound.prices).map(|(&(_, m), p)| m * p).sum();
        PricePoint { prices, fixed: covered - bound.value }
    }

    /// The program of a requirement (`(group, count)`) over `shape`.
    pub fn new(shape: &'a Shape, requirement: &[(usize, u32)]) -> Program<'a> {
        let needs: Vec<(usize, f64)> = requirement
            .iter()
            .filter(|&&(g, r)| r > shape.base_count[g])
            .map(|&(g, r)| (g, f64::from(r - shape.base_count[g])))
            .collect();
        let short: Mask = needs.iter().map(|&(g, _)| g).collect();
        let mut slot = vec![0; shape.base_count.len()];
        for (j, &(g, _)) in needs.iter().enumerate() {
            slot[g] = j;
        }
        Program { shape, needs, short, slot, allowed: None }
    }

    /// The short groups a column adds a person to (none for a column ruled out).
    fn gain(&self, k: usize, pos: usize) -> Mask {
        if self.allowed.as_ref().is_some_and(|allowed| !allowed[k][pos]) {
            return Mask::EMPTY;
        }
        self.shape.classes[k].options[pos].adds & self.short
    }

    /// Rules out every column that no plan with `what` at most `limit` can use, by the
    /// reduced costs at `bound`'s prices (found for `what` within `sides`): a plan costs at
    /// least `bound + Σ rc` over its columns. A tie-break, which holds the first objective
    /// at its optimum, is then left with the columns of near-optimal plans only, which is
    /// what keeps its program small and its search short.
    pub fn restrict(&mut self, what: Minimise, sides: &[Side], bound: &Bound, limit: f64) {
        let slack = params::REDUCED_COST_SLACK * bound.value.abs().max(1.0);
        let mut allowed: Vec<Vec<bool>> = self.shape.classes.iter().map(|c| vec![false; c.options.len()]).collect();
        for (rc, k, pos) in self.reduced_costs(what, sides, bound) {
            allowed[k][pos] = rc <= limit - bound.value + slack;
        }
        self.allowed = Some(allowed);
    }

    /// Positions in `needs` of the short groups a column adds a person to.
    fn gained(&self, k: usize, pos: usize) -> impl Iterator<Item = usize> + '_ {
        self.gain(k, pos).iter().map(|g| self.slot[g])
    }

    /// How many options class `k` has.
    fn width(&self, k: usize) -> usize {
        self.shape.classes[k].options.len()
    }

    fn weight(&self, k: usize, pos: usize, what: Minimise) -> f64 {
        self.shape.classes[k].options[pos].weight(what)
    }

    /// `π·gain − w − β·a` of a column: how much it is worth at these prices beyond its cost.
    fn surplus(
        &self,
        k: usize,
        pos: usize,
        what: Minimise,
        sides: &[Side],
        prices: &[f64],
        side_prices: &[f64],
    ) -> f64 {
        let worth: f64 = self.gained(k, pos).map(|j| prices[j]).sum();
        let charged: f64 = sides.iter().zip(side_prices).map(|(s, b)| b * self.weight(k, pos, s.what)).sum();
        worth - self.weight(k, pos, what) - charged
    }

    /// Per class: the largest surplus (or `None` when the class has no useful column).
    fn best_columns(
        &self,
        what: Minimise,
        sides: &[Side],
        prices: &[f64],
        side_prices: &[f64],
    ) -> Vec<Option<(usize, f64)>> {
        (0..self.shape.classes.len())
            .map(|k| {
                (0..self.width(k))
                    .filter(|&pos| !self.gain(k, pos).is_empty())
                    .map(|pos| (pos, self.surplus(k, pos, what, sides, prices, side_prices)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
            })
            .collect()
    }

    /// The Lagrangian value of these prices, with each class's best surplus.
    fn lagrangian(&self, sides: &[Side], prices: &[f64], side_prices: &[f64], best: &[Option<(usize, f64)>]) -> f64 {
        let covered: f64 = self.needs.iter().zip(prices).map(|(&(_, m), p)| m * p).sum();
        let capped: f64 = sides.iter().zip(side_prices).map(|(s, b)| s.limit * b).sum();
        let surplus: f64 = best
            .iter()
            .zip(&self.shape.classes)
            .map(|(b, class)| class.members.len() as f64 * b.map_or(0.0, |(_, s)| s.max(0.0)))
            .sum();
        covered - capped - surplus
    }

    /// A lower bound on `what` over the program's integer solutions meeting `sides`, from
    /// column generation on the dual. Stops early once the bound reaches `cutoff`.
    pub fn bound(&self, what: Minimise, sides: &[Side], cutoff: Option<f64>, deadline: Instant) -> Bound {
        let mut best = Bound { value: 0.0, prices: vec![0.0; self.needs.len()], side_prices: vec![0.0; sides.len()] };
        if self.needs.is_empty() {
            return best;
        }
        // Box on the prices: any integer plan uses at most Σ missing columns, each no
        // dearer than the dearest, so no price above this total is ever needed for a
        // feasible requirement; with the box the dual always has an optimum.
        let dearest = (0..self.shape.classes.len())
            .flat_map(|k| (0..self.width(k)).map(move |pos| (k, pos)))
            .map(|(k, pos)| self.weight(k, pos, what))
            .fold(0.0f64, f64::max);
        let missing: f64 = self.needs.iter().map(|&(_, m)| m).sum();
        let ceiling = 1.0 + missing * dearest.max(1.0);

        let mut dual = Problem::new(OptimizationDirection::Maximize);
        let pi: Vec<Variable> = self.needs.iter().map(|&(_, m)| dual.add_var(m, (0.0, ceiling))).collect();
        let mu: Vec<Variable> = self
            .shape
            .classes
            .iter()
            .map(|class| dual.add_var(-(class.members.len() as f64), (0.0, f64::INFINITY)))
            .collect();
        let beta: Vec<Variable> = sides.iter().map(|s| dual.add_var(-s.limit, (0.0, ceiling))).collect();
        let row = |k: usize, pos: usize| {
            let mut terms: Vec<(Variable, f64)> = self.gained(k, pos).map(|j| (pi[j], 1.0)).collect();
            terms.push((mu[k], -1.0));
            for (s, &b) in sides.iter().zip(&beta) {
                let a = self.weight(k, pos, s.what);
                if a != 0.0 {
                    terms.push((b, -a));
                }
            }
            terms
        };
        // Start from each class's cheapest column for each need.
        for k in 0..self.shape.classes.len() {
            for &(g, _) in &self.needs {
                let cheapest = (0..self.width(k))
                    .filter(|&pos| self.gain(k, pos).has(g))
                    .min_by(|&a, &b| self.weight(k, a, what).total_cmp(&self.weight(k, b, what)).then(a.cmp(&b)));
                if let Some(pos) = cheapest {
                    dual.add_constraint(row(k, pos), ComparisonOp::Le, self.weight(k, pos, what));
                }
            }
        }
        // A failed pricing LP only weakens the bound: the prices found so far (at first all
        // zero, whose bound is 0) still prove what they prove, and the exact solve widens
        // its columns as far as a weak bound requires.
        let Some(mut solution) = lp_solution(|| dual.solve()) else { return best };
        for _ in 0..MAX_ROUNDS {
            let prices: Vec<f64> = pi.iter().map(|&v| solution.var_value(v)).collect();
            let side_prices: Vec<f64> = beta.iter().map(|&v| solution.var_value(v)).collect();
            let columns = self.best_columns(what, sides, &prices, &side_prices);
            let value = self.lagrangian(sides, &prices, &side_prices, &columns);
            let tolerance = PRICING_TOLERANCE * solution.objective().abs().max(1.0);
            let violated: Vec<(usize, usize)> = columns
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    c.filter(|&(_, s)| s - solution.var_value(mu[k]) > tolerance).map(|(pos, _)| (k, pos))
                })
                .collect();
            let converged = violated.is_empty() || solution.objective() - value <= tolerance;
            if value >= best.value {
                best = Bound { value, prices, side_prices };
            }
            if converged || cutoff.is_some_and(|u| best.value >= u) || Instant::now() >= deadline {
                return best;
            }
            for (k, pos) in violated {
                let row = row(k, pos);
                let rhs = self.weight(k, pos, what);
                let Some(next) = lp_solution(move || solution.add_constraint(row, ComparisonOp::Le, rhs)) else {
                    return best;
                };
                solution = next;
            }
        }
        best
    }

    /// Reduced costs of every useful column at `bound`'s prices, as `(rc, class, position)`
    /// sorted ascending.
    fn reduced_costs(&self, what: Minimise, sides: &[Side], bound: &Bound) -> Vec<(f64, usize, usize)> {
        let columns = self.best_columns(what, sides, &bound.prices, &bound.side_prices);
        let mut out = Vec::new();
        for (k, best) in columns.iter().enumerate() {
            let mu = best.map_or(0.0, |(_, s)| s.max(0.0));
            for pos in 0..self.width(k) {
                if !self.gain(k, pos).is_empty() {
                    let rc = mu - self.surplus(k, pos, what, sides, &bound.prices, &bound.side_prices);
                    out.push((rc.max(0.0), k, pos));
                }
            }
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        out
    }

    /// The best integer solution with objective below `cutoff` (at most equal in a
    /// tie-break), proven over all columns by reduced costs; `None` when there is none.
    /// `bound` must come from [`Program::bound`] of this program.
    pub fn solve(
        &self,
        what: Minimise,
        sides: &[Side],
        bound: &Bound,
        cutoff: Option<f64>,
        deadline: Instant,
    ) -> Result<Option<Answer>, SolveError> {
        assert_eq!(bound.prices.len(), self.needs.len(), "solve needs this program's own prices");
        let columns = self.reduced_costs(what, sides, bound);
        let scale = bound.value.abs().max(1.0);
        let slack = params::REDUCED_COST_SLACK * scale;
        let limit = cutoff.map_or(f64::INFINITY, |u| u - bound.value);
        // First try: the columns the relaxation uses or nearly uses.
        let mut tau = (params::FIRST_REDUCED_COST_SHARE * scale).min(limit);
        let mut nodes = 0;
        loop {
            let take = columns.partition_point(|c| c.0 <= tau + slack);
            let chosen: Vec<Column> =
                columns[..take].iter().map(|&(_, class, option)| Column { class, option }).collect();
            let found = formulation::run(self.shape, &self.needs, &chosen, what, sides, cutoff, deadline)?;
            let complete = take == columns.len();
            match found {
                Some(mut s) => {
                    nodes += s.nodes;
                    s.nodes = nodes;
                    let needed = s.value - bound.value;
                    if needed <= tau + slack || complete || !s.proven {
                        return Ok(Some(s));
                    }
                    tau = needed;
                }
                None if complete || tau >= limit => return Ok(None),
                None => tau = (tau * 4.0 + slack).min(limit),
            }
        }
    }
}

/// The optimal solution of a dual LP; `None` when microlp failed or was interrupted (or
/// panicked: it has shipped panics before).
pub(crate) fn lp_solution(
    outcome: impl FnOnce() -> Result<microlp::SolveOutcome, microlp::Error>,
) -> Option<microlp::Solution> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(outcome)).ok()?.ok()?.into_solution().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CertIdx, Employee, Inputs, Scenario, Step, Threshold, TrackRule};
    use crate::solver::bundles::all_people;
    use crate::solver::context::Context;
    use crate::solver::testkit::*;

    /// Group 0 needs `need` people with A (100) or C (250); C also counts in group 1, which
    /// needs one person (B, 200). Five people, two of them paid by the hour.
    fn program_value(need: u32, budget: Option<f64>) -> (Bound, Option<Answer>) {
        let employees = (0..5)
            .map(|i| Employee { hourly_cost: if i < 2 { 3.0 } else { 0.0 }, ..person(&format!("p{i}")) })
            .collect();
        let inputs = inputs(
            vec![cert("A", 100.0, 10.0), cert("B", 200.0, 20.0), cert("C", 250.0, 30.0)],
            vec![step(&[0, 2], need, 5.0), step(&[1, 2], 1, 5.0)],
            employees,
            vec![],
        );
        let mut sc = scenario("2027-Q1");
        sc.count_time_cost = true;
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let people = all_people(&ctx, usize::MAX);
        let shape = Shape::of(&people, ctx.groups.len(), Mask(0b11));
        let program = Program::new(&shape, &[(0, need), (1, 1)]);
        let sides: Vec<Side> = budget.map(|limit| Side { what: Minimise::Cost, limit }).into_iter().collect();
        let far = Instant::now() + std::time::Duration::from_secs(30);
        let bound = program.bound(Minimise::Cost, &sides, None, far);
        let answer = program.solve(Minimise::Cost, &sides, &bound, None, far).unwrap();
        (bound, answer)
    }

    #[test]
    fn the_bound_holds_and_the_solve_proves_the_optimum() {
        // need 2: one A and one C (350) by unpaid people.
        let (bound, answer) = program_value(2, None);
        let answer = answer.expect("feasible");
        assert!(answer.proven);
        assert!((answer.value - 350.0).abs() < 1e-6, "{answer:?}");
        assert!(bound.value <= answer.value + 1e-6 && bound.value > 0.0, "bound {}", bound.value);
        // need 4: three A's and a C (550), everyone unpaid but one, who pays 30 more.
        let (bound, answer) = program_value(4, None);
        let answer = answer.expect("feasible");
        assert!((answer.value - 580.0).abs() < 1e-6, "{answer:?}");
        assert!(bound.value <= answer.value + 1e-6);
        assert_eq!(answer.takes.iter().map(|t| t.count).sum::<u32>(), 4);
    }

    #[test]
    fn a_budget_below_the_optimum_leaves_nothing() {
        let (_, answer) = program_value(2, Some(349.0));
        assert!(answer.is_none());
        let (_, answer) = program_value(2, Some(350.0));
        assert!(answer.is_some());
    }

    /// Track `a` (of two; the better one counts): three groups in a triangle, a point each:
    /// X (50, 10 hours) counts in groups 0 and 1, Y (50, 10 h) in 1 and 2, Z (50, 10 h) in 0
    /// and 2, W (97, 30 h) in all three; then group 3, P (185, 1 h), 7 points once five people
    /// hold it. Track `b`: groups 4 and 5, E1 and E2 (`e_fee`, 20 h), 5 points each. Ten
    /// points are needed: the triangle and five P (W and five P: 1022, 35 h; two of X, Y, Z
    /// and five P: 1025, 25 h), or E1 and E2 (`2·e_fee`, 40 h). Eight people, one exam each.
    ///
    /// The relaxation of "the triangle and five P" takes half of each of X, Y, Z: L = 1000,
    /// at prices 25 per triangle group and 185 for P, where W's reduced cost is 22, beyond
    /// the first share of the bound (τ = 0.02 × 1000 = 20); the two-pair plan is 25 above L.
    fn triangle(e_fee: f64) -> (Inputs, Scenario) {
        let certs = vec![
            cert("X", 50.0, 10.0),
            cert("Y", 50.0, 10.0),
            cert("Z", 50.0, 10.0),
            cert("W", 97.0, 30.0),
            cert("P", 185.0, 1.0),
            cert("E1", e_fee, 20.0),
            cert("E2", e_fee, 20.0),
        ];
        let in_a = |certs: &[CertIdx], people: u32, points: f64| Step {
            certifications: certs.to_vec(),
            thresholds: vec![Some(Threshold { people, points }), None],
        };
        let in_b = |cert: CertIdx| Step {
            certifications: vec![cert],
            thresholds: vec![None, Some(Threshold { people: 1, points: 5.0 })],
        };
        let steps = vec![
            in_a(&[0, 2, 3], 1, 1.0),
            in_a(&[0, 1, 3], 1, 1.0),
            in_a(&[1, 2, 3], 1, 1.0),
            in_a(&[4], 5, 7.0),
            in_b(5),
            in_b(6),
        ];
        let employees = (0..8).map(|i| person(&format!("p{i}"))).collect();
        let mut inputs = inputs(certs, steps, employees, vec![]);
        let designation = &mut inputs.rules.designations[0];
        designation.tracks.push("b".into());
        designation.track_rule = TrackRule::Best;
        let mut sc = scenario("2027-Q1");
        sc.max_exams_per_quarter = 1;
        (inputs, sc)
    }

    /// "The triangle and five P" in `triangle`'s instance.
    const TRIANGLE_AND_P: [(usize, u32); 4] = [(0, 1), (1, 1), (2, 1), (3, 5)];

    /// The shape of groups 0 to 3 (the triangle and P) in `triangle`'s instance.
    fn triangle_shape(inputs: &Inputs, sc: &Scenario) -> Shape {
        let ctx = Context::new(inputs, sc, sc.deadline).unwrap();
        assert_eq!(ctx.groups, [vec![0, 2, 3], vec![0, 1, 3], vec![1, 2, 3], vec![4], vec![5], vec![6]]);
        Shape::of(&all_people(&ctx, usize::MAX), ctx.groups.len(), Mask(0b1111))
    }

    /// The whole solve's (cost, hours), its plan passing the checker.
    fn solved(inputs: &Inputs, sc: &Scenario) -> (f64, f64) {
        let outcome = crate::solver::solve(inputs, sc, crate::solver::SolveOptions::default()).unwrap();
        assert_eq!(outcome.status, crate::solver::Status::Optimal);
        let problems = crate::check::verify(inputs, sc, &outcome.plan, outcome.evaluation);
        assert!(problems.is_empty(), "{problems:?}");
        (outcome.cost, outcome.hours)
    }

    /// The proof of optimality accepts the restricted program's optimum `z` only when
    /// `z − L ≤ τ`; accepting up to 1.25τ or more (such as 4τ) returns the two-pair plan,
    /// 1025, found over the columns within τ.
    #[test]
    fn a_column_beyond_the_first_share_is_taken_when_the_gap_needs_it() {
        let (inputs, sc) = triangle(600.0);
        // E1 and E2 (1200) are solved first; W and five P beat them.
        assert_eq!(solved(&inputs, &sc), (1022.0, 35.0));
        let shape = triangle_shape(&inputs, &sc);
        let program = Program::new(&shape, &TRIANGLE_AND_P);
        let far = Instant::now() + std::time::Duration::from_secs(30);
        let bound = program.bound(Minimise::Cost, &[], None, far);
        assert!((bound.value - 1000.0).abs() < 1e-6, "bound {}", bound.value);
        let answer = program.solve(Minimise::Cost, &[], &bound, None, far).unwrap().expect("feasible");
        assert_eq!((answer.value, answer.proven), (1022.0, true));
    }

    /// The tie-break holds the cost at its optimum, 1022, and may use every column with a
    /// reduced cost up to 1022 − L = 22: W's. Any smaller threshold (half of it, say) leaves
    /// it no plan, so E1 and E2 (1022, 40 hours), found first, would stay instead of W and
    /// five P (35 hours).
    #[test]
    fn the_tie_break_keeps_every_column_a_plan_at_the_optimum_can_use() {
        let (inputs, sc) = triangle(511.0);
        // E1 and E2 are solved first (quick bound 511 against 925) and the triangle's
        // program then finds nothing below 1022.
        assert_eq!(solved(&inputs, &sc), (1022.0, 35.0));
        let shape = triangle_shape(&inputs, &sc);
        let mut program = Program::new(&shape, &TRIANGLE_AND_P);
        let far = Instant::now() + std::time::Duration::from_secs(30);
        let bound = program.bound(Minimise::Cost, &[], None, far);
        program.restrict(Minimise::Cost, &[], &bound, 1022.0);
        let hold = [Side { what: Minimise::Cost, limit: 1022.0 + params::BUDGET_TOLERANCE }];
        let hours = program.bound(Minimise::Hours, &hold, None, far);
        let answer = program.solve(Minimise::Hours, &hold, &hours, None, far).unwrap().expect("W and five P");
        assert_eq!(answer.value, 35.0);
    }
}
