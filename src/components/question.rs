//! One question per screen: a fieldset with the question as its legend, native radio buttons or
//! checkboxes with labels, "I don't know", and Back, Skip and Next.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::Answer;
use screening_core::definition::{DONT_KNOW, Question, QuestionKind};
use screening_core::flow::{Flow, FlowError};
use screening_core::text::Text;
use screening_core::ui::{self, Ui};
use std::sync::Arc;

#[component]
pub fn QuestionScreen(index: usize) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let Some(question) = d.questions.get(index).cloned() else {
        return ().into_any();
    };
    let question = Arc::new(question);
    let required_error = RwSignal::new(false);
    let progress = move || {
        let d = s.def();
        s.flow
            .with(|f| f.progress(&d))
            .map(|(n, total)| ui::progress(s.locale.get(), n, total))
    };
    let go = move |action: fn(&mut Flow, &screening_core::Definition) -> Result<(), FlowError>| {
        let d = s.def();
        let mut result = Ok(());
        s.flow.update(|f| result = action(f, &d));
        required_error.set(result == Err(FlowError::AnswerRequired));
    };
    let described_by = {
        let has_help = question.help.is_some();
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push("sf-help");
            }
            if required_error.get() {
                ids.push("sf-error");
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let help = question.help.clone().map(|help| {
        view! { <p class="sf-help" id="sf-help">{move || s.text(&help)}</p> }
    });
    let multi_hint = (question.kind == QuestionKind::Multi)
        .then(|| view! { <p class="sf-hint">{move || s.ui(Ui::ChooseAll)}</p> });
    let options: Vec<(String, Option<Text>)> = question
        .options
        .iter()
        .map(|o| (o.id.clone(), Some(o.text.clone())))
        .chain(
            question
                .dont_know
                .offered
                .then(|| (DONT_KNOW.to_owned(), None)),
        )
        .collect();
    let options = options
        .into_iter()
        .map(|(id, text)| view! { <Choice question=question.clone() id text/> })
        .collect_view();
    let text = question.text.clone();
    let skippable = !question.required;
    view! {
        <form
            class="sf-question"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                go(Flow::next);
            }
        >
            <p class="sf-progress">{progress}</p>
            <fieldset aria-describedby=described_by>
                <legend data-focus tabindex="-1">{move || s.text(&text)}</legend>
                {help}
                {multi_hint}
                <div class="sf-options">{options}</div>
                <Show when=move || required_error.get()>
                    <p class="sf-error" id="sf-error">{move || s.ui(Ui::AnswerRequired)}</p>
                </Show>
            </fieldset>
            <div class="sf-nav">
                <button type="button" class="sf-secondary" on:click=move |_| {
                    s.update(Flow::back);
                }>{move || s.ui(Ui::Back)}</button>
                {skippable.then(|| view! {
                    <button type="button" class="sf-secondary" on:click=move |_| go(Flow::skip)>
                        {move || s.ui(Ui::Skip)}
                    </button>
                })}
                <button type="submit" class="sf-primary">{move || s.ui(Ui::Next)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// One answer: a radio button (single choice) or checkbox (multi-select) with its label.
/// `text` is `None` for "I don't know", whose words are the interface's.
#[component]
fn Choice(question: Arc<Question>, id: String, text: Option<Text>) -> impl IntoView {
    let s = expect_context::<Screening>();
    let qid = question.id.clone();
    let selected = {
        let (qid, id) = (qid.clone(), id.clone());
        Memo::new(move |_| {
            s.flow
                .with(|f| f.answers().get(&qid).is_some_and(|a| a.ids().contains(&id)))
        })
    };
    let multi = question.kind == QuestionKind::Multi;
    let on_change = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            let question = question.clone();
            let id = id.clone();
            s.update(move |f, d| {
                let answer = if multi {
                    question.toggle(f.current_answer(d), &id, on)
                } else {
                    Some(Answer::One(id))
                };
                f.answer(d, answer);
            });
        }
    };
    let label = move || match &text {
        Some(t) => s.text(t),
        None => s.ui(Ui::DontKnow).to_owned(),
    };
    let dont_know = id == DONT_KNOW;
    view! {
        <label class="sf-option" class:sf-dont-know=dont_know>
            <input
                type=if multi { "checkbox" } else { "radio" }
                name=qid
                value=id
                prop:checked=move || selected.get()
                on:change=on_change
            />
            <span>{label}</span>
        </label>
    }
}
