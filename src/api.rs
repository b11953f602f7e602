//! The widget's network I/O, all in one place: fetching definitions and contact directories.
//! Requests never carry cookies or credentials.

use screening_core::contacts::{Directory, directory_from_json};
use screening_core::delivery::{self, Attempt};
use screening_core::validate::definition_from_json;
use screening_core::{Definition, DefinitionError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCredentials, RequestInit, Response};

/// Why a definition or directory could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed or the server answered with an error status.
    Network { url: String, detail: String },
    /// The file arrived but is not a valid definition or directory.
    Invalid {
        url: String,
        errors: Vec<DefinitionError>,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Network { url, detail } => write!(f, "could not load {url}: {detail}"),
            LoadError::Invalid { url, errors } => {
                write!(f, "{url} is invalid ({} errors):", errors.len())?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
        }
    }
}

/// GETs `url` as text, without credentials.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let network = |detail: String| LoadError::Network {
        url: url.to_owned(),
        detail,
    };
    let describe = |e: JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "network error".into())
    };
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    let request = Request::new_with_str_and_init(url, &init).map_err(|e| network(describe(e)))?;
    let window = web_sys::window().ok_or_else(|| network("no window".into()))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|e| network(describe(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(network(format!("HTTP {}", response.status())));
    }
    let text = response.text().map_err(|e| network(describe(e)))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|e| network(describe(e)))?;
    text.as_string()
        .ok_or_else(|| network("the response is not text".into()))
}

/// Fetches and validates a questionnaire definition.
pub async fn definition(url: &str) -> Result<Definition, LoadError> {
    definition_from_text(url, &fetch_text(url).await?)
}

/// Validates a definition already fetched (by the loader, while the wasm loaded).
pub fn definition_from_text(url: &str, text: &str) -> Result<Definition, LoadError> {
    let value = parse_json(url, text)?;
    definition_from_json(&value).map_err(|errors| LoadError::Invalid {
        url: url.to_owned(),
        errors,
    })
}

/// The text the loader's fetch of `url` resolved to (its rejection is a network error).
pub async fn preloaded_text(url: &str, text: js_sys::Promise) -> Result<String, LoadError> {
    let network = |detail: String| LoadError::Network {
        url: url.to_owned(),
        detail,
    };
    JsFuture::from(text)
        .await
        .map_err(|e| {
            network(
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "network error".into()),
            )
        })?
        .as_string()
        .ok_or_else(|| network("the response is not text".into()))
}

/// Fetches and validates a contact directory.
pub async fn directory(url: &str) -> Result<Directory, LoadError> {
    let value = parse_json(url, &fetch_text(url).await?)?;
    directory_from_json(&value).map_err(|errors| LoadError::Invalid {
        url: url.to_owned(),
        errors,
    })
}

/// How deeply a definition or directory may nest. Real ones need fewer than 15 levels; the
/// cap keeps a broken or hostile file from overflowing the wasm stack (a trap would take down
/// every widget on the page).
pub const MAX_DEPTH: usize = 64;

/// Parses what was fetched from `url` with the browser's `JSON.parse`: no JSON parser in the wasm.
fn parse_json(url: &str, text: &str) -> Result<serde_json::Value, LoadError> {
    let invalid = |path: &str, message: String| LoadError::Invalid {
        url: url.to_owned(),
        errors: vec![DefinitionError::new(path, message)],
    };
    let parsed = js_sys::JSON::parse(text).map_err(|e| {
        invalid(
            "$",
            format!(
                "not valid JSON: {}",
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_default()
            ),
        )
    })?;
    to_value(&parsed, MAX_DEPTH).map_err(|mut path| {
        path.push("$".into());
        path.reverse();
        invalid(
            &path.concat(),
            format!("nested more than {MAX_DEPTH} levels deep"),
        )
    })
}

/// Converts what `JSON.parse` returned into a `serde_json::Value`, at most `depth` arrays and
/// objects deep; `Err` holds the path of the first part nested deeper (innermost first). Whole
/// numbers become integers, so the reader's integer fields accept them.
fn to_value(v: &JsValue, depth: usize) -> Result<serde_json::Value, Vec<String>> {
    use serde_json::Value;
    let nested = v.is_object() || js_sys::Array::is_array(v);
    if nested && depth == 0 {
        return Err(Vec::new());
    }
    Ok(if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            if n >= 0.0 {
                Value::from(n as u64)
            } else {
                Value::from(n as i64)
            }
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if js_sys::Array::is_array(v) {
        let mut items = Vec::new();
        for (i, x) in js_sys::Array::from(v).iter().enumerate() {
            items.push(to_value(&x, depth - 1).map_err(|mut p| {
                p.push(format!("[{i}]"));
                p
            })?);
        }
        Value::Array(items)
    } else if v.is_object() {
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
            let pair = js_sys::Array::from(&entry);
            if let Some(key) = pair.get(0).as_string() {
                let value = to_value(&pair.get(1), depth - 1).map_err(|mut p| {
                    p.push(format!(".{key}"));
                    p
                })?;
                map.insert(key, value);
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    })
}

/// How a report delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// 201 stored, or 200 already there.
    Delivered,
    /// 4xx: the collector will never take it; retrying cannot help.
    Rejected(u16),
    /// Network errors or 5xx/429 on every attempt: worth keeping and trying later.
    Unreachable,
}

/// POSTs a report as JSON, without cookies or credentials, with `keepalive` so it survives the
/// page being closed; which answers end, retry or give up, and the waits, are the core's
/// [`delivery`] policy.
pub async fn deliver(endpoint: &str, json: &str) -> Delivery {
    let mut attempt = 0;
    loop {
        match delivery::classify(post(endpoint, json).await.ok()) {
            Attempt::Delivered => return Delivery::Delivered,
            Attempt::Rejected(status) => return Delivery::Rejected(status),
            Attempt::Retry => {}
        }
        let Some(wait) = delivery::backoff(attempt) else {
            return Delivery::Unreachable;
        };
        sleep(wait as i32).await;
        attempt += 1;
    }
}

/// One attempt; `Ok(status)` when the collector answered.
async fn post(endpoint: &str, json: &str) -> Result<u16, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = web_sys::AbortController::new()?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Omit);
    // web-sys has no setter for `keepalive` yet; the dictionary is a plain object.
    js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE)?;
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    init.set_body(&JsValue::from_str(json));
    init.set_signal(Some(&controller.signal()));
    let headers = web_sys::Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(endpoint, &init)?;
    let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        abort.unchecked_ref(),
        delivery::TIMEOUT_MS as i32,
    )?;
    let result = JsFuture::from(window.fetch_with_request(&request)).await;
    window.clear_timeout_with_handle(timer);
    let response: Response = result?.unchecked_into();
    Ok(response.status())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
