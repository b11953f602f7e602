//! Locales the product ships text for, and how a requested language is matched to one of them.
//!
//! Locales are BCP 47 tags. Uzbek is written in two scripts, so it is two locales, `uz-Cyrl` and
//! `uz-Latn`; a tag that names no script (`uz`, `uz-UZ`) gets the script the questionnaire
//! declares as its default (`default_scripts` in the definition), else Cyrillic, the script most
//! Uzbek readers in Tajikistan learned at school.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A language (and, for Uzbek, script) the widget can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    /// Tajik (Cyrillic), the state language of Tajikistan.
    Tg,
    /// Russian, widely read and the language at the main destination.
    Ru,
    /// Uzbek in Cyrillic script, as taught in Tajikistan's Uzbek-medium schools.
    UzCyrl,
    /// Uzbek in Latin script, Uzbekistan's official script since 1993.
    UzLatn,
    /// English, for partners.
    En,
}

/// What a language tag asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Exactly this locale (`ru-RU`, `uz-Cyrl`, `uz-Latn-UZ`).
    Exact(Locale),
    /// A language written in several scripts, with no script named (`uz`, `uz-UZ`): one of
    /// these, the questionnaire's default script first.
    AnyScript(&'static [Locale]),
}

const UZBEK: [Locale; 2] = [Locale::UzCyrl, Locale::UzLatn];

impl Locale {
    /// Every locale, in the order menus list them.
    pub const ALL: [Locale; 5] = [
        Locale::Tg,
        Locale::Ru,
        Locale::UzCyrl,
        Locale::UzLatn,
        Locale::En,
    ];

