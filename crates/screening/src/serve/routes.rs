//! The HTTP API (documented in docs/collector.md).

use super::AppState;
use super::store::Stored;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use screening_core::month;
use screening_core::payload::{MAX_BYTES, Payload};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::RequestBodyDeadlineLayer;

/// Reads `--allowed-origin`: an origin is `scheme://host[:port]` (http or https), nothing
/// else: no `*` (reports carry no credentials, but partners are listed one by one), no path,
/// query or user. A trailing `/` is dropped; scheme and host are lower-cased and a default port
/// removed, because that is how browsers write the `Origin` header.
pub fn parse_origin(given: &str) -> Result<HeaderValue, String> {
    let bad = |why: &str| {
        format!(
            "--allowed-origin {given:?}: {why}; give each partner's origin as scheme://host[:port], \
             for example https://partner.example.org"
        )
    };
    if given.trim() == "*" {
        return Err(bad("any origin (*) is not allowed"));
    }
    let (scheme, rest) = given.split_once("://").ok_or_else(|| bad("no scheme"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return Err(bad("the scheme must be http or https")),
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@', '*']) {
        return Err(bad(
            "an origin has no path, query, fragment, user or wildcard",
        ));
    }
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let (inside, after) = v6
            .split_once(']')
            .ok_or_else(|| bad("unclosed [ in the host"))?;
        inside
            .parse::<std::net::Ipv6Addr>()
            .map_err(|_| bad("not an IPv6 address between [ ]"))?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad("junk after the host"))?,
            ),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        let (host, port) = match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        };
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(bad("the host is not a domain name or an IP address"));
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(p) => {
            let n: u16 = p
                .parse()
                .ok()
                .filter(|n| *n > 0 && p.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?;
            (n.to_string() != default_port).then_some(n)
        }
    };
    let origin = match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    };
    HeaderValue::from_str(&origin).map_err(|_| bad("not a valid header value"))
}

/// Every route, behind the protections every request gets: a body of at most [`MAX_BYTES`]
/// (413 at once when the declared length is larger) that must arrive within
/// `--body-timeout-secs` of its head (408 after), the admission guard on the routes that check
/// the admin token, CORS for reports, JSON errors and the request log.
pub fn router(state: Arc<AppState>, origins: Vec<HeaderValue>) -> Router {
    // Reports carry no credentials, so none are allowed; only the listed origins may post.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .max_age(Duration::from_secs(3600));
    let token_checked = Router::new()
        .route("/v1/aggregates", get(aggregates_json))
        .route("/v1/aggregates.csv", get(aggregates_csv))
        .route("/admin/login", post(super::admin::login))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            super::guard::admit,
        ));
    Router::new()
        .route("/v1/submissions", post(submit))
        .route("/healthz", get(healthz))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/admin", get(super::admin::dashboard))
        .route("/admin/logout", post(super::admin::logout))
        .route("/admin/dashboard.css", get(super::admin::css))
        .route("/admin/export.csv", get(super::admin::export))
        .merge(token_checked)
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such resource", vec![]) })
        .method_not_allowed_fallback(|| async {
            error(
                StatusCode::METHOD_NOT_ALLOWED,
                "this method is not allowed here",
                vec![],
            )
        })
        .layer(cors)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BYTES))
        .layer(RequestBodyDeadlineLayer::new(state.body_timeout))
        .layer(RequestBodyLimitLayer::new(MAX_BYTES))
        .layer(axum::middleware::from_fn(json_errors))
        .layer(axum::middleware::from_fn(super::log::requests))
        .with_state(state)
}

/// The most details an error body lists; the rest are counted in `details_omitted`.
pub const MAX_DETAILS: usize = 20;
/// The most characters of one detail (a detail may quote the offending value).
const MAX_DETAIL_CHARS: usize = 200;

/// A JSON error body: `{"error": "...", "details": [...], "details_omitted": N}`, details
/// capped so a bad report never gets a larger answer than a few kilobytes.
pub(super) fn error(status: StatusCode, message: &str, details: Vec<String>) -> Response {
    let omitted = details.len().saturating_sub(MAX_DETAILS);
    let details: Vec<String> = details
        .into_iter()
        .take(MAX_DETAILS)
        .map(|d| match d.char_indices().nth(MAX_DETAIL_CHARS) {
            Some((cut, _)) => format!("{}…", &d[..cut]),
            None => d,
        })
        .collect();
    let mut body = json!({ "error": message });
    if !details.is_empty() {
        body["details"] = json!(details);
    }
    if omitted > 0 {
        body["details_omitted"] = json!(omitted);
    }
    (status, axum::Json(body)).into_response()
}

