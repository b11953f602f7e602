//! The root of one widget: checks the attributes, starts loading the content ([`crate::load`]),
//! and shows the screen the flow is on.

use crate::components::problem::Problem;
use crate::components::question::QuestionScreen;
use crate::components::quick_exit::QuickExit;
use crate::components::result::ResultScreen;
use crate::components::start::StartScreen;
use crate::components::toolbar::Toolbar;
use crate::fresh::Fresh;
use crate::host;
use crate::load::{Content, Load, Preload, load_contacts, start_loading};
use crate::state::Screening;
use leptos::either::EitherOf3;
use leptos::html::Div;
use leptos::logging::warn;
use leptos::prelude::*;
use screening_core::Locale;
use screening_core::flow::{Flow, Step};
#[cfg(feature = "assisted")]
use screening_core::settings::Mode;
use screening_core::settings::{Attributes, Settings};
use screening_core::ui::Ui;

/// One `<screening-form>`. `base` is the URL of the directory the loader was served from,
/// where the built-in questionnaires are. `started`: Start was pressed on the pre-rendered
/// start screen before the wasm had loaded; the questionnaire opens at its first question.
#[component]
pub fn Widget(
    attributes: Attributes,
    base: String,
    preload: Option<Preload>,
    started: bool,
) -> impl IntoView {
    let preferred = host::preferred_languages();
    // Until the questionnaire says which locales it has, speak the requested or browser language.
    let early = attributes
        .lang
        .iter()
        .chain(&preferred)
        .find_map(|t| Locale::from_language_tag(t))
        .unwrap_or(Locale::En);
    let (settings, problems) = Settings::from_attributes(&attributes);
    for p in &problems {
        warn!("<screening-form>: {p}");
    }
    let load = RwSignal::new(Load::Loading);
    let locale = RwSignal::new(early);
    let contacts = RwSignal::new(None);
    let content = crate::load::new_content();
    match settings {
        None => {
            let details = problems.iter().map(ToString::to_string).collect();
            load.set(Load::Failed(details));
        }
        Some(settings) => start_loading(settings, base, preferred, preload, load, locale, content),
    }
    let root = NodeRef::<Div>::new();
    let flow = RwSignal::new(Flow::new());
    crate::exit::forget_on_exit(root, flow);
    let started = std::cell::Cell::new(started);
    view! {
        <div class="sf-widget" node_ref=root lang=move || locale.get().tag() dir="ltr">
            // Loading becomes ready (or failed) once: patching code would never run (crate::fresh).
            {move || Fresh(match load.get() {
                Load::Loading => EitherOf3::A(view! {
                    <div class="sf-toolbar"><QuickExit locale/></div>
                    <p class="sf-loading" role="status">{Ui::Loading.text(early)}</p>
                }),
                Load::Failed(details) => EitherOf3::B(view! {
                    <div class="sf-toolbar"><QuickExit locale/></div>
                    <Problem locale=early details/>
                }),
                Load::Ready(definition, settings) => {
                    let screening = Screening::new(definition, settings, flow, locale, contacts);
                    if started.take() {
                        screening.begin();
                    }
                    EitherOf3::C(ready(screening, root, content))
                }
            })}
        </div>
    }
}

/// The loaded questionnaire: the self-check, or in the assisted build with `mode="assisted"`,
/// assisted mode's screens.
#[cfg(not(feature = "assisted"))]
fn ready(screening: Screening, root: NodeRef<Div>, content: Content) -> impl IntoView {
    view! { <Flowing screening root content/> }
}

#[cfg(feature = "assisted")]
fn ready(screening: Screening, root: NodeRef<Div>, content: Content) -> impl IntoView {
    use leptos::either::Either;
    if screening.settings().mode == Mode::Assisted {
        Either::Left(view! { <crate::assisted::AssistedScreening screening root content/> })
    } else {
        Either::Right(view! { <Flowing screening root content/> })
    }
}

/// The questionnaire, once loaded: toolbar and the current screen. A step is announced by where
/// focus lands (the question's fieldset with its progress, the result's heading with its most
/// urgent finding), not by a live region as well.
#[component]
fn Flowing(screening: Screening, root: NodeRef<Div>, content: Content) -> impl IntoView {
    provide_context(screening);
    provide_context(content);
    let s = screening;
    // Move focus to the new screen's heading on every step (not on first render: the host page
    // keeps focus until the person starts). A language switch builds the start and result
    // screens anew (crate::fresh): if focus was on something in them, it goes to the heading.
    let flow = screening.flow;
    Effect::new(move |previous: Option<(Step, Locale)>| {
        let now = (flow.with(Flow::step), s.locale.get());
        let root = || root.get_untracked().map(Into::into);
        match previous {
            // The first render is a question when Start was pressed before the wasm had loaded.
            None if now.0 != Step::Start => host::focus_later(root(), "[data-focus]"),
            Some((step, _)) if step != now.0 => host::focus_later(root(), "[data-focus]"),
            Some((_, locale)) if locale != now.1 => host::refocus_later(root(), "[data-focus]"),
            _ => {}
        }
        now
    });
    // The offline queue, if the partner enabled it: retry on load and when back online.
    let settings = screening.settings();
    if let (true, Some(endpoint)) = (settings.queue, settings.endpoint.clone())
        && let Ok(endpoint) = host::resolve(&endpoint)
    {
        let retry = move || leptos::task::spawn_local(crate::queue::flush(endpoint.clone()));
        retry();
        let online = window_event_listener_untyped("online", move |_| retry());
        on_cleanup(move || online.remove());
    }
    // The contacts are needed on the result: fetched when the last question is shown (or the
    // result, if the flow got there another way), never before the first question.
    Effect::new(move |_| {
        if content.with_value(|c| c.contacts_requested) {
            return;
        }
        let near = flow.with(|f| match f.step() {
            Step::Result => true,
            Step::Question(_) => f.progress(&s.def()).is_some_and(|(n, total)| n >= total),
            Step::Start => false,
        });
        if near {
            load_contacts(s, content, s.locale.get_untracked());
        }
    });
    // Only a change of screen re-renders the screen, not every answer.
    let step = Memo::new(move |_| flow.with(Flow::step));
    // Each result asks about its own report: leaving it forgets the answer to the consent
    // question, and a send still under way from it can no longer report back here.
    Effect::new(move |_| {
        if step.get() != Step::Result {
            s.new_screening();
        }
    });
    view! {
        <Toolbar/>
        // One question is patched into the next: building each anew took twice as long per
        // step. The start and the result change only with the language, so they are built anew
        // then, and carry no patching code (crate::fresh).
        {move || {
            let locale = s.locale.get();
            match step.get() {
                Step::Start => EitherOf3::A(Fresh(view! { <StartScreen locale/> })),
                Step::Question(index) => EitherOf3::B(view! { <QuestionScreen index locale/> }),
                Step::Result => EitherOf3::C(Fresh(view! { <ResultScreen locale/> })),
            }
        }}
    }
}
