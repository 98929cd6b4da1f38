//! Hardening (issue 11, input side): every bad or extreme input gets a clear answer with exit
//! code 2, in bounded time, and writes nothing. One test (or a few) per defect; each failed
//! before its fix.

use crate::util::*;
use std::path::Path;
use std::process::Output;

/// The bundled main scenario, by absolute path.
fn main_scenario() -> String {
    root().join("scenarios/infrastructure-2027.toml").to_str().unwrap().to_string()
}

/// Asserts a usage or input error: exit code 2, no panic, and every `wanted` text on stderr.
fn assert_rejected(o: &Output, wanted: &[&str], case: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{case}: expected exit code 2; stderr: {err}");
    assert!(!err.contains("panicked"), "{case}: panicked: {err}");
    for w in wanted {
        assert!(err.contains(w), "{case}: stderr lacks `{w}`: {err}");
    }
}

/// Whether `dir` holds no files at all (nothing written on bad input).
fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true)
}

// ---- 1. --time-limit ----

/// NaN, infinities, zero, negative and absurd limits are usage errors before anything is
/// solved (1e20 used to panic converting to a Duration; NaN, 0 and negatives used to "solve"
/// and report a gap).
#[test]
fn time_limit_outside_its_range_is_a_usage_error() {
    let scenario = main_scenario();
    for bad in ["NaN", "inf", "-inf", "0", "-5", "1e20", "86401", "soon"] {
        let dir = tempfile::tempdir().unwrap();
        for command in ["plan", "compare"] {
            let o = run_in(dir.path(), &[command, &scenario, "--out", "out", &format!("--time-limit={bad}")]);
            assert_rejected(&o, &["--time-limit", bad], &format!("{command} --time-limit {bad}"));
            assert!(!dir.path().join("out").exists(), "{command} --time-limit {bad} wrote output");
        }
    }
}

/// The cap itself and small fractions are accepted.
#[test]
fn time_limit_inside_its_range_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    for good in ["86400", "0.5"] {
        let o = run_in(dir.path(), &["plan", &main_scenario(), "--out", good, "--time-limit", good]);
        assert!(o.status.success(), "--time-limit {good}: {}", stderr(&o));
    }
}

// ---- 7. smaller argument checks ----

/// `--threads 10000` used to fail with an OS error or spend a minute starting threads.
#[test]
fn threads_beyond_the_cap_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["compare", &main_scenario(), "--out", "out", "--threads", "10000"]);
    assert_rejected(&o, &["--threads", "from 0 (all cores) to 256"], "--threads 10000");
    assert!(is_empty_dir(dir.path()), "wrote output");
}

/// An `--out` that names an existing file used to fail after solving, with exit code 1.
#[test]
fn out_naming_an_existing_file_is_a_usage_error() {
    let dir = folder(&[("taken", "not a folder\n")]);
    for command in ["plan", "compare"] {
        let o = run_in(dir.path(), &[command, &main_scenario(), "--out", "taken"]);
        assert_rejected(&o, &["`taken` is an existing file"], command);
        assert_eq!(std::fs::read_to_string(dir.path().join("taken")).unwrap(), "not a folder\n");
    }
    let o = run_in(dir.path(), &["generate", "--people", "3", "--out", "taken"]);
    assert_rejected(&o, &["`taken` is an existing file"], "generate");
}
