//! The content-v2 additions to the definition format: combination rules (`at_least`), the cap on
//! what "I don't know" can add, the wording for unanswered scales, conditional steps, places and
//! the contacts a result lists, and the validation errors for each.

mod common;

use common::{answers, example_value};
use screening_core::contacts::{coverage_gaps, parse_directory};
use screening_core::error::{Error, Kind};
use screening_core::{Answers, Definition, parse_definition};
use serde_json::{Value, json};

fn t(s: &str) -> Value {
    json!({"en": s, "ru": s})
}

/// A three-band scale with two strong coercion signs, one unknown-heavy question, a place
/// question and a step only for Russia.
fn v2() -> Value {
    let yes_no = |id: &str, weight: u32| {
        json!({
            "id": id, "type": "single", "text": t(id),
            "indicator": {"other": "x", "source": "s"},
            "options": [
                {"id": "no", "text": t("no")},
                {"id": "yes", "text": t("yes"), "weights": {"coercion": weight}, "reason": t("r")}
            ],
            "dont_know": {"weights": {"coercion": 3}, "reason": t("dk"), "find_out": t(&format!("find out {id}"))},
            "report": true
        })
    };
    json!({
        "schema": 1, "id": "v2", "version": 1,
        "locales": {"en": "draft", "ru": "draft"},
        "title": t("T"), "intro": t("I"), "minutes": 3, "disclaimer": t("D"),
        "unknowns_heading": t("Find out before you go"),
        "place": {"question": "where", "default": "tj"},
        "questions": [
            {"id": "where", "type": "single", "text": t("where"),
             "indicator": {"other": "place", "source": "s"},
             "options": [{"id": "tj", "text": t("tj")}, {"id": "ru", "text": t("ru")},
                         {"id": "kz", "text": t("kz")}, {"id": "other", "text": t("other")}]},
            yes_no("watched", 1),
            yes_no("locked", 1),
            yes_no("passport", 1)
        ],
        "scales": [{
            "id": "coercion", "title": t("C"),
            "rules": [{
                "band": "high",
                "when": {"at_least": {"count": 2, "of": [
                    {"answer": {"question": "watched", "in": ["yes"]}},
                    {"answer": {"question": "locked", "in": ["yes"]}},
                    {"answer": {"question": "passport", "in": ["yes"]}}
                ]}},
                "reason": t("two strong signs")
            }],
            "unanswered": {"title": t("Not enough answers"), "advice": t("Answer more")},
            "bands": [
                {"id": "low", "min": 0, "level": "ok", "title": t("No signs"), "advice": t("a"),
                 "steps": [t("always"), {"text": t("russia only"), "show_if": {"answer": {"question": "where", "in": ["ru"]}}}],
                 "contact_topics": ["labour_rights"]},
                {"id": "medium", "min": 2, "level": "caution", "title": t("m"), "advice": t("a"),
                 "steps": [t("s")], "contact_topics": ["labour_rights"]},
                {"id": "high", "min": 5, "level": "danger", "title": t("h"), "advice": t("a"),
                 "steps": [t("s")], "contact_topics": ["trafficking", "consular", "emergency"]}
            ]
        }]
    })
}

