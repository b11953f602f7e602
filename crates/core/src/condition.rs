//! When a question is shown: a small, explicit condition type (no expression language, no eval).

use crate::answers::Answers;
use serde::Serialize;

/// A condition on earlier answers. In JSON:
/// `{"answer": {"question": "contract", "in": ["no"]}}`, `{"all": [...]}`, `{"any": [...]}`,
/// `{"not": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Holds when the question was answered (and shown) with any of the given answer ids; for a
    /// multi-select question, when any of them was selected.
    Answer(AnswerIn),
    /// Holds when every condition holds.
    All(Vec<Condition>),
    /// Holds when at least one condition holds.
    Any(Vec<Condition>),
    /// Holds when the condition does not.
    Not(Box<Condition>),
    /// Holds when at least `count` of the conditions hold: the ILO/EC rule "two strong
    /// indicators of one dimension" without inventing weights.
    AtLeast(AtLeast),
}

/// The `at_least` condition's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtLeast {
    pub count: usize,
    pub of: Vec<Condition>,
}

/// The `answer` condition's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerIn {
    pub question: String,
    #[serde(rename = "in")]
    pub one_of: Vec<String>,
}

impl Condition {
    /// Evaluates against the answers of *visible* questions: `visible` says whether a question
    /// is shown, so an answer left behind on a question that became hidden never counts.
    pub fn holds(&self, answers: &Answers, visible: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Condition::Answer(AnswerIn { question, one_of }) => {
                visible(question)
                    && answers
                        .get(question)
                        .is_some_and(|a| a.ids().iter().any(|id| one_of.contains(id)))
            }
            Condition::All(all) => all.iter().all(|c| c.holds(answers, visible)),
            Condition::Any(any) => any.iter().any(|c| c.holds(answers, visible)),
            Condition::Not(inner) => !inner.holds(answers, visible),
            Condition::AtLeast(AtLeast { count, of }) => {
                of.iter().filter(|c| c.holds(answers, visible)).count() >= *count
            }
        }
    }

    /// Every `answer` clause, with its JSON path relative to this condition.
    pub fn clauses(&self) -> Vec<(String, &AnswerIn)> {
        let mut out = Vec::new();
        self.collect("", &mut out);
        out
    }

    fn collect<'a>(&'a self, path: &str, out: &mut Vec<(String, &'a AnswerIn)>) {
        match self {
            Condition::Answer(clause) => out.push((format!("{path}.answer"), clause)),
            Condition::All(list) | Condition::Any(list) => {
                let key = if matches!(self, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, c) in list.iter().enumerate() {
                    c.collect(&format!("{path}.{key}[{i}]"), out);
                }
            }
            Condition::Not(inner) => inner.collect(&format!("{path}.not"), out),
            Condition::AtLeast(AtLeast { of, .. }) => {
                for (i, c) in of.iter().enumerate() {
                    c.collect(&format!("{path}.at_least.of[{i}]"), out);
                }
            }
        }
    }

    /// Every empty `all`/`any` list, by path: they hold trivially and are almost always a mistake.
    pub fn empty_lists(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.find_empty("", &mut out);
        out
    }

    fn find_empty(&self, path: &str, out: &mut Vec<String>) {
        match self {
            Condition::Answer(_) => {}
            Condition::All(list) | Condition::Any(list) => {
                let key = if matches!(self, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                if list.is_empty() {
                    out.push(format!("{path}.{key}"));
                }
                for (i, c) in list.iter().enumerate() {
                    c.find_empty(&format!("{path}.{key}[{i}]"), out);
                }
            }
            Condition::Not(inner) => inner.find_empty(&format!("{path}.not"), out),
            Condition::AtLeast(AtLeast { count, of }) => {
                if *count == 0 || *count > of.len() {
                    out.push(format!("{path}.at_least.count"));
                }
                for (i, c) in of.iter().enumerate() {
                    c.find_empty(&format!("{path}.at_least.of[{i}]"), out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        Answers::from_iter(pairs.iter().cloned().map(|(q, a)| (q.to_owned(), a)))
    }

    #[test]
    fn parses_the_documented_shapes() {
        let read = |json: &str| {
            let mut errors = crate::error::Errors::default();
            let c = crate::parse::condition(
                &serde_json::from_str::<serde_json::Value>(json).unwrap(),
                "$",
                &mut errors,
            );
            c.filter(|_| errors.0.is_empty())
        };
        let c = read(
            r#"{"all": [{"answer": {"question": "a", "in": ["yes"]}},
                        {"not": {"any": [{"answer": {"question": "b", "in": ["x", "y"]}}]}}]}"#,
        )
        .unwrap();
        assert_eq!(c.clauses().len(), 2);
        assert_eq!(c.clauses()[1].0, ".all[1].not.any[0].answer");
        assert!(read(r#"{"answer": {"question": "a"}}"#).is_none());
        assert!(read(r#"{"eval": "1"}"#).is_none());
        assert!(read(r#"{"all": [], "any": []}"#).is_none());
    }

    #[test]
    fn answers_of_hidden_questions_never_count() {
        let c = Condition::Answer(AnswerIn {
            question: "a".into(),
            one_of: vec!["yes".into()],
        });
        let given = answers(&[("a", Answer::One("yes".into()))]);
        assert!(c.holds(&given, &|_| true));
        assert!(!c.holds(&given, &|_| false));
        assert!(!c.holds(&Answers::default(), &|_| true));
    }

    #[test]
    fn multi_select_matches_any_selected() {
        let c = Condition::Answer(AnswerIn {
            question: "costs".into(),
            one_of: vec!["visa".into()],
        });
        let given = answers(&[("costs", Answer::Many(vec!["ticket".into(), "visa".into()]))]);
        assert!(c.holds(&given, &|_| true));
        assert!(Condition::Not(Box::new(c.clone())).holds(&Answers::default(), &|_| true));
    }
}
