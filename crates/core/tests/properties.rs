//! Property tests of the engine's promises: a riskier answer never lowers a score, a red flag
//! always yields at least its band, hidden questions never change the result, and no input
//! makes parsing, validation or scoring panic.

mod common;

use common::{builtin, example, example_value, repo};
use proptest::prelude::*;
use screening_core::definition::{DONT_KNOW, QuestionKind};
use screening_core::{Answer, Answers, Definition, parse_definition};
use serde_json::{Value, json};

fn t(s: &str) -> Value {
    json!({ "en": s })
}

/// A random valid definition: questions with random weights, red flags, "don't know" weights
/// and conditions on earlier answers, on one scale `s` with bands low/mid/high.
fn arb_definition() -> impl Strategy<Value = Definition> {
    let question = (
        any::<bool>(),                                                      // multi-select
        prop::collection::vec((0u32..5, prop::bool::weighted(0.15)), 2..5), // options
        prop::option::of(0u32..3), // dont_know weight (None: not offered)
        prop::option::of((any::<prop::sample::Index>(), any::<u8>(), any::<bool>())), // condition
    );
    prop::collection::vec(question, 2..7).prop_map(|questions| {
        let mut list = Vec::new();
        for (i, (multi, options, dont_know, condition)) in questions.iter().enumerate() {
            let opts: Vec<Value> = options
                .iter()
                .enumerate()
                .map(|(j, (w, flag))| {
                    // The first question can always reach the top band, so every band is reachable.
                    let w = if i == 0 && j == 1 { (*w).max(2) } else { *w };
                    let mut o = json!({"id": format!("o{j}"), "text": t("o"), "weights": {"s": w}});
                    if *flag {
                        o["red_flag"] = json!({"s": "high"});
                    }
                    if w > 0 || *flag {
                        o["reason"] = t("r");
                    }
                    o
                })
                .collect();
            let mut q = json!({
                "id": format!("q{i}"),
                "type": if *multi { "multi" } else { "single" },
                "text": t("q"),
                "indicator": {"other": "x", "source": "test"},
                "options": opts,
            });
            q["dont_know"] = match dont_know {
                None => json!({"offered": false}),
                Some(0) => json!({}),
                Some(w) => json!({"weights": {"s": w}, "reason": t("r")}),
            };
            if let (Some((which, mask, negate)), true) = (condition, i > 0) {
                let j = which.index(i);
                let parent = &questions[j].1;
                let ids: Vec<String> = (0..parent.len())
                    .filter(|k| mask & (1 << k) != 0)
                    .map(|k| format!("o{k}"))
                    .collect();
                if !ids.is_empty() {
                    let clause = json!({"answer": {"question": format!("q{j}"), "in": ids}});
                    q["show_if"] = if *negate { json!({"not": clause}) } else { clause };
                }
            }
            list.push(q);
        }
        // A combination rule over the first options of the first questions: at least two of
        // them set `high` (answers only, never "I don't know").
        let clauses: Vec<Value> = (0..questions.len().min(3))
            .map(|j| json!({"answer": {"question": format!("q{j}"), "in": ["o1"]}}))
            .collect();
        let rules = if clauses.len() >= 2 {
            json!([{"band": "high", "when": {"at_least": {"count": 2, "of": clauses}}, "reason": t("r")}])
        } else {
            json!([])
        };
        let def = json!({
            "schema": 1, "id": "random", "version": 1, "locales": {"en": "draft"},
            "title": t("t"), "intro": t("i"), "minutes": 1, "disclaimer": t("d"),
            "questions": list,
            "scales": [{"id": "s", "title": t("s"), "rules": rules, "bands": [
                {"id": "low", "min": 0, "level": "ok", "title": t("l"), "advice": t("a"), "steps": [t("s")]},
                {"id": "mid", "min": 1, "level": "caution", "title": t("m"), "advice": t("a"), "steps": [t("s")]},
                {"id": "high", "min": 2, "level": "danger", "title": t("h"), "advice": t("a"), "steps": [t("s")]}
            ]}]
        });
        parse_definition(&def.to_string()).unwrap_or_else(|e| panic!("generator made an invalid definition: {e:?}"))
    })
}

