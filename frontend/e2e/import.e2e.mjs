// End-to-end: import an account folder made by the real certbot (scripts/e2e.sh
// registers it at the local Pebble), see the account, check it at the CA, and
// take it through "Export account" up to the native folder dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, nav, nativeWindows, waitForNativeWindow, cancelNativeDialog } from './app.mjs';

const certbotDir = process.env.E2E_CERTBOT_DIR;
const pebbleURL = process.env.E2E_PEBBLE_URL ?? 'https://127.0.0.1:14000/dir';
const pebbleRoot = readFileSync(process.env.E2E_PEBBLE_ROOT ?? '../test-results/pebble-root.pem', 'utf8');

// The title TransferService.ExportAccount gives the native folder dialog.
const folderDialogTitle = 'Export the account to this folder';

let page;
let close;

before(async () => {
  ({ page, close } = await openApp('e2e-import'));
  // The certbot account's CA must be known: add the local Pebble unless another test did.
  await page.evaluate(async ({ url, root }) => {
    const cas = await window.go.services.CAsService.ListCAs();
    if (!cas.some((c) => c.directoryUrl === url)) {
      await window.go.services.CAsService.AddCustomCA({ name: 'Local Pebble (import)', directoryUrl: url, environment: 'production', rootPem: root });
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
  const imported = await page.evaluate(async (kid) => (await window.go.services.AccountsService.ListAccounts()).find((a) => a.kid === kid), certbotKID);
  assert.ok(imported, 'the certbot account is listed');
  assert.equal(imported.status, 'valid');
  await page.getByText(imported.name).first().waitFor();

  // The CA knows the imported key under the same account URL.
  const verdict = await page.evaluate((id) => window.go.services.TransferService.VerifyAccount(id), imported.id);
  assert.equal(verdict.verdict, 'valid', JSON.stringify(verdict));
  const refreshed = await page.evaluate((id) => window.go.services.AccountsService.GetAccount(id), imported.id);
  assert.deepEqual(refreshed.contacts, ['certbot-e2e@example.com'], 'the contact arrives from the CA');
});

test('export the imported account: refused until its key allows export, then the folder dialog opens', async (t) => {
  const regr = readdirSync(certbotDir, { recursive: true }).find((p) => p.endsWith('regr.json'));
  const kid = JSON.parse(readFileSync(join(certbotDir, regr), 'utf8')).uri;
  // Read-only look-ups, to know which names to click; every change below goes through the UI.
  const { accountName, keyId, keyName, allowed } = await page.evaluate(async (k) => {
    const a = (await window.go.services.AccountsService.ListAccounts()).find((x) => x.kid === k);
    const key = await window.go.services.KeysService.GetKey(a.keyId);
    return { accountName: a.name, keyId: key.id, keyName: key.name, allowed: key.allowExport };
  }, kid);
  const keyAllowsExport = () => page.evaluate(async (id) => (await window.go.services.KeysService.GetKey(id)).allowExport, keyId);
  assert.equal(allowed, false, 'an imported key does not allow export until asked');

  const accountDrawer = page.getByRole('dialog', { name: accountName });
  const exportDialog = page.getByRole('dialog', { name: 'Export account' });
  const choose = exportDialog.getByRole('button', { name: 'Choose folder and export' });
  // The dialog always shows its warning (an alert too); errors are the other alerts.
  const errors = exportDialog.getByRole('alert').filter({ hasNotText: "The export holds the account's private key" });
  const openAccountExport = async () => {
    await nav(page, 'Accounts');
    await page.getByRole('heading', { name: 'ACME accounts' }).waitFor();
    await page.getByText(accountName, { exact: true }).first().click();
    await accountDrawer.getByRole('button', { name: 'Export account' }).click();
    await choose.waitFor();
  };
  const closeAccountExport = async () => {
    await page.keyboard.press('Escape');
    await exportDialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await accountDrawer.waitFor({ state: 'hidden' });
  };

  // 1. The key does not allow export: refused in the dialog, and no folder is asked for.
  await openAccountExport();
  await choose.click();
  const refusal = errors.filter({ hasText: 'does not allow export' });
  await refusal.waitFor();
  assert.equal(await errors.count(), 1);
  const said = await refusal.innerText();
  assert.ok(said.includes('Turn on "Allow export" for key') && said.includes(keyName), said);
  await exportDialog.getByRole('button', { name: 'Choose folder and export', disabled: false }).waitFor();
  assert.deepEqual(await nativeWindows(folderDialogTitle), [], 'no folder dialog for a refused export');
  await closeAccountExport();

  // 2. Allow export on the key, in its drawer on the Keys page.
  await nav(page, 'Keys');
  await page.getByRole('heading', { name: 'Private keys' }).waitFor();
  await page.getByPlaceholder('Filter by name, algorithm or fingerprint').fill(keyName);
  await page.getByRole('table', { name: 'Private keys' }).getByText(keyName, { exact: true }).first().click();
  const keyDrawer = page.getByRole('dialog', { name: keyName });
  await keyDrawer.getByRole('switch', { name: 'Allow export', checked: false }).waitFor({ state: 'attached' });
  assert.equal(await keyDrawer.getByRole('button', { name: 'Export PEM' }).isDisabled(), true);
  // A controlled switch: it turns on once the backend has stored the change, so click and wait.
  await keyDrawer.getByRole('switch', { name: 'Allow export' }).click();
  await keyDrawer.getByRole('switch', { name: 'Allow export', checked: true }).waitFor({ state: 'attached' });
  await keyDrawer.getByRole('button', { name: 'Export PEM', disabled: false }).waitFor();
  assert.equal(await keyAllowsExport(), true, 'the switch is stored');
  await page.keyboard.press('Escape');
  await keyDrawer.waitFor({ state: 'hidden' });

  // 3. Now the export goes on to the native folder dialog (GTK, in the wails dev window on this display).
  await openAccountExport();
  await choose.click();
  try {
    const dialogId = await waitForNativeWindow(folderDialogTitle, 60_000);
    // While the dialog is up the export waits for it.
    await exportDialog.getByRole('button', { name: 'Choose folder and export', disabled: true }).waitFor();
    // Cancelled: nothing is written, and the UI says neither an error nor a result.
    const presses = await cancelNativeDialog(dialogId, folderDialogTitle);
    t.diagnostic(`folder dialog ${dialogId} appeared; closed after ${presses} Escape press(es)`);
  } finally {
    // Never leave a native dialog up for the tests after this one.
    for (const id of await nativeWindows(folderDialogTitle).catch(() => [])) await cancelNativeDialog(id, folderDialogTitle).catch(() => {});
  }
  await exportDialog.getByRole('button', { name: 'Choose folder and export', disabled: false }).waitFor();
  assert.equal(await errors.count(), 0, 'no error after a cancelled export');
  assert.equal(await exportDialog.getByText('Written to').count(), 0, 'no result after a cancelled export');
  assert.equal(await page.getByText('Account exported').count(), 0, 'no success notice after a cancelled export');
  await closeAccountExport();
});
