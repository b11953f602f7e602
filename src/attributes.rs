//! The attributes a partner page sets on `<screening-form>`, read once at mount.

use web_sys::Element;

/// Attribute names, as partners write them (documented in README.md, "Attributes").
pub const NAMES: [&str; 6] = [
    "questionnaire",
    "lang",
    "endpoint",
    "partner",
    "contacts",
    "exit-url",
];

/// What the host element asked for. Values are kept as written; each is interpreted (and
/// rejected with a message naming the attribute) by the part that uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub questionnaire: Option<String>,
    pub lang: Option<String>,
    pub endpoint: Option<String>,
    pub partner: Option<String>,
    pub contacts: Option<String>,
    pub exit_url: Option<String>,
}

impl Attributes {
    /// Reads the attributes of `host`; an empty or blank value counts as missing.
    pub fn read(host: &Element) -> Self {
        let get = |name: &str| {
            host.get_attribute(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Attributes {
            questionnaire: get("questionnaire"),
            lang: get("lang"),
            endpoint: get("endpoint"),
            partner: get("partner"),
            contacts: get("contacts"),
            exit_url: get("exit-url"),
        }
    }

    /// The attributes that are set, as `(name, value)` pairs in documentation order.
    pub fn present(&self) -> Vec<(&'static str, String)> {
        let values = [
            &self.questionnaire,
            &self.lang,
            &self.endpoint,
            &self.partner,
            &self.contacts,
            &self.exit_url,
        ];
        NAMES
            .iter()
            .zip(values)
            .filter_map(|(name, value)| value.clone().map(|v| (*name, v)))
            .collect()
    }
}
