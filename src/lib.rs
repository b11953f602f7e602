//! The `<screening-form>` widget: Leptos components rendered into a shadow root by the
//! `screening-form.js` loader. Everything here is wasm32-only and thin: what to show, how to
//! score and what to send are decided by `screening-core`, which is tested natively.
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod components;
pub mod dom;
pub mod embed;
pub mod exit;
pub mod fresh;
pub mod host;
pub mod queue;
pub mod report;
mod rng;
pub mod state;
mod style;
