//! Tolerances and limits of the solver, each with what it guards.

/// Slack on the budget (contract §5.10: budget comparisons allow 1e-6).
pub const BUDGET_TOLERANCE: f64 = 1e-6;

/// Slack on "skilling points ≥ needed" inside the integer program. Points are sums of
/// `points × k / people`; floating-point rounding of those sums must not make a plan that
/// exactly reaches the threshold look infeasible. The checker then re-tests every plan
/// against the contract's own 1e-9 tolerance, so a looser value here cannot pass a wrong
/// plan silently.
pub const POINTS_TOLERANCE: f64 = 1e-7;

/// Two costs (or hour totals) closer than this are equal when comparing per-person options.
/// Options are sums of a few decimal prices, so real differences are ≥ 0.005.
pub const OPTION_EQUALITY: f64 = 1e-9;

/// Relative slack when the second (tie-break) solve keeps the first objective at its
/// optimum: the contract compares objectives within 1e-6 relative; this stays well inside.
pub const TIE_BREAK_SLACK: f64 = 1e-9;

/// A value of an integer variable is rounded to the nearest integer; a value farther than
/// this from it means the solver returned something the model does not allow.
pub const INTEGRALITY: f64 = 1e-4;

/// Default wall-clock limit for one solve, in seconds. Generous: the formulation is built
/// so that realistic cases prove optimality in well under a second.
pub const DEFAULT_TIME_LIMIT_SECS: f64 = 120.0;

/// The longest time limit: one day. A longer limit is never what an advisor means, and
/// seconds far beyond it cannot even be represented as a wall-clock deadline; the solver
/// clamps any limit it is given into `0..=` this.
pub const MAX_TIME_LIMIT_SECS: f64 = 86_400.0;

/// Share of the time limit that enumerating people's options may take before it is cut
/// short (keeping every single unit); the rest is for finding the best plan among them.
pub const BUILD_SHARE: f64 = 0.8;

/// The first enumeration of people's options takes at most this share of the limit, and
/// at most [`PROBE_SECONDS`]; when it is cut short its plan's prices restrict a second one.
pub const PROBE_SHARE: f64 = 0.1;

/// See [`PROBE_SHARE`]. Short: a scenario whose options take longer to enumerate in full
/// is solved faster by the priced way (column-generation prices, then only the options a
/// better plan could use). Measured on realistic-hard organisations (CPU time, best of 5):
/// 0.05 s beat 0.3 s by 25-50 % (20-400 people, 4-8 quarters), and beat no probe at all
/// by up to 40 % (its plan and prices start the column generation well).
pub const PROBE_SECONDS: f64 = 0.05;

/// Up to this many situations (groups of people with identical options) the probe has its
/// full leash ([`PROBE_SECONDS`]): a few situations are often enumerated in full within it.
pub const FEW_SITUATIONS: usize = 12;

/// The probe's leash with more situations than [`FEW_SITUATIONS`]. Measured on the HiGHS
/// bench (medians of 3): with 0.01 s instead of 0.05 s, six designations over 20 and 60
/// distinct people took 0.18 and 0.26 s instead of 0.23 and 0.48 s; with a few grades of
/// people (20 people, six designations) the full 0.05 s leash finishes the enumeration and
/// is faster (0.21 s against 0.35 s).
pub const MANY_SITUATIONS_PROBE_SECONDS: f64 = 0.01;

/// How long the search over a cut-short probe's options may go on once it has a plan (see
/// `solve_from` in the solver's `quarter` module). Measured on realistic-hard cases (medians of
/// 5, quiet machine): against no such limit, 0.05 s took 400 people × 6 designations × 4
/// quarters from 0.53 to 0.18 s and × 5 × 8 from 0.63 to 0.23 s, the rest within noise;
/// 0.02 s made 150 × 5 × 8 slower (0.27 to 0.41 s: a worse first plan widens the priced
/// enumeration's first round), 0.1 s the 400-person cases slower again.
pub const PROBE_SEARCH_SECONDS: f64 = 0.05;

/// The priced enumeration first allows plans up to the bound plus this fraction of the gap
/// to the probe's plan, then doubles that distance (or moves to a better plan it found)
/// until its best plan fits in it.
pub const FIRST_LIMIT_DIVISOR: f64 = 16.0;

/// Reduced costs are compared with this slack (relative to the bound's scale), so that
/// rounding in the pricing arithmetic can never leave out a column that belongs in.
pub const REDUCED_COST_SLACK: f64 = 1e-7;

/// The first restricted integer program takes the columns whose reduced cost is within this
/// share of the bound: the relaxation's own columns and near-ties. Later rounds widen it
/// exactly as far as the proof of optimality needs.
pub const FIRST_REDUCED_COST_SHARE: f64 = 0.02;

/// A plan replaces the best one found only when it is better by more than this (relative):
/// the contract compares objectives within 1e-6 relative, so nothing it would call better
/// is missed, and a search never spends nodes proving that no plan ties the incumbent.
pub const IMPROVEMENT: f64 = 1e-7;
