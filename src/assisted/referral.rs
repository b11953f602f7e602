//! Referral with consent per destination (yes / no / later), then either the referral sheet
//! (only with a yes, naming only the agreed destinations) or, without consent, the information
//! card in the person's language; the TB slip (no trafficking content) when the TB answers or
//! an observation call for a test; the anonymous report, only if the person agrees, through the
//! self-check's consent form.
//!
//! Each printable is an element with `data-sheet` ("referral", "tb", "card"); every value on it
//! sits in an element whose `data-field` names an allowed field, every fixed word in one with
//! `data-label` (tests/e2e/assisted.spec.ts checks the rendered sheet against that list).

use super::numbers::Numbers;
use super::summary::{QuestionnaireUrgent, basis_text, dimension_status, indicator_name};
use super::{Assist, for_you, radio};
use crate::components::consent::ConsentForm;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::assisted::Status;
use screening_core::assisted::session::{
    Agreement, DESTINATIONS, SAFETY_QUESTIONS, Sheet, reference_code, tb_bands, tb_slip_due,
};
use screening_core::assisted::words::Say;

/// Today as `YYYY-MM-DD`, from the device's clock.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// A fresh one-time code from the browser's cryptographic generator.
fn fresh_code() -> Option<String> {
    let mut bytes = [0u8; 8];
    crate::rng::fill(&mut bytes).then(|| reference_code(bytes))
}

