//! `plan.xlsx`: a scenario's plan as an Excel workbook an advisor hands to a client, and
//! `compare`'s comparison workbook.
//!
//! The Summary and Plan sheets have the columns of `summary.csv` and `plan.csv` (the same
//! header words, so a reader can match them), with numbers stored as numbers rounded as the
//! CSVs print them: the workbook and the CSVs show the same figures. Text is always
//! written as text, never as a formula, so a name like `=HYPERLINK(…)` stays harmless.

mod sheets;

use crate::analysis::compare::Comparison;
use crate::analysis::outlook::Outlook;
use crate::batch::{Planned, RunResult, ScenarioRun, FAILED};
use crate::io::csvout::{hours, money};
use crate::model::Date;
use crate::model::{ActionKind, Inputs, Objective, Scenario};
use crate::report::plan::{ending, target_results, PlanRow, PLAN_HEADER, SUMMARY_HEADER};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// The value of a cell.
enum Cell {
    Text(String),
    /// A number with the format it is shown in.
    Number(f64, Kind),
    Bool(bool),
    Empty,
}

/// How a number is shown (and rounded, as the CSVs print it).
#[derive(Clone, Copy)]
enum Kind {
    Money,
    Hours,
    Points,
    Count,
    /// `gap`: six decimals, shown as a percentage.
    Ratio,
    /// `solve_seconds`: one decimal.
    Seconds,
}

impl Kind {
    /// The value rounded as the CSV prints it, so that the workbook holds the CSV's figure.
    fn rounded(self, v: f64) -> f64 {
        let text = match self {
            Kind::Money | Kind::Points => money(v),
            Kind::Hours => hours(v),
            Kind::Count => return v,
            Kind::Ratio => format!("{v:.6}"),
            Kind::Seconds => format!("{v:.1}"),
        };
        text.parse().unwrap_or(v)
    }
}

/// The formats the sheets share.
struct Formats {
    header: Format,
    money: Format,
    hours: Format,
    points: Format,
    count: Format,
    ratio: Format,
    seconds: Format,
    date: Format,
}

impl Formats {
    /// Money shows the organisation's currency: `€ 7,611.00` for EUR, else `7,611.00 USD`.
    fn new(currency: &str) -> Formats {
        let money = if currency.eq_ignore_ascii_case("EUR") {
            "\"€ \"#,##0.00".to_string()
        } else {
            let code: String = currency.chars().filter(char::is_ascii_alphabetic).collect();
            format!("#,##0.00\" {code}\"")
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE5F0))
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format(money),
            hours: Format::new().set_num_format("0.0\" h\""),
            points: Format::new().set_num_format("0.00"),
            count: Format::new().set_num_format("0"),
            ratio: Format::new().set_num_format("0.00%"),
            seconds: Format::new().set_num_format("0.0\" s\""),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Money => &self.money,
            Kind::Hours => &self.hours,
            Kind::Points => &self.points,
            Kind::Count => &self.count,
            Kind::Ratio => &self.ratio,
            Kind::Seconds => &self.seconds,
        }
    }
}

/// A sheet's table: a bold frozen header with an autofilter, one row per record, column
/// widths from the longest cell (within bounds).
fn table(ws: &mut Worksheet, f: &Formats, header: &[&str], rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(t) => {
                    ws.write_string(r, col, t)?;
                    t.chars().count()
                }
                Cell::Number(v, kind) => {
                    ws.write_number_with_format(r, col, kind.rounded(*v), f.of(*kind))?;
                    money(*v).len() + 2
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, col, *b)?;
                    5
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !header.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    Ok(())
}

/// A new sheet named `name`.
fn sheet<'w>(book: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    Ok(ws)
}

/// A workbook created on `made_on` ("today", which `CERTPLAN_TODAY` pins) rather than at
/// the clock's instant, so that the same run writes the same metadata.
fn workbook(made_on: Date) -> Result<Workbook, XlsxError> {
    let (y, m, d) = made_on.parts();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("certplan"));
    Ok(book)
}

/// `plan.xlsx` of one solved scenario: Summary, Plan, Schedule, Course demand, Renewals, Scores.
pub fn plan_workbook(planned: &Planned, rows: &[PlanRow], seconds: f64, made_on: Date) -> Result<Vec<u8>, XlsxError> {
    let (inputs, scenario, outcome) = (&*planned.inputs, &planned.scenario, &planned.outcome);
    let f = Formats::new(&inputs.org.profile.currency);
    let outlook = Outlook::new(inputs, scenario, outcome);
    let mut book = workbook(made_on)?;
    table(sheet(&mut book, "Summary")?, &f, SUMMARY_HEADER, &summary_cells(planned, seconds))?;
    table(sheet(&mut book, "Plan")?, &f, PLAN_HEADER, &plan_cells(inputs, scenario, rows))?;
    sheets::schedule(sheet(&mut book, "Schedule")?, &f, inputs, &outcome.plan, &outlook.quarters)?;
    sheets::demand(sheet(&mut book, "Course demand")?, &f, inputs, &outlook)?;
    sheets::renewals(sheet(&mut book, "Renewals")?, &f, inputs, &outlook)?;
    sheets::scores(sheet(&mut book, "Scores")?, &f, &outlook)?;
    book.save_to_buffer()
}

