// Measures the window's lists in headless Chromium against the real backend that
// `wails dev` serves (scripts/bench-ui.sh seeds the data and starts it):
//  - first page: from navigation start to the first row of the keys table in view;
//  - filtering: per keystroke, from the key's keydown until the list shows the new
//    result (the count line above the table changes in the commit that re-renders it);
//  - layout at a 1024 px window: no badge narrower than its content, on every list
//    page and in the import preview.
// Prints the figures, and fails when a budget is missed or a badge is cut.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const url = process.env.BENCH_URL ?? 'http://localhost:34115';
const passphrase = process.env.BENCH_PASSPHRASE;
const records = Number(process.env.BENCH_RECORDS ?? 10000);
const legoDir = process.env.BENCH_LEGO_DIR;
const FILTER_BUDGET_MS = 16;
const FIRST_PAGE_BUDGET_MS = 1000;
assert.ok(passphrase, 'set BENCH_PASSPHRASE');

// Each prefix of these queries leaves another number of the seeded records, so every
// keystroke changes the list (backend/bench/seed numbers the records 00000…).
const QUERY = '12345';
const PAGES = [
  { nav: 'Keys', heading: 'Private keys', filter: 'Filter keys', table: 'Private keys' },
  { nav: 'Accounts', heading: 'ACME accounts', filter: 'Filter accounts', table: 'ACME accounts' },
  { nav: 'Certificate Authorities', heading: 'Certificate authorities', filter: 'Filter CAs', table: 'Certificate authorities' },
  { nav: 'Credentials', heading: 'Stored credentials', filter: 'Filter by name', table: 'Stored credentials' },
];

