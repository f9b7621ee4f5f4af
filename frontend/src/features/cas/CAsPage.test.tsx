import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {fakeLayout} from '../../test/layout';
import {renderWithProviders} from '../../test/render';
import {CAS, appError, makeDirectory} from '../../test/fixtures';
import {CAsPage} from './CAsPage';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const listCAs = vi.mocked(bridge.listCAs);
const getCA = vi.mocked(bridge.getCA);
const addCustomCA = vi.mocked(bridge.addCustomCA);
const addTemplateCA = vi.mocked(bridge.addTemplateCA);
const caDirectory = vi.mocked(bridge.caDirectory);
const deleteCustomCA = vi.mocked(bridge.deleteCustomCA);
const updateCustomCA = vi.mocked(bridge.updateCustomCA);
const openExternal = vi.mocked(bridge.openExternal);

fakeLayout();

beforeEach(() => {
  vi.clearAllMocks();
  listCAs.mockResolvedValue(CAS);
  getCA.mockImplementation(async (id) => ({...CAS.find((c) => c.id === id)!, usedBy: []}));
});

async function setup() {
  renderWithProviders(<CAsPage />);
  const table = await screen.findByRole('table', {name: 'Certificate authorities'});
  return {user: userEvent.setup(), table};
}

const rows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
// The environments the rows show (the table also holds an invisible badge that sets the column's width).
const environments = (table: HTMLElement) => rows(table).map((r) => r.querySelector('[data-environment]')?.getAttribute('data-environment'));

