//! The `certplan designations` table: one row per designation or pair, cheapest first.

use crate::analysis::designations::DesignationRow;
use crate::io::csvout::{hours, money, CsvDoc};

/// Columns of the comparison table.
pub const HEADER: &[&str] =
    &["rank", "designations", "tracks", "status", "cost", "hours", "exams", "ready_by", "points_short_today", "why"];

/// The table of rows already in rank order.
pub fn designations_csv(rows: &[DesignationRow]) -> Vec<u8> {
    let mut doc = CsvDoc::new(HEADER);
    for (rank, r) in rows.iter().enumerate() {
        doc.row(&[
            (rank + 1).to_string(),
            r.designations.clone(),
            r.tracks.clone(),
            r.status.to_string(),
            r.cost.map_or(String::new(), money),
            r.hours.map_or(String::new(), hours),
            r.exams.map_or(String::new(), |e| e.to_string()),
            r.ready_by.clone(),
            money(r.points_short),
            r.why.clone(),
        ]);
    }
    doc.into_bytes()
}
