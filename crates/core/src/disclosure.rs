//! What a report discloses, field by field, and how each field is protected: one plan that
//! [`crate::payload::Payload::build`] follows and the consent screen lists, so "everything sent
//! is disclosed, nothing undisclosed is sent" is a property of one function, tested natively.
//!
//! The guarantee (docs/privacy.md): under randomized response with parameter ε, every
//! field that depends on a sensitive answer is randomized: each sensitive question (its answer,
//! "I don't know" or "skipped", k = its answers + 1) when it is reported, and the band of every
//! scale a sensitive answer can move (k = the scale's bands). Each of those m fields gets ε/m (a
//! sensitive question that is not reported is not sent and counts for nothing), so for any two sets
//! of answers that differ only in sensitive answers, every possible report is at most e^ε times
//! as likely under one as under the other (sequential composition of k-ary randomized response).
//! Every other field is a function of non-sensitive answers only: validation forbids conditions
//! on sensitive answers, so even which questions were shown does not depend on them. Under
//! `none`, no field that depends on a sensitive answer is sent at all.

use crate::answers::Answers;
use crate::definition::{Definition, Mechanism, Question, SKIPPED, Scale};
use crate::payload::Privacy;

/// How one field of a report is protected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Treatment {
    /// Sent as it is: it depends on no sensitive answer.
    Plain,
    /// Sent through k-ary randomized response with this share of the report's budget.
    Randomized { k: usize, epsilon: f64 },
}

/// One field of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'d> {
    /// The payload version and a random submission id (for de-duplication only).
    Id,
    /// Which questionnaire, and its version.
    Questionnaire,
    /// The language the screening was done in.
    Locale,
    /// The partner's tag (only when the partner set one).
    Partner,
    /// The month, nothing finer.
    Month,
    /// The privacy mechanism and its parameter.
    Privacy,
    /// The result on one scale.
    Band(&'d Scale, Treatment),
    /// The answer to one question.
    Answer(&'d Question, Treatment),
}

/// Every field a report for these answers would carry, in payload order.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure<'d> {
    pub fields: Vec<Field<'d>>,
}

impl Definition {
    /// Whether a sensitive answer can move this scale (by weight, red flag or rule): then its
    /// band is itself sensitive.
    pub fn is_sensitive_scale(&self, scale: &Scale) -> bool {
        self.questions
            .iter()
            .filter(|q| q.sensitive)
            .any(|q| self.bears_on(q, &scale.id))
    }

    /// How many fields of a report are randomized under randomized response: the budget ε is
    /// split evenly over them. Fixed per definition, so the collector knows each field's share.
    /// A sensitive question that is not reported (`report: false`) is never sent, so it spends
    /// nothing: its budget goes to the fields that are (for the built-in returnee, the two
    /// bands, ε/2 each instead of ε/5; see `tests/estimates.rs` for what that buys).
    pub fn randomized_fields(&self) -> usize {
        let questions = self
            .questions
            .iter()
            .filter(|q| q.sensitive && q.report)
            .count();
        let scales = self
            .scales
            .iter()
            .filter(|s| self.is_sensitive_scale(s))
            .count();
        questions + scales
    }
}

impl Question {
    /// The values a sensitive answer is randomized over: every answer, then "skipped".
    pub fn report_domain(&self) -> Vec<&str> {
        let mut ids = self.answer_ids();
        ids.push(SKIPPED);
        ids
    }
}

impl Privacy {
    /// Each randomized field's share of ε for this definition (`None` without randomization).
    pub fn field_epsilon(&self, d: &Definition) -> Option<f64> {
        let epsilon = self.randomized_epsilon()?;
        Some(epsilon / d.randomized_fields().max(1) as f64)
    }
}

impl<'d> Disclosure<'d> {
    /// The plan for a report of `answers` (as the flow keeps them: answers to shown questions).
    pub fn of(
        d: &'d Definition,
        answers: &Answers,
        privacy: &Privacy,
        partner: bool,
    ) -> Disclosure<'d> {
        let share = privacy.field_epsilon(d);
        let mut fields = vec![Field::Id, Field::Questionnaire, Field::Locale];
        if partner {
            fields.push(Field::Partner);
        }
        fields.push(Field::Month);
        for scale in &d.scales {
            match (d.is_sensitive_scale(scale), share) {
                (false, _) => fields.push(Field::Band(scale, Treatment::Plain)),
                (true, Some(epsilon)) => fields.push(Field::Band(
                    scale,
                    Treatment::Randomized {
                        k: scale.bands.len(),
                        epsilon,
                    },
                )),
                (true, None) => {}
            }
        }
        for q in d.visible_questions(answers) {
            if !q.report {
                continue;
            }
            match (q.sensitive, share) {
                // Shown and answered: whether a plain question was answered depends on no
                // sensitive answer.
                (false, _) if answers.get(&q.id).is_some() => {
                    fields.push(Field::Answer(q, Treatment::Plain))
                }
                (false, _) => {}
                // Shown: sent answered or not, so skipping gives nothing away either.
                (true, Some(epsilon)) => fields.push(Field::Answer(
                    q,
                    Treatment::Randomized {
                        k: q.report_domain().len(),
                        epsilon,
                    },
                )),
                (true, None) => {}
            }
        }
        fields.push(Field::Privacy);
        Disclosure { fields }
    }

    /// The answers that would be sent, with whether each is randomized.
    pub fn answers(&self) -> impl Iterator<Item = (&'d Question, bool)> + '_ {
        self.fields.iter().filter_map(|f| match f {
            Field::Answer(q, t) => Some((*q, matches!(t, Treatment::Randomized { .. }))),
            _ => None,
        })
    }

    /// The results that would be sent, with whether each is randomized.
    pub fn bands(&self) -> impl Iterator<Item = (&'d Scale, bool)> + '_ {
        self.fields.iter().filter_map(|f| match f {
            Field::Band(s, t) => Some((*s, matches!(t, Treatment::Randomized { .. }))),
            _ => None,
        })
    }

    /// Whether anything is randomized (the consent text then explains randomization).
    pub fn randomizes(&self) -> bool {
        self.fields.iter().any(|f| {
            matches!(
                f,
                Field::Band(_, Treatment::Randomized { .. })
                    | Field::Answer(_, Treatment::Randomized { .. })
            )
        })
    }

    /// Results left out because they depend on sensitive answers and nothing is randomized.
    pub fn withheld_bands(d: &'d Definition, privacy: &Privacy) -> Vec<&'d Scale> {
        if privacy.mechanism == Mechanism::RandomizedResponse {
            return Vec::new();
        }
        d.scales
            .iter()
            .filter(|s| d.is_sensitive_scale(s))
            .collect()
    }
}
