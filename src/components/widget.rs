//! The root of one widget: checks the attributes, loads the questionnaire and contacts, picks
//! the language, and shows the screen the flow is on.

use crate::api;
use crate::components::language_menu::LanguageMenu;
use crate::components::problem::Problem;
use crate::components::question::QuestionScreen;
use crate::components::quick_exit::QuickExit;
use crate::components::result::ResultScreen;
use crate::components::start::StartScreen;
use crate::host;
use crate::state::{Consent, Screening};
use leptos::html::Div;
use leptos::logging::{error, log, warn};
use leptos::prelude::*;
use screening_core::contacts::Directory;
use screening_core::flow::{Flow, Step};
use screening_core::settings::{Attributes, Settings, Source};
use screening_core::ui::{self, Ui};
use screening_core::{Definition, Locale};
use std::sync::Arc;

/// Where loading stands.
#[derive(Clone)]
enum Load {
    Loading,
    Ready(Arc<Definition>, Arc<Settings>),
    Failed(Vec<String>),
}

/// One `<screening-form>`. `base` is the URL of the directory the loader was served from,
/// where the built-in questionnaires are.
#[component]
pub fn Widget(attributes: Attributes, base: String) -> impl IntoView {
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
    match settings {
        None => {
            let details = problems.iter().map(ToString::to_string).collect();
            load.set(Load::Failed(details));
        }
        Some(settings) => start_loading(settings, base, preferred, load, locale, contacts),
    }
    let root = NodeRef::<Div>::new();
    let flow = RwSignal::new(Flow::new());
    crate::exit::forget_on_exit(root, flow);
    view! {
        <div class="sf-widget" node_ref=root lang=move || locale.get().tag() dir="ltr">
            {move || match load.get() {
                Load::Loading => view! {
                    <div class="sf-toolbar"><QuickExit locale/></div>
                    <p class="sf-loading" role="status">{Ui::Loading.text(early)}</p>
                }.into_any(),
                Load::Failed(details) => view! {
                    <div class="sf-toolbar"><QuickExit locale/></div>
                    <Problem locale=early details/>
                }.into_any(),
                Load::Ready(definition, settings) => {
                    let screening = Screening {
                        definition: StoredValue::new(definition),
                        settings: StoredValue::new(settings),
                        flow,
                        locale,
                        contacts,
                        consent: RwSignal::new(Consent::Asking),
                        sends: StoredValue::new(0),
                    };
                    view! { <Flowing screening root/> }.into_any()
                }
            }}
        </div>
    }
}

/// Fetches the definition (and, alongside, the contacts), then switches `load` to ready.
fn start_loading(
    settings: Settings,
    base: String,
    preferred: Vec<String>,
    load: RwSignal<Load>,
    locale: RwSignal<Locale>,
    contacts: RwSignal<Option<Arc<Directory>>>,
) {
    let definition_url = match &settings.source {
        Source::BuiltIn(id) => Ok(format!("{base}questionnaires/{id}.json")),
        Source::Url(url) => host::resolve(url),
    };
    let contacts_url = match &settings.contacts {
        None => Ok(format!("{base}questionnaires/contacts.json")),
        Some(url) => host::resolve(url),
    };
    leptos::task::spawn_local(async move {
        let definition = match definition_url {
            Err(e) => Err(format!("attribute `questionnaire`: {e}")),
            Ok(url) => api::definition(&url).await.map_err(|e| e.to_string()),
        };
        let definition = match definition {
            Ok(d) => Arc::new(d),
            Err(message) => {
                error!("<screening-form>: {message}");
                load.set(Load::Failed(message.lines().map(str::to_owned).collect()));
                return;
            }
        };
        let mut settings = settings;
        let (chosen, lang_problem) = settings.locale(&definition, &preferred);
        for p in lang_problem
            .iter()
            .chain(settings.fit_privacy(&definition).iter())
        {
            warn!("<screening-form>: {p}");
        }
        log_drafts(&definition);
        locale.set(chosen);
        load.set(Load::Ready(definition, Arc::new(settings)));
        match contacts_url {
            Err(e) => error!("<screening-form>: attribute `contacts`: {e}"),
            Ok(url) => match api::directory(&url).await {
                Ok(directory) => contacts.set(Some(Arc::new(directory))),
                Err(e) => error!("<screening-form>: attribute `contacts`: {e}"),
            },
        }
    });
}

/// Tells partners (in the console, never visitors) which translations are drafts.
fn log_drafts(d: &Definition) {
    let drafts: Vec<&str> = d.draft_locales().into_iter().map(Locale::tag).collect();
    if !drafts.is_empty() {
        log!(
            "<screening-form>: \"{}\" v{}: the {} text is a draft, not yet reviewed by native speakers",
            d.id,
            d.version,
            drafts.join(", ")
        );
    }
}

/// The questionnaire, once loaded: toolbar, the current screen, and the live region.
#[component]
fn Flowing(screening: Screening, root: NodeRef<Div>) -> impl IntoView {
    provide_context(screening);
    let s = screening;
    let status = move || {
        let d = s.def();
        let d = &*d;
        let locale = s.locale.get();
        let flow = s.flow.get();
        match flow.step() {
            Step::Start => String::new(),
            Step::Question(_) => flow
                .progress(d)
                .map(|(n, total)| ui::progress(locale, n, total))
                .unwrap_or_default(),
            Step::Result => Ui::YourResult.text(locale).to_owned(),
        }
    };
    // Move focus to the new screen's heading on every step (not on first render: the host page
    // keeps focus until the person starts).
    let flow = screening.flow;
    Effect::new(move |previous: Option<Step>| {
        let step = flow.with(Flow::step);
        if previous.is_some_and(|p| p != step) {
            host::focus_later(root.get_untracked().map(Into::into), "[data-focus]");
        }
        step
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
        <div class="sf-toolbar">
            <QuickExit locale=s.locale/>
            <LanguageMenu/>
        </div>
        <p class="sf-visually-hidden" aria-live="polite" aria-atomic="true">{status}</p>
        {move || {
            let locale = s.locale.get();
            match step.get() {
                Step::Start => view! { <StartScreen locale/> }.into_any(),
                Step::Question(index) => view! { <QuestionScreen index locale/> }.into_any(),
                Step::Result => view! { <ResultScreen locale/> }.into_any(),
            }
        }}
    }
}
