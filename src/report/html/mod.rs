//! `report.html`: one self-contained page per scenario (and per comparison, designations
//! table or frontier) that a manager can open on a phone or print on A4. Nothing is fetched:
//! the style is inline, the charts are inline SVG ([`svg`]), there is no script and no font
//! or image from elsewhere. English or Dutch ([`lang`]).

pub mod lang;
pub mod risk;
pub mod svg;

use crate::analysis::compare::Comparison;
use crate::analysis::designations::DesignationRow;
use crate::analysis::frontier::FrontierRow;
use crate::analysis::outlook::Outlook;
use crate::batch::Planned;
use crate::io::limits::MAX_GANTT_PEOPLE;
use crate::model::{ActionKind, Category, Date, Inputs, Quarter};
use crate::report::plan::{ending, target_results, PlanRow};
use crate::solver::Status;
use lang::Lang;
use std::fmt::Write;
use svg::{GanttRow, Line, MetricBar};

/// Text made safe inside HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The page's style: readable on a phone (fluid width, scrolling tables), printable on A4.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;\
max-width:980px;padding:12px;color:#1d2733;line-height:1.4}h1{font-size:1.5em;margin:.2em 0}\
h2{font-size:1.15em;margin:1.2em 0 .4em;border-bottom:1px solid #d0d7de}h3{font-size:1em;margin:1em 0 .3em}.headline{font-size:1.15em;\
background:#eef4fb;border-left:4px solid #2f6db5;padding:.6em .8em}.sub{color:#57606a}\
svg.chart{width:100%;height:auto;display:block}.tick{font-size:11px;fill:#57606a}.grid{stroke:#e4e8ec}\
.reference{stroke:#c0392b;stroke-dasharray:4 3}.window{fill:#f6e3b4}.cap{fill:none;stroke:#8c959f}\
.legend span{margin-right:1em;font-size:.85em}.legend i{display:inline-block;width:22px;\
border-top:3px solid;margin-right:4px;vertical-align:middle}.scroll{overflow-x:auto}\
table{border-collapse:collapse;font-size:.85em;width:100%}th,td{padding:3px 6px;border-bottom:1px solid #e4e8ec;\
text-align:left;white-space:nowrap}td.n{text-align:right}footer{margin-top:2em;color:#8c959f;font-size:.8em}\
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0}section{break-inside:avoid}}";

/// A whole page around `body`.
fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}\
         <footer>certplan</footer></body></html>\n",
        lang.code(),
        escape(title)
    )
}

/// A titled section.
fn section(id: &str, title: &str, content: &str) -> String {
    format!("<section id=\"{id}\"><h2>{}</h2>{content}</section>", escape(title))
}

