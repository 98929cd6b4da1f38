//! A direct ("textbook") integer program of a scenario, written without [`crate::solver`], so
//! that the two can be run on the same instances and must agree on the optimal objective.
//!
//! The solver decomposes the question (options per person, lists of minimal requirements,
//! classes of interchangeable people); a mistake in any of those steps could make it miss the
//! optimum while every plan it returns still passes the checker. This module states the
//! contract once more, as literally as it can, as one program per evaluation day `d` (the last
//! day of the evaluation quarter):
//!
//! - **Paths** `x[p,c,k] ∈ {0,1}`: the `k`-th minimal set of actions on certification `c`
//!   (at most one exam, any renewals, in planning quarters where they are allowed) after which
//!   person `p` holds `c` active on `d`; `Σ_k x[p,c,k] ≤ 1`. A certification already active on
//!   `d` is a constant. The paths are found by replaying candidate actions on
//!   [`Timeline`], the checker's reading of §3 and §5.4, and keeping those in which every
//!   renewal finds its grant and no action could be dropped (§5.10).
//! - **Capacity** per person and quarter: path hours ≤ `hours_per_quarter`, exams ≤
//!   `max_exams_per_quarter`.
//! - **Counting** (§3): `k[p,c] ≤` active `c`, `≤ link[p]` (a free binary for unlinked people),
//!   `≤` each `requires_all` active, `≤ Σ requires_any` active; people gone by `d` and
//!   certifications past `counts_until` count nothing. `y[p,g] ≤ Σ_{c∈g} k[p,c]` for each
//!   distinct certification list `g` of the targets' steps, and `n(g) = Σ_p y[p,g]`.
//! - **Steps** (§1.2) per target and track: `e ≤ points · (n(g) − buffer) / people`,
//!   `e ≤ points`, and `e ≤ points · z` for each earlier step, with `z` binary and
//!   `n(g') ≥ (people' + buffer) · z`; a metric earns `min(max_points, Σ e)`.
//! - **Goal**: a binary per candidate track (the profile's for `classified`, any for `best`);
//!   the chosen track has profile points + skilling ≥ the qualifying score and every skilling
//!   metric above 0 (`Σ e` at least half the smallest positive amount a step can earn), or for
//!   `max-skilling` every skilling metric at its cap; and skilling ≥ `min_skilling`.
//! - **Objective**: expected cost ([`crate::model::cost::action_cost`]) or hours, under the budget.
//!
//! Only the first objective is modelled (the tie-break of §5.9 is not), and `goal =
//! "max-points"` is not modelled at all.

use crate::model::evaluate::{Timeline, SCORE_TOLERANCE};
use crate::model::Inputs;
use crate::model::{
    cost, Action, ActionKind, Catalog, Category, CertIdx, Date, EmpIdx, Employee, Goal, Holding, Objective,
    Organisation, Plan, Quarter, Scenario, TrackRule,
};
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel,
    Variable, WithTimeLimit,
};
use std::collections::HashMap;
use std::time::Instant;

/// Budget comparisons allow this much (contract §5.10).
const BUDGET_TOLERANCE: f64 = 1e-6;

/// HiGHS stops at a relative gap of 1e-4 by default, far looser than the 1e-6 at which the
/// cross-check compares objectives.
#[cfg(feature = "highs")]
const HIGHS_RELATIVE_GAP: f32 = 1e-7;

/// Which MIP solver runs the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The pure-Rust solver the project ships with: only for tiny instances.
    Microlp,
    /// HiGHS (feature `highs`), for realistic sizes.
    #[cfg(feature = "highs")]
    Highs,
}

