// Anonymous reporting against a real collector: consent yes stores exactly one row with exactly
// the documented fields; consent no sends nothing; no endpoint, no question; the offline queue
// delivers a report exactly once after the collector comes back.
import { test, expect, complete, host, startCollector, storedReports, JOB_OFFER, RETURNEE } from './fixtures';
import { readFileSync } from 'node:fs';

/** Question id -> English text and scale id -> English title, from the built-in definition. */
function englishTexts(id: string) {
  const d = JSON.parse(readFileSync(new URL(`../../questionnaires/${id}.json`, import.meta.url), 'utf8'));
  const questions = new Map<string, string>(d.questions.map((q: { id: string; text: { en: string } }) => [q.id, q.text.en]));
  const scales = new Map<string, string>(d.scales.map((s: { id: string; title: { en: string } }) => [s.id, s.title.en]));
  return { questions, scales };
}

const DOCUMENTED = ['answers', 'bands', 'id', 'locale', 'month', 'partner', 'privacy', 'questionnaire', 'questionnaire_version', 'v'];

test('consent yes: one row with exactly the documented fields, sent without cookies', async ({ page }) => {
  const collector = await startCollector();
  try {
    const posts: Promise<{ headers: Record<string, string>; body: string | null }>[] = [];
    page.on('request', (r) => {
      // allHeaders(), not headers(): only it includes cookies (review T1).
      if (r.url() === collector.endpoint && r.method() === 'POST') posts.push(r.allHeaders().then((headers) => ({ headers, body: r.postData() })));
    });
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: collector.endpoint, partner: 'umed-khujand', privacy: 'randomized-response' }));
    // A cookie of the host page must not travel with the report. Cookies ignore the port, so
    // with credentials it would reach the collector on 127.0.0.1 too.
    await page.evaluate(() => (document.cookie = 'session=secret; path=/'));
    const widget = page.locator('screening-form');
    await complete(widget, JOB_OFFER.passportKept);
    const consent = widget.locator('.sf-consent');
    await expect(consent).toContainText('Share this result anonymously');
    await expect(consent).toContainText('this month (not the day or time)');
    // Nothing pre-selected: the only choices are two buttons, and no status is shown yet.
    await expect(consent.locator('input')).toHaveCount(0);
    await expect(consent.locator('[role=status]')).toHaveCount(0);
    expect(posts).toHaveLength(0);
    const listedAnswers = await consent.locator('.sf-consent-answers li').allTextContents();
    const listedBands = await consent.locator('.sf-consent-bands li').allTextContents();
    const consentText = (await consent.textContent()) ?? '';
    await consent.getByRole('button', { name: 'Send anonymously' }).click();
    // Checked before the outcome: with credentials the browser would still send the cookie
    // (and then refuse the answer, as the collector allows no credentials).
    await expect.poll(() => posts.length).toBe(1);
    const post = await posts[0];
    expect(post.headers['cookie']).toBeUndefined();
    expect(post.headers['content-type']).toBe('application/json');
    await expect(consent.locator('[role=status]')).toHaveText('Sent. Thank you.');
    expect(posts).toHaveLength(1);
    const rows = await storedReports(collector.db);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(Object.keys(row).sort()).toEqual(DOCUMENTED);
    expect(row).toMatchObject({
      v: 1,
      questionnaire: 'job-offer',
      locale: 'en',
      partner: 'umed-khujand',
      privacy: { mechanism: 'randomized_response', epsilon: 1 },
    });
    expect(row.month).toMatch(/^\d{4}-\d{2}$/);
    expect(row.id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(post.body!)).toEqual(row);
    // Everything sent was listed, and nothing listed was left out: one line per answer and per
    // result, by question text and scale title (a randomized one marked so).
    const { questions, scales } = englishTexts('job-offer');
    const strip = (t: string) => t.replace(' (changed at random)', '');
    expect(listedAnswers.map(strip).sort()).toEqual(Object.keys(row.answers as object).map((id) => questions.get(id)).sort());
    expect(listedBands.map(strip).sort()).toEqual(Object.keys(row.bands as object).map((id) => scales.get(id)).sort());
    // `borrowed` was answered but is not reportable (review T3: the id checked before no
    // longer existed, so this could not fail).
    expect(JOB_OFFER.passportKept).toHaveProperty('borrowed');
    expect(Object.keys(row.answers as object)).not.toContain('borrowed');
    // The job offer has no sensitive question: nothing is marked, and no randomization sentence.
    expect([...listedAnswers, ...listedBands].filter((t) => t.endsWith('(changed at random)'))).toEqual([]);
    expect(consentText).not.toContain('replaced by another answer at random');
    expect(consentText).toContain('your device\'s internet (IP) address and which browser you use');
  } finally {
    await collector.stop();
  }
});

