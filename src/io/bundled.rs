//! The bundled data, compiled into the binary: the FY27 catalogue, rules and title aliases,
//! the example organisation and its main scenario. An installed `certplan` (`cargo install`)
//! runs from any folder after its source is gone, and a `data/` folder that happens to be in
//! the working directory never silently replaces what the binary was built with (a user's
//! own files are passed with `--catalog`, `--rules`, `--aliases`; `certplan data export`
//! writes these as a starting point).
//!
//! Bundled files have paths under [`ROOT`] (`<bundled>/data/catalog.csv`), so every loader
//! reads them through the same code as a user's files and every error message names the file
//! it is about. `<` cannot start a real folder name on Windows and no one names a Unix folder
//! so; relative paths inside a bundled scenario (`org = "../data/example"`) resolve to
//! bundled paths like any other.

use std::path::{Component, Path, PathBuf};

/// The first component of every bundled file's path.
pub const ROOT: &str = "<bundled>";

/// The bundled catalogue (relative to [`ROOT`]).
pub const CATALOG: &str = "data/catalog.csv";
/// The bundled rules.
pub const RULES: &str = "data/rules/fy27.toml";
/// The bundled title aliases of the Partner Center import.
pub const ALIASES: &str = "data/aliases.csv";
/// The main scenario, planned by `certplan` without arguments.
pub const MAIN_SCENARIO: &str = "scenarios/infrastructure-2027.toml";

/// Every bundled file: its path relative to [`ROOT`] and its text.
const FILES: &[(&str, &str)] = &[
    (CATALOG, include_str!("../../data/catalog.csv")),
    (RULES, include_str!("../../data/rules/fy27.toml")),
    (ALIASES, include_str!("../../data/aliases.csv")),
    ("data/example/employees.csv", include_str!("../../data/example/employees.csv")),
    ("data/example/holdings.csv", include_str!("../../data/example/holdings.csv")),
    ("data/example/profile.toml", include_str!("../../data/example/profile.toml")),
    (MAIN_SCENARIO, include_str!("../../scenarios/infrastructure-2027.toml")),
];

/// The files `certplan data export` writes for a user to edit: bundled path and file name.
pub const EXPORTED: &[(&str, &str)] = &[(CATALOG, "catalog.csv"), (RULES, "fy27.toml"), (ALIASES, "aliases.csv")];

/// The path of the bundled file `relative` (e.g. `data/catalog.csv`).
pub fn path(relative: &str) -> PathBuf {
    Path::new(ROOT).join(relative)
}

/// Whether `path` names a bundled file (or folder).
pub fn is_bundled(path: &Path) -> bool {
    path.components().next().is_some_and(|c| c.as_os_str() == ROOT)
}

/// The text of the bundled file at `path`; `None` when `path` is not bundled or names no
/// bundled file. `.` and `..` are resolved within the bundle.
pub fn text(path: &Path) -> Option<&'static str> {
    if !is_bundled(path) {
        return None;
    }
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components().skip(1) {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    let wanted: Vec<&str> = parts.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    let wanted = wanted.join("/");
    FILES.iter().find(|(name, _)| *name == wanted).map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bundled_files_through_relative_paths() {
        let scenario = path(MAIN_SCENARIO);
        let employees = scenario.parent().unwrap().join("../data/example/./employees.csv");
        assert!(text(&employees).unwrap().starts_with("id,name,"));
        assert!(text(&path(CATALOG)).unwrap().contains("AZ-104,Azure Administrator Associate"));
        assert_eq!(path(CATALOG).display().to_string(), "<bundled>/data/catalog.csv");
    }

    #[test]
    fn names_nothing_outside_the_bundle() {
        assert!(text(Path::new("data/catalog.csv")).is_none(), "a real path is never bundled");
        assert!(text(&path("../data/catalog.csv")).is_none());
        assert!(text(&path("data/missing.csv")).is_none());
        assert!(text(&path("data")).is_none(), "a folder has no text");
    }
}
