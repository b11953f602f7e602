// Accessibility: axe-core finds nothing on any screen in any language, the whole flow works
// from the keyboard, focus lands on each new question, and 320 px wide still works.
import { test, expect, complete, axe, focused, host, chooseLanguage, JOB_OFFER, RETURNEE, type Answers } from './fixtures';
import { readFileSync } from 'node:fs';

// Answers that reveal the most follow-ups (a visa country asks about the contract before
// leaving, its language and hostess offers; an agency about its licence), so axe sees them.
const REVEAL_ALL: Record<string, Answers> = {
  'job-offer': { destination: 'visa_country', channel: 'agency', contract: 'yes' },
  returnee: { where_now: 'ru', cough: 'long' },
};

for (const questionnaire of ['job-offer', 'returnee']) {
  for (const lang of ['tg', 'ru', 'uz-Latn', 'en']) {
    test(`axe finds no violations on any screen: ${questionnaire} in ${lang}`, async ({ page }) => {
      test.slow();
      await page.goto(host({ questionnaire, lang }));
      const widget = page.locator('screening-form');
      await expect(widget.locator('.sf-start')).toBeVisible();
      expect(await axe(page), 'start screen').toEqual([]);
      let step = 0;
      await complete(widget, REVEAL_ALL[questionnaire], async () => {
        step += 1;
        expect(await axe(page), `question ${step}`).toEqual([]);
      });
      await expect(widget.locator('.sf-contact').first()).toBeVisible();
      expect(await axe(page), 'result').toEqual([]);
    });
  }
}

test('axe finds no violations on the most serious results', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  await complete(widget, JOB_OFFER.passportKept);
  expect(await axe(page)).toEqual([]);
  await page.goto(host({ questionnaire: 'returnee', lang: 'tg' }));
  await complete(widget, RETURNEE.passportTakenCough);
  expect(await axe(page)).toEqual([]);
});

type Page = import('@playwright/test').Page;
type Locator = import('@playwright/test').Locator;

/** The widget's focused element as "TAG type value text". */
function active(widget: Locator): Promise<string> {
  return widget.evaluate((el) => {
    const a = el.shadowRoot?.activeElement as HTMLElement | null;
    return a ? `${a.tagName} ${a.getAttribute('type') ?? ''} ${a.getAttribute('value') ?? ''} ${a.textContent?.trim() ?? ''}` : '';
  });
}

/** Presses `key` until the focused element in the widget matches. */
async function pressUntil(page: Page, widget: Locator, key: string, target: RegExp) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press(key);
    if (target.test(await active(widget))) return;
  }
  throw new Error(`${key} never reached ${target}; focus is on ${await active(widget)}`);
}

for (const [questionnaire, choices, scale] of [
  ['job-offer', { destination: 'visa_country', passport: 'them', fees: 'recruitment_fee' }, 'risk'],
  ['returnee', { documents: 'not_returned', free_to_leave: 'locked_in', cough: 'long' }, 'coercion'],
] as const) {
  test(`keyboard only, with focus on each new question: ${questionnaire}`, async ({ page }) => {
    await page.goto(host({ questionnaire, lang: 'en' }));
    const widget = page.locator('screening-form');
    await expect(widget.locator('.sf-start')).toBeVisible();
    await pressUntil(page, widget, 'Tab', /^BUTTON .*Start$/);
    await page.keyboard.press('Enter');
    for (let guard = 0; guard < 40; guard++) {
      if ((await widget.locator('.sf-result').count()) > 0) break;
      await expect.poll(() => focused(widget)).toBe('fieldset');
      const q = await widget.locator('form.sf-question input').first().getAttribute('name');
      const want = (choices as Record<string, string>)[q!];
      if (want) {
        const kind = await widget.locator('form.sf-question input').first().getAttribute('type');
        if (kind === 'radio') {
          // Tab enters the group; arrow keys move and select within it.
          await pressUntil(page, widget, 'Tab', /^INPUT radio /);
          if (!new RegExp(`^INPUT radio ${want} `).test(await active(widget))) {
            await pressUntil(page, widget, 'ArrowDown', new RegExp(`^INPUT radio ${want} `));
          }
        } else {
          await pressUntil(page, widget, 'Tab', new RegExp(`^INPUT checkbox ${want} `));
          await page.keyboard.press('Space');
        }
        await expect(widget.locator(`input[name="${q}"][value="${want}"]`)).toBeChecked();
      }
      await pressUntil(page, widget, 'Tab', /^BUTTON submit/);
      await page.keyboard.press('Enter');
      await expect(widget.locator(`form.sf-question input[name="${q}"]`).first()).toHaveCount(0);
    }
    await expect.poll(() => focused(widget)).toBe('h2');
    await expect(widget.locator(`.sf-scale[data-scale="${scale}"]`)).toHaveAttribute('data-band', 'high');
    // The place choice works from the keyboard too: arrow keys move and re-pick the contacts.
    await pressUntil(page, widget, 'Tab', /^INPUT radio (tj|ru|kz|other) /);
    const before = await active(widget);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => active(widget)).not.toBe(before);
    expect(await active(widget)).toMatch(/^INPUT radio (tj|ru|kz|other) /);
  });
}

