/**
 * The widget end to end in headless Chromium (Debian's `chromium`, driven by playwright-core; `.ci/run`
 * installs it): the demo page, the lost-card dialog in French by clicking buttons and picking a date,
 * then a reload that shows the history. The screenshot goes to `test-artifacts/` (not committed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDirectLineApp } from '../channels/directline/directline-app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let browser: Browser;
let server: Awaited<ReturnType<typeof startDirectLineApp>>;

beforeAll(async () => {
  server = await startDirectLineApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives each launch a fresh, empty profile. No network here beyond the npm registry:
    // Chromium's background services stay off.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function click(page: Page, label: string): Promise<void> {
  const button = page.getByRole('button', { name: label, exact: true }).last();
  await button.scrollIntoViewIfNeeded();
  await button.click();
}

it('chats through the lost-card dialog in French, then finds the history after a reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('Adaptive')) errors.push(message.text());
  });
  await page.goto(`${server.base}/?lang=fr`);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr-FR');

  const open = page.getByRole('button', { name: 'Discuter' });
  await open.click();
  const chat = page.locator('.madoguchi-chat');
  await chat.getByText('Bonjour ! Je suis Madoguchi', { exact: false }).first().waitFor({ timeout: 20_000 });
  expect(await open.getAttribute('aria-expanded')).toBe('true');
  // Opened from the keyboard or not, the focus is in the message box.
  await expect
    .poll(() => chat.evaluate((element) => element.contains(element.ownerDocument.activeElement)))
    .toBe(true);
  expect(await page.locator('#madoguchi-language').inputValue()).toBe('fr');

  await click(page, 'Carte de résidence');
  await click(page, "J'ai perdu ma carte de résidence");
  await click(page, "Je l'ai perdue");
  const dateInput = chat.locator('input[type="date"]').last();
  await dateInput.waitFor();
  await dateInput.scrollIntoViewIfNeeded();
  await dateInput.fill('2026-11-20');
  await click(page, 'Choisir une date');
  await chat.getByText('Étiez-vous hors du Japon', { exact: false }).first().waitFor();
  await click(page, 'Non');
  await chat.getByText('moins de 16 ans', { exact: false }).first().waitFor();
  await click(page, 'Non');
  // Civil Code art. 140: 14 days counted from the day after 20 Nov 2026 → Friday 4 Dec 2026.
  await chat.getByText('4 décembre 2026', { exact: false }).first().waitFor();

  await page.reload();
  // The panel reopens by itself (it was open) and the conversation resumes from watermark 0.
  await chat.getByText('4 décembre 2026', { exact: false }).first().waitFor({ timeout: 20_000 });
  await expect.poll(() => chat.getByText("J'ai perdu ma carte de résidence").count()).toBeGreaterThan(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'widget-lost-card-fr.png') });
  // Once: the resumed conversation is not greeted again, nor its history shown twice.
  const bubbles = chat.locator('.webchat__text-content');
  expect(await bubbles.filter({ hasText: 'Bonjour ! Je suis Madoguchi' }).count()).toBe(1);
  // The user's own answers are part of the history (Web Chat typesets the apostrophe).
  expect(await chat.locator('.webchat__bubble--from-user', { hasText: 'Je l’ai perdue' }).count()).toBe(1);
  expect(errors).toEqual([]);

  // Keyboard: Escape closes the panel and gives the focus back to the button.
  await chat.locator('input, textarea').first().focus();
  await page.keyboard.press('Escape');
  expect(await page.locator('#madoguchi-panel').isHidden()).toBe(true);
  expect(await open.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
  expect(await open.getAttribute('aria-expanded')).toBe('false');
  await context.close();
}, 90_000);

it('fills a phone screen', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${server.base}/?lang=fr`);
  await page.getByRole('button', { name: 'Discuter' }).tap();
  await page
    .locator('.madoguchi-chat')
    .getByText('Bonjour', { exact: false })
    .first()
    .waitFor({ timeout: 20_000 });
  expect(await page.locator('#madoguchi-panel').boundingBox()).toEqual({
    x: 0,
    y: 0,
    width: 390,
    height: 844,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'widget-phone-fr.png') });
  await context.close();
}, 60_000);
