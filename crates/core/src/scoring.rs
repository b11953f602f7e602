//! Scoring: which questions are shown, and what the visible answers add up to on each scale.
//! Every point in a result can be traced to an answer and the indicator behind it.

use crate::answers::{AnswerError, Answers};
use crate::condition::Condition;
use crate::definition::{
    Band, DONT_KNOW, Definition, Indicator, PLACES, Question, Scale, Step, Urgent,
};
use crate::text::Text;
use serde::Serialize;

/// The result of a screening: one entry per scale, in the definition's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub questionnaire: String,
    pub version: u32,
    pub scales: Vec<ScaleOutcome>,
    /// Visible questions answered (with "I don't know" included).
    pub answered: usize,
    /// Visible questions left unanswered.
    pub skipped: usize,
    /// Visible questions answered "I don't know".
    pub dont_know: usize,
}

/// Where a person landed on one scale, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleOutcome {
    pub scale: String,
    pub band: String,
    pub score: u32,
    /// The answers that set a minimum band, whatever the score.
    pub red_flags: Vec<RedFlag>,
    /// The answers that raised this scale, in the order to read them: red flags first, then
    /// by points, then in question order.
    pub reasons: Vec<Reason>,
    /// The combination rules that held (indexes into the scale's `rules`), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<usize>,
    /// Nothing that bears on this scale was really answered (all skipped or "I don't know"):
    /// the result must not read as "no signs".
    pub unanswered: bool,
}

/// An answer that set a minimum band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedFlag {
    pub question: String,
    pub answer: String,
    pub band: String,
}

/// One answer's contribution to a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub question: String,
    pub answer: String,
    pub points: u32,
    /// The band this answer forces at least, when it is a red flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub red_flag: Option<String>,
    pub indicator: Indicator,
}

impl Definition {
    /// Which questions are shown, in definition order, given the answers so far. A question
    /// whose condition refers to a hidden or unanswered question is hidden.
    pub fn visibility(&self, answers: &Answers) -> Vec<bool> {
        let mut visible: Vec<bool> = Vec::with_capacity(self.questions.len());
        for question in &self.questions {
            let shown = match &question.show_if {
                None => true,
                Some(condition) => {
                    // Only questions before this one are known yet; validation rejects
                    // references forward, so a later question counts as hidden here.
                    let known = |id: &str| {
                        self.questions
                            .iter()
                            .position(|q| q.id == id)
                            .and_then(|i| visible.get(i).copied())
                            .unwrap_or(false)
                    };
                    condition.holds(answers, &known)
                }
            };
            visible.push(shown);
        }
        visible
    }

    /// The shown questions, in order.
    pub fn visible_questions(&self, answers: &Answers) -> Vec<&Question> {
        self.questions
            .iter()
            .zip(self.visibility(answers))
            .filter_map(|(q, shown)| shown.then_some(q))
            .collect()
    }

    /// Answers without those to hidden questions: what changing an earlier answer leaves.
    pub fn prune(&self, answers: &Answers) -> Answers {
        self.questions
            .iter()
            .zip(self.visibility(answers))
            .filter(|(_, shown)| *shown)
            .filter_map(|(q, _)| answers.get(&q.id).map(|a| (q.id.clone(), a.clone())))
            .collect()
    }

    /// Scores the answers. Answers that do not fit the definition are errors (all listed);
    /// answers to hidden questions are ignored.
    pub fn score(&self, answers: &Answers) -> Result<Outcome, Vec<AnswerError>> {
        answers.check(self)?;
        Ok(self.score_checked(answers))
    }

