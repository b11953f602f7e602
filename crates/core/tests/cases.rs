//! The worked cases: situations written from the indicator literature, with the result a
//! careful caseworker would expect, in `questionnaires/cases/<id>.json`. Every case must score
//! as expected, and `docs/validation.md` must show the table as it is now: a reviewer adds a
//! case to the data file, runs `UPDATE_VALIDATION=1 cargo test -p screening-core --test cases`,
//! and commits both.

mod common;

use common::{builtin, repo};
use screening_core::Answers;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    questionnaire: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    situation: String,
    answers: Answers,
    expect: BTreeMap<String, String>,
    why: String,
    #[serde(default)]
    expect_unanswered: Vec<String>,
    /// The scales in the order the result shows them (most urgent first), when it matters.
    #[serde(default)]
    expect_order: Option<Vec<String>>,
    /// The contacts of the "If you are not safe now" block (empty: no block), when it matters.
    #[serde(default)]
    expect_urgent: Option<Vec<String>>,
    /// The contacts listed first (before "More contacts"), when it matters.
    #[serde(default)]
    expect_first_contacts: Option<Vec<String>>,
}

/// Scores every case; returns the Markdown table and the failures.
fn run(file: &CaseFile) -> (String, Vec<String>) {
    let d = builtin(&file.questionnaire);
    let dir = common::builtin_contacts();
    let mut failures = Vec::new();
    let mut table = format!(
        "## {} (version {})\n\n{} cases.\n\n| case | situation | answers | expected | why | actual |\n|---|---|---|---|---|---|\n",
        file.questionnaire,
        d.version(),
        file.cases.len()
    );
    for case in &file.cases {
        let actual = match d.score(&case.answers) {
            Ok(outcome) => outcome,
            Err(errors) => {
                failures.push(format!("{}: answers do not fit: {errors:?}", case.id));
                continue;
            }
        };
        let mut got = Vec::new();
        for s in &actual.scales {
            let mut shown = s.band.clone();
            if s.unanswered {
                shown.push_str(" (unanswered)");
            }
            got.push(format!("{}: {shown}", s.scale));
            match case.expect.get(&s.scale) {
                Some(band) if *band == s.band => {}
                Some(band) => failures.push(format!(
                    "{}: {} is {}, expected {band}",
                    case.id, s.scale, s.band
                )),
                None => failures.push(format!("{}: no expected band for {}", case.id, s.scale)),
            }
            if s.unanswered != case.expect_unanswered.contains(&s.scale) {
                failures.push(format!(
                    "{}: {} unanswered is {}, expected {}",
                    case.id, s.scale, s.unanswered, !s.unanswered
                ));
            }
        }
        for scale in case.expect.keys() {
            if actual.scale(scale).is_none() {
                failures.push(format!("{}: there is no scale {scale}", case.id));
            }
        }
        // What the result shows first: order, urgent numbers and the first contacts, where the
        // answers say the person is.
        let place = d.place(&case.answers);
        let order: Vec<String> = actual
            .by_urgency(&d)
            .iter()
            .map(|o| o.scale.clone())
            .collect();
        let urgent: Vec<String> = actual
            .urgent(&d, &case.answers)
            .map(|u| {
                dir.urgent_numbers(&u.topics, place)
                    .iter()
                    .map(|(c, _)| c.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let first: Vec<String> = dir
            .for_result(&actual.contact_groups(&d), place)
            .0
            .iter()
            .map(|c| c.id.clone())
            .collect();
        for (what, want, have) in [
            ("order", &case.expect_order, &order),
            ("urgent numbers", &case.expect_urgent, &urgent),
            ("first contacts", &case.expect_first_contacts, &first),
        ] {
            if let Some(want) = want
                && want != have
            {
                failures.push(format!("{}: {what} {have:?}, expected {want:?}", case.id));
            }
        }
        if order.len() > 1 {
            got.push(format!("order: {}", order.join(" > ")));
        }
        if !urgent.is_empty() {
            got.push(format!("call now ({place}): {}", urgent.join(", ")));
        }
        got.push(format!("first contacts ({place}): {}", first.join(", ")));
        let answers = serde_json::to_string(&case.answers).unwrap();
        let expected: Vec<String> = case
            .expect
            .iter()
            .map(|(scale, band)| {
                if case.expect_unanswered.contains(scale) {
                    format!("{scale}: {band} (unanswered)")
                } else {
                    format!("{scale}: {band}")
                }
            })
            .collect();
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        writeln!(
            table,
            "| `{}` | {} | `{}` | {} | {} | {} |",
            case.id,
            cell(&case.situation),
            cell(&answers),
            expected.join("<br>"),
            cell(&case.why),
            got.join("<br>"),
        )
        .unwrap();
    }
    (table, failures)
}

#[test]
fn every_worked_case_scores_as_a_caseworker_expects_and_the_table_is_current() {
    let mut doc = String::from(
        "# Worked cases\n\nGenerated from `questionnaires/cases/*.json` by `crates/core/tests/cases.rs` \
         (`UPDATE_VALIDATION=1 cargo test -p screening-core --test cases`); the test fails when \
         a case scores otherwise or this page is out of date. Each case was written from the \
         indicator literature before weights were tuned: the situation, the answers given \
         (question id to answer id), the band a careful caseworker would expect and why, and the \
         engine's actual result. \"(unanswered)\" marks a scale for which nothing bearing on it \
         was really answered: the result then never reads as \"no signs\".\n\n",
    );
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for id in screening_core::settings::BUILT_IN {
        let path = repo().join(format!("questionnaires/cases/{id}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: CaseFile =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(file.questionnaire, id);
        let (table, failed) = run(&file);
        counts.push((id, file.cases.len()));
        doc.push_str(&table);
        doc.push('\n');
        failures.extend(failed);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (id, n) in counts {
        assert!(n >= 30, "{id} has only {n} worked cases (at least 30)");
    }
    let page = repo().join("docs/validation.md");
    if std::env::var_os("UPDATE_VALIDATION").is_some() {
        std::fs::write(&page, &doc).unwrap();
    }
    let current = std::fs::read_to_string(&page).unwrap_or_default();
    assert!(
        current == doc,
        "docs/validation.md is out of date: run UPDATE_VALIDATION=1 cargo test -p screening-core --test cases"
    );
}
