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
        "attribute `lang`: \"fr\" is not one of this questionnaire's languages (tg, ru, uz, en); using \"ru\""
    );
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
