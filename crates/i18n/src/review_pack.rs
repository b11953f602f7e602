//! `screening-i18n review`: one static, printable page per questionnaire and locale, for a
//! partner's native speaker and caseworker to read in one sitting with no tool. Every text of
//! the definition in the visitor's order, English beside the locale, each row with its id
//! (the PO context) and its review state; the contacts the results point to; the worked cases
//! with their answers and expected bands in the locale; and the glossary's key terms.
//!
//! The page is built with `maud`, which escapes every text it inserts: definition texts are
//! shown as text, never as markup.

use crate::entries::{self, Entry, Review, Status};
use crate::tool::{Glossary, Target, exact_locale};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use screening_core::{Definition, Locale};
use std::path::Path;

/// What the page is made from: the definition and whatever lies beside it.
struct Sources {
    definition: Definition,
    review: Review,
    contacts: Vec<Entry>,
    contacts_review: Review,
    cases: Option<serde_json::Value>,
    glossary: Option<Glossary>,
}

/// Reads `path` and its neighbours: `review/<stem>.json`, `contacts.json` (and its review),
/// `cases/<stem>.json`, `glossary.json`. Only the definition is required.
fn sources(path: &Path) -> Result<Sources, String> {
    let target = Target::open(path)?;
    let definition = target.definition()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let contacts_path = dir.join("contacts.json");
    let (contacts, contacts_review) = if contacts_path.exists() {
        let t = Target::open(&contacts_path)?;
        (t.entries()?.0, t.review().clone())
    } else {
        (Vec::new(), Review::new())
    };
    let cases_path = dir.join("cases").join(format!("{stem}.json"));
    let cases = if cases_path.exists() {
        let text = std::fs::read_to_string(&cases_path)
            .map_err(|e| format!("{}: {e}", cases_path.display()))?;
        Some(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", cases_path.display()))?)
    } else {
        None
    };
    let glossary_path = dir.join("glossary.json");
    let glossary = if glossary_path.exists() {
        Some(Glossary::read(&glossary_path)?)
    } else {
        None
    };
    Ok(Sources {
        definition,
        review: target.review().clone(),
        contacts,
        contacts_review,
        cases,
        glossary,
    })
}

/// The review pack of the definition at `path` in `locale` (an exact tag: `tg`, `uz-Cyrl`…).
pub fn render(path: &Path, locale: &str) -> Result<String, String> {
    let locale = exact_locale(locale)?;
    let s = sources(path)?;
    let d = &s.definition;
    if !d.offered_locales().contains(&locale) {
        return Err(format!(
            "{}: the questionnaire is not offered in {locale}",
            path.display()
        ));
    }
    let entries = entries::definition_entries(d);
    let source = entries::source_locale(&d.offered_locales());
    let coverage = entries::coverage(&entries, &s.review, &[locale])[0].1;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Review pack: " (d.id()) " v" (d.version()) ", " (locale.native_name()) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "Review pack: " span lang=(locale.tag()) { (d.title().get(locale)) } }
                    p {
                        "Questionnaire " code { (d.id()) } ", version " (d.version())
                        ", in " (locale.native_name()) " (" code { (locale.tag()) } ") beside English. "
                        (coverage.reviewed) " texts reviewed, " (coverage.draft) " drafts, "
                        (coverage.missing) " missing, of " (entries.len()) "."
                    }
                }
                main {
                    section aria-labelledby="how" {
                        h2 id="how" { "How to read this" }
                        p {
                            "Every text the visitor can see, in the order they meet it. Each row "
                            "gives the text's id (the same as in the translator's PO file), where it "
                            "is shown, the English, the " (locale.native_name()) " and its state. "
                            strong { "Draft" } " rows have not been checked by a native speaker, or "
                            "their English changed since: read them first. Write corrections on the "
                            "printout, with the row's id."
                        }
                        p {
                            "Then the contacts the results point to, the worked cases (answers a "
                            "person might give and the result a careful caseworker expects), and the "
                            "key terms that must be used the same way everywhere."
                        }
                    }
                    (texts(&entries, &s.review, locale, source))
                    @if !s.contacts.is_empty() {
                        section aria-labelledby="contacts" {
                            h2 id="contacts" { "Contacts the results show" }
                            p { "The built-in example directory; a partner replaces it with verified contacts." }
                            (table("contacts-table", "Contacts", &s.contacts, &s.contacts_review, locale, source))
                        }
                    }
                    @if let Some(cases) = &s.cases {
                        (worked_cases(d, cases, locale))
                    }
                    @if let Some(g) = &s.glossary {
                        (glossary(g, locale))
                    }
                }
            }
        }
    };
    Ok(page.into_string())
}