test('each step is said once, where focus lands: the question, then its progress; no live region races focus', async ({ page }) => {
  // Review (a11y v2): a live region said "question 3 of 24" a few milliseconds before focus
  // moved to the question, which likely cut it off, and the group and its legend shared a name
  // (the question read twice). Now focus lands on the group, named by the question and
  // described by the progress, and nothing else announces the step.
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  const widget = page.locator('screening-form');
  await expect(widget.locator('.sf-start')).toBeVisible();
  await widget.evaluate((el) => {
    const root = el.shadowRoot!;
    const log: { focus?: string; name?: string; described?: string; live?: string; at: number }[] = [];
    (window as unknown as { stepLog: typeof log }).stepLog = log;
    root.addEventListener('focusin', (e) => {
      const t = e.target as HTMLElement;
      const ids = (t.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      log.push({
        focus: t.tagName.toLowerCase(),
        name: t.querySelector(':scope > legend')?.textContent ?? '',
        described: ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' | '),
        at: performance.now(),
      });
    });
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : (r.target as Element);
        const live = node?.closest('[aria-live], [role=status], [role=alert]');
        if (live && live.textContent) log.push({ live: live.textContent, at: performance.now() });
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  await widget.locator('.sf-start button.sf-primary').click();
  for (let n = 1; n <= 3; n++) {
    await expect.poll(() => focused(widget)).toBe('fieldset');
    const group = widget.locator('form.sf-question fieldset');
    const question = (await group.locator('legend').textContent())!;
    await expect(group).toHaveAccessibleName(question);
    await expect(group).toHaveAccessibleDescription(new RegExp(`^Question ${n} of \\d+`));
    // The legend is not focusable on its own: the question is not said twice.
    expect(await group.locator('legend').getAttribute('tabindex')).toBeNull();
    await widget.locator('form.sf-question button[type=submit]').click();
    if (n === 1) await expect(widget.locator('.sf-error')).toBeHidden();
  }
  const log = await page.evaluate(() => (window as unknown as { stepLog: { focus?: string; described?: string; live?: string }[] }).stepLog);
  const focusOnGroups = log.filter((e) => e.focus === 'fieldset');
  expect(focusOnGroups.map((e) => e.described!.split(' | ')[0])).toEqual(
    expect.arrayContaining([expect.stringMatching(/^Question 1 of/), expect.stringMatching(/^Question 2 of/), expect.stringMatching(/^Question 3 of/)]),
  );
  // At the moment focus landed, the progress was already the new question's (not set after).
  focusOnGroups.forEach((e, i) => expect(e.described).toMatch(new RegExp(`^Question ${i + 1} of`)));
  // No live region announced a step.
  expect(log.filter((e) => e.live && /Question \d+ of/.test(e.live))).toEqual([]);
  expect(await widget.locator('[aria-live]').count()).toBe(0);
});

test('works at 320 px wide without horizontal scrolling, with buttons and choices at least 44 px high', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(host({ questionnaire: 'returnee', lang: 'tg' }));
  const widget = page.locator('screening-form');
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  // What the README promises (review T6: this checked 24 px): every button, select and choice
  // (the label a radio or checkbox sits in, which is what a finger hits) is at least 44 px high
  // and 44 px wide. Links inside sentences are exempt (WCAG 2.5.8, inline); contact links are
  // checked at 44 px in flow.spec.ts.
  const small = () =>
    widget.evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('button, select, label:has(input)')]
        .map((e) => ({ what: e.outerHTML.slice(0, 80), r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
        .map(({ what, r }) => `${Math.round(r.width)}x${Math.round(r.height)} ${what}`),
    );
  await expect(widget.locator('.sf-start')).toBeVisible();
  expect(await fits()).toBe(true);
  await complete(widget, RETURNEE.passportTakenCough, async () => {
    expect(await fits()).toBe(true);
    expect(await small()).toEqual([]);
  });
  expect(await fits()).toBe(true);
  expect(await small()).toEqual([]);
  // The quick-exit button stays in view while the long result scrolls.
  await page.mouse.wheel(0, 3000);
  await expect(widget.locator('.sf-exit')).toBeInViewport();
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('axe finds no violations (contrast included) in the dark theme', async ({ page }) => {
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
    const widget = page.locator('screening-form');
    await expect(widget.locator('.sf-start')).toBeVisible();
    expect(await axe(page), 'start').toEqual([]);
    let checked = false;
    await complete(widget, JOB_OFFER.passportKept, async () => {
      if (!checked) {
        checked = true;
        expect(await axe(page), 'question').toEqual([]);
      }
    });
    expect(await axe(page), 'result').toEqual([]);
    const background = await widget.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.sf-widget')!).backgroundColor);
    expect(background).toBe('rgb(22, 26, 31)');
  });
});

for (const lang of ['tg', 'ru', 'uz-Latn', 'en']) {
  test(`the result at 320 px: axe clean with "More contacts" open, no sideways scrolling: ${lang}`, async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width: 320, height: 640 });
    const widget = page.locator('screening-form');
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    for (const [questionnaire, answers] of [
      ['job-offer', JOB_OFFER.passportKept],
      ['returnee', RETURNEE.passportTakenCough],
    ] as const) {
      await page.goto(host({ questionnaire, lang }));
      await complete(widget, answers);
      await expect(widget.locator('.sf-contact').first()).toBeVisible();
      await widget.locator('details.sf-more summary').click();
      await expect(widget.locator('details.sf-more .sf-contact').first()).toBeVisible();
      expect(await axe(page), `${questionnaire} result`).toEqual([]);
      expect(await fits(), `${questionnaire} fits`).toBe(true);
      // Another place: the list is rebuilt, still clean.
      await widget.locator('.sf-place input[value="other"]').check();
      expect(await axe(page), `${questionnaire} result, elsewhere`).toEqual([]);
      expect(await fits()).toBe(true);
    }
  });
}

