//! One plan under the risk model (README, "Risk"): what can happen to each person in it,
//! drawn for one outcome, and how an outcome scores.
//!
//! Only people in the plan change from one outcome to the next (their exams pass or fail,
//! they may leave); everyone else can only leave. So the model works out once, per person,
//! which step groups they count in, and per outcome only adds up counts per group. A plan
//! person's groups for a given pattern of passed exams come from the model's own timeline
//! (`model::evaluate`), once per pattern: the same few patterns recur in thousands of
//! samples. Scoring uses `evaluate::score_counts` and `goal::target_met` on those counts.

use crate::model::evaluate::{score_counts, Snapshot, Timeline, TrackScore};
use crate::model::goal::target_met;
use crate::model::{Action, ActionKind, CertIdx, Date, EmpIdx, Goal, Inputs, Plan, Quarter, Scenario, StepGroups};
use std::collections::HashMap;

/// Where an outcome's randomness comes from: a random stream (the Monte Carlo estimate,
/// `estimate::Stream`) or a replayed choice of branches (the enumeration, `exact::Replay`).
pub trait Chance {
    /// Whether an attempt that passes with probability `p` (0 < p < 1) passes.
    fn passes(&mut self, p: f64) -> bool;
    /// The quarter index at whose end a person leaves, or `None` when they stay through
    /// `quarters` quarters, each left with probability `a` (0 < a < 1).
    fn leaves(&mut self, a: f64, quarters: usize) -> Option<usize>;
}

/// A set of step groups as bits.
pub type Mask = u128;

/// Most step groups a mask holds (the solver has the same limit).
pub const MAX_GROUPS: usize = Mask::BITS as usize;

/// Why a plan cannot be assessed.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// More step groups than a mask holds.
    #[error("the targets have {0} distinct steps; at most 128 are supported")]
    TooManySteps(usize),
}

/// One planned exam of a person.
#[derive(Clone, Debug)]
pub struct Exam {
    /// The certification.
    pub cert: CertIdx,
    /// Index of its quarter in [`Model::quarters`].
    pub quarter: usize,
    /// Probability of passing one attempt.
    pub pass_rate: f64,
    /// Fee of every attempt.
    pub fee: f64,
    /// What the first attempt costs on top of its fee: training, and study time when costed.
    pub preparation: f64,
}

/// A person with actions in the plan.
#[derive(Clone, Debug)]
pub struct Person {
    /// Who.
    pub employee: EmpIdx,
    /// Their exams, by quarter then certification.
    pub exams: Vec<Exam>,
    /// Their renewals: certification, quarter index, cost.
    renewals: Vec<(CertIdx, usize, f64)>,
    /// Their links.
    links: Vec<Action>,
    /// The groups they count in when every exam passes at once and they stay.
    pub all_pass: Mask,
}

/// One target as the model scores it.
#[derive(Clone, Debug)]
pub struct Target {
    /// Designation id.
    pub id: String,
    /// Index into the rules' designations.
    pub designation: usize,
    /// Group of each skilling step, `[metric][step]` (empty for other metrics).
    pub step_group: Vec<Vec<usize>>,
    /// The `min_skilling` floor.
    floor: f64,
    /// The track the plan is read in when a target fails: the one that meets the goal when
    /// every exam passes, else the best-scoring one.
    pub aimed: usize,
    /// Each step's count `n(s)` when every exam passes and nobody leaves.
    pub all_pass: Vec<Vec<u32>>,
}

/// What became of one person in one outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fate {
    /// The quarter index at whose end the person leaves, if they do before the evaluation day.
    pub left: Option<usize>,
}

/// One drawn (or enumerated) outcome: per exam, the quarter it passed in; per person, whether
/// they left; and what it cost.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Per exam of every plan person in order: 0 = never passed, else 1 + the quarter index.
    pub passed: Vec<u8>,
    /// Per plan person.
    pub fates: Vec<Fate>,
    /// Per person outside the plan who counts somewhere ([`Model::others`]): whether they left.
    pub others_left: Vec<bool>,
    /// What was paid: every attempt's fee, first attempts' preparation, renewals made.
    pub cost: f64,
}

