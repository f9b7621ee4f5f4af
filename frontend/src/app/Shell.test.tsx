import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../bridge';
import {renderWithProviders} from '../test/render';
import {AppInfoContext} from '../features/vault/AppInfoContext';
import {CAS, makeAccount, makeDirectory} from '../test/fixtures';
import {Shell} from './Shell';

vi.mock('../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../test/bridgeMock');
  return mockBridge(await importOriginal());
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(bridge.listKeys).mockResolvedValue([]);
  vi.mocked(bridge.listAccounts).mockResolvedValue([]);
  vi.mocked(bridge.listCAs).mockResolvedValue([]);
  vi.mocked(bridge.listCredentials).mockResolvedValue([]);
  vi.mocked(bridge.credentialKinds).mockResolvedValue([]);
});

describe('Shell', () => {
  it('has Keys, Accounts, Certificate Authorities, Credentials and Settings, reachable by Tab and activated by Enter', async () => {
    renderWithProviders(
      <AppInfoContext.Provider value={{info: {dataDir: '/d', vault: {state: 'unlocked', protection: 'keychain'}}, reload: async () => {}}}>
        <Shell />
      </AppInfoContext.Provider>,
    );
    const user = userEvent.setup();
    const nav = screen.getByRole('navigation', {name: 'Sections'});
    expect(nav.textContent).toContain('ACME Desk');
    const links = screen.getAllByRole('button').filter((b) => nav.contains(b) && b.getAttribute('aria-label') !== 'Search everything');
    expect(links.map((b) => b.textContent)).toEqual(['Keys', 'Accounts', 'Certificate Authorities', 'Credentials', 'Settings']);
    expect(await screen.findByRole('heading', {name: 'Private keys'})).toBeTruthy();

    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Search everything');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Keys');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Accounts');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Certificate Authorities');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Credentials');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Settings');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', {name: 'Settings'})).toBeTruthy();
    expect(screen.getByRole('button', {name: 'Settings'}).getAttribute('aria-current')).toBe('page');

    await user.click(screen.getByRole('button', {name: 'Accounts'}));
    expect(await screen.findByRole('heading', {name: 'ACME accounts'})).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Certificate Authorities'}));
    expect(await screen.findByRole('heading', {name: 'Certificate authorities'})).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Credentials'}));
    expect(await screen.findByRole('heading', {name: 'Stored credentials'})).toBeTruthy();

    await user.click(screen.getByRole('button', {name: 'Keys'}));
    expect(await screen.findByRole('heading', {name: 'Private keys'})).toBeTruthy();
  });

  it('opens what the search found on its page, in its drawer', async () => {
    const account = makeAccount(1, {name: 'Web prod', kid: 'https://acme.example/acct/777', caId: CAS[0].id});
    vi.mocked(bridge.listAccounts).mockResolvedValue([account]);
    vi.mocked(bridge.listCAs).mockResolvedValue(CAS);
    vi.mocked(bridge.getAccount).mockResolvedValue(account);
    vi.mocked(bridge.caDirectory).mockResolvedValue(makeDirectory());
    renderWithProviders(
      <AppInfoContext.Provider value={{info: {dataDir: '/d', vault: {state: 'unlocked', protection: 'keychain'}}, reload: async () => {}}}>
        <Shell />
      </AppInfoContext.Provider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', {name: 'Search everything'}));
    await user.type(await screen.findByRole('textbox', {name: 'Search everything'}), 'acct/777');
    await user.click(await screen.findByRole('button', {name: /Web prod/}));
    expect(await screen.findByRole('heading', {name: 'ACME accounts'})).toBeTruthy();
    expect(await screen.findByRole('dialog', {name: 'Web prod'})).toBeTruthy();
    expect(screen.getByRole('button', {name: 'Accounts'}).getAttribute('aria-current')).toBe('page');
  });
});
