//! Safety first: in danger now, an urgent medical need, a safe place tonight, and where the
//! person is now (the questionnaire's own place question, which picks the numbers). Any answer
//! that needs action shows the urgent block at once, before any further question (core's
//! [`Session::answer_safety`]), with "end here" and "continue".

use super::numbers::Numbers;
use super::{Assist, YesNo, for_you, radio};
use leptos::prelude::*;
use screening_core::Answer;
use screening_core::assisted::session::{SAFETY_QUESTIONS, SafetyQuestion, Session};
use screening_core::assisted::words::Say;

#[component]
pub fn SafetyScreen() -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let safety = a.session.with_untracked(Session::safety);
    let questions = SAFETY_QUESTIONS
        .into_iter()
        .map(|q| {
            let name = match q {
                SafetyQuestion::DangerNow => "sf-danger-now",
                SafetyQuestion::UrgentMedical => "sf-urgent-medical",
                SafetyQuestion::SafePlaceTonight => "sf-safe-place",
            };
            view! {
                <YesNo
                    name
                    guidance=Some(Say::safety(q).text(cw).to_owned())
                    legend=Say::safety(q).text(person).to_owned()
                    value=safety.get(q)
                    speaker=person
                    on_answer=move |v| a.session.update(|s| s.answer_safety(q, v))
                />
            }
        })
        .collect_view();
    view! {
        <form
            class="sf-question"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                a.session.update(|s| s.safety_done());
                a.start_questions();
            }
        >
            <h2 data-focus tabindex="-1">{Say::SafetyTitle.text(cw)}</h2>
            // Where the person is first: the urgent block's numbers are those that work there.
            <PlaceQuestion/>
            {questions}
            <div class="sf-nav">
                <button type="submit" class="sf-primary">{Say::Continue.text(cw)}</button>
            </div>
        </form>
    }
}

/// What to do now, and numbers that work where the person is.
#[component]
pub fn UrgentBlock() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let safety = a.session.with_untracked(Session::safety);
    let what = [
        (safety.danger_now == Some(true), Say::UrgentDanger),
        (safety.urgent_medical == Some(true), Say::UrgentMedicalText),
        (safety.safe_place_tonight == Some(false), Say::UrgentShelter),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, say)| view! { <li>{say.text(cw)}</li> })
    .collect_view();
    view! {
        <section class="sf-result sf-urgent" data-urgent="">
            <h2 data-focus tabindex="-1">{Say::UrgentTitle.text(cw)}</h2>
            <ul>{what}</ul>
            <Numbers topics=safety.urgent_topics() none=Say::NoNumbers.text(cw)/>
            // The numbers follow the place: a caseworker can correct it here, below them.
            <PlaceQuestion/>
            <div class="sf-nav">
                <button type="button" class="sf-secondary" on:click=move |_| a.clear()>
                    {Say::EndHere.text(cw)}
                </button>
                <button type="button" class="sf-primary" on:click=move |_| {
                    a.session.update(|s| s.continue_after_urgent());
                    if a.stage() == screening_core::assisted::session::Stage::Questions {
                        a.start_questions();
                    }
                }>
                    {Say::ContinueScreening.text(cw)}
                </button>
            </div>
        </section>
    }
}

/// The questionnaire's own place question ("where are you now?"), asked in the person's
/// language with the caseworker's words above it. Its answer picks every number assisted mode
/// shows (the numbers follow a change at once). Nothing when the questionnaire has none.
#[component]
pub fn PlaceQuestion() -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let d = a.s.def();
    let q = d
        .place_setting()
        .question
        .as_deref()
        .and_then(|id| d.question(id))?
        .clone();
    let qid = q.id.clone();
    let now = a.s.flow.with_untracked(|f| f.answers().get(&qid).cloned());
    let options = q
        .options
        .iter()
        .map(|o| {
            let (qid, id) = (qid.clone(), o.id.clone());
            let checked = now.as_ref().is_some_and(|n| n.ids().contains(&id));
            let pick = id.clone();
            radio(
                "sf-where-now",
                &id,
                o.text.get(person),
                person,
                checked,
                move || {
                    let (qid, id) = (qid.clone(), pick.clone());
                    a.s.update(move |f, d| f.preset(d, &qid, Some(Answer::One(id))));
                },
            )
        })
        .collect_view();
    Some(view! {
        <fieldset class="sf-assisted-question">
            <legend>
                {for_you(q.text.get(cw), q.text.get(person), cw)}
                <span class="sf-read-aloud" lang=person.tag()>{q.text.get(person).to_owned()}</span>
            </legend>
            <div class="sf-options">{options}</div>
        </fieldset>
    })
}
