// Browser benchmark of the release bundle against SurveyJS (run by `cargo xtask bench`; figures,
// never a pass/fail test). Prints one JSON object on stdout; progress on stderr.
//
//   BENCH_RUNS=7 BENCH_DIST=dist node bench/bench.mjs
//
// One HTTPS server (HTTP/2, brotli -q 11, bench/server.mjs) serves both, each on the same plain
// partner page (a heading, the questionnaire, text below it, the partner's stylesheet):
//   - ours: tests/e2e/pages/plain.html with <screening-form questionnaire="job-offer" lang="tg">
//     (and the README's room-holding rules in plain.css), from BENCH_DIST (default dist/);
//   - SurveyJS: bench/surveyjs/index.html, survey-core + survey-js-ui 2.5.38 (minified UMD, from
//     node_modules) and the fontless default theme, with job-offer converted to a SurveyJS model
//     at bench time by bench/surveyjs/convert.mjs from the same per-locale definition, given a
//     start page with our start screen's facts and Start button (SurveyJS's
//     `firstPageIsStartPage`), so both sides show a start screen and press Start.
// Headless Chromium at 390 x 844, a fresh browser context (empty cache) for every run, in two profiles:
// throttled (4x CPU, 1.6 Mbps down / 750 kbps up / 150 ms latency) and unthrottled. In each
// profile the variants alternate run by run (the order rotates), BENCH_RUNS runs each (7).
//
// Per run, one whole screening in one language along a real path: the answers of a worked case
// (questionnaires/cases/: job-offer `visa_recruiter_keeps_passport`, a high result; returnee
// `tb_and_locked_in_russia`), clicked on each question, then Next; a question the case does not
// answer is passed with Next. Both sides walk the same questions (the step counts are printed).
//   - bytes: encoded bytes received (bodies and headers) for everything the page loads from
//     navigation until the network is idle at the result (ours: contacts included); favicon excluded;
//   - start screen: from navigation start (performance.timeOrigin) to the frame in which the start
//     screen's Start button is in the DOM (an in-page requestAnimationFrame watcher), which presses
//     it two frames later (ours: the pre-rendered screen, when it comes before the wasm);
//   - first question: from navigation start to the frame in which the first question is in the DOM;
//   - CLS while loading: the sum of layout shifts without recent input (PerformanceObserver) from
//     navigation until Start is pressed (the change of screen Start causes is not loading);
//   - per step, measured in page: Next pressed -> the next question (or the result) in the DOM
//     (a MutationObserver: the work each side does for a step), and -> the frame that paints it
//     (a requestAnimationFrame poll, which adds the wait for the display's next frame);
//   - main-thread CPU: CDP Performance.getMetrics TaskDuration and ScriptDuration, from before
//     navigation to the first question, and to the result (the forced GCs below excluded);
//   - memory: JSHeapUsedSize after a forced GC at the first question and at the result; for ours
//     also the wasm linear memory (WebAssembly.Memory buffer size, which the JS heap excludes).
// Throttled profile only, first question only: ours with the preload hints a partner can add
// (docs/preload-hints.md) on the same plain page: glue and wasm; glue, wasm and questionnaire
// (as tests/e2e/pages/preload.html has them).
// Also the returnee questionnaire in Russian, ours only, throttled (the figure kept from before).
import { chromium } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
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
  const screen = read(`${QUESTIONNAIRE}.${LANG}.start.json`).local.replace(/<!>/g, '');
  const facts = screen.match(/<ul class="sf-facts">.*?<\/ul>/)?.[0].replace(/<span class="sf-keyboard">.*?<\/span>/, '');
  const button = screen.match(/class="sf-primary">(.*?)<\/button>/)?.[1];
  if (!facts || !button) throw new Error(`${QUESTIONNAIRE}.${LANG}.start.json: no facts or Start button`);
  const model = convert(read(`${QUESTIONNAIRE}.${LANG}.json`), { contacts: read(`contacts.${LANG}.json`), start: { facts, button } });
  writeFileSync(join(dir, `questionnaires/${QUESTIONNAIRE}.${LANG}.json`), JSON.stringify(model));
  return dir;
}

