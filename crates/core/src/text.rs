//! Text that a definition carries in every locale it offers.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One piece of text per locale tag. Keys stay strings while parsing so that validation can
/// report every unknown or missing locale at once, with its path, instead of the first only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `locale`; empty when missing (a valid definition has every offered locale).
    pub fn get(&self, locale: Locale) -> &str {
        self.0.get(locale.tag()).map(String::as_str).unwrap_or("")
    }

    /// Builds text from `(locale, text)` pairs; handy in tests and examples.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (Locale, &'a str)>) -> Text {
        Text(
            pairs
                .into_iter()
                .map(|(l, t)| (l.tag().to_owned(), t.to_owned()))
                .collect(),
        )
    }
}
