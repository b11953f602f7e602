//! Errors in a definition, each with the JSON path where it is and a sentence a partner
//! understands.

use serde::Serialize;
use std::fmt;

/// One problem in a definition (or contact directory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefinitionError {
    /// Where: a JSON path such as `$.questions[3].options[1].weights.risk`.
    pub path: String,
    /// What is wrong, and where useful, how to fix it.
    pub message: String,
}

impl DefinitionError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        DefinitionError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DefinitionError {}

/// Collects errors while walking a definition.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<DefinitionError>);

impl Errors {
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(DefinitionError::new(path, message));
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<DefinitionError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}
