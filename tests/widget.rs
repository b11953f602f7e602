//! Browser tests of the widget's pieces, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use screening_core::flow::Flow;
use screening_core::settings::{Attributes, Settings};
use screening_core::{Locale, parse_definition};
use screening_widget::components::start::StartScreen;
use screening_widget::fresh::Fresh;
use screening_widget::state::Screening;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const RETURNEE: &str = include_str!("../questionnaires/returnee.json");

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn start_button_moves_to_the_first_question() {
    let root = container();
    let flow = RwSignal::new(Flow::new());
    let definition = Arc::new(parse_definition(RETURNEE).unwrap());
    let (settings, _) = Settings::from_attributes(&Attributes {
        questionnaire: Some("returnee".into()),
        ..Default::default()
    });
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let screening = Screening::new(
            definition,
            Arc::new(settings.unwrap()),
            flow,
            RwSignal::new(Locale::En),
            RwSignal::new(None),
        );
        provide_context(screening);
        view! { <StartScreen locale=Locale::En/> }
    });
    assert!(
        root.text_content()
            .unwrap()
            .contains("Nothing is sent anywhere.")
    );
    let button: HtmlElement = root
        .query_selector("button.sf-primary")
        .unwrap()
        .expect("the start button is rendered")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Start");
    button.click();
    leptos::task::tick().await;
    assert_eq!(
        flow.get_untracked().step(),
        screening_core::flow::Step::Question(0)
    );
}

#[wasm_bindgen_test]
async fn a_fresh_view_is_replaced_when_it_renders_again_not_patched() {
    let root = container();
    let n = RwSignal::new(1);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <div>
                <span>"before"</span>
                {move || Fresh(view! { <p>{n.get()}</p> })}
                <span>"after"</span>
            </div>
        }
    });
    let first = root.query_selector("p").unwrap().expect("rendered");
    n.set(2);
    leptos::task::tick().await;
    // The old view is gone, and the new one is in its place.
    assert_eq!(root.text_content().unwrap(), "before2after");
    let second = root.query_selector("p").unwrap().expect("rendered again");
    // Patched in place, the paragraph would be the same node with new text.
    assert_ne!(JsValue::from(first), JsValue::from(second), "built anew");
}
