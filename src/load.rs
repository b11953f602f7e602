//! Loading one widget's content: the questionnaire (what the loader preloaded, or a fetch), the
//! locale files of a built-in questionnaire (each checked to be the same questionnaire and
//! version as the one on screen: a cache may hold files from before and after an update), the
//! contact directory with its built-in fallback, and language switches. The view is in
//! [`crate::components::widget`].

use crate::api;
use crate::host;
use crate::state::Screening;
use leptos::logging::{error, log, warn};
use leptos::prelude::*;
use screening_core::SmallMap;
use screening_core::definition::ReviewStatus;
use screening_core::settings::{Settings, Source};
use screening_core::{Definition, Locale};
use std::sync::Arc;

/// What the loader started fetching while the wasm loaded, so the questionnaire does not wait
/// for the wasm.
pub enum Preload {
    BuiltIn(PreloadedBuiltIn),
    Url(PreloadedUrl),
}

/// A partner's definition (`questionnaire` is a URL) as the loader resolved and fetched it.
pub struct PreloadedUrl {
    /// The absolute URL; used only if the wasm resolves the attribute to the same one.
    pub url: String,
    /// Resolves to the file's text.
    pub text: js_sys::Promise,
}

/// For a built-in questionnaire: the file of one locale (the loader's guess from the `lang`
/// attribute and the browser) and the questionnaire's locales, from the manifest
/// `cargo xtask dist` writes into the loader.
pub struct PreloadedBuiltIn {
    /// The locale of the file it fetched.
    pub locale: String,
    /// Resolves to the file's text.
    pub text: js_sys::Promise,
    /// Every locale of the questionnaire, with its review status (`draft`, `reviewed`).
    pub locales: Vec<(String, String)>,
    pub default_scripts: Vec<(String, String)>,
    /// Whether the built-in contacts come as one file per locale too.
    pub contacts_per_locale: bool,
}

/// A built-in questionnaire served as one file per locale (`<id>.<locale>.json`): each offers
/// only its own locale, so the loaded definition is given back the questionnaire's full list
/// (for negotiation and the language menu), and a language switch fetches that locale's file.
#[derive(Clone)]
pub(crate) struct LocaleFiles {
    /// `{base}questionnaires/{id}.`
    prefix: String,
    locales: SmallMap<Locale, ReviewStatus>,
    default_scripts: SmallMap<String, String>,
}

impl LocaleFiles {
    fn from_preload(prefix: String, p: &PreloadedBuiltIn) -> LocaleFiles {
        let status = |s: &str| {
            if s == "reviewed" {
                ReviewStatus::Reviewed
            } else {
                ReviewStatus::Draft
            }
        };
        LocaleFiles {
            prefix,
            locales: p
                .locales
                .iter()
                .filter_map(|(tag, s)| Some((Locale::from_exact_tag(tag)?, status(s))))
                .collect(),
            default_scripts: p.default_scripts.iter().cloned().collect(),
        }
    }

    fn url(&self, locale: &str) -> String {
        format!("{}{locale}.json", self.prefix)
    }

    /// The one-locale definition, offering the questionnaire's locales again.
    fn complete(&self, mut d: Definition) -> Definition {
        d.offer_locales(self.locales.clone(), self.default_scripts.clone());
        d
    }
}

/// Where the contact directory comes from: the partner's file, or the built-in one (one file
/// per locale in a release build, else the all-locales file).
#[derive(Clone)]
enum ContactsSource {
    Fixed(Result<String, String>),
    PerLocale(String),
}

impl ContactsSource {
    fn url(&self, locale: Locale) -> Result<String, String> {
        match self {
            ContactsSource::Fixed(url) => url.clone(),
            ContactsSource::PerLocale(prefix) => Ok(format!("{prefix}{}.json", locale.tag())),
        }
    }
}

