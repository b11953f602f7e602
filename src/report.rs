//! Sending the anonymous report after the person agreed: built by core (sensitive answers
//! randomized on the device), delivered by `api`, kept in the offline queue if the partner
//! enabled it and the collector could not be reached.

use crate::api::{self, Delivery};
use crate::rng::CryptoRandom;
use crate::state::Consent;
use crate::{host, queue};
use leptos::logging::error;
use screening_core::payload::{Payload, ReportContext};
use screening_core::settings::Settings;
use screening_core::{Answers, Definition, Locale};

/// Builds and delivers the report; returns what the person should be told.
pub async fn send(
    d: &Definition,
    answers: &Answers,
    locale: Locale,
    settings: &Settings,
) -> Consent {
    let Some(endpoint) = settings.endpoint.as_deref() else {
        return Consent::Declined;
    };
    let Ok(endpoint) = host::resolve(endpoint) else {
        return Consent::Failed;
    };
    let Some(mut rng) = CryptoRandom::new() else {
        error!("<screening-form>: no Web Crypto in this browser; the report was not sent");
        return Consent::NoRandomness;
    };
    let outcome = d.score_checked(answers);
    let context = ReportContext {
        locale,
        partner: settings.partner.clone(),
        month: host::this_month(),
        privacy: settings.privacy,
    };
    let Ok(payload) = Payload::build(d, answers, &outcome, &context, &mut rng) else {
        error!("<screening-form>: Web Crypto failed; the report was not sent");
        return Consent::NoRandomness;
    };
    let Some(json) = payload.to_json() else {
        error!("<screening-form>: epsilon could not be written; the report was not sent");
        return Consent::Failed;
    };
    match api::deliver(&endpoint, &json).await {
        Delivery::Delivered => Consent::Sent,
        Delivery::Rejected(status) => {
            error!(
                "<screening-form>: the collector at {endpoint} refused the report (HTTP {status})"
            );
            Consent::Failed
        }
        Delivery::Unreachable if settings.queue && queue::push(&endpoint, &json) => Consent::Queued,
        Delivery::Unreachable => Consent::Failed,
    }
}
