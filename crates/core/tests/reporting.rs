//! Reports: what a payload carries (and does not), how the collector validates it, and the
//! published aggregates with suppression and debiasing.

mod common;

use common::{answers, builtin};
use proptest::prelude::*;
use screening_core::aggregate::aggregate;
use screening_core::payload::{Payload, Privacy, ReportContext, reported_questions};
use screening_core::randomized::SplitMix64;
use screening_core::{Answer, Answers, Definition, Locale};

fn context(privacy: Privacy) -> ReportContext {
    ReportContext {
        locale: Locale::Tg,
        partner: Some("umed-khujand".into()),
        month: "2026-11".into(),
        privacy,
    }
}

fn build(d: &Definition, given: &Answers, privacy: Privacy, seed: u64) -> Payload {
    let outcome = d.score(given).unwrap();
    Payload::build(d, given, &outcome, &context(privacy), &mut SplitMix64(seed))
}

fn passport_kept() -> Answers {
    answers(&[
        ("channel", "online"),
        ("contract", "yes"),
        ("contract_language", "no"),
        ("debt", "no"),
        ("passport", "them"),
        ("contact_employer", "only_recruiter"),
    ])
}

#[test]
fn a_payload_has_exactly_the_documented_fields() {
    let d = builtin("job-offer");
    let p = build(&d, &passport_kept(), Privacy::randomized(1.0), 1);
    let json = serde_json::to_value(&p).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "answers",
            "bands",
            "id",
            "locale",
            "month",
            "partner",
            "privacy",
            "questionnaire",
            "questionnaire_version",
            "v"
        ]
    );
    assert_eq!(json["bands"], serde_json::json!({"risk": "high"}));
    assert_eq!(
        json["privacy"],
        serde_json::json!({"mechanism": "randomized_response", "epsilon": 1.0})
    );
    assert_eq!(json["month"], "2026-11");
    assert_eq!(p.id.len(), 32);
    // Questions the definition does not mark reportable never appear.
    assert!(!p.answers.contains_key("contact_employer"));
    assert!(!p.answers.contains_key("contract_language"));
    assert_eq!(
        p.answers.get("channel"),
        Some(&Answer::One("online".into()))
    );
}

#[test]
fn sensitive_answers_are_left_out_unless_randomized() {
    let d = builtin("job-offer");
    let plain = build(&d, &passport_kept(), Privacy::NONE, 1);
    assert!(!plain.answers.contains_key("passport"));
    assert!(!plain.answers.contains_key("debt"));
    let ids: Vec<&str> = reported_questions(&d, &passport_kept(), &Privacy::NONE)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["channel", "contract"]);
    let randomized = build(&d, &passport_kept(), Privacy::randomized(1.0), 1);
    assert!(randomized.answers.contains_key("passport"));
}

#[test]
fn randomized_answers_vary_but_stay_valid() {
    let d = builtin("job-offer");
    let sent: Vec<Answer> = (0..200)
        .map(|seed| {
            build(&d, &passport_kept(), Privacy::randomized(0.5), seed).answers["passport"].clone()
        })
        .collect();
    let truthful = sent
        .iter()
        .filter(|a| **a == Answer::One("them".into()))
        .count();
    assert!(
        truthful > 40 && truthful < 160,
        "{truthful} of 200 truthful"
    );
    for a in &sent {
        assert!(d.question("passport").unwrap().accepts(&a.ids()[0]));
    }
}

#[test]
fn submission_ids_differ() {
    let d = builtin("job-offer");
    let a = build(&d, &passport_kept(), Privacy::NONE, 1);
    let b = build(&d, &passport_kept(), Privacy::NONE, 2);
    assert_ne!(a.id, b.id);
}

fn rejects(d: &Definition, change: impl FnOnce(&mut Payload), path: &str) {
    let mut p = build(d, &passport_kept(), Privacy::randomized(1.0), 3);
    change(&mut p);
    let errors = p.validate(Some(d)).unwrap_err();
    assert!(
        errors.iter().any(|e| e.path == path),
        "expected an error at {path}: {errors:?}"
    );
}

#[test]
fn the_collector_rejects_what_the_widget_would_never_send() {
    let d = builtin("job-offer");
    rejects(&d, |p| p.id = "XYZ".into(), "$.id");
    rejects(&d, |p| p.month = "2026-13".into(), "$.month");
    rejects(&d, |p| p.month = "2026-11-29".into(), "$.month");
    rejects(
        &d,
        |p| p.partner = Some("Robert'); DROP TABLE".into()),
        "$.partner",
    );
    rejects(&d, |p| p.bands.retain(|_, _| false), "$.bands.risk");
    rejects(
        &d,
        |p| {
            p.bands.insert("risk".into(), "extreme".into());
        },
        "$.bands.risk",
    );
    rejects(
        &d,
        |p| {
            p.bands.clear();
        },
        "$.bands.risk",
    );
    rejects(
        &d,
        |p| {
            p.answers.insert("nope".into(), Answer::One("x".into()));
        },
        "$.answers.nope",
    );
    rejects(
        &d,
        |p| {
            p.answers
                .insert("contact_employer".into(), Answer::One("yes".into()));
        },
        "$.answers.contact_employer",
    );
    rejects(
        &d,
        |p| {
            p.answers
                .insert("channel".into(), Answer::One("carrier_pigeon".into()));
        },
        "$.answers.channel[0]",
    );
    rejects(
        &d,
        |p| {
            p.answers.insert(
                "fees".into(),
                Answer::Many(vec!["visa".into(), "none".into()]),
            );
        },
        "$.answers.fees",
    );
    rejects(
        &d,
        |p| {
            p.answers.insert("fees".into(), Answer::One("visa".into()));
        },
        "$.answers.fees",
    );
    rejects(&d, |p| p.privacy = Privacy::NONE, "$.answers.passport");
    rejects(
        &d,
        |p| p.privacy = Privacy::randomized(50.0),
        "$.privacy.epsilon",
    );
    rejects(&d, |p| p.privacy.epsilon = None, "$.privacy.epsilon");
    let p = build(&d, &passport_kept(), Privacy::NONE, 3);
    assert_eq!(p.validate(None).unwrap_err()[0].path, "$.questionnaire");
}

