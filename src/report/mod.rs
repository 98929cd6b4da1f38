//! What the tool prints and writes: the score report, the ranked plan and the summary.

pub mod check;
pub mod plan;
pub mod score;

pub use score::score_csv;
