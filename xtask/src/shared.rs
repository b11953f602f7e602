//! The rules the loader (`src/screening-form.js`) shares with the wasm, written once in the core
//! and generated into the loader: the observed attributes, the default exit URL and the exit-URL
//! rule, the offline queue's storage key, the exit event, and the words the loader says before or
//! without the wasm (from the interface table, where translators review them). The source loader
//! carries the same generated block, so it runs unbuilt; `cargo xtask dist` writes it afresh into
//! the shipped loader, and this module's test fails when the source's copy differs.

use screening_core::Locale;
use screening_core::delivery::QUEUE_KEY;
use screening_core::settings::{ATTRIBUTES, DEFAULT_EXIT_URL, EXIT_EVENT, WEB_URL_PATTERN};
use screening_core::ui::Ui;
use serde_json::{Map, Value, json};

/// The generated block in the loader lies between these lines.
const BEGIN: &str =
    "// BEGIN SHARED: generated from the core by `cargo xtask shared` (and dist); do not edit";
const END: &str = "// END SHARED";

/// The loader's key for a locale (`uz` is Uzbek Latin there, its fallback for a bare `uz`).
fn key(l: Locale) -> &'static str {
    match l {
        Locale::UzLatn => "uz",
        other => other.tag(),
    }
}

/// The shared values, by the loader's constant names. Plain constants, not one object, so the
/// minifier shortens their names as before (an object's keys would stay in the file).
pub fn values() -> Vec<(&'static str, Value)> {
    let words = |f: &dyn Fn(Locale) -> Value| -> Value {
        Value::Object(
            Locale::ALL
                .iter()
                .map(|l| (key(*l).to_owned(), f(*l)))
                .collect::<Map<String, Value>>(),
        )
    };
    vec![
        ("OBSERVED", json!(ATTRIBUTES)),
        ("DEFAULT_EXIT_URL", json!(DEFAULT_EXIT_URL)),
        ("WEB_URL", json!(WEB_URL_PATTERN)),
        ("QUEUE_KEY", json!(QUEUE_KEY)),
        ("EXIT_EVENT", json!(EXIT_EVENT)),
        ("LEAVE", words(&|l| Ui::QuickExit.text(l).into())),
        (
            "SHIFT_MORE",
            words(&|l| json!([Ui::ShiftOnceMore.text(l), Ui::ShiftTwiceMore.text(l)])),
        ),
        ("LOAD_FAILED", words(&|l| Ui::LoadFailed.text(l).into())),
    ]
}

/// The generated block, markers included.
pub fn block() -> String {
    let mut out = vec![BEGIN.to_owned()];
    out.extend(
        values()
            .into_iter()
            .map(|(name, v)| format!("const {name} = {v};")),
    );
    out.push(END.to_owned());
    out.join("\n")
}

/// Where the loader's block is: from its BEGIN line to the end of its END line.
fn span(loader: &str) -> Result<std::ops::Range<usize>, String> {
    let start = loader
        .find(BEGIN)
        .ok_or("the loader has no generated SHARED block")?;
    let end = loader[start..]
        .find(END)
        .ok_or("the loader's SHARED block has no end")?
        + start
        + END.len();
    Ok(start..end)
}

/// The loader's block, read back as (name, value) pairs.
#[cfg(test)]
fn read(loader: &str) -> Result<Vec<(String, Value)>, String> {
    let at = span(loader)?;
    loader[at.start + BEGIN.len()..at.end - END.len()]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let rest = l
                .strip_prefix("const ")
                .ok_or_else(|| format!("not a constant: {l}"))?;
            let (name, json) = rest
                .split_once(" = ")
                .ok_or_else(|| format!("not a constant: {l}"))?;
            let value = serde_json::from_str(json.trim_end_matches(';'))
                .map_err(|e| format!("{name}: {e}"))?;
            Ok((name.to_owned(), value))
        })
        .collect()
}

#[cfg(test)]
fn expected() -> Vec<(String, Value)> {
    values()
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

/// Writes the generated block into a loader file in place of its own.
pub fn embed(loader: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    let at = span(&text)?;
    let out = format!("{}{}{}", &text[..at.start], block(), &text[at.end..]);
    std::fs::write(loader, out).map_err(|e| format!("{}: {e}", loader.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_loader_carries_the_cores_rules() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/screening-form.js");
        let source = std::fs::read_to_string(path).unwrap();
        assert_eq!(
            read(&source).unwrap(),
            expected(),
            "src/screening-form.js differs from the core: run `cargo xtask shared`"
        );
    }

    #[test]
    fn a_copy_changed_by_hand_is_caught() {
        let changed = format!("// x\n{}\n", block().replace("screening-form-exit", "exit"));
        assert_ne!(read(&changed).unwrap(), expected());
        assert_eq!(read(&format!("x\n{}\ny", block())).unwrap(), expected());
    }
}
