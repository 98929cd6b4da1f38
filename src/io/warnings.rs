//! Warnings: what a command reports on stderr and goes on with (an input error stops it).
//!
//! Loaders run once per scenario, and `compare` loads the same organisation for each of its
//! scenarios, so a warning about a file would be printed once per scenario; each distinct
//! warning is printed once per run instead.

use std::collections::BTreeSet;
use std::sync::Mutex;

/// The warnings printed so far in this process.
static SAID: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Prints `warning: {text}` on stderr unless this run printed it already.
pub fn warn(text: String) {
    let mut said = SAID.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if said.insert(text.clone()) {
        eprintln!("warning: {text}");
    }
}
