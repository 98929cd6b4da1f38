//! The analyses behind the commands that solve many scenarios: each one builds its
//! scenarios, solves them through [`crate::batch`] and returns its rows as named structs;
//! [`crate::report`] turns the rows into tables and text.
//!
//! - [`compare`]: scenarios from files side by side, ranked by cost (`certplan compare`).
//! - [`designations`]: every designation and pair planned from one template.
//! - [`frontier`]: what each budget reaches (goal `max-points`).

pub mod compare;
pub mod designations;
pub mod frontier;
pub mod outlook;
