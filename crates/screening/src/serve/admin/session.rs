//! Who is logged in: sessions in memory (a restart logs everyone out), the cookie that names
//! one, and whether a form post comes from the collector's own page (login and logout CSRF).

use super::super::AppState;
use axum::http::{HeaderMap, HeaderValue, header};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const COOKIE: &str = "screening_admin";
pub const SESSION: Duration = Duration::from_secs(8 * 3600);

/// Logged-in sessions: random id → expiry.
#[derive(Default)]
pub struct Sessions(std::sync::Mutex<HashMap<String, Instant>>);

impl Sessions {
    /// A new session (its id from the system's random source, as the admin token), or an error
    /// when the system has no random numbers to give.
    pub fn create(&self) -> Result<String, String> {
        let id = super::super::token::generate()?;
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        map.retain(|_, expiry| *expiry > now);
        map.insert(id.clone(), now + SESSION);
        Ok(id)
    }

    pub fn valid(&self, id: &str) -> bool {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(id).is_some_and(|expiry| *expiry > Instant::now())
    }

    pub fn end(&self, id: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }
}

/// The session id the request's cookie names, if any.
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

pub fn logged_in(state: &AppState, headers: &HeaderMap) -> bool {
    session_id(headers).is_some_and(|id| state.sessions.valid(&id))
}

/// Whether the cookie gets `Secure`: always with `--secure-cookies`, else when a trusted proxy
/// says the visitor came over HTTPS.
pub fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.secure_cookies
        || (state.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
}

/// The `Set-Cookie` value: a session for `id`, or (with `None`) one that clears it.
pub fn cookie(id: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match id {
        Some(id) => format!(
            "{COOKIE}={id}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            SESSION.as_secs()
        ),
        None => format!("{COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

/// Whether a form post comes from a page of this collector, not from another site (login and
/// logout CSRF). Browsers say where a request comes from in `Sec-Fetch-Site` (every current
/// browser) or at least `Origin` (on every POST since 2020); a request with neither is not a
/// browser's and cannot be forged by another site.
pub fn from_own_page(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return site.eq_ignore_ascii_case("same-origin");
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; screening_admin=abc; b=2"),
        );
        assert_eq!(session_id(&h).as_deref(), Some("abc"));
        let s = Sessions::default();
        let id = s.create().unwrap();
        assert_eq!(id.len(), 64);
        assert!(s.valid(&id));
        assert!(!s.valid("abc"));
        s.end(&id);
        assert!(!s.valid(&id));
    }
}