/// The textbook program's answer for a scenario.
#[derive(Clone, Debug)]
pub struct Answer {
    /// Same meaning as the solver's `Outcome::objective`: total cost, total hours, or for
    /// `quarters` the 1-based index of the first quarter that works; `None` when infeasible.
    pub objective: Option<f64>,
    /// The plan read off the solution, so that the checker can re-verify it.
    pub plan: Plan,
    /// The quarter whose last day the goal was evaluated on.
    pub evaluation: Quarter,
    /// Seconds spent enumerating paths and writing the programs.
    pub build_seconds: f64,
    /// Seconds spent inside the MIP solver.
    pub solve_seconds: f64,
    /// Whether the solver proved its answer (optimality, or infeasibility); `false` when a
    /// time limit stopped it with a plan.
    pub proven: bool,
}

/// Solves `scenario` with the textbook program on `backend`, within about `time_limit_secs`.
///
/// For `objective = "quarters"` the evaluation quarters from `start` to the deadline are tried
/// in order and the first feasible one gives the objective. Errors: `goal = "max-points"`, an
/// unknown target, or the MIP solver failing (including a panic inside it).
pub fn solve(inputs: &Inputs, scenario: &Scenario, backend: Backend, time_limit_secs: f64) -> Result<Answer, String> {
    if scenario.goal == Goal::MaxPoints {
        return Err("goal max-points is not modelled".into());
    }
    if let Some(id) = scenario.targets.iter().find(|id| inputs.rules.designation_index(id).is_none()) {
        return Err(format!("target {id} is not a designation of the rules"));
    }
    if scenario.quarters_until(scenario.deadline).len() > 32 {
        return Err("the textbook program handles at most 32 planning quarters".into());
    }
    let evaluations = match scenario.objective {
        Objective::Quarters => scenario.quarters_until(scenario.deadline),
        Objective::Cost | Objective::Hours => vec![scenario.deadline],
    };
    let started = Instant::now();
    let mut answer = Answer {
        objective: None,
        plan: Plan::default(),
        evaluation: scenario.deadline,
        build_seconds: 0.0,
        solve_seconds: 0.0,
        proven: true,
    };
    for (index, &evaluation) in evaluations.iter().enumerate() {
        let built = Instant::now();
        let program = Program::build(inputs, scenario, evaluation);
        answer.build_seconds += built.elapsed().as_secs_f64();
        // `None`: no track of some target can meet the goal, whatever the plan.
        let Some(program) = program else { continue };
        let seconds = (time_limit_secs - started.elapsed().as_secs_f64()).max(0.05);
        let solving = Instant::now();
        let solved = program.solve(backend, seconds);
        answer.solve_seconds += solving.elapsed().as_secs_f64();
        let Some((plan, proven)) = solved? else { continue };
        let (cost, hours) = cost::totals(inputs, scenario, &plan);
        answer.objective = Some(match scenario.objective {
            Objective::Cost => cost,
            Objective::Hours => hours,
            Objective::Quarters => (index + 1) as f64,
        });
        answer.plan = plan;
        answer.evaluation = evaluation;
        answer.proven = proven;
        return Ok(answer);
    }
    Ok(answer)
}

/// One minimal way of making a certification active on the evaluation day: an exam in a
/// planning quarter (by index) and renewals in the quarters of a bit mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Path {
    exam: Option<usize>,
    renewals: u32,
}

impl Path {
    fn actions(self, employee: EmpIdx, cert: CertIdx, quarters: &[Quarter]) -> Vec<Action> {
        let exam =
            self.exam.map(|q| Action { quarter: quarters[q], employee, kind: ActionKind::Exam, cert: Some(cert) });
        let renewals = (0..quarters.len()).filter(|q| self.renewals >> q & 1 == 1).map(|q| Action {
            quarter: quarters[q],
            employee,
            kind: ActionKind::Renew,
            cert: Some(cert),
        });
        exam.into_iter().chain(renewals).collect()
    }
}

/// What a person's existing grants of a certification leave to plan.
#[derive(Clone, Debug)]
enum Ways {
    /// Active on the day without any action.
    Already,
    /// Every minimal set of allowed actions that makes it active (possibly none).
    Plan(Vec<Path>),
}

