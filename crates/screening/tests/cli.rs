//! `screening check` and `screening score` as a partner runs them: exit codes, every error with
//! its path, results as JSON, and no panic on bad files.

mod common;

use common::{BIN, temp_dir};
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const JOB_OFFER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../questionnaires/job-offer.json"
);
const RETURNEE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../questionnaires/returnee.json"
);
const CONTACTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../questionnaires/contacts.json"
);

#[test]
fn the_built_in_files_are_valid() {
    for file in [JOB_OFFER, RETURNEE] {
        let (code, out, err) = run(&["check", file]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("valid"));
    }
    assert_eq!(run(&["check", "--contacts", CONTACTS]).0, 0);
    // The interface strings: review coverage per locale (it was refused as "not valid JSON").
    let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/src/ui.rs");
    let (code, out, err) = run(&["check", ui]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("tg: 0 reviewed, 75 draft, 0 missing (of 75)"),
        "{out}"
    );
}

#[test]
fn invalid_and_unreadable_files_get_exit_codes_not_panics() {
    let dir = temp_dir("cli");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"schema": 1, "id": "Bad Id", "questions": [{"id": "a", "typo": 1}, {"id": "b", "text": 5}]}"#).unwrap();
    let (code, _, err) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("$.questions[0].typo: unknown field `typo`"),
        "{err}"
    );
    assert!(err.contains("$.questions[1].text"), "{err}");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).unwrap();
    assert_eq!(
        run(&["check", bad.to_str().unwrap()]).0,
        2,
        "not UTF-8: unreadable"
    );
    assert_eq!(run(&["check", "/nonexistent/definition.json"]).0, 2);
    let (code, _, err) = run(&["check", "--contacts", JOB_OFFER]);
    assert_eq!(code, 1, "a questionnaire is not a contact directory: {err}");
}

#[test]
fn score_prints_bands_scores_and_reasons_as_json() {
    let (code, out, err) = run(&[
        "score",
        RETURNEE,
        "--answers",
        r#"{"documents": "not_returned", "night_sweats": "yes"}"#,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let scale = |id: &str| {
        v["scales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["scale"] == id)
            .unwrap()
            .clone()
    };
    // Content v3: a passport kept and not given back sets the highest band by itself, as the
    // job offer's planned retention does (content review v2, N9). Nothing about working
    // conditions was answered.
    assert_eq!(scale("coercion")["band"], "high");
    assert_eq!(scale("coercion")["red_flags"][0]["question"], "documents");
    assert_eq!(scale("coercion")["reasons"][0]["question"], "documents");
    assert_eq!(scale("conditions")["band"], "none");
    assert_eq!(scale("conditions")["unanswered"], true);
    assert_eq!(scale("tb")["band"], "get_tested");
    assert_eq!(
        scale("tb")["reasons"][0]["indicator"]["w4ss"],
        "night_sweats"
    );
    // Surveillance and confinement together reach the highest band by a combination rule.
    let (code, out, err) = run(&[
        "score",
        RETURNEE,
        "--answers",
        r#"{"contact": "watched", "free_to_leave": "permission"}"#,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let coercion = v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == "coercion")
        .unwrap()
        .clone();
    assert_eq!(coercion["band"], "high");
    assert_eq!(coercion["rules"], serde_json::json!([0]));
    let (code, _, err) = run(&["score", RETURNEE, "--answers", r#"{"documents": "burned"}"#]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\"burned\" is not one of its answers"),
        "{err}"
    );
    let (code, _, _) = run(&["score", RETURNEE, "--answers", "not json"]);
    assert_eq!(code, 2, "a missing answers file is unreadable");
    assert_eq!(run(&["score", RETURNEE, "--answers", "{broken"]).0, 1);
}
