//! Numbers to call from where the person is now: for each topic, the first contact reachable
//! from there that serves it and has a phone (core's [`Directory::urgent_numbers`]), as `tel:`
//! links. Rebuilt when the directory arrives.

use super::Assist;
use crate::components::result::call_link;
use crate::dom::el;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn Numbers(topics: Vec<String>, none: &'static str) -> impl IntoView {
    let a = expect_context::<Assist>();
    let locale = a.s.locale.get_untracked();
    let container = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let (Some(directory), Some(container)) = (a.s.contacts.get(), container.get()) else {
            return;
        };
        let d = a.s.def();
        let place = a.s.flow.with(|f| d.place(f.answers()).to_owned());
        let numbers = directory.urgent_numbers(&topics, &place);
        let list = if numbers.is_empty() {
            el("p").attr("data-label", "").text(none)
        } else {
            el("ul").children(numbers.into_iter().map(|(c, ch)| {
                el("li")
                    .attr("data-field", "contact")
                    .child(call_link(c, ch, locale))
            }))
        };
        list.replace_children_of(&container);
    });
    view! { <div class="sf-numbers" node_ref=container></div> }
}
