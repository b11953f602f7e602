//! Switching language at any time; answers are kept because the flow has no language.
//!
//! Choosing in the list changes nothing yet: the button beside it, labelled in the chosen
//! language, does. An arrow key on a closed list changes its value (and fires `change`) in
//! several browsers; switching on every such step re-rendered the widget and fetched a file per
//! language passed (WCAG 3.2.2, On Input).

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
    // The language picked in the list, not yet applied.
    let chosen = RwSignal::new(locale.get_untracked());
    // A switch from elsewhere (or one that was refused) shows in the list again.
    Effect::new(move |_| chosen.set(locale.get()));
    // Fetches the locale's file first when the questionnaire came as one file per locale. (The
    // pre-rendered menu has no handlers: the live one replaces it.)
    #[cfg(target_arch = "wasm32")]
    let switch = crate::load::locale_switcher();
    #[cfg(not(target_arch = "wasm32"))]
    let switch = |_: Locale| {};
    // The button hides once the language changed: focus goes back to the list first.
    let list = NodeRef::<leptos::html::Select>::new();
    Some(view! {
        <div class="sf-language">
            <label>
                <span>{move || s.ui(Ui::Language)}</span>
                <select
                    node_ref=list
                    prop:value=move || chosen.get().tag()
                    on:change=move |ev| {
                        if let Some(l) = Locale::from_language_tag(&event_target_value(&ev)) {
                            chosen.set(l);
                        }
                    }
                >
                    {offered
                        .into_iter()
                        .map(|l| view! {
                            // `selected` for the pre-rendered menu, which has no `prop:value`.
                            <option value=l.tag() lang=l.tag() selected=l == locale.get_untracked()>
                                {l.native_name()}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                class="sf-secondary sf-language-change"
                lang=move || chosen.get().tag()
                hidden=move || chosen.get() == locale.get()
                on:click=move |_| {
                    if let Some(list) = list.get_untracked() {
                        let _ = list.focus();
                    }
                    switch(chosen.get_untracked());
                }
            >
                {move || Ui::ChangeLanguage.text(chosen.get())}
            </button>
        </div>
    })
}