// Runs in the page before its scripts: notes when the app first renders, when the first
// table row is added, and when the frame after that is drawn (performance.now() counts
// from navigation start).
function watchFirstRow() {
  const seen = () => document.querySelector('[role="table"] [role="row"][aria-rowindex="2"]');
  const observer = new MutationObserver(() => {
    if (window.__appRendered === undefined && document.getElementById('root')?.firstChild) window.__appRendered = performance.now();
    if (!seen()) return;
    observer.disconnect();
    window.__firstRow = performance.now();
    requestAnimationFrame(() => {
      window.__firstRowPainted = performance.now();
    });
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
}

// Runs in the page: times keystrokes in the filter box labelled label; each entry is the
// keystroke's number and the time from its keydown to the commit that changed the count line.
function watchKeystrokes(label) {
  const input = document.querySelector(`input[aria-label="${label}"]`);
  const count = document.querySelector('main [aria-live="polite"]');
  window.__keystrokes = [];
  let n = 0;
  let start = null;
  input.addEventListener('keydown', () => {
    n++;
    start = performance.now();
  }, { capture: true });
  new MutationObserver(() => {
    if (start === null) return;
    window.__keystrokes.push({ n, ms: performance.now() - start });
    start = null;
  }).observe(count, { childList: true, characterData: true, subtree: true });
}

// Runs in the page: badges whose content is wider than their box (cut).
function cutBadges() {
  return [...document.querySelectorAll('.mantine-Badge-root')]
    .filter((b) => b.getClientRects().length > 0 && !b.closest('[aria-hidden="true"]'))
    .filter((b) => b.scrollWidth > b.clientWidth || [...b.querySelectorAll('.mantine-Badge-label')].some((l) => l.scrollWidth > l.clientWidth))
    .map((b) => b.textContent);
}

// Runs in the page: cells of the table whose text breaks inside a word (several lines in a nowrap cell).
function brokenCells(tableLabel) {
  const table = document.querySelector(`[role="table"][aria-label="${tableLabel}"]`);
  return [...table.querySelectorAll('[role="cell"]')]
    .filter((c) => getComputedStyle(c).wordBreak === 'break-all')
    .map((c) => c.textContent);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  // The seeded vault is passphrase-protected; the backend keeps it open across reloads.
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Private keys' }).waitFor();
  const countText = `${records} keys`;
  await page.getByText(countText, { exact: true }).waitFor();

  // First page: reload (Vite has compiled everything by now) and time the first row.
  await page.addInitScript(watchFirstRow);
  const firstRows = [];
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await page.waitForFunction(() => window.__firstRowPainted !== undefined);
    firstRows.push(await page.evaluate(() => ({ app: window.__appRendered, row: window.__firstRow, painted: window.__firstRowPainted })));
  }
  const painted = firstRows.map((r) => r.painted);
  console.log(`first page (navigation start → first key row drawn), ${records} keys: median ${ms(quantile(painted, 0.5))}, worst ${ms(Math.max(...painted))} (the app's first render, scripts loaded: median ${ms(quantile(firstRows.map((r) => r.app), 0.5))})`);
  if (quantile(painted, 0.5) > FIRST_PAGE_BUDGET_MS) failures.push(`first page median ${ms(quantile(painted, 0.5))} > ${FIRST_PAGE_BUDGET_MS} ms`);

  const nav = (name) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  for (const p of PAGES) {
    await nav(p.nav);
    await page.getByRole('heading', { name: p.heading }).waitFor();
    await page.getByRole('table', { name: p.table }).locator('[role="row"][aria-rowindex="2"]').waitFor();

    const cut = await page.evaluate(cutBadges);
    const broken = await page.evaluate(brokenCells, p.table);
    console.log(`${p.heading} at 1024 px: ${cut.length} badges cut, ${broken.length} cells breaking words`);
    if (cut.length) failures.push(`${p.heading}: badges cut: ${[...new Set(cut)].slice(0, 5).join(', ')}`);
    if (broken.length) failures.push(`${p.heading}: cells with word-break: break-all`);

    const box = page.getByRole('textbox', { name: p.filter });
    await box.fill('');
    await page.evaluate(watchKeystrokes, p.filter);
    // A keystroke that leaves the same records changes nothing to wait for: it is not counted.
    let pressed = 0;
    const press = async (key) => {
      await box.press(key);
      pressed++;
      await page.waitForFunction((n) => window.__keystrokes.some((k) => k.n === n), pressed, { timeout: 5_000 }).catch(() => {});
    };
    for (let round = 0; round < 3; round++) {
      for (const ch of QUERY) await press(ch);
      for (let i = 0; i < QUERY.length; i++) await press('Backspace');
    }
    const times = (await page.evaluate(() => window.__keystrokes)).map((k) => k.ms);
    const median = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    console.log(`${p.heading}: filtering ${records} records, ${times.length} of ${pressed} keystrokes changed the list: median ${ms(median)}, p95 ${ms(p95)}, worst ${ms(Math.max(...times))}`);
    if (median > FILTER_BUDGET_MS) failures.push(`${p.heading}: filter median ${ms(median)} > ${FILTER_BUDGET_MS} ms`);
  }

  if (legoDir) {
    await nav('Accounts');
    await page.getByRole('button', { name: 'Import accounts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import accounts' });
    await dialog.getByRole('textbox', { name: 'Folder' }).fill(legoDir);
    await dialog.getByRole('button', { name: 'Scan' }).click();
    await dialog.getByRole('table', { name: 'Accounts found' }).locator('[role="row"][aria-rowindex="2"]').waitFor();
    const cut = await page.evaluate(cutBadges);
    const notes = await page.evaluate(() => {
      const table = document.querySelector('[role="table"][aria-label="Accounts found"]');
      const header = [...table.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent === 'Notes');
      return header.getBoundingClientRect().width;
    });
    console.log(`import preview at 1024 px: ${cut.length} badges cut, notes column ${Math.round(notes)} px wide`);
    if (cut.length) failures.push(`import preview: badges cut: ${cut.join(', ')}`);
    if (notes < 200) failures.push(`import preview: the notes column is only ${Math.round(notes)} px wide`);
    await page.screenshot({ path: '../test-results/bench-import-preview.png' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  await nav('Accounts');
  await page.getByRole('table', { name: 'ACME accounts' }).locator('[role="row"][aria-rowindex="2"]').waitFor();
  await page.screenshot({ path: '../test-results/bench-accounts.png' });
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`bench-ui: ${failures.length} budget(s) missed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
