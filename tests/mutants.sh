#!/usr/bin/env bash
# Issue 11: `cargo mutants` on src/model/ and src/check.rs, cheap enough for a shared machine.
#
#   tests/mutants.sh fast [FILE...]   the first pass: lib unit tests and the integration
#                                     modules that exercise the model and the checker
#   tests/mutants.sh full FILE...     the whole suite, for the survivors of a first pass
#                                     (with MUTANTS_RE='regex' to pick them, see below)
#
# FILE defaults to every file of the two areas, in the order they matter most. Each file's
# run writes `mutants.out` under $MUTANTS_RESULTS/<mode>-<file> (default
# target/mutants-results), so that partial results survive an interrupted run; `caught.txt`,
# `missed.txt`, `unviable.txt` and `timeout.txt` there are the outcome.
#
# The build profile `mutants` (Cargo.toml) rebuilds only this crate per mutant, lightly
# optimised; `.cargo/mutants.toml` names it (and no files: globs there would be added to
# every `--file`). One mutant at a time, at the lowest priority. Set CARGO_TARGET_DIR to a
# target folder that already holds the `mutants` profile's dependencies (and TMPDIR to a
# roomy disk: cargo mutants copies the tree there).
# A mutant caught by the first pass is caught by the whole suite, so only the missed ones
# need `full`: e.g. MUTANTS_RE='check.rs:95:' tests/mutants.sh full src/check.rs
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-fast}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(src/check.rs src/model/goal.rs src/model/evaluate.rs src/model/cost.rs src/model/rules.rs
    src/model/catalog.rs src/model/org.rs src/model/scenario.rs src/model/plan.rs src/model/date.rs)
fi
results=${MUTANTS_RESULTS:-target/mutants-results}

case "$mode" in
  # Unit tests are all in `mod tests`; the integration modules by name, the property tests'
  # oracle included (not the slow end-to-end ones: cli, outputs' browser, textbook, fuzz,
  # import, risk).
  fast) tests=(--cargo-arg=--lib --cargo-arg=--test=main -- -- tests:: score:: checker:: constraints:: properties::
    validation:: robustness:: reductions:: model_edges:: oracle::) ;;
  full) tests=() ;;
  *)
    echo "usage: tests/mutants.sh fast|full [FILE...]" >&2
    exit 2
    ;;
esac

for file in "${files[@]}"; do
  name=$mode-$(basename "$file" .rs)
  mkdir -p "$results/$name"
  started=$SECONDS
  filter=()
  if [ -n "${MUTANTS_RE:-}" ]; then filter=(--re "$MUTANTS_RE"); fi
  nice -n 19 cargo mutants -j 1 --file "$file" "${filter[@]}" --timeout "${MUTANTS_TIMEOUT:-300}" \
    --build-timeout 900 --output "$results/$name" "${tests[@]}" || true
  echo "mutants: $file ($mode) took $((SECONDS - started)) s" >&2
done
