// Assisted mode (mode="assisted"): a caseworker screens with a migrant in two languages, and
// refers without writing down who the person is. Whole flows on the release bundle, in Chromium.
import { readFileSync } from 'node:fs';
import type { Locator, Page, Request } from '@playwright/test';
import { test, expect, axe, expectNothingStored, host, startCollector, storedReports, type Answers } from './fixtures';

type Case = { id: string; answers: Answers; expect: Record<string, string> };
const CASES: Case[] = JSON.parse(
  readFileSync(new URL('../../questionnaires/cases/returnee.json', import.meta.url), 'utf8'),
).cases;
const answersOf = (id: string) => CASES.find((c) => c.id === id)!;

/** The fields a referral sheet may show (crates/core/src/assisted/session.rs, `Sheet`). */
const SHEET_FIELDS = [
  'code', 'date', 'questionnaire', 'status', 'concerned', 'dimension', 'indicator', 'observed',
  'safety', 'band', 'destination', 'next_step', 'contact',
];
/** The TB slip's: nothing about work, exploitation or trafficking. */
const SLIP_FIELDS = ['date', 'tb_band', 'tb_step', 'contact'];

function open(page: Page, lang: string, extra: Record<string, string> = {}) {
  return page.goto(host({ questionnaire: 'returnee', mode: 'assisted', lang, ...extra }));
}

/** Every request the page makes, to check none carries answers. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

async function noFreeText(widget: Locator) {
  const free = widget.locator(
    'input:not([type=radio]):not([type=checkbox]), textarea, [contenteditable]:not([contenteditable=false])',
  );
  expect(await free.count(), 'no free-text input in assisted mode').toBe(0);
}

async function prepare(widget: Locator, under18 = 'no') {
  await expect(widget.locator('h2')).toBeVisible();
  await widget.locator('input[name=sf-safe-to-talk][value=yes]').check();
  await widget.locator('input[name=sf-interpreter][value=independent]').check();
  await widget.locator(`input[name=sf-under-18][value=${under18}]`).check();
  await widget.locator('input[name=sf-agreed]').check();
  await widget.locator('button[type=submit]').click();
}

async function safety(widget: Locator, place = 'tj') {
  await widget.locator('input[name=sf-danger-now][value=no]').check();
  await widget.locator('input[name=sf-urgent-medical][value=no]').check();
  await widget.locator('input[name=sf-safe-place][value=yes]').check();
  await widget.locator(`input[name=sf-where-now][value=${place}]`).check();
  await widget.locator('button[type=submit]').click();
}

/** Answers the questionnaire's questions; unlisted ones get "does not want to answer". */
async function questions(widget: Locator, answers: Answers, onStep?: () => Promise<void>) {
  for (let guard = 0; guard < 40; guard++) {
    const form = widget.locator('form.sf-question');
    await expect(form).toBeVisible();
    if ((await widget.locator('[data-observations]').count()) > 0) return;
    const first = form.locator('fieldset input').first();
    const name = await first.getAttribute('name');
    if (onStep) await onStep();
    const given = answers[name!];
    if (given === undefined) {
      await form.locator('.sf-nav button.sf-secondary').last().click();
    } else {
      for (const v of [given].flat()) await form.locator(`input[name="${name}"][value="${v}"]`).check();
      await form.locator('button[type=submit]').click();
    }
    await expect(form.locator(`input[name="${name}"]`).first()).toHaveCount(0);
  }
  throw new Error('the questions never ended');
}

async function observe(widget: Locator, observed: string[]) {
  for (const o of observed) await widget.locator(`input[name=sf-observed][value=${o}]`).check();
  await widget.locator('button[type=submit]').click();
  await expect(widget.locator('.sf-summary')).toBeVisible();
}

/** Every text on a printable sits in an allowed `data-field` or a fixed `data-label`. */
async function printableFields(sheet: Locator) {
  return sheet.evaluate((root) => {
    const fields = new Set<string>();
    const stray: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      const owner = n.parentElement!.closest('[data-field], [data-label]');
      if (!owner || !root.contains(owner)) stray.push(n.textContent.trim());
      else if (owner.hasAttribute('data-field')) fields.add(owner.getAttribute('data-field')!);
    }
    return { fields: [...fields].sort(), stray };
  });
}

