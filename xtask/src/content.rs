//! Per-locale content for `dist/`: authors keep one file per questionnaire with every locale
//! (`questionnaires/<id>.json`); the build derives `questionnaires/<id>.<locale>.json` with only
//! that locale's text (a valid definition offering just that locale) and
//! `questionnaires/contacts.<locale>.json` with, for each text, only what the widget would show
//! in that locale. Every derived file is checked with the core's own parser and validator. The
//! worked cases (`questionnaires/cases/`) are not shipped.
//!
//! Returns the manifest the loader needs to pick a file before the wasm has loaded: for each
//! questionnaire its `locales` (with review status) and `default_scripts`, and whether the
//! contacts were split. A source file the core rejects is shipped as it is, unsplit, with a
//! warning (the widget then reports it as it always did).

use screening_core::Locale;
use screening_core::contacts::parse_directory;
use screening_core::validate::parse_definition;
use serde_json::{Map, Value};
use std::path::Path;

pub fn split(dist: &Path) -> Result<Value, String> {
    let dir = dist.join("questionnaires");
    // What the repository keeps beside the definitions for reviewers and the collector, not
    // for the widget: the worked cases, the earlier versions (compiled into the collector) and
    // the translators' glossary.
    let _ = std::fs::remove_dir_all(dir.join("cases"));
    let _ = std::fs::remove_dir_all(dir.join("archive"));
    let _ = std::fs::remove_file(dir.join("glossary.json"));
    let mut manifest = Map::new();
    let mut contacts_split = false;
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let Some(id) = name.strip_suffix(".json") else {
            continue;
        };
        // Derived files of an earlier build are rewritten below.
        if id.contains('.') {
            let _ = std::fs::remove_file(dir.join(&name));
            continue;
        }
        let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let json: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        if id == "contacts" {
            if let Err(e) = parse_directory(&text) {
                eprintln!("xtask: warning: {name} is invalid, shipped unsplit: {e:?}");
                continue;
            }
            contacts_split = true;
            for locale in Locale::ALL {
                let mut one = contacts_in(&json, locale);
                point_sources(&mut one, &name);
                let out = serde_json::to_string(&one).expect("json");
                parse_directory(&out)
                    .map_err(|e| format!("contacts.{locale}.json is invalid: {e:?}"))?;
                write(&dir.join(format!("contacts.{}.json", locale.tag())), &out)?;
            }
            continue;
        }
        let definition = match parse_definition(&text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("xtask: warning: {name} is invalid, shipped unsplit: {e:?}");
                continue;
            }
        };
        let offered = definition.offered_locales();
        for &locale in &offered {
            let mut one = definition_in(&json, locale);
            point_sources(&mut one, &name);
            let out = serde_json::to_string(&one).expect("json");
            let parsed = parse_definition(&out)
                .map_err(|e| format!("{id}.{locale}.json is invalid: {e:?}"))?;
            if parsed.offered_locales() != [locale] {
                return Err(format!("{id}.{locale}.json does not offer just {locale}"));
            }
            write(&dir.join(format!("{id}.{}.json", locale.tag())), &out)?;
        }
        manifest.insert(
            id.to_owned(),
            serde_json::json!({
                "locales": json["locales"],
                "default_scripts": json.get("default_scripts").cloned().unwrap_or(Value::Object(Map::new())),
            }),
        );
    }
    Ok(serde_json::json!({ "questionnaires": manifest, "contacts": contacts_split }))
}

/// In a file shipped to visitors, each `source` (the public source of an indicator or a contact,
/// long English text the widget never shows) becomes a pointer to the source file deployed beside
/// it, which keeps them all: about 1.1 KB brotli off a definition and 2 KB off a contact directory
/// in one locale. The shipped file stays valid: every source is still a non-empty string.
fn point_sources(v: &mut Value, file: &str) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if k == "source" && x.is_string() {
                    *x = Value::String(format!("see questionnaires/{file}"));
                } else {
                    point_sources(x, file);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| point_sources(x, file)),
        _ => {}
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether `v` is a text: an object whose keys are all locale tags.
fn is_text(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| Locale::from_exact_tag(k).is_some() && v.is_string())
}

