//! The `profile.toml` template the import writes when the organisation has none: the
//! partner's name, a commented `[tracks]` line per classified designation, and every
//! performance and customer-success metric of the rules at 0, so that the file loads as it
//! is and the advisor only fills in what Partner Center shows.

use crate::model::{Category, RuleSet, TrackRule};
use toml::Value;

/// The template for a partner named `name` under `rules`.
pub fn profile(name: &str, rules: &RuleSet) -> String {
    let mut text = String::from(
        "# Written by `certplan import partner-center`: fill in the partner capability score points\n\
         # Partner Center shows (Membership > Solutions Partner designations), and the track of each\n\
         # classified designation. Skilling points are computed from employees.csv and holdings.csv.\n",
    );
    text.push_str(&format!("name = {}\n# currency = \"EUR\"\n\n[tracks]\n", Value::from(name)));
    for d in rules.designations.iter().filter(|d| d.track_rule == TrackRule::Classified) {
        let tracks = d.tracks.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" or ");
        text.push_str(&format!("# {} = {}\n", key(&d.id), tracks));
    }
    for d in &rules.designations {
        let metrics: Vec<&str> =
            d.metrics.iter().filter(|m| m.category != Category::Skilling).map(|m| m.id.as_str()).collect();
        let tables: Vec<String> = match d.track_rule {
            TrackRule::Classified => vec![format!("points.{}", key(&d.id))],
            TrackRule::Best => d.tracks.iter().map(|t| format!("points.{}.{}", key(&d.id), key(t))).collect(),
        };
        for table in tables {
            text.push_str(&format!("\n[{table}]\n"));
            for m in &metrics {
                text.push_str(&format!("{} = 0\n", key(m)));
            }
        }
    }
    text
}

/// An id as a TOML key: bare when it can be, else quoted.
fn key(id: &str) -> String {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        id.to_string()
    } else {
        Value::from(id).to_string()
    }
}
