//! The state one widget instance shares with its components (provided as context).

use leptos::prelude::*;
use screening_core::contacts::Directory;
use screening_core::flow::Flow;
use screening_core::settings::Settings;
use screening_core::text::Text;
use screening_core::ui::Ui;
use screening_core::{Definition, Locale};
use std::sync::Arc;

/// A loaded questionnaire and a person's way through it. `Copy`: every field is a handle into
/// the reactive arena, owned by the component that made it, so closures capture it freely.
#[derive(Clone, Copy)]
pub struct Screening {
    /// What does not drive rendering. One stored value: each distinct stored type costs the
    /// wasm its own arena code.
    pub held: StoredValue<Held>,
    pub flow: RwSignal<Flow>,
    pub locale: RwSignal<Locale>,
    /// The contact directory, once loaded (`None` while loading or if it failed).
    pub contacts: RwSignal<Option<Arc<Directory>>>,
    /// Where the report of this screening stands (only with an `endpoint`).
    pub consent: RwSignal<Consent>,
    /// Where the person is now, as chosen on the result (empty until the result shows it).
    /// Kept here, not in the result screen, so a language switch keeps the choice.
    pub place: RwSignal<String>,
}

/// The non-reactive part of a [`Screening`].
pub struct Held {
    pub definition: Arc<Definition>,
    pub settings: Arc<Settings>,
    /// Which screening this is: a send tagged with an older one no longer reports back, so a
    /// slow send never shows "Sent" on the next result.
    pub screening: u64,
}

/// The person's choice about an anonymous report, and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Not decided: nothing is pre-selected and nothing is sent.
    Asking,
    Sending,
    Sent,
    /// Kept in the offline queue, to be sent later.
    Queued,
    Failed,
    /// Not sent: the browser could not make the random numbers that protect the answers.
    NoRandomness,
    Declined,
}

impl Screening {
    /// A screening of a loaded questionnaire, asking about its report afresh. Call while
    /// rendering: the handles belong to the current owner.
    pub fn new(
        definition: Arc<Definition>,
        settings: Arc<Settings>,
        flow: RwSignal<Flow>,
        locale: RwSignal<Locale>,
        contacts: RwSignal<Option<Arc<Directory>>>,
    ) -> Screening {
        Screening {
            held: StoredValue::new(Held {
                definition,
                settings,
                screening: 0,
            }),
            flow,
            locale,
            contacts,
            consent: RwSignal::new(Consent::Asking),
            place: RwSignal::new(String::new()),
        }
    }

    /// The questionnaire.
    pub fn def(&self) -> Arc<Definition> {
        self.held.with_value(|h| h.definition.clone())
    }

    /// The checked attributes.
    pub fn settings(&self) -> Arc<Settings> {
        self.held.with_value(|h| h.settings.clone())
    }

    /// Replaces the questionnaire with another locale's file of it: `Ok(false)` once the widget
    /// is gone, and an error (nothing replaced) when the file is not the same questionnaire and
    /// version. Such a file comes from a cache serving one locale from before a content update
    /// beside another from after; its questions would not match the flow's answers and place.
    pub fn set_def(&self, definition: Arc<Definition>) -> Result<bool, String> {
        let Some(current) = self.held.try_with_value(|h| h.definition.clone()) else {
            return Ok(false);
        };
        same_questionnaire(&current, &definition)?;
        Ok(self
            .held
            .try_update_value(|h| h.definition = definition)
            .is_some())
    }

    /// Interface text in the current language (reactive).
    pub fn ui(&self, key: Ui) -> &'static str {
        key.text(self.locale.get())
    }

    /// Definition text in the current language (reactive).
    pub fn text(&self, text: &Text) -> String {
        text.get(self.locale.get()).to_owned()
    }

    /// A new screening begins (the flow left the result): its result will ask again.
    pub fn new_screening(&self) {
        self.held.update_value(|h| h.screening += 1);
        self.consent.set(Consent::Asking);
        self.place.set(String::new());
    }

    /// The current screening, to tag a send with.
    pub fn screening_id(&self) -> u64 {
        self.held.with_value(|h| h.screening)
    }

    /// Records how a send ended, if it belongs to the screening still shown.
    pub fn send_ended(&self, screening: u64, outcome: Consent) {
        if self.held.try_with_value(|h| h.screening) == Some(screening) {
            let _ = self.consent.try_set(outcome);
        }
    }

    /// The person pressed Start (on the live screen, or on the pre-rendered one before the wasm
    /// had loaded): the first question, and a report asked about afresh.
    pub fn begin(&self) {
        self.consent.set(Consent::Asking);
        self.update(|f, d| f.begin(d));
    }

    /// Applies a change to the flow.
    pub fn update(&self, change: impl FnOnce(&mut Flow, &Definition)) {
        let definition = self.def();
        self.flow.update(|flow| change(flow, &definition));
    }
}

/// Whether `other` (another locale's file) is the questionnaire and version of `current`; the
/// error says which file came instead.
pub fn same_questionnaire(current: &Definition, other: &Definition) -> Result<(), String> {
    if current.id() == other.id() && current.version() == other.version() {
        Ok(())
    } else {
        Err(format!(
            "the file for another language is \"{}\" version {}, not \"{}\" version {} as on screen; \
             staying in the current language (a cache may hold files from before and after an update)",
            other.id(),
            other.version(),
            current.id(),
            current.version()
        ))
    }
}
