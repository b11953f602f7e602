//! The screening flow: which screen is shown, moving between questions, and progress that stays
//! true when conditions reveal or hide questions. The widget renders this; it never decides.

use crate::answers::{Answer, Answers};
use crate::definition::{Definition, Question};
use crate::scoring::Outcome;

/// The screen a person is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// What the check is, before any question.
    Start,
    /// The question at this index of the definition's `questions`.
    Question(usize),
    /// The result of all answers given.
    Result,
}

/// Why the flow did not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowError {
    /// The question is required and has no answer yet.
    AnswerRequired,
}

/// One person's pass through a questionnaire. Independent of language, so switching language
/// keeps everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    step: Step,
    answers: Answers,
}

impl Default for Flow {
    fn default() -> Self {
        Flow::new()
    }
}

impl Flow {
    /// A flow on its start screen, with no answers.
    pub fn new() -> Flow {
        Flow {
            step: Step::Start,
            answers: Answers::default(),
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The question on screen, if a question is on screen.
    pub fn question<'d>(&self, d: &'d Definition) -> Option<&'d Question> {
        match self.step {
            Step::Question(i) => d.questions.get(i),
            _ => None,
        }
    }

    /// The answer given to the question on screen.
    pub fn current_answer(&self, d: &Definition) -> Option<&Answer> {
        self.question(d).and_then(|q| self.answers.get(&q.id))
    }

    /// Leaves the start screen for the first shown question.
    pub fn begin(&mut self, d: &Definition) {
        self.step = self.after(d, None);
    }

    /// Sets (or, with `None`, clears) the answer to the question on screen. Answers to questions
    /// that this hides are dropped, so they never count and are never sent.
    pub fn answer(&mut self, d: &Definition, answer: Option<Answer>) {
        let Some(question) = self.question(d) else {
            return;
        };
        let id = question.id.clone();
        match answer {
            Some(a) => self.answers.set(&id, a),
            None => self.answers.clear(&id),
        }
        self.answers = d.prune(&self.answers);
    }

    /// A choice ticked (`on`) or unticked on the question on screen: a radio button gives its
    /// answer; a box of a multi-select question is toggled ([`Question::toggle`]: exclusive
    /// answers clear the others).
    pub fn tick(&mut self, d: &Definition, option: &str, on: bool) {
        let Some(q) = self.question(d) else {
            return;
        };
        let answer = if q.kind == crate::definition::QuestionKind::Multi {
            q.toggle(self.current_answer(d), option, on)
        } else {
            Some(Answer::One(option.to_owned()))
        };
        self.answer(d, answer);
    }

    /// Sets (or clears) the answer to any question, as if it had been on screen: assisted mode
    /// asks where the person is with the safety questions, before the questionnaire. Answers
    /// this hides are dropped, as with [`Flow::answer`]; an unknown question changes nothing.
    pub fn preset(&mut self, d: &Definition, question: &str, answer: Option<Answer>) {
        if d.question(question).is_none() {
            return;
        }
        match answer {
            Some(a) => self.answers.set(question, a),
            None => self.answers.clear(question),
        }
        self.answers = d.prune(&self.answers);
    }

    /// Moves on to the next shown question, or to the result after the last.
    pub fn next(&mut self, d: &Definition) -> Result<(), FlowError> {
        if let Some(q) = self.question(d)
            && q.required
            && self.answers.get(&q.id).is_none()
        {
            return Err(FlowError::AnswerRequired);
        }
        self.step = match self.step {
            Step::Start => self.after(d, None),
            Step::Question(i) => self.after(d, Some(i)),
            Step::Result => Step::Result,
        };
        Ok(())
    }

    /// Leaves the question on screen unanswered (dropping any answer) and moves on.
    pub fn skip(&mut self, d: &Definition) -> Result<(), FlowError> {
        if self.question(d).is_some_and(|q| q.required) {
            return Err(FlowError::AnswerRequired);
        }
        self.answer(d, None);
        self.next(d)
    }

    /// Goes back to the previous shown question (keeping every answer), or to the start.
    pub fn back(&mut self, d: &Definition) {
        let visible = d.visibility(&self.answers);
        let before = match self.step {
            Step::Start => return,
            Step::Question(i) => i,
            Step::Result => d.questions.len(),
        };
        self.step = (0..before)
            .rev()
            .find(|&i| visible[i])
            .map_or(Step::Start, Step::Question);
    }

    /// Back to the start screen with every answer forgotten.
    pub fn restart(&mut self) {
        *self = Flow::new();
    }

    /// `(position, total)` of the question on screen among the questions shown with the
    /// answers so far, both counting from 1.
    pub fn progress(&self, d: &Definition) -> Option<(usize, usize)> {
        let Step::Question(i) = self.step else {
            return None;
        };
        let visible = d.visibility(&self.answers);
        let position = visible[..=i.min(visible.len().saturating_sub(1))]
            .iter()
            .filter(|v| **v)
            .count();
        let total = visible.iter().filter(|v| **v).count();
        Some((position, total))
    }

    /// The scored result of the answers given.
    pub fn outcome(&self, d: &Definition) -> Outcome {
        d.score_checked(&self.answers)
    }

    fn after(&self, d: &Definition, current: Option<usize>) -> Step {
        let visible = d.visibility(&self.answers);
        let from = current.map_or(0, |i| i + 1);
        (from..d.questions.len())
            .find(|&i| visible[i])
            .map_or(Step::Result, Step::Question)
    }
}
