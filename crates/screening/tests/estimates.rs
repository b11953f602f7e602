//! How much signal each way of spending ε buys (issue: "aggregates IOM can act on"). For the
//! built-in returnee questionnaire, a population of returnees (its worked cases, in equal
//! shares) and the two estimates IOM needs most, the share with serious signs of coercion
//! (`coercion` = `high`) and the share who should get a TB test (`tb` = `get_tested` or
//! `treatment`), this computes, exactly, the variance of one report's contribution to an
//! unbiased estimate under four designs, and so the reports needed for ±10 points at 95 %:
//!
//! - **B**: every sensitive answer and every band a sensitive answer can move randomized over
//!   its whole domain, ε/m each (m = 5: the design of content v1-v3);
//! - **A**: only the three sensitive answers randomized (ε/3 each); the bands are estimated on
//!   the collector from the plain answers and the randomized ones (an unbiased estimator, by
//!   inverting each answer's randomization and summing over every combination of answers);
//! - **C**: only the two bands randomized (ε/2 each), the sensitive answers not sent;
//! - **C+**: as C, but each band randomized over the bands the person's plain answers leave
//!   possible (known to the collector, since the plain answers are sent): exact when the plain
//!   answers decide the band.
//!
//! Each design's estimator is checked to be unbiased for every member of the population (its
//! expected contribution is the truth), so the comparison is between honest estimators.

#[path = "../../core/tests/common.rs"]
mod core_common;
use core_common as common;

use common::{builtin, repo};
use screening_core::definition::SKIPPED;
use screening_core::randomized::truth_probability;
use screening_core::{Answer, Answers, Definition};
use std::collections::BTreeSet;

/// The default ε of the widget.
const EPSILON: f64 = 1.0;

/// The returnee worked cases' answers, pruned to what the flow would keep.
fn population(d: &Definition) -> Vec<Answers> {
    let path = repo().join("questionnaires/cases/returnee.json");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let answers: Answers = serde_json::from_value(c["answers"].clone()).unwrap();
            d.prune(&answers)
        })
        .collect()
}

/// One headline estimate: a scale and the bands counted.
struct Estimate {
    name: &'static str,
    scale: &'static str,
    bands: &'static [&'static str],
}

const ESTIMATES: [Estimate; 2] = [
    Estimate {
        name: "serious signs of coercion",
        scale: "coercion",
        bands: &["high"],
    },
    Estimate {
        name: "should get a TB test",
        scale: "tb",
        bands: &["get_tested", "treatment"],
    },
];

/// k-ary randomized response over `k` values with budget `e`: (p, q).
fn channel(k: usize, e: f64) -> (f64, f64) {
    let p = truth_probability(e, k);
    (p, (1.0 - p) / (k as f64 - 1.0))
}

/// The first and second moments of one report's contribution when a field with true value
/// `truth` is randomized over `domain` with budget `e`, and the estimate counts `wanted`.
fn field_moments(domain: &[String], truth: &str, wanted: &BTreeSet<String>, e: f64) -> (f64, f64) {
    if domain.len() == 1 {
        let x = f64::from(u8::from(wanted.contains(truth)));
        return (x, x * x);
    }
    let (p, q) = channel(domain.len(), e);
    let count = domain.iter().filter(|v| wanted.contains(*v)).count() as f64;
    let (mut m1, mut m2) = (0.0, 0.0);
    for seen in domain {
        let chance = if seen == truth { p } else { q };
        let g = (f64::from(u8::from(wanted.contains(seen))) - count * q) / (p - q);
        m1 += chance * g;
        m2 += chance * g * g;
    }
    (m1, m2)
}

/// The sensitive questions' ids, domains (with "skipped") and a member's true values.
fn sensitive(d: &Definition, a: &Answers) -> Vec<(String, Vec<String>, String)> {
    d.questions()
        .iter()
        .filter(|q| q.sensitive)
        .map(|q| {
            let domain: Vec<String> = q.report_domain().iter().map(|s| (*s).to_owned()).collect();
            let truth = match a.get(&q.id) {
                Some(Answer::One(id)) => id.clone(),
                _ => SKIPPED.to_owned(),
            };
            (q.id.clone(), domain, truth)
        })
        .collect()
}

/// The member's answers with the sensitive ones replaced by `values` (skipped: absent).
fn with_sensitive(
    a: &Answers,
    questions: &[(String, Vec<String>, String)],
    values: &[&str],
) -> Answers {
    let mut out = a.clone();
    for ((id, _, _), v) in questions.iter().zip(values) {
        out.clear(id);
        if *v != SKIPPED {
            out.set(id, Answer::One((*v).to_owned()));
        }
    }
    out
}

