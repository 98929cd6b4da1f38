//! Hand-written inline SVG charts: smaller than any chart library and self-contained (no
//! script, no font, nothing fetched). Every chart scales to the page width through its
//! `viewBox`. Each mark carries a class (`pt`, `bar`, `gantt-bar`, `window`) so that a test
//! can count them in the rendered page, and a `<title>` tooltip with its value.

use super::escape;
use std::fmt::Write;

/// Chart width and plot margins, in SVG units.
const WIDTH: f64 = 720.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 40.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One line of a line chart.
pub struct Line<'a> {
    /// Its name in the legend.
    pub name: String,
    /// CSS colour.
    pub colour: &'a str,
    /// Dashed (e.g. "without the plan").
    pub dashed: bool,
    /// Extra class of its points (e.g. `with`).
    pub class: &'a str,
    /// One value per category.
    pub values: Vec<f64>,
    /// The tooltip of each point.
    pub tips: Vec<String>,
    /// A short text written above each point (none when empty), for a figure the reader
    /// needs without hovering, such as the frontier's probability per budget.
    pub labels: Vec<String>,
}

/// A line chart over `categories`, with an optional horizontal reference line (value, label).
pub fn line_chart(categories: &[String], lines: &[Line], reference: Option<(f64, String)>) -> String {
    let height = 260.0;
    let top =
        lines.iter().flat_map(|l| l.values.iter().copied()).chain(reference.as_ref().map(|r| r.0)).fold(0.0, f64::max);
    let y_max = nice_max(top);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let step = if categories.len() > 1 { plot_w / (categories.len() - 1) as f64 } else { 0.0 };
    let x = |i: usize| if categories.len() > 1 { LEFT + step * i as f64 } else { LEFT + plot_w / 2.0 };
    let y = |v: f64| TOP + plot_h * (1.0 - v / y_max);
    let mut s = open(height);
    axes(&mut s, y_max, height, |v| format!("{v:.0}"));
    for (i, c) in categories.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
            x(i),
            height - BOTTOM + 16.0,
            escape(c)
        );
    }
    if let Some((v, label)) = &reference {
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}" class="reference"/><text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
            WIDTH - RIGHT,
            y(*v),
            y(*v),
            LEFT + 4.0,
            y(*v) - 4.0,
            escape(label)
        );
    }
    for line in lines {
        let points: Vec<String> =
            line.values.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v))).collect();
        let dash = if line.dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
            points.join(" "),
            line.colour
        );
        for (i, v) in line.values.iter().enumerate() {
            let tip = line.tips.get(i).map_or(String::new(), |t| escape(t));
            let _ = write!(
                s,
                r#"<circle class="pt {}" cx="{:.1}" cy="{:.1}" r="3.5" fill="{}"><title>{tip}</title></circle>"#,
                line.class,
                x(i),
                y(*v),
                line.colour
            );
        }
        for (i, (v, label)) in line.values.iter().zip(&line.labels).enumerate() {
            let _ = write!(
                s,
                r#"<text class="tick point-label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                x(i),
                y(*v) - 8.0,
                escape(label)
            );
        }
    }
    s.push_str("</svg>");
    s.push_str(&legend(lines.iter().map(|l| (l.name.as_str(), l.colour, l.dashed))));
    s
}

