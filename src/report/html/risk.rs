//! The report's "Chance of qualifying" section: what `certplan risk` prints, for the client.
//! The probability that every target qualifies and per target with their 95 % intervals, the
//! cost with retakes, the most frequent causes of failure in plain words and, after a
//! `min_probability` search, the optimal plan beside the chosen one (the price of certainty).
//! Every figure is the one `risk.csv` and `summary.csv` write, in the report's number format.

use super::lang::Lang;
use super::{escape, html_table};
use crate::report::risk::SHOWN_CAUSES;
use crate::risk::{Assessment, Cause, Method, Odds, PlanRisk};

/// A share as a percentage with one decimal, as the terminal writes it: `92.1 %`, `92,1 %`.
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{} %", lang.number(share * 100.0, 1))
}

/// The section's content for a plan assessed at `cost` in `currency`.
pub fn section_content(risk: &PlanRisk, cost: f64, currency: &str, lang: Lang) -> String {
    let a = &risk.assessment;
    let mut s = format!(
        "<p class=\"headline\" id=\"risk-headline\">{} {}: {}; {}.</p>",
        escape(lang.t("Probability that every target qualifies on")),
        escape(&lang.date(a.evaluation.last_day())),
        escape(&odds_words(&a.all, lang)),
        escape(&method_words(a.method, lang))
    );
    s.push_str(&odds_table(a, lang));
    s.push_str(&format!("<h3>{}</h3>", escape(lang.t("Cost with retakes"))));
    let c = &a.cost;
    let header = ["mean", "10th percentile", "median", "90th percentile"].map(|h| lang.t(h));
    let row = [c.mean, c.p10, c.p50, c.p90].map(|v| (lang.money(v, currency), true)).to_vec();
    s.push_str(&html_table(&header, &[row]));
    s.push_str(&format!("<h3>{}</h3>", escape(lang.t("Most frequent causes of failure"))));
    if a.causes.is_empty() {
        s.push_str(&format!("<p>{}.</p>", escape(lang.t("No cause of failure: every outcome qualifies"))));
    } else {
        s.push_str("<ol class=\"causes\">");
        for cause in a.causes.iter().take(SHOWN_CAUSES) {
            s.push_str(&format!("<li>{}</li>", escape(&cause_words(cause, lang))));
        }
        s.push_str("</ol>");
    }
    if let Some(search) = &risk.search {
        s.push_str(&format!("<h3>{}</h3>", escape(lang.t("Price of certainty"))));
        let header = ["plan", "cost", "probability", "95 % interval"].map(|h| lang.t(h));
        let rows = [
            (lang.t("optimal plan").to_string(), search.optimum_cost, &search.optimum),
            (format!("{} ({})", lang.t("chosen plan"), search.chosen), cost, &a.all),
        ]
        .map(|(name, cost, odds)| {
            vec![
                (name, false),
                (lang.money(cost, currency), true),
                (percent(odds.probability, lang), true),
                (interval(odds, lang), true),
            ]
        });
        s.push_str(&html_table(&header, &rows));
        s.push_str(&format!(
            "<p id=\"price\">{}: {} ({} {} {}, {} {}).</p>",
            escape(lang.t("The price of certainty")),
            escape(&lang.money(cost - search.optimum_cost, currency)),
            escape(lang.t("asked for at least")),
            escape(&percent(search.min_probability, lang)),
            escape(lang.t("that every target qualifies")),
            search.candidates,
            escape(lang.t("plan(s) tried"))
        ));
        if !search.reached {
            s.push_str(&format!(
                "<p>{} {}; {}.</p>",
                escape(lang.t("No plan found reaches")),
                escape(&percent(search.min_probability, lang)),
                escape(lang.t("the most probable one found is written"))
            ));
        }
    }
    s
}

/// Every target's odds, then every target together.
fn odds_table(a: &Assessment, lang: Lang) -> String {
    let rows: Vec<Vec<(String, bool)>> = a
        .targets
        .iter()
        .map(|(id, odds)| (id.clone(), odds))
        .chain([(lang.t("all targets").to_string(), &a.all)])
        .map(|(name, odds)| {
            vec![
                (name, false),
                (percent(odds.probability, lang), true),
                (percent(odds.low, lang), true),
                (percent(odds.high, lang), true),
            ]
        })
        .collect();
    let header = ["target", "probability", "lower end (95 %)", "upper end (95 %)"].map(|h| lang.t(h));
    html_table(&header, &rows)
}

