//! The `<screening-form>` widget: Leptos components rendered into a shadow root by the
//! `screening-form.js` loader. Everything here is thin: what to show, how to score and what to
//! send are decided by `screening-core`, which is tested natively.
//!
//! It is built for wasm32. With the `prerender` feature, the components of the start screen
//! also build natively, so `screening-prerender` can render that screen to HTML at build time
//! (the loader shows it before the wasm has arrived).
#![cfg(any(target_arch = "wasm32", feature = "prerender"))]

pub mod components;
pub mod state;

#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(all(target_arch = "wasm32", feature = "assisted"))]
pub(crate) mod assisted;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod exit;
#[cfg(target_arch = "wasm32")]
pub mod fresh;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod load;
#[cfg(target_arch = "wasm32")]
pub mod queue;
#[cfg(target_arch = "wasm32")]
pub mod report;
#[cfg(target_arch = "wasm32")]
mod rng;
