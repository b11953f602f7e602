//! One assisted screening, from the checks before it starts to the referral sheet: the stages a
//! caseworker goes through with a migrant, which of them a choice leads to, and what a sheet may
//! hold. The widget renders this; it never decides. Nothing here is stored: "End and clear" and
//! quick exit drop the whole session.
//!
//! ```
//! use screening_core::assisted::session::{Session, Stage, Interpreter};
//! let mut s = Session::new();
//! s.preparation.safe_to_talk = Some(true);
//! s.preparation.interpreter = Interpreter::None;
//! s.preparation.under_18 = Some(false);
//! s.preparation.agreed = true;
//! s.begin();
//! assert_eq!(s.stage(), Stage::Safety);
//! s.set_danger_now(true);
//! assert_eq!(s.stage(), Stage::Urgent); // before any further question
//! ```

use super::Summary;
use crate::answers::Answers;
use crate::definition::Definition;
use serde::Serialize;

/// Where an assisted screening stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before you start: is it safe to talk, who interprets, the consent script, the person's age.
    Preparation,
    /// It cannot go on now (not safe to talk, or the interpreter is family, employer or a
    /// co-worker): arrange another time and place; nothing was asked.
    Stopped,
    /// The person is under 18: the partner's child-protection route, no screening.
    Child,
    /// Safety first: in danger now, urgent medical need, a safe place tonight, where they are.
    Safety,
    /// A safety answer needs action now: what to do and numbers for the place, with "end here"
    /// and "continue".
    Urgent,
    /// The questionnaire's questions, read aloud and answered together.
    Questions,
    /// What the caseworker noticed without asking.
    Observations,
    /// The indicator summary, and whether the caseworker remains concerned.
    Summary,
    /// Consent to each referral, then the sheet (or, without consent, the information card).
    Referral,
}

/// Who interprets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Interpreter {
    /// Not asked yet.
    Unknown,
    /// No interpreter is needed.
    None,
    /// A professional or volunteer with no tie to the person's work or family.
    Independent,
    /// Family, employer or a co-worker: the person cannot speak freely through them.
    Related,
}

/// Before you start: not scored, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preparation {
    /// The person is alone with the caseworker (and interpreter) and it is safe to talk.
    pub safe_to_talk: Option<bool>,
    pub interpreter: Interpreter,
    pub under_18: Option<bool>,
    /// The consent script was read aloud and the person agreed (one tick).
    pub agreed: bool,
}

/// Why a screening may not begin yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    /// Not answered yet: whether it is safe to talk, who interprets, the age.
    Unanswered,
    NotSafeToTalk,
    RelatedInterpreter,
    NotAgreed,
}

impl Preparation {
    /// What keeps the screening from beginning, in the order to resolve it. Under 18 is not a
    /// blocker: it leads to the child-protection route instead.
    pub fn blockers(&self) -> Vec<Blocker> {
        let mut out = Vec::new();
        if self.safe_to_talk.is_none()
            || self.interpreter == Interpreter::Unknown
            || self.under_18.is_none()
        {
            out.push(Blocker::Unanswered);
        }
        if self.safe_to_talk == Some(false) {
            out.push(Blocker::NotSafeToTalk);
        }
        if self.interpreter == Interpreter::Related {
            out.push(Blocker::RelatedInterpreter);
        }
        if !self.agreed {
            out.push(Blocker::NotAgreed);
        }
        out
    }
}

/// The safety questions asked first. `None`: not answered (or the person does not want to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Safety {
    pub danger_now: Option<bool>,
    pub urgent_medical: Option<bool>,
    pub safe_place_tonight: Option<bool>,
}

/// One of the safety questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyQuestion {
    DangerNow,
    UrgentMedical,
    SafePlaceTonight,
}

/// The safety questions in the order they are asked.
pub const SAFETY_QUESTIONS: [SafetyQuestion; 3] = [
    SafetyQuestion::DangerNow,
    SafetyQuestion::UrgentMedical,
    SafetyQuestion::SafePlaceTonight,
];

