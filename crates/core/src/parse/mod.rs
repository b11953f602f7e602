//! Reading definitions and contact directories from JSON, reporting every problem at once,
//! each with its JSON path.
//!
//! The readers here and in the submodules walk any parsed JSON (the [`Json`] trait): a
//! `serde_json::Value` on the command line and in the collector, the browser's own `JSON.parse`
//! result in the widget (so its wasm carries no JSON parser). They list every unknown field,
//! wrong type and missing field in one pass, where derived serde code stops at the first.

mod contacts;
mod definition;

pub use contacts::directory;
#[cfg(test)]
pub(crate) use definition::condition;
pub use definition::definition;

use crate::error::{DefinitionError, Errors, Kind};
use crate::small_map::SmallMap;
use crate::text::Text;
use serde_json::Value;

/// Parsed JSON, as the readers see it.
pub trait Json: Sized {
    fn is_null(&self) -> bool;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The elements, when this is a list.
    fn items(&self) -> Option<Vec<Self>>;
    /// The members in order, when this is an object.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
    /// What this is, for "invalid type" messages ("a list", "number `3`").
    fn describe(&self) -> String;
}

impl Json for Value {
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Value>> {
        self.as_array().cloned()
    }
    fn entries(&self) -> Option<Vec<(String, Value)>> {
        self.as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }
    fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) => format!("number `{n}`"),
            Value::String(s) => format!("string \"{}\"", truncate(s)),
            Value::Array(_) => "a list".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// Parses JSON text, or explains where the syntax is broken.
pub fn json(text: &str) -> Result<Value, Vec<DefinitionError>> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        vec![DefinitionError::of(
            Kind::Syntax,
            "$",
            format!(
                "not valid JSON: {message} (line {}, column {})",
                e.line(),
                e.column()
            ),
        )]
    })
}

/// At most 40 characters of `s`, for messages.
pub fn truncate(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn invalid<J: Json>(e: &mut Errors, path: &str, v: &J, expected: &str) {
    e.kind(
        Kind::WrongType,
        path,
        format!("invalid type: found {}, expected {expected}", v.describe()),
    );
}

/// An object whose keys must be among `fields` (others are reported as unknown).
pub(crate) struct Object<J> {
    map: Vec<(String, J)>,
    path: String,
}

impl<J: Json> Object<J> {
    pub fn new(v: &J, path: &str, fields: &[&str], e: &mut Errors) -> Option<Object<J>> {
        let Some(map) = v.entries() else {
            invalid(e, path, v, "an object");
            return None;
        };
        for (key, _) in &map {
            if !fields.contains(&key.as_str()) {
                e.kind(
                    Kind::UnknownField,
                    format!("{path}.{key}"),
                    format!(
                        "unknown field `{key}`, expected one of `{}`",
                        fields.join("`, `")
                    ),
                );
            }
        }
        Some(Object {
            map,
            path: path.to_owned(),
        })
    }

    /// The path of a field.
    pub fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// An optional field (absent or `null` count as missing).
    pub fn opt(&self, key: &str) -> Option<&J> {
        self.map
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    /// Whether the key is there at all, even as `null`.
    pub fn has(&self, key: &str) -> bool {
        self.map.iter().any(|(k, _)| k == key)
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// A required field, reported when missing.
    pub fn req(&self, key: &str, e: &mut Errors) -> Option<&J> {
        let v = self.opt(key);
        if v.is_none() {
            e.kind(
                Kind::MissingField,
                self.path.clone(),
                format!("missing field `{key}`"),
            );
        }
        v
    }

    /// A required field read by `read`.
    pub fn field<T>(
        &self,
        key: &str,
        e: &mut Errors,
        read: impl FnOnce(&J, &str, &mut Errors) -> Option<T>,
    ) -> Option<T> {
        let v = self.req(key, e)?;
        read(v, &self.at(key), e)
    }

    /// An optional field read by `read`; `Ok(None)` when absent, `Err(())` when invalid.
    pub fn optional<T>(
        &self,
        key: &str,
        e: &mut Errors,
        read: impl FnOnce(&J, &str, &mut Errors) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => read(v, &self.at(key), e).map(Some).ok_or(()),
        }
    }
}

pub(crate) fn string<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<String> {
    match v.string() {
        Some(s) => Some(s),
        None => {
            invalid(e, path, v, "a string");
            None
        }
    }
}

pub(crate) fn uint<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<u32> {
    match v
        .number()
        .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
    {
        Some(n) => Some(n as u32),
        None => {
            invalid(e, path, v, "a whole number from 0");
            None
        }
    }
}

pub(crate) fn boolean<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<bool> {
    match v.boolean() {
        Some(b) => Some(b),
        None => {
            invalid(e, path, v, "true or false");
            None
        }
    }
}

/// A list, each element read by `read`; every element is read even after a bad one.
pub(crate) fn list<J: Json, T>(
    v: &J,
    path: &str,
    e: &mut Errors,
    mut read: impl FnMut(&J, &str, &mut Errors) -> Option<T>,
) -> Option<Vec<T>> {
    let Some(items) = v.items() else {
        invalid(e, path, v, "a list");
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match read(item, &format!("{path}[{i}]"), e) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// An object used as a map from its keys to values read by `read`.
pub(crate) fn map<J: Json, T>(
    v: &J,
    path: &str,
    e: &mut Errors,
    mut read: impl FnMut(&str, &J, &str, &mut Errors) -> Option<T>,
) -> Option<SmallMap<String, T>> {
    let Some(object) = v.entries() else {
        invalid(e, path, v, "an object");
        return None;
    };
    let mut out = SmallMap::new();
    let mut ok = true;
    for (key, item) in object {
        match read(&key, &item, &format!("{path}.{key}"), e) {
            Some(x) => {
                out.insert(key, x);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Text per locale: an object of strings. Locale keys are checked by validation.
pub(crate) fn text<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Text> {
    map(v, path, e, |_, s, p, e| string(s, p, e)).map(Text)
}

/// One of a fixed set of names, as a value of type `T`.
pub(crate) fn variant<J: Json, T: Copy>(
    v: &J,
    path: &str,
    e: &mut Errors,
    table: &[(&str, T)],
) -> Option<T> {
    let name = string(v, path, e)?;
    match table.iter().find(|(n, _)| *n == name) {
        Some((_, t)) => Some(*t),
        None => {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            e.kind(
                Kind::WrongType,
                path,
                format!(
                    "unknown variant `{}`, expected one of `{}`",
                    truncate(&name),
                    names.join("`, `")
                ),
            );
            None
        }
    }
}
