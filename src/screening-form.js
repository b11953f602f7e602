// screening-form.js: the one file a partner page includes. It defines <screening-form>, loads
// the WebAssembly widget once per page, and gives each element its own shadow root.
// No inline script or style is created, so the widget runs under a strict Content-Security-Policy.
//
// Quick exit lives here, not in the wasm, so nothing can take it down: one page-wide Shift x3
// listener and one click handler per shadow root work while the wasm loads, on the problem
// screen and after the wasm instance has trapped. The wasm's own button carries `data-quick-exit`
// and has no handler of its own: this file handles its clicks.

const here = new URL('.', import.meta.url);
const OBSERVED = [
  'questionnaire', 'lang', 'endpoint', 'partner', 'contacts', 'exit-url', 'privacy', 'epsilon', 'queue',
];
/** Where quick exit goes without a usable `exit-url` (the same as the wasm's default). */
const DEFAULT_EXIT_URL = 'https://www.google.com/';
/** The offline queue's localStorage key (src/queue.rs). */
const QUEUE_KEY = 'screening-form-queue';
/** The event the wasm instances listen for, to forget their answers (src/exit.rs). */
const EXIT_EVENT = 'screening-form-exit';
/** Shift pressed three times within this many milliseconds (crates/core/src/quick_exit.rs). */
const SHIFT_WINDOW_MS = 3000;
/** The quick-exit button's label before the wasm has loaded (the same words as the wasm's). */
const LEAVE = { tg: 'Зуд баромадан', ru: 'Быстро уйти', uz: 'Tezda chiqish', en: 'Leave quickly' };

let loading = null;
let leaving = false;

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

/** The element's `exit-url` if it is an http(s) URL (as the wasm checks it), else null. */
function exitUrlOf(element) {
  const value = element?.getAttribute('exit-url');
  if (!value || !/^https?:\/\/\S+$/.test(value)) return null;
  return value;
}

/**
 * Quick exit: blank every widget on the page at once, delete any queued report, optionally hide
 * the host page, and leave with `location.replace` so Back does not return. Needs nothing from
 * the wasm; it is told afterwards, so a dead instance cannot stop the exit.
 */
export function quickExit(from) {
  leaving = true;
  const forms = [...document.querySelectorAll('screening-form')];
  if (forms.some((f) => f.hasAttribute('exit-hides-page'))) {
    // CSSOM, not a style attribute: allowed under a strict style-src.
    try {
      if (document.body) document.body.style.visibility = 'hidden';
      document.title = '';
    } catch { /* keep leaving */ }
  }
  for (const form of forms) {
    try {
      form.shadowRoot?.replaceChildren();
    } catch { /* keep leaving */ }
  }
  try {
    localStorage.removeItem(QUEUE_KEY);
  } catch { /* storage blocked: nothing was queued */ }
  const url = exitUrlOf(from) ?? forms.map(exitUrlOf).find(Boolean) ?? DEFAULT_EXIT_URL;
  try {
    location.replace(url);
  } catch {
    location.replace(DEFAULT_EXIT_URL);
  }
  // Now let live instances forget their answers; a trapped one throws in its own listener.
  try {
    window.dispatchEvent(new Event(EXIT_EVENT));
  } catch { /* already leaving */ }
}

// One listener for the whole page, however many widgets: Shift pressed three times within
// three seconds; any other key starts again (typing capitals never exits); a held key counts once.
let presses = [];
window.addEventListener(
  'keydown',
  (event) => {
    if (event.key !== 'Shift') {
      presses = [];
      return;
    }
    if (event.repeat) return;
    const now = performance.now();
    presses = presses.filter((t) => now - t < SHIFT_WINDOW_MS);
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      quickExit(null);
    }
  },
  true,
);

/** A quick-exit button of the loader's own, for while the wasm loads or if it failed. */
function exitButton(element) {
  const lang = (element.getAttribute('lang') || navigator.language || 'en').slice(0, 2).toLowerCase();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sf-exit';
  button.dataset.quickExit = '';
  button.textContent = LEAVE[lang] ?? LEAVE.en;
  return button;
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
      try {
        this.#instance.unmount();
        this.#instance.free();
      } catch (error) {
        console.error('<screening-form>: could not unmount', error);
      }
      this.#instance = null;
    }
    if (this.shadowRoot) this.shadowRoot.replaceChildren();
  }

  #root() {
    if (this.shadowRoot) return this.shadowRoot;
    const root = this.attachShadow({ mode: 'open' });
    // Every quick-exit button in this root, the wasm's included, is handled here.
    root.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('[data-quick-exit]')) {
        event.stopPropagation();
        quickExit(this);
      }
    });
    // The wasm handles each question's form; if it has trapped, a native submit would put the
    // answers in the page's URL and history. Never let a form in here submit.
    root.addEventListener('submit', (event) => event.preventDefault());
    return root;
  }

  async #render() {
    const generation = ++this.#generation;
    const root = this.#root();
    if (leaving) return;
    if (!this.#instance) root.replaceChildren(exitButton(this));
    let glue;
    try {
      glue = await loadWidget();
    } catch (error) {
      console.error('<screening-form>: could not load the widget', error);
      if (leaving) return;
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = 'The screening form could not be loaded. Please reload the page.';
      root.replaceChildren(exitButton(this), message);
      return;
    }
    // The element may have left the page, or been re-rendered, while the module loaded; or
    // the person has left already.
    if (generation !== this.#generation || !this.isConnected || leaving) return;
    this.#unmount();
    try {
      this.#instance = glue.mount(this, root, here.href);
    } catch (error) {
      console.error('<screening-form>: could not start', error);
      root.replaceChildren(exitButton(this));
    }
  }
}

if (!customElements.get('screening-form')) {
  customElements.define('screening-form', ScreeningForm);
}
