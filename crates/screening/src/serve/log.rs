//! Logging. Every request but a report gets one line: method, path, status and latency. Reports
//! (`POST /v1/submissions`, and any other request to that path, such as the CORS preflight that
//! comes just before a report) get no line of their own, because a line's time would tie a stored
//! report to the moment it arrived (and, with a proxy's access log, to an address): they are
//! only counted, and the counts are logged once a day and at shutdown. Never a client address,
//! a query string, a header or a body.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Sets up the log from `SCREENING_LOG` (default `info`). Whatever it says, the server
/// library's per-connection lines (which name the client's address) stay off.
pub fn init() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("SCREENING_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    for quiet in ["axum::serve=off", "hyper=off", "hyper_util=off"] {
        if let Ok(directive) = quiet.parse() {
            filter = filter.add_directive(directive);
        }
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// Reports received since the last summary, by outcome.
static STORED: AtomicU64 = AtomicU64::new(0);
static DUPLICATE: AtomicU64 = AtomicU64::new(0);
static REJECTED: AtomicU64 = AtomicU64::new(0);
static FAILED: AtomicU64 = AtomicU64::new(0);

/// How often the counts are logged.
pub const SUMMARY_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

pub async fn requests(request: Request, next: Next) -> Response {
    // No line for anything sent to the reports' path: a report, and also the CORS preflight a
    // browser sends just before it, whose time would date the report as well.
    if request.uri().path() == "/v1/submissions" {
        if request.method() != Method::POST {
            return next.run(request).await;
        }
        let response = next.run(request).await;
        let counter = match response.status().as_u16() {
            201 => &STORED,
            200 => &DUPLICATE,
            400..=499 => &REJECTED,
            _ => &FAILED,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        return response;
    }
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        latency_ms = format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    response
}

/// Logs the reports counted since the last summary (one line, even when none came) and
/// starts counting afresh.
pub fn summary(period: &str) {
    let take = |c: &AtomicU64| c.swap(0, Ordering::Relaxed);
    tracing::info!(
        stored = take(&STORED),
        duplicate = take(&DUPLICATE),
        rejected = take(&REJECTED),
        failed = take(&FAILED),
        "reports {period}"
    );
}

/// Logs a summary every [`SUMMARY_EVERY`].
pub async fn summaries() {
    let mut every = tokio::time::interval(SUMMARY_EVERY);
    every.tick().await; // the first tick is immediate
    loop {
        every.tick().await;
        summary("in the last day");
    }
}