/// Stacked vertical bars: one stack per category, one part per `(name, colour, values)`.
pub fn stacked_bars(
    categories: &[String],
    parts: &[(String, &str, Vec<f64>)],
    tip: impl Fn(f64) -> String,
    axis: impl Fn(f64) -> String,
) -> String {
    let height = 240.0;
    let totals: Vec<f64> = (0..categories.len()).map(|i| parts.iter().map(|p| p.2[i]).sum()).collect();
    let y_max = nice_max(totals.iter().copied().fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let slot = plot_w / categories.len().max(1) as f64;
    let mut s = open(height);
    axes(&mut s, y_max, height, axis);
    for (i, c) in categories.iter().enumerate() {
        let x = LEFT + slot * i as f64 + slot * 0.2;
        let mut base = 0.0;
        for (name, colour, values) in parts {
            let v = values[i];
            if v <= 0.0 {
                continue;
            }
            let (y0, y1) = (TOP + plot_h * (1.0 - (base + v) / y_max), TOP + plot_h * (1.0 - base / y_max));
            let _ = write!(
                s,
                r#"<rect class="bar" x="{x:.1}" y="{y0:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{}: {}</title></rect>"#,
                slot * 0.6,
                (y1 - y0).max(0.5),
                escape(name),
                escape(&tip(v))
            );
            base += v;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
            x + slot * 0.3,
            height - BOTTOM + 16.0,
            escape(c)
        );
    }
    s.push_str("</svg>");
    s.push_str(&legend(parts.iter().map(|(n, c, _)| (n.as_str(), *c, false))));
    s
}

/// Horizontal bars, one per `(label, value, tooltip)`, longest scale first-come.
pub fn hbars(items: &[(String, f64, String)], colour: &str) -> String {
    let row = 26.0;
    let label_w = 220.0;
    let height = TOP + row * items.len() as f64 + 8.0;
    let v_max = nice_max(items.iter().map(|i| i.1).fold(0.0, f64::max));
    let plot_w = WIDTH - label_w - RIGHT - 90.0;
    let mut s = open(height);
    for (i, (label, v, tip)) in items.iter().enumerate() {
        let y = TOP + row * i as f64;
        let w = (plot_w * v / v_max).max(1.0);
        let title = format!("{label}: {tip}");
        let label = shortened(label, LABEL_CHARS);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text><rect class="bar" x="{label_w}" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{colour}"><title>{}</title></rect><text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
            label_w - 6.0,
            y + row * 0.6,
            escape(&label),
            row * 0.7,
            escape(&title),
            label_w + w + 4.0,
            y + row * 0.6,
            escape(tip)
        );
    }
    s.push_str("</svg>");
    s
}

/// One metric's points before and after against its cap.
pub struct MetricBar {
    /// What the bar is (designation / metric).
    pub label: String,
    /// Points without the plan.
    pub before: f64,
    /// Points with the plan.
    pub after: f64,
    /// The cap.
    pub cap: f64,
    /// Tooltip.
    pub tip: String,
}

/// Per metric: the cap as an outline, the points after the plan as a bar, before as a
/// lighter bar over it.
pub fn metric_bars(items: &[MetricBar]) -> String {
    let row = 24.0;
    let label_w = 260.0;
    let height = TOP + row * items.len() as f64 + 8.0;
    let v_max = nice_max(items.iter().map(|i| i.cap.max(i.after)).fold(0.0, f64::max));
    let plot_w = WIDTH - label_w - RIGHT;
    let scale = |v: f64| plot_w * v / v_max;
    let mut s = open(height);
    for (i, m) in items.iter().enumerate() {
        let y = TOP + row * i as f64;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text><rect x="{label_w}" y="{y:.1}" width="{:.1}" height="{:.1}" class="cap"/><rect class="bar after" x="{label_w}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#2f6db5"><title>{}</title></rect><rect class="bar before" x="{label_w}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#9dbbe0"/>"##,
            label_w - 6.0,
            y + row * 0.6,
            escape(&m.label),
            scale(m.cap).max(1.0),
            row * 0.7,
            scale(m.after),
            row * 0.7,
            escape(&m.tip),
            y + row * 0.2,
            scale(m.before),
            row * 0.3,
        );
    }
    s.push_str("</svg>");
    s
}

