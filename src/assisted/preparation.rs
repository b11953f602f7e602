//! Before you start (not scored, not stored): is it safe to talk, who interprets, the person's
//! age, the consent script read aloud, one tick that the person agreed. Then the two ways a
//! screening does not begin: a stop (arrange another time), or the child-protection route.

use super::numbers::Numbers;
use super::safety::PlaceQuestion;
use super::{Assist, YesNo, radio};
use leptos::prelude::*;
use screening_core::assisted::session::{Blocker, Interpreter};
use screening_core::assisted::words::Say;

#[component]
pub fn Preparation() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let person = a.s.locale.get_untracked();
    let p = a.session.with_untracked(|s| s.preparation.clone());
    let tried = RwSignal::new(false);
    let blockers = move || a.session.with(|s| s.preparation.blockers());
    let interpreter = |value: Interpreter, label: Say, id: &'static str| {
        radio(
            "sf-interpreter",
            id,
            label.text(cw),
            cw,
            p.interpreter == value,
            move || a.session.update(|s| s.preparation.interpreter = value),
        )
    };
    let cleared = a.cleared.get_untracked().then(|| {
        view! { <p class="sf-notice" role="status">{Say::Cleared.text(cw)}</p> }
    });
    let problems = move || {
        tried.get().then(|| {
            blockers()
                .into_iter()
                .filter_map(|b| match b {
                    Blocker::Unanswered => Some(Say::AnswerAll.text(cw)),
                    Blocker::NotAgreed => Some(Say::TickAgreed.text(cw)),
                    _ => None,
                })
                .map(|t| view! { <p>{t}</p> })
                .collect_view()
        })
    };
    view! {
        <form
            class="sf-question"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                tried.set(true);
                a.cleared.set(false);
                a.session.update(|s| s.begin());
            }
        >
            <h2 data-focus tabindex="-1">{Say::BeforeStart.text(cw)}</h2>
            {cleared}
            <p class="sf-help">{Say::NotStored.text(cw)}</p>
            <YesNo
                name="sf-safe-to-talk"
                guidance=None
                legend=Say::SafeToTalk.text(cw).to_owned()
                value=p.safe_to_talk
                speaker=cw
                refuse=false
                on_answer=move |v| a.session.update(|s| s.preparation.safe_to_talk = v)
            />
            <fieldset class="sf-assisted-question">
                <legend>{Say::Interpreter.text(cw)}</legend>
                <div class="sf-options">
                    {interpreter(Interpreter::None, Say::InterpreterNone, "none")}
                    {interpreter(Interpreter::Independent, Say::InterpreterIndependent, "independent")}
                    {interpreter(Interpreter::Related, Say::InterpreterRelated, "related")}
                </div>
            </fieldset>
            <YesNo
                name="sf-under-18"
                guidance=None
                legend=Say::Under18.text(cw).to_owned()
                value=p.under_18
                speaker=cw
                refuse=false
                on_answer=move |v| a.session.update(|s| s.preparation.under_18 = v)
            />
            <section class="sf-script">
                <h3>{Say::ReadAloud.text(cw)}</h3>
                <p class="sf-read-aloud" lang=person.tag()>{Say::ConsentScript.text(person)}</p>
            </section>
            <label class="sf-option">
                <input
                    type="checkbox"
                    name="sf-agreed"
                    checked=p.agreed
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        a.session.update(|s| s.preparation.agreed = on);
                    }
                />
                <span>{Say::Agreed.text(cw)}</span>
            </label>
            <div class="sf-error" role="alert">{problems}</div>
            <div class="sf-nav">
                <button type="submit" class="sf-primary">{Say::Begin.text(cw)}</button>
            </div>
        </form>
    }
}

/// Not safe to talk, or the interpreter is related: nothing was asked.
#[component]
pub fn Stopped() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1">{Say::StoppedTitle.text(cw)}</h2>
            <p>{Say::StoppedText.text(cw)}</p>
            <button type="button" class="sf-primary" on:click=move |_| a.clear()>
                {Say::EndAndClear.text(cw)}
            </button>
        </section>
    }
}

/// Under 18: no screening; the partner's child-protection contacts (topic `child_protection`
/// in their directory) for the place the person is in.
#[component]
pub fn Child() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let topics = vec!["child_protection".to_owned()];
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1">{Say::ChildTitle.text(cw)}</h2>
            <p>{Say::ChildText.text(cw)}</p>
            <PlaceQuestion/>
            <Numbers topics none=Say::ChildNoContact.text(cw)/>
            <button type="button" class="sf-primary" on:click=move |_| a.clear()>
                {Say::EndAndClear.text(cw)}
            </button>
        </section>
    }
}
