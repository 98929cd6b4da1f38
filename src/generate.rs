//! Synthetic organisations for benchmarks and tests.
//!
//! The bundled example has 25 people; the solver's cost grows with the number of *distinct*
//! people (it groups interchangeable ones into classes), with the number of step groups of the
//! targets, and with the horizon. To measure that growth we need organisations of any size that
//! look like real partners: people in a handful of roles, certifications that fit the role,
//! a few shared pay rates, some part-timers, unlinked profiles and leavers. Everything here is
//! a pure function of the [`OrgSpec`] (seeded PRNG, fixed iteration order), so a benchmark or a
//! failing test can be reproduced exactly.
//!
//! Only the domain model is used: no files, no solver.

use crate::model::org::DesignationPoints;
use crate::model::{
    Catalog, Category, CertIdx, Date, Employee, Goal, Holding, Objective, Organisation, Profile, Quarter, RuleSet,
    Scenario, TrackRule,
};
use std::collections::{BTreeMap, HashMap};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct OrgSpec {
    /// Number of employees.
    pub people: usize,
    /// PRNG seed: the same seed (and inputs) always gives the same organisation.
    pub seed: u64,
    /// The day the organisation is observed: holdings are earned in the two years before it,
    /// leavers leave within the year after it.
    pub today: Date,
}

/// Organisations of fewer people than this are classified `smb` (Microsoft's classification
/// is by customer mix, not head count; head count is a plausible stand-in for test data).
pub const SMB_BELOW_PEOPLE: usize = 100;

/// Share of non-skilling points the profile gives every metric: high enough that skilling can
/// close the gap to the qualifying score, low enough that it has to.
const PROFILE_SHARE: f64 = 0.8;

/// Share for the one weaker metric per designation, so every target needs real skilling work.
const PROFILE_WEAK_SHARE: f64 = 0.6;

/// Probability that a person holds any role certification at all (then 1 to 3 of them).
const CERTIFIED_SHARE: f64 = 0.4;

/// Probability of a part-timer with [`PART_TIME_HOURS`] study hours per quarter.
const PART_TIME_SHARE: f64 = 0.1;

/// Study hours per quarter of a part-timer: one associate exam (40 h) does not fit in a quarter.
const PART_TIME_HOURS: f64 = 20.0;

/// Probability that a person's Microsoft Learn profile is not linked to the partner.
const UNLINKED_SHARE: f64 = 0.05;

/// Probability that a person leaves within a year of `today`.
const LEAVER_SHARE: f64 = 0.03;

/// Most certifications a generated person holds.
const MAX_HOLDINGS: usize = 3;

/// A job role: how common it is, what it pays, which certifications its people typically hold.
struct Role {
    name: &'static str,
    /// Relative frequency (the weights sum to 100).
    weight: u32,
    /// Hourly cost. Few distinct rates on purpose: people with equal attributes are
    /// interchangeable, which is what the solver's classes exploit in real organisations too.
    rate: f64,
    /// Catalogue ids; ids the catalogue lacks are skipped.
    certs: &'static [&'static str],
}