/// How one widget fetches content after the first question: shared with the language menu.
/// One stored value (each distinct stored type costs the wasm its own arena code).
#[derive(Clone)]
pub(crate) struct ContentState {
    files: Option<LocaleFiles>,
    contacts: ContactsSource,
    /// The built-in directory, when a partner's own is used: a result must never be left with
    /// nobody to call because the partner's file failed to load.
    fallback: Option<ContactsSource>,
    /// Whether the contacts were asked for (when the result came near).
    pub(crate) contacts_requested: bool,
}

pub(crate) type Content = StoredValue<ContentState>;

/// Nothing loaded yet: set by [`start_loading`].
pub(crate) fn new_content() -> Content {
    StoredValue::new(ContentState {
        files: None,
        contacts: ContactsSource::Fixed(Err(String::new())),
        fallback: None,
        contacts_requested: false,
    })
}

/// Where loading stands.
#[derive(Clone)]
pub(crate) enum Load {
    Loading,
    Ready(Arc<Definition>, Arc<Settings>),
    Failed(Vec<String>),
}

/// Fetches the definition (or takes what the loader fetched), then switches `load` to ready.
/// The contacts come later, when the result is near ([`Flowing`]).
pub(crate) fn start_loading(
    settings: Settings,
    base: String,
    preferred: Vec<String>,
    preload: Option<Preload>,
    load: RwSignal<Load>,
    locale: RwSignal<Locale>,
    content: Content,
) {
    let per_locale = matches!(&preload, Some(Preload::BuiltIn(p)) if p.contacts_per_locale);
    let built_in = if per_locale {
        ContactsSource::PerLocale(format!("{base}questionnaires/contacts."))
    } else {
        ContactsSource::Fixed(Ok(format!("{base}questionnaires/contacts.json")))
    };
    let (contacts, fallback) = match &settings.contacts {
        None => (built_in, None),
        Some(url) => (ContactsSource::Fixed(host::resolve(url)), Some(built_in)),
    };
    content.update_value(|c| {
        c.contacts = contacts;
        c.fallback = fallback;
    });
    let mut fetched = None;
    let (definition_url, files) = match (&settings.source, preload) {
        (Source::BuiltIn(id), Some(Preload::BuiltIn(p))) => {
            let files = LocaleFiles::from_preload(format!("{base}questionnaires/{id}."), &p);
            (Ok(files.url(&p.locale)), Some((files, p, id.clone())))
        }
        (Source::BuiltIn(id), _) => (Ok(format!("{base}questionnaires/{id}.json")), None),
        (Source::Url(url), preload) => {
            let url = host::resolve(url);
            if let (Ok(url), Some(Preload::Url(p))) = (&url, preload) {
                fetched = (p.url == *url).then_some(p.text);
            }
            (url, None)
        }
    };
    leptos::task::spawn_local(async move {
        let mut settings = settings;
        let definition = match (definition_url, files) {
            (Err(e), _) => Err(format!("attribute `questionnaire`: {e}")),
            (Ok(url), None) => match fetched {
                Some(text) => match api::preloaded_text(&url, text).await {
                    Ok(text) => api::definition_from_text(&url, &text),
                    Err(e) => Err(e),
                },
                None => api::definition(&url).await,
            }
            .map_err(|e| e.to_string()),
            (Ok(url), Some((files, p, id))) => {
                let loaded = match api::preloaded_text(&url, p.text).await {
                    Ok(text) => api::definition_from_text(&url, &text),
                    Err(e) => Err(e),
                };
                let loaded = match loaded.map(|d| files.complete(d)) {
                    // The loader fetched for the `questionnaire` it saw; it changed since.
                    Ok(d) if d.id() != id => api::definition(&url).await.map(|d| files.complete(d)),
                    other => other,
                }
                .map_err(|e| e.to_string());
                // The loader guessed; the core decides. Another locale costs one more fetch,
                // and must be the same questionnaire and version.
                let loaded = match loaded {
                    Ok(d) => {
                        let (chosen, _) = settings.locale(&d, &preferred);
                        if chosen.tag() == p.locale {
                            Ok(d)
                        } else {
                            match api::definition(&files.url(chosen.tag())).await {
                                Ok(other) => {
                                    let other = files.complete(other);
                                    crate::state::same_questionnaire(&d, &other)
                                        .map(|()| other)
                                        .or_else(|e| {
                                            warn!("<screening-form>: {e}");
                                            Ok(d)
                                        })
                                }
                                Err(e) => Err(e.to_string()),
                            }
                        }
                    }
                    Err(e) => Err(e),
                };
                content.update_value(|c| c.files = Some(files));
                loaded
            }
        };
        let definition = match definition {
            Ok(d) => Arc::new(d),
            Err(message) => {
                error!("<screening-form>: {message}");
                load.set(Load::Failed(message.lines().map(str::to_owned).collect()));
                return;
            }
        };
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
    });
}

