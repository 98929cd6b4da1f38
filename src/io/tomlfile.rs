//! Reading TOML by key path, recording a problem for every bad value instead of stopping
//! at the first (serde would stop at the first).

use super::csvfile::parse_bool;
use super::issues::{Code, Issues, Location};
use super::{limits, text};
use crate::model::{Date, Quarter};
use std::fmt::Display;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// Reads and parses a TOML file; a syntax error is recorded with its line and column.
pub fn read(path: &Path, issues: &mut Issues) -> Option<Table> {
    let text = text::read_utf8(path, limits::MAX_TOML_BYTES, issues)?;
    match text.parse::<Table>() {
        Ok(t) => Some(t),
        Err(e) => {
            let location = e.span().map_or(Location::File, |span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Location::LineColumn(line, column)
            });
            issues.push(Code::Unreadable, path, location, format!("not valid TOML: {}", e.message()));
            None
        }
    }
}

/// Joins a key path: `key_path("designations[0]", "id")` = `designations[0].id`.
pub fn key_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Typed access to one TOML file's values, recording problems by key path.
pub struct Reader<'i> {
    path: PathBuf,
    issues: &'i mut Issues,
}

impl<'i> Reader<'i> {
    /// A reader for the file at `path`.
    pub fn new(path: &Path, issues: &'i mut Issues) -> Reader<'i> {
        Reader { path: path.to_path_buf(), issues }
    }

    /// Records a problem at `key`.
    pub fn issue(&mut self, code: Code, key: &str, message: impl Into<String>) {
        self.issues.push(code, &self.path, Location::Key(key.to_string()), message);
    }

    fn wrong_type(&mut self, key: &str, found: &Value, expected: &str) {
        let found = match found {
            Value::String(s) => format!("the string \"{s}\""),
            Value::Integer(i) => format!("the number {i}"),
            Value::Float(f) => format!("the number {f}"),
            Value::Boolean(b) => format!("the boolean {b}"),
            Value::Datetime(d) => format!("the date {d}"),
            Value::Array(_) => "a list".to_string(),
            Value::Table(_) => "a table".to_string(),
        };
        self.issue(Code::WrongType, key, format!("found {found}; expected {expected}"));
    }

    /// Records that a required key is missing.
    pub fn missing(&mut self, key: &str, expected: &str) {
        self.issue(Code::MissingValue, key, format!("is missing; expected {expected}"));
    }

    /// Records every key of table `t` (at `prefix`) that is not one of `known`, with a "did
    /// you mean" suggestion when a known key is close. Unknown keys are almost always typos
    /// (`budegt = 5000`), and ignoring them silently drops the setting the user meant.
    pub fn only_keys(&mut self, t: &Table, prefix: &str, known: &[&str]) {
        for key in t.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let hint = match suggest(key, known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("expected one of: {}", known.join(", ")),
            };
            let what = if prefix.is_empty() { "this file".to_string() } else { format!("`{prefix}`") };
            self.issue(Code::UnknownKey, &key_path(prefix, key), format!("`{key}` is not a key of {what}; {hint}"));
        }
    }

    /// A string value.
    pub fn string(&mut self, t: &Table, prefix: &str, key: &str) -> Option<String> {
        let path = key_path(prefix, key);
        match t.get(key)? {
            Value::String(s) => Some(s.trim().to_string()),
            other => {
                self.wrong_type(&path, other, "a string");
                None
            }
        }
    }

    /// One of a fixed set of words, `choices` pairing each word with its value; a missing
    /// key gives the first. A word outside the set is recorded as "\"x\" is not {what};
    /// expected ..." listing the words, and also gives the first, so that one bad setting
    /// does not hide the problems after it.
    pub fn choice<T: Copy>(&mut self, t: &Table, prefix: &str, key: &str, what: &str, choices: &[(&str, T)]) -> T {
        let default = choices[0].1;
        let Some(word) = self.string(t, prefix, key) else { return default };
        if let Some(&(_, value)) = choices.iter().find(|(w, _)| *w == word) {
            return value;
        }
        let quoted: Vec<String> = choices.iter().map(|(w, _)| format!("\"{w}\"")).collect();
        let (last, rest) = quoted.split_last().expect("a choice has at least one word");
        let expected = if rest.is_empty() { last.clone() } else { format!("{} or {last}", rest.join(", ")) };
        self.issue(Code::BadChoice, &key_path(prefix, key), format!("\"{word}\" is not {what}; expected {expected}"));
        default
    }

