//! The widget's network I/O, all in one place: fetching definitions and contact directories.
//! Requests never carry cookies or credentials.

use screening_core::contacts::{Directory, parse_directory};
use screening_core::{Definition, DefinitionError, parse_definition};
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
    let json = fetch_text(url).await?;
    parse_definition(&json).map_err(|errors| LoadError::Invalid {
        url: url.to_owned(),
        errors,
    })
}

/// Fetches and validates a contact directory.
pub async fn directory(url: &str) -> Result<Directory, LoadError> {
    let json = fetch_text(url).await?;
    parse_directory(&json).map_err(|errors| LoadError::Invalid {
        url: url.to_owned(),
        errors,
    })
}
