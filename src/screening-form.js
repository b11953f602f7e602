// screening-form.js: the one file a partner page includes. It defines <screening-form>, loads
// the WebAssembly widget once per page, and gives each element its own shadow root.
// No inline script or style is created, so the widget runs under a strict Content-Security-Policy.
//
// Quick exit lives here, not in the wasm, so nothing can take it down: one page-wide Shift x3
// listener and one click handler per shadow root work while the wasm loads, on the problem
// screen and after the wasm instance has trapped. The wasm's own button carries `data-quick-exit`
// and has no handler of its own: this file handles its clicks.

const here = new URL('.', import.meta.url);
/**
 * What the loader shares with the wasm, written once in the core (crates/core: settings.rs,
 * delivery.rs, ui.rs) and generated here (xtask/src/shared.rs, whose test fails when this copy
 * differs; `cargo xtask shared` rewrites it, and `cargo xtask dist` the shipped loader's): the
 * attributes that re-render a widget, the default exit URL and the exit-URL rule, the offline
 * queue's key, the event that tells the wasm instances to forget their answers, and the words said before or without the wasm (the quick-exit label, "could not be
 * loaded", and the Shift hint after a first and a second press: as GOV.UK's "Exit this page" does,
 * so a screen-reader user learns what the presses will do before the third).
 */
// BEGIN SHARED: generated from the core by `cargo xtask shared` (and dist); do not edit
const OBSERVED = ["questionnaire","lang","endpoint","partner","contacts","exit-url","privacy","epsilon","queue","mode"];
const DEFAULT_EXIT_URL = "https://www.google.com/";
const WEB_URL = "^https?://\\S+$";
const QUEUE_KEY = "screening-form-queue";
const EXIT_EVENT = "screening-form-exit";
const LEAVE = {"en":"Leave quickly","ru":"Быстро уйти","tg":"Зуд баромадан","uz":"Tezda chiqish","uz-Cyrl":"Тезда чиқиш"};
const SHIFT_MORE = {"en":["Press Shift once more to leave quickly.","Press Shift 2 more times to leave quickly."],"ru":["Нажмите Shift ещё раз, чтобы быстро уйти.","Нажмите Shift ещё 2 раза, чтобы быстро уйти."],"tg":["Барои зуд баромадан Shift-ро боз як бор пахш кунед.","Барои зуд баромадан Shift-ро боз 2 бор пахш кунед."],"uz":["Tezda chiqish uchun Shift tugmasini yana bir marta bosing.","Tezda chiqish uchun Shift tugmasini yana 2 marta bosing."],"uz-Cyrl":["Тезда чиқиш учун Shift тугмасини яна бир марта босинг.","Тезда чиқиш учун Shift тугмасини яна 2 марта босинг."]};
const LOAD_FAILED = {"en":"The questionnaire could not be loaded. Please reload the page.","ru":"Не удалось загрузить опрос. Обновите страницу.","tg":"Саволнома бор нашуд. Саҳифаро аз нав кушоед.","uz":"Soʻrovnoma yuklanmadi. Sahifani yangilang.","uz-Cyrl":"Сўровнома юкланмади. Саҳифани янгиланг."};
// END SHARED
const WEB_URL_RE = new RegExp(WEB_URL);
/** Shift pressed three times within this many milliseconds (tests/e2e/safety.spec.ts). */
const SHIFT_WINDOW_MS = 3000;

/**
 * The built-in questionnaires' locales, written in by `cargo xtask dist` (which also derives one
 * file per questionnaire and locale): `{questionnaires: {id: {locales: {tag: status},
 * default_scripts}}, contacts: true when split too}`. Empty in a build without it: the wasm then
 * fetches the all-locales files itself.
 */
const BUILT_IN = {};

/** The wasm module per build: the self-check's, and assisted mode's (`mode="assisted"`). */
const loading = {};
let leaving = false;

/** Which build an element needs: assisted mode's screens ride in their own wasm. */
function flavour(element) {
  return (element?.getAttribute('mode') || '').trim() === 'assisted' ? 'assisted' : 'widget';
}

