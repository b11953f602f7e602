//! Settings fitted to a loaded questionnaire: the language chosen, the privacy mechanism kept
//! or replaced, each change explained for the partner.

mod common;

use common::{builtin, example_value};
use screening_core::payload::Privacy;
use screening_core::settings::{Attributes, Settings};
use screening_core::{Locale, parse_definition};

fn settings(lang: Option<&str>, privacy: Option<&str>) -> Settings {
    let a = Attributes {
        questionnaire: Some("job-offer".into()),
        lang: lang.map(Into::into),
        privacy: privacy.map(Into::into),
        ..Default::default()
    };
    Settings::from_attributes(&a).0.unwrap()
}

#[test]
fn the_lang_attribute_wins_when_offered_else_the_browser_preference() {
    let d = builtin("job-offer");
    let preferred = ["de-DE".to_owned(), "ru-RU".to_owned()];
    assert_eq!(
        settings(Some("tg"), None).locale(&d, &preferred),
        (Locale::Tg, None)
    );
    assert_eq!(
        settings(None, None).locale(&d, &preferred),
        (Locale::Ru, None)
    );
    let (locale, problem) = settings(Some("fr"), None).locale(&d, &preferred);
    assert_eq!(locale, Locale::Ru);
    let problem = problem.unwrap();
    assert!(!problem.fatal);
    assert_eq!(
        problem.to_string(),
        "attribute `lang`: \"fr\" is not one of this questionnaire's languages (tg, ru, uz-Cyrl, uz-Latn, en); using \"ru\""
    );
}

#[test]
fn uzbek_script_from_the_attribute_or_the_browser() {
    let d = builtin("job-offer");
    let none: [String; 0] = [];
    for (lang, want) in [
        ("uz", Locale::UzCyrl), // the definition's default_scripts: {"uz": "Cyrl"}
        ("uz-UZ", Locale::UzCyrl),
        ("uz-Cyrl", Locale::UzCyrl),
        ("uz-Latn", Locale::UzLatn),
        ("ru-RU", Locale::Ru),
        ("tg-TJ", Locale::Tg),
    ] {
        assert_eq!(
            settings(Some(lang), None).locale(&d, &none),
            (want, None),
            "{lang}"
        );
        let browser = [lang.to_owned()];
        assert_eq!(
            settings(None, None).locale(&d, &browser),
            (want, None),
            "browser {lang}"
        );
    }
    let browser = ["uz-Latn-UZ".to_owned(), "uz-Cyrl".to_owned()];
    assert_eq!(settings(None, None).locale(&d, &browser).0, Locale::UzLatn);
}

#[test]
fn a_definition_with_some_locales_falls_back_and_says_so() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../questionnaires/job-offer.json"
    );
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("default_scripts");
    let only = |v: &mut serde_json::Value| {
        fn walk(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    m.retain(|k, _| !["en", "uz-Latn", "uz-Cyrl"].contains(&k.as_str()));
                    m.values_mut().for_each(walk);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
                _ => {}
            }
        }
        walk(v)
    };
    only(&mut v);
    let d = parse_definition(&v.to_string()).unwrap();
    assert_eq!(d.offered_locales(), [Locale::Tg, Locale::Ru]);
    let (l, note) = settings(None, None).locale(&d, &["uz-Cyrl".to_owned()]);
    assert_eq!(l, Locale::Ru);
    assert!(note.unwrap().to_string().contains("no \"uz-Cyrl\" text"));
    let (l, problem) = settings(Some("uz"), None).locale(&d, &[]);
    assert_eq!(l, Locale::Ru);
    assert!(
        problem
            .unwrap()
            .to_string()
            .contains("using \"ru\" instead")
    );
    let (l, note) = settings(None, None).locale(&d, &["x-unknown".to_owned(), "de".to_owned()]);
    assert_eq!((l, note), (Locale::Tg, None));
}

#[test]
fn a_mechanism_the_questionnaire_does_not_allow_is_replaced() {
    let mut s = settings(None, Some("randomized-response"));
    assert_eq!(s.fit_privacy(&builtin("job-offer")), None);
    assert_eq!(s.privacy, Privacy::randomized(1.0));
    let mut v = example_value();
    v["privacy"] = serde_json::json!(["none"]);
    let only_plain = parse_definition(&v.to_string()).unwrap();
    let problem = s.fit_privacy(&only_plain).unwrap();
    assert_eq!(s.privacy, Privacy::NONE);
    assert_eq!(
        problem.to_string(),
        "attribute `privacy`: \"mini\" does not allow this mechanism; using \"none\""
    );
}

#[test]
fn draft_locales_are_listed() {
    assert_eq!(builtin("job-offer").draft_locales(), Locale::ALL.to_vec());
}
