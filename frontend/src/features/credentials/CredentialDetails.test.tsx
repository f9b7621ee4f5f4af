import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {act, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {KINDS, appError, makeCredential, makeCredentialDetails} from '../../test/fixtures';
import {CredentialDetails} from './CredentialDetails';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const getCredential = vi.mocked(bridge.getCredential);
const revealCredentialField = vi.mocked(bridge.revealCredentialField);
const copyCredentialField = vi.mocked(bridge.copyCredentialField);
const deleteCredential = vi.mocked(bridge.deleteCredential);
const rotateCredential = vi.mocked(bridge.rotateCredential);
const updateCredential = vi.mocked(bridge.updateCredential);
const checkDNSCredential = vi.mocked(bridge.checkDNSCredential);
const zeroSSLEABFromAccessKey = vi.mocked(bridge.zeroSSLEABFromAccessKey);

const CF = makeCredential(1, {
  name: 'CF prod',
  kind: 'dns:cloudflare',
  tags: ['prod'],
  description: 'Zone example.com',
  fields: {CF_API_EMAIL: 'ops@example.com'},
  secretsSet: ['CF_DNS_API_TOKEN'],
});

function setup(details: bridge.CredentialDetails, credentials: bridge.Credential[] = [details]) {
  getCredential.mockResolvedValue(details);
  const props = {onClose: vi.fn(), onChanged: vi.fn(), onDeleted: vi.fn()};
  renderWithProviders(<CredentialDetails credentialId={details.id} kinds={KINDS} credentials={credentials} {...props} />);
  return props;
}

beforeEach(() => {
  vi.clearAllMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CredentialDetails', () => {
  it('shows kind, tags, description, values and "Not used yet."', async () => {
    setup(makeCredentialDetails(CF));
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    expect(await within(drawer).findByText('Cloudflare (DNS)')).toBeTruthy();
    expect(within(drawer).getByText('prod')).toBeTruthy();
    expect(within(drawer).getByText('Zone example.com')).toBeTruthy();
    expect(within(drawer).getByText('ops@example.com')).toBeTruthy();
    expect(within(drawer).getByText('Used by')).toBeTruthy();
    expect(within(drawer).getByText('Not used yet.')).toBeTruthy();
    expect(within(drawer).getByText('••••••••')).toBeTruthy();
    // only set secrets can be revealed
    expect(within(drawer).getByRole('button', {name: 'Reveal CF_DNS_API_TOKEN'})).toBeTruthy();
    expect(within(drawer).queryByRole('button', {name: 'Reveal CF_API_KEY'})).toBeNull();
    expect(revealCredentialField).not.toHaveBeenCalled();
  });

  it('reveals a secret, then hides it again after 30 seconds', async () => {
    vi.useFakeTimers({shouldAdvanceTime: true});
    setup(makeCredentialDetails(CF));
    const user = userEvent.setup({advanceTimers: vi.advanceTimersByTime});
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    revealCredentialField.mockResolvedValue('tok-123');
    await user.click(await within(drawer).findByRole('button', {name: 'Reveal CF_DNS_API_TOKEN'}));
    expect(revealCredentialField).toHaveBeenCalledWith('cred-1', 'CF_DNS_API_TOKEN');
    expect(await within(drawer).findByText('tok-123')).toBeTruthy();
    expect(within(drawer).getByRole('button', {name: 'Hide'})).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(29_000);
    });
    expect(within(drawer).getByText('tok-123')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1_500);
    });
    expect(within(drawer).queryByText('tok-123')).toBeNull();
    expect(within(drawer).getByText('••••••••')).toBeTruthy();
    expect(within(drawer).getByRole('button', {name: 'Reveal CF_DNS_API_TOKEN'})).toBeTruthy();

    // Hide hides at once
    await user.click(within(drawer).getByRole('button', {name: 'Reveal CF_DNS_API_TOKEN'}));
    expect(await within(drawer).findByText('tok-123')).toBeTruthy();
    await user.click(within(drawer).getByRole('button', {name: 'Hide'}));
    expect(within(drawer).queryByText('tok-123')).toBeNull();
  });

  it('copies a secret through Go, which clears it; the value never reaches the page', async () => {
    const writeText = vi.fn();
    Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText, readText: vi.fn()}});
    copyCredentialField.mockResolvedValue();
    const user = userEvent.setup();
    setup(makeCredentialDetails(CF));
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Copy CF_DNS_API_TOKEN'}));
    expect(copyCredentialField).toHaveBeenCalledWith('cred-1', 'CF_DNS_API_TOKEN');
    expect(revealCredentialField).not.toHaveBeenCalled();
    expect(writeText).not.toHaveBeenCalled();
    expect(await within(drawer).findByRole('button', {name: 'Copy CF_DNS_API_TOKEN'})).toBeTruthy();
  });

  it('disables Delete of a used credential up front, with the reason', async () => {
    const details = makeCredentialDetails(CF, {usedBy: [{kind: 'account', id: 'a1', label: 'Web prod'}]});
    setup(details);
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    expect(await within(drawer).findByText('account: Web prod')).toBeTruthy();
    expect((within(drawer).getByRole('button', {name: 'Delete'}) as HTMLButtonElement).disabled).toBe(true);
    expect(within(drawer).getByText('Point what uses this credential at another one before deleting it.')).toBeTruthy();
    expect(deleteCredential).not.toHaveBeenCalled();
  });

  it('shows a refusal the page could not foresee in the confirmation, and keeps the credential', async () => {
    const {onDeleted} = setup(makeCredentialDetails(CF));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    deleteCredential.mockRejectedValue(
      appError('in_use', 'Credential "CF prod" is used by account "Web prod", so it cannot be deleted.', 'Point those at another credential, or delete them first.'),
    );
    await user.click(await within(drawer).findByRole('button', {name: 'Delete'}));
    const confirm = await screen.findByRole('dialog', {name: 'Delete credential?'});
    await user.click(within(confirm).getByRole('button', {name: 'Delete credential'}));
    const alert = await within(confirm).findByRole('alert');
    expect(alert.textContent).toContain('is used by account "Web prod"');
    expect(alert.textContent).toContain('Point those at another credential');
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it('deletes an unused credential', async () => {
    const {onDeleted} = setup(makeCredentialDetails(CF));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    deleteCredential.mockResolvedValue();
    await user.click(await within(drawer).findByRole('button', {name: 'Delete'}));
    await user.click(within(await screen.findByRole('dialog', {name: 'Delete credential?'})).getByRole('button', {name: 'Delete credential'}));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('cred-1'));
  });

  it('rotates with one input per secret field and sends only secret values', async () => {
    const {onChanged} = setup(makeCredentialDetails(CF));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Rotate'}));
    const dialog = await screen.findByRole('dialog', {name: 'Rotate credential'});
    expect(within(dialog).getByText('Every account or record using this credential keeps using it, with the new secret.')).toBeTruthy();
    expect(within(dialog).queryByRole('textbox', {name: 'CF_API_EMAIL'})).toBeNull();
    expect(within(dialog).getByLabelText('CF_API_KEY')).toBeTruthy();
    expect(within(dialog).getByLabelText('CLOUDFLARE_DNS_API_TOKEN')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('CF_DNS_API_TOKEN'), 'new-token');
    rotateCredential.mockResolvedValue({...CF, rotatedAt: '2025-06-01T00:00:00Z'});
    await user.click(within(dialog).getByRole('button', {name: 'Rotate'}));
    expect(rotateCredential).toHaveBeenCalledWith('cred-1', {CF_DNS_API_TOKEN: 'new-token'});
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Rotate credential'})).toBeNull());
    expect(onChanged).toHaveBeenCalled();
  });

  it('edits name, tags and non-secret values', async () => {
    setup(makeCredentialDetails(CF));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    await user.click(await within(drawer).findByRole('button', {name: 'Edit'}));
    const dialog = await screen.findByRole('dialog', {name: 'Edit credential'});
    expect(within(dialog).queryByLabelText('CF_DNS_API_TOKEN')).toBeNull();
    const email = within(dialog).getByRole('textbox', {name: 'CF_API_EMAIL'}) as HTMLInputElement;
    expect(email.value).toBe('ops@example.com');
    await user.clear(email);
    await user.type(email, 'dns@example.com');
    await user.type(within(dialog).getByRole('textbox', {name: 'CLOUDFLARE_TTL'}), '600');
    updateCredential.mockResolvedValue(CF);
    await user.click(within(dialog).getByRole('button', {name: 'Save'}));
    expect(updateCredential).toHaveBeenCalledWith('cred-1', {
      name: 'CF prod',
      description: 'Zone example.com',
      tags: ['prod'],
      fields: {CF_API_EMAIL: 'dns@example.com', CLOUDFLARE_TTL: '600'},
    });
  });

  it('checks a DNS credential: notification when ready, the error inline otherwise', async () => {
    setup(makeCredentialDetails(CF));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'CF prod'});
    checkDNSCredential.mockResolvedValueOnce();
    await user.click(await within(drawer).findByRole('button', {name: 'Check'}));
    expect(checkDNSCredential).toHaveBeenCalledWith('cred-1');
    expect(await screen.findByText('Ready for DNS validation')).toBeTruthy();
    checkDNSCredential.mockRejectedValueOnce(appError('invalid_input', 'DNS validation cannot proceed: CF_API_KEY is missing.'));
    await user.click(within(drawer).getByRole('button', {name: 'Check'}));
    expect(await within(drawer).findByText('DNS validation cannot proceed: CF_API_KEY is missing.')).toBeTruthy();
  });

  it('shows expiry, single use, consumption and users of an EAB credential', async () => {
    const eab = makeCredential(2, {
      name: 'GTS EAB',
      kind: 'eab',
      fields: {ca_id: 'google', key_id: 'kid-9', expires_at: '2099-06-03', single_use: 'true'},
      secretsSet: ['hmac_key'],
      consumedAt: '2025-05-05T00:00:00Z',
    });
    setup(makeCredentialDetails(eab, {usedBy: [{kind: 'account', id: 'a1', label: 'GTS prod'}]}));
    const drawer = await screen.findByRole('dialog', {name: 'GTS EAB'});
    expect(await within(drawer).findByText('Expires')).toBeTruthy();
    expect(within(drawer).getByText(new Date(2099, 5, 3).toLocaleDateString())).toBeTruthy();
    expect(within(drawer).getByText('Single use')).toBeTruthy();
    expect(within(drawer).getByText('Yes')).toBeTruthy();
    expect(within(drawer).getByText(/^Already used/)).toBeTruthy();
    expect(within(drawer).getByText('account: GTS prod')).toBeTruthy();
    expect(within(drawer).getByText('kid-9')).toBeTruthy();
    expect(within(drawer).queryByRole('button', {name: 'Check'})).toBeNull();
  });

  it('gets EAB credentials from ZeroSSL with an access key', async () => {
    const zk = makeCredential(3, {name: 'ZeroSSL key', kind: 'zerossl_access_key', secretsSet: ['access_key']});
    const {onChanged} = setup(makeCredentialDetails(zk));
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', {name: 'ZeroSSL key'});
    zeroSSLEABFromAccessKey.mockResolvedValue(makeCredential(4, {name: 'ZeroSSL EAB', kind: 'eab'}));
    await user.click(await within(drawer).findByRole('button', {name: 'Get EAB credentials from ZeroSSL'}));
    expect(zeroSSLEABFromAccessKey).toHaveBeenCalledWith('cred-3');
    expect(await screen.findByText('Stored as “ZeroSSL EAB”.')).toBeTruthy();
    expect(onChanged).toHaveBeenCalled();
  });
});
