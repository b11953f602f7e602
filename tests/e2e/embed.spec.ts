// The embedding contract: one module script and one element, a shadow root per instance, no
// inline code, a strict CSP and hostile host CSS are fine, bad input gets a clear message.
import { test, expect, complete, band, host, JOB_OFFER, RETURNEE } from './fixtures';

test('the demo page shows live widgets inside their shadow roots', async ({ page }) => {
  await page.goto('/index.html');
  await expect(page.locator('screening-form').nth(1).locator('.sf-start h2')).toBeVisible();
  const widget = page.locator('screening-form').first();
  await expect(widget.locator('.sf-start h2')).toBeVisible();
  expect(await widget.evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  // The stylesheets are adopted, not injected as <style> elements: the widget's, and the
  // loader's start room until the person's first click.
  const sheets = () => widget.evaluate((el) => el.shadowRoot!.adoptedStyleSheets.length);
  expect(await sheets()).toBe(2);
  expect(await widget.evaluate((el) => el.shadowRoot!.querySelectorAll('style, [style]').length)).toBe(0);
  await widget.locator('.sf-start button.sf-primary').click();
  await expect(widget.locator('form.sf-question legend')).toBeVisible();
  expect(await sheets()).toBe(1);
});

test('the built output has no inline script or style', async ({ request }) => {
  const html = await (await request.get('/index.html')).text();
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    expect(attributes).toContain('src=');
    expect(body.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style[\s>]/);
  expect(html).not.toMatch(/ style=/);
  expect(html).not.toContain('data-trunk');
});

test('two instances with different questionnaires and languages are independent', async ({ page }) => {
  await page.goto('/pages/two.html');
  const first = page.locator('screening-form#first');
  const second = page.locator('screening-form#second');
  await expect(first.locator('.sf-start button.sf-primary')).toHaveText('Оғоз');
  await expect(second.locator('.sf-start button.sf-primary')).toHaveText('Начать');
  await first.locator('.sf-start button.sf-primary').click();
  await first.locator('input[name="destination"][value="kz"]').check();
  await expect(second.locator('.sf-start')).toBeVisible();
  await complete(second, RETURNEE.passportTakenCough);
  expect(await band(second, 'coercion')).toBe('high');
  await expect(first.locator('input[name="destination"][value="kz"]')).toBeChecked();
  expect(await first.evaluate((el) => el.shadowRoot!.querySelector('.sf-widget')!.getAttribute('lang'))).toBe('tg');
  expect(await second.evaluate((el) => el.shadowRoot!.querySelector('.sf-widget')!.getAttribute('lang'))).toBe('ru');
  // The host page's own <html lang> is untouched.
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // Removing one unmounts it and leaves the other working.
  await second.evaluate((el) => el.remove());
  await first.locator('form.sf-question button[type=submit]').click();
  await expect(first.locator('form.sf-question input[name="channel"]').first()).toBeVisible();
});

test('a complete screening works under a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }, true));
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  const widget = page.locator('screening-form');
  await complete(widget, JOB_OFFER.passportKept);
  expect(await band(widget, 'risk')).toBe('high');
});

test('hostile global CSS on the host page does not break the widget', async ({ page }) => {
  await page.goto('/pages/aggressive.html');
  const widget = page.locator('screening-form');
  const start = widget.locator('.sf-start button.sf-primary');
  await expect(start).toBeVisible();
  const style = await start.evaluate((el) => {
    const s = getComputedStyle(el);
    return { display: s.display, fontSize: parseFloat(s.fontSize), font: s.fontFamily };
  });
  expect(style.display).not.toBe('none');
  expect(style.fontSize).toBeLessThan(30);
  expect(style.font).not.toContain('Comic');
  await complete(widget, JOB_OFFER.safe);
  expect(await band(widget, 'risk')).toBe('low');
  await expect(widget.locator('.sf-result h2')).toBeVisible();
});

test("a partner's definition is fetched while the wasm loads, and only once", async ({ page }) => {
  const definition = /\/questionnaires\/job-offer\.json$/;
  const seen: string[] = [];
  page.on('request', (r) => {
    if (definition.test(r.url())) seen.push(r.url());
  });
  // The wasm is held until the definition has been asked for (at most 5 s): a fetch that waits
  // for the wasm to load cannot come first.
  let beforeWasm = false;
  await page.route('**/screening-widget_bg.wasm', async (route) => {
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    beforeWasm = seen.length > 0;
    await route.continue();
  });
  await page.goto(host({ questionnaire: '/questionnaires/job-offer.json', lang: 'en' }));
  await expect(page.locator('screening-form .sf-start button.sf-primary')).toBeVisible({ timeout: 15_000 });
  expect(beforeWasm).toBe(true);
  // The wasm used the loader's response instead of fetching again.
  expect(seen).toHaveLength(1);
});

test('the preload hints of docs/preload-hints.md are used: each file is downloaded once', async ({ page }) => {
  const counts = new Map<string, number>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (/preload/i.test(m.text())) warnings.push(m.text());
  });
  await page.goto('/pages/preload.html?questionnaire=job-offer&lang=tg');
  await expect(page.locator('screening-form .sf-start button.sf-primary')).toBeVisible();
  for (const path of ['/screening-widget.js', '/screening-widget_bg.wasm', '/questionnaires/job-offer.tg.json']) {
    expect(counts.get(path), path).toBe(1);
  }
  expect(warnings).toEqual([]);
});

test.describe('a definition with errors', () => {
  test.use({ allowedProblems: /bad-definition\.json is invalid/ });

  test('shows a message listing the errors, and the page keeps working', async ({ page }) => {
    await page.goto(host({ questionnaire: '/pages/bad-definition.json', lang: 'en' }));
    const problem = page.locator('screening-form .sf-problem');
    await expect(problem).toContainText('not set up correctly');
    await expect(problem).toContainText('$.title.de');
    await expect(problem).toContainText('there is no question "q9"');
    await expect(problem).toContainText('needs a reason');
    await expect(problem).toContainText('out of order');
    await page.locator('#elsewhere').click();
    await expect(page).toHaveURL(/neutral\.html/);
  });
});

test.describe('bad attributes', () => {
  test.use({ allowedProblems: /missing\.json: HTTP 404|HTTP 404: .*missing\.json|status of 404/ });

  test('an unknown questionnaire names the attribute', async ({ page }) => {
    await page.goto(host({ questionnaire: 'jobs', lang: 'en' }));
    await expect(page.locator('screening-form .sf-problem')).toContainText(
      'attribute `questionnaire`: "jobs" is not a built-in questionnaire',
    );
  });

  test('an unreachable definition URL says which', async ({ page }) => {
    await page.goto(host({ questionnaire: '/pages/missing.json', lang: 'en' }));
    await expect(page.locator('screening-form .sf-problem')).toContainText('missing.json: HTTP 404');
  });

  test('a bad lang, partner or exit-url falls back with a console warning', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(host({ questionnaire: 'job-offer', lang: 'fr', partner: 'Bad Tag!', 'exit-url': 'javascript:alert(1)' }));
    await expect(page.locator('screening-form .sf-start')).toBeVisible();
    expect(warnings.join('\n')).toContain('attribute `lang`: "fr"');
    expect(warnings.join('\n')).toContain('attribute `partner`');
    expect(warnings.join('\n')).toContain('attribute `exit-url`');
  });
});
