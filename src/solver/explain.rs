//! Why a scenario is infeasible, found by relaxing one family of constraints at a time:
//! the profile (nothing to plan can help); the people and certifications available at all
//! (every capacity relaxed); the budget; each target alone within capacity; and finally
//! the combination of targets.

use super::context::{Context, TargetTracks};
use super::formulation::Minimise;
use super::outcome::SolveError;
use super::quarter::Findings;
use super::search::cheapest;
use super::{bundles, requirements};
use crate::model::Category;
use std::time::Instant;

/// The reasons, in plain words, most specific first. `findings` is what the solve learnt at
/// this quarter (people's options, the cheapest plan over the budget), used where it answers
/// the question asked here.
pub(crate) fn why(ctx: &Context, deadline: Instant, mut findings: Findings) -> Result<Vec<String>, SolveError> {
    let targets = match ctx.target_tracks() {
        Err(reasons) => return Ok(reasons),
        Ok(t) => t,
    };
    let last = ctx.quarters[ctx.quarters.len() - 1];
    // With unlimited study time every person can hold everything they can reach at once,
    // so a requirement is then met exactly when enough people can reach each group. A
    // target none of whose requirements is reachable so is infeasible whatever else holds.
    let reach = match findings.reach.take() {
        Some((evaluation, reach)) if evaluation == last => reach,
        _ => bundles::reach(ctx),
    };
    let mut unreachable = Vec::new();
    for t in &targets {
        let list = requirements::of_target(ctx, t).map_err(SolveError::Rules)?;
        let fits = list.iter().any(|r| r.iter().all(|(&g, &c)| reach[g] >= c));
        if !fits {
            unreachable.extend(shortfalls(ctx, t, &reach));
        }
    }
    if !unreachable.is_empty() {
        return Ok(unreachable);
    }
    // The solve already priced the cheapest plan above the budget: nothing to work out.
    if let (Some(budget), Some(over)) = (ctx.budget(), findings.over_budget.filter(|o| o.evaluation == last)) {
        return Ok(vec![over_budget(budget, over.cost, over.proven)]);
    }
    // Requirements of some of the targets never need more people than those of all.
    let combos = requirements::combined(ctx, &targets).map_err(SolveError::Rules)?;
    // People's options are worked out up to the deadline. When it cuts them short, a plan
    // found is still a plan, but finding none proves nothing: that is said, not guessed.
    let most = requirements::most_people(&combos);
    let known = findings.enumerated.filter(|e| e.evaluation == last);
    let bundles::People { people, complete } = match known {
        Some(known) if known.max_used >= most => bundles::People { people: known.people, complete: true },
        _ => bundles::people_until(ctx, most, Some(deadline)),
    };
    let no_budget = ctx.without_budget();
    if let Some(budget) = ctx.scenario.budget {
        if let Some(cost) = cheapest(&no_budget, &people, &targets, Minimise::Cost, deadline)? {
            return Ok(vec![over_budget(budget, cost, complete)]);
        }
    }
    let mut reasons = Vec::new();
    let mut alone_ok = true;
    for t in &targets {
        let id = &ctx.rules.designations[t.designation].id;
        if targets.len() > 1
            && cheapest(&no_budget, &people, std::slice::from_ref(t), Minimise::Cost, deadline)?.is_some()
        {
            continue;
        }
        alone_ok = false;
        if !complete {
            reasons.push(format!(
                "{id}: no plan meeting it was found within the time limit (a longer --time-limit may say why)"
            ));
            continue;
        }
        reasons.push(format!(
            "{id}: people do not have enough study hours or exam slots in {} to {last} to earn the certifications it needs",
            ctx.scenario.start
        ));
    }
    if alone_ok {
        let ids: Vec<&str> = targets.iter().map(|t| ctx.rules.designations[t.designation].id.as_str()).collect();
        reasons.push(format!(
            "each of {} can be met alone, but people do not have the study hours or exam slots to meet all of them by {last}",
            ids.join(", ")
        ));
    }
    Ok(reasons)
}

/// The budget's reason: it is below the cheapest plan (`proven`) or below a plan found.
fn over_budget(budget: f64, cost: f64, proven: bool) -> String {
    let what = if proven { "the cheapest plan that meets the goal" } else { "a plan that meets the goal" };
    // Cents apart or less, both would print alike: then the cost shows its fractions of a cent.
    let digits = if format!("{budget:.2}") == format!("{cost:.2}") { 6 } else { 2 };
    format!("budget {budget:.2} is below {what} ({cost:.digits$})")
}