    /// The BCP 47 tag, as used in `lang` attributes, definitions and reports.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Tg => "tg",
            Locale::Ru => "ru",
            Locale::UzCyrl => "uz-Cyrl",
            Locale::UzLatn => "uz-Latn",
            Locale::En => "en",
        }
    }

    /// The primary language subtag (`uz` for both Uzbek scripts).
    pub fn language(self) -> &'static str {
        match self {
            Locale::UzCyrl | Locale::UzLatn => "uz",
            l => l.tag(),
        }
    }

    /// The script subtag for a language written in several scripts.
    pub fn script(self) -> Option<&'static str> {
        match self {
            Locale::UzCyrl => Some("Cyrl"),
            Locale::UzLatn => Some("Latn"),
            _ => None,
        }
    }

    /// The language's own name, so a reader finds it in the menu whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Tg => "Тоҷикӣ",
            Locale::Ru => "Русский",
            Locale::UzCyrl => "Ўзбекча",
            Locale::UzLatn => "Oʻzbekcha",
            Locale::En => "English",
        }
    }

    /// Where text missing in this locale is taken from, best first: the other script of the
    /// same language, then Russian (widely read in Tajikistan), then English.
    pub fn fallbacks(self) -> &'static [Locale] {
        match self {
            Locale::Tg => &[Locale::Ru, Locale::En],
            Locale::Ru => &[Locale::En],
            Locale::UzCyrl => &[Locale::UzLatn, Locale::Ru, Locale::En],
            Locale::UzLatn => &[Locale::UzCyrl, Locale::Ru, Locale::En],
            Locale::En => &[Locale::Ru],
        }
    }

    /// Reads a browser or attribute language tag (`ru-RU`, `tg-Cyrl-TJ`, `EN`, `uz-Latn`,
    /// `uz_UZ`): the primary subtag and, for Uzbek, the script subtag; regions are ignored.
    /// `None` for languages we have no text in (and for Uzbek in Arabic script).
    pub fn wanted(tag: &str) -> Option<Wanted> {
        let mut subtags = tag.trim().split(['-', '_']);
        let primary = subtags.next()?.to_ascii_lowercase();
        let script = subtags
            .next()
            .filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase);
        match primary.as_str() {
            "tg" => Some(Wanted::Exact(Locale::Tg)),
            "ru" => Some(Wanted::Exact(Locale::Ru)),
            "en" => Some(Wanted::Exact(Locale::En)),
            "uz" => match script.as_deref() {
                None => Some(Wanted::AnyScript(&UZBEK)),
                Some("cyrl") => Some(Wanted::Exact(Locale::UzCyrl)),
                Some("latn") => Some(Wanted::Exact(Locale::UzLatn)),
                Some(_) => None,
            },
            _ => None,
        }
    }

    /// Matches a tag to a locale; a tag without a script takes the product's default script
    /// (Cyrillic for Uzbek). Use [`Locale::negotiate_with`] where a questionnaire declares its
    /// own default.
    pub fn from_language_tag(tag: &str) -> Option<Locale> {
        match Locale::wanted(tag)? {
            Wanted::Exact(l) => Some(l),
            Wanted::AnyScript(candidates) => candidates.first().copied(),
        }
    }

    /// The locale an exact tag names (`uz-Cyrl`, never `uz` or `ru-RU`): how definitions and
    /// directories spell their text keys.
    pub fn from_exact_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// [`Locale::negotiate_with`] with the product's default scripts.
    pub fn negotiate<'a>(
        preferred: impl IntoIterator<Item = &'a str>,
        available: &[Locale],
    ) -> Option<Locale> {
        Locale::negotiate_with(preferred, available, &[])
    }

    /// The best of `available` for a visitor who prefers `preferred` (most preferred first, as
    /// `navigator.languages` and `Accept-Language` list them):
    ///
    /// 1. the first preference offered exactly (a script-less `uz` takes the first offered of
    ///    `defaults`, then any offered script);
    /// 2. else the first preference offered in another script of its language
    ///    (`uz-Cyrl` -> `uz-Latn`);
    /// 3. else the first preference's fallbacks (`uz-Cyrl` -> `ru` -> `en`, `tg` -> `ru`);
    /// 4. else the first available locale; `None` only when nothing is available.
    pub fn negotiate_with<'a>(
        preferred: impl IntoIterator<Item = &'a str>,
        available: &[Locale],
        defaults: &[Locale],
    ) -> Option<Locale> {
        let wanted: Vec<Wanted> = preferred.into_iter().filter_map(Locale::wanted).collect();
        let offered = |l: &Locale| available.contains(l);
        let any_script = |candidates: &[Locale]| {
            defaults
                .iter()
                .filter(|d| candidates.contains(d))
                .chain(candidates)
                .copied()
                .find(offered)
        };
        for w in &wanted {
            let hit = match *w {
                Wanted::Exact(l) => Some(l).filter(offered),
                Wanted::AnyScript(candidates) => any_script(candidates),
            };
            if hit.is_some() {
                return hit;
            }
        }
        for w in &wanted {
            if let Wanted::Exact(l) = *w {
                let same_language: Vec<Locale> = Locale::ALL
                    .into_iter()
                    .filter(|o| o.language() == l.language())
                    .collect();
                if let Some(hit) = any_script(&same_language) {
                    return Some(hit);
                }
            }
        }
        let first = wanted.first().map(|w| match *w {
            Wanted::Exact(l) => l,
            Wanted::AnyScript(candidates) => candidates[0],
        });
        first
            .and_then(|l| l.fallbacks().iter().copied().find(offered))
            .or_else(|| available.first().copied())
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl Serialize for Locale {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// Reports carry the exact tag. Reports sent before Uzbek had two scripts say `uz`, which was
/// Latin; they are read as `uz-Latn`.
impl<'de> Deserialize<'de> for Locale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        if tag == "uz" {
            return Ok(Locale::UzLatn);
        }
        Locale::from_exact_tag(&tag).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown locale \"{tag}\", expected one of {}",
                TAGS
            ))
        })
    }
}

/// The tags, for messages.
pub const TAGS: &str = "tg, ru, uz-Cyrl, uz-Latn, en";

