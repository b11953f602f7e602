//! Assisted mode (`mode="assisted"`): a caseworker screens with a migrant, in two languages,
//! and refers without writing down who the person is. The same questionnaire, scoring and bands
//! as the self-check; core's [`Session`] decides which screen comes next, what the summary says
//! and what a sheet may hold. Nothing is stored: "End and clear", the idle timeout, quick exit
//! and leaving the page drop the whole session.
//!
//! Built only into the assisted wasm (`--features assisted`, `screening-assisted_bg.wasm`): a
//! migrant checking alone never downloads these screens.

mod numbers;
mod preparation;
mod questions;
mod referral;
mod safety;
mod summary;
mod toolbar;

use crate::host;
use crate::load::{Content, load_contacts};
use crate::state::Screening;
use leptos::html::Div;
use leptos::prelude::*;
use screening_core::assisted::session::{Destination, Session, Stage};
use screening_core::assisted::words::Say;
use screening_core::flow::Flow;
use screening_core::{Answers, Locale};

/// After this long without a tap or key in the widget, the session is cleared: a screen left
/// open on a desk shows nobody's answers.
pub const IDLE_MINUTES: f64 = 10.0;

/// What every assisted screen shares (provided as context).
#[derive(Clone, Copy)]
pub struct Assist {
    pub s: Screening,
    pub session: RwSignal<Session>,
    /// The caseworker's language; the person's is `s.locale`.
    pub cw: RwSignal<Locale>,
    /// The screening was just cleared (says so on the first screen).
    pub cleared: RwSignal<bool>,
    /// The reference code of the sheet on screen, with the destinations it was made for: the
    /// same sheet keeps its code through language switches, a new one gets a new code.
    pub code: StoredValue<Option<(Vec<Destination>, String)>>,
}

impl Assist {
    /// The caseworker's words (reactive).
    pub fn cw(&self, say: Say) -> &'static str {
        say.text(self.cw.get())
    }

    pub fn stage(&self) -> Stage {
        self.session.with(Session::stage)
    }

    /// The answers so far (the flow holds them; the session reads them for the summary).
    pub fn answers(&self) -> Answers {
        self.s.flow.with_untracked(|f| f.answers().clone())
    }

    /// The questionnaire's first question, past the place question when the safety screen
    /// already asked it.
    pub fn start_questions(&self) {
        let d = self.s.def();
        let place = d.place_setting().question.clone();
        self.s.flow.update(|f| {
            f.begin(&d);
            let asked = f
                .question(&d)
                .is_some_and(|q| Some(&q.id) == place.as_ref() && f.answers().get(&q.id).is_some());
            if asked {
                let _ = f.next(&d);
            }
        });
    }

    /// "End and clear": every answer, tick and consent forgotten, back to the first screen.
    pub fn clear(&self) {
        self.session.set(Session::new());
        self.s.flow.set(Flow::new());
        self.s.new_screening();
        self.code.set_value(None);
        self.cleared.set(true);
    }
}

#[component]
pub fn AssistedScreening(
    screening: Screening,
    root: NodeRef<Div>,
    content: Content,
) -> impl IntoView {
    provide_context(screening);
    provide_context(content);
    let a = Assist {
        s: screening,
        session: RwSignal::new(Session::new()),
        cw: RwSignal::new(screening.locale.get_untracked()),
        cleared: RwSignal::new(false),
        code: StoredValue::new(None),
    };
    provide_context(a);
    // The urgent block, the child route and the information card need numbers from the start.
    load_contacts(screening, content, screening.locale.get_untracked());
    forget(a);
    idle_clear(a, root);
    // Only a change of stage builds a screen anew (an answer or a tick must not: focus would
    // be lost, and what the screen holds with it).
    let stage = Memo::new(move |_| a.session.with(Session::stage));
    // Focus goes to the new screen's heading (or question) on every change of screen.
    let screen = Memo::new(move |_| (stage.get(), a.s.flow.with(Flow::step)));
    Effect::new(
        move |previous: Option<(Stage, screening_core::flow::Step)>| {
            let now = screen.get();
            if previous.is_some_and(|p| p != now) {
                host::focus_later(root.get_untracked().map(Into::into), "[data-focus]");
            }
            now
        },
    );
    view! {
        <toolbar::AssistedToolbar/>
        // The caseworker's language by default; what is read aloud or given to the person
        // carries the person's.
        <div class="sf-assisted" lang=move || a.cw.get().tag()>
            {move || {
                // Each screen is built anew for its stage and the two languages.
                let _ = (a.cw.get(), a.s.locale.get());
                match stage.get() {
                    Stage::Preparation => view! { <preparation::Preparation/> }.into_any(),
                    Stage::Stopped => view! { <preparation::Stopped/> }.into_any(),
                    Stage::Child => view! { <preparation::Child/> }.into_any(),
                    Stage::Safety => view! { <safety::SafetyScreen/> }.into_any(),
                    Stage::Urgent => view! { <safety::UrgentBlock/> }.into_any(),
                    Stage::Questions => view! { <questions::Questions/> }.into_any(),
                    Stage::Observations => view! { <questions::Observations/> }.into_any(),
                    Stage::Summary => view! { <summary::SummaryScreen/> }.into_any(),
                    Stage::Referral => view! { <referral::Referral/> }.into_any(),
                }
            }}
        </div>
    }
}

