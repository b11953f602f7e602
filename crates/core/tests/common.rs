//! Shared helpers of the core's integration tests.
#![allow(dead_code)]

use screening_core::{Answer, Answers, Definition, parse_definition};
use serde_json::Value;
use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The complete example in docs/questionnaires.md ("Definition format"), so the documentation stays true.
pub fn example_json() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/questionnaires.md")).unwrap();
    let section = doc
        .find("## Definition format")
        .expect("docs/questionnaires.md has the format section");
    let start = section
        + doc[section..]
            .find("```json\n")
            .expect("with a JSON example")
        + 8;
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_owned()
}

pub fn example_value() -> Value {
    serde_json::from_str(&example_json()).unwrap()
}

pub fn example() -> Definition {
    parse_definition(&example_json()).expect("the documented example is valid")
}

/// The built-in contact directory.
pub fn builtin_contacts() -> screening_core::contacts::Directory {
    let path = repo().join("questionnaires/contacts.json");
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    screening_core::contacts::parse_directory(&json).expect("the built-in contacts are valid")
}

/// The built-in questionnaires, by id.
pub fn builtin(id: &str) -> Definition {
    let path = repo().join(format!("questionnaires/{id}.json"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_definition(&json).unwrap_or_else(|errors| {
        panic!(
            "{id} is invalid:\n{}",
            screening_core::validate::report(&errors)
        )
    })
}

pub fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, a)| (q.to_string(), Answer::One(a.to_string())))
        .collect()
}

/// The example with its first question ("fee") made multi-select: options `no` (exclusive),
/// `yes` and `ticket` (2 points each).
pub fn multi_select_example() -> Definition {
    let mut v = example_value();
    v["questions"][0]["type"] = "multi".into();
    let mut ticket = v["questions"][0]["options"][1].clone();
    ticket["id"] = "ticket".into();
    v["questions"][0]["options"]
        .as_array_mut()
        .unwrap()
        .push(ticket);
    v["questions"][0]["options"][0]["exclusive"] = true.into();
    parse_definition(&v.to_string()).unwrap()
}

/// Text in English only, for test fixtures.
pub fn en(s: &str) -> Value {
    serde_json::json!({ "en": s })
}

/// A single-choice fixture question: options `(id, scale, weight)`, each raising option with a
/// reason.
pub fn fixture_question(
    id: &str,
    opts: &[(&str, &str, u32)],
    report: bool,
    sensitive: bool,
) -> Value {
    let options: Vec<Value> = opts
        .iter()
        .map(|(o, scale, w)| {
            if *w > 0 {
                serde_json::json!({"id": o, "text": en(o), "weights": {*scale: w}, "reason": en("r")})
            } else {
                serde_json::json!({"id": o, "text": en(o)})
            }
        })
        .collect();
    serde_json::json!({"id": id, "type": "single", "text": en(id),
        "indicator": {"other": "x", "source": "s"}, "options": options,
        "report": report, "sensitive": sensitive})
}

/// A fixture band with one step and the labour-rights contacts.
pub fn fixture_band(id: &str, min: u32, level: &str) -> Value {
    serde_json::json!({"id": id, "min": min, "level": level, "title": en(id), "advice": en("a"),
        "steps": [en("s")], "contact_topics": ["labour_rights"]})
}

/// A definition for privacy tests, independent of the built-in content: `work` (plain,
/// reportable) raises the plain scale `conditions`; `hit` (sensitive, 3 answers + "I don't
/// know") raises the sensitive scale `harm` (3 bands) together with `locked` (plain,
/// reportable); `note` is not reportable; `costs` is a reportable multi-select question.
pub fn privacy_fixture() -> Definition {
    let t = en;
    let q = fixture_question;
    let band = fixture_band;
    let mut costs = q(
        "costs",
        &[
            ("none", "conditions", 0),
            ("visa", "conditions", 1),
            ("ticket", "conditions", 1),
        ],
        true,
        false,
    );
    costs["type"] = "multi".into();
    costs["options"][0]["exclusive"] = true.into();
    let v = serde_json::json!({
        "schema": 1, "id": "fixture", "version": 1, "locales": {"en": "draft"},
        "title": t("T"), "intro": t("I"), "minutes": 2, "disclaimer": t("D"),
        "questions": [
            q("work", &[("ok", "conditions", 0), ("long", "conditions", 2)], true, false),
            q("locked", &[("no", "harm", 0), ("yes", "harm", 1)], true, false),
            q("hit", &[("no", "harm", 0), ("once", "harm", 1), ("often", "harm", 3)], true, true),
            q("note", &[("a", "conditions", 0), ("b", "conditions", 1)], false, false),
            costs
        ],
        "scales": [
            {"id": "conditions", "title": t("C"), "bands": [band("none", 0, "ok"), band("some", 2, "caution")]},
            {"id": "harm", "title": t("H"), "bands": [band("low", 0, "ok"), band("medium", 1, "caution"), band("high", 3, "danger")]}
        ]
    });
    parse_definition(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// A random answer set for `d`: each question skipped or answered at random (one option for
/// multi-select), then pruned to what the flow would keep.
pub fn random_answers(d: &Definition, picks: &[u32]) -> Answers {
    let mut given = Answers::default();
    for (q, s) in d.questions().iter().zip(picks.iter().cycle()) {
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
    d.prune(&given)
}
