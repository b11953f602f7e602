//! The indicator summary: per element of the trafficking definition and per ILO/EC dimension,
//! each indicator found with its source (answer or observation) and strength, the unknowns
//! counted, and only two outcomes (core's [`Status`]). The caseworker may mark that they remain
//! concerned. Also the self-check's bands for the same answers.

use super::Assist;
use leptos::prelude::*;
use screening_core::assisted::words::Say;
use screening_core::assisted::{
    Basis, DimensionSummary, ELEMENTS, Element, Reading, Status, Summary,
};
use screening_core::{Definition, Locale};

/// The summary of the session so far, if the questionnaire maps answers to indicators.
pub fn summary_now(a: &Assist) -> Option<Summary> {
    let d = a.s.def();
    let answers = a.answers();
    a.session.with_untracked(|s| {
        let observed: Vec<&str> = s.observed.iter().map(String::as_str).collect();
        d.assisted_summary(&answers, &observed)
    })
}

pub fn element_name(e: Element, l: Locale) -> &'static str {
    match e {
        Element::Recruitment => Say::ElementRecruitment,
        Element::Purpose => Say::ElementPurpose,
        Element::MeansAtDestination => Say::ElementMeans,
    }
    .text(l)
}

/// How one dimension stands, in words (core's [`Reading`]): never "none".
pub fn dimension_status(d: &DimensionSummary, l: Locale) -> &'static str {
    match d.reading() {
        Reading::Positive => Say::Positive,
        Reading::SomeSigns => Say::SomeSigns,
        Reading::NotAsked => Say::NotAsked,
        Reading::NoAnswers => Say::NoAnswersYet,
        Reading::NoSignInAnswers => Say::NoSignInAnswers,
    }
    .text(l)
}

/// What showed an indicator, in the caseworker's words: the question or the observation.
pub fn basis_text(d: &Definition, b: &Basis, l: Locale) -> String {
    match b {
        Basis::Answer(q) => format!(
            "{}: {}",
            Say::FromAnswer.text(l),
            d.question(q).map(|q| q.text.get(l)).unwrap_or(q)
        ),
        Basis::Observation(o) => format!(
            "{}: {}",
            Say::FromObservation.text(l),
            d.assisted()
                .and_then(|x| x.observations.iter().find(|x| x.id == *o))
                .map(|x| x.text.get(l))
                .unwrap_or(o)
        ),
    }
}

/// `withheld_wages` as "withheld wages": the ILO/EC indicator's name as the list writes it.
pub fn indicator_name(id: &str) -> String {
    id.replace('_', " ")
}

#[component]
pub fn SummaryScreen() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let d = a.s.def();
    let summary = summary_now(&a);
    let status = summary
        .as_ref()
        .map_or(Status::NotEnoughInformation, |s| s.status);
    let headline = match status {
        Status::GroundsToRefer => Say::GroundsToRefer,
        Status::NotEnoughInformation => Say::NotEnough,
    };
    let elements = summary.clone().map(|summary| {
        ELEMENTS
            .into_iter()
            .map(|e| {
                let dims = summary
                    .dimensions
                    .iter()
                    .filter(|x| x.dimension.element() == e)
                    .map(|x| {
                        let found = x
                            .found
                            .iter()
                            .map(|f| {
                                let basis = f
                                    .basis
                                    .iter()
                                    .map(|b| basis_text(&d, b, cw))
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                view! {
                                    <li>
                                        <strong>{indicator_name(&f.indicator)}</strong>
                                        {format!(" ({}) — {basis}", Say::strength(f.strength, cw))}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="sf-dimension" data-dimension=format!("{:?}", x.dimension)>
                                <h4>{Say::dimension(x.dimension, cw)}</h4>
                                <p data-status="">{dimension_status(x, cw)}</p>
                                <ul>{found}</ul>
                                <p class="sf-hint">{Say::Unknowns.fill(cw, x.unknowns, x.asked)}</p>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="sf-element">
                        <h3>{element_name(e, cw)}</h3>
                        {dims}
                    </section>
                }
            })
            .collect_view()
    });
    let noted = summary.as_ref().filter(|s| !s.noted.is_empty()).map(|s| {
        let items = s
            .noted
            .iter()
            .map(|o| view! { <li>{basis_text(&d, &Basis::Observation(o.clone()), cw)}</li> })
            .collect_view();
        view! {
            <section>
                <h3>{Say::Noted.text(cw)}</h3>
                <ul>{items}</ul>
            </section>
        }
    });
    let outcome = d.score_checked(&a.answers());
    let bands = outcome
        .by_urgency(&d)
        .into_iter()
        .filter_map(|o| {
            let scale = d.scale(&o.scale)?;
            let band = scale.band(&o.band)?;
            Some(view! {
                <li data-band=o.band.clone()>
                    {format!("{}: {}", scale.title.get(cw), band.title.get(cw))}
                </li>
            })
        })
        .collect_view();
    let concerned = a.session.with_untracked(|s| s.concerned);
    view! {
        <section class="sf-result sf-summary">
            <h2 data-focus tabindex="-1">{Say::SummaryTitle.text(cw)}</h2>
            <QuestionnaireUrgent/>
            <p class="sf-status" data-summary-status=format!("{status:?}")><strong>{headline.text(cw)}</strong></p>
            <p class="sf-hint">{Say::NotADecision.text(cw)}</p>
            {elements}
            {noted}
            <section>
                <h3>{Say::SelfCheckBands.text(cw)}</h3>
                <ul>{bands}</ul>
            </section>
            <label class="sf-option">
                <input
                    type="checkbox"
                    name="sf-concerned"
                    checked=concerned
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        a.session.update(|s| s.concerned = on);
                    }
                />
                <span>{Say::Concerned.text(cw)}</span>
            </label>
            <div class="sf-nav">
                <button type="button" class="sf-primary" on:click=move |_| a.session.update(|s| s.to_referral())>
                    {Say::ToReferral.text(cw)}
                </button>
            </div>
        </section>
    }
}

/// The self-check's urgent block, when the answers call for it (a band with `urgent` whose
/// condition holds: in the returnee questionnaire, serious coercion outside Tajikistan): what
/// to do now and numbers for where the person is, first on the summary and the referral.
#[component]
pub fn QuestionnaireUrgent() -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let d = a.s.def();
    let answers = a.answers();
    let topics = d
        .score_checked(&answers)
        .urgent(&d, &answers)?
        .topics
        .clone();
    Some(view! {
        <section class="sf-urgent" data-urgent="">
            <h3>{Say::UrgentTitle.text(cw)}</h3>
            <p>{Say::UrgentDanger.text(cw)}</p>
            <super::numbers::Numbers topics none=Say::NoNumbers.text(cw)/>
        </section>
    })
}
