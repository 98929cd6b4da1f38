//! Helpers: run the binary, make temporary input folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `certplan` with `args` in `dir`, with today pinned to 2026-11-26 and the outputs'
/// environment defaults unset.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_certplan"))
        .args(args)
        .current_dir(dir)
        .env("CERTPLAN_TODAY", "2026-11-26")
        // The outputs' defaults from the environment (issue 13) would change every table.
        .env_remove("CERTPLAN_CSV_DIALECT")
        .env_remove("CERTPLAN_LANG")
        .output()
        .expect("the binary runs")
}

/// Runs `certplan` in the repository root.
pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes files (name, content) into a new temporary folder.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}