/// A candidate action on one certification: a planning quarter (by index) and exam or renew.
type Position = (usize, ActionKind);

/// A grant as the holdings give it: earned on, expires on.
type Grant = (Option<Date>, Option<Date>);

/// Finds [`Ways`], memoised: most people hold nothing of a given certification and may act in
/// the same quarters, so their ways are the same.
struct PathFinder<'a> {
    catalog: &'a Catalog,
    quarters: &'a [Quarter],
    day: Date,
    memo: HashMap<(CertIdx, Vec<Grant>, u32), Ways>,
}

impl PathFinder<'_> {
    /// The ways to make `cert` active on the day for someone holding `grants` of it and
    /// allowed to act in the quarters of the `allowed` mask.
    fn ways(&mut self, cert: CertIdx, grants: Vec<Grant>, allowed: u32) -> Ways {
        let key = (cert, grants, allowed);
        if let Some(ways) = self.memo.get(&key) {
            return ways.clone();
        }
        let ways = self.enumerate(cert, &key.1, allowed);
        self.memo.insert(key, ways.clone());
        ways
    }

    fn enumerate(&self, cert: CertIdx, grants: &[Grant], allowed: u32) -> Ways {
        // A one-person organisation holding just these grants: the timeline of the real
        // person's certification `cert` is the same, and other certifications do not matter.
        let person = Employee {
            id: String::new(),
            name: String::new(),
            hourly_cost: 0.0,
            hours_per_quarter: None,
            linked: true,
            leaves_on: None,
            exclude: Vec::new(),
        };
        let holdings = grants
            .iter()
            .map(|&(earned_on, expires_on)| Holding { employee: 0, cert, earned_on, expires_on })
            .collect();
        let org = Organisation { employees: vec![person], holdings, profile: Default::default() };
        let replay = |positions: &[Position]| {
            let actions: Vec<Action> = positions
                .iter()
                .map(|&(q, kind)| Action { quarter: self.quarters[q], employee: 0, kind, cert: Some(cert) })
                .collect();
            let timeline = Timeline::new(self.catalog, &org, &actions);
            (timeline.unmatched_renewals.is_empty(), timeline.active(0, cert, self.day))
        };
        if replay(&[]).1 {
            return Ways::Already;
        }
        // Candidate actions in the order the timeline applies them: by quarter, exam first.
        let positions: Vec<Position> = (0..self.quarters.len())
            .filter(|q| allowed >> q & 1 == 1)
            .flat_map(|q| [(q, ActionKind::Exam), (q, ActionKind::Renew)])
            .collect();
        let mut found = Vec::new();
        extend(&positions, 0, &mut Vec::new(), &replay, &mut found);
        Ways::Plan(found)
    }
}

/// Depth-first over increasing sequences of `positions` (at most one exam) extending
/// `chosen`. A renewal that finds no grant cannot be rescued by later actions, and once the
/// certification is active any later action would be pointless, so both end the branch. A
/// sequence is kept when dropping any single action leaves the certification inactive (the
/// checker's test for pointless actions).
fn extend(
    positions: &[Position],
    from: usize,
    chosen: &mut Vec<Position>,
    replay: &dyn Fn(&[Position]) -> (bool, bool),
    found: &mut Vec<Path>,
) {
    let has_exam = chosen.iter().any(|&(_, kind)| kind == ActionKind::Exam);
    for (i, &position) in positions.iter().enumerate().skip(from) {
        if has_exam && position.1 == ActionKind::Exam {
            continue;
        }
        chosen.push(position);
        let (matched, active) = replay(chosen);
        if matched && active {
            let minimal = (0..chosen.len()).all(|j| {
                let without: Vec<_> = chosen.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, &p)| p).collect();
                !replay(&without).1
            });
            if minimal {
                found.push(Path {
                    exam: chosen.iter().find(|p| p.1 == ActionKind::Exam).map(|p| p.0),
                    renewals: mask(chosen.iter().filter(|p| p.1 == ActionKind::Renew).map(|p| p.0)),
                });
            }
        } else if matched {
            extend(positions, i + 1, chosen, replay, found);
        }
        chosen.pop();
    }
}

