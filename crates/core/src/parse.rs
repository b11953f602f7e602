//! Reading JSON into typed values, with every structural error reported with its JSON path.
//!
//! serde stops at the first error; to list more at once, each element of the big arrays is
//! read on its own, so a typo in question 3 and a wrong type in question 7 both show up.

use crate::error::DefinitionError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Checks one array element; returns the first error's path (relative) and message.
pub type ElementCheck = fn(&Value) -> Result<(), (String, String)>;

/// Reads `json` as `T`, or explains what is wrong and where. `arrays` names top-level array
/// fields whose elements are checked one by one when the whole fails.
pub fn read<T: DeserializeOwned>(
    json: &str,
    arrays: &[(&str, ElementCheck)],
) -> Result<T, Vec<DefinitionError>> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
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
    })?;
    read_value(&value, arrays)
}

/// As [`read`], from an already parsed value.
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
pub fn element<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    from_value::<T>(value).map(|_| ())
}

fn at(prefix: &str, (path, message): (String, String)) -> DefinitionError {
    DefinitionError::new(format!("{prefix}{path}"), message)
}

/// Deserializes, returning the first error's path (as `.a.b[2]`, empty at the root).
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
