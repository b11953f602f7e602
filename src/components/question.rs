//! One question per screen: a fieldset with the question as its legend, native radio buttons or
//! checkboxes with labels, "I don't know", and Back, Skip and Next.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::definition::{DONT_KNOW, QuestionKind};
use screening_core::flow::{Flow, FlowError};
use screening_core::ui::{self, Ui};
use screening_core::{Definition, Locale};

/// Rendered afresh for each question and language; only the ticks, the progress and the
/// "please answer" message are reactive.
#[component]
pub fn QuestionScreen(index: usize, locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    // A step past the last question shows nothing (the flow never gets there).
    let question = d.questions().get(index)?;
    let required_error = RwSignal::new(false);
    let go = move |action: fn(&mut Flow, &Definition) -> Result<(), FlowError>| {
        let d = s.def();
        let mut result = Ok(());
        s.flow.update(|f| result = action(f, &d));
        required_error.set(result == Err(FlowError::AnswerRequired));
    };
    // Progress can change on this screen: an answer may reveal or hide follow-ups.
    let progress = move || {
        let d = s.def();
        s.flow
            .with(|f| f.progress(&d))
            .map(|(n, total)| ui::progress(locale, n, total))
    };
    let has_help = question.help.is_some();
    // Focus lands on the fieldset: a screen reader says its name (the question, from the
    // legend) once, then this description: the progress, the help, the error. Progress is not
    // also put in a live region (said a moment before focus moved, it was cut off).
    let described_by = move || {
        [
            (true, "sf-progress"),
            (has_help, "sf-help"),
            (required_error.get(), "sf-error"),
        ]
        .into_iter()
        .filter_map(|(on, id)| on.then_some(id))
        .collect::<Vec<&str>>()
        .join(" ")
    };
    let help = question.help.as_ref().map(|help| {
        view! { <p class="sf-help" id="sf-help">{help.get(locale).to_owned()}</p> }
    });
    let multi = question.kind == QuestionKind::Multi;
    let hint = multi.then(|| view! { <p class="sf-hint">{Ui::ChooseAll.text(locale)}</p> });
    let choices = question
        .options
        .iter()
        .map(|o| (o.id.clone(), o.text.get(locale).to_owned()))
        .chain(
            question
                .dont_know
                .offered
                .then(|| (DONT_KNOW.to_owned(), Ui::DontKnow.text(locale).to_owned())),
        )
        .map(|(id, label)| view! { <Choice index id label multi/> })
        .collect_view();
    let skip = (!question.required).then(|| {
        view! {
            <button type="button" class="sf-secondary" on:click=move |_| go(Flow::skip)>
                {Ui::Skip.text(locale)}
            </button>
        }
    });
    Some(view! {
        <form
            class="sf-question"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                go(Flow::next);
            }
        >
            <p class="sf-progress" id="sf-progress">{progress}</p>
            <fieldset data-focus tabindex="-1" aria-describedby=described_by>
                <legend>{question.text.get(locale).to_owned()}</legend>
                {help}
                {hint}
                <div class="sf-options">{choices}</div>
                // An alert: said as soon as it shows (it was shown in silence).
                <p class="sf-error" id="sf-error" role="alert" hidden=move || !required_error.get()>
                    {Ui::AnswerRequired.text(locale)}
                </p>
            </fieldset>
            <div class="sf-nav">
                <button type="button" class="sf-secondary" on:click=move |_| s.update(Flow::back)>
                    {Ui::Back.text(locale)}
                </button>
                {skip}
                <button type="submit" class="sf-primary">{Ui::Next.text(locale)}</button>
            </div>
        </form>
    })
}

/// One answer: a radio button (single choice) or checkbox (multi-select) with its label.
#[component]
fn Choice(index: usize, id: String, label: String, multi: bool) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let qid = d.questions()[index].id.clone();
    let checked = {
        let (qid, id) = (qid.clone(), id.clone());
        move || s.flow.with(|f| f.answers().has(&qid, &id))
    };
    let on_change = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            s.update(|f, d| f.tick(d, &id, on));
        }
    };
    let dont_know = id == DONT_KNOW;
    // `checked` comes before `name`: moving to another question rebuilds these inputs in
    // place, and an input still checked from the previous question that joined the new
    // question's radio group by its new name would uncheck that question's answer.
    view! {
        <label class="sf-option" class:sf-dont-know=dont_know>
            <input
                type=if multi { "checkbox" } else { "radio" }
                prop:checked=checked
                name=qid
                value=id
                on:change=on_change
            />
            <span>{label}</span>
        </label>
    }
}
