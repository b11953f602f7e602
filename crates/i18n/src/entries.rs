//! Every translatable text of a definition, a contact directory or the interface, each under a
//! stable context (a JSON path made of ids, so it survives reordering), and the review status
//! of each translation: `reviewed` only while the source text a reviewer cleared is unchanged.
//!
//! The `screening-i18n` command turns these into PO files and back (docs/translating.md).

use screening_core::contacts::Directory;
use screening_core::definition::{Definition, Indicator, Question};
use screening_core::locale::Locale;
use screening_core::text::Text;
use screening_core::ui::{TABLE, Ui};
use std::collections::BTreeMap;

/// One translatable text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Where it lives: `$.questions[id=fee].options[id=yes].text`, or `ui.Start`.
    pub context: String,
    /// Where the visitor sees it, for translators.
    pub shown: String,
    /// The indicator of the question it belongs to, if any.
    pub indicator: Option<String>,
    pub text: Text,
}

/// The review record: per locale, per context, the fingerprint of the source text a reviewer
/// cleared the translation against. Stored beside the file it describes, as
/// `review/<file stem>.json`.
pub type Review = BTreeMap<String, BTreeMap<String, String>>;

/// A translation's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A reviewer cleared it and the source has not changed since.
    Reviewed,
    /// Present but not reviewed, or reviewed against a source that has changed.
    Draft,
    Missing,
}

/// A short fingerprint of a source text (64-bit FNV-1a, hex): enough to notice a change.
pub fn fingerprint(source: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in source.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The locale translations are made from: English when offered, else the first offered.
pub fn source_locale(offered: &[Locale]) -> Locale {
    if offered.contains(&Locale::En) || offered.is_empty() {
        Locale::En
    } else {
        offered[0]
    }
}

/// The state of `entry` in `locale`.
pub fn status(review: &Review, locale: Locale, source: Locale, entry: &Entry) -> Status {
    let text = entry.text.get(locale);
    if text.trim().is_empty() {
        return Status::Missing;
    }
    let cleared = review
        .get(locale.tag())
        .and_then(|r| r.get(&entry.context))
        .is_some_and(|fp| *fp == fingerprint(entry.text.get(source)));
    if cleared {
        Status::Reviewed
    } else {
        Status::Draft
    }
}

/// How many texts of a locale are reviewed, draft and missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    pub reviewed: usize,
    pub draft: usize,
    pub missing: usize,
}

/// Counts per locale.
pub fn coverage(entries: &[Entry], review: &Review, locales: &[Locale]) -> Vec<(Locale, Coverage)> {
    let source = source_locale(locales);
    locales
        .iter()
        .map(|&l| {
            let mut c = Coverage::default();
            for e in entries {
                match status(review, l, source, e) {
                    Status::Reviewed => c.reviewed += 1,
                    Status::Draft => c.draft += 1,
                    Status::Missing => c.missing += 1,
                }
            }
            (l, c)
        })
        .collect()
}

fn name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

fn indicator(i: &Indicator) -> String {
    let mut parts = Vec::new();
    if let Some(ilo) = &i.ilo {
        parts.push(format!("ILO forced labour: {}", name(ilo)));
    }
    if let Some(d) = &i.delphi {
        parts.push(format!(
            "ILO/EC Delphi: {} ({})",
            name(&d.dimension),
            name(&d.strength)
        ));
    }
    if let Some(w) = &i.w4ss {
        parts.push(format!("WHO TB symptom screen: {}", name(w)));
    }
    if let Some(o) = &i.other {
        parts.push(o.clone());
    }
    format!("Indicator: {}. Source: {}", parts.join("; "), i.source)
}

struct Collect(Vec<Entry>);

impl Collect {
    fn add(
        &mut self,
        context: String,
        shown: impl Into<String>,
        q: Option<&Question>,
        text: &Text,
    ) {
        self.0.push(Entry {
            context,
            shown: shown.into(),
            indicator: q.map(|q| indicator(&q.indicator)),
            text: text.clone(),
        });
    }
}

/// A list item in a context: `id=…` when it has an id (schema 2), so the context survives
/// reordering; else its position (schema 1).
fn item(id: Option<&str>, index: usize) -> String {
    match id {
        Some(id) => format!("id={id}"),
        None => index.to_string(),
    }
}