const ROLES: &[Role] = &[
    Role {
        name: "azure-admin",
        weight: 20,
        rate: 65.0,
        certs: &["AZ-900", "AZ-104", "AZ-700", "AZ-802", "AZ-801", "AZ-140", "AZ-120"],
    },
    Role { name: "azure-architect", weight: 8, rate: 90.0, certs: &["AZ-104", "AZ-305", "AZ-700", "AZ-140", "AZ-400"] },
    Role {
        name: "developer",
        weight: 18,
        rate: 65.0,
        certs: &["AZ-204", "AI-200", "GH-600", "GH-300", "GH-200", "AZ-400", "PL-400"],
    },
    Role {
        name: "data",
        weight: 12,
        rate: 75.0,
        certs: &["DP-900", "DP-300", "DP-600", "DP-700", "PL-300", "DP-100", "AI-102", "AI-103", "DP-420"],
    },
    Role {
        name: "security",
        weight: 10,
        rate: 75.0,
        certs: &["SC-900", "SC-500", "AZ-500", "SC-200", "SC-300", "SC-401", "SC-100"],
    },
    Role {
        name: "modern-work",
        weight: 12,
        rate: 65.0,
        certs: &["MS-900", "MS-700", "MD-102", "MS-102", "SC-300", "MS-721", "AB-900"],
    },
    Role {
        name: "dynamics",
        weight: 10,
        rate: 75.0,
        certs: &["PL-900", "MB-310", "MB-230", "MB-800", "PL-200", "PL-400", "MB-820", "AB-210", "MB-330"],
    },
    Role { name: "non-technical", weight: 10, rate: 55.0, certs: &["AZ-900", "MS-900", "AB-900", "PL-900"] },
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Bram", "Chloe", "Daan", "Emma", "Finn", "Greta", "Hugo", "Ines", "Jan", "Kim", "Lars", "Mila", "Noah",
    "Olga", "Pim", "Quinn", "Rosa", "Sem", "Tess",
];

const LAST_NAMES: &[&str] = &[
    "Bakker", "de Boer", "Dekker", "de Groot", "Jansen", "Kok", "Meijer", "Mulder", "Peters", "Smit", "Visser",
    "de Vries", "Vos", "Willems",
];

/// splitmix64 (Steele, Lea & Flood 2014): tiny, fast, and good enough for test data. Written
/// here rather than pulled in as a dependency so the sequence can never change under us. The
/// property tests (`tests/properties.rs`) keep a splitmix64 of their own on purpose: it draws
/// differently, and neither sequence may move when the other changes.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the multiply-shift keeps the bias below 2⁻³², irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`, from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller, one of the pair).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }
}

/// How the people of a generated organisation differ from each other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mix {
    /// A few grades: eight roles with one pay rate each, full-timers at the scenario's hours
    /// and part-timers at 20 hours, no exclusions. People in the same role and
    /// situation are interchangeable, which the solver's classes exploit.
    #[default]
    Grades,
    /// Realistic-hard, as HR data is: every person has their own hourly cost and study hours,
    /// some exclude certifications, few hold anything, more are unlinked or leaving, and the
    /// catalogue's fees, study hours and pass rates vary (see [`hard`]).
    Hard,
}

impl Mix {
    /// The catalogue (the given one for `Grades`, varied for `Hard`) and the organisation
    /// of this mix.
    pub fn generate(self, catalog: &Catalog, rules: &RuleSet, spec: &OrgSpec) -> (Catalog, Organisation) {
        match self {
            Mix::Grades => (catalog.clone(), organisation(catalog, rules, spec)),
            Mix::Hard => hard(catalog, rules, spec),
        }
    }

    /// The name `certplan generate --profile` takes.
    pub fn name(self) -> &'static str {
        match self {
            Mix::Grades => "grades",
            Mix::Hard => "hard",
        }
    }
}

