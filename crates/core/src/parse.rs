//! Reading JSON into typed values, with every structural error reported with its JSON path.
//!
//! serde stops at the first error; to list more at once, each element of the big arrays is
//! read on its own, so a typo in question 3 and a wrong type in question 7 both show up.
//!
//! That costs code size (every type is deserialized twice over, through a path-tracking
//! wrapper), so it is the `paths` feature, on for the command line and the collector. Without it
//! (the widget) a structural error is reported once, by line and column; the semantic checks in
//! `validate` report every error with its path either way.

use crate::error::DefinitionError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Checks one array element; returns the first error's path (relative) and message.
pub type ElementCheck = fn(&Value) -> Result<(), (String, String)>;

/// Reads `json` as `T`, or explains what is wrong and where. `arrays` names top-level array
/// fields whose elements are checked one by one when the whole fails.
#[cfg(not(feature = "paths"))]
pub fn read<T: DeserializeOwned>(
    json: &str,
    _arrays: &[(&str, ElementCheck)],
) -> Result<T, Vec<DefinitionError>> {
    serde_json::from_str(json).map_err(|e| vec![json_error(e)])
}

fn json_error(e: serde_json::Error) -> DefinitionError {
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let what = if e.is_syntax() || e.is_eof() {
        "not valid JSON"
    } else {
        "wrong shape"
    };
    DefinitionError::new(
        "$",
        format!(
            "{what}: {message} (line {}, column {})",
            e.line(),
            e.column()
        ),
    )
}

#[cfg(feature = "paths")]
pub fn read<T: DeserializeOwned>(
    json: &str,
    arrays: &[(&str, ElementCheck)],
) -> Result<T, Vec<DefinitionError>> {
    let value: Value = serde_json::from_str(json).map_err(|e| vec![json_error(e)])?;
    read_value(&value, arrays)
}

/// As [`read`], from an already parsed value.
#[cfg(feature = "paths")]
pub fn read_value<T: DeserializeOwned>(
    value: &Value,
    arrays: &[(&str, ElementCheck)],
) -> Result<T, Vec<DefinitionError>> {
    let whole = match from_value::<T>(value) {
        Ok(typed) => return Ok(typed),
        Err(whole) => whole,
    };
    let Some(object) = value.as_object() else {
        return Err(vec![at("$", whole)]);
    };
    let mut errors = Vec::new();
    let mut rest = object.clone();
    for (field, check) in arrays {
        if let Some(Value::Array(items)) = object.get(*field) {
            for (i, item) in items.iter().enumerate() {
                if let Err(e) = check(item) {
                    errors.push(at(&format!("$.{field}[{i}]"), e));
                }
            }
            rest.insert((*field).to_owned(), Value::Array(Vec::new()));
        }
    }
    if let Err(e) = from_value::<T>(&Value::Object(rest)) {
        errors.insert(0, at("$", e));
    }
    if errors.is_empty() {
        errors.push(at("$", whole));
    }
    Err(errors)
}

/// An [`ElementCheck`] for elements of type `T`.
#[cfg(not(feature = "paths"))]
pub fn element<T: DeserializeOwned>(_value: &Value) -> Result<(), (String, String)> {
    Ok(())
}

/// An [`ElementCheck`] for elements of type `T`.
#[cfg(feature = "paths")]
pub fn element<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    from_value::<T>(value).map(|_| ())
}

#[cfg(feature = "paths")]
fn at(prefix: &str, (path, message): (String, String)) -> DefinitionError {
    DefinitionError::new(format!("{prefix}{path}"), message)
}

/// Deserializes, returning the first error's path (as `.a.b[2]`, empty at the root).
#[cfg(feature = "paths")]
fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = match path.as_str() {
            "." | "" => String::new(),
            p if p.starts_with('[') => p.to_owned(),
            p => format!(".{p}"),
        };
        (path, e.into_inner().to_string())
    })
}
