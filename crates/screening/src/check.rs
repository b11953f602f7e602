//! `screening check` and `screening score`: definitions and answers on the command line.

use screening_core::contacts::parse_directory;
use screening_core::{Answers, parse_definition};
use std::path::Path;
use std::process::ExitCode;

const INVALID: u8 = 1;
const UNREADABLE: u8 = 2;

fn read(path: &Path) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("{}: cannot read: {e}", path.display());
        ExitCode::from(UNREADABLE)
    })
}

/// Validates a definition or contact directory; prints every error, one per line. Given the
/// interface strings (`crates/core/src/ui.rs`), prints their review coverage per locale.
pub fn check(path: &Path, contacts: bool) -> ExitCode {
    if path.extension().is_some_and(|e| e == "rs") {
        return match screening_i18n::tool::coverage_lines(path) {
            Ok(lines) => {
                lines.iter().for_each(|l| println!("{l}"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(INVALID)
            }
        };
    }
    let json = match read(path) {
        Ok(json) => json,
        Err(code) => return code,
    };
    let result = if contacts {
        parse_directory(&json).map(|d| format!("{} contacts", d.contacts.len()))
    } else {
        parse_definition(&json).map(|d| {
            format!(
                "questionnaire \"{}\" version {}, {} questions, {} scales, locales {}",
                d.id(),
                d.version(),
                d.questions().len(),
                d.scales().len(),
                d.offered_locales()
                    .iter()
                    .map(|l| l.tag())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    };
    if let (false, Ok(_)) = (contacts, &result) {
        warn_coverage(path, &json);
    }
    match result {
        Ok(summary) => {
            println!("{}: valid: {summary}", path.display());
            // Translation review status (docs/translating.md).
            match screening_i18n::tool::coverage_lines(path) {
                Ok(lines) => lines.iter().for_each(|l| println!("{l}")),
                Err(e) => eprintln!("{e}"),
            }
            // Key terms used consistently, when a glossary lies beside the file.
            let glossary = path.with_file_name("glossary.json");
            if glossary.exists() {
                match screening_i18n::tool::glossary_lines(path, &glossary) {
                    Ok(lines) => lines.iter().for_each(|l| eprintln!("{l}")),
                    Err(e) => eprintln!("{e}"),
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{}: {error}", path.display());
            }
            eprintln!("{}: {} error(s)", path.display(), errors.len());
            ExitCode::from(INVALID)
        }
    }
}

/// Warns, for a definition with a `contacts.json` beside it (the built-ins), about every band
/// and place whose result would list nobody to contact, or no number to call.
fn warn_coverage(path: &Path, json: &str) {
    let sibling = path.with_file_name("contacts.json");
    let (Ok(d), Ok(text)) = (parse_definition(json), std::fs::read_to_string(&sibling)) else {
        return;
    };
    let Ok(dir) = parse_directory(&text) else {
        return;
    };
    for (band, place) in screening_core::contacts::coverage_gaps(&d, &dir) {
        eprintln!(
            "{}: warning: {band}: no contact in {} for someone in \"{place}\"",
            path.display(),
            sibling.display()
        );
    }
    for (band, place) in screening_core::contacts::phone_gaps(&d, &dir) {
        eprintln!(
            "{}: warning: {band}: no number to call in {} for someone in \"{place}\"",
            path.display(),
            sibling.display()
        );
    }
}

/// Scores answers and prints the outcome as pretty JSON.
pub fn score(path: &Path, answers: &str) -> ExitCode {
    let json = match read(path) {
        Ok(json) => json,
        Err(code) => return code,
    };
    let definition = match parse_definition(&json) {
        Ok(d) => d,
        Err(errors) => {
            for error in &errors {
                eprintln!("{}: {error}", path.display());
            }
            return ExitCode::from(INVALID);
        }
    };
    let (source, answers_json) = if answers.trim_start().starts_with('{') {
        ("--answers".to_owned(), answers.to_owned())
    } else {
        match read(Path::new(answers)) {
            Ok(text) => (answers.to_owned(), text),
            Err(code) => return code,
        }
    };
    let answers: Answers = match serde_json::from_str(&answers_json) {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{source}: not an answers object ({{\"question\": \"option\"}} or lists for multi-select): {e}"
            );
            return ExitCode::from(INVALID);
        }
    };
    match definition.score(&answers) {
        Ok(outcome) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&outcome).expect("outcomes always serialize")
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{source}: {error}");
            }
            ExitCode::from(INVALID)
        }
    }
}
