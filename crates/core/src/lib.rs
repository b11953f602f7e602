//! The pure heart of screening-form: everything the widget and the collector must agree on,
//! with no web or Leptos types, so it is tested natively in seconds.

pub mod locale;