/// One person's row of the Gantt chart.
pub struct GanttRow {
    /// The person.
    pub label: String,
    /// Each action: its quarter's index, its kind (the CSS class and colour), its tooltip.
    pub bars: Vec<(usize, &'static str, String)>,
    /// Renewal windows, as fractions of the horizon (from, to), with a tooltip.
    pub windows: Vec<(f64, f64, String)>,
}

/// The schedule: a row per person, a column per quarter; each action a bar in its quarter
/// (several in one quarter share it side by side), renewal windows as a band behind them.
pub fn gantt(quarters: &[String], rows: &[GanttRow], colour: impl Fn(&str) -> &'static str) -> String {
    let row_h = 22.0;
    let label_w = 170.0;
    let height = TOP + 20.0 + row_h * rows.len() as f64 + 8.0;
    let plot_w = WIDTH - label_w - RIGHT;
    let col = plot_w / quarters.len().max(1) as f64;
    let mut s = open(height);
    for (i, q) in quarters.iter().enumerate() {
        let x = label_w + col * i as f64;
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{:.1}" class="grid"/><text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
            height - 8.0,
            x + col / 2.0,
            TOP + 10.0,
            escape(q)
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let y = TOP + 20.0 + row_h * r as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
            label_w - 6.0,
            y + row_h * 0.65,
            escape(&row.label)
        );
        for (from, to, tip) in &row.windows {
            let _ = write!(
                s,
                r#"<rect class="window" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
                label_w + plot_w * from,
                y + 2.0,
                (plot_w * (to - from)).max(1.0),
                row_h - 4.0,
                escape(tip)
            );
        }
        for (i, (q, kind, tip)) in row.bars.iter().enumerate() {
            let same: Vec<usize> = row.bars.iter().enumerate().filter(|(_, b)| b.0 == *q).map(|(j, _)| j).collect();
            let k = same.iter().position(|&j| j == i).unwrap_or(0);
            let w = (col - 6.0) / same.len() as f64;
            let _ = write!(
                s,
                r#"<rect class="gantt-bar {kind}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{}"><title>{}</title></rect>"#,
                label_w + col * *q as f64 + 3.0 + w * k as f64,
                y + 5.0,
                (w - 1.0).max(1.0),
                row_h - 10.0,
                colour(kind),
                escape(tip)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The most characters of a bar's label that fit left of the bars; longer labels end in `…`
/// (the bar's tooltip and the table under the chart have them whole).
const LABEL_CHARS: usize = 34;

/// `text` cut to `max` characters, the last one `…` when cut.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The opening tag of a chart `height` units high.
fn open(height: f64) -> String {
    format!(r#"<svg viewBox="0 0 {WIDTH} {height:.0}" role="img" class="chart">"#)
}

/// The y axis with five labelled gridlines (at multiples of a fifth of a round maximum, so
/// whole numbers from a maximum of 5 up).
fn axes(s: &mut String, y_max: f64, height: f64, label: impl Fn(f64) -> String) {
    let plot_h = height - TOP - BOTTOM;
    for k in 0..=5 {
        let v = y_max * k as f64 / 5.0;
        let y = TOP + plot_h * (1.0 - v / y_max);
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 4.0,
            y + 4.0,
            escape(&label(v))
        );
    }
}

/// A legend under a chart.
fn legend<'a>(items: impl Iterator<Item = (&'a str, &'a str, bool)>) -> String {
    let mut s = String::from(r#"<p class="legend">"#);
    for (name, colour, dashed) in items {
        let style = if dashed { "dashed" } else { "solid" };
        let _ = write!(
            s,
            r#"<span><i style="border-color:{colour};border-top-style:{style}"></i>{}</span> "#,
            escape(name)
        );
    }
    s.push_str("</p>");
    s
}

/// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `v`.
fn nice_max(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|m| *m >= v - 1e-9).unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("abcdef", 4), "abc…");
        assert_eq!(shortened("abcd", 4), "abcd");
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_max(70.0), 100.0);
        assert_eq!(nice_max(7611.0), 10000.0);
        assert_eq!(nice_max(2400.0), 2500.0);
        assert_eq!(nice_max(0.0), 1.0);
    }

    #[test]
    fn a_line_chart_has_a_point_per_value_and_escapes_text() {
        let line = Line {
            name: "a<b".into(),
            colour: "#000",
            dashed: false,
            class: "with",
            values: vec![1.0, 2.0, 3.0],
            tips: vec![],
            labels: vec!["one".into(), "two".into(), "three".into()],
        };
        let svg = line_chart(&["x".into(), "y".into(), "z".into()], &[line], Some((2.0, "q".into())));
        assert_eq!(svg.matches(r#"class="pt with""#).count(), 3);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
        assert_eq!(svg.matches(r#"class="tick point-label""#).count(), 3);
        assert!(svg.contains(">three</text>"));
    }

    #[test]
    fn a_gantt_has_a_bar_per_action_and_a_band_per_window() {
        let rows = vec![GanttRow {
            label: "Zoë".into(),
            bars: vec![(0, "exam", "AZ-104".into()), (0, "renew", "AZ-900".into()), (2, "exam", "AZ-305".into())],
            windows: vec![(0.1, 0.4, "AZ-900".into())],
        }];
        let svg = gantt(&["Q1".into(), "Q2".into(), "Q3".into()], &rows, |_| "#123");
        assert_eq!(svg.matches(r#"class="gantt-bar "#).count(), 3);
        assert_eq!(svg.matches(r#"class="window""#).count(), 1);
    }
}