/// The definition with only `locale`'s text.
fn definition_in(v: &Value, locale: Locale) -> Value {
    let tag = locale.tag();
    match v {
        Value::Object(map) if is_text(map) => {
            let mut one = Map::new();
            if let Some(t) = map.get(tag) {
                one.insert(tag.to_owned(), t.clone());
            }
            Value::Object(one)
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, x) in map {
                match k.as_str() {
                    // Assisted mode's section: the widget does not read it (yet).
                    "assisted" => {}
                    "locales" => {
                        let mut one = Map::new();
                        one.insert(tag.to_owned(), x[tag].clone());
                        out.insert(k.clone(), Value::Object(one));
                    }
                    "default_scripts" => {
                        // Only an entry naming this locale stays valid.
                        let kept: Map<String, Value> = x
                            .as_object()
                            .into_iter()
                            .flatten()
                            .filter(|(language, script)| {
                                script
                                    .as_str()
                                    .map(|s| format!("{language}-{s}"))
                                    .as_deref()
                                    == Some(tag)
                            })
                            .map(|(a, b)| (a.clone(), b.clone()))
                            .collect();
                        if !kept.is_empty() {
                            out.insert(k.clone(), Value::Object(kept));
                        }
                    }
                    _ => {
                        out.insert(k.clone(), definition_in(x, locale));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|x| definition_in(x, locale)).collect())
        }
        other => other.clone(),
    }
}

/// The directory with, for each text, only the one the widget shows in `locale`
/// (`Directory::text`: that locale, else its fallbacks, else any).
fn contacts_in(v: &Value, locale: Locale) -> Value {
    match v {
        Value::Object(map) if is_text(map) => {
            let shown = std::iter::once(locale)
                .chain(locale.fallbacks().iter().copied())
                .map(Locale::tag)
                .find(|t| {
                    map.get(*t)
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.is_empty())
                })
                .or_else(|| map.keys().next().map(String::as_str));
            let mut one = Map::new();
            if let Some(t) = shown {
                one.insert(t.to_owned(), map[t].clone());
            }
            Value::Object(one)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, x)| (k.clone(), contacts_in(x, locale)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|x| contacts_in(x, locale)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_a_shipped_file_point_to_the_source_file_and_nothing_else_changes() {
        let mut v = serde_json::json!({
            "questions": [{"id": "q", "indicator": {"other": "x", "source": "ILO 2009, p. 4"},
                           "text": {"tg": "source"}}],
            "source": {"not": "a string"},
        });
        point_sources(&mut v, "job-offer.json");
        assert_eq!(
            v,
            serde_json::json!({
                "questions": [{"id": "q", "indicator": {"other": "x", "source": "see questionnaires/job-offer.json"},
                               "text": {"tg": "source"}}],
                "source": {"not": "a string"},
            })
        );
    }

    #[test]
    fn only_what_the_widget_reads_is_shipped() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dist = std::env::temp_dir().join(format!("xtask-split-{}", std::process::id()));
        let dir = dist.join("questionnaires");
        let _ = std::fs::remove_dir_all(&dist);
        for sub in ["archive", "cases"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::fs::write(dir.join(sub).join("x.json"), "{}").unwrap();
        }
        for file in ["job-offer.json", "returnee.json", "glossary.json"] {
            std::fs::copy(root.join("questionnaires").join(file), dir.join(file)).unwrap();
        }
        split(&dist).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert!(left.contains(&"job-offer.tg.json".to_owned()), "{left:?}");
        for gone in ["archive", "cases", "glossary.json"] {
            assert!(!left.contains(&gone.to_owned()), "{gone} shipped: {left:?}");
        }
        let shipped = std::fs::read_to_string(dir.join("returnee.ru.json")).unwrap();
        assert!(
            !shipped.contains("\"assisted\""),
            "assisted mode's section shipped"
        );
        let _ = std::fs::remove_dir_all(&dist);
    }
}
