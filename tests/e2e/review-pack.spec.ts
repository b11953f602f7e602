// The translators' review pack (`screening-i18n review`) in Chromium: the returnee in Tajik, as a
// partner's native speaker opens the file, axe clean, readable at 390 px without sideways page
// scroll, and every text of the definition present as a row (the native test checks each one).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, axe } from './fixtures';

const BIN = join(import.meta.dirname, '../../target/release/screening-i18n');
const ROOT = join(import.meta.dirname, '../..');

function pack(questionnaire: string, locale: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'sf-review-')), `${questionnaire}-${locale}.html`);
  execFileSync(BIN, ['review', join(ROOT, 'questionnaires', `${questionnaire}.json`), '--locale', locale, '-o', out]);
  return out;
}

test('the returnee review pack in Tajik: every text a row, both languages, axe clean, no script', async ({ page }) => {
  const file = pack('returnee', 'tg');
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('h1')).toContainText('Review pack');
  const definition = JSON.parse(readFileSync(join(ROOT, 'questionnaires/returnee.json'), 'utf8'));
  // At least one row per question text and option, each with its id, the English and the Tajik.
  const rows = page.locator('tr[data-context^="$.questions"]');
  const options = definition.questions.reduce((n: number, q: { options: unknown[] }) => n + q.options.length, 0);
  expect(await rows.count()).toBeGreaterThanOrEqual(definition.questions.length + options);
  const first = page.locator(`tr[data-context="$.questions[id=${definition.questions[0].id}].text"]`);
  await expect(first.locator('td[lang=en]')).toHaveText(definition.questions[0].text.en);
  await expect(first.locator('td[lang=tg]')).toHaveText(definition.questions[0].text.tg);
  await expect(first.locator('.state')).toHaveText('draft');
  await expect(page.locator('section#cases, section[aria-labelledby=cases]')).toBeVisible();
  expect(await page.locator('article.case').count()).toBeGreaterThan(4);
  await expect(page.locator('#glossary-table')).toContainText('меҳнати маҷбурӣ');
  expect(await page.locator('script').count()).toBe(0);
  expect(await axe(page)).toEqual([]);
  await page.setViewportSize({ width: 1100, height: 1400 });
  if (process.env.SCREENING_SCREENSHOTS) {
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/review-pack-tg.png') });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await axe(page)).toEqual([]);
});