/// Answers for `d` chosen by `seeds`: skip, "I don't know", one option, or a set of options.
fn answers_from(d: &Definition, seeds: &[u32]) -> Answers {
    let mut answers = Answers::default();
    for (q, seed) in d.questions().iter().zip(seeds.iter().cycle()) {
        let ids = q.answer_ids();
        let pick = (*seed as usize) % (ids.len() + 1);
        if pick == ids.len() {
            continue; // skipped
        }
        let answer = match q.kind {
            QuestionKind::Multi if ids[pick] != DONT_KNOW => {
                let chosen: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(k, o)| !o.exclusive && (seed >> (k + 8)) & 1 == 1 || *k == pick)
                    .map(|(_, o)| o.id.clone())
                    .collect();
                if chosen.len() > 1
                    && chosen
                        .iter()
                        .any(|id| q.option(id).is_some_and(|o| o.exclusive))
                {
                    Answer::Many(vec![ids[pick].to_owned()])
                } else {
                    Answer::Many(chosen)
                }
            }
            QuestionKind::Multi => Answer::Many(vec![DONT_KNOW.to_owned()]),
            QuestionKind::Single => Answer::One(ids[pick].to_owned()),
        };
        answers.set(&q.id, answer);
    }
    answers
}

/// The documented example and every built-in questionnaire (a missing file fails the test
/// rather than silently weakening it).
fn definitions_under_test() -> Vec<Definition> {
    let mut all = vec![example()];
    for id in screening_core::settings::BUILT_IN {
        assert!(repo().join(format!("questionnaires/{id}.json")).exists());
        all.push(builtin(id));
    }
    all
}

/// Answers made only of "I don't know" and skips, chosen by `seeds`.
fn unknowns_only(d: &Definition, seeds: &[u32]) -> Answers {
    let mut given = Answers::default();
    for (q, seed) in d.questions().iter().zip(seeds.iter().cycle()) {
        if q.dont_know.offered && seed % 3 != 0 {
            let a = match q.kind {
                QuestionKind::Single => Answer::One(DONT_KNOW.to_owned()),
                QuestionKind::Multi => Answer::Many(vec![DONT_KNOW.to_owned()]),
            };
            given.set(&q.id, a);
        }
    }
    d.prune(&given)
}

/// Unknowns alone never reach a scale's highest band, and a result without real answers at
/// its lowest band is marked to use the "unanswered" wording, never "no signs".
fn check_unknowns(d: &Definition, given: &Answers) -> Result<(), TestCaseError> {
    let outcome = d.score(given).unwrap();
    for s in &outcome.scales {
        let scale = d.scale(&s.scale).unwrap();
        let rank = scale.band_rank(&s.band).unwrap();
        prop_assert!(
            rank + 1 < scale.bands.len(),
            "{}: unknowns alone reached {} on {}",
            d.id(),
            s.band,
            s.scale
        );
        prop_assert!(s.unanswered, "{}: {} counted as answered", d.id(), s.scale);
        if rank == 0 {
            prop_assert!(s.shows_unanswered(scale));
        }
    }
    Ok(())
}

/// Red flags hold and hidden answers are ignored, for any definition and answers.
fn check_red_flags_and_hidden(
    d: &Definition,
    given: &Answers,
    extra: &[u32],
) -> Result<(), TestCaseError> {
    let outcome = d.score(given).unwrap();
    for s in &outcome.scales {
        let scale = d.scale(&s.scale).unwrap();
        let rank = scale.band_rank(&s.band).unwrap();
        for flag in &s.red_flags {
            prop_assert!(
                rank >= scale.band_rank(&flag.band).unwrap(),
                "red flag {flag:?} not honoured"
            );
        }
        for &r in &s.rules {
            prop_assert!(rank >= scale.band_rank(&scale.rules[r].band).unwrap());
        }
    }
    // Answer every hidden question arbitrarily: the outcome must not change.
    let visible = d.visibility(given);
    let noise = answers_from(d, extra);
    let mut padded = given.clone();
    for (q, shown) in d.questions().iter().zip(visible) {
        if !shown && let Some(a) = noise.get(&q.id) {
            padded.set(&q.id, a.clone());
        }
    }
    if d.visibility(&padded) == d.visibility(given) {
        prop_assert_eq!(d.score(&padded).unwrap(), outcome);
    }
    Ok(())
}

