//! Reading one download of Partner Center's Insights **Trainings** report (dataset
//! `TrainingCompletions`): the dialect (CSV or TSV, BOM, CRLF, an Excel re-save with `;`),
//! the columns by header name, and the dates in the forms the export and Excel write them.
//!
//! Microsoft documents neither the column order (it differs between 2021 and 2023 files, by
//! role, and the Downloads hub lets users deselect columns) nor the date format, so columns
//! are found by name, case-insensitively, and dates are read in the explicit forms listed in
//! [`DATE_FORMS`]; a day/month order the file cannot decide is an error, never a guess.

use crate::io::csvfile::{self, Dialect, Row};
use crate::io::issues::{Code, Issue, Issues, Location};
use crate::model::Date;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The date forms accepted, as messages list them.
pub const DATE_FORMS: &str = "2018-12-25 23:07:22 (also with two spaces, a `T` or a `Z`), 25/12/2018 23:07, \
     12/25/2018 11:07:22 PM, or NA / empty for no expiry";

/// Columns that name the person, in the order they key one (the rest still link rows).
const MCPID: &str = "mcpid";
const CORP_EMAIL: &str = "corpemail";
const EMAIL: &str = "email";
const AAD: &str = "aaduserid";
const TITLE: &str = "trainingtitle";
const TYPE: &str = "trainingtype";
const COMPLETED: &str = "trainingcompletiondate";
const EXPIRES: &str = "expirationdate";
const STATUS: &str = "activationstatus";
const FIRST: &str = "individualfirstname";
const LAST: &str = "individuallastname";
const PARTNER: &str = "partnername";
/// The partner id column under the names it has had (`MpnId`/`MPNId`/`MPNID` read alike).
const PARTNER_IDS: &[&str] = &["mpnid", "partnerid", "pgampnid", "pgapartnerid"];

/// Day/month order of slashed dates (`03/04/2025`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first: 25/12/2018.
    Dmy,
    /// Month first: 12/25/2018.
    Mdy,
}

impl DateOrder {
    /// The `--date-order` word.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// Which of Microsoft's two header sets a file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Executive report viewer: names and e-mails.
    Full,
    /// Report viewer: `AADUserId` instead of names and e-mails.
    ReportViewer,
}

/// The identifiers and names one row gives for its person (empty cells left out; e-mails
/// lower-cased, as Partner Center's casing of them varies).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonCells {
    /// The Microsoft Certification ID (MCID).
    pub mcpid: Option<String>,
    /// The work e-mail.
    pub corp_email: Option<String>,
    /// The e-mail of the certification profile.
    pub email: Option<String>,
    /// The Entra object id (report viewer variant).
    pub aad: Option<String>,
    /// First name.
    pub first: Option<String>,
    /// Last name.
    pub last: Option<String>,
}

/// One row of a Trainings report.
#[derive(Clone, Debug)]
pub struct Record {
    /// Index of the file in the import's list.
    pub file: usize,
    /// The row's line.
    pub line: u64,
    /// Who.
    pub person: PersonCells,
    /// `TrainingTitle`.
    pub title: String,
    /// `TrainingType`, as written; `None` when the file has no such column.
    pub kind: Option<String>,
    /// Date part of `TrainingCompletionDate`.
    pub completed: Option<Date>,
    /// Date part of `ExpirationDate`; `None` for `NA`, empty, or no such column.
    pub expires: Option<Date>,
    /// `ActivationStatus`, as written.
    pub status: Option<String>,
    /// The row's unreadable dates: they matter only when the row becomes a holding (a
    /// legacy certification of 1998 or an exam row must not stop the import).
    pub date_problems: Vec<Issue>,
}

impl Record {
    /// Whether the row is of type certification (a file without `TrainingType` holds only
    /// certifications, as the report once did).
    pub fn is_certification(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| k.eq_ignore_ascii_case("certification"))
    }
}

/// One file read.
pub struct Export {
    /// Its path.
    pub path: PathBuf,
    /// How it separates cells.
    pub dialect: Dialect,
    /// Its header set.
    pub variant: Variant,
    /// Whether it has an `ExpirationDate` column (files before June 2021 do not).
    pub has_expiry: bool,
    /// The day/month order of its slashed dates, when it has any.
    pub order: Option<DateOrder>,
    /// Partner names and ids found, with their row counts.
    pub partners: BTreeMap<String, usize>,
    /// Its rows.
    pub records: Vec<Record>,
}