test('a language switch keeps focus on the menu, and moves it to the heading when what had it was replaced', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  const menu = widget.locator('.sf-language select');
  const heading = widget.locator('.sf-start h2');
  // From the menu: focus stays on it.
  await menu.focus();
  await menu.selectOption('ru');
  await widget.locator('.sf-language-change').click();
  await expect(heading).toHaveText('Проверьте предложение о работе');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await focused(widget)).toBe('select');
  // Focus on the Start button while the language changes (the switch waits for the new
  // locale's file, and a keyboard user may move on meanwhile): the start screen is built anew,
  // and focus goes to its heading instead of falling out of the widget.
  await page.route('**/questionnaires/job-offer.tg.json', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue().catch(() => {});
  });
  await menu.selectOption('tg');
  await widget.locator('.sf-language-change').click();
  await widget.locator('.sf-start button.sf-primary').focus();
  await expect(heading).toHaveText('Пешниҳоди корро санҷед');
  await expect.poll(() => focused(widget)).toBe('h2');
});

test.describe('at 320 x 568 with text at 200 % (the browser font-size setting)', () => {
  for (const lang of ['tg', 'en']) {
    test(`Shift+Tab through the whole result never leaves focus under the toolbar, nothing scrolls sideways (${lang})`, async ({ page }) => {
      // Review (a11y v2): the sticky toolbar took 63-77 % of the screen and hid focus on every stop.
      await page.setViewportSize({ width: 320, height: 568 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await page.goto(host({ questionnaire: 'returnee', lang, 'exit-url': 'http://127.0.0.1:4173/pages/neutral.html' }));
      const widget = page.locator('screening-form');
      await expect(widget.locator('.sf-start')).toBeVisible();
      const fontSize = await widget.evaluate((el) => parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.sf-widget')!).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(31);
      await complete(widget, RETURNEE.passportTakenCough);
      await expect(widget.locator('.sf-result')).toBeVisible();
      for (const more of await widget.locator('details.sf-more').all()) await more.locator('summary').click();
      // Start after the last control of the widget and go back through every one.
      await widget.evaluate((el) => {
        const all = [...el.shadowRoot!.querySelectorAll<HTMLElement>('a[href], button, select, summary, input')];
        all[all.length - 1].focus();
      });
      const stops: string[] = [];
      for (let i = 0; i < 120; i++) {
        const seen = await widget.evaluate((el) => {
          const root = el.shadowRoot!;
          const f = root.activeElement as HTMLElement | null;
          if (!f) return null;
          const r = f.getBoundingClientRect();
          const top = Math.max(r.top, 0);
          const bottom = Math.min(r.bottom, window.innerHeight);
          const left = Math.max(r.left, 0);
          const right = Math.min(r.right, window.innerWidth);
          // The middle and two points a quarter in from each side (not the corners, which a
          // rounded border leaves to the parent).
          const midY = (top + bottom) / 2;
          const points = [
            [(left + right) / 2, midY],
            [left + (right - left) / 4, top + (bottom - top) / 4],
            [right - (right - left) / 4, bottom - (bottom - top) / 4],
            [(left + right) / 2, top + 3],
          ];
          const hits = points.map(([x, y]) => root.elementFromPoint(x, y));
          const covered = bottom <= top || hits.some((hit) => !hit || !(hit === f || f.contains(hit)));
          const by = hits.find((hit) => !hit || !(hit === f || f.contains(hit)));
          const what = by ? `${by.tagName.toLowerCase()}.${by.className}` : String(by);
          return {
            name: `${f.tagName.toLowerCase()} ${(f.textContent ?? '').trim().slice(0, 30)} [${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight}; ${covered ? 'under ' + what : 'clear'}]`,
            covered,
          };
        });
        if (!seen) break;
        stops.push(seen.name);
        expect(seen.covered, `focus on "${seen.name}" is covered (stop ${i})`).toBe(false);
        await page.keyboard.press('Shift+Tab');
      }
      expect(stops.length).toBeGreaterThan(8);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  }
});

test.describe('the language control waits for a deliberate choice', () => {
  const lang = (widget: import('@playwright/test').Locator) =>
    widget.evaluate((el) => el.shadowRoot!.querySelector('.sf-widget')!.getAttribute('lang'));

  test('arrow keys in the list change nothing until the button is pressed', async ({ page }) => {
    // Review (a11y v2): going from English to Tajik passed through three other languages, each
    // re-rendering the widget and fetching a file (WCAG 3.2.2).
    const fetched: string[] = [];
    page.on('request', (r) => /questionnaires\/job-offer\.[^/]+\.json/.test(r.url()) && fetched.push(r.url()));
    const widget = page.locator('screening-form');
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
    await expect(widget.locator('.sf-start')).toBeVisible();
    const before = fetched.length;
    const menu = widget.locator('.sf-language select');
    await menu.focus();
    // What an arrow key on a closed list does on Windows and macOS (Chromium on Linux opens the
    // list instead): the value moves and `change` fires, once per step.
    for (const step of ['ru', 'tg', 'uz-Cyrl']) {
      await menu.evaluate((select: HTMLSelectElement, value) => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, step);
    }
    await page.waitForTimeout(500);
    expect(await lang(widget)).toBe('en');
    expect(fetched.length).toBe(before);
    // The button beside the list says what it does in the language chosen, and does it.
    const change = widget.locator('.sf-language-change');
    await expect(change).toBeVisible();
    const target = await menu.inputValue();
    expect(await change.getAttribute('lang')).toBe(target);
    await change.click();
    await expect.poll(() => lang(widget)).toBe(target);
    await expect(change).toBeHidden();
    expect(await focused(widget)).toBe('select');
  });

  test('a slow language chosen first never wins over the one chosen last', async ({ page }) => {
    await page.route('**/questionnaires/job-offer.uz-Cyrl.json', async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue().catch(() => {});
    });
    const widget = page.locator('screening-form');
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
    await expect(widget.locator('.sf-start')).toBeVisible();
    await chooseLanguage(widget, 'uz-Cyrl');
    await chooseLanguage(widget, 'tg');
    await expect.poll(() => lang(widget)).toBe('tg');
    await page.waitForTimeout(2500);
    expect(await lang(widget)).toBe('tg');
    await expect(widget.locator('.sf-start h2')).toHaveText(/[ҳқҷӣӯғ]/);
  });
});

test("forced colours: a finding's level keeps its own line style, and badges and buttons keep borders", async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(host({ questionnaire: 'returnee', lang: 'en' }));
  const widget = page.locator('screening-form');
  await complete(widget, RETURNEE.passportTakenCough);
  await expect(widget.locator('.sf-result')).toBeVisible();
  const styles = await widget.evaluate((el) =>
    [...el.shadowRoot!.querySelectorAll('.sf-scale')].map((s) => {
      const c = getComputedStyle(s);
      const badge = s.querySelector('.sf-badge');
      return {
        level: [...s.classList].find((c) => c.startsWith('sf-level-')),
        line: `${c.borderInlineStartStyle} ${c.borderInlineStartWidth}`,
        badge: badge ? getComputedStyle(badge).borderTopWidth : 'none',
      };
    }),
  );
  // Three findings at three different levels here (coercion high, TB get tested, conditions).
  const byLevel = new Map(styles.map((s) => [s.level, s.line]));
  expect(byLevel.size, JSON.stringify(styles)).toBeGreaterThan(1);
  expect(new Set(byLevel.values()).size, JSON.stringify(styles)).toBe(byLevel.size);
  for (const s of styles) expect(s.badge, JSON.stringify(s)).not.toBe('0px');
  const exit = await widget.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.sf-exit')!).borderTopWidth);
  expect(exit).toBe('4px');
  expect(await axe(page)).toEqual([]);
});

test('focus on the result says what was found first: the heading is described by the most urgent scale and its band', async ({ page }) => {
  // Review (a11y v2): the live region and the focused heading both said "Your result"; the band
  // was announced nowhere.
  const d = JSON.parse(readFileSync(new URL('../../questionnaires/returnee.json', import.meta.url), 'utf8'));
  const coercion = d.scales.find((s: { id: string }) => s.id === 'coercion');
  const high = coercion.bands.find((b: { id: string }) => b.id === 'high');
  for (const [lang, title, band] of [
    ['en', coercion.title.en, high.title.en],
    ['tg', coercion.title.tg, high.title.tg],
  ]) {
    await page.goto(host({ questionnaire: 'returnee', lang }));
    const widget = page.locator('screening-form');
    await complete(widget, RETURNEE.passportTakenCough);
    const heading = widget.locator('.sf-result h2');
    await expect.poll(() => focused(widget)).toBe('h2');
    await expect(heading).toHaveAccessibleDescription(`${title} ${band}`);
  }
});

test('a required answer left out is announced, and the consent status has a name when it takes focus', async ({ page }) => {
  const definition = JSON.parse(readFileSync(new URL('../../questionnaires/job-offer.json', import.meta.url), 'utf8'));
  definition.questions[0].required = true;
  await page.route('**/pages/required.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(definition) }));
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: '/pages/required.json', lang: 'en' }));
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.getByRole('button', { name: 'Next' }).click();
  // Review (a11y v2): the error was shown but not announced.
  await expect(widget.getByRole('alert')).toHaveText('Please answer this question.');
  // The consent status, focused when it replaces the buttons, is named by its words.
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en', endpoint: 'http://127.0.0.1:9/v1/submissions' }));
  await complete(widget, JOB_OFFER.safe);
  await widget.getByRole('button', { name: "Don't send" }).click();
  const status = widget.locator('.sf-consent-status');
  await expect.poll(() => focused(widget)).toBe('p.sf-consent-status');
  await expect(status).toHaveAccessibleName((await status.textContent())!);
  expect((await status.textContent())!.length).toBeGreaterThan(3);
});
