//! Input problems, collected rather than thrown, so that every one is reported at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// A stable code for each kind of input problem (listed in the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// E001 the file cannot be read or is not valid CSV/TOML.
    Unreadable,
    /// E002 a required CSV column is missing.
    MissingColumn,
    /// E003 a required value or key is missing.
    MissingValue,
    /// E004 not a number (or not an integer where one is needed).
    BadNumber,
    /// E005 not an ISO date.
    BadDate,
    /// E006 not a boolean.
    BadBool,
    /// E007 not a quarter like 2027-Q1.
    BadQuarter,
    /// E008 a number outside its allowed range (negative money or hours, …).
    OutOfRange,
    /// E009 pass_rate outside (0, 1].
    BadPassRate,
    /// E010 an id used twice.
    DuplicateId,
    /// E011 a certification id that the catalogue does not have.
    UnknownCertification,
    /// E012 an employee id that employees.csv does not have.
    UnknownEmployee,
    /// E013 certifications that require each other in a cycle.
    PrerequisiteCycle,
    /// E014 a designation id that the rules do not have.
    UnknownDesignation,
    /// E015 a classified target whose track the profile does not name.
    MissingTrack,
    /// E016 a profile metric that the rules do not have.
    UnknownMetric,
    /// E017 a step whose `people` is not a positive integer.
    BadPeople,
    /// E018 a deadline outside the planning horizon.
    DeadlineOutsideHorizon,
    /// E019 a word outside its allowed set (level, category, goal, …).
    BadChoice,
    /// E020 expires_on before earned_on.
    ExpiresBeforeEarned,
    /// E021 a track name the designation does not have.
    UnknownTrack,
    /// E022 a value of the wrong TOML type.
    WrongType,
    /// E023 a TOML key that the file's format does not have (a typo, usually).
    UnknownKey,
    /// E024 a file or a sweep beyond its size limit (bytes, rows, scenarios).
    TooLarge,
    /// E025 a scenario name that cannot be a folder name (it names the output folder).
    BadName,
}

impl Code {
    /// The code as printed, e.g. `E010`.
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            Unreadable => "E001",
            MissingColumn => "E002",
            MissingValue => "E003",
            BadNumber => "E004",
            BadDate => "E005",
            BadBool => "E006",
            BadQuarter => "E007",
            OutOfRange => "E008",
            BadPassRate => "E009",
            DuplicateId => "E010",
            UnknownCertification => "E011",
            UnknownEmployee => "E012",
            PrerequisiteCycle => "E013",
            UnknownDesignation => "E014",
            MissingTrack => "E015",
            UnknownMetric => "E016",
            BadPeople => "E017",
            DeadlineOutsideHorizon => "E018",
            BadChoice => "E019",
            ExpiresBeforeEarned => "E020",
            UnknownTrack => "E021",
            WrongType => "E022",
            UnknownKey => "E023",
            TooLarge => "E024",
            BadName => "E025",
        }
    }
}

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// The whole file.
    File,
    /// A CSV line (1-based, the header is line 1) and optionally a column.
    Line(u64, Option<String>),
    /// A TOML line and column (1-based), from the parser.
    LineColumn(usize, usize),
    /// A TOML key path such as `designations[2].metrics[1].max_points`.
    Key(String),
}

/// One input problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Stable code.
    pub code: Code,
    /// The file.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What was found and what was expected.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.location {
            Location::File => {}
            Location::Line(line, None) => write!(f, ":{line}")?,
            Location::Line(line, Some(col)) => write!(f, ":{line}: column `{col}`")?,
            Location::LineColumn(line, col) => write!(f, ":{line}:{col}")?,
            Location::Key(key) => write!(f, ": key `{key}`")?,
        }
        write!(f, ": {} {}", self.code.as_str(), self.message)
    }
}

/// A growing list of problems.
#[derive(Clone, Debug, Default)]
pub struct Issues {
    list: Vec<Issue>,
}

impl Issues {
    /// Records one problem.
    pub fn push(&mut self, code: Code, file: &Path, location: Location, message: impl Into<String>) {
        self.list.push(Issue { code, file: file.to_path_buf(), location, message: message.into() });
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, in the order found.
    pub fn list(&self) -> &[Issue] {
        &self.list
    }

    /// Moves another list's problems into this one.
    pub fn extend(&mut self, other: Issues) {
        self.list.extend(other.list);
    }

    /// The problems whose code `follows` does not mark as following from another.
    pub fn without(self, follows: &mut dyn FnMut(Code) -> bool) -> Issues {
        Issues { list: self.list.into_iter().filter(|i| !follows(i.code)).collect() }
    }
}

/// The error returned when input has problems: all of them.
#[derive(Debug, thiserror::Error)]
#[error("{} input problem{} found:\n{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
pub struct InputError(pub Vec<Issue>);

impl Issues {
    /// `Ok(value)` when nothing was recorded, else every problem as an [`InputError`].
    pub fn into_result<T>(self, value: T) -> Result<T, InputError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(InputError(self.list))
        }
    }
}