impl Safety {
    pub fn get(&self, q: SafetyQuestion) -> Option<bool> {
        match q {
            SafetyQuestion::DangerNow => self.danger_now,
            SafetyQuestion::UrgentMedical => self.urgent_medical,
            SafetyQuestion::SafePlaceTonight => self.safe_place_tonight,
        }
    }

    /// The contact topics the urgent block takes its numbers from, one number per topic, in
    /// this order: for danger, emergency services, then counter-trafficking help, then the
    /// consulate; for an urgent medical need, emergency services and health care; without a
    /// safe place tonight, return and shelter support, then counter-trafficking help (IOM's
    /// shelters).
    pub fn urgent_topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = Vec::new();
        let mut add = |list: &[&str]| {
            for t in list {
                if !topics.iter().any(|x| x == t) {
                    topics.push((*t).to_owned());
                }
            }
        };
        if self.danger_now == Some(true) {
            add(&["emergency", "trafficking", "consular"]);
        }
        if self.urgent_medical == Some(true) {
            add(&["emergency", "health"]);
        }
        if self.safe_place_tonight == Some(false) {
            add(&["return_support", "trafficking"]);
        }
        topics
    }

    /// Whether an answer calls for the urgent block: in danger now, an urgent medical need, or
    /// no safe place tonight.
    pub fn urgent(&self) -> bool {
        self.danger_now == Some(true)
            || self.urgent_medical == Some(true)
            || self.safe_place_tonight == Some(false)
    }
}

/// Where a person may be referred, each with their own consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// Identification through the partner or IOM.
    Identification,
    LegalAid,
    Shelter,
    /// Medical care, TB testing included.
    Medical,
    Consulate,
}

impl Destination {
    /// The contact topic of the services a sheet lists for this destination.
    pub fn topic(self) -> &'static str {
        match self {
            Destination::Identification => "trafficking",
            Destination::LegalAid => "legal_aid",
            Destination::Shelter => "return_support",
            Destination::Medical => "health",
            Destination::Consulate => "consular",
        }
    }
}

/// Every destination, in the order the referral screen asks.
pub const DESTINATIONS: [Destination; 5] = [
    Destination::Identification,
    Destination::LegalAid,
    Destination::Shelter,
    Destination::Medical,
    Destination::Consulate,
];
// A destination's place in DESTINATIONS (and in a session's consents) is `destination as usize`.
const _: () = {
    let mut i = 0;
    while i < DESTINATIONS.len() {
        assert!(DESTINATIONS[i] as usize == i);
        i += 1;
    }
};

/// The person's answer about one referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Yes,
    No,
    /// Not now; the information card says how to ask later.
    Later,
}

