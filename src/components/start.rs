//! The start screen: what the check is, that answers stay here, how long it takes, that any
//! question can be skipped, and to do it where nobody is watching.

use crate::state::Screening;
use leptos::prelude::*;
use screening_core::ui::{self, Ui};

#[component]
pub fn StartScreen() -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let sends = s.settings().endpoint.is_some();
    let (title, intro, minutes) = (d.title.clone(), d.intro.clone(), d.minutes);
    view! {
        <section class="sf-start">
            <h2 data-focus tabindex="-1">{move || s.text(&title)}</h2>
            <p>{move || s.text(&intro)}</p>
            <ul class="sf-facts">
                <li>{move || ui::minutes(s.locale.get(), minutes)}</li>
                <li>
                    {move || s.ui(Ui::AnswersStay)} " "
                    {move || s.ui(if sends { Ui::SendOnlyIfAgreed } else { Ui::NothingSent })}
                </li>
                <li>{move || s.ui(Ui::SkipAny)}</li>
                <li>{move || s.ui(Ui::NobodyWatching)}</li>
            </ul>
            <button type="button" class="sf-primary" on:click=move |_| s.update(|f, d| f.begin(d))>
                {move || s.ui(Ui::Start)}
            </button>
        </section>
    }
}
