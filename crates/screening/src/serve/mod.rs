//! `screening serve`: the reference collector. Accepts anonymous reports over HTTP, validates
//! them with the same core types the widget builds them with, stores them durably in SQLite,
//! and publishes aggregates with small cells suppressed.

mod admin;
mod guard;
mod health;
mod limit;
mod log;
mod net;
mod published;
pub mod registry;
mod routes;
mod store;
mod svg;
pub mod token;

use clap::Args;
use registry::Registry;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::Store;
pub use store::backup;

/// Options of `screening serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where reports go: an SQLite file (created and migrated on start), or a PostgreSQL
    /// database as postgres://USER:PASSWORD@HOST:PORT/DATABASE (tables created on start;
    /// several collectors may share it). Refused if reports cannot be written to it. Prefer
    /// SCREENING_DB for a URL with a password: the command line is visible to every user.
    #[arg(
        long,
        env = "SCREENING_DB",
        hide_env_values = true,
        default_value = "screening.sqlite"
    )]
    pub db: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// An origin (scheme://host[:port]) whose pages may post reports; repeat for several.
    /// Without any, only same-origin pages can post. `*` is refused.
    #[arg(long = "allowed-origin")]
    pub allowed_origins: Vec<String>,
    /// A file holding the token for GET /v1/aggregates (sent as `Authorization: Bearer TOKEN`)
    /// and the dashboard, trailing whitespace ignored. Or set SCREENING_ADMIN_TOKEN. Without a
    /// token the aggregates are not served. A token must be random and at least 32 bytes
    /// strong (`screening admin-token` makes one); a weaker one is refused at start.
    #[arg(long)]
    pub admin_token_file: Option<PathBuf>,
    /// The admin token itself. Prefer --admin-token-file or SCREENING_ADMIN_TOKEN: a value on
    /// the command line is visible to every user of the machine (ps, /proc).
    #[arg(long, env = "SCREENING_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Aggregate cells with fewer reports than this are suppressed.
    #[arg(long, default_value_t = crate::aggregate::DEFAULT_MIN_CELL)]
    pub min_cell: u64,
    /// A directory of extra questionnaire definitions (*.json) to accept reports for. An id and
    /// version that is already defined (built in, or in another file) is refused.
    #[arg(long)]
    pub questionnaires: Option<PathBuf>,
    /// Reports a client may post per minute (burst of the same size); 0: no limit. A client is
    /// an IPv4 address or an IPv6 /64.
    #[arg(long, default_value_t = 30)]
    pub rate_per_minute: u32,
    /// The collector is behind a reverse proxy that appends the visitor's address to
    /// X-Forwarded-For: rate-limit by that address (the last one in the header). Only with a
    /// collector the proxy alone can reach, or clients could pick their own.
    #[arg(long)]
    pub trust_proxy: bool,
    /// Always mark the dashboard's session cookie `Secure` (the collector is reached over
    /// HTTPS). Without it the cookie is `Secure` when --trust-proxy is given and the proxy
    /// sends `X-Forwarded-Proto: https`.
    #[arg(long)]
    pub secure_cookies: bool,
    /// Seconds a client has to send a request's head (line and headers), and the longest a
    /// kept-alive connection may sit idle.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout_secs: u64,
    /// Seconds a client has to send a request's whole body once its head arrived (408 after),
    /// on every route.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout_secs: u64,
    /// Open connections at most (lowered to fit the open-file limit). At the limit the oldest
    /// connection without a request in progress is closed for each new one.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,
    /// On SIGTERM or Ctrl-C: seconds given to requests in progress before every connection is
    /// closed; then the database is checkpointed and closed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub shutdown_timeout_secs: u64,
}

/// Shared by every request.
pub struct AppState {
    pub registry: Registry,
    pub store: Store,
    pub limiter: limit::RateLimiter,
    pub guard: guard::AdminGuard,
    pub health: health::Health,
    pub admin_token: Option<String>,
    pub min_cell: u64,
    pub body_timeout: Duration,
    pub sessions: admin::Sessions,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    /// The last published tables per questionnaire (see `published`).
    pub published: published::Published,
}

/// Runs the collector until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> Result<(), String> {
    log::init();
    let origins = args
        .allowed_origins
        .iter()
        .map(|o| routes::parse_origin(o))
        .collect::<Result<Vec<_>, _>>()?;
    let admin_token = token::admin_token(&args)?;
    let registry = Registry::load(args.questionnaires.as_deref())?;
    let wanted = usize::try_from(args.max_connections).unwrap_or(usize::MAX);
    let (max_connections, open_files) = net::connection_limit(wanted);
    let config = net::Config {
        header_timeout: Duration::from_secs(args.header_timeout_secs),
        max_connections,
        shutdown_timeout: Duration::from_secs(args.shutdown_timeout_secs),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let store = Store::open(&args.db, &registry).await?;
        tracing::info!(
            db = %store::describe(&args.db),
            backend = store.backend(),
            questionnaires = %registry.describe(),
            max_connections,
            open_files,
            header_timeout_s = args.header_timeout_secs,
            body_timeout_s = args.body_timeout_secs,
            trust_proxy = args.trust_proxy,
            "collector starting"
        );
        let state = Arc::new(AppState {
            registry,
            store,
            limiter: limit::RateLimiter::per_minute(args.rate_per_minute, args.trust_proxy),
            guard: guard::AdminGuard::for_connections(max_connections),
            health: health::Health::default(),
            admin_token,
            min_cell: args.min_cell,
            body_timeout: Duration::from_secs(args.body_timeout_secs),
            sessions: admin::Sessions::default(),
            secure_cookies: args.secure_cookies,
            trust_proxy: args.trust_proxy,
            published: published::Published::default(),
        });
        let app = routes::router(state.clone(), origins);
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        // The one line scripts wait for: the collector is ready.
        println!("screening collector listening on http://{local}");
        tokio::spawn(log::summaries());
        let pruning = state.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                pruning.limiter.prune();
                pruning.guard.prune();
            }
        });
        net::serve(listener, app, config, shutdown()).await;
        let closed = state.store.close().await;
        log::summary("since the last summary");
        match closed {
            Ok(()) => {
                if state.store.backend() == "sqlite" {
                    tracing::info!(
                        "database checkpointed and closed: the .sqlite file is complete"
                    );
                } else {
                    tracing::info!("database closed: every queued report committed");
                }
                Ok(())
            }
            Err(e) => Err(format!("closing the database: {e}")),
        }
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
    tracing::info!("shutting down: no new connections, requests in progress may finish");
}
