//! The `score` report: per designation and track, or per metric step with `--detail`.

use crate::io::csvout::{money, CsvDoc};
use crate::model::evaluate::{missing, score_designation, Snapshot, Timeline};
use crate::model::Inputs;
use crate::model::{Category, Date};

/// Columns of `certplan score` (contract §2, §5.12).
pub const SCORE_HEADER: &[&str] =
    &["designation", "track", "applies", "skilling", "score", "qualified", "missing", "metrics"];

/// Columns of `certplan score --detail`.
pub const DETAIL_HEADER: &[&str] = &[
    "designation",
    "track",
    "applies",
    "metric",
    "category",
    "step",
    "certifications",
    "people",
    "needed",
    "points",
    "metric_points",
];

/// Scores every track of every designation on `day`.
pub fn score_csv(inputs: &Inputs, day: Date, detail: bool) -> Vec<u8> {
    let Inputs { catalog, rules, org } = inputs;
    let timeline = Timeline::new(catalog, org, &[]);
    let snapshot = Snapshot::new(catalog, org, &timeline, day);
    let mut doc = CsvDoc::new(if detail { DETAIL_HEADER } else { SCORE_HEADER });
    for d in &rules.designations {
        for t in score_designation(d, org, &snapshot, rules.qualifying_score, 0) {
            let track = &d.tracks[t.track];
            if !detail {
                let metrics: Vec<String> =
                    d.metrics.iter().zip(&t.metrics).map(|(m, s)| format!("{}={}", m.id, money(s.points))).collect();
                doc.row(&[
                    d.id.clone(),
                    track.clone(),
                    t.applies.to_string(),
                    money(t.skilling),
                    money(t.score),
                    t.qualified.to_string(),
                    missing(d, catalog, &t, rules.qualifying_score).join("; "),
                    metrics.join(";"),
                ]);
                continue;
            }
            for (m, ms) in d.metrics.iter().zip(&t.metrics) {
                let category = match m.category {
                    Category::Performance => "performance",
                    Category::Skilling => "skilling",
                    Category::CustomerSuccess => "customer-success",
                };
                let base = [d.id.clone(), track.clone(), t.applies.to_string(), m.id.clone(), category.to_string()];
                if m.category != Category::Skilling {
                    doc.row(
                        &[
                            &base[..],
                            &[
                                String::new(),
                                String::new(),
                                String::new(),
                                String::new(),
                                money(ms.points),
                                money(ms.points),
                            ],
                        ]
                        .concat(),
                    );
                    continue;
                }
                for (i, (step, ss)) in m.steps.iter().zip(&ms.steps).enumerate() {
                    let Some(needed) = ss.needed else { continue };
                    let certs: Vec<&str> = step.certifications.iter().map(|&c| catalog[c].id.as_str()).collect();
                    doc.row(
                        &[
                            &base[..],
                            &[
                                (i + 1).to_string(),
                                certs.join(";"),
                                ss.people.to_string(),
                                needed.to_string(),
                                money(ss.points),
                                money(ms.points),
                            ],
                        ]
                        .concat(),
                    );
                }
            }
        }
    }
    doc.into_bytes()
}
