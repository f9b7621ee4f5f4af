import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {CAS, appError, makeAccount, makeCredential, makeDirectory, makeKey} from '../../test/fixtures';
import {SettingsContext} from '../settings/useSettings';
import {AccountDetails} from './AccountDetails';
import {ROLLOVER_WARNING} from './AccountModals';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const getAccount = vi.mocked(bridge.getAccount);
const caDirectory = vi.mocked(bridge.caDirectory);
const registerAccount = vi.mocked(bridge.registerAccount);
const refreshAccount = vi.mocked(bridge.refreshAccount);
const rolloverAccountKey = vi.mocked(bridge.rolloverAccountKey);
const deactivateAccount = vi.mocked(bridge.deactivateAccount);
const changeAccountContacts = vi.mocked(bridge.changeAccountContacts);
const accountCAA = vi.mocked(bridge.accountCAA);
const exportAccount = vi.mocked(bridge.exportAccount);
const deleteAccount = vi.mocked(bridge.deleteAccount);
const updateAccount = vi.mocked(bridge.updateAccount);
const listCredentials = vi.mocked(bridge.listCredentials);
const repointAccountEAB = vi.mocked(bridge.repointAccountEAB);
const verifyAccount = vi.mocked(bridge.verifyAccount);

const KEYS = [1, 2, 3].map((i) => makeKey(i, {name: `Key ${i}`, algorithm: 'ec384'}));

beforeEach(() => {
  vi.clearAllMocks();
  caDirectory.mockResolvedValue(makeDirectory());
});

function setup(account: bridge.Account, {showDebug = false, accounts = [account]} = {}) {
  getAccount.mockResolvedValue(account);
  const props = {onClose: vi.fn(), onChanged: vi.fn(), onDeleted: vi.fn()};
  renderWithProviders(
    <SettingsContext.Provider value={{settings: {showDebug}, loaded: true, update: async () => {}}}>
      <AccountDetails accountId={account.id} cas={CAS} keys={KEYS} accounts={accounts} {...props} />
    </SettingsContext.Provider>,
  );
  return {...props, user: userEvent.setup()};
}

const VALID = makeAccount(1, {name: 'Web prod', contacts: ['ops@example.com'], retiredKeys: [{keyId: 'key-3', retiredAt: '2025-02-01T00:00:00Z'}]});

