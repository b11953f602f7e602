//! The rules a definition must follow beyond its JSON shape. Every rule reports every place it
//! is broken, with the JSON path and a sentence a partner can act on.

use crate::condition::Condition;
use crate::definition::{
    DONT_KNOW, Definition, PLACES, Question, QuestionKind, SCHEMA, SCHEMAS, SKIPPED,
};
use crate::error::{DefinitionError, Errors, Kind};
use crate::locale::Locale;
use crate::parse;
use crate::scoring::max_score;
use crate::small_map::{SmallMap, SmallSet};
use crate::text::Text;

/// Reads and validates a definition: the one way a definition enters the product.
pub fn parse_definition(json: &str) -> Result<Definition, Vec<DefinitionError>> {
    definition_from_json(&parse::json(json)?)
}

/// As [`parse_definition`], from JSON already parsed (the widget parses with the browser's
/// `JSON.parse`, which costs its wasm no parser code).
pub fn definition_from_json<J: parse::Json>(value: &J) -> Result<Definition, Vec<DefinitionError>> {
    let mut errors = Errors::default();
    let definition = parse::definition(value, &mut errors);
    let definition = match definition {
        Some(d) if errors.0.is_empty() => d,
        _ => return Err(errors.0),
    };
    validate(&definition)?;
    Ok(definition)
}

/// Checks every rule; `Ok` means the definition can be shown and scored.
pub fn validate(d: &Definition) -> Result<(), Vec<DefinitionError>> {
    let mut e = Errors::default();
    let offered: Vec<Locale> = d.offered_locales();
    if !SCHEMAS.contains(&d.schema) {
        e.kind(
            Kind::Unsupported,
            "$.schema",
            format!(
                "schema {} is not supported (this engine reads schemas 1 to {SCHEMA})",
                d.schema
            ),
        );
    }
    check_id(&mut e, "$.id", &d.id, "questionnaire");
    if d.version == 0 {
        e.kind(Kind::BadValue, "$.version", "version starts at 1");
    }
    if offered.is_empty() {
        e.push(
            "$.locales",
            format!(
                "offers no locale; add at least one of {}",
                crate::locale::TAGS
            ),
        );
    }
    for (language, script) in &d.default_scripts {
        let path = format!("$.default_scripts.{language}");
        match Locale::from_exact_tag(&format!("{language}-{script}")) {
            None => e.kind(Kind::Text,
                path,
                format!("\"{language}\" in script \"{script}\" is not a locale (use {{\"uz\": \"Cyrl\"}} or {{\"uz\": \"Latn\"}})"),
            ),
            Some(l) if !offered.contains(&l) => e.kind(Kind::Text,
                path,
                format!("names \"{l}\", which the questionnaire does not offer in $.locales"),
            ),
            Some(_) => {}
        }
    }
    if !(1..=60).contains(&d.minutes) {
        e.kind(
            Kind::BadValue,
            "$.minutes",
            format!(
                "{} minutes is not a plausible duration (1 to 60)",
                d.minutes
            ),
        );
    }
    let mut t = TextCheck {
        e: &mut e,
        offered: &offered,
    };
    t.check("$.title", &d.title);
    t.check("$.intro", &d.intro);
    t.check("$.disclaimer", &d.disclaimer);

    let scale_ids = scales(&mut e, d, &offered);
    if d.questions.is_empty() {
        e.kind(Kind::Reference, "$.questions", "has no questions");
    }
    let mut seen = SmallMap::new();
    for (i, q) in d.questions.iter().enumerate() {
        let path = format!("$.questions[{i}]");
        check_id(&mut e, &format!("{path}.id"), &q.id, "question");
        if let Some(first) = seen.insert(q.id.as_str(), i) {
            e.kind(
                Kind::Duplicate,
                format!("{path}.id"),
                format!(
                    "question id \"{}\" is already used by $.questions[{first}]",
                    q.id
                ),
            );
        }
        question(&mut e, d, &path, q, &scale_ids, &offered);
    }
    conditions(&mut e, d);
    place(&mut e, d);
    reachability(&mut e, d);
    #[cfg(feature = "assisted")]
    assisted(&mut e, d, &offered);
    e.into_result(())
}