/// The definition's texts, one table per part: start screen, each question, each scale.
fn texts(entries: &[Entry], review: &Review, locale: Locale, source: Locale) -> Markup {
    // Parts in the order the entries come: the prefix of the context up to the question's or
    // scale's id.
    let mut parts: Vec<(String, Vec<Entry>)> = Vec::new();
    for e in entries {
        let part = part_of(&e.context);
        match parts.last_mut() {
            Some((p, list)) if *p == part => list.push(e.clone()),
            _ => parts.push((part, vec![e.clone()])),
        }
    }
    html! {
        section aria-labelledby="texts" {
            h2 id="texts" { "The questionnaire's texts" }
            @for (i, (part, list)) in parts.iter().enumerate() {
                (table(&format!("part-{i}"), &heading(part, list, source), list, review, locale, source))
            }
        }
    }
}

/// `$.questions[id=fee]` for any text of that question, `$.scales[id=tb]` for a scale's,
/// `$.assisted` for assisted mode's, and `$` for the texts of the start screen.
fn part_of(context: &str) -> String {
    for prefix in ["$.questions[id=", "$.scales[id="] {
        if let Some(rest) = context.strip_prefix(prefix)
            && let Some(end) = rest.find(']')
        {
            return format!("{prefix}{}]", &rest[..end]);
        }
    }
    if context.starts_with("$.assisted") {
        return "$.assisted".into();
    }
    "$".into()
}

fn heading(part: &str, list: &[Entry], source: Locale) -> String {
    let first = list.first().map(|e| e.text.get(source)).unwrap_or_default();
    if part.starts_with("$.questions") {
        format!("Question: {first}")
    } else if part.starts_with("$.scales") {
        format!("Result: {first}")
    } else if part == "$.assisted" {
        "Assisted mode: what a caseworker may notice".into()
    } else {
        "Start screen and every result".into()
    }
}

/// One table of texts: id, where shown, English, the locale, state.
fn table(
    id: &str,
    caption: &str,
    entries: &[Entry],
    review: &Review,
    locale: Locale,
    source: Locale,
) -> Markup {
    html! {
        // A table may be wider than a phone: it scrolls in a region a keyboard can reach.
        div class="table" role="region" tabindex="0" aria-label=(caption) {
            table id=(id) {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { "Id and where shown" }
                        th scope="col" { "English" }
                        th scope="col" { (locale.native_name()) }
                        th scope="col" { "State" }
                    }
                }
                tbody {
                    @for e in entries {
                        @let status = entries::status(review, locale, source, e);
                        @let (class, word) = match status {
                            Status::Reviewed => ("reviewed", "reviewed"),
                            Status::Draft => ("draft", "draft"),
                            Status::Missing => ("missing", "missing"),
                        };
                        tr class=(class) data-context=(e.context) {
                            td {
                                code { (e.context) }
                                br;
                                span class="shown" { (e.shown) }
                                // The indicator once per question, on its own text.
                                @if let Some(indicator) = e.indicator.as_ref().filter(|_| e.context.ends_with("].text") && !e.context.contains(".options[")) {
                                    br;
                                    span class="shown" { "Measures: " (indicator) }
                                }
                            }
                            td lang="en" { (e.text.get(Locale::En)) }
                            td lang=(locale.tag()) { (e.text.get(locale)) }
                            td { span class="state" { (word) } }
                        }
                    }
                }
            }
        }
    }
}

