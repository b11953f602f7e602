//! The quick-exit button, on every screen (it stays in view while scrolling). It has no click
//! handler here: `screening-form.js` handles every `[data-quick-exit]` click in the shadow root
//! and owns the Shift-three-times shortcut, so both work even if this wasm has trapped.

use leptos::prelude::*;
use screening_core::Locale;
use screening_core::ui::Ui;

#[component]
pub fn QuickExit(locale: RwSignal<Locale>) -> impl IntoView {
    view! {
        <button type="button" class="sf-exit" data-quick-exit="">
            {move || Ui::QuickExit.text(locale.get())}
        </button>
    }
}
