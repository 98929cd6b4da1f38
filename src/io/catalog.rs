//! `catalog.csv` → [`Catalog`] (contract §1.1).

use super::issues::{Code, Issues, Location};
use super::{csvfile, limits};
use crate::model::{Catalog, Certification, Level};
use std::collections::HashMap;
use std::path::Path;

/// Reads and validates a catalogue; problems go to `issues`. Rows with problems are still
/// returned where possible so that later files can be checked against their ids.
pub fn load(path: &Path, issues: &mut Issues) -> Catalog {
    let Some(file) = csvfile::read(path, &["id", "exam_fee", "study_hours"], issues) else {
        return Catalog::default();
    };
    let mut certs = Vec::new();
    let mut lines = HashMap::new();
    let mut prereq_text = Vec::new();
    for row in file.rows() {
        let Some(id) = row.unique_id("certification", &mut lines, issues) else {
            continue;
        };
        let level = match row.get("level").map(str::to_ascii_lowercase).as_deref() {
            None | Some("other") => Level::Other,
            Some("fundamentals") => Level::Fundamentals,
            Some("associate") => Level::Associate,
            Some("specialty") => Level::Specialty,
            Some("expert") => Level::Expert,
            Some(other) => {
                row.issue(
                    issues,
                    Code::BadChoice,
                    "level",
                    format!("`{other}` is not a level; expected fundamentals, associate, specialty, expert or other"),
                );
                Level::Other
            }
        };
        let pass_rate = row.get("pass_rate").and_then(|text| match row.decimal(text).parse::<f64>() {
            Ok(p) if p > 0.0 && p <= 1.0 => Some(p),
            _ => {
                row.issue(issues, Code::BadPassRate, "pass_rate", format!("`{text}` is not a probability in (0, 1]"));
                None
            }
        });
        let exam_until = row.date("exam_until", issues);
        let counts_until = row.date("counts_until", issues);
        let exam_fee = row.required_number("exam_fee", 0.0, limits::MAX_FEE, "money ≥ 0", issues).unwrap_or(0.0);
        let study_hours =
            row.required_number("study_hours", 0.0, limits::MAX_CERT_HOURS, "hours ≥ 0", issues).unwrap_or(0.0);
        let defaults = Certification::new(id, exam_fee, study_hours);
        certs.push(Certification {
            name: row.get("name").map_or(defaults.name.clone(), str::to_string),
            level,
            training_fee: row.number("training_fee", 0.0, limits::MAX_FEE, "money ≥ 0", issues).unwrap_or(0.0),
            exam_until,
            counts_until,
            valid_months: row
                .integer("valid_months", limits::MAX_VALID_MONTHS, issues)
                .unwrap_or(defaults.valid_months),
            renewal_hours: row
                .number("renewal_hours", 0.0, limits::MAX_CERT_HOURS, "hours ≥ 0", issues)
                .unwrap_or(defaults.renewal_hours),
            pass_rate,
            ..defaults
        });
        let any: Vec<String> = row.list("requires_any").into_iter().map(String::from).collect();
        let all: Vec<String> = row.list("requires_all").into_iter().map(String::from).collect();
        prereq_text.push((row.line(), any, all));
    }
    let mut catalog = Catalog::new(certs);
    resolve_prerequisites(&mut catalog, &prereq_text, path, issues);
    catalog
}

fn resolve_prerequisites(
    catalog: &mut Catalog,
    text: &[(u64, Vec<String>, Vec<String>)],
    path: &Path,
    issues: &mut Issues,
) {
    let mut resolved = Vec::new();
    for (line, any, all) in text {
        let mut resolve = |ids: &[String], col: &str| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| {
                    let idx = catalog.index_of(id);
                    if idx.is_none() {
                        issues.push(
                            Code::UnknownCertification,
                            path,
                            Location::Line(*line, Some(col.into())),
                            format!("prerequisite `{id}` is not a certification of this catalogue"),
                        );
                    }
                    idx
                })
                .collect()
        };
        resolved.push((resolve(any, "requires_any"), resolve(all, "requires_all")));
    }
    let certs: Vec<Certification> = catalog
        .certs()
        .iter()
        .zip(resolved)
        .map(|(c, (any, all))| Certification { requires_any: any, requires_all: all, ..c.clone() })
        .collect();
    *catalog = Catalog::new(certs);
    for cycle in prerequisite_cycles(catalog) {
        let names: Vec<&str> = cycle.iter().map(|&c| catalog[c].id.as_str()).collect();
        let line = text.get(cycle[0]).map_or(0, |t| t.0);
        issues.push(
            Code::PrerequisiteCycle,
            path,
            Location::Line(line, Some("requires_any/requires_all".into())),
            format!(
                "prerequisites form a cycle: {} → {}; a certification cannot (indirectly) require itself",
                names.join(" → "),
                names[0]
            ),
        );
    }
}

/// Each prerequisite cycle once, as the certifications on it (depth-first search).
fn prerequisite_cycles(catalog: &Catalog) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit(c: usize, catalog: &Catalog, marks: &mut [Mark], path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        marks[c] = Mark::OnPath;
        path.push(c);
        let cert = &catalog[c];
        for &next in cert.requires_any.iter().chain(&cert.requires_all) {
            match marks[next] {
                Mark::New => visit(next, catalog, marks, path, out),
                Mark::OnPath => {
                    let from = path.iter().position(|&p| p == next).unwrap_or(0);
                    out.push(path[from..].to_vec());
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks[c] = Mark::Done;
    }
    let mut marks = vec![Mark::New; catalog.len()];
    let mut out = Vec::new();
    for c in 0..catalog.len() {
        if marks[c] == Mark::New {
            visit(c, catalog, &mut marks, &mut Vec::new(), &mut out);
        }
    }
    out
}
