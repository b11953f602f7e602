//! Switching language at any time; answers are kept because the flow has no language.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::ui::Ui;

#[component]
pub fn LanguageMenu() -> impl IntoView {
    let s = expect_context::<Screening>();
    let offered = s.def().offered_locales();
    if offered.len() < 2 {
        return None;
    }
    let locale = s.locale;
    // Fetches the locale's file first when the questionnaire came as one file per locale.
    let switch = crate::components::widget::locale_switcher();
    Some(view! {
        <label class="sf-language">
            <span>{move || s.ui(Ui::Language)}</span>
            <select
                prop:value=move || locale.get().tag()
                on:change=move |ev| {
                    if let Some(l) = Locale::from_language_tag(&event_target_value(&ev)) {
                        switch(l);
                    }
                }
            >
                {offered
                    .into_iter()
                    .map(|l| view! {
                        <option value=l.tag() lang=l.tag()>{l.native_name()}</option>
                    })
                    .collect_view()}
            </select>
        </label>
    })
}
