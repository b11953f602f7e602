//! The HTTP/1.1 server loop, written out (instead of `axum::serve`) for what a public collector
//! needs under slow clients: a time limit for each request head (slowloris, and idle keep-alive
//! connections), a bounded number of connections that fits the open-file limit (when it is
//! reached, the oldest connection that has no request in progress is closed for the new one),
//! and a shutdown that lets requests in progress finish but only until a deadline.
//! Nothing here logs an address.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

pub struct Config {
    /// The most time a client has to send a request head (also the idle time allowed between
    /// requests on a kept-alive connection).
    pub header_timeout: Duration,
    pub max_connections: usize,
    /// After a stop signal, how long requests in progress may take.
    pub shutdown_timeout: Duration,
}

/// File descriptors kept free for the database (main file, WAL, shared memory, for the writer
/// and for aggregate readers), the listener, the runtime and the log.
const RESERVED_FDS: u64 = 64;

/// Raises the soft open-file limit to the hard one, and returns the connection limit: at most
/// `wanted`, and always leaving [`RESERVED_FDS`] free. Also returns the open-file limit.
pub fn connection_limit(wanted: usize) -> (usize, u64) {
    let mut nofile = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    let files = unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut nofile) != 0 {
            return (wanted, 0);
        }
        if nofile.rlim_cur < nofile.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: nofile.rlim_max.min(1 << 20),
                rlim_max: nofile.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const raised) == 0 {
                nofile.rlim_cur = raised.rlim_cur;
            }
        }
        nofile.rlim_cur
    };
    let fits = usize::try_from(files.saturating_sub(RESERVED_FDS).max(1)).unwrap_or(usize::MAX);
    (wanted.min(fits), files)
}

struct Open {
    /// Requests of this connection being handled now.
    busy: Arc<AtomicUsize>,
    close: Arc<Notify>,
}

#[derive(Default)]
struct Connections {
    next: u64,
    open: BTreeMap<u64, Open>,
}

/// Counts of connections closed or refused at the limit, logged at most every 10 s.
struct LimitLog {
    last: Option<Instant>,
    shed: u64,
    refused: u64,
}

impl LimitLog {
    fn note(&mut self, shed: bool, open: usize, force: bool) {
        if shed {
            self.shed += 1;
        } else {
            self.refused += 1;
        }
        self.flush(open, force);
    }

    fn flush(&mut self, open: usize, force: bool) {
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(10));
        if (due || force) && self.shed + self.refused > 0 {
            tracing::warn!(
                open,
                closed_idle = self.shed,
                refused = self.refused,
                "connection limit reached: closed the oldest idle connections and refused new \
                 ones while every connection had a request in progress (raise --max-connections \
                 and the open-file limit if this is real traffic)"
            );
            self.last = Some(Instant::now());
            self.shed = 0;
            self.refused = 0;
        }
    }
}

/// Serves `app` on `listener` until `stop` completes, then shuts down: no new connections,
/// idle ones closed, requests in progress given until the deadline, then every connection
/// closed. Returns once no connection is left.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: Config,
    stop: impl Future<Output = ()>,
) {
    let connections = Arc::new(Mutex::new(Connections::default()));
    let closed = Arc::new(Notify::new());
    // Connection tasks still running (a closed one may still be finishing).
    let live = Arc::new(AtomicUsize::new(0));
    let (stopping, stopping_rx) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .max_buf_size(64 * 1024);
    let mut limit_log = LimitLog {
        last: None,
        shed: 0,
        refused: 0,
    };
    let mut accept_error_logged: Option<Instant> = None;
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors (or another passing error): say so, without
                    // spinning and without flooding the log.
                    if accept_error_logged.is_none_or(|t| t.elapsed() >= Duration::from_secs(10)) {
                        tracing::error!(
                            error = %e,
                            "cannot accept connections (raise the open-file limit or lower \
                             --max-connections)"
                        );
                        accept_error_logged = Some(Instant::now());
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // At the limit, make room: close the oldest connection that has no request in
        // progress, and wait until its descriptor is free before taking the new one on.
        if live.load(Ordering::Acquire) >= config.max_connections {
            let oldest_idle = {
                let mut open = connections.lock().unwrap_or_else(|p| p.into_inner());
                let id = open
                    .open
                    .iter()
                    .find(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
                    .map(|(id, _)| *id);
                id.and_then(|id| open.open.remove(&id))
            };
            let count = live.load(Ordering::Acquire);
            let Some(oldest) = oldest_idle else {
                limit_log.note(false, count, false);
                drop(stream);
                continue;
            };
            oldest.close.notify_one();
            limit_log.note(true, count, false);
            let give_up = Instant::now() + Duration::from_secs(1);
            while live.load(Ordering::Acquire) >= config.max_connections {
                tokio::select! {
                    () = closed.notified() => {}
                    () = tokio::time::sleep_until(give_up) => break,
                }
            }
        }
        let busy = Arc::new(AtomicUsize::new(0));
        let close = Arc::new(Notify::new());
        let id = {
            let mut open = connections.lock().unwrap_or_else(|p| p.into_inner());
            open.next += 1;
            let id = open.next;
            open.open.insert(
                id,
                Open {
                    busy: busy.clone(),
                    close: close.clone(),
                },
            );
            id
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let builder = builder.clone();
        let mut stopping = stopping_rx.clone();
        let connections = connections.clone();
        let closed = closed.clone();
        let live_task = live.clone();
        live.fetch_add(1, Ordering::AcqRel);
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    let guard = Busy::enter(&busy);
                    let mut app = app.clone();
                    async move {
                        let response = tower::Service::call(&mut app, request).await;
                        drop(guard);
                        response
                    }
                });
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            let mut graceful = false;
            loop {
                if !graceful && *stopping.borrow_and_update() {
                    connection.as_mut().graceful_shutdown();
                    graceful = true;
                }
                tokio::select! {
                    _ = connection.as_mut() => break,
                    () = close.notified() => break,
                    changed = stopping.changed(), if !graceful => {
                        if changed.is_err() {
                            connection.as_mut().graceful_shutdown();
                            graceful = true;
                        }
                    }
                }
            }
            connections
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .open
                .remove(&id);
            live_task.fetch_sub(1, Ordering::AcqRel);
            closed.notify_one();
        });
    }
    drop(listener);
    let open = connections
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .open
        .len();
    limit_log.flush(open, true);
    let _ = stopping.send(true);
    let deadline = Instant::now() + config.shutdown_timeout;
    while live.load(Ordering::Acquire) > 0 {
        tokio::select! {
            () = closed.notified() => {}
            () = tokio::time::sleep_until(deadline) => break,
        }
    }
    let left: Vec<Arc<Notify>> = {
        let mut c = connections.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut c.open)
            .into_values()
            .map(|o| o.close)
            .collect()
    };
    if !left.is_empty() {
        tracing::warn!(
            connections = left.len(),
            "shutdown deadline reached: closing the connections still open (their requests \
             get no answer, so none of them was acknowledged)"
        );
        for close in left {
            close.notify_one();
        }
    }
    // Wait for the tasks to drop their requests, so none reaches the database after it closes.
    let give_up = Instant::now() + Duration::from_secs(2);
    while live.load(Ordering::Acquire) > 0 {
        tokio::select! {
            () = closed.notified() => {}
            () = tokio::time::sleep_until(give_up) => break,
        }
    }
}

/// Marks a connection busy while one of its requests is handled.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn enter(count: &Arc<AtomicUsize>) -> Busy {
        count.fetch_add(1, Ordering::AcqRel);
        Busy(count.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}