/// The assisted-mode section: evidence names questions and options that exist, one indicator
/// has one strength in its dimension, observations have unique ids and their text in every
/// offered locale, and every claim has a source.
#[cfg(feature = "assisted")]
fn assisted(e: &mut Errors, d: &Definition, offered: &[Locale]) {
    use crate::assisted::IndicatorRef;
    let Some(a) = &d.assisted else {
        return;
    };
    // One indicator has one strength in its dimension, wherever it is named.
    let refs: Vec<(&IndicatorRef, String)> = a
        .evidence
        .iter()
        .enumerate()
        .map(|(i, ev)| (&ev.indicator, format!("$.assisted.evidence[{i}]")))
        .chain(a.observations.iter().enumerate().filter_map(|(i, o)| {
            let path = format!("$.assisted.observations[{i}]");
            o.indicator.as_ref().map(|r| (r, path))
        }))
        .collect();
    for (k, (i, path)) in refs.iter().enumerate() {
        check_id(e, &format!("{path}.indicator"), &i.indicator, "indicator");
        if let Some((j, first)) = refs[..k].iter().find(|(j, _)| {
            j.dimension == i.dimension && j.indicator == i.indicator && j.strength != i.strength
        }) {
            e.kind(
                Kind::BadValue,
                format!("{path}.strength"),
                format!(
                    "indicator \"{}\" has another strength at {first} ({:?}); an indicator has one strength in its dimension",
                    i.indicator, j.strength
                ),
            );
        }
    }
    let mut given: Vec<(&str, &str, &IndicatorRef)> = Vec::new();
    for (i, ev) in a.evidence.iter().enumerate() {
        let path = format!("$.assisted.evidence[{i}]");
        source(e, &path, &ev.source);
        let Some(q) = d.question(&ev.question) else {
            e.kind(
                Kind::Reference,
                format!("{path}.question"),
                format!("there is no question \"{}\"", ev.question),
            );
            continue;
        };
        if ev.options.is_empty() {
            e.push(format!("{path}.options"), "names no option");
        }
        for (k, option) in ev.options.iter().enumerate() {
            let at = format!("{path}.options[{k}]");
            if option == DONT_KNOW {
                e.kind(
                    Kind::BadValue,
                    at,
                    "\"I don't know\" is evidence of nothing (it counts as unknown)",
                );
            } else if !q.options.iter().any(|c| &c.id == option) {
                e.kind(
                    Kind::Reference,
                    at,
                    format!("question \"{}\" has no option \"{option}\"", q.id),
                );
            } else if given.iter().any(|(gq, go, gi)| {
                *gq == q.id
                    && *go == option
                    && gi.dimension == ev.indicator.dimension
                    && gi.indicator == ev.indicator.indicator
            }) {
                e.kind(
                    Kind::Duplicate,
                    at,
                    format!(
                        "\"{}\" of \"{}\" is already evidence of \"{}\"",
                        option, q.id, ev.indicator.indicator
                    ),
                );
            } else {
                given.push((&q.id, option, &ev.indicator));
            }
        }
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, o) in a.observations.iter().enumerate() {
        let path = format!("$.assisted.observations[{i}]");
        check_id(e, &format!("{path}.id"), &o.id, "observation");
        if ids.contains(&o.id.as_str()) {
            e.kind(
                Kind::Duplicate,
                format!("{path}.id"),
                format!("observation id \"{}\" is already used", o.id),
            );
        }
        ids.push(&o.id);
        TextCheck { e, offered }.check(&format!("{path}.text"), &o.text);
        source(e, &path, &o.source);
    }
}

/// A claim's public source, present and not blank.
#[cfg(feature = "assisted")]
fn source(e: &mut Errors, path: &str, source: &str) {
    if source.trim().is_empty() {
        e.kind(
            Kind::MissingField,
            format!("{path}.source"),
            "every claim about an indicator needs its public source",
        );
    }
}

