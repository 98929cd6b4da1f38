//! Calendar dates and quarters, with the contract's month arithmetic (§5.2).
//!
//! A tiny civil-calendar type is enough here: the tool only needs ordering, quarter
//! boundaries and "plus N calendar months, clamped to the month's last day".

use std::fmt;

/// First year a date or quarter read from input may name: nothing the tool plans or counts
/// happened before it (Microsoft's role-based certifications started in 2018).
pub const FIRST_YEAR: i32 = 2000;
/// Last year a date or quarter read from input may name, so that quarter arithmetic on a
/// horizon never leaves the four-digit years the formats are written in.
pub const LAST_YEAR: i32 = 2100;

/// A year of input: exactly four ASCII digits (no sign: `+027` is not a year) within
/// [`FIRST_YEAR`]..=[`LAST_YEAR`].
fn parse_year(text: &str) -> Option<i32> {
    let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    let year: i32 = if digits { text.parse().ok()? } else { return None };
    (FIRST_YEAR..=LAST_YEAR).contains(&year).then_some(year)
}

/// Exactly two ASCII digits (no sign, no space), as a number.
fn parse_two_digits(text: &str) -> Option<u32> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// 1 January of year 1: before anything the tool meets ("since forever").
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };

    /// Builds a date, or `None` when the day does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year, month (1-12) and day (1-31), for reports that spell dates out.
    pub fn parts(self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }

    /// Parses ISO `YYYY-MM-DD` with a year from [`FIRST_YEAR`] to [`LAST_YEAR`].
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Date::new(parse_year(y)?, parse_two_digits(m)?, parse_two_digits(d)?)
    }

    /// The date `months` calendar months later (negative: earlier), clamped to the
    /// target month's last day: 2027-08-31 − 6 months = 2027-02-28.
    pub fn add_months(self, months: i32) -> Date {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) as u32 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The next calendar day.
    pub fn succ(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date { day: self.day + 1, ..self }
        } else if self.month < 12 {
            Date { month: self.month + 1, day: 1, ..self }
        } else {
            Date { year: self.year + 1, month: 1, day: 1 }
        }
    }

    /// The quarter this date falls in.
    pub fn quarter(self) -> Quarter {
        Quarter::new(self.year, (self.month - 1) / 3 + 1)
    }

    /// Today's date in the system's local time zone (`TZ`, else `/etc/localtime`, with the
    /// IANA rules and their daylight saving), read by `jiff`: the advisors are in the
    /// Netherlands, where a quarter's first night starts one or two hours before UTC's, and
    /// the default start quarter must already be the new one then. UTC when no zone is
    /// configured.
    pub fn today() -> Date {
        let now = jiff::ZonedDateTime::now().date();
        // jiff's civil dates are valid Gregorian dates, so they need no check here.
        Date { year: i32::from(now.year()), month: now.month() as u32, day: now.day() as u32 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A calendar quarter, written `2027-Q1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    /// 1..=4
    number: u32,
}

impl Quarter {
    /// The year and the quarter's number (1-4), for reports that spell quarters out.
    pub fn parts(self) -> (i32, u32) {
        (self.year, self.number)
    }

    /// Builds quarter `number` (1..=4) of `year`.
    pub fn new(year: i32, number: u32) -> Quarter {
        debug_assert!((1..=4).contains(&number));
        Quarter { year, number }
    }

    /// Parses `YYYY-Qn` (the `Q` may be lower case) with a year from [`FIRST_YEAR`] to
    /// [`LAST_YEAR`].
    pub fn parse(text: &str) -> Option<Quarter> {
        let (y, q) = text.split_once('-')?;
        let number = match q.strip_prefix('Q').or_else(|| q.strip_prefix('q'))? {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => return None,
        };
        Some(Quarter::new(parse_year(y)?, number))
    }

    /// First day of the quarter.
    pub fn first_day(self) -> Date {
        Date { year: self.year, month: (self.number - 1) * 3 + 1, day: 1 }
    }

    /// Last day of the quarter.
    pub fn last_day(self) -> Date {
        let month = self.number * 3;
        Date { year: self.year, month, day: days_in_month(self.year, month) }
    }

    /// The quarter `n` quarters later.
    pub fn plus(self, n: i32) -> Quarter {
        let index = self.year * 4 + self.number as i32 - 1 + n;
        Quarter::new(index.div_euclid(4), index.rem_euclid(4) as u32 + 1)
    }

    /// Number of quarters from `self` to `later` (0 when equal, negative when earlier).
    pub fn until(self, later: Quarter) -> i32 {
        (later.year * 4 + later.number as i32) - (self.year * 4 + self.number as i32)
    }

    /// Whether the quarter's days intersect the closed interval `[from, to]`.
    pub fn overlaps(self, from: Date, to: Date) -> bool {
        self.first_day() <= to && from <= self.last_day()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(d("2027-08-31").add_months(-6), d("2027-02-28"));
        assert_eq!(d("2027-06-30").add_months(6), d("2027-12-30"));
        assert_eq!(d("2027-12-31").add_months(12), d("2028-12-31"));
        assert_eq!(d("2028-02-29").add_months(12), d("2029-02-28"));
        assert_eq!(d("2027-01-15").add_months(-1), d("2026-12-15"));
    }

    #[test]
    fn can_parse_and_print_quarters() {
        let q = Quarter::parse("2027-Q3").unwrap();
        assert_eq!(q.to_string(), "2027-Q3");
        assert_eq!(q.first_day(), d("2027-07-01"));
        assert_eq!(q.last_day(), d("2027-09-30"));
        assert_eq!(q.plus(2).to_string(), "2028-Q1");
        assert_eq!(q.plus(-3).to_string(), "2026-Q4");
        assert_eq!(Quarter::parse("2027-Q1").unwrap().until(q), 2);
        assert!(Quarter::parse("2027-Q5").is_none());
        assert!(Quarter::parse("2027Q1").is_none());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2027-02-29").is_none());
        assert!(Date::parse("2028-02-29").is_some());
        assert!(Date::parse("2027-13-01").is_none());
        assert!(Date::parse("27-01-01").is_none());
    }

    #[test]
    fn rejects_signs_and_years_outside_the_bounds() {
        for bad in ["+027-01-01", "-027-01-01", "0001-01-01", "1999-12-31", "2101-01-01", "2027-+1-01", "2027-01-+1"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        assert!(Date::parse("2000-01-01").is_some() && Date::parse("2100-12-31").is_some());
        for bad in ["+027-Q1", "1999-Q4", "2101-Q1", "9999-Q3", "2027-Q+1", "2027-Q01"] {
            assert!(Quarter::parse(bad).is_none(), "{bad}");
        }
        assert!(Quarter::parse("2000-Q1").is_some() && Quarter::parse("2100-q4").is_some());
    }

    #[test]
    fn the_day_after_new_years_eve_is_in_the_next_year() {
        assert_eq!(d("2027-12-31").succ(), d("2028-01-01"));
    }

    #[test]
    fn the_next_day_within_a_month_and_across_a_month_end() {
        assert_eq!(d("2027-03-15").succ(), d("2027-03-16"));
        assert_eq!(d("2027-03-31").succ(), d("2027-04-01"));
        assert_eq!(d("2028-02-28").succ(), d("2028-02-29"));
    }

    #[test]
    fn leap_years_are_every_fourth_but_not_centuries_unless_every_fourth_century() {
        assert_eq!(
            ["2000-02-29", "2028-02-29", "2027-02-29", "2100-02-29"].map(|s| Date::parse(s).is_some()),
            [true, true, false, false]
        );
        assert_eq!(
            ["2027-01-31", "2027-04-30", "2027-04-31", "2027-02-28"].map(|s| Date::parse(s).is_some()),
            [true, true, false, true]
        );
    }

    #[test]
    fn years_have_four_digits_and_months_and_days_two() {
        assert_eq!(d("2027-08-31").parts(), (2027, 8, 31));
        assert_eq!(d("2027-08-31").to_string(), "2027-08-31");
        for bad in ["02027-01-01", "2027-1-01", "2027-01-1", "2027-001-01", "2027-01-01-01", "2027-01"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn month_arithmetic_crosses_years_both_ways() {
        assert_eq!(d("2027-11-30").add_months(3), d("2028-02-29"));
        assert_eq!(d("2027-03-31").add_months(-15), d("2025-12-31"));
        assert_eq!(d("2027-05-20").add_months(0), d("2027-05-20"));
    }

    #[test]
    fn a_date_falls_in_the_quarter_of_its_month() {
        let quarters = ["2027-01-01", "2027-03-31", "2027-04-01", "2027-08-15", "2027-12-31"].map(|s| d(s).quarter());
        assert_eq!(quarters.map(|q| q.parts()), [(2027, 1), (2027, 1), (2027, 2), (2027, 3), (2027, 4)]);
    }

    #[test]
    fn every_quarter_parses_with_its_first_and_last_day() {
        let bounds = ["2027-Q1", "2027-q2", "2027-Q3", "2028-Q4"].map(|s| {
            let q = Quarter::parse(s).unwrap();
            format!("{q} {} {}", q.first_day(), q.last_day())
        });
        assert_eq!(
            bounds,
            [
                "2027-Q1 2027-01-01 2027-03-31",
                "2027-Q2 2027-04-01 2027-06-30",
                "2027-Q3 2027-07-01 2027-09-30",
                "2028-Q4 2028-10-01 2028-12-31"
            ]
        );
    }

    #[test]
    fn quarters_step_and_count_across_years() {
        let q4 = Quarter::parse("2027-Q4").unwrap();
        assert_eq!(q4.plus(1).parts(), (2028, 1));
        assert_eq!(q4.plus(0).parts(), (2027, 4));
        assert_eq!(q4.plus(-4).parts(), (2026, 4));
        assert_eq!(q4.plus(5).parts(), (2029, 1));
        let q1 = Quarter::parse("2026-Q1").unwrap();
        assert_eq!((q1.until(q4), q4.until(q1), q4.until(q4)), (7, -7, 0));
    }

    #[test]
    fn a_quarter_overlaps_an_interval_touching_its_first_or_last_day() {
        let q2 = Quarter::parse("2027-Q2").unwrap();
        let overlaps = |from: &str, to: &str| q2.overlaps(d(from), d(to));
        assert!(overlaps("2027-06-30", "2027-12-31") && overlaps("2027-01-01", "2027-04-01"));
        assert!(!overlaps("2027-07-01", "2027-12-31") && !overlaps("2027-01-01", "2027-03-31"));
    }
}
