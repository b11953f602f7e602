//! Browser tests of the widget's components, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use screening_widget::app::App;
use screening_widget::attributes::Attributes;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn counter_button_updates_the_view() {
    let root = container();
    let attributes = Attributes {
        questionnaire: Some("job-offer".into()),
        ..Default::default()
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <App attributes/> });
    assert!(root.text_content().unwrap().contains("job-offer"));
    let button: HtmlElement = root
        .query_selector("button.sf-counter")
        .unwrap()
        .expect("the counter button is rendered")
        .unchecked_into();
    assert!(button.text_content().unwrap().contains("Pressed 0 times"));
    button.click();
    button.click();
    leptos::task::tick().await;
    assert!(button.text_content().unwrap().contains("Pressed 2 times"));
}
