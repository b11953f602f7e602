//! The contact directory: who can help, as data a partner replaces, never numbers in code.
//! Hotlines go stale, so each entry says when it was last verified (or that it was not).

use crate::error::{DefinitionError, Errors, Kind};
use crate::locale::Locale;
use crate::parse;
use crate::small_map::SmallSet;
use crate::text::Text;
use serde::Serialize;

/// The topics a band can ask contacts for and a contact can serve. A fixed list, so a typo in
/// either place is an error instead of a result without contacts.
pub const TOPICS: [&str; 10] = [
    "recruitment",
    "trafficking",
    "labour_rights",
    "legal_aid",
    "consular",
    "return_support",
    "tb",
    "health",
    "emergency",
    // Assisted mode's route for a person under 18.
    "child_protection",
];

/// Checks a topic name, returning the error message for an unknown one.
pub fn topic_problem(topic: &str) -> Option<String> {
    (!TOPICS.contains(&topic)).then(|| {
        format!(
            "\"{topic}\" is not a contact topic (use one of {})",
            TOPICS.join(", ")
        )
    })
}

/// A directory of contacts, as served from the `contacts` attribute's URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Directory {
    pub schema: u32,
    /// True for the built-in examples: the widget then says the numbers are examples.
    pub example: bool,
    pub contacts: Vec<Contact>,
}

/// One organisation or service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: String,
    pub name: Text,
    pub kind: ContactKind,
    /// Which bands show it: a band lists topics, a contact matching any is shown.
    pub topics: Vec<String>,
    /// What contacting them leads to, so a frightened person knows before calling.
    pub description: Text,
    pub channels: Vec<Channel>,
    /// Countries (ISO 3166 alpha-2, lowercase) from which the channels work, or `any` for
    /// online channels that work from anywhere.
    pub reachable_from: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<Text>,
    /// Date (YYYY-MM-DD) a person last confirmed the channels answer; `null` if never.
    pub verified: Option<String>,
    /// Where the details were published.
    pub source: String,
}

/// What kind of organisation: the result lists non-police contacts first, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Ngo,
    International,
    Health,
    Government,
    Emergency,
    Police,
}

/// One way to reach a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    #[serde(rename = "type")]
    pub kind: ChannelKind,
    /// A number in international format (`+992...`, or a 2-5 digit short number), a Telegram
    /// username, an e-mail address or an https URL, by type.
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Phone,
    Whatsapp,
    Telegram,
    Email,
    Web,
}

impl Channel {
    /// The link that opens this channel (`tel:`, `https://t.me/...`, `https://wa.me/...`).
    pub fn href(&self) -> String {
        let digits: String = self.value.chars().filter(char::is_ascii_digit).collect();
        match self.kind {
            ChannelKind::Phone => crate::phone::tel_href(&self.value),
            ChannelKind::Whatsapp => format!("https://wa.me/{digits}"),
            ChannelKind::Telegram => format!("https://t.me/{}", self.value.trim_start_matches('@')),
            ChannelKind::Email => format!("mailto:{}", self.value),
            ChannelKind::Web => self.value.clone(),
        }
    }

    fn problem(&self) -> Option<String> {
        let v = self.value.as_str();
        let international = |v: &str| {
            let digits: String = v.chars().filter(|c| *c != ' ').collect();
            digits.starts_with('+')
                && digits[1..].chars().all(|c| c.is_ascii_digit())
                && (8..=16).contains(&digits.len())
                && !digits[1..].starts_with('0')
        };
        let ok = match self.kind {
            ChannelKind::Phone => {
                international(v)
                    || ((2..=5).contains(&v.len()) && v.chars().all(|c| c.is_ascii_digit()))
            }
            ChannelKind::Whatsapp => international(v),
            ChannelKind::Telegram => {
                let name = v.trim_start_matches('@');
                (5..=32).contains(&name.len())
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            }
            ChannelKind::Email => v.contains('@') && !v.contains(char::is_whitespace),
            ChannelKind::Web => v.starts_with("https://") && !v.contains(char::is_whitespace),
        };
        (!ok).then(|| match self.kind {
            ChannelKind::Phone => format!("\"{v}\" is not an international number (+ and 7 to 15 digits) or a 2-5 digit short number"),
            ChannelKind::Whatsapp => format!("\"{v}\" is not an international number (+ and 7 to 15 digits)"),
            ChannelKind::Telegram => format!("\"{v}\" is not a Telegram username (5 to 32 letters, digits or _)"),
            ChannelKind::Email => format!("\"{v}\" is not an e-mail address"),
            ChannelKind::Web => format!("\"{v}\" is not an https URL"),
        })
    }
}

