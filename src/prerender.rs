//! The start screen as HTML, rendered at build time by the widget's own components, so the
//! loader can show it before the wasm has arrived (`screening-prerender`, run by
//! `cargo xtask dist`). The live widget then replaces it with the same screen.
//!
//! Leptos escapes every text and attribute value, as it does in the browser; the output has no
//! script, no `style` attribute and no event-handler attribute (tested below), so the loader
//! may parse it into its shadow root under a strict Content-Security-Policy.

use crate::components::{start::StartScreen, toolbar::Toolbar};
use crate::state::Screening;
use leptos::prelude::*;
use screening_core::flow::Flow;
use screening_core::settings::{Attributes, Settings};
use screening_core::{Definition, Locale};
use std::sync::Arc;

/// A questionnaire's start screen in one locale, for a widget without an `endpoint` (`local`:
/// "nothing is sent") and with one (`sends`: "sent only if you agree"). The loader picks one
/// by the element's `endpoint` attribute; the live screen corrects it if the attribute is
/// unusable.
pub struct StartScreens {
    pub local: String,
    pub sends: String,
}

impl StartScreens {
    /// Both start screens of the built-in questionnaire `id` in `locale`. `definition` is what
    /// the widget loads for that locale: the one-locale file, offered the questionnaire's
    /// locales again, so the language menu is the live one's.
    pub fn render(
        id: &str,
        definition: Definition,
        locale: Locale,
    ) -> Result<StartScreens, String> {
        let definition = Arc::new(definition);
        let with = |endpoint: Option<&str>| start_screen(id, definition.clone(), locale, endpoint);
        Ok(StartScreens {
            local: with(None)?,
            sends: with(Some("/v1/submissions"))?,
        })
    }

    /// The file the loader fetches beside the locale's definition (`<id>.<locale>.start.json`).
    pub fn to_json(&self) -> String {
        serde_json::json!({ "local": self.local, "sends": self.sends }).to_string()
    }
}

/// The shadow root's content as the live widget renders it on the start screen: the loader's
/// `sf-host` container, the widget's root, the toolbar and the start screen.
fn start_screen(
    id: &str,
    definition: Arc<Definition>,
    locale: Locale,
    endpoint: Option<&str>,
) -> Result<String, String> {
    let attributes = Attributes {
        questionnaire: Some(id.to_owned()),
        endpoint: endpoint.map(str::to_owned),
        ..Attributes::default()
    };
    let (settings, problems) = Settings::from_attributes(&attributes);
    let settings = settings.ok_or_else(|| {
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("{id}: {}", problems.join("; "))
    })?;
    let owner = Owner::new();
    Ok(owner.with(|| {
        let screening = Screening::new(
            definition,
            Arc::new(settings),
            RwSignal::new(Flow::new()),
            RwSignal::new(locale),
            RwSignal::new(None),
        );
        provide_context(screening);
        view! {
            <div class="sf-host">
                <div class="sf-widget" lang=locale.tag() dir="ltr">
                    <Toolbar/>
                    <StartScreen locale/>
                </div>
            </div>
        }
        .to_html()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use screening_core::validate::parse_definition;

    fn job_offer() -> Definition {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/questionnaires/job-offer.json"
        ))
        .expect("the built-in questionnaire");
        parse_definition(&text).expect("valid")
    }

    #[test]
    fn the_start_screen_says_what_the_live_one_says() {
        let d = job_offer();
        let screens = StartScreens::render("job-offer", d.clone(), Locale::Ru).expect("renders");
        let title = d.title().get(Locale::Ru);
        assert!(screens.local.contains(title), "{}", screens.local);
        assert!(screens.local.contains(r#"lang="ru""#));
        assert!(screens.local.contains("data-quick-exit"));
        assert!(
            screens
                .local
                .contains(screening_core::ui::Ui::NothingSent.text(Locale::Ru))
        );
        assert!(
            screens
                .sends
                .contains(screening_core::ui::Ui::SendOnlyIfAgreed.text(Locale::Ru))
        );
        // The language menu shows the locale it is in.
        assert!(
            screens.local.contains(r#"value="ru" lang="ru" selected"#),
            "{}",
            screens.local
        );
    }

    #[test]
    fn text_from_a_definition_is_escaped_and_nothing_runs() {
        let mut json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/questionnaires/job-offer.json"
            ))
            .expect("the built-in questionnaire"),
        )
        .expect("json");
        json["title"]["en"] = r#"<script>alert(1)</script><img src=x onerror="alert(2)">"#.into();
        let d = parse_definition(&json.to_string()).expect("valid");
        let html = StartScreens::render("job-offer", d, Locale::En)
            .expect("renders")
            .local;
        assert!(html.contains("&lt;script&gt;"), "{html}");
        // Every element and attribute is one the start screen is made of: the title's markup
        // stayed text.
        const ELEMENTS: [&str; 11] = [
            "div", "button", "label", "span", "select", "option", "section", "h2", "p", "ul", "li",
        ];
        const ATTRIBUTES: [&str; 10] = [
            "class",
            "type",
            "lang",
            "dir",
            "value",
            "selected",
            "hidden",
            "tabindex",
            "data-quick-exit",
            "data-focus",
        ];
        for (element, attributes) in tags(&html) {
            assert!(
                ELEMENTS.contains(&element.as_str()),
                "<{element}> in {html}"
            );
            for a in attributes {
                assert!(
                    ATTRIBUTES.contains(&a.as_str()),
                    "{a} on <{element}> in {html}"
                );
            }
        }
    }

    /// The opening tags of rendered HTML: each element's name and attribute names (text is
    /// escaped, so every `<` starts a tag, a closing tag or a `<!>` marker).
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if rest.starts_with('/') || rest.starts_with('!') {
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(rest.len());
            let name = rest[..end].to_owned();
            let mut attributes = Vec::new();
            let mut current = String::new();
            let mut quoted = false;
            let mut close = rest.len();
            for (i, c) in rest[end..].char_indices() {
                match c {
                    '"' => quoted = !quoted,
                    _ if quoted => {}
                    '>' => {
                        close = end + i + 1;
                        break;
                    }
                    '=' => attributes.push(std::mem::take(&mut current)),
                    c if c.is_whitespace() => {
                        if !current.is_empty() {
                            attributes.push(std::mem::take(&mut current));
                        }
                    }
                    c => current.push(c),
                }
            }
            if !current.is_empty() {
                attributes.push(current);
            }
            rest = &rest[close..];
            out.push((name, attributes));
        }
        out
    }
}