/// Every combination of the sensitive questions' values.
fn combinations(questions: &[(String, Vec<String>, String)]) -> Vec<Vec<&str>> {
    let mut all = vec![Vec::new()];
    for (_, domain, _) in questions {
        all = all
            .into_iter()
            .flat_map(|prefix| {
                domain.iter().map(move |v| {
                    let mut next = prefix.clone();
                    next.push(v.as_str());
                    next
                })
            })
            .collect();
    }
    all
}

/// Design A: the moments of the collector's estimate from the plain answers and the three
/// randomized sensitive answers (ε/3 each). The estimate of 1{band ∈ wanted} is
/// Σ_s 1{f(plain, s) ∈ wanted} · Π_j w_j(s_j, seen_j), w = (1{seen = s} − q)/(p − q).
fn design_a(d: &Definition, a: &Answers, estimate: &Estimate, e: f64) -> (f64, f64) {
    let questions = sensitive(d, a);
    let combos = combinations(&questions);
    let band_of: Vec<bool> = combos
        .iter()
        .map(|s| {
            let outcome = d.score(&with_sensitive(a, &questions, s)).unwrap();
            estimate
                .bands
                .contains(&outcome.scale(estimate.scale).unwrap().band.as_str())
        })
        .collect();
    let channels: Vec<(f64, f64)> = questions
        .iter()
        .map(|(_, dom, _)| channel(dom.len(), e))
        .collect();
    let (mut m1, mut m2) = (0.0, 0.0);
    for seen in &combos {
        let chance: f64 = questions
            .iter()
            .zip(seen)
            .zip(&channels)
            .map(|(((_, _, truth), s), (p, q))| if truth == s { *p } else { *q })
            .product();
        let g: f64 = combos
            .iter()
            .zip(&band_of)
            .filter(|(_, counted)| **counted)
            .map(|(s, _)| {
                s.iter()
                    .zip(seen)
                    .zip(&channels)
                    .map(|((v, o), (p, q))| (f64::from(u8::from(v == o)) - q) / (p - q))
                    .product::<f64>()
            })
            .sum();
        m1 += chance * g;
        m2 += chance * g * g;
    }
    (m1, m2)
}

/// The bands a member's plain answers leave possible on `scale`, whatever the sensitive ones.
fn feasible(d: &Definition, a: &Answers, scale: &str) -> Vec<String> {
    let questions = sensitive(d, a);
    let bands: BTreeSet<String> = combinations(&questions)
        .iter()
        .map(|s| {
            d.score(&with_sensitive(a, &questions, s))
                .unwrap()
                .scale(scale)
                .unwrap()
                .band
                .clone()
        })
        .collect();
    d.scales()
        .iter()
        .find(|s| s.id == scale)
        .unwrap()
        .bands
        .iter()
        .map(|b| b.id.clone())
        .filter(|b| bands.contains(b))
        .collect()
}

/// Reports needed so that a 95 % interval is ±10 points wide at most: 1.96² · Var / 0.1².
fn needed(variance: f64) -> u64 {
    (1.96f64.powi(2) * variance / 0.01).ceil() as u64
}

#[test]
fn spending_epsilon_on_the_bands_needs_the_fewest_reports() {
    let d = builtin("returnee");
    let people = population(&d);
    assert!(people.len() >= 20, "{} cases", people.len());
    let designs = ["B", "A", "C", "C+"];
    let mut table = Vec::new();
    for estimate in &ESTIMATES {
        let wanted: BTreeSet<String> = estimate.bands.iter().map(|b| (*b).to_owned()).collect();
        let all_bands: Vec<String> = d
            .scales()
            .iter()
            .find(|s| s.id == estimate.scale)
            .unwrap()
            .bands
            .iter()
            .map(|b| b.id.clone())
            .collect();
        let mut row = Vec::new();
        for design in designs {
            let (mut sum1, mut sum2, mut truth) = (0.0, 0.0, 0.0);
            for a in &people {
                let band = d
                    .score(a)
                    .unwrap()
                    .scale(estimate.scale)
                    .unwrap()
                    .band
                    .clone();
                let x = f64::from(u8::from(wanted.contains(&band)));
                let (m1, m2) = match design {
                    "B" => field_moments(&all_bands, &band, &wanted, EPSILON / 5.0),
                    "A" => design_a(&d, a, estimate, EPSILON / 3.0),
                    "C" => field_moments(&all_bands, &band, &wanted, EPSILON / 2.0),
                    _ => field_moments(
                        &feasible(&d, a, estimate.scale),
                        &band,
                        &wanted,
                        EPSILON / 2.0,
                    ),
                };
                assert!(
                    (m1 - x).abs() < 1e-9,
                    "design {design} is biased: {m1} for {x}"
                );
                sum1 += m1;
                sum2 += m2;
                truth += x;
            }
            let n = people.len() as f64;
            let variance = sum2 / n - (sum1 / n).powi(2);
            row.push((design, truth / n, needed(variance)));
        }
        table.push((estimate.name, row));
    }
    println!("reports for ±10 points at 95 %, returnee, ε = {EPSILON}:");
    for (name, row) in &table {
        println!(
            "  {name} (true share {:.0} %): {:?}",
            row[0].1 * 100.0,
            row.iter()
                .map(|(d, _, n)| format!("{d} {n}"))
                .collect::<Vec<_>>()
        );
    }
    for (name, row) in &table {
        let of = |design: &str| row.iter().find(|(d, _, _)| *d == design).unwrap().2;
        assert!(of("C") < of("B") / 3, "{name}: C does not beat B: {row:?}");
        assert!(of("C+") <= of("C"), "{name}: {row:?}");
    }
}

