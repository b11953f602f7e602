//! The questionnaire definition: data that partners author and the engine validates and scores.
//!
//! The JSON format is documented in docs/questionnaires.md ("Definition format"). Definitions are read by
//! [`crate::parse`], which rejects unknown fields so that a typo is an error, not a silently
//! ignored key; these types only serialize (for results the command line prints).

use crate::condition::Condition;
use crate::locale::Locale;
use crate::small_map::SmallMap;
use crate::text::Text;
use serde::Serialize;

/// The definition format this engine reads. Bumped only for incompatible changes.
pub const SCHEMA: u32 = 2;

/// Every schema this engine reads: 1 (steps, rules and paragraphs of advice without ids, still
/// read; `screening-i18n add-ids` moves a file to 2) and 2.
pub const SCHEMAS: [u32; 2] = [1, 2];

/// The option id every question reserves for "I don't know".
pub const DONT_KNOW: &str = "dont_know";

/// The answer id a report uses for a question left unanswered; no option may take it.
pub const SKIPPED: &str = "skipped";

/// A complete questionnaire, known to be valid: its fields are private, so the only way to
/// get one is [`crate::parse_definition`] (or the widget's `definition_from_json`), which
/// validates it; scoring and the flow can rely on every rule `validate` checks.
///
/// ```compile_fail
/// // Outside the core a definition cannot be assembled by hand, skipping validation:
/// let d = screening_core::Definition { version: 2, ..todo!() };
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    /// Format version; must equal [`SCHEMA`].
    pub(crate) schema: u32,
    /// Stable id, used by the `questionnaire` attribute and in reports.
    pub(crate) id: String,
    /// Content version: bumped whenever questions, options or scoring change, so reports from
    /// different versions are never mixed up.
    pub(crate) version: u32,
    /// The locales this questionnaire offers, with their review status.
    pub(crate) locales: SmallMap<Locale, ReviewStatus>,
    pub(crate) title: Text,
    /// What the check is for, shown on the start screen.
    pub(crate) intro: Text,
    /// About how long the check takes, in minutes, shown on the start screen.
    pub(crate) minutes: u32,
    /// Shown with every result: what the result is and is not.
    pub(crate) disclaimer: Text,
    pub(crate) questions: Vec<Question>,
    pub(crate) scales: Vec<Scale>,
    /// How reports may protect sensitive answers; a partner's `privacy` attribute must pick one
    /// of these, and the collector rejects others. Default: both.
    pub(crate) privacy: Vec<Mechanism>,
    /// Heading over the questions answered "I don't know" ("Find out before you go"); `None`
    /// uses the interface's generic heading.
    pub(crate) unknowns_heading: Option<Text>,
    /// Where the person is, for choosing contacts a person can actually reach.
    pub(crate) place: Place,
    /// For a language offered in several scripts, the script a tag without one gets
    /// (`{"uz": "Cyrl"}`: a browser asking for `uz` or `uz-UZ` gets `uz-Cyrl`).
    #[serde(skip_serializing_if = "SmallMap::is_empty")]
    pub(crate) default_scripts: SmallMap<String, String>,
    /// What assisted mode needs beyond the self-check: which answers are evidence of which
    /// ILO/EC indicator, and what a caseworker may observe ([`crate::assisted`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) assisted: Option<crate::assisted::Assisted>,
}