/// Reads the export at `path` (number `file` of the import); every problem is recorded.
/// `order` is `--date-order`, which decides slashed dates the file cannot.
pub fn read(path: &Path, file: usize, order: Option<DateOrder>, issues: &mut Issues) -> Option<Export> {
    let csv = csvfile::read(path, &[TITLE], issues)?;
    if !csv.has_column(TITLE) {
        return None;
    }
    let keys = [MCPID, CORP_EMAIL, EMAIL, AAD];
    if !keys.iter().any(|k| csv.has_column(k)) {
        issues.push(
            Code::MissingColumn,
            path,
            Location::Line(1, None),
            format!(
                "no column names the people (read as {}); expected MCPID, CorpEmail, Email or AADUserId: is this \
                 Partner Center's Trainings report?",
                csv.dialect().describe()
            ),
        );
        return None;
    }
    let variant = if csv.has_column(AAD) && !csv.has_column(FIRST) && !csv.has_column(EMAIL) {
        Variant::ReportViewer
    } else {
        Variant::Full
    };
    let order = date_order(&csv, order, issues);
    let mut partners = BTreeMap::new();
    let mut records = Vec::new();
    for row in csv.rows() {
        let person = PersonCells {
            mcpid: row.get(MCPID).map(str::to_string),
            corp_email: row.get(CORP_EMAIL).map(str::to_lowercase),
            email: row.get(EMAIL).map(str::to_lowercase),
            aad: row.get(AAD).map(str::to_lowercase),
            first: row.get(FIRST).map(str::to_string),
            last: row.get(LAST).map(str::to_string),
        };
        if person.mcpid.is_none() && person.corp_email.is_none() && person.email.is_none() && person.aad.is_none() {
            issues.push(
                Code::MissingValue,
                path,
                Location::Line(row.line(), None),
                "names no person: MCPID, CorpEmail, Email and AADUserId are all empty; expected at least one",
            );
            continue;
        }
        let partner = row.get(PARTNER).map(str::to_string);
        let partner_id = PARTNER_IDS.iter().find_map(|c| row.get(c));
        if let Some(label) = match (partner, partner_id) {
            (Some(name), Some(id)) => Some(format!("{name} ({id})")),
            (name, id) => name.or(id.map(str::to_string)),
        } {
            *partners.entry(label).or_insert(0) += 1;
        }
        let Some(title) = row.required(TITLE, issues) else {
            continue;
        };
        let mut dates = Issues::default();
        let completed = date_cell(&row, COMPLETED, order, &mut dates);
        let expires = date_cell(&row, EXPIRES, order, &mut dates);
        records.push(Record {
            file,
            line: row.line(),
            person,
            title: title.to_string(),
            kind: row.get(TYPE).map(str::to_string),
            completed,
            expires,
            status: row.get(STATUS).map(str::to_string),
            date_problems: dates.list().to_vec(),
        });
    }
    Some(Export {
        path: path.to_path_buf(),
        dialect: csv.dialect(),
        variant,
        has_expiry: csv.has_column(EXPIRES),
        order,
        partners,
        records,
    })
}

/// A date as the export or a spreadsheet writes it, before the day/month order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    /// No date: empty or `NA`.
    Nothing,
    /// An ISO date (`2018-12-25`, with or without a time).
    Iso(Date),
    /// `a/b/year` (or with `.` or `-`), a time possibly after it.
    Slashed(u32, u32, i32),
}

/// Reads the date part of `text` and checks that what follows it is a time; `None` when it
/// is in none of the [`DATE_FORMS`].
fn written(text: &str) -> Option<Written> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("n/a") {
        return Some(Written::Nothing);
    }
    let split = text.find(|c: char| c.is_whitespace() || c == 'T').unwrap_or(text.len());
    let (date, time) = text.split_at(split);
    if !is_time(time.strip_prefix('T').unwrap_or(time)) {
        return None;
    }
    if let Some(d) = Date::parse(date) {
        return Some(Written::Iso(d));
    }
    let separator = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, year] = parts[..] else {
        return None;
    };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !small(a) || !small(b) || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Written::Slashed(a.parse().ok()?, b.parse().ok()?, year.parse().ok()?))
}

/// Whether `text` is empty or a time of day as the export and Excel write it: `23:07:22`,
/// `23:07`, `11:07:22 PM`, with fractions of a second, `Z`, `UTC` or an offset (`+01:00`).
fn is_time(text: &str) -> bool {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    let clock = upper.strip_suffix("AM").or_else(|| upper.strip_suffix("PM")).unwrap_or(&upper).trim_end();
    let clock = clock.strip_suffix("UTC").or_else(|| clock.strip_suffix('Z')).unwrap_or(clock);
    (text.is_empty() || clock.contains(':'))
        && clock.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | ' '))
}

/// The date of `a/b/year` in `order`.
fn slashed(a: u32, b: u32, year: i32, order: DateOrder) -> Option<Date> {
    let (day, month) = match order {
        DateOrder::Dmy => (a, b),
        DateOrder::Mdy => (b, a),
    };
    if !(crate::io::limits::FIRST_YEAR..=crate::io::limits::LAST_YEAR).contains(&year) {
        return None;
    }
    Date::new(year, month, day)
}

