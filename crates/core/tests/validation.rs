//! One test per validation rule: each mutates the documented example to break one rule and
//! checks the error names the right JSON path with a useful message.

mod common;

use common::{example_json, example_value};
use screening_core::error::{Error, Kind};
use screening_core::parse_definition;
use serde_json::{Value, json};

/// Applies `change` to the example and returns its errors.
fn errors_after(change: impl FnOnce(&mut Value)) -> Vec<Error> {
    let mut value = example_value();
    change(&mut value);
    parse_definition(&value.to_string())
        .err()
        .unwrap_or_default()
}

/// Tests match the kind and the path, not the wording (which is for people and may improve).
#[track_caller]
fn assert_error(errors: &[Error], path: &str, kind: Kind) {
    assert!(
        errors.iter().any(|e| e.path == path && e.kind == kind),
        "expected a {kind:?} error at {path}, got {errors:#?}"
    );
    let e = errors.iter().find(|e| e.path == path).unwrap();
    assert!(!e.message.trim().is_empty());
}

#[test]
fn the_documented_example_is_valid() {
    parse_definition(&example_json()).unwrap();
}

#[test]
fn malformed_json_names_line_and_column() {
    let errors = parse_definition("{\n  \"schema\": 1,\n  oops\n}").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "$");
    assert!(errors[0].message.contains("line 3"), "{}", errors[0]);
}

#[test]
fn unknown_fields_are_errors_everywhere_at_once() {
    let errors = errors_after(|v| {
        v["questions"][0]["optoins"] = json!([]);
        v["questions"][1]["text"] = json!(5);
        v["scales"][0]["bands"][0]["colour"] = json!("green");
    });
    assert_error(&errors, "$.questions[0].optoins", Kind::UnknownField);
    assert_error(&errors, "$.questions[1].text", Kind::WrongType);
    assert_error(&errors, "$.scales[0].bands[0].colour", Kind::UnknownField);
}

#[test]
fn unsupported_schema() {
    assert_error(
        &errors_after(|v| v["schema"] = json!(3)),
        "$.schema",
        Kind::Unsupported,
    );
}

/// Schema 2 names every step, rule and paragraph of advice in a list, uniquely in its list;
/// schema 1 files still read without.
#[test]
fn schema_2_needs_an_id_on_every_step_unique_in_its_list() {
    assert_eq!(
        example_value()["schema"],
        2,
        "the documented example is schema 2"
    );
    let steps = "$.scales[0].bands[0].steps";
    let errors = errors_after(|v| {
        v["scales"][0]["bands"][0]["steps"][0]
            .as_object_mut()
            .unwrap()
            .remove("id");
    });
    assert_error(&errors, &format!("{steps}[0].id"), Kind::MissingField);
    let errors = errors_after(|v| {
        let step = v["scales"][0]["bands"][0]["steps"][0].clone();
        v["scales"][0]["bands"][0]["steps"] = json!([step.clone(), step]);
    });
    assert_error(&errors, &format!("{steps}[1].id"), Kind::Duplicate);
    let errors =
        errors_after(|v| v["scales"][0]["bands"][0]["steps"][0]["id"] = json!("Keep copies"));
    assert_error(&errors, &format!("{steps}[0].id"), Kind::BadValue);
    // A rule without an id, in schema 2.
    let errors = errors_after(|v| {
        let question = v["questions"][0]["id"].clone();
        let option = v["questions"][0]["options"][0]["id"].clone();
        v["scales"][0]["rules"] = json!([{
            "band": "high",
            "when": {"answer": {"question": question, "in": [option]}},
            "reason": {"en": "r", "ru": "r"}
        }]);
    });
    assert_error(&errors, "$.scales[0].rules[0].id", Kind::MissingField);
    // Schema 1: no ids needed (bare texts as steps).
    let mut v = example_value();
    v["schema"] = json!(1);
    v["scales"][0]["bands"][0]["steps"] = json!([{"en": "a", "ru": "a"}]);
    parse_definition(&v.to_string()).unwrap();
}

#[test]
fn locale_keys_must_be_known_and_offered() {
    let errors = errors_after(|v| {
        v["title"]["de"] = json!("Jobangebot");
        v["intro"]["tg"] = json!("Чанд савол");
    });
    assert_error(&errors, "$.title.de", Kind::Text);
    assert_error(&errors, "$.intro.tg", Kind::Text);
}

#[test]
fn missing_and_empty_translations() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][1]["reason"]
            .as_object_mut()
            .unwrap()
            .remove("ru");
        v["scales"][0]["bands"][1]["steps"][0]["text"]["en"] = json!("  ");
    });
    assert_error(&errors, "$.questions[0].options[1].reason", Kind::Text);
    assert_error(&errors, "$.scales[0].bands[1].steps[0].text.en", Kind::Text);
}

#[test]
fn ids_must_be_well_formed_and_unique() {
    let errors = errors_after(|v| {
        v["id"] = json!("Job Offer");
        v["questions"][1]["id"] = json!("fee");
        v["questions"][0]["options"][1]["id"] = json!("no");
    });
    assert_error(&errors, "$.id", Kind::BadValue);
    assert_error(&errors, "$.questions[1].id", Kind::Duplicate);
    assert_error(&errors, "$.questions[0].options[1].id", Kind::Duplicate);
}

#[test]
fn dont_know_is_reserved() {
    let errors = errors_after(|v| v["questions"][0]["options"][0]["id"] = json!("dont_know"));
    assert_error(&errors, "$.questions[0].options[0].id", Kind::Reserved);
}

