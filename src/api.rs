//! The widget's network I/O, all in one place: fetching definitions and contact directories,
//! and posting reports. The requests made here never carry cookies or credentials. (The
//! loader's early fetch of the questionnaire, `preload` in `screening-form.js`, uses the
//! browser's default `same-origin` mode so that a page's preload hint is reused: a partner's
//! definition on the page's own origin receives the page's cookies, as any same-origin file
//! does. Reports always go without.)

use screening_core::contacts::{Directory, directory_from_json};
use screening_core::delivery::{self, Attempt};
use screening_core::parse::Json;
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

/// Parses what was fetched from `url` with the browser's `JSON.parse`: no JSON parser in the wasm,
/// and no copy of the result either (the core's reader walks the browser's own value).
fn parse_json(url: &str, text: &str) -> Result<Js, LoadError> {
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
    if let Some(mut path) = too_deep(&parsed, MAX_DEPTH) {
        path.push("$".into());
        path.reverse();
        return Err(invalid(
            &path.concat(),
            format!("nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    Ok(Js(parsed))
}

/// The path (innermost first) of the first part of `v` nested more than `depth` arrays and
/// objects deep, checked before the core's recursive reader runs.
fn too_deep(v: &JsValue, depth: usize) -> Option<Vec<String>> {
    if js_sys::Array::is_array(v) {
        if depth == 0 {
            return Some(Vec::new());
        }
        for (i, x) in js_sys::Array::from(v).iter().enumerate() {
            if let Some(mut p) = too_deep(&x, depth - 1) {
                p.push(format!("[{i}]"));
                return Some(p);
            }
        }
    } else if v.is_object() {
        if depth == 0 {
            return Some(Vec::new());
        }
        for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
            let pair = js_sys::Array::from(&entry);
            if let Some(mut p) = too_deep(&pair.get(1), depth - 1) {
                p.push(format!(".{}", pair.get(0).as_string().unwrap_or_default()));
                return Some(p);
            }
        }
    }
    None
}

/// What `JSON.parse` returned, as the core's reader sees parsed JSON.
pub struct Js(JsValue);

impl Json for Js {
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Js>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Js).collect())
    }
    fn entries(&self) -> Option<Vec<(String, Js)>> {
        if !self.0.is_object() || js_sys::Array::is_array(&self.0) {
            return None;
        }
        let entries = js_sys::Object::entries(self.0.unchecked_ref());
        Some(
            entries
                .iter()
                .filter_map(|entry| {
                    let pair = js_sys::Array::from(&entry);
                    Some((pair.get(0).as_string()?, Js(pair.get(1))))
                })
                .collect(),
        )
    }
    fn describe(&self) -> String {
        if self.is_null() {
            "null".into()
        } else if let Some(b) = self.boolean() {
            format!("boolean `{b}`")
        } else if let Some(n) = self.number() {
            // Whole numbers as integers: no float formatting code in the wasm.
            if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
                format!("number `{}`", n as i64)
            } else {
                "a number with a fraction".into()
            }
        } else if let Some(s) = self.string() {
            format!("string \"{}\"", screening_core::parse::truncate(&s))
        } else if js_sys::Array::is_array(&self.0) {
            "a list".into()
        } else {
            "an object".into()
        }
    }
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
        sleep(wait).await;
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
    let timer =
        gloo_timers::callback::Timeout::new(delivery::TIMEOUT_MS, move || controller.abort());
    let result = JsFuture::from(window.fetch_with_request(&request)).await;
    // Dropping the timeout cancels it.
    drop(timer);
    let response: Response = result?.unchecked_into();
    Ok(response.status())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