/// A table: header cells, then rows of (text, numeric?) cells.
fn html_table(header: &[&str], rows: &[Vec<(String, bool)>]) -> String {
    let mut s = String::from("<div class=\"scroll\"><table><thead><tr>");
    for h in header {
        let _ = write!(s, "<th>{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for row in rows {
        s.push_str("<tr>");
        for (cell, numeric) in row {
            let class = if *numeric { " class=\"n\"" } else { "" };
            let _ = write!(s, "<td{class}>{}</td>", escape(cell));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

/// The colours of the lines of target `i` (a few distinct hues, then repeated).
fn colour(i: usize) -> &'static str {
    ["#2f6db5", "#2e8540", "#8e44ad", "#d35400", "#16a085", "#7f8c8d"][i % 6]
}

/// The colour of an action kind in the Gantt chart.
fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "exam" => "#2f6db5",
        "renew" => "#2e8540",
        _ => "#8c959f",
    }
}

/// The report of one solved scenario: the headline, scores per quarter with and without the
/// plan, cost per quarter, the schedule with renewal windows, where the points come from,
/// the targets and the plan's rows.
pub fn plan_report(planned: &Planned, rows: &[PlanRow], lang: Lang) -> String {
    let (inputs, scenario, outcome) = (&*planned.inputs, &planned.scenario, &planned.outcome);
    let currency = inputs.org.profile.currency.as_str();
    let outlook = Outlook::new(inputs, scenario, outcome);
    let quarters: Vec<String> = outlook.quarters.iter().map(|q| lang.quarter(*q)).collect();
    let mut body = format!(
        "<h1>{}: {}</h1><p class=\"sub\">{} · {}{}</p>",
        escape(lang.t("Certification plan")),
        escape(&scenario.name),
        escape(&inputs.org.profile.name),
        escape(&horizon(&outlook.quarters, lang)),
        if scenario.description.is_empty() { String::new() } else { format!(" · {}", escape(&scenario.description)) }
    );
    let _ = write!(body, "<p class=\"headline\" id=\"headline\">{}</p>", escape(&headline(planned, &outlook, lang)));

    let mut lines = Vec::new();
    for (i, s) in outlook.scores.iter().enumerate() {
        let tips = |values: &[f64], which: &str| -> Vec<String> {
            values
                .iter()
                .zip(&quarters)
                .map(|(v, q)| format!("{} {which}, {q}: {}", s.designation, lang.number(*v, 2)))
                .collect()
        };
        lines.push(Line {
            name: format!("{} {}", s.designation, lang.t("with the plan")),
            colour: colour(i),
            dashed: false,
            class: "with",
            tips: tips(&s.with, lang.t("with the plan")),
            values: s.with.clone(),
            labels: Vec::new(),
        });
        lines.push(Line {
            name: format!("{} {}", s.designation, lang.t("without the plan")),
            colour: colour(i),
            dashed: true,
            class: "without",
            tips: tips(&s.without, lang.t("without the plan")),
            values: s.without.clone(),
            labels: Vec::new(),
        });
    }
    let reference = (
        outlook.qualifying_score,
        format!("{} {}", lang.t("qualifying score"), lang.number(outlook.qualifying_score, 0)),
    );
    body.push_str(&section(
        "scores",
        lang.t("Score per quarter end"),
        &svg::line_chart(&quarters, &lines, Some(reference)),
    ));

    let parts = [
        (lang.t("exam fees").to_string(), "#2f6db5", outlook.costs.iter().map(|c| c.exam_fees).collect()),
        (lang.t("training").to_string(), "#e0a526", outlook.costs.iter().map(|c| c.training).collect()),
        (lang.t("staff time").to_string(), "#8e44ad", outlook.costs.iter().map(|c| c.staff_time).collect::<Vec<f64>>()),
    ];
    let costs = svg::stacked_bars(&quarters, &parts, |v| lang.money(v, currency), |v| lang.number(v, 0));
    body.push_str(&section("costs", lang.t("Cost per quarter"), &costs));

    body.push_str(&section("schedule", lang.t("Schedule"), &schedule(inputs, planned, &outlook, lang)));

    let bars: Vec<MetricBar> = outlook
        .metrics
        .iter()
        .map(|m| MetricBar {
            label: format!("{} / {}", m.designation, m.metric),
            before: m.before,
            after: m.after,
            cap: m.max_points,
            tip: format!(
                "{} {}, {} {}, {} {}{}",
                lang.t("before"),
                lang.number(m.before, 2),
                lang.t("after"),
                lang.number(m.after, 2),
                lang.t("cap"),
                lang.number(m.max_points, 0),
                if m.category == Category::Skilling {
                    String::new()
                } else {
                    format!(" ({})", lang.t("from the profile"))
                }
            ),
        })
        .collect();
    body.push_str(&section("points", lang.t("Where the points come from"), &svg::metric_bars(&bars)));
    if let Some(risk) = &planned.risk {
        let content = risk::section_content(risk, outcome.cost, currency, lang);
        body.push_str(&section("risk", lang.t("Chance of qualifying"), &content));
    }
    body.push_str(&section("targets", lang.t("Targets"), &targets_table(planned, lang)));
    body.push_str(&section("plan", lang.t("Plan"), &plan_table(planned, rows, lang)));
    page(lang, &format!("{}: {}", lang.t("Certification plan"), scenario.name), &body)
}

/// "Qualifies by the end of Q4 2027 for € 7.611,00: 9 exams, 312,0 h, proven optimal."
fn headline(planned: &Planned, outlook: &Outlook, lang: Lang) -> String {
    let outcome = &planned.outcome;
    let currency = &planned.inputs.org.profile.currency;
    let e = ending(outcome);
    let proof = match &outcome.status {
        Status::Infeasible(why) => return format!("{}: {}", lang.t("infeasible"), why.join("; ")),
        Status::Optimal => lang.t("proven optimal").to_string(),
        Status::Feasible { gap } => format!(
            "{} {}",
            lang.t("best found within the time limit, gap"),
            gap.map_or("?".to_string(), |g| format!("{} %", lang.number(g * 100.0, 2)))
        ),
    };
    let when = match outlook.qualifies_by {
        Some(q) => format!("{} {}", lang.t("Qualifies by the end of"), lang.quarter(q)),
        None => lang.t("Does not qualify within the horizon").to_string(),
    };
    format!(
        "{when} {} {}: {} {}, {}, {proof}.",
        lang.t("for"),
        lang.money(outcome.cost, currency),
        e.exams,
        lang.t("exams"),
        lang.hours(outcome.hours)
    )
}

/// The Gantt chart: every person with a planned action or a renewal window in the horizon.
fn schedule(inputs: &Inputs, planned: &Planned, outlook: &Outlook, lang: Lang) -> String {
    let actions = &planned.outcome.plan.actions;
    let by_id = |list: &mut Vec<usize>| {
        list.sort_by(|a, b| inputs.org.employees[*a].id.cmp(&inputs.org.employees[*b].id));
        list.dedup();
    };
    let mut people: Vec<usize> = actions.iter().map(|a| a.employee).collect();
    by_id(&mut people);
    let mut waiting: Vec<usize> =
        outlook.renewals.iter().map(|r| r.employee).filter(|e| !actions.iter().any(|a| a.employee == *e)).collect();
    by_id(&mut waiting);
    people.extend(waiting);
    let more = people.len().saturating_sub(MAX_GANTT_PEOPLE);
    people.truncate(MAX_GANTT_PEOPLE);
    let (Some(first), Some(last)) = (outlook.quarters.first(), outlook.quarters.last()) else { return String::new() };
    let span = months(last.plus(1).first_day()) - months(first.first_day());
    let fraction = |d: Date| ((months(d) - months(first.first_day())) / span).clamp(0.0, 1.0);
    let rows: Vec<GanttRow> = people
        .iter()
        .map(|&e| {
            let emp = &inputs.org.employees[e];
            let mut bars: Vec<(usize, &'static str, String)> = actions
                .iter()
                .filter(|a| a.employee == e)
                .filter_map(|a| {
                    let q = outlook.quarters.iter().position(|x| *x == a.quarter)?;
                    let cert = a.cert.map_or(String::new(), |c| format!(" {}", inputs.catalog[c].id));
                    let kind = match a.kind {
                        ActionKind::Exam => "exam",
                        ActionKind::Renew => "renew",
                        ActionKind::Link => "link",
                    };
                    Some((q, kind, format!("{}: {}{cert}, {}", emp.name, lang.t(kind), lang.quarter(a.quarter))))
                })
                .collect();
            bars.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
            let windows = outlook
                .renewals
                .iter()
                .filter(|r| r.employee == e)
                .map(|r| {
                    let tip = format!(
                        "{} {}: {} – {}",
                        lang.t("renewal window"),
                        inputs.catalog[r.cert].id,
                        lang.date(r.opens),
                        lang.date(r.expires)
                    );
                    (fraction(r.opens), fraction(r.expires.succ()), tip)
                })
                .collect();
            GanttRow { label: emp.name.clone(), bars, windows }
        })
        .collect();
    let labels: Vec<String> = outlook.quarters.iter().map(|q| lang.quarter(*q)).collect();
    let chart = svg::gantt(&labels, &rows, kind_colour);
    let legend = format!(
        "<p class=\"legend\"><span><i style=\"border-color:#2f6db5\"></i>{}</span> <span><i style=\"border-color:#2e8540\"></i>{}</span> \
         <span><i style=\"border-color:#8c959f\"></i>{}</span> <span><i style=\"border-color:#f6e3b4\"></i>{}</span></p>",
        lang.t("exam"),
        lang.t("renew"),
        lang.t("link"),
        lang.t("renewal window")
    );
    let note = if more > 0 {
        format!("<p class=\"sub\">{} {more} {}</p>", lang.t("and"), lang.t("more people; every person is in plan.xlsx"))
    } else {
        String::new()
    };
    chart + &legend + &note
}

/// A date as months since year 0, with the day as a fraction of a month: enough to place a
/// renewal window on a quarter axis.
fn months(d: Date) -> f64 {
    let (y, m, day) = d.parts();
    f64::from(y) * 12.0 + f64::from(m - 1) + f64::from(day - 1) / 31.0
}

/// The targets before and after the plan.
fn targets_table(planned: &Planned, lang: Lang) -> String {
    let (inputs, scenario, outcome) = (&*planned.inputs, &planned.scenario, &planned.outcome);
    let yes_no = |b: bool| lang.t(if b { "yes" } else { "no" }).to_string();
    let rows: Vec<Vec<(String, bool)>> = target_results(inputs, scenario, outcome)
        .into_iter()
        .map(|r| {
            vec![
                (r.designation, false),
                (r.track, false),
                (lang.number(r.before.score, 2), true),
                (lang.number(r.after.score, 2), true),
                (yes_no(r.after.qualified), false),
            ]
        })
        .collect();
    let header = ["designation", "track", "score before", "score after", "qualified"].map(|h| lang.t(h));
    html_table(&header, &rows)
}

/// The plan's ranked rows.
fn plan_table(planned: &Planned, rows: &[PlanRow], lang: Lang) -> String {
    let inputs = &*planned.inputs;
    let currency = &inputs.org.profile.currency;
    let rows: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            let a = r.action;
            vec![
                (r.rank.to_string(), true),
                (lang.quarter(a.quarter), false),
                (inputs.org.employees[a.employee].name.clone(), false),
                (lang.t(a.kind.as_str()).to_string(), false),
                (a.cert.map_or(String::new(), |c| inputs.catalog[c].id.clone()), false),
                (lang.money(r.cost, currency), true),
                (lang.number(r.points_gained, 2), true),
            ]
        })
        .collect();
    let header = ["#", "quarter", "person", "action", "certification", "cost", "points"].map(|h| lang.t(h));
    html_table(&header, &rows)
}

