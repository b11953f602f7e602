//! Arbitrary bytes through everything a definition goes through: parsing, validation, and
//! scoring of answers read from the same bytes. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use screening_core::{Answers, parse_definition};

fuzz_target!(|data: &[u8]| {
    // Split the input into a definition and answers at the first NUL byte.
    let (def, rest) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(def) else { return };
    let _ = screening_core::contacts::parse_directory(text);
    if let Ok(definition) = parse_definition(text) {
        if let Ok(answers) = serde_json::from_slice::<Answers>(rest) {
            let _ = definition.score(&answers);
            let _ = definition.prune(&answers);
        }
    }
});
