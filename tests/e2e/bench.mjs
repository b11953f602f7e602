// Timing benchmark of the release bundle (run by `cargo xtask bench`, never a pass/fail test).
// Headless Chromium with 4x CPU throttling on a 1.6 Mbps / 150 ms network, fresh cache each run:
//   - navigation to the first interactive question (start screen rendered, Start pressed,
//     first question shown); the start screen alone is reported too;
//   - per step: from pressing Next to the next question being on screen.
// Prints one JSON object.
import { chromium } from '@playwright/test';
import { serve } from '../../demo/server.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = new URL('../../', import.meta.url).pathname;
const server = await serve({ mounts: { '/': root + 'dist', '/pages': root + 'tests/e2e/pages' } });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)]) : null;
};

async function run(questionnaire, lang) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  const url = `${base}/pages/host.html?questionnaire=${questionnaire}&lang=${lang}`;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  const widget = page.locator('screening-form');
  await widget.locator('.sf-start button.sf-primary').waitFor();
  const start = Date.now() - t0;
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.locator('form.sf-question legend').waitFor();
  const first = Date.now() - t0;
  // Per step, measured inside the page: Next pressed -> a different legend on screen.
  const steps = await page.evaluate(async () => {
    const root = document.querySelector('screening-form').shadowRoot;
    const times = [];
    for (let i = 0; i < 40; i++) {
      const legend = root.querySelector('form.sf-question legend');
      if (!legend) break;
      const before = legend.textContent;
      const t = performance.now();
      root.querySelector('form.sf-question button[type=submit]').click();
      await new Promise((resolve) => {
        const check = () => {
          const now = root.querySelector('form.sf-question legend, .sf-result h2');
          if (now && now.textContent !== before) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      times.push(performance.now() - t);
    }
    return times;
  });
  await context.close();
  return { start, first, steps, bytes };
}

const results = {};
for (const [questionnaire, lang] of [['job-offer', 'tg'], ['returnee', 'ru']]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(questionnaire, lang));
  results[`${questionnaire} (${lang})`] = {
    runs: RUNS,
    start_screen_ms: median(runs.map((r) => r.start)),
    first_question_ms: median(runs.map((r) => r.first)),
    step_ms_median: median(runs.flatMap((r) => r.steps)),
    step_ms_max: Math.round(Math.max(...runs.flatMap((r) => r.steps))),
    transferred_bytes_gzip: median(runs.map((r) => r.bytes)),
  };
}
await browser.close();
server.close();
console.log(JSON.stringify(results));
