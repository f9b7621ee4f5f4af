// Shared set-up of the end-to-end tests: Debian's Chromium, headless, on the
// app `wails dev` serves (scripts/e2e.sh starts it), and a screenshot at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);

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
  // The first page waits for the vault gate (the backend may still be opening the
  // data and asking the keychain): allow it longer than a single step.
  await page.getByRole('heading', { name: 'Private keys' }).waitFor({ timeout: 60_000 });
  const close = async () => {
    await page.screenshot({ path: `../test-results/${screenshotName}.png` });
    await browser.close();
  };
  return { page, close };
}

/** Clicks a section in the sidebar. */
export const nav = (page, name) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/**
 * Polls until check() returns something truthy, at most timeoutMs; returns it.
 * Fails with what was waited for. For conditions Playwright's own waits cannot see
 * (native windows, files).
 */
export async function waitUntil(what, check, { timeoutMs = 30_000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Ids of the mapped X windows (on this Xvfb display) whose title matches the regular expression title. */
export async function nativeWindows(title) {
  try {
    const { stdout } = await execFileAsync('xdotool', ['search', '--onlyvisible', '--name', title], { timeout: 10_000 });
    return stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  } catch (e) {
    if (e.code === 1 && !e.killed) return []; // xdotool search found nothing
    throw e;
  }
}

/** Waits (bounded) for a native window titled title to appear; returns its id. */
export async function waitForNativeWindow(title, timeoutMs = 30_000) {
  const ids = await waitUntil(`a native window titled "${title}"`, async () => {
    const found = await nativeWindows(title);
    return found.length > 0 ? found : null;
  }, { timeoutMs });
  return ids[ids.length - 1];
}

/**
 * Cancels a native (GTK) dialog the way a user does, with Escape, and waits (bounded)
 * until no window titled title is left. The dialog's window is given the input focus
 * and Escape pressed on the (XTEST) keyboard: GTK ignores a key event merely sent to
 * its window (xdotool key --window). Pressed again every few seconds in case the
 * focus had not arrived yet. Returns how many presses it took.
 */
export async function cancelNativeDialog(id, title, timeoutMs = 30_000) {
  let presses = 0;
  await waitUntil(`the native window "${title}" (${id}) to close on Escape`, async () => {
    if ((await nativeWindows(title)).length === 0) return true;
    presses++;
    await execFileAsync('xdotool', ['windowfocus', id, 'key', 'Escape'], { timeout: 10_000 }).catch(() => {});
    return false;
  }, { timeoutMs, everyMs: 3_000 });
  return presses;
}
