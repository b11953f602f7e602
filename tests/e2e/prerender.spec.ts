// The start screen before the wasm (issue: the first screen of real content well before the wasm
// arrives). `cargo xtask dist` renders each built-in questionnaire's start screen per locale with
// the widget's own components (`screening-prerender`); the loader shows it as soon as it and the
// stylesheet are here, and the live widget takes its place. Asserted on the network (the wasm
// response is held back), not on timings.
import { test, expect, focused, host, holdWasm, throttle, watchShifts, shifts } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** Whether the wasm response has been received in full (from the page's network log). */
function wasmFinished(page: Page): () => boolean {
  let finished = false;
  page.on('requestfinished', (request) => {
    if (request.url().endsWith('/screening-widget_bg.wasm')) finished = true;
  });
  return () => finished;
}

const prerendered = (widget: Locator) => widget.locator('[data-prerendered]');
const live = (widget: Locator) => widget.locator('.sf-host:not([data-prerendered])');

test('on a throttled plain page the start screen shows before the wasm, without a shift, and a Start pressed then opens the first question', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 390, height: 844 });
  await watchShifts(page);
  await throttle(page);
  const wasm = await holdWasm(page);
  const done = wasmFinished(page);
  await page.goto('/pages/plain.html');
  const widget = page.locator('screening-form');
  await expect(prerendered(widget).locator('.sf-start h2')).toHaveText('Пешниҳоди корро санҷед', { timeout: 60_000 });
  expect(wasm.requested()).toBe(true);
  expect(done(), 'the wasm response had not finished').toBe(false);
  await expect(live(widget)).toHaveCount(0);
  const total = (await shifts(page)).reduce((a, b) => a + b, 0);
  expect(total, `layout shifts: ${JSON.stringify(await shifts(page))}`).toBeLessThan(0.01);

  const start = prerendered(widget).locator('.sf-start button.sf-primary');
  await start.click();
  await expect(start).toHaveAttribute('aria-busy', 'true');
  wasm.release();
  await expect(live(widget).locator('form.sf-question')).toBeVisible({ timeout: 60_000 });
  expect(done()).toBe(true);
  // Focus lands where it lands on every step: the question's fieldset.
  await expect.poll(() => focused(widget)).toMatch(/^fieldset/);
  await expect(widget.locator('.sf-progress')).toContainText('1');
});

test('focus on the pre-rendered screen stays on the same control when the live one takes over', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto(host({ questionnaire: 'returnee', lang: 'ru' }));
  const widget = page.locator('screening-form');
  await expect(prerendered(widget).locator('.sf-start')).toBeVisible();
  await prerendered(widget).locator('select').focus();
  wasm.release();
  await expect(live(widget).locator('.sf-start')).toBeVisible();
  await expect(prerendered(widget)).toHaveCount(0);
  await expect.poll(() => focused(widget)).toBe('select');
});

test('a language picked on the pre-rendered screen stays picked, with the live button to apply it', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  const widget = page.locator('screening-form');
  await prerendered(widget).locator('select').selectOption('ru');
  wasm.release();
  await expect(live(widget).locator('.sf-start')).toBeVisible();
  await expect(live(widget).locator('.sf-language select')).toHaveValue('ru');
  const apply = live(widget).locator('.sf-language-change');
  await expect(apply).toHaveText('Сменить');
  await apply.click();
  await expect(live(widget).locator('.sf-widget')).toHaveAttribute('lang', 'ru');
  await expect(live(widget).locator('.sf-start button.sf-primary')).toHaveText('Начать');
});

test('a Shift count said on the pre-rendered screen is still said when the live one takes over', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto(host({ questionnaire: 'returnee', lang: 'tg' }));
  const widget = page.locator('screening-form');
  await expect(prerendered(widget).locator('.sf-start')).toBeVisible();
  await page.keyboard.press('Shift');
  const hint = widget.locator('.sf-shift-hint');
  await expect(hint).toHaveText('Барои зуд баромадан Shift-ро боз 2 бор пахш кунед.');
  wasm.release();
  await expect(live(widget).locator('.sf-start')).toBeVisible();
  await expect(hint).toHaveText('Барои зуд баромадан Shift-ро боз 2 бор пахш кунед.');
  await expect(hint).toHaveCount(1);
});

test('the pre-rendered screen has no Start of its own to lose: without a press the live start screen waits', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  const widget = page.locator('screening-form');
  await expect(prerendered(widget).locator('.sf-start')).toBeVisible();
  wasm.release();
  await expect(live(widget).locator('.sf-start')).toBeVisible();
  await expect(widget.locator('form.sf-question')).toHaveCount(0);
  // The host page keeps focus until the person starts.
  expect(await focused(widget)).toBe('none');
});

/** The words a screen shows (and its hidden Shift hint), spaces normalized. */
const words = (l: Locator) => l.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
/** The screen's controls, in order: what keyboard and screen-reader users meet. */
const controls = (l: Locator) =>
  l.evaluate((el) => [...el.querySelectorAll('button, select, option, h2, li')].map((c) =>
    `${c.tagName.toLowerCase()}${c.hasAttribute('hidden') ? '[hidden]' : ''} ${c.getAttribute('lang') ?? ''} ${c.getAttribute('value') ?? ''} ${c instanceof HTMLSelectElement ? c.value : ''}`));

for (const questionnaire of ['job-offer', 'returnee']) {
  for (const lang of ['tg', 'ru', 'uz-Cyrl', 'uz-Latn', 'en']) {
    test(`the pre-rendered and the live start screen say the same: ${questionnaire} in ${lang}`, async ({ page }) => {
      for (const endpoint of [undefined, '/v1/submissions']) {
        const wasm = await holdWasm(page);
        await page.goto(host({ questionnaire, lang, ...(endpoint ? { endpoint } : {}) }));
        const widget = page.locator('screening-form');
        await expect(prerendered(widget).locator('.sf-start')).toBeVisible();
        const before = { words: await words(prerendered(widget)), controls: await controls(prerendered(widget)) };
        const lang_ = await prerendered(widget).locator('.sf-widget').getAttribute('lang');
        wasm.release();
        await expect(live(widget).locator('.sf-start')).toBeVisible();
        await expect(prerendered(widget)).toHaveCount(0);
        const after = { words: await words(live(widget)), controls: await controls(live(widget)) };
        expect(after, `${questionnaire} ${lang} endpoint=${endpoint}`).toEqual(before);
        expect(await live(widget).locator('.sf-widget').getAttribute('lang')).toBe(lang_);
        await page.unroute('**/screening-widget_bg.wasm');
      }
    });
  }
}

test.describe('when the widget cannot start', () => {
  test.use({ allowedProblems: /could not start|mount failed on purpose/ });

  test('a pre-rendered screen arriving late never covers the message', async ({ page }) => {
    await page.route('**/screening-widget.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: 'export default async function init() {}\nexport function mount() { throw new Error("mount failed on purpose"); }\n',
      }),
    );
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/*.start.json', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(host({ questionnaire: 'returnee', lang: 'tg' }));
    const widget = page.locator('screening-form');
    await expect(widget.getByRole('alert')).toHaveText('Саволнома бор нашуд. Саҳифаро аз нав кушоед.');
    const arrived = page.waitForResponse((r) => r.url().endsWith('.start.json'));
    release();
    await arrived;
    // Two frames for the loader to have acted on it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect(prerendered(widget)).toHaveCount(0);
    await expect(widget.getByRole('alert')).toBeVisible();
  });
});
