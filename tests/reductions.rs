//! The solver's exact reductions keep the optimum: leaving out people whom enough colleagues
//! dominate, and enumerating certifications that enough idle colleagues could take alone
//! only alone, must not change the best plan's value. Compared with the same search over
//! everyone and every combination, on organisations large enough for both to apply.

use certplan::generate::{organisation, scenario, OrgSpec};
use certplan::io::bundled_inputs;
use certplan::model::{Date, Inputs, Objective, Quarter, Scenario};
use certplan::solver::{bundles, cheapest, requirements, Context, Minimise};
use std::time::{Duration, Instant};

/// The optimum of the scenario's first objective with `people`.
fn optimum(ctx: &Context, people: &[bundles::PersonChoices], objective: Objective) -> Option<f64> {
    let targets = ctx.target_tracks().ok()?;
    let what = if objective == Objective::Hours { Minimise::Hours } else { Minimise::Cost };
    cheapest(ctx, people, &targets, what, Instant::now() + Duration::from_secs(60)).expect("solves")
}

fn case(base: &Inputs, targets: &[&str], people: usize, quarters: u32, seed: u64) -> (Inputs, Scenario) {
    let today = Date::parse("2026-11-26").unwrap();
    let mut inputs = base.clone();
    inputs.org = organisation(&inputs.catalog, &inputs.rules, &OrgSpec { people, seed, today });
    let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
    (inputs, scenario(&targets, Quarter::parse("2026-Q4").unwrap(), quarters))
}

#[test]
fn reductions_keep_the_optimum() {
    let base = bundled_inputs().unwrap();
    // (targets, people, quarters, time costed, objective)
    let cases: [(&[&str], usize, u32, bool, Objective); 11] = [
        (&["infrastructure", "digital-app-innovation"], 12, 1, true, Objective::Cost),
        (&["security", "infrastructure"], 10, 2, true, Objective::Cost),
        (&["data-ai", "digital-app-innovation"], 14, 1, false, Objective::Cost),
        (&["infrastructure"], 60, 2, true, Objective::Cost),
        (&["security"], 40, 1, true, Objective::Cost),
        (&["data-ai"], 80, 2, true, Objective::Cost),
        (&["digital-app-innovation", "infrastructure"], 50, 2, true, Objective::Cost),
        (&["infrastructure", "security"], 70, 3, false, Objective::Cost),
        (&["business-applications"], 45, 2, false, Objective::Cost),
        (&["security", "infrastructure"], 12, 2, true, Objective::Hours),
        (&["infrastructure", "data-ai"], 60, 2, true, Objective::Hours),
    ];
    let (mut fewer_people, mut fewer_options) = (false, false);
    for (seed, (targets, people, quarters, time_costed, objective)) in cases.into_iter().enumerate() {
        let (inputs, mut sc) = case(&base, targets, people, quarters, seed as u64);
        sc.count_time_cost = time_costed;
        sc.objective = objective;
        let ctx = Context::new(&inputs, &sc, sc.deadline).unwrap();
        let combos = requirements::combined(&ctx, &ctx.target_tracks().unwrap()).unwrap();
        let everyone = bundles::all_people(&ctx, usize::MAX);
        let kept = bundles::all_people(&ctx, requirements::most_people(&combos));
        fewer_people |= kept.len() < everyone.len();
        fewer_options |=
            kept.iter().any(|p| everyone.iter().any(|q| q.employee == p.employee && q.choices.len() > p.choices.len()));
        let (full, reduced) = (optimum(&ctx, &everyone, objective), optimum(&ctx, &kept, objective));
        match (full, reduced) {
            (Some(full), Some(reduced)) => {
                assert!((full - reduced).abs() <= 1e-6 * full.max(1.0), "case {seed}: {full} vs {reduced}")
            }
            (full, reduced) => assert_eq!(full.is_some(), reduced.is_some(), "case {seed}: feasibility differs"),
        }
    }
    assert!(fewer_people && fewer_options, "the cases must exercise both reductions");
}
