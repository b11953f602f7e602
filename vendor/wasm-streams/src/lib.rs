//! Stand-in for `wasm-streams` without `#[wasm_bindgen]` exports (see Cargo.toml for why).

use futures_util::Stream;
use wasm_bindgen::JsValue;

pub mod readable {
    pub mod sys {
        pub use web_sys::ReadableStream;
    }
    pub use super::ReadableStream;
}

/// A web `ReadableStream`; only the conversions server_fn names are provided.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// Streaming request bodies are not supported by this stand-in: fail loudly rather than
    /// send an empty body.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        wasm_bindgen::throw_str("wasm-streams stand-in: streams are not supported (see vendor/wasm-streams)")
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Streaming responses are not supported by this stand-in: fail loudly rather than end
    /// the stream at once as if it were empty.
    pub fn into_stream(self) -> futures_util::stream::Empty<Result<JsValue, JsValue>> {
        wasm_bindgen::throw_str("wasm-streams stand-in: streams are not supported (see vendor/wasm-streams)")
    }
}
