//! The collector's library part: what only the collector does with reports, apart from the
//! HTTP server (`serve`, in the binary). Aggregation lives here, not in the core: the widget
//! never aggregates.

pub mod aggregate;
