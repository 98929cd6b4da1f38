//! `rules.toml` → [`RuleSet`] (contract §1.2).

use super::issues::{Code, Issues};
use super::limits;
use super::tomlfile::{self, key_path, Reader};
use crate::model::{Catalog, Category, Designation, Metric, RuleSet, Step, Threshold, TrackRule};
use std::collections::HashSet;
use std::path::Path;

/// Default qualifying score (§5.1).
const DEFAULT_QUALIFYING_SCORE: f64 = 70.0;

/// The keys of a rules file's top level (contract §1.2); any other is a typo (E023).
pub const KEYS: &[&str] = &["name", "effective_from", "qualifying_score", "designations"];
/// The keys of a `[[designations]]` table.
pub const DESIGNATION_KEYS: &[&str] = &["id", "name", "tracks", "track_rule", "metrics"];
/// The keys of a `[[designations.metrics]]` table.
pub const METRIC_KEYS: &[&str] = &["id", "category", "max_points", "steps"];
/// The keys of a step's per-track table (`enterprise = { people = 2, points = 0 }`).
pub const THRESHOLD_KEYS: &[&str] = &["people", "points"];

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
    r.only_keys(&doc, "", KEYS);
    let name = r.string(&doc, "", "name").unwrap_or_default();
    let effective_from = r.date(&doc, "", "effective_from");
    let qualifying_score = r
        .number(&doc, "", "qualifying_score", 0.0, limits::MAX_POINTS, "a score ≥ 0")
        .unwrap_or(DEFAULT_QUALIFYING_SCORE);
    let designations = unique_tables(
        &mut r,
        &doc,
        "",
        "designations",
        |r, t, prefix| designation(r, t, prefix, catalog),
        |d| &d.id,
        |id| format!("designation `{id}` is defined twice; ids must be unique"),
    );
    if !doc.contains_key("designations") {
        r.missing("designations", "at least one [[designations]] table");
    }
    RuleSet { name, effective_from, qualifying_score, designations }
}

fn designation(r: &mut Reader, t: &toml::Table, prefix: &str, catalog: &Catalog) -> Option<Designation> {
    r.only_keys(t, prefix, DESIGNATION_KEYS);
    let id = r.required_string(t, prefix, "id");
    let name = r.string(t, prefix, "name");
    let tracks = r.strings(t, prefix, "tracks").unwrap_or_else(|| vec!["enterprise".into(), "smb".into()]);
    if tracks.is_empty() {
        r.issue(Code::MissingValue, &key_path(prefix, "tracks"), "is empty; expected at least one track name");
    }
    check_track_names(r, &tracks, &key_path(prefix, "tracks"));
    let track_rule = r.choice(
        t,
        prefix,
        "track_rule",
        "a track rule",
        &[("classified", TrackRule::Classified), ("best", TrackRule::Best)],
    );
    let metrics = unique_tables(
        r,
        t,
        prefix,
        "metrics",
        |r, mt, mprefix| metric(r, mt, mprefix, &tracks, catalog),
        |m| &m.id,
        |id| format!("metric `{id}` appears twice in this designation"),
    );
    let id = id?;
    Some(Designation { name: name.unwrap_or_else(|| id.clone()), id, tracks, track_rule, metrics })
}

/// The items that `read` makes of the `[[key]]` tables of `t` (at `prefix`), each id once:
/// an item whose id an earlier one has is recorded at its `id` (`twice` says what) and
/// dropped, so that lookups by id stay unambiguous.
fn unique_tables<T>(
    r: &mut Reader,
    t: &toml::Table,
    prefix: &str,
    key: &str,
    mut read: impl FnMut(&mut Reader, &toml::Table, &str) -> Option<T>,
    id: impl Fn(&T) -> &str,
    twice: impl Fn(&str) -> String,
) -> Vec<T> {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (i, table) in r.tables(t, prefix, key).into_iter().enumerate() {
        let item_prefix = key_path(prefix, &format!("{key}[{i}]"));
        let Some(item) = read(r, table, &item_prefix) else {
            continue;
        };
        if !seen.insert(id(&item).to_string()) {
            r.issue(Code::DuplicateId, &key_path(&item_prefix, "id"), twice(id(&item)));
            continue;
        }
        items.push(item);
    }
    items
}

/// Track names must be non-empty and distinct: an empty name cannot be written in a profile,
/// and a repeated one would make a step's thresholds ambiguous.
fn check_track_names(r: &mut Reader, tracks: &[String], path: &str) {
    for (i, track) in tracks.iter().enumerate() {
        let at = format!("{path}[{i}]");
        if track.is_empty() {
            r.issue(Code::MissingValue, &at, "is an empty track name; expected a name such as \"smb\"");
        } else if tracks[..i].contains(track) {
            r.issue(Code::DuplicateId, &at, format!("track `{track}` is listed twice; track names must be unique"));
        }
    }
}

fn metric(r: &mut Reader, t: &toml::Table, prefix: &str, tracks: &[String], catalog: &Catalog) -> Option<Metric> {
    r.only_keys(t, prefix, METRIC_KEYS);
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
    let listed = r.strings(t, prefix, "certifications").unwrap_or_default();
    if listed.is_empty() && t.contains_key("certifications") {
        r.issue(
            Code::MissingValue,
            &key_path(prefix, "certifications"),
            "is an empty list; expected at least one certification id (a step nobody can fill)",
        );
    }
    let mut certifications = Vec::new();
    for (i, id) in listed.into_iter().enumerate() {
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
            // A step's keys are `certifications` and the track names: suggest the closest.
            let known: Vec<&str> = std::iter::once("certifications").chain(tracks.iter().map(String::as_str)).collect();
            let hint = tomlfile::suggest(key, &known).map_or(String::new(), |k| format!("; did you mean `{k}`?"));
            r.issue(
                Code::UnknownTrack,
                &key_path(prefix, key),
                format!("`{key}` is not a track of this designation; expected one of: {}{hint}", tracks.join(", ")),
            );
        }
    }
    let thresholds = tracks
        .iter()
        .map(|track| {
            let tt = r.table(t, prefix, track)?;
            let tprefix = key_path(prefix, track);
            r.only_keys(tt, &tprefix, THRESHOLD_KEYS);
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
