//! The indicator summary of one assisted screening (what the module's doc describes): per
//! dimension, the indicators the answers and observations show, and the status.

use super::{IndicatorRef, Observation};
use crate::answers::Answers;
use crate::definition::{DONT_KNOW, Definition, DelphiDimension, Strength};
use serde::Serialize;

/// Where a summary stands. There is deliberately no "none": a summary without grounds says only
/// that there is not enough information yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Grounds to refer the person for identification (never "identified as a victim").
    GroundsToRefer,
    /// Not enough information yet: this is not a finding that the person was not trafficked.
    NotEnoughInformation,
}

/// What an indicator was seen in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The answer to this question.
    Answer(String),
    /// This observation of the caseworker's.
    Observation(String),
}

/// An indicator found, with every answer and observation that showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub indicator: String,
    /// The strongest strength it was shown with.
    pub strength: Strength,
    pub basis: Vec<Basis>,
}

/// One dimension of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionSummary {
    pub dimension: DelphiDimension,
    pub status: Status,
    pub found: Vec<Found>,
    /// Questions shown that bear on this dimension and got no answer that counts: skipped,
    /// "I don't know" (or "does not want to answer", which is recorded as skipped).
    pub unknowns: u32,
    /// Questions shown that bear on this dimension: 0 means the screening did not ask about it.
    pub asked: u32,
}

/// The indicator summary of one screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All six dimensions, in the ILO/EC order.
    pub dimensions: Vec<DimensionSummary>,
    pub status: Status,
    /// Observations noted that are evidence of nothing on the list (kept on the summary).
    pub noted: Vec<String>,
    /// Whether a TB sign was observed (for the TB slip).
    pub tb_observed: bool,
}

/// How a dimension reads on the summary and the sheet. Never "none": a dimension without signs
/// says what is known, from nothing asked to no sign in the answers that were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// Positive by the ILO/EC rule.
    Positive,
    /// Indicators found, not enough for the rule.
    SomeSigns,
    /// No question about it was shown.
    NotAsked,
    /// Questions were shown but none got an answer that counts (skipped, "I don't know").
    NoAnswers,
    /// Some answers were given, and they show no indicator.
    NoSignInAnswers,
}

impl DimensionSummary {
    pub fn reading(&self) -> Reading {
        if self.status == Status::GroundsToRefer {
            Reading::Positive
        } else if !self.found.is_empty() {
            Reading::SomeSigns
        } else if self.asked == 0 {
            Reading::NotAsked
        } else if self.unknowns >= self.asked {
            Reading::NoAnswers
        } else {
            Reading::NoSignInAnswers
        }
    }
}

/// The six dimensions in the order of the ILO/EC list.
pub const DIMENSIONS: [DelphiDimension; 6] = [
    DelphiDimension::DeceptiveRecruitment,
    DelphiDimension::CoerciveRecruitment,
    DelphiDimension::RecruitmentByAbuseOfVulnerability,
    DelphiDimension::ExploitativeConditionsOfWork,
    DelphiDimension::CoercionAtDestination,
    DelphiDimension::AbuseOfVulnerabilityAtDestination,
];

/// The ILO/EC rule for one dimension: positive with two strong indicators, one strong and one
/// medium or weak, three medium, or two medium and one weak. One strong indicator alone is not.
pub fn positive(strong: usize, medium: usize, weak: usize) -> bool {
    strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1)
}

fn rank(s: Strength) -> u8 {
    match s {
        Strength::Strong => 2,
        Strength::Medium => 1,
        Strength::Weak => 0,
    }
}

