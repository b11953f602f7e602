//! The boundary with `screening-form.js`: the loader calls [`mount`] for each connected
//! `<screening-form>` and [`Instance::unmount`] when it leaves the page.

use crate::components::widget::Widget;
use crate::host;
use crate::load::{Preload, PreloadedBuiltIn, PreloadedUrl};
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

/// One live widget. Unmounting disposes its reactive state, listeners and DOM.
#[wasm_bindgen]
pub struct Instance {
    handle: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Instance {
    /// Removes the widget's DOM and drops every piece of its state. Idempotent.
    pub fn unmount(&mut self) {
        self.handle.take();
    }
}

/// Installs a panic hook once per page, so a bug is reported in the console with its cause
/// and place (a smaller stand-in for console_error_panic_hook, without the JS stack trace).
#[wasm_bindgen(start)]
fn start() {
    crate::exit::watch_for_exit();
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("<screening-form> panicked: {info}").into());
    }));
}

/// Renders a widget for `host` into its (already attached) shadow `root`. `base` is the URL
/// of the directory the loader came from (ending in `/`), where the built-in files are.
/// `preload`, what the loader started fetching while the wasm loaded: a built-in questionnaire's
/// locale file, `{locale, text: Promise<string>, locales: {tag: status}, default_scripts,
/// contacts}`, or a partner's definition, `{url, text: Promise<string>}`. `started`: Start was
/// pressed on the pre-rendered start screen the loader showed while the wasm loaded. The
/// loader adopts the widget's stylesheet (`screening-form.css`) before this is called.
#[wasm_bindgen]
pub fn mount(
    host: HtmlElement,
    root: ShadowRoot,
    base: String,
    preload: JsValue,
    started: bool,
) -> Result<Instance, JsValue> {
    let document = root.owner_document().ok_or("shadow root has no document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("sf-host");
    root.append_child(&container)?;
    let attributes = host::attributes(&host);
    let preload = read_preload(&preload);
    let handle = leptos::mount::mount_to(
        container,
        move || view! { <Widget attributes base preload started/> },
    );
    Ok(Instance {
        handle: Some(Box::new(handle)),
    })
}

fn read_preload(p: &JsValue) -> Option<Preload> {
    if !p.is_object() {
        return None;
    }
    let get = |key: &str| js_sys::Reflect::get(p, &JsValue::from_str(key)).ok();
    let pairs = |key: &str| -> Vec<(String, String)> {
        get(key)
            .filter(JsValue::is_object)
            .map(|o| {
                js_sys::Object::entries(o.unchecked_ref())
                    .iter()
                    .filter_map(|e| {
                        let e = js_sys::Array::from(&e);
                        Some((e.get(0).as_string()?, e.get(1).as_string()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let text: js_sys::Promise = get("text")?.dyn_into().ok()?;
    if let Some(url) = get("url").and_then(|u| u.as_string()) {
        return Some(Preload::Url(PreloadedUrl { url, text }));
    }
    Some(Preload::BuiltIn(PreloadedBuiltIn {
        locale: get("locale")?.as_string()?,
        text,
        locales: pairs("locales"),
        default_scripts: pairs("default_scripts"),
        contacts_per_locale: get("contacts").is_some_and(|c| c.is_truthy()),
    }))
}
