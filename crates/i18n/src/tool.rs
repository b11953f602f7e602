//! `screening-i18n`: translators work in their own tools (Poedit, Weblate, Crowdin) through PO
//! files, and Uzbek Cyrillic is derived from Uzbek Latin once.
//!
//! A target is a questionnaire definition, a contact directory (both JSON) or the interface
//! strings (`crates/core/src/ui.rs`, whose table block this command rewrites). Review status
//! lives beside the target in `review/<stem>.json` (see [`crate::entries::Review`]).
//! JSON files are rewritten in their own order and layout (two-space pretty JSON), so an
//! import that changes nothing leaves every byte as it was.

use crate::entries::{self, Entry, Review, Status};
use crate::translit::{latin_words, uz_latn_to_cyrl_keeping};
use clap::Subcommand;
use polib::catalog::Catalog;
use polib::message::{Message, MessageFlags};
use polib::metadata::CatalogMetadata;
use screening_core::contacts::parse_directory;
use screening_core::locale::Locale;
use screening_core::parse_definition;
use screening_core::text::Text;
use screening_core::ui::Ui;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum Command {
    /// Write a PO file for one locale (or, with --template, a POT template for a new one).
    ///
    /// TARGET is a definition, a contact directory, or crates/core/src/ui.rs (the interface
    /// strings). msgctxt is each text's stable path, msgid its English source, msgstr the
    /// translation; texts not cleared by a reviewer (or whose English changed since) are fuzzy.
    Export {
        target: PathBuf,
        /// The locale: tg, ru, uz-Cyrl, uz-Latn or en.
        #[arg(long, required_unless_present = "template")]
        locale: Option<String>,
        /// A POT template: every msgstr empty.
        #[arg(long)]
        template: bool,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a translator's PO file back into TARGET and its review record.
    ///
    /// A message without the fuzzy flag counts as reviewed; a fuzzy one as a draft. Unknown
    /// contexts and malformed files are refused (nothing is written); prints what changed.
    Import {
        target: PathBuf,
        po: PathBuf,
        /// The locale, when the PO file's Language header does not say.
        #[arg(long)]
        locale: Option<String>,
    },
    /// Write the review pack: one static, printable HTML page with every text of a definition,
    /// English beside LOCALE, each with its id and review state, the contacts, the worked cases
    /// (`cases/<stem>.json` beside it) and the glossary's key terms (`glossary.json` beside it).
    Review {
        definition: PathBuf,
        /// The locale: tg, ru, uz-Cyrl, uz-Latn or en.
        #[arg(long)]
        locale: String,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Move a schema 1 definition to schema 2: an id for every rule, step and paragraph of
    /// advice in a list, made from its English text, so its translations follow it when it
    /// moves. The review record's contexts are renamed with it; prints each new id.
    AddIds { definition: PathBuf },
    /// Add uz-Cyrl text derived from uz-Latn (renaming a legacy `uz` to `uz-Latn`), as a draft.
    Transliterate {
        target: PathBuf,
        /// Replace uz-Cyrl text that is already there.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Export {
            target,
            locale,
            template,
            output,
        } => {
            let locale = locale.as_deref().map(exact_locale).transpose()?;
            let t = Target::open(&target)?;
            write_or_print(output.as_deref(), &export(&t, locale, template)?)
        }
        Command::Import { target, po, locale } => {
            let locale = locale.as_deref().map(exact_locale).transpose()?;
            let text =
                std::fs::read(&po).map_err(|e| format!("{}: cannot read: {e}", po.display()))?;
            let mut t = Target::open(&target)?;
            let report =
                import(&mut t, &text, locale).map_err(|e| format!("{}: {e}", po.display()))?;
            t.save()?;
            println!("{}", report.join("\n"));
            Ok(())
        }
        Command::Review {
            definition,
            locale,
            output,
        } => write_or_print(
            output.as_deref(),
            &crate::review_pack::render(&definition, &locale)?,
        ),
        Command::AddIds { definition } => {
            let mut t = Target::open(&definition)?;
            let renamed = add_ids(&mut t)?;
            t.save()?;
            for (old, new) in &renamed {
                println!("{old} -> {new}");
            }
            println!(
                "{}: schema 2, {} ids added",
                definition.display(),
                renamed.len()
            );
            Ok(())
        }
        Command::Transliterate { target, force } => {
            let mut t = Target::open(&target)?;
            let n = transliterate(&mut t, force)?;
            t.save()?;
            println!(
                "{}: {n} uz-Cyrl texts derived from uz-Latn (drafts)",
                target.display()
            );
            Ok(())
        }
    }
}

/// Writes `text` to `output`, or to standard output without one.
fn write_or_print(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// For `screening check`: per locale, how many texts are reviewed, draft or missing.
pub fn coverage_lines(path: &Path) -> Result<Vec<String>, String> {
    let t = Target::open(path)?;
    let (entries, offered, _) = t.entries()?;
    Ok(entries::coverage(&entries, &t.review, &offered)
        .into_iter()
        .map(|(l, c)| {
            format!(
                "{}: {l}: {} reviewed, {} draft, {} missing (of {})",
                path.display(),
                c.reviewed,
                c.draft,
                c.missing,
                entries.len()
            )
        })
        .collect())
}

/// The glossary (`questionnaires/glossary.json`): per key term, the form each locale uses and
/// the variants that must not appear, so one sign is not called two names across the checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Glossary {
    #[allow(dead_code)] // documentation for the people who edit the file
    about: String,
    pub(crate) terms: Vec<Term>,
}

impl Glossary {
    /// The glossary at `path`, its errors naming the file.
    pub(crate) fn read(path: &Path) -> Result<Glossary, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[derive(Deserialize)]
pub(crate) struct Term {
    pub(crate) en: String,
    #[serde(flatten)]
    pub(crate) locales: BTreeMap<String, Usage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Usage {
    #[serde(rename = "use")]
    pub(crate) preferred: String,
    pub(crate) not: Vec<String>,
}

/// Warnings for every text of `path` (a definition, a contact directory or `ui.rs`) that uses a
/// variant the glossary at `glossary` rules out, naming the text, the locale and the term.
pub fn glossary_lines(path: &Path, glossary: &Path) -> Result<Vec<String>, String> {
    let g = Glossary::read(glossary)?;
    let mut rules = Vec::new();
    for term in &g.terms {
        for (tag, usage) in &term.locales {
            let locale = Locale::from_exact_tag(tag).ok_or_else(|| {
                format!(
                    "{}: term \"{}\": no locale {tag}",
                    glossary.display(),
                    term.en
                )
            })?;
            for variant in &usage.not {
                rules.push((locale, variant.to_lowercase(), variant, term, usage));
            }
        }
    }
    let t = Target::open(path)?;
    let (entries, _, _) = t.entries()?;
    let mut out = Vec::new();
    for e in &entries {
        for (locale, lower, variant, term, usage) in &rules {
            if uses(&e.text.get(*locale).to_lowercase(), lower) {
                out.push(format!(
                    "{}: warning: {} ({locale}) uses «{variant}»; the glossary's word for \"{}\" is «{}»",
                    path.display(),
                    e.context,
                    term.en,
                    usage.preferred
                ));
            }
        }
    }
    Ok(out)
}

/// Whether `text` has `variant` starting a word (any ending may follow: Tajik and Uzbek add
/// suffixes), so «аломат» is found in «аломатҳо» but not in «саломатӣ».
fn uses(text: &str, variant: &str) -> bool {
    text.match_indices(variant).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

pub(crate) fn exact_locale(tag: &str) -> Result<Locale, String> {
    Locale::from_exact_tag(tag).ok_or_else(|| {
        format!(
            "\"{tag}\" is not a locale (use {})",
            screening_core::locale::TAGS
        )
    })
}

// ---------------------------------------------------------------------------------------------
// JSON that keeps its key order, so files are rewritten as they were.

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Num(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Num(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(n)
                    .map(Json::Num)
                    .ok_or_else(|| E::custom("not a finite number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::Str(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry()? {
                    v.push((k, x));
                }
                Ok(Json::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) => n.serialize(s),
            Json::Str(t) => s.serialize_str(t),
            Json::Arr(v) => {
                let mut seq = s.serialize_seq(Some(v.len()))?;
                for x in v {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Json::Obj(v) => {
                let mut map = s.serialize_map(Some(v.len()))?;
                for (k, x) in v {
                    map.serialize_entry(k, x)?;
                }
                map.end()
            }
        }
    }
}

impl Json {
    fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Obj(v) => v.iter_mut().find(|(k, _)| k == key).map(|(_, x)| x),
            _ => None,
        }
    }

    /// The text object at a context (`$.questions[id=fee].options[id=yes].text`); a step
    /// written as `{"text": ..., "show_if": ...}` resolves to its text.
    fn text_at(&mut self, context: &str) -> Option<&mut Vec<(String, Json)>> {
        let mut node = self;
        let mut rest = context.strip_prefix('$')?;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                node = node.get_mut(&r[..end])?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                let index = &r[..end];
                let Json::Arr(items) = node else { return None };
                node = match index.strip_prefix("id=") {
                    Some(id) => items.iter_mut().find(|x| {
                        matches!(x, Json::Obj(v) if v.iter().any(|(k, i)| k == "id" && *i == Json::Str(id.to_owned())))
                    })?,
                    None => items.get_mut(index.parse::<usize>().ok()?)?,
                };
                rest = &r[end + 1..];
            } else {
                return None;
            }
        }
        if node.get_mut("text").is_some() {
            node = node.get_mut("text")?;
        }
        match node {
            Json::Obj(v) => Some(v),
            _ => None,
        }
    }
}

/// Sets `key` in an object kept in locale order (tg, ru, uz-Cyrl, uz-Latn, en); true when this
/// changed it.
fn set_locale_key(object: &mut Vec<(String, Json)>, locale: Locale, value: &str) -> bool {
    let value = Json::Str(value.to_owned());
    if let Some((_, old)) = object.iter_mut().find(|(k, _)| k == locale.tag()) {
        let changed = *old != value;
        *old = value;
        return changed;
    }
    let at = object
        .iter()
        .rposition(|(k, _)| Locale::from_exact_tag(k).is_some_and(|l| l < locale))
        .map_or(0, |i| i + 1);
    object.insert(at, (locale.tag().to_owned(), value));
    true
}

fn to_pretty(json: &Json) -> String {
    let mut s = serde_json::to_string_pretty(json).expect("JSON serializes");
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------------------------
// Targets.

enum Kind {
    Definition,
    Contacts,
    /// The interface strings: the rows of `ui.rs`'s table block, one per `Ui`, cells per locale.
    Ui(Vec<[String; 5]>),
}

/// A file translators work on (a definition, a contact directory or `ui.rs`) with its review
/// record: what export, import and the review pack read.
pub(crate) struct Target {
    path: PathBuf,
    kind: Kind,
    /// The JSON, for definitions and directories.
    json: Json,
    original: String,
    review_path: PathBuf,
    review: Review,
    review_original: Option<String>,
}

const UI_BEGIN: &str = "pub const TABLE: &[[&str; 5]] = &[\n";
const UI_END: &str = "];\n// END UI TABLE";

impl Target {
    pub(crate) fn open(path: &Path) -> Result<Target, String> {
        let original = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("target");
        let review_path = path
            .parent()
            .unwrap_or(Path::new("."))
            .join("review")
            .join(format!("{stem}.json"));
        let review_original = std::fs::read_to_string(&review_path).ok();
        let review: Review = match &review_original {
            Some(text) => {
                serde_json::from_str(text).map_err(|e| format!("{}: {e}", review_path.display()))?
            }
            None => Review::new(),
        };
        let (kind, json) = if path.extension().is_some_and(|e| e == "rs") {
            (
                Kind::Ui(ui_rows(&original).map_err(|e| format!("{}: {e}", path.display()))?),
                Json::Null,
            )
        } else {
            let json: Json =
                serde_json::from_str(&original).map_err(|e| format!("{}: {e}", path.display()))?;
            let kind = if matches!(&json, Json::Obj(v) if v.iter().any(|(k, _)| k == "contacts") && !v.iter().any(|(k, _)| k == "questions"))
            {
                Kind::Contacts
            } else {
                Kind::Definition
            };
            (kind, json)
        };
        Ok(Target {
            path: path.to_owned(),
            kind,
            json,
            original,
            review_path,
            review,
            review_original,
        })
    }

    fn current_text(&self) -> String {
        match &self.kind {
            Kind::Ui(rows) => ui_source(&self.original, rows),
            _ => to_pretty(&self.json),
        }
    }

    /// The review record (per locale and context, the fingerprint a reviewer cleared).
    pub(crate) fn review(&self) -> &Review {
        &self.review
    }

    /// Every error of the engine's check, one per line, naming the file.
    fn invalid(&self, errors: Vec<screening_core::DefinitionError>) -> String {
        let name = self.path.display();
        let lines: Vec<String> = errors.iter().map(|e| format!("{name}: {e}")).collect();
        lines.join("\n")
    }

    /// The definition, checked as the engine checks it.
    pub(crate) fn definition(&self) -> Result<screening_core::Definition, String> {
        parse_definition(&self.current_text()).map_err(|e| self.invalid(e))
    }

    /// The entries and the locales they are offered in, checked as the engine checks them.
    pub(crate) fn entries(&self) -> Result<(Vec<Entry>, Vec<Locale>, String), String> {
        match &self.kind {
            Kind::Definition => {
                let d = self.definition()?;
                let project = format!("screening-form {} {}", d.id(), d.version());
                Ok((
                    entries::definition_entries(&d),
                    d.offered_locales(),
                    project,
                ))
            }
            Kind::Contacts => {
                let d = parse_directory(&self.current_text()).map_err(|e| self.invalid(e))?;
                Ok((
                    entries::directory_entries(&d),
                    Locale::ALL.to_vec(),
                    "screening-form contacts".into(),
                ))
            }
            Kind::Ui(rows) => {
                let entries = entries::ui_entries()
                    .into_iter()
                    .zip(rows)
                    .map(|(mut e, row)| {
                        e.text = Text(
                            Locale::ALL
                                .into_iter()
                                .filter(|l| !row[*l as usize].is_empty())
                                .map(|l| (l.tag().to_owned(), row[l as usize].clone()))
                                .collect(),
                        );
                        e
                    })
                    .collect();
                Ok((
                    entries,
                    Locale::ALL.to_vec(),
                    "screening-form interface".into(),
                ))
            }
        }
    }

    fn set(&mut self, context: &str, locale: Locale, value: &str) -> bool {
        match &mut self.kind {
            Kind::Ui(rows) => {
                let Some(ui) = context.strip_prefix("ui.").and_then(Ui::from_key) else {
                    return false;
                };
                let cell = &mut rows[ui as usize][locale as usize];
                let changed = cell != value;
                *cell = value.to_owned();
                changed
            }
            _ => match self.json.text_at(context) {
                Some(object) => set_locale_key(object, locale, value),
                None => false,
            },
        }
    }

    /// For a definition, the `locales` status: reviewed only when every text is.
    fn set_locale_status(&mut self, locale: Locale, reviewed: bool) {
        if !matches!(self.kind, Kind::Definition) {
            return;
        }
        if let Some(Json::Obj(locales)) = self.json.get_mut("locales") {
            let status = if reviewed { "reviewed" } else { "draft" };
            set_locale_key(locales, locale, status);
        }
    }

    fn save(&self) -> Result<(), String> {
        let text = self.current_text();
        if text != self.original {
            std::fs::write(&self.path, text)
                .map_err(|e| format!("{}: cannot write: {e}", self.path.display()))?;
        }
        let review = to_pretty_review(&self.review);
        let unchanged = match &self.review_original {
            Some(old) => *old == review,
            None => self.review.is_empty(),
        };
        if !unchanged {
            if let Some(dir) = self.review_path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&self.review_path, review)
                .map_err(|e| format!("{}: cannot write: {e}", self.review_path.display()))?;
        }
        Ok(())
    }
}

fn to_pretty_review(review: &Review) -> String {
    let mut s = serde_json::to_string_pretty(review).expect("serializes");
    s.push('\n');
    s
}

/// The rows of `ui.rs`'s table block (written by [`ui_source`]: a `// Key` line, then the row).
fn ui_rows(source: &str) -> Result<Vec<[String; 5]>, String> {
    let start = source
        .find(UI_BEGIN)
        .ok_or("no UI table block (BEGIN UI TABLE) found")?
        + UI_BEGIN.len();
    let end = source[start..]
        .find(UI_END)
        .ok_or("the UI table block has no end")?
        + start;
    let mut rows = Vec::new();
    let mut keys = Vec::new();
    for (n, line) in source[start..end].lines().enumerate() {
        let line = line.trim();
        if let Some(key) = line.strip_prefix("// ") {
            keys.push(key.to_owned());
            continue;
        }
        let cells = line
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix("],"))
            .ok_or_else(|| format!("UI table line {}: not a row: {line}", n + 1))?;
        let mut row: Vec<String> = Vec::new();
        let mut chars = cells.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut cell = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some('n') => cell.push('\n'),
                        Some(c) => cell.push(c),
                        None => return Err("UI table: unterminated escape".into()),
                    },
                    Some(c) => cell.push(c),
                    None => return Err(format!("UI table line {}: unterminated string", n + 1)),
                }
            }
            row.push(cell);
        }
        rows.push(
            <[String; 5]>::try_from(row)
                .map_err(|_| format!("UI table line {}: not 5 cells", n + 1))?,
        );
    }
    let expected: Vec<&str> = Ui::ALL.iter().map(|u| u.key()).collect();
    if keys != expected || rows.len() != expected.len() {
        return Err("the UI table's rows do not follow the Ui enum (one `// Key` line and one row per string, in order)".into());
    }
    Ok(rows)
}

