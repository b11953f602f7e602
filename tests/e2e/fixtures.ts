// Shared fixtures and helpers. Every test fails on any console error, uncaught exception or
// failed request (unless it declares the ones it expects), so a broken asset or a CSP
// violation cannot pass unnoticed.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Fixtures = { problems: string[]; allowedProblems: RegExp | null };

export const test = base.extend<Fixtures>({
  allowedProblems: [null, { option: true }],
  problems: [
    async ({ page, allowedProblems }, use) => {
      const problems: string[] = [];
      const note = (text: string) => {
        if (!allowedProblems?.test(text)) problems.push(text);
      };
      page.on('console', (msg) => {
        if (msg.type() === 'error') note(`console error: ${msg.text()}`);
      });
      page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
      page.on('requestfailed', (request) => {
        // Leaving the page cancels its pending requests; that is not a failure.
        if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
          note(`request failed: ${request.url()} ${request.failure()?.errorText}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400) note(`HTTP ${response.status()}: ${response.url()}`);
      });
      await use(problems);
      expect(problems, 'console errors and failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Answers to give, by question id; a list for multi-select. Questions not listed are skipped. */
export type Answers = Record<string, string | string[]>;

/** The shadow root's focused element, described as `tag.class` (for focus assertions). */
export async function focused(widget: Locator): Promise<string> {
  return widget.evaluate((el) => {
    const active = el.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}${active.className ? '.' + active.className : ''}` : 'none';
  });
}

/** The id of the question on screen (the name of its inputs), or null when none is. */
export async function currentQuestion(widget: Locator): Promise<string | null> {
  const input = widget.locator('form.sf-question input').first();
  if ((await widget.locator('form.sf-question').count()) === 0) return null;
  return input.getAttribute('name');
}

/** Clicks through from the start screen to the result, answering with the mouse. */
/** Changes the widget's language as a person does: picks it in the list, then presses the
 * button beside it (the list alone changes nothing). */
export async function chooseLanguage(widget: Locator, tag: string) {
  await widget.locator('.sf-language select').selectOption(tag);
  await widget.locator('.sf-language-change').click();
}

export async function complete(widget: Locator, answers: Answers, onStep?: () => Promise<void>) {
  await expect(widget.locator('.sf-start, form.sf-question').first()).toBeVisible();
  if ((await widget.locator('.sf-start').count()) > 0) {
    await widget.locator('.sf-start button.sf-primary').click();
  }
  for (let guard = 0; guard < 60; guard++) {
    await expect(widget.locator('form.sf-question, .sf-result').first()).toBeVisible();
    const q = await currentQuestion(widget);
    if (q === null) break;
    if (onStep) await onStep();
    const given = answers[q];
    if (given === undefined) {
      await widget.getByRole('button', { name: /skip|гузаштан|пропустить|oʻtkazib|ўтказиб/i }).click();
    } else {
      for (const id of Array.isArray(given) ? given : [given]) {
        await widget.locator(`input[name="${q}"][value="${id}"]`).check();
      }
      await widget.locator('form.sf-question button[type=submit]').click();
    }
    await expect(widget.locator(`form.sf-question input[name="${q}"]`).first()).toHaveCount(0);
  }
  await expect(widget.locator('.sf-result')).toBeVisible();
}

/** The band shown for a scale on the result screen. */
export function band(widget: Locator, scale: string): Promise<string | null> {
  return widget.locator(`.sf-scale[data-scale="${scale}"]`).getAttribute('data-band');
}

/** Runs axe-core on the page (shadow DOM included) and returns the violations. */
export async function axe(page: Page) {
  // Injected through the DevTools protocol: not subject to the page's CSP.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v: { id: string; help: string; nodes: { target: unknown }[] }) =>
        `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
}

/** Every storage API of the page and every cookie of the browser context is empty. */
export async function expectNothingStored(page: Page) {
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  expect(await page.context().cookies()).toEqual([]);
}

/** The host page URL with the given widget attributes. */
export function host(attributes: Record<string, string>, csp = false): string {
  const query = new URLSearchParams(attributes);
  if (csp) query.set('csp', 'strict');
  return `/pages/host.html?${query}`;
}

/** Answer sets taken from the worked cases in questionnaires/cases/*.json (the expected bands
 * are the cases' own, checked there by the native test). The keys are kept from content v1 so
 * every spec reads the same names. */
export const JOB_OFFER = {
  /** russia_patent_direct: the legal route to Russia with a patent, hired directly: low. */
  safe: {
    destination: 'ru', channel: 'employer', employer: 'yes', job_terms: 'written', terms_changed: 'no',
    pay_high: 'normal', contract_cis: 'on_arrival', contract_language: 'yes', work_status: 'work_permit',
    entry_ban: 'no', hostess_offer: 'no', military: ['none'], fees: ['none'], debt: 'no', borrowed: 'no',
    passport: 'me', arrival: 'own_way', housing: 'own', isolation: ['none'], told: ['none'],
  },
  /** russia_friend_recruiter_fee: the same route, but a middleman charges a fee: medium. */
  feesNoContract: {
    destination: 'ru', channel: 'friend_relative', employer: 'yes', job_terms: 'spoken', terms_changed: 'no',
    pay_high: 'normal', contract_cis: 'on_arrival', contract_language: 'yes', work_status: 'work_permit',
    entry_ban: 'no', fees: ['recruitment_fee'], debt: 'no', borrowed: 'relatives', passport: 'me',
    arrival: 'own_way', housing: 'own', isolation: ['none'], told: ['none'], agency_licence: 'no_agency',
  },
  /** visa_recruiter_keeps_passport: a visa country, the recruiter keeps the passport: high. */
  passportKept: {
    destination: 'visa_country', channel: 'agency', agency_licence: 'checked', employer: 'yes',
    job_terms: 'written', terms_changed: 'no', pay_high: 'normal', contract: 'yes', contract_language: 'yes',
    work_status: 'work_permit', hostess_offer: 'no', fees: ['none'], debt: 'no', borrowed: 'no',
    passport: 'them', arrival: 'employer', housing: 'employer_agreed', isolation: ['none'], told: ['none'],
  },
} satisfies Record<string, Answers>;

export const RETURNEE = {
  /** hours_9_11_only: long-ish days, nothing else: conditions none, coercion low, tb no_signs. */
  hardJob: {
    where_now: 'tj', documents: 'kept_myself', debt: 'no', papers: 'no', contact: 'yes', free_to_leave: 'yes',
    quit: 'yes', threats: ['no'], humiliation: 'no', forced_tasks: 'no', violence: 'no',
    job_as_promised: 'as_promised', hours: 'h9_to_11', days_off: 'weekly', wages: 'paid_in_full', housing: 'own',
    dangerous: 'no', cough: 'no', blood: 'no', fever: 'no', night_sweats: 'no', weight_loss: 'no',
    tb_contact: 'no', tb_treatment: 'never',
  },
  /** Passport not returned and deportation threatened (two strong coercion indicators: coercion
   * high), a cough of two weeks or more (tb get_tested); the rest skipped. */
  passportTakenCough: {
    where_now: 'tj', job_as_promised: 'different', documents: 'not_returned', threats: ['deport'], cough: 'long',
  },
} satisfies Record<string, Answers>;

/** A real `screening serve` (release build) on a free port with its own SQLite file. */
export type Collector = { port: number; endpoint: string; db: string; stop: () => Promise<void> };

export async function startCollector(options: { port?: number; db?: string } = {}): Promise<Collector> {
  const { spawn, execFileSync } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const net = await import('node:net');
  const port =
    options.port ??
    (await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    }));
  const db = options.db ?? join(mkdtempSync(join(tmpdir(), 'sf-e2e-')), 'collector.sqlite');
  const child = spawn(
    '../../target/release/screening',
    ['serve', '--db', db, '--addr', `127.0.0.1:${port}`, '--allowed-origin', 'http://127.0.0.1:4173', '--rate-per-minute', '0'],
    { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  void execFileSync;
  return {
    port,
    endpoint: `http://127.0.0.1:${port}/v1/submissions`,
    db,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** The reports stored in a collector's database (read with Python's sqlite3). */
export async function storedReports(db: string): Promise<Record<string, unknown>[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('python3', [
    '-c',
    'import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(json.dumps([json.loads(r[0]) for r in c.execute("SELECT payload FROM submissions")]))',
    db,
  ]);
  return JSON.parse(out.toString());
}

/** Holds the wasm download until `release` is called (then lets it through, if anyone still waits). */
export async function holdWasm(page: Page) {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let requested = false;
  await page.route('**/screening-widget_bg.wasm', async (route) => {
    requested = true;
    await held;
    await route.continue().catch(() => {});
  });
  return { release: () => release(), requested: () => requested };
}


/** A cheap phone on a slow network: 4x CPU, 1.6 Mbps down, 150 ms (the performance review's profile). */
export async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8) * 0.9,
    uploadThroughput: (750e3 / 8) * 0.9,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Records the page's layout shifts without recent input in `window.shifts` (and their sources in `window.why`). */
export async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[] }[]) {
        if (!e.hadRecentInput) {
          w.shifts.push(e.value);
          (w as unknown as { why: string[] }).why ??= [];
          for (const src of e.sources ?? []) {
            const n = src.node as Element | undefined;
            (w as unknown as { why: string[] }).why.push(`${e.value.toFixed(3)} ${n?.nodeName}.${n?.className ?? ''}#${n?.id ?? ''} ${JSON.stringify(src.previousRect)} -> ${JSON.stringify(src.currentRect)}`);
          }
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts recorded so far. */
export const shifts = (page: Page) => page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
