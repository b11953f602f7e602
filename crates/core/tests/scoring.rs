//! Scoring rules on the documented example: bands by score, red flags, hidden questions,
//! "I don't know", multi-select, and bad answers.

mod common;

use common::{answers, example, example_value};
use screening_core::{Answer, Answers, parse_definition};
use serde_json::json;

#[test]
fn band_follows_the_score() {
    let d = example();
    let outcome = d
        .score(&answers(&[("fee", "yes"), ("passport", "me")]))
        .unwrap();
    let risk = outcome.scale("risk").unwrap();
    assert_eq!((risk.band.as_str(), risk.score), ("low", 2));
    let outcome = d
        .score(&answers(&[("fee", "yes"), ("passport", "dont_know")]))
        .unwrap();
    let risk = outcome.scale("risk").unwrap();
    // 3 points reach `high`, but one of them is "I don't know": unknowns may lift a result only
    // up to the band below the highest (here `low`).
    assert_eq!((risk.band.as_str(), risk.score), ("low", 3));
    assert_eq!(outcome.dont_know, 1);
}

#[test]
fn a_red_flag_sets_the_minimum_band_whatever_the_score() {
    let mut v = example_value();
    v["questions"][1]["options"][1]["weights"] = json!({"risk": 0});
    v["questions"][1]["options"][1]["reason"] = json!({"en": "x", "ru": "x"});
    let d = parse_definition(&v.to_string()).unwrap();
    let outcome = d
        .score(&answers(&[("fee", "no"), ("passport", "them")]))
        .unwrap();
    let risk = outcome.scale("risk").unwrap();
    assert_eq!((risk.band.as_str(), risk.score), ("high", 0));
    assert_eq!(risk.red_flags.len(), 1);
    assert_eq!(risk.red_flags[0].question, "passport");
    assert_eq!(risk.reasons[0].red_flag.as_deref(), Some("high"));
}

#[test]
fn reasons_put_red_flags_first_then_points() {
    let d = example();
    let outcome = d
        .score(&answers(&[("fee", "yes"), ("passport", "them")]))
        .unwrap();
    let order: Vec<&str> = outcome.scales[0]
        .reasons
        .iter()
        .map(|r| r.question.as_str())
        .collect();
    assert_eq!(order, ["passport", "fee"]);
}

#[test]
fn hidden_questions_never_count() {
    let mut v = example_value();
    v["questions"][1]["show_if"] = json!({"answer": {"question": "fee", "in": ["yes"]}});
    let d = parse_definition(&v.to_string()).unwrap();
    let given = answers(&[("fee", "no"), ("passport", "them")]);
    let outcome = d.score(&given).unwrap();
    assert_eq!(outcome.scales[0].band, "low");
    assert_eq!(outcome.scales[0].score, 0);
    assert_eq!((outcome.answered, outcome.skipped), (1, 0));
    assert_eq!(d.prune(&given), answers(&[("fee", "no")]));
    // Skipping the parent hides the follow-up too.
    assert_eq!(d.visible_questions(&Answers::default()).len(), 1);
}

#[test]
fn skipped_questions_add_nothing_and_are_counted() {
    let outcome = example().score(&Answers::default()).unwrap();
    assert_eq!(outcome.scales[0].score, 0);
    // The follow-up is hidden while its parent is unanswered.
    assert_eq!((outcome.answered, outcome.skipped), (0, 1));
}

#[test]
fn multi_select_adds_every_selected_option() {
    let d = common::multi_select_example();
    let mut given = Answers::default();
    given.set("fee", Answer::Many(vec!["yes".into(), "ticket".into()]));
    assert_eq!(d.score(&given).unwrap().scales[0].score, 4);
    given.set("fee", Answer::Many(vec!["no".into(), "ticket".into()]));
    let errors = d.score(&given).unwrap_err();
    assert!(
        errors[0].to_string().contains("cannot be combined"),
        "{errors:?}"
    );
}

#[test]
fn answers_that_do_not_fit_are_all_reported() {
    let d = example();
    let mut given = answers(&[("fee", "maybe"), ("age", "30")]);
    given.set("passport", Answer::Many(vec!["me".into()]));
    let errors = d.score(&given).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{text:#?}");
    assert!(
        text.iter()
            .any(|e| e.contains("\"maybe\" is not one of its answers (no, yes, dont_know)"))
    );
    assert!(text.iter().any(|e| e.contains("no question \"age\"")));
    assert!(
        text.iter()
            .any(|e| e.contains("takes one answer, not a list"))
    );
}
