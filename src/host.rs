//! What the widget learns from its host page: the element's attributes and the browser's
//! preferred languages. Read once at mount; the loader re-mounts on attribute changes.

use screening_core::settings::Attributes;
use web_sys::Element;

/// Reads the documented attributes of `host`; an empty or blank value counts as missing.
pub fn attributes(host: &Element) -> Attributes {
    let get = |name: &str| {
        host.get_attribute(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    Attributes::read(get)
}

/// The browser's preferred language tags, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}

/// Resolves a URL written in an attribute against the page (relative URLs are the page's).
pub fn resolve(url: &str) -> Result<String, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .map_err(|_| format!("\"{url}\" is not a URL"))
}

/// This month as `YYYY-MM`, from the device's clock: reports carry nothing finer.
pub fn this_month() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}", now.get_full_year(), now.get_month() + 1)
}

/// Moves focus to the first element matching `selector` inside `root`, after the next frame
/// (when a re-render has put it there).
pub fn focus_later(root: Option<web_sys::Element>, selector: &'static str) {
    focus_after_frame(root, selector, false);
}

/// Like [`focus_later`], but only if focus has left the widget's shadow root: the element that
/// had it was replaced. Focus the person put somewhere else in the widget stays there.
pub fn refocus_later(root: Option<web_sys::Element>, selector: &'static str) {
    focus_after_frame(root, selector, true);
}

fn focus_after_frame(root: Option<web_sys::Element>, selector: &'static str, only_if_lost: bool) {
    leptos::prelude::request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let Some(root) = root else {
            return;
        };
        if only_if_lost {
            let shadow = root.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok();
            if shadow.is_none_or(|s| s.active_element().is_some()) {
                return;
            }
        }
        let target = root
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}
