//! Assisted mode's worked cases (`questionnaires/cases/assisted-returnee.json`): for the answers
//! of a self-check worked case and the observations a caseworker ticked, every dimension's
//! status, the summary's status, the unknowns where they matter, and the bands of the
//! self-check case (the same answers give the same bands). Also what validation refuses.

mod common;

use common::{builtin, repo};
use screening_core::Answers;
use screening_core::assisted::{Reading, Status, Summary};
use screening_core::validate::parse_definition;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    questionnaire: String,
    #[allow(dead_code)]
    about: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    /// The self-check worked case whose answers (and expected bands) this takes.
    answers_of: String,
    observed: Vec<String>,
    #[allow(dead_code)]
    situation: String,
    expect: Expect,
    #[allow(dead_code)]
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: String,
    dimensions: BTreeMap<String, String>,
    #[serde(default)]
    unknowns: Option<BTreeMap<String, u32>>,
    #[serde(default)]
    noted: Option<Vec<String>>,
    tb_observed: bool,
}

#[derive(Deserialize)]
struct SelfCheckFile {
    cases: Vec<SelfCheckCase>,
}

#[derive(Deserialize)]
struct SelfCheckCase {
    id: String,
    answers: Answers,
    expect: BTreeMap<String, String>,
}

fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn read<T: serde::de::DeserializeOwned>(path: &str) -> T {
    let path = repo().join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_assisted_case_gives_the_expected_summary_and_the_self_check_bands() {
    let file: CaseFile = read("questionnaires/cases/assisted-returnee.json");
    let d = builtin(&file.questionnaire);
    let self_check: SelfCheckFile =
        read(&format!("questionnaires/cases/{}.json", file.questionnaire));
    assert!(file.cases.len() >= 12, "at least 12 worked cases");
    let mut failures = Vec::new();
    for case in &file.cases {
        let of = self_check
            .cases
            .iter()
            .find(|c| c.id == case.answers_of)
            .unwrap_or_else(|| panic!("{}: no self-check case {}", case.id, case.answers_of));
        let observed: Vec<&str> = case.observed.iter().map(String::as_str).collect();
        let summary: Summary = d
            .assisted_summary(&of.answers, &observed)
            .expect("returnee has an assisted section");
        let mut got = BTreeMap::new();
        for dim in &summary.dimensions {
            got.insert(name(&dim.dimension), name(&dim.status));
        }
        if got != case.expect.dimensions {
            failures.push(format!(
                "{}: dimensions {got:?}, expected {:?}",
                case.id, case.expect.dimensions
            ));
        }
        if name(&summary.status) != case.expect.status {
            failures.push(format!(
                "{}: status {}, expected {}",
                case.id,
                name(&summary.status),
                case.expect.status
            ));
        }
        if let Some(unknowns) = &case.expect.unknowns {
            let got: BTreeMap<String, u32> = summary
                .dimensions
                .iter()
                .map(|d| (name(&d.dimension), d.unknowns))
                .collect();
            if &got != unknowns {
                failures.push(format!(
                    "{}: unknowns {got:?}, expected {unknowns:?}",
                    case.id
                ));
            }
        }
        if let Some(noted) = &case.expect.noted
            && &summary.noted != noted
        {
            failures.push(format!(
                "{}: noted {:?}, expected {noted:?}",
                case.id, summary.noted
            ));
        }
        if summary.tb_observed != case.expect.tb_observed {
            failures.push(format!("{}: tb_observed {}", case.id, summary.tb_observed));
        }
        // The same answers give the same bands as the self-check.
        let outcome = d.score(&of.answers).expect("the case's answers fit");
        let bands: BTreeMap<String, String> = outcome
            .scales
            .iter()
            .map(|s| (s.scale.clone(), s.band.clone()))
            .collect();
        if bands != of.expect {
            failures.push(format!(
                "{}: bands {bands:?}, expected {:?}",
                case.id, of.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_summary_without_grounds_never_reads_none() {
    // Whatever the answers, the only statuses are grounds to refer and not enough information.
    let d = builtin("returnee");
    let none = Answers::default();
    let summary = d.assisted_summary(&none, &[]).expect("assisted section");
    assert_eq!(summary.status, Status::NotEnoughInformation);
    assert_eq!(summary.dimensions.len(), 6);
    for dim in &summary.dimensions {
        assert_eq!(
            dim.unknowns, dim.asked,
            "{:?}: every question asked is unknown",
            dim.dimension
        );
    }
    let json = serde_json::to_string(&summary).unwrap();
    assert!(!json.contains("\"none\""), "{json}");
    // Read on the screen and the sheet: nothing answered is "no answers yet" (or "not asked"),
    // never "no sign in the answers given".
    for dim in &summary.dimensions {
        assert!(
            matches!(dim.reading(), Reading::NoAnswers | Reading::NotAsked),
            "{:?} reads {:?}",
            dim.dimension,
            dim.reading()
        );
    }
    // The same with "I don't know" wherever it is offered.
    let dont_know: Answers = d
        .questions()
        .iter()
        .filter(|q| q.dont_know.offered)
        .map(|q| {
            (
                q.id.clone(),
                screening_core::Answer::One("dont_know".into()),
            )
        })
        .collect();
    let summary = d.assisted_summary(&dont_know, &[]).unwrap();
    for dim in &summary.dimensions {
        assert_ne!(
            dim.reading(),
            Reading::NoSignInAnswers,
            "{:?}",
            dim.dimension
        );
    }
}

#[test]
fn a_questionnaire_without_an_assisted_section_has_no_summary() {
    let d = builtin("job-offer");
    assert!(d.assisted_summary(&Answers::default(), &[]).is_none());
}

#[test]
fn validation_explains_a_broken_assisted_section_with_its_path() {
    let mut json: serde_json::Value = read("questionnaires/returnee.json");
    let a = &mut json["assisted"];
    a["evidence"][0]["question"] = "no_such_question".into();
    a["evidence"][1]["options"] = serde_json::json!(["no_such_option"]);
    a["evidence"][2]["source"] = " ".into();
    // The same indicator with another strength in its dimension.
    a["evidence"][3]["strength"] = "medium".into();
    a["evidence"][4]["options"] = serde_json::json!(["dont_know"]);
    a["observations"][1]["id"] = a["observations"][0]["id"].clone();
    a["observations"][2]["text"]
        .as_object_mut()
        .unwrap()
        .remove("tg");
    let errors = parse_definition(&json.to_string()).expect_err("invalid");
    let text: Vec<String> = errors
        .iter()
        .map(|e| format!("{} {}", e.path, e.message))
        .collect();
    let all = text.join("\n");
    for expected in [
        "$.assisted.evidence[0].question there is no question \"no_such_question\"",
        "$.assisted.evidence[1].options[0] question \"job_as_promised\" has no option \"no_such_option\"",
        "$.assisted.evidence[2].source every claim about an indicator needs its public source",
        "$.assisted.evidence[3].strength indicator \"excessive_working_days_or_hours\" has another strength",
        "$.assisted.evidence[4].options[0] \"I don't know\" is evidence of nothing",
        "$.assisted.observations[1].id observation id \"accompanied\" is already used",
        "$.assisted.observations[2].text missing the \"tg\" translation",
    ] {
        assert!(all.contains(expected), "missing: {expected}\nin:\n{all}");
    }
    // An unknown field is an error too.
    let mut json: serde_json::Value = read("questionnaires/returnee.json");
    json["assisted"]["evidence"][0]["weight"] = 1.into();
    let errors = parse_definition(&json.to_string()).expect_err("invalid");
    assert!(
        errors
            .iter()
            .any(|e| e.path == "$.assisted.evidence[0].weight"),
        "{errors:?}"
    );
}

#[test]
fn the_tb_slip_is_offered_for_tb_answers_or_a_tb_observation_only() {
    use screening_core::assisted::session::{tb_bands, tb_slip_due};
    let d = builtin("returnee");
    let nothing = Answers::default();
    assert!(!tb_slip_due(&d, &nothing, &[]));
    // An observation that is evidence of trafficking, not of TB: no slip.
    assert!(!tb_slip_due(&d, &nothing, &["injuries"]));
    assert!(tb_slip_due(&d, &nothing, &["cough"]));
    // TB signs answered: the TB scale leaves its first band.
    let signs: Answers =
        serde_json::from_str(r#"{"cough": "yes", "fever": "yes", "night_sweats": "yes"}"#).unwrap();
    assert!(!tb_bands(&d, &signs).is_empty());
    assert!(tb_slip_due(&d, &signs, &[]));
    // What the slip says about the answers is a TB scale's band, nothing else.
    for (scale, _) in tb_bands(&d, &signs) {
        assert_eq!(scale.id, "tb");
    }
}

#[test]
fn each_dimension_belongs_to_one_element_of_the_trafficking_definition() {
    use screening_core::assisted::{DIMENSIONS, ELEMENTS, Element};
    for e in ELEMENTS {
        assert!(
            DIMENSIONS.iter().any(|d| d.element() == e),
            "{e:?} has no dimension"
        );
    }
    let purpose = DIMENSIONS
        .iter()
        .filter(|d| d.element() == Element::Purpose)
        .count();
    assert_eq!(purpose, 1, "exploitative conditions of work only");
}

#[test]
fn the_place_asked_with_safety_counts_as_the_place_question_answer() {
    use screening_core::Answer;
    use screening_core::flow::Flow;
    let d = builtin("returnee");
    let mut f = Flow::new();
    f.preset(&d, "where_now", Some(Answer::One("ru".into())));
    assert_eq!(d.place(f.answers()), "ru");
    // An unknown question changes nothing; None clears.
    f.preset(&d, "no_such_question", Some(Answer::One("x".into())));
    assert_eq!(f.answers().len(), 1);
    f.preset(&d, "where_now", None);
    assert!(f.answers().is_empty());
}

#[test]
fn each_destination_lists_the_services_of_its_own_topic() {
    use screening_core::assisted::session::{DESTINATIONS, Destination};
    let mut topics: Vec<&str> = DESTINATIONS.iter().map(|d| d.topic()).collect();
    for t in &topics {
        assert!(screening_core::contacts::TOPICS.contains(t), "{t}");
    }
    topics.sort();
    topics.dedup();
    assert_eq!(topics.len(), DESTINATIONS.len());
    assert_eq!(Destination::Medical.topic(), "health");
}