/// The message for a text or locale key that is not one of ours; a bare `uz` is told to name
/// its script.
pub(crate) fn not_a_locale(key: &str) -> String {
    if key == "uz" {
        "\"uz\" needs its script: \"uz-Latn\" (Latin) or \"uz-Cyrl\" (Cyrillic)".to_owned()
    } else {
        format!("\"{key}\" is not a locale (use {})", crate::locale::TAGS)
    }
}

/// Text present, non-empty, in exactly the offered locales.
struct TextCheck<'a> {
    e: &'a mut Errors,
    offered: &'a [Locale],
}

impl TextCheck<'_> {
    fn check(&mut self, path: &str, text: &Text) {
        for key in text.0.keys() {
            match Locale::from_exact_tag(key) {
                None => self.e.kind(Kind::Text, format!("{path}.{key}"), not_a_locale(key)),
                Some(l) if !self.offered.contains(&l) => self.e.kind(Kind::Text,
                    format!("{path}.{key}"),
                    format!("has \"{key}\" text but the questionnaire does not offer \"{key}\" in $.locales"),
                ),
                Some(_) => {}
            }
        }
        for l in self.offered {
            match text.0.get(l.tag()) {
                None => self
                    .e
                    .kind(Kind::Text, path, format!("missing the \"{l}\" translation")),
                Some(s) if s.trim().is_empty() => {
                    self.e.kind(Kind::Text, format!("{path}.{l}"), "is empty")
                }
                Some(_) => {}
            }
        }
    }
}

/// Ids are short snake_case words: they appear in answers, reports and URLs.
fn check_id(e: &mut Errors, path: &str, id: &str, what: &str) {
    let ok = id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        e.kind(
            Kind::BadValue,
            path,
            format!(
                "{what} id \"{id}\" must start with a-z and use only a-z, 0-9, _ or - (at most 40)"
            ),
        );
    }
}

