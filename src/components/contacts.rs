//! Who can help: contacts from the directory for the bands shown, non-police first, with
//! tap-to-call and messenger links, hours, where they work from, and when they were verified.
//! Static once shown, so built with [`crate::dom`] when the directory has loaded.

use crate::dom::{El, el};
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::contacts::{ChannelKind, Contact};
use screening_core::ui::{self, Ui};

#[component]
pub fn ContactList(topics: Vec<String>, locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let container = NodeRef::<Div>::new();
    // The directory loads alongside the questionnaire; fill in when it is there.
    Effect::new(move |_| {
        let (Some(directory), Some(container)) = (s.contacts.get(), container.get()) else {
            return;
        };
        let found = directory.for_topics(&topics);
        if found.is_empty() {
            return;
        }
        let mut section = el("section")
            .class("sf-contacts")
            .child(el("h3").text(Ui::WhoCanHelp.text(locale)));
        if directory.example {
            section = section.child(
                el("p")
                    .class("sf-note")
                    .text(Ui::ExampleContacts.text(locale)),
            );
        }
        section
            .child(el("ul").children(found.into_iter().map(|c| card(c, locale))))
            .replace_children_of(&container);
    });
    view! { <div node_ref=container></div> }
}

fn card(contact: &Contact, locale: Locale) -> El {
    let channels = contact.channels.iter().map(|ch| {
        let label = match ch.kind {
            ChannelKind::Phone => format!("☎ {}", ch.value),
            ChannelKind::Whatsapp => format!("WhatsApp {}", ch.value),
            ChannelKind::Telegram => format!("Telegram @{}", ch.value.trim_start_matches('@')),
            ChannelKind::Email | ChannelKind::Web => ch.value.clone(),
        };
        let mut link = el("a").attr("href", &ch.href());
        if matches!(
            ch.kind,
            ChannelKind::Whatsapp | ChannelKind::Telegram | ChannelKind::Web
        ) {
            link = link
                .attr("target", "_blank")
                .attr("rel", "noopener noreferrer");
        }
        el("li").child(link.text(&label))
    });
    let verified = match &contact.verified {
        Some(date) => ui::verified_on(locale, date),
        None => Ui::NotVerified.text(locale).to_owned(),
    };
    let mut item = el("li")
        .class("sf-contact")
        .child(
            el("p")
                .class("sf-contact-name")
                .text(Contact::text(&contact.name, locale)),
        )
        .child(el("p").text(Contact::text(&contact.description, locale)))
        .child(el("ul").class("sf-channels").children(channels))
        .child(el("p").text(&ui::reachable_from(locale, &contact.reachable_from)));
    if let Some(hours) = &contact.hours {
        item = item.child(el("p").text(&format!(
            "{}: {}",
            Ui::Hours.text(locale),
            Contact::text(hours, locale)
        )));
    }
    item.child(el("p").class("sf-verified").text(&verified))
}
