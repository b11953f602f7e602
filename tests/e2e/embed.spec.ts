// The embedding contract: one module script and one element, a shadow root per instance,
// and nothing the host page's Content-Security-Policy has to loosen.
import { test, expect } from './fixtures';

test('the demo page shows a live widget inside its shadow root', async ({ page }) => {
  await page.goto('/index.html');
  const widget = page.locator('screening-form');
  const button = widget.locator('button.sf-counter');
  await expect(button).toHaveText('Pressed 0 times');
  await button.click();
  await expect(button).toHaveText('Pressed 1 times');
  expect(await widget.evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  // The stylesheet is adopted, not injected as a <style> element.
  expect(await widget.evaluate((el) => el.shadowRoot!.adoptedStyleSheets.length)).toBe(1);
  expect(await widget.evaluate((el) => el.shadowRoot!.querySelectorAll('style').length)).toBe(0);
});

test('two elements on one page are independent instances', async ({ page }) => {
  await page.goto('/pages/two.html');
  const first = page.locator('screening-form#first');
  const second = page.locator('screening-form#second');
  await expect(first).toContainText('job-offer');
  await expect(second).toContainText('returnee');
  await first.locator('button.sf-counter').click();
  await first.locator('button.sf-counter').click();
  await expect(first.locator('button.sf-counter')).toHaveText('Pressed 2 times');
  await expect(second.locator('button.sf-counter')).toHaveText('Pressed 0 times');
  // Removing one unmounts it and leaves the other working.
  await first.evaluate((el) => el.remove());
  await second.locator('button.sf-counter').click();
  await expect(second.locator('button.sf-counter')).toHaveText('Pressed 1 times');
});

test('the built output has no inline script', async ({ request }) => {
  const html = await (await request.get('/index.html')).text();
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    expect(attributes).toContain('src=');
    expect(body.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style[\s>]/);
  expect(html).not.toMatch(/ style=/);
});

test('the widget renders under a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/pages/csp.html?csp=strict');
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  const button = page.locator('screening-form button.sf-counter');
  await button.click();
  await expect(button).toHaveText('Pressed 1 times');
});
