//! Reading a questionnaire definition (see docs/questionnaires.md, "Definition format").

use super::{Json, Object, boolean, list, map, string, text, uint, variant};
use crate::condition::{AnswerIn, AtLeast, Condition};
use crate::definition::*;
use crate::error::{Errors, Kind};
use crate::locale::Locale;
use crate::small_map::SmallMap;

const ILO: [(&str, IloIndicator); 11] = [
    ("abuse_of_vulnerability", IloIndicator::AbuseOfVulnerability),
    ("deception", IloIndicator::Deception),
    (
        "restriction_of_movement",
        IloIndicator::RestrictionOfMovement,
    ),
    ("isolation", IloIndicator::Isolation),
    (
        "physical_and_sexual_violence",
        IloIndicator::PhysicalAndSexualViolence,
    ),
    (
        "intimidation_and_threats",
        IloIndicator::IntimidationAndThreats,
    ),
    (
        "retention_of_identity_documents",
        IloIndicator::RetentionOfIdentityDocuments,
    ),
    ("withholding_of_wages", IloIndicator::WithholdingOfWages),
    ("debt_bondage", IloIndicator::DebtBondage),
    (
        "abusive_working_and_living_conditions",
        IloIndicator::AbusiveWorkingAndLivingConditions,
    ),
    ("excessive_overtime", IloIndicator::ExcessiveOvertime),
];

const DIMENSIONS: [(&str, DelphiDimension); 6] = [
    (
        "deceptive_recruitment",
        DelphiDimension::DeceptiveRecruitment,
    ),
    ("coercive_recruitment", DelphiDimension::CoerciveRecruitment),
    (
        "recruitment_by_abuse_of_vulnerability",
        DelphiDimension::RecruitmentByAbuseOfVulnerability,
    ),
    (
        "exploitative_conditions_of_work",
        DelphiDimension::ExploitativeConditionsOfWork,
    ),
    (
        "coercion_at_destination",
        DelphiDimension::CoercionAtDestination,
    ),
    (
        "abuse_of_vulnerability_at_destination",
        DelphiDimension::AbuseOfVulnerabilityAtDestination,
    ),
];

const STRENGTHS: [(&str, Strength); 3] = [
    ("strong", Strength::Strong),
    ("medium", Strength::Medium),
    ("weak", Strength::Weak),
];

const W4SS: [(&str, W4ssSymptom); 4] = [
    ("cough", W4ssSymptom::Cough),
    ("fever", W4ssSymptom::Fever),
    ("night_sweats", W4ssSymptom::NightSweats),
    ("weight_loss", W4ssSymptom::WeightLoss),
];

const KINDS: [(&str, QuestionKind); 2] = [
    ("single", QuestionKind::Single),
    ("multi", QuestionKind::Multi),
];
const LEVELS: [(&str, Level); 3] = [
    ("ok", Level::Ok),
    ("caution", Level::Caution),
    ("danger", Level::Danger),
];
const STATUSES: [(&str, ReviewStatus); 2] = [
    ("draft", ReviewStatus::Draft),
    ("reviewed", ReviewStatus::Reviewed),
];
const MECHANISMS: [(&str, Mechanism); 2] = [
    ("none", Mechanism::None),
    ("randomized_response", Mechanism::RandomizedResponse),
];

/// Reads a definition; `None` when any field is missing or of the wrong kind (all reported).
pub fn definition<J: Json>(v: &J, e: &mut Errors) -> Option<Definition> {
    let o = Object::new(
        v,
        "$",
        &[
            "schema",
            "id",
            "version",
            "locales",
            "title",
            "intro",
            "minutes",
            "disclaimer",
            "questions",
            "scales",
            "privacy",
            "unknowns_heading",
            "place",
            "default_scripts",
            "assisted",
        ],
        e,
    )?;
    let schema = o.field("schema", e, uint);
    let id = o.field("id", e, string);
    let version = o.field("version", e, uint);
    let locales = o.field("locales", e, locales);
    let title = o.field("title", e, text);
    let intro = o.field("intro", e, text);
    let minutes = o.field("minutes", e, uint);
    let disclaimer = o.field("disclaimer", e, text);
    let questions = o.field("questions", e, |v, p, e| list(v, p, e, question));
    let scales = o.field("scales", e, |v, p, e| list(v, p, e, scale));
    let privacy = o.optional("privacy", e, |v, p, e| {
        list(v, p, e, |v, p, e| variant(v, p, e, &MECHANISMS))
    });
    let unknowns_heading = o.optional("unknowns_heading", e, text);
    let place = o.optional("place", e, place);
    let default_scripts = o.optional("default_scripts", e, |v, p, e| {
        map(v, p, e, |_, s, p, e| string(s, p, e))
    });
    #[cfg(feature = "assisted")]
    let assisted = o.optional("assisted", e, assisted);
    // Skipped, unread, where assisted mode is not built (the widget, for now).
    #[cfg(not(feature = "assisted"))]
    let assisted: Result<Option<crate::assisted::Assisted>, ()> = Ok(None);
    Some(Definition {
        schema: schema?,
        id: id?,
        version: version?,
        locales: locales?,
        title: title?,
        intro: intro?,
        minutes: minutes?,
        disclaimer: disclaimer?,
        questions: questions?,
        scales: scales?,
        privacy: privacy
            .ok()?
            .unwrap_or_else(|| vec![Mechanism::None, Mechanism::RandomizedResponse]),
        unknowns_heading: unknowns_heading.ok()?,
        place: place.ok()?.unwrap_or_default(),
        default_scripts: default_scripts.ok()?.unwrap_or_default(),
        assisted: assisted.ok()?,
    })
}

