// End-to-end: the real frontend (served by `wails dev`) against the real Go
// backend, real vault (OS keychain) and real bbolt file, in Debian's Chromium.
// Run through scripts/ui-tests.sh, which starts everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp } from './app.mjs';

const fixtures = new URL('../../backend/keys/testdata/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, fixtures), 'utf8');
// OpenSSL's SHA-256 of the DER public key, as ACME Desk shows it: AB:CD:…
const opensslFingerprint = (name) =>
  fixture(name).trim().toUpperCase().match(/../g).join(':');

let page;
let close;

before(async () => {
  ({ page, close } = await openApp('e2e-keys'));
});

after(async () => {
  await close?.();
});

async function openImport(name, content) {
  await page.getByRole('button', { name: 'Import key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import key' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Key (PEM or JWK)').fill(content);
  return dialog;
}

async function closeDetails(name) {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name }).waitFor({ state: 'hidden' });
}

test('the vault is protected by the OS keychain on first run', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByText('Protected by the OS keychain').waitFor();
  await page.getByRole('button', { name: 'Keys', exact: true }).click();
  await page.getByRole('heading', { name: 'Private keys' }).waitFor();
});

test('generate a P-384 key and see its fingerprint', async () => {
  await page.getByRole('button', { name: 'Generate key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate key' });
  await dialog.getByLabel('Name').fill('E2E account key');
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'E2E account key' });
  await details.getByText('SHA-256 fingerprint').waitFor();
  await details.getByText('ECDSA P-384').first().waitFor();
  const text = await details.innerText();
  assert.match(text, /([0-9A-F]{2}:){31}[0-9A-F]{2}/, 'a full SHA-256 fingerprint is shown');
  await closeDetails('E2E account key');
});

test('a toast never covers the buttons of the drawer it reports on, at 1024 px', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  try {
    await page.getByRole('button', { name: 'Generate key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate key' });
    await dialog.getByLabel('Name').fill('E2E toast key');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const details = page.getByRole('dialog', { name: 'E2E toast key' });
    await details.getByText('SHA-256 fingerprint').waitFor();
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'E2E toast key' });
    await toast.waitFor();
    const t = await toast.boundingBox();
    for (const button of await details.getByRole('button').all()) {
      const b = await button.boundingBox();
      if (!b) continue;
      const overlap = t.x < b.x + b.width && b.x < t.x + t.width && t.y < b.y + b.height && b.y < t.y + t.height;
      assert.equal(overlap, false, `the toast covers the drawer's button "${await button.innerText()}"`);
    }
    await closeDetails('E2E toast key');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('import a PEM key and see the fingerprint OpenSSL computes', async () => {
  const dialog = await openImport('Imported RSA', fixture('rsa2048-pkcs8.pem'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Imported RSA' });
  await details.getByText(opensslFingerprint('rsa2048-pkcs1.sha256')).waitFor();
  await details.getByText('RSA 2048').first().waitFor();
  await closeDetails('Imported RSA');
});

test('import an encrypted PEM: asked for the passphrase, wrong one refused', async () => {
  const dialog = await openImport('Imported encrypted P-384', fixture('ec384-pkcs8-encrypted-sha1.pem'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const pass = dialog.getByLabel('Key passphrase');
  await pass.fill('not the passphrase');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText('Wrong passphrase for this encrypted key.').waitFor();
  await pass.fill('fixture-passphrase');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Imported encrypted P-384' });
  await details.getByText(opensslFingerprint('ec384-pkcs8.sha256')).waitFor();
  await closeDetails('Imported encrypted P-384');
});

test('bad input gets a clear error and stores nothing', async () => {
  const dialog = await openImport('Bad', '-----BEGIN PRIVATE KEY-----\nnot base64 at all!!\n-----END PRIVATE KEY-----\n');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText('The PEM is damaged', { exact: false }).waitFor();
  await dialog.getByLabel('Key (PEM or JWK)').fill(fixture('certificate.pem'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText('This is a certificate, not a private key', { exact: false }).waitFor();
  await dialog.getByLabel('Key (PEM or JWK)').fill(fixture('rsa2048-pkcs1.pem'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText('This key is already stored as "Imported RSA".').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // Other test files share this backend: look only at what this one made.
  const names = (await page.evaluate(() => window.go.services.KeysService.ListKeys())).map((k) => k.name);
  assert.ok(!names.includes('Bad'), 'a refused import stored a key');
  for (const n of ['E2E account key', 'Imported RSA', 'Imported encrypted P-384']) assert.ok(names.includes(n), n);
  assert.equal(names.filter((n) => n.startsWith('Imported')).length, 2, 'the duplicate import stored nothing');
});

test('the list shows every key and filters', async () => {
  const rows = page.getByRole('row');
  await page.getByText('Imported encrypted P-384').first().waitFor();
  await page.getByPlaceholder('Filter by name, algorithm or fingerprint').fill('rsa');
  await page.getByText('E2E account key').waitFor({ state: 'hidden' });
  await page.getByText('Imported RSA').first().waitFor();
  await page.getByPlaceholder('Filter by name, algorithm or fingerprint').fill('');
  await page.getByText('E2E account key').waitFor();
  assert.ok(await rows.count() >= 3);
});
