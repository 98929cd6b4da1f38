//! The partner's own data the import keeps: an HR file of people (`--employees`, or the
//! organisation's `employees.csv`) with every column a user typed, and the holdings already
//! recorded for people Partner Center does not show (not linked to the partner yet).

use crate::io::csvfile;
use crate::io::issues::Issues;
use crate::io::write_inputs::{HoldingRow, EMPLOYEE_COLUMNS};
use crate::model::{Catalog, Employee};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// People of an HR file.
#[derive(Clone, Debug, Default)]
pub struct Hr {
    /// As the contract's loader reads them (every bad value is an input error).
    pub employees: Vec<Employee>,
    /// Each employee's optional `email` cell, lower case.
    pub emails: Vec<Option<String>>,
    /// Columns of the user's own (not the contract's), as written.
    pub extra_headers: Vec<String>,
    /// Each employee's cells of those columns.
    pub extra_cells: Vec<Vec<String>>,
}

/// Reads the HR file at `path`, recording every problem.
pub fn read(path: &Path, catalog: &Catalog, issues: &mut Issues) -> Hr {
    let employees = crate::io::org::employees(path, catalog, issues);
    let Some(file) = csvfile::read(path, &[], &mut Issues::default()) else {
        return Hr { employees, ..Hr::default() };
    };
    let extra_headers: Vec<String> = file
        .headers()
        .iter()
        .filter(|h| !h.is_empty() && !EMPLOYEE_COLUMNS.contains(&h.to_lowercase().as_str()))
        .cloned()
        .collect();
    let mut by_id: HashMap<&str, (Option<String>, Vec<String>)> = HashMap::new();
    for row in file.rows() {
        let Some(id) = row.get("id") else { continue };
        by_id.entry(id).or_insert_with(|| {
            let cells = extra_headers.iter().map(|h| row.get(&h.to_lowercase()).unwrap_or_default().to_string());
            (row.get("email").map(str::to_lowercase), cells.collect())
        });
    }
    let (emails, extra_cells) = employees.iter().map(|e| by_id.get(e.id.as_str()).cloned().unwrap_or_default()).unzip();
    Hr { employees, emails, extra_headers, extra_cells }
}

/// The rows of the holdings file at `path` (when it exists) whose employee is one of `keep`,
/// as typed.
pub fn kept_holdings(path: &Path, keep: &[&str], issues: &mut Issues) -> Vec<HoldingRow> {
    if !path.exists() || keep.is_empty() {
        return Vec::new();
    }
    let Some(file) = csvfile::read(path, &["employee_id", "certification"], issues) else {
        return Vec::new();
    };
    let keep: HashSet<&str> = keep.iter().copied().collect();
    let cell = |row: &csvfile::Row, col: &str| row.get(col).unwrap_or_default().to_string();
    file.rows()
        .filter(|row| row.get("employee_id").is_some_and(|id| keep.contains(id)))
        .map(|row| HoldingRow {
            employee_id: cell(&row, "employee_id"),
            certification: cell(&row, "certification"),
            earned_on: cell(&row, "earned_on"),
            expires_on: cell(&row, "expires_on"),
        })
        .collect()
}
