//! Asking, after the result, whether to send an anonymous report: plain words listing exactly
//! what would be sent (the list comes from core's [`Disclosure`], the same plan the payload is
//! built from), nothing pre-selected, and declining changes nothing else. Each screening asks
//! once and shows only its own send (see [`Screening::send_ended`]).

use crate::dom::{el, li};
use crate::report;
use crate::state::{Consent, Screening};
use leptos::either::Either;
use leptos::html::{Div, Section};
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::disclosure::{Disclosure, Field};
use screening_core::ui::Ui;

#[component]
pub fn ConsentForm(locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let settings = s.settings();
    settings.endpoint.as_ref()?;
    let answers = s.flow.with_untracked(|f| f.answers().clone());
    let answers_now = answers.clone();
    let section = NodeRef::<Section>::new();
    let send = move |_| {
        let screening = s.screening_id();
        s.consent.set(Consent::Sending);
        let (d, settings, answers) = (s.def(), s.settings(), answers.clone());
        let locale = s.locale.get_untracked();
        leptos::task::spawn_local(async move {
            let result = report::send(&d, &answers, locale, &settings).await;
            s.send_ended(screening, result);
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
    // What would be sent, field by field, in plain words: static, so built with `dom`.
    let details = move |container: web_sys::HtmlDivElement| {
        let d = s.def();
        let settings = s.settings();
        let plan = Disclosure::of(
            &d,
            &answers_now,
            &settings.privacy,
            settings.partner.is_some(),
        );
        let marked = |text: &str, randomized: bool| {
            if randomized {
                format!("{text} {}", Ui::ConsentChangedAtRandom.text(locale))
            } else {
                text.to_owned()
            }
        };
        let mut items = el("ul").class("sf-consent-list");
        for field in &plan.fields {
            items = match field {
                Field::Id => items.child(li(Ui::ConsentId.text(locale))),
                Field::Questionnaire => items.child(li(Ui::ConsentQuestionnaire.text(locale))),
                Field::Locale => items.child(li(Ui::ConsentLanguage.text(locale))),
                Field::Partner => items.child(li(&format!(
                    "{} {};",
                    Ui::ConsentPartner.text(locale),
                    settings.partner.as_deref().unwrap_or_default()
                ))),
                Field::Month => items.child(li(Ui::ConsentMonth.text(locale))),
                Field::Privacy => items.child(li(Ui::ConsentPrivacy.text(locale))),
                // Listed together below, in the plan's order.
                Field::Band(..) | Field::Answer(..) => items,
            };
        }
        let bands: Vec<String> = plan
            .bands()
            .map(|(scale, r)| marked(scale.title.get(locale), r))
            .collect();
        if !bands.is_empty() {
            items = items.child(
                li(Ui::ConsentResult.text(locale)).child(
                    el("ul")
                        .class("sf-consent-bands")
                        .children(bands.iter().map(|b| li(b))),
                ),
            );
        }
        let questions: Vec<(String, bool)> = plan
            .answers()
            .map(|(q, r)| (marked(q.text.get(locale), r), r))
            .collect();
        if !questions.is_empty() {
            items = items.child(
                li(Ui::ConsentAnswers.text(locale)).child(
                    el("ul")
                        .class("sf-consent-answers")
                        .children(questions.iter().map(|(q, r)| {
                            li(q).attr("data-randomized", if *r { "true" } else { "false" })
                        })),
                ),
            );
        }
        let mut block = el("div")
            .child(el("p").text(Ui::ConsentWhat.text(locale)))
            .child(items);
        if plan.randomizes() {
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
                    Consent::Asking => return Either::Left(asking()),
                    Consent::Sending => Ui::Sending,
                    Consent::Sent => Ui::Sent,
                    Consent::Queued => Ui::Queued,
                    Consent::Failed => Ui::SendFailed,
                    Consent::NoRandomness => Ui::SendNoRandomness,
                    Consent::Declined => Ui::NotSent,
                };
                Either::Right(view! {
                    // Focused when it replaces the buttons: named by its own words (a status has
                    // no name of its own, so focus said nothing).
                    <p
                        class="sf-consent-status"
                        id="sf-consent-status"
                        role="status"
                        tabindex="-1"
                        aria-labelledby="sf-consent-status"
                    >
                        {status.text(locale)}
                    </p>
                })
            }}
        </section>
    })
}