/// Read access to a valid definition's parts.
impl Definition {
    /// Format version; always [`SCHEMA`].
    pub fn schema(&self) -> u32 {
        self.schema
    }
    /// Stable id, used by the `questionnaire` attribute and in reports.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Content version: reports from different versions are never mixed up.
    pub fn version(&self) -> u32 {
        self.version
    }
    /// The locales offered, with their review status.
    pub fn locales(&self) -> &SmallMap<Locale, ReviewStatus> {
        &self.locales
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// What the check is for, shown on the start screen.
    pub fn intro(&self) -> &Text {
        &self.intro
    }
    /// About how long the check takes, in minutes.
    pub fn minutes(&self) -> u32 {
        self.minutes
    }
    /// Shown with every result: what the result is and is not.
    pub fn disclaimer(&self) -> &Text {
        &self.disclaimer
    }
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
    pub fn scales(&self) -> &[Scale] {
        &self.scales
    }
    /// The privacy mechanisms reports of this questionnaire may use.
    pub fn privacy(&self) -> &[Mechanism] {
        &self.privacy
    }
    /// Heading over the "I don't know" list; `None`: the interface's generic heading.
    pub fn unknowns_heading(&self) -> Option<&Text> {
        self.unknowns_heading.as_ref()
    }
    /// How the result knows where the person is (see [`Definition::place`] for the answer).
    pub fn place_setting(&self) -> &Place {
        &self.place
    }
    /// For a language offered in several scripts, the script a tag without one gets.
    pub fn default_scripts(&self) -> &SmallMap<String, String> {
        &self.default_scripts
    }
    /// The assisted-mode section, if the questionnaire has one.
    pub fn assisted(&self) -> Option<&crate::assisted::Assisted> {
        self.assisted.as_ref()
    }

    /// For a one-locale file the build derived from a questionnaire (its text in one locale
    /// only): the language menu offers the questionnaire's other locales again, whose files
    /// are fetched when the person switches. Nothing else of the definition can change.
    pub fn offer_locales(
        &mut self,
        locales: SmallMap<Locale, ReviewStatus>,
        default_scripts: SmallMap<String, String>,
    ) {
        self.locales = locales;
        self.default_scripts = default_scripts;
    }
}

/// The places contacts are chosen for: a person in Russia needs numbers that work from Russia.
pub const PLACES: [&str; 4] = ["tj", "ru", "kz", "other"];

/// How the result knows where the person is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// A single-choice question whose option ids are places; its answer sets the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The place assumed when that question is absent, hidden or unanswered.
    pub default: String,
}

impl Default for Place {
    fn default() -> Self {
        Place {
            question: None,
            default: "tj".into(),
        }
    }
}

/// How the answers to sensitive questions are protected in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mechanism {
    /// Sensitive answers are left out of the report; others are sent as given.
    None,
    /// Sensitive answers are randomized on the device before sending.
    RandomizedResponse,
}

impl Mechanism {
    /// Every mechanism: what a definition allows when it says nothing.
    pub const ALL: [Mechanism; 2] = [Mechanism::None, Mechanism::RandomizedResponse];

    /// The name in JSON and CSV (as serde writes it), for writers that do not use serde.
    pub fn name(self) -> &'static str {
        match self {
            Mechanism::None => "none",
            Mechanism::RandomizedResponse => "randomized_response",
        }
    }
}

/// Whether a native speaker has reviewed a locale's text. Drafts are shown to partners, not
/// to visitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Draft,
    Reviewed,
}

/// One question, shown on its own screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    pub indicator: Indicator,
    pub options: Vec<Choice>,
    /// The "I don't know" answer: offered unless `offered` is false, and it may carry weight.
    pub dont_know: DontKnow,
    /// When true the question cannot be skipped. Default: it can.
    pub required: bool,
    /// Shown only when this holds; hidden questions never count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Whether the answer may be included in an anonymous report.
    pub report: bool,
    /// Whether a reported answer is randomized first (randomized response). Needs `report`.
    pub sensitive: bool,
}

/// Whether a question takes one answer or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multi,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    /// Points this answer adds to each named scale (non-negative: a scale counts signs).
    #[serde(skip_serializing_if = "SmallMap::is_empty")]
    pub weights: SmallMap<String, u32>,
    /// A minimum band per scale that this answer sets whatever the score.
    #[serde(skip_serializing_if = "SmallMap::is_empty")]
    pub red_flag: SmallMap<String, String>,
    /// Plain-language explanation shown in the result when this answer raised a scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// In a multi-select question, an answer that cannot be combined with others ("none").
    pub exclusive: bool,
}

impl Choice {
    /// Whether this answer raises any scale, and so needs a reason.
    pub fn raises(&self) -> bool {
        self.weights.values().any(|w| *w > 0) || !self.red_flag.is_empty()
    }
}

/// How a question treats "I don't know".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DontKnow {
    pub offered: bool,
    /// Not knowing can itself be a warning (no contract yet, say).
    #[serde(skip_serializing_if = "SmallMap::is_empty")]
    pub weights: SmallMap<String, u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// What to find out, listed on the result when this question was answered "I don't know".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub find_out: Option<Text>,
}

