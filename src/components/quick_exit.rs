//! The quick-exit control: a button on every screen (it stays in view while scrolling) and the
//! Shift-three-times shortcut. Also resets the widget when the page is hidden, so a page
//! restored from the back/forward cache shows the start screen, not the answers.

use crate::exit;
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::flow::Flow;
use screening_core::quick_exit::ShiftCounter;
use screening_core::ui::Ui;
use std::cell::RefCell;
use std::rc::Rc;

#[component]
pub fn QuickExit(root: NodeRef<Div>) -> impl IntoView {
    let s = expect_context::<Screening>();
    let flow = s.flow;
    let url = s.settings().exit_url.clone();
    // Blank at once (before the next render), forget everything, then leave.
    let blank_and_reset = move || {
        if let Some(el) = root.get_untracked() {
            exit::blank(&el);
        }
        flow.set(Flow::new());
    };
    let leave = move || {
        blank_and_reset();
        exit::leave(&url);
    };

    let counter = Rc::new(RefCell::new(ShiftCounter::default()));
    let on_key = {
        let leave = leave.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            if counter
                .borrow_mut()
                .key_down(&ev.key(), ev.repeat(), exit::now_ms())
            {
                leave();
            }
        })
    };
    // Another instance on the page is leaving: blank this one too.
    let on_exit = window_event_listener_untyped(exit::EXIT_EVENT, move |_| blank_and_reset());
    // The page is being hidden (navigation, tab switch to history): drop the answers, so the
    // back/forward cache never holds them.
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flow.set(Flow::new()));
    on_cleanup(move || {
        on_key.remove();
        on_exit.remove();
        on_hide.remove();
    });

    view! {
        <button type="button" class="sf-exit" on:click=move |_| leave()>
            {move || s.ui(Ui::QuickExit)}
        </button>
    }
}
