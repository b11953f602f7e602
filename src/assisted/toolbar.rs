//! The bar above every assisted screen: quick exit, the caseworker's and the person's
//! languages (switching keeps every answer), and "End and clear".

use super::Assist;
use crate::components::quick_exit::QuickExit;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::assisted::words::Say;

#[component]
pub fn AssistedToolbar() -> impl IntoView {
    let a = expect_context::<Assist>();
    let offered = a.s.def().offered_locales();
    let menu = move |label: Say, signal: RwSignal<Locale>, all: Vec<Locale>| {
        view! {
            <label class="sf-language">
                <span>{move || a.cw(label)}</span>
                <select
                    prop:value=move || signal.get().tag()
                    on:change=move |ev| {
                        if let Some(l) = Locale::from_language_tag(&event_target_value(&ev)) {
                            signal.set(l);
                        }
                    }
                >
                    {all
                        .into_iter()
                        .map(|l| view! {
                            <option value=l.tag() lang=l.tag() selected=l == signal.get_untracked()>
                                {l.native_name()}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <div class="sf-toolbar sf-assisted-toolbar">
            <QuickExit locale=a.s.locale/>
            <p class="sf-assisted-title">{move || a.cw(Say::Title)}</p>
            {menu(Say::YourLanguage, a.cw, Locale::ALL.to_vec())}
            {menu(Say::PersonLanguage, a.s.locale, offered)}
            <button type="button" class="sf-secondary" data-end-and-clear="" on:click=move |_| a.clear()>
                {move || a.cw(Say::EndAndClear)}
            </button>
        </div>
    }
}
