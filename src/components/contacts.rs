//! Who can help: contacts from the directory for the bands shown, non-police first, with
//! tap-to-call and messenger links, hours, where they work from, and when they were verified.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::contacts::{ChannelKind, Contact};
use screening_core::ui::{self, Ui};

#[component]
pub fn ContactList(topics: Vec<String>) -> impl IntoView {
    let s = expect_context::<Screening>();
    move || {
        let directory = s.contacts.get()?;
        let found: Vec<Contact> = directory.for_topics(&topics).into_iter().cloned().collect();
        if found.is_empty() {
            return None;
        }
        let example = directory.example;
        Some(view! {
            <section class="sf-contacts">
                <h3>{move || s.ui(Ui::WhoCanHelp)}</h3>
                {example.then(|| view! { <p class="sf-note">{move || s.ui(Ui::ExampleContacts)}</p> })}
                <ul>
                    {found.into_iter().map(|c| view! { <ContactCard contact=c/> }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[component]
fn ContactCard(contact: Contact) -> impl IntoView {
    let s = expect_context::<Screening>();
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
    let Contact {
        name,
        description,
        hours,
        verified,
        reachable_from,
        ..
    } = contact;
    let hours = hours.map(|h| {
        view! { <p>{move || format!("{}: {}", s.ui(Ui::Hours), Contact::text(&h, s.locale.get()))}</p> }
    });
    view! {
        <li class="sf-contact">
            <p class="sf-contact-name">{move || Contact::text(&name, s.locale.get()).to_owned()}</p>
            <p>{move || Contact::text(&description, s.locale.get()).to_owned()}</p>
            <ul class="sf-channels">{channels}</ul>
            <p>{move || ui::reachable_from(s.locale.get(), &reachable_from)}</p>
            {hours}
            <p class="sf-verified">
                {move || match &verified {
                    Some(date) => ui::verified_on(s.locale.get(), date),
                    None => s.ui(Ui::NotVerified).to_owned(),
                }}
            </p>
        </li>
    }
}