/// How many contacts a result shows before "More contacts": the one thing to do must not be
/// lost in a long list.
pub const FIRST_CONTACTS: usize = 3;

impl Directory {
    /// The contacts for a band's topics, non-police first, in directory order within a kind.
    pub fn for_topics(&self, topics: &[String]) -> Vec<&Contact> {
        let mut found: Vec<&Contact> = self
            .contacts
            .iter()
            .filter(|c| c.topics.iter().any(|t| topics.contains(t)))
            .collect();
        crate::order::stable_sort_by_key(&mut found, |c| c.kind);
        found
    }

    /// The contacts a result shows for someone at `place` (see
    /// [`crate::definition::PLACES`]), for topic groups in urgency order (one group per scale
    /// the result raised, see [`crate::scoring::Outcome::contact_groups`]): those reachable from
    /// there that serve any of the topics. The first [`FIRST_CONTACTS`] are taken in turns, the
    /// best contact of each group in order, so the TB service stands among them beside the
    /// trafficking line when both findings call for help; the rest, for "More contacts", are
    /// ordered by the first group and topic they serve. Within that, non-police first (those
    /// with a phone before those without), and
    /// emergency services and police after the others (the urgent block carries their numbers).
    pub fn for_result(
        &self,
        groups: &[Vec<String>],
        place: &str,
    ) -> (Vec<&Contact>, Vec<&Contact>) {
        let rank = |c: &Contact| -> Option<(usize, usize)> {
            groups.iter().enumerate().find_map(|(g, topics)| {
                topics
                    .iter()
                    .position(|t| c.topics.contains(t))
                    .map(|t| (g, t))
            })
        };
        let mut found: Vec<&Contact> = self
            .contacts
            .iter()
            .filter(|c| c.reachable(place) && rank(c).is_some())
            .collect();
        crate::order::stable_sort_by_key(&mut found, |c| {
            (
                c.kind >= ContactKind::Emergency,
                rank(c),
                c.kind,
                c.phone().is_none(),
            )
        });
        let serves = |c: &Contact, g: usize| {
            groups[g]
                .iter()
                .position(|t| c.topics.contains(t))
                .map(|t| {
                    (
                        c.kind >= ContactKind::Emergency,
                        t,
                        c.kind,
                        c.phone().is_none(),
                    )
                })
        };
        let mut first: Vec<&Contact> = Vec::new();
        let mut progress = true;
        while first.len() < FIRST_CONTACTS && progress {
            progress = false;
            for g in 0..groups.len() {
                if first.len() == FIRST_CONTACTS {
                    break;
                }
                let best = found
                    .iter()
                    .filter(|c| !first.iter().any(|f| std::ptr::eq(*f, **c)))
                    .filter_map(|c| serves(c, g).map(|key| (key, *c)))
                    .min_by_key(|(key, _)| *key);
                if let Some((_, c)) = best {
                    first.push(c);
                    progress = true;
                }
            }
        }
        let rest = found
            .into_iter()
            .filter(|c| !first.iter().any(|f| std::ptr::eq(*f, *c)))
            .collect();
        (first, rest)
    }

