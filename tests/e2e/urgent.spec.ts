// The result serves the person in the most danger first (content v3): on a 390 x 844 phone, a
// returnee still in Russia, locked in with the phone taken, finds a number that works in Russia
// right under the result's heading; coercion comes before working conditions; TB advice for
// someone in Russia fits Russia; every phone number in the result is a tel: link.
import { test, expect, complete, host, type Answers } from './fixtures';
import type { Locator } from '@playwright/test';

const PHONE = { width: 390, height: 844 };

/** locked_in_russia_phone_taken (questionnaires/cases/returnee.json). */
const LOCKED_IN_RUSSIA: Answers = {
  where_now: 'ru', hours: 'h8_or_less', days_off: 'weekly', wages: 'paid_in_full', housing: 'own', dangerous: 'no',
  cough: 'no', blood: 'no', fever: 'no', night_sweats: 'no', weight_loss: 'no', tb_contact: 'no',
  tb_treatment: 'never', documents: 'not_returned', debt: 'no', papers: 'no', contact: 'cut_off',
  free_to_leave: 'locked_in', quit: 'yes', threats: ['no'], humiliation: 'no', forced_tasks: 'no', violence: 'no',
  job_as_promised: 'as_promised',
};

/** tb_long_cough_russia: still in Russia, coughing for three weeks, work answers clean. */
const TB_RUSSIA: Answers = { ...LOCKED_IN_RUSSIA, documents: 'kept_myself', contact: 'yes', free_to_leave: 'yes', cough: 'long' };

/** Where the first tel: link of the result stands below the result's heading, in CSS px, and
 * its href; also the result's whole height. Measured in document order, as a person scrolls. */
async function firstNumber(widget: Locator) {
  return widget.evaluate((host) => {
    const root = host.shadowRoot!;
    const heading = root.querySelector('.sf-result h2')!.getBoundingClientRect();
    const link = root.querySelector<HTMLAnchorElement>('.sf-result a[href^="tel:"]');
    const result = root.querySelector('.sf-result')!.getBoundingClientRect();
    return {
      href: link?.getAttribute('href') ?? null,
      below: link ? link.getBoundingClientRect().bottom - heading.top : Infinity,
      height: result.height,
    };
  });
}

for (const lang of ['en', 'tg']) {
  test(`locked in, in Russia (${lang}): a number that works in Russia within the first screen and a half`, async ({
    page,
  }, info) => {
    await page.setViewportSize(PHONE);
    const widget = page.locator('screening-form');
    await page.goto(host({ questionnaire: 'returnee', lang }));
    await complete(widget, LOCKED_IN_RUSSIA);
    await expect(widget.locator('.sf-urgent a[href^="tel:"]').first()).toBeVisible();
    const first = await firstNumber(widget);
    info.annotations.push({ type: 'result height', description: `${Math.round(first.height)} px (${lang})` });
    expect(first.href === 'tel:112' || first.href!.startsWith('tel:+7'), `first number ${first.href}`).toBe(true);
    expect(first.below, 'px from the heading to the first number').toBeLessThanOrEqual(1.5 * PHONE.height);
    // Coercion before working conditions, whatever the definition's order.
    const order = await widget.evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll('.sf-result .sf-scale')].map((s) => s.getAttribute('data-scale')),
    );
    expect(order.indexOf('coercion')).toBeLessThan(order.indexOf('conditions'));
    expect(order[0]).toBe('coercion');
    // The urgent block: emergency, then the embassy in Moscow, each a number that works in Russia.
    const urgent = await widget.locator('.sf-urgent a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(urgent[0]).toBe('tel:112');
    expect(urgent.slice(1).every((href) => href!.startsWith('tel:+7'))).toBe(true);
  });
}

test('at home in Tajikistan the same answers show no "not safe now" block', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'returnee', lang: 'en' }));
  await complete(widget, { ...LOCKED_IN_RUSSIA, where_now: 'tj' });
  await expect(widget.locator('.sf-scale[data-scale="coercion"]')).toHaveAttribute('data-band', 'high');
  await expect(widget.locator('.sf-urgent')).toHaveCount(0);
  // A number to call still stands beside the serious finding.
  await expect(widget.locator('.sf-scale[data-scale="coercion"] .sf-call-line a[href^="tel:"]')).toBeVisible();
});

