//! Certification titles → catalogue ids. Partner Center's Trainings report carries a title
//! (`Azure Administrator Associate`, sometimes `Microsoft Certified: …`) and no exam code, and
//! titles drift as Microsoft renames certifications. So titles are mapped through a versioned
//! alias table (`data/aliases.csv`: title, certification, valid_from, valid_to, source; a title
//! change is a change of that file, never of code) and the catalogue's own names, matched
//! exactly after [`normalise`]: never fuzzily. Unknown titles are reported with the closest
//! known title as a suggestion (legacy and fundamentals titles are normal content).

use crate::io::csvfile;
use crate::io::issues::{Code, Issues};
use crate::model::{Catalog, Date};
use std::collections::HashMap;
use std::path::Path;

/// Prefixes Microsoft puts before a title in some places and not in others.
const PREFIXES: &[&str] =
    &["microsoft certified:", "microsoft 365 certified:", "github certified:", "microsoft applied skills:"];

/// A title as it is compared: trademark signs dropped, dashes and white space made plain,
/// lower case, a leading "Microsoft Certified:" (and the like) removed.
pub fn normalise(title: &str) -> String {
    let plain: String = title
        .chars()
        .filter(|c| !matches!(c, '™' | '®' | '©'))
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut text = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    for prefix in PREFIXES {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim_start().to_string();
            break;
        }
    }
    text
}

/// One row of the alias table.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The title as written.
    pub title: String,
    /// The catalogue id it names (it may be one the catalogue lacks: a retired DP-203), or a
    /// `;`-list of ids when the catalogue models one certification as a row per exam
    /// (`AZ-800;AZ-801`): each becomes a holding.
    pub certification: String,
    /// First completion date the title names this certification for; `None` = always.
    pub valid_from: Option<Date>,
    /// Last such date; `None` = still.
    pub valid_to: Option<Date>,
    /// Its line in the file.
    pub line: u64,
}

impl Alias {
    fn covers(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}

/// Reads an alias table; every problem is recorded. Rows that give one title two different
/// certifications for overlapping dates are an error: the table would have to guess.
pub fn load_aliases(path: &Path, issues: &mut Issues) -> Vec<Alias> {
    let Some(file) = csvfile::read(path, &["title", "certification"], issues) else {
        return Vec::new();
    };
    let mut out: Vec<Alias> = Vec::new();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for row in file.rows() {
        let title = row.required("title", issues);
        let certification = row.required("certification", issues);
        let valid_from = row.date("valid_from", issues);
        let valid_to = row.date("valid_to", issues);
        let (Some(title), Some(certification)) = (title, certification) else {
            continue;
        };
        if let (Some(from), Some(to)) = (valid_from, valid_to) {
            if to < from {
                row.issue(
                    issues,
                    Code::OutOfRange,
                    "valid_to",
                    format!("{to} is before valid_from {from}; expected a date on or after it"),
                );
                continue;
            }
        }
        let alias = Alias {
            title: title.to_string(),
            certification: certification.to_string(),
            valid_from,
            valid_to,
            line: row.line(),
        };
        let same = by_title.entry(normalise(title)).or_default();
        for &other in same.iter() {
            let o: &Alias = &out[other];
            if o.certification != alias.certification && overlaps(o, &alias) {
                row.issue(
                    issues,
                    Code::DuplicateId,
                    "title",
                    format!(
                        "`{title}` names {} here and {} on line {} for overlapping dates; expected valid_from/valid_to \
                         that tell them apart",
                        alias.certification, o.certification, o.line
                    ),
                );
            }
        }
        same.push(out.len());
        out.push(alias);
    }
    out
}

/// Whether two aliases' date windows share a day.
fn overlaps(a: &Alias, b: &Alias) -> bool {
    let from = a.valid_from.max(b.valid_from);
    let to = match (a.valid_to, b.valid_to) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    match (from, to) {
        (Some(f), Some(t)) => f <= t,
        _ => true,
    }
}

/// What a title maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// A certification id.
    To(String),
    /// Nothing: the title is unknown.
    Unknown,
    /// Several ids, and the row's date does not tell which (the ids, sorted).
    Ambiguous(Vec<String>),
}