/// Generates the realistic-hard variant of [`organisation`] and the catalogue it goes with:
/// the same roles and profile, then, from a second random stream of the same seed:
/// - hourly cost: the role's rate times a log-normal factor (σ 0.25), to the cent, so no two
///   people share one;
/// - study hours per quarter: 15 % part-timers with 6 to 16 hours, the rest 16 to 64 hours
///   (whole hours), so no grade of people shares a capacity;
/// - 12 % of people exclude one to three certifications of the catalogue's counting ones;
/// - only half of the certified people keep their holdings (about 20 % hold anything);
/// - 10 % unlinked, 6 % leaving within the year;
/// - per certification: exam fee × 0.85-1.25, study hours × 0.75-1.25 (whole hours), a
///   training fee of 250-1,500 for 40 % of those without one, and a pass rate of 0.55-0.95.
///
/// Deterministic in the spec, like [`organisation`].
pub fn hard(catalog: &Catalog, rules: &RuleSet, spec: &OrgSpec) -> (Catalog, Organisation) {
    let mut org = organisation(catalog, rules, spec);
    // A second stream: the first one's draws (and so the grades' people) stay as they are.
    let mut rng = SplitMix64(spec.seed ^ u64::from_be_bytes(*b"hardmix!"));
    let certs: Vec<_> = catalog
        .certs()
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.exam_fee = (c.exam_fee * (0.85 + 0.4 * rng.unit()) * 100.0).round() / 100.0;
            c.study_hours = (c.study_hours * (0.75 + 0.5 * rng.unit())).round().max(1.0);
            if c.training_fee == 0.0 && rng.chance(0.4) {
                c.training_fee = (250.0 + 1250.0 * rng.unit()).round();
            }
            c.pass_rate = Some(((0.55 + 0.4 * rng.unit()) * 100.0).round() / 100.0);
            c
        })
        .collect();
    // The certifications some step lists, in catalogue order.
    let mut counting: Vec<CertIdx> = rules
        .designations
        .iter()
        .flat_map(|d| &d.metrics)
        .flat_map(|m| &m.steps)
        .flat_map(|s| s.certifications.iter().copied())
        .collect();
    counting.sort_unstable();
    counting.dedup();
    let mut dropped = vec![false; org.employees.len()];
    for (e, emp) in org.employees.iter_mut().enumerate() {
        emp.hourly_cost = (emp.hourly_cost * (0.25 * rng.normal()).exp() * 100.0).round() / 100.0;
        emp.hours_per_quarter =
            Some(if rng.chance(0.15) { (6 + rng.below(11)) as f64 } else { (16 + rng.below(49)) as f64 });
        if rng.chance(0.12) && !counting.is_empty() {
            let mut exclude: Vec<CertIdx> = (0..1 + rng.below(3)).map(|_| *rng.pick(&counting)).collect();
            exclude.sort_unstable();
            exclude.dedup();
            emp.exclude = exclude;
        }
        dropped[e] = rng.chance(0.5);
        emp.linked = !rng.chance(0.10);
        emp.leaves_on = rng.chance(0.06).then(|| spec.today.add_months(1 + rng.below(12) as i32));
    }
    org.holdings.retain(|h| !dropped[h.employee]);
    (Catalog::new(certs), org)
}

/// Generates an organisation of `spec.people` people with role-plausible holdings and a profile
/// in which every designation of `rules` needs some skilling to qualify.
pub fn organisation(catalog: &Catalog, rules: &RuleSet, spec: &OrgSpec) -> Organisation {
    let mut rng = SplitMix64(spec.seed);
    // Every day of the two years before `today`, in order: holdings are drawn from these.
    let past_days = days_between(spec.today.add_months(-24), spec.today);
    let roles: Vec<(&Role, Vec<CertIdx>)> =
        ROLES.iter().map(|r| (r, r.certs.iter().filter_map(|id| catalog.index_of(id)).collect())).collect();
    let total_weight: u32 = ROLES.iter().map(|r| r.weight).sum();
    let width = spec.people.to_string().len().max(4);

    let mut employees = Vec::with_capacity(spec.people);
    let mut holdings = Vec::new();
    for e in 0..spec.people {
        let mut ticket = rng.below(total_weight as usize) as u32;
        let (role, certs) = roles
            .iter()
            .find(|(r, _)| {
                let hit = ticket < r.weight;
                ticket = ticket.saturating_sub(r.weight);
                hit
            })
            .unwrap_or(&roles[0]);
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let hours_per_quarter = rng.chance(PART_TIME_SHARE).then_some(PART_TIME_HOURS);
        let linked = !rng.chance(UNLINKED_SHARE);
        let leaves_on = rng.chance(LEAVER_SHARE).then(|| spec.today.add_months(1 + rng.below(12) as i32));
        employees.push(Employee {
            id: format!("p{:0width$}", e + 1),
            name: format!("{name} ({})", role.name),
            hourly_cost: role.rate,
            hours_per_quarter,
            linked,
            leaves_on,
            exclude: Vec::new(),
        });
        if rng.chance(CERTIFIED_SHARE) {
            let wanted = 1 + rng.below(MAX_HOLDINGS);
            for (cert, earned_on) in draw_holdings(&mut rng, catalog, certs, wanted, &past_days) {
                holdings.push(Holding {
                    employee: e,
                    cert,
                    earned_on: Some(earned_on),
                    expires_on: catalog[cert].expiry_from(earned_on),
                });
            }
        }
    }
    Organisation { employees, holdings, profile: profile(rules, spec.people) }
}

