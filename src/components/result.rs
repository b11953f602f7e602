//! The result, in the order a frightened person needs it: when the person may be in danger
//! where they are, numbers to call now; then each scale, most urgent first (core's
//! [`Outcome::by_urgency`]), with its band (icon and words), the one most important next step
//! and a number to call for it, then the advice; then who can help where the person is now;
//! then why (the signs), the other steps, what to find out, and how many questions were
//! skipped or not known. Every phone number is a `tel:` link.
//!
//! Core decides everything shown here (bands, steps, places, unknowns, contacts); this is a
//! view. The static parts are built with [`crate::dom`]; the place choice, the consent question
//! and "Start again" are Leptos views.

use crate::components::consent::ConsentForm;
use crate::components::contacts::ContactList;
use crate::dom::{El, el, li};
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::answers::Answers;
use screening_core::contacts::{Channel, Contact, Directory};
use screening_core::definition::Level;
use screening_core::flow::Flow;
use screening_core::scoring::{Outcome, ScaleOutcome};
use screening_core::text::Text;
use screening_core::ui::{self, Ui};
use screening_core::{Definition, Locale};

/// Rendered afresh for each language; the answers cannot change on this screen.
#[component]
pub fn ResultScreen(locale: Locale) -> impl IntoView {
    let s = expect_context::<Screening>();
    let d = s.def();
    let answers = s.flow.with_untracked(|f| f.answers().clone());
    let outcome = d.score_checked(&answers);
    let groups = outcome.contact_groups(&d);
    // Where the answers say the person is, unless they chose another place on this result.
    let place = s.place;
    if place.with_untracked(String::is_empty) {
        place.set(d.place(&answers).to_owned());
    }
    let summary = NodeRef::<Div>::new();
    let details = NodeRef::<Div>::new();
    {
        let (outcome, answers) = (outcome.clone(), answers.clone());
        // Rebuilt when the directory arrives or the place changes: the numbers beside the
        // steps and in the urgent block are those that work where the person is.
        Effect::new(move |_| {
            let Some(container) = summary.get() else {
                return;
            };
            let directory = s.contacts.get();
            let d = s.def();
            place.with(|p| {
                summary_view(&d, &outcome, &answers, directory.as_deref(), p, locale)
                    .replace_children_of(&container)
            });
        });
    }
    details.on_load(move |container| {
        let d = s.def();
        result_details(&d, &outcome, &answers, locale).replace_children_of(&container);
    });
    view! {
        <section class="sf-result">
            <h2 data-focus tabindex="-1" aria-describedby=format!("{TOP_SCALE_TITLE} {TOP_SCALE_BAND}")>{Ui::YourResult.text(locale)}</h2>
            <div node_ref=summary></div>
            <ContactList groups place locale/>
            <div node_ref=details></div>
            <p class="sf-disclaimer">{d.disclaimer().get(locale).to_owned()}</p>
            <ConsentForm locale/>
            <button type="button" class="sf-secondary" on:click=move |_| s.flow.set(Flow::new())>
                {Ui::StartAgain.text(locale)}
            </button>
        </section>
    }
}

/// What the first phone screen must hold: the "not safe now" numbers when they apply, then each
/// scale, most urgent first, with its band, its one step and a number to call.
fn summary_view(
    d: &Definition,
    outcome: &Outcome,
    answers: &Answers,
    directory: Option<&Directory>,
    place: &str,
    locale: Locale,
) -> El {
    let mut root = el("div");
    if let (Some(urgent), Some(directory)) = (outcome.urgent(d, answers), directory) {
        let numbers = directory.urgent_numbers(&urgent.topics, place);
        if !numbers.is_empty() {
            root = root.child(
                el("section")
                    .class("sf-urgent")
                    .attr("data-urgent", "")
                    .child(el("h3").text(Ui::NotSafeNow.text(locale)))
                    .child(
                        el("ul").children(
                            numbers
                                .into_iter()
                                .map(|(c, ch)| el("li").child(call_link(c, ch, locale))),
                        ),
                    ),
            );
        }
    }
    root.children(
        outcome
            .by_urgency(d)
            .into_iter()
            .enumerate()
            .filter_map(|(i, o)| scale_summary(d, o, answers, directory, place, locale, i == 0)),
    )
}

/// The ids of the most urgent scale's title and band: the result's heading is described by
/// them, so focus landing on "Your result" also says what was found first (the band was
/// announced nowhere).
const TOP_SCALE_TITLE: &str = "sf-top-scale";
const TOP_SCALE_BAND: &str = "sf-top-band";

/// A tappable number, named with the organisation so it is clear who answers.
pub(crate) fn call_link(contact: &Contact, channel: &Channel, locale: Locale) -> El {
    el("a")
        .class("sf-call")
        .attr("href", &channel.href())
        // "Call +7 … · Embassy": the visible text whole, after the word (WCAG 2.5.3, label in
        // name), so a screen reader says what the link does.
        .attr(
            "aria-label",
            &screening_core::ui::call(
                locale,
                None,
                &format!(
                    "{} · {}",
                    channel.value,
                    Contact::text(&contact.name, locale)
                ),
            ),
        )
        .child(el("strong").text(&channel.value))
        .text(" · ")
        .text(Contact::text(&contact.name, locale))
}

