//! The flow through a questionnaire: moving, skipping, going back, progress with conditions.

mod common;

use common::example_value;
use screening_core::flow::{Flow, FlowError, Step};
use screening_core::{Answer, Definition, parse_definition};
use serde_json::json;

/// The example with the passport question shown only after a fee was asked for, and a third
/// question after it.
fn conditional() -> Definition {
    let mut v = example_value();
    v["questions"][1]["show_if"] = json!({"answer": {"question": "fee", "in": ["yes"]}});
    let mut last = v["questions"][0].clone();
    last["id"] = json!("secret");
    v["questions"].as_array_mut().unwrap().push(last);
    parse_definition(&v.to_string()).unwrap()
}

fn one(id: &str) -> Option<Answer> {
    Some(Answer::One(id.into()))
}

#[test]
fn progress_counts_only_shown_questions_and_stays_true() {
    let d = conditional();
    let mut flow = Flow::new();
    assert_eq!(flow.progress(&d), None);
    flow.begin(&d);
    assert_eq!(flow.step(), Step::Question(0));
    assert_eq!(flow.progress(&d), Some((1, 2)));
    flow.answer(&d, one("yes"));
    assert_eq!(
        flow.progress(&d),
        Some((1, 3)),
        "the follow-up is now counted"
    );
    flow.next(&d).unwrap();
    assert_eq!(flow.step(), Step::Question(1));
    assert_eq!(flow.progress(&d), Some((2, 3)));
    flow.next(&d).unwrap();
    assert_eq!(flow.progress(&d), Some((3, 3)));
    flow.next(&d).unwrap();
    assert_eq!(flow.step(), Step::Result);
}

#[test]
fn back_keeps_answers_and_changing_one_drops_hidden_answers() {
    let d = conditional();
    let mut flow = Flow::new();
    flow.begin(&d);
    flow.answer(&d, one("yes"));
    flow.next(&d).unwrap();
    flow.answer(&d, one("them"));
    flow.next(&d).unwrap();
    flow.back(&d);
    assert_eq!(flow.step(), Step::Question(1));
    flow.back(&d);
    assert_eq!(
        flow.current_answer(&d),
        one("yes").as_ref(),
        "back keeps answers"
    );
    assert!(flow.answers().get("passport").is_some());
    flow.answer(&d, one("no"));
    assert!(
        flow.answers().get("passport").is_none(),
        "the hidden follow-up's answer is dropped"
    );
    flow.next(&d).unwrap();
    assert_eq!(
        flow.step(),
        Step::Question(2),
        "the hidden follow-up is passed over"
    );
    flow.back(&d);
    flow.back(&d);
    assert_eq!(flow.step(), Step::Start);
}

#[test]
fn skip_leaves_a_question_unanswered() {
    let d = conditional();
    let mut flow = Flow::new();
    flow.begin(&d);
    flow.answer(&d, one("yes"));
    flow.skip(&d).unwrap();
    assert!(flow.answers().is_empty());
    assert_eq!(
        flow.step(),
        Step::Question(2),
        "skipping the parent hides its follow-up"
    );
    flow.skip(&d).unwrap();
    assert_eq!(flow.step(), Step::Result);
    assert_eq!(flow.outcome(&d).skipped, 2);
    flow.restart();
    assert_eq!(flow, Flow::new());
}

#[test]
fn required_questions_cannot_be_skipped() {
    let mut v = example_value();
    v["questions"][0]["required"] = json!(true);
    let d = parse_definition(&v.to_string()).unwrap();
    let mut flow = Flow::new();
    flow.begin(&d);
    assert_eq!(flow.skip(&d), Err(FlowError::AnswerRequired));
    assert_eq!(flow.next(&d), Err(FlowError::AnswerRequired));
    flow.answer(&d, one("dont_know"));
    assert_eq!(flow.next(&d), Ok(()));
}

#[test]
fn ticking_boxes_keeps_exclusive_answers_alone() {
    let d = common::multi_select_example();
    let q = &d.questions()[0];
    let many = |ids: &[&str]| Some(Answer::Many(ids.iter().map(|s| s.to_string()).collect()));
    let a = q.toggle(None, "ticket", true);
    let a = q.toggle(a.as_ref(), "yes", true);
    assert_eq!(
        a,
        many(&["yes", "ticket"]),
        "display order, whatever the ticking order"
    );
    let b = q.toggle(a.as_ref(), "no", true);
    assert_eq!(b, many(&["no"]), "an exclusive answer clears the others");
    let c = q.toggle(b.as_ref(), "dont_know", true);
    assert_eq!(c, many(&["dont_know"]));
    let d2 = q.toggle(c.as_ref(), "yes", true);
    assert_eq!(
        d2,
        many(&["yes"]),
        "a normal answer clears the exclusive ones"
    );
    assert_eq!(q.toggle(d2.as_ref(), "yes", false), None);
}

#[test]
fn a_tick_on_screen_is_a_radio_answer_or_a_toggled_box() {
    let d = common::multi_select_example();
    let mut flow = Flow::new();
    flow.begin(&d);
    let q = d.questions()[0].id.clone();
    flow.tick(&d, "ticket", true);
    flow.tick(&d, "yes", true);
    assert!(flow.answers().has(&q, "yes") && flow.answers().has(&q, "ticket"));
    flow.tick(&d, "no", true);
    assert!(flow.answers().has(&q, "no"));
    assert!(
        !flow.answers().has(&q, "yes"),
        "an exclusive answer clears the others"
    );
    flow.tick(&d, "no", false);
    assert_eq!(flow.answers().get(&q), None, "nothing ticked is no answer");
    // A single-choice question: the radio's option, whatever was there.
    let d = common::example();
    let mut flow = Flow::new();
    flow.begin(&d);
    let first = d.questions()[0].clone();
    let (a, b) = (&first.options[0].id, &first.options[1].id);
    flow.tick(&d, a, true);
    flow.tick(&d, b, true);
    assert_eq!(flow.answers().get(&first.id), Some(&Answer::One(b.clone())));
}
