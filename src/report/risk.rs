//! What `certplan risk` prints and writes (`risk.csv`), and the probability sentence `plan`
//! and `compare` print: all read from a [`risk::Assessment`].

use crate::io::csvout::{money, CsvDoc};
use crate::report::plan::probability;
use crate::risk::{self, percent, Assessment, Method, Odds};

/// Columns of `risk.csv`: the contract's first five, then how the figures were made, the
/// cost spread (the plan's, on every row) and the most frequent cause of the row's failures.
pub const HEADER: &[&str] = &[
    "scenario",
    "target",
    "probability",
    "probability_low",
    "probability_high",
    "method",
    "samples",
    "seed",
    "cost_mean",
    "cost_p10",
    "cost_p50",
    "cost_p90",
    "top_cause",
];

/// The `target` of the row for every target together.
pub const ALL: &str = "all";

/// `risk.csv`: one row per target, then the row `all`.
pub fn risk_csv(scenario: &str, a: &Assessment) -> Vec<u8> {
    let mut doc = CsvDoc::new(HEADER);
    let (method, samples, seed) = match a.method {
        Method::Sampled { samples, seed } => ("monte-carlo", samples.to_string(), seed.to_string()),
        Method::Exact { .. } => ("exact", String::new(), String::new()),
    };
    let rows = a.targets.iter().map(|(id, odds)| (id.as_str(), odds)).chain([(ALL, &a.all)]);
    for (target, odds) in rows {
        let cause = a.causes.iter().find(|c| target == ALL || c.target == target).map(risk::Cause::words);
        doc.row(&[
            scenario.to_string(),
            target.to_string(),
            probability(odds.probability),
            probability(odds.low),
            probability(odds.high),
            method.to_string(),
            samples.clone(),
            seed.clone(),
            money(a.cost.mean),
            money(a.cost.p10),
            money(a.cost.p50),
            money(a.cost.p90),
            cause.unwrap_or_default(),
        ]);
    }
    doc.into_bytes()
}

/// "probability 87.3 % (95 % interval …) that every target qualifies on DAY (how)".
pub fn probability_sentence(a: &Assessment) -> String {
    format!(
        "probability {} that every target qualifies on {} ({})",
        odds_words(&a.all),
        a.evaluation.last_day(),
        method_words(a.method)
    )
}

fn odds_words(o: &Odds) -> String {
    if o.low == o.high {
        percent(o.probability)
    } else {
        format!("{} (95 % interval {} to {})", percent(o.probability), percent(o.low), percent(o.high))
    }
}

fn method_words(method: Method) -> String {
    match method {
        Method::Sampled { samples, seed } => format!("{samples} samples, seed {seed}"),
        Method::Exact { exams } => format!("exact, every outcome of {exams} exam(s)"),
    }
}

/// `certplan risk`'s report: the probabilities, the cost spread and the causes of failure.
pub fn risk_text(scenario: &str, exams: usize, currency: &str, a: &Assessment) -> String {
    let mut s = format!("{scenario}: a plan of {exams} exam(s)\n  {}\n", probability_sentence(a));
    for (id, odds) in &a.targets {
        s.push_str(&format!("  {id} qualifies: {}\n", odds_words(odds)));
    }
    let c = &a.cost;
    s.push_str(&format!(
        "  cost with retakes: mean {} {currency}; 10th percentile {}, median {}, 90th percentile {}\n",
        money(c.mean),
        money(c.p10),
        money(c.p50),
        money(c.p90)
    ));
    if a.causes.is_empty() {
        s.push_str("  no cause of failure: every outcome qualifies\n");
    } else {
        s.push_str("  most frequent causes of failure:\n");
        for (i, cause) in a.causes.iter().take(SHOWN_CAUSES).enumerate() {
            s.push_str(&format!("    {}. {}\n", i + 1, cause.words()));
        }
    }
    s
}

/// Causes the terminal shows (the assessment keeps a few more for other reports).
const SHOWN_CAUSES: usize = 5;
