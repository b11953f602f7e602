// Uzbek in both scripts (issue 12): the widget in uz-Cyrl completes both questionnaires with
// axe clean on every screen; the menu offers both scripts and switching keeps the answers; a
// browser asking for `uz` (no script) gets the questionnaire's default script, Cyrillic.
import { test, expect, complete, axe, host, JOB_OFFER, RETURNEE, chooseLanguage } from './fixtures';

const lang = (widget: import('@playwright/test').Locator) =>
  widget.evaluate((el) => el.shadowRoot!.querySelector('.sf-widget')!.getAttribute('lang'));

for (const [questionnaire, answers] of [
  ['job-offer', JOB_OFFER.passportKept],
  ['returnee', RETURNEE.passportTakenCough],
] as const) {
  test(`uz-Cyrl: ${questionnaire} completes with axe clean on every screen`, async ({ page }) => {
    test.slow();
    await page.goto(host({ questionnaire, lang: 'uz-Cyrl' }));
    const widget = page.locator('screening-form');
    await expect(widget.locator('.sf-start')).toBeVisible();
    expect(await lang(widget)).toBe('uz-Cyrl');
    await expect(widget.locator('.sf-start button.sf-primary')).toHaveText('Бошлаш');
    expect(await axe(page), 'start screen').toEqual([]);
    let step = 0;
    await complete(widget, answers, async () => {
      step += 1;
      expect(await axe(page), `question ${step}`).toEqual([]);
    });
    await expect(widget.locator('.sf-result')).toContainText('Натижангиз');
    expect(await axe(page), 'result').toEqual([]);
  });
}

test('the menu offers both Uzbek scripts and switching keeps the answers', async ({ page }) => {
  await page.goto(host({ questionnaire: 'job-offer', lang: 'uz-Cyrl' }));
  const widget = page.locator('screening-form');
  const options = widget.locator('.sf-language select option');
  await expect(options.filter({ hasText: 'Ўзбекча' })).toHaveAttribute('value', 'uz-Cyrl');
  await expect(options.filter({ hasText: 'Oʻzbekcha' })).toHaveAttribute('value', 'uz-Latn');
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.locator('input[name="destination"][value="ru"]').check();
  await widget.getByRole('button', { name: 'Кейинги' }).click();
  await widget.locator('input[name="channel"][value="middleman"]').check();
  await chooseLanguage(widget, 'uz-Latn');
  await expect(widget.getByRole('button', { name: 'Keyingi' })).toBeVisible();
  expect(await lang(widget)).toBe('uz-Latn');
  await expect(widget.locator('input[name="channel"][value="middleman"]')).toBeChecked();
  await widget.getByRole('button', { name: 'Orqaga' }).click();
  await expect(widget.locator('input[name="destination"][value="ru"]')).toBeChecked();
  await chooseLanguage(widget, 'uz-Cyrl');
  await expect(widget.getByRole('button', { name: 'Кейинги' })).toBeVisible();
  await expect(widget.locator('input[name="destination"][value="ru"]')).toBeChecked();
  expect(await lang(widget)).toBe('uz-Cyrl');
});

test.describe('a browser asking for Uzbek without a script', () => {
  test.use({ locale: 'uz-UZ' });
  test('gets the default script (Cyrillic); the console names the draft locales', async ({ page }) => {
    const notes: string[] = [];
    page.on('console', (m) => notes.push(m.text()));
    await page.goto(host({ questionnaire: 'returnee' }));
    const widget = page.locator('screening-form');
    await expect(widget.locator('.sf-start')).toBeVisible();
    expect(await lang(widget)).toBe('uz-Cyrl');
    expect(notes.some((n) => n.includes('uz-Cyrl') && n.includes('draft'))).toBe(true);
  });
});