test('consent under randomized response says what is changed at random, what is sent as given, and what the server sees', async ({ page }) => {
  // Review T4: the randomization sentence was checked only in a branch that never ran.
  const collector = await startCollector();
  try {
    await page.goto(host({ questionnaire: 'returnee', lang: 'en', endpoint: collector.endpoint, privacy: 'randomized-response' }));
    const widget = page.locator('screening-form');
    await complete(widget, RETURNEE.hardJob);
    const consent = widget.locator('.sf-consent');
    await expect(consent).toContainText('Share this result anonymously');
    const marked = (await consent.locator('.sf-consent-answers li, .sf-consent-bands li').allTextContents()).filter((t) =>
      t.endsWith('(changed at random)'),
    );
    const { questions, scales } = englishTexts('returnee');
    // The two bands the sensitive answers move, and nothing else: since version 4 the three
    // sensitive answers themselves are not sent at all (the budget goes to the bands).
    expect(marked.map((t) => t.replace(' (changed at random)', '')).sort()).toEqual([scales.get('coercion'), scales.get('tb')].sort());
    const listed = await consent.locator('.sf-consent-answers li').allTextContents();
    for (const id of ['forced_tasks', 'violence', 'tb_treatment']) {
      expect(listed.map((t) => t.replace(' (changed at random)', ''))).not.toContain(questions.get(id));
    }
    await expect(consent).toContainText('are sometimes replaced by another answer at random before sending');
    await expect(consent).toContainText('does not show for sure what you answered');
    await expect(consent).toContainText('Your other answers are sent exactly as you gave them.');
    await expect(consent).toContainText('your device\'s internet (IP) address and which browser you use; the report collector does not store them');
    // What the old text claimed and the privacy model does not give.
    await expect(consent).not.toContainText('cannot prove');
    await expect(consent).not.toContainText('anything about your device');
    await expect(consent).not.toContainText('location');
  } finally {
    await collector.stop();
  }
});

test('consent no: nothing is sent and nothing else changes', async ({ page }) => {
  const collector = await startCollector();
  try {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(host({ questionnaire: 'returnee', lang: 'ru', endpoint: collector.endpoint }));
    const widget = page.locator('screening-form');
    await complete(widget, { documents: 'not_returned' });
    const bands = () => widget.locator('.sf-scale').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-scale')}=${e.getAttribute('data-band')}`));
    const before = await bands();
    expect(before.length).toBeGreaterThan(0);
    await widget.getByRole('button', { name: 'Не отправлять' }).click();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText('Ничего не отправлено.');
    expect(await bands()).toEqual(before);
    expect(requests.filter((u) => u.includes(`:${collector.port}/`))).toEqual([]);
    expect(await storedReports(collector.db)).toEqual([]);
  } finally {
    await collector.stop();
  }
});

test('without an endpoint there is no consent question', async ({ page }) => {
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  const widget = page.locator('screening-form');
  await complete(widget, JOB_OFFER.safe);
  await expect(widget.locator('.sf-result')).toBeVisible();
  await expect(widget.locator('.sf-consent')).toHaveCount(0);
  await expect(widget.locator('.sf-start, .sf-result li').first()).toBeVisible();
});

