//! The start screen: what the check is, that answers stay here, how long it takes, that any
//! question can be skipped, and to do it where nobody is watching. The definition's intro says
//! what the check is about; the privacy points are said once, in the list below it (review T5).

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::ui::{self, Ui};

/// Rendered afresh for each language, so its text is static (less code than a reactive
/// binding per string).
#[component]
pub fn StartScreen(locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let sends = s.settings().endpoint.is_some();
    view! {
        <section class="sf-start">
            <h2 data-focus tabindex="-1">{d.title().get(locale).to_owned()}</h2>
            <p>{d.intro().get(locale).to_owned()}</p>
            <ul class="sf-facts">
                <li>{ui::minutes(locale, d.minutes())}</li>
                <li>
                    {Ui::AnswersStay.text(locale)} " "
                    {if sends { Ui::SendOnlyIfAgreed } else { Ui::NothingSent }.text(locale)}
                </li>
                <li>{Ui::SkipAny.text(locale)}</li>
                // Most people use a phone with no Shift key: the stylesheet shows this only where
                // a keyboard is likely (the same on the pre-rendered screen, which cannot ask).
                <li class="sf-watching">
                    {Ui::NobodyWatching.text(locale)}
                    <span class="sf-keyboard">" " {Ui::ShiftHint.text(locale)}</span>
                </li>
            </ul>
            <button type="button" class="sf-primary" on:click=move |_| s.begin()>
                {Ui::Start.text(locale)}
            </button>
        </section>
    }
}