describe('AccountDetails', () => {
  it('shows status, CA, contact, key and retired keys; no KID without debug', async () => {
    setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    expect(await within(drawer).findByText('Account Status: Valid')).toBeTruthy();
    expect(within(drawer).getByText("Let's Encrypt")).toBeTruthy();
    expect(within(drawer).getByText('Production')).toBeTruthy();
    expect(within(drawer).getByText('ops@example.com')).toBeTruthy();
    expect(within(drawer).getByText('Key 1 (ECDSA P-384)')).toBeTruthy();
    expect(within(drawer).getByText('Retired keys')).toBeTruthy();
    expect(within(drawer).getByText(/^Key 3 \(ECDSA P-384\), retired/)).toBeTruthy();
    expect(within(drawer).queryByText('KID')).toBeNull();
    expect(within(drawer).queryByText('https://acme.example/acct/1')).toBeNull();
  });

  it('says an account found by its key was registered elsewhere, not "Not yet"', async () => {
    setup({...VALID, registeredAt: undefined});
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    expect(await within(drawer).findByText('Elsewhere, before it was added here')).toBeTruthy();
    expect(within(drawer).queryByText('Not yet')).toBeNull();
  });

  it('shows the KID with a copy button when debug information is on', async () => {
    setup(VALID, {showDebug: true});
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    expect(await within(drawer).findByText('KID')).toBeTruthy();
    expect(within(drawer).getByText('https://acme.example/acct/1')).toBeTruthy();
    expect(within(drawer).getByRole('button', {name: 'Copy account URL'})).toBeTruthy();
  });

  it('requires agreeing to the terms before Register, then registers with agreement', async () => {
    const acct = makeAccount(2, {name: 'Fresh', status: 'unregistered', kid: undefined, registeredAt: undefined});
    const {user, onChanged} = setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'Fresh'});
    expect(await within(drawer).findByText('Account Status: Unregistered')).toBeTruthy();
    const terms = await within(drawer).findByRole('link', {name: /Terms of service/});
    expect(terms.getAttribute('href')).toBe('https://letsencrypt.org/documents/LE-SA-v1.5.pdf');
    expect(caDirectory).toHaveBeenCalledWith('letsencrypt', false);
    const register = within(drawer).getByRole('button', {name: 'Register'}) as HTMLButtonElement;
    expect(register.disabled).toBe(true);
    // no CA actions before registration
    expect(within(drawer).queryByRole('button', {name: 'Rollover key'})).toBeNull();

    const registered = {...acct, status: 'valid' as const, kid: 'https://acme.example/acct/2'};
    registerAccount.mockResolvedValue(registered);
    await user.click(within(drawer).getByRole('checkbox', {name: "I agree to the CA's terms of service"}));
    expect(register.disabled).toBe(false);
    await user.click(register);
    expect(registerAccount).toHaveBeenCalledWith('acct-2', true);
    expect(await within(drawer).findByText('Account Status: Valid')).toBeTruthy();
    expect(onChanged).toHaveBeenCalledWith(registered);
  });

  it('offers no Register while the directory is unread, and reads it again on request', async () => {
    const acct = makeAccount(2, {name: 'Fresh', status: 'unregistered', kid: undefined, registeredAt: undefined});
    caDirectory.mockRejectedValueOnce(appError('ca_unreachable', 'Could not reach the CA.'));
    const {user} = setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'Fresh'});
    expect(await within(drawer).findByText('Could not reach the CA.')).toBeTruthy();
    expect((within(drawer).getByRole('button', {name: 'Register'}) as HTMLButtonElement).disabled).toBe(true);
    expect(within(drawer).queryByRole('checkbox', {name: "I agree to the CA's terms of service"})).toBeNull();
    await user.click(within(drawer).getByRole('button', {name: 'Read it again'}));
    expect(caDirectory).toHaveBeenLastCalledWith('letsencrypt', true);
    expect(await within(drawer).findByRole('checkbox', {name: "I agree to the CA's terms of service"})).toBeTruthy();
    expect(within(drawer).queryByText('Could not reach the CA.')).toBeNull();
  });

  it('warns when the CA requires EAB and the account has none', async () => {
    caDirectory.mockResolvedValue(makeDirectory({caId: 'zerossl'}, {externalAccountRequired: true}));
    const acct = makeAccount(3, {name: 'Zero', caId: 'zerossl', status: 'unregistered'});
    setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'Zero'});
    expect(await within(drawer).findByText('External account binding missing')).toBeTruthy();
    expect(within(drawer).getByText('Generate EAB credentials in the ZeroSSL dashboard.')).toBeTruthy();
  });

  it('shows a registration error inline', async () => {
    const acct = makeAccount(2, {name: 'Fresh', status: 'unregistered'});
    const {user} = setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'Fresh'});
    registerAccount.mockRejectedValue(appError('acme_problem', 'The CA refused the registration.', 'Check the contact address.'));
    await user.click(await within(drawer).findByRole('checkbox', {name: "I agree to the CA's terms of service"}));
    await user.click(within(drawer).getByRole('button', {name: 'Register'}));
    expect(await within(drawer).findByText('The CA refused the registration.')).toBeTruthy();
  });

  it('enables Deactivate account only when the exact name is typed', async () => {
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Deactivate'}));
    const dialog = await screen.findByRole('dialog', {name: 'Deactivate account'});
    expect(within(dialog).getByText(/cannot be undone/)).toBeTruthy();
    const confirm = within(dialog).getByRole('button', {name: 'Deactivate account'}) as HTMLButtonElement;
    const input = within(dialog).getByRole('textbox', {name: 'Type the account name to confirm'});
    expect(confirm.disabled).toBe(true);
    await user.type(input, 'web prod');
    expect(confirm.disabled).toBe(true);
    await user.clear(input);
    await user.type(input, 'Web pro');
    expect(confirm.disabled).toBe(true);
    await user.type(input, 'd');
    expect(confirm.disabled).toBe(false);

    deactivateAccount.mockResolvedValue({...VALID, status: 'deactivated'});
    await user.click(confirm);
    expect(deactivateAccount).toHaveBeenCalledWith('acct-1', 'Web prod');
    expect(await within(drawer).findByText('Account Status: Deactivated')).toBeTruthy();
  });

  it('rolls the key over to the chosen key', async () => {
    const {user, onChanged} = setup(VALID, {accounts: [VALID]});
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Rollover key'}));
    const dialog = await screen.findByRole('dialog', {name: 'Rollover key'});
    expect(within(dialog).getByText(ROLLOVER_WARNING)).toBeTruthy();
    const select = within(dialog).getByRole('combobox', {name: 'New key'}) as HTMLInputElement;
    expect(select.value).toBe('Generate a new ECDSA P-384 key');
    await user.click(select);
    // key-1 is the current key, key-3 a retired one: only key-2 is unused.
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'Generate a new ECDSA P-384 key',
      'Key 2 (ECDSA P-384)',
    ]);
    await user.click(screen.getByRole('option', {name: 'Key 2 (ECDSA P-384)'}));
    const rolled = {...VALID, keyId: 'key-2'};
    rolloverAccountKey.mockResolvedValue(rolled);
    await user.click(within(dialog).getByRole('button', {name: 'Roll over'}));
    expect(rolloverAccountKey).toHaveBeenCalledWith('acct-1', 'key-2');
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Rollover key'})).toBeNull());
    expect(onChanged).toHaveBeenCalledWith(rolled);
  });

  it('rolls over to a generated key with ""', async () => {
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Rollover key'}));
    const dialog = await screen.findByRole('dialog', {name: 'Rollover key'});
    rolloverAccountKey.mockRejectedValue(appError('acme_problem', 'The CA refused the key change.'));
    await user.click(within(dialog).getByRole('button', {name: 'Roll over'}));
    expect(rolloverAccountKey).toHaveBeenCalledWith('acct-1', '');
    expect(await within(dialog).findByText('The CA refused the key change.')).toBeTruthy();
  });

  it('a rollover whose answer was lost shows both keys and settles with Check at CA', async () => {
    const {user, onChanged} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Rollover key'}));
    const dialog = await screen.findByRole('dialog', {name: 'Rollover key'});
    const pending = {...VALID, pending: {op: 'rollover' as const, startedAt: '2026-12-01T10:00:00Z', newKeyId: 'key-2'}};
    rolloverAccountKey.mockRejectedValue(appError('outcome_unknown', 'The CA did not answer, so ACME Desk does not know whether it rolled the account over to its new key.'));
    getAccount.mockResolvedValue(pending);
    await user.click(within(dialog).getByRole('button', {name: 'Roll over'}));
    // The dialog closes; the drawer shows the account as it is stored: marked, with both keys.
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Rollover key'})).toBeNull());
    expect(onChanged).toHaveBeenCalledWith(pending);
    const alert = await within(drawer).findByTestId('account-pending');
    expect(within(alert).getByText('Rollover outcome unknown — check')).toBeTruthy();
    expect(within(alert).getByText(/Key 1 \(ECDSA P-384\) and Key 2 \(ECDSA P-384\)/)).toBeTruthy();
    expect(within(drawer).getByRole('button', {name: 'Change email'})).toHaveProperty('disabled', true);
    expect(within(drawer).getByRole('button', {name: 'Deactivate'})).toHaveProperty('disabled', true);

    const settled = {...VALID, keyId: 'key-2', retiredKeys: [{keyId: 'key-1', retiredAt: '2026-12-01T10:05:00Z'}]};
    refreshAccount.mockResolvedValue(settled);
    getAccount.mockResolvedValue(settled);
    await user.click(within(alert).getByRole('button', {name: 'Check at CA'}));
    expect(refreshAccount).toHaveBeenCalledWith('acct-1');
    await waitFor(() => expect(within(drawer).queryByTestId('account-pending')).toBeNull());
    expect(onChanged).toHaveBeenLastCalledWith(settled);
  });

  it('changes the contact addresses', async () => {
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Change email'}));
    const dialog = await screen.findByRole('dialog', {name: 'Change email'});
    const input = within(dialog).getByRole('textbox', {name: 'Contact email'}) as HTMLInputElement;
    expect(input.value).toBe('ops@example.com');
    await user.type(input, ', sec@example.com');
    changeAccountContacts.mockResolvedValue({...VALID, contacts: ['ops@example.com', 'sec@example.com']});
    await user.click(within(dialog).getByRole('button', {name: 'Update contact'}));
    expect(changeAccountContacts).toHaveBeenCalledWith('acct-1', ['ops@example.com', 'sec@example.com']);
    expect(await within(drawer).findByText('ops@example.com, sec@example.com')).toBeTruthy();
  });

  it('refreshes the status and shows the CAA record', async () => {
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    refreshAccount.mockRejectedValueOnce(appError('ca_timeout', 'The CA did not answer in time.'));
    await user.click(await within(drawer).findByRole('button', {name: 'Refresh status'}));
    expect(refreshAccount).toHaveBeenCalledWith('acct-1');
    expect(await within(drawer).findByText('The CA did not answer in time.')).toBeTruthy();

    accountCAA.mockResolvedValue('letsencrypt.org; accounturi=https://acme.example/acct/1');
    await user.click(within(drawer).getByRole('button', {name: 'CAA record'}));
    expect(await within(drawer).findByText('letsencrypt.org; accounturi=https://acme.example/acct/1')).toBeTruthy();
    expect(within(drawer).getByText(/RFC 8657/)).toBeTruthy();
    expect(within(drawer).getByRole('button', {name: 'Copy CAA record'})).toBeTruthy();
  });

  it('offers no CA actions for a deactivated account', async () => {
    const acct = makeAccount(5, {name: 'Gone', status: 'deactivated'});
    setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'Gone'});
    expect(await within(drawer).findByText('Account Status: Deactivated')).toBeTruthy();
    expect(within(drawer).getByText(/deactivated at the CA and cannot be used again/)).toBeTruthy();
    for (const name of ['Refresh status', 'Change email', 'Rollover key', 'CAA record', 'Deactivate', 'Register']) {
      expect(within(drawer).queryByRole('button', {name})).toBeNull();
    }
    expect(within(drawer).getByRole('button', {name: 'Remove from ACME Desk'})).toBeTruthy();
  });

  it('saves name and description', async () => {
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    const save = (await within(drawer).findByRole('button', {name: 'Save'})) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.type(within(drawer).getByRole('textbox', {name: 'Description'}), 'main');
    updateAccount.mockResolvedValue({...VALID, description: 'main'});
    await user.click(save);
    expect(updateAccount).toHaveBeenCalledWith('acct-1', 'Web prod', 'main');
  });

  it('removes the account from ACME Desk after confirmation', async () => {
    const {user, onDeleted} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Remove from ACME Desk'}));
    const dialog = await screen.findByRole('dialog', {name: 'Remove from ACME Desk?'});
    expect(within(dialog).getByText(/The account at the CA is not changed\./)).toBeTruthy();
    deleteAccount.mockResolvedValue();
    await user.click(within(dialog).getByRole('button', {name: 'Remove'}));
    expect(deleteAccount).toHaveBeenCalledWith('acct-1');
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('acct-1'));
  });

  it('shows the stored EAB credential and points the account at another one', async () => {
    listCredentials.mockResolvedValue([
      makeCredential(1, {name: 'DigiCert EAB 2024', kind: 'eab'}),
      makeCredential(2, {name: 'DigiCert EAB 2025', kind: 'eab'}),
    ]);
    const acct = makeAccount(6, {name: 'DC', eabCredentialId: 'cred-1'});
    const {user, onChanged} = setup(acct);
    const drawer = await screen.findByRole('dialog', {name: 'DC'});
    await waitFor(() => expect(within(drawer).getByTestId('account-eab-credential').textContent).toBe('EAB credential: DigiCert EAB 2024'));
    await user.click(within(drawer).getByRole('button', {name: 'Change'}));
    await user.click(within(drawer).getByRole('combobox', {name: 'Use another EAB credential'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['DigiCert EAB 2025']);
    await user.click(screen.getByRole('option', {name: 'DigiCert EAB 2025'}));
    repointAccountEAB.mockResolvedValue();
    await user.click(within(drawer).getByRole('button', {name: 'Use this credential'}));
    expect(repointAccountEAB).toHaveBeenCalledWith('acct-6', 'cred-2');
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({eabCredentialId: 'cred-2'})));
    await waitFor(() => expect(within(drawer).getByTestId('account-eab-credential').textContent).toBe('EAB credential: DigiCert EAB 2025'));
  });

  it('verifies an account with a KID at the CA and shows the verdict inline', async () => {
    verifyAccount.mockResolvedValueOnce({
      accountId: 'acct-1',
      verdict: 'not_found',
      message: "No account exists for this key at Let's Encrypt.",
      checkedAt: '2025-03-04T10:00:00Z',
    });
    verifyAccount.mockRejectedValueOnce(appError('ca_unreachable', 'Could not reach the CA.'));
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Verify at CA'}));
    expect(verifyAccount).toHaveBeenCalledWith('acct-1');
    const verdict = await within(drawer).findByTestId('verification');
    expect(verdict.getAttribute('data-verdict')).toBe('not_found');
    expect(within(verdict).getByText('Not found at the CA')).toBeTruthy();
    expect(within(verdict).getByText("No account exists for this key at Let's Encrypt.")).toBeTruthy();
    await user.click(within(drawer).getByRole('button', {name: 'Verify at CA'}));
    expect(await within(drawer).findByText('Could not reach the CA.')).toBeTruthy();
    expect(within(drawer).queryByTestId('verification')).toBeNull();
  });

  it('shows a deactivation found by Verify at CA as the account\'s status', async () => {
    verifyAccount.mockResolvedValueOnce({
      accountId: 'acct-1',
      verdict: 'deactivated',
      message: "The account is deactivated at Let's Encrypt.",
      checkedAt: '2025-03-04T10:00:00Z',
      account: {...VALID, status: 'deactivated'},
    });
    const {user, onChanged} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Verify at CA'}));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({id: 'acct-1', status: 'deactivated'})));
    expect(await within(drawer).findByText('Account Status: Deactivated')).toBeTruthy();
  });

  it('offers no verification for an account without a KID', async () => {
    setup(makeAccount(2, {name: 'Fresh', status: 'unregistered', kid: undefined, registeredAt: undefined}));
    const drawer = await screen.findByRole('dialog', {name: 'Fresh'});
    await within(drawer).findByText('Account Status: Unregistered');
    expect(within(drawer).queryByRole('button', {name: 'Verify at CA'})).toBeNull();
  });

  it('exports the account in the chosen format after showing what the export holds', async () => {
    exportAccount.mockResolvedValueOnce({format: 'certbot', dir: '/tmp/out', files: ['accounts/x/regr.json'], hints: ['Use --config-dir /tmp/out']});
    exportAccount.mockRejectedValueOnce(appError('forbidden', 'Key "k" does not allow export.'));
    const {user} = setup(VALID);
    const drawer = await screen.findByRole('dialog', {name: 'Web prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Export account'}));
    const modal = await screen.findByRole('dialog', {name: 'Export account'});
    expect(within(modal).getByText("The export holds the account's private key")).toBeTruthy();
    await user.click(within(modal).getByText('certbot'));
    await user.click(within(modal).getByRole('button', {name: 'Choose folder and export'}));
    expect(exportAccount).toHaveBeenCalledWith('acct-1', 'certbot');
    expect(await within(modal).findByText('accounts/x/regr.json')).toBeTruthy();
    expect(within(modal).getByText('Use --config-dir /tmp/out')).toBeTruthy();
    await user.click(within(modal).getByRole('button', {name: 'Choose folder and export'}));
    expect(await within(modal).findByText('Key "k" does not allow export.')).toBeTruthy();
  });
});
