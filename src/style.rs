//! The widget's stylesheet, compiled in and adopted into each shadow root as one shared
//! constructable stylesheet: no `<style>` element, no extra request, so it works under a strict
//! `style-src` and `connect-src`.

use std::cell::OnceCell;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// The stylesheet without comments and indentation (see build.rs).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

thread_local! {
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
}

/// Adopts the shared stylesheet into `root`, keeping any sheets already there.
pub fn adopt(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with(|cell| {
        cell.get_or_init(|| {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            Some(sheet)
        })
        .clone()
    });
    let sheet = sheet.ok_or_else(|| JsValue::from_str("constructable stylesheets unsupported"))?;
    let sheets = js_sys::Array::from(&root.adopted_style_sheets());
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        root.set_adopted_style_sheets(&sheets);
    }
    Ok(())
}