/// The worked cases: each case's situation, its answers as the visitor reads them, and the
/// expected band per scale, in the locale.
fn worked_cases(d: &Definition, cases: &serde_json::Value, locale: Locale) -> Markup {
    let list = cases["cases"].as_array().cloned().unwrap_or_default();
    let answer_text = |question: &str, answer: &str| -> String {
        let Some(q) = d.question(question) else {
            return answer.to_owned();
        };
        if answer == screening_core::definition::DONT_KNOW {
            return screening_core::ui::Ui::DontKnow.text(locale).to_owned();
        }
        q.options
            .iter()
            .find(|o| o.id == answer)
            .map_or_else(|| answer.to_owned(), |o| o.text.get(locale).to_owned())
    };
    html! {
        section aria-labelledby="cases" {
            h2 id="cases" { "Worked cases" }
            p {
                "Each case is a situation, the answers a person in it would give, and the result "
                "the questionnaire gives, which a caseworker has checked. Read the answers and the "
                "result in " (locale.native_name()) ": would a person in this situation choose these "
                "words, and do the results say what the English says?"
            }
            @for case in &list {
                @let id = case["id"].as_str().unwrap_or("");
                article class="case" aria-labelledby=(format!("case-{id}")) {
                    h3 id=(format!("case-{id}")) { "Case " code { (id) } }
                    p lang="en" { (case["situation"].as_str().unwrap_or("")) }
                    h4 { "Answers" }
                    dl {
                        @for (question, answer) in case["answers"].as_object().into_iter().flatten() {
                            @let q_text = d.question(question).map_or(question.as_str(), |q| q.text.get(locale));
                            dt lang=(locale.tag()) { (q_text) }
                            dd lang=(locale.tag()) {
                                @let answers: Vec<String> = match answer {
                                    serde_json::Value::Array(many) => many.iter().filter_map(|a| a.as_str()).map(|a| answer_text(question, a)).collect(),
                                    other => vec![answer_text(question, other.as_str().unwrap_or(""))],
                                };
                                (answers.join("; "))
                            }
                        }
                    }
                    h4 { "Expected result" }
                    ul {
                        @for (scale, band) in case["expect"].as_object().into_iter().flatten() {
                            @let band = band.as_str().unwrap_or("");
                            @let scale_def = d.scale(scale);
                            @let band_title = scale_def
                                .and_then(|s| s.bands.iter().find(|b| b.id == band))
                                .map_or(band, |b| b.title.get(locale));
                            li lang=(locale.tag()) {
                                (scale_def.map_or(scale.as_str(), |s| s.title.get(locale)))
                                ": " strong { (band_title) }
                            }
                        }
                    }
                    @if let Some(why) = case["why"].as_str() {
                        p class="why" lang="en" { "Why: " (why) }
                    }
                }
            }
        }
    }
}

