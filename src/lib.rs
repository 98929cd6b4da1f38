//! certplan: which employees should take which Microsoft certification exams, and when, so
//! that a partner's Solutions Partner designations qualify at the lowest cost or soonest.
//!
//! Layers, from the outside in: [`cli`] (arguments) → [`app`] (commands) → [`analysis`]
//! (what a command computes, as rows) and [`batch`] (solving many scenarios safely) → [`io`]
//! (files) and [`solver`] (the integer program) → [`model`] (the domain). [`report`] writes
//! every table and terminal text; [`check`] re-verifies every plan from the model alone;
//! [`risk`] estimates how likely a plan is to qualify when people fail exams and leave.
#![warn(missing_docs)]

pub mod analysis;
pub mod app;
pub mod batch;
pub mod check;
pub mod cli;
pub mod generate;
pub mod import;
pub mod io;
pub mod model;
#[cfg(feature = "oracles")]
pub mod oracles;
pub mod report;
pub mod risk;
pub mod solver;
