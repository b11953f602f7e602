//! Who can help: a choice of where the person is now, then at most three contacts reachable from
//! there for the result's topics, and the rest behind "More contacts". Each card has
//! tap-to-call and messenger links, hours, where it can be reached from, and when it was
//! verified. Core picks the contacts ([`Directory::for_result`]); the cards are static, built
//! with [`crate::dom`], and rebuilt when the place or the directory changes.

use crate::dom::{El, el};
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::contacts::{ChannelKind, Contact, Directory};
use screening_core::definition::PLACES;
use screening_core::ui::{self, Ui};

/// `place` starts where the answers say the person is; changing it re-picks the contacts and
/// keeps everything else (the radios are not re-rendered, so focus stays on them). A language
/// switch builds this anew, from the same `place`.
#[component]
pub fn ContactList(
    groups: Vec<Vec<String>>,
    place: RwSignal<String>,
    locale: Locale,
) -> impl IntoView {
    let s = expect_context::<Screening>();
    let container = NodeRef::<Div>::new();
    // The directory loads alongside the questionnaire; fill in when it is there.
    Effect::new(move |_| {
        let (Some(directory), Some(container)) = (s.contacts.get(), container.get()) else {
            return;
        };
        place
            .with(|p| cards(&directory, &groups, p, locale))
            .replace_children_of(&container);
    });
    let labels = [Ui::PlaceTj, Ui::PlaceRu, Ui::PlaceKz, Ui::PlaceOther];
    let start = place.get_untracked();
    // Static radios and one delegated change handler: less code than a binding per radio.
    let choices = PLACES
        .iter()
        .zip(labels)
        .map(|(&id, label)| {
            view! {
                <label class="sf-option">
                    <input type="radio" name="sf-place" value=id checked=start == id/>
                    <span>{label.text(locale)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="sf-contacts">
            <h3>{Ui::WhoCanHelp.text(locale)}</h3>
            <fieldset class="sf-place" on:change=move |ev| place.set(event_target_value(&ev))>
                <legend>{Ui::WhereNow.text(locale)}</legend>
                <div class="sf-options">{choices}</div>
            </fieldset>
            <div node_ref=container></div>
        </section>
    }
}

fn cards(directory: &Directory, groups: &[Vec<String>], place: &str, locale: Locale) -> El {
    let (first, rest) = directory.for_result(groups, place);
    let mut root = el("div");
    if directory.example {
        root = root.child(
            el("p")
                .class("sf-note")
                .text(Ui::ExampleContacts.text(locale)),
        );
    }
    root = root.child(
        el("ul")
            .class("sf-contact-list")
            .children(first.into_iter().map(|c| card(c, locale))),
    );
    if !rest.is_empty() {
        root = root.child(
            el("details")
                .class("sf-more")
                .child(el("summary").text(Ui::MoreContacts.text(locale)))
                .child(
                    el("ul")
                        .class("sf-contact-list")
                        .children(rest.into_iter().map(|c| card(c, locale))),
                ),
        );
    }
    root
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
        if ch.kind == ChannelKind::Phone {
            // Not "☎ +992 …": what the link does and who answers.
            link = link.attr(
                "aria-label",
                &ui::call(
                    locale,
                    Some(Contact::text(&contact.name, locale)),
                    &ch.value,
                ),
            );
        }
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
        .attr("data-contact", &contact.id)
        .child(el("p").class("sf-contact-name").linked_text(
            Contact::text(&contact.name, locale),
            locale,
            None,
        ))
        .child(el("p").linked_text(
            Contact::text(&contact.description, locale),
            locale,
            Some(Contact::text(&contact.name, locale)),
        ))
        .child(el("ul").class("sf-channels").children(channels))
        .child(
            el("p")
                .class("sf-reach")
                .text(&ui::reachable_from(locale, &contact.reachable_from)),
        );
    if let Some(hours) = &contact.hours {
        item = item.child(el("p").text(&format!(
            "{}: {}",
            Ui::Hours.text(locale),
            Contact::text(hours, locale)
        )));
    }
    item.child(el("p").class("sf-verified").text(&verified))
}
