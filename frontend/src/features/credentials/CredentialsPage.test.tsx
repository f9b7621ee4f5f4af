import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {fakeLayout} from '../../test/layout';
import {renderWithProviders} from '../../test/render';
import {KINDS, makeCredential, makeCredentialDetails} from '../../test/fixtures';
import {CredentialsPage} from './CredentialsPage';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const listCredentials = vi.mocked(bridge.listCredentials);
const credentialKinds = vi.mocked(bridge.credentialKinds);
const getCredential = vi.mocked(bridge.getCredential);
const createCredential = vi.mocked(bridge.createCredential);
const zeroSSLEABFromEmail = vi.mocked(bridge.zeroSSLEABFromEmail);

const CREDS = [
  makeCredential(1, {name: 'CF prod', kind: 'dns:cloudflare', tags: ['prod', 'dns'], secretsSet: ['CF_DNS_API_TOKEN'], rotatedAt: '2025-05-01T10:00:00Z'}),
  makeCredential(2, {name: 'ZeroSSL EAB', kind: 'eab', tags: ['staging'], fields: {key_id: 'kid'}, secretsSet: ['hmac_key'], inUse: 1}),
  makeCredential(3, {name: 'Router login', kind: 'password', fields: {username: 'admin'}, secretsSet: ['password']}),
];

fakeLayout();

beforeEach(() => {
  vi.clearAllMocks();
  listCredentials.mockResolvedValue(CREDS);
  credentialKinds.mockResolvedValue(KINDS);
  getCredential.mockImplementation(async (id) => {
    const c = CREDS.find((x) => x.id === id) ?? makeCredential(99, {id});
    return makeCredentialDetails(c, {
      usedBy: c.id === 'cred-2' ? [{kind: 'account', id: 'a1', label: 'Web'}, {kind: 'account', id: 'a2', label: 'Old', historic: true}] : [],
    });
  });
});

async function setup() {
  renderWithProviders(<CredentialsPage />);
  const table = await screen.findByRole('table', {name: 'Stored credentials'});
  await waitFor(() => expect(within(table).getByText('Cloudflare (DNS)')).toBeTruthy());
  return {user: userEvent.setup(), table};
}

const names = (table: HTMLElement) =>
  within(table)
    .queryAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0].textContent);