/// One assisted screening in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    stage: Stage,
    pub preparation: Preparation,
    safety: Safety,
    /// The questionnaire's answers (the place question included, asked with safety).
    pub answers: Answers,
    /// The observations ticked, by id.
    pub observed: Vec<String>,
    /// The caseworker remains concerned whatever the summary says.
    pub concerned: bool,
    consents: [Option<Agreement>; DESTINATIONS.len()],
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// A session before anything was asked: what "End and clear" returns to.
    pub fn new() -> Session {
        Session {
            stage: Stage::Preparation,
            preparation: Preparation {
                safe_to_talk: None,
                interpreter: Interpreter::Unknown,
                under_18: None,
                agreed: false,
            },
            safety: Safety::default(),
            answers: Answers::default(),
            observed: Vec::new(),
            concerned: false,
            consents: [None; DESTINATIONS.len()],
        }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn safety(&self) -> Safety {
        self.safety
    }

    /// Leaves the preparation: for a child, the child-protection route; where it is not safe to
    /// talk or the interpreter is related, a stop; once everything is answered and the person
    /// agreed, the safety questions. Otherwise it stays.
    pub fn begin(&mut self) {
        if self.stage != Stage::Preparation {
            return;
        }
        let p = &self.preparation;
        self.stage = if p.under_18 == Some(true) {
            Stage::Child
        } else if p.safe_to_talk == Some(false) || p.interpreter == Interpreter::Related {
            Stage::Stopped
        } else if p.blockers().is_empty() {
            Stage::Safety
        } else {
            Stage::Preparation
        };
    }

    /// Records a safety answer (`None`: does not want to answer, or not asked). An answer that
    /// itself calls for the urgent block (a yes to danger or urgent medical need, a no to a
    /// safe place tonight) shows it at once; other answers, after the block was seen and the
    /// caseworker continued, do not show it again.
    pub fn answer_safety(&mut self, q: SafetyQuestion, answer: Option<bool>) {
        let calls = match q {
            SafetyQuestion::DangerNow => {
                self.safety.danger_now = answer;
                answer == Some(true)
            }
            SafetyQuestion::UrgentMedical => {
                self.safety.urgent_medical = answer;
                answer == Some(true)
            }
            SafetyQuestion::SafePlaceTonight => {
                self.safety.safe_place_tonight = answer;
                answer == Some(false)
            }
        };
        if calls && self.stage == Stage::Safety {
            self.stage = Stage::Urgent;
        }
    }

    /// "In danger now": a yes shows the urgent block at once, before any further question.
    pub fn set_danger_now(&mut self, answer: bool) {
        self.answer_safety(SafetyQuestion::DangerNow, Some(answer));
    }

    pub fn set_urgent_medical(&mut self, answer: bool) {
        self.answer_safety(SafetyQuestion::UrgentMedical, Some(answer));
    }

    pub fn set_safe_place_tonight(&mut self, answer: bool) {
        self.answer_safety(SafetyQuestion::SafePlaceTonight, Some(answer));
    }

    /// From the urgent block: go on with the screening (the remaining safety questions first,
    /// if the block came before they were asked).
    pub fn continue_after_urgent(&mut self) {
        if self.stage == Stage::Urgent {
            let s = self.safety;
            let asked_all = s.danger_now.is_some()
                && s.urgent_medical.is_some()
                && s.safe_place_tonight.is_some();
            self.stage = if asked_all {
                Stage::Questions
            } else {
                Stage::Safety
            };
        }
    }

    /// The safety questions are done (each answered or left): the questionnaire. (An answer that
    /// calls for the urgent block showed it when it was given.)
    pub fn safety_done(&mut self) {
        if self.stage == Stage::Safety {
            self.stage = Stage::Questions;
        }
    }

    /// The last question was answered: the observations.
    pub fn questions_done(&mut self) {
        if self.stage == Stage::Questions {
            self.stage = Stage::Observations;
        }
    }

    /// The observations are ticked: the summary.
    pub fn observations_done(&mut self) {
        if self.stage == Stage::Observations {
            self.stage = Stage::Summary;
        }
    }

    /// From the summary: the referral consents.
    pub fn to_referral(&mut self) {
        if self.stage == Stage::Summary {
            self.stage = Stage::Referral;
        }
    }

    pub fn set_consent(&mut self, destination: Destination, agreement: Agreement) {
        self.consents[destination as usize] = Some(agreement);
    }

    pub fn consent(&self, destination: Destination) -> Option<Agreement> {
        self.consents[destination as usize]
    }

    /// The destinations the person agreed to, in order: the only ones a sheet names.
    pub fn agreed_destinations(&self) -> Vec<Destination> {
        DESTINATIONS
            .iter()
            .copied()
            .filter(|d| self.consent(*d) == Some(Agreement::Yes))
            .collect()
    }

    /// The referral sheet, only with consent to at least one destination (without, the widget
    /// offers the information card instead). `date` is the day it is printed (`YYYY-MM-DD`);
    /// `code` a one-time reference from [`reference_code`], made afresh for each sheet.
    pub fn sheet(&self, d: &Definition, date: &str, code: String) -> Option<Sheet> {
        let destinations = self.agreed_destinations();
        if destinations.is_empty() {
            return None;
        }
        let observed: Vec<&str> = self.observed.iter().map(String::as_str).collect();
        // A questionnaire without an `assisted` section has no indicator summary; the sheet
        // still carries its bands and the referral the person agreed to.
        let summary = d.assisted_summary(&self.answers, &observed);
        let outcome = d.score_checked(&self.answers);
        Some(Sheet {
            date: date.to_owned(),
            questionnaire: d.id().to_owned(),
            version: d.version(),
            summary,
            observed: self.observed.clone(),
            concerned: self.concerned,
            safety: self.safety,
            bands: outcome
                .scales
                .iter()
                .map(|s| (s.scale.clone(), s.band.clone()))
                .collect(),
            destinations,
            code,
        })
    }
}

