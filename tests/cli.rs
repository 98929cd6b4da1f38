//! The commands end to end on the bundled example.

use crate::util::*;

#[test]
fn score_prints_every_designation_and_track_of_the_bundled_example() {
    let o = run(&["score", "--org", "data/example", "--on", "2026-11-26"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("designation,track,applies,skilling,score,qualified,missing"));
    assert_eq!(lines.count(), 12, "six designations × two tracks");
}

#[test]
fn validate_accepts_every_bundled_scenario() {
    let o = run(&["validate", "scenarios"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().filter(|l| l.starts_with("ok: ")).count(),
        std::fs::read_dir(root().join("scenarios")).unwrap().count()
    );
}

#[test]
fn bad_date_flag_is_a_usage_error() {
    let o = run(&["score", "--org", "data/example", "--on", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--on `2026-13-01` is not a date"));
}