/// Every text of a definition, in the order a visitor meets them.
pub fn definition_entries(d: &Definition) -> Vec<Entry> {
    let mut c = Collect(Vec::new());
    c.add(
        "$.title".into(),
        "Title of the questionnaire (start screen)",
        None,
        d.title(),
    );
    c.add(
        "$.intro".into(),
        "Start screen: what the check is for",
        None,
        d.intro(),
    );
    c.add(
        "$.disclaimer".into(),
        "Shown with every result: what the result is and is not",
        None,
        d.disclaimer(),
    );
    if let Some(h) = d.unknowns_heading() {
        c.add(
            "$.unknowns_heading".into(),
            "Result: heading over the questions answered \"I don't know\"",
            None,
            h,
        );
    }
    for q in d.questions() {
        let p = format!("$.questions[id={}]", q.id);
        c.add(
            format!("{p}.text"),
            format!("Question \"{}\"", q.id),
            Some(q),
            &q.text,
        );
        if let Some(h) = &q.help {
            c.add(
                format!("{p}.help"),
                format!("Help under question \"{}\"", q.id),
                Some(q),
                h,
            );
        }
        for o in &q.options {
            let op = format!("{p}.options[id={}]", o.id);
            c.add(
                format!("{op}.text"),
                format!("Answer \"{}\" to question \"{}\"", o.id, q.id),
                Some(q),
                &o.text,
            );
            if let Some(r) = &o.reason {
                c.add(
                    format!("{op}.reason"),
                    format!(
                        "Result: the reason shown after answer \"{}\" to question \"{}\"",
                        o.id, q.id
                    ),
                    Some(q),
                    r,
                );
            }
        }
        if let Some(r) = &q.dont_know.reason {
            c.add(
                format!("{p}.dont_know.reason"),
                format!(
                    "Result: the reason shown after \"I don't know\" to question \"{}\"",
                    q.id
                ),
                Some(q),
                r,
            );
        }
        if let Some(f) = &q.dont_know.find_out {
            c.add(
                format!("{p}.dont_know.find_out"),
                format!(
                    "Result: what to find out, after \"I don't know\" to question \"{}\"",
                    q.id
                ),
                Some(q),
                f,
            );
        }
    }
    for s in d.scales() {
        let p = format!("$.scales[id={}]", s.id);
        c.add(
            format!("{p}.title"),
            format!("Result: title of the scale \"{}\"", s.id),
            None,
            &s.title,
        );
        for (i, r) in s.rules.iter().enumerate() {
            c.add(
                format!("{p}.rules[{}].reason", item(r.id.as_deref(), i)),
                format!(
                    "Result: the reason shown when a combination of answers sets band \"{}\"",
                    r.band
                ),
                None,
                &r.reason,
            );
        }
        if let Some(u) = &s.unanswered {
            c.add(
                format!("{p}.unanswered.title"),
                "Result: title when nothing on this scale was answered",
                None,
                &u.title,
            );
            c.add(
                format!("{p}.unanswered.advice"),
                "Result: advice when nothing on this scale was answered",
                None,
                &u.advice,
            );
        }
        for b in &s.bands {
            let bp = format!("{p}.bands[id={}]", b.id);
            let level = name(&b.level);
            c.add(
                format!("{bp}.title"),
                format!("Result: band title ({level})"),
                None,
                &b.title,
            );
            let single = b.advice.len() == 1 && b.advice[0].show_if.is_none();
            for (i, part) in b.advice.iter().enumerate() {
                let path = if single {
                    format!("{bp}.advice")
                } else {
                    format!("{bp}.advice[{}]", item(part.id.as_deref(), i))
                };
                let note = match part.show_if {
                    None => format!("Result: what the signs mean ({level})"),
                    Some(_) => {
                        format!("Result: what the signs mean ({level}), for some answers only")
                    }
                };
                c.add(path, note, None, &part.text);
            }
            for (i, step) in b.steps.iter().enumerate() {
                c.add(
                    format!("{bp}.steps[{}]", item(step.id.as_deref(), i)),
                    match step.show_if {
                        None => format!("Result: next step {} ({level})", i + 1),
                        Some(_) => format!(
                            "Result: next step {} ({level}), shown only after some answers (for example only to people in one country)",
                            i + 1
                        ),
                    },
                    None,
                    &step.text,
                );
            }
        }
    }
    if let Some(a) = d.assisted() {
        for o in &a.observations {
            c.add(
                format!("$.assisted.observations[id={}].text", o.id),
                "Assisted mode: something the caseworker may notice without asking (a tick box for the caseworker, never read aloud)",
                None,
                &o.text,
            );
        }
    }
    c.0
}

