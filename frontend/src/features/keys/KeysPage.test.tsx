import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {fakeLayout} from '../../test/layout';
import {renderWithProviders} from '../../test/render';
import {makeDetails, makeKey} from '../../test/fixtures';
import {KeysPage} from './KeysPage';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const listKeys = vi.mocked(bridge.listKeys);
const getKey = vi.mocked(bridge.getKey);

fakeLayout();

beforeEach(() => {
  vi.clearAllMocks();
});

function bodyRows() {
  const table = screen.getByRole('table', {name: 'Private keys'});
  return within(table)
    .getAllByRole('row')
    .filter((r) => r.getAttribute('tabindex') === '0');
}

describe('KeysPage', () => {
  it('renders a row per key with algorithm label, short fingerprint and source', async () => {
    const keys = [
      makeKey(1, {name: 'Production', algorithm: 'ec384'}),
      makeKey(2, {name: 'Staging', algorithm: 'rsa4096', source: 'imported', importFormat: 'PKCS#8'}),
      makeKey(3, {name: 'Lab', algorithm: 'ec256'}),
    ];
    listKeys.mockResolvedValue(keys);
    renderWithProviders(<KeysPage />);

    expect(await screen.findByText('Production')).toBeTruthy();
    expect(screen.getByRole('heading', {name: 'Private keys'})).toBeTruthy();
    expect(bodyRows()).toHaveLength(3);
    const staging = bodyRows()[1];
    const cells = within(staging).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[0]).toBe('Staging');
    expect(cells[1]).toBe('RSA 4096');
    expect(cells[2]).toBe(`${keys[1].fingerprintSha256.slice(0, 23)}…`);
    expect(cells[3]).toBe('Imported');
    expect(cells[4]).toBe(new Date(keys[1].createdAt).toLocaleDateString());
    expect(within(bodyRows()[0]).getByText('ECDSA P-384')).toBeTruthy();
  });

  it('filters by name, algorithm and fingerprint', async () => {
    const keys = [
      makeKey(1, {name: 'Production', algorithm: 'ec384'}),
      makeKey(2, {name: 'Staging', algorithm: 'rsa4096'}),
      makeKey(3, {name: 'Lab', algorithm: 'ec256', fingerprintSha256: 'de:ad:be:ef:00:11:22:33:44:55'}),
    ];
    listKeys.mockResolvedValue(keys);
    const user = userEvent.setup();
    renderWithProviders(<KeysPage />);
    await screen.findByText('Production');

    const search = screen.getByPlaceholderText('Filter by name, algorithm or fingerprint');
    await user.type(search, 'stag');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(within(bodyRows()[0]).getByText('Staging')).toBeTruthy();

    await user.clear(search);
    await user.type(search, 'P-256');
    await waitFor(() => expect(bodyRows().map((r) => r.textContent)).toEqual([expect.stringContaining('Lab')]));

    await user.clear(search);
    await user.type(search, 'dead:beef');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(within(bodyRows()[0]).getByText('Lab')).toBeTruthy();

    await user.clear(search);
    await user.type(search, 'nothing-like-this');
    expect(await screen.findByText('No keys match “nothing-like-this”.')).toBeTruthy();
  });

  it('renders only the visible rows of 10,000 keys', async () => {
    const keys = Array.from({length: 10_000}, (_, i) => makeKey(i));
    listKeys.mockResolvedValue(keys);
    renderWithProviders(<KeysPage />);
    expect(await screen.findByText('Key 0')).toBeTruthy();
    expect(screen.getByText('10000 keys')).toBeTruthy();
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(screen.queryByText('Key 9999')).toBeNull();
    // The table still announces the full size.
    expect(screen.getByRole('table', {name: 'Private keys'}).getAttribute('aria-rowcount')).toBe('10001');
  });

  it('shows the empty state when there are no keys', async () => {
    listKeys.mockResolvedValue([]);
    renderWithProviders(<KeysPage />);
    expect(await screen.findByText('No keys yet')).toBeTruthy();
    expect(screen.getByText(/P-384/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('opens the details of a row by click and by Enter', async () => {
    const key = makeKey(1, {name: 'Production'});
    listKeys.mockResolvedValue([key, makeKey(2)]);
    getKey.mockResolvedValue(makeDetails(key));
    const user = userEvent.setup();
    renderWithProviders(<KeysPage />);
    await screen.findByText('Production');

    await user.click(screen.getByText('Production'));
    expect(await screen.findByText('SHA-256 fingerprint')).toBeTruthy();
    expect(getKey).toHaveBeenCalledWith('key-1');

    await user.click(screen.getByRole('button', {name: /close/i}));
    await waitFor(() => expect(screen.queryByText('SHA-256 fingerprint')).toBeNull());

    getKey.mockResolvedValue(makeDetails(makeKey(2)));
    bodyRows()[1].focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(getKey).toHaveBeenLastCalledWith('key-2'));
    expect(await screen.findByText('SHA-256 fingerprint')).toBeTruthy();
  });

  it('shows an error with a retry when the list fails', async () => {
    listKeys.mockRejectedValueOnce(new bridge.AppError('vault_locked', 'The vault is locked.', 'Unlock it first.'));
    listKeys.mockResolvedValueOnce([makeKey(1, {name: 'Back again'})]);
    const user = userEvent.setup();
    renderWithProviders(<KeysPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The vault is locked.');
    await user.click(screen.getByRole('button', {name: 'Try again'}));
    expect(await screen.findByText('Back again')).toBeTruthy();
  });
});