/// `compare`'s report: cost per scenario with a plan, and the ranking.
pub fn compare_report(comparison: &Comparison, lang: Lang) -> String {
    let ranking = comparison.ranking();
    let items: Vec<(String, f64, String)> = ranking
        .iter()
        .filter(|r| r.objective.is_some())
        .map(|r| {
            let odds = r.probability.map_or(String::new(), |p| format!(" · {}", risk::percent(p, lang)));
            (r.name.clone(), r.cost, format!("{}{odds}", lang.money(r.cost, &r.currency)))
        })
        .collect();
    let rows: Vec<Vec<(String, bool)>> = ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cost = if r.objective.is_some() { lang.money(r.cost, &r.currency) } else { String::new() };
            vec![
                ((i + 1).to_string(), true),
                (r.name.clone(), false),
                (lang.t(r.status).to_string(), false),
                (cost, true),
                (r.probability.map_or(String::new(), |p| risk::percent(p, lang)), true),
            ]
        })
        .collect();
    let header = ["#", "scenario", "status", "cost", "probability"].map(|h| lang.t(h));
    let body = format!(
        "<h1>{}</h1>{}{}",
        escape(lang.t("Comparison")),
        section("costs", lang.t("Cost per scenario"), &svg::hbars(&items, "#2f6db5")),
        section("ranking", lang.t("Comparison"), &html_table(&header, &rows))
    );
    page(lang, lang.t("Comparison"), &body)
}

