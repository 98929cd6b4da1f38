//! The `certplan frontier` table: one row per budget.

use crate::analysis::frontier::FrontierRow;
use crate::io::csvout::{hours, money, CsvDoc};
use crate::report::plan::probability;

/// Columns of the frontier table.
pub const HEADER: &[&str] =
    &["budget", "status", "qualifying_targets", "skilling_points", "cost", "hours", "exams", "scores", "probability"];

/// The table, a row per budget in the rows' order; a failed solve's message stands in
/// `scores`.
pub fn frontier_csv(rows: &[FrontierRow]) -> Vec<u8> {
    let mut doc = CsvDoc::new(HEADER);
    for row in rows {
        let cells = match &row.reached {
            Ok(r) => {
                let scores: Vec<String> =
                    r.targets.iter().map(|t| format!("{}={}", t.designation, money(t.after.score))).collect();
                vec![
                    money(row.budget),
                    r.status.to_string(),
                    r.qualifying.to_string(),
                    money(r.points),
                    money(r.cost),
                    hours(r.hours),
                    r.exams.to_string(),
                    scores.join(";"),
                    probability(r.odds.probability),
                ]
            }
            Err(why) => {
                // The message stays in `scores`, the last column before `probability`.
                let mut cells = super::failed_cells(HEADER.len() - 1, money(row.budget), why);
                cells.push(String::new());
                cells
            }
        };
        doc.row(&cells);
    }
    doc.into_bytes()
}