/// Any error response that is not JSON yet (from the framework: a bad query string, say)
/// becomes `{"error": ...}` with the same status and headers.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes().starts_with(b"application/json") || v.as_bytes().starts_with(b"text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match text.trim() {
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => too_large_message(),
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        t => t.to_owned(),
    };
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // Refused before the body was read: the connection must not be reused.
        parts
            .headers
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    let json = error(status, &message, vec![]);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, json.into_body())
}

fn too_large_message() -> String {
    format!("a request body is at most {MAX_BYTES} bytes")
}

/// Why a request body could not be read.
pub enum BodyError {
    /// Over [`MAX_BYTES`] (the router's limit).
    TooLarge,
    /// Cut short, or badly framed (chunked encoding that does not parse).
    Malformed,
    /// Not all there within `--body-timeout-secs` (the router's deadline).
    TooSlow,
}

impl BodyError {
    /// The answer to a request whose body could not be read; it closes the connection, since
    /// what is left of the body cannot be told from the next request.
    pub fn response(&self, timeout: Duration) -> Response {
        close(match self {
            BodyError::TooLarge => {
                error(StatusCode::PAYLOAD_TOO_LARGE, &too_large_message(), vec![])
            }
            BodyError::Malformed => error(
                StatusCode::BAD_REQUEST,
                "the body ended early or was badly framed",
                vec![],
            ),
            BodyError::TooSlow => error(
                StatusCode::REQUEST_TIMEOUT,
                &format!("the body did not arrive within {} s", timeout.as_secs()),
                vec![],
            ),
        })
    }
}

/// Whether `error` or one of its sources is a `T`.
fn caused_by<T: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        if e.is::<T>() {
            return true;
        }
        next = e.source();
    }
    false
}

/// Reads a whole request body. The size limit and the deadline are the router's layers; this
/// only tells their errors apart.
pub async fn read_body(body: Body) -> Result<Vec<u8>, BodyError> {
    let mut body = body;
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            let e = e.into_inner();
            if caused_by::<http_body_util::LengthLimitError>(e.as_ref()) {
                BodyError::TooLarge
            } else if caused_by::<tower_http::timeout::TimeoutError>(e.as_ref()) {
                BodyError::TooSlow
            } else {
                BodyError::Malformed
            }
        })?;
        if let Ok(data) = frame.into_data() {
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// Months from year 0 to the current month (UTC) on the server's clock.
fn current_month_number() -> i64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    month::of_unix_seconds(seconds)
}

/// A report's month may be the server's month or one either side (clocks and month ends
/// differ; a queued report may arrive a little late); anything further is refused.
fn month_problem(month: &str) -> Option<String> {
    let now = current_month_number();
    let given = month::number(month)?;
    ((given - now).abs() > 1).then(|| {
        format!(
            "$.month: \"{}\" is more than a month away from the collector's clock",
            month.escape_debug()
        )
    })
}

fn one_json_content_type(headers: &HeaderMap) -> bool {
    let mut types = headers.get_all(header::CONTENT_TYPE).iter();
    let (Some(only), None) = (types.next(), types.next()) else {
        return false;
    };
    only.to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

async fn submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let key = state.limiter.client_key(client.ip(), &headers);
    if let Err(wait) = state.limiter.check(key) {
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many reports; try again later",
            vec![],
        );
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(super::limit::retry_after_secs(wait)),
        );
        return close(response);
    }
    if !one_json_content_type(&headers) {
        return close(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the report as application/json, with one Content-Type header",
            vec![],
        ));
    }
    let bytes = match read_body(body).await {
        Ok(bytes) => bytes,
        Err(e) => return e.response(state.body_timeout),
    };
    // JSON syntax first, for the whole body (400), then straight into the report type (422):
    // not through a JSON value, which would keep the last of two equal keys. Parsing only the
    // typed way would answer 422 for a body whose shape error comes before its syntax error.
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
        return error(
            StatusCode::BAD_REQUEST,
            "the body is not valid JSON",
            vec![e.to_string()],
        );
    }
    let payload: Payload = match serde_json::from_slice(&bytes) {
        Ok(p) => p,
        Err(e) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not a version 1 report",
                vec![e.to_string()],
            );
        }
    };
    let definition = state
        .registry
        .get(&payload.questionnaire, payload.questionnaire_version);
    if let Err(errors) = payload.validate(definition) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the report does not fit its questionnaire",
            errors.iter().map(ToString::to_string).collect(),
        );
    }
    if let Some(problem) = month_problem(&payload.month) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the report does not fit its questionnaire",
            vec![problem],
        );
    }
    let id = payload.id.clone();
    let counters = definition
        .map(|d| crate::aggregate::counters(&payload, d))
        .unwrap_or_default();
    match state.store.submit(payload, counters).await {
        Ok(Stored::New) => (
            StatusCode::CREATED,
            axum::Json(json!({ "id": id, "status": "stored" })),
        )
            .into_response(),
        Ok(Stored::Duplicate) => (
            StatusCode::OK,
            axum::Json(json!({ "id": id, "status": "duplicate" })),
        )
            .into_response(),
        Err(e) => error(StatusCode::SERVICE_UNAVAILABLE, &e, vec![]),
    }
}

