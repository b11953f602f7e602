// screening-form.js: the one file a partner page includes. It defines <screening-form>, loads
// the WebAssembly widget once per page, and gives each element its own shadow root.
// No inline script or style is created, so the widget runs under a strict Content-Security-Policy.

const here = new URL('.', import.meta.url);
const OBSERVED = [
  'questionnaire', 'lang', 'endpoint', 'partner', 'contacts', 'exit-url', 'privacy', 'epsilon', 'queue',
];

let loading = null;

/** Loads and instantiates the wasm module once, however many elements the page has. */
function loadWidget() {
  if (!loading) {
    loading = import(new URL('screening-widget.js', here).href).then(async (glue) => {
      await glue.default({ module_or_path: new URL('screening-widget_bg.wasm', here) });
      return glue;
    });
  }
  return loading;
}

class ScreeningForm extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  #instance = null;
  #generation = 0;

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#unmount();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected && this.#instance) this.#render();
  }

  #unmount() {
    if (this.#instance) {
      this.#instance.unmount();
      this.#instance.free();
      this.#instance = null;
    }
    if (this.shadowRoot) this.shadowRoot.replaceChildren();
  }

  async #render() {
    const generation = ++this.#generation;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    let glue;
    try {
      glue = await loadWidget();
    } catch (error) {
      console.error('<screening-form>: could not load the widget', error);
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = 'The screening form could not be loaded. Please reload the page.';
      root.replaceChildren(message);
      return;
    }
    // The element may have left the page, or been re-rendered, while the module loaded.
    if (generation !== this.#generation || !this.isConnected) return;
    this.#unmount();
    try {
      this.#instance = glue.mount(this, root, here.href);
    } catch (error) {
      console.error('<screening-form>: could not start', error);
    }
  }
}

if (!customElements.get('screening-form')) {
  customElements.define('screening-form', ScreeningForm);
}
