// Anonymous reporting against a real collector: consent yes stores exactly one row with exactly
// the documented fields; consent no sends nothing; no endpoint, no question; the offline queue
// delivers a report exactly once after the collector comes back.
import { test, expect, complete, host, startCollector, storedReports, JOB_OFFER } from './fixtures';

const DOCUMENTED = ['answers', 'bands', 'id', 'locale', 'month', 'partner', 'privacy', 'questionnaire', 'questionnaire_version', 'v'];

test('consent yes: one row with exactly the documented fields, sent without cookies', async ({ page }) => {
  const collector = await startCollector();
  try {
    const posts: { headers: Record<string, string>; body: string | null }[] = [];
    page.on('request', (r) => {
      if (r.url() === collector.endpoint && r.method() === 'POST') posts.push({ headers: r.headers(), body: r.postData() });
    });
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: collector.endpoint, partner: 'umed-khujand', privacy: 'randomized-response' }));
    // A cookie of the host page must not travel with the report.
    await page.evaluate(() => (document.cookie = 'session=secret; path=/'));
    const widget = page.locator('screening-form');
    await complete(widget, JOB_OFFER.passportKept);
    const consent = widget.locator('.sf-consent');
    await expect(consent).toContainText('Share this result anonymously');
    await expect(consent).toContainText('this month (not the day or time)');
    await expect(consent).toContainText('changed at random');
    await expect(consent.locator('input[type=checkbox]:checked')).toHaveCount(0);
    expect(posts).toHaveLength(0);
    await consent.getByRole('button', { name: 'Send anonymously' }).click();
    await expect(consent.locator('[role=status]')).toHaveText('Sent. Thank you.');
    expect(posts).toHaveLength(1);
    expect(posts[0].headers['content-type']).toBe('application/json');
    expect(posts[0].headers['cookie']).toBeUndefined();
    const rows = await storedReports(collector.db);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(Object.keys(row).sort()).toEqual(DOCUMENTED);
    expect(row).toMatchObject({
      v: 1,
      questionnaire: 'job-offer',
      questionnaire_version: 1,
      locale: 'en',
      partner: 'umed-khujand',
      bands: { risk: 'high' },
      privacy: { mechanism: 'randomized_response', epsilon: 1 },
    });
    expect(row.month).toMatch(/^\d{4}-\d{2}$/);
    expect(row.id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(posts[0].body!)).toEqual(row);
    // Only reportable questions; the sensitive passport answer is present, randomized.
    expect(Object.keys(row.answers as object)).toContain('passport');
    expect(Object.keys(row.answers as object)).not.toContain('contact_employer');
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
    await widget.getByRole('button', { name: 'Не отправлять' }).click();
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText('Ничего не отправлено.');
    await expect(widget.locator('.sf-scale[data-scale="exploitation"]')).toHaveAttribute('data-band', 'high');
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
    await expect(widget.locator('.sf-consent [role=status]')).toHaveText('Not sent yet. It will be sent when you are online again.', { timeout: 20_000 });
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