/// One repetition of the survey: `n` returnees drawn at random from the population, each
/// sending a real report (the shipped design, through `Payload::build` and the real
/// randomizer), aggregated as the collector does.
fn survey(
    d: &Definition,
    people: &[Answers],
    n: usize,
    seed: u64,
) -> screening::aggregate::Aggregates {
    use screening_core::payload::{Payload, Privacy, ReportContext};
    use screening_core::randomized::{Random, SplitMix64};
    let mut rng = SplitMix64(seed);
    let payloads: Vec<Payload> = (0..n)
        .map(|_| {
            let a = &people[rng.below(people.len() as u32).unwrap() as usize];
            let outcome = d.score(a).unwrap();
            let context = ReportContext {
                locale: screening_core::Locale::Tg,
                partner: Some("partner".into()),
                month: "2026-12".into(),
                privacy: Privacy::randomized(EPSILON),
            };
            Payload::build(d, a, &outcome, &context, &mut rng).unwrap()
        })
        .collect();
    screening::aggregate::aggregate(d.id(), &payloads, |_| Some(d), 1)
}

#[test]
fn intervals_from_real_reports_cover_the_population_share_at_the_stated_rate() {
    const REPETITIONS: u64 = 400;
    const REPORTS: usize = 400;
    let d = builtin("returnee");
    let people = population(&d);
    assert_eq!(d.randomized_fields(), 2, "the two bands, and nothing else");
    // The population's true share of each band of the randomized scales.
    let mut covered = std::collections::BTreeMap::<(String, String), (u32, u32, f64)>::new();
    for scale in ["coercion", "tb"] {
        for band in &d.scales().iter().find(|s| s.id == scale).unwrap().bands {
            let share = people
                .iter()
                .filter(|a| d.score(a).unwrap().scale(scale).unwrap().band == band.id)
                .count() as f64
                / people.len() as f64;
            covered.insert((scale.to_owned(), band.id.clone()), (0, 0, share));
        }
    }
    for seed in 0..REPETITIONS {
        let agg = survey(&d, &people, REPORTS, 1_000 + seed);
        for t in &agg.bands {
            let scale = t.scale.clone().unwrap();
            let n = t.n.unwrap() as f64;
            for c in &t.cells {
                let Some(entry) = covered.get_mut(&(scale.clone(), c.value.clone())) else {
                    assert!(!t.debiased, "{scale} is randomized but not expected to be");
                    continue;
                };
                assert!(t.debiased);
                let [lo, hi] = c.interval.expect("a debiased cell has an interval");
                entry.1 += 1;
                entry.0 += u32::from((lo..=hi).contains(&(entry.2 * n)));
            }
        }
    }
    println!(
        "95 % intervals over {REPETITIONS} surveys of {REPORTS} reports (returnee, ε = {EPSILON}):"
    );
    for ((scale, band), (hits, total, share)) in &covered {
        let rate = f64::from(*hits) / f64::from(*total);
        println!(
            "  {scale} = {band} (true share {:.1} %): covered in {:.1} %",
            share * 100.0,
            rate * 100.0
        );
        assert_eq!(*total as u64, REPETITIONS);
        assert!((0.93..=0.97).contains(&rate), "{scale} = {band}: {rate}");
    }
}

#[test]
fn the_job_offer_figures_are_exact_counts() {
    // Nothing in the job-offer check is sensitive: every figure is the count of the reports,
    // with no interval (there is no noise to cover).
    let d = builtin("job-offer");
    assert_eq!(d.randomized_fields(), 0);
    let path = repo().join("questionnaires/cases/job-offer.json");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let people: Vec<Answers> = file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| d.prune(&serde_json::from_value(c["answers"].clone()).unwrap()))
        .collect();
    let agg = survey(&d, &people, 500, 7);
    for t in agg.bands.iter().chain(&agg.answers) {
        assert!(!t.debiased);
        for c in &t.cells {
            assert_eq!(c.estimated, c.reported.map(|r| r as f64));
            assert!(c.interval.is_none() && c.enough_reports);
        }
    }
}