/// Every text of a contact directory.
pub fn directory_entries(d: &Directory) -> Vec<Entry> {
    let mut c = Collect(Vec::new());
    for contact in &d.contacts {
        let p = format!("$.contacts[id={}]", contact.id);
        c.add(
            format!("{p}.name"),
            "Result: name of an organisation that can help",
            None,
            &contact.name,
        );
        c.add(
            format!("{p}.description"),
            "Result: what this organisation does",
            None,
            &contact.description,
        );
        if let Some(h) = &contact.hours {
            c.add(format!("{p}.hours"), "Result: opening hours", None, h);
        }
    }
    c.0
}

/// The context of an interface string.
pub fn ui_context(ui: Ui) -> String {
    format!("ui.{}", ui.key())
}

/// Every interface string, with its text per locale (empty cells left out).
pub fn ui_entries() -> Vec<Entry> {
    Ui::ALL
        .into_iter()
        .map(|ui| {
            let row = &TABLE[ui as usize];
            let text = Locale::ALL
                .into_iter()
                .filter(|l| !row[*l as usize].is_empty())
                .map(|l| (l.tag().to_owned(), row[l as usize].to_owned()))
                .collect();
            let placeholders = row[Locale::En as usize].contains('{');
            let (where_shown, max) = ui.note();
            let mut shown = format!("{where_shown}.");
            if let Some(max) = max {
                shown.push_str(&format!(
                    " At most {max} characters (it must fit on a small phone)."
                ));
            }
            if placeholders {
                shown.push_str(
                    " Keep each {name} as it is: the widget puts a number, date or list there.",
                );
            }
            Entry {
                context: ui_context(ui),
                shown,
                indicator: None,
                text: Text(text),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_interface_string_fits_its_length_limit_in_every_locale() {
        let mut limited = 0;
        for ui in Ui::ALL {
            let (where_shown, max) = ui.note();
            assert!(where_shown.len() > 10, "{ui:?} says where it is shown");
            let Some(max) = max else { continue };
            limited += 1;
            for l in Locale::ALL {
                let text = TABLE[ui as usize][l as usize];
                assert!(
                    text.chars().count() <= max,
                    "{ui:?} in {l}: \"{text}\" is longer than {max} characters"
                );
            }
        }
        assert!(limited > 30);
        let entry = ui_entries()
            .into_iter()
            .find(|e| e.context == "ui.QuickExit")
            .unwrap();
        assert!(entry.shown.contains("Toolbar") && entry.shown.contains("At most 16 characters"));
    }

    #[test]
    fn fingerprints_change_with_the_text() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_ne!(fingerprint("Start"), fingerprint("Start "));
        assert_eq!(fingerprint("Start"), fingerprint("Start"));
    }

    #[test]
    fn a_changed_source_makes_a_reviewed_translation_a_draft() {
        let mut entry = Entry {
            context: "ui.Start".into(),
            shown: String::new(),
            indicator: None,
            text: Text(
                [("en", "Start"), ("tg", "Оғоз")]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .into(),
            ),
        };
        let mut review = Review::new();
        review
            .entry("tg".into())
            .or_default()
            .insert("ui.Start".into(), fingerprint("Start"));
        let s = |e: &Entry, l| status(&review, l, Locale::En, e);
        assert_eq!(s(&entry, Locale::Tg), Status::Reviewed);
        assert_eq!(s(&entry, Locale::Ru), Status::Missing);
        entry.text.0.insert("en".into(), "Begin".into());
        assert_eq!(s(&entry, Locale::Tg), Status::Draft);
    }

    #[test]
    fn ui_contexts_are_unique_and_known() {
        let entries = ui_entries();
        assert_eq!(entries.len(), Ui::ALL.len());
        assert_eq!(entries[0].context, "ui.Start");
        assert_eq!(entries[0].text.get(Locale::En), "Start");
    }
}