/// `compare`'s workbook: the ranking (Comparison) and every scenario's summary rows.
pub fn comparison_workbook(comparison: &Comparison, made_on: Date) -> Result<Vec<u8>, XlsxError> {
    let currency = comparison
        .unique()
        .find_map(|r| match &r.result {
            RunResult::Solved(p) => Some(p.inputs.org.profile.currency.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let f = Formats::new(&currency);
    let mut book = workbook(made_on)?;
    let ranking: Vec<Vec<Cell>> = comparison
        .ranking()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let solved = r.objective.is_some();
            vec![
                Cell::Number((i + 1) as f64, Kind::Count),
                Cell::Text(r.name),
                Cell::Text(r.status.to_string()),
                r.objective.map_or(Cell::Empty, |v| Cell::Number(v, Kind::Points)),
                if solved { Cell::Number(r.cost, Kind::Money) } else { Cell::Empty },
                Cell::Text(r.currency),
                r.probability.map_or(Cell::Empty, |p| Cell::Number(p, Kind::Ratio)),
            ]
        })
        .collect();
    let header = ["rank", "scenario", "status", "objective", "cost", "currency", "probability"];
    table(sheet(&mut book, "Comparison")?, &f, &header, &ranking)?;
    let rows: Vec<Vec<Cell>> = comparison.unique().flat_map(run_summary_cells).collect();
    table(sheet(&mut book, "Summary")?, &f, SUMMARY_HEADER, &rows)?;
    book.save_to_buffer()
}

/// A scenario's rows of a summary table: one per target when solved, one error row else.
fn run_summary_cells(run: &ScenarioRun) -> Vec<Vec<Cell>> {
    let why = match &run.result {
        RunResult::Solved(p) => return summary_cells(p, run.seconds),
        RunResult::Failed(message) => message.clone(),
        RunResult::BadInput(e) => format!("bad input: {} problem(s), see the error output", e.0.len()),
    };
    let mut cells: Vec<Cell> = SUMMARY_HEADER.iter().map(|_| Cell::Empty).collect();
    cells[0] = Cell::Text(run.name.clone());
    cells[1] = Cell::Text(FAILED.to_string());
    let why_column = SUMMARY_HEADER.iter().position(|&c| c == "why").unwrap_or(SUMMARY_HEADER.len() - 1);
    cells[why_column] = Cell::Text(why);
    vec![cells]
}

/// The `summary.csv` rows of a solved scenario, as cells.
fn summary_cells(planned: &Planned, seconds: f64) -> Vec<Vec<Cell>> {
    let (inputs, scenario, outcome) = (&*planned.inputs, &planned.scenario, &planned.outcome);
    let e = ending(outcome);
    let odds = planned.risk.as_ref().map(|r| r.assessment.all);
    let objective_kind = match scenario.objective {
        Objective::Cost => Kind::Money,
        Objective::Hours => Kind::Hours,
        Objective::Quarters => Kind::Count,
    };
    target_results(inputs, scenario, outcome)
        .into_iter()
        .map(|r| {
            vec![
                Cell::Text(scenario.name.clone()),
                Cell::Text(e.status.to_string()),
                e.objective.map_or(Cell::Empty, |v| Cell::Number(v, objective_kind)),
                Cell::Number(outcome.cost, Kind::Money),
                Cell::Number(outcome.hours, Kind::Hours),
                Cell::Number(e.exams as f64, Kind::Count),
                Cell::Text(r.designation),
                Cell::Text(r.track),
                Cell::Number(r.before.skilling, Kind::Points),
                Cell::Number(r.after.skilling, Kind::Points),
                Cell::Number(r.before.score, Kind::Points),
                Cell::Number(r.after.score, Kind::Points),
                Cell::Bool(r.before.qualified),
                Cell::Bool(r.after.qualified),
                Cell::Number(seconds, Kind::Seconds),
                e.gap.map_or(Cell::Empty, |g| Cell::Number(g, Kind::Ratio)),
                Cell::Text(e.why.clone()),
                // Issue 14: the plan's probability that every target qualifies.
                odds.map_or(Cell::Empty, |o| Cell::Number(o.probability, Kind::Ratio)),
                odds.map_or(Cell::Empty, |o| Cell::Number(o.low, Kind::Ratio)),
                odds.map_or(Cell::Empty, |o| Cell::Number(o.high, Kind::Ratio)),
            ]
        })
        .collect()
}

/// The `plan.csv` rows, as cells.
fn plan_cells(inputs: &Inputs, scenario: &Scenario, rows: &[PlanRow]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|row| {
            let a = row.action;
            let emp = &inputs.org.employees[a.employee];
            let cert = a.cert.map(|c| &inputs.catalog[c]);
            let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
            vec![
                Cell::Text(scenario.name.clone()),
                Cell::Number(row.rank as f64, Kind::Count),
                Cell::Text(a.quarter.to_string()),
                Cell::Text(emp.id.clone()),
                Cell::Text(emp.name.clone()),
                Cell::Text(a.kind.as_str().to_string()),
                text(cert.map_or("", |c| c.id.as_str())),
                text(cert.map_or("", |c| c.name.as_str())),
                Cell::Number(row.exam_fee, Kind::Money),
                Cell::Number(row.training_fee, Kind::Money),
                Cell::Number(row.study_hours, Kind::Hours),
                Cell::Number(row.cost, Kind::Money),
                text(&row.counts_for.join(";")),
                Cell::Number(row.points_gained, Kind::Points),
                Cell::Number(row.cumulative_cost, Kind::Money),
                text(&row.scores_after),
            ]
        })
        .collect()
}

/// The fill colour of a schedule cell, by the first kind of action in it: exams blue,
/// renewals green, links grey.
fn kind_colour(kind: ActionKind) -> Color {
    match kind {
        ActionKind::Exam => Color::RGB(0xCFE2F3),
        ActionKind::Renew => Color::RGB(0xD9EAD3),
        ActionKind::Link => Color::RGB(0xE7E6E6),
    }
}