#[test]
fn unknown_fields_and_wrong_types_do_not_parse() {
    let d = builtin("job-offer");
    let p = build(&d, &passport_kept(), Privacy::NONE, 3);
    let mut v = serde_json::to_value(&p).unwrap();
    v["user_agent"] = "Mozilla".into();
    assert!(serde_json::from_value::<Payload>(v).is_err());
    let mut v = serde_json::to_value(&p).unwrap();
    v["privacy"]["extra"] = 1.into();
    assert!(serde_json::from_value::<Payload>(v).is_err());
    let mut v = serde_json::to_value(&p).unwrap();
    v["privacy"]["mechanism"] = "rappor".into();
    assert!(serde_json::from_value::<Payload>(v).is_err());
    let mut v = serde_json::to_value(&p).unwrap();
    v["questionnaire_version"] = "1".into();
    assert!(serde_json::from_value::<Payload>(v).is_err());
}

proptest! {
    /// Whatever the answers and privacy setting, the widget's payload passes the collector.
    #[test]
    fn every_built_payload_validates(seeds in prop::collection::vec(any::<u32>(), 24), rr in any::<bool>(), seed in any::<u64>()) {
        for id in ["job-offer", "returnee"] {
            let d = builtin(id);
            let mut given = Answers::default();
            for (q, s) in d.questions.iter().zip(&seeds) {
                let ids = q.answer_ids();
                let pick = *s as usize % (ids.len() + 1);
                if pick < ids.len() {
                    let a = if q.kind == screening_core::definition::QuestionKind::Multi {
                        Answer::Many(vec![ids[pick].to_owned()])
                    } else {
                        Answer::One(ids[pick].to_owned())
                    };
                    given.set(&q.id, a);
                }
            }
            let given = d.prune(&given);
            let privacy = if rr { Privacy::randomized(1.0) } else { Privacy::NONE };
            let p = build(&d, &given, privacy, seed);
            prop_assert!(p.validate(Some(&d)).is_ok(), "{:?}", p.validate(Some(&d)));
            let json = serde_json::to_string(&p).unwrap();
            prop_assert!(json.len() < screening_core::payload::MAX_BYTES);
            prop_assert_eq!(serde_json::from_str::<Payload>(&json).unwrap(), p);
        }
    }
}

#[test]
fn aggregates_suppress_small_cells_and_debias_randomized_answers() {
    let d = builtin("job-offer");
    let n = 10_000usize;
    // True passport answers: 70 % keep it, 20 % handed over, 10 % don't know.
    let mut payloads = Vec::new();
    for i in 0..n {
        let truth = if i < 7000 {
            "me"
        } else if i < 9000 {
            "them"
        } else {
            "dont_know"
        };
        let given = answers(&[("channel", "agency"), ("passport", truth)]);
        let mut p = build(&d, &given, Privacy::randomized(1.0), i as u64);
        // Spread over partners; one partner has only 3 reports.
        p.partner = Some(if i < 3 { "tiny".into() } else { "big".into() });
        payloads.push(p);
    }
    let agg = aggregate("job-offer", &payloads, |v| (v == 1).then_some(&d), 5);
    let tiny: Vec<_> = agg
        .bands
        .iter()
        .filter(|b| b.partner.as_deref() == Some("tiny"))
        .collect();
    assert!(!tiny.is_empty() && tiny.iter().all(|b| b.suppressed && b.count.is_none()));
    let passport = agg
        .answers
        .iter()
        .find(|a| a.question == "passport")
        .unwrap();
    assert_eq!(passport.epsilon, Some(1.0));
    let share = |id: &str| {
        passport
            .cells
            .iter()
            .find(|c| c.answer == id)
            .unwrap()
            .estimated
            .unwrap()
            / n as f64
    };
    for (id, truth) in [
        ("me", 0.7),
        ("for_papers", 0.0),
        ("them", 0.2),
        ("dont_know", 0.1),
    ] {
        assert!(
            (share(id) - truth).abs() < 0.03,
            "{id}: estimated {} vs {truth}",
            share(id)
        );
    }
    // Plain answers are counted as sent.
    let channel = agg
        .answers
        .iter()
        .find(|a| a.question == "channel")
        .unwrap();
    assert_eq!(
        channel
            .cells
            .iter()
            .find(|c| c.answer == "agency")
            .unwrap()
            .reported,
        Some(n as u64)
    );
    assert!(
        channel
            .cells
            .iter()
            .find(|c| c.answer == "online")
            .unwrap()
            .suppressed
    );
    let csv = agg.to_csv();
    assert!(csv.starts_with("kind,questionnaire,version,month,partner"));
    assert!(csv.lines().any(|l| l.starts_with("band,job-offer,1,2026-11,tiny,risk,") && l.ends_with(",,,true")));
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let d = builtin("job-offer");
    let mut p = build(&d, &passport_kept(), Privacy::NONE, 9);
    p.partner = Some("-x".into());
    let agg = aggregate("job-offer", &vec![p; 5], |_| Some(&d), 5);
    assert!(agg.to_csv().contains(",'-x,"));
}
