//! The anonymous report (payload version 1): built on the device from a result, validated by
//! the collector with the same types, so whatever the widget can build the collector accepts.
//!
//! It holds only: a random submission id (for de-duplication), the questionnaire id and
//! version, the locale, the partner tag, the month, the band per scale, and the answers to
//! reportable questions, randomized where the partner chose randomized response. No free text,
//! no user agent, no URL, no time finer than the month.

use crate::answers::{Answer, Answers};
use crate::definition::{Definition, Mechanism, Question, SKIPPED};
use crate::disclosure::{Disclosure, Field, Treatment};
use crate::error::Kind;
use crate::locale::Locale;
use crate::randomized::{Random, randomize};
use crate::scoring::Outcome;
use crate::settings::valid_partner;
use crate::small_map::SmallMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The payload format version.
pub const VERSION: u32 = 1;

/// The largest payload the collector accepts, in bytes. A full report is well under 4 KB.
pub const MAX_BYTES: usize = 16 * 1024;

/// One anonymous report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// Always [`VERSION`].
    pub v: u32,
    /// 32 lowercase hex digits from a cryptographic generator: de-duplicates retries, links
    /// nothing.
    pub id: String,
    pub questionnaire: String,
    pub questionnaire_version: u32,
    pub locale: Locale,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// `YYYY-MM`: nothing finer is sent.
    pub month: String,
    /// Scale id to band id.
    #[serde(deserialize_with = "unique_keys")]
    pub bands: SmallMap<String, String>,
    /// Question id to answer, for reportable questions only.
    #[serde(deserialize_with = "unique_keys")]
    pub answers: SmallMap<String, Answer>,
    pub privacy: Privacy,
}

/// A JSON object read into a map, refusing a key given twice: "last one wins" would let two
/// readers of the same report disagree about what it says.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<SmallMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = SmallMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = SmallMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate key \"{}\"",
                        key.escape_debug()
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}

/// The privacy mechanism applied to sensitive answers, with its parameter: in JSON
/// `{"mechanism": "none"}` or `{"mechanism": "randomized_response", "epsilon": 1.0}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    pub mechanism: Mechanism,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epsilon: Option<f64>,
}

impl Privacy {
    /// Sensitive answers are not sent at all.
    pub const NONE: Privacy = Privacy {
        mechanism: Mechanism::None,
        epsilon: None,
    };

    /// Sensitive answers are randomized with this epsilon (see [`crate::randomized`]).
    pub fn randomized(epsilon: f64) -> Privacy {
        Privacy {
            mechanism: Mechanism::RandomizedResponse,
            epsilon: Some(epsilon),
        }
    }

    pub fn mechanism(&self) -> Mechanism {
        self.mechanism
    }

    /// The epsilon of randomized response (`None` for no randomization).
    pub fn randomized_epsilon(&self) -> Option<f64> {
        match self.mechanism {
            Mechanism::RandomizedResponse => self.epsilon,
            Mechanism::None => None,
        }
    }

    /// The smallest and largest epsilon accepted: below, answers are almost pure noise; above,
    /// almost never randomized. (Messages spell out "0.1 to 5".)
    pub const EPSILON_RANGE: (f64, f64) = (0.1, 5.0);
}

/// What the device knows when it builds a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportContext {
    pub locale: Locale,
    pub partner: Option<String>,
    /// `YYYY-MM`, from the device's clock.
    pub month: String,
    pub privacy: Privacy,
}

/// The questions whose answers a report would carry, in order (see [`Disclosure`]).
pub fn reported_questions<'d>(
    d: &'d Definition,
    answers: &Answers,
    privacy: &Privacy,
) -> Vec<&'d Question> {
    Disclosure::of(d, answers, privacy, false)
        .answers()
        .map(|(q, _)| q)
        .collect()
}

/// The device could not draw the randomness a report needs: the report is not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness;

impl fmt::Display for NoRandomness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no cryptographic randomness on this device: the report was not sent")
    }
}