/** Our plain page (the benchmark's page) with the hints a partner can add, as in
 *  tests/e2e/pages/preload.html: glue and wasm (`code`), and the questionnaire too (`all`). */
function stageHintsPages() {
  const page = readFileSync(join(root, 'tests/e2e/pages/plain.html'), 'utf8');
  const anchor = '  <script type="module" src="/screening-form.js"></script>';
  if (!page.includes(anchor)) throw new Error('tests/e2e/pages/plain.html: no loader script to put the hints before');
  const code = [
    '  <link rel="modulepreload" href="/screening-widget.js">',
    '  <link rel="preload" href="/screening-widget_bg.wasm" as="fetch" crossorigin>',
  ];
  const questionnaire = `  <link rel="preload" href="/questionnaires/${QUESTIONNAIRE}.${LANG}.json" as="fetch" crossorigin>`;
  mkdirSync(join(stage, 'pages'), { recursive: true });
  writeFileSync(join(stage, 'pages/plain-hints-code.html'), page.replace(anchor, [...code, anchor].join('\n')));
  writeFileSync(join(stage, 'pages/plain-hints-all.html'), page.replace(anchor, [...code, questionnaire, anchor].join('\n')));
}

/** The answers of the worked case each questionnaire's walk follows. */
const CASES = { 'job-offer': 'visa_recruiter_keeps_passport', returnee: 'tb_and_locked_in_russia' };
const ANSWERS = Object.fromEntries(
  Object.entries(CASES).map(([id, name]) => {
    const cases = JSON.parse(readFileSync(join(root, `questionnaires/cases/${id}.json`), 'utf8')).cases;
    const found = cases.find((c) => c.id === name);
    if (!found) throw new Error(`questionnaires/cases/${id}.json has no case ${name}`);
    return [id, found.answers];
  }),
);

const surveyjsDir = stageSurveyJs();
stageHintsPages();
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
  'screening-form': { widget: true, url: '/pages/plain.html', full: true, answers: 'job-offer' },
  surveyjs: { widget: false, url: `/surveyjs/?${query}`, full: true, answers: 'job-offer' },
  'screening-form + glue and wasm hints': { widget: true, url: '/stage-pages/plain-hints-code.html', full: false, only: 'throttled' },
  'screening-form + glue, wasm and questionnaire hints': { widget: true, url: '/stage-pages/plain-hints-all.html', full: false, only: 'throttled' },
  'returnee (ru), screening-form': { widget: true, url: '/pages/host.html?questionnaire=returnee&lang=ru', full: true, only: 'throttled', answers: 'returnee' },
};

/** Runs at document start in the page: notes when the start screen is in the DOM (and presses
 *  Start in that frame), when the first question is, and the layout shifts until then. */
