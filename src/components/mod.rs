//! The widget's views. Each renders core state and sends the person's actions back to it.

pub mod consent;
pub mod contacts;
pub mod language_menu;
pub mod problem;
pub mod question;
pub mod quick_exit;
pub mod result;
pub mod start;
pub mod widget;
