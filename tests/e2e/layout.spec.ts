// The partner's page does not jump while the widget loads (review: the start screen appeared at
// about 1.45 s, over 500 px tall, and pushed the text below out of view: CLS 0.44-0.51). On a plain
// host page with text below the widget, on a throttled phone (4x CPU, 1.6 Mbps, 150 ms), the
// layout-shift observer records the page's shifts without recent input.
import { test, expect, throttle, watchShifts, shifts } from './fixtures';


for (const [width, height, slow] of [[390, 844, true], [320, 640, true], [390, 844, false], [1280, 720, false]] as const) {
  for (const lang of ['tg', 'en']) {
    test(`no layout shift while the widget loads at ${width} px${slow ? ', throttled' : ''}: job-offer in ${lang}`, async ({ page }) => {
      test.slow();
      await page.setViewportSize({ width, height });
      await watchShifts(page);
      if (slow) await throttle(page);
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
