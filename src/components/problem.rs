//! The message a site's author sees when the widget cannot work: a bad attribute, an
//! unreachable or invalid definition. Details are also in the console.

use leptos::prelude::*;
use screening_core::Locale;
use screening_core::ui::Ui;

#[component]
pub fn Problem(locale: Locale, details: Vec<String>) -> impl IntoView {
    view! {
        <div class="sf-problem" role="alert">
            <p>{Ui::FormError.text(locale)}</p>
            <ul class="sf-problem-details" lang="en">
                {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
            </ul>
        </div>
    }
}
