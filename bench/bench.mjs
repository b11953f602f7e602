// Browser benchmark of the release bundle against SurveyJS (run by `cargo xtask bench`; figures,
// never a pass/fail test). Prints one JSON object on stdout; progress on stderr.
//
//   BENCH_RUNS=7 BENCH_DIST=dist node bench/bench.mjs
//
// One HTTPS server (HTTP/2, brotli -q 11, bench/server.mjs) serves both:
//   - ours: tests/e2e/pages/host.html with <screening-form questionnaire="job-offer" lang="tg">,
//     from BENCH_DIST (default dist/);
//   - SurveyJS: bench/surveyjs/index.html, survey-core + survey-js-ui 2.5.38 (minified UMD, from
//     node_modules) and the fontless default theme, with job-offer converted to a SurveyJS model
//     at bench time by bench/surveyjs/convert.mjs from the same per-locale definition.
// Headless Chromium, a fresh browser context (empty cache) for every run, in two profiles:
// throttled (4x CPU, 1.6 Mbps down / 750 kbps up / 150 ms latency) and unthrottled. In each
// profile the variants alternate run by run (the order rotates), BENCH_RUNS runs each (7).
//
// Per run, one whole screening in one language, skipping every question (all are optional in
// both): 17 questions, then the result.
//   - bytes: encoded bytes received (bodies and headers) for everything the page loads from
//     navigation until the network is idle at the result (ours: contacts included); favicon excluded;
//   - first question: from navigation start (performance.timeOrigin) to the first question in the
//     DOM, detected by an in-page requestAnimationFrame watcher (so the frame that paints it).
//     Ours has a start screen: its time is reported too, and Start is pressed by the watcher in the
//     frame it appears (immediately);
//   - per step, measured in page: Next pressed -> the next question (or the result) in the DOM
//     (a MutationObserver: the work each side does for a step), and -> the frame that paints it
//     (a requestAnimationFrame poll, which adds the wait for the display's next frame);
//   - main-thread CPU: CDP Performance.getMetrics TaskDuration and ScriptDuration, from before
//     navigation to the first question, and to the result (the forced GCs below excluded);
//   - memory: JSHeapUsedSize after a forced GC at the first question and at the result; for ours
//     also the wasm linear memory (WebAssembly.Memory buffer size, which the JS heap excludes).
// Throttled profile only, first question only: ours with the preload hints a partner can add
// (docs/preload-hints.md): glue and wasm; glue, wasm and questionnaire (tests/e2e/
// pages/preload.html).
// Also the returnee questionnaire in Russian, ours only, throttled (the figure kept from before).
import { chromium } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from './server.mjs';
import { convert } from './surveyjs/convert.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = new URL('../', import.meta.url).pathname;
const dist = resolve(root, process.env.BENCH_DIST ?? 'dist');
if (!existsSync(join(dist, 'screening-form.js'))) {
  console.error(`bench: no release build in ${dist} (run cargo xtask dist, or set BENCH_DIST)`);
  process.exit(1);
}
const QUESTIONNAIRE = 'job-offer';
const LANG = 'tg';

const PROFILES = {
  throttled: { cpu: 4, network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 } },
  unthrottled: { cpu: 1, network: null },
};

const log = (...args) => console.error('bench:', ...args);

// ---------------------------------------------------------------------------------- staging

const stage = mkdtempSync(join(tmpdir(), 'screening-bench-'));
process.on('exit', () => rmSync(stage, { recursive: true, force: true }));

function stageSurveyJs() {
  const dir = join(stage, 'surveyjs');
  mkdirSync(join(dir, 'i18n'), { recursive: true });
  mkdirSync(join(dir, 'questionnaires'), { recursive: true });
  for (const file of ['index.html', 'survey.js']) copyFileSync(join(root, 'bench/surveyjs', file), join(dir, file));
  const modules = join(root, 'node_modules');
  copyFileSync(join(modules, 'survey-core/survey.core.min.js'), join(dir, 'survey.core.min.js'));
  copyFileSync(join(modules, 'survey-core/survey-core.fontless.min.css'), join(dir, 'survey-core.fontless.min.css'));
  copyFileSync(join(modules, 'survey-core/i18n/tajik.min.js'), join(dir, 'i18n/tajik.min.js'));
  copyFileSync(join(modules, 'survey-js-ui/survey-js-ui.min.js'), join(dir, 'survey-js-ui.min.js'));
  const read = (name) => JSON.parse(readFileSync(join(dist, 'questionnaires', name), 'utf8'));
  const model = convert(read(`${QUESTIONNAIRE}.${LANG}.json`), { contacts: read(`contacts.${LANG}.json`) });
  writeFileSync(join(dir, `questionnaires/${QUESTIONNAIRE}.${LANG}.json`), JSON.stringify(model));
  return dir;
}

/** The hinted host page without the questionnaire hint (glue and wasm only): what a partner can
 *  use when the element has no fixed `lang`. */
