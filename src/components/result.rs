//! The result: for each scale the band in words, icon and colour, the reasons in plain
//! language, next steps, who can help, and what the result is not.

use crate::components::contacts::ContactList;
use crate::state::Screening;
use leptos::prelude::*;
use screening_core::definition::{DONT_KNOW, Level};
use screening_core::flow::Flow;
use screening_core::scoring::ScaleOutcome;
use screening_core::text::Text;
use screening_core::ui::Ui;

#[component]
pub fn ResultScreen() -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    // Answers do not change on this screen; score once.
    let outcome = s.flow.with_untracked(|f| f.outcome(&d));
    let topics: Vec<String> = outcome
        .scales
        .iter()
        .filter_map(|o| d.scale(&o.scale)?.band(&o.band))
        .flat_map(|b| b.contact_topics.iter().cloned())
        .collect();
    let scales = outcome
        .scales
        .into_iter()
        .map(|o| view! { <ScaleResult outcome=o/> })
        .collect_view();
    let disclaimer = d.disclaimer.clone();
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1">{move || s.ui(Ui::YourResult)}</h2>
            {scales}
            <ContactList topics/>
            <p class="sf-disclaimer">{move || s.text(&disclaimer)}</p>
            <button type="button" class="sf-secondary" on:click=move |_| s.flow.set(Flow::new())>
                {move || s.ui(Ui::StartAgain)}
            </button>
        </section>
    }
}

#[component]
fn ScaleResult(outcome: ScaleOutcome) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let Some(scale) = d.scale(&outcome.scale).cloned() else {
        return ().into_any();
    };
    let Some(band) = scale.band(&outcome.band).cloned() else {
        return ().into_any();
    };
    let (icon, class) = match band.level {
        Level::Ok => ("✓", "sf-scale sf-level-ok"),
        Level::Caution => ("!", "sf-scale sf-level-caution"),
        Level::Danger => ("⚠", "sf-scale sf-level-danger"),
    };
    let reasons: Vec<Text> = outcome
        .reasons
        .iter()
        .filter_map(|r| {
            let q = d.question(&r.question)?;
            if r.answer == DONT_KNOW {
                q.dont_know.reason.clone()
            } else {
                q.option(&r.answer)?.reason.clone()
            }
        })
        .collect();
    let reasons = if reasons.is_empty() {
        view! { <p>{move || s.ui(Ui::NoSigns)}</p> }.into_any()
    } else {
        view! {
            <h4>{move || s.ui(Ui::Signs)}</h4>
            <ul class="sf-reasons">
                {reasons.into_iter().map(|r| view! { <li>{move || s.text(&r)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let steps = band
        .steps
        .iter()
        .cloned()
        .map(|t| view! { <li>{move || s.text(&t)}</li> })
        .collect_view();
    let (title, band_title, advice) =
        (scale.title.clone(), band.title.clone(), band.advice.clone());
    view! {
        <section class=class data-scale=outcome.scale.clone() data-band=outcome.band.clone()>
            <h3>{move || s.text(&title)}</h3>
            <p class="sf-band">
                <span class="sf-badge" aria-hidden="true">{icon}</span>
                <strong>{move || s.text(&band_title)}</strong>
            </p>
            <p>{move || s.text(&advice)}</p>
            {reasons}
            <h4>{move || s.ui(Ui::NextSteps)}</h4>
            <ol class="sf-steps">{steps}</ol>
        </section>
    }
    .into_any()
}
