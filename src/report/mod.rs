//! What the tool prints and writes: the score report, the ranked plan and the summary, the
//! files of `plan` and `compare`, the designations and frontier tables, and the terminal
//! text.

pub mod check;
pub mod designations;
pub mod files;
pub mod frontier;
pub mod html;
pub mod plan;
pub mod risk;
pub mod score;
pub mod terminal;
pub mod workbook;

pub use score::score_csv;

/// A table row for a solve that gave no outcome: its key first, the status
/// [`crate::batch::FAILED`], why in the last column, the other cells empty.
fn failed_cells(width: usize, key: String, why: &str) -> Vec<String> {
    let mut cells = vec![String::new(); width];
    cells[0] = key;
    cells[1] = crate::batch::FAILED.to_string();
    cells[width - 1] = why.to_string();
    cells
}
