//! What a partner's attributes on `<screening-form>` mean. A bad value gets a message naming the
//! attribute and, where one exists, a sensible fallback, so the host page keeps working.

use crate::definition::{Definition, Mechanism};
use crate::locale::Locale;
use crate::payload::Privacy;

/// Built-in questionnaire ids, served next to the widget as `questionnaires/<id>.json`.
pub const BUILT_IN: [&str; 2] = ["job-offer", "returnee"];

/// Where quick exit goes when the partner sets no `exit-url`: a neutral page that reveals
/// nothing and loads anywhere.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.com/";

/// The event the loader sends every widget instance when the person leaves (quick exit), so
/// each forgets its answers. Shared with the loader (generated into it by `cargo xtask dist`).
pub const EXIT_EVENT: &str = "screening-form-exit";

/// The attributes whose change re-renders a widget: the loader observes these (`exit-hides-page`
/// is read by the loader only, when leaving).
pub const ATTRIBUTES: [&str; 10] = [
    "questionnaire",
    "lang",
    "endpoint",
    "partner",
    "contacts",
    "exit-url",
    "privacy",
    "epsilon",
    "queue",
    "mode",
];

/// [`is_web_url`] as the loader's regular expression (after trimming): the two must agree on
/// every exit URL, or quick exit would go to a URL the widget warned about.
pub const WEB_URL_PATTERN: &str = r"^https?://\S+$";

/// The attribute values as written (trimmed; empty counts as missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub questionnaire: Option<String>,
    pub lang: Option<String>,
    pub endpoint: Option<String>,
    pub partner: Option<String>,
    pub contacts: Option<String>,
    pub exit_url: Option<String>,
    pub privacy: Option<String>,
    pub epsilon: Option<String>,
    pub queue: Option<String>,
    pub mode: Option<String>,
}

impl Attributes {
    /// Reads every attribute in [`ATTRIBUTES`] through `get` (the widget reads the element's),
    /// so the list the loader observes and the attributes the widget reads are one list.
    pub fn read(get: impl Fn(&'static str) -> Option<String>) -> Attributes {
        let [
            questionnaire,
            lang,
            endpoint,
            partner,
            contacts,
            exit_url,
            privacy,
            epsilon,
            queue,
            mode,
        ] = ATTRIBUTES.map(get);
        Attributes {
            questionnaire,
            lang,
            endpoint,
            partner,
            contacts,
            exit_url,
            privacy,
            epsilon,
            queue,
            mode,
        }
    }
}

/// Where the questionnaire definition comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One of [`BUILT_IN`].
    BuiltIn(String),
    /// A partner's own definition (absolute, or relative to the page).
    Url(String),
}

/// The widget's configuration after checking the attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub source: Source,
    /// The requested language tag, checked against the questionnaire's locales once loaded.
    pub lang: Option<String>,
    /// Where anonymous reports go; `None`: nothing is ever sent, no consent is asked.
    pub endpoint: Option<String>,
    pub partner: Option<String>,
    /// A contact directory URL; `None`: the built-in example contacts.
    pub contacts: Option<String>,
    pub exit_url: String,
    /// How sensitive answers are protected in reports (checked against the questionnaire's
    /// allowed mechanisms once it is loaded).
    pub privacy: Privacy,
    /// Keep undelivered reports in localStorage and retry them (`queue="local"`).
    pub queue: bool,
    /// Who holds the device: the person alone, or a caseworker screening with them.
    pub mode: Mode,
}

/// Who the widget is for (`mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A migrant checking alone (the default).
    #[default]
    SelfCheck,
    /// A caseworker screening with a migrant, in two languages, with a referral sheet
    /// (`mode="assisted"`; the loader then loads the build that has these screens).
    Assisted,
}

/// A problem with one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub attribute: &'static str,
    pub message: String,
    /// True when the widget cannot work without it fixed; otherwise a fallback is used.
    pub fatal: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "attribute `{}`: {}", self.attribute, self.message)
    }
}

fn is_url_like(value: &str) -> bool {
    value.contains('/') || value.contains(':') || value.ends_with(".json")
}

/// A plain decimal such as `1`, `0.5` or `2.25` (what the `epsilon` attribute takes), exactly as
/// `str::parse::<f64>` reads it. Not `parse::<f64>` itself: its general algorithm and its table of
/// powers of five cost the widget 13.9 KB of brotli (measured), for one attribute.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = whole.len() + fraction.len();
    // Up to 15 digits: the integer is exact in an f64 and so is 10^k, so one division rounds
    // once, as the standard parser does.
    if whole.is_empty() || digits > 15 || (text.contains('.') && fraction.is_empty()) {
        return None;
    }
    let mut n: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(n as f64 / 10f64.powi(fraction.len() as i32))
}

