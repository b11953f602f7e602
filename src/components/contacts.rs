//! Who can help: contacts from the directory for the bands shown, non-police first, with
//! tap-to-call and messenger links, hours, where they work from, and when they were verified.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::contacts::{ChannelKind, Contact};
use screening_core::ui::{self, Ui};

/// Shown once the directory has loaded (it loads alongside the questionnaire).
#[component]
pub fn ContactList(topics: Vec<String>, locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    move || {
        let directory = s.contacts.get()?;
        let found = directory.for_topics(&topics);
        if found.is_empty() {
            return None;
        }
        let note = directory
            .example
            .then(|| view! { <p class="sf-note">{Ui::ExampleContacts.text(locale)}</p> });
        let cards = found.into_iter().map(|c| card(c, locale)).collect_view();
        Some(view! {
            <section class="sf-contacts">
                <h3>{Ui::WhoCanHelp.text(locale)}</h3>
                {note}
                <ul>{cards}</ul>
            </section>
        })
    }
}

fn card(contact: &Contact, locale: Locale) -> impl IntoView + use<> {
    let channels = contact
        .channels
        .iter()
        .map(|ch| {
            let label = match ch.kind {
                ChannelKind::Phone => format!("☎ {}", ch.value),
                ChannelKind::Whatsapp => format!("WhatsApp {}", ch.value),
                ChannelKind::Telegram => format!("Telegram @{}", ch.value.trim_start_matches('@')),
                ChannelKind::Email | ChannelKind::Web => ch.value.clone(),
            };
            let external = matches!(
                ch.kind,
                ChannelKind::Whatsapp | ChannelKind::Telegram | ChannelKind::Web
            );
            view! {
                <li>
                    <a
                        href=ch.href()
                        target=external.then_some("_blank")
                        rel=external.then_some("noopener noreferrer")
                    >{label}</a>
                </li>
            }
        })
        .collect_view();
    let hours = contact
        .hours
        .as_ref()
        .map(|h| format!("{}: {}", Ui::Hours.text(locale), Contact::text(h, locale)));
    let verified = match &contact.verified {
        Some(date) => ui::verified_on(locale, date),
        None => Ui::NotVerified.text(locale).to_owned(),
    };
    view! {
        <li class="sf-contact">
            <p class="sf-contact-name">{Contact::text(&contact.name, locale).to_owned()}</p>
            <p>{Contact::text(&contact.description, locale).to_owned()}</p>
            <ul class="sf-channels">{channels}</ul>
            <p>{ui::reachable_from(locale, &contact.reachable_from)}</p>
            {hours.map(|h| view! { <p>{h}</p> })}
            <p class="sf-verified">{verified}</p>
        </li>
    }
}