/// The key terms for the locale: the word to use and the variants that must not appear.
fn glossary(g: &Glossary, locale: Locale) -> Markup {
    let terms: Vec<_> = g
        .terms
        .iter()
        .filter_map(|t| t.locales.get(locale.tag()).map(|u| (t, u)))
        .collect();
    html! {
        section aria-labelledby="glossary" {
            h2 id="glossary" { "Key terms" }
            @if terms.is_empty() {
                p { "No key terms are listed for " (locale.native_name()) " yet." }
            } @else {
                p { "Every text uses the first word; " code { "screening check" } " warns about the others." }
                div class="table" role="region" tabindex="0" aria-label="Table of key terms" {
                    table id="glossary-table" {
                        caption { "Key terms in " (locale.native_name()) }
                        thead {
                            tr {
                                th scope="col" { "English" }
                                th scope="col" { "Use" }
                                th scope="col" { "Not" }
                            }
                        }
                        tbody {
                            @for (term, usage) in &terms {
                                tr {
                                    td lang="en" { (term.en) }
                                    td lang=(locale.tag()) { (usage.preferred) }
                                    td lang=(locale.tag()) { (usage.not.join(", ")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

const STYLE: &str = "
body { font: 16px/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 72rem; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 2px solid #1a1a1a; }
code { font-size: 0.85em; overflow-wrap: anywhere; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: 0.3rem 0; }
th, td { border: 1px solid #6b6b6b; padding: 0.4rem; vertical-align: top; text-align: left; }
th:first-child, td:first-child { width: 22%; }
td:nth-child(2), td:nth-child(3) { width: 34%; }
.shown { color: #4a4a4a; font-size: 0.85em; }
tr.draft td:last-child, tr.missing td:last-child { font-weight: 700; }
tr.draft { background: #fff4d6; } tr.missing { background: #fde2e2; }
.state { white-space: nowrap; }
.case { border: 1px solid #6b6b6b; padding: 0 1rem 1rem; margin: 1rem 0; }
dt { font-weight: 700; } dd { margin: 0 0 0.4rem 1rem; }
.why { color: #4a4a4a; font-size: 0.9em; }
@media print {
  body { max-width: none; font-size: 11pt; }
  tr, .case { break-inside: avoid; }
  tr.draft { background: none; } tr.missing { background: none; }
  .table { overflow: visible; }
}
";

#[cfg(test)]
mod tests {
    use super::*;
    use screening_core::contacts::parse_directory;
    use screening_core::parse_definition;

    fn built_in(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../questionnaires")
            .join(name)
    }

    /// The values of every `data-context` attribute, in order.
    fn contexts(page: &str) -> Vec<String> {
        page.split("data-context=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
            .collect()
    }

    fn escaped(text: &str) -> String {
        maud::html! { (text) }.into_string()
    }

    #[test]
    fn every_text_of_the_definition_is_a_row_with_both_languages() {
        for (file, locale) in [
            ("returnee.json", Locale::Tg),
            ("job-offer.json", Locale::Tg),
            ("returnee.json", Locale::UzCyrl),
        ] {
            let path = built_in(file);
            let page = render(&path, locale.tag()).unwrap();
            let d = parse_definition(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let entries = entries::definition_entries(&d);
            let contacts = entries::directory_entries(
                &parse_directory(&std::fs::read_to_string(built_in("contacts.json")).unwrap())
                    .unwrap(),
            );
            let expected: Vec<String> = entries
                .iter()
                .chain(&contacts)
                .map(|e| e.context.clone())
                .collect();
            assert_eq!(contexts(&page), expected, "{file} {locale}");
            for e in entries.iter().chain(&contacts) {
                for l in [Locale::En, locale] {
                    assert!(
                        page.contains(&escaped(e.text.get(l))),
                        "{file}: {} in {l} is not on the page",
                        e.context
                    );
                }
            }
            // Nothing is reviewed yet: every row says draft, in words.
            let said = |word: &str| {
                page.matches(&format!("<span class=\"state\">{word}</span>"))
                    .count()
            };
            assert_eq!(said("draft"), expected.len(), "{file} {locale}");
        }
    }

    #[test]
    fn worked_cases_show_answers_and_expected_bands_in_the_locale() {
        let path = built_in("returnee.json");
        let page = render(&path, "tg").unwrap();
        let d = parse_definition(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let cases: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(built_in("cases/returnee.json")).unwrap(),
        )
        .unwrap();
        let list = cases["cases"].as_array().unwrap();
        assert!(list.len() >= 5);
        for case in list {
            let id = case["id"].as_str().unwrap();
            assert!(page.contains(&format!("id=\"case-{id}\"")), "{id}");
            for (scale, band) in case["expect"].as_object().unwrap() {
                let s = d.scale(scale).unwrap();
                let b = s
                    .bands
                    .iter()
                    .find(|b| b.id == band.as_str().unwrap())
                    .unwrap();
                assert!(
                    page.contains(&escaped(b.title.get(Locale::Tg))),
                    "{id} {scale}"
                );
            }
        }
        // The glossary's Tajik terms.
        assert!(page.contains("меҳнати маҷбурӣ") && page.contains("кори маҷбурӣ"));
    }

    #[test]
    fn definition_texts_are_shown_as_text() {
        let dir = std::env::temp_dir().join(format!("review-pack-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(built_in("job-offer.json")).unwrap())
                .unwrap();
        v["title"]["tg"] = "<script>alert(1)</script> & <b>".into();
        let path = dir.join("job-offer.json");
        std::fs::write(&path, v.to_string()).unwrap();
        let page = render(&path, "tg").unwrap();
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"));
        // Nothing beside it: no contacts, cases or glossary sections, and no error.
        assert!(!page.contains("id=\"cases\""));
        assert!(render(&path, "fr").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
