//! The result: for each scale the band in words, icon and colour, the reasons in plain
//! language, next steps, who can help, and what the result is not.
//!
//! The bands and contacts are static once shown, so they are built with [`crate::dom`]; the
//! heading, the consent question and "Start again" are Leptos views.

use crate::components::consent::ConsentForm;
use crate::components::contacts::ContactList;
use crate::dom::{El, el, li};
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::definition::Level;
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
    let topics = outcome.contact_topics(&d);
    let scales = NodeRef::<Div>::new();
    scales.on_load(move |container| {
        let d = s.def();
        el("div")
            .children(
                outcome
                    .scales
                    .iter()
                    .filter_map(|o| scale_result(&d, o, locale)),
            )
            .replace_children_of(&container);
    });
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1">{Ui::YourResult.text(locale)}</h2>
            <div node_ref=scales></div>
            <ContactList topics locale/>
            <p class="sf-disclaimer">{d.disclaimer.get(locale).to_owned()}</p>
            <ConsentForm locale/>
            <button type="button" class="sf-secondary" on:click=move |_| s.flow.set(Flow::new())>
                {Ui::StartAgain.text(locale)}
            </button>
        </section>
    }
}

fn scale_result(d: &Definition, outcome: &ScaleOutcome, locale: Locale) -> Option<El> {
    let scale = d.scale(&outcome.scale)?;
    let band = scale.band(&outcome.band)?;
    let (icon, class) = match band.level {
        Level::Ok => ("✓", "sf-scale sf-level-ok"),
        Level::Caution => ("!", "sf-scale sf-level-caution"),
        Level::Danger => ("⚠", "sf-scale sf-level-danger"),
    };
    let reasons: Vec<&str> = outcome
        .reasons
        .iter()
        .filter_map(|r| Some(d.question(&r.question)?.reason(&r.answer)?.get(locale)))
        .collect();
    let mut section = el("section")
        .class(class)
        .attr("data-scale", &outcome.scale)
        .attr("data-band", &outcome.band)
        .child(el("h3").text(scale.title.get(locale)))
        .child(
            el("p")
                .class("sf-band")
                .child(
                    el("span")
                        .class("sf-badge")
                        .attr("aria-hidden", "true")
                        .text(icon),
                )
                .child(el("strong").text(band.title.get(locale))),
        )
        .child(el("p").text(band.advice.get(locale)));
    section = if reasons.is_empty() {
        section.child(el("p").text(Ui::NoSigns.text(locale)))
    } else {
        section.child(el("h4").text(Ui::Signs.text(locale))).child(
            el("ul")
                .class("sf-reasons")
                .children(reasons.into_iter().map(li)),
        )
    };
    Some(
        section
            .child(el("h4").text(Ui::NextSteps.text(locale)))
            .child(
                el("ol")
                    .class("sf-steps")
                    .children(band.steps.iter().map(|t| li(t.get(locale)))),
            ),
    )
}