    /// The numbers of the urgent block for someone at `place`: for each topic in order, the
    /// first contact reachable from there that serves it and has a phone, non-police first
    /// (NGOs, then international organisations, ..., emergency services, police), each
    /// contact once.
    pub fn urgent_numbers(&self, topics: &[String], place: &str) -> Vec<(&Contact, &Channel)> {
        let mut out: Vec<(&Contact, &Channel)> = Vec::new();
        for topic in topics {
            let mut candidates: Vec<&Contact> = self
                .contacts
                .iter()
                .filter(|c| c.reachable(place) && c.topics.contains(topic))
                .filter(|c| !out.iter().any(|(o, _)| std::ptr::eq(*o, *c)))
                .collect();
            crate::order::stable_sort_by_key(&mut candidates, |c| c.kind);
            if let Some((c, ch)) = candidates.into_iter().find_map(|c| Some((c, c.phone()?))) {
                out.push((c, ch));
            }
        }
        out
    }

    /// The number to call for one finding: the first contact [`Directory::for_result`] lists
    /// for these topics at `place` that has a phone, so a number stands beside the step.
    pub fn first_call(&self, topics: &[String], place: &str) -> Option<(&Contact, &Channel)> {
        let (first, rest) = self.for_result(std::slice::from_ref(&topics.to_vec()), place);
        first
            .into_iter()
            .chain(rest)
            .find_map(|c| Some((c, c.phone()?)))
    }
}

/// Every band and place for which the result would list nobody to contact, as
/// `(JSON path of the band, place)`: a high result with nobody to call must be caught when the
/// definition is checked, not by a frightened person.
pub fn coverage_gaps(d: &crate::Definition, dir: &Directory) -> Vec<(String, &'static str)> {
    let mut gaps = Vec::new();
    for (i, s) in d.scales.iter().enumerate() {
        for (j, b) in s.bands.iter().enumerate() {
            if b.contact_topics.is_empty() {
                continue;
            }
            for place in crate::definition::PLACES {
                if dir
                    .for_result(std::slice::from_ref(&b.contact_topics), place)
                    .0
                    .is_empty()
                {
                    gaps.push((format!("$.scales[{i}].bands[{j}]"), place));
                }
            }
        }
    }
    gaps
}

/// Every band above a scale's lowest and place for which the result would show no number to
/// call beside the step, as `(JSON path of the band, place)`; and every urgent block whose
/// first topic (the emergency number) has no number at a place.
pub fn phone_gaps(d: &crate::Definition, dir: &Directory) -> Vec<(String, &'static str)> {
    let mut gaps = Vec::new();
    for (i, s) in d.scales.iter().enumerate() {
        for (j, b) in s.bands.iter().enumerate().skip(1) {
            let path = format!("$.scales[{i}].bands[{j}]");
            for place in crate::definition::PLACES {
                if !b.contact_topics.is_empty()
                    && dir.first_call(&b.contact_topics, place).is_none()
                {
                    gaps.push((path.clone(), place));
                }
                if let Some(u) = &b.urgent
                    && let Some(first) = u.topics.first()
                    && dir
                        .urgent_numbers(std::slice::from_ref(first), place)
                        .is_empty()
                {
                    gaps.push((format!("{path}.urgent"), place));
                }
            }
        }
    }
    gaps
}

impl Contact {
    /// The first phone channel, for a number to tap.
    pub fn phone(&self) -> Option<&Channel> {
        self.channels.iter().find(|c| c.kind == ChannelKind::Phone)
    }

    /// Whether someone at `place` can reach this contact; `other` means anywhere else, where
    /// only contacts reachable from `any` help.
    pub fn reachable(&self, place: &str) -> bool {
        self.reachable_from
            .iter()
            .any(|c| c == "any" || (c == place && place != "other"))
    }

