//! The domain: certifications, rules, organisations, scenarios, plans, and scoring.
//!
//! Nothing here knows about files, command lines or the solver.

pub mod catalog;
pub mod cost;
pub mod date;
pub mod evaluate;
pub mod goal;
pub mod org;
pub mod plan;
pub mod rules;
pub mod scenario;

pub use catalog::{Catalog, CertIdx, Certification, Level};
pub use date::{Date, Quarter};
pub use org::{EmpIdx, Employee, Holding, Organisation, Profile};
pub use plan::{Action, ActionKind, Plan};
pub use rules::{Category, Designation, Metric, RuleSet, Step, StepGroups, Threshold, TrackRule};
pub use scenario::{Goal, Objective, RiskSettings, Scenario, StepBuffers};

/// Everything a scenario or a score is computed from.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The catalogue.
    pub catalog: Catalog,
    /// The rule set.
    pub rules: RuleSet,
    /// The organisation.
    pub org: Organisation,
}
