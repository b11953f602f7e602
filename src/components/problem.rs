//! The message a site's author sees when the widget cannot work: a bad attribute, an
//! unreachable or invalid definition. Details are also in the console. Static, so built with
//! [`crate::dom`].

use crate::dom::{el, li};
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::ui::Ui;

#[component]
pub fn Problem(locale: Locale, details: Vec<String>) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    container.on_load(move |container| {
        el("div")
            .child(el("p").text(Ui::FormError.text(locale)))
            .child(
                el("ul")
                    .class("sf-problem-details")
                    .attr("lang", "en")
                    .children(details.iter().map(|d| li(d))),
            )
            .replace_children_of(&container);
    });
    view! { <div class="sf-problem" role="alert" node_ref=container></div> }
}
