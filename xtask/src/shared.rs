//! The rules the loader (`src/screening-form.js`) shares with the wasm, written once in the core
//! and generated into the loader: the observed attributes, the default exit URL and the exit-URL
//! rule, the offline queue's storage key, the exit event, and the words the loader says before or
//! without the wasm (from the interface table, where translators review them). The source loader
//! carries the same generated line, so it runs unbuilt; `cargo xtask dist` writes it afresh into
//! the shipped loader, and this module's test fails when the source's copy differs.

use screening_core::Locale;
use screening_core::delivery::QUEUE_KEY;
use screening_core::settings::{ATTRIBUTES, DEFAULT_EXIT_URL, EXIT_EVENT, WEB_URL_PATTERN};
use screening_core::ui::Ui;
use serde_json::{Map, Value, json};

/// How the line starts in the loader.
const START: &str = "const SHARED = ";

/// The loader's key for a locale (`uz` is Uzbek Latin there, its fallback for a bare `uz`).
fn key(l: Locale) -> &'static str {
    match l {
        Locale::UzLatn => "uz",
        other => other.tag(),
    }
}

/// The shared values, as the loader reads them.
pub fn values() -> Value {
    let words = |f: &dyn Fn(Locale) -> Value| -> Value {
        Value::Object(
            Locale::ALL
                .iter()
                .map(|l| (key(*l).to_owned(), f(*l)))
                .collect::<Map<String, Value>>(),
        )
    };
    json!({
        "observed": ATTRIBUTES,
        "defaultExitUrl": DEFAULT_EXIT_URL,
        "webUrl": WEB_URL_PATTERN,
        "queueKey": QUEUE_KEY,
        "exitEvent": EXIT_EVENT,
        "leave": words(&|l| Ui::QuickExit.text(l).into()),
        "shiftMore": words(&|l| json!([Ui::ShiftOnceMore.text(l), Ui::ShiftTwiceMore.text(l)])),
        "loadFailed": words(&|l| Ui::LoadFailed.text(l).into()),
    })
}

/// The generated line.
pub fn line() -> String {
    format!("{START}{};", values())
}

/// The loader's `const SHARED = …;` line, parsed.
fn read(loader: &str) -> Result<Value, String> {
    let at = loader
        .lines()
        .find(|l| l.starts_with(START))
        .ok_or("the loader has no `const SHARED = …;` line")?;
    let json = at[START.len()..].trim_end().trim_end_matches(';');
    serde_json::from_str(json).map_err(|e| format!("the loader's SHARED line: {e}"))
}

/// Writes the generated line into a loader file in place of its own.
pub fn embed(loader: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    read(&text)?;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with(START) {
                line()
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(loader, out.join("\n") + "\n").map_err(|e| format!("{}: {e}", loader.display()))
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
            values(),
            "src/screening-form.js differs from the core; put this line in its place:\n{}",
            line()
        );
    }

    #[test]
    fn a_copy_changed_by_hand_is_caught() {
        let changed = format!("// x\n{}\n", line().replace("screening-form-exit", "exit"));
        assert_ne!(read(&changed).unwrap(), values());
    }
}
