import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {fakeLayout} from '../../test/layout';
import {renderWithProviders} from '../../test/render';
import {CAS, appError, makeAccount, makeCredential, makeDirectory, makeKey} from '../../test/fixtures';
import {AccountsPage} from './AccountsPage';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const listAccounts = vi.mocked(bridge.listAccounts);
const listKeys = vi.mocked(bridge.listKeys);
const listCAs = vi.mocked(bridge.listCAs);
const getAccount = vi.mocked(bridge.getAccount);
const createAccount = vi.mocked(bridge.createAccount);
const findAccountByKey = vi.mocked(bridge.findAccountByKey);
const refreshAllAccounts = vi.mocked(bridge.refreshAllAccounts);
const caDirectory = vi.mocked(bridge.caDirectory);
const listCredentials = vi.mocked(bridge.listCredentials);

const EAB_CREDS = [
  makeCredential(1, {name: 'ZeroSSL EAB', kind: 'eab', fields: {ca_id: 'zerossl', key_id: 'kid-z'}, secretsSet: ['hmac_key']}),
  makeCredential(2, {name: 'Old EAB', kind: 'eab', consumedAt: '2025-01-01T00:00:00Z'}),
];

const ACCOUNTS = [
  makeAccount(1, {name: 'Web prod', status: 'valid', contacts: ['ops@example.com']}),
  makeAccount(2, {name: 'Another', status: 'unregistered', caId: 'letsencrypt-staging', contacts: ['dev@example.org']}),
  makeAccount(3, {name: 'Old', status: 'deactivated', caId: 'zerossl'}),
  makeAccount(4, {name: 'Burned', status: 'revoked', retiredKeys: [{keyId: 'key-5', retiredAt: '2025-01-01T00:00:00Z'}]}),
];
// key-1..key-5 are used (key-5 retired); key-6 and key-7 are unused.
const KEYS = [1, 2, 3, 4, 5, 6, 7].map((i) => makeKey(i, {name: `Key ${i}`, algorithm: 'ec384'}));

fakeLayout();

beforeEach(() => {
  vi.clearAllMocks();
  listAccounts.mockResolvedValue(ACCOUNTS);
  listKeys.mockResolvedValue(KEYS);
  listCAs.mockResolvedValue(CAS);
  getAccount.mockImplementation(async (id) => ACCOUNTS.find((a) => a.id === id) ?? makeAccount(99, {id, status: 'unregistered'}));
  caDirectory.mockResolvedValue(makeDirectory());
  listCredentials.mockResolvedValue(EAB_CREDS);
});

async function setup() {
  renderWithProviders(<AccountsPage />);
  const table = await screen.findByRole('table', {name: 'ACME accounts'});
  await waitFor(() => expect(within(table).getByText("Let's Encrypt (staging)")).toBeTruthy());
  return {user: userEvent.setup(), table};
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0].textContent);

