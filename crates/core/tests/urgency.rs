//! Results ordered by urgency: which scale is shown first, which numbers open the result, and
//! which contacts stand before "More contacts", for every band combination of the built-ins and
//! every place (content review v2, N1).

mod common;

use common::{builtin, builtin_contacts};
use screening_core::Answers;
use screening_core::contacts::{ContactKind, phone_gaps};
use screening_core::definition::{Level, PLACES};
use screening_core::scoring::{Outcome, ScaleOutcome};
use screening_core::{Answer, Definition};

/// Every combination of one band per scale, as an outcome.
fn every_outcome(d: &Definition) -> Vec<Outcome> {
    let mut combos: Vec<Vec<String>> = vec![vec![]];
    for scale in d.scales() {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                scale.bands.iter().map(move |b| {
                    let mut c = c.clone();
                    c.push(b.id.clone());
                    c
                })
            })
            .collect();
    }
    combos
        .into_iter()
        .map(|bands| Outcome {
            questionnaire: d.id().to_owned(),
            version: d.version(),
            scales: d
                .scales()
                .iter()
                .zip(bands)
                .map(|(s, band)| ScaleOutcome {
                    scale: s.id.clone(),
                    band,
                    score: 0,
                    red_flags: vec![],
                    reasons: vec![],
                    rules: vec![],
                    unanswered: false,
                })
                .collect(),
            answered: 0,
            skipped: 0,
            dont_know: 0,
        })
        .collect()
}

fn level(d: &Definition, o: &ScaleOutcome) -> Level {
    d.scale(&o.scale).unwrap().band(&o.band).unwrap().level
}

fn rank(d: &Definition, o: &ScaleOutcome) -> usize {
    d.scale(&o.scale).unwrap().band_rank(&o.band).unwrap()
}

#[test]
fn scales_are_shown_most_serious_first_then_by_urgency() {
    for id in ["job-offer", "returnee"] {
        let d = builtin(id);
        for outcome in every_outcome(&d) {
            let ordered = outcome.by_urgency(&d);
            assert_eq!(ordered.len(), outcome.scales.len());
            for pair in ordered.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let key = |o: &ScaleOutcome| (level(&d, o), d.scale(&o.scale).unwrap().urgency);
                assert!(key(a) >= key(b), "{id}: {} before {}", a.scale, b.scale);
            }
        }
    }
    // Coercion, then TB, then working conditions when all three ask for something.
    let d = builtin("returnee");
    let outcome = every_outcome(&d)
        .into_iter()
        .find(|o| {
            o.scales.iter().map(|s| s.band.as_str()).collect::<Vec<_>>()
                == ["serious", "medium", "get_tested"]
        })
        .unwrap();
    let order: Vec<&str> = outcome
        .by_urgency(&d)
        .iter()
        .map(|o| o.scale.as_str())
        .collect();
    assert_eq!(order, ["coercion", "tb", "conditions"]);
}

#[test]
fn contacts_come_from_the_serious_findings_for_the_place_in_every_combination() {
    let dir = builtin_contacts();
    for id in ["job-offer", "returnee"] {
        let d = builtin(id);
        for outcome in every_outcome(&d) {
            let groups = outcome.contact_groups(&d);
            let raised: Vec<&ScaleOutcome> =
                outcome.scales.iter().filter(|o| rank(&d, o) > 0).collect();
            // Lowest bands add no topics unless nothing was raised.
            let expected_groups = if raised.is_empty() {
                outcome.scales.len()
            } else {
                raised.len()
            };
            assert_eq!(groups.len(), expected_groups, "{id} {:?}", outcome.scales);
            let top = outcome.by_urgency(&d)[0];
            for place in PLACES {
                let (first, rest) = dir.for_result(&groups, place);
                assert!(first.len() <= 3);
                for c in first.iter().chain(&rest) {
                    assert!(c.reachable(place), "{} not reachable from {place}", c.id);
                    assert!(groups.iter().flatten().any(|t| c.topics.contains(t)));
                }
                if place == "other" {
                    continue;
                }
                // A result that asks for a TB test or treatment lists the TB service first.
                let tb_raised = outcome
                    .scale("tb")
                    .is_some_and(|o| matches!(o.band.as_str(), "get_tested" | "treatment"));
                if tb_raised {
                    assert!(
                        first.iter().any(|c| c.topics.iter().any(|t| t == "tb")),
                        "{id} {:?} at {place}: no TB service among {:?}",
                        outcome.scales,
                        first.iter().map(|c| &c.id).collect::<Vec<_>>()
                    );
                }
                // Any result at the middle band or above has a number to call for its most
                // serious finding, where the person is.
                if rank(&d, top) > 0 {
                    let band = d.scale(&top.scale).unwrap().band(&top.band).unwrap();
                    assert!(
                        dir.first_call(&band.contact_topics, place).is_some(),
                        "{id} {} at {place}: no number",
                        top.band
                    );
                }
            }
        }
    }
}