/// The title lookup: aliases first (explicit), then the catalogue's names.
pub struct Titles {
    aliases: HashMap<String, Vec<Alias>>,
    names: HashMap<String, String>,
    /// Every known title (normalised, as written, id) for suggestions.
    known: Vec<(String, String, String)>,
}

impl Titles {
    /// The lookup for `aliases` and `catalog`. A catalogue name is read as written and
    /// without a trailing note in brackets ("Power Platform Developer Associate (exam PL-400
    /// now AB-400 …)"), and so is its id; a name two certifications share names neither.
    pub fn new(aliases: &[Alias], catalog: &Catalog) -> Titles {
        let mut by_title: HashMap<String, Vec<Alias>> = HashMap::new();
        let mut known = Vec::new();
        for a in aliases {
            by_title.entry(normalise(&a.title)).or_default().push(a.clone());
            known.push((normalise(&a.title), a.title.clone(), a.certification.clone()));
        }
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        for cert in catalog.certs() {
            let name = cert.name.split(" (").next().unwrap_or(&cert.name);
            for key in [normalise(name), normalise(&cert.name), normalise(&cert.id)] {
                names
                    .entry(key)
                    .and_modify(|id| {
                        if id.as_deref() != Some(cert.id.as_str()) {
                            *id = None;
                        }
                    })
                    .or_insert_with(|| Some(cert.id.clone()));
            }
            known.push((normalise(name), name.to_string(), cert.id.clone()));
        }
        let names = names.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
        Titles { aliases: by_title, names, known }
    }

    /// The certification `title` names for a row completed on `completed`. Aliases whose dates
    /// cover the day decide; when none does (or the day is unknown), the title's aliases
    /// decide when they all name one id.
    pub fn map(&self, title: &str, completed: Option<Date>) -> Mapped {
        let key = normalise(title);
        if let Some(list) = self.aliases.get(&key) {
            let covering: Vec<&Alias> = match completed {
                Some(day) => list.iter().filter(|a| a.covers(day)).collect(),
                None => Vec::new(),
            };
            let chosen = if covering.is_empty() { list.iter().collect() } else { covering };
            let mut ids: Vec<String> = chosen.iter().map(|a| a.certification.clone()).collect();
            ids.sort();
            ids.dedup();
            return match ids.len() {
                1 => Mapped::To(ids.remove(0)),
                _ => Mapped::Ambiguous(ids),
            };
        }
        self.names.get(&key).map_or(Mapped::Unknown, |id| Mapped::To(id.clone()))
    }

    /// The known title closest to `title` (by edit distance of the normalised forms) with its
    /// id, when it is close enough to be a plausible typo or variant: at most a third of the
    /// longer title's characters differ.
    pub fn suggest(&self, title: &str) -> Option<(String, String)> {
        let key: Vec<char> = normalise(title).chars().take(MAX_SUGGEST_CHARS).collect();
        let mut best: Option<(usize, &(String, String, String))> = None;
        for entry in &self.known {
            let other: Vec<char> = entry.0.chars().take(MAX_SUGGEST_CHARS).collect();
            let distance = edit_distance(&key, &other);
            if distance * 3 <= key.len().max(other.len()) && best.is_none_or(|(b, _)| distance < b) {
                best = Some((distance, entry));
            }
        }
        best.map(|(_, (_, written, id))| (written.clone(), id.clone()))
    }
}

/// Characters of a title compared for a suggestion (titles are short; this bounds the work
/// a pathological cell can cause).
const MAX_SUGGEST_CHARS: usize = 120;