fn rust_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// `ui.rs` with its table block rewritten from `rows`.
fn ui_source(source: &str, rows: &[[String; 5]]) -> String {
    let start = source
        .find(UI_BEGIN)
        .map(|i| i + UI_BEGIN.len())
        .unwrap_or(0);
    let end = source[start..]
        .find(UI_END)
        .map(|i| i + start)
        .unwrap_or(start);
    let mut block = String::new();
    for (ui, row) in Ui::ALL.iter().zip(rows) {
        let cells: Vec<String> = row.iter().map(|c| rust_string(c)).collect();
        block.push_str(&format!(
            "    // {}\n    [{}],\n",
            ui.key(),
            cells.join(", ")
        ));
    }
    format!("{}{block}{}", &source[..start], &source[end..])
}

// ---------------------------------------------------------------------------------------------
// PO files.

/// The gettext language code (Poedit's and msgfmt's spelling) for a locale.
fn po_language(l: Locale) -> &'static str {
    match l {
        Locale::UzCyrl => "uz@cyrillic",
        Locale::UzLatn => "uz",
        l => l.tag(),
    }
}

/// The language's plural rule as gettext writes it (the CLDR categories: Russian one, few and
/// many; Tajik, Uzbek and English one and other). screening-form has no plural messages, but a
/// translator's tool reads the header, and a one-form rule is wrong for Russian.
fn plural_rules(l: Locale) -> (usize, &'static str) {
    match l {
        Locale::Ru => (
            3,
            "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
        ),
        Locale::Tg | Locale::UzCyrl | Locale::UzLatn | Locale::En => (2, "(n != 1)"),
    }
}