impl Default for DontKnow {
    fn default() -> Self {
        DontKnow {
            offered: true,
            weights: SmallMap::new(),
            reason: None,
            find_out: None,
        }
    }
}

/// The published indicator a question measures, so every question is traceable to a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// One of the ILO's 11 indicators of forced labour (2012).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ilo: Option<IloIndicator>,
    /// A dimension of the ILO/EC operational indicators of trafficking (Delphi, 2009).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delphi: Option<DelphiIndicator>,
    /// A symptom of the WHO four-symptom TB screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w4ss: Option<W4ssSymptom>,
    /// Another named indicator (fair recruitment, TB risk factor), in snake_case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// The public reference the indicator comes from.
    pub source: String,
}

/// The ILO indicators of forced labour (2012).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IloIndicator {
    AbuseOfVulnerability,
    Deception,
    RestrictionOfMovement,
    Isolation,
    PhysicalAndSexualViolence,
    IntimidationAndThreats,
    RetentionOfIdentityDocuments,
    WithholdingOfWages,
    DebtBondage,
    AbusiveWorkingAndLivingConditions,
    ExcessiveOvertime,
}

/// An ILO/EC Delphi indicator: its dimension and how strongly it points to trafficking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DelphiIndicator {
    pub dimension: DelphiDimension,
    pub strength: Strength,
}

/// The six dimensions of adult labour exploitation in the ILO/EC Delphi indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DelphiDimension {
    DeceptiveRecruitment,
    CoerciveRecruitment,
    RecruitmentByAbuseOfVulnerability,
    ExploitativeConditionsOfWork,
    CoercionAtDestination,
    AbuseOfVulnerabilityAtDestination,
}

/// How strongly a Delphi indicator points to trafficking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

/// The WHO four-symptom screen for tuberculosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum W4ssSymptom {
    Cough,
    Fever,
    NightSweats,
    WeightLoss,
}

/// A scale the answers add up on (`risk`, `exploitation`, `tb`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub id: String,
    pub title: Text,
    /// Ordered from the lowest threshold up; the first starts at 0.
    pub bands: Vec<Band>,
    /// Combinations of answers that set a minimum band (red flags made of several answers).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// The highest band "I don't know" answers can lift the result to; `None`: the band just
    /// below the highest. Validation keeps it below the highest, so unknowns alone never reach
    /// the most serious band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknowns_up_to: Option<String>,
    /// Shown instead of the lowest band's title and advice when nothing that bears on this scale
    /// was really answered: a result without answers must never read as "no signs".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unanswered: Option<Unanswered>,
    /// How urgent this scale is beside the others when their bands are equally serious: a
    /// result shows the most serious band first, and among bands of one level the scale with
    /// the higher urgency (coercion before a TB test before wage claims). Default 0.
    pub urgency: u32,
}

/// A band reached by a combination of answers, with the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// Names the rule for translators (its reason's PO context), so a rule moved in the list
    /// keeps its translation. Required from schema 2; schema 1 files have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub band: String,
    pub when: Condition,
    pub reason: Text,
}

/// The wording for a scale nothing was answered for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unanswered {
    pub title: Text,
    pub advice: Text,
}

/// A next step or a paragraph of advice, shown only where its condition holds (a step for a
/// job in Russia only, TB advice for someone still in Russia).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Names the step or paragraph for translators (its PO context), so one moved in the list
    /// keeps its translation. Required from schema 2 (except on a band's only, unconditional
    /// paragraph of advice); schema 1 files have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Where a claim about the law or practice of a place comes from, so a reviewer can check
    /// it; required on a conditional text of advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The "If you are not safe now" block that opens a result: numbers to call at once, before
/// anything else, for the place the person is in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Urgent {
    /// One number per topic, in this order (`emergency`, `consular`, `trafficking`): the
    /// first contact reachable from the place that serves the topic and has a phone.
    pub topics: Vec<String>,
    /// Shown only where this holds (not in Tajikistan, or not said).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// A range of a scale's score, with what to tell the person who lands in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub id: String,
    /// The lowest score in this band.
    pub min: u32,
    /// How serious the band is; the widget shows it in words, icon and colour.
    pub level: Level,
    pub title: Text,
    /// What the signs mean, in plain words: one text, or paragraphs each shown where its
    /// condition holds (what a TB finding means depends on where the person is).
    pub advice: Vec<Step>,
    /// Concrete next steps, in the order to take them; the first shown is the most important.
    pub steps: Vec<Step>,
    /// Which contacts of the directory to show (by topic), non-police first.
    pub contact_topics: Vec<String>,
    /// When set (and its condition holds), the result opens with numbers to call now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgent: Option<Urgent>,
}

