//! The widget's root component.

use crate::attributes::Attributes;
use leptos::prelude::*;

/// Placeholder view that proves the embedding is live: it lists the attributes it read and
/// counts presses of a button. Replaced by the questionnaire flow.
#[component]
pub fn App(attributes: Attributes) -> impl IntoView {
    let (count, set_count) = signal(0u32);
    let present = attributes.present();
    view! {
        <section class="sf-placeholder" aria-label="Screening form">
            <h2>"Screening form"</h2>
            <dl>
                {present
                    .into_iter()
                    .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
            <button type="button" class="sf-counter" on:click=move |_| *set_count.write() += 1>
                "Pressed " {count} " times"
            </button>
        </section>
    }
}