/// `{"evidence": [...], "observations": [...]}` (docs/definition-format.md, "Assisted mode").
#[cfg(feature = "assisted")]
fn assisted<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<crate::assisted::Assisted> {
    use crate::assisted::{Assisted, Evidence, Observation};
    let o = Object::new(v, path, &["evidence", "observations"], e)?;
    let evidence = o.field("evidence", e, |v, p, e| {
        list(v, p, e, |v, p, e| {
            let o = Object::new(
                v,
                p,
                &[
                    "question",
                    "options",
                    "dimension",
                    "indicator",
                    "strength",
                    "source",
                ],
                e,
            )?;
            let question = o.field("question", e, string);
            let options = o.field("options", e, |v, p, e| list(v, p, e, string));
            let indicator = indicator_ref(&o, e);
            let source = o.field("source", e, string);
            Some(Evidence {
                question: question?,
                options: options?,
                indicator: indicator?,
                source: source?,
            })
        })
    });
    let observations = o.field("observations", e, |v, p, e| {
        list(v, p, e, |v, p, e| {
            let o = Object::new(
                v,
                p,
                &[
                    "id",
                    "text",
                    "dimension",
                    "indicator",
                    "strength",
                    "tb",
                    "source",
                ],
                e,
            )?;
            let id = o.field("id", e, string);
            let text = o.field("text", e, text);
            let indicator = if ["dimension", "indicator", "strength"]
                .iter()
                .any(|k| o.has(k))
            {
                Some(indicator_ref(&o, e))
            } else {
                None
            };
            let tb = o.optional("tb", e, boolean);
            let source = o.field("source", e, string);
            Some(Observation {
                id: id?,
                text: text?,
                indicator: match indicator {
                    Some(i) => Some(i?),
                    None => None,
                },
                tb: tb.ok()?.unwrap_or(false),
                source: source?,
            })
        })
    });
    Some(Assisted {
        evidence: evidence?,
        observations: observations?,
    })
}

/// The `dimension`, `indicator` and `strength` fields of an evidence entry or observation.
#[cfg(feature = "assisted")]
fn indicator_ref<J: Json>(o: &Object<J>, e: &mut Errors) -> Option<crate::assisted::IndicatorRef> {
    let dimension = o.field("dimension", e, |v, p, e| variant(v, p, e, &DIMENSIONS));
    let indicator = o.field("indicator", e, string);
    let strength = o.field("strength", e, |v, p, e| variant(v, p, e, &STRENGTHS));
    Some(crate::assisted::IndicatorRef {
        dimension: dimension?,
        indicator: indicator?,
        strength: strength?,
    })
}

fn place<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Place> {
    let o = Object::new(v, path, &["question", "default"], e)?;
    let question = o.optional("question", e, string);
    let default = o.field("default", e, string);
    Some(Place {
        question: question.ok()?,
        default: default?,
    })
}

fn locales<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<SmallMap<Locale, ReviewStatus>> {
    let by_tag = map(v, path, e, |key, status, p, e| {
        let locale = Locale::from_exact_tag(key);
        if locale.is_none() {
            e.kind(Kind::Text, p, crate::validate::not_a_locale(key));
        }
        let status = variant(status, p, e, &STATUSES);
        Some((locale?, status?))
    })?;
    Some(by_tag.into_values().collect())
}

