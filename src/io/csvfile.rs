//! The one place that owns the CSV dialects the tool reads (contract conventions):
//! UTF-8 with optional BOM, comma separated, header row, columns in any order, unknown
//! columns ignored, cells trimmed, empty cell = not given, `;`-separated lists.
//!
//! Spreadsheet programs re-save these files in their locale's dialect: Dutch and German
//! Excel separate cells with `;` and write decimal commas (`62,5`), "Text (Tab delimited)"
//! separates them with tabs. The dialect is detected from the header line (see [`Dialect`]),
//! so such a file loads as it is rather than failing with "missing column id (the header
//! has: id;name;…)".

use super::issues::{Code, Issues, Location};
use super::{limits, text};
use crate::model::{Date, Quarter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How a file separates its cells, detected from its header line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `,` (the contract's own), decimal points.
    Comma,
    /// `;` (Excel in locales whose decimal separator is a comma), decimal commas accepted.
    Semicolon,
    /// Tab, decimal points.
    Tab,
}

impl Dialect {
    /// The dialect of a file whose first line is `header`: the separator found most often
    /// outside quoted cells (tab, then `;`, when tied with more frequent ones). A header holds
    /// column names, which contain none of the three, so a one-column header is read as
    /// comma-separated. Looks at the header only, so reading stays one pass over the file.
    pub fn detect(header: &[u8]) -> Dialect {
        let (mut commas, mut semicolons, mut tabs, mut quoted) = (0usize, 0usize, 0usize, false);
        for &b in header.iter().take_while(|&&b| b != b'\n') {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => commas += 1,
                b';' if !quoted => semicolons += 1,
                b'\t' if !quoted => tabs += 1,
                _ => {}
            }
        }
        if tabs > 0 && tabs >= commas.max(semicolons) {
            Dialect::Tab
        } else if semicolons > commas {
            Dialect::Semicolon
        } else {
            Dialect::Comma
        }
    }

    /// The dialect whose separator is `separator` (any byte but `;` and tab: comma).
    pub fn of_separator(separator: u8) -> Dialect {
        match separator {
            b';' => Dialect::Semicolon,
            b'\t' => Dialect::Tab,
            _ => Dialect::Comma,
        }
    }

    /// The cell separator.
    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::Comma => b',',
            Dialect::Semicolon => b';',
            Dialect::Tab => b'\t',
        }
    }

    /// How messages name the dialect.
    pub fn describe(self) -> &'static str {
        match self {
            Dialect::Comma => "comma-separated",
            Dialect::Semicolon => "`;`-separated with decimal commas",
            Dialect::Tab => "tab-separated",
        }
    }
}

/// A CSV file read into memory, with its header map.
pub struct CsvFile {
    path: PathBuf,
    dialect: Dialect,
    headers: Vec<String>,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// Reads `path`, recording a problem for each missing `required` column. Returns `None`
/// when the file cannot be read at all (missing, too large, not UTF-8, more rows than
/// [`limits::MAX_ROWS`]).
pub fn read(path: &Path, required: &[&str], issues: &mut Issues) -> Option<CsvFile> {
    read_separated(path, required, |bytes| Dialect::detect(bytes).delimiter(), issues)
}

/// [`read`] with the field separator that `separator` picks from the file's bytes (the plan
/// `check` reads may be in any dialect the tool writes, see [`super::dialect`]); a `;`
/// separator brings decimal commas with it, as in [`Dialect::Semicolon`].
pub fn read_separated(
    path: &Path,
    required: &[&str],
    separator: impl Fn(&[u8]) -> u8,
    issues: &mut Issues,
) -> Option<CsvFile> {
    let mut bytes = text::read_utf8(path, limits::MAX_CSV_BYTES, issues)?.into_bytes();
    let dialect = Dialect::of_separator(separator(&bytes));
    // No cell of these files may hold a line break, so a quote left open at the end of a line
    // is a missing closing quote: report it and blank that line (keeping every byte offset, so
    // later line numbers stay right) instead of letting the quote swallow the following rows.
    for open in open_quotes(&bytes, dialect.delimiter()) {
        issues.push(
            Code::Unreadable,
            path,
            Location::Line(open.line, None),
            format!(
                "not valid CSV: the quote that opens a cell at character {} is not closed on this line; \
                 a cell cannot run across lines (add the missing closing `\"`); this row is skipped",
                open.column
            ),
        );
        bytes[open.content].fill(b' ');
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(dialect.delimiter())
        .from_reader(&bytes[..]);
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
                    "missing required column `{col}` (the header, read as {}, has: {})",
                    dialect.describe(),
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    let mut lines = Lines::new(&bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.of(p.byte()));
                if r.iter().all(|cell| cell.is_empty()) {
                    continue;
                }
                if rows.len() == limits::MAX_ROWS {
                    let message = format!(
                        "has more than {} data rows, the limit; split the organisation or remove rows",
                        limits::MAX_ROWS
                    );
                    issues.push(Code::TooLarge, path, Location::Line(line, None), message);
                    return None;
                }
                // A `;`-list typed unquoted into a `;`-separated file spills into cells beyond
                // the header, which would silently drop all but its first item.
                if dialect == Dialect::Semicolon && r.iter().skip(headers.len()).any(|cell| !cell.is_empty()) {
                    let message = format!(
                        "has {} cells, the header {}: in a `;`-separated file a list must be quoted, as in \
                         \"AZ-104;AZ-305\"; this row is skipped",
                        r.len(),
                        headers.len()
                    );
                    issues.push(Code::Unreadable, path, Location::Line(line, None), message);
                    continue;
                }
                rows.push((line, r));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.of(p.byte()));
                issues.push(Code::Unreadable, path, Location::Line(line, None), format!("not valid CSV: {e}"));
            }
        }
    }
    let headers = headers.iter().map(|h| h.trim().to_string()).collect();
    Some(CsvFile { path: path.to_path_buf(), dialect, headers, columns, rows })
}