fn scales<'a>(e: &mut Errors, d: &'a Definition, offered: &[Locale]) -> SmallSet<&'a str> {
    let mut ids = SmallSet::new();
    if d.scales.is_empty() {
        e.push("$.scales", "has no scales; a result needs at least one");
    }
    for (i, s) in d.scales.iter().enumerate() {
        let path = format!("$.scales[{i}]");
        check_id(e, &format!("{path}.id"), &s.id, "scale");
        if !ids.insert(s.id.as_str()) {
            e.kind(
                Kind::Duplicate,
                format!("{path}.id"),
                format!("scale id \"{}\" is used twice", s.id),
            );
        }
        TextCheck { e, offered }.check(&format!("{path}.title"), &s.title);
        if s.bands.len() < 2 {
            e.push(format!("{path}.bands"), "needs at least two bands");
        }
        let mut band_ids = SmallSet::new();
        for (j, b) in s.bands.iter().enumerate() {
            let bp = format!("{path}.bands[{j}]");
            check_id(e, &format!("{bp}.id"), &b.id, "band");
            if !band_ids.insert(b.id.as_str()) {
                e.kind(
                    Kind::Duplicate,
                    format!("{bp}.id"),
                    format!("band id \"{}\" is used twice in scale \"{}\"", b.id, s.id),
                );
            }
            if j == 0 && b.min != 0 {
                e.kind(
                    Kind::Order,
                    format!("{bp}.min"),
                    format!("the first band must start at 0, not {}", b.min),
                );
            }
            if j > 0 && b.min <= s.bands[j - 1].min {
                e.kind(
                    Kind::Order,
                    format!("{bp}.min"),
                    format!(
                        "thresholds out of order: {} is not above the previous band's {}",
                        b.min,
                        s.bands[j - 1].min
                    ),
                );
            }
            if j > 0 && b.level < s.bands[j - 1].level {
                e.kind(
                    Kind::Order,
                    format!("{bp}.level"),
                    "a higher band cannot be less serious than the one below it",
                );
            }
            let mut t = TextCheck { e, offered };
            t.check(&format!("{bp}.title"), &b.title);
            parts(e, d, offered, &format!("{bp}.advice"), &b.advice, "advice");
            if b.steps.is_empty() {
                e.push(format!("{bp}.steps"), "a band needs at least one next step");
            }
            parts(e, d, offered, &format!("{bp}.steps"), &b.steps, "step");
            if let Some(u) = &b.urgent {
                let up = format!("{bp}.urgent");
                if u.topics.is_empty() {
                    e.push(
                        format!("{up}.topics"),
                        "name at least one topic to call about",
                    );
                }
                for (k, topic) in u.topics.iter().enumerate() {
                    if let Some(problem) = crate::contacts::topic_problem(topic) {
                        e.kind(Kind::Reference, format!("{up}.topics[{k}]"), problem);
                    }
                }
                if let Some(c) = &u.show_if {
                    condition(e, d, &format!("{up}.show_if"), c, None);
                }
            }
            for (k, topic) in b.contact_topics.iter().enumerate() {
                if let Some(problem) = crate::contacts::topic_problem(topic) {
                    e.kind(
                        Kind::Reference,
                        format!("{bp}.contact_topics[{k}]"),
                        problem,
                    );
                }
            }
        }
        let mut rule_ids = Vec::new();
        for (k, rule) in s.rules.iter().enumerate() {
            let rp = format!("{path}.rules[{k}]");
            stable_id(e, d, &rp, rule.id.as_deref(), "rule", &mut rule_ids);
            if s.band(&rule.band).is_none() {
                e.kind(
                    Kind::Reference,
                    format!("{rp}.band"),
                    format!("scale \"{}\" has no band \"{}\"", s.id, rule.band),
                );
            }
            TextCheck { e, offered }.check(&format!("{rp}.reason"), &rule.reason);
            condition(e, d, &format!("{rp}.when"), &rule.when, None);
            for (sub, clause) in rule.when.clauses() {
                if clause.one_of.iter().any(|id| id == DONT_KNOW) {
                    e.push(
                        format!("{rp}.when{sub}.in"),
                        "a rule cannot count \"I don't know\": unknowns are capped by unknowns_up_to",
                    );
                }
            }
        }
        if let Some(cap) = &s.unknowns_up_to {
            match s.band_rank(cap) {
                None => e.kind(Kind::Order,
                    format!("{path}.unknowns_up_to"),
                    format!("scale \"{}\" has no band \"{cap}\"", s.id),
                ),
                Some(rank) if rank + 1 >= s.bands.len() => e.kind(Kind::Order,
                    format!("{path}.unknowns_up_to"),
                    "must be below the highest band: \"I don't know\" answers alone never reach the most serious result",
                ),
                Some(_) => {}
            }
        }
        if let Some(u) = &s.unanswered {
            let mut t = TextCheck { e, offered };
            t.check(&format!("{path}.unanswered.title"), &u.title);
            t.check(&format!("{path}.unanswered.advice"), &u.advice);
        }
    }
    ids
}

/// Steps or paragraphs of advice: text in every offered locale, valid conditions, at least one
/// shown whatever the answers, and a source for every conditional paragraph of advice (a claim
/// about one place's law or practice).
fn parts(
    e: &mut Errors,
    d: &Definition,
    offered: &[crate::locale::Locale],
    path: &str,
    list: &[crate::definition::Step],
    what: &str,
) {
    // A single unconditional advice is written as a plain text, at the field's own path.
    let single = what == "advice" && list.len() == 1 && list[0].show_if.is_none();
    let mut seen: Vec<&str> = Vec::new();
    for (k, part) in list.iter().enumerate() {
        let sp = if single {
            path.to_owned()
        } else {
            format!("{path}[{k}]")
        };
        if !single {
            stable_id(e, d, &sp, part.id.as_deref(), what, &mut seen);
        }
        if part.show_if.is_some() || part.source.is_some() || part.id.is_some() {
            TextCheck { e, offered }.check(&format!("{sp}.text"), &part.text);
        } else {
            TextCheck { e, offered }.check(&sp, &part.text);
        }
        if let Some(c) = &part.show_if {
            condition(e, d, &format!("{sp}.show_if"), c, None);
            if what == "advice" && part.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
                e.push(
                    format!("{sp}.source"),
                    "conditional advice is a claim about one situation: say where it comes from",
                );
            }
        }
    }
    if !list.is_empty() && list.iter().all(|s| s.show_if.is_some()) {
        e.push(
            path.to_owned(),
            format!("every {what} has a condition: give at least one {what} that is always shown"),
        );
    }
}