describe('CAsPage', () => {
  it('filters by environment and shows distinct Production and Staging badges', async () => {
    const {user, table} = await setup();
    expect(screen.getByRole('heading', {name: 'Certificate authorities'})).toBeTruthy();
    expect(rows(table)).toHaveLength(5);

    const prodBadge = within(screen.getByTestId('ca-row-letsencrypt')).getByText('Production');
    const stagingBadge = within(screen.getByTestId('ca-row-letsencrypt-staging')).getByText('Staging');
    const prodRoot = prodBadge.closest('[data-environment]')!;
    const stagingRoot = stagingBadge.closest('[data-environment]')!;
    expect(prodRoot.getAttribute('data-environment')).toBe('production');
    expect(stagingRoot.getAttribute('data-environment')).toBe('staging');
    expect(prodRoot.getAttribute('style')).toContain('green');
    expect(stagingRoot.getAttribute('style')).toContain('orange');
    expect(prodRoot.getAttribute('data-variant')).not.toBe(stagingRoot.getAttribute('data-variant'));

    // EAB and Custom badges
    expect(within(screen.getByTestId('ca-row-zerossl')).getByText('EAB required')).toBeTruthy();
    expect(within(screen.getByTestId('ca-row-custom-1')).getByText('Custom')).toBeTruthy();
    expect(within(screen.getByTestId('ca-row-letsencrypt')).queryByText('Custom')).toBeNull();

    await user.click(screen.getByRole('radio', {name: 'Staging'}));
    await waitFor(() => expect(rows(table)).toHaveLength(2));
    expect(screen.getByText("Let's Encrypt (staging)")).toBeTruthy();
    expect(screen.getByText('In-house step-ca')).toBeTruthy();
    expect(screen.queryByText('ZeroSSL')).toBeNull();
    expect(environments(table)).toEqual(['staging', 'staging']);

    await user.click(screen.getByRole('radio', {name: 'Production'}));
    await waitFor(() => expect(rows(table)).toHaveLength(3));
    expect(environments(table)).toEqual(['production', 'production', 'production']);
    expect(screen.getByText('ZeroSSL')).toBeTruthy();

    await user.click(screen.getByRole('radio', {name: 'All'}));
    await waitFor(() => expect(rows(table)).toHaveLength(5));
  });

  it('filters by name or directory URL', async () => {
    const {user, table} = await setup();
    const filter = screen.getByRole('textbox', {name: 'Filter CAs'});
    await user.type(filter, 'acme-v02');
    await waitFor(() => expect(rows(table)).toHaveLength(1));
    expect(within(table).getByText("Let's Encrypt")).toBeTruthy();
    await user.clear(filter);
    await user.type(filter, 'step-ca');
    await waitFor(() => expect(rows(table)).toHaveLength(1));
    expect(within(table).getByText('In-house step-ca')).toBeTruthy();
    await user.type(filter, 'x');
    expect(await screen.findByText('No certificate authorities match the filter.')).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Clear filter CAs'}));
    await waitFor(() => expect(rows(screen.getByRole('table', {name: 'Certificate authorities'}))).toHaveLength(5));
  });

  it('adds a custom CA with the entered values', async () => {
    const {user} = await setup();
    const created = {...CAS[4], id: 'custom-2', name: 'Pebble'};
    addCustomCA.mockResolvedValue(created);
    await user.click(screen.getByRole('button', {name: 'Add custom CA'}));
    const dialog = await screen.findByRole('dialog', {name: 'Add custom CA'});
    expect(
      within(dialog).getByText('Only for private ACME servers (step-ca, Pebble, an in-house CA) whose TLS certificate is not publicly trusted.'),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', {name: 'Add CA'}));
    expect(addCustomCA).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Enter a name for the CA.')).toBeTruthy();

    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'Pebble');
    await user.type(within(dialog).getByRole('textbox', {name: 'Directory URL'}), 'https://localhost:14000/dir');
    await user.click(within(dialog).getByRole('radio', {name: 'Staging'}));
    await user.type(within(dialog).getByRole('textbox', {name: 'Root certificate (PEM)'}), '-----BEGIN CERTIFICATE-----');
    await user.click(within(dialog).getByRole('button', {name: 'Add CA'}));
    expect(addCustomCA).toHaveBeenCalledWith({
      name: 'Pebble',
      directoryUrl: 'https://localhost:14000/dir',
      environment: 'staging',
      rootPem: '-----BEGIN CERTIFICATE-----',
    });
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Add custom CA'})).toBeNull());
    expect(listCAs).toHaveBeenCalledTimes(2);
  });

  it('shows the backend error inside the Add custom CA modal', async () => {
    const {user} = await setup();
    addCustomCA.mockRejectedValue(appError('not_acme_directory', 'https://example.com/ is not an ACME directory.', 'Check the URL.'));
    await user.click(screen.getByRole('button', {name: 'Add custom CA'}));
    const dialog = await screen.findByRole('dialog', {name: 'Add custom CA'});
    await user.type(within(dialog).getByRole('textbox', {name: 'Name'}), 'X');
    await user.type(within(dialog).getByRole('textbox', {name: 'Directory URL'}), 'https://example.com/');
    await user.click(within(dialog).getByRole('button', {name: 'Add CA'}));
    expect(await within(dialog).findByText('https://example.com/ is not an ACME directory.')).toBeTruthy();
  });

  it('adds a template CA with the alias', async () => {
    const {user} = await setup();
    addTemplateCA.mockResolvedValue({...CAS[3], id: 'custom-h', name: 'HARICA (acme)', directoryUrl: 'https://acme.harica.gr/acme/directory', builtIn: false});
    await user.click(within(screen.getByTestId('ca-row-harica')).getByRole('button', {name: 'Add with your alias'}));
    const dialog = await screen.findByRole('dialog', {name: 'Add HARICA'});
    await user.type(within(dialog).getByRole('textbox', {name: 'Alias'}), 'acme');
    await user.click(within(dialog).getByRole('button', {name: 'Add CA'}));
    expect(addTemplateCA).toHaveBeenCalledWith('harica', 'acme');
  });

  it('reads the directory in the drawer: terms, profiles, key change, cached marker', async () => {
    const {user} = await setup();
    caDirectory.mockResolvedValue(makeDirectory());
    await user.click(screen.getByTestId('ca-row-letsencrypt'));
    const drawer = await screen.findByRole('dialog', {name: "Let's Encrypt"});
    expect(await within(drawer).findByText('https://acme-v02.api.letsencrypt.org/directory')).toBeTruthy();
    await user.click(within(drawer).getByRole('button', {name: 'Read directory'}));
    expect(caDirectory).toHaveBeenCalledWith('letsencrypt', false);
    const dir = await within(drawer).findByRole('table', {name: 'Directory'});
    const terms = within(dir).getByRole('link', {name: /LE-SA-v1.5.pdf/});
    expect(within(dir).getByText('classic: The same profile you are used to')).toBeTruthy();
    expect(within(dir).getByText('tlsserver: Certificates for TLS servers only')).toBeTruthy();
    expect(within(dir).getByText('Offered')).toBeTruthy();
    expect(within(dir).getByText('(cached)')).toBeTruthy();
    expect(within(dir).getByText('letsencrypt.org')).toBeTruthy();
    expect(within(dir).getByText('No')).toBeTruthy();

    await user.click(terms);
    expect(openExternal).toHaveBeenCalledWith('https://letsencrypt.org/documents/LE-SA-v1.5.pdf');

    caDirectory.mockResolvedValue(makeDirectory({cached: false, keyChangeOffered: false}, {externalAccountRequired: true}));
    await user.click(within(drawer).getByRole('button', {name: 'Refresh'}));
    expect(caDirectory).toHaveBeenLastCalledWith('letsencrypt', true);
    expect(await within(drawer).findByText('Not offered')).toBeTruthy();
    expect(within(drawer).queryByText('(cached)')).toBeNull();
    expect(within(drawer).getByText('Yes')).toBeTruthy();
  });

  it('shows a directory error that names the URL', async () => {
    const {user} = await setup();
    caDirectory.mockRejectedValue(appError('ca_unreachable', 'Could not reach https://acme-v02.api.letsencrypt.org/directory.', 'Check your connection.'));
    await user.click(screen.getByTestId('ca-row-letsencrypt'));
    const drawer = await screen.findByRole('dialog', {name: "Let's Encrypt"});
    await user.click(await within(drawer).findByRole('button', {name: 'Read directory'}));
    expect(await within(drawer).findByText('Could not reach https://acme-v02.api.letsencrypt.org/directory.')).toBeTruthy();
  });

  it('deletes a custom CA after confirmation and shows the refusal when it is in use', async () => {
    const {user} = await setup();
    await user.click(screen.getByTestId('ca-row-custom-1'));
    const drawer = await screen.findByRole('dialog', {name: 'In-house step-ca'});
    expect(await within(drawer).findByText('CN=Internal Root')).toBeTruthy();
    expect(within(drawer).getByText('ab:cd:ef')).toBeTruthy();
    deleteCustomCA.mockRejectedValueOnce(appError('in_use', 'The CA is used by account “lab”.'));
    await user.click(within(drawer).getByRole('button', {name: 'Delete'}));
    await user.click(await screen.findByRole('button', {name: 'Delete CA'}));
    expect(deleteCustomCA).toHaveBeenCalledWith('custom-1');
    expect(await within(drawer).findByText('The CA is used by account “lab”.')).toBeTruthy();

    deleteCustomCA.mockResolvedValueOnce();
    await user.click(within(drawer).getByRole('button', {name: 'Delete'}));
    await user.click(await screen.findByRole('button', {name: 'Delete CA'}));
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'In-house step-ca'})).toBeNull());
  });

  it('edits a custom CA, prefilled with what it has', async () => {
    const {user} = await setup();
    await user.click(screen.getByTestId('ca-row-custom-1'));
    const drawer = await screen.findByRole('dialog', {name: 'In-house step-ca'});
    await user.click(await within(drawer).findByRole('button', {name: 'Edit'}));
    const modal = await screen.findByRole('dialog', {name: 'Edit custom CA'});
    const name = within(modal).getByLabelText(/^Name/) as HTMLInputElement;
    expect(name.value).toBe('In-house step-ca');
    const url = (within(modal).getByLabelText(/^Directory URL/) as HTMLInputElement).value;
    updateCustomCA.mockImplementationOnce(async (id, input) => ({...(await bridge.getCA(id)), ...input}));
    await user.clear(name);
    await user.type(name, 'Lab step-ca');
    await user.click(within(modal).getByRole('button', {name: 'Save'}));
    await waitFor(() => expect(updateCustomCA).toHaveBeenCalledWith('custom-1', expect.objectContaining({name: 'Lab step-ca', directoryUrl: url})));
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Edit custom CA'})).toBeNull());
  });

  it('has no Delete for built-in CAs', async () => {
    const {user} = await setup();
    await user.click(screen.getByTestId('ca-row-zerossl'));
    const drawer = await screen.findByRole('dialog', {name: 'ZeroSSL'});
    expect(await within(drawer).findByText('Generate EAB credentials in the ZeroSSL dashboard.')).toBeTruthy();
    expect(within(drawer).queryByRole('button', {name: 'Delete'})).toBeNull();
    expect(within(drawer).queryByRole('button', {name: 'Edit'})).toBeNull();
  });
});