/// Whether the TB slip is offered: a scale that sends people to TB care (its bands' contact
/// topics include `tb`) is past its first band, or the caseworker observed a TB sign.
pub fn tb_slip_due(d: &Definition, answers: &Answers, observed: &[&str]) -> bool {
    let tb_observed = d.assisted().is_some_and(|a| {
        a.observations
            .iter()
            .any(|o| o.tb && observed.contains(&o.id.as_str()))
    });
    tb_observed || !tb_bands(d, answers).is_empty()
}

/// The bands of the TB scales that call for action (past the scale's first band), with the
/// scale: all the TB slip says about the answers.
pub fn tb_bands<'d>(
    d: &'d Definition,
    answers: &Answers,
) -> Vec<(&'d crate::definition::Scale, &'d crate::definition::Band)> {
    let outcome = d.score_checked(answers);
    d.scales()
        .iter()
        .filter(|s| {
            s.bands
                .iter()
                .any(|b| b.contact_topics.iter().any(|t| t == "tb"))
        })
        .filter_map(|s| {
            let band = s.band(&outcome.scale(&s.id)?.band)?;
            (s.bands.first().is_some_and(|first| first.id != band.id)).then_some((s, band))
        })
        .collect()
}

/// What a referral sheet holds, and nothing else: no name, no date of birth, no document number,
/// no free text. Each field is one the receiving service needs to act on the referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    pub date: String,
    pub questionnaire: String,
    pub version: u32,
    /// `None` when the questionnaire maps no answers to indicators (no `assisted` section).
    pub summary: Option<Summary>,
    /// The observations ticked, by id (the view shows their text).
    pub observed: Vec<String>,
    pub concerned: bool,
    pub safety: Safety,
    /// The band of each scale, as the self-check shows it (the TB band included).
    pub bands: Vec<(String, String)>,
    pub destinations: Vec<Destination>,
    /// The one-time reference the caseworker copies onto the official referral form.
    pub code: String,
}

/// The characters of a reference code: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so a code read aloud or
/// copied by hand is copied right.
const ALPHABET: &[u8; 24] = b"ACDEFGHJKMNPQRTUVWXY3479";

