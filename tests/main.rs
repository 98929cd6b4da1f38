//! The one integration-test binary: runs the real `certplan` and the library on fixtures
//! and bundled data.

mod util;
// Hand-built instances for the constraint tests and the textbook cross-check.
mod fixtures;

// Commands end to end on the bundled example.
mod cli;
// Microsoft's worked examples, scored by `certplan score`.
mod score;
// One bad-input test per validation code.
mod validation;
// The optimiser against brute force on tiny random instances, and metamorphic properties.
mod properties;
// One test per constraint family showing that it binds.
mod constraints;
// The solver's exact reductions (dominated people, solo certifications) keep the optimum.
mod reductions;
// `certplan generate`: written files read back unchanged, and the command end to end.
mod generate;
// A direct textbook integer program (microlp; HiGHS with --features highs) against the optimiser.
mod textbook;
// Issue 11's input defects: bad and extreme inputs get a clear answer and exit code 2.
mod robustness;
// Issue 12: the Partner Center import, spreadsheet-saved inputs, the bundled data in the binary.
mod import;
// Issue 13's client-ready outputs: workbook, CSV dialects, HTML report (in a real browser), terminal.
mod outputs;
// Issue 14: the risk model (exact and Monte Carlo), `certplan risk`, planning to a probability.
mod risk;
// Issue 14 in the HTML reports: the chance of qualifying, read back against risk.csv.
mod riskreport;
// Issue 11's hardening: every loader fuzzed with mutated and random files (a long run is
// an ignored test); the checker's rules one by one; instances where a tolerance decides.
mod checker;
mod fuzz;
// Issue 11: an independent oracle (validity, counting, scores from the contract alone) for
// the brute force of `properties`, cross-tested on Microsoft's worked examples.
mod oracle;
// Issue 11's mutation testing: the model's helpers where one comparison or operator decides.
mod model_edges;