/// "92.1 % (95 % interval 91.6 % to 92.6 %)", or just the value when it is exact.
fn odds_words(o: &Odds, lang: Lang) -> String {
    if o.low == o.high {
        percent(o.probability, lang)
    } else {
        format!("{} ({} {})", percent(o.probability, lang), lang.t("95 % interval"), interval(o, lang))
    }
}

/// "91.6 % to 92.6 %".
fn interval(o: &Odds, lang: Lang) -> String {
    format!("{} {} {}", percent(o.low, lang), lang.t("to"), percent(o.high, lang))
}

/// "10,000 samples, seed 1" or "exact, every outcome of 2 exam(s)".
fn method_words(method: Method, lang: Lang) -> String {
    match method {
        Method::Sampled { samples, seed } => {
            format!("{} {}, {} {seed}", lang.number(f64::from(samples), 0), lang.t("samples"), lang.t("seed"))
        }
        Method::Exact { exams } => format!("{} {exams} {}", lang.t("exact, every outcome of"), lang.t("exam(s)")),
    }
}

/// A cause of failure in plain words: in English exactly as the terminal and `risk.csv`
/// write it ([`Cause::words`]), in Dutch with Dutch words and numbers.
pub fn cause_words(cause: &Cause, lang: Lang) -> String {
    let pct = |v: f64| percent(v, lang);
    let Some(step) = &cause.step else {
        return format!(
            "{} {} ({} {})",
            cause.target,
            lang.t("fails even when every exam passes and nobody leaves"),
            pct(cause.share),
            lang.t("of outcomes")
        );
    };
    let mut behind: Vec<String> = cause
        .failed_exams
        .iter()
        .map(|(c, s)| match lang {
            Lang::En => format!("a failed {c} exam ({})", pct(*s)),
            Lang::Nl => format!("een gezakt {c}-examen ({})", pct(*s)),
        })
        .collect();
    if cause.leavers > 0.0 {
        behind.push(format!("{} ({})", lang.t("someone leaving"), pct(cause.leavers)));
    }
    format!(
        "{}: {} {} {} {} ({} {} {} {}) {} {} {}{}{}",
        cause.target,
        lang.t("step"),
        step.number,
        lang.t("of"),
        step.metric,
        step.needed,
        lang.t(if step.needed == 1 { "person" } else { "people" }),
        lang.t("with"),
        step.certifications.join(&format!(" {} ", lang.t("or"))),
        lang.t("falls short in"),
        pct(cause.share),
        lang.t("of outcomes"),
        if behind.is_empty() { String::new() } else { format!("; {}: ", lang.t("behind it")) },
        behind.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::ShortStep;

    fn cause(step: bool, leavers: f64) -> Cause {
        Cause {
            target: "infrastructure".into(),
            step: step.then(|| ShortStep {
                metric: "intermediate".into(),
                metric_index: 1,
                number: 2,
                needed: 4,
                certifications: vec!["AZ-700".into(), "AZ-801".into()],
            }),
            share: 0.0791,
            failed_exams: vec![("AZ-700".into(), 0.0791), ("AZ-801".into(), 0.012)],
            leavers,
        }
    }

    #[test]
    fn english_causes_read_exactly_as_the_terminal_prints_them() {
        for c in [cause(true, 0.0), cause(true, 0.031), cause(false, 0.0)] {
            assert_eq!(cause_words(&c, Lang::En), c.words());
        }
    }

    #[test]
    fn dutch_causes_have_dutch_words_and_decimal_commas() {
        assert_eq!(
            cause_words(&cause(true, 0.031), Lang::Nl),
            "infrastructure: stap 2 van intermediate (4 personen met AZ-700 of AZ-801) schiet tekort in 7,9 % \
             van de uitkomsten; daarachter: een gezakt AZ-700-examen (7,9 %), een gezakt AZ-801-examen (1,2 %), \
             iemand die vertrekt (3,1 %)"
        );
        let one = Cause { step: cause(true, 0.0).step.map(|s| ShortStep { needed: 1, ..s }), ..cause(true, 0.0) };
        assert!(cause_words(&one, Lang::Nl).contains("(1 persoon met AZ-700 of AZ-801)"));
        assert_eq!(
            cause_words(&cause(false, 0.0), Lang::Nl),
            "infrastructure faalt ook als elk examen slaagt en niemand vertrekt (7,9 % van de uitkomsten)"
        );
    }
}
