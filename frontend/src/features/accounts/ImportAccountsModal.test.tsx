import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import type {FoundAccount, ImportPreview} from '../../bridge';
import {fakeLayout} from '../../test/layout';
import {renderWithProviders} from '../../test/render';
import {CAS, appError, makeAccount, makeKey} from '../../test/fixtures';
import {AccountsPage} from './AccountsPage';
import {ImportAccountsModal, IMPORT_INTRO} from './ImportAccountsModal';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const chooseFolder = vi.mocked(bridge.chooseFolder);
const scanForAccounts = vi.mocked(bridge.scanForAccounts);
const importAccounts = vi.mocked(bridge.importAccounts);
const verifyAccount = vi.mocked(bridge.verifyAccount);
const listAccounts = vi.mocked(bridge.listAccounts);
const listKeys = vi.mocked(bridge.listKeys);
const listCAs = vi.mocked(bridge.listCAs);

function found(id: string, overrides: Partial<FoundAccount> = {}): FoundAccount {
  return {
    id,
    tool: 'certbot',
    path: `/etc/letsencrypt/accounts/acme-v02.api.letsencrypt.org/directory/${id}`,
    directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory',
    server: 'acme-v02.api.letsencrypt.org',
    caId: 'letsencrypt',
    caName: "Let's Encrypt",
    contacts: [`${id}@example.com`],
    kid: `https://acme-v02.api.letsencrypt.org/acme/acct/${id}`,
    keyAlgorithm: 'rsa2048',
    keyLabel: 'RSA 2048',
    keyFormat: 'jwk',
    fingerprintSha256: `fp-${id}`,
    ...overrides,
  };
}

const PREVIEW: ImportPreview = {
  root: '/etc/letsencrypt',
  accounts: [
    found('a'),
    found('b', {tool: 'lego', existingKeyId: 'key-1', existingKeyName: 'Old web key'}),
    found('c', {
      tool: 'acme.sh',
      caId: undefined,
      caName: undefined,
      directoryUrl: undefined,
      blocker: 'No certificate authority in ACME Desk has the directory https://ca.example/dir.',
    }),
  ],
  problems: [{path: '/etc/letsencrypt/accounts/broken/regr.json', reason: 'The file is not valid JSON.'}],
};

fakeLayout();

beforeEach(() => {
  vi.clearAllMocks();
  scanForAccounts.mockResolvedValue(PREVIEW);
});

function setup() {
  const props = {onClose: vi.fn(), onDone: vi.fn()};
  renderWithProviders(<ImportAccountsModal opened cas={CAS} {...props} />);
  return {...props, user: userEvent.setup(), dialog: screen.getByRole('dialog', {name: 'Import accounts'})};
}

async function scan(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, folder = '/etc/letsencrypt') {
  await user.type(within(dialog).getByRole('textbox', {name: 'Folder'}), folder);
  await user.click(within(dialog).getByRole('button', {name: 'Scan'}));
  return within(dialog).findByRole('table', {name: 'Accounts found'});
}

