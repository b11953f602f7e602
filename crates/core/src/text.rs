//! Text that a definition carries in every locale it offers.

use crate::locale::Locale;
use crate::small_map::SmallMap;
use serde::Serialize;

/// One piece of text per locale tag. Keys stay strings while parsing so that validation can
/// report every unknown or missing locale at once, with its path, instead of the first only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub SmallMap<String, String>);

impl Text {
    /// The text in `locale`; empty when missing (a valid definition has every offered locale).
    pub fn get(&self, locale: Locale) -> &str {
        self.0.get(locale.tag()).map(String::as_str).unwrap_or("")
    }
}