/// Up to `wanted` certifications from a role's list with the days they were earned. A
/// certification with prerequisites comes with them (earned no later), as Microsoft only grants
/// it then; one that cannot be earned in the window (its exam closed before) is skipped.
fn draw_holdings(
    rng: &mut SplitMix64,
    catalog: &Catalog,
    role_certs: &[CertIdx],
    wanted: usize,
    days: &[Date],
) -> Vec<(CertIdx, Date)> {
    let mut order = role_certs.to_vec();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut held: Vec<(CertIdx, Date)> = Vec::new();
    for cert in order {
        if held.len() >= wanted {
            break;
        }
        if held.iter().any(|&(c, _)| c == cert) {
            continue;
        }
        let c = &catalog[cert];
        // Prerequisites not yet held: all of `requires_all`, and one of `requires_any`
        // (preferring one the role would hold anyway).
        let mut needed: Vec<CertIdx> =
            c.requires_all.iter().copied().filter(|p| !held.iter().any(|h| h.0 == *p)).collect();
        if !c.requires_any.is_empty() && !c.requires_any.iter().any(|p| held.iter().any(|h| h.0 == *p)) {
            let any = c.requires_any.iter().find(|p| role_certs.contains(p)).unwrap_or(&c.requires_any[0]);
            if !needed.contains(any) {
                needed.push(*any);
            }
        }
        // Prerequisites of prerequisites do not occur in the catalogue; skip rather than recurse.
        if held.len() + needed.len() + 1 > MAX_HOLDINGS || needed.iter().any(|&p| catalog[p].has_prerequisites()) {
            continue;
        }
        let mut grants = Vec::new();
        for &p in &needed {
            match draw_day(rng, days, None, catalog[p].exam_until) {
                Some(day) => grants.push((p, day)),
                None => break,
            }
        }
        if grants.len() < needed.len() {
            continue;
        }
        let after = c
            .requires_all
            .iter()
            .chain(&c.requires_any)
            .filter_map(|p| grants.iter().chain(held.iter()).find(|h| h.0 == *p).map(|h| h.1))
            .max();
        let Some(day) = draw_day(rng, days, after, c.exam_until) else { continue };
        grants.push((cert, day));
        held.extend(grants);
    }
    held
}

/// A uniformly drawn day of `days` (sorted) within `[from, until]`; `None` when there is none.
fn draw_day(rng: &mut SplitMix64, days: &[Date], from: Option<Date>, until: Option<Date>) -> Option<Date> {
    let lo = from.map_or(0, |f| days.partition_point(|d| *d < f));
    let hi = until.map_or(days.len(), |u| days.partition_point(|d| *d <= u));
    (lo < hi).then(|| days[lo + rng.below(hi - lo)])
}

/// Every day in `[from, to)`.
fn days_between(from: Date, to: Date) -> Vec<Date> {
    std::iter::successors(Some(from), |d| Some(d.succ())).take_while(|d| *d < to).collect()
}