/// One plan under the risk model.
pub struct Model<'a> {
    /// Catalogue, rules, organisation.
    pub inputs: &'a Inputs,
    /// Retakes at most.
    retakes: u32,
    /// Exams per person and quarter at most.
    max_exams: u32,
    /// Quarters from the scenario's start to the evaluation quarter.
    pub quarters: Vec<Quarter>,
    /// The evaluation day.
    day: Date,
    /// The goal "qualifies" means (`max-points` plans are judged on qualifying).
    goal: Goal,
    /// Distinct certification lists of the targets' steps.
    pub groups: Vec<Vec<CertIdx>>,
    /// The targets.
    pub targets: Vec<Target>,
    /// People with actions in the plan.
    pub people: Vec<Person>,
    /// Offset of each person's first exam in [`Outcome::passed`].
    pub offsets: Vec<usize>,
    /// People outside the plan who count in some group, with their groups.
    pub others: Vec<(EmpIdx, Mask)>,
    /// Probability of leaving per quarter.
    attrition: f64,
    /// The organisation's timeline without the plan, which a person's outcome is rebuilt on.
    base: Timeline,
}

impl<'a> Model<'a> {
    /// The model of `plan` for `scenario`, evaluated on the last day of `evaluation`.
    pub fn new(
        inputs: &'a Inputs,
        scenario: &Scenario,
        plan: &Plan,
        evaluation: Quarter,
    ) -> Result<Model<'a>, ModelError> {
        let Inputs { catalog, rules, org } = inputs;
        let day = evaluation.last_day();
        let quarters =
            if evaluation < scenario.start { vec![scenario.start] } else { scenario.quarters_until(evaluation) };
        let StepGroups { groups, of_target } = rules.step_groups(&scenario.targets);
        let targets: Vec<Target> = of_target
            .into_iter()
            .map(|(d, step_group)| {
                let id = rules.designations[d].id.clone();
                let floor = scenario.min_skilling.get(&id).copied().unwrap_or(0.0);
                Target { id, designation: d, step_group, floor, aimed: 0, all_pass: Vec::new() }
            })
            .collect();
        if groups.len() > MAX_GROUPS {
            return Err(ModelError::TooManySteps(groups.len()));
        }
        let base = Timeline::new(catalog, org, &[]);
        let mask_of = |row: &[bool]| -> Mask {
            groups.iter().enumerate().filter(|(_, g)| g.iter().any(|&c| row[c])).fold(0, |m, (i, _)| m | 1 << i)
        };
        let mut by_person: std::collections::BTreeMap<EmpIdx, Vec<Action>> = Default::default();
        for a in &plan.actions {
            by_person.entry(a.employee).or_default().push(*a);
        }
        let index_of = |q: Quarter| quarters.iter().position(|&x| x == q);
        let hourly = |e: EmpIdx| if scenario.count_time_cost { org.employees[e].hourly_cost } else { 0.0 };
        let mut people = Vec::new();
        let mut timeline = base.clone();
        for (&employee, actions) in &by_person {
            let mut exams = Vec::new();
            let mut renewals = Vec::new();
            let mut links = Vec::new();
            for a in actions {
                match (a.kind, a.cert, index_of(a.quarter)) {
                    (ActionKind::Exam, Some(c), Some(q)) => {
                        let cert = &catalog[c];
                        exams.push(Exam {
                            cert: c,
                            quarter: q,
                            pass_rate: cert.pass_rate.unwrap_or(scenario.pass_rate),
                            fee: cert.exam_fee,
                            preparation: cert.training_fee + cert.study_hours * hourly(employee),
                        });
                    }
                    (ActionKind::Renew, Some(c), Some(q)) => {
                        renewals.push((c, q, catalog[c].renewal_hours * hourly(employee)))
                    }
                    // A link, or an action outside the quarters that matter, which the
                    // timeline reads as planned.
                    _ => links.push(*a),
                }
            }
            exams.sort_by_key(|e| (e.quarter, e.cert));
            timeline.rebuild_person(catalog, org, employee, actions);
            let all_pass = mask_of(&Snapshot::row(catalog, org, &timeline, employee, day));
            people.push(Person { employee, exams, renewals, links, all_pass });
        }
        let others = (0..org.employees.len())
            .filter(|e| !by_person.contains_key(e))
            .map(|e| (e, mask_of(&Snapshot::row(catalog, org, &base, e, day))))
            .filter(|(_, m)| *m != 0)
            .collect();
        let offsets = people
            .iter()
            .scan(0, |at, p: &Person| {
                let here = *at;
                *at += p.exams.len();
                Some(here)
            })
            .collect();
        let goal = if scenario.goal == Goal::MaxPoints { Goal::Qualify } else { scenario.goal };
        let mut model = Model {
            inputs,
            retakes: scenario.risk.retakes,
            max_exams: scenario.max_exams_per_quarter,
            quarters,
            day,
            goal,
            groups,
            targets,
            people,
            offsets,
            others,
            attrition: scenario.risk.attrition,
            base,
        };
        model.read_all_pass();
        Ok(model)
    }

    /// Fills each target's counts and aimed track for the outcome where every exam passes.
    fn read_all_pass(&mut self) {
        let masks: Vec<Mask> = self.people.iter().map(|p| p.all_pass).collect();
        let counts = self.counts(&masks, &vec![false; self.others.len()]);
        for t in 0..self.targets.len() {
            let tracks = self.score(t, &counts);
            let target = &self.targets[t];
            let d = &self.inputs.rules.designations[target.designation];
            let meets = |s: &TrackScore| target_met(d, std::slice::from_ref(s), self.goal, target.floor);
            let best = |pick: &dyn Fn(&TrackScore) -> bool| {
                tracks.iter().filter(|s| s.applies && pick(s)).fold(None, |b: Option<&TrackScore>, s| match b {
                    Some(b) if b.score >= s.score => Some(b),
                    _ => Some(s),
                })
            };
            let aimed = best(&meets).or_else(|| best(&|_| true)).map_or(0, |s| s.track);
            let all_pass = target.step_group.iter().map(|steps| steps.iter().map(|&g| counts[g]).collect()).collect();
            self.targets[t].aimed = aimed;
            self.targets[t].all_pass = all_pass;
        }
    }

    /// Whether a failed exam of `cert` can keep someone out of `group`: the certification
    /// counts there, or is a prerequisite of one that does.
    pub fn behind_group(&self, cert: CertIdx, group: usize) -> bool {
        let catalog = &self.inputs.catalog;
        self.groups[group]
            .iter()
            .any(|&c| c == cert || catalog[c].requires_all.contains(&cert) || catalog[c].requires_any.contains(&cert))
    }

    /// Number of exams in the plan.
    pub fn exam_count(&self) -> usize {
        self.people.iter().map(|p| p.exams.len()).sum()
    }

    /// An empty outcome of the right shape, to draw into.
    pub fn blank(&self) -> Outcome {
        Outcome {
            passed: vec![0; self.exam_count()],
            fates: vec![Fate::default(); self.people.len()],
            others_left: vec![false; self.others.len()],
            cost: 0.0,
        }
    }

    /// The quarter index at whose end a person leaves, if they do before the evaluation day.
    fn leave(&self, chance: &mut impl Chance) -> Option<usize> {
        match self.attrition {
            a if a <= 0.0 => None,
            a if a >= 1.0 => Some(0),
            a => chance.leaves(a, self.quarters.len()),
        }
    }

    /// Draws one outcome into `out`: for each plan person, whether and when they leave, then
    /// their attempts quarter by quarter (a failed exam is rebooked into the earliest later
    /// quarter with a free exam slot in which the exam is still available and the person
    /// still there, at most `retakes` times); then who else leaves.
    pub fn draw(&self, chance: &mut impl Chance, out: &mut Outcome, slots: &mut Vec<u32>) {
        out.cost = 0.0;
        let q_count = self.quarters.len();
        for (p, person) in self.people.iter().enumerate() {
            let left = self.leave(chance);
            out.fates[p] = Fate { left };
            let last = left.map_or(q_count - 1, |l| l.min(q_count - 1));
            let passed = &mut out.passed[self.offsets[p]..self.offsets[p] + person.exams.len()];
            passed.fill(0);
            slots.clear();
            slots.resize(q_count, 0);
            // When each exam's next attempt is, and how many it has had.
            let mut next: Vec<(Option<usize>, u32)> = Vec::with_capacity(person.exams.len());
            for e in &person.exams {
                slots[e.quarter] += 1;
                next.push((Some(e.quarter).filter(|&q| q <= last), 0));
            }
            for q in 0..=last {
                for (i, e) in person.exams.iter().enumerate() {
                    if next[i].0 != Some(q) {
                        continue;
                    }
                    let attempt = next[i].1;
                    out.cost += e.fee + if attempt == 0 { e.preparation } else { 0.0 };
                    next[i] = (None, attempt + 1);
                    if e.pass_rate >= 1.0 || chance.passes(e.pass_rate) {
                        passed[i] = q as u8 + 1;
                    } else if attempt < self.retakes {
                        let cert = &self.inputs.catalog[e.cert];
                        let retake = (q + 1..=last)
                            .find(|&r| slots[r] < self.max_exams && cert.available_on(self.quarters[r].first_day()));
                        if let Some(r) = retake {
                            slots[r] += 1;
                            next[i] = (Some(r), attempt + 1);
                        }
                    }
                }
            }
            for &(cert, q, cost) in &person.renewals {
                if q <= last && !self.void(person, passed, cert) {
                    out.cost += cost;
                }
            }
        }
        if self.attrition > 0.0 {
            for left in out.others_left.iter_mut() {
                *left = self.leave(chance).is_some();
            }
        }
    }

    /// Whether a renewal of `cert` is void: the person's exam for it failed.
    fn void(&self, person: &Person, passed: &[u8], cert: CertIdx) -> bool {
        person.exams.iter().zip(passed).any(|(e, &p)| e.cert == cert && p == 0)
    }

    /// The actions that took effect for a person who stayed: links, passed exams in the
    /// quarter they passed, renewals that are not void.
    fn realised(&self, person: &Person, passed: &[u8]) -> Vec<Action> {
        let e = person.employee;
        let mut actions = person.links.clone();
        for (exam, &p) in person.exams.iter().zip(passed) {
            if p > 0 {
                let quarter = self.quarters[p as usize - 1];
                actions.push(Action { quarter, employee: e, kind: ActionKind::Exam, cert: Some(exam.cert) });
            }
        }
        for &(cert, q, _) in &person.renewals {
            if !self.void(person, passed, cert) {
                actions.push(Action {
                    quarter: self.quarters[q],
                    employee: e,
                    kind: ActionKind::Renew,
                    cert: Some(cert),
                });
            }
        }
        actions
    }

    /// Per plan person, the groups they count in for `outcome` (0 when they left).
    pub fn masks(&self, outcome: &Outcome, memo: &mut Memo, masks: &mut Vec<Mask>) {
        masks.clear();
        for (p, person) in self.people.iter().enumerate() {
            if outcome.fates[p].left.is_some() {
                masks.push(0);
                continue;
            }
            let passed = &outcome.passed[self.offsets[p]..self.offsets[p] + person.exams.len()];
            if let Some(&m) = memo.known[p].get(passed) {
                masks.push(m);
                continue;
            }
            let Inputs { catalog, org, .. } = self.inputs;
            let timeline = memo.timeline.get_or_insert_with(|| self.base.clone());
            timeline.rebuild_person(catalog, org, person.employee, &self.realised(person, passed));
            let row = Snapshot::row(catalog, org, timeline, person.employee, self.day);
            let m = self
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.iter().any(|&c| row[c]))
                .fold(0, |m, (i, _)| m | 1 << i);
            memo.known[p].insert(passed.to_vec(), m);
            masks.push(m);
        }
    }

    /// People counting in each group: plan people by their masks, the others unless they left.
    pub fn counts(&self, masks: &[Mask], others_left: &[bool]) -> Vec<u32> {
        let mut counts = vec![0u32; self.groups.len()];
        let others = self.others.iter().zip(others_left).filter(|(_, left)| !**left).map(|((_, m), _)| *m);
        for mut m in masks.iter().copied().chain(others) {
            while m != 0 {
                counts[m.trailing_zeros() as usize] += 1;
                m &= m - 1;
            }
        }
        counts
    }

    /// Every track of target `t` scored at these group counts, with no buffer (the real score).
    pub fn score(&self, t: usize, counts: &[u32]) -> Vec<TrackScore> {
        let target = &self.targets[t];
        let Inputs { rules, org, .. } = self.inputs;
        let d = &rules.designations[target.designation];
        score_counts(d, org, rules.qualifying_score, |mi, si| counts[target.step_group[mi][si]], |_, _| 0)
    }

    /// Whether target `t` meets the goal in these scored tracks.
    pub fn met(&self, t: usize, tracks: &[TrackScore]) -> bool {
        let target = &self.targets[t];
        target_met(&self.inputs.rules.designations[target.designation], tracks, self.goal, target.floor)
    }
}