/// From schema 2, a step, a rule or a paragraph of advice in a list has an id, unique in its
/// list: translations are matched to it by that id, so it keeps them when it moves.
fn stable_id<'a>(
    e: &mut Errors,
    d: &Definition,
    path: &str,
    id: Option<&'a str>,
    what: &str,
    seen: &mut Vec<&'a str>,
) {
    match id {
        None if d.schema >= 2 => e.kind(
            Kind::MissingField,
            format!("{path}.id"),
            format!(
                "a {what} needs an id from schema 2 (it names the {what} for translators, so it keeps its translation when it moves); `screening-i18n add-ids` adds them to a schema 1 file"
            ),
        ),
        None => {}
        Some(id) => {
            check_id(e, &format!("{path}.id"), id, what);
            if seen.contains(&id) {
                e.kind(
                    Kind::Duplicate,
                    format!("{path}.id"),
                    format!("another {what} in this list has the id \"{id}\""),
                );
            }
            seen.push(id);
        }
    }
}

/// Where the person is: a known place, from a single-choice question of places.
fn place(e: &mut Errors, d: &Definition) {
    if !PLACES.contains(&d.place.default.as_str()) {
        e.kind(
            Kind::Reference,
            "$.place.default",
            format!(
                "\"{}\" is not a place (use one of {})",
                d.place.default,
                PLACES.join(", ")
            ),
        );
    }
    let Some(id) = &d.place.question else {
        return;
    };
    let Some(q) = d.question(id) else {
        e.kind(
            Kind::Reference,
            "$.place.question",
            format!("there is no question \"{id}\""),
        );
        return;
    };
    if q.kind != QuestionKind::Single {
        e.push(
            "$.place.question",
            format!("question \"{id}\" must be single-choice to say where the person is"),
        );
    }
    for o in &q.options {
        if !PLACES.contains(&o.id.as_str()) {
            e.kind(
                Kind::Reference,
                "$.place.question",
                format!(
                    "option \"{}\" of question \"{id}\" is not a place (option ids must be {})",
                    o.id,
                    PLACES.join(", ")
                ),
            );
        }
    }
}

