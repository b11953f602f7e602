//! Quick exit: blank every widget on the page at once, forget the answers, and leave with
//! `location.replace` so Back does not return to them.

/// The event every instance listens for, so one exit blanks them all.
pub const EXIT_EVENT: &str = "screening-form-exit";

/// Leaves the page for `url`. Callers blank and reset their own state first; this tells the
/// other instances to do the same, then navigates without a history entry.
pub fn leave(url: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(event) = web_sys::Event::new(EXIT_EVENT) {
        let _ = window.dispatch_event(&event);
    }
    if window.location().replace(url).is_err() {
        // A URL the browser refuses (checked earlier, but never trust it): go somewhere safe.
        let _ = window
            .location()
            .replace(screening_core::settings::DEFAULT_EXIT_URL);
    }
}

/// Hides and empties an element immediately, without waiting for the next render.
pub fn blank(element: &web_sys::HtmlElement) {
    element.set_hidden(true);
    element.replace_children_with_node_0();
}

/// The current time in milliseconds, for the keyboard shortcut's window.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}
