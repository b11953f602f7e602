//! `GET /admin`: the dashboard for the people who read the aggregates (IOM and partners).
//!
//! A login form exchanges the admin token for a session cookie (`HttpOnly`, `SameSite=Strict`,
//! `Path=/admin`, 8 hours, `Secure` with `--secure-cookies` or, behind a trusted proxy, when
//! `X-Forwarded-Proto` is https); sessions live in memory (a restart logs everyone out). The
//! page is HTML rendered from templates under a strict CSP (no script, no inline style: the CSS
//! is `/admin/dashboard.css`), with SVG charts (see `svg.rs`) each followed by its data table,
//! filters as a plain GET form, English and Russian (`?lang=ru`), and `/admin/export.csv` with
//! the same rows as the page's tables. It shows only the tables `/v1/aggregates` publishes
//! (the same groups, debiasing and suppression): no new sums that could be differenced.
//!
//! By concern: [`session`] (who is logged in, CSRF), [`words`] (the typed table of the page's
//! words), [`view`] (what the filters select, as charts and rows), [`page`] (the HTML), and
//! here the routes and the CSV.

mod page;
mod session;
mod view;
mod words;

pub use session::Sessions;

use super::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use session::{cookie, from_own_page, logged_in, secure, session_id};
use std::sync::Arc;
use view::{Chart, DashboardQuery, View};
use words::{Lang, Word};

pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
pub const CSS: &str = include_str!("dashboard.css");

/// An HTML response with the page's security headers.
fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    r
}

/// A page that only says something (the dashboard is off, a store error, a cross-site post).
fn message(status: StatusCode, lang: Lang, text: &str, alert: bool) -> Response {
    html(status, page::message(lang, text, alert))
}

/// A redirect to the dashboard in `lang`, setting `cookie`.
fn back_to_dashboard(lang: Lang, cookie: &str) -> Response {
    let mut r = html(StatusCode::SEE_OTHER, String::new());
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&format!("/admin?lang={}", lang.tag())).expect("ascii"),
    );
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

#[derive(Deserialize)]
struct LoginForm {
    token: String,
    lang: Option<String>,
}

pub async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

fn cross_site(lang: Lang) -> Response {
    message(
        StatusCode::FORBIDDEN,
        lang,
        Word::CrossSite.text(lang),
        true,
    )
}

/// `POST /admin/login`: the admin token for a session cookie. The guard in front of this route
/// (`guard.rs`) counts a 401 as a wrong token.
pub async fn login(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let bytes = match super::routes::read_body(body).await {
        Ok(bytes) => bytes,
        Err(e) => return e.response(state.body_timeout),
    };
    let Ok(form) = serde_urlencoded::from_bytes::<LoginForm>(&bytes) else {
        return html(StatusCode::BAD_REQUEST, page::login(Lang::En, false));
    };
    let lang = Lang::of(form.lang.as_deref());
    if !from_own_page(&headers) {
        return cross_site(lang);
    }
    let Some(token) = &state.admin_token else {
        return message(StatusCode::FORBIDDEN, lang, Word::Closed.text(lang), false);
    };
    if !super::routes::constant_time_eq(form.token.trim().as_bytes(), token.as_bytes()) {
        return html(StatusCode::UNAUTHORIZED, page::login(lang, true));
    }
    match state.sessions.create() {
        Ok(id) => back_to_dashboard(lang, &cookie(Some(&id), secure(&state, &headers))),
        Err(e) => {
            tracing::error!(error = %e, "cannot make a session id");
            message(StatusCode::SERVICE_UNAVAILABLE, lang, &e, true)
        }
    }
}

/// `POST /admin/logout`: ends the session on the server (its id no longer works anywhere) and
/// clears the cookie. Refused from another site, which could otherwise clear the cookie while
/// the session stayed valid.
pub async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    let lang = Lang::of(query.lang.as_deref());
    if !from_own_page(&headers) {
        return cross_site(lang);
    }
    if let Some(id) = session_id(&headers) {
        state.sessions.end(&id);
    }
    back_to_dashboard(lang, &cookie(None, secure(&state, &headers)))
}

pub async fn dashboard(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    let lang = Lang::of(query.lang.as_deref());
    if state.admin_token.is_none() {
        return message(StatusCode::FORBIDDEN, lang, Word::Closed.text(lang), false);
    }
    if !logged_in(&state, &headers) {
        return html(StatusCode::OK, page::login(lang, false));
    }
    let view = match View::load(&state, query).await {
        Ok(v) => v,
        Err(e) => {
            return message(StatusCode::SERVICE_UNAVAILABLE, lang, &e, true);
        }
    };
    let charts = view.charts();
    html(
        StatusCode::OK,
        page::dashboard(&view, &charts, state.min_cell),
    )
}

/// The rows of the page's data tables as CSV (the `csv` crate, formulas neutralised).
fn csv(charts: &[Chart]) -> String {
    let mut out = crate::aggregate::Csv::new(&[
        "section",
        "field",
        "group",
        "value",
        "reported",
        "estimated",
        "interval",
        "status",
    ]);
    for c in charts {
        for r in &c.rows {
            out.row(&[
                c.section.name(),
                &c.field,
                &r.group,
                &r.value,
                &r.reported,
                &r.estimated,
                &r.interval,
                &r.status,
            ]);
        }
    }
    out.finish()
}

pub async fn export(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    if state.admin_token.is_none() || !logged_in(&state, &headers) {
        return (StatusCode::UNAUTHORIZED, "log in at /admin").into_response();
    }
    let lang = Lang::of(query.lang.as_deref());
    let view = match View::load(&state, query).await {
        Ok(v) => v,
        Err(e) => {
            return message(StatusCode::SERVICE_UNAVAILABLE, lang, &e, true);
        }
    };
    let f = &view.filters;
    let or_all = |s: &str| {
        if s.is_empty() {
            "all".to_owned()
        } else {
            s.to_owned()
        }
    };
    let name = format!(
        "attachment; filename=\"{}-{}-{}.csv\"",
        f.questionnaire,
        or_all(&f.from),
        or_all(&f.to)
    );
    let mut r = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv(&view.charts()),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