fn def(v: &Value) -> Definition {
    parse_definition(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn errors(v: &Value) -> Vec<Error> {
    parse_definition(&v.to_string()).expect_err("should be invalid")
}

/// Matches the kind and the path, not the wording.
#[track_caller]
fn has(errors: &[Error], path: &str, kind: Kind) {
    assert!(
        errors
            .iter()
            .any(|e| e.path == path && e.kind == kind && !e.message.is_empty()),
        "no {kind:?} error at {path} in {errors:#?}"
    );
}

fn band(d: &Definition, a: &Answers) -> String {
    d.score(a).unwrap().scale("coercion").unwrap().band.clone()
}

#[test]
fn two_strong_signs_together_reach_the_highest_band_by_rule() {
    let d = def(&v2());
    assert_eq!(band(&d, &answers(&[("watched", "yes")])), "low");
    let both = answers(&[("watched", "yes"), ("locked", "yes")]);
    let outcome = d.score(&both).unwrap();
    let s = outcome.scale("coercion").unwrap();
    assert_eq!((s.band.as_str(), s.score), ("high", 2));
    assert_eq!(s.rules, vec![0]);
}

#[test]
fn unknowns_alone_stop_below_the_highest_band() {
    let d = def(&v2());
    let all_unknown = answers(&[
        ("watched", "dont_know"),
        ("locked", "dont_know"),
        ("passport", "dont_know"),
    ]);
    let outcome = d.score(&all_unknown).unwrap();
    let s = outcome.scale("coercion").unwrap();
    assert_eq!((s.band.as_str(), s.score), ("medium", 9));
    // With the cap set to the lowest band, unknowns add nothing to the band.
    let mut v = v2();
    v["scales"][0]["unknowns_up_to"] = json!("low");
    assert_eq!(band(&def(&v), &all_unknown), "low");
    // Known answers still reach the top on their own.
    let known = answers(&[
        ("watched", "yes"),
        ("passport", "yes"),
        ("locked", "dont_know"),
    ]);
    assert_eq!(band(&d, &known), "high");
    assert_eq!(d.unknowns(&all_unknown).len(), 3);
    assert_eq!(
        d.unknowns(&all_unknown)[0].get(screening_core::Locale::En),
        "find out watched"
    );
}

#[test]
fn a_scale_nothing_was_answered_for_is_marked_unanswered() {
    let d = def(&v2());
    let skipped = d.score(&Answers::default()).unwrap();
    let s = skipped.scale("coercion").unwrap();
    assert!(s.unanswered);
    assert!(s.shows_unanswered(d.scale("coercion").unwrap()));
    // The place question does not bear on the scale, so answering it changes nothing.
    let s = d.score(&answers(&[("where", "ru")])).unwrap();
    assert!(s.scale("coercion").unwrap().unanswered);
    let s = d.score(&answers(&[("watched", "no")])).unwrap();
    assert!(!s.scale("coercion").unwrap().unanswered);
}

#[test]
fn steps_follow_their_conditions_and_the_place_follows_its_question() {
    let d = def(&v2());
    let low = &d.scale("coercion").unwrap().bands[0];
    let en = |a: &Answers| {
        d.steps(low, a)
            .iter()
            .map(|t| t.get(screening_core::Locale::En).to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(en(&Answers::default()), ["always"]);
    assert_eq!(en(&answers(&[("where", "ru")])), ["always", "russia only"]);
    assert_eq!(d.place(&Answers::default()), "tj");
    assert_eq!(d.place(&answers(&[("where", "kz")])), "kz");
}

#[test]
fn a_result_lists_three_contacts_for_the_place_and_keeps_the_rest() {
    let contact = |id: &str, kind: &str, topics: Value, from: Value| {
        json!({"id": id, "name": {"en": id}, "kind": kind, "topics": topics,
               "description": {"en": "d"}, "channels": [{"type": "phone", "value": "+992 37 000 00 00"}],
               "reachable_from": from, "verified": null, "source": "s"})
    };
    let dir = parse_directory(
        &json!({"schema": 1, "example": true, "contacts": [
            contact("police", "police", json!(["emergency"]), json!(["tj"])),
            contact("embassy", "government", json!(["consular"]), json!(["ru"])),
            contact("ngo_ru", "ngo", json!(["trafficking"]), json!(["ru"])),
            contact("ngo_tj", "ngo", json!(["trafficking"]), json!(["tj"])),
            contact("iom", "international", json!(["trafficking", "consular"]), json!(["any"])),
            contact("ngo2_tj", "ngo", json!(["consular"]), json!(["tj"]))
        ]})
        .to_string(),
    )
    .unwrap();
    let topics: Vec<String> = ["trafficking", "consular", "emergency"]
        .map(String::from)
        .to_vec();
    let ids = |list: Vec<&screening_core::contacts::Contact>| {
        list.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
    };
    let (first, rest) = dir.for_result(std::slice::from_ref(&topics), "tj");
    assert_eq!(ids(first), ["ngo_tj", "iom", "ngo2_tj"]);
    assert_eq!(ids(rest), ["police"]);
    let (first, rest) = dir.for_result(std::slice::from_ref(&topics), "ru");
    assert_eq!(ids(first), ["ngo_ru", "iom", "embassy"]);
    assert!(rest.is_empty());
    let (first, _) = dir.for_result(std::slice::from_ref(&topics), "other");
    assert_eq!(ids(first), ["iom"]);
    // The low band's labour-rights topic has nobody in this directory, anywhere.
    let gaps = coverage_gaps(&def(&v2()), &dir);
    assert!(gaps.contains(&("$.scales[0].bands[0]".to_owned(), "tj")));
    assert!(!gaps.iter().any(|(b, _)| b == "$.scales[0].bands[2]"));
}

#[test]
fn validation_explains_each_new_rule_by_path() {
    let mut v = v2();
    v["scales"][0]["bands"][2]["contact_topics"] = json!(["trafficing"]);
    has(
        &errors(&v),
        "$.scales[0].bands[2].contact_topics[0]",
        Kind::Reference,
    );

    let mut v = v2();
    v["scales"][0]["unknowns_up_to"] = json!("high");
    has(&errors(&v), "$.scales[0].unknowns_up_to", Kind::Order);

    let mut v = v2();
    v["scales"][0]["rules"][0]["when"]["at_least"]["count"] = json!(4);
    has(
        &errors(&v),
        "$.scales[0].rules[0].when.at_least.count",
        Kind::Rule,
    );

    let mut v = v2();
    v["scales"][0]["rules"][0]["when"]["at_least"]["of"][0]["answer"]["in"] = json!(["dont_know"]);
    has(
        &errors(&v),
        "$.scales[0].rules[0].when.at_least.of[0].answer.in",
        Kind::Rule,
    );

    let mut v = v2();
    v["scales"][0]["rules"][0]["band"] = json!("severe");
    has(&errors(&v), "$.scales[0].rules[0].band", Kind::Reference);

    let mut v = v2();
    v["questions"][1]["sensitive"] = json!(true);
    v["questions"][2]["show_if"] = json!({"answer": {"question": "watched", "in": ["yes"]}});
    has(
        &errors(&v),
        "$.questions[2].show_if.answer.question",
        Kind::Rule,
    );

    let mut v = v2();
    v["questions"][1]["options"][0]["id"] = json!("skipped");
    has(&errors(&v), "$.questions[1].options[0].id", Kind::Reserved);

    let mut v = v2();
    v["place"]["default"] = json!("mars");
    has(&errors(&v), "$.place.default", Kind::Reference);

    let mut v = v2();
    v["place"]["question"] = json!("watched");
    has(&errors(&v), "$.place.question", Kind::Reference);

    let mut v = v2();
    v["scales"][0]["bands"][0]["steps"][1]["show_if"]["answer"]["question"] = json!("nowhere");
    has(
        &errors(&v),
        "$.scales[0].bands[0].steps[1].show_if.answer.question",
        Kind::Reference,
    );

    let mut v = v2();
    v["scales"][0]["bands"][1]["steps"] =
        json!([{"text": t("x"), "show_if": {"answer": {"question": "where", "in": ["ru"]}}}]);
    has(&errors(&v), "$.scales[0].bands[1].steps", Kind::Rule);

    let mut v = v2();
    v["scales"][0]["unanswered"] = json!({"title": t("x")});
    has(&errors(&v), "$.scales[0].unanswered", Kind::MissingField);
}

#[test]
fn the_documented_example_still_reads_without_the_new_fields() {
    let v = example_value();
    assert!(v.get("place").is_none());
    let d = def(&v);
    assert_eq!(d.place(&Answers::default()), "tj");
}
