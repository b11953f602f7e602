//! A view that is never patched in place: each time it renders again it is built anew and
//! replaces what was there.
//!
//! Leptos normally *rebuilds* a view of the same type in place, reusing its DOM nodes, and the
//! wasm carries the code that patches each part. Some views change rarely or never: the widget
//! goes from loading to ready once, and the start and result screens change only with the
//! language. For those the patching code is dead weight (2.1 KB of the wasm, brotli).
//! A view patched often should not be wrapped: building each question anew took twice as long
//! per step as patching the previous one (Skip pressed -> next question in the DOM, 4x CPU
//! slowdown: 20 against 10 ms median).
//!
//! Usage: wrap what a reactive closure returns, `move || Fresh(view! { ... })`.

use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// See the [module](self) documentation.
pub struct Fresh<V>(pub V);

/// The mounted view, replaced whole on every render after the first.
pub struct FreshState<S>(S);

impl<V: Render> Render for Fresh<V> {
    type State = FreshState<V::State>;

    fn build(self) -> Self::State {
        FreshState(self.0.build())
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut new = self.0.build();
        state.0.insert_before_this(&mut new);
        state.0.unmount();
        state.0 = new;
    }
}

impl<S: Mountable> Mountable for FreshState<S> {
    fn unmount(&mut self) {
        self.0.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.0.mount(parent, marker);
    }

    fn try_mount(&mut self, parent: &Element, marker: Option<&Node>) -> bool {
        self.0.try_mount(parent, marker)
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.0.insert_before_this(child)
    }

    fn elements(&self) -> Vec<Element> {
        self.0.elements()
    }
}

// The rest only forwards to the wrapped view: the widget renders in the browser alone, but
// Leptos asks every view for its HTML and hydration forms too.

impl<V: RenderHtml> AddAnyAttr for Fresh<V> {
    type Output<A: Attribute> = Fresh<V::Output<A>>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A>
    where
        Self::Output<A>: RenderHtml,
    {
        Fresh(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Fresh<V> {
    type AsyncOutput = Fresh<V::AsyncOutput>;
    type Owned = Fresh<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Fresh(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        FreshState(self.0.hydrate::<FROM_SERVER>(cursor, position))
    }

    fn into_owned(self) -> Self::Owned {
        Fresh(self.0.into_owned())
    }
}