/// Physical line numbers (1-based) of the byte offsets where records start, as an editor
/// shows them. The csv crate's own line numbers miss blank lines and CRLF endings, so lines
/// are counted from the bytes; offsets arrive in increasing order, so counting goes on from
/// the previous offset and each byte is looked at once (recounting from byte 0 for every row
/// made 50 000 rows take a minute).
struct Lines<'b> {
    bytes: &'b [u8],
    /// The offset counted up to.
    at: usize,
    /// The line of `at`.
    line: u64,
    /// Bytes looked at so far (the linearity test reads it).
    scanned: usize,
}

impl<'b> Lines<'b> {
    fn new(bytes: &'b [u8]) -> Lines<'b> {
        Lines { bytes, at: 0, line: 1, scanned: 0 }
    }

    /// The line of the first character at or after `offset` that is not a line break (a
    /// record's position is where the blank lines before it begin).
    fn of(&mut self, offset: u64) -> u64 {
        let mut target = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.at {
            // Offsets never go back; should one, count again from the start, still right.
            (self.at, self.line) = (0, 1);
        }
        self.line += self.bytes[self.at..target].iter().filter(|&&b| b == b'\n').count() as u64;
        self.scanned += target - self.at;
        self.at = target;
        self.line
    }
}

/// A line whose quoted cell is not closed before the line ends.
#[derive(Debug, PartialEq)]
struct OpenQuote {
    /// 1-based line number.
    line: u64,
    /// 1-based character of the line where the quote is.
    column: usize,
    /// The line's bytes without its line break.
    content: std::ops::Range<usize>,
}

/// Every line on which a quoted cell opens and is not closed, read the way the csv crate
/// reads (RFC 4180) with cells separated by `delimiter`: a quote opens a quoted cell only as a
/// cell's first character, `""` inside one is a literal quote, and a quote elsewhere is an
/// ordinary character. One pass over the bytes, each line on its own (a cell never
/// legitimately spans lines here).
fn open_quotes(bytes: &[u8], delimiter: u8) -> Vec<OpenQuote> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut found = Vec::new();
    let mut start = 0;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let mut state = State::CellStart;
        let mut opened_at = 0;
        for (i, &b) in line.iter().enumerate() {
            state = match (state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, b'\r') => break,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::CellStart, b'"') => {
                    opened_at = i;
                    State::Quoted
                }
                (_, b'\r') => State::CellStart,
                (_, b) if b == delimiter => State::CellStart,
                _ => State::Unquoted,
            };
        }
        if state == State::Quoted {
            let column = String::from_utf8_lossy(&line[..opened_at]).chars().count() + 1;
            let content = line.strip_suffix(b"\r").unwrap_or(line).len();
            found.push(OpenQuote { line: index as u64 + 1, column, content: start..start + content });
        }
        start += line.len() + 1;
    }
    found
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

    /// How the file separates its cells.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The header's column names as written (trimmed).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Whether the header has the column `col` (lower case).
    pub fn has_column(&self, col: &str) -> bool {
        self.columns.contains_key(col)
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
        self.record.get(i).map(str::trim).map(formula_unescaped).filter(|s| !s.is_empty())
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

    /// A required `id` not on an earlier row: `seen` holds each id's first line. A repeat
    /// is recorded, naming the `kind` of thing and that line, and gives `None` so that the
    /// caller keeps the first row only.
    pub fn unique_id(&self, kind: &str, seen: &mut HashMap<String, u64>, issues: &mut Issues) -> Option<&'a str> {
        let id = self.required("id", issues)?;
        if let Some(first) = seen.insert(id.to_string(), self.line) {
            self.issue(
                issues,
                Code::DuplicateId,
                "id",
                format!("{kind} `{id}` is listed twice (first on line {first}); ids must be unique"),
            );
            return None;
        }
        Some(id)
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

    /// A number from `min` to `max`; `None` when empty or bad (bad is recorded). The upper
    /// bound keeps absurd values (`1e308`, usually a typo or a corrupted cell) from reaching
    /// the optimiser, where they would overflow sums or defeat its tolerances.
    pub fn number(&self, col: &str, min: f64, max: f64, what: &str, issues: &mut Issues) -> Option<f64> {
        let text = self.get(col)?;
        match self.decimal(text).parse::<f64>() {
            Ok(v) if v.is_finite() && v >= min && v <= max => Some(v),
            Ok(v) if v.is_finite() && v < min => {
                self.issue(issues, Code::OutOfRange, col, format!("`{text}` is below {min}; expected {what}"));
                None
            }
            Ok(v) if v.is_finite() => {
                self.issue(
                    issues,
                    Code::OutOfRange,
                    col,
                    format!("`{text}` is above {max}, the limit; expected {what} up to {max}"),
                );
                None
            }
            _ => {
                let note = match self.file.dialect {
                    Dialect::Semicolon => " (this file is `;`-separated, so a decimal comma as in 62,5 is read too)",
                    _ => "",
                };
                self.issue(issues, Code::BadNumber, col, format!("`{text}` is not a number; expected {what}{note}"));
                None
            }
        }
    }

    /// A number's text with a decimal comma made a point, in a `;`-separated file (`62,5` is
    /// 62.5 there; a comma-separated file cannot hold one unquoted, and no dialect has
    /// thousands separators, so one comma and no point is always a decimal comma).
    pub fn decimal(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.file.dialect == Dialect::Semicolon && text.matches(',').count() == 1 && !text.contains('.') {
            std::borrow::Cow::Owned(text.replace(',', "."))
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// A required number from `min` to `max`.
    pub fn required_number(&self, col: &str, min: f64, max: f64, what: &str, issues: &mut Issues) -> Option<f64> {
        self.required(col, issues)?;
        self.number(col, min, max, what, issues)
    }

    /// A whole number from 0 to `max`.
    pub fn integer(&self, col: &str, max: u32, issues: &mut Issues) -> Option<u32> {
        let text = self.get(col)?;
        match text.parse::<u32>() {
            Ok(v) if v <= max => Some(v),
            Ok(_) => {
                self.issue(issues, Code::OutOfRange, col, format!("`{text}` is above {max}, the limit"));
                None
            }
            Err(_) => {
                self.issue(issues, Code::BadNumber, col, format!("`{text}` is not a whole number ≥ 0"));
                None
            }
        }
    }

    /// An ISO date.
    ///
    /// In a `;`-separated file the spreadsheet's day-first short date (`31-5-2027`,
    /// `31.05.2027`, `31/05/2027`) reads too: Excel rewrites the dates of a file it re-saves
    /// in the locale's form, and every locale whose Excel separates cells with `;` (those
    /// with a decimal comma: Dutch, German, French, …) writes the day first.
    pub fn date(&self, col: &str, issues: &mut Issues) -> Option<Date> {
        let day_first = self.file.dialect == Dialect::Semicolon;
        let parse = |text: &str| Date::parse(text).or_else(|| day_first.then(|| parse_day_first(text)).flatten());
        self.parsed(col, issues, Code::BadDate, parse, || {
            let also = if day_first { " (or day first, as 31-5-2027, in this `;`-separated file)" } else { "" };
            format!("a date; expected YYYY-MM-DD{also} {}", limits::years())
        })
    }

    /// A quarter like `2027-Q1`.
    pub fn quarter(&self, col: &str, issues: &mut Issues) -> Option<Quarter> {
        self.parsed(col, issues, Code::BadQuarter, Quarter::parse, || {
            format!("a quarter; expected YYYY-Qn such as 2027-Q1, {}", limits::years())
        })
    }

    /// A boolean (`true/false/yes/no/1/0`, any case).
    pub fn boolean(&self, col: &str, issues: &mut Issues) -> Option<bool> {
        self.parsed(col, issues, Code::BadBool, parse_bool, || "a boolean; expected true/false/yes/no/1/0".into())
    }

    /// A cell that `parse` reads; one it rejects is recorded with `code` as "`text` is not
    /// {is_not}". `is_not` is a closure so that good cells, the millions of a large file,
    /// build no message.
    fn parsed<T>(
        &self,
        col: &str,
        issues: &mut Issues,
        code: Code,
        parse: impl FnOnce(&str) -> Option<T>,
        is_not: impl FnOnce() -> String,
    ) -> Option<T> {
        let text = self.get(col)?;
        let value = parse(text);
        if value.is_none() {
            self.issue(issues, code, col, format!("`{text}` is not {}", is_not()));
        }
        value
    }

    /// A `;`-separated list (empty items dropped).
    pub fn list(&self, col: &str) -> Vec<&'a str> {
        self.get(col).map_or_else(Vec::new, |s| s.split(';').map(str::trim).filter(|x| !x.is_empty()).collect())
    }
}

/// A day-first date `d-m-yyyy` with `-`, `.` or `/` (one or two digits for day and month).
fn parse_day_first(text: &str) -> Option<Date> {
    let separator = text.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !small(day) || !small(month) {
        return None;
    }
    Date::parse(&format!("{year}-{month:0>2}-{day:0>2}"))
}

/// Parses the contract's booleans.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// A cell as it was before the tool neutralised it: written CSV puts a `'` before a cell a
/// spreadsheet would run as a formula (see [`super::csvout::safe`]), and every file the tool writes must read back as written (an employee
/// id `=e03` is written `'=e03`).
fn formula_unescaped(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(super::csvout::FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading every record's line looks at each byte once, not once per later row (the
    /// quadratic recount made 50 000 rows take a minute), and the lines are the physical ones.
    #[test]
    fn line_numbers_look_at_each_byte_once() {
        let mut text = String::from("id,name\r\n");
        for i in 0..10_000 {
            text.push_str(&format!("e{i},Person {i}\r\n"));
            if i % 1000 == 0 {
                text.push('\n');
            }
        }
        let bytes = text.as_bytes();
        let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
        let mut lines = Lines::new(bytes);
        let found: Vec<u64> = reader.records().map(|r| lines.of(r.unwrap().position().unwrap().byte())).collect();
        assert_eq!(found.len(), 10_000);
        assert_eq!((found[0], found[1], found[1001], found[9999]), (2, 4, 1005, 10_011));
        assert!(lines.scanned <= bytes.len(), "{} bytes looked at for a file of {}", lines.scanned, bytes.len());
    }

    #[test]
    fn detects_the_dialect_from_the_header_line() {
        assert_eq!(Dialect::detect(b"id,name,exclude\ne1,Ann,\"A;B;C;D\"\n"), Dialect::Comma);
        assert_eq!(Dialect::detect(b"\xEF\xBB\xBFid;name;hourly_cost\r\ne1;Ann;62,5\r\n"), Dialect::Semicolon);
        assert_eq!(Dialect::detect(b"id\tname\r\n"), Dialect::Tab);
        assert_eq!(Dialect::detect(b"\"a;b\",c\n"), Dialect::Comma, "separators inside quotes do not count");
        assert_eq!(Dialect::detect(b"id\n"), Dialect::Comma);
        assert_eq!(open_quotes(b"a;b\ne1;\"x;y\n", b';').len(), 1, "cells start after the file's separator");
    }

    #[test]
    fn reads_day_first_spreadsheet_dates() {
        let d = |s: &str| Date::parse(s);
        assert_eq!(parse_day_first("31-5-2027"), d("2027-05-31"));
        assert_eq!(parse_day_first("01.06.2026"), d("2026-06-01"));
        assert_eq!(parse_day_first("1/6/2026"), d("2026-06-01"));
        for bad in ["2026-06-01", "31-13-2027", "31-5-27", "1-6-+202", "5-2027"] {
            assert_eq!(parse_day_first(bad), None, "{bad}");
        }
    }

    #[test]
    fn finds_quotes_left_open_at_the_end_of_a_line() {
        let text = "id,name\ne1,\"Zoë,12\ne2,\"ok, \"\"fine\"\"\",3\r\ne3,5\" x \"y\r\n\"open\r\nlast,\"";
        let found = open_quotes(text.as_bytes(), b',');
        let lines: Vec<(u64, usize)> = found.iter().map(|o| (o.line, o.column)).collect();
        assert_eq!(lines, [(2, 4), (5, 1), (6, 6)]);
        assert_eq!(&text[found[0].content.clone()], "e1,\"Zoë,12");
        assert_eq!(&text[found[1].content.clone()], "\"open", "the CR stays");
    }
}