/// The error for a tag that names no locale we ship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale(pub String);

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language \"{}\" (expected one of {TAGS})",
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
    use Locale::*;

    #[test]
    fn regional_tags_match_their_language() {
        assert_eq!(Locale::from_language_tag("ru-RU"), Some(Ru));
        assert_eq!(Locale::from_language_tag("tg-Cyrl-TJ"), Some(Tg));
        assert_eq!(Locale::from_language_tag("tg-TJ"), Some(Tg));
        assert_eq!(Locale::from_language_tag("EN"), Some(En));
        assert_eq!(Locale::from_language_tag("fr"), None);
        assert_eq!(Locale::from_language_tag(""), None);
    }

    #[test]
    fn uzbek_scripts() {
        assert_eq!(Locale::from_language_tag("uz-Cyrl"), Some(UzCyrl));
        assert_eq!(Locale::from_language_tag("uz-cyrl-UZ"), Some(UzCyrl));
        assert_eq!(Locale::from_language_tag("uz-Latn"), Some(UzLatn));
        assert_eq!(Locale::from_language_tag("uz_Latn_UZ"), Some(UzLatn));
        assert_eq!(Locale::from_language_tag("uz-Arab"), None);
        assert_eq!(Locale::wanted("uz"), Some(Wanted::AnyScript(&UZBEK)));
        assert_eq!(Locale::wanted("uz-UZ"), Some(Wanted::AnyScript(&UZBEK)));
        // The product default for a bare `uz` is Cyrillic.
        assert_eq!(Locale::from_language_tag("uz"), Some(UzCyrl));
        assert_eq!(Locale::from_exact_tag("uz"), None);
        assert_eq!(Locale::from_exact_tag("uz-Latn"), Some(UzLatn));
    }

    #[test]
    fn negotiation_prefers_the_visitor_then_falls_back() {
        let available = [Tg, Ru];
        assert_eq!(
            Locale::negotiate(["de", "ru-RU", "tg"], &available),
            Some(Ru)
        );
        assert_eq!(Locale::negotiate(["fr"], &available), Some(Tg));
        assert_eq!(Locale::negotiate(["en"], &[]), None);
    }

    #[test]
    fn negotiation_honours_scripts_order_and_defaults() {
        let all = Locale::ALL;
        let n = |tags: &[&str], available: &[Locale], defaults: &[Locale]| {
            Locale::negotiate_with(tags.iter().copied(), available, defaults)
        };
        assert_eq!(n(&["uz-Cyrl"], &all, &[]), Some(UzCyrl));
        assert_eq!(n(&["uz-Latn"], &all, &[]), Some(UzLatn));
        assert_eq!(n(&["uz-Latn"], &all, &[UzCyrl]), Some(UzLatn));
        // A bare `uz` or `uz-UZ`: the questionnaire's declared default script.
        assert_eq!(n(&["uz"], &all, &[UzLatn]), Some(UzLatn));
        assert_eq!(n(&["uz-UZ"], &all, &[UzCyrl]), Some(UzCyrl));
        assert_eq!(n(&["uz-UZ"], &all, &[]), Some(UzCyrl));
        // The declared default is not offered: any offered script.
        assert_eq!(n(&["uz"], &[Ru, UzLatn], &[UzCyrl]), Some(UzLatn));
        // The order of the browser's list counts: ru before uz.
        assert_eq!(n(&["ru-RU", "uz-Cyrl"], &all, &[]), Some(Ru));
        assert_eq!(n(&["tg-TJ", "ru"], &all, &[]), Some(Tg));
        // A script not offered: a later exact preference first, else the other script.
        assert_eq!(n(&["uz-Cyrl", "ru"], &[UzLatn, Ru], &[]), Some(Ru));
        assert_eq!(n(&["uz-Cyrl", "de"], &[En, UzLatn], &[]), Some(UzLatn));
        // No Uzbek at all: uz -> ru -> en; tg -> ru -> en.
        assert_eq!(n(&["uz-Cyrl"], &[En, Ru, Tg], &[]), Some(Ru));
        assert_eq!(n(&["uz"], &[En, Ru], &[]), Some(Ru));
        assert_eq!(n(&["tg-TJ"], &[En, Ru], &[]), Some(Ru));
        assert_eq!(n(&["tg"], &[En, UzLatn], &[]), Some(En));
        // Unknown tags are skipped; nothing known: the first offered.
        assert_eq!(
            n(&["de-DE", "x-klingon", "", "uz-Arab"], &[Ru, Tg], &[]),
            Some(Ru)
        );
        assert_eq!(n(&["fr", "tg"], &[Ru, Tg], &[]), Some(Tg));
    }

    #[test]
    fn serde_uses_exact_tags_and_reads_old_reports() {
        assert_eq!(serde_json::to_string(&UzCyrl).unwrap(), "\"uz-Cyrl\"");
        let read = |s: &str| serde_json::from_str::<Locale>(s);
        assert_eq!(read("\"uz-Latn\"").unwrap(), UzLatn);
        assert_eq!(read("\"uz-Cyrl\"").unwrap(), UzCyrl);
        assert_eq!(read("\"uz\"").unwrap(), UzLatn);
        assert!(read("\"uz-UZ\"").is_err());
        assert!(read("\"RU\"").is_err());
    }

    #[test]
    fn parse_error_names_the_bad_value() {
        let err = "xx".parse::<Locale>().unwrap_err();
        assert!(err.to_string().contains("\"xx\""));
    }
}
