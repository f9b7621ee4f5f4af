// Shared set-up of the end-to-end tests: Debian's Chromium, headless, on the
// app `wails dev` serves (scripts/e2e.sh starts it), and a screenshot at the end.
import { chromium } from 'playwright-core';

export const appURL = process.env.E2E_URL ?? 'http://localhost:34115';

/** Opens the app on the Keys page; close() takes a screenshot named after the test file, then closes. */
export async function openApp(screenshotName) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  await page.goto(appURL);
  await page.getByRole('heading', { name: 'Private keys' }).waitFor();
  const close = async () => {
    await page.screenshot({ path: `../test-results/${screenshotName}.png` });
    await browser.close();
  };
  return { page, close };
}

/** Clicks a section in the sidebar. */
export const nav = (page, name) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
