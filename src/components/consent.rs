//! Asking, after the result, whether to send an anonymous report: plain words listing exactly
//! what would be sent, nothing pre-selected, and declining changes nothing else.

use crate::dom::{el, li};
use crate::report;
use crate::state::{Consent, Screening};
use leptos::html::{Div, Section};
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::payload::reported_questions;
use screening_core::ui::Ui;

#[component]
pub fn ConsentForm(locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let settings = s.settings();
    settings.endpoint.as_ref()?;
    let d = s.def();
    let answers = s.flow.with_untracked(|f| f.answers().clone());
    let reported = reported_questions(&d, &answers, &settings.privacy);
    let randomized =
        settings.privacy.randomized_epsilon().is_some() && reported.iter().any(|q| q.sensitive);
    let questions: Vec<String> = reported
        .iter()
        .map(|q| q.text.get(locale).to_owned())
        .collect();
    let section = NodeRef::<Section>::new();
    let send = move |_| {
        s.consent.set(Consent::Sending);
        let (d, settings, answers) = (s.def(), s.settings(), answers.clone());
        let locale = s.locale.get_untracked();
        leptos::task::spawn_local(async move {
            let result = report::send(&d, &answers, locale, &settings).await;
            s.consent.set(result);
        });
    };
    let decline = move |_| s.consent.set(Consent::Declined);
    // Keep focus on the section when its buttons give way to a status message.
    Effect::new(move |previous: Option<Consent>| {
        let now = s.consent.get();
        if previous.is_some_and(|p| p != now) {
            crate::host::focus_later(
                section.get_untracked().map(Into::into),
                ".sf-consent-status",
            );
        }
        now
    });
    // What would be sent, in plain words: static, so built with `dom`.
    let details = move |container: web_sys::HtmlDivElement| {
        let mut items = el("ul").class("sf-consent-list").children(
            [
                Ui::ConsentQuestionnaire,
                Ui::ConsentLanguage,
                Ui::ConsentMonth,
                Ui::ConsentResult,
            ]
            .map(|k| li(k.text(locale))),
        );
        if !questions.is_empty() {
            items = items.child(
                li(Ui::ConsentAnswers.text(locale))
                    .child(el("ul").children(questions.iter().map(|q| li(q)))),
            );
        }
        let mut block = el("div")
            .child(el("p").text(Ui::ConsentWhat.text(locale)))
            .child(items);
        if randomized {
            block = block.child(el("p").text(Ui::ConsentRandomized.text(locale)));
        }
        block
            .child(el("p").text(Ui::ConsentNothingElse.text(locale)))
            .replace_children_of(&container);
    };
    let asking = move || {
        let send = send.clone();
        let details = details.clone();
        let info = NodeRef::<Div>::new();
        info.on_load(details);
        view! {
            <div node_ref=info></div>
            <div class="sf-nav">
                <button type="button" class="sf-primary" on:click=send>{Ui::Send.text(locale)}</button>
                <button type="button" class="sf-secondary" on:click=decline>{Ui::DontSend.text(locale)}</button>
            </div>
        }
    };
    Some(view! {
        <section class="sf-consent" node_ref=section aria-labelledby="sf-consent-title">
            <h3 id="sf-consent-title">{Ui::ConsentTitle.text(locale)}</h3>
            {move || {
                let status = match s.consent.get() {
                    Consent::Asking => return asking().into_any(),
                    Consent::Sending => Ui::Sending,
                    Consent::Sent => Ui::Sent,
                    Consent::Queued => Ui::Queued,
                    Consent::Failed => Ui::SendFailed,
                    Consent::Declined => Ui::NotSent,
                };
                view! {
                    <p class="sf-consent-status" role="status" tabindex="-1">{status.text(locale)}</p>
                }
                .into_any()
            }}
        </section>
    })
}