/// `designations`' report: cost per designation choice that has a plan, and the table.
pub fn designations_report(rows: &[DesignationRow], currency: &str, lang: Lang) -> String {
    let label = |r: &DesignationRow| format!("{} ({})", r.designations, r.tracks);
    let items: Vec<(String, f64, String)> =
        rows.iter().filter_map(|r| r.cost.map(|c| (label(r), c, lang.money(c, currency)))).collect();
    let table: Vec<Vec<(String, bool)>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                ((i + 1).to_string(), true),
                (label(r), false),
                (lang.t(r.status).to_string(), false),
                (r.cost.map_or(String::new(), |c| lang.money(c, currency)), true),
                (r.why.clone(), false),
            ]
        })
        .collect();
    let header = ["#", "designation", "status", "cost", "Why"].map(|h| lang.t(h));
    let title = lang.t("Cost per designation choice");
    let body = format!(
        "<h1>{}</h1>{}{}",
        escape(title),
        section("costs", title, &svg::hbars(&items, "#2f6db5")),
        html_table(&header, &table)
    );
    page(lang, title, &body)
}

/// `frontier`'s report: skilling points against budget (the curve), and the table.
pub fn frontier_report(rows: &[FrontierRow], currency: &str, lang: Lang) -> String {
    let solved: Vec<(&FrontierRow, &crate::analysis::frontier::Reached)> =
        rows.iter().filter_map(|r| r.reached.as_ref().ok().map(|x| (r, x))).collect();
    let categories: Vec<String> = solved.iter().map(|(r, _)| lang.money(r.budget, currency)).collect();
    let line = Line {
        name: lang.t("skilling points").to_string(),
        colour: "#2f6db5",
        dashed: false,
        class: "with",
        values: solved.iter().map(|(_, x)| x.points).collect(),
        tips: solved
            .iter()
            .map(|(r, x)| {
                format!(
                    "{} {}: {} {}, {} {}, {}, {} {}",
                    lang.t("budget"),
                    lang.money(r.budget, currency),
                    lang.number(x.points, 2),
                    lang.t("skilling points"),
                    x.qualifying,
                    lang.t("qualifying targets"),
                    lang.money(x.cost, currency),
                    lang.t("probability"),
                    risk::percent(x.odds.probability, lang)
                )
            })
            .collect(),
        labels: solved.iter().map(|(_, x)| risk::percent(x.odds.probability, lang)).collect(),
    };
    let table: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| match &r.reached {
            Ok(x) => vec![
                (lang.money(r.budget, currency), true),
                (lang.t(x.status).to_string(), false),
                (x.qualifying.to_string(), true),
                (lang.number(x.points, 2), true),
                (lang.money(x.cost, currency), true),
                (risk::percent(x.odds.probability, lang), true),
            ],
            Err(why) => vec![(lang.money(r.budget, currency), true), (why.clone(), false)],
        })
        .collect();
    let header =
        ["budget", "status", "qualifying targets", "skilling points", "cost", "probability"].map(|h| lang.t(h));
    let title = lang.t("Budget frontier");
    let body = format!(
        "<h1>{}</h1>{}{}",
        escape(title),
        section("frontier", title, &svg::line_chart(&categories, &[line], None)),
        html_table(&header, &table)
    );
    page(lang, title, &body)
}

/// The horizon, `Q1 2027 – Q4 2027`.
fn horizon(quarters: &[Quarter], lang: Lang) -> String {
    match (quarters.first(), quarters.last()) {
        (Some(a), Some(b)) => format!("{} – {}", lang.quarter(*a), lang.quarter(*b)),
        _ => String::new(),
    }
}