#[test]
fn top_coercion_opens_with_numbers_that_work_where_the_person_is() {
    let d = builtin("returnee");
    let dir = builtin_contacts();
    let locked: Answers = [
        ("free_to_leave", "locked_in"),
        ("contact", "cut_off"),
        ("documents", "not_returned"),
    ]
    .into_iter()
    .map(|(q, a)| (q.to_owned(), Answer::One(a.to_owned())))
    .collect();
    for place in ["ru", "kz", "tj", "other", "not said"] {
        let mut answers = locked.clone();
        if place != "not said" {
            answers.set("where_now", Answer::One(place.into()));
        }
        let outcome = d.score(&answers).unwrap();
        assert_eq!(outcome.scale("coercion").unwrap().band, "high");
        let urgent = outcome.urgent(&d, &answers);
        if place == "tj" {
            assert!(urgent.is_none(), "at home: no 'not safe now' block");
            continue;
        }
        let urgent = urgent.expect("not at home, or not said: the block opens the result");
        let numbers = dir.urgent_numbers(&urgent.topics, d.place(&answers));
        if place == "other" {
            // Nobody knows the emergency number of "elsewhere"; the anti-trafficking line
            // reachable from anywhere is still there.
            assert!(
                numbers
                    .iter()
                    .all(|(c, _)| c.kind != ContactKind::Emergency)
            );
            assert!(!numbers.is_empty());
            continue;
        }
        let (first, channel) = numbers[0];
        assert_eq!(first.kind, ContactKind::Emergency, "{place}");
        assert_eq!(channel.value, "112", "{place}");
        if place == "ru" || place == "kz" {
            assert!(
                numbers
                    .iter()
                    .any(|(c, _)| c.topics.iter().any(|t| t == "consular")),
                "{place}: the consulate or embassy"
            );
        }
    }
    // Any other serious result at home: no urgent block.
    let mut answers = locked.clone();
    answers.set("where_now", Answer::One("tj".into()));
    assert!(d.score(&answers).unwrap().urgent(&d, &answers).is_none());
}

#[test]
fn tb_advice_fits_where_the_person_is() {
    let d = builtin("returnee");
    let scale = d.scale("tb").unwrap();
    let band = scale.band("get_tested").unwrap();
    let answers = |place: &str| -> Answers {
        [("where_now", place), ("cough", "long")]
            .into_iter()
            .map(|(q, a)| (q.to_owned(), Answer::One(a.to_owned())))
            .collect()
    };
    let en = screening_core::Locale::En;
    let first_step = |place: &str| d.steps(band, &answers(place))[0].get(en).to_owned();
    let advice = |place: &str| {
        d.advice(band, &answers(place))
            .iter()
            .map(|t| t.get(en))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for place in ["ru", "kz", "other"] {
        assert!(
            !first_step(place).contains("local clinic"),
            "{place}: {}",
            first_step(place)
        );
        assert!(!first_step(place).contains("It is free"));
    }
    assert!(first_step("tj").contains("state TB centre"));
    assert!(advice("ru").contains("patent"));
    assert!(advice("ru").contains("Emergency care"));
    assert!(!advice("tj").contains("patent"));
    assert!(advice("kz").contains("Kazakhstan"));
    assert!(!advice("ru").contains("TB testing and treatment in Tajikistan are free"));
}

#[test]
fn the_only_places_without_a_number_to_call_are_elsewhere() {
    let dir = builtin_contacts();
    for id in ["job-offer", "returnee"] {
        let gaps = phone_gaps(&builtin(id), &dir);
        assert!(
            gaps.iter().all(|(_, place)| *place == "other"),
            "{id}: {gaps:?}"
        );
    }
}