fn question<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Question> {
    let o = Object::new(
        v,
        path,
        &[
            "id",
            "type",
            "text",
            "help",
            "indicator",
            "options",
            "dont_know",
            "required",
            "show_if",
            "report",
            "sensitive",
        ],
        e,
    )?;
    let id = o.field("id", e, string);
    let kind = o.field("type", e, |v, p, e| variant(v, p, e, &KINDS));
    let question_text = o.field("text", e, text);
    let help = o.optional("help", e, text);
    let indicator = o.field("indicator", e, indicator);
    let options = o.field("options", e, |v, p, e| list(v, p, e, choice));
    let dont_know = o.optional("dont_know", e, dont_know);
    let required = o.optional("required", e, boolean);
    let show_if = o.optional("show_if", e, condition);
    let report = o.optional("report", e, boolean);
    let sensitive = o.optional("sensitive", e, boolean);
    Some(Question {
        id: id?,
        kind: kind?,
        text: question_text?,
        help: help.ok()?,
        indicator: indicator?,
        options: options?,
        dont_know: dont_know.ok()?.unwrap_or_default(),
        required: required.ok()?.unwrap_or(false),
        show_if: show_if.ok()?,
        report: report.ok()?.unwrap_or(false),
        sensitive: sensitive.ok()?.unwrap_or(false),
    })
}

fn weights<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<SmallMap<String, u32>> {
    map(v, path, e, |_, w, p, e| uint(w, p, e))
}

fn choice<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Choice> {
    let o = Object::new(
        v,
        path,
        &["id", "text", "weights", "red_flag", "reason", "exclusive"],
        e,
    )?;
    let id = o.field("id", e, string);
    let choice_text = o.field("text", e, text);
    let weights = o.optional("weights", e, weights);
    let red_flag = o.optional("red_flag", e, |v, p, e| {
        map(v, p, e, |_, b, p, e| string(b, p, e))
    });
    let reason = o.optional("reason", e, text);
    let exclusive = o.optional("exclusive", e, boolean);
    Some(Choice {
        id: id?,
        text: choice_text?,
        weights: weights.ok()?.unwrap_or_default(),
        red_flag: red_flag.ok()?.unwrap_or_default(),
        reason: reason.ok()?,
        exclusive: exclusive.ok()?.unwrap_or(false),
    })
}

fn dont_know<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<DontKnow> {
    let o = Object::new(v, path, &["offered", "weights", "reason", "find_out"], e)?;
    let offered = o.optional("offered", e, boolean);
    let weights = o.optional("weights", e, weights);
    let reason = o.optional("reason", e, text);
    let find_out = o.optional("find_out", e, text);
    Some(DontKnow {
        offered: offered.ok()?.unwrap_or(true),
        weights: weights.ok()?.unwrap_or_default(),
        reason: reason.ok()?,
        find_out: find_out.ok()?,
    })
}

fn indicator<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Indicator> {
    let o = Object::new(v, path, &["ilo", "delphi", "w4ss", "other", "source"], e)?;
    let ilo = o.optional("ilo", e, |v, p, e| variant(v, p, e, &ILO));
    let delphi = o.optional("delphi", e, |v, p, e| {
        let d = Object::new(v, p, &["dimension", "strength"], e)?;
        let dimension = d.field("dimension", e, |v, p, e| variant(v, p, e, &DIMENSIONS));
        let strength = d.field("strength", e, |v, p, e| variant(v, p, e, &STRENGTHS));
        Some(DelphiIndicator {
            dimension: dimension?,
            strength: strength?,
        })
    });
    let w4ss = o.optional("w4ss", e, |v, p, e| variant(v, p, e, &W4SS));
    let other = o.optional("other", e, string);
    let source = o.field("source", e, string);
    Some(Indicator {
        ilo: ilo.ok()?,
        delphi: delphi.ok()?,
        w4ss: w4ss.ok()?,
        other: other.ok()?,
        source: source?,
    })
}

/// `{"answer": {"question": ..., "in": [...]}}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": ...}`,
/// `{"at_least": {"count": N, "of": [...]}}`.
pub(crate) fn condition<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Condition> {
    let o = Object::new(v, path, &["answer", "all", "any", "not", "at_least"], e)?;
    if o.len() != 1 {
        e.push(
            path,
            "a condition is exactly one of `answer`, `all`, `any`, `not` or `at_least`",
        );
        return None;
    }
    if let Some(body) = o.opt("at_least") {
        let p = o.at("at_least");
        let a = Object::new(body, &p, &["count", "of"], e)?;
        let count = a.field("count", e, uint);
        let of = a.field("of", e, |v, p, e| list(v, p, e, condition));
        return Some(Condition::AtLeast(AtLeast {
            count: count? as usize,
            of: of?,
        }));
    }
    if let Some(body) = o.opt("answer") {
        let p = o.at("answer");
        let a = Object::new(body, &p, &["question", "in"], e)?;
        let question = a.field("question", e, string);
        let one_of = a.field("in", e, |v, p, e| list(v, p, e, string));
        return Some(Condition::Answer(AnswerIn {
            question: question?,
            one_of: one_of?,
        }));
    }
    if let Some(items) = o.opt("all") {
        return list(items, &o.at("all"), e, condition).map(Condition::All);
    }
    if let Some(items) = o.opt("any") {
        return list(items, &o.at("any"), e, condition).map(Condition::Any);
    }
    let inner = o.field("not", e, condition)?;
    Some(Condition::Not(Box::new(inner)))
}