fn is_web_url(value: &str) -> bool {
    // The loader's rule too: WEB_URL_PATTERN, on the trimmed value.
    value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

/// A partner tag: short, lowercase, safe to group by and to show in a CSV.
pub fn valid_partner(tag: &str) -> bool {
    (1..=40).contains(&tag.len())
        && tag.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Settings {
    /// Checks the attributes. Returns the settings (unless a fatal problem) and every problem.
    pub fn from_attributes(a: &Attributes) -> (Option<Settings>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut problem = |attribute, message: String, fatal| {
            problems.push(Problem {
                attribute,
                message,
                fatal,
            })
        };
        let source = match a.questionnaire.as_deref() {
            None => {
                problem(
                    "questionnaire",
                    format!(
                        "is missing: set it to a built-in questionnaire ({}) or the URL of a definition",
                        BUILT_IN.join(", ")
                    ),
                    true,
                );
                None
            }
            Some(v) if BUILT_IN.contains(&v) => Some(Source::BuiltIn(v.to_owned())),
            Some(v) if is_url_like(v) => Some(Source::Url(v.to_owned())),
            Some(v) => {
                problem(
                    "questionnaire",
                    format!(
                        "\"{v}\" is not a built-in questionnaire ({}) or a URL of a definition",
                        BUILT_IN.join(", ")
                    ),
                    true,
                );
                None
            }
        };
        let endpoint = a.endpoint.clone().filter(|e| {
            let ok = is_web_url(e) || e.starts_with('/');
            if !ok {
                problem(
                    "endpoint",
                    format!("\"{e}\" is not an http(s) URL; nothing will be sent"),
                    false,
                );
            }
            ok
        });
        let partner = a.partner.clone().filter(|p| {
            let ok = valid_partner(p);
            if !ok {
                problem(
                    "partner",
                    format!("\"{p}\" must be 1-40 characters of a-z, 0-9, - or _; reports will carry no partner tag"),
                    false,
                );
            }
            ok
        });
        let exit_url = match a.exit_url.as_deref() {
            None => DEFAULT_EXIT_URL.to_owned(),
            Some(u) if is_web_url(u) => u.to_owned(),
            Some(u) => {
                problem(
                    "exit-url",
                    format!("\"{u}\" is not an http(s) URL; quick exit goes to {DEFAULT_EXIT_URL}"),
                    false,
                );
                DEFAULT_EXIT_URL.to_owned()
            }
        };
        let epsilon = match a.epsilon.as_deref() {
            None => 1.0,
            Some(e) => match parse_decimal(e) {
                Some(v) if (Privacy::EPSILON_RANGE.0..=Privacy::EPSILON_RANGE.1).contains(&v) => v,
                _ => {
                    // Written out, not formatted: float formatting costs the widget ~14 KB.
                    problem(
                        "epsilon",
                        format!("\"{e}\" is not a number from 0.1 to 5; using 1.0"),
                        false,
                    );
                    1.0
                }
            },
        };
        let privacy = match a.privacy.as_deref() {
            None | Some("none") => Privacy::NONE,
            Some("randomized-response") => Privacy::randomized(epsilon),
            Some(other) => {
                problem(
                    "privacy",
                    format!(
                        "\"{other}\" is not \"randomized-response\" or \"none\"; sensitive answers will not be sent"
                    ),
                    false,
                );
                Privacy::NONE
            }
        };
        let queue = match a.queue.as_deref() {
            None => false,
            Some("local") => true,
            Some(other) => {
                problem(
                    "queue",
                    format!("\"{other}\" is not \"local\"; undelivered reports will not be kept"),
                    false,
                );
                false
            }
        };
        let mode = match a.mode.as_deref() {
            None | Some("self-check") => Mode::SelfCheck,
            Some("assisted") => Mode::Assisted,
            Some(other) => {
                problem(
                    "mode",
                    format!(
                        "\"{other}\" is not \"assisted\" or \"self-check\"; showing the self-check"
                    ),
                    false,
                );
                Mode::SelfCheck
            }
        };
        // Assisted mode keeps nothing on the device, and has no retry: a report that could not
        // be delivered is not kept for later (the caseworker's device serves the next person).
        let queue = if queue && mode == Mode::Assisted {
            problem(
                "queue",
                "\"local\" is not used in assisted mode: it keeps nothing on the device".into(),
                false,
            );
            false
        } else {
            queue
        };
        let settings = source.map(|source| Settings {
            source,
            lang: a.lang.clone(),
            endpoint,
            partner,
            contacts: a.contacts.clone(),
            exit_url,
            privacy,
            queue,
            mode,
        });
        (settings, problems)
    }
}

impl Settings {
    /// Keeps the partner's privacy choice if the questionnaire allows it, else switches to the
    /// first mechanism it allows and says so.
    pub fn fit_privacy(&mut self, d: &Definition) -> Option<Problem> {
        if d.privacy.contains(&self.privacy.mechanism()) {
            return None;
        }
        let (fallback, name) = match d.privacy.first() {
            Some(Mechanism::RandomizedResponse) => {
                (Privacy::randomized(1.0), "randomized-response")
            }
            _ => (Privacy::NONE, "none"),
        };
        self.privacy = fallback;
        Some(Problem {
            attribute: "privacy",
            message: format!(
                "\"{}\" does not allow this mechanism; using \"{name}\"",
                d.id
            ),
            fatal: false,
        })
    }

    /// The language to speak: the `lang` attribute if the questionnaire has it (a script-less
    /// `uz` takes the questionnaire's default script), else the best match for the browser's
    /// `preferred` languages in their order (see [`Locale::negotiate_with`]). The problem, never
    /// fatal, says when the requested language was not available and what is used instead.
    pub fn locale(&self, d: &Definition, preferred: &[String]) -> (Locale, Option<Problem>) {
        let offered = d.offered_locales();
        let defaults = d.script_defaults();
        let tags: Vec<&str> = offered.iter().map(|l| l.tag()).collect();
        let tags = tags.join(", ");
        let negotiate = |wanted: &[&str]| {
            Locale::negotiate_with(wanted.iter().copied(), &offered, &defaults)
                .unwrap_or(Locale::En)
        };
        let browser: Vec<&str> = preferred.iter().map(String::as_str).collect();
        let note = |message: String| Problem {
            attribute: "lang",
            message,
            fatal: false,
        };
        match self.lang.as_deref() {
            None => {
                let chosen = negotiate(&browser);
                // The browser's first language we know, when it is not what the visitor gets.
                let note = browser
                    .iter()
                    .find(|t| Locale::wanted(t).is_some())
                    .filter(|t| !serves(t, chosen))
                    .map(|t| {
                        note(format!(
                            "(browser languages {}) this questionnaire has no \"{t}\" text ({tags}); using \"{chosen}\"",
                            browser.join(", ")
                        ))
                    });
                (chosen, note)
            }
            Some(tag) => {
                if Locale::wanted(tag).is_some() {
                    let chosen = negotiate(&[tag]);
                    let problem = (!serves(tag, chosen)).then(|| {
                        note(format!(
                            "\"{tag}\" is not one of this questionnaire's languages ({tags}); using \"{chosen}\" instead"
                        ))
                    });
                    (chosen, problem)
                } else {
                    let chosen = negotiate(&browser);
                    let message = format!(
                        "\"{tag}\" is not one of this questionnaire's languages ({tags}); using \"{chosen}\""
                    );
                    (chosen, Some(note(message)))
                }
            }
        }
    }
}

/// Whether `locale` is what `tag` asks for (any script, for a tag that names none).
fn serves(tag: &str, locale: Locale) -> bool {
    match Locale::wanted(tag) {
        Some(crate::locale::Wanted::Exact(l)) => l == locale,
        Some(crate::locale::Wanted::AnyScript(candidates)) => candidates.contains(&locale),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_url_is_the_loaders_regex() {
        // /^https?:\/\/\S+$/ in src/screening-form.js, after both trim (review D6).
        for (url, web) in [
            ("http://a", true),
            ("https://safe.example/", true),
            ("https://", false),
            ("http://", false),
            ("https:// x", false),
            ("https://a b", false),
            ("ftp://a", false),
            ("javascript:alert(1)", false),
            ("HTTPS://A", false),
        ] {
            assert_eq!(is_web_url(url), web, "{url}");
        }
    }
    #[test]
    fn decimals_read_as_the_standard_parser_reads_them() {
        for t in [
            "1",
            "1.0",
            "0.1",
            "0.5",
            "2.25",
            "5",
            "4.999999",
            "0.3",
            "123456789.012345",
            "007.50",
        ] {
            assert_eq!(super::parse_decimal(t), t.parse::<f64>().ok(), "{t}");
        }
        for t in [
            "",
            ".",
            "1.",
            ".5",
            "-1",
            "+1",
            "1e3",
            " 1",
            "1 ",
            "1,5",
            "inf",
            "NaN",
            "1.2.3",
            "1234567890123456",
        ] {
            assert_eq!(super::parse_decimal(t), None, "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_short_decimal_reads_as_the_standard_parser_reads_it(whole in 0u64..10_000_000, fraction in "[0-9]{0,8}") {
            let text = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
            proptest::prop_assert_eq!(super::parse_decimal(&text), text.parse::<f64>().ok());
        }
    }

    fn attrs(q: &str) -> Attributes {
        Attributes {
            questionnaire: Some(q.into()),
            ..Default::default()
        }
    }

    #[test]
    fn built_in_ids_and_urls() {
        let (s, p) = Settings::from_attributes(&attrs("job-offer"));
        assert!(p.is_empty());
        let s = s.unwrap();
        assert_eq!(s.source, Source::BuiltIn("job-offer".into()));
        assert_eq!(s.exit_url, DEFAULT_EXIT_URL);
        assert_eq!(s.endpoint, None);
        let (s, _) = Settings::from_attributes(&attrs("/defs/mine.json"));
        assert_eq!(s.unwrap().source, Source::Url("/defs/mine.json".into()));
    }

    #[test]
    fn a_missing_or_unknown_questionnaire_is_fatal_and_named() {
        let (s, p) = Settings::from_attributes(&Attributes::default());
        assert!(s.is_none());
        assert_eq!((p[0].attribute, p[0].fatal), ("questionnaire", true));
        let (s, p) = Settings::from_attributes(&attrs("jobs"));
        assert!(s.is_none());
        assert!(p[0].to_string().contains("\"jobs\" is not a built-in"));
    }

    #[test]
    fn bad_optional_attributes_fall_back() {
        let a = Attributes {
            partner: Some("Umed Khujand!".into()),
            exit_url: Some("javascript:alert(1)".into()),
            endpoint: Some("ftp://x".into()),
            ..attrs("returnee")
        };
        let (s, p) = Settings::from_attributes(&a);
        let s = s.unwrap();
        assert_eq!(s.partner, None);
        assert_eq!(s.exit_url, DEFAULT_EXIT_URL);
        assert_eq!(s.endpoint, None);
        let named: Vec<&str> = p.iter().map(|p| p.attribute).collect();
        assert_eq!(named, ["endpoint", "partner", "exit-url"]);
        assert!(p.iter().all(|p| !p.fatal));
    }

    #[test]
    fn privacy_epsilon_and_queue() {
        let (s, p) = Settings::from_attributes(&attrs("job-offer"));
        let s = s.unwrap();
        assert_eq!((s.privacy, s.queue), (Privacy::NONE, false));
        assert!(p.is_empty());
        let a = Attributes {
            privacy: Some("randomized-response".into()),
            epsilon: Some("0.5".into()),
            queue: Some("local".into()),
            ..attrs("job-offer")
        };
        let s = Settings::from_attributes(&a).0.unwrap();
        assert_eq!((s.privacy, s.queue), (Privacy::randomized(0.5), true));
        let a = Attributes {
            privacy: Some("randomised".into()),
            epsilon: Some("lots".into()),
            queue: Some("indexeddb".into()),
            ..attrs("job-offer")
        };
        let (s, p) = Settings::from_attributes(&a);
        assert_eq!(s.unwrap().privacy, Privacy::NONE);
        let named: Vec<&str> = p.iter().map(|p| p.attribute).collect();
        assert_eq!(named, ["epsilon", "privacy", "queue"]);
    }

    #[test]
    fn mode_is_self_check_unless_assisted_is_asked_for() {
        let mode = |m: Option<&str>| {
            let a = Attributes {
                mode: m.map(str::to_owned),
                ..attrs("returnee")
            };
            let (s, problems) = Settings::from_attributes(&a);
            (s.unwrap().mode, problems.len())
        };
        assert_eq!(mode(None), (Mode::SelfCheck, 0));
        assert_eq!(mode(Some("self-check")), (Mode::SelfCheck, 0));
        assert_eq!(mode(Some("assisted")), (Mode::Assisted, 0));
        assert_eq!(mode(Some("Assisted ")), (Mode::SelfCheck, 1));
        // The offline queue is never on in assisted mode.
        let a = Attributes {
            mode: Some("assisted".into()),
            queue: Some("local".into()),
            endpoint: Some("https://c.example.org/v1/submissions".into()),
            ..attrs("returnee")
        };
        let (s, problems) = Settings::from_attributes(&a);
        assert!(!s.unwrap().queue);
        assert!(problems.iter().any(|p| p.attribute == "queue"));
    }

    #[test]
    fn attributes_are_read_by_their_names_in_the_shared_list() {
        let a = Attributes::read(|name| Some(name.to_owned()));
        assert_eq!(a.questionnaire.as_deref(), Some("questionnaire"));
        assert_eq!(a.exit_url.as_deref(), Some("exit-url"));
        assert_eq!(a.queue.as_deref(), Some("queue"));
        assert_eq!(a.mode.as_deref(), Some("mode"));
    }
}