/// Levenshtein distance, one row at a time.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Certification;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn alias(title: &str, cert: &str, from: Option<&str>, to: Option<&str>) -> Alias {
        Alias { title: title.into(), certification: cert.into(), valid_from: from.map(d), valid_to: to.map(d), line: 2 }
    }

    fn titles() -> Titles {
        let mut az104 = Certification::new("AZ-104", 126.0, 40.0);
        az104.name = "Azure Administrator Associate".into();
        let mut pl400 = Certification::new("PL-400", 126.0, 40.0);
        pl400.name = "Power Platform Developer Associate (exam PL-400 now AB-400)".into();
        let aliases = [
            alias("Data Analyst Associate", "PL-300", None, None),
            alias("Windows Server Hybrid Administrator Associate", "AZ-801", None, Some("2026-09-30")),
            alias("Windows Server Hybrid Administrator Associate", "AZ-802", Some("2026-10-01"), None),
        ];
        Titles::new(&aliases, &Catalog::new(vec![az104, pl400]))
    }

    #[test]
    fn normalises_prefixes_case_spaces_and_trademarks() {
        assert_eq!(
            normalise("Microsoft Certified:  Azure\u{a0}Administrator Associate™"),
            "azure administrator associate"
        );
        assert_eq!(
            normalise("Microsoft 365 Certified: Teams Administrator Associate"),
            "teams administrator associate"
        );
        assert_eq!(normalise("GitHub Certified: Agentic AI Developer"), "agentic ai developer");
        assert_eq!(normalise("AZ\u{2011}104"), "az-104");
    }

    #[test]
    fn maps_titles_by_alias_date_and_catalogue_name() {
        let t = titles();
        assert_eq!(t.map("Microsoft Certified: Azure Administrator Associate", None), Mapped::To("AZ-104".into()));
        assert_eq!(t.map("power platform developer associate", None), Mapped::To("PL-400".into()));
        let full = "Power Platform Developer Associate (exam PL-400 now AB-400)";
        assert_eq!(t.map(full, None), Mapped::To("PL-400".into()));
        assert_eq!(t.map("AZ-104", None), Mapped::To("AZ-104".into()));
        assert_eq!(t.map("Data Analyst Associate", Some(d("2021-03-01"))), Mapped::To("PL-300".into()));
        let ws = "Windows Server Hybrid Administrator Associate";
        assert_eq!(t.map(ws, Some(d("2025-05-01"))), Mapped::To("AZ-801".into()));
        assert_eq!(t.map(ws, Some(d("2026-11-02"))), Mapped::To("AZ-802".into()));
        assert_eq!(t.map(ws, None), Mapped::Ambiguous(vec!["AZ-801".into(), "AZ-802".into()]));
        assert_eq!(t.map("Microsoft C# 4.0 Programming", None), Mapped::Unknown);
    }

    /// An export whose titles are the bundled catalogue's own names (or ids) imports every
    /// certification as itself, on any day: the alias table never takes a catalogue name
    /// elsewhere, but for the Windows Server certification's short title, which is AZ-800 +
    /// AZ-801 (a holder passed both exams) until 2026-09-30 and AZ-802 after.
    #[test]
    fn bundled_catalogue_names_map_to_their_own_certifications() {
        let mut issues = Issues::default();
        let catalog = crate::io::catalog::load(&crate::io::bundled(crate::io::bundled::CATALOG), &mut issues);
        let aliases = load_aliases(&crate::io::bundled(crate::io::bundled::ALIASES), &mut issues);
        assert!(issues.is_empty(), "{:?}", issues.list());
        let t = Titles::new(&aliases, &catalog);
        for cert in catalog.certs() {
            let stripped = cert.name.split(" (").next().unwrap();
            for title in [cert.name.as_str(), stripped, cert.id.as_str()] {
                for day in ["2024-01-01", "2026-09-30", "2026-10-01", "2027-06-30"] {
                    let Mapped::To(ids) = t.map(title, Some(d(day))) else {
                        panic!("{title:?} on {day} maps to {:?}", t.map(title, Some(d(day))));
                    };
                    let want = match (cert.id == "AZ-801" && title == stripped, day < "2026-10-01") {
                        (true, true) => "AZ-800;AZ-801",
                        (true, false) => "AZ-802",
                        _ => cert.id.as_str(),
                    };
                    assert_eq!(ids, want, "{title:?} on {day}");
                }
            }
        }
    }

    #[test]
    fn suggests_the_closest_title_only_when_close() {
        let t = titles();
        assert_eq!(
            t.suggest("Azure Administator Asociate"),
            Some(("Azure Administrator Associate".into(), "AZ-104".into()))
        );
        assert_eq!(t.suggest("Microsoft C# 4.0 Programming"), None);
        assert_eq!(edit_distance(&['a', 'b', 'c'], &['a', 'c']), 1);
    }
}