describe('CredentialsPage', () => {
  it('lists credentials with kind label, tags, users and rotation, and filters them', async () => {
    const {user, table} = await setup();
    expect(screen.getByRole('heading', {name: 'Stored credentials'})).toBeTruthy();
    expect(names(table)).toEqual(['CF prod', 'Router login', 'ZeroSSL EAB']);
    const row1 = screen.getByTestId('credential-row-cred-1');
    expect(within(row1).getByText('prod')).toBeTruthy();
    expect(within(row1).getByText('dns')).toBeTruthy();
    expect(within(row1).getByText('Never')).toBeTruthy(); // last used
    // the count of current users comes with the list
    await waitFor(() => expect(within(screen.getByTestId('credential-row-cred-2')).getByText('1')).toBeTruthy());
    expect(within(screen.getByTestId('credential-row-cred-1')).getByText('0')).toBeTruthy();

    await user.type(screen.getByPlaceholderText('Filter by name'), 'router');
    await waitFor(() => expect(names(table)).toEqual(['Router login']));
    await user.clear(screen.getByPlaceholderText('Filter by name'));
    await user.type(screen.getByPlaceholderText('Filter by tag'), 'stag');
    await waitFor(() => expect(names(table)).toEqual(['ZeroSSL EAB']));
    // Escape clears the filter box it is typed in
    await user.keyboard('{Escape}');
    await waitFor(() => expect(names(table)).toHaveLength(3));
    expect((screen.getByPlaceholderText('Filter by tag') as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('combobox', {name: 'Kind'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'All kinds',
      'ACME external account binding (EAB)',
      'Cloudflare (DNS)',
      'Username and password',
    ]);
    await user.click(screen.getByRole('option', {name: 'Cloudflare (DNS)'}));
    await waitFor(() => expect(names(table)).toEqual(['CF prod']));
  });

  it('adds a Cloudflare credential: finds the kind by typing, renders its fields and sends values by field name', async () => {
    const {user} = await setup();
    createCredential.mockResolvedValue(makeCredential(7, {name: 'CF staging', kind: 'dns:cloudflare'}));
    await user.click(screen.getByRole('button', {name: 'Add credential'}));
    const dialog = await screen.findByRole('dialog', {name: 'Add credential'});
    const kind = within(dialog).getByRole('combobox', {name: 'Kind'});
    await user.click(kind);
    expect(await screen.findByText('DNS providers')).toBeTruthy();
    expect(screen.getByText('General')).toBeTruthy();
    await user.type(kind, 'cloud');
    const options = await screen.findAllByRole('option');
    // under "DNS providers" the provider's name alone
    expect(options.map((o) => o.textContent)).toEqual(['Cloudflare']);
    await user.click(options[0]);

    expect(await within(dialog).findByText('Fill one of these sets: CF_API_EMAIL + CF_API_KEY, or CF_DNS_API_TOKEN')).toBeTruthy();
    expect(within(dialog).getByText("Credentials for lego's cloudflare DNS provider.")).toBeTruthy();
    expect(within(dialog).getByRole('link', {name: /cloudflare\.com/})).toBeTruthy();
    // one input per field, labelled by the env var; secrets are password inputs
    for (const label of ['CF_API_KEY', 'CF_DNS_API_TOKEN', 'CLOUDFLARE_DNS_API_TOKEN']) {
      expect((within(dialog).getByLabelText(label) as HTMLInputElement).type).toBe('password');
    }
    expect(within(dialog).getByRole('textbox', {name: 'CF_API_EMAIL'})).toBeTruthy();
    expect(within(dialog).getByText('Alias to CF_DNS_API_TOKEN')).toBeTruthy();
    expect(within(dialog).getAllByText('(optional)').length).toBe(5);

    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'CF staging');
    await user.type(within(dialog).getByRole('textbox', {name: 'Description'}), 'for staging zones');
    await user.type(within(dialog).getByRole('combobox', {name: 'Tags'}), 'staging{Enter}');
    await user.type(within(dialog).getByLabelText('CLOUDFLARE_DNS_API_TOKEN'), 's3cret-token');
    await user.type(within(dialog).getByRole('textbox', {name: 'CLOUDFLARE_TTL'}), ' 300 ');
    await user.click(within(dialog).getByRole('button', {name: 'Save credential'}));
    expect(createCredential).toHaveBeenCalledWith({
      name: 'CF staging',
      description: 'for staging zones',
      kind: 'dns:cloudflare',
      tags: ['staging'],
      values: {CLOUDFLARE_DNS_API_TOKEN: 's3cret-token', CLOUDFLARE_TTL: '300'},
    });
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Add credential'})).toBeNull());
    expect(await screen.findByText('Credential saved')).toBeTruthy();
    await waitFor(() => expect(listCredentials).toHaveBeenCalledTimes(2));
  });

  it('checks the name and required fields before saving', async () => {
    const {user} = await setup();
    await user.click(screen.getByRole('button', {name: 'Add credential'}));
    const dialog = await screen.findByRole('dialog', {name: 'Add credential'});
    await user.click(within(dialog).getByRole('button', {name: 'Save credential'}));
    expect(within(dialog).getByText('Choose a kind of credential.')).toBeTruthy();
    await user.click(within(dialog).getByRole('combobox', {name: 'Kind'}));
    await user.click(await screen.findByRole('option', {name: 'Username and password'}));
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'x');
    await user.click(within(dialog).getByRole('button', {name: 'Save credential'}));
    expect(within(dialog).getByText('Fill in Password.')).toBeTruthy();
    expect(createCredential).not.toHaveBeenCalled();
  });

  it('gets ZeroSSL EAB credentials by e-mail', async () => {
    const {user} = await setup();
    zeroSSLEABFromEmail.mockResolvedValue(makeCredential(8, {name: 'ZeroSSL EAB (a@example.com)', kind: 'eab'}));
    await user.click(screen.getByRole('button', {name: 'Get ZeroSSL EAB by e-mail'}));
    const dialog = await screen.findByRole('dialog', {name: 'Get ZeroSSL EAB by e-mail'});
    await user.type(within(dialog).getByRole('textbox', {name: 'E-mail'}), 'a@example.com');
    await user.click(within(dialog).getByRole('button', {name: 'Get EAB credentials'}));
    expect(zeroSSLEABFromEmail).toHaveBeenCalledWith('a@example.com');
    await waitFor(() => expect(listCredentials).toHaveBeenCalledTimes(2));
  });
});