fn question(
    e: &mut Errors,
    d: &Definition,
    path: &str,
    q: &Question,
    scale_ids: &SmallSet<&str>,
    offered: &[Locale],
) {
    TextCheck { e, offered }.check(&format!("{path}.text"), &q.text);
    if let Some(help) = &q.help {
        TextCheck { e, offered }.check(&format!("{path}.help"), help);
    }
    let ind = &q.indicator;
    if ind.ilo.is_none() && ind.delphi.is_none() && ind.w4ss.is_none() && ind.other.is_none() {
        e.push(
            format!("{path}.indicator"),
            "names no indicator: give at least one of ilo, delphi, w4ss or other",
        );
    }
    if let Some(other) = &ind.other {
        check_id(e, &format!("{path}.indicator.other"), other, "indicator");
    }
    if ind.source.trim().is_empty() {
        e.push(
            format!("{path}.indicator.source"),
            "every indicator needs its public source",
        );
    }
    if q.options.len() < 2 {
        e.push(
            format!("{path}.options"),
            "a question needs at least two options",
        );
    }
    let mut option_ids = SmallSet::new();
    for (j, o) in q.options.iter().enumerate() {
        let op = format!("{path}.options[{j}]");
        check_id(e, &format!("{op}.id"), &o.id, "option");
        if o.id == DONT_KNOW {
            e.kind(Kind::Reserved,
                format!("{op}.id"),
                "\"dont_know\" is reserved: configure \"I don't know\" with the question's dont_know field",
            );
        }
        if o.id == SKIPPED {
            e.kind(
                Kind::Reserved,
                format!("{op}.id"),
                "\"skipped\" is reserved: reports use it for a question left unanswered",
            );
        }
        if !option_ids.insert(o.id.as_str()) {
            e.kind(
                Kind::Duplicate,
                format!("{op}.id"),
                format!(
                    "option id \"{}\" is used twice in question \"{}\"",
                    o.id, q.id
                ),
            );
        }
        TextCheck { e, offered }.check(&format!("{op}.text"), &o.text);
        weights(e, &format!("{op}.weights"), &o.weights, scale_ids);
        for (scale, band) in &o.red_flag {
            let fp = format!("{op}.red_flag.{scale}");
            match d.scale(scale) {
                None => e.kind(
                    Kind::Reference,
                    fp,
                    format!("there is no scale \"{scale}\""),
                ),
                Some(s) if s.band(band).is_none() => e.kind(
                    Kind::Reference,
                    fp,
                    format!("scale \"{scale}\" has no band \"{band}\""),
                ),
                Some(_) => {}
            }
        }
        reason(
            e,
            &format!("{op}.reason"),
            o.raises(),
            o.reason.as_ref(),
            offered,
        );
        if o.exclusive && q.kind == QuestionKind::Single {
            e.push(
                format!("{op}.exclusive"),
                "only options of a multi-select question can be exclusive",
            );
        }
    }
    let dk = &q.dont_know;
    weights(
        e,
        &format!("{path}.dont_know.weights"),
        &dk.weights,
        scale_ids,
    );
    if let Some(find_out) = &dk.find_out {
        TextCheck { e, offered }.check(&format!("{path}.dont_know.find_out"), find_out);
    }
    if !dk.offered && (!dk.weights.is_empty() || dk.reason.is_some() || dk.find_out.is_some()) {
        e.push(
            format!("{path}.dont_know"),
            "\"I don't know\" is not offered, so it cannot carry weights, a reason or find_out",
        );
    } else {
        let raises = dk.weights.values().any(|w| *w > 0);
        reason(
            e,
            &format!("{path}.dont_know.reason"),
            raises,
            dk.reason.as_ref(),
            offered,
        );
    }
    if q.sensitive && q.kind == QuestionKind::Multi {
        e.push(
            format!("{path}.sensitive"),
            "randomized response supports single-choice questions only",
        );
    }
}

fn weights(
    e: &mut Errors,
    path: &str,
    weights: &SmallMap<String, u32>,
    scale_ids: &SmallSet<&str>,
) {
    for (scale, w) in weights {
        if !scale_ids.contains(scale.as_str()) {
            e.kind(
                Kind::Reference,
                format!("{path}.{scale}"),
                format!("there is no scale \"{scale}\""),
            );
        }
        if *w > 1000 {
            e.kind(
                Kind::BadValue,
                format!("{path}.{scale}"),
                format!("weight {w} is implausibly large (at most 1000)"),
            );
        }
    }
}

fn reason(e: &mut Errors, path: &str, raises: bool, reason: Option<&Text>, offered: &[Locale]) {
    match (raises, reason) {
        (true, None) => e.push(
            path,
            "this answer raises a scale, so it needs a reason to show in the result",
        ),
        (false, Some(_)) => e.push(
            path,
            "this answer raises no scale, so its reason would never be shown",
        ),
        (true, Some(text)) => TextCheck { e, offered }.check(path, text),
        (false, None) => {}
    }
}

/// Question conditions: references resolve, no cycles, no forward references, and none on a
/// sensitive answer (whether a question was shown would give the answer away in a report).
fn conditions(e: &mut Errors, d: &Definition) {
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); d.questions.len()];
    for (i, q) in d.questions.iter().enumerate() {
        let Some(c) = &q.show_if else {
            continue;
        };
        let path = format!("$.questions[{i}].show_if");
        edges[i] = condition(e, d, &path, c, Some(i));
        for (sub, clause) in c.clauses() {
            if d.question(&clause.question).is_some_and(|r| r.sensitive) {
                e.push(
                    format!("{path}{sub}.question"),
                    format!(
                        "refers to the sensitive question \"{}\": whether this question is shown would reveal its answer",
                        clause.question
                    ),
                );
            }
        }
    }
    for cycle in cycles(&edges) {
        let names: Vec<&str> = cycle.iter().map(|&i| d.questions[i].id.as_str()).collect();
        e.kind(
            Kind::Cycle,
            format!("$.questions[{}].show_if", cycle[0]),
            format!(
                "conditions form a cycle: {} -> {}",
                names.join(" -> "),
                names[0]
            ),
        );
    }
}