/// What one worker remembers between outcomes: each plan person's groups per pattern of
/// passed exams, and the timeline it rebuilds people on. The answer never depends on it, so
/// each thread keeps its own.
pub struct Memo {
    known: Vec<HashMap<Vec<u8>, Mask>>,
    timeline: Option<Timeline>,
}

impl Memo {
    /// An empty memo for `model`.
    pub fn new(model: &Model) -> Memo {
        Memo { known: vec![HashMap::new(); model.people.len()], timeline: None }
    }
}

#[cfg(test)]
mod tests {
    use super::super::estimate::Stream;
    use super::super::testkit::{exam, inputs, scenario};
    use super::*;

    /// Draws sample `index` of the model of `actions`.
    fn draw(model: &Model, index: u64) -> Outcome {
        let mut out = model.blank();
        model.draw(&mut Stream::new(1, index), &mut out, &mut Vec::new());
        out
    }

    #[test]
    fn certain_exams_pass_where_planned_and_cost_their_fee_and_preparation() {
        let inputs = inputs(2, 2, 1.0);
        let plan = Plan { actions: vec![exam("2027-Q1", 0, 0), exam("2027-Q2", 1, 0), exam("2027-Q2", 1, 1)] };
        let model = Model::new(&inputs, &scenario("2027-Q3"), &plan, Quarter::parse("2027-Q3").unwrap()).unwrap();
        let out = draw(&model, 0);
        assert_eq!(out.passed, vec![1, 2, 2]);
        assert_eq!(out.cost, 250.0);
        let mut masks = Vec::new();
        model.masks(&out, &mut Memo::new(&model), &mut masks);
        assert_eq!(masks, vec![1, 1]);
        assert_eq!(model.counts(&masks, &[]), vec![2]);
    }

