// Privacy and safety: quick exit leaves no way back to the answers, nothing is stored, and
// without an endpoint nothing but the widget's own files is requested.
import { test, expect, complete, host, JOB_OFFER, RETURNEE } from './fixtures';

const NEUTRAL = '/pages/neutral.html';

async function startAndAnswer(page: import('@playwright/test').Page) {
  // A page visited before the partner page, so Back has somewhere to go.
  await page.goto(NEUTRAL + '?before');
  await page.goto(host({ questionnaire: 'returnee', lang: 'en', 'exit-url': 'http://127.0.0.1:4173' + NEUTRAL + '?exit' }));
  const widget = page.locator('screening-form');
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.locator('input[name="job_as_promised"][value="different"]').check();
  return widget;
}

test('quick exit by button blanks the widget and replaces the page in history', async ({ page }) => {
  const widget = await startAndAnswer(page);
  await widget.getByRole('button', { name: 'Leave quickly' }).click();
  await expect(page).toHaveURL(/neutral\.html\?exit$/);
  await page.goBack();
  // Back skips the partner page: location.replace left no entry for it.
  await expect(page).toHaveURL(/neutral\.html\?before$/);
  await page.goForward();
  await expect(page).toHaveURL(/neutral\.html\?exit$/);
});

test('quick exit by pressing Shift three times', async ({ page }) => {
  await startAndAnswer(page);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/neutral\.html\?exit$/);
  await page.goBack();
  await expect(page).toHaveURL(/neutral\.html\?before$/);
});

test('typing with Shift does not trigger quick exit', async ({ page }) => {
  const widget = await startAndAnswer(page);
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+B');
  await page.keyboard.press('Shift+C');
  await expect(widget.locator('input[name="job_as_promised"][value="different"]')).toBeChecked();
});

test('one instance leaving blanks every instance at once', async ({ page }) => {
  await page.route('**/pages/neutral.html?slow', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ contentType: 'text/html', body: '<title>x</title>' });
  });
  await page.goto('/pages/two.html');
  await page.locator('#first').evaluate((el) => el.setAttribute('exit-url', location.origin + '/pages/neutral.html?slow'));
  const second = page.locator('#second');
  await second.locator('.sf-start button.sf-primary').click();
  await page.locator('#first').getByRole('button', { name: 'Зуд баромадан' }).click();
  // Before the next page has even arrived, neither widget shows anything.
  await expect(page.locator('#first .sf-widget')).toBeHidden();
  await expect(second.locator('.sf-widget')).toBeHidden();
  await expect(page).toHaveURL(/\?slow$/);
});

test('leaving the page normally and coming back shows the start screen, not the answers', async ({ page }) => {
  const widget = await startAndAnswer(page);
  await page.locator('#elsewhere').click();
  await expect(page).toHaveURL(/neutral\.html$/);
  await page.goBack();
  await expect(widget.locator('.sf-start')).toBeVisible();
  await expect(widget.locator('input[name="job_as_promised"]')).toHaveCount(0);
});

test('a whole screening without an endpoint requests only the widget files and stores nothing', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(host({ questionnaire: 'job-offer', lang: 'ru' }));
  const historyBefore = await page.evaluate(() => history.length);
  const urlBefore = page.url();
  const widget = page.locator('screening-form');
  await complete(widget, JOB_OFFER.passportKept);
  await widget.locator('select').selectOption('tg');
  await widget.getByRole('button', { name: 'Аз нав оғоз кардан' }).click();
  await complete(widget, RETURNEE.hardJob as never);
  const own = [
    /\/pages\/host\.(html\?.*|js)$/,
    /\/screening-form\.js$/,
    /\/screening-widget\.js$/,
    /\/screening-widget_bg\.wasm$/,
    /\/questionnaires\/(job-offer|returnee|contacts)\.json$/,
    /\/favicon\.ico$/,
  ];
  for (const url of requests) {
    expect(url.startsWith(baseURL!), url).toBe(true);
    expect(own.some((re) => re.test(url)), `unexpected request ${url}`).toBe(true);
  }
  expect(page.url()).toBe(urlBefore);
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  const cookies = await page.context().cookies();
  expect(cookies).toEqual([]);
});