    /// A required string value.
    pub fn required_string(&mut self, t: &Table, prefix: &str, key: &str) -> Option<String> {
        if !t.contains_key(key) {
            self.missing(&key_path(prefix, key), "a string");
        }
        self.string(t, prefix, key)
    }

    /// A number from `min` to `max` (integer or float). The upper bound keeps absurd values
    /// (`1e308`, usually a typo) from reaching the optimiser, where they would overflow sums
    /// or defeat its tolerances.
    pub fn number(&mut self, t: &Table, prefix: &str, key: &str, min: f64, max: f64, what: &str) -> Option<f64> {
        let path = key_path(prefix, key);
        let value = match t.get(key)? {
            Value::Integer(i) => *i as f64,
            Value::Float(f) if f.is_finite() => *f,
            Value::String(s) => match s.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    self.issue(Code::BadNumber, &path, format!("\"{s}\" is not a number; expected {what}"));
                    return None;
                }
            },
            other => {
                self.wrong_type(&path, other, what);
                return None;
            }
        };
        self.within(&path, value, (min, Code::OutOfRange), max, what, &format!("{what} up to {max}"))
    }

    /// A whole number from `min` to `max`; a value outside is recorded with `code` (below)
    /// or E008 (above the limit).
    pub fn integer(&mut self, t: &Table, prefix: &str, key: &str, min: i64, max: i64, code: Code) -> Option<i64> {
        let path = key_path(prefix, key);
        let value = match t.get(key)? {
            Value::Integer(i) => *i,
            Value::Float(f) if f.fract() == 0.0 && *f >= i64::MIN as f64 && *f <= i64::MAX as f64 => *f as i64,
            Value::Float(f) => {
                self.issue(code, &path, format!("{f} is not a whole number ≥ {min}"));
                return None;
            }
            other => {
                self.wrong_type(&path, other, &format!("a whole number ≥ {min}"));
                return None;
            }
        };
        let what = format!("a whole number ≥ {min}");
        self.within(&path, value, (min, code), max, &what, &format!("a whole number from {min} to {max}"))
    }

    /// `value` when it is from `min` to `max`. Below `min` is recorded with the given code as
    /// "is below; expected {what}"; above `max` always as E008, "the limit", expecting
    /// `up_to` (which names the limit).
    fn within<T: PartialOrd + Display>(
        &mut self,
        path: &str,
        value: T,
        (min, below): (T, Code),
        max: T,
        what: &str,
        up_to: &str,
    ) -> Option<T> {
        if value < min {
            self.issue(below, path, format!("{value} is below {min}; expected {what}"));
            return None;
        }
        if value > max {
            self.issue(Code::OutOfRange, path, format!("{value} is above {max}, the limit; expected {up_to}"));
            return None;
        }
        Some(value)
    }

    /// A boolean (TOML boolean, or one of the contract's boolean words).
    pub fn boolean(&mut self, t: &Table, prefix: &str, key: &str) -> Option<bool> {
        let path = key_path(prefix, key);
        match t.get(key)? {
            Value::Boolean(b) => Some(*b),
            Value::String(s) => {
                self.parsed(&path, s, Code::BadBool, parse_bool, || "a boolean; expected true or false".into())
            }
            Value::Integer(0) => Some(false),
            Value::Integer(1) => Some(true),
            other => {
                self.wrong_type(&path, other, "true or false");
                None
            }
        }
    }

    /// An ISO date (a TOML date or a string).
    pub fn date(&mut self, t: &Table, prefix: &str, key: &str) -> Option<Date> {
        let path = key_path(prefix, key);
        let text = match t.get(key)? {
            Value::String(s) => s.trim().to_string(),
            Value::Datetime(d) => d.to_string(),
            other => {
                self.wrong_type(&path, other, "a date YYYY-MM-DD");
                return None;
            }
        };
        self.parsed(&path, &text, Code::BadDate, Date::parse, || {
            format!("a date; expected YYYY-MM-DD {}", limits::years())
        })
    }

    /// A quarter like `2027-Q1`.
    pub fn quarter(&mut self, t: &Table, prefix: &str, key: &str) -> Option<Quarter> {
        let path = key_path(prefix, key);
        let text = self.string(t, prefix, key)?;
        self.parsed(&path, &text, Code::BadQuarter, Quarter::parse, || {
            format!("a quarter; expected YYYY-Qn such as 2027-Q1, {}", limits::years())
        })
    }

    /// `text` as `parse` reads it; text it rejects is recorded at `path` with `code` as
    /// "\"text\" is not {is_not}" (a closure: good values build no message).
    fn parsed<T>(
        &mut self,
        path: &str,
        text: &str,
        code: Code,
        parse: impl FnOnce(&str) -> Option<T>,
        is_not: impl FnOnce() -> String,
    ) -> Option<T> {
        let value = parse(text);
        if value.is_none() {
            self.issue(code, path, format!("\"{text}\" is not {}", is_not()));
        }
        value
    }

    /// A list of strings (a lone string is taken as a one-item list).
    pub fn strings(&mut self, t: &Table, prefix: &str, key: &str) -> Option<Vec<String>> {
        let path = key_path(prefix, key);
        match t.get(key)? {
            Value::String(s) => Some(vec![s.trim().to_string()]),
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.trim().to_string()),
                        other => self.wrong_type(&format!("{path}[{i}]"), other, "a string"),
                    }
                }
                Some(out)
            }
            other => {
                self.wrong_type(&path, other, "a list of strings");
                None
            }
        }
    }

    /// A sub-table.
    pub fn table<'t>(&mut self, t: &'t Table, prefix: &str, key: &str) -> Option<&'t Table> {
        let path = key_path(prefix, key);
        match t.get(key)? {
            Value::Table(sub) => Some(sub),
            other => {
                self.wrong_type(&path, other, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[key]]`).
    pub fn tables<'t>(&mut self, t: &'t Table, prefix: &str, key: &str) -> Vec<&'t Table> {
        let path = key_path(prefix, key);
        match t.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Value::Table(sub) => Some(sub),
                    other => {
                        self.wrong_type(&format!("{path}[{i}]"), other, "a table");
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.wrong_type(&path, other, "a list of tables");
                Vec::new()
            }
        }
    }
}

/// The known word closest to `word` when it is close enough to be a typo of it: at most one
/// edit for words up to 4 characters, two up to 8, three beyond (case, `-` for `_` and
/// swapped neighbours are forgiven or count once). `None` when nothing is that close.
pub fn suggest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let norm = |w: &str| -> Vec<char> { w.to_lowercase().replace('-', "_").chars().collect() };
    let word = norm(word);
    let allowed = match word.len() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    known
        .iter()
        .map(|k| (edit_distance(&word, &norm(k)), *k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one (`budegt` → `budget` is one edit).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_key_a_typo_was_meant_to_be() {
        let known = ["budget", "buffer", "hours_per_quarter", "org", "rules"];
        assert_eq!(suggest("budegt", &known), Some("budget"));
        assert_eq!(suggest("Budget", &known), Some("budget"));
        assert_eq!(suggest("bufer", &known), Some("buffer"));
        assert_eq!(suggest("hours-per-quarter", &known), Some("hours_per_quarter"));
        assert_eq!(suggest("hour_per_quartr", &known), Some("hours_per_quarter"));
        assert_eq!(suggest("rule", &known), Some("rules"));
        assert_eq!(suggest("team", &known), None);
        assert_eq!(suggest("xyz", &known), None);
    }
}
