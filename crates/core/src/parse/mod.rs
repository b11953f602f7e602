//! Reading definitions and contact directories from JSON, reporting every problem at once,
//! each with its JSON path.
//!
//! The text is parsed into a `serde_json::Value` (one generic instantiation), then read by the
//! plain functions here and in the submodules. That lists every unknown field, wrong type and
//! missing field in one pass, where derived serde code stops at the first, and it keeps the
//! widget's wasm small: no per-type deserializer code.

mod contacts;
mod definition;

pub use contacts::directory;
#[cfg(test)]
pub(crate) use definition::condition;
pub use definition::definition;

use crate::error::{DefinitionError, Errors};
use crate::text::Text;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Parses JSON text, or explains where the syntax is broken.
pub fn json(text: &str) -> Result<Value, Vec<DefinitionError>> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        vec![DefinitionError::new(
            "$",
            format!(
                "not valid JSON: {message} (line {}, column {})",
                e.line(),
                e.column()
            ),
        )]
    })
}

/// What a JSON value is, for "invalid type" messages.
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string {:?}", truncate(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn invalid(e: &mut Errors, path: &str, v: &Value, expected: &str) {
    e.push(
        path,
        format!("invalid type: found {}, expected {expected}", kind(v)),
    );
}

/// An object whose keys must be among `fields` (others are reported as unknown).
pub(crate) struct Object<'v> {
    map: &'v Map<String, Value>,
    path: String,
}

impl<'v> Object<'v> {
    pub fn new(v: &'v Value, path: &str, fields: &[&str], e: &mut Errors) -> Option<Object<'v>> {
        let Some(map) = v.as_object() else {
            invalid(e, path, v, "an object");
            return None;
        };
        for key in map.keys() {
            if !fields.contains(&key.as_str()) {
                e.push(
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
    pub fn opt(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field, reported when missing.
    pub fn req(&self, key: &str, e: &mut Errors) -> Option<&'v Value> {
        let v = self.opt(key);
        if v.is_none() {
            e.push(self.path.clone(), format!("missing field `{key}`"));
        }
        v
    }

    /// A required field read by `read`.
    pub fn field<T>(
        &self,
        key: &str,
        e: &mut Errors,
        read: impl FnOnce(&Value, &str, &mut Errors) -> Option<T>,
    ) -> Option<T> {
        let v = self.req(key, e)?;
        read(v, &self.at(key), e)
    }

    /// An optional field read by `read`; `Ok(None)` when absent, `Err(())` when invalid.
    pub fn optional<T>(
        &self,
        key: &str,
        e: &mut Errors,
        read: impl FnOnce(&Value, &str, &mut Errors) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => read(v, &self.at(key), e).map(Some).ok_or(()),
        }
    }
}

pub(crate) fn string(v: &Value, path: &str, e: &mut Errors) -> Option<String> {
    match v.as_str() {
        Some(s) => Some(s.to_owned()),
        None => {
            invalid(e, path, v, "a string");
            None
        }
    }
}

pub(crate) fn uint(v: &Value, path: &str, e: &mut Errors) -> Option<u32> {
    match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
        Some(n) => Some(n),
        None => {
            invalid(e, path, v, "a whole number from 0");
            None
        }
    }
}

pub(crate) fn boolean(v: &Value, path: &str, e: &mut Errors) -> Option<bool> {
    match v.as_bool() {
        Some(b) => Some(b),
        None => {
            invalid(e, path, v, "true or false");
            None
        }
    }
}

/// A list, each element read by `read`; every element is read even after a bad one.
pub(crate) fn list<T>(
    v: &Value,
    path: &str,
    e: &mut Errors,
    mut read: impl FnMut(&Value, &str, &mut Errors) -> Option<T>,
) -> Option<Vec<T>> {
    let Some(items) = v.as_array() else {
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
pub(crate) fn map<T>(
    v: &Value,
    path: &str,
    e: &mut Errors,
    mut read: impl FnMut(&str, &Value, &str, &mut Errors) -> Option<T>,
) -> Option<BTreeMap<String, T>> {
    let Some(object) = v.as_object() else {
        invalid(e, path, v, "an object");
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, item) in object {
        match read(key, item, &format!("{path}.{key}"), e) {
            Some(x) => {
                out.insert(key.clone(), x);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Text per locale: an object of strings. Locale keys are checked by validation.
pub(crate) fn text(v: &Value, path: &str, e: &mut Errors) -> Option<Text> {
    map(v, path, e, |_, s, p, e| string(s, p, e)).map(Text)
}

/// One of a fixed set of names, as a value of type `T`.
pub(crate) fn variant<T: Copy>(
    v: &Value,
    path: &str,
    e: &mut Errors,
    table: &[(&str, T)],
) -> Option<T> {
    let name = string(v, path, e)?;
    match table.iter().find(|(n, _)| *n == name) {
        Some((_, t)) => Some(*t),
        None => {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            e.push(
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
