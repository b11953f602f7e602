//! Published aggregates: small-cell suppression, debiasing of randomized fields, CSV.

mod common;

use common::{answers, builtin};
use screening_core::aggregate::aggregate;
use screening_core::payload::{Payload, Privacy, ReportContext};
use screening_core::randomized::SplitMix64;
use screening_core::{Answers, Definition, Locale};

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
    Payload::build(d, given, &outcome, &context(privacy), &mut SplitMix64(seed)).unwrap()
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