function watcher(widget) {
  const bench = (window.__bench = { shifts: [] });
  // Shifts while loading: before Start is pressed (the watcher's click is not trusted input, so
  // the change of screen it causes would count as a shift without recent input).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) bench.shifts.push([e.startTime, e.value]);
  }).observe({ type: 'layout-shift', buffered: true });
  // Start is pressed two frames after it appears, so the frame that lays the start screen out
  // has recorded its layout shifts before the press (the same delay on both sides).
  let wait = -1;
  const tick = () => {
    const dom = widget ? document.querySelector('screening-form')?.shadowRoot : document;
    const start = dom?.querySelector(widget ? '.sf-start button.sf-primary' : '.sd-navigation__start-btn');
    if (bench.start === undefined && start) {
      bench.start = performance.now();
      wait = 2;
    }
    if (wait > 0) wait -= 1;
    else if (wait === 0 && start) {
      wait = -1;
      bench.pressed = performance.now();
      start.click();
    }
    if (dom?.querySelector(widget ? 'form.sf-question legend' : '.sd-question__title')) {
      bench.first = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** In page: on every question, click the case's answers, then press Next; the time from each
 *  Next to the next question (or the result) in the DOM, and to the frame that paints it. */
function walk({ widget, answers }) {
  const dom = widget ? document.querySelector('screening-form').shadowRoot : document;
  const QUESTION = widget ? 'form.sf-question legend' : '.sd-question__title';
  const DONE = widget ? 'form.sf-question legend, .sf-result h2' : '.sd-question__title, .sd-completedpage';
  const current = () =>
    widget ? dom.querySelector('form.sf-question input')?.name : dom.querySelector('.sd-question[data-name]')?.dataset.name;
  const option = (q, value) =>
    widget
      ? dom.querySelector(`input[name="${q}"][value="${value}"]`)
      : dom.querySelector(`.sd-question[data-name="${q}"] input[value="${value === 'dont_know' ? 'dontknow' : value}"]`);
  const next = () =>
    widget
      ? dom.querySelector('form.sf-question button[type=submit]')
      : [...dom.querySelectorAll('.sd-navigation__next-btn, .sd-navigation__complete-btn')].find((b) => b.offsetParent !== null);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return (async () => {
    const times = [];
    const painted = [];
    const asked = [];
    for (let i = 0; i < 60; i++) {
      const question = dom.querySelector(QUESTION);
      if (!question) break;
      const q = current();
      asked.push(q);
      const given = answers[q];
      for (const value of given === undefined ? [] : [given].flat()) {
        const input = option(q, value);
        if (!input) throw new Error(`no option ${value} on question ${q}`);
        input.click();
        await frame();
      }
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
    return { times, painted, asked, done: !!done };
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
  // A phone's screen (the performance review's 390 x 844): what the people it serves use.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 } });
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
    cls: marks.shifts.filter(([t]) => marks.pressed === undefined || t < marks.pressed).reduce((sum, [, v]) => sum + v, 0),
    cpu_first_ms: (m1.TaskDuration - m0.TaskDuration) * 1000,
    script_first_ms: (m1.ScriptDuration - m0.ScriptDuration) * 1000,
  };
  if (variant.full) {
    const h1 = await gcThenHeap();
    result.heap_first = h1.JSHeapUsedSize;
    if (variant.widget) result.wasm_first = await page.evaluate(wasmMemory);
    const h1after = await metrics();
    const steps = await page.evaluate(walk, { widget: variant.widget, answers: ANSWERS[variant.answers] ?? {} });
    if (!steps.done) throw new Error(`${name}: the walk did not reach the result`);
    result.asked = steps.asked;
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

/** The smallest and largest of the runs' figures: the spread around the median. */
const range = (xs) => {
  const s = xs.filter((x) => typeof x === 'number');
  return s.length ? [Math.round(Math.min(...s)), Math.round(Math.max(...s))] : null;
};

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
      log(`${profileName} ${i + 1}/${RUNS} ${name}: start screen ${Math.round(r.start_ms ?? NaN)} ms, first question ${Math.round(r.first_ms)} ms, CLS ${r.cls?.toFixed(3)}, ${r.bytes} B`);
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
      start_screen_ms_range: range(runs.map((r) => r.start_ms)),
      first_question_ms: pick('first_ms'),
      first_question_ms_range: range(runs.map((r) => r.first_ms)),
      cls: runs.some((r) => typeof r.cls === 'number') ? Number(median(runs.map((r) => r.cls)).toFixed(3)) : null,
      cls_max: runs.some((r) => typeof r.cls === 'number') ? Number(Math.max(...runs.map((r) => r.cls ?? 0)).toFixed(3)) : null,
      step_ms_median: median(steps),
      step_ms_max: steps.length ? Math.max(...steps) : null,
      step_painted_ms_median: median(runs.flatMap((r) => r.painted ?? [])),
      steps: runs[0].steps?.length ?? null,
      asked: runs[0].asked ?? null,
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
    for (const key of Object.keys(s)) if (typeof s[key] === 'number' && !key.startsWith('cls')) s[key] = Math.round(s[key]);
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
  cpu: cpus()[0]?.model ?? null,
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