test('TB in Russia: no promise of a free test at a local clinic, and what a finding means for the stay', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'returnee', lang: 'en' }));
  await complete(widget, TB_RUSSIA);
  const tb = widget.locator('.sf-scale[data-scale="tb"]');
  await expect(tb).toHaveAttribute('data-band', 'get_tested');
  const step = (await tb.locator('.sf-first-step').textContent()) ?? '';
  expect(step).not.toMatch(/local clinic|It is free/);
  await expect(tb.locator('.sf-advice')).toContainText(['patent']);
  await expect(tb).toContainText('Emergency care');
  // TB is the most urgent finding here, so it comes first, with a number to call.
  await expect(widget.locator('.sf-scale').first()).toHaveAttribute('data-scale', 'tb');
  // The TB service is among the first contacts.
  await expect(
    widget.locator('.sf-contact-list').first().locator('[data-contact="national_tb_programme_tajikistan"]'),
  ).toHaveCount(1);
});

test('every phone number in the result is a tel: link', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'returnee', lang: 'en' }));
  await complete(widget, LOCKED_IN_RUSSIA);
  await widget.locator('details.sf-more summary').first().click();
  const bare = await widget.evaluate((host) => {
    const found: string[] = [];
    const result = host.shadowRoot!.querySelector('.sf-result')!;
    const walker = document.createTreeWalker(result, NodeFilter.SHOW_TEXT);
    const number = /(^|[^\p{L}\p{N}+])(\+[1-9][\d -]{5,}\d|1[01]\d)(?![\p{L}\p{N}])/u;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Inside a link to call or message (tel:, WhatsApp), a number is tappable.
      const inLink = node.parentElement?.closest('a[href^="tel:"], a[href^="https://wa.me/"]');
      if (!inLink && number.test(node.textContent ?? '')) found.push(node.textContent!.trim());
    }
    return found;
  });
  expect(bare).toEqual([]);
});

for (const [lang, call] of [
  ['tg', 'Занг задан: '],
  ['ru', 'Позвонить: '],
] as const) {
  test(`every phone link says what it does and who answers (${lang})`, async ({ page }) => {
    // Review (a11y v2): phone links were named "☎ +992 …", with no word and no organisation.
    await page.goto(host({ questionnaire: 'returnee', lang }));
    const widget = page.locator('screening-form');
    await complete(widget, LOCKED_IN_RUSSIA);
    await expect(widget.locator('.sf-urgent a[href^="tel:"]').first()).toBeVisible();
    // Open "More contacts" so every card's channels count too.
    for (const more of await widget.locator('details.sf-more').all()) await more.locator('summary').click();
    const names = await widget.locator('.sf-result a[href^="tel:"]').evaluateAll((links) =>
      links.map((a) => ({ label: a.getAttribute('aria-label') ?? '', text: a.textContent ?? '', contact: a.closest('[data-contact]') !== null })),
    );
    expect(names.length).toBeGreaterThan(3);
    for (const { label, text } of names) {
      expect(label.startsWith(call), `${label} (${text})`).toBe(true);
      expect(label).not.toContain('☎');
    }
    // A contact card's number names its organisation: "Call <name>, <number>".
    const card = names.find((n) => n.contact && /, \+?\d/.test(n.label));
    expect(card, JSON.stringify(names)).toBeTruthy();
    const named = await widget.getByRole('link', { name: new RegExp(`^${call}.+, \\+?\\d`) }).count();
    expect(named).toBeGreaterThan(0);
    // The call line under each result says the number and the organisation after the word.
    const line = await widget.locator('.sf-call').first().getAttribute('aria-label');
    const visible = (await widget.locator('.sf-call').first().textContent())!;
    expect(line).toBe(`${call}${visible}`);
  });
}
