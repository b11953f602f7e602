//! Locales the product ships text for, and how a requested language is matched to one of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the widget can speak. Tags are the ones partners write in the `lang` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Tajik (Cyrillic), the state language of Tajikistan.
    Tg,
    /// Russian, widely read and the language at the main destination.
    Ru,
    /// Uzbek, spoken by a large minority.
    Uz,
    /// English, for partners.
    En,
}

impl Locale {
    /// Every locale, in the order menus list them.
    pub const ALL: [Locale; 4] = [Locale::Tg, Locale::Ru, Locale::Uz, Locale::En];

    /// The BCP 47 tag, as used in `lang` attributes and definitions.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Tg => "tg",
            Locale::Ru => "ru",
            Locale::Uz => "uz",
            Locale::En => "en",
        }
    }

    /// The language's own name, so a reader finds it in the menu whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Tg => "Тоҷикӣ",
            Locale::Ru => "Русский",
            Locale::Uz => "Oʻzbekcha",
            Locale::En => "English",
        }
    }

    /// Matches a browser or attribute language tag (`ru-RU`, `tg-Cyrl-TJ`, `EN`) to a locale,
    /// by its primary subtag, because browsers report regional variants we treat alike.
    pub fn from_language_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first of `preferred` (most preferred first) that is in `available`, else the first
    /// available, else `None` when nothing is available.
    pub fn negotiate<'a>(
        preferred: impl IntoIterator<Item = &'a str>,
        available: &[Locale],
    ) -> Option<Locale> {
        preferred
            .into_iter()
            .filter_map(Locale::from_language_tag)
            .find(|l| available.contains(l))
            .or_else(|| available.first().copied())
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error for a tag that names no locale we ship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale(pub String);

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language \"{}\" (expected one of tg, ru, uz, en)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLocale {}

impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::from_language_tag(s).ok_or_else(|| UnknownLocale(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_match_their_language() {
        assert_eq!(Locale::from_language_tag("ru-RU"), Some(Locale::Ru));
        assert_eq!(Locale::from_language_tag("tg-Cyrl-TJ"), Some(Locale::Tg));
        assert_eq!(Locale::from_language_tag("EN"), Some(Locale::En));
        assert_eq!(Locale::from_language_tag("fr"), None);
        assert_eq!(Locale::from_language_tag(""), None);
    }

    #[test]
    fn negotiation_prefers_the_visitor_then_falls_back() {
        let available = [Locale::Tg, Locale::Ru];
        assert_eq!(
            Locale::negotiate(["de", "ru-RU", "tg"], &available),
            Some(Locale::Ru)
        );
        assert_eq!(Locale::negotiate(["fr"], &available), Some(Locale::Tg));
        assert_eq!(Locale::negotiate(["en"], &[]), None);
    }

    #[test]
    fn parse_error_names_the_bad_value() {
        let err = "xx".parse::<Locale>().unwrap_err();
        assert!(err.to_string().contains("\"xx\""));
    }
}
