//! `rules.toml` → [`RuleSet`] (contract §1.2).

use super::issues::{Code, Issues};
use super::limits;
use super::tomlfile::{self, key_path, Reader};
use crate::model::{Catalog, Category, Designation, Metric, RuleSet, Step, Threshold, TrackRule};
use std::collections::HashSet;
use std::path::Path;

/// Default qualifying score (§5.1).
const DEFAULT_QUALIFYING_SCORE: f64 = 70.0;

/// Reads and validates a rule set against the catalogue.
pub fn load(path: &Path, catalog: &Catalog, issues: &mut Issues) -> RuleSet {
    let Some(doc) = tomlfile::read(path, issues) else {
        return RuleSet {
            name: String::new(),
            effective_from: None,
            qualifying_score: DEFAULT_QUALIFYING_SCORE,
            designations: Vec::new(),
        };
    };
    let mut r = Reader::new(path, issues);
    let name = r.string(&doc, "", "name").unwrap_or_default();
    let effective_from = r.date(&doc, "", "effective_from");
    let qualifying_score = r
        .number(&doc, "", "qualifying_score", 0.0, limits::MAX_POINTS, "a score ≥ 0")
        .unwrap_or(DEFAULT_QUALIFYING_SCORE);
    let mut seen = HashSet::new();
    let mut designations = Vec::new();
    for (i, t) in r.tables(&doc, "", "designations").into_iter().enumerate() {
        let prefix = format!("designations[{i}]");
        let Some(d) = designation(&mut r, t, &prefix, catalog) else {
            continue;
        };
        if !seen.insert(d.id.clone()) {
            r.issue(
                Code::DuplicateId,
                &key_path(&prefix, "id"),
                format!("designation `{}` is defined twice; ids must be unique", d.id),
            );
            continue;
        }
        designations.push(d);
    }
    if !doc.contains_key("designations") {
        r.missing("designations", "at least one [[designations]] table");
    }
    RuleSet { name, effective_from, qualifying_score, designations }
}

fn designation(r: &mut Reader, t: &toml::Table, prefix: &str, catalog: &Catalog) -> Option<Designation> {
    let id = r.required_string(t, prefix, "id");
    let name = r.string(t, prefix, "name");
    let tracks = r.strings(t, prefix, "tracks").unwrap_or_else(|| vec!["enterprise".into(), "smb".into()]);
    if tracks.is_empty() {
        r.issue(Code::MissingValue, &key_path(prefix, "tracks"), "is empty; expected at least one track name");
    }
    let track_rule = match r.string(t, prefix, "track_rule").as_deref() {
        None | Some("classified") => TrackRule::Classified,
        Some("best") => TrackRule::Best,
        Some(other) => {
            r.issue(
                Code::BadChoice,
                &key_path(prefix, "track_rule"),
                format!("\"{other}\" is not a track rule; expected \"classified\" or \"best\""),
            );
            TrackRule::Classified
        }
    };
    let mut metric_ids = HashSet::new();
    let mut metrics = Vec::new();
    for (j, mt) in r.tables(t, prefix, "metrics").into_iter().enumerate() {
        let mprefix = key_path(prefix, &format!("metrics[{j}]"));
        let Some(m) = metric(r, mt, &mprefix, &tracks, catalog) else {
            continue;
        };
        if !metric_ids.insert(m.id.clone()) {
            r.issue(
                Code::DuplicateId,
                &key_path(&mprefix, "id"),
                format!("metric `{}` appears twice in this designation", m.id),
            );
            continue;
        }
        metrics.push(m);
    }
    let id = id?;
    Some(Designation { name: name.unwrap_or_else(|| id.clone()), id, tracks, track_rule, metrics })
}

fn metric(r: &mut Reader, t: &toml::Table, prefix: &str, tracks: &[String], catalog: &Catalog) -> Option<Metric> {
    let id = r.required_string(t, prefix, "id");
    let category = match r.required_string(t, prefix, "category").as_deref() {
        Some("performance") => Some(Category::Performance),
        Some("skilling") => Some(Category::Skilling),
        Some("customer-success") => Some(Category::CustomerSuccess),
        Some(other) => {
            r.issue(
                Code::BadChoice,
                &key_path(prefix, "category"),
                format!("\"{other}\" is not a category; expected performance, skilling or customer-success"),
            );
            None
        }
        None => None,
    };
    if !t.contains_key("max_points") {
        r.missing(&key_path(prefix, "max_points"), "points ≥ 0");
    }
    let max_points = r.number(t, prefix, "max_points", 0.0, limits::MAX_POINTS, "points ≥ 0");
    let mut steps = Vec::new();
    for (k, st) in r.tables(t, prefix, "steps").into_iter().enumerate() {
        let sprefix = key_path(prefix, &format!("steps[{k}]"));
        steps.push(step(r, st, &sprefix, tracks, catalog));
    }
    Some(Metric { id: id?, category: category?, max_points: max_points?, steps })
}

fn step(r: &mut Reader, t: &toml::Table, prefix: &str, tracks: &[String], catalog: &Catalog) -> Step {
    if !t.contains_key("certifications") {
        r.missing(&key_path(prefix, "certifications"), "a list of certification ids");
    }
    let mut certifications = Vec::new();
    for (i, id) in r.strings(t, prefix, "certifications").unwrap_or_default().into_iter().enumerate() {
        match catalog.index_of(&id) {
            Some(c) if !certifications.contains(&c) => certifications.push(c),
            Some(_) => {}
            None => r.issue(
                Code::UnknownCertification,
                &format!("{}[{i}]", key_path(prefix, "certifications")),
                format!("`{id}` is not a certification of the catalogue"),
            ),
        }
    }
    for key in t.keys() {
        if key != "certifications" && !tracks.iter().any(|tr| tr == key) {
            r.issue(
                Code::UnknownTrack,
                &key_path(prefix, key),
                format!("`{key}` is not a track of this designation; expected one of: {}", tracks.join(", ")),
            );
        }
    }
    let thresholds = tracks
        .iter()
        .map(|track| {
            let tt = r.table(t, prefix, track)?;
            let tprefix = key_path(prefix, track);
            if !tt.contains_key("people") {
                r.missing(&key_path(&tprefix, "people"), "a positive whole number");
            }
            if !tt.contains_key("points") {
                r.missing(&key_path(&tprefix, "points"), "points ≥ 0");
            }
            let people = r.integer(tt, &tprefix, "people", 1, limits::MAX_PEOPLE, Code::BadPeople);
            let points = r.number(tt, &tprefix, "points", 0.0, limits::MAX_POINTS, "points ≥ 0");
            Some(Threshold { people: u32::try_from(people?).ok()?, points: points? })
        })
        .collect();
    Step { certifications, thresholds }
}
