//! One test per validation rule: each mutates the documented example to break one rule and
//! checks the error names the right JSON path with a useful message.

mod common;

use common::{example_json, example_value};
use screening_core::parse_definition;
use serde_json::{Value, json};

/// Applies `change` to the example and returns its errors as "path: message" lines.
fn errors_after(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut value = example_value();
    change(&mut value);
    match parse_definition(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[track_caller]
fn assert_error(errors: &[String], path: &str, words: &str) {
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{path}: ")) && e.contains(words)),
        "expected an error at {path} containing {words:?}, got {errors:#?}"
    );
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
    assert_error(&errors, "$.questions[0].optoins", "unknown field `optoins`");
    assert_error(&errors, "$.questions[1].text", "invalid type");
    assert_error(
        &errors,
        "$.scales[0].bands[0].colour",
        "unknown field `colour`",
    );
}

#[test]
fn unsupported_schema() {
    assert_error(
        &errors_after(|v| v["schema"] = json!(2)),
        "$.schema",
        "not supported",
    );
}

#[test]
fn locale_keys_must_be_known_and_offered() {
    let errors = errors_after(|v| {
        v["title"]["de"] = json!("Jobangebot");
        v["intro"]["tg"] = json!("Чанд савол");
    });
    assert_error(&errors, "$.title.de", "is not a locale");
    assert_error(&errors, "$.intro.tg", "does not offer \"tg\"");
}

#[test]
fn missing_and_empty_translations() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][1]["reason"]
            .as_object_mut()
            .unwrap()
            .remove("ru");
        v["scales"][0]["bands"][1]["steps"][0]["en"] = json!("  ");
    });
    assert_error(
        &errors,
        "$.questions[0].options[1].reason",
        "missing the \"ru\" translation",
    );
    assert_error(&errors, "$.scales[0].bands[1].steps[0].en", "is empty");
}

#[test]
fn ids_must_be_well_formed_and_unique() {
    let errors = errors_after(|v| {
        v["id"] = json!("Job Offer");
        v["questions"][1]["id"] = json!("fee");
        v["questions"][0]["options"][1]["id"] = json!("no");
    });
    assert_error(&errors, "$.id", "must start with a-z");
    assert_error(
        &errors,
        "$.questions[1].id",
        "already used by $.questions[0]",
    );
    assert_error(&errors, "$.questions[0].options[1].id", "used twice");
}

#[test]
fn dont_know_is_reserved() {
    let errors = errors_after(|v| v["questions"][0]["options"][0]["id"] = json!("dont_know"));
    assert_error(&errors, "$.questions[0].options[0].id", "reserved");
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
        "no scale \"risc\"",
    );
    assert_error(
        &errors,
        "$.questions[1].options[1].red_flag.risk",
        "no band \"severe\"",
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
    assert_error(
        &errors,
        "$.questions[0].options[1].reason",
        "needs a reason",
    );
    assert_error(
        &errors,
        "$.questions[0].options[0].reason",
        "never be shown",
    );
}

#[test]
fn dont_know_weights_need_it_offered_and_a_reason() {
    let errors = errors_after(|v| v["questions"][1]["dont_know"]["offered"] = json!(false));
    assert_error(&errors, "$.questions[1].dont_know", "not offered");
    let errors = errors_after(|v| {
        v["questions"][1]["dont_know"]
            .as_object_mut()
            .unwrap()
            .remove("reason");
    });
    assert_error(&errors, "$.questions[1].dont_know.reason", "needs a reason");
}

#[test]
fn question_shape_rules() {
    let errors = errors_after(|v| {
        v["questions"][0]["options"][0]["exclusive"] = json!(true);
        v["questions"][1]["report"] = json!(false);
        v["questions"][0]["options"] = json!([v["questions"][0]["options"][0].clone()]);
    });
    assert_error(&errors, "$.questions[0].options", "at least two options");
    assert_error(
        &errors,
        "$.questions[0].options[0].exclusive",
        "multi-select",
    );
    assert_error(
        &errors,
        "$.questions[1].sensitive",
        "must also be reportable",
    );
    let errors = errors_after(|v| v["questions"][1]["type"] = json!("multi"));
    assert_error(&errors, "$.questions[1].sensitive", "single-choice");
}

#[test]
fn indicators_need_a_name_and_a_source() {
    let errors = errors_after(|v| {
        v["questions"][0]["indicator"] = json!({"source": " "});
    });
    assert_error(&errors, "$.questions[0].indicator", "names no indicator");
    assert_error(&errors, "$.questions[0].indicator.source", "public source");
    let errors = errors_after(|v| v["questions"][0]["indicator"]["ilo"] = json!("slavery"));
    assert_error(
        &errors,
        "$.questions[0].indicator.ilo",
        "unknown variant `slavery`",
    );
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
        "no question \"nope\"",
    );
    assert_error(
        &errors,
        "$.questions[1].show_if.any[1].answer.in[0]",
        "has no answer \"maybe\"",
    );
    assert_error(&errors, "$.questions[1].show_if.any[2].all", "empty list");
    let errors = errors_after(|v| {
        v["questions"][0]["show_if"] = json!({"answer": {"question": "passport", "in": ["me"]}});
    });
    assert_error(
        &errors,
        "$.questions[0].show_if.answer.question",
        "comes later",
    );
    assert_error(&errors, "$.questions[0].show_if", "cycle: fee -> passport");
}

#[test]
fn a_question_depending_on_itself_is_a_cycle() {
    let errors = errors_after(|v| {
        v["questions"][0]["show_if"] =
            json!({"not": {"answer": {"question": "fee", "in": ["no"]}}});
    });
    assert_error(&errors, "$.questions[0].show_if", "cycle: fee -> fee");
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
    assert_error(&errors, "$.scales[0].bands[0].min", "must start at 0");
    assert_error(&errors, "$.scales[0].bands[1].min", "out of order");
    assert_error(&errors, "$.scales[0].bands[1].level", "less serious");
    assert_error(
        &errors,
        "$.scales[0].bands[1].steps",
        "at least one next step",
    );
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
    assert_error(&errors, "$.scales[0].bands[1].min", "unreachable");
    // A red flag makes the band reachable again.
    assert!(errors_after(|v| v["scales"][0]["bands"][1]["min"] = json!(50)).is_empty());
    let errors = errors_after(|v| {
        let mut scale = v["scales"][0].clone();
        scale["id"] = json!("tb");
        v["scales"].as_array_mut().unwrap().push(scale);
    });
    assert_error(&errors, "$.scales[1]", "no answer raises scale \"tb\"");
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
