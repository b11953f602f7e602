//! `screening serve`: the reference collector. Accepts anonymous reports over HTTP, validates
//! them with the same core types the widget builds them with, stores them durably in SQLite,
//! and publishes aggregates with small cells suppressed.

mod limit;
mod log;
pub mod registry;
mod routes;
mod store;

use clap::Args;
pub use registry::BUILT_IN;
use registry::Registry;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use store::Store;

/// Options of `screening serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// SQLite database file (created and migrated on start).
    #[arg(long, default_value = "screening.sqlite")]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// An origin (scheme://host[:port]) whose pages may post reports; repeat for several.
    /// Without any, only same-origin pages can post.
    #[arg(long = "allowed-origin")]
    pub allowed_origins: Vec<String>,
    /// Token for GET /v1/aggregates (sent as `Authorization: Bearer TOKEN`). Without one the
    /// aggregates are not served.
    #[arg(long, env = "SCREENING_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Aggregate cells with fewer reports than this are suppressed.
    #[arg(long, default_value_t = screening_core::aggregate::DEFAULT_MIN_CELL)]
    pub min_cell: u64,
    /// A directory of extra questionnaire definitions (*.json) to accept reports for.
    #[arg(long)]
    pub questionnaires: Option<PathBuf>,
    /// Reports a client may post per minute (token bucket, burst of the same size); 0: no limit.
    #[arg(long, default_value_t = 30)]
    pub rate_per_minute: u32,
}

/// Shared by every request.
pub struct AppState {
    pub registry: Registry,
    pub store: Store,
    pub limiter: limit::RateLimiter,
    pub admin_token: Option<String>,
    pub min_cell: u64,
}

/// Runs the collector until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> Result<(), String> {
    log::init();
    let registry = Registry::load(args.questionnaires.as_deref())?;
    let store = Store::open(&args.db)?;
    tracing::info!(
        db = %args.db.display(),
        questionnaires = %registry.describe(),
        "collector starting"
    );
    let state = Arc::new(AppState {
        registry,
        store,
        limiter: limit::RateLimiter::per_minute(args.rate_per_minute),
        admin_token: args.admin_token.filter(|t| !t.is_empty()),
        min_cell: args.min_cell,
    });
    let app = routes::router(state, &args.allowed_origins)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        // The one line scripts wait for: the collector is ready.
        println!("screening collector listening on http://{local}");
        tokio::spawn(log::summaries());
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("server error: {e}"));
        log::summary("since the last summary");
        served
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
