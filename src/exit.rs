//! Quick exit, the wasm's part. Blanking every widget, deleting a queued report and leaving
//! with `location.replace` are done by `screening-form.js`, which works even when this wasm is
//! still loading or has trapped. The wasm only draws the button (the loader handles its clicks,
//! found by `data-quick-exit`) and, once told, forgets its answers.

use leptos::html::Div;
use leptos::prelude::*;
use screening_core::flow::Flow;

/// The event the loader sends to every instance when the person leaves.
pub use screening_core::settings::EXIT_EVENT;

thread_local! {
    /// Set once the person has pressed quick exit: from then on nothing in this page may write
    /// to storage again (a send still retrying must not put the report back on the device).
    static LEAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the person has started to leave. Checked before every write to storage.
pub fn is_leaving() -> bool {
    LEAVING.with(std::cell::Cell::get)
}

/// Listens, once per page, for the loader's exit event, and marks the page as leaving before
/// any instance's own listener runs or any send settles.
pub fn watch_for_exit() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let mark = Closure::<dyn Fn()>::new(|| LEAVING.with(|l| l.set(true)));
    let _ = window.add_event_listener_with_callback(EXIT_EVENT, mark.as_ref().unchecked_ref());
    // The page's listener lives as long as the page.
    mark.forget();
}

/// Hides and empties an element immediately, without waiting for the next render.
pub fn blank(element: &web_sys::HtmlElement) {
    element.set_hidden(true);
    element.replace_children_with_node_0();
}

/// Forgets the answers when the loader says the person is leaving (blanking `root` too, in
/// case the loader could not), and when the page is hidden by a navigation, so the
/// back/forward cache never holds them. Listeners are removed with the current owner.
pub fn forget_on_exit(root: NodeRef<Div>, flow: RwSignal<Flow>) {
    let on_exit = window_event_listener_untyped(EXIT_EVENT, move |_| {
        if let Some(el) = root.get_untracked() {
            blank(&el);
        }
        flow.set(Flow::new());
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flow.set(Flow::new()));
    on_cleanup(move || {
        on_exit.remove();
        on_hide.remove();
    });
}