    #[test]
    fn a_failed_exam_is_retaken_in_the_earliest_quarter_with_a_free_slot() {
        // A never passes (pass rate 1e-12); one exam per quarter, B fills Q2: the retake of A
        // goes to Q3, and a second retake (retakes = 2) to Q4.
        let inputs = inputs(1, 1, 1e-12);
        let mut s = scenario("2027-Q4");
        s.max_exams_per_quarter = 1;
        s.risk.retakes = 2;
        let plan = Plan { actions: vec![exam("2027-Q1", 0, 0), exam("2027-Q2", 0, 1)] };
        let model = Model::new(&inputs, &s, &plan, s.deadline).unwrap();
        let out = draw(&model, 3);
        assert_eq!(out.passed, vec![0, 2]);
        // Three attempts of A (fee 100), one of B (fee 50): preparation is free here.
        assert_eq!(out.cost, 350.0);
        // With the deadline at Q2 no quarter is left for a retake.
        let s2 = Scenario { deadline: Quarter::parse("2027-Q2").unwrap(), quarters: 2, ..s };
        let model = Model::new(&inputs, &s2, &plan, s2.deadline).unwrap();
        assert_eq!(draw(&model, 3).cost, 150.0);
    }

    #[test]
    fn leaving_is_geometric_per_quarter() {
        // 50 % per quarter over 2 quarters: stays with 25 %, leaves at the end of Q1 with 50 %.
        let inputs = inputs(1, 1, 1.0);
        let mut s = scenario("2027-Q2");
        s.risk.attrition = 0.5;
        let plan = Plan { actions: vec![exam("2027-Q1", 0, 0)] };
        let model = Model::new(&inputs, &s, &plan, s.deadline).unwrap();
        let n = 20_000;
        let mut left = [0u32; 3];
        for i in 0..n {
            left[draw(&model, i).fates[0].left.map_or(2, |q| q)] += 1;
        }
        let share = |k: usize| f64::from(left[k]) / n as f64;
        assert!((share(0) - 0.5).abs() < 0.02 && (share(1) - 0.25).abs() < 0.02 && (share(2) - 0.25).abs() < 0.02);
    }

    #[test]
    fn the_all_pass_outcome_sets_the_aimed_track_and_counts() {
        let inputs = inputs(3, 2, 0.5);
        let plan = Plan { actions: vec![exam("2027-Q1", 0, 0), exam("2027-Q1", 1, 0)] };
        let model = Model::new(&inputs, &scenario("2027-Q1"), &plan, Quarter::parse("2027-Q1").unwrap()).unwrap();
        assert_eq!(model.targets[0].aimed, 0);
        assert_eq!(model.targets[0].all_pass, vec![vec![], vec![2]]);
        assert!(model.behind_group(0, 0) && !model.behind_group(1, 0));
    }
}
