//! Arbitrary bytes through what the collector does with a request body from the internet:
//! parse a payload, then validate it against the built-in questionnaires. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use screening_core::payload::Payload;
use screening_core::{Definition, parse_definition};
use std::sync::OnceLock;

fn builtins() -> &'static [Definition] {
    static DEFINITIONS: OnceLock<Vec<Definition>> = OnceLock::new();
    DEFINITIONS.get_or_init(|| {
        [
            include_str!("../../questionnaires/job-offer.json"),
            include_str!("../../questionnaires/returnee.json"),
        ]
        .iter()
        .map(|json| parse_definition(json).expect("built-in definitions are valid"))
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(payload) = serde_json::from_slice::<Payload>(data) else {
        return;
    };
    let definition = builtins()
        .iter()
        .find(|d| d.id() == payload.questionnaire && d.version() == payload.questionnaire_version);
    if let Err(errors) = payload.validate(definition) {
        // Error messages are built from the input: format them as the collector does.
        let _ = errors.iter().map(ToString::to_string).count();
    }
});