/// With unlimited study time: how many people could count in each step at most, and
/// which steps stay short of what the goal needs.
fn shortfalls(ctx: &Context, target: &TargetTracks, reach: &[u32]) -> Vec<String> {
    let d = &ctx.rules.designations[target.designation];
    let day = ctx.day;
    let mut out = Vec::new();
    for need in &target.tracks {
        let track = &d.tracks[need.track];
        let mut best = 0.0;
        let mut short = Vec::new();
        for (mi, m) in d.metrics.iter().enumerate().filter(|(_, m)| m.category == Category::Skilling) {
            let mut open = true;
            let mut sum = 0.0;
            for (si, s) in m.steps.iter().enumerate() {
                let Some(th) = s.thresholds[need.track] else { continue };
                let buffer = ctx.scenario.buffer_for(&d.id, mi, si);
                let n = reach[ctx.step_group[target.designation][mi][si]].saturating_sub(buffer);
                if open {
                    sum += th.points_for(n);
                }
                if n < th.people {
                    let ids: Vec<&str> = s.certifications.iter().map(|&c| ctx.catalog[c].id.as_str()).collect();
                    short.push(format!(
                        "step {} of {} needs {} {} with {}{}, at most {n} can hold one on {day}",
                        si + 1,
                        m.id,
                        th.people,
                        if th.people == 1 { "person" } else { "people" },
                        ids.join(" or "),
                        if buffer > 0 { format!(" (plus a buffer of {buffer})") } else { String::new() }
                    ));
                    open = false;
                }
            }
            best += f64::min(sum, m.max_points);
        }
        let needed = match ctx.scenario.goal {
            crate::model::Goal::Qualify | crate::model::Goal::MaxPoints => need.skilling_needed.max(need.min_skilling),
            crate::model::Goal::MaxSkilling => d.max_skilling(),
        };
        out.push(format!(
            "{} ({track}): needs {needed:.2} skilling points, at most {best:.2} are reachable by {day}{}{}",
            d.id,
            if short.is_empty() { "" } else { ": " },
            short.join("; ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inputs, Scenario};
    use crate::solver::quarter::{solve_at, Deadlines, Effort, Findings};
    use crate::solver::testkit::*;
    use std::time::Duration;

    /// The reasons given with the options the solve enumerated (which it must have kept)
    /// and with a fresh enumeration; they must agree.
    fn reasons(inputs: &Inputs, sc: &Scenario) -> Vec<String> {
        let ctx = Context::new(inputs, sc, sc.deadline).unwrap();
        let targets = ctx.target_tracks().unwrap();
        let far = Instant::now() + Duration::from_secs(60);
        let deadlines = Deadlines { build: far, search: far, probe: Duration::from_secs(60) };
        let mut findings = Findings::default();
        let solved = solve_at(&ctx, &targets, deadlines, &mut Effort::default(), &mut findings).unwrap();
        assert!(solved.is_none());
        assert!(findings.enumerated.is_some() || findings.over_budget.is_some(), "the solve kept what it learnt");
        assert!(findings.reach.is_some(), "and who could count where");
        let fresh = why(&ctx, far, Findings::default()).unwrap();
        assert_eq!(why(&ctx, far, findings).unwrap(), fresh);
        fresh
    }

    #[test]
    fn too_little_study_time_is_found_in_peoples_options() {
        // Five study hours a quarter: everyone could count (so no requirement is dropped as
        // out of reach) but nobody has the time, which only people's options show.
        let mut inputs = overlapping();
        for e in &mut inputs.org.employees {
            e.hours_per_quarter = Some(5.0);
        }
        assert_eq!(
            reasons(&inputs, &scenario("2027-Q2")),
            vec!["d: people do not have enough study hours or exam slots in 2027-Q1 to 2027-Q2 to earn the certifications it needs"]
        );
    }

    #[test]
    fn a_budget_below_the_optimum_names_the_optimum() {
        let mut sc = scenario("2027-Q2");
        sc.budget = Some(300.0);
        assert_eq!(
            reasons(&overlapping(), &sc),
            vec!["budget 300.00 is below the cheapest plan that meets the goal (350.00)"]
        );
    }
}