/// A new submission id: 128 random bits as 32 hex digits.
pub fn new_id(rng: &mut impl Random) -> Result<String, NoRandomness> {
    let mut id = String::with_capacity(32);
    for _ in 0..16 {
        let byte = rng.below(256).ok_or(NoRandomness)?;
        id.push_str(&format!("{byte:02x}"));
    }
    Ok(id)
}

impl Payload {
    /// Builds the report for a result, field by field as [`Disclosure::of`] plans it: sensitive
    /// answers, and the bands they can move, are randomized here, on the device, before
    /// anything could leave it. Fails closed when the generator fails.
    pub fn build(
        d: &Definition,
        answers: &Answers,
        outcome: &Outcome,
        context: &ReportContext,
        rng: &mut impl Random,
    ) -> Result<Payload, NoRandomness> {
        let plan = Disclosure::of(d, answers, &context.privacy, context.partner.is_some());
        let mut bands = SmallMap::new();
        let mut reported = SmallMap::new();
        for field in &plan.fields {
            match *field {
                Field::Band(scale, treatment) => {
                    let Some(truth) = outcome
                        .scale(&scale.id)
                        .and_then(|o| scale.band_rank(&o.band))
                    else {
                        continue;
                    };
                    let sent = match treatment {
                        Treatment::Plain => truth,
                        Treatment::Randomized { k, epsilon } => {
                            randomize(truth, k, epsilon, rng).ok_or(NoRandomness)?
                        }
                    };
                    bands.insert(scale.id.clone(), scale.bands[sent].id.clone());
                }
                Field::Answer(q, Treatment::Plain) => {
                    if let Some(answer) = answers.get(&q.id) {
                        reported.insert(q.id.clone(), answer.clone());
                    }
                }
                Field::Answer(q, Treatment::Randomized { k, epsilon }) => {
                    let domain = q.report_domain();
                    let given = match answers.get(&q.id) {
                        Some(Answer::One(id)) => id.as_str(),
                        _ => SKIPPED,
                    };
                    // An answer outside the domain cannot come from the flow; it is reported
                    // as skipped rather than as some other answer.
                    let truth = domain
                        .iter()
                        .position(|id| *id == given)
                        .unwrap_or(domain.len() - 1);
                    let sent = randomize(truth, k, epsilon, rng).ok_or(NoRandomness)?;
                    reported.insert(q.id.clone(), Answer::One(domain[sent].to_owned()));
                }
                _ => {}
            }
        }
        Ok(Payload {
            v: VERSION,
            id: new_id(rng)?,
            questionnaire: d.id.clone(),
            questionnaire_version: d.version,
            locale: context.locale,
            partner: context.partner.clone(),
            month: context.month.clone(),
            bands,
            answers: reported,
            privacy: context.privacy,
        })
    }

