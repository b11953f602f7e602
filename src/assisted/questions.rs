//! The questionnaire, read aloud: each question with the caseworker's words above the line to
//! read in the person's language, options in the person's language with the caseworker's
//! beside them, "I don't know" and "does not want to answer" (recorded as skipped). Then what
//! the caseworker noticed without asking.

use super::{Assist, for_you};
use leptos::prelude::*;
use screening_core::Definition;
use screening_core::assisted::words::Say;
use screening_core::definition::{DONT_KNOW, QuestionKind};
use screening_core::flow::{Flow, Step};
use screening_core::ui::{self, Ui};

#[component]
pub fn Questions() -> impl IntoView {
    let a = expect_context::<Assist>();
    let step = Memo::new(move |_| a.s.flow.with(Flow::step));
    // Past the last question: the observations.
    Effect::new(move |_| {
        if step.get() == Step::Result {
            a.session.update(|s| s.questions_done());
        }
    });
    move || match step.get() {
        Step::Question(index) => Some(view! { <Question index/> }),
        _ => None,
    }
}

#[component]
fn Question(index: usize) -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let d = a.s.def();
    let question = d.questions().get(index)?.clone();
    let qid = question.id.clone();
    let multi = question.kind == QuestionKind::Multi;
    let required = question.required;
    let required_error = RwSignal::new(false);
    let go =
        move |action: fn(&mut Flow, &Definition) -> Result<(), screening_core::flow::FlowError>| {
            let d = a.s.def();
            let mut result = Ok(());
            a.s.flow.update(|f| result = action(f, &d));
            required_error.set(result.is_err());
        };
    let progress = move || {
        let d = a.s.def();
        a.s.flow
            .with(|f| f.progress(&d))
            .map(|(n, total)| ui::progress(cw, n, total))
    };
    let choices = question
        .options
        .iter()
        .map(|o| {
            (
                o.id.clone(),
                o.text.get(person).to_owned(),
                o.text.get(cw).to_owned(),
            )
        })
        .chain(question.dont_know.offered.then(|| {
            (
                DONT_KNOW.to_owned(),
                Ui::DontKnow.text(person).to_owned(),
                Ui::DontKnow.text(cw).to_owned(),
            )
        }))
        .map(|(id, said, yours)| {
            let checked = {
                let (qid, id) = (qid.clone(), id.clone());
                move || a.s.flow.with(|f| f.answers().has(&qid, &id))
            };
            let on_change = {
                let id = id.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    a.s.update(|f, d| f.tick(d, &id, on));
                }
            };
            let yours = for_you(&yours, &said, cw);
            view! {
                <label class="sf-option">
                    <input
                        type=if multi { "checkbox" } else { "radio" }
                        prop:checked=checked
                        name=qid.clone()
                        value=id
                        on:change=on_change
                    />
                    <span lang=person.tag()>{said}</span>
                    {yours}
                </label>
            }
        })
        .collect_view();
    let refuse = (!required).then(|| {
        view! {
            <button type="button" class="sf-secondary" on:click=move |_| go(Flow::skip)>
                {Say::DoesNotWant.text(cw)}
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
            <fieldset data-focus tabindex="-1" aria-describedby="sf-progress">
                <legend>
                    {for_you(question.text.get(cw), question.text.get(person), cw)}
                    <span class="sf-read-aloud" lang=person.tag()>{question.text.get(person).to_owned()}</span>
                </legend>
                <div class="sf-options">{choices}</div>
                <p class="sf-error" role="alert" hidden=move || !required_error.get()>
                    {Ui::AnswerRequired.text(cw)}
                </p>
            </fieldset>
            <div class="sf-nav">
                <button type="button" class="sf-secondary" on:click=move |_| {
                    let at_first = a.s.flow.with_untracked(|f| {
                        let d = a.s.def();
                        let mut g = f.clone();
                        g.back(&d);
                        g.step() == Step::Start
                    });
                    if !at_first {
                        a.s.update(Flow::back);
                    }
                }>
                    {Ui::Back.text(cw)}
                </button>
                {refuse}
                <button type="submit" class="sf-primary">{Ui::Next.text(cw)}</button>
            </div>
        </form>
    })
}

/// What the caseworker noticed without asking, from the questionnaire's `assisted.observations`.
#[component]
pub fn Observations() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let d = a.s.def();
    let ticked = a.session.with_untracked(|s| s.observed.clone());
    let items = d
        .assisted()
        .map(|x| x.observations.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            let id = o.id.clone();
            view! {
                <label class="sf-option">
                    <input
                        type="checkbox"
                        name="sf-observed"
                        value=o.id.clone()
                        checked=ticked.contains(&o.id)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = id.clone();
                            a.session.update(move |s| {
                                s.observed.retain(|x| *x != id);
                                if on {
                                    s.observed.push(id);
                                }
                            });
                        }
                    />
                    <span>{o.text.get(cw).to_owned()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <form
            class="sf-question"
            data-observations=""
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                a.session.update(|s| s.observations_done());
            }
        >
            <fieldset data-focus tabindex="-1">
                <legend>{Say::ObservationsTitle.text(cw)}</legend>
                <p class="sf-help">{Say::ObservationsHint.text(cw)}</p>
                <div class="sf-options">{items}</div>
            </fieldset>
            <div class="sf-nav">
                <button type="submit" class="sf-primary">{Say::Continue.text(cw)}</button>
            </div>
        </form>
    }
}
