//! Who may try the admin token, and how often. Every route that checks it (`POST /admin/login`
//! and the bearer routes `/v1/aggregates`, `/v1/aggregates.csv`) goes through [`admit`]:
//!
//! - **Backoff per client.** A client (the same keyed network hash the report limit uses: an
//!   IPv4 address or an IPv6 /64) gets [`FREE_FAILURES`] wrong tokens for typos; after that each
//!   wrong token locks it out for twice as long as the one before, from 1 s up to
//!   [`MAX_LOCKOUT`]. While locked out it gets 429 with `Retry-After` and the token is not even
//!   compared, so guessing faster gains nothing. A right token clears its failures.
//! - **Few attempts at once.** A client has at most [`PER_CLIENT`] of these requests in
//!   progress (so failures land before more guesses start), and all clients together at most a
//!   quarter of `--max-connections`: slow login bodies can never take the connections reports
//!   need.
//!
//! A guesser on another network does not lock out the operator; one on the operator's own
//! network (the same NAT address) can, for at most [`MAX_LOCKOUT`] at a time.

use super::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Wrong tokens a client may send before lockouts start (typing mistakes).
pub const FREE_FAILURES: u32 = 5;
/// The longest a client is locked out after one more wrong token.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// Admin requests one client may have in progress at once.
pub const PER_CLIENT: u32 = 2;
/// How long a client's wrong tokens are remembered after the last one (so waiting out a
/// lockout does not buy fresh free tries).
pub const REMEMBER_FOR: Duration = Duration::from_secs(60 * 60);
/// Clients remembered at most; beyond this, the forgettable ones are dropped when a new client
/// comes.
const REMEMBER: usize = 100_000;

#[derive(Default)]
struct Client {
    failures: u32,
    last_failure: Option<Instant>,
    locked_until: Option<Instant>,
    in_flight: u32,
}

impl Client {
    /// Nothing in progress, no lockout running, and no wrong token within [`REMEMBER_FOR`].
    fn forgettable(&self, now: Instant) -> bool {
        self.in_flight == 0
            && self.locked_until.is_none_or(|t| t <= now)
            && self
                .last_failure
                .is_none_or(|t| now.saturating_duration_since(t) >= REMEMBER_FOR)
    }
}

/// The state of every client that tried the admin token recently.
pub struct AdminGuard {
    clients: Mutex<HashMap<u64, Client>>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// Why a request was not let through.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The client is locked out (or has too many attempts in progress) for this long.
    Client(Duration),
    /// Every admin slot is taken.
    Busy,
}

/// A request let through: holds its slot until dropped.
pub struct Pass<'a> {
    guard: &'a AdminGuard,
    client: u64,
    _slot: tokio::sync::OwnedSemaphorePermit,
}

impl AdminGuard {
    /// A guard allowing `slots` admin requests in progress across all clients.
    pub fn new(slots: usize) -> AdminGuard {
        AdminGuard {
            clients: Mutex::new(HashMap::new()),
            slots: Arc::new(tokio::sync::Semaphore::new(slots.max(1))),
        }
    }

    /// The slots for a collector with `max_connections`: a quarter, at least one.
    pub fn for_connections(max_connections: usize) -> AdminGuard {
        AdminGuard::new((max_connections / 4).max(1))
    }

    fn clients(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Client>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lets a request from `client` through, or says for how long it must wait.
    pub fn admit(&self, client: u64) -> Result<Pass<'_>, Refused> {
        let now = Instant::now();
        let mut clients = self.clients();
        if clients.len() >= REMEMBER && !clients.contains_key(&client) {
            clients.retain(|_, c| !c.forgettable(now));
        }
        let entry = clients.entry(client).or_default();
        if let Some(wait) = entry
            .locked_until
            .and_then(|t| t.checked_duration_since(now))
            && !wait.is_zero()
        {
            return Err(Refused::Client(wait));
        }
        if entry.in_flight >= PER_CLIENT {
            return Err(Refused::Client(Duration::from_secs(1)));
        }
        let slot = self
            .slots
            .clone()
            .try_acquire_owned()
            .map_err(|_| Refused::Busy)?;
        entry.in_flight += 1;
        Ok(Pass {
            guard: self,
            client,
            _slot: slot,
        })
    }

    /// Forgets the clients that are [forgettable](Client::forgettable).
    pub fn prune(&self) {
        let now = Instant::now();
        self.clients().retain(|_, c| !c.forgettable(now));
    }

    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.clients().len()
    }
}

