//! Shared helpers of the core's integration tests.
#![allow(dead_code)]

use screening_core::{Answer, Answers, Definition, parse_definition};
use serde_json::Value;
use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The complete example in README.md ("Definition format"), so the documentation stays true.
pub fn example_json() -> String {
    let doc = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = doc
        .find("### Definition format")
        .expect("README has the format section");
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