/// Prints one printable: the widget marks which, so its print stylesheet leaves the rest off
/// the page, until the browser says printing is over (`afterprint`: `print()` does not wait for
/// the dialog everywhere).
fn print(ev: leptos::ev::MouseEvent, which: &'static str) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let widget = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".sf-widget").ok().flatten());
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(w) = widget {
        let _ = w.set_attribute("data-printing", which);
        let done = Closure::once_into_js(move || {
            let _ = w.remove_attribute("data-printing");
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "afterprint",
            done.unchecked_ref(),
            &options,
        );
    }
    let _ = window.print();
}

#[component]
pub fn Referral() -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let asks = DESTINATIONS
        .into_iter()
        .map(|dest| {
            let now = a.session.with_untracked(|s| s.consent(dest));
            let name = format!("sf-consent-{}", dest as usize);
            let choice = |agreement: Agreement, label: &'static str, value: &'static str| {
                radio(&name, value, label, person, now == Some(agreement), move || {
                    a.session.update(|s| s.set_consent(dest, agreement))
                })
            };
            let yours = Say::destination(dest).text(cw);
            let said = Say::destination(dest).text(person);
            view! {
                <fieldset class="sf-assisted-question" data-destination=format!("{dest:?}")>
                    <legend>
                        {for_you(yours, said, cw)}
                        <span class="sf-read-aloud" lang=person.tag()>{format!("{} {said}", Say::ReferralAsk.text(person))}</span>
                    </legend>
                    <div class="sf-options">
                        {choice(Agreement::Yes, Say::Yes.text(person), "yes")}
                        {choice(Agreement::No, Say::No.text(person), "no")}
                        {choice(Agreement::Later, Say::Later.text(person), "later")}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    // A new sheet, with a new code, whenever the consents change.
    let agreed = Memo::new(move |_| a.session.with(|s| s.agreed_destinations()));
    let sheet = move || {
        let destinations = agreed.get();
        if destinations.is_empty() {
            // A sheet withdrawn is gone: one agreed again later is a new sheet, with a new code.
            a.code.set_value(None);
            return view! { <NoSheet/> }.into_any();
        }
        let d = a.s.def();
        let mut session = a.session.get_untracked();
        session.answers = a.answers();
        // The same sheet keeps its code (a language switch redraws it); new destinations make
        // a new sheet, with a new code.
        let kept = a.code.with_value(|c| {
            c.as_ref()
                .filter(|(d, _)| *d == destinations)
                .map(|(_, c)| c.clone())
        });
        let code = kept.or_else(|| {
            let code = fresh_code()?;
            a.code.set_value(Some((destinations.clone(), code.clone())));
            Some(code)
        });
        match code.and_then(|code| session.sheet(&d, &today(), code)) {
            Some(sheet) => view! { <SheetView sheet/> }.into_any(),
            None => view! { <NoSheet/> }.into_any(),
        }
    };
    let tb = {
        let d = a.s.def();
        let observed = a.session.with_untracked(|s| s.observed.clone());
        let observed: Vec<&str> = observed.iter().map(String::as_str).collect();
        tb_slip_due(&d, &a.answers(), &observed).then(|| view! { <TbSlip/> })
    };
    view! {
        <section class="sf-result sf-referral">
            <h2 data-focus tabindex="-1">{Say::ReferralTitle.text(cw)}</h2>
            <QuestionnaireUrgent/>
            {asks}
            {sheet}
            {tb}
            <div lang=person.tag()>
                <ConsentForm locale=person/>
            </div>
            <button type="button" class="sf-secondary" on:click=move |_| a.clear()>
                {Say::EndAndClear.text(cw)}
            </button>
        </section>
    }
}

/// No referral agreed: no sheet; the information card to take away, in the person's language.
#[component]
fn NoSheet() -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let topics = [
        "trafficking",
        "legal_aid",
        "return_support",
        "health",
        "consular",
    ]
    .map(str::to_owned)
    .to_vec();
    view! {
        <p class="sf-notice" data-no-sheet="">{Say::NoSheet.text(cw)}</p>
        <section class="sf-card" data-sheet="card" lang=person.tag()>
            <h3 data-label="">{Say::InfoCardTitle.text(person)}</h3>
            <p data-label="">{Say::InfoCardText.text(person)}</p>
            <Numbers topics none=Say::NoNumbers.text(person)/>
        </section>
        <button type="button" class="sf-secondary" on:click=move |ev| print(ev, "card")>
            {Say::PrintCard.text(cw)}
        </button>
    }
}

/// The referral sheet: only what [`Sheet`] holds, in the caseworker's language.
#[component]
fn SheetView(sheet: Sheet) -> impl IntoView {
    let a = expect_context::<Assist>();
    let cw = a.cw.get_untracked();
    let d = a.s.def();
    let label = |say: Say| view! { <dt data-label="">{say.text(cw)}</dt> };
    // Without an indicator summary (a questionnaire with no `assisted` section), the sheet says
    // only "not enough information yet".
    let status = match sheet.summary.as_ref().map(|s| s.status) {
        Some(Status::GroundsToRefer) => Say::GroundsToRefer,
        _ => Say::NotEnough,
    };
    let dimensions = sheet
        .summary
        .iter()
        .flat_map(|s| s.dimensions.iter())
        .map(|x| {
            let found = x
                .found
                .iter()
                .map(|f| {
                    let basis: Vec<String> = f.basis.iter().map(|b| basis_text(&d, b, cw)).collect();
                    view! {
                        <li data-field="indicator">
                            {format!("{} ({}) — {}", indicator_name(&f.indicator), Say::strength(f.strength, cw), basis.join("; "))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li data-field="dimension">
                    {format!("{}: {}", Say::dimension(x.dimension, cw), dimension_status(x, cw))}
                    <ul>{found}</ul>
                </li>
            }
        })
        .collect_view();
    let observed = sheet
        .observed
        .iter()
        .map(|o| {
            view! {
                <li data-field="observed">
                    {basis_text(&d, &screening_core::assisted::Basis::Observation(o.clone()), cw)}
                </li>
            }
        })
        .collect_view();
    let answer = |v: Option<bool>| match v {
        Some(true) => Say::Yes.text(cw),
        Some(false) => Say::No.text(cw),
        None => Say::NotAnswered.text(cw),
    };
    let safety = SAFETY_QUESTIONS
        .into_iter()
        .map(|q| {
            let words = Say::safety(q);
            view! { <li data-field="safety">{format!("{} {}", words.text(cw), answer(sheet.safety.get(q)))}</li> }
        })
        .collect_view();
    let answers = a.answers();
    let outcome = d.score_checked(&answers);
    let bands = sheet
        .bands
        .iter()
        .filter_map(|(scale, band)| {
            let scale = d.scale(scale)?;
            let band = scale.band(band)?;
            Some(view! { <li data-field="band">{format!("{}: {}", scale.title.get(cw), band.title.get(cw))}</li> })
        })
        .collect_view();
    let steps = outcome
        .by_urgency(&d)
        .into_iter()
        .filter_map(|o| {
            let band = d.scale(&o.scale)?.band(&o.band)?;
            let step = d.steps(band, &answers).into_iter().next()?;
            Some(view! { <li data-field="next_step">{step.get(cw).to_owned()}</li> })
        })
        .collect_view();
    let destinations = sheet
        .destinations
        .iter()
        .map(|dest| view! { <li data-field="destination">{Say::destination(*dest).text(cw)}</li> })
        .collect_view();
    let topics: Vec<String> = sheet
        .destinations
        .iter()
        .map(|d| d.topic().to_owned())
        .collect();
    let concerned = sheet
        .concerned
        .then(|| view! { <p data-field="concerned">{Say::SheetConcerned.text(cw)}</p> });
    view! {
        <section class="sf-sheet" data-sheet="referral" lang=cw.tag()>
            <h3 data-label="">{Say::SheetTitle.text(cw)}</h3>
            <dl>
                {label(Say::SheetCode)}
                <dd data-field="code" class="sf-code">{sheet.code.clone()}</dd>
                {label(Say::SheetDate)}
                <dd data-field="date">{sheet.date.clone()}</dd>
                {label(Say::SheetQuestionnaire)}
                <dd data-field="questionnaire">{format!("{} v{}", sheet.questionnaire, sheet.version)}</dd>
            </dl>
            <p data-label="" class="sf-hint">{Say::SheetCodeHint.text(cw)}</p>
            <h4 data-label="">{Say::SummaryTitle.text(cw)}</h4>
            <p data-field="status"><strong>{status.text(cw)}</strong></p>
            <p data-label="" class="sf-hint">{Say::NotADecision.text(cw)}</p>
            {concerned}
            <ul>{dimensions}</ul>
            <h4 data-label="">{Say::SheetObserved.text(cw)}</h4>
            <ul>{observed}</ul>
            <h4 data-label="">{Say::SheetSafety.text(cw)}</h4>
            <ul>{safety}</ul>
            <h4 data-label="">{Say::SheetBands.text(cw)}</h4>
            <ul>{bands}</ul>
            <h4 data-label="">{Say::SheetAgreed.text(cw)}</h4>
            <ul>{destinations}</ul>
            <h4 data-label="">{Say::SheetNextSteps.text(cw)}</h4>
            <ul>{steps}</ul>
            <h4 data-label="">{Say::SheetContacts.text(cw)}</h4>
            <Numbers topics none=Say::NoNumbers.text(cw)/>
            <p data-label="" class="sf-hint">{Say::SheetNoIdentity.text(cw)}</p>
        </section>
        <button type="button" class="sf-primary" on:click=move |ev| print(ev, "referral")>
            {Say::PrintSheet.text(cw)}
        </button>
    }
}

/// The TB slip, in the person's language: the TB band and its steps, where to get tested.
/// Nothing about work, exploitation or trafficking.
#[component]
fn TbSlip() -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person): (Locale, Locale) = (a.cw.get_untracked(), a.s.locale.get_untracked());
    let d = a.s.def();
    let answers = a.answers();
    let bands = tb_bands(&d, &answers)
        .into_iter()
        .map(|(_, band)| {
            let steps = d
                .steps(band, &answers)
                .into_iter()
                .map(|t| view! { <li data-field="tb_step">{t.get(person).to_owned()}</li> })
                .collect_view();
            view! {
                <p data-field="tb_band"><strong>{band.title.get(person).to_owned()}</strong></p>
                <ul>{steps}</ul>
            }
        })
        .collect_view();
    view! {
        <section class="sf-sheet" data-sheet="tb" lang=person.tag()>
            <h3 data-label="">{Say::TbSlipTitle.text(person)}</h3>
            <p data-field="date">{today()}</p>
            <p data-label="">{Say::TbSlipText.text(person)}</p>
            {bands}
            <Numbers topics=vec!["tb".to_owned(), "health".to_owned()] none=Say::NoNumbers.text(person)/>
        </section>
        <button type="button" class="sf-secondary" on:click=move |ev| print(ev, "tb")>
            {Say::TbSlipButton.text(cw)}
        </button>
    }
}
