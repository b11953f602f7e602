// The partner's page does not jump while the widget loads (review: the start screen appeared at
// about 1.45 s, over 500 px tall, and pushed the text below out of view: CLS 0.44-0.51). On a plain
// host page with text below the widget, on a throttled phone (4x CPU, 1.6 Mbps, 150 ms), the
// layout-shift observer records the page's shifts without recent input.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function throttle(page: Page) {
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

async function watchShifts(page: Page) {
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

const shifts = (page: Page) => page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);

for (const [width, height] of [[390, 844], [320, 640]] as const) {
  for (const lang of ['tg', 'en']) {
    test(`no layout shift while the widget loads at ${width} px: job-offer in ${lang}`, async ({ page }) => {
      test.slow();
      await page.setViewportSize({ width, height });
      await watchShifts(page);
      await throttle(page);
      await page.goto(lang === 'tg' ? '/pages/plain.html' : '/pages/plain-en.html');
      const widget = page.locator('screening-form');
      await expect(widget.locator('.sf-start')).toBeVisible({ timeout: 60_000 });
      // The text below stays where it was put: the start screen fits the room held for it.
      const room = await widget.evaluate((el) => el.getBoundingClientRect().height);
      const screen = await widget.evaluate((el) => el.shadowRoot!.querySelector('.sf-host')!.getBoundingClientRect().height);
      expect(screen, `start screen ${screen} px in a room of ${room} px`).toBeLessThanOrEqual(room);
      const total = (await shifts(page)).reduce((a, b) => a + b, 0);
      const why = await page.evaluate(() => (window as unknown as { why?: string[] }).why ?? []);
      expect(total, `layout shifts: ${JSON.stringify(await shifts(page))}\n${why.join('\n')}`).toBeLessThan(0.01);
      // The room is given back once the person acts, not before.
      await widget.locator('.sf-start button.sf-primary').click();
      await expect(widget.locator('form.sf-question')).toBeVisible();
      const after = await widget.evaluate((el) => el.getBoundingClientRect().height);
      const question = await widget.evaluate((el) => el.shadowRoot!.querySelector('.sf-host')!.getBoundingClientRect().height);
      expect(Math.abs(after - question)).toBeLessThan(2);
    });
  }
}
