import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {appError, makeAccount, makeCredential, makeKey} from '../../test/fixtures';
import {GlobalSearch} from './GlobalSearch';
import {buildIndex, search} from './searchIndex';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const keys = [makeKey(1, {id: 'k1', name: 'Prod key'}), makeKey(2, {id: 'k2', name: 'Staging key'})];
const cas = [{id: 'le', name: "Let's Encrypt", environment: 'production' as const, directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory', eabRequired: false, builtIn: true}];
const accounts = [
  makeAccount(1, {id: 'a1', name: 'Web prod', caId: 'le', contacts: ['ops@example.com'], kid: 'https://acme.example/acct/12345'}),
  makeAccount(2, {id: 'a2', name: 'Mail', caId: 'le', contacts: ['mail@example.org'], kid: 'https://acme.example/acct/2'}),
];
const credentials = [makeCredential(1, {id: 'c1', name: 'CF prod', kind: 'dns:cloudflare', tags: ['edge']})];

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(bridge.listKeys).mockResolvedValue(keys);
  vi.mocked(bridge.listAccounts).mockResolvedValue(accounts);
  vi.mocked(bridge.listCAs).mockResolvedValue(cas);
  vi.mocked(bridge.listCredentials).mockResolvedValue(credentials);
});

describe('search index', () => {
  const index = buildIndex({keys, accounts, cas, credentials});
  it.each([
    ['prod', ['keys/k1', 'accounts/a1', 'credentials/c1']],
    ['ops@example.com', ['accounts/a1']],
    ['acct/12345', ['accounts/a1']],
    ['letsencrypt.org', ['cas/le']],
    ["let's", ['accounts/a1', 'accounts/a2', 'cas/le']],
    ['edge cf', ['credentials/c1']],
    ['PROD KEY', ['keys/k1']],
    ['nothing-like-this', []],
    ['   ', []],
  ])('finds %j', (query, want) => {
    expect(search(index, query, 50).map((e) => `${e.section}/${e.id}`)).toEqual(want);
  });

  it('stops at the limit', () => {
    expect(search(index, 'e', 2)).toHaveLength(2);
  });
});

describe('GlobalSearch', () => {
  it('opens with Ctrl+K, finds an account by its URL and opens it', async () => {
    const onOpen = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<GlobalSearch onOpen={onOpen} />);
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('textbox', {name: 'Search everything'});
    await waitFor(() => expect(bridge.listAccounts).toHaveBeenCalled());
    await user.type(box, 'acct/12345');
    await user.click(await screen.findByRole('button', {name: /Web prod/}));
    expect(onOpen).toHaveBeenCalledWith('accounts', 'a1');
  });

  it('reads the records afresh each time it opens', async () => {
    const user = userEvent.setup();
    renderWithProviders(<GlobalSearch onOpen={vi.fn()} />);
    await user.click(screen.getByRole('button', {name: 'Search everything'}));
    await waitFor(() => expect(bridge.listKeys).toHaveBeenCalledTimes(1));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', {name: 'Search everything'}));
    await waitFor(() => expect(bridge.listKeys).toHaveBeenCalledTimes(2));
  });

  it('says why when the records cannot be read', async () => {
    vi.mocked(bridge.listKeys).mockRejectedValue(appError('vault_locked', 'The vault is locked.', 'Unlock it first.'));
    const user = userEvent.setup();
    renderWithProviders(<GlobalSearch onOpen={vi.fn()} />);
    await user.click(screen.getByRole('button', {name: 'Search everything'}));
    await waitFor(() => expect(bridge.listKeys).toHaveBeenCalled());
    expect(await screen.findByText('The vault is locked.')).toBeTruthy();
  });
});