/// The day/month order of the file's slashed dates: `--date-order` when given; else what
/// a first number above 12 (day first) or a second above 12 (month first) shows. A file that
/// shows both, or neither while some date reads two ways (`03/04/2025`), is recorded as a
/// problem asking for `--date-order`. `None` when no slashed date needs an order.
fn date_order(csv: &csvfile::CsvFile, given: Option<DateOrder>, issues: &mut Issues) -> Option<DateOrder> {
    if given.is_some() {
        return given;
    }
    let (mut day_first, mut month_first, mut two_ways) = (None, None, None);
    for row in csv.rows() {
        for col in [COMPLETED, EXPIRES] {
            let Some(text) = row.get(col) else { continue };
            if let Some(Written::Slashed(a, b, _)) = written(text) {
                let seen = Some((row.line(), col, text));
                if a > 12 && day_first.is_none() {
                    day_first = seen;
                } else if b > 12 && month_first.is_none() {
                    month_first = seen;
                } else if a != b && a <= 12 && b <= 12 && two_ways.is_none() {
                    two_ways = seen;
                }
            }
        }
    }
    let path = csv.path();
    match (day_first, month_first, two_ways) {
        (Some((l1, _, t1)), Some((l2, col, t2)), _) => {
            issues.push(
                Code::BadDate,
                path,
                Location::Line(l2, Some(col.to_string())),
                format!(
                    "mixes day-first dates (`{t1}` on line {l1}) and month-first dates (`{t2}`); expected one order \
                     in a file: fix the file or pass --date-order dmy|mdy"
                ),
            );
            None
        }
        (Some(_), None, _) => Some(DateOrder::Dmy),
        (None, Some(_), _) => Some(DateOrder::Mdy),
        (None, None, Some((line, col, text))) => {
            issues.push(
                Code::BadDate,
                path,
                Location::Line(line, Some(col.to_string())),
                format!(
                    "`{text}` reads as day/month or as month/day, and no date in this file has a day above 12 to \
                     tell which; pass --date-order dmy (25/12/2018) or --date-order mdy (12/25/2018)"
                ),
            );
            None
        }
        (None, None, None) => None,
    }
}

/// The date of a row's cell: `None` when empty, `NA` or bad (bad is recorded).
fn date_cell(row: &Row, col: &str, order: Option<DateOrder>, issues: &mut Issues) -> Option<Date> {
    let text = row.get(col)?;
    let date = match written(text) {
        Some(Written::Nothing) => return None,
        Some(Written::Iso(d)) => Some(d),
        // Two equal numbers read the same in either order; without an order the file's
        // problem is already recorded.
        Some(Written::Slashed(a, b, year)) => match order {
            Some(order) => slashed(a, b, year, order),
            None if a == b => slashed(a, b, year, DateOrder::Dmy),
            None => return None,
        },
        None => None,
    };
    if date.is_none() {
        let order = order.map_or(String::new(), |o| format!(" (day/month order {})", o.name()));
        row.issue(
            issues,
            Code::BadDate,
            col,
            format!("`{text}` is not a date{order}; expected one of: {DATE_FORMS}, {}", crate::io::limits::years()),
        );
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn reads_the_date_forms_of_the_export_and_excel() {
        assert_eq!(written("2018-12-25 23:07:22"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25  23:07:22"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25T23:07:22Z"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25T23:07:22.1234567+00:00"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25 23:07:22 UTC"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("2018-12-25 23:07:22 +01:00"), Some(Written::Iso(d("2018-12-25"))));
        assert_eq!(written("25-12-2018 23:07"), Some(Written::Slashed(25, 12, 2018)), "Dutch Excel");
        assert_eq!(written("25/12/2018 23:07"), Some(Written::Slashed(25, 12, 2018)));
        assert_eq!(written("12/25/2018 11:07:22 PM"), Some(Written::Slashed(12, 25, 2018)));
        assert_eq!(written("3.4.2025"), Some(Written::Slashed(3, 4, 2025)));
        assert_eq!(written("NA"), Some(Written::Nothing));
        assert_eq!(written(""), Some(Written::Nothing));
        for bad in ["Dec-18", "25/12/18", "2018-13-01", "2018-12-25 noon", "25/12/2018/1", "yesterday"] {
            assert_eq!(written(bad), None, "{bad}");
        }
        assert_eq!(slashed(25, 12, 2018, DateOrder::Dmy), Some(d("2018-12-25")));
        assert_eq!(slashed(12, 25, 2018, DateOrder::Mdy), Some(d("2018-12-25")));
        assert_eq!(slashed(12, 25, 2018, DateOrder::Dmy), None, "no 25th month");
        assert_eq!(slashed(1, 1, 1999, DateOrder::Dmy), None, "year out of range");
    }
}
