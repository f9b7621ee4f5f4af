// End-to-end: stored credentials through the real frontend and backend: a DNS
// provider credential with the provider's own fields (from lego's metadata),
// reveal and hide, rotation, and deletion refused while an account uses a credential.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, nav as navTo } from './app.mjs';

const dnsName = 'E2E Cloudflare DNS';
const token = 'cf-token-e2e-0123456789abcdef';
const rotated = 'cf-token-e2e-rotated-fedcba9876';

let page;
let close;

before(async () => {
  ({ page, close } = await openApp('e2e-credentials'));
});

after(async () => {
  await close?.();
});

const nav = (name) => navTo(page, name);
const drawer = (name) => page.getByRole('dialog', { name });

test('add a Cloudflare DNS credential with its own fields', async () => {
  await nav('Credentials');
  await page.getByRole('heading', { name: 'Stored credentials' }).waitFor();
  await page.getByRole('button', { name: 'Add credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add credential' });
  await dialog.getByRole('combobox', { name: 'Kind' }).fill('Cloudfl');
  await page.getByRole('option', { name: 'Cloudflare', exact: true }).click();
  await dialog.getByLabel('Name').first().fill(dnsName);
  // The provider's own field names, as lego documents them.
  await dialog.getByLabel('CF_DNS_API_TOKEN').fill(token);
  await dialog.getByLabel('CF_API_EMAIL').waitFor();
  await dialog.getByRole('button', { name: 'Save credential' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(dnsName).first().click();
  await drawer(dnsName).getByText('Used by').waitFor();
  assert.equal(await drawer(dnsName).getByText(token).count(), 0, 'the secret is hidden until asked for');
});

test('reveal shows the secret and hide hides it again', async () => {
  const d = drawer(dnsName);
  await d.getByRole('button', { name: 'Reveal CF_DNS_API_TOKEN' }).click();
  await d.getByText(token).waitFor();
  await d.getByRole('button', { name: 'Hide' }).first().click();
  await d.getByText(token).waitFor({ state: 'hidden' });
});

test('rotate replaces the secret in place', async () => {
  const before = await page.evaluate((n) => window.go.services.CredentialsService.ListCredentials({ kind: '', tag: '' }).then((l) => l.find((c) => c.name === n)), dnsName);
  await drawer(dnsName).getByRole('button', { name: 'Rotate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate credential' });
  await dialog.getByLabel('CF_DNS_API_TOKEN').fill(rotated);
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const value = await page.evaluate((id) => window.go.services.CredentialsService.RevealCredentialField(id, 'CF_DNS_API_TOKEN'), before.id);
  assert.equal(value, rotated);
  const after = await page.evaluate((id) => window.go.services.CredentialsService.GetCredential(id), before.id);
  assert.equal(after.id, before.id);
  assert.ok(after.rotatedAt, 'rotation time recorded');
  await page.keyboard.press('Escape');
});

test('a credential in use cannot be deleted', async () => {
  // An account whose typed-in EAB became a stored credential that it refers to.
  const eabName = await page.evaluate(async () => {
    const {KeysService, AccountsService, CredentialsService} = window.go.services;
    const key = await KeysService.GenerateKey('e2e-cred-job', 'E2E EAB account key', '', 'ec256');
    const acc = await AccountsService.CreateAccount({
      name: 'E2E EAB account', description: '', caId: 'zerossl', keyId: key.id, contacts: [],
      eabCredentialId: '', eabKeyId: 'e2e-kid', eabHmac: 'c2VjcmV0LWhtYWMta2V5LWZvci1lMmUtdGVzdHM',
    });
    return (await CredentialsService.GetCredential(acc.eabCredentialId)).name;
  });
  await page.reload();
  await nav('Credentials');
  await page.getByText(eabName).first().click();
  const d = drawer(eabName);
  await d.getByText('E2E EAB account').first().waitFor();
  // Refused up front: the button is disabled and says why, instead of asking and refusing afterwards.
  assert.equal(await d.getByRole('button', { name: 'Delete' }).isDisabled(), true);
  await d.getByText('Point what uses this credential at another one before deleting it.').waitFor();
  const still = await page.evaluate((n) => window.go.services.CredentialsService.ListCredentials({ kind: 'eab', tag: '' }).then((l) => l.some((c) => c.name === n)), eabName);
  assert.equal(still, true);
});