function stageCodeHintsPage() {
  const page = readFileSync(join(root, 'tests/e2e/pages/preload.html'), 'utf8');
  const out = page.replace(/\n *<link rel="preload" href="\/questionnaires\/[^"]*" as="fetch" crossorigin>/, '');
  if (out === page) throw new Error('tests/e2e/pages/preload.html: no questionnaire preload to leave out');
  mkdirSync(join(stage, 'pages'), { recursive: true });
  writeFileSync(join(stage, 'pages/host-preload-code.html'), out);
}

const surveyjsDir = stageSurveyJs();
stageCodeHintsPage();
const mounts = {
  '/': dist,
  '/pages': join(root, 'tests/e2e/pages'),
  '/surveyjs': surveyjsDir,
};
mounts['/stage-pages'] = join(stage, 'pages');
const server = await serve({ mounts });
const base = `https://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ],
});

// ---------------------------------------------------------------------------------- variants

const query = `questionnaire=${QUESTIONNAIRE}&lang=${LANG}`;
const VARIANTS = {
  'screening-form': { widget: true, url: `/pages/host.html?${query}`, full: true },
  surveyjs: { widget: false, url: `/surveyjs/?${query}`, full: true },
  'screening-form + glue and wasm hints': { widget: true, url: `/stage-pages/host-preload-code.html?${query}`, full: false, only: 'throttled' },
  'screening-form + glue, wasm and questionnaire hints': { widget: true, url: `/pages/preload.html?${query}`, full: false, only: 'throttled' },
  'returnee (ru), screening-form': { widget: true, url: '/pages/host.html?questionnaire=returnee&lang=ru', full: true, only: 'throttled' },
};

/** Runs at document start in the page: notes when the first question (ours: the start screen,
 *  then the first question after pressing Start at once) is in the DOM, checking every frame. */
function watcher(widget) {
  const bench = (window.__bench = {});
  const tick = () => {
    if (widget) {
      const root = document.querySelector('screening-form')?.shadowRoot;
      const start = root?.querySelector('.sf-start button.sf-primary');
      if (bench.start === undefined && start) {
        bench.start = performance.now();
        start.click();
      }
      if (root?.querySelector('form.sf-question legend')) {
        bench.first = performance.now();
        return;
      }
    } else if (document.querySelector('.sd-question__title')) {
      bench.first = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** In page: press Next on every question; the time from each press to the next question (or the
 *  result) in the DOM, and to the frame that paints it. */
function walk(widget) {
  const dom = widget ? document.querySelector('screening-form').shadowRoot : document;
  const QUESTION = widget ? 'form.sf-question legend' : '.sd-question__title';
  const DONE = widget ? 'form.sf-question legend, .sf-result h2' : '.sd-question__title, .sd-completedpage';
  const next = () =>
    widget
      ? dom.querySelector('form.sf-question button[type=submit]')
      : [...dom.querySelectorAll('.sd-navigation__next-btn, .sd-navigation__complete-btn')].find((b) => b.offsetParent !== null);
  return (async () => {
    const times = [];
    const painted = [];
    for (let i = 0; i < 60; i++) {
      const question = dom.querySelector(QUESTION);
      if (!question) break;
      const before = question.textContent;
      const changed = () => {
        const now = dom.querySelector(DONE);
        return now && now.textContent !== before;
      };
      let inDom = null;
      const observer = new MutationObserver(() => {
        if (inDom === null && changed()) inDom = performance.now();
      });
      observer.observe(dom, { childList: true, subtree: true, characterData: true });
      const t = performance.now();
      next().click();
      if (inDom === null && changed()) inDom = performance.now();
      await new Promise((resolve) => {
        const check = () => {
          if (changed()) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      const paint = performance.now();
      observer.disconnect();
      times.push((inDom ?? paint) - t);
      painted.push(paint - t);
    }
    const done = widget ? dom.querySelector('.sf-result h2') : dom.querySelector('.sd-completedpage');
    return { times, painted, done: !!done };
  })();
}

/** In page (ours): the wasm instance's linear memory, in bytes. */
async function wasmMemory() {
  const loader = [...document.scripts].find((s) => /screening-form\.js$/.test(s.src));
  const glue = await import(new URL('screening-widget.js', loader.src).href);
  return (await glue.default()).memory.buffer.byteLength;
}

async function run(name, profileName) {
  const variant = VARIANTS[name];
  const profile = PROFILES[profileName];
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await context.addInitScript(watcher, variant.widget);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  const pending = new Set();
  const requests = new Map();
  let lastNetwork = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    pending.add(e.requestId);
    requests.set(e.requestId, { url: e.request.url, bytes: 0 });
    lastNetwork = Date.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    pending.delete(e.requestId);
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
    lastNetwork = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    pending.delete(e.requestId);
    lastNetwork = Date.now();
  });
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const gcThenHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return metrics();
  };
  const idle = async () => {
    while (pending.size > 0 || Date.now() - lastNetwork < 500) await new Promise((r) => setTimeout(r, 100));
  };

  const m0 = await metrics();
  await page.goto(base + variant.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.first !== undefined, null, { polling: 50, timeout: 120_000 });
  const m1 = await metrics();
  const marks = await page.evaluate(() => window.__bench);
  const result = {
    start_ms: marks.start ?? null,
    first_ms: marks.first,
    cpu_first_ms: (m1.TaskDuration - m0.TaskDuration) * 1000,
    script_first_ms: (m1.ScriptDuration - m0.ScriptDuration) * 1000,
  };
  if (variant.full) {
    const h1 = await gcThenHeap();
    result.heap_first = h1.JSHeapUsedSize;
    if (variant.widget) result.wasm_first = await page.evaluate(wasmMemory);
    const h1after = await metrics();
    const steps = await page.evaluate(walk, variant.widget);
    if (!steps.done) throw new Error(`${name}: the walk did not reach the result`);
    result.steps = steps.times;
    result.painted = steps.painted;
    await idle();
    const m2 = await metrics();
    result.cpu_total_ms = result.cpu_first_ms + (m2.TaskDuration - h1after.TaskDuration) * 1000;
    result.script_total_ms = result.script_first_ms + (m2.ScriptDuration - h1after.ScriptDuration) * 1000;
    const h2 = await gcThenHeap();
    result.heap_result = h2.JSHeapUsedSize;
    if (variant.widget) result.wasm_result = await page.evaluate(wasmMemory);
  } else {
    await idle();
  }
  const loaded = [...requests.values()].filter((r) => !r.url.endsWith('/favicon.ico') && !r.url.startsWith('data:'));
  result.bytes = loaded.reduce((sum, r) => sum + r.bytes, 0);
  result.resources = loaded.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes }));
  const seen = new Set();
  result.fetched_twice = loaded.map((r) => new URL(r.url).pathname).filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
  result.warnings = errors.filter((e) => !/not yet reviewed by native speakers/.test(e));
  await context.close();
  return result;
}

// ---------------------------------------------------------------------------------- the runs

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// One unmeasured run of each variant first: the server compresses each file on its first request
// (brotli -q 11 of the SurveyJS bundle takes seconds), and the browser warms up.
for (const name of Object.keys(VARIANTS)) {
  if (!('needs' in VARIANTS[name]) || VARIANTS[name].needs) await run(name, 'unthrottled');
}
log('warmed up');

const raw = {};
for (const profileName of Object.keys(PROFILES)) {
  const names = Object.keys(VARIANTS).filter((n) => {
    const v = VARIANTS[n];
    return (!v.only || v.only === profileName) && (!('needs' in v) || v.needs);
  });
  raw[profileName] = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < RUNS; i++) {
    // Alternate, rotating the order, so no variant always runs first or after the same one.
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) {
      const r = await run(name, profileName);
      raw[profileName][name].push(r);
      log(`${profileName} ${i + 1}/${RUNS} ${name}: first question ${Math.round(r.first_ms)} ms, ${r.bytes} B`);
    }
  }
}

const summary = {};
for (const [profileName, variants] of Object.entries(raw)) {
  summary[profileName] = {};
  for (const [name, runs] of Object.entries(variants)) {
    const pick = (key) => median(runs.map((r) => r[key]));
    const steps = runs.flatMap((r) => r.steps ?? []);
    const s = {
      runs: runs.length,
      bytes: pick('bytes'),
      start_screen_ms: pick('start_ms'),
      first_question_ms: pick('first_ms'),
      step_ms_median: median(steps),
      step_ms_max: steps.length ? Math.max(...steps) : null,
      step_painted_ms_median: median(runs.flatMap((r) => r.painted ?? [])),
      steps: runs[0].steps?.length ?? null,
      cpu_first_ms: pick('cpu_first_ms'),
      script_first_ms: pick('script_first_ms'),
      cpu_total_ms: pick('cpu_total_ms'),
      script_total_ms: pick('script_total_ms'),
      heap_first: pick('heap_first'),
      heap_result: pick('heap_result'),
      wasm_first: pick('wasm_first'),
      wasm_result: pick('wasm_result'),
      fetched_twice: [...new Set(runs.flatMap((r) => r.fetched_twice))],
      warnings: [...new Set(runs.flatMap((r) => r.warnings))],
      first_question_runs_ms: runs.map((r) => Math.round(r.first_ms)),
    };
    for (const key of Object.keys(s)) if (typeof s[key] === 'number') s[key] = Math.round(s[key]);
    summary[profileName][name] = s;
  }
}
// Bytes per file, from the last unthrottled run of each side (the same in every run).
const resources = {};
for (const name of ['screening-form', 'surveyjs']) {
  const runs = raw.unthrottled[name];
  resources[name] = runs[runs.length - 1].resources;
}

const out = {
  date: new Date().toISOString().slice(0, 10),
  cores: availableParallelism(),
  chromium: browser.version(),
  runs: RUNS,
  dist,
  questionnaire: QUESTIONNAIRE,
  lang: LANG,
  surveyjs: JSON.parse(readFileSync(join(root, 'node_modules/survey-core/package.json'), 'utf8')).version,
  protocol: 'HTTPS, HTTP/2, brotli -q 11',
  profiles: summary,
  resources,
};
await browser.close();
server.close();
console.log(JSON.stringify(out));