/**
 * The room the start screen takes, held from the moment the element is defined until the
 * person's first click or key in it, so the host page's text below never jumps when the widget
 * appears (and the widget shrinks, if ever, only after the person acts). Measured start screens
 * (tallest locale, tg): 52rem at 320 px, 44rem at 390 px, 23rem on a wide screen; a partner sets
 * `--screening-form-start-height`, or, to hold the room before this file has run too, a
 * `min-height` on `screening-form` in their own stylesheet (README.md, "Embedding"). A
 * constructable stylesheet: allowed under a strict style-src.
 */
let reserve = null;
function reserveSheet() {
  if (!reserve) {
    try {
      reserve = new CSSStyleSheet();
      const at = (width, height) =>
        `@media (max-width: ${width}) { :host { min-height: var(--screening-form-start-height, ${height}); } }`;
      reserve.replaceSync(
        ':host { display: block; min-height: var(--screening-form-start-height, 23rem); }' +
          at('56rem', '30rem') + at('27rem', '44rem') + at('22.5rem', '52rem'),
      );
    } catch {
      reserve = false; // no constructable stylesheets: the widget appears without a reserve
    }
  }
  return reserve || null;
}

/** Holds the start screen's room in a new shadow root until the person first clicks or types. */
function holdRoom(root) {
  const sheet = reserveSheet();
  if (!sheet) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  // On a click, not a pointerdown: the room shrinking between press and release would move the
  // button from under the finger and lose the click.
  const release = () => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    root.removeEventListener('click', release, true);
    root.removeEventListener('keydown', release, true);
  };
  root.addEventListener('click', release, true);
  root.addEventListener('keydown', release, true);
}

/**
 * Loads and instantiates the wasm module once, however many elements the page has. The glue and
 * the wasm are requested at once (the glue compiles the wasm while it streams in).
 */
function loadWidget(build) {
  if (!loading[build]) {
    const wasm = fetch(new URL(`screening-${build}_bg.wasm`, here));
    wasm.catch(() => { /* reported through the glue's init */ });
    loading[build] = import(new URL(`screening-${build}.js`, here).href).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue;
    });
  }
  return loading[build];
}
// As soon as the loader runs: the module the page's first element needs loads while the page
// goes on.
loadWidget(flavour(document.querySelector('screening-form'))).catch(() => {
  /* each element shows its own problem */
});

/**
 * The widget's stylesheet (`cargo xtask dist` writes it beside this file), one constructable
 * sheet shared by every shadow root: allowed under a strict style-src. Fetched at once, beside
 * the wasm, because the pre-rendered start screen needs it before the wasm has arrived.
 */
const styles = fetchText(new URL('screening-form.css', here)).then((css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
});
styles.catch(() => { /* each element shows its own problem */ });

/** Adopts the widget's sheet into a shadow root, before the room's sheet (which must win). */
function adoptStyles(root, sheet) {
  if (root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
}

/**
 * The loader's guess of the locale the wasm will choose (the core decides, and fetches another
 * file if the guess was wrong): the `lang` attribute, else the browser's languages, matched
 * exactly, then by language (with the questionnaire's default script), else English.
 */
function guessLocale(element, info) {
  const offered = Object.keys(info.locales);
  const lower = offered.map((t) => t.toLowerCase());
  const attr = (element.getAttribute('lang') || '').trim();
  const wanted = attr ? [attr, ...navigator.languages] : [...navigator.languages];
  for (const tag of wanted) {
    const parts = tag.toLowerCase().replace(/_/g, '-').split('-');
    const script = parts.find((p) => p.length === 4);
    const exact = lower.indexOf(script ? `${parts[0]}-${script}` : parts[0]);
    if (exact >= 0) return offered[exact];
    const preferred = info.default_scripts?.[parts[0]];
    if (preferred && offered.includes(`${parts[0]}-${preferred}`)) return `${parts[0]}-${preferred}`;
    const same = lower.findIndex((t) => t.split('-')[0] === parts[0]);
    if (same >= 0) return offered[same];
  }
  return offered.includes('en') ? 'en' : offered[0];
}

/**
 * GETs `url`; a failure is reported by the wasm. The default credentials mode (`same-origin`:
 * never cookies to another origin, such as a CDN), because it is the mode of a
 * `<link rel="preload" as="fetch" crossorigin>` a partner can put in the page
 * (docs/preload-hints.md): with `omit` the browser would ignore the hint and download twice.
 */
function fetchText(url) {
  const text = fetch(url, { credentials: 'same-origin' }).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.text();
  });
  text.catch(() => { /* reported by the wasm */ });
  return text;
}

