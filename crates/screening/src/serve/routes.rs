//! The HTTP API (documented in README.md, "Collector API").

use super::AppState;
use super::store::Stored;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use screening_core::aggregate::aggregate;
use screening_core::payload::{MAX_BYTES, Payload};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub fn router(state: Arc<AppState>, origins: &[String]) -> Result<Router, String> {
    let origins = origins
        .iter()
        .map(|o| {
            HeaderValue::from_str(o.trim_end_matches('/'))
                .map_err(|_| format!("--allowed-origin {o:?} is not a valid origin"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Reports carry no credentials, so none are allowed; only the listed origins may post.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(3600));
    Ok(Router::new()
        .route("/v1/submissions", post(submit))
        .route("/v1/aggregates", get(aggregates_json))
        .route("/v1/aggregates.csv", get(aggregates_csv))
        .route("/healthz", get(|| async { "ok\n" }))
        .layer(cors)
        .layer(axum::middleware::from_fn(super::log::requests))
        .with_state(state))
}

/// A JSON error body: `{"error": "...", "details": [...]}`.
fn error(status: StatusCode, message: &str, details: Vec<String>) -> Response {
    let body = if details.is_empty() {
        json!({ "error": message })
    } else {
        json!({ "error": message, "details": details })
    };
    (status, axum::Json(body)).into_response()
}

async fn submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Err(wait) = state.limiter.check(client.ip()) {
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many reports; try again later",
            vec![],
        );
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json_type {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the report as application/json",
            vec![],
        );
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BYTES).await else {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("a report is at most {MAX_BYTES} bytes"),
            vec![],
        );
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "the body is not valid JSON",
                vec![e.to_string()],
            );
        }
    };
    let payload: Payload = match serde_json::from_value(value) {
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
    let id = payload.id.clone();
    match state.store.submit(payload).await {
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

#[derive(Deserialize)]
struct AggregateQuery {
    questionnaire: Option<String>,
}

/// Checks the admin token and the questionnaire, then aggregates its reports.
async fn aggregates(
    state: &AppState,
    headers: &HeaderMap,
    query: AggregateQuery,
) -> Result<screening_core::aggregate::Aggregates, Response> {
    let Some(token) = &state.admin_token else {
        return Err(error(
            StatusCode::FORBIDDEN,
            "aggregates are not served: start the collector with --admin-token",
            vec![],
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
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
    let payloads = state
        .store
        .payloads(&id)
        .await
        .map_err(|e| error(StatusCode::SERVICE_UNAVAILABLE, &e, vec![]))?;
    Ok(aggregate(
        &id,
        &payloads,
        |v| state.registry.get(&id, v),
        state.min_cell,
    ))
}

async fn aggregates_json(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<AggregateQuery>,
) -> Response {
    match aggregates(&state, &headers, query).await {
        Ok(a) => axum::Json(a).into_response(),
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