/// A one-time reference code from 8 random bytes (the widget draws them from the browser's
/// cryptographic generator): 9 characters in groups of three, about 41 bits. It identifies the
/// sheet, never the person, and nothing keeps it.
pub fn reference_code(random: [u8; 8]) -> String {
    let mut n = u64::from_le_bytes(random);
    let mut out = String::with_capacity(11);
    for i in 0..9 {
        if i > 0 && i % 3 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[(n % ALPHABET.len() as u64) as usize] as char);
        n /= ALPHABET.len() as u64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Session {
        let mut s = Session::new();
        s.preparation = Preparation {
            safe_to_talk: Some(true),
            interpreter: Interpreter::Independent,
            under_18: Some(false),
            agreed: true,
        };
        s
    }

    #[test]
    fn it_begins_only_when_safe_agreed_and_not_a_child() {
        let mut s = Session::new();
        s.begin();
        assert_eq!(s.stage(), Stage::Preparation);
        assert!(s.preparation.blockers().contains(&Blocker::Unanswered));

        let mut s = ready();
        s.preparation.agreed = false;
        s.begin();
        assert_eq!(s.stage(), Stage::Preparation);
        assert_eq!(s.preparation.blockers(), [Blocker::NotAgreed]);

        let mut s = ready();
        s.preparation.interpreter = Interpreter::Related;
        s.begin();
        assert_eq!(s.stage(), Stage::Stopped);

        let mut s = ready();
        s.preparation.safe_to_talk = Some(false);
        s.begin();
        assert_eq!(s.stage(), Stage::Stopped);

        // A child goes to the child-protection route even before consent is recorded.
        let mut s = Session::new();
        s.preparation.under_18 = Some(true);
        s.begin();
        assert_eq!(s.stage(), Stage::Child);

        let mut s = ready();
        s.begin();
        assert_eq!(s.stage(), Stage::Safety);
    }

    #[test]
    fn a_safety_yes_shows_the_urgent_block_before_any_further_question() {
        for answer in [
            Session::set_danger_now as fn(&mut Session, bool),
            Session::set_urgent_medical,
        ] {
            let mut s = ready();
            s.begin();
            answer(&mut s, true);
            assert_eq!(s.stage(), Stage::Urgent);
            // Continue: the remaining safety questions first.
            s.continue_after_urgent();
            assert_eq!(s.stage(), Stage::Safety);
        }
        let mut s = ready();
        s.begin();
        s.set_danger_now(false);
        s.set_urgent_medical(false);
        assert_eq!(s.stage(), Stage::Safety);
        s.set_safe_place_tonight(false);
        assert_eq!(s.stage(), Stage::Urgent);
        s.continue_after_urgent();
        assert_eq!(s.stage(), Stage::Questions);

        // After "continue", an answer that needs no action does not bring the block back;
        // one that does, does.
        let mut s = ready();
        s.begin();
        s.set_danger_now(true);
        s.continue_after_urgent();
        s.answer_safety(SafetyQuestion::UrgentMedical, Some(false));
        assert_eq!(s.stage(), Stage::Safety);
        s.answer_safety(SafetyQuestion::SafePlaceTonight, None);
        assert_eq!(s.stage(), Stage::Safety);
        s.answer_safety(SafetyQuestion::UrgentMedical, Some(true));
        assert_eq!(s.stage(), Stage::Urgent);
    }

    #[test]
    fn the_urgent_block_takes_numbers_for_what_was_said() {
        let mut safety = Safety::default();
        assert!(safety.urgent_topics().is_empty());
        safety.danger_now = Some(true);
        safety.urgent_medical = Some(true);
        assert_eq!(
            safety.urgent_topics(),
            ["emergency", "trafficking", "consular", "health"]
        );
        let safety = Safety {
            safe_place_tonight: Some(false),
            ..Safety::default()
        };
        assert_eq!(safety.urgent_topics(), ["return_support", "trafficking"]);
    }

    #[test]
    fn no_sheet_without_consent_and_only_agreed_destinations_on_it() {
        let d = crate::validate::parse_definition(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../questionnaires/returnee.json"
            ))
            .unwrap(),
        )
        .unwrap();
        let mut s = ready();
        s.begin();
        s.safety_done();
        s.questions_done();
        s.observations_done();
        s.to_referral();
        assert_eq!(s.stage(), Stage::Referral);
        s.set_consent(Destination::Identification, Agreement::No);
        s.set_consent(Destination::Medical, Agreement::Later);
        assert!(s.sheet(&d, "2026-12-07", "X".into()).is_none());
        s.set_consent(Destination::LegalAid, Agreement::Yes);
        s.set_consent(Destination::Consulate, Agreement::Yes);
        let sheet = s.sheet(&d, "2026-12-07", "X".into()).expect("a sheet");
        assert_eq!(
            sheet.destinations,
            [Destination::LegalAid, Destination::Consulate]
        );
        assert_eq!(
            sheet
                .summary
                .expect("returnee has an assisted section")
                .status,
            super::super::Status::NotEnoughInformation
        );
    }

    #[test]
    fn reference_codes_are_short_unambiguous_and_differ() {
        let code = reference_code([0; 8]);
        assert_eq!(code, "AAA-AAA-AAA");
        let mut seen = std::collections::BTreeSet::new();
        for i in 0u64..10_000 {
            let c = reference_code((i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).to_le_bytes());
            assert_eq!(c.len(), 11);
            assert!(
                c.chars()
                    .all(|ch| ch == '-' || ALPHABET.contains(&(ch as u8)))
            );
            assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
            seen.insert(c);
        }
        assert_eq!(
            seen.len(),
            10_000,
            "distinct random inputs give distinct codes"
        );
    }
}
