//! The report's two languages: English and Dutch (the advisors and their clients are
//! Dutch). Labels, quarter and month names, and number formats (`€ 7.611,00` in Dutch,
//! `€7,611.00` in English).

use crate::model::{Date, Quarter};

/// A report language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Dutch.
    Nl,
}

/// The names `--lang` and `CERTPLAN_LANG` take.
pub const LANG_NAMES: [&str; 2] = ["en", "nl"];

/// The environment variable that sets the default language.
pub const LANG_ENV: &str = "CERTPLAN_LANG";

const MONTHS_NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Lang {
    /// The language a flag gives, else `CERTPLAN_LANG`, else English; a bad name is an error.
    pub fn chosen(flag: Option<&str>) -> Result<Lang, String> {
        let env = std::env::var(LANG_ENV).ok().filter(|v| !v.trim().is_empty());
        let (name, source) = match (flag, &env) {
            (Some(name), _) => (name, "--lang"),
            (None, Some(name)) => (name.as_str(), LANG_ENV),
            (None, None) => return Ok(Lang::En),
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "nl" => Ok(Lang::Nl),
            _ => Err(format!("{source} `{name}` is not a report language; expected {}", LANG_NAMES.join(" or "))),
        }
    }

    /// The `lang` attribute of the page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// A label: the English text, or its Dutch translation.
    pub fn t(self, en: &'static str) -> &'static str {
        if self == Lang::En {
            return en;
        }
        DUTCH.iter().find(|(e, _)| *e == en).map_or(en, |(_, nl)| nl)
    }

    /// A number with `decimals` decimals and thousands separators.
    pub fn number(self, v: f64, decimals: usize) -> String {
        let v = if v.abs() < 5e-10 { 0.0 } else { v };
        let text = format!("{:.*}", decimals, v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let (thousands, point) = match self {
            Lang::En => (',', '.'),
            Lang::Nl => ('.', ','),
        };
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(ch);
        }
        let sign = if v < 0.0 { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{frac}")
        }
    }

    /// An amount of money: `€ 7.611,00` (nl) or `€7,611.00` (en); other currencies by code.
    pub fn money(self, v: f64, currency: &str) -> String {
        let n = self.number(v, 2);
        match (currency.eq_ignore_ascii_case("EUR"), self) {
            (true, Lang::Nl) => format!("€ {n}"),
            (true, Lang::En) => format!("€{n}"),
            (false, _) => format!("{n} {currency}"),
        }
    }

    /// Hours: `12.5 h` or `12,5 u`.
    pub fn hours(self, v: f64) -> String {
        format!("{} {}", self.number(v, 1), self.t("h"))
    }

    /// A quarter: `Q1 2027` or `K1 2027` (kwartaal).
    pub fn quarter(self, q: Quarter) -> String {
        let (year, n) = q.parts();
        match self {
            Lang::En => format!("Q{n} {year}"),
            Lang::Nl => format!("K{n} {year}"),
        }
    }

    /// A date: `15 Mar 2027` or `15 mrt 2027`.
    pub fn date(self, d: Date) -> String {
        let (year, month, day) = d.parts();
        let months = if self == Lang::Nl { &MONTHS_NL } else { &MONTHS_EN };
        format!("{day} {} {year}", months[(month as usize).clamp(1, 12) - 1])
    }
}

/// Every label of the report and its Dutch text.
const DUTCH: &[(&str, &str)] = &[
    ("h", "u"),
    ("Certification plan", "Certificeringsplan"),
    ("Qualifies by the end of", "Kwalificeert eind"),
    ("Does not qualify within the horizon", "Kwalificeert niet binnen de planperiode"),
    ("exams", "examens"),
    ("hours", "uur"),
    ("proven optimal", "bewezen optimaal"),
    ("best found within the time limit, gap", "beste binnen de tijdslimiet, marge"),
    ("infeasible", "onhaalbaar"),
    ("Score per quarter end", "Score per kwartaaleinde"),
    ("with the plan", "met het plan"),
    ("without the plan", "zonder het plan"),
    ("qualifying score", "kwalificatiescore"),
    ("Cost per quarter", "Kosten per kwartaal"),
    ("exam fees", "examenkosten"),
    ("training", "training"),
    ("staff time", "personeelstijd"),
    ("Schedule", "Planning"),
    ("exam", "examen"),
    ("renew", "verlenging"),
    ("link", "koppeling"),
    ("renewal window", "verlengingsperiode"),
    ("Where the points come from", "Waar de punten vandaan komen"),
    ("before", "voor"),
    ("after", "na"),
    ("cap", "maximum"),
    ("Plan", "Plan"),
    ("quarter", "kwartaal"),
    ("person", "persoon"),
    ("action", "actie"),
    ("certification", "certificering"),
    ("cost", "kosten"),
    ("points", "punten"),
    ("Targets", "Doelen"),
    ("designation", "designation"),
    ("track", "track"),
    ("score before", "score voor"),
    ("score after", "score na"),
    ("qualified", "gekwalificeerd"),
    ("yes", "ja"),
    ("no", "nee"),
    ("Why", "Waarom"),
    ("Risk", "Risico"),
    ("Comparison", "Vergelijking"),
    ("Cost per scenario", "Kosten per scenario"),
    ("scenario", "scenario"),
    ("status", "status"),
    ("Cost per designation choice", "Kosten per keuze van designations"),
    ("Budget frontier", "Budgetgrens"),
    ("budget", "budget"),
    ("skilling points", "skillingpunten"),
    ("qualifying targets", "kwalificerende doelen"),
    ("no plan", "geen plan"),
    ("Made by certplan for", "Gemaakt door certplan voor"),
    ("for", "voor"),
    ("from the profile", "uit het profiel"),
    ("optimal", "optimaal"),
    ("feasible", "haalbaar"),
    ("error", "fout"),
    ("bad input", "foute invoer"),
    ("and", "en"),
    ("more people; every person is in plan.xlsx", "personen meer; iedereen staat in plan.xlsx"),
    ("Chance of qualifying", "Kans op kwalificatie"),
    ("Probability that every target qualifies on", "Kans dat elk doel kwalificeert op"),
    ("95 % interval", "95 %-interval"),
    ("to", "tot"),
    ("samples", "trekkingen"),
    ("seed", "seed"),
    ("exact, every outcome of", "exact, elke uitkomst van"),
    ("exam(s)", "examen(s)"),
    ("target", "doel"),
    ("all targets", "alle doelen"),
    ("probability", "kans"),
    ("lower end (95 %)", "ondergrens (95 %)"),
    ("upper end (95 %)", "bovengrens (95 %)"),
    ("Cost with retakes", "Kosten met herkansingen"),
    ("mean", "gemiddeld"),
    ("10th percentile", "10e percentiel"),
    ("median", "mediaan"),
    ("90th percentile", "90e percentiel"),
    ("Most frequent causes of failure", "Meest voorkomende oorzaken van falen"),
    ("No cause of failure: every outcome qualifies", "Geen oorzaak van falen: elke uitkomst kwalificeert"),
    ("step", "stap"),
    ("of", "van"),
    ("people", "personen"),
    ("with", "met"),
    ("or", "of"),
    ("falls short in", "schiet tekort in"),
    ("of outcomes", "van de uitkomsten"),
    ("behind it", "daarachter"),
    ("someone leaving", "iemand die vertrekt"),
    ("fails even when every exam passes and nobody leaves", "faalt ook als elk examen slaagt en niemand vertrekt"),
    ("Price of certainty", "Prijs van zekerheid"),
    ("plan", "plan"),
    ("optimal plan", "optimaal plan"),
    ("chosen plan", "gekozen plan"),
    ("The price of certainty", "De prijs van zekerheid"),
    ("asked for at least", "gevraagd: minstens"),
    ("that every target qualifies", "kans dat elk doel kwalificeert"),
    ("plan(s) tried", "plan(nen) geprobeerd"),
    ("No plan found reaches", "Geen gevonden plan haalt"),
    ("the most probable one found is written", "het waarschijnlijkste gevonden plan is geschreven"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_money_has_a_space_thousands_dots_and_a_decimal_comma() {
        assert_eq!(Lang::Nl.money(7611.0, "EUR"), "€ 7.611,00");
        assert_eq!(Lang::En.money(7611.0, "EUR"), "€7,611.00");
        assert_eq!(Lang::Nl.money(1234567.891, "EUR"), "€ 1.234.567,89");
        assert_eq!(Lang::Nl.money(-12.5, "USD"), "-12,50 USD");
        assert_eq!(Lang::En.number(999.0, 0), "999");
        assert_eq!(Lang::Nl.hours(12.25), "12,2 u");
    }

    #[test]
    fn quarters_and_months_are_spelled_in_the_language() {
        let q = Quarter::new(2027, 1);
        assert_eq!(Lang::Nl.quarter(q), "K1 2027");
        assert_eq!(Lang::En.quarter(q), "Q1 2027");
        let d = Date::new(2027, 3, 15).expect("a date");
        assert_eq!(Lang::Nl.date(d), "15 mrt 2027");
        assert_eq!(Lang::En.date(d), "15 Mar 2027");
    }

    #[test]
    fn every_label_has_one_translation() {
        for (i, (en, _)) in DUTCH.iter().enumerate() {
            assert!(DUTCH[..i].iter().all(|(e, _)| e != en), "{en} twice");
        }
        assert_eq!(Lang::Nl.t("Schedule"), "Planning");
        assert_eq!(Lang::En.t("Schedule"), "Schedule");
    }
}
