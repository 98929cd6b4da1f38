//! `certplan compare`: scenarios from several files solved side by side, checked for names
//! used twice, and ranked.

use crate::batch::{self, Progress, RunResult, ScenarioRun, FAILED};
use crate::io::issues::Location;
use crate::io::{Code, InputPaths, Issue};
use crate::model::Date;
use crate::solver::SolveOptions;
use std::collections::HashSet;
use std::path::PathBuf;

/// Every scenario of a comparison, in the order of the files and their sweeps.
pub struct Comparison {
    /// The scenarios.
    pub entries: Vec<Entry>,
}

/// One scenario of a comparison.
pub struct Entry {
    /// How it ended.
    pub run: ScenarioRun,
    /// Whether an earlier scenario of the comparison has the same name: it then has no row
    /// and no folder of its own, only a problem (its outputs would overwrite the other's).
    pub duplicate: bool,
}

/// One line of the ranking.
pub struct Rank {
    /// The scenario's name.
    pub name: String,
    /// How its solve ended (`bad input` when its files could not be read).
    pub status: &'static str,
    /// The objective's value, when there is a plan.
    pub objective: Option<f64>,
    /// The plan's total cost (0 without a plan).
    pub cost: f64,
    /// The currency of the cost.
    pub currency: String,
    /// Probability that every target qualifies with the plan, when there is one.
    pub probability: Option<f64>,
}

impl Comparison {
    /// Solves every scenario of `files` on `threads` threads (0 = all cores).
    pub fn run(
        files: &[PathBuf],
        overrides: &InputPaths,
        today: Date,
        options: SolveOptions,
        threads: usize,
        progress: &Progress,
    ) -> anyhow::Result<Comparison> {
        let runs = batch::run_many(files, overrides, today, options, threads, progress)?;
        let mut names = HashSet::new();
        let entries = runs.into_iter().map(|run| Entry { duplicate: !names.insert(run.name.clone()), run }).collect();
        Ok(Comparison { entries })
    }

    /// The scenarios that have a row and outputs of their own: all but repeated names.
    pub fn unique(&self) -> impl Iterator<Item = &ScenarioRun> {
        self.entries.iter().filter(|e| !e.duplicate).map(|e| &e.run)
    }

    /// Whether a scenario with outputs of its own failed to solve.
    pub fn failed(&self) -> bool {
        self.unique().any(|run| matches!(run.result, RunResult::Failed(_)))
    }

    /// Whether no scenario could be read (each has bad input or repeats a name): the
    /// comparison then has nothing to write at all.
    pub fn all_bad(&self) -> bool {
        self.unique().all(|run| matches!(run.result, RunResult::BadInput(_)))
    }

    /// Every input problem, in scenario order: a repeated name, or a file's own problems.
    pub fn problems(&self) -> Vec<Issue> {
        let mut problems = Vec::new();
        for Entry { run, duplicate } in &self.entries {
            if *duplicate {
                problems.push(Issue {
                    code: Code::DuplicateId,
                    file: run.path.clone(),
                    location: Location::Key("name".into()),
                    message: format!(
                        "scenario name `{}` is used by another scenario of this comparison; names must be unique",
                        run.name
                    ),
                });
            } else if let RunResult::BadInput(e) = &run.result {
                problems.extend(e.0.iter().cloned());
            }
        }
        problems
    }

    /// Every scenario ranked: those with a plan by total cost (objectives of different
    /// scenarios need not be comparable, their cost always is), then the infeasible and
    /// failed ones, by name.
    pub fn ranking(&self) -> Vec<Rank> {
        let mut rows: Vec<Rank> = self
            .entries
            .iter()
            .map(|Entry { run, .. }| {
                let name = run.name.clone();
                match &run.result {
                    RunResult::Solved(planned) => Rank {
                        name,
                        status: batch::status_label(&planned.outcome.status),
                        objective: planned.outcome.objective,
                        cost: planned.outcome.cost,
                        currency: planned.inputs.org.profile.currency.clone(),
                        probability: planned.risk.as_ref().map(|r| r.assessment.all.probability),
                    },
                    RunResult::Failed(_) => Rank {
                        name,
                        status: FAILED,
                        objective: None,
                        cost: 0.0,
                        currency: String::new(),
                        probability: None,
                    },
                    RunResult::BadInput(_) => Rank {
                        name,
                        status: "bad input",
                        objective: None,
                        cost: 0.0,
                        currency: String::new(),
                        probability: None,
                    },
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.objective.is_none().cmp(&b.objective.is_none()))
                .then(a.cost.total_cmp(&b.cost))
                .then(a.name.cmp(&b.name))
        });
        rows
    }
}
