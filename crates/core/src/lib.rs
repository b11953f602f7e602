//! The pure heart of screening-form: everything the widget and the collector must agree on,
//! with no web or Leptos types, so it is tested natively in seconds.
//!
//! A definition enters through [`parse_definition`], which reports every problem with its JSON
//! path; [`Definition::score`] turns answers into an [`Outcome`] whose every point is explained.

pub mod answers;
pub mod assisted;
mod condition;
pub mod contacts;
pub mod definition;
pub mod delivery;
pub mod disclosure;
pub mod error;
pub mod flow;
pub mod locale;
pub mod month;
mod order;
pub mod parse;
pub mod payload;
mod payload_json;
pub mod phone;
pub mod randomized;
pub mod scoring;
pub mod settings;
mod small_map;
pub mod text;
pub mod ui;
pub mod validate;

pub use answers::{Answer, AnswerError, Answers};
pub use definition::Definition;
pub use error::DefinitionError;
pub use locale::Locale;
pub use scoring::Outcome;
pub use small_map::SmallMap;
pub use validate::parse_definition;
