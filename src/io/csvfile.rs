//! The one place that owns the CSV dialect the tool reads (contract conventions):
//! UTF-8 with optional BOM, comma separated, header row, columns in any order, unknown
//! columns ignored, cells trimmed, empty cell = not given, `;`-separated lists.

use super::issues::{Code, Issues, Location};
use crate::model::{Date, Quarter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A CSV file read into memory, with its header map.
pub struct CsvFile {
    path: PathBuf,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// Reads `path`, recording a problem for each missing `required` column. Returns `None`
/// when the file cannot be read at all.
pub fn read(path: &Path, required: &[&str], issues: &mut Issues) -> Option<CsvFile> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            issues.push(Code::Unreadable, path, Location::File, format!("cannot read the file: {e}"));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            issues.push(Code::Unreadable, path, Location::File, format!("not valid CSV: {e}"));
            return None;
        }
    };
    let mut columns = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        columns.entry(h.trim().to_ascii_lowercase()).or_insert(i);
    }
    for col in required {
        if !columns.contains_key(*col) {
            issues.push(
                Code::MissingColumn,
                path,
                Location::Line(1, None),
                format!(
                    "missing required column `{col}` (the header has: {})",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    // The csv crate's own line numbers miss blank lines and CRLF endings; count physical
    // lines from the byte offset instead, so errors point where an editor shows them.
    let line_of = |offset: u64| -> u64 {
        let mut at = offset as usize;
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| line_of(p.byte()));
                if r.iter().all(|cell| cell.is_empty()) {
                    continue;
                }
                rows.push((line, r));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                issues.push(Code::Unreadable, path, Location::Line(line, None), format!("not valid CSV: {e}"));
            }
        }
    }
    Some(CsvFile { path: path.to_path_buf(), columns, rows })
}

impl CsvFile {
    /// The data rows.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row { file: self, line: *line, record })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// One data row, with typed accessors that record problems instead of failing.
pub struct Row<'a> {
    file: &'a CsvFile,
    line: u64,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The 1-based line number.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The trimmed cell, `None` when the column is absent or the cell empty.
    pub fn get(&self, col: &str) -> Option<&'a str> {
        let i = *self.file.columns.get(col)?;
        self.record.get(i).map(str::trim).filter(|s| !s.is_empty())
    }

    fn at(&self, col: &str) -> Location {
        Location::Line(self.line, Some(col.to_string()))
    }

    /// Records a problem at this row and column.
    pub fn issue(&self, issues: &mut Issues, code: Code, col: &str, message: impl Into<String>) {
        issues.push(code, &self.file.path, self.at(col), message);
    }

    /// A required text cell.
    pub fn required(&self, col: &str, issues: &mut Issues) -> Option<&'a str> {
        let v = self.get(col);
        if v.is_none() && self.file.columns.contains_key(col) {
            self.issue(issues, Code::MissingValue, col, format!("`{col}` is empty; a value is required"));
        }
        v
    }

    /// A required id that must name something known: `find` resolves it, and an unknown
    /// id is recorded with `code` as "`id` is not {what}".
    pub fn reference<T>(
        &self,
        col: &str,
        code: Code,
        what: &str,
        find: impl Fn(&str) -> Option<T>,
        issues: &mut Issues,
    ) -> Option<T> {
        let id = self.required(col, issues)?;
        let found = find(id);
        if found.is_none() {
            self.issue(issues, code, col, format!("`{id}` is not {what}"));
        }
        found
    }

    /// A number ≥ `min`; `None` when empty or bad (bad is recorded).
    pub fn number(&self, col: &str, min: f64, what: &str, issues: &mut Issues) -> Option<f64> {
        let text = self.get(col)?;
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= min => Some(v),
            Ok(v) if v.is_finite() => {
                self.issue(issues, Code::OutOfRange, col, format!("`{text}` is below {min}; expected {what}"));
                None
            }
            _ => {
                self.issue(issues, Code::BadNumber, col, format!("`{text}` is not a number; expected {what}"));
                None
            }
        }
    }

    /// A required number ≥ `min`.
    pub fn required_number(&self, col: &str, min: f64, what: &str, issues: &mut Issues) -> Option<f64> {
        self.required(col, issues)?;
        self.number(col, min, what, issues)
    }

    /// A non-negative whole number.
    pub fn integer(&self, col: &str, issues: &mut Issues) -> Option<u32> {
        let text = self.get(col)?;
        match text.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.issue(issues, Code::BadNumber, col, format!("`{text}` is not a whole number ≥ 0"));
                None
            }
        }
    }

    /// An ISO date.
    pub fn date(&self, col: &str, issues: &mut Issues) -> Option<Date> {
        let text = self.get(col)?;
        let d = Date::parse(text);
        if d.is_none() {
            self.issue(issues, Code::BadDate, col, format!("`{text}` is not a date; expected YYYY-MM-DD"));
        }
        d
    }

    /// A quarter like `2027-Q1`.
    pub fn quarter(&self, col: &str, issues: &mut Issues) -> Option<Quarter> {
        let text = self.get(col)?;
        let q = Quarter::parse(text);
        if q.is_none() {
            self.issue(
                issues,
                Code::BadQuarter,
                col,
                format!("`{text}` is not a quarter; expected YYYY-Qn such as 2027-Q1"),
            );
        }
        q
    }

    /// A boolean (`true/false/yes/no/1/0`, any case).
    pub fn boolean(&self, col: &str, issues: &mut Issues) -> Option<bool> {
        let text = self.get(col)?;
        let b = parse_bool(text);
        if b.is_none() {
            self.issue(
                issues,
                Code::BadBool,
                col,
                format!("`{text}` is not a boolean; expected true/false/yes/no/1/0"),
            );
        }
        b
    }

    /// A `;`-separated list (empty items dropped).
    pub fn list(&self, col: &str) -> Vec<&'a str> {
        self.get(col).map_or_else(Vec::new, |s| s.split(';').map(str::trim).filter(|x| !x.is_empty()).collect())
    }
}

/// Parses the contract's booleans.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}
