//! The one error type of the core: what is wrong (a [`Kind`] that tests and programs match on),
//! where (a JSON path), and a sentence a partner understands. Definitions, contact directories,
//! answers and received reports all report problems this way, every problem at once.

use serde::Serialize;
use std::fmt;

/// What kind of problem: stable for programs and tests; the message is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Not JSON at all.
    Syntax,
    /// A field this format does not have (a typo is an error, never silently ignored).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type, or not one of the allowed words.
    WrongType,
    /// A malformed id, tag, number, date, URL or other value.
    BadValue,
    /// An id used twice where it must be unique.
    Duplicate,
    /// An id the format reserves (`dont_know`, `skipped`).
    Reserved,
    /// A text: an unknown or unoffered locale, a missing translation, an empty text.
    Text,
    /// A reference to a question, answer, scale, band or topic that does not exist.
    Reference,
    /// Out of the required order: thresholds, levels, references to later questions.
    Order,
    /// Conditions that depend on each other in a circle.
    Cycle,
    /// A band no answer can reach, or a scale no answer raises.
    Unreachable,
    /// A version or schema this engine does not read.
    Unsupported,
    /// An answer that does not fit its question.
    Answer,
    /// Something a report may not carry (a field that is not reportable, not randomized).
    Disclosure,
    /// Any other rule of the format.
    Rule,
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub kind: Kind,
    /// Where: a JSON path such as `$.questions[3].options[1].weights.risk`.
    pub path: String,
    /// What is wrong, and where useful, how to fix it.
    pub message: String,
}

/// A problem in a definition or contact directory.
pub type DefinitionError = Error;

impl Error {
    /// A problem of kind [`Kind::Rule`].
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::of(Kind::Rule, path, message)
    }

    pub fn of(kind: Kind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// Collects errors while walking a definition.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// A problem of kind [`Kind::Rule`]; see [`Errors::kind`] for the others.
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.kind(Kind::Rule, path, message);
    }

    pub fn kind(&mut self, kind: Kind, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Error::of(kind, path, message));
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Error>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}