describe('AccountsPage', () => {
  it('shows status badges, CA with environment, contact and key name', async () => {
    const {table} = await setup();
    expect(screen.getByRole('heading', {name: 'ACME accounts'})).toBeTruthy();
    const row1 = screen.getByTestId('account-row-acct-1');
    expect(within(row1).getByText('Valid').closest('[data-status]')?.getAttribute('data-status')).toBe('valid');
    expect(within(row1).getByText('Valid').closest('[data-status]')?.getAttribute('style')).toContain('green');
    expect(within(row1).getByText("Let's Encrypt")).toBeTruthy();
    expect(within(row1).getByText('Production')).toBeTruthy();
    expect(within(row1).getByText('ops@example.com')).toBeTruthy();
    expect(within(row1).getByText('Key 1')).toBeTruthy();
    const unreg = within(screen.getByTestId('account-row-acct-2')).getByText('Unregistered');
    expect(unreg.closest('[data-status]')?.getAttribute('style')).toContain('yellow');
    expect(within(screen.getByTestId('account-row-acct-2')).getByText('Staging')).toBeTruthy();
    expect(within(screen.getByTestId('account-row-acct-3')).getByText('Deactivated')).toBeTruthy();
    expect(within(screen.getByTestId('account-row-acct-4')).getByText('Revoked')).toBeTruthy();
    // sorted by name by default
    expect(names(table)).toEqual(['Another', 'Burned', 'Old', 'Web prod']);
  });

  it('filters by text (account URL too) and environment, and sorts by a header click both ways', async () => {
    const {user, table} = await setup();
    const filter = screen.getByRole('textbox', {name: 'Filter accounts'});
    await user.type(filter, 'example.org');
    await waitFor(() => expect(names(table)).toEqual(['Another']));
    await user.clear(filter);
    await user.type(filter, 'zerossl');
    await waitFor(() => expect(names(table)).toEqual(['Old']));
    await user.clear(filter);
    await user.type(filter, 'acme.example/acct/4');
    await waitFor(() => expect(names(table)).toEqual(['Burned']));
    await user.clear(filter);
    await user.type(filter, 'key 2');
    await waitFor(() => expect(names(table)).toEqual(['Another']));
    await user.click(screen.getByRole('button', {name: 'Clear filter accounts'}));
    await waitFor(() => expect(names(table)).toHaveLength(4));
    expect((filter as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('radio', {name: 'Staging'}));
    await waitFor(() => expect(names(table)).toEqual(['Another']));
    await user.click(screen.getByRole('radio', {name: 'Production'}));
    await waitFor(() => expect(names(table)).toEqual(['Burned', 'Old', 'Web prod']));
    await user.click(screen.getByRole('radio', {name: 'All'}));

    const header = (name: string) => within(table).getByRole('columnheader', {name});
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(table).getByRole('button', {name: 'Status'}));
    await waitFor(() => expect(names(table)).toEqual(['Web prod', 'Another', 'Old', 'Burned']));
    expect(header('Status').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Name').getAttribute('aria-sort')).toBeNull();
    await user.click(within(table).getByRole('button', {name: 'Status'}));
    await waitFor(() => expect(names(table)).toEqual(['Burned', 'Old', 'Another', 'Web prod']));
    expect(header('Status').getAttribute('aria-sort')).toBe('descending');
    await user.click(within(table).getByRole('button', {name: 'Name'}));
    await waitFor(() => expect(names(table)).toEqual(['Another', 'Burned', 'Old', 'Web prod']));
  });

  it('Refresh all shows a summary and reloads the list', async () => {
    const {user} = await setup();
    refreshAllAccounts.mockResolvedValue([
      {id: 'acct-1', name: 'Web prod', status: 'valid', skipped: false},
      {id: 'acct-5', name: 'Other', status: 'valid', skipped: false},
      {id: 'acct-3', name: 'Old', status: 'deactivated', skipped: true},
      {id: 'acct-4', name: 'Burned', status: 'valid', skipped: false, error: appError('ca_unreachable', 'Could not reach the CA.')},
    ]);
    await user.click(screen.getByRole('button', {name: 'Refresh all'}));
    expect(refreshAllAccounts).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText(/2 accounts refreshed, 1 deactivated or revoked \(not asked\), 1 failed. “Burned”: Could not reach the CA./),
    ).toBeTruthy();
    await waitFor(() => expect(listAccounts).toHaveBeenCalledTimes(2));
  });

  it('creates an account with a generated key and split contacts, then opens it', async () => {
    const {user} = await setup();
    const created = makeAccount(9, {name: 'New one', status: 'unregistered', keyId: 'key-9'});
    createAccount.mockResolvedValue(created);
    getAccount.mockResolvedValue(created);
    await user.click(screen.getByRole('button', {name: 'New account'}));
    const dialog = await screen.findByRole('dialog', {name: 'New account'});
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'New one');
    await user.type(within(dialog).getByRole('textbox', {name: 'Description'}), 'for the web');

    const keySelect = within(dialog).getByRole('combobox', {name: 'Key'}) as HTMLInputElement;
    expect(keySelect.value).toBe('Generate a new ECDSA P-384 key');
    await user.click(keySelect);
    const keyOptions = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(keyOptions).toEqual(['Generate a new ECDSA P-384 key', 'Key 6 (ECDSA P-384)', 'Key 7 (ECDSA P-384)']);
    await user.click(screen.getByRole('option', {name: 'Generate a new ECDSA P-384 key'}));

    await user.click(within(dialog).getByRole('combobox', {name: 'Certificate authority'}));
    const caOptions = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(caOptions).toContain("Let's Encrypt — Production");
    expect(caOptions).toContain("Let's Encrypt (staging) — Staging");
    expect(caOptions.some((o) => o?.startsWith('HARICA'))).toBe(false);
    await user.click(screen.getByRole('option', {name: "Let's Encrypt — Production"}));

    await user.type(within(dialog).getByRole('textbox', {name: 'Contact email'}), 'a@example.com, b@example.com');
    expect(within(dialog).queryByRole('textbox', {name: 'EAB key ID'})).toBeNull();
    await user.click(within(dialog).getByRole('button', {name: 'Create account'}));
    expect(createAccount).toHaveBeenCalledWith({
      name: 'New one',
      description: 'for the web',
      caId: 'letsencrypt',
      keyId: '',
      contacts: ['a@example.com', 'b@example.com'],
      eabCredentialId: '',
      eabKeyId: '',
      eabHmac: '',
    });
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'New account'})).toBeNull());
    expect(await screen.findByRole('dialog', {name: 'New one'})).toBeTruthy();
    expect(getAccount).toHaveBeenCalledWith('acct-9');
  });

  it('asks for EAB credentials when the CA requires them and sends the chosen key', async () => {
    const {user} = await setup();
    createAccount.mockResolvedValue(makeAccount(9, {status: 'unregistered'}));
    await user.click(screen.getByRole('button', {name: 'New account'}));
    const dialog = await screen.findByRole('dialog', {name: 'New account'});
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'Zero');
    await user.click(within(dialog).getByRole('combobox', {name: 'Certificate authority'}));
    await user.click(await screen.findByRole('option', {name: 'ZeroSSL — Production'}));
    expect(await within(dialog).findByText('Generate EAB credentials in the ZeroSSL dashboard.')).toBeTruthy();
    const stored = within(dialog).getByRole('combobox', {name: 'Stored EAB credential'}) as HTMLInputElement;
    expect(stored.value).toBe('None / type in below');
    expect(within(dialog).getByText('Typed-in values are saved as a stored credential.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', {name: 'EAB key ID'}), 'kid-1');
    await user.type(within(dialog).getByLabelText('EAB HMAC key'), 'hmac-secret');
    await user.click(within(dialog).getByRole('combobox', {name: 'Key'}));
    await user.click(await screen.findByRole('option', {name: 'Key 7 (ECDSA P-384)'}));
    await user.click(within(dialog).getByRole('button', {name: 'Create account'}));
    expect(createAccount).toHaveBeenCalledWith(
      expect.objectContaining({caId: 'zerossl', keyId: 'key-7', contacts: [], eabCredentialId: '', eabKeyId: 'kid-1', eabHmac: 'hmac-secret'}),
    );
  });

  it('creates an account with a stored EAB credential instead of typed-in values', async () => {
    const {user} = await setup();
    createAccount.mockResolvedValue(makeAccount(9, {status: 'unregistered', eabCredentialId: 'cred-1'}));
    await user.click(screen.getByRole('button', {name: 'New account'}));
    const dialog = await screen.findByRole('dialog', {name: 'New account'});
    expect(listCredentials).toHaveBeenCalledWith({kind: 'eab', tag: ''});
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'Zero');
    await user.click(within(dialog).getByRole('combobox', {name: 'Certificate authority'}));
    await user.click(await screen.findByRole('option', {name: 'ZeroSSL — Production'}));
    await user.type(await within(dialog).findByRole('textbox', {name: 'EAB key ID'}), 'typed-but-unused');
    await user.click(within(dialog).getByRole('combobox', {name: 'Stored EAB credential'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'None / type in below',
      'ZeroSSL EAB',
      'Old EAB (already used)',
    ]);
    await user.click(screen.getByRole('option', {name: 'ZeroSSL EAB'}));
    // the typed-in fields are not used with a stored credential
    expect(within(dialog).queryByRole('textbox', {name: 'EAB key ID'})).toBeNull();
    await user.click(within(dialog).getByRole('button', {name: 'Create account'}));
    expect(createAccount).toHaveBeenCalledWith(
      expect.objectContaining({caId: 'zerossl', eabCredentialId: 'cred-1', eabKeyId: '', eabHmac: ''}),
    );
  });

  it('finds an account by key, showing errors inline', async () => {
    const {user} = await setup();
    findAccountByKey.mockRejectedValueOnce(
      appError('not_found', 'No account exists for this key at https://acme-v02.api.letsencrypt.org/directory.'),
    );
    await user.click(screen.getByRole('button', {name: 'Find account by key'}));
    const dialog = await screen.findByRole('dialog', {name: 'Find account by key'});
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'Found');
    await user.click(within(dialog).getByRole('combobox', {name: 'Certificate authority'}));
    await user.click(await screen.findByRole('option', {name: "Let's Encrypt — Production"}));
    await user.click(within(dialog).getByRole('button', {name: 'Find account'}));
    expect(findAccountByKey).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Choose the key of the account.')).toBeTruthy();

    await user.click(within(dialog).getByRole('combobox', {name: 'Key'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'Key 6 (ECDSA P-384)',
      'Key 7 (ECDSA P-384)',
    ]);
    await user.click(screen.getByRole('option', {name: 'Key 6 (ECDSA P-384)'}));
    await user.click(within(dialog).getByRole('button', {name: 'Find account'}));
    expect(findAccountByKey).toHaveBeenCalledWith({name: 'Found', description: '', caId: 'letsencrypt', keyId: 'key-6'});
    expect(
      await within(dialog).findByText('No account exists for this key at https://acme-v02.api.letsencrypt.org/directory.'),
    ).toBeTruthy();
  });
});