/// The profile: a track for every classified designation by size, and flat non-skilling
/// points at [`PROFILE_SHARE`] of each metric's maximum except the largest metric of each
/// designation at [`PROFILE_WEAK_SHARE`], so that qualifying always takes some skilling.
fn profile(rules: &RuleSet, people: usize) -> Profile {
    let wanted = if people < SMB_BELOW_PEOPLE { "smb" } else { "enterprise" };
    let mut tracks = HashMap::new();
    let mut points = HashMap::new();
    for d in &rules.designations {
        if d.track_rule == TrackRule::Classified {
            // Rule sets with other track names still get a valid track.
            let track = if d.track_index(wanted).is_some() { wanted } else { d.tracks.first().map_or(wanted, |t| t) };
            tracks.insert(d.id.clone(), track.to_string());
        }
        let others: Vec<_> = d.metrics.iter().filter(|m| m.category != Category::Skilling).collect();
        // The first metric with the largest maximum gets the weak share.
        let weak = others.iter().enumerate().fold(None, |best: Option<(usize, f64)>, (i, m)| match best {
            Some((_, max)) if max >= m.max_points => best,
            _ => Some((i, m.max_points)),
        });
        let flat = others
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let share = if weak.is_some_and(|(w, _)| w == i) { PROFILE_WEAK_SHARE } else { PROFILE_SHARE };
                (m.id.clone(), (m.max_points * share).round())
            })
            .collect();
        points.insert(d.id.clone(), DesignationPoints { flat, per_track: HashMap::new() });
    }
    Profile { name: format!("Generated partner ({people} people)"), currency: "EUR".to_string(), tracks, points }
}