/// Whether a certification is active for a person on the day, in the program's terms.
enum Active {
    Never,
    Always,
    /// Exactly when one of these path variables is 1 (at most one is).
    OneOf(Vec<Variable>),
}

impl Active {
    fn expression(&self) -> Expression {
        match self {
            Active::Never => Expression::from(0.0),
            Active::Always => Expression::from(1.0),
            Active::OneOf(vars) => vars.iter().copied().map(Expression::from).sum(),
        }
    }
}

/// Whether a person counts a certification on the day (§3), in the program's terms.
enum Counts {
    Never,
    Always,
    When(Expression),
}

/// A path variable with what it plans.
struct Chosen {
    employee: EmpIdx,
    cert: CertIdx,
    path: Path,
    var: Variable,
}

/// `a ≥ b` (good_lp normalises both sides into one expression).
fn at_least(a: impl Into<Expression>, b: impl Into<Expression>) -> Constraint {
    b.into().leq(a.into())
}

/// `a ≤ b`.
fn at_most(a: impl Into<Expression>, b: impl Into<Expression>) -> Constraint {
    a.into().leq(b.into())
}

/// The bit mask of a set of quarter indexes.
fn mask(quarters: impl Iterator<Item = usize>) -> u32 {
    quarters.fold(0, |m, q| m | 1 << q)
}

/// What the targets' steps count: the distinct certification lists (people depend only on
/// the list, so steps with the same list share their count), and for each target, metric and
/// step, its list.
struct Groups {
    lists: Vec<Vec<CertIdx>>,
    /// `of[target][metric][step]`, targets in scenario order.
    of: Vec<Vec<Vec<usize>>>,
}

impl Groups {
    fn new(rules: &crate::model::RuleSet, targets: &[usize]) -> Groups {
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
struct Builder<'a> {
    inputs: &'a Inputs,
    scenario: &'a Scenario,
    quarters: &'a [Quarter],
    vars: ProblemVariables,
    constraints: Vec<Constraint>,
    cost: Expression,
    hours: Expression,
    paths: Vec<Chosen>,
}

impl Builder<'_> {
    fn binary(&mut self) -> Variable {
        self.vars.add(variable().binary())
    }

    /// Adds person `e`'s path variables (given the ways for each relevant certification) and
    /// capacity rows; returns, by certification, whether it is active on the day.
    fn activity(&mut self, e: EmpIdx, ways: Vec<(CertIdx, Ways)>) -> Vec<Option<Active>> {
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
    fn counts(&mut self, e: EmpIdx, active: &[Option<Active>], counting: &[CertIdx]) -> Vec<Option<Counts>> {
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
    fn target(
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

/// One evaluation day's program, ready to solve.
struct Program {
    vars: ProblemVariables,
    constraints: Vec<Constraint>,
    objective: Expression,
    quarters: Vec<Quarter>,
    start: Quarter,
    paths: Vec<Chosen>,
    /// Per unlinked person, the variables saying they count in some step: when one is 1 the
    /// plan relies on them and links them.
    relied_on: Vec<(EmpIdx, Vec<Variable>)>,
}

impl Program {
    /// Writes the program for evaluating on the last day of `evaluation`; `None` when some
    /// target has no track that could meet the goal whatever the plan.
    fn build(inputs: &Inputs, scenario: &Scenario, evaluation: Quarter) -> Option<Program> {
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
    fn solve(self, backend: Backend, seconds: f64) -> Result<Option<(Plan, bool)>, String> {
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
fn run<M>(mut model: M, constraints: Vec<Constraint>, read: &[Variable]) -> Result<Option<(bool, Vec<f64>)>, String>
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