impl Definition {
    /// The indicator summary for these answers and the ids of the observations the caseworker
    /// ticked; `None` when the questionnaire has no `assisted` section. Hidden questions count
    /// for nothing, as in scoring.
    ///
    /// Grounds to refer: any dimension positive by the ILO/EC rule, or any strong indicator.
    /// A referral asks those entitled to identify to look; one strong sign (violence, documents
    /// kept) is reason enough for that, though not for a positive dimension.
    pub fn assisted_summary(&self, answers: &Answers, observed: &[&str]) -> Option<Summary> {
        let assisted = self.assisted.as_ref()?;
        let visible: Vec<&str> = self
            .visible_questions(answers)
            .into_iter()
            .map(|q| q.id.as_str())
            .collect();
        let mut dimensions = Vec::with_capacity(DIMENSIONS.len());
        for dimension in DIMENSIONS {
            let mut found: Vec<Found> = Vec::new();
            let mut add = |i: &IndicatorRef, basis: Basis| match found
                .iter_mut()
                .find(|f| f.indicator == i.indicator)
            {
                Some(f) => {
                    if rank(i.strength) > rank(f.strength) {
                        f.strength = i.strength;
                    }
                    if !f.basis.contains(&basis) {
                        f.basis.push(basis);
                    }
                }
                None => found.push(Found {
                    indicator: i.indicator.clone(),
                    strength: i.strength,
                    basis: vec![basis],
                }),
            };
            let mut bearing: Vec<&str> = Vec::new();
            for e in assisted
                .evidence
                .iter()
                .filter(|e| e.indicator.dimension == dimension)
            {
                if !visible.contains(&e.question.as_str()) {
                    continue;
                }
                if !bearing.contains(&e.question.as_str()) {
                    bearing.push(&e.question);
                }
                let given = answers.get(&e.question).map(|a| a.ids()).unwrap_or(&[]);
                if given.iter().any(|id| e.options.contains(id)) {
                    add(&e.indicator, Basis::Answer(e.question.clone()));
                }
            }
            for o in &assisted.observations {
                if let Some(i) = o.indicator.as_ref().filter(|i| i.dimension == dimension)
                    && observed.contains(&o.id.as_str())
                {
                    add(i, Basis::Observation(o.id.clone()));
                }
            }
            let unknowns = bearing
                .iter()
                .filter(|q| {
                    answers
                        .get(q)
                        .is_none_or(|a| a.ids().iter().all(|id| id == DONT_KNOW))
                })
                .count() as u32;
            let count = |s: Strength| found.iter().filter(|f| f.strength == s).count();
            let status = if positive(
                count(Strength::Strong),
                count(Strength::Medium),
                count(Strength::Weak),
            ) {
                Status::GroundsToRefer
            } else {
                Status::NotEnoughInformation
            };
            dimensions.push(DimensionSummary {
                dimension,
                status,
                found,
                unknowns,
                asked: bearing.len() as u32,
            });
        }
        let grounds = dimensions.iter().any(|d| {
            d.status == Status::GroundsToRefer
                || d.found.iter().any(|f| f.strength == Strength::Strong)
        });
        let ticked = |o: &&Observation| observed.contains(&o.id.as_str());
        Some(Summary {
            status: if grounds {
                Status::GroundsToRefer
            } else {
                Status::NotEnoughInformation
            },
            noted: assisted
                .observations
                .iter()
                .filter(ticked)
                .filter(|o| o.indicator.is_none() && !o.tb)
                .map(|o| o.id.clone())
                .collect(),
            tb_observed: assisted.observations.iter().filter(ticked).any(|o| o.tb),
            dimensions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::positive;

    #[test]
    fn the_ilo_ec_rule_for_one_dimension() {
        // (strong, medium, weak) -> positive
        let cases = [
            ((2, 0, 0), true),
            ((1, 1, 0), true),
            ((1, 0, 1), true),
            ((0, 3, 0), true),
            ((0, 2, 1), true),
            ((1, 0, 0), false),
            ((0, 2, 0), false),
            ((0, 1, 2), false),
            ((0, 0, 5), false),
            ((0, 0, 0), false),
        ];
        for ((s, m, w), expected) in cases {
            assert_eq!(
                positive(s, m, w),
                expected,
                "{s} strong, {m} medium, {w} weak"
            );
        }
    }
}
