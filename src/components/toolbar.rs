//! The bar above every screen of a loaded questionnaire: quick exit and the language menu.

use crate::components::{language_menu::LanguageMenu, quick_exit::QuickExit};
use crate::state::Screening;
use leptos::prelude::*;

#[component]
pub fn Toolbar() -> impl IntoView {
    let s = expect_context::<Screening>();
    view! {
        <div class="sf-toolbar">
            <QuickExit locale=s.locale/>
            <LanguageMenu/>
        </div>
    }
}
