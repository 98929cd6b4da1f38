//! Writing output files so that a reader never sees half of one, nor a mix of two runs: a
//! file is written to a temporary file beside it and renamed into place; a folder of files
//! that belong together (a scenario's `plan.csv` and `summary.csv`) is written to a
//! temporary sibling folder that replaces the old folder by rename.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent(path);
    std::fs::create_dir_all(dir)?;
    let tmp = sibling(path, "tmp");
    let result = write_synced(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes `dir` hold `files` (name, bytes) as one unit, with none of the `ours` names it does
/// not write left over from an earlier run.
///
/// When `dir` is absent or holds nothing but `ours` names, the files are written to a
/// temporary sibling folder that then replaces `dir`, so readers and concurrent runs see the
/// old set or the new one, never a mix. A folder that holds anything else (the user's own
/// files), is a symbolic link, or contains the working directory is never moved: there each
/// file is written atomically in turn and the `ours` names not written are removed.
/// With no files, the folder (when replaceable) is removed.
pub fn write_folder(dir: &Path, files: &[(&str, Vec<u8>)], ours: &[&str]) -> std::io::Result<()> {
    if !replaceable(dir, ours)? {
        return write_each(dir, files, ours);
    }
    let aside = sibling(dir, "old");
    if files.is_empty() {
        return remove_via(dir, &aside);
    }
    std::fs::create_dir_all(parent(dir))?;
    let tmp = sibling(dir, "tmp");
    let result = fill(&tmp, files).and_then(|_| swap_in(&tmp, dir, &aside));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Whether `dir` may be replaced as a whole: absent, or a real folder (not a link, not the
/// working directory or one of its parents) whose every entry is one of `ours`.
fn replaceable(dir: &Path, ours: &[&str]) -> std::io::Result<bool> {
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(dir.file_name().is_some()),
        other => other?,
    };
    if !meta.is_dir() || dir.file_name().is_none() {
        return Ok(false);
    }
    let here = std::env::current_dir().and_then(std::fs::canonicalize)?;
    if here.starts_with(std::fs::canonicalize(dir)?) {
        return Ok(false);
    }
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !ours.iter().any(|o| name.as_os_str() == *o) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The fallback for a folder that holds the user's files: each file atomically, then the
/// stale `ours` files removed, so at least no earlier run's file stays beside the new ones.
fn write_each(dir: &Path, files: &[(&str, Vec<u8>)], ours: &[&str]) -> std::io::Result<()> {
    for (name, bytes) in files {
        write(&dir.join(name), bytes)?;
    }
    for stale in ours.iter().filter(|o| !files.iter().any(|(name, _)| name == *o)) {
        match std::fs::remove_file(dir.join(stale)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Creates the folder `tmp` holding `files`, each synced to disk before the folder is renamed.
fn fill(tmp: &Path, files: &[(&str, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir(tmp)?;
    files.iter().try_for_each(|(name, bytes)| write_synced(&tmp.join(name), bytes))
}

/// Renames the complete folder `tmp` to `dir`. An existing `dir` is first renamed to `aside`
/// and deleted afterwards (rename cannot replace a non-empty folder in one step), or put back
/// when the new folder cannot take its place. Another run may put its own folder in place
/// meanwhile, hence the retries: the last run's complete set wins.
fn swap_in(tmp: &Path, dir: &Path, aside: &Path) -> std::io::Result<()> {
    let mut last = None;
    for _ in 0..SWAP_ATTEMPTS {
        match std::fs::rename(tmp, dir) {
            Ok(()) => return Ok(()),
            Err(e) if std::fs::symlink_metadata(dir).is_err() => return Err(e),
            Err(e) => last = Some(e),
        }
        match std::fs::rename(dir, aside) {
            Ok(()) => match std::fs::rename(tmp, dir) {
                Ok(()) => {
                    let _ = std::fs::remove_dir_all(aside);
                    return Ok(());
                }
                Err(e) => {
                    if std::fs::rename(aside, dir).is_err() {
                        let _ = std::fs::remove_dir_all(aside);
                    }
                    last = Some(e);
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("could not rename the output folder into place")))
}

/// How often [`swap_in`] tries before giving up on a folder that other runs keep replacing.
const SWAP_ATTEMPTS: usize = 8;

/// Removes `dir` by renaming it to `aside` first, so that no reader sees it half deleted.
fn remove_via(dir: &Path, aside: &Path) -> std::io::Result<()> {
    match std::fs::rename(dir, aside) {
        Ok(()) => std::fs::remove_dir_all(aside),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Writes a new file and syncs it, so a rename never publishes a file whose bytes are lost.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The folder `path` is in (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A hidden name beside `path`, unique to this process: `.NAME.PID.KIND`.
fn sibling(path: &Path, kind: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parent(path).join(format!(".{name}.{}.{kind}", std::process::id()))
}