fn scale<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Scale> {
    let o = Object::new(
        v,
        path,
        &[
            "id",
            "title",
            "bands",
            "rules",
            "unknowns_up_to",
            "unanswered",
            "urgency",
        ],
        e,
    )?;
    let id = o.field("id", e, string);
    let title = o.field("title", e, text);
    let bands = o.field("bands", e, |v, p, e| list(v, p, e, band));
    let rules = o.optional("rules", e, |v, p, e| list(v, p, e, rule));
    let unknowns_up_to = o.optional("unknowns_up_to", e, string);
    let urgency = o.optional("urgency", e, uint);
    let unanswered = o.optional("unanswered", e, |v, p, e| {
        let u = Object::new(v, p, &["title", "advice"], e)?;
        let title = u.field("title", e, text);
        let advice = u.field("advice", e, text);
        Some(Unanswered {
            title: title?,
            advice: advice?,
        })
    });
    Some(Scale {
        id: id?,
        title: title?,
        bands: bands?,
        rules: rules.ok()?.unwrap_or_default(),
        unknowns_up_to: unknowns_up_to.ok()?,
        unanswered: unanswered.ok()?,
        urgency: urgency.ok()?.unwrap_or(0),
    })
}

fn rule<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Rule> {
    let o = Object::new(v, path, &["id", "band", "when", "reason"], e)?;
    let id = o.optional("id", e, string);
    let band = o.field("band", e, string);
    let when = o.field("when", e, condition);
    let reason = o.field("reason", e, text);
    Some(Rule {
        id: id.ok()?,
        band: band?,
        when: when?,
        reason: reason?,
    })
}

/// A step: a text, or `{"id": ..., "text": ..., "show_if": ..., "source": ...}`.
fn step<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Step> {
    let is_step_object = v.entries().is_some_and(|m| {
        m.iter()
            .any(|(k, _)| k == "id" || k == "text" || k == "show_if" || k == "source")
    });
    if !is_step_object {
        return text(v, path, e).map(|text| Step {
            id: None,
            text,
            show_if: None,
            source: None,
        });
    }
    let o = Object::new(v, path, &["id", "text", "show_if", "source"], e)?;
    let id = o.optional("id", e, string);
    let step_text = o.field("text", e, text);
    let show_if = o.optional("show_if", e, condition);
    let source = o.optional("source", e, string);
    Some(Step {
        id: id.ok()?,
        text: step_text?,
        show_if: show_if.ok()?,
        source: source.ok()?,
    })
}

/// Advice: one text, or a list of texts and `{"text": ..., "show_if": ...}` paragraphs.
fn advice<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Vec<Step>> {
    if v.items().is_some() {
        list(v, path, e, step)
    } else {
        step(v, path, e).map(|s| vec![s])
    }
}

/// The urgent block: `{"topics": [...], "show_if": ...}`.
fn urgent<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Urgent> {
    let o = Object::new(v, path, &["topics", "show_if"], e)?;
    let topics = o.field("topics", e, |v, p, e| list(v, p, e, string));
    let show_if = o.optional("show_if", e, condition);
    Some(Urgent {
        topics: topics?,
        show_if: show_if.ok()?,
    })
}

fn band<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Band> {
    let o = Object::new(
        v,
        path,
        &[
            "id",
            "min",
            "level",
            "title",
            "advice",
            "steps",
            "contact_topics",
            "urgent",
        ],
        e,
    )?;
    let id = o.field("id", e, string);
    let min = o.field("min", e, uint);
    let level = o.field("level", e, |v, p, e| variant(v, p, e, &LEVELS));
    let title = o.field("title", e, text);
    let advice = o.field("advice", e, advice);
    let steps = o.field("steps", e, |v, p, e| list(v, p, e, step));
    let topics = o.optional("contact_topics", e, |v, p, e| list(v, p, e, string));
    let urgent = o.optional("urgent", e, urgent);
    Some(Band {
        id: id?,
        min: min?,
        level: level?,
        title: title?,
        advice: advice?,
        steps: steps?,
        contact_topics: topics.ok()?.unwrap_or_default(),
        urgent: urgent.ok()?,
    })
}
