//! A person's answers: question id to option id (or ids, for multi-select). Questions that are
//! absent were skipped.

use crate::definition::{DONT_KNOW, Definition, QuestionKind};
use crate::error::{Error, Kind};
use crate::small_map::SmallMap;
use serde::{Deserialize, Serialize};

/// One answer: an option id, or a list of option ids for a multi-select question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

impl Answer {
    /// The selected answer ids.
    pub fn ids(&self) -> &[String] {
        match self {
            Answer::One(id) => std::slice::from_ref(id),
            Answer::Many(ids) => ids,
        }
    }

    /// Whether this is "I don't know".
    pub fn is_dont_know(&self) -> bool {
        self.ids().iter().any(|id| id == DONT_KNOW)
    }
}

/// All answers given so far, in the `{"question": "option"}` JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(SmallMap<String, Answer>);

impl FromIterator<(String, Answer)> for Answers {
    fn from_iter<I: IntoIterator<Item = (String, Answer)>>(iter: I) -> Self {
        Answers(iter.into_iter().collect())
    }
}

impl Answers {
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    /// Sets an answer; an empty multi-select counts as skipped.
    /// Whether the answer to `question` includes `option` (a radio or box shown ticked).
    pub fn has(&self, question: &str, option: &str) -> bool {
        self.get(question)
            .is_some_and(|a| a.ids().iter().any(|x| x == option))
    }

    pub fn set(&mut self, question: &str, answer: Answer) {
        if answer.ids().is_empty() {
            self.0.remove(question);
        } else {
            self.0.insert(question.to_owned(), answer);
        }
    }

    /// Removes an answer (the question is skipped).
    pub fn clear(&mut self, question: &str) {
        self.0.remove(question);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks every answer against the definition, reporting all problems at once.
    pub fn check(&self, definition: &Definition) -> Result<(), Vec<AnswerError>> {
        let mut errors = Vec::new();
        for (qid, answer) in &self.0 {
            let path = format!("$.{qid}");
            let Some(question) = definition.question(qid) else {
                errors.push(Error::of(
                    Kind::Reference,
                    path,
                    format!("there is no question \"{qid}\" in \"{}\"", definition.id),
                ));
                continue;
            };
            let err = |message: String| Error::of(Kind::Answer, path.clone(), message);
            for problem in question.answer_problems(answer, false) {
                errors.push(err(problem.message));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What is wrong with one answer to a question, with the index of the offending id when one
/// id is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub index: Option<usize>,
    pub message: String,
}

impl crate::definition::Question {
    /// The one rule for an answer, shared by scoring ([`Answers::check`]) and the collector
    /// ([`crate::payload::Payload::validate`]): one id for a single-choice question, a
    /// non-empty list for a multi-select one, every id an answer of the question (or, when
    /// `skipped_allowed`, the reserved "skipped" of a randomized report), none twice, and an
    /// exclusive answer alone.
    pub fn answer_problems(&self, answer: &Answer, skipped_allowed: bool) -> Vec<AnswerProblem> {
        let mut out = Vec::new();
        let mut push =
            |index: Option<usize>, message: String| out.push(AnswerProblem { index, message });
        match (self.kind, answer) {
            (QuestionKind::Single, Answer::Many(_)) => {
                push(None, "takes one answer, not a list".into());
                return out;
            }
            (QuestionKind::Multi, Answer::One(_)) => {
                push(None, "takes a list of answers".into());
                return out;
            }
            _ => {}
        }
        let ids = answer.ids();
        if ids.is_empty() {
            push(
                None,
                "an empty answer is a skipped question: leave it out".into(),
            );
        }
        for (i, id) in ids.iter().enumerate() {
            if skipped_allowed && id == crate::definition::SKIPPED {
                continue;
            }
            if !self.accepts(id) {
                push(
                    Some(i),
                    format!(
                        "\"{}\" is not one of its answers ({})",
                        id.escape_debug(),
                        self.answer_ids().join(", ")
                    ),
                );
            }
            if ids[..i].contains(id) {
                push(Some(i), "lists the same answer twice".into());
            }
        }
        if ids.len() > 1
            && let Some(id) = ids.iter().find(|id| self.is_exclusive(id))
        {
            push(
                None,
                format!("\"{id}\" cannot be combined with other answers"),
            );
        }
        out
    }
}

/// An answer that does not fit the definition: an [`Error`] whose path is `$.<question id>`.
pub type AnswerError = Error;
