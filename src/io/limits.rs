//! The documented bounds on what the tool reads (README, "Resource limits"): one place, so
//! that the loaders, the error messages and the documentation cannot drift apart.
//!
//! Every bound is far beyond any real partner (Microsoft's largest partners have tens of
//! thousands of certified people; exam fees are a few hundred euros), so it only ever stops
//! typos, corrupted files and attacks, which would otherwise panic, run for hours, exhaust
//! memory or push the optimiser into numbers it cannot compare within its tolerances.

/// Largest CSV file read, in bytes (256 MiB).
pub const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;
/// Largest TOML file read, in bytes (16 MiB): rules, profiles and scenarios are hand-written.
pub const MAX_TOML_BYTES: u64 = 16 * 1024 * 1024;
/// Most data rows in one CSV file.
pub const MAX_ROWS: usize = 1_000_000;

/// Longest scenario name, in bytes: it names an output folder, with room for a sweep's
/// `@key=value&…` within the 255 bytes most file systems allow.
pub const MAX_NAME_BYTES: usize = 100;

/// Largest money amount of one item: exam fee, training fee (per person).
pub const MAX_FEE: f64 = 1_000_000.0;
/// Largest hourly cost of one person.
pub const MAX_HOURLY_COST: f64 = 10_000.0;
/// Largest budget of a scenario.
pub const MAX_BUDGET: f64 = 1_000_000_000.0;
/// Largest hours of one certification (study or renewal).
pub const MAX_CERT_HOURS: f64 = 10_000.0;
/// Largest study hours per person and quarter: the hours of a quarter of 92 days.
pub const MAX_HOURS_PER_QUARTER: f64 = 2_208.0;
/// Largest points value (metric `max_points`, step points, profile points, qualifying score,
/// `min_skilling`): the program's scores are out of 100.
pub const MAX_POINTS: f64 = 10_000.0;
/// Largest `valid_months` of a certification (100 years).
pub const MAX_VALID_MONTHS: u32 = 1_200;
/// Largest `people` of a step, `buffer` of a scenario: the row cap.
pub const MAX_PEOPLE: i64 = MAX_ROWS as i64;
/// Largest `max_exams_per_quarter` (one exam a day).
pub const MAX_EXAMS_PER_QUARTER: i64 = 92;
/// Longest planning horizon, in quarters (ten years).
pub const MAX_QUARTERS: i64 = 40;

/// Most export files one `certplan import partner-center` reads (a download covers up to two
/// years, so this is decades of history); each is bounded by the byte and row caps above.
pub const MAX_IMPORT_FILES: usize = 64;
/// Most people in `report.html`'s schedule chart (issue 13): those with planned actions
/// first, then those with only a renewal window, each by id; the page says how many more
/// there are, and `plan.xlsx` lists everyone. A chart row is 22 units high, so this keeps the
/// chart under about 6600 (a few printed pages) for any organisation.
pub const MAX_GANTT_PEOPLE: usize = 300;
/// Most retakes of one failed exam (`retakes`): beyond a few, a person who keeps failing is
/// not planned for the exam at all.
pub const MAX_RETAKES: i64 = 10;
/// Most Monte Carlo samples of one estimate (`samples`, `--samples`): a 95 % interval of
/// ±0.1 percentage point, in seconds for the largest organisations; more only costs time.
pub const MAX_SAMPLES: i64 = 1_000_000;
/// Most exams `certplan risk --exact` enumerates the outcomes of (2^20, about a million).
pub const MAX_EXACT_EXAMS: usize = 20;
/// Most outcomes `certplan risk --exact` enumerates when retakes and leaving add branches:
/// as many as 20 exams without them have, a few seconds.
pub const MAX_EXACT_OUTCOMES: usize = 1 << 20;

/// Most scenarios one `[sweep]` may expand into.
pub const MAX_SWEEP_SCENARIOS: usize = 1_000;

/// First year a date or quarter may name.
pub const FIRST_YEAR: i32 = crate::model::date::FIRST_YEAR;
/// Last year a date or quarter may name.
pub const LAST_YEAR: i32 = crate::model::date::LAST_YEAR;

/// How messages state the years a date or quarter may name.
pub fn years() -> String {
    format!("with a year from {FIRST_YEAR} to {LAST_YEAR}")
}