/// Switching one single-choice answer to one with at least the same weight never lowers the
/// score; `guard` limits the check to changes that leave the visible questions as they were.
fn check_monotone(
    d: &Definition,
    given: &Answers,
    which: prop::sample::Index,
    guard: bool,
) -> Result<(), TestCaseError> {
    let visible = d.visible_questions(given);
    let singles: Vec<_> = visible
        .iter()
        .filter(|q| q.kind == QuestionKind::Single)
        .collect();
    if singles.is_empty() {
        return Ok(());
    }
    let q = singles[which.index(singles.len())];
    let before = d.score(given).unwrap();
    for scale in d.scales() {
        let current = given
            .get(&q.id)
            .map(|a| q.weight(&a.ids()[0], &scale.id))
            .unwrap_or(0);
        for id in q.answer_ids() {
            if q.weight(id, &scale.id) < current {
                continue;
            }
            let mut changed = given.clone();
            changed.set(&q.id, Answer::One(id.to_owned()));
            let changed = d.prune(&changed);
            if guard && d.visibility(&changed) != d.visibility(given) {
                continue;
            }
            let after = d.score(&changed).unwrap();
            prop_assert!(
                after.scale(&scale.id).unwrap().score >= before.scale(&scale.id).unwrap().score,
                "{}: answering {}={} lowered {} from {} to {}",
                d.id(),
                q.id,
                id,
                scale.id,
                before.scale(&scale.id).unwrap().score,
                after.scale(&scale.id).unwrap().score
            );
        }
    }
    Ok(())
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z_]{0,8}".prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in a value.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_definitions_honour_red_flags_and_ignore_hidden_answers(
        d in arb_definition(),
        seeds in prop::collection::vec(any::<u32>(), 1..8),
        extra in prop::collection::vec(any::<u32>(), 1..8),
    ) {
        check_red_flags_and_hidden(&d, &d.prune(&answers_from(&d, &seeds)), &extra)?;
    }

    #[test]
    fn random_definitions_never_lower_a_score_for_a_riskier_answer(
        d in arb_definition(),
        seeds in prop::collection::vec(any::<u32>(), 1..8),
        which in any::<prop::sample::Index>(),
    ) {
        check_monotone(&d, &d.prune(&answers_from(&d, &seeds)), which, true)?;
    }

    /// On the built-in questionnaires a riskier answer never lowers the score where it leaves
    /// the shown questions as they were. (Since content v2, answers of equal weight can lead to
    /// different follow-ups, such as the contract questions for Russia and for visa
    /// countries, so a change of what is shown may change the score either way.)
    #[test]
    fn builtin_questionnaires_are_monotone_and_honour_red_flags(
        seeds in prop::collection::vec(any::<u32>(), 1..24),
        extra in prop::collection::vec(any::<u32>(), 1..24),
        which in any::<prop::sample::Index>(),
    ) {
        for d in definitions_under_test() {
            let given = d.prune(&answers_from(&d, &seeds));
            check_red_flags_and_hidden(&d, &given, &extra)?;
            check_monotone(&d, &given, which, true)?;
        }
    }

    #[test]
    fn unknowns_alone_never_reach_the_highest_band(
        d in arb_definition(),
        seeds in prop::collection::vec(any::<u32>(), 1..24),
    ) {
        check_unknowns(&d, &unknowns_only(&d, &seeds))?;
        for d in definitions_under_test() {
            check_unknowns(&d, &unknowns_only(&d, &seeds))?;
        }
    }

    #[test]
    fn parsing_arbitrary_json_never_panics(v in arb_json()) {
        let _ = parse_definition(&v.to_string());
        let _ = screening_core::contacts::parse_directory(&v.to_string());
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = parse_definition(&s);
    }

    /// Replacing any part of a valid definition with arbitrary JSON gives a definition that is
    /// either rejected with errors or scores any answers without panicking.
    #[test]
    fn mutated_definitions_are_rejected_or_work(
        which in any::<prop::sample::Index>(),
        replacement in arb_json(),
        seeds in prop::collection::vec(any::<u32>(), 1..8),
    ) {
        let mut v = example_value();
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let pointer = &all[which.index(all.len())];
        if pointer.is_empty() {
            v = replacement;
        } else {
            *v.pointer_mut(pointer).unwrap() = replacement;
        }
        match parse_definition(&v.to_string()) {
            Ok(d) => { let _ = d.score(&answers_from(&d, &seeds)); }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}
