// Whole screenings, in English and Tajik, reaching the bands checked by hand.
import { test, expect, complete, band, host, JOB_OFFER, RETURNEE } from './fixtures';

test('job offer in English: safe, fees without contract, passport kept', async ({ page }) => {
  const widget = page.locator('screening-form');
  const cases: [keyof typeof JOB_OFFER, string][] = [
    ['safe', 'low'],
    ['feesNoContract', 'medium'],
    ['passportKept', 'high'],
  ];
  for (const [name, expected] of cases) {
    await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
    await complete(widget, JOB_OFFER[name]);
    expect(await band(widget, 'risk'), name).toBe(expected);
  }
  // The last result explains the red flag in plain words and lists contacts.
  await expect(widget.locator('.sf-reasons li').first()).toContainText('passport');
  await expect(widget.locator('.sf-contact').first()).toBeVisible();
  await expect(widget.locator('.sf-disclaimer')).toContainText('not a legal finding');
});

test('returnee in Tajik: exploitation and TB bands', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'returnee', lang: 'tg' }));
  await complete(widget, RETURNEE.hardJob);
  expect(await band(widget, 'exploitation')).toBe('low');
  expect(await band(widget, 'tb')).toBe('no_signs');
  await expect(widget.locator('.sf-result h2')).toHaveText('Натиҷаи шумо');
  await widget.getByRole('button', { name: 'Аз нав оғоз кардан' }).click();
  await complete(widget, RETURNEE.passportTakenCough);
  expect(await band(widget, 'exploitation')).toBe('high');
  expect(await band(widget, 'tb')).toBe('get_tested');
  // Tall enough that the sticky toolbar stays at the top of the picture.
  await page.setViewportSize({ width: 720, height: 5000 });
  await widget.locator('.sf-host').screenshot({ path: 'docs/screenshots/result-tg.png' });
});

test('job offer in Tajik reaches the same bands', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'job-offer', lang: 'tg' }));
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.locator('input[name="channel"][value="friend_relative"]').check();
  await widget.locator('.sf-host').screenshot({ path: 'docs/screenshots/question-tg.png' });
  await widget.getByRole('button', { name: 'Бозгашт' }).click();
  await complete(widget, JOB_OFFER.feesNoContract);
  expect(await band(widget, 'risk')).toBe('medium');
});

test('progress counts follow-ups only when they are shown, and Back keeps answers', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'returnee', lang: 'en' }));
  await widget.locator('.sf-start button.sf-primary').click();
  await expect(widget.locator('.sf-progress')).toHaveText('Question 1 of 20');
  for (let i = 0; i < 13; i++) await widget.getByRole('button', { name: 'Skip' }).click();
  await expect(widget.locator('.sf-progress')).toHaveText('Question 14 of 20');
  await widget.locator('input[name="cough"][value="yes"]').check();
  await expect(widget.locator('.sf-progress')).toHaveText('Question 14 of 21');
  await widget.getByRole('button', { name: 'Next' }).click();
  await expect(widget.locator('input[name="cough_2w"]').first()).toBeVisible();
  await widget.locator('input[name="cough_2w"][value="yes"]').check();
  await widget.getByRole('button', { name: 'Back' }).click();
  await expect(widget.locator('input[name="cough"][value="yes"]')).toBeChecked();
  // Changing the answer hides the follow-up and drops its answer.
  await widget.locator('input[name="cough"][value="no"]').check();
  await expect(widget.locator('.sf-progress')).toHaveText('Question 14 of 20');
  await widget.getByRole('button', { name: 'Next' }).click();
  await expect(widget.locator('input[name="blood"]').first()).toBeVisible();
});

test('switching language mid-flow keeps the answers', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  await widget.locator('.sf-start button.sf-primary').click();
  await widget.locator('input[name="channel"][value="middleman"]').check();
  await widget.getByRole('button', { name: 'Next' }).click();
  await widget.locator('input[name="agency_licence"][value="no_licence"]').check();
  await widget.locator('select').selectOption('ru');
  await expect(widget.getByRole('button', { name: 'Далее' })).toBeVisible();
  await expect(widget.locator('input[name="agency_licence"][value="no_licence"]')).toBeChecked();
  await widget.getByRole('button', { name: 'Назад' }).click();
  await expect(widget.locator('input[name="channel"][value="middleman"]')).toBeChecked();
  await widget.locator('select').selectOption('uz');
  await expect(widget.getByRole('button', { name: 'Keyingi' })).toBeVisible();
  expect(await widget.evaluate((el) => el.shadowRoot!.querySelector('.sf-widget')!.getAttribute('lang'))).toBe('uz');
});

test('multi-select: "none of these" and "I don\'t know" stand alone', async ({ page }) => {
  const widget = page.locator('screening-form');
  await page.goto(host({ questionnaire: 'job-offer', lang: 'en' }));
  await widget.locator('.sf-start button.sf-primary').click();
  for (let i = 0; i < 8; i++) await widget.getByRole('button', { name: 'Skip' }).click();
  const box = (id: string) => widget.locator(`input[name="fees"][value="${id}"]`);
  await box('visa').check();
  await box('ticket').check();
  await expect(box('visa')).toBeChecked();
  await box('none').check();
  await expect(box('visa')).not.toBeChecked();
  await expect(box('ticket')).not.toBeChecked();
  await box('dont_know').check();
  await expect(box('none')).not.toBeChecked();
  await box('medical').check();
  await expect(box('dont_know')).not.toBeChecked();
});