/// Fetches the contact directory for `locale` into the screening; when a partner's directory
/// fails, says so in the console and shows the built-in example contacts instead.
pub(crate) fn load_contacts(s: Screening, content: Content, locale: Locale) {
    let (url, fallback) = content
        .try_update_value(|c| {
            c.contacts_requested = true;
            (
                c.contacts.url(locale),
                c.fallback.as_ref().map(|f| f.url(locale)),
            )
        })
        .unwrap_or_else(|| (Err(String::new()), None));
    leptos::task::spawn_local(async move {
        let loaded = match url {
            Err(e) => Err(e),
            Ok(url) => api::directory(&url).await.map_err(|e| e.to_string()),
        };
        let directory = match (loaded, fallback) {
            (Ok(directory), _) => Some(directory),
            (Err(e), Some(Ok(built_in))) => {
                error!(
                    "<screening-form>: attribute `contacts`: {e}; showing the built-in example contacts instead"
                );
                api::directory(&built_in).await.ok()
            }
            (Err(e), _) => {
                error!("<screening-form>: attribute `contacts`: {e}");
                None
            }
        };
        if let Some(directory) = directory {
            let _ = s.contacts.try_set(Some(Arc::new(directory)));
        }
    });
}

/// What the language menu calls to change language: when the questionnaire came as one file
/// per locale, fetches the new locale's file first (answers are kept: the flow has no
/// language), and the contacts again if they were loaded. Call while rendering.
pub fn locale_switcher() -> impl Fn(Locale) + Copy + 'static {
    let s = expect_context::<Screening>();
    let content = use_context::<Content>();
    // One choice counts at a time: a file that arrives after a later choice is dropped, so a
    // slow language chosen first never wins over the one chosen last.
    let latest = StoredValue::new(0u64);
    move |l: Locale| {
        latest.update_value(|n| *n += 1);
        let this = latest.get_value();
        let Some(content) = content else {
            s.locale.set(l);
            return;
        };
        let refresh_contacts = move || {
            if content.with_value(|c| {
                c.contacts_requested && matches!(c.contacts, ContactsSource::PerLocale(_))
            }) {
                load_contacts(s, content, l);
            }
        };
        let files = content.with_value(|c| c.files.clone());
        match files {
            Some(files) if !s.def().title().0.contains_key(l.tag()) => {
                leptos::task::spawn_local(async move {
                    let loaded = api::definition(&files.url(l.tag())).await;
                    if latest.try_get_value() != Some(this) {
                        return;
                    }
                    match loaded {
                        Ok(d) => match s.set_def(Arc::new(files.complete(d))) {
                            Ok(true) => {
                                let _ = s.locale.try_set(l);
                                refresh_contacts();
                            }
                            Ok(false) => {}
                            Err(e) => error!("<screening-form>: {e}"),
                        },
                        Err(e) => error!("<screening-form>: {e}"),
                    }
                });
            }
            _ => {
                s.locale.set(l);
                refresh_contacts();
            }
        }
    }
}

/// Tells partners (in the console, never visitors) which translations are drafts.
fn log_drafts(d: &Definition) {
    let drafts: Vec<&str> = d.draft_locales().into_iter().map(Locale::tag).collect();
    if !drafts.is_empty() {
        log!(
            "<screening-form>: \"{}\" v{}: the {} text is a draft, not yet reviewed by native speakers",
            d.id(),
            d.version(),
            drafts.join(", ")
        );
    }
}
