// The collector's dashboard (GET /admin) in Chromium: login with the admin token, a wrong
// token, the session cookie, every chart drawn from reports sent by `screening-dev load`, filters,
// the CSV equal to the page's tables, suppressed cells, axe, Russian, keyboard, CSP, logout.
// A real `screening serve` (release build) on its own SQLite file.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { test, expect, axe } from './fixtures';

const BIN = join(import.meta.dirname, '../../target/release/screening');
/** The load generator (crates/devtools): not part of the collector's binary. */
const DEV = join(import.meta.dirname, '../../target/release/screening-dev');
// A test-only token, as strong as the collector requires (64 hex digits).
const TOKEN = '3c9f0a7e5b1d8264f0e3a9c71b5d2e8640a7c3f1e9d5b2086c4a1f7e3d9b5c20';
let child: ChildProcess;
let base = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const port = await freePort();
  const db = join(mkdtempSync(join(tmpdir(), 'sf-dash-')), 'collector.sqlite');
  child = spawn(BIN, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`, '--rate-per-minute', '0'], {
    env: { ...process.env, SCREENING_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  base = `http://127.0.0.1:${port}`;
  // 600 job-offer reports over two months and three partners: 100 per group, so some answers
  // fall under the threshold of 5 and are suppressed.
  for (const [questionnaire, seed] of [['job-offer', '1'], ['returnee', '2']]) {
    execFileSync(DEV, [
      'load', '--addr', `127.0.0.1:${port}`, '--count', '600', '--concurrency', '8', '--months', '2',
      '--questionnaire', questionnaire, '--seed', seed,
    ]);
  }
});

test.afterAll(async () => {
  child?.kill('SIGKILL');
});

async function login(page: import('@playwright/test').Page, lang = 'en') {
  await page.goto(`${base}/admin?lang=${lang}`);
  await page.locator('#token').fill(TOKEN);
  await page.locator('#token').press('Enter');
  await expect(page.locator('.filters')).toBeVisible();
}

/** The rows of every data table on the page, as the CSV writes them. */
async function tableRows(page: import('@playwright/test').Page): Promise<string[][]> {
  return page.locator('table').evaluateAll((tables) =>
    tables.flatMap((t) =>
      [...t.querySelectorAll('tbody tr')].map((tr) => [
        (t as HTMLElement).dataset.section ?? '',
        (t as HTMLElement).dataset.field ?? '',
        ...[...tr.children].map((c) => c.textContent ?? ''),
      ]),
    ),
  );
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

test.describe('a wrong token', () => {
  test.use({ allowedProblems: /401/ });
  test('is refused and sets no cookie', async ({ page, context }) => {
  await page.goto(`${base}/admin`);
  await expect(page.locator('h1')).toHaveText('Screening reports');
  await page.locator('#token').fill('not-the-token');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/admin/login')),
    page.locator('button[type=submit]').click(),
  ]);
  expect(response.status()).toBe(401);
  await expect(page.locator('#login-error')).toHaveText('Wrong token.');
  expect(await context.cookies()).toEqual([]);
  expect((await page.request.get(`${base}/admin/export.csv`)).status()).toBe(401);
  expect(await axe(page)).toEqual([]);
  });
});

