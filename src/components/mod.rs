//! The widget's views. Each renders core state and sends the person's actions back to it.
//! The start screen's (`start`, `toolbar` and what it holds) also build natively, for the
//! build-time prerender.

pub mod language_menu;
pub mod quick_exit;
pub mod start;
pub mod toolbar;

#[cfg(target_arch = "wasm32")]
pub mod consent;
#[cfg(target_arch = "wasm32")]
pub mod contacts;
#[cfg(target_arch = "wasm32")]
pub mod problem;
#[cfg(target_arch = "wasm32")]
pub mod question;
#[cfg(target_arch = "wasm32")]
pub mod result;
#[cfg(target_arch = "wasm32")]
pub mod widget;