#[test]
fn weights_and_red_flags_must_name_real_scales_and_bands() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][1]["weights"] = json!({"risc": 2});
        v["questions"][1]["options"][1]["red_flag"] = json!({"risk": "severe"});
    });
    assert_error(
        &errors,
        "$.questions[0].options[1].weights.risc",
        Kind::Reference,
    );
    assert_error(
        &errors,
        "$.questions[1].options[1].red_flag.risk",
        Kind::Reference,
    );
}

#[test]
fn reasons_exactly_where_an_answer_raises_a_scale() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][1]
            .as_object_mut()
            .unwrap()
            .remove("reason");
        v["questions"][0]["options"][0]["reason"] = json!({"en": "x", "ru": "x"});
    });
    assert_error(&errors, "$.questions[0].options[1].reason", Kind::Rule);
    assert_error(&errors, "$.questions[0].options[0].reason", Kind::Rule);
}

#[test]
fn dont_know_weights_need_it_offered_and_a_reason() {
    let errors = errors_after(|v| v["questions"][1]["dont_know"]["offered"] = json!(false));
    assert_error(&errors, "$.questions[1].dont_know", Kind::Rule);
    let errors = errors_after(|v| {
        v["questions"][1]["dont_know"]
            .as_object_mut()
            .unwrap()
            .remove("reason");
    });
    assert_error(&errors, "$.questions[1].dont_know.reason", Kind::Rule);
}

#[test]
fn question_shape_rules() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][0]["exclusive"] = json!(true);
        v["questions"][1]["report"] = json!(false);
        v["questions"][0]["options"] = json!([v["questions"][0]["options"][0].clone()]);
    });
    assert_error(&errors, "$.questions[0].options", Kind::Rule);
    assert_error(&errors, "$.questions[0].options[0].exclusive", Kind::Rule);
    // A sensitive question that is not reported is fine: its answer is never sent, and the
    // bands it moves are still randomized or withheld (returnee version 4).
    assert!(
        errors.iter().all(|e| e.path != "$.questions[1].sensitive"),
        "{errors:?}"
    );
    let errors = errors_after(|v| v["questions"][1]["type"] = json!("multi"));
    assert_error(&errors, "$.questions[1].sensitive", Kind::Rule);
}

#[test]
fn indicators_need_a_name_and_a_source() {
    let errors = errors_after(|v| {
        v["questions"][0]["indicator"] = json!({"source": " "});
    });
    assert_error(&errors, "$.questions[0].indicator", Kind::Rule);
    assert_error(&errors, "$.questions[0].indicator.source", Kind::Rule);
    let errors = errors_after(|v| v["questions"][0]["indicator"]["ilo"] = json!("slavery"));
    assert_error(&errors, "$.questions[0].indicator.ilo", Kind::WrongType);
}

#[test]
fn conditions_must_refer_to_earlier_questions_and_real_answers() {
    let errors = errors_after(|v| {
        v["questions"][1]["show_if"] = json!({"any": [
            {"answer": {"question": "nope", "in": ["yes"]}},
            {"answer": {"question": "fee", "in": ["maybe"]}},
            {"all": []}
        ]});
    });
    assert_error(
        &errors,
        "$.questions[1].show_if.any[0].answer.question",
        Kind::Reference,
    );
    assert_error(
        &errors,
        "$.questions[1].show_if.any[1].answer.in[0]",
        Kind::Reference,
    );
    assert_error(&errors, "$.questions[1].show_if.any[2].all", Kind::Rule);
    let errors = errors_after(|v| {
        v["questions"][0]["show_if"] = json!({"answer": {"question": "passport", "in": ["me"]}});
    });
    assert_error(
        &errors,
        "$.questions[0].show_if.answer.question",
        Kind::Order,
    );
    assert_error(&errors, "$.questions[0].show_if", Kind::Cycle);
}

#[test]
fn a_question_depending_on_itself_is_a_cycle() {
    let errors = errors_after(|v| {
        v["questions"][0]["show_if"] =
            json!({"not": {"answer": {"question": "fee", "in": ["no"]}}});
    });
    assert_error(&errors, "$.questions[0].show_if", Kind::Cycle);
}

#[test]
fn band_rules() {
    let errors = errors_after(|v| {
        let bands = &mut v["scales"][0]["bands"];
        bands[0]["min"] = json!(1);
        bands[1]["min"] = json!(1);
        bands[1]["level"] = json!("ok");
        bands[0]["level"] = json!("caution");
        bands[1]["steps"] = json!([]);
    });
    assert_error(&errors, "$.scales[0].bands[0].min", Kind::Order);
    assert_error(&errors, "$.scales[0].bands[1].min", Kind::Order);
    assert_error(&errors, "$.scales[0].bands[1].level", Kind::Order);
    assert_error(&errors, "$.scales[0].bands[1].steps", Kind::Rule);
}

#[test]
fn unreachable_bands_and_unraised_scales() {
    let errors = errors_after(|v| {
        v["scales"][0]["bands"][1]["min"] = json!(50);
        v["questions"][1]["options"][1]
            .as_object_mut()
            .unwrap()
            .remove("red_flag");
    });
    assert_error(&errors, "$.scales[0].bands[1].min", Kind::Unreachable);
    // A red flag makes the band reachable again.
    assert!(errors_after(|v| v["scales"][0]["bands"][1]["min"] = json!(50)).is_empty());
    let errors = errors_after(|v| {
        let mut scale = v["scales"][0].clone();
        scale["id"] = json!("tb");
        v["scales"].as_array_mut().unwrap().push(scale);
    });
    assert_error(&errors, "$.scales[1]", Kind::Unreachable);
}

#[test]
fn validation_reports_everything_not_just_the_first() {
    let errors = errors_after(|v| {
        v["id"] = json!("X");
        v["version"] = json!(0);
        v["minutes"] = json!(0);
        v["title"]["de"] = json!("x");
    });
    assert!(errors.len() >= 4, "{errors:#?}");
}