test('login gives a strict session cookie; every chart has data, a text alternative and a table; axe clean', async ({
  page,
  context,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await login(page);
  const [cookie] = await context.cookies();
  expect(cookie.name).toBe('screening_admin');
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Strict');
  expect(cookie.path).toBe('/admin');
  expect(cookie.expires * 1000).toBeGreaterThan(Date.now() + 3600_000);
  const response = await page.request.get(`${base}/admin`);
  expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
  // Reports, one band chart per scale, one answer chart per question of job-offer.
  const definition = JSON.parse(readFileSync(join(import.meta.dirname, '../../questionnaires/job-offer.json'), 'utf8'));
  const questions = definition.questions.filter((q: { report?: boolean }) => q.report !== false).length;
  expect(await page.locator('figure[data-section=reports]').count()).toBe(1);
  expect(await page.locator('figure[data-section=bands]').count()).toBe(definition.scales.length);
  // Answers: one page per question, listed on the overview (the page was 41,000 px long).
  expect(await page.locator('figure[data-section=answers]').count()).toBe(0);
  expect(await page.locator('ol.questions a').count()).toBeGreaterThanOrEqual(Math.min(questions, 5));
  for (const figure of await page.locator('figure.chart').all()) {
    const svg = figure.locator('svg[role=img]').first();
    await expect(svg).toBeVisible();
    expect((await svg.locator('title').textContent())!.length).toBeGreaterThan(3);
    expect((await svg.locator('desc').textContent())!.length).toBeGreaterThan(10);
    expect(await svg.locator('rect').count()).toBeGreaterThan(0);
    expect(await figure.locator('table tbody tr').count()).toBeGreaterThan(0);
  }
  // The questionnaire's own words, not its ids: scale and band titles, question and answer texts.
  const scale = definition.scales[0];
  await expect(page.locator(`figure[data-section=bands][data-field=${scale.id}] h3`)).toHaveText(scale.title.en);
  const bandCells = await page.locator(`figure[data-section=bands][data-field=${scale.id}] tbody td:nth-child(2)`).allTextContents();
  expect(bandCells.length).toBeGreaterThan(0);
  for (const v of bandCells) expect(scale.bands.map((b: { title: { en: string } }) => b.title.en)).toContain(v);
  // Two months, three partners: six groups of 100, and each month over all partners: 300.
  const reports = page.locator('figure[data-section=reports] tbody tr');
  await expect(reports).toHaveCount(8);
  for (const row of await reports.all()) {
    const pooled = ((await row.locator('th').textContent()) ?? '').includes('all partners');
    await expect(row.locator('td:nth-child(3)')).toHaveText(pooled ? '300' : '100');
  }
  // Suppressed cells: no number, marked, and a grey share in the band charts.
  const hidden = page.locator('tr.suppressed');
  expect(await hidden.count()).toBeGreaterThan(0);
  for (const row of (await hidden.all()).slice(0, 20)) {
    await expect(row.locator('td').nth(1)).toHaveText('');
    await expect(row.locator('td').nth(4)).toHaveText('suppressed');
  }
  expect(await page.locator('figure[data-section=bands] svg rect[fill="#9e9e9e"]').count()).toBeGreaterThan(0);
  expect(await axe(page)).toEqual([]);
  const overview = page.url();
  await page.locator('ol.questions a').first().click();
  await expect(page.locator('figure[data-section=answers]')).toHaveCount(1);
  const shown = await page.locator('figure[data-section=answers]').getAttribute('data-field');
  const question = definition.questions.find((q: { id: string }) => q.id === shown);
  await expect(page.locator(`figure[data-section=answers][data-field=${shown}] h3`)).toHaveText(question.text.en);
  const answerCells = await page.locator(`figure[data-section=answers][data-field=${shown}] tbody td:nth-child(2)`).allTextContents();
  const texts = [...question.options.map((o: { text: { en: string } }) => o.text.en), "I don't know"];
  for (const v of answerCells) expect(texts).toContain(v);
  // A small chart per group, each headed by its whole group: the partner is on every series
  // (review: "2026-11 · crime" three times, with no partner).
  const partners = ['umed-khujand', 'dushanbe-ngo', 'iom-tj', 'all partners'];
  const headings = await page.locator('figure[data-section=answers] .mini h4').allTextContents();
  expect(headings).toHaveLength(8);
  for (const h of headings) expect(partners.some((p) => h.includes(p)), h).toBe(true);
  expect(await page.locator('figure[data-section=answers] .mini svg[role=img]').count()).toBe(8);
  expect(await axe(page)).toEqual([]);
  await expect(page.locator('nav.pager a[rel=next]')).toBeVisible();
  await page.goto(overview);
  // Returnee's coercion and TB bands are randomized: every estimate carries its 95% interval
  // (table and whisker), no band is drawn as a stacked count, and an estimate whose interval
  // is wider than its range says so instead of a number.
  await page.locator('select[name=questionnaire]').selectOption('returnee');
  await page.locator('.filters button').click();
  await expect(page).toHaveURL(/questionnaire=returnee/);
  for (const scale of ['coercion', 'tb']) {
    const figure = page.locator(`figure[data-section=bands][data-field=${scale}]`);
    const rows = figure.locator('tbody tr:not(.suppressed)');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      await expect(row.locator('td').nth(3)).toHaveText(/^\d+(\.\d)?–\d+(\.\d)?$/);
      const estimate = (await row.locator('td').nth(2).textContent())!;
      expect(/^\d+(\.\d)?$/.test(estimate) || estimate === 'not enough reports yet', estimate).toBe(true);
    }
    expect(await figure.locator('svg path').count()).toBe(await figure.locator('tbody tr:not(.suppressed)').count());
  }
  await expect(page.locator('p.note').filter({ hasText: 'Read the interval, not the bar' })).toBeVisible();
  const plain = page.locator('figure[data-section=bands][data-field=conditions]');
  await expect(plain.locator('tbody tr td:nth-child(5)').filter({ hasText: '–' })).toHaveCount(0);
  for (const figure of await page.locator('figure.chart').all()) {
    expect(await figure.locator('svg[role=img] rect').count()).toBeGreaterThan(0);
    expect(await figure.locator('table tbody tr').count()).toBeGreaterThan(0);
  }
  expect(await axe(page)).toEqual([]);
  expect(violations).toEqual([]);
  // Keyboard: the first Tab reaches the skip link, which moves focus to the figures.
  await page.keyboard.press('Tab');
  await expect(page.locator('a.skip')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#figures')).toBeFocused();
  await page.goto(`${base}/admin?questionnaire=returnee`);
  await page.setViewportSize({ width: 1100, height: 1400 });
  await page.screenshot({ path: join(import.meta.dirname, 'results/dashboard.png') });
  if (process.env.SCREENING_SCREENSHOTS) {
    await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots/dashboard.png') });
  }
});

test('reads on a 390 px phone: no sideways scroll on the overview or a question, axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  // Small multiples are drawn at their own size, not shrunk from a 700 px chart.
  const widths = await page.locator('figure[data-section=bands] .mini svg').evaluateAll((svgs) =>
    svgs.map((s) => s.getBoundingClientRect().width),
  );
  expect(widths.length).toBeGreaterThan(0);
  for (const w of widths) expect(w).toBeGreaterThan(300);
  if (process.env.SCREENING_SCREENSHOTS) {
    await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots/dashboard-390.png') });
  }
  await page.locator('ol.questions a').nth(1).click();
  await expect(page.locator('figure[data-section=answers]')).toHaveCount(1);
  expect(await fits()).toBe(true);
  expect(await axe(page)).toEqual([]);
  // One question with eight groups (six, and two months over all partners): a few phone
  // screens, not the 41,000-71,000 px of every question on one page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`a question's page at 390 px: ${height} px tall`);
  expect(height).toBeLessThan(16000);
});