/// The `{name}` placeholders of a text, sorted, with repeats: a translation must have exactly
/// the source's.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                out.push(&rest[open..open + close + 2]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out.sort_unstable();
    out
}

fn from_po_language(code: &str) -> Option<Locale> {
    match code.trim() {
        "uz@cyrillic" | "uz_UZ@cyrillic" => Some(Locale::UzCyrl),
        "uz" | "uz@latin" | "uz_UZ" => Some(Locale::UzLatn),
        other => Locale::from_exact_tag(other)
            .or_else(|| Locale::from_language_tag(other).filter(|l| l.script().is_none())),
    }
}

fn export(t: &Target, locale: Option<Locale>, template: bool) -> Result<String, String> {
    let (entries, offered, project) = t.entries()?;
    let source = entries::source_locale(&offered);
    let mut meta = CatalogMetadata::new();
    meta.project_id_version = project;
    meta.mime_version = "1.0".into();
    meta.content_type = "text/plain; charset=UTF-8".into();
    meta.content_transfer_encoding = "8bit".into();
    // Filled in by the translator's tool; present so that `msgfmt --check` is silent.
    meta.po_revision_date = format!("{} 00:00+0000", today());
    meta.last_translator = "none yet (exported by screening-i18n)".into();
    meta.language_team = "screening-form translators".into();
    if let (Some(l), false) = (locale, template) {
        meta.language = po_language(l).into();
        let (nplurals, expr) = plural_rules(l);
        meta.plural_rules.nplurals = nplurals;
        meta.plural_rules.expr = expr.into();
    }
    let mut catalog = Catalog::new(meta);
    let tag = locale.map_or("(template)", Locale::tag);
    catalog.preheader = vec![
        format!(
            "{} in {tag}, from {}.",
            t.path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
            source.tag()
        ),
        "msgctxt is where the text lives (keep it); msgid is the source text; fuzzy marks a".into(),
        "draft. Clear the fuzzy flag of each translation you have checked.".into(),
    ];
    for e in &entries {
        let source_text = e.text.get(source);
        let mut notes = vec![e.shown.clone()];
        notes.extend(e.indicator.clone());
        // A reviewer of Uzbek Cyrillic checks it against the Latin it was derived from.
        if locale == Some(Locale::UzCyrl) && !e.text.get(Locale::UzLatn).is_empty() {
            notes.push(format!("uz-Latn: {}", e.text.get(Locale::UzLatn)));
        }
        let mut flags = MessageFlags::new();
        let msgstr = match locale {
            Some(l) if !template => {
                let status = entries::status(&t.review, l, source, e);
                if status == Status::Draft {
                    flags.add_flag("fuzzy");
                }
                e.text.get(l).to_owned()
            }
            _ => String::new(),
        };
        if source_text.contains('{') {
            flags.add_flag("python-brace-format");
        }
        catalog.append_or_update(
            Message::build_singular()
                .with_extracted_comments(notes.join("\n"))
                .with_flags(flags)
                .with_msgctxt(e.context.clone())
                .with_msgid(source_text.to_owned())
                .with_msgstr(msgstr)
                .done(),
        );
    }
    let mut out = BufWriter::new(Vec::new());
    polib::po_file::write(&catalog, &mut out).map_err(|e| e.to_string())?;
    String::from_utf8(out.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// Today's date (UTC) as YYYY-MM-DD, for the PO-Revision-Date header.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = screening_core::month::date_of_unix_seconds(secs);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Checks the PO syntax line by line (so errors name a line), and returns where each msgctxt
/// starts.
fn lint(po: &str) -> Result<BTreeMap<String, usize>, String> {
    let mut contexts = BTreeMap::new();
    let mut context: Option<(String, usize)> = None;
    let mut named: Option<String> = None;
    let mut field = "";
    for (i, line) in po.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        let prefix = match &named {
            Some(c) => format!("line {n} (in msgctxt \"{c}\")"),
            None => format!("line {n}"),
        };
        let at = |msg: &str| format!("{prefix}: {msg}: {line}");
        if line.trim().is_empty() || line.starts_with('#') {
            if line.trim().is_empty() {
                field = "";
                named = None;
            }
            continue;
        }
        let (keyword, rest) = match line.split_once(' ') {
            Some((k, r)) if k.starts_with("msg") => (k, r),
            _ if line.starts_with('"') => ("", line),
            _ => {
                return Err(at(
                    "not PO syntax (expected a comment, msgctxt, msgid, msgstr or a quoted continuation)",
                ));
            }
        };
        let quoted = rest.trim();
        let well_formed =
            quoted.len() >= 2 && quoted.starts_with('"') && quoted.ends_with('"') && {
                let inner = &quoted[1..quoted.len() - 1];
                let mut escaped = false;
                inner.chars().all(|c| {
                    let ok = escaped || c != '"';
                    escaped = !escaped && c == '\\';
                    ok
                }) && !escaped
            };
        if !well_formed {
            return Err(at("a string must be one double-quoted string on the line"));
        }
        match keyword {
            "" if field.is_empty() => {
                return Err(at(
                    "a quoted continuation without msgctxt, msgid or msgstr before it",
                ));
            }
            "" => {
                if field == "msgctxt"
                    && let Some((c, _)) = &mut context
                {
                    c.push_str(&quoted[1..quoted.len() - 1]);
                    named = Some(c.clone());
                }
            }
            "msgctxt" => {
                if let Some((c, start)) = context.take() {
                    contexts.insert(c, start);
                }
                context = Some((quoted[1..quoted.len() - 1].to_owned(), n));
                named = context.as_ref().map(|(c, _)| c.clone());
                field = "msgctxt";
            }
            "msgid" | "msgstr" => field = keyword,
            "msgid_plural" => return Err(at("plural forms are not used by screening-form")),
            _ if keyword.starts_with("msgstr[") => {
                return Err(at("plural forms are not used by screening-form"));
            }
            _ => return Err(at("unknown keyword")),
        }
        if keyword == "msgid" {
            if let Some((c, start)) = &context
                && contexts.insert(c.clone(), *start).is_some()
            {
                return Err(at(&format!("msgctxt \"{c}\" appears twice")));
            }
            context = None;
        }
    }
    Ok(contexts)
}

fn import(t: &mut Target, po: &[u8], locale: Option<Locale>) -> Result<Vec<String>, String> {
    let text =
        std::str::from_utf8(po).map_err(|e| format!("not UTF-8 ({e}); save the file as UTF-8"))?;
    let lines = lint(text)?;
    let catalog = polib::po_file::parse_from_reader(text.as_bytes())
        .map_err(|e| format!("malformed PO file: {e}"))?;
    let locale = match locale {
        Some(l) => l,
        None => from_po_language(&catalog.metadata.language).ok_or_else(|| {
            format!(
                "the Language header \"{}\" names no locale of screening-form; pass --locale",
                catalog.metadata.language
            )
        })?,
    };
    let (entries, offered, _) = t.entries()?;
    let source = entries::source_locale(&offered);
    let by_context: BTreeMap<&str, &Entry> =
        entries.iter().map(|e| (e.context.as_str(), e)).collect();
    let line = |c: &str| {
        lines
            .get(c)
            .map_or(String::new(), |n| format!("line {n}: "))
    };
    let unknown: Vec<String> = catalog
        .messages()
        .filter_map(|m| {
            let c = m.msgctxt().unwrap_or("");
            (!by_context.contains_key(c)).then(|| {
                format!(
                    "{}unknown msgctxt \"{c}\" (not a text of {})",
                    line(c),
                    t.path.display()
                )
            })
        })
        .collect();
    if !unknown.is_empty() {
        return Err(format!("{}\nnothing was imported", unknown.join("\n")));
    }
    // A translation of another English text than the one at its place now (the text moved or
    // changed since the export) would land on the wrong text: refused, not kept as a draft. And
    // every translation, fuzzy ones too, must keep the source's placeholders.
    let mut refused = Vec::new();
    for m in catalog.messages() {
        let c = m.msgctxt().unwrap_or("");
        let msgstr = m.msgstr().unwrap_or("");
        if msgstr.is_empty() {
            continue;
        }
        let current_source = by_context[c].text.get(source);
        if m.msgid() != current_source {
            refused.push(format!(
                "{}msgctxt \"{c}\": translated from \"{}\", but the text there now is \"{}\"",
                line(c),
                m.msgid(),
                current_source
            ));
        } else if placeholders(msgstr) != placeholders(current_source) {
            refused.push(format!(
                "{}msgctxt \"{c}\": the translation has the placeholders {:?}, the source {:?} (keep each {{name}} as it is)",
                line(c),
                placeholders(msgstr),
                placeholders(current_source)
            ));
        } else if let Some(max) = c
            .strip_prefix("ui.")
            .and_then(screening_core::ui::Ui::from_key)
            .and_then(|ui| ui.note().1)
            .filter(|max| msgstr.chars().count() > *max)
        {
            refused.push(format!(
                "{}msgctxt \"{c}\": the translation has {} characters, at most {max} fit (see the note: it must fit on a small phone)",
                line(c),
                msgstr.chars().count()
            ));
        }
    }
    if !refused.is_empty() {
        return Err(format!(
            "{}\nnothing was imported: export a fresh PO file, carry the translations over and import that",
            refused.join("\n")
        ));
    }
    let mut changed = Vec::new();
    let mut reviewed = Vec::new();
    let mut drafted = Vec::new();
    let review = t.review.entry(locale.tag().to_owned()).or_default().clone();
    let mut new_review = review.clone();
    for m in catalog.messages() {
        let c = m.msgctxt().unwrap_or("");
        let entry = by_context[c];
        let msgstr = m.msgstr().unwrap_or("");
        if msgstr.is_empty() {
            continue;
        }
        let current_source = entry.text.get(source);
        let source_matches = m.msgid() == current_source;
        if t.set(c, locale, msgstr) {
            changed.push(c.to_owned());
        }
        let was = review
            .get(c)
            .is_some_and(|fp| *fp == entries::fingerprint(current_source));
        if m.is_fuzzy() || !source_matches {
            if new_review.remove(c).is_some() && was {
                drafted.push(c.to_owned());
            }
        } else {
            new_review.insert(c.to_owned(), entries::fingerprint(current_source));
            if !was {
                reviewed.push(c.to_owned());
            }
        }
    }
    if new_review.is_empty() {
        t.review.remove(locale.tag());
    } else {
        t.review.insert(locale.tag().to_owned(), new_review);
    }
    // The definition must stay valid: a new locale needs every text.
    let (entries, _, _) = t.entries()?;
    let all_reviewed = entries
        .iter()
        .all(|e| entries::status(&t.review, locale, source, e) == Status::Reviewed);
    if matches!(t.kind, Kind::Definition) && offered.contains(&locale) {
        t.set_locale_status(locale, all_reviewed);
    } else if matches!(t.kind, Kind::Definition) {
        let missing = entries
            .iter()
            .filter(|e| e.text.get(locale).is_empty())
            .count();
        if missing > 0 {
            return Err(format!(
                "{locale} is not offered yet and {missing} texts still lack it: translate every text before adding a locale; nothing was imported"
            ));
        }
        t.set_locale_status(locale, all_reviewed);
    }
    t.entries()?;
    let mut report = vec![format!(
        "{} {locale}: {} texts changed, {} newly reviewed, {} back to draft",
        t.path.display(),
        changed.len(),
        reviewed.len(),
        drafted.len()
    )];
    report.extend(changed.iter().map(|c| format!("  changed: {c}")));
    report.extend(reviewed.iter().map(|c| format!("  reviewed: {c}")));
    report.extend(drafted.iter().map(|c| format!("  draft again: {c}")));
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// Ids for steps, rules and paragraphs of advice (schema 1 to 2).

/// Adds the ids (see [`Command::AddIds`]) and renames the review record's contexts; returns
/// each text's old and new context that changed.
fn add_ids(t: &mut Target) -> Result<Vec<(String, String)>, String> {
    if !matches!(t.kind, Kind::Definition) {
        return Err(format!("{}: not a definition", t.path.display()));
    }
    let (before, _, _) = t.entries()?;
    let Json::Obj(root) = &mut t.json else {
        return Err(format!("{}: not a JSON object", t.path.display()));
    };
    for (key, value) in root.iter_mut() {
        match (key.as_str(), value) {
            ("schema", v) => *v = Json::Num(2.into()),
            ("scales", Json::Arr(scales)) => {
                for scale in scales {
                    if let Some(Json::Arr(rules)) = scale.get_mut("rules") {
                        name_items(rules, "reason");
                    }
                    if let Some(Json::Arr(bands)) = scale.get_mut("bands") {
                        for band in bands {
                            for list in ["advice", "steps"] {
                                if let Some(Json::Arr(items)) = band.get_mut(list) {
                                    name_items(items, "text");
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let (after, _, _) = t.entries()?;
    if before.len() != after.len() {
        return Err(format!(
            "{}: the texts changed while adding ids (a bug): nothing written",
            t.path.display()
        ));
    }
    let renamed: Vec<(String, String)> = before
        .into_iter()
        .zip(after)
        .filter(|(b, a)| b.context != a.context)
        .map(|(b, a)| (b.context, a.context))
        .collect();
    for contexts in t.review.values_mut() {
        for (old, new) in &renamed {
            if let Some(fp) = contexts.remove(old) {
                contexts.insert(new.clone(), fp);
            }
        }
    }
    Ok(renamed)
}

/// Gives every item of a list an id made from its English text (its `field`, or the item
/// itself when it is a bare text), unique in the list: a bare text becomes `{"id", "text"}`.
fn name_items(items: &mut [Json], field: &str) {
    let mut taken: Vec<String> = items
        .iter()
        .filter_map(|x| match x {
            Json::Obj(v) => v.iter().find_map(|(k, i)| match (k.as_str(), i) {
                ("id", Json::Str(id)) => Some(id.clone()),
                _ => None,
            }),
            _ => None,
        })
        .collect();
    for item in items.iter_mut() {
        let Json::Obj(fields) = item else { continue };
        if fields.iter().any(|(k, _)| k == "id") {
            continue;
        }
        let is_bare_text = !fields.iter().any(|(k, _)| k == field);
        let english = {
            let text = if is_bare_text {
                Some(&*fields)
            } else {
                fields.iter().find_map(|(k, x)| match (k.as_str(), x) {
                    (k, Json::Obj(t)) if k == field => Some(t),
                    _ => None,
                })
            };
            text.and_then(|t| {
                t.iter().find_map(|(k, x)| match (k.as_str(), x) {
                    ("en", Json::Str(s)) => Some(s.clone()),
                    _ => None,
                })
            })
            .unwrap_or_default()
        };
        let id = unique_id(&english, &taken);
        taken.push(id.clone());
        if is_bare_text {
            let text = std::mem::take(fields);
            *fields = vec![
                ("id".into(), Json::Str(id)),
                ("text".into(), Json::Obj(text)),
            ];
        } else {
            fields.insert(0, ("id".into(), Json::Str(id)));
        }
    }
}

/// Up to four words of `english` that carry meaning, lower case, joined by `_` (`see_doctor_today`),
/// with `_2`, `_3`… when the list has it already.
fn unique_id(english: &str, taken: &[String]) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "to", "of", "and", "or", "in", "on", "for", "your", "you", "if", "is",
        "are", "with", "at", "it", "this", "that", "be", "by", "from", "as", "do", "any", "can",
        "will", "there", "has", "have", "was", "were", "who", "what", "when", "them", "they",
    ];
    let words: Vec<String> = english
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
        .take(4)
        .collect();
    let mut base = words.join("_");
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base = format!("item_{base}");
    }
    base.truncate(34);
    let base = base.trim_end_matches('_').to_owned();
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

// Uzbek Cyrillic from Uzbek Latin.

fn rename_key(json: &mut Json, from: &str, to: &str) {
    match json {
        Json::Obj(v) => {
            let is_text = v
                .iter()
                .any(|(k, x)| k == from && matches!(x, Json::Str(_)));
            for (k, x) in v.iter_mut() {
                if is_text && k == from {
                    *k = to.to_owned();
                } else if k != "default_scripts" {
                    // `default_scripts` maps a language (`uz`) to its script, not a text.
                    rename_key(x, from, to);
                }
            }
        }
        Json::Arr(v) => v.iter_mut().for_each(|x| rename_key(x, from, to)),
        _ => {}
    }
}

fn transliterate(t: &mut Target, force: bool) -> Result<usize, String> {
    rename_key(&mut t.json, "uz", "uz-Latn");
    let (entries, _, _) = t.entries()?;
    let mut n = 0;
    for e in &entries {
        let latin = e.text.get(Locale::UzLatn);
        if latin.is_empty() || (!force && !e.text.get(Locale::UzCyrl).is_empty()) {
            continue;
        }
        // What the Russian text writes in Latin (ICMPD, IP, SIM) stays in Latin.
        let keep = latin_words(e.text.get(Locale::Ru));
        t.set(
            &e.context,
            Locale::UzCyrl,
            &uz_latn_to_cyrl_keeping(latin, &keep),
        );
        n += 1;
    }
    if matches!(t.kind, Kind::Definition) {
        t.set_locale_status(Locale::UzCyrl, false);
        if let Json::Obj(root) = &mut t.json
            && !root.iter().any(|(k, _)| k == "default_scripts")
        {
            {
                let at = root
                    .iter()
                    .position(|(k, _)| k == "locales")
                    .map_or(root.len(), |i| i + 1);
                root.insert(
                    at,
                    (
                        "default_scripts".into(),
                        Json::Obj(vec![("uz".into(), Json::Str("Cyrl".into()))]),
                    ),
                );
            }
        }
    }
    // Cyrillic drafts are never reviewed.
    t.review.remove(Locale::UzCyrl.tag());
    t.entries()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use polib::message::{MessageMutView, MessageView};
    use std::process::Command;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn json_files_are_rewritten_byte_for_byte() {
        for f in ["job-offer", "returnee", "contacts"] {
            let path = root().join(format!("questionnaires/{f}.json"));
            let t = Target::open(&path).unwrap();
            assert!(t.current_text() == t.original, "{f} would be reformatted");
        }
        let t = Target::open(&root().join("crates/core/src/ui.rs")).unwrap();
        assert!(
            t.current_text() == t.original,
            "ui.rs table would be reformatted"
        );
    }

    /// A scratch copy of a target (and no review record), in its own directory.
    fn scratch(name: &str, file: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("screening-i18n-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let to = dir.join(Path::new(file).file_name().unwrap());
        std::fs::copy(root().join(file), &to).unwrap();
        to
    }

    fn export_file(path: &Path, locale: Locale) -> String {
        export(&Target::open(path).unwrap(), Some(locale), false).unwrap()
    }

    fn import_text(path: &Path, po: &str) -> Result<Vec<String>, String> {
        let mut t = Target::open(path)?;
        let report = import(&mut t, po.as_bytes(), None)?;
        t.save()?;
        Ok(report)
    }

    fn po_catalog(po: &str) -> Catalog {
        polib::po_file::parse_from_reader(po.as_bytes()).unwrap()
    }

    fn po_string(catalog: &Catalog) -> String {
        let mut out = BufWriter::new(Vec::new());
        polib::po_file::write(catalog, &mut out).unwrap();
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    }

    fn fuzzy(po: &str, context: &str) -> bool {
        po_catalog(po)
            .messages()
            .find(|m| m.msgctxt() == Some(context))
            .unwrap()
            .is_fuzzy()
    }

    #[test]
    fn an_unchanged_export_imports_as_a_no_op_byte_for_byte() {
        for file in [
            "questionnaires/job-offer.json",
            "questionnaires/contacts.json",
            "crates/core/src/ui.rs",
        ] {
            let path = scratch("noop", file);
            let before = std::fs::read(&path).unwrap();
            for locale in Locale::ALL {
                let po = export_file(&path, locale);
                let report = import_text(&path, &po).unwrap();
                assert!(
                    report[0].contains("0 texts changed, 0 newly reviewed, 0 back to draft"),
                    "{file} {locale}: {report:?}"
                );
                assert!(
                    std::fs::read(&path).unwrap() == before,
                    "{file} {locale} changed"
                );
                assert!(!path.parent().unwrap().join("review").exists());
            }
        }
    }

    #[test]
    fn a_translators_edits_change_exactly_those_strings() {
        let path = scratch("edit", "questionnaires/job-offer.json");
        let before: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let po = export_file(&path, Locale::Tg);
        // As in Poedit: fix one translation (left fuzzy), clear the fuzzy flag of another.
        let mut catalog = po_catalog(&po);
        for mut m in catalog.messages_mut() {
            match m.msgctxt() {
                Some("$.questions[id=destination].text") => {
                    m.set_msgstr("Кор дар куҷост? (ислоҳшуда)".into()).unwrap();
                }
                Some("$.title") => m.flags_mut().remove_flag("fuzzy"),
                _ => {}
            }
        }
        let report = import_text(&path, &po_string(&catalog)).unwrap();
        assert!(
            report[0].ends_with("tg: 1 texts changed, 1 newly reviewed, 0 back to draft"),
            "{report:?}"
        );
        let after: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut expected = before.clone();
        expected["questions"][0]["text"]["tg"] = "Кор дар куҷост? (ислоҳшуда)".into();
        assert_eq!(expected["questions"][0]["id"], "destination");
        assert_eq!(
            after, expected,
            "only that text changes; tg stays a draft locale"
        );
        let review =
            std::fs::read_to_string(path.parent().unwrap().join("review/job-offer.json")).unwrap();
        assert!(review.contains("\"$.title\""), "{review}");

        // Reviewed now: not fuzzy in the next export; the edited draft still is.
        let po = export_file(&path, Locale::Tg);
        assert!(!fuzzy(&po, "$.title"));
        assert!(fuzzy(&po, "$.questions[id=destination].text"));

        // The English source changes: the reviewed translation is fuzzy again.
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen(
            "\"en\": \"Check your job offer\"",
            "\"en\": \"Check a job offer\"",
            1,
        );
        std::fs::write(&path, text).unwrap();
        let po = export_file(&path, Locale::Tg);
        assert!(fuzzy(&po, "$.title"));
        let coverage = {
            let t = Target::open(&path).unwrap();
            let (entries, offered, _) = t.entries().unwrap();
            entries::coverage(&entries, &t.review, &offered)
        };
        assert_eq!(coverage[0].1.reviewed, 0);
    }

    #[test]
    fn unknown_contexts_and_malformed_files_are_refused_with_their_line() {
        let path = scratch("refuse", "questionnaires/returnee.json");
        let before = std::fs::read(&path).unwrap();
        let po = export_file(&path, Locale::Ru);
        let bad = po.replacen("msgctxt \"$.title\"", "msgctxt \"$.titel\"", 1);
        let err = import_text(&path, &bad).unwrap_err();
        let line = bad
            .lines()
            .position(|l| l == "msgctxt \"$.titel\"")
            .unwrap()
            + 1;
        assert!(
            err.starts_with(&format!("line {line}: unknown msgctxt \"$.titel\"")),
            "{err}"
        );
        let bad = po.replacen("msgctxt \"$.intro\"", "msgctxt \"$.intro", 1);
        let err = import_text(&path, &bad).unwrap_err();
        assert!(
            err.contains("a string must be one double-quoted string"),
            "{err}"
        );
        assert!(std::fs::read(&path).unwrap() == before, "nothing written");
    }

    #[test]
    fn a_translation_of_a_moved_step_is_refused_not_misplaced() {
        // Review: moving a step and importing an older Tajik file put "go in the next few
        // days" on "If you cough up blood, see a doctor today"; import only warned. A schema 1
        // file names steps by position: the import refuses.
        let path = scratch("moved", "questionnaires/archive/returnee.v3.json");
        let old_po = export_file(&path, Locale::Tg);
        let (si, bi) = swap_first_two_steps(&path);
        let _ = (si, bi);
        let before = std::fs::read(&path).unwrap();
        let err = import_text(&path, &old_po).unwrap_err();
        assert!(err.contains("translated from"), "{err}");
        assert!(
            err.contains("steps[0]") && err.contains("steps[1]"),
            "{err}"
        );
        assert!(err.starts_with("line "), "the line is named: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert!(std::fs::read(&path).unwrap() == before, "nothing written");
        // A fresh export of the moved steps imports.
        let fresh = export_file(&path, Locale::Tg);
        import_text(&path, &fresh).unwrap();
    }

    /// Swaps the first two steps of the first band with two different steps; returns where.
    fn swap_first_two_steps(path: &Path) -> (usize, usize) {
        let mut d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (si, bi) = d["scales"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .find_map(|(si, scale)| {
                scale["bands"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|b| {
                        b["steps"]
                            .as_array()
                            .is_some_and(|s| s.len() >= 2 && s[0] != s[1])
                    })
                    .map(|bi| (si, bi))
            })
            .expect("a band with two different steps");
        d["scales"][si]["bands"][bi]["steps"]
            .as_array_mut()
            .unwrap()
            .swap(0, 1);
        std::fs::write(path, serde_json::to_string_pretty(&d).unwrap()).unwrap();
        (si, bi)
    }

    #[test]
    fn a_moved_step_with_an_id_keeps_its_translation() {
        // Schema 2: the PO context is the step's id, so an older file's translations follow
        // the steps to their new places.
        let path = scratch("moved-ids", "questionnaires/returnee.json");
        let mut catalog = po_catalog(&export_file(&path, Locale::Tg));
        let mut mine = Vec::new();
        for mut m in catalog.messages_mut() {
            let context = m.msgctxt().unwrap_or_default().to_owned();
            if context.contains(".steps[id=") {
                let marked = format!("{} (#{})", m.msgstr().unwrap(), mine.len());
                mine.push((context, marked.clone()));
                m.set_msgstr(marked).unwrap();
            }
        }
        assert!(mine.len() > 20);
        let old_po = po_string(&catalog);
        let (si, bi) = swap_first_two_steps(&path);
        import_text(&path, &old_po).unwrap();
        let after = export_file(&path, Locale::Tg);
        let imported: BTreeMap<String, String> = po_catalog(&after)
            .messages()
            .map(|m| {
                (
                    m.msgctxt().unwrap_or_default().to_owned(),
                    m.msgstr().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        for (context, text) in &mine {
            assert_eq!(imported.get(context), Some(text), "{context}");
        }
        // And the moved steps are where they were put, each with its own text.
        let d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let scale = d["scales"][si]["id"].as_str().unwrap();
        let band = d["scales"][si]["bands"][bi]["id"].as_str().unwrap();
        for k in 0..2 {
            let step = &d["scales"][si]["bands"][bi]["steps"][k];
            let context = format!(
                "$.scales[id={scale}].bands[id={band}].steps[id={}]",
                step["id"].as_str().unwrap()
            );
            let text = &mine.iter().find(|(c, _)| *c == context).unwrap().1;
            assert_eq!(step["text"]["tg"].as_str().unwrap(), text);
        }
    }

    #[test]
    fn add_ids_moves_a_schema_1_file_to_2_and_keeps_its_review() {
        let path = scratch("add-ids", "questionnaires/archive/returnee.v3.json");
        // A reviewed rule reason and step, recorded under their positions.
        let review_dir = path.parent().unwrap().join("review");
        std::fs::create_dir_all(&review_dir).unwrap();
        let d = screening_core::parse_definition(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let entries = entries::definition_entries(&d);
        let by_position: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.context.contains(".rules[0]") || e.context.contains(".steps[1]"))
            .collect();
        assert!(by_position.len() >= 2);
        let mut review = Review::new();
        for e in &by_position {
            review.entry("tg".into()).or_default().insert(
                e.context.clone(),
                entries::fingerprint(e.text.get(Locale::En)),
            );
        }
        std::fs::write(
            review_dir.join("returnee.v3.json"),
            to_pretty_review(&review),
        )
        .unwrap();
        let mut t = Target::open(&path).unwrap();
        let renamed = add_ids(&mut t).unwrap();
        t.save().unwrap();
        assert!(renamed.len() > 30);
        let text = std::fs::read_to_string(&path).unwrap();
        let d = screening_core::parse_definition(&text).unwrap();
        assert_eq!(d.schema(), 2);
        let after = entries::definition_entries(&d);
        assert!(
            after
                .iter()
                .all(|e| !e.context.contains("steps[") || e.context.contains("steps[id="))
        );
        // Still reviewed under the new contexts.
        let t = Target::open(&path).unwrap();
        let (entries, _, _) = t.entries().unwrap();
        let reviewed = entries
            .iter()
            .filter(|e| {
                entries::status(&t.review, Locale::Tg, Locale::En, e) == entries::Status::Reviewed
            })
            .count();
        assert_eq!(reviewed, by_position.len());
        // Running it again changes nothing.
        let mut t = Target::open(&path).unwrap();
        assert!(add_ids(&mut t).unwrap().is_empty());
    }

    #[test]
    fn an_interface_label_too_long_for_a_phone_is_refused() {
        let path = scratch("too-long", "crates/core/src/ui.rs");
        let before = std::fs::read(&path).unwrap();
        let po = export_file(&path, Locale::Tg);
        assert!(
            po.contains("At most 16 characters"),
            "the note says the limit"
        );
        let mut catalog = po_catalog(&po);
        for mut m in catalog.messages_mut() {
            if m.msgctxt() == Some("ui.QuickExit") {
                m.set_msgstr("Саҳифаро зуд ва бе осор тарк кунед".into())
                    .unwrap();
            }
        }
        let err = import_text(&path, &po_string(&catalog)).unwrap_err();
        assert!(
            err.contains("ui.QuickExit") && err.contains("at most 16"),
            "{err}"
        );
        assert!(std::fs::read(&path).unwrap() == before, "nothing written");
    }

    #[test]
    fn a_dropped_placeholder_is_refused_even_in_a_fuzzy_entry() {
        let path = scratch("placeholder", "crates/core/src/ui.rs");
        let before = std::fs::read(&path).unwrap();
        let po = export_file(&path, Locale::Tg);
        let mut catalog = po_catalog(&po);
        let mut found = false;
        for mut m in catalog.messages_mut() {
            if m.msgid().contains("{total}") {
                let without = m.msgstr().unwrap().replace("{total}", "");
                m.set_msgstr(without).unwrap();
                assert!(m.is_fuzzy(), "a draft entry: msgfmt --check skips these");
                found = true;
            }
        }
        assert!(found);
        let err = import_text(&path, &po_string(&catalog)).unwrap_err();
        assert!(err.contains("placeholders"), "{err}");
        assert!(err.contains("{total}"), "{err}");
        assert!(std::fs::read(&path).unwrap() == before, "nothing written");
        // An added one is refused too.
        let mut catalog = po_catalog(&po);
        for mut m in catalog.messages_mut() {
            if m.msgid().contains("{total}") {
                let more = format!("{} {{extra}}", m.msgstr().unwrap());
                m.set_msgstr(more).unwrap();
            }
        }
        assert!(import_text(&path, &po_string(&catalog)).is_err());
    }

    #[test]
    fn uzbek_cyrillic_exports_show_the_latin_they_came_from() {
        let path = root().join("questionnaires/job-offer.json");
        let po = export_file(&path, Locale::UzCyrl);
        let catalog = po_catalog(&po);
        let title = catalog
            .messages()
            .find(|m| m.msgctxt() == Some("$.title"))
            .unwrap();
        let d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let latin = d["title"]["uz-Latn"].as_str().unwrap();
        assert!(
            title
                .extracted_comments()
                .contains(&format!("uz-Latn: {latin}")),
            "{}",
            title.extracted_comments()
        );
        assert!(!export_file(&path, Locale::Tg).contains("uz-Latn: "));
    }

    #[test]
    fn the_glossary_finds_the_variants_the_review_found_and_none_are_left() {
        let glossary = root().join("questionnaires/glossary.json");
        let lines = |file: &str| glossary_lines(&root().join(file), &glossary).unwrap();
        // Before the fix (the archived versions): the two Tajik terms the review found.
        let returnee_v3 = lines("questionnaires/archive/returnee.v3.json");
        assert!(
            returnee_v3
                .iter()
                .any(|l| l.contains("$.scales[id=coercion].title (tg) uses «кори маҷбурӣ»")),
            "{returnee_v3:#?}"
        );
        let job_offer_v2 = lines("questionnaires/archive/job-offer.v2.json");
        assert!(
            job_offer_v2
                .iter()
                .any(|l| l.contains("uses «ғуломии қарзӣ»")),
            "{job_offer_v2:#?}"
        );
        // A variant starts a word; any ending may follow.
        assert!(uses("аломатҳо дар ҷавобҳо", "аломат"));
        assert!(!uses("санҷиши кор ва саломатӣ", "аломат"));
        // Now: every text uses the glossary's words.
        for file in [
            "questionnaires/returnee.json",
            "questionnaires/job-offer.json",
            "questionnaires/contacts.json",
            "crates/core/src/ui.rs",
        ] {
            assert_eq!(lines(file), Vec::<String>::new(), "{file}");
        }
    }

    #[test]
    fn po_headers_carry_each_languages_plural_rule() {
        let path = root().join("questionnaires/returnee.json");
        let rules = |l| po_catalog(&export_file(&path, l)).metadata.plural_rules;
        let ru = rules(Locale::Ru);
        assert_eq!(ru.nplurals, 3);
        assert_eq!(
            ru.expr,
            "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
        );
        for l in [Locale::Tg, Locale::UzLatn, Locale::UzCyrl, Locale::En] {
            assert_eq!(
                (rules(l).nplurals, rules(l).expr),
                (2, "(n != 1)".to_owned()),
                "{l}"
            );
        }
        assert_eq!(
            placeholders("Question {position} of {total}"),
            ["{position}", "{total}"]
        );
        assert_eq!(
            placeholders("{total}-{position} {a b} { }"),
            ["{position}", "{total}"]
        );
    }

    #[test]
    fn exports_pass_msgfmt_check() {
        if Command::new("msgfmt").arg("--version").output().is_err() {
            panic!(
                "msgfmt is missing: `cargo xtask install` installs Debian's gettext, which this test needs"
            );
        }
        let dir = std::env::temp_dir().join(format!("screening-msgfmt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for file in [
            "questionnaires/job-offer.json",
            "questionnaires/returnee.json",
            "questionnaires/contacts.json",
            "crates/core/src/ui.rs",
        ] {
            let t = Target::open(&root().join(file)).unwrap();
            let mut outputs = vec![("pot".to_owned(), export(&t, None, true).unwrap())];
            for l in Locale::ALL {
                outputs.push((l.tag().to_owned(), export(&t, Some(l), false).unwrap()));
            }
            for (tag, po) in outputs {
                let po_path = dir.join(format!("{tag}.po"));
                std::fs::write(&po_path, po).unwrap();
                let out = Command::new("msgfmt")
                    .args(["--check", "-o", "/dev/null"])
                    .arg(&po_path)
                    .output()
                    .unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{file} {tag}: {stderr}");
                let warnings: Vec<&str> = stderr
                    .lines()
                    .filter(|l| !l.contains("'Language' missing"))
                    .collect();
                assert!(warnings.is_empty(), "{file} {tag}: {stderr}");
            }
        }
    }

    #[test]
    fn lint_names_the_line_and_context() {
        let po =
            "msgid \"\"\nmsgstr \"\"\n\nmsgctxt \"$.title\"\nmsgid \"Check\"\nmsgstr \"broken\n";
        let err = lint(po).unwrap_err();
        assert!(err.starts_with("line 6 (in msgctxt \"$.title\")"), "{err}");
        let err = lint("msgid \"\"\nmsgstr \"\"\n\nnonsense\n").unwrap_err();
        assert!(err.starts_with("line 4:"), "{err}");
    }
}