/// How serious a band is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ok,
    Caution,
    Danger,
}

impl Definition {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The offered locales whose text no native speaker has reviewed yet.
    pub fn draft_locales(&self) -> Vec<Locale> {
        self.locales
            .iter()
            .filter(|(_, status)| **status == ReviewStatus::Draft)
            .map(|(l, _)| *l)
            .collect()
    }

    /// The offered locales, in menu order.
    pub fn offered_locales(&self) -> Vec<Locale> {
        self.locales.keys().copied().collect()
    }

    /// The locales `default_scripts` names (`uz-Cyrl` for `{"uz": "Cyrl"}`), for negotiation.
    pub fn script_defaults(&self) -> Vec<Locale> {
        self.default_scripts
            .iter()
            .filter_map(|(language, script)| {
                Locale::from_exact_tag(&format!("{language}-{script}"))
            })
            .collect()
    }
}

impl Question {
    /// The option with this id (not "I don't know").
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Whether `id` names an answer this question accepts, "I don't know" included.
    pub fn accepts(&self, id: &str) -> bool {
        self.option(id).is_some() || (id == DONT_KNOW && self.dont_know.offered)
    }

    /// Every answer id in display order, "I don't know" last when offered.
    pub fn answer_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.options.iter().map(|o| o.id.as_str()).collect();
        if self.dont_know.offered {
            ids.push(DONT_KNOW);
        }
        ids
    }

    /// Whether an answer id stands alone in a multi-select answer ("none", "I don't know").
    pub fn is_exclusive(&self, id: &str) -> bool {
        id == DONT_KNOW || self.option(id).is_some_and(|o| o.exclusive)
    }

    /// The multi-select answer after ticking (`on`) or unticking one box: an exclusive answer
    /// clears the others, any other clears the exclusive ones. `None` when nothing is ticked.
    pub fn toggle(
        &self,
        current: Option<&crate::answers::Answer>,
        id: &str,
        on: bool,
    ) -> Option<crate::answers::Answer> {
        let mut ids: Vec<String> = current.map(|a| a.ids().to_vec()).unwrap_or_default();
        ids.retain(|x| x != id);
        if on {
            if self.is_exclusive(id) {
                ids.clear();
            } else {
                ids.retain(|x| !self.is_exclusive(x));
            }
            ids.push(id.to_owned());
        }
        // Keep display order, so answers compare equal however they were ticked.
        let order = self.answer_ids();
        crate::order::stable_sort_by_key(&mut ids, |x| order.iter().position(|o| o == x));
        (!ids.is_empty()).then_some(crate::answers::Answer::Many(ids))
    }

    /// The plain-language reason an answer id gives in a result ("I don't know" included).
    pub fn reason(&self, answer: &str) -> Option<&Text> {
        if answer == DONT_KNOW {
            self.dont_know.reason.as_ref()
        } else {
            self.option(answer)?.reason.as_ref()
        }
    }

    /// The weight an answer id adds to `scale`.
    pub fn weight(&self, answer: &str, scale: &str) -> u32 {
        let weights = if answer == DONT_KNOW {
            Some(&self.dont_know.weights)
        } else {
            self.option(answer).map(|o| &o.weights)
        };
        weights.and_then(|w| w.get(scale)).copied().unwrap_or(0)
    }
}

impl Scale {
    /// The rank of the highest band "I don't know" answers can reach.
    pub fn unknowns_cap(&self) -> usize {
        self.unknowns_up_to
            .as_deref()
            .and_then(|b| self.band_rank(b))
            .unwrap_or(self.bands.len().saturating_sub(2))
    }

    /// The band with this id.
    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    /// The position of a band (0 = lowest).
    pub fn band_rank(&self, id: &str) -> Option<usize> {
        self.bands.iter().position(|b| b.id == id)
    }
}