test('filters narrow the groups; the CSV download equals the tables on the page', async ({ page }) => {
  await login(page);
  const months = await page.locator('select[name=from] option').evaluateAll((o) =>
    o.map((x) => (x as HTMLOptionElement).value).filter(Boolean),
  );
  expect(months.length).toBe(2);
  await page.locator('select[name=partner]').selectOption('iom-tj');
  await page.locator('select[name=from]').selectOption(months[1]);
  await page.locator('select[name=to]').selectOption(months[1]);
  await page.locator('.filters button').click();
  await expect(page).toHaveURL(/partner=iom-tj/);
  const groups = await page.locator('tbody th').allTextContents();
  expect(groups.length).toBeGreaterThan(0);
  for (const g of groups) expect(g).toMatch(new RegExp(`^${months[1]} · iom-tj · `));
  await expect(page.locator('figure[data-section=reports] tbody tr')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.csv').click()]);
  const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
  expect(csv[0]).toEqual(['section', 'field', 'group', 'value', 'reported', 'estimated', 'interval', 'status']);
  expect(csv.slice(1)).toEqual(await tableRows(page));
  // The unfiltered page has more rows than the filtered CSV.
  await page.goto(`${base}/admin`);
  expect((await tableRows(page)).length).toBeGreaterThan(csv.length - 1);
});

test('quarters and years are published tables: per partner and for all partners, never a sum the reader makes', async ({
  page,
}) => {
  await login(page);
  await page.locator('select[name=period]').selectOption('quarter');
  await page.locator('.filters button').click();
  await expect(page).toHaveURL(/period=quarter/);
  const groups = await page.locator('figure[data-section=reports] tbody th').allTextContents();
  expect(groups.length).toBeGreaterThan(0);
  for (const g of groups) expect(g).toMatch(/^\d{4}-Q[1-4] · /);
  // A quarter holds the months' reports: per partner a multiple of 100, over all partners of 300.
  const pooled = groups.filter((g) => g.includes('all partners'));
  expect(pooled.length).toBeGreaterThan(0);
  for (const row of await page.locator('figure[data-section=reports] tbody tr').all()) {
    const n = Number(await row.locator('td:nth-child(3)').textContent());
    const all = ((await row.locator('th').textContent()) ?? '').includes('all partners');
    expect(n % (all ? 300 : 100), `${n}`).toBe(0);
  }
  await expect(page.locator('p.note').filter({ hasText: 'there is no need to add months up' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // A question's page keeps the period.
  await page.locator('ol.questions a').first().click();
  await expect(page).toHaveURL(/period=quarter/);
  for (const h of await page.locator('figure[data-section=answers] .mini h4').allTextContents()) {
    expect(h).toMatch(/^\d{4}-Q[1-4] · /);
  }
  await page.locator('select[name=period]').selectOption('year');
  await page.locator('.filters button').click();
  // The year covers the same reports as a quarter unless the two months straddle a quarter:
  // then it is a table of its own; either way every heading is a year or a quarter's data.
  expect(await axe(page)).toEqual([]);
});

test('in Russian, axe clean; logout ends the session', async ({ page, context }) => {
  await login(page, 'ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.locator('h1')).toHaveText('Отчёты скрининга');
  await expect(page.locator('tr.suppressed td').last()).toHaveText('скрыто');
  const definition = JSON.parse(readFileSync(join(import.meta.dirname, '../../questionnaires/job-offer.json'), 'utf8'));
  await expect(page.locator(`figure[data-section=bands][data-field=${definition.scales[0].id}] h3`)).toHaveText(
    definition.scales[0].title.ru,
  );
  expect(await axe(page)).toEqual([]);
  await page.locator('header form button').click();
  await expect(page.locator('#token')).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  expect((await page.request.get(`${base}/admin/export.csv`)).status()).toBe(401);
  await page.goto(`${base}/admin?lang=ru`);
  await expect(page.locator('#token')).toBeVisible();
});
