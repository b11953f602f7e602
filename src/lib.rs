//! The `<screening-form>` widget: Leptos components rendered into a shadow root by the
//! `screening-form.js` loader. Everything here is wasm32-only; the logic it shows lives in
//! `screening-core`, which is tested natively.
#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod attributes;
pub mod embed;
mod style;
