//! The boundary with `screening-form.js`: the loader calls [`mount`] for each connected
//! `<screening-form>` and [`Instance::unmount`] when it leaves the page.

use crate::components::widget::Widget;
use crate::host;
use crate::style;
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
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("<screening-form> panicked: {info}").into());
    }));
}

/// Renders a widget for `host` into its (already attached) shadow `root`. `base` is the URL
/// of the directory the loader came from (ending in `/`), where the built-in files are.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, base: String) -> Result<Instance, JsValue> {
    style::adopt(&root)?;
    let document = root.owner_document().ok_or("shadow root has no document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("sf-host");
    root.append_child(&container)?;
    let attributes = host::attributes(&host);
    let handle = leptos::mount::mount_to(container, move || view! { <Widget attributes base/> });
    Ok(Instance {
        handle: Some(Box::new(handle)),
    })
}