/**
 * A partner's own definition (`questionnaire` is a URL, by the core's rule in
 * crates/core/src/settings.rs: it has a `/` or `:` or ends in `.json`), resolved against the
 * page as the wasm resolves it. `undefined` when it is not an http(s) URL: the wasm explains.
 */
function partnerUrl(value) {
  if (!(value.includes('/') || value.includes(':') || value.endsWith('.json'))) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts fetching the questionnaire alongside the wasm: a built-in questionnaire's locale file
 * and its pre-rendered start screen, or a partner's definition URL (the wasm uses the text only
 * if it resolves the same URL).
 */
function preload(element) {
  const id = (element.getAttribute('questionnaire') || '').trim();
  const all = BUILT_IN.questionnaires ?? {};
  if (!Object.hasOwn(all, id)) {
    const url = partnerUrl(id);
    return url === undefined ? undefined : { url, text: fetchText(url) };
  }
  const info = all[id];
  const locale = guessLocale(element, info);
  const file = `questionnaires/${id}.${locale}`;
  const text = fetchText(new URL(`${file}.json`, here));
  const start = fetchText(new URL(`${file}.start.json`, here)).then(JSON.parse);
  start.catch(() => { /* the live start screen comes with the wasm */ });
  return {
    locale,
    text,
    start,
    locales: info.locales,
    default_scripts: info.default_scripts ?? {},
    contacts: BUILT_IN.contacts === true,
  };
}

/**
 * The element's `exit-url`, trimmed, if it is an http(s) URL, else null: the rule of the wasm's
 * settings (`is_web_url` in crates/core/src/settings.rs, which also trims attributes), so the
 * widget never warns about one URL while quick exit goes to another.
 */
function exitUrlOf(element) {
  const value = element?.getAttribute('exit-url')?.trim();
  if (!value || !WEB_URL_RE.test(value)) return null;
  return value;
}

/** Deletes any queued report (the finished anonymous payloads). */
function forgetQueue() {
  try {
    localStorage.removeItem(QUEUE_KEY);
  } catch { /* storage blocked: nothing was queued */ }
}

// A second delete as the page goes: whatever settled between the exit and the navigation (a
// send that failed in the meantime) cannot leave a report behind. The wasm also refuses to
// write once it has heard the exit event.
window.addEventListener('pagehide', () => {
  if (leaving) forgetQueue();
});

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
  forgetQueue();
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

/**
 * Shows and says how many more Shift presses leave (`left` 1 or 2), or clears the hint (0), in
 * the first widget on the page (one announcement, however many widgets), in the language it
 * shows now. The hint is a polite status placed in the shadow root when the widget is drawn, so
 * it exists before its text changes (screen readers announce changes, not insertions).
 */
let hintTimer = 0;
function shiftHint(left) {
  clearTimeout(hintTimer);
  const form = document.querySelector('screening-form');
  const hint = form?.shadowRoot && hintOf(form.shadowRoot);
  if (!hint) return;
  const shown = form.shadowRoot.querySelector('[lang]')?.getAttribute('lang');
  const key = shown === 'uz-Latn' ? 'uz' : shown || loaderLocale(form);
  hint.textContent = left ? (SHIFT_MORE[key] ?? SHIFT_MORE.en)[left - 1] : '';
  // The count starts again after the window: so does the hint.
  if (left) hintTimer = setTimeout(() => shiftHint(0), SHIFT_WINDOW_MS);
}