/// A scenario over `targets` from `start` for `quarters` quarters (at least 1), with the
/// settings the bundled scenarios use: qualify at the lowest cost by the last quarter, 40 study
/// hours and 2 exams per person and quarter, pass rate 0.8, staff time costed, no buffer, no
/// budget. (The contract's own defaults for pass rate and time cost are 1.0 and false; the
/// bundled values make benchmarks comparable with `scenarios/`.)
pub fn scenario(targets: &[String], start: Quarter, quarters: u32) -> Scenario {
    let quarters = quarters.max(1);
    Scenario {
        name: format!("generated-{}", targets.join("+")),
        description: format!("Qualify for {} within {quarters} quarters from {start}", targets.join(", ")),
        targets: targets.to_vec(),
        goal: Goal::Qualify,
        min_skilling: BTreeMap::new(),
        objective: Objective::Cost,
        start,
        quarters,
        deadline: start.plus(quarters as i32 - 1),
        budget: None,
        hours_per_quarter: 40.0,
        max_exams_per_quarter: 2,
        pass_rate: 0.8,
        count_time_cost: true,
        buffer: 0,
        step_buffers: Default::default(),
        risk: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{load_inputs, InputPaths, Issues};

    fn bundled() -> (Catalog, RuleSet) {
        let mut issues = Issues::default();
        let inputs = load_inputs(&InputPaths::default(), &mut issues);
        assert!(issues.list().is_empty(), "bundled inputs have problems: {:?}", issues.list());
        (inputs.catalog, inputs.rules)
    }

    fn spec(people: usize, seed: u64) -> OrgSpec {
        OrgSpec { people, seed, today: Date::parse("2026-11-26").unwrap() }
    }

    /// Everything observable about an organisation, in a deterministic order (the profile's
    /// maps are hash maps, whose iteration order differs between instances).
    fn fingerprint(org: &Organisation) -> String {
        let tracks: BTreeMap<_, _> = org.profile.tracks.iter().collect();
        let points: BTreeMap<_, BTreeMap<_, _>> = org
            .profile
            .points
            .iter()
            .map(|(d, p)| (d, p.flat.iter().map(|(m, v)| (m, v.to_bits())).collect()))
            .collect();
        format!("{:?}\n{:?}\n{tracks:?}\n{points:?}\n{}", org.employees, org.holdings, org.profile.name)
    }

    #[test]
    fn the_seed_alone_decides_the_organisation() {
        let (catalog, rules) = bundled();
        let of_seed = |seed| fingerprint(&organisation(&catalog, &rules, &spec(120, seed)));
        assert_eq!(of_seed(7), of_seed(7), "the same seed must give the same organisation");
        assert_ne!(of_seed(7), of_seed(8), "another seed must give another organisation");
    }

    #[test]
    fn honours_requested_size() {
        let (catalog, rules) = bundled();
        for people in [0, 1, 40, 400] {
            let org = organisation(&catalog, &rules, &spec(people, 1));
            assert_eq!(org.employees.len(), people);
            let ids: std::collections::HashSet<_> = org.employees.iter().map(|e| &e.id).collect();
            assert_eq!(ids.len(), people, "employee ids must be unique");
        }
    }

    #[test]
    fn holdings_name_existing_people_and_certifications() {
        let (catalog, rules) = bundled();
        let s = spec(400, 3);
        let org = organisation(&catalog, &rules, &s);
        assert!(!org.holdings.is_empty());
        for h in &org.holdings {
            assert!(h.employee < org.employees.len());
            assert!(h.cert < catalog.len());
            let earned = h.earned_on.expect("generated holdings have a date");
            assert!(earned < s.today && s.today.add_months(-24) <= earned);
            assert_eq!(h.expires_on, catalog[h.cert].expiry_from(earned));
            assert!(catalog[h.cert].exam_until.is_none_or(|u| earned <= u), "earned after the exam closed");
        }
    }

    #[test]
    fn prerequisites_come_with_what_needs_them() {
        let (catalog, rules) = bundled();
        let org = organisation(&catalog, &rules, &spec(400, 11));
        for h in &org.holdings {
            let c = &catalog[h.cert];
            let own = |p: &CertIdx| {
                org.holdings.iter().any(|o| o.employee == h.employee && o.cert == *p && o.earned_on <= h.earned_on)
            };
            assert!(c.requires_all.iter().all(own), "{} without all prerequisites", c.id);
            assert!(c.requires_any.is_empty() || c.requires_any.iter().any(own), "{} without a prerequisite", c.id);
        }
    }

    #[test]
    fn mix_is_roughly_as_documented() {
        let (catalog, rules) = bundled();
        let org = organisation(&catalog, &rules, &spec(2000, 5));
        let share = |n: usize| n as f64 / 2000.0;
        let certified = (0..2000).filter(|&e| org.holdings.iter().any(|h| h.employee == e)).count();
        assert!((0.35..0.45).contains(&share(certified)), "certified share {}", share(certified));
        let part_time = org.employees.iter().filter(|e| e.hours_per_quarter.is_some()).count();
        assert!((0.07..0.13).contains(&share(part_time)));
        let unlinked = org.employees.iter().filter(|e| !e.linked).count();
        assert!((0.03..0.07).contains(&share(unlinked)));
        let leavers = org.employees.iter().filter(|e| e.leaves_on.is_some()).count();
        assert!((0.015..0.045).contains(&share(leavers)));
        let rates: std::collections::BTreeSet<u64> = org.employees.iter().map(|e| e.hourly_cost as u64).collect();
        assert!(rates.len() <= 4);
    }

    #[test]
    fn profile_needs_skilling_to_qualify() {
        let (catalog, rules) = bundled();
        let small = organisation(&catalog, &rules, &spec(40, 1));
        let large = organisation(&catalog, &rules, &spec(400, 1));
        for d in &rules.designations {
            if d.track_rule == TrackRule::Classified {
                assert_eq!(small.profile.tracks[&d.id], "smb");
                assert_eq!(large.profile.tracks[&d.id], "enterprise");
            }
            let profile_points: f64 = d
                .metrics
                .iter()
                .filter(|m| m.category != Category::Skilling)
                .map(|m| {
                    let p = small.profile.points(&d.id, &d.tracks[0], &m.id);
                    assert!(p > 0.0 && p <= m.max_points, "{}/{} = {p}", d.id, m.id);
                    p
                })
                .sum();
            assert!(profile_points < rules.qualifying_score, "{} qualifies without skilling", d.id);
        }
    }

    #[test]
    fn scenario_uses_documented_settings() {
        let start = Quarter::parse("2027-Q1").unwrap();
        let s = scenario(&["infrastructure".to_string()], start, 4);
        assert_eq!(s.deadline, Quarter::parse("2027-Q4").unwrap());
        assert_eq!((s.goal, s.objective, s.quarters, s.budget), (Goal::Qualify, Objective::Cost, 4, None));
        assert_eq!((s.hours_per_quarter, s.max_exams_per_quarter, s.pass_rate), (40.0, 2, 0.8));
        assert!(s.count_time_cost && s.buffer == 0);
    }
}