/// How long a client is locked out after its `failures`-th wrong token.
pub fn lockout(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_FAILURES).min(20);
    Duration::from_secs(1u64 << doublings).min(MAX_LOCKOUT)
}

impl Pass<'_> {
    /// The token was wrong: count it, and lock the client out when it is past its free tries.
    pub fn failed(&self) {
        let mut clients = self.guard.clients();
        let entry = clients.entry(self.client).or_default();
        entry.failures = entry.failures.saturating_add(1);
        let now = Instant::now();
        entry.last_failure = Some(now);
        let wait = lockout(entry.failures);
        if !wait.is_zero() {
            entry.locked_until = Some(now + wait);
        }
    }

    /// The token was right: the client starts afresh.
    pub fn succeeded(&self) {
        let mut clients = self.guard.clients();
        if let Some(entry) = clients.get_mut(&self.client) {
            entry.failures = 0;
            entry.last_failure = None;
            entry.locked_until = None;
        }
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        let mut clients = self.guard.clients();
        if let Some(entry) = clients.get_mut(&self.client) {
            entry.in_flight = entry.in_flight.saturating_sub(1);
            if entry.failures == 0 && entry.in_flight == 0 {
                clients.remove(&self.client);
            }
        }
    }
}

/// The middleware on the routes that check the admin token: admits or refuses before the body
/// is read, then counts a 401 as a wrong token and a success (2xx, 3xx) as a right one.
pub async fn admit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let client = state.limiter.client_key(peer.ip(), request.headers());
    let pass = match state.guard.admit(client) {
        Ok(pass) => pass,
        Err(refused) => return refusal(&refused),
    };
    let response = next.run(request).await;
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED {
        pass.failed();
    } else if status.is_success() || status.is_redirection() {
        pass.succeeded();
    }
    response
}

fn refusal(refused: &Refused) -> Response {
    let (status, message, wait) = match refused {
        Refused::Client(wait) => (
            StatusCode::TOO_MANY_REQUESTS,
            "too many attempts with the admin token from this network; try again later",
            *wait,
        ),
        Refused::Busy => (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many admin requests in progress; try again in a moment",
            Duration::from_secs(1),
        ),
    };
    let mut response = super::routes::error(status, message, vec![]);
    let headers = response.headers_mut();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from(super::limit::retry_after_secs(wait)),
    );
    // Answered before the body was read: the connection must not be reused.
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_double_after_the_free_tries_up_to_the_maximum() {
        let waits: Vec<u64> = (1..=12).map(|n| lockout(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128]);
        assert_eq!(lockout(100), MAX_LOCKOUT);
        assert_eq!(lockout(u32::MAX), MAX_LOCKOUT);
    }

    #[test]
    fn wrong_tokens_lock_a_client_out_and_others_are_unaffected() {
        let guard = AdminGuard::new(8);
        for _ in 0..FREE_FAILURES {
            guard.admit(1).unwrap().failed();
        }
        match guard.admit(1) {
            Err(Refused::Client(wait)) => assert!(wait <= Duration::from_secs(1), "{wait:?}"),
            other => panic!("not locked out: {:?}", other.is_ok()),
        }
        let other = guard.admit(2).expect("another client is let through");
        other.succeeded();
        drop(other);
        assert_eq!(
            guard.remembered(),
            1,
            "a client with no failures is forgotten"
        );
    }

    #[test]
    fn a_right_token_clears_the_failures() {
        let guard = AdminGuard::new(8);
        for _ in 0..FREE_FAILURES - 1 {
            guard.admit(1).unwrap().failed();
        }
        guard.admit(1).unwrap().succeeded();
        for _ in 0..FREE_FAILURES - 1 {
            guard.admit(1).unwrap().failed();
        }
        assert!(guard.admit(1).is_ok(), "the count started afresh");
    }

    #[test]
    fn attempts_in_progress_are_capped_per_client_and_in_all() {
        let guard = AdminGuard::new(3);
        let a = guard.admit(1).unwrap();
        let b = guard.admit(1).unwrap();
        assert!(matches!(guard.admit(1), Err(Refused::Client(_))));
        let c = guard.admit(2).unwrap();
        assert_eq!(guard.admit(3).err(), Some(Refused::Busy));
        drop(a);
        assert!(guard.admit(3).is_ok());
        drop((b, c));
        assert_eq!(guard.remembered(), 0);
    }
}