test.describe('assisted mode', () => {
  for (const lang of ['ru', 'tg']) {
    test(`a whole screening in ${lang}: axe clean on every screen, bands as the self-check, a sheet of allowed fields only, nothing kept`, async ({ page }) => {
      const requests = recordRequests(page);
      await open(page, lang);
      const widget = page.locator('screening-form');
      const check = async () => {
        expect(await axe(page)).toEqual([]);
        await noFreeText(widget);
      };
      await expect(widget.locator('.sf-assisted h2')).toBeVisible();
      await check();
      await prepare(widget);
      await expect(widget.locator('input[name=sf-danger-now]').first()).toBeVisible();
      await check();
      await safety(widget);
      const c = answersOf('violence_to_me');
      let steps = 0;
      await questions(widget, c.answers, async () => {
        if (steps++ % 6 === 0) await check();
      });
      await check();
      await observe(widget, ['accompanied', 'cough']);
      await check();
      // The same answers give the same bands as the self-check (the worked case's).
      for (const [scale, expected] of Object.entries(c.expect)) {
        await expect(widget.locator(`.sf-summary li[data-band="${expected}"]`), scale).toHaveCount(1);
      }
      await expect(widget.locator('[data-summary-status]')).toHaveAttribute('data-summary-status', 'GroundsToRefer');
      await widget.locator('input[name=sf-concerned]').check();
      await widget.locator('.sf-summary .sf-primary').click();
      // Referral: nothing agreed yet, so no sheet, but the information card.
      await expect(widget.locator('[data-sheet=referral]')).toHaveCount(0);
      await expect(widget.locator('[data-sheet=card]')).toBeVisible();
      await check();
      await widget.locator('[data-destination=Identification] input[value=yes]').check();
      await widget.locator('[data-destination=Medical] input[value=yes]').check();
      await widget.locator('[data-destination=Shelter] input[value=no]').check();
      await widget.locator('[data-destination=Consulate] input[value=later]').check();
      const sheet = widget.locator('[data-sheet=referral]');
      await expect(sheet).toBeVisible();
      await expect(widget.locator('[data-sheet=card]')).toHaveCount(0);
      await check();
      const { fields, stray } = await printableFields(sheet);
      expect(stray, 'text outside allowed fields').toEqual([]);
      for (const f of fields) expect(SHEET_FIELDS, `field ${f}`).toContain(f);
      expect(fields).toEqual(expect.arrayContaining(['code', 'date', 'destination', 'status', 'concerned']));
      // Only the agreed destinations.
      const destinations = await sheet.locator('[data-field=destination]').allTextContents();
      expect(destinations).toHaveLength(2);
      // The TB slip: a cough was observed; no trafficking content.
      const slip = widget.locator('[data-sheet=tb]');
      await expect(slip).toBeVisible();
      const slipFields = await printableFields(slip);
      expect(slipFields.stray).toEqual([]);
      for (const f of slipFields.fields) expect(SLIP_FIELDS).toContain(f);
      const slipText = (await slip.textContent())!;
      for (const word of ['торгов', 'савдо', 'эксплуат', 'истисмор', 'вербов', 'МОТ', 'СБМ', 'насили', 'зӯрӣ', 'traffick', 'exploit', 'ILO']) {
        expect(slipText, word).not.toContain(word);
      }
      // End and clear: back to the start for the next person, nothing kept anywhere.
      await widget.locator('[data-end-and-clear]').click();
      await expect(widget.locator('input[name=sf-safe-to-talk]').first()).toBeVisible();
      await expect(widget.locator('input:checked')).toHaveCount(0);
      await expectNothingStored(page);
      // No endpoint: every request was a GET of the bundle's own files.
      for (const r of requests) {
        expect(r.method(), r.url()).toBe('GET');
        expect(r.url()).not.toContain('violence');
      }
    });
  }

  test('two sheets for the same answers carry different codes', async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await prepare(widget);
    await safety(widget);
    await questions(widget, answersOf('locked_in').answers);
    await observe(widget, []);
    await widget.locator('.sf-summary .sf-primary').click();
    const yes = widget.locator('[data-destination=LegalAid] input[value=yes]');
    const code = widget.locator('[data-sheet=referral] [data-field=code]');
    await yes.check();
    const first = await code.textContent();
    expect(first).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    // The same sheet keeps its code through a language switch and a change that is no consent
    // (no -> later).
    await widget.locator('.sf-assisted-toolbar select').nth(1).selectOption('tg');
    await expect(widget.locator('[data-destination=LegalAid] .sf-read-aloud')).toHaveAttribute('lang', 'tg');
    await expect(code).toHaveText(first!);
    await widget.locator('[data-destination=Shelter] input[value=no]').check();
    await widget.locator('[data-destination=Shelter] input[value=later]').check();
    await expect(code).toHaveText(first!);
    // Ticking keeps focus where it was (the screen is not rebuilt by an answer).
    expect(await widget.evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('value'))).toBe('later');
    await widget.locator('[data-destination=LegalAid] input[value=no]').check();
    await expect(code).toHaveCount(0);
    await yes.check();
    const second = await code.textContent();
    expect(second).not.toBe(first);
  });

  test('"in danger now: yes" shows the urgent block before any further question', async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await prepare(widget);
    // Where the person is comes first: the numbers are those that work there.
    await widget.locator('input[name=sf-where-now][value=ru]').check();
    await widget.locator('input[name=sf-danger-now][value=yes]').click();
    const urgent = widget.locator('[data-urgent]');
    await expect(urgent).toBeVisible();
    await expect(widget.locator('input[name=sf-urgent-medical]')).toHaveCount(0);
    await expect(widget.locator('form.sf-question')).toHaveCount(0);
    // Numbers that work in Russia (+7 or a Russian short number), the embassy among them.
    const numbers = await urgent.locator('a[href^="tel:"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers.some((n) => n!.startsWith('tel:+7'))).toBe(true);
    expect(numbers.some((n) => n!.startsWith('tel:+992'))).toBe(false);
    // The numbers come before the place question (on a phone's first screen), and with the
    // caseworker and the person in one language each line is said once.
    const numbersFirst = await urgent.evaluate((el) => {
      const call = el.querySelector('a[href^="tel:"]')!;
      const place = el.querySelector('fieldset')!;
      return Boolean(call.compareDocumentPosition(place) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(numbersFirst).toBe(true);
    await expect(urgent.locator('.sf-for-you')).toHaveCount(0);
    // Correcting the place in the block changes the numbers at once.
    await urgent.locator('input[name=sf-where-now][value=kz]').check();
    await expect(urgent.locator('a[href="tel:+74956903846"]')).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
    // Continue: the remaining safety questions; "End here" clears.
    await urgent.locator('.sf-primary').click();
    await expect(widget.locator('input[name=sf-urgent-medical]').first()).toBeVisible();
    await expect(widget.locator('input[name=sf-danger-now][value=yes]')).toBeChecked();
    await widget.locator('input[name=sf-urgent-medical][value=no]').check();
    await expect(widget.locator('[data-urgent]')).toHaveCount(0);
    await widget.locator('input[name=sf-safe-place][value=no]').click();
    await expect(urgent).toBeVisible();
    await urgent.locator('.sf-secondary').click();
    await expect(widget.locator('input[name=sf-safe-to-talk]').first()).toBeVisible();
  });

  test('not safe to talk, or a related interpreter, stops before any question; under 18 goes to child protection', async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await widget.locator('input[name=sf-safe-to-talk][value=yes]').check();
    await widget.locator('input[name=sf-interpreter][value=related]').check();
    await widget.locator('input[name=sf-under-18][value=no]').check();
    await widget.locator('input[name=sf-agreed]').check();
    await widget.locator('button[type=submit]').click();
    await expect(widget.locator('input[name=sf-danger-now]')).toHaveCount(0);
    await expect(widget.locator('h2')).toHaveText(/Сейчас не продолжайте/);
    await widget.locator('.sf-result .sf-primary').click();
    await prepare(widget, 'yes');
    await expect(widget.locator('h2')).toHaveText(/меньше 18/);
    await expect(widget.locator('input[name=sf-danger-now]')).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
  });

  for (const lang of ['tg', 'ru']) test(`keyboard only, in ${lang}: from the first screen to the sheet`, async ({ page }) => {
    await open(page, lang);
    const widget = page.locator('screening-form');
    await expect(widget.locator('input[name=sf-safe-to-talk]').first()).toBeVisible();
    const active = () =>
      widget.evaluate((el) => {
        const a = el.shadowRoot!.activeElement as HTMLInputElement | null;
        return a ? `${a.tagName}|${a.getAttribute('name')}|${a.getAttribute('value')}|${a.className}` : '';
      });
    /** Tabs until the focused element matches, then leaves it focused. */
    const tabTo = async (match: (a: string) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (match(await active())) return;
      }
      throw new Error('never reached by Tab');
    };
    /** Picks a radio by keyboard: Tab into its group, arrows to the value (arrows also check). */
    const radio = async (name: string, value: string) => {
      await tabTo((a) => a.startsWith(`INPUT|${name}|`));
      for (let i = 0; i < 8 && !(await active()).startsWith(`INPUT|${name}|${value}|`); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Space');
      await expect(widget.locator(`input[name="${name}"][value="${value}"]`)).toBeChecked();
      // An answer never takes focus away (a screen rebuilt by each tick would).
      expect(await active()).toMatch(new RegExp(`^INPUT\\|${name}\\|${value}\\|`));
    };
    await radio('sf-safe-to-talk', 'yes');
    await radio('sf-interpreter', 'none');
    await radio('sf-under-18', 'no');
    await tabTo((a) => a.startsWith('INPUT|sf-agreed|'));
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(widget.locator('input[name=sf-danger-now]').first()).toBeVisible();
    await radio('sf-danger-now', 'no');
    await radio('sf-urgent-medical', 'no');
    await radio('sf-safe-place', 'yes');
    await radio('sf-where-now', 'ru');
    await page.keyboard.press('Enter');
    // Each question: focus is on it; the first option, then Enter.
    for (let guard = 0; guard < 40; guard++) {
      const form = widget.locator('form.sf-question');
      await expect(form).toBeVisible();
      const name = await form.locator('fieldset input').first().getAttribute('name');
      if (name === 'sf-observed') break;
      await expect.poll(async () => (await active()).startsWith('FIELDSET')).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await expect(form.locator(`input[name="${name}"]`)).toHaveCount(0);
    }
    await tabTo((a) => a.startsWith('BUTTON|') && a.includes('sf-primary'));
    await page.keyboard.press('Enter');
    await expect(widget.locator('.sf-summary')).toBeVisible();
    await tabTo((a) => a.startsWith('BUTTON|') && a.includes('sf-primary'));
    await page.keyboard.press('Enter');
    await radio('sf-consent-0', 'yes');
    await expect(widget.locator('[data-sheet=referral]')).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });

  test('quick exit midway leaves nothing: no storage, no answers sent, Back does not return', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto('/pages/neutral.html');
    const historyBefore = await page.evaluate(() => history.length);
    await open(page, 'ru', { 'exit-url': 'http://127.0.0.1:4173/pages/neutral.html?left' });
    const widget = page.locator('screening-form');
    await prepare(widget);
    await safety(widget);
    // Midway through the questions.
    await widget.locator('form.sf-question fieldset input').first().check();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(/neutral\.html\?left/);
    for (const r of requests) expect(r.method(), r.url()).toBe('GET');
    await expectNothingStored(page);
    // location.replace: the screening is not in the history to go back to.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);
    await page.goBack();
    expect(page.url()).toContain('/pages/neutral.html');
    expect(page.url()).not.toContain('left');
  });

  test('a screening left idle is cleared', async ({ page }) => {
    await page.clock.install();
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await prepare(widget);
    await widget.locator('input[name=sf-danger-now][value=no]').check();
    await page.clock.fastForward('09:00');
    await expect(widget.locator('input[name=sf-danger-now]').first()).toBeVisible();
    await page.clock.fastForward('02:00');
    await expect(widget.locator('input[name=sf-safe-to-talk]').first()).toBeVisible();
    await expect(widget.locator('.sf-notice')).toBeVisible();
    await expect(widget.locator('input:checked')).toHaveCount(0);
  });

  test('switching either language keeps every answer', async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await prepare(widget);
    await safety(widget, 'ru');
    const form = widget.locator('form.sf-question');
    const name = await form.locator('fieldset input').first().getAttribute('name');
    await form.locator('fieldset input').first().check();
    const [yours, persons] = [widget.locator('.sf-assisted-toolbar select').nth(0), widget.locator('.sf-assisted-toolbar select').nth(1)];
    await yours.selectOption('en');
    await expect(widget.locator('form.sf-question legend .sf-for-you')).toHaveAttribute('lang', 'en');
    await persons.selectOption('tg');
    await expect(widget.locator('form.sf-question legend .sf-read-aloud')).toHaveAttribute('lang', 'tg');
    await expect(form.locator(`input[name="${name}"]`).first()).toBeChecked();
    // Back: the place question, with the place said on the safety screen (Russia).
    await form.locator('.sf-nav button.sf-secondary').first().click();
    await expect(widget.locator('input[name=where_now][value=ru]')).toBeChecked();
    expect(await axe(page)).toEqual([]);
  });

  test('an anonymous report only with the person\'s agreement, as the self-check sends it', async ({ page }) => {
    const collector = await startCollector();
    try {
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(r.postData() ?? '');
      });
      await open(page, 'ru', { endpoint: collector.endpoint, partner: 'demo' });
      const widget = page.locator('screening-form');
      await prepare(widget);
      await safety(widget);
      await questions(widget, answersOf('violence_to_me').answers);
      await observe(widget, ['accompanied']);
      await widget.locator('.sf-summary .sf-primary').click();
      await widget.locator('[data-destination=Identification] input[value=yes]').check();
      const consent = widget.locator('.sf-consent');
      await expect(consent).toBeVisible();
      expect(posts, 'nothing sent before the person agreed').toEqual([]);
      await consent.locator('.sf-primary').click();
      await expect(consent.locator('.sf-consent-status')).toBeVisible();
      await expect.poll(() => posts.length).toBe(1);
      const rows = await storedReports(collector.db);
      expect(rows).toHaveLength(1);
      // The self-check's payload: no mode, no observation, no referral, no code.
      const sent = JSON.stringify(rows[0]);
      for (const word of ['assisted', 'accompanied', 'Identification', 'identification', 'code', 'concerned']) {
        expect(sent, word).not.toContain(word);
      }
      expect(Object.keys(rows[0]).sort()).toEqual(Object.keys(JSON.parse(posts[0])).sort());
    } finally {
      await collector.stop();
    }
  });

  test('before you start: what is missing is said; nothing answered reads "no answers yet", never "no sign"', async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await widget.locator('input[name=sf-safe-to-talk][value=yes]').check();
    await widget.locator('button[type=submit]').click();
    await expect(widget.locator('.sf-error[role=alert]')).toContainText('Ответьте на три вопроса выше.');
    await expect(widget.locator('.sf-error[role=alert]')).toContainText('Отметьте, что человек согласился.');
    await expect(widget.locator('input[name=sf-safe-to-talk][value=yes]')).toBeChecked();
    await prepare(widget);
    await safety(widget);
    await questions(widget, {});
    await observe(widget, []);
    const summary = widget.locator('.sf-summary');
    await expect(summary.locator('[data-status]').first()).toBeVisible();
    const readings = await summary.locator('[data-status]').allTextContents();
    expect(readings.length).toBe(6);
    for (const r of readings) {
      expect(r).not.toContain('признаков нет');
      expect(['Пока нет ответов', 'Не спрашивали']).toContain(r);
    }
    await expect(widget.locator('[data-summary-status]')).toHaveAttribute('data-summary-status', 'NotEnoughInformation');
  });

  test("serious coercion outside Tajikistan: the questionnaire's urgent block opens the summary and the referral", async ({ page }) => {
    await open(page, 'ru');
    const widget = page.locator('screening-form');
    await prepare(widget);
    await safety(widget, 'ru');
    const c = answersOf('locked_in');
    await questions(widget, { ...c.answers, where_now: 'ru' });
    await observe(widget, []);
    const urgent = widget.locator('.sf-summary [data-urgent]');
    await expect(urgent).toBeVisible();
    await expect(urgent.locator('a[href^="tel:+7"]').first()).toBeVisible();
    await widget.locator('.sf-summary .sf-primary').click();
    await expect(widget.locator('.sf-referral [data-urgent]')).toBeVisible();
  });

  test('a questionnaire without an indicator mapping still gives a sheet when a referral is agreed', async ({ page }) => {
    await page.goto(host({ questionnaire: 'job-offer', mode: 'assisted', lang: 'ru' }));
    const widget = page.locator('screening-form');
    await prepare(widget);
    await widget.locator('input[name=sf-danger-now][value=no]').check();
    await widget.locator('input[name=sf-urgent-medical][value=no]').check();
    await widget.locator('input[name=sf-safe-place][value=yes]').check();
    await widget.locator('button[type=submit]').click();
    await questions(widget, {});
    await observe(widget, []);
    await widget.locator('.sf-summary .sf-primary').click();
    await widget.locator('[data-destination=LegalAid] input[value=yes]').check();
    const sheet = widget.locator('[data-sheet=referral]');
    await expect(sheet).toBeVisible();
    await expect(sheet.locator('[data-field=status]')).toContainText('Пока недостаточно информации');
    expect((await printableFields(sheet)).stray).toEqual([]);
  });
});