    /// Scores answers known to fit the definition (the flow only ever records its options);
    /// an id that fits nothing adds nothing.
    pub fn score_checked(&self, answers: &Answers) -> Outcome {
        let visible = self.visible_questions(answers);
        let mut outcome = Outcome {
            questionnaire: self.id.clone(),
            version: self.version,
            scales: Vec::with_capacity(self.scales.len()),
            answered: 0,
            skipped: 0,
            dont_know: 0,
        };
        for question in &visible {
            match answers.get(&question.id) {
                None => outcome.skipped += 1,
                Some(answer) => {
                    outcome.answered += 1;
                    if answer.is_dont_know() {
                        outcome.dont_know += 1;
                    }
                }
            }
        }
        let visibility = self.visibility(answers);
        let shown = |id: &str| self.is_shown(&visibility, id);
        for scale in &self.scales {
            let mut known = 0u32;
            let mut unknown = 0u32;
            let mut reasons = Vec::new();
            let mut red_flags = Vec::new();
            let mut min_rank = 0usize;
            let mut unanswered = true;
            for question in &visible {
                let Some(answer) = answers.get(&question.id) else {
                    continue;
                };
                if !answer.is_dont_know() && self.bears_on(question, &scale.id) {
                    unanswered = false;
                }
                for id in answer.ids() {
                    let points = question.weight(id, &scale.id);
                    let flag = question
                        .option(id)
                        .and_then(|o| o.red_flag.get(&scale.id))
                        .filter(|band| scale.band(band).is_some());
                    if let Some(band) = flag {
                        min_rank = min_rank.max(scale.band_rank(band).unwrap_or(0));
                        red_flags.push(RedFlag {
                            question: question.id.clone(),
                            answer: id.clone(),
                            band: band.clone(),
                        });
                    }
                    if id == DONT_KNOW {
                        unknown = unknown.saturating_add(points);
                    } else {
                        known = known.saturating_add(points);
                    }
                    if points > 0 || flag.is_some() {
                        reasons.push(Reason {
                            question: question.id.clone(),
                            answer: id.clone(),
                            points,
                            red_flag: flag.cloned(),
                            indicator: question.indicator.clone(),
                        });
                    }
                }
            }
            let mut rules = Vec::new();
            for (i, rule) in scale.rules.iter().enumerate() {
                if rule.when.holds(answers, &shown) {
                    min_rank = min_rank.max(scale.band_rank(&rule.band).unwrap_or(0));
                    rules.push(i);
                }
            }
            // Stable sort keeps question order among equals.
            crate::order::stable_sort_by_key(&mut reasons, |r| {
                (r.red_flag.is_none(), std::cmp::Reverse(r.points))
            });
            let rank_of = |score: u32| {
                scale
                    .bands
                    .iter()
                    .rposition(|b| b.min <= score)
                    .unwrap_or(0)
            };
            let score = known.saturating_add(unknown);
            // Unknowns add their points, but the band they lead to is capped: not knowing is a
            // reason to find out, never on its own the most serious result.
            let by_known = rank_of(known);
            let by_score = by_known.max(rank_of(score).min(scale.unknowns_cap()));
            let rank = by_score.max(min_rank);
            let band = scale
                .bands
                .get(rank)
                .map(|b| b.id.clone())
                .unwrap_or_default();
            outcome.scales.push(ScaleOutcome {
                scale: scale.id.clone(),
                band,
                score,
                red_flags,
                reasons,
                rules,
                unanswered,
            });
        }
        outcome
    }
}

impl Definition {
    /// Whether the question `id` is shown, given [`Definition::visibility`]'s answer.
    fn is_shown(&self, visibility: &[bool], id: &str) -> bool {
        self.questions
            .iter()
            .position(|q| q.id == id)
            .is_some_and(|i| visibility.get(i).copied().unwrap_or(false))
    }

    /// Whether an answer to this question can move the scale: by weight, red flag or rule.
    pub fn bears_on(&self, question: &Question, scale: &str) -> bool {
        question
            .answer_ids()
            .iter()
            .any(|id| question.weight(id, scale) > 0)
            || question
                .options
                .iter()
                .any(|o| o.red_flag.contains_key(scale))
            || self.scale(scale).is_some_and(|s| {
                s.rules.iter().any(|r| {
                    r.when
                        .clauses()
                        .iter()
                        .any(|(_, c)| c.question == question.id)
                })
            })
    }

    /// Where the person is now, for choosing contacts: the place question's answer when it
    /// was shown and answered with a place, else the definition's default.
    pub fn place(&self, answers: &Answers) -> &str {
        self.place_said(answers)
            .unwrap_or(self.place.default.as_str())
    }

    /// The next steps of a band that apply to these answers, most important first.
    pub fn steps<'d>(&'d self, band: &'d Band, answers: &Answers) -> Vec<&'d Text> {
        self.applicable(&band.steps, answers)
    }

    /// The paragraphs of a band's advice that apply to these answers, in order.
    pub fn advice<'d>(&'d self, band: &'d Band, answers: &Answers) -> Vec<&'d Text> {
        self.applicable(&band.advice, answers)
    }