/// Quick exit and leaving the page forget the session too (the flow is forgotten by
/// [`crate::exit::forget_on_exit`]).
fn forget(a: Assist) {
    let on_exit = window_event_listener_untyped(crate::exit::EXIT_EVENT, move |_| {
        a.session.set(Session::new());
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        a.session.set(Session::new());
        a.s.flow.set(Flow::new());
    });
    on_cleanup(move || {
        on_exit.remove();
        on_hide.remove();
    });
}

/// Clears the session after [`IDLE_MINUTES`] without a tap or key in the widget, checking every
/// 15 seconds (by the clock, so a device that slept clears on waking).
fn idle_clear(a: Assist, root: NodeRef<Div>) {
    let last = StoredValue::new(js_sys::Date::now());
    let touch = move || last.set_value(js_sys::Date::now());
    root.on_load(move |el| {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let on = Closure::<dyn Fn()>::new(touch);
        for event in ["pointerdown", "keydown", "input"] {
            let _ = el.add_event_listener_with_callback(event, on.as_ref().unchecked_ref());
        }
        on.forget();
    });
    let timer = gloo_timers::callback::Interval::new(15_000, move || {
        let idle = js_sys::Date::now() - last.try_get_value().unwrap_or_else(js_sys::Date::now);
        let started = a.session.try_with_untracked(|s| {
            s.stage() != Stage::Preparation || s.preparation != Session::new().preparation
        });
        let answered = a.s.flow.try_with_untracked(|f| !f.answers().is_empty());
        if idle > IDLE_MINUTES * 60_000.0 && (started == Some(true) || answered == Some(true)) {
            a.clear();
        }
    });
    let timer = StoredValue::new_local(Some(timer));
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.cancel();
        }
    });
}

/// A yes/no question with "does not want to answer" (recorded as not answered), as native
/// radios in a fieldset; the legend is the line to read aloud, the caseworker's words above it.
/// The caseworker's words above or beside a line read aloud, unless both are in one language
/// and say the same (each would be read twice).
pub fn for_you(yours: &str, said: &str, cw: Locale) -> Option<impl IntoView + use<>> {
    (yours != said).then(|| {
        let yours = yours.to_owned();
        view! { <span class="sf-for-you" lang=cw.tag()>{yours}</span> }
    })
}

/// One radio button of assisted mode's own questions, its label in `lang`; `on_pick` records
/// the choice.
pub fn radio<F: Fn() + 'static>(
    name: &str,
    value: &str,
    label: &str,
    lang: Locale,
    checked: bool,
    on_pick: F,
) -> impl IntoView + use<F> {
    view! {
        <label class="sf-option">
            <input
                type="radio"
                name=name.to_owned()
                value=value.to_owned()
                checked=checked
                on:change=move |_| on_pick()
            />
            <span lang=lang.tag()>{label.to_owned()}</span>
        </label>
    }
}

/// `speaker`: whose words the legend and the answers are in (the person's, read aloud, or the
/// caseworker's own checklist).
#[component]
pub fn YesNo(
    name: &'static str,
    guidance: Option<String>,
    legend: String,
    value: Option<bool>,
    speaker: Locale,
    #[prop(default = true)] refuse: bool,
    on_answer: impl Fn(Option<bool>) + Copy + 'static,
) -> impl IntoView {
    let a = expect_context::<Assist>();
    let (cw, person) = (a.cw.get_untracked(), speaker);
    let choice = |v: Option<bool>, label: &'static str, id: &'static str| {
        radio(name, id, label, person, value == v, move || on_answer(v))
    };
    let refuse_choice = refuse.then(|| {
        view! {
            <label class="sf-option sf-dont-know">
                <input type="radio" name=name value="refused" on:change=move |_| on_answer(None)/>
                <span>{Say::DoesNotWant.text(cw)}</span>
            </label>
        }
    });
    view! {
        <fieldset class="sf-assisted-question">
            <legend>
                {guidance.and_then(|g| for_you(&g, &legend, cw))}
                <span class="sf-read-aloud" lang=person.tag()>{legend}</span>
            </legend>
            <div class="sf-options">
                {choice(Some(true), Say::Yes.text(person), "yes")}
                {choice(Some(false), Say::No.text(person), "no")}
                {refuse_choice}
            </div>
        </fieldset>
    }
}
