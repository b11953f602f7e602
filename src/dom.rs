//! A small builder for static DOM: the parts of a screen with nothing reactive in them (the
//! result's bands, reasons, steps and contacts). Plain function calls instead of a distinct
//! Leptos view type per element shape keep the wasm small; text is always set as text.

use screening_core::Locale;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// An element being built. Building never fails visibly: without a document nothing renders.
pub struct El(Option<Element>);

/// A new element with this tag.
pub fn el(tag: &str) -> El {
    El(document().and_then(|d| d.create_element(tag).ok()))
}

impl El {
    pub fn class(self, class: &str) -> El {
        if let Some(e) = &self.0 {
            e.set_class_name(class);
        }
        self
    }

    pub fn attr(self, name: &str, value: &str) -> El {
        if let Some(e) = &self.0 {
            let _ = e.set_attribute(name, value);
        }
        self
    }

    /// Appends text (a text node: never parsed as HTML).
    pub fn text(self, text: &str) -> El {
        if let (Some(e), Some(d)) = (&self.0, document()) {
            let _ = e.append_child(&d.create_text_node(text));
        }
        self
    }

    pub fn child(self, child: El) -> El {
        if let (Some(e), Some(c)) = (&self.0, child.0) {
            let _ = e.append_child(&c);
        }
        self
    }

    pub fn children(mut self, children: impl IntoIterator<Item = El>) -> El {
        for c in children {
            self = self.child(c);
        }
        self
    }

    /// Replaces the children of `parent` with this element.
    pub fn replace_children_of(self, parent: &web_sys::HtmlElement) {
        match self.0 {
            Some(e) => parent.replace_children_with_node_1(e.unchecked_ref()),
            None => parent.replace_children_with_node_0(),
        }
    }
}

/// A list item with text.
pub fn li(text: &str) -> El {
    el("li").text(text)
}

impl El {
    /// Appends text in which every phone number ([`screening_core::phone`]) is a `tel:` link,
    /// so a number in a step can be tapped, not copied out of a sentence. The link is named
    /// "Call … : number" in `locale`, with `name` (the organisation) when the text belongs to one.
    pub fn linked_text(mut self, text: &str, locale: Locale, name: Option<&str>) -> El {
        use screening_core::phone::{Segment, segments};
        for part in segments(text) {
            self = match part {
                Segment::Text(t) => self.text(t),
                Segment::Phone(p) => self.child(
                    el("a")
                        .attr("href", &Segment::href(p))
                        .attr("aria-label", &screening_core::ui::call(locale, name, p))
                        .text(p),
                ),
            };
        }
        self
    }
}