    /// The texts of steps or advice whose condition holds on the shown answers.
    fn applicable<'d>(&self, parts: &'d [Step], answers: &Answers) -> Vec<&'d Text> {
        parts
            .iter()
            .filter(|s| s.show_if.as_ref().is_none_or(|c| self.holds(c, answers)))
            .map(|s| &s.text)
            .collect()
    }

    /// Whether a condition holds on the answers to the questions now shown.
    pub(crate) fn holds(&self, condition: &Condition, answers: &Answers) -> bool {
        let visibility = self.visibility(answers);
        condition.holds(answers, &|id: &str| self.is_shown(&visibility, id))
    }

    /// Where the person said they are: the place question's answer when it was shown and
    /// answered with a place; `None` when they did not say (skipped, "I don't know", or no
    /// such question).
    pub fn place_said(&self, answers: &Answers) -> Option<&'static str> {
        let id = self.place.question.as_deref()?;
        if !self.visible_questions(answers).iter().any(|q| q.id == id) {
            return None;
        }
        let answer = answers.get(id)?.ids().first()?;
        PLACES.iter().find(|p| *p == answer).copied()
    }

    /// What to find out: for each shown question answered "I don't know", its `find_out`
    /// text, else the question itself.
    pub fn unknowns(&self, answers: &Answers) -> Vec<&Text> {
        self.visible_questions(answers)
            .into_iter()
            .filter(|q| answers.get(&q.id).is_some_and(|a| a.is_dont_know()))
            .map(|q| q.dont_know.find_out.as_ref().unwrap_or(&q.text))
            .collect()
    }
}

impl ScaleOutcome {
    /// Whether the result should use the scale's "unanswered" wording instead of its band's:
    /// nothing was really answered and the band is the lowest (a raised band speaks for itself).
    pub fn shows_unanswered(&self, scale: &Scale) -> bool {
        self.unanswered && scale.band_rank(&self.band) == Some(0)
    }
}

impl Outcome {
    /// The scales in the order a result shows them: the most serious band first; among bands
    /// of one level, the scale with the higher `urgency`; then definition order. A scale shown
    /// with its "unanswered" wording counts as the least serious.
    pub fn by_urgency<'o>(&'o self, d: &Definition) -> Vec<&'o ScaleOutcome> {
        let mut ordered: Vec<&ScaleOutcome> = self.scales.iter().collect();
        crate::order::stable_sort_by_key(&mut ordered, |o| {
            let scale = d.scale(&o.scale);
            let level = scale
                .filter(|s| !o.shows_unanswered(s))
                .and_then(|s| s.band(&o.band))
                .map(|b| b.level);
            (
                std::cmp::Reverse(level),
                std::cmp::Reverse(scale.map_or(0, |s| s.urgency)),
            )
        });
        ordered
    }

    /// The contact topics of the bands reached, one group per scale in urgency order (see
    /// [`Outcome::by_urgency`]): who the result lists, and for which finding. A scale at its
    /// lowest band adds no topics, unless every scale is at its lowest: then those bands'
    /// topics are all there is to offer.
    pub fn contact_groups(&self, d: &Definition) -> Vec<Vec<String>> {
        let bands: Vec<(&Band, bool)> = self
            .by_urgency(d)
            .into_iter()
            .filter_map(|o| {
                let scale = d.scale(&o.scale)?;
                Some((scale.band(&o.band)?, scale.band_rank(&o.band)? > 0))
            })
            .collect();
        let any_raised = bands.iter().any(|(_, raised)| *raised);
        bands
            .into_iter()
            .filter(|(b, raised)| (*raised || !any_raised) && !b.contact_topics.is_empty())
            .map(|(b, _)| b.contact_topics.clone())
            .collect()
    }

    /// The urgent block a result opens with, if any: that of the first band in urgency order
    /// that has one whose condition holds for these answers.
    pub fn urgent<'d>(&self, d: &'d Definition, answers: &Answers) -> Option<&'d Urgent> {
        self.by_urgency(d).into_iter().find_map(|o| {
            let urgent = d.scale(&o.scale)?.band(&o.band)?.urgent.as_ref()?;
            urgent
                .show_if
                .as_ref()
                .is_none_or(|c| d.holds(c, answers))
                .then_some(urgent)
        })
    }

    /// The outcome on one scale.
    pub fn scale(&self, id: &str) -> Option<&ScaleOutcome> {
        self.scales.iter().find(|s| s.scale == id)
    }
}

/// The highest number of points a scale can reach, ignoring conditions (an upper bound).
pub fn max_score(definition: &Definition, scale: &str) -> u32 {
    definition
        .questions
        .iter()
        .map(|q| {
            let single_best = q
                .answer_ids()
                .iter()
                .map(|id| q.weight(id, scale))
                .max()
                .unwrap_or(0);
            match q.kind {
                crate::definition::QuestionKind::Single => single_best,
                crate::definition::QuestionKind::Multi => {
                    let combined: u32 = q
                        .options
                        .iter()
                        .filter(|o| !o.exclusive)
                        .map(|o| o.weights.get(scale).copied().unwrap_or(0))
                        .sum();
                    combined.max(single_best)
                }
            }
        })
        .fold(0u32, u32::saturating_add)
}
