//! Assisted mode: a caseworker screens with a migrant, and needs to see which
//! signs of trafficking the answers and their own observations show, per dimension of the ILO/EC
//! operational indicators of trafficking (adults, labour exploitation, 2009), and whether there
//! are grounds to refer the person for identification.
//!
//! What each answer is evidence of lives in the questionnaire (`assisted.evidence`, each entry
//! with its source), not here; this module only counts. It never says that someone was or was
//! not trafficked: Tajikistan's referral mechanism has no adopted identification procedure, and
//! a screening with missing answers proves nothing. A summary therefore has two outcomes only:
//! grounds to refer for identification, or not enough information yet.

use crate::definition::{DelphiDimension, Strength};
use crate::text::Text;
use serde::Serialize;

pub mod session;
mod summary;
pub mod words;

pub use summary::{Basis, DIMENSIONS, DimensionSummary, Found, Reading, Status, Summary, positive};

/// The `assisted` section of a definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assisted {
    /// Which answers are evidence of which ILO/EC indicator.
    pub evidence: Vec<Evidence>,
    /// What a caseworker may see without asking, kept apart from the answers.
    pub observations: Vec<Observation>,
}

/// Answers to one question that are evidence of one ILO/EC indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub question: String,
    pub options: Vec<String>,
    #[serde(flatten)]
    pub indicator: IndicatorRef,
    /// Where the indicator and its strength come from, so a reviewer can check the claim.
    pub source: String,
}

/// One indicator of the ILO/EC list: its dimension, its name (snake_case, counted once per
/// dimension however many answers or observations show it) and its strength there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorRef {
    pub dimension: DelphiDimension,
    pub indicator: String,
    pub strength: Strength,
}

/// Something the caseworker notices without asking (someone answers for the person, no
/// documents, visible injuries, a persistent cough).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub id: String,
    /// For the caseworker, in the caseworker's language.
    pub text: Text,
    /// The indicator it is evidence of, if the ILO/EC list has one; without, it is noted on
    /// the summary and counts for nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorRef>,
    /// A sign for the TB slip, which carries no trafficking content.
    pub tb: bool,
    pub source: String,
}

/// The element of the trafficking definition (UN Trafficking in Persons Protocol, art. 3: an
/// act, by some means, for the purpose of exploitation) a dimension of the ILO/EC list speaks
/// to, so the summary can be read against the definition caseworkers are trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// Recruitment (the act) by deception, coercion or abuse of vulnerability (the means).
    Recruitment,
    /// Coercion or abuse of vulnerability at destination (the means that keep a person there).
    MeansAtDestination,
    /// Exploitative conditions of work (the purpose).
    Purpose,
}

/// The elements in the order the summary shows them.
pub const ELEMENTS: [Element; 3] = [
    Element::Recruitment,
    Element::Purpose,
    Element::MeansAtDestination,
];

impl DelphiDimension {
    pub fn element(self) -> Element {
        match self {
            DelphiDimension::DeceptiveRecruitment
            | DelphiDimension::CoerciveRecruitment
            | DelphiDimension::RecruitmentByAbuseOfVulnerability => Element::Recruitment,
            DelphiDimension::ExploitativeConditionsOfWork => Element::Purpose,
            DelphiDimension::CoercionAtDestination
            | DelphiDimension::AbuseOfVulnerabilityAtDestination => Element::MeansAtDestination,
        }
    }
}