/// The band, the most important next step right under it, a number to call for it, then the
/// advice. A scale where nothing was really answered uses the "unanswered" wording, never "no
/// signs".
fn scale_summary(
    d: &Definition,
    o: &ScaleOutcome,
    answers: &Answers,
    directory: Option<&Directory>,
    place: &str,
    locale: Locale,
    top: bool,
) -> Option<El> {
    let scale = d.scale(&o.scale)?;
    let band = scale.band(&o.band)?;
    let unanswered = o.shows_unanswered(scale);
    let (icon, class) = match band.level {
        _ if unanswered => ("?", "sf-scale sf-level-unknown"),
        Level::Ok => ("✓", "sf-scale sf-level-ok"),
        Level::Caution => ("!", "sf-scale sf-level-caution"),
        Level::Danger => ("⚠", "sf-scale sf-level-danger"),
    };
    let (title, advice) = match (&scale.unanswered, unanswered) {
        (Some(u), true) => (u.title.get(locale), vec![u.advice.get(locale)]),
        (None, true) => (
            Ui::NotAnswered.text(locale),
            vec![Ui::NotAnsweredAdvice.text(locale)],
        ),
        _ => (
            band.title.get(locale),
            d.advice(band, answers)
                .into_iter()
                .map(|t| t.get(locale))
                .collect(),
        ),
    };
    let mut section = el("section")
        .class(class)
        .attr("data-scale", &o.scale)
        .attr("data-band", &o.band)
        .child({
            let h3 = el("h3").text(scale.title.get(locale));
            if top {
                h3.attr("id", TOP_SCALE_TITLE)
            } else {
                h3
            }
        })
        .child(
            {
                let p = el("p");
                if top { p.attr("id", TOP_SCALE_BAND) } else { p }
            }
            .class("sf-band")
            .child(
                el("span")
                    .class("sf-badge")
                    .attr("aria-hidden", "true")
                    .text(icon),
            )
            .child(el("strong").text(title)),
        );
    if let Some(first) = d.steps(band, answers).first() {
        section = section.child(el("p").class("sf-first-step").linked_text(
            first.get(locale),
            locale,
            None,
        ));
    }
    let raised = scale.band_rank(&o.band).is_some_and(|r| r > 0);
    if raised
        && let Some((contact, channel)) =
            directory.and_then(|dir| dir.first_call(&band.contact_topics, place))
    {
        section = section.child(
            el("p")
                .class("sf-call-line")
                .child(call_link(contact, channel, locale)),
        );
    }
    Some(
        section.children(
            advice
                .into_iter()
                .map(|a| el("p").class("sf-advice").linked_text(a, locale, None)),
        ),
    )
}

/// Why, and what else: per scale the signs (combination reasons first) and the remaining steps;
/// then what to find out; then how many questions were skipped or not known.
fn result_details(d: &Definition, outcome: &Outcome, answers: &Answers, locale: Locale) -> El {
    // With one scale its title is already the heading above; with several, each gets one.
    let several = outcome.scales.len() > 1;
    let sub = if several { "h4" } else { "h3" };
    let mut root = el("div").class("sf-details");
    for o in outcome.by_urgency(d) {
        let Some(scale) = d.scale(&o.scale) else {
            continue;
        };
        let Some(band) = scale.band(&o.band) else {
            continue;
        };
        let reasons: Vec<&str> = o
            .rules
            .iter()
            .filter_map(|&i| Some(scale.rules.get(i)?.reason.get(locale)))
            .chain(
                o.reasons
                    .iter()
                    .filter_map(|r| Some(d.question(&r.question)?.reason(&r.answer)?.get(locale))),
            )
            .collect();
        let steps = d.steps(band, answers);
        let mut part = el("section")
            .class("sf-scale-details")
            .attr("data-scale", &o.scale);
        if several {
            part = part.child(el("h3").text(scale.title.get(locale)));
        }
        if !reasons.is_empty() {
            part = part.child(el(sub).text(Ui::Signs.text(locale))).child(
                el("ul")
                    .class("sf-reasons")
                    .children(reasons.into_iter().map(li)),
            );
        } else if !o.unanswered {
            // Only answers can show there are no signs; skipped questions cannot.
            part = part.child(el("p").class("sf-no-signs").text(Ui::NoSigns.text(locale)));
        }
        if steps.len() > 1 {
            part = part.child(el(sub).text(Ui::NextSteps.text(locale))).child(
                el("ul").class("sf-steps").children(
                    steps[1..]
                        .iter()
                        .map(|t| el("li").linked_text(t.get(locale), locale, None)),
                ),
            );
        }
        root = root.child(part);
    }
    let unknowns = d.unknowns(answers);
    if !unknowns.is_empty() {
        let heading = d
            .unknowns_heading()
            .map_or(Ui::FindOut.text(locale), |t: &Text| t.get(locale));
        root = root.child(
            el("section")
                .class("sf-unknowns")
                .child(el("h3").text(heading))
                .child(el("ul").children(unknowns.into_iter().map(|t| li(t.get(locale))))),
        );
    }
    if outcome.skipped + outcome.dont_know > 0 {
        root = root.child(el("p").class("sf-counts").text(&ui::unsure_counts(
            locale,
            outcome.skipped,
            outcome.dont_know,
        )));
    }
    root
}