    /// The best text for `locale`: that locale, else its fallbacks (the other script of the
    /// same language, Russian, English), else any.
    pub fn text(text: &Text, locale: Locale) -> &str {
        std::iter::once(locale)
            .chain(locale.fallbacks().iter().copied())
            .map(|l| text.get(l))
            .find(|t| !t.is_empty())
            .or_else(|| text.0.values().next().map(String::as_str))
            .unwrap_or("")
    }
}

/// Reads and validates a contact directory, reporting every problem with its path.
pub fn parse_directory(json: &str) -> Result<Directory, Vec<DefinitionError>> {
    directory_from_json(&parse::json(json)?)
}

/// As [`parse_directory`], from JSON already parsed.
pub fn directory_from_json<J: parse::Json>(value: &J) -> Result<Directory, Vec<DefinitionError>> {
    let mut e = Errors::default();
    let directory = match parse::directory(value, &mut e) {
        Some(d) if e.0.is_empty() => d,
        _ => return Err(e.0),
    };
    if directory.schema != 1 {
        e.kind(
            Kind::Unsupported,
            "$.schema",
            format!("schema {} is not supported (expected 1)", directory.schema),
        );
    }
    let mut ids = SmallSet::new();
    for (i, c) in directory.contacts.iter().enumerate() {
        let p = format!("$.contacts[{i}]");
        if !ids.insert(c.id.as_str()) {
            e.kind(
                Kind::Duplicate,
                format!("{p}.id"),
                format!("contact id \"{}\" is used twice", c.id),
            );
        }
        for (field, text) in [
            ("name", Some(&c.name)),
            ("description", Some(&c.description)),
            ("hours", c.hours.as_ref()),
        ] {
            let Some(text) = text else { continue };
            if text.0.values().all(|t| t.trim().is_empty()) {
                e.kind(
                    Kind::Text,
                    format!("{p}.{field}"),
                    "needs text in at least one locale",
                );
            }
            for key in text.0.keys() {
                if Locale::from_exact_tag(key).is_none() {
                    e.kind(
                        Kind::Text,
                        format!("{p}.{field}.{key}"),
                        crate::validate::not_a_locale(key),
                    );
                }
            }
        }
        for (j, topic) in c.topics.iter().enumerate() {
            if let Some(problem) = topic_problem(topic) {
                e.kind(Kind::Reference, format!("{p}.topics[{j}]"), problem);
            }
        }
        if c.topics.is_empty() {
            e.push(
                format!("{p}.topics"),
                "lists no topics, so no result would show it",
            );
        }
        if c.channels.is_empty() {
            e.push(format!("{p}.channels"), "lists no way to reach them");
        }
        for (j, ch) in c.channels.iter().enumerate() {
            if let Some(problem) = ch.problem() {
                e.kind(Kind::BadValue, format!("{p}.channels[{j}].value"), problem);
            }
        }
        if c.reachable_from.is_empty() {
            e.push(
                format!("{p}.reachable_from"),
                "say from which countries the channels work (tj, ru, kz, ...)",
            );
        }
        for (j, country) in c.reachable_from.iter().enumerate() {
            if country != "any"
                && (country.len() != 2 || !country.chars().all(|ch| ch.is_ascii_lowercase()))
            {
                e.kind(
                    Kind::BadValue,
                    format!("{p}.reachable_from[{j}]"),
                    format!("\"{country}\" is not a two-letter lowercase country code (or any)"),
                );
            }
        }
        if let Some(date) = &c.verified
            && !is_date(date)
        {
            e.kind(
                Kind::BadValue,
                format!("{p}.verified"),
                format!("\"{date}\" is not a date as YYYY-MM-DD (or null when not verified)"),
            );
        }
        if directory.example && c.verified.is_some() {
            e.push(
                format!("{p}.verified"),
                "built-in example contacts must stay unverified (null) until a partner checks them",
            );
        }
        if c.source.trim().is_empty() {
            e.push(
                format!("{p}.source"),
                "say where the details were published",
            );
        }
    }
    e.into_result(directory)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}