test.describe('offline queue', () => {
  test.use({ allowedProblems: /ERR_CONNECTION_REFUSED|Failed to load resource/ });

  test('collector down, then up, then reload: the report arrives exactly once', async ({ page }) => {
    test.slow();
    // Reserve a port, then leave it closed: the collector is "down".
    const probe = await startCollector();
    await probe.stop();
    const attributes = { questionnaire: 'job-offer', lang: 'en', endpoint: probe.endpoint, queue: 'local' };
    await page.goto(host(attributes));
    const widget = page.locator('screening-form');
    await complete(widget, JOB_OFFER.feesNoContract);
    await widget.getByRole('button', { name: 'Send anonymously' }).click();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText(
      'Not sent yet. It is kept on this device and will be sent when you are online again. Leave quickly deletes it.',
      { timeout: 20_000 },
    );
    // One line per report: endpoint, a tab, the payload (nothing else is stored).
    const queued: string[] = await page.evaluate(() => (localStorage.getItem('screening-form-queue') ?? '').split('\n').filter(Boolean));
    expect(queued).toHaveLength(1);
    const [endpoint, payload] = queued[0].split('\t');
    expect(endpoint).toBe(probe.endpoint);
    expect(Object.keys(JSON.parse(payload)).sort()).toEqual(DOCUMENTED.filter((k) => k !== 'partner'));
    expect(await page.evaluate(() => localStorage.length)).toBe(1);
    const collector = await startCollector({ port: probe.port, db: probe.db });
    try {
      await page.reload();
      await expect.poll(async () => (await storedReports(collector.db)).length, { timeout: 15_000 }).toBe(1);
      await expect.poll(() => page.evaluate(() => localStorage.getItem('screening-form-queue'))).toBeNull();
      await page.reload();
      await expect(widget.locator('.sf-start')).toBeVisible();
      await page.waitForTimeout(500);
      expect(await storedReports(collector.db)).toHaveLength(1);
    } finally {
      await collector.stop();
    }
  });
});

test('consent per screening: a slow send does not answer for the next screening', async ({ page }) => {
  const collector = await startCollector();
  try {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let posted = 0;
    await page.route(collector.endpoint, async (route) => {
      if (route.request().method() === 'POST') posted += 1;
      await held;
      await route.continue().catch(() => {});
    });
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: collector.endpoint }));
    const widget = page.locator('screening-form');
    await complete(widget, JOB_OFFER.feesNoContract);
    await widget.getByRole('button', { name: 'Send anonymously' }).click();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText('Sending…');
    await expect.poll(() => posted).toBe(1);
    await widget.getByRole('button', { name: 'Start again' }).click();
    await complete(widget, JOB_OFFER.safe);
    // The second result asks again.
    const send = widget.getByRole('button', { name: 'Send anonymously' });
    await expect(send).toBeVisible();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveCount(0);
    // The first send now finishes: it is stored, and the second result still asks.
    release();
    await expect.poll(async () => (await storedReports(collector.db)).length, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(500);
    await expect(send).toBeVisible();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveCount(0);
  } finally {
    await collector.stop();
  }
});

test.describe('without cryptographic randomness', () => {
  test.use({ allowedProblems: /no Web Crypto|Web Crypto failed/ });

  test('the report is not sent and the person is told so', async ({ page }) => {
    const collector = await startCollector();
    try {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: collector.endpoint, privacy: 'randomized-response' }));
      const widget = page.locator('screening-form');
      await complete(widget, JOB_OFFER.passportKept);
      // Web Crypto breaks after the page loaded (as if blocked or replaced by a host script).
      await page.evaluate(() => {
        Object.defineProperty(Crypto.prototype, 'getRandomValues', {
          value: () => {
            throw new Error('blocked');
          },
        });
      });
      await widget.getByRole('button', { name: 'Send anonymously' }).click();
      await expect(widget.locator('.sf-consent [role=status]')).toHaveText(
        'Not sent: this browser cannot make the random numbers that protect your answers. Nothing was kept.',
      );
      expect(requests.filter((u) => u.includes(`:${collector.port}/`))).toEqual([]);
      expect(await storedReports(collector.db)).toEqual([]);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
    } finally {
      await collector.stop();
    }
  });
});

test('a host cookie never reaches a collector, even one that would accept credentials', async ({ page }) => {
  // With the real collector (no credentials allowed), a credentialed request dies at the CORS
  // preflight and no cookie ever travels, so that test alone could not see `credentials`. This
  // collector allows credentials and records what arrives.
  const { createServer } = await import('node:http');
  const arrived: { method: string; cookie: string | undefined }[] = [];
  const server = createServer((req, res) => {
    arrived.push({ method: req.method!, cookie: req.headers.cookie });
    res.writeHead(req.method === 'OPTIONS' ? 204 : 201, {
      'Access-Control-Allow-Origin': 'http://127.0.0.1:4173',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'content-type',
    });
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (server.address() as { port: number }).port;
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: `http://127.0.0.1:${port}/v1/submissions` }));
    await page.evaluate(() => (document.cookie = 'session=secret; path=/'));
    const widget = page.locator('screening-form');
    await complete(widget, JOB_OFFER.safe);
    await widget.getByRole('button', { name: 'Send anonymously' }).click();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText('Sent. Thank you.');
    expect(arrived.filter((a) => a.method === 'POST')).toEqual([{ method: 'POST', cookie: undefined }]);
  } finally {
    server.close();
  }
});