/// Asks the client to close the connection: sent with answers given before the body was read
/// (or when it could not be read), so no unread body is taken for the next request.
fn close(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// 200 when a report could be stored now (a real write committed within the last few
/// seconds), else 503 with the reason.
async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    match state.health.check(&state.store).await {
        Ok(()) => axum::Json(json!({ "status": "ok" })).into_response(),
        Err(e) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "reports cannot be stored",
            vec![e],
        ),
    }
}

#[derive(Deserialize)]
struct AggregateQuery {
    questionnaire: Option<String>,
}

/// Checks the admin token and the questionnaire, then aggregates its reports.
async fn aggregates(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    query: AggregateQuery,
) -> Result<Arc<crate::aggregate::Aggregates>, Response> {
    let Some(token) = &state.admin_token else {
        return Err(error(
            StatusCode::FORBIDDEN,
            "aggregates are not served: start the collector with --admin-token-file or SCREENING_ADMIN_TOKEN",
            vec![],
        ));
    };
    // The scheme is case-insensitive (RFC 9110, 11.1): "bearer" works as well as "Bearer".
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map_or("", |(_, token)| token.trim());
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "send Authorization: Bearer <admin token>",
            vec![],
        ));
    }
    let Some(id) = query.questionnaire else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "give ?questionnaire=ID",
            vec![],
        ));
    };
    if !state.registry.knows(&id) {
        return Err(error(
            StatusCode::NOT_FOUND,
            "unknown questionnaire",
            vec![],
        ));
    }
    let counts = state
        .store
        .counts(&id)
        .await
        .map_err(|e| error(StatusCode::SERVICE_UNAVAILABLE, &e, vec![]))?;
    super::published::Published::of(state, &id, counts)
        .await
        .map_err(|e| error(StatusCode::SERVICE_UNAVAILABLE, &e, vec![]))
}

async fn aggregates_json(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<AggregateQuery>,
) -> Response {
    match aggregates(&state, &headers, query).await {
        Ok(a) => axum::Json(&*a).into_response(),
        Err(response) => response,
    }
}

async fn aggregates_csv(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<AggregateQuery>,
) -> Response {
    match aggregates(&state, &headers, query).await {
        Ok(a) => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            a.to_csv(),
        )
            .into_response(),
        Err(response) => response,
    }
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_parsed_strictly() {
        let ok = |s: &str| parse_origin(s).unwrap().to_str().unwrap().to_owned();
        assert_eq!(
            ok("https://partner.example.org"),
            "https://partner.example.org"
        );
        assert_eq!(
            ok("https://Partner.Example.org/"),
            "https://partner.example.org"
        );
        assert_eq!(ok("HTTPS://x.org:443"), "https://x.org");
        assert_eq!(ok("http://127.0.0.1:4173"), "http://127.0.0.1:4173");
        assert_eq!(ok("http://[::1]:8080"), "http://[::1]:8080");
        for bad in [
            "*",
            "https://*.example.org",
            "partner.example.org",
            "ftp://x.org",
            "https://x.org/path",
            "https://x.org?q=1",
            "https://user@x.org",
            "https://x.org:0",
            "https://x.org:99999",
            "https://x.org:8o",
            "https://",
            "https://bad_host.org",
            "https://[zz]",
            "null",
        ] {
            let e = parse_origin(bad).expect_err(bad);
            assert!(e.contains("scheme://host[:port]"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_report_month_is_at_most_one_month_away() {
        let now = current_month_number();
        let show = month::format;
        assert_eq!(month_problem(&show(now)), None);
        assert_eq!(month_problem(&show(now - 1)), None);
        assert_eq!(month_problem(&show(now + 1)), None);
        assert!(month_problem(&show(now + 2)).is_some());
        assert!(month_problem(&show(now - 2)).is_some());
        assert!(month_problem("2150-06").is_some());
    }

    #[test]
    fn error_details_are_capped() {
        let many: Vec<String> = (0..500)
            .map(|i| format!("$.answers.q{i}: {}", "x".repeat(i)))
            .collect();
        let response = error(StatusCode::UNPROCESSABLE_ENTITY, "bad", many);
        let body = futures_body(response);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["details"].as_array().unwrap().len(), MAX_DETAILS);
        assert_eq!(v["details_omitted"], 480);
        assert!(body.len() < 6000, "{}", body.len());
    }

    fn futures_body(response: Response) -> Vec<u8> {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap()
            .to_vec()
    }
}