/** The Shift hint among a shadow root's own children (not one the wasm might draw). */
function hintOf(root) {
  return [...root.children].find((c) => c.classList.contains('sf-shift-hint'));
}

/**
 * Shows `nodes` in a shadow root, with its Shift hint after them: the same element, so a count
 * said while one screen gave way to the next (the pre-rendered start screen to the live one)
 * stays said; a new, empty one the first time.
 */
function show(root, ...nodes) {
  let hint = hintOf(root);
  if (!hint) {
    hint = document.createElement('p');
    hint.className = 'sf-shift-hint';
    hint.setAttribute('role', 'status');
  }
  root.replaceChildren(...nodes, hint);
}

// One listener for the whole page, however many widgets: Shift pressed three times within
// three seconds; any other key starts again (typing capitals never exits); a held key counts once.
let presses = [];
window.addEventListener(
  'keydown',
  (event) => {
    if (event.key !== 'Shift') {
      if (presses.length) shiftHint(0);
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
      return;
    }
    shiftHint(3 - presses.length);
  },
  true,
);

/** The key of LEAVE and LOAD_FAILED for an element: its `lang`, else the browser's. */
function loaderLocale(element) {
  const tag = element.getAttribute('lang') || navigator.language || 'en';
  if (/^uz-cyrl/i.test(tag)) return 'uz-Cyrl';
  return tag.slice(0, 2).toLowerCase();
}

/** A quick-exit button of the loader's own, for while the wasm loads or if it failed. */
function exitButton(element) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sf-exit';
  button.dataset.quickExit = '';
  button.textContent = LEAVE[loaderLocale(element)] ?? LEAVE.en;
  return button;
}

/** The exit button and a message that the widget could not be shown. */
function failed(element) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = LOAD_FAILED[loaderLocale(element)] ?? LOAD_FAILED.en;
  return [exitButton(element), message];
}

