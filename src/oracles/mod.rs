//! What the tests and benchmarks measure the optimiser against; not part of the product, so
//! only built with feature `oracles` (which the tests and benches turn on through the crate's
//! dev-dependency on itself, and `highs` implies).
//!
//! - [`textbook`]: the contract as one direct integer program, sharing nothing with
//!   [`crate::solver`]: the cross-check (microlp on tiny instances, HiGHS with `highs`).
//! - [`heuristic`]: the advisor's spreadsheet method, the baseline the savings are quoted
//!   against. It reads people's options from [`crate::solver::bundles`], so that the
//!   comparison is about the choice, not the modelling.

pub mod heuristic;
pub mod textbook;
