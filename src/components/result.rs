//! The result: for each scale the band in words, icon and colour, the reasons in plain
//! language, next steps, who can help, and what the result is not.

use crate::components::consent::ConsentForm;
use crate::components::contacts::ContactList;
use crate::state::Screening;
use leptos::prelude::*;
use screening_core::definition::{DONT_KNOW, Level};
use screening_core::flow::Flow;
use screening_core::scoring::ScaleOutcome;
use screening_core::ui::Ui;
use screening_core::{Definition, Locale};

/// Rendered afresh for each language; the answers cannot change on this screen.
#[component]
pub fn ResultScreen(locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let outcome = s.flow.with_untracked(|f| f.outcome(&d));
    let topics: Vec<String> = outcome
        .scales
        .iter()
        .filter_map(|o| d.scale(&o.scale)?.band(&o.band))
        .flat_map(|b| b.contact_topics.iter().cloned())
        .collect();
    let scales = outcome
        .scales
        .iter()
        .map(|o| scale_result(&d, o, locale))
        .collect_view();
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1">{Ui::YourResult.text(locale)}</h2>
            {scales}
            <ContactList topics locale/>
            <p class="sf-disclaimer">{d.disclaimer.get(locale).to_owned()}</p>
            <ConsentForm locale/>
            <button type="button" class="sf-secondary" on:click=move |_| s.flow.set(Flow::new())>
                {Ui::StartAgain.text(locale)}
            </button>
        </section>
    }
}

fn scale_result(
    d: &Definition,
    outcome: &ScaleOutcome,
    locale: Locale,
) -> Option<impl IntoView + use<>> {
    let scale = d.scale(&outcome.scale)?;
    let band = scale.band(&outcome.band)?;
    let (icon, class) = match band.level {
        Level::Ok => ("✓", "sf-scale sf-level-ok"),
        Level::Caution => ("!", "sf-scale sf-level-caution"),
        Level::Danger => ("⚠", "sf-scale sf-level-danger"),
    };
    let reasons: Vec<String> = outcome
        .reasons
        .iter()
        .filter_map(|r| {
            let q = d.question(&r.question)?;
            let text = if r.answer == DONT_KNOW {
                q.dont_know.reason.as_ref()
            } else {
                q.option(&r.answer)?.reason.as_ref()
            };
            Some(text?.get(locale).to_owned())
        })
        .collect();
    let reasons = if reasons.is_empty() {
        view! { <p>{Ui::NoSigns.text(locale)}</p> }.into_any()
    } else {
        view! {
            <h4>{Ui::Signs.text(locale)}</h4>
            <ul class="sf-reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
        }
        .into_any()
    };
    let steps = band
        .steps
        .iter()
        .map(|t| view! { <li>{t.get(locale).to_owned()}</li> })
        .collect_view();
    Some(view! {
        <section class=class data-scale=outcome.scale.clone() data-band=outcome.band.clone()>
            <h3>{scale.title.get(locale).to_owned()}</h3>
            <p class="sf-band">
                <span class="sf-badge" aria-hidden="true">{icon}</span>
                <strong>{band.title.get(locale).to_owned()}</strong>
            </p>
            <p>{band.advice.get(locale).to_owned()}</p>
            {reasons}
            <h4>{Ui::NextSteps.text(locale)}</h4>
            <ol class="sf-steps">{steps}</ol>
        </section>
    })
}
