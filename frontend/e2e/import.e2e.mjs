// End-to-end: import an account folder made by the real certbot (scripts/e2e.sh
// registers it at the local Pebble), see the account, and check it at the CA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, nav } from './app.mjs';

const certbotDir = process.env.E2E_CERTBOT_DIR;
const pebbleURL = process.env.E2E_PEBBLE_URL ?? 'https://127.0.0.1:14000/dir';
const pebbleRoot = readFileSync(process.env.E2E_PEBBLE_ROOT ?? '../test-results/pebble-root.pem', 'utf8');

let page;
let close;

before(async () => {
  ({ page, close } = await openApp('e2e-import'));
  // The certbot account's CA must be known: add the local Pebble unless another test did.
  await page.evaluate(async ({ url, root }) => {
    const cas = await window.go.main.App.ListCAs();
    if (!cas.some((c) => c.directoryUrl === url)) {
      await window.go.main.App.AddCustomCA({ name: 'Local Pebble (import)', directoryUrl: url, environment: 'production', rootPem: root });
    }
  }, { url: pebbleURL, root: pebbleRoot });
});

after(async () => {
  await close?.();
});

test('import a certbot folder and see the account', async () => {
  assert.ok(certbotDir, 'E2E_CERTBOT_DIR names the certbot folder');
  await nav(page, 'Accounts');
  await page.getByRole('button', { name: 'Import accounts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Folder').fill(certbotDir);
  await dialog.getByRole('button', { name: 'Scan' }).click();
  await dialog.getByText('certbot').first().waitFor();
  await dialog.getByRole('button', { name: /^Import 1 account/ }).click();
  await dialog.getByText(/1 imported/).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // certbot's own record of the account URL.
  const regr = readdirSync(certbotDir, { recursive: true }).find((p) => p.endsWith('regr.json'));
  const certbotKID = JSON.parse(readFileSync(join(certbotDir, regr), 'utf8')).uri;
  const imported = await page.evaluate(async (kid) => (await window.go.main.App.ListAccounts()).find((a) => a.kid === kid), certbotKID);
  assert.ok(imported, 'the certbot account is listed');
  assert.equal(imported.status, 'valid');
  await page.getByText(imported.name).first().waitFor();

  // The CA knows the imported key under the same account URL.
  const verdict = await page.evaluate((id) => window.go.main.App.VerifyAccount(id), imported.id);
  assert.equal(verdict.verdict, 'valid', JSON.stringify(verdict));
  const refreshed = await page.evaluate((id) => window.go.main.App.GetAccount(id), imported.id);
  assert.deepEqual(refreshed.contacts, ['certbot-e2e@example.com'], 'the contact arrives from the CA');
});

test('export the imported account, only once its key allows export', async () => {
  const regr = readdirSync(certbotDir, { recursive: true }).find((p) => p.endsWith('regr.json'));
  const kid = JSON.parse(readFileSync(join(certbotDir, regr), 'utf8')).uri;
  const out = mkdtempSync(join(tmpdir(), 'acmedesk-export-'));
  // The native folder dialog cannot be driven here: call the binding behind "Export account".
  const refused = await page.evaluate(async ({ kid, out }) => {
    const a = (await window.go.main.App.ListAccounts()).find((x) => x.kid === kid);
    try {
      await window.go.main.App.ExportAccountTo(a.id, 'lego', out);
      return null;
    } catch (e) {
      return JSON.parse(String(e.message ?? e)).code;
    }
  }, { kid, out });
  assert.equal(refused, 'forbidden', 'a key that does not allow export is not exported');

  await page.getByText(await page.evaluate(async (k) => (await window.go.main.App.ListAccounts()).find((x) => x.kid === k).name, kid)).first().click();
  await page.getByRole('button', { name: 'Export account' }).waitFor();

  const result = await page.evaluate(async ({ kid, out }) => {
    const App = window.go.main.App;
    const a = (await App.ListAccounts()).find((x) => x.kid === kid);
    const k = await App.GetKey(a.keyId);
    await App.UpdateKey(k.id, k.name, k.description, true);
    return App.ExportAccountTo(a.id, 'lego', out);
  }, { kid, out });
  const accountJSON = result.files.find((f) => f.endsWith('account.json'));
  assert.ok(accountJSON, JSON.stringify(result));
  const written = JSON.parse(readFileSync(accountJSON, 'utf8'));
  assert.equal(written.registration.uri, kid, 'lego will use the same account');
  for (const f of result.files) assert.equal(statSync(f).mode & 0o077, 0, `${f} is owner-only`);
});