describe('ImportAccountsModal', () => {
  it('shows what a scan found, blocked accounts and problems, before anything is written', async () => {
    const {user, dialog} = setup();
    expect(within(dialog).getByText(IMPORT_INTRO)).toBeTruthy();
    const table = await scan(user, dialog);
    expect(scanForAccounts).toHaveBeenCalledWith('/etc/letsencrypt');
    expect(importAccounts).not.toHaveBeenCalled();

    const rowA = within(table).getByTestId('found-a');
    expect(within(rowA).getByText('certbot')).toBeTruthy();
    expect(within(rowA).getByText("Let's Encrypt")).toBeTruthy();
    expect(within(rowA).getByText('a@example.com')).toBeTruthy();
    expect(within(rowA).getByText('RSA 2048')).toBeTruthy();
    const kid = within(rowA).getByText('https://acme-v02.api.letsencrypt.org/acme/acct/a');
    expect(kid.getAttribute('title')).toBe('https://acme-v02.api.letsencrypt.org/acme/acct/a');
    expect((within(rowA).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);

    const rowB = within(table).getByTestId('found-b');
    expect(within(rowB).getByText('lego')).toBeTruthy();
    expect(within(rowB).getByText('Key already stored as “Old web key”.')).toBeTruthy();

    const rowC = within(table).getByTestId('found-c');
    const boxC = within(rowC).getByRole('checkbox') as HTMLInputElement;
    expect(boxC.checked).toBe(false);
    expect(boxC.disabled).toBe(true);
    expect(within(rowC).getByText(/No certificate authority in ACME Desk has the directory/)).toBeTruthy();

    const problems = within(dialog).getByTestId('import-problems');
    expect(within(problems).getByText(/the rest still imports/)).toBeTruthy();
    expect(within(problems).getByText('/etc/letsencrypt/accounts/broken/regr.json: The file is not valid JSON.')).toBeTruthy();
    expect(within(dialog).getByRole('button', {name: 'Import 2 accounts'})).toBeTruthy();
  });

  it('Choose folder scans the folder picked in the dialog; cancelling does nothing', async () => {
    const {user, dialog} = setup();
    chooseFolder.mockResolvedValueOnce('');
    await user.click(within(dialog).getByRole('button', {name: 'Choose folder'}));
    expect(scanForAccounts).not.toHaveBeenCalled();
    chooseFolder.mockResolvedValueOnce('/home/me/.lego');
    await user.click(within(dialog).getByRole('button', {name: 'Choose folder'}));
    await within(dialog).findByRole('table', {name: 'Accounts found'});
    expect(scanForAccounts).toHaveBeenCalledWith('/home/me/.lego');
    expect((within(dialog).getByRole('textbox', {name: 'Folder'}) as HTMLInputElement).value).toBe('/home/me/.lego');
  });

  it('shows scan errors inline', async () => {
    scanForAccounts.mockRejectedValueOnce(appError('not_found', 'The folder does not exist.'));
    const {user, dialog} = setup();
    await user.type(within(dialog).getByRole('textbox', {name: 'Folder'}), '/nope');
    await user.click(within(dialog).getByRole('button', {name: 'Scan'}));
    expect(await within(dialog).findByText('The folder does not exist.')).toBeTruthy();
    expect(within(dialog).queryByRole('table')).toBeNull();
  });

  it('sends only the accounts still checked', async () => {
    importAccounts.mockResolvedValue({
      outcomes: [{id: 'b', action: 'imported', accountId: 'acct-9', accountName: 'b@example.com', keyReused: true}],
      imported: 1,
      skipped: 0,
      failed: 0,
    });
    const {user, dialog} = setup();
    const table = await scan(user, dialog);
    await user.click(within(within(table).getByTestId('found-a')).getByRole('checkbox'));
    await user.click(within(dialog).getByRole('button', {name: 'Import 1 account'}));
    expect(importAccounts).toHaveBeenCalledTimes(1);
    expect(importAccounts).toHaveBeenCalledWith(PREVIEW, [{id: 'b'}]);
    expect(importAccounts.mock.calls[0][1]).toEqual([{id: 'b'}]);
  });

  it('an ambiguous CA must be chosen among the candidates, and the choice is sent', async () => {
    scanForAccounts.mockResolvedValue({
      root: '/root/.acme.sh',
      accounts: [
        found('z', {
          tool: 'acme.sh',
          caId: undefined,
          caName: undefined,
          directoryUrl: undefined,
          server: 'acme-v02.api.letsencrypt.org',
          caCandidates: ['letsencrypt', 'custom-1'],
          blocker: 'acme.sh records only the CA’s host, which several CAs share: choose the CA when importing.',
        }),
      ],
      problems: [],
    });
    importAccounts.mockResolvedValue({outcomes: [{id: 'z', action: 'imported', accountId: 'acct-7'}], imported: 1, skipped: 0, failed: 0});
    const {user, dialog} = setup();
    const table = await scan(user, dialog, '/root/.acme.sh');
    expect(within(dialog).queryByTestId('import-problems')).toBeNull();
    const box = within(table).getByRole('checkbox') as HTMLInputElement;
    expect(box.disabled).toBe(false);
    expect(box.checked).toBe(true);

    await user.click(within(dialog).getByRole('button', {name: 'Import 1 account'}));
    expect(importAccounts).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Choose the CA.')).toBeTruthy();

    await user.click(within(table).getByRole('combobox', {name: 'Certificate authority for z@example.com'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(["Let's Encrypt", 'In-house step-ca']);
    await user.click(screen.getByRole('option', {name: "Let's Encrypt"}));
    expect(within(dialog).queryByText('Choose the CA.')).toBeNull();
    await user.click(within(dialog).getByRole('button', {name: 'Import 1 account'}));
    expect(importAccounts).toHaveBeenCalledWith(expect.objectContaining({root: '/root/.acme.sh'}), [{id: 'z', caId: 'letsencrypt'}]);
  });

  it('summarises the result, verifies imported accounts at the CA, and Done reloads', async () => {
    importAccounts.mockResolvedValue({
      outcomes: [
        {id: 'a', action: 'imported', accountId: 'acct-1', accountName: 'a@example.com'},
        {id: 'b', action: 'skipped', reason: 'Already stored as account "Web" (same key); nothing imported.'},
        {id: 'x', action: 'failed', reason: 'The account’s files changed since the scan; scan the folder again.'},
      ],
      imported: 1,
      skipped: 1,
      failed: 1,
    });
    verifyAccount.mockResolvedValue({
      accountId: 'acct-1',
      verdict: 'valid',
      message: "The account exists at Let's Encrypt and is valid.",
      checkedAt: '2025-03-04T10:00:00Z',
    });
    const {user, dialog, onDone} = setup();
    await scan(user, dialog);
    await user.click(within(dialog).getByRole('button', {name: 'Import 2 accounts'}));
    expect(await within(dialog).findByText('1 imported, 1 skipped, 1 failed')).toBeTruthy();
    const results = within(dialog).getByRole('table', {name: 'Import results'});
    expect(within(within(results).getByTestId('outcome-a')).getByText('Imported')).toBeTruthy();
    expect(within(results).getByText('Already stored as account "Web" (same key); nothing imported.')).toBeTruthy();
    expect(within(results).getByText(/files changed since the scan/)).toBeTruthy();
    // only imported accounts can be verified
    const verifyButtons = within(results).getAllByRole('button', {name: 'Verify at CA'});
    expect(verifyButtons).toHaveLength(1);
    await user.click(verifyButtons[0]);
    expect(verifyAccount).toHaveBeenCalledWith('acct-1');
    expect(await within(results).findByText("The account exists at Let's Encrypt and is valid.")).toBeTruthy();
    expect(within(results).getByText('Valid at the CA')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', {name: 'Done'}));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('Import accounts from the accounts page', () => {
  it('opens the modal and reloads the accounts after Done', async () => {
    listAccounts.mockResolvedValue([makeAccount(1)]);
    listKeys.mockResolvedValue([makeKey(1)]);
    listCAs.mockResolvedValue(CAS);
    importAccounts.mockResolvedValue({outcomes: [{id: 'a', action: 'imported', accountId: 'acct-5'}], imported: 1, skipped: 0, failed: 0});
    scanForAccounts.mockResolvedValue({root: '/x', accounts: [found('a')], problems: []});
    renderWithProviders(<AccountsPage />);
    const user = userEvent.setup();
    await screen.findByRole('table', {name: 'ACME accounts'});
    await user.click(screen.getByRole('button', {name: 'Import accounts'}));
    const dialog = await screen.findByRole('dialog', {name: 'Import accounts'});
    await scan(user, dialog, '/x');
    await user.click(within(dialog).getByRole('button', {name: 'Import 1 account'}));
    expect(await within(dialog).findByText(/1 imported/)).toBeTruthy();
    const before = listAccounts.mock.calls.length;
    await user.click(within(dialog).getByRole('button', {name: 'Done'}));
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Import accounts'})).toBeNull());
    await waitFor(() => expect(listAccounts.mock.calls.length).toBeGreaterThan(before));
  });
});