    /// Checks a received payload against its questionnaire definition (the one with the
    /// payload's id and version; `None` when the collector has no such definition).
    pub fn validate(&self, d: Option<&Definition>) -> Result<(), Vec<PayloadError>> {
        let mut errors = Vec::new();
        let mut err = |path: String, message: String| {
            errors.push(PayloadError::of(kind_of(&path, &message), path, message))
        };
        if self.v != VERSION {
            err(
                "$.v".into(),
                format!(
                    "payload version {} is not supported (expected {VERSION})",
                    self.v
                ),
            );
        }
        if self.id.len() != 32 || !self.id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
            err("$.id".into(), "must be 32 lowercase hex digits".into());
        }
        if let Some(p) = &self.partner
            && !valid_partner(p)
        {
            err(
                "$.partner".into(),
                "must be 1-40 characters of a-z, 0-9, - or _".into(),
            );
        }
        if !valid_month(&self.month) {
            err(
                "$.month".into(),
                format!(
                    "\"{}\" is not a month as YYYY-MM",
                    self.month.escape_debug()
                ),
            );
        }
        let Some(d) = d else {
            err(
                "$.questionnaire".into(),
                format!(
                    "unknown questionnaire \"{}\" version {}",
                    self.questionnaire.escape_debug(),
                    self.questionnaire_version
                ),
            );
            return Err(errors);
        };
        if !d.locales.contains_key(&self.locale) {
            err(
                "$.locale".into(),
                format!("\"{}\" is not offered by \"{}\"", self.locale, d.id),
            );
        }
        if !d.privacy.contains(&self.privacy.mechanism()) {
            err(
                "$.privacy.mechanism".into(),
                format!("\"{}\" does not allow this mechanism", d.id),
            );
        }
        match (self.privacy.mechanism, self.privacy.epsilon) {
            (Mechanism::RandomizedResponse, None) => err(
                "$.privacy.epsilon".into(),
                "randomized response needs its epsilon".into(),
            ),
            (Mechanism::RandomizedResponse, Some(epsilon)) => {
                let (lo, hi) = Privacy::EPSILON_RANGE;
                if !(lo..=hi).contains(&epsilon) {
                    err(
                        "$.privacy.epsilon".into(),
                        format!("must be between {lo} and {hi}"),
                    );
                }
            }
            (Mechanism::None, Some(_)) => err(
                "$.privacy.epsilon".into(),
                "only randomized response takes an epsilon".into(),
            ),
            (Mechanism::None, None) => {}
        }
        let randomized = self.privacy.mechanism == Mechanism::RandomizedResponse;
        for scale in &d.scales {
            let withheld = !randomized && d.is_sensitive_scale(scale);
            match self.bands.get(&scale.id) {
                None if withheld => {}
                Some(_) if withheld => err(
                    format!("$.bands.{}", scale.id),
                    "a sensitive answer can move this result, so it may only be sent randomized"
                        .into(),
                ),
                None => err(format!("$.bands.{}", scale.id), "missing".into()),
                Some(b) if scale.band(b).is_none() => err(
                    format!("$.bands.{}", scale.id),
                    format!(
                        "scale \"{}\" has no band \"{}\"",
                        scale.id,
                        b.escape_debug()
                    ),
                ),
                Some(_) => {}
            }
        }
        for key in self.bands.keys() {
            if d.scale(key).is_none() {
                err(
                    format!("$.bands.{}", key.escape_debug()),
                    "no such scale".into(),
                );
            }
        }
        for (qid, answer) in &self.answers {
            let path = format!("$.answers.{}", qid.escape_debug());
            let Some(q) = d.question(qid) else {
                err(path, "no such question".into());
                continue;
            };
            if !q.report {
                err(path.clone(), "this question is not reportable".into());
            }
            if q.sensitive && self.privacy.mechanism() == Mechanism::None {
                err(
                    path.clone(),
                    "a sensitive answer may only be sent randomized".into(),
                );
            }
            for problem in q.answer_problems(answer, q.sensitive) {
                let at = match problem.index {
                    Some(i) => format!("{path}[{i}]"),
                    None => path.clone(),
                };
                err(at, problem.message);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// `YYYY-MM` with a plausible year and a real month.
pub fn valid_month(month: &str) -> bool {
    let b = month.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && month[..4]
            .parse::<u32>()
            .is_ok_and(|y| (2020..=2200).contains(&y))
        && month[5..].len() == 2
        && month[5..]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m))
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// A problem with a received payload, with its JSON path: the core's one [`Error`] type.
pub type PayloadError = crate::error::Error;

/// The kind of a payload problem, from where it is and what it says.
fn kind_of(path: &str, message: &str) -> Kind {
    if path.starts_with("$.answers.") {
        if message.contains("reportable") || message.contains("only be sent randomized") {
            Kind::Disclosure
        } else if message.contains("no such question") {
            Kind::Reference
        } else {
            Kind::Answer
        }
    } else if path.starts_with("$.bands.") {
        if message.contains("randomized") {
            Kind::Disclosure
        } else if message == "missing" {
            Kind::MissingField
        } else {
            Kind::Reference
        }
    } else if path == "$.questionnaire" {
        Kind::Reference
    } else if path == "$.v" {
        Kind::Unsupported
    } else {
        Kind::BadValue
    }
}
