//! The loader (`src/screening-form.js`) says a few things before or without the wasm: the
//! quick-exit label, "could not be loaded" and the Shift hint. Its copies must be the interface
//! table's words, so translators see and review them through the same PO files (`ui.rs`).

use screening_core::Locale;
use screening_core::ui::Ui;
use serde_json::Value;

fn loader() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/screening-form.js");
    std::fs::read_to_string(path).unwrap()
}

/// The object literal `const NAME = { … };` of the loader, read as JSON (its keys quoted, its
/// strings in double quotes, no trailing comma).
fn constant(source: &str, name: &str) -> Value {
    let start = source
        .find(&format!("const {name} = {{"))
        .unwrap_or_else(|| panic!("the loader has no {name}"));
    let body = &source[start + format!("const {name} = ").len()..];
    let end = body.find("};").unwrap() + 1;
    let mut json = body[..end].replace('\'', "\"");
    for key in ["tg", "ru", "uz", "en"] {
        json = json.replace(&format!(" {key}: "), &format!(" \"{key}\": "));
        json = json.replace(&format!("\n  {key}: "), &format!("\n  \"{key}\": "));
    }
    let json = json.replace(",\n}", "\n}");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"))
}

/// The loader's key for a locale (`uz` is Uzbek Latin there).
fn key(l: Locale) -> &'static str {
    match l {
        Locale::UzLatn => "uz",
        other => other.tag(),
    }
}

#[test]
fn the_loaders_words_are_the_interface_tables() {
    let source = loader();
    let leave = constant(&source, "LEAVE");
    let failed = constant(&source, "LOAD_FAILED");
    let shift = constant(&source, "SHIFT_MORE");
    for l in Locale::ALL {
        assert_eq!(leave[key(l)], Ui::QuickExit.text(l), "LEAVE {l}");
        assert_eq!(failed[key(l)], Ui::LoadFailed.text(l), "LOAD_FAILED {l}");
        assert_eq!(
            shift[key(l)][0],
            Ui::ShiftOnceMore.text(l),
            "SHIFT_MORE {l}"
        );
        assert_eq!(
            shift[key(l)][1],
            Ui::ShiftTwiceMore.text(l),
            "SHIFT_MORE {l}"
        );
    }
}
