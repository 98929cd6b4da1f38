//! The workbook's sheets beyond the CSVs' tables: the schedule (a Gantt of text cells),
//! course demand, renewals, and the scores per quarter with their chart.

use super::{kind_colour, table, Cell, Formats, Kind};
use crate::analysis::outlook::Outlook;
use crate::model::{Date, Inputs, Plan, Quarter};
use rust_xlsxwriter::{Chart, ChartLineDashType, ChartType, ExcelDateTime, Format, FormatAlign, Worksheet, XlsxError};

/// One row per person with planned actions (in employee-id order), one column per quarter of
/// the horizon; each cell lists that quarter's actions, one per line, coloured by kind.
pub(super) fn schedule(
    ws: &mut Worksheet,
    f: &Formats,
    inputs: &Inputs,
    plan: &Plan,
    quarters: &[Quarter],
) -> Result<(), XlsxError> {
    let mut header = vec!["employee_id".to_string(), "employee_name".to_string()];
    header.extend(quarters.iter().map(Quarter::to_string));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut people: Vec<usize> = plan.actions.iter().map(|a| a.employee).collect();
    people.sort_by(|a, b| inputs.org.employees[*a].id.cmp(&inputs.org.employees[*b].id));
    people.dedup();
    let rows: Vec<Vec<Cell>> = people
        .iter()
        .map(|&e| {
            let emp = &inputs.org.employees[e];
            vec![Cell::Text(emp.id.clone()), Cell::Text(emp.name.clone())]
        })
        .collect();
    table(ws, f, &header, &rows)?;
    for (r, &e) in people.iter().enumerate() {
        for (c, q) in quarters.iter().enumerate() {
            let mut here: Vec<_> = plan.actions.iter().filter(|a| a.employee == e && a.quarter == *q).collect();
            here.sort_by_key(|a| (a.kind != crate::model::ActionKind::Exam, a.kind, a.cert));
            let Some(first) = here.first() else { continue };
            let lines: Vec<String> = here
                .iter()
                .map(|a| match a.cert {
                    Some(cert) => format!("{} {}", a.kind.as_str(), inputs.catalog[cert].id),
                    None => a.kind.as_str().to_string(),
                })
                .collect();
            let format =
                Format::new().set_background_color(kind_colour(first.kind)).set_text_wrap().set_align(FormatAlign::Top);
            ws.write_string_with_format(r as u32 + 1, c as u16 + 2, lines.join("\n"), &format)?;
        }
    }
    for c in 0..quarters.len() {
        ws.set_column_width(c as u16 + 2, 18)?;
    }
    Ok(())
}

/// Per quarter and certification: seats (exams), renewals, training fees, study hours.
pub(super) fn demand(ws: &mut Worksheet, f: &Formats, inputs: &Inputs, outlook: &Outlook) -> Result<(), XlsxError> {
    let header =
        ["quarter", "certification", "certification_name", "seats", "renewals", "training_fees", "study_hours"];
    let rows: Vec<Vec<Cell>> = outlook
        .demand
        .iter()
        .map(|d| {
            let cert = &inputs.catalog[d.cert];
            vec![
                Cell::Text(d.quarter.to_string()),
                Cell::Text(cert.id.clone()),
                Cell::Text(cert.name.clone()),
                Cell::Number(d.seats.into(), Kind::Count),
                Cell::Number(d.renewals.into(), Kind::Count),
                Cell::Number(d.training_fees, Kind::Money),
                Cell::Number(d.study_hours, Kind::Hours),
            ]
        })
        .collect();
    table(ws, f, &header, &rows)
}

/// Every certification whose renewal window overlaps the horizon, and whether the plan renews it.
pub(super) fn renewals(ws: &mut Worksheet, f: &Formats, inputs: &Inputs, outlook: &Outlook) -> Result<(), XlsxError> {
    let header = [
        "employee_id",
        "employee_name",
        "certification",
        "window_opens",
        "expires",
        "earned_by_plan",
        "renewed_by_plan",
        "renewed_in",
    ];
    let rows: Vec<Vec<Cell>> = outlook
        .renewals
        .iter()
        .map(|r| {
            let emp = &inputs.org.employees[r.employee];
            vec![
                Cell::Text(emp.id.clone()),
                Cell::Text(emp.name.clone()),
                Cell::Text(inputs.catalog[r.cert].id.clone()),
                Cell::Empty,
                Cell::Empty,
                Cell::Bool(r.planned),
                Cell::Bool(r.renewed_in.is_some()),
                r.renewed_in.map_or(Cell::Empty, |q| Cell::Text(q.to_string())),
            ]
        })
        .collect();
    table(ws, f, &header, &rows)?;
    for (i, r) in outlook.renewals.iter().enumerate() {
        ws.write_datetime_with_format(i as u32 + 1, 3, excel_date(r.opens)?, &f.date)?;
        ws.write_datetime_with_format(i as u32 + 1, 4, excel_date(r.expires)?, &f.date)?;
    }
    ws.set_column_width(3, 12)?;
    ws.set_column_width(4, 12)?;
    Ok(())
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let (y, m, day) = d.parts();
    ExcelDateTime::from_ymd(y as u16, m as u8, day as u8)
}

/// Each target's score at every quarter end without and with the plan, the qualifying
/// score, and a line chart of them (with the plan solid, without dashed, the line grey).
pub(super) fn scores(ws: &mut Worksheet, f: &Formats, outlook: &Outlook) -> Result<(), XlsxError> {
    let mut header = vec!["quarter".to_string()];
    for s in &outlook.scores {
        header.push(format!("{} without plan", s.designation));
        header.push(format!("{} with plan", s.designation));
    }
    header.push("qualifying_score".to_string());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<Cell>> = outlook
        .quarters
        .iter()
        .enumerate()
        .map(|(q, quarter)| {
            let mut row = vec![Cell::Text(quarter.to_string())];
            for s in &outlook.scores {
                row.push(Cell::Number(s.without[q], Kind::Points));
                row.push(Cell::Number(s.with[q], Kind::Points));
            }
            row.push(Cell::Number(outlook.qualifying_score, Kind::Points));
            row
        })
        .collect();
    table(ws, f, &header, &rows)?;
    let last = outlook.quarters.len() as u32;
    if last == 0 {
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name("Score per quarter end");
    for c in 1..header.len() as u16 {
        let series = chart.add_series();
        series
            .set_categories(("Scores", 1, 0, last, 0))
            .set_values(("Scores", 1, c, last, c))
            .set_name(("Scores", 0, c));
        let mut line = rust_xlsxwriter::ChartLine::new();
        if c as usize == header.len() - 1 {
            line.set_color(rust_xlsxwriter::Color::RGB(0x808080)).set_dash_type(ChartLineDashType::Dash);
        } else if c % 2 == 1 {
            line.set_dash_type(ChartLineDashType::RoundDot);
        }
        series.set_format(rust_xlsxwriter::ChartFormat::new().set_line(&line));
    }
    chart.y_axis().set_name("score").set_min(0);
    chart.x_axis().set_name("quarter end");
    ws.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}