/// One condition: no empty lists or impossible counts, every question and answer exists, and
/// (for a question's own condition, `owner`) only earlier questions. Returns the questions it
/// refers to, by index.
fn condition(
    e: &mut Errors,
    d: &Definition,
    path: &str,
    c: &Condition,
    owner: Option<usize>,
) -> Vec<usize> {
    for empty in c.empty_lists() {
        let message = if empty.ends_with(".count") {
            "count must be from 1 to the number of conditions listed"
        } else {
            "an empty list is always true or false; remove it or add conditions"
        };
        e.push(format!("{path}{empty}"), message);
    }
    let mut targets = Vec::new();
    for (sub, clause) in c.clauses() {
        let cp = format!("{path}{sub}");
        let Some(target) = d.questions.iter().position(|q| q.id == clause.question) else {
            e.kind(
                Kind::Reference,
                format!("{cp}.question"),
                format!("there is no question \"{}\"", clause.question),
            );
            continue;
        };
        targets.push(target);
        if clause.one_of.is_empty() {
            e.kind(
                Kind::Reference,
                format!("{cp}.in"),
                "lists no answers, so it never holds",
            );
        }
        let referenced = &d.questions[target];
        for (k, id) in clause.one_of.iter().enumerate() {
            if !referenced.accepts(id) {
                e.kind(
                    Kind::Reference,
                    format!("{cp}.in[{k}]"),
                    format!("question \"{}\" has no answer \"{id}\"", referenced.id),
                );
            }
        }
        if owner.is_some_and(|i| target > i) {
            e.kind(Kind::Order,
                format!("{cp}.question"),
                format!(
                    "refers to \"{}\", which comes later; a question can only depend on earlier answers",
                    referenced.id
                ),
            );
        }
    }
    targets
}

/// Each elementary cycle found by depth-first search, reported once from its first node.
fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        n: usize,
        edges: &[Vec<usize>],
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        marks[n] = Mark::Active;
        stack.push(n);
        for &m in &edges[n] {
            match marks[m] {
                Mark::New => visit(m, edges, marks, stack, out),
                Mark::Active => {
                    let from = stack.iter().position(|&s| s == m).unwrap_or(0);
                    out.push(stack[from..].to_vec());
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[n] = Mark::Done;
    }
    let mut marks = vec![Mark::New; edges.len()];
    let mut out = Vec::new();
    for n in 0..edges.len() {
        if marks[n] == Mark::New {
            visit(n, edges, &mut marks, &mut Vec::new(), &mut out);
        }
    }
    out
}

/// Every scale can be raised, and every band reached by score or by a red flag.
fn reachability(e: &mut Errors, d: &Definition) {
    for (i, s) in d.scales.iter().enumerate() {
        let max = max_score(d, &s.id);
        let mut flagged: SmallSet<&str> = SmallSet::new();
        for o in d.questions.iter().flat_map(|q| q.options.iter()) {
            flagged.extend(o.red_flag.get(&s.id).map(String::as_str));
        }
        flagged.extend(s.rules.iter().map(|r| r.band.as_str()));
        if max == 0 && flagged.is_empty() {
            e.kind(
                Kind::Unreachable,
                format!("$.scales[{i}]"),
                format!("no answer raises scale \"{}\"", s.id),
            );
            continue;
        }
        for (j, b) in s.bands.iter().enumerate() {
            if b.min > max && !flagged.contains(b.id.as_str()) {
                e.kind(Kind::Unreachable,
                    format!("$.scales[{i}].bands[{j}].min"),
                    format!(
                        "band \"{}\" is unreachable: it starts at {} but the highest possible score is {max}, and no red flag or rule sets it",
                        b.id, b.min
                    ),
                );
            }
        }
    }
}

/// Renders errors one per line, for the command line and the console.
pub fn report(errors: &[DefinitionError]) -> String {
    errors.iter().map(|e| format!("{e}\n")).collect()
}