class ScreeningForm extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  #instance = null;
  #generation = 0;
  /** Start was pressed on the pre-rendered start screen; the wasm opens the first question. */
  #started = false;
  /** The render whose live widget, or failure message, is shown: no pre-rendered screen over it. */
  #settled = 0;

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#unmount();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    // Also while the wasm loads (review D5): the render under way was started, and fetched, for
    // the old attributes; a new render supersedes it. Not before the first render (the
    // attributes an element is upgraded with come before connectedCallback).
    if (oldValue !== newValue && this.isConnected && this.#generation > 0) this.#render();
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
      if (!(event.target instanceof Element)) return;
      if (event.target.closest('[data-quick-exit]')) {
        event.stopPropagation();
        quickExit(this);
        return;
      }
      const start = event.target.closest('[data-prerendered] .sf-start .sf-primary');
      if (start && !this.#instance) {
        this.#started = true;
        start.setAttribute('aria-busy', 'true');
      }
    });
    // The wasm handles each question's form; if it has trapped, a native submit would put the
    // answers in the page's URL and history. Never let a form in here submit.
    root.addEventListener('submit', (event) => event.preventDefault());
    holdRoom(root);
    return root;
  }

  async #render() {
    const generation = ++this.#generation;
    const root = this.#root();
    if (leaving) return;
    if (!this.#instance) show(root, exitButton(this));
    // Assisted mode needs every language of the questionnaire (two on one screen): the wasm
    // fetches the all-locales file itself, and there is no pre-rendered start screen.
    const build = flavour(this);
    const content = build === 'assisted' ? undefined : preload(this);
    if (!this.#instance && content?.start) this.#prerender(generation, root, content.start);
    let glue;
    let sheet;
    try {
      [glue, sheet] = await Promise.all([loadWidget(build), styles]);
      // The wasm reads the questionnaire as soon as it is mounted: with its text already here,
      // the live start screen replaces the pre-rendered one before the next frame. Not when a
      // live widget is shown (new attributes): it must not stay usable while the new file loads.
      if (!this.#instance) await content?.text.catch(() => {});
    } catch (error) {
      console.error('<screening-form>: could not load the widget', error);
      if (leaving || generation !== this.#generation) return;
      this.#settled = generation;
      show(root, ...failed(this));
      return;
    }
    // The element may have left the page, or been re-rendered, while the module loaded; or
    // the person has left already.
    if (generation !== this.#generation || !this.isConnected || leaving) return;
    adoptStyles(root, sheet);
    this.#settled = generation;
    const focused = focusIndex(root);
    const chosen = chosenLanguage(root);
    const started = this.#started;
    this.#started = false;
    const hint = hintOf(root);
    this.#unmount();
    try {
      this.#instance = glue.mount(this, root, here.href, content, started);
      // After the widget's own nodes, so the hint reads and shows after the screen: the same
      // element, with what it was saying.
      if (hint) root.append(hint);
      else show(root, ...root.childNodes);
      // Focus that was on the pre-rendered screen goes to the same control on the live one, and
      // a language picked in its menu stays picked, with the live menu's button to apply it
      // (both drawn by then: the animation frame comes after the wasm's microtasks).
      if ((focused >= 0 || chosen) && !started) {
        requestAnimationFrame(() => {
          const menu = root.querySelector('.sf-language select');
          if (chosen && menu && menu.value !== chosen) {
            menu.value = chosen;
            menu.dispatchEvent(new Event('change', { bubbles: true }));
          }
          if (focused >= 0 && !root.activeElement) root.querySelectorAll(FOCUSABLE)[focused]?.focus();
        });
      }
    } catch (error) {
      console.error('<screening-form>: could not start', error);
      // Not a bare button (review D11): the same message as when the widget did not load.
      if (!leaving) {
        show(root, ...failed(this));
      }
    }
  }

  /**
   * Shows the questionnaire's start screen, rendered at build time by the widget's own
   * components (`screening-prerender`), as soon as it and the stylesheet are here and if the
   * wasm is not yet. Its quick exit works (this file handles it); a Start pressed on it is
   * remembered and honoured when the wasm is ready; the wasm then draws the same screen in
   * its place. The file is the build's own output from the built-in definitions, its text
   * escaped by the renderer; a template parses it inertly (nothing in it runs or loads).
   */
  async #prerender(generation, root, start) {
    let screens;
    let sheet;
    try {
      [screens, sheet] = await Promise.all([start, styles]);
    } catch {
      return; // the live start screen comes with the wasm
    }
    if (generation !== this.#generation || this.#settled === generation || this.#instance) return;
    if (leaving || !this.isConnected) return;
    // The live screen says which it is, from the checked attribute.
    const sends = (this.getAttribute('endpoint') || '').trim() !== '';
    const html = sends ? screens.sends : screens.local;
    if (typeof html !== 'string') return;
    const template = document.createElement('template');
    template.innerHTML = html;
    const screen = template.content.firstElementChild;
    if (!screen) return;
    screen.setAttribute('data-prerendered', '');
    adoptStyles(root, sheet);
    show(root, screen);
  }
}

/** What can hold focus in the widget, in the same order on the pre-rendered and live screen. */
const FOCUSABLE = 'button:not([hidden]), select, [tabindex]';

/** The language picked in the pre-rendered screen's menu, if it is not the one shown (the
 *  pre-rendered menu has no handlers: the live one applies it). */
function chosenLanguage(root) {
  const screen = root.querySelector('[data-prerendered] .sf-widget');
  const value = screen?.querySelector('.sf-language select')?.value;
  return value && value !== screen.getAttribute('lang') ? value : null;
}

/** Where focus is among a shadow root's FOCUSABLE controls (-1: not in it). */
function focusIndex(root) {
  const active = root.activeElement;
  return active ? [...root.querySelectorAll(FOCUSABLE)].indexOf(active) : -1;
}

if (!customElements.get('screening-form')) {
  customElements.define('screening-form', ScreeningForm);
}
