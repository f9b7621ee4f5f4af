// End-to-end: the whole account lifecycle through the real frontend and backend,
// against a local Pebble (started by scripts/e2e.sh) added as a custom CA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, nav as navTo } from './app.mjs';

const pebbleURL = process.env.E2E_PEBBLE_URL ?? 'https://127.0.0.1:14000/dir';
const pebbleRoot = readFileSync(process.env.E2E_PEBBLE_ROOT ?? '../test-results/pebble-root.pem', 'utf8');
const accountName = 'E2E Pebble account';

let page;
let close;

before(async () => {
  ({ page, close } = await openApp('e2e-accounts'));
});

after(async () => {
  await close?.();
});

const nav = (name) => navTo(page, name);
const drawer = () => page.getByRole('dialog', { name: accountName });
const account = () => page.evaluate(async (n) => (await window.go.services.AccountsService.ListAccounts()).find((a) => a.name === n), accountName);

test('add the local Pebble as a custom CA with its root certificate', async () => {
  await nav('Certificate Authorities');
  await page.getByRole('heading', { name: 'Certificate authorities' }).waitFor();
  await page.getByRole('button', { name: 'Add custom CA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add custom CA' });
  await dialog.getByLabel('Name').fill('Local Pebble');
  await dialog.getByLabel('Directory URL').fill(pebbleURL);
  await dialog.getByLabel('Root certificate (PEM)').fill(pebbleRoot);
  await dialog.getByRole('button', { name: 'Add CA' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Local Pebble').first().click();
  const details = page.getByRole('dialog', { name: 'Local Pebble' });
  await details.getByRole('button', { name: 'Read directory' }).click();
  await details.getByText('Offered').waitFor();
  await page.keyboard.press('Escape');
  await details.waitFor({ state: 'hidden' });
});

test('create an account with a new key and register it', async () => {
  await nav('Accounts');
  await page.getByRole('heading', { name: 'ACME accounts' }).waitFor();
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Name').fill(accountName);
  await dialog.getByRole('combobox', { name: 'Certificate authority' }).click();
  await page.getByRole('option', { name: /Local Pebble/ }).click();
  await dialog.getByLabel('Contact email').fill('first@example.com');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await drawer().getByText('Account Status: Unregistered').waitFor();

  await drawer().getByText('Terms of service').first().waitFor();
  const register = drawer().getByRole('button', { name: 'Register' });
  await drawer().getByLabel("I agree to the CA's terms of service").check();
  await register.click();
  await drawer().getByText('Account Status: Valid').waitFor();
  assert.equal((await account()).status, 'valid');
});

test('the KID is shown only with debug information on', async () => {
  const kid = (await account()).kid;
  assert.match(kid, /^https:\/\/127\.0\.0\.1:14000\//);
  assert.equal(await drawer().getByText(kid).count(), 0, 'KID hidden by default');
  await page.keyboard.press('Escape');
  await nav('Settings');
  await page.getByLabel('Show debug information').check();
  await nav('Accounts');
  await page.getByText(accountName).first().click();
  await drawer().getByText(kid).waitFor();
});

test('change the contact email at the CA', async () => {
  await drawer().getByRole('button', { name: 'Change email' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change email' });
  await dialog.getByLabel('Contact email').fill('second@example.com');
  await dialog.getByRole('button', { name: 'Update contact' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await drawer().getByText('second@example.com').first().waitFor();
  const refreshed = await page.evaluate((id) => window.go.services.AccountsService.RefreshAccount(id), (await account()).id);
  assert.deepEqual(refreshed.contacts, ['second@example.com'], 'the CA has the new contact');
});

test('roll the key over to a freshly generated one', async () => {
  const before = await account();
  await drawer().getByRole('button', { name: 'Rollover key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rollover key' });
  await dialog.getByText('A compromised key gives the attacker complete control').waitFor();
  await dialog.getByRole('button', { name: 'Roll over' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const after = await account();
  assert.notEqual(after.keyId, before.keyId);
  assert.equal(after.retiredKeys[0].keyId, before.keyId);
  assert.equal(after.kid, before.kid);
  const refreshed = await page.evaluate((id) => window.go.services.AccountsService.RefreshAccount(id), after.id);
  assert.equal(refreshed.status, 'valid', 'the account works with its new key');
});

test('deactivate, guarded by typing the name', async () => {
  await drawer().getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate account' });
  const confirm = dialog.getByRole('button', { name: 'Deactivate account' });
  await dialog.getByLabel('Type the account name to confirm').fill('wrong name');
  assert.equal(await confirm.isDisabled(), true);
  await dialog.getByLabel('Type the account name to confirm').fill(accountName);
  await confirm.click();
  await drawer().getByText('Account Status: Deactivated').waitFor();
  assert.equal(await drawer().getByRole('button', { name: 'Rollover key' }).count(), 0);
});
