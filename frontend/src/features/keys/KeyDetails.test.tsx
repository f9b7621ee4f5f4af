import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {appError, makeDetails, makeKey} from '../../test/fixtures';
import {KeyDetails} from './KeyDetails';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const getKey = vi.mocked(bridge.getKey);
const updateKey = vi.mocked(bridge.updateKey);
const exportKey = vi.mocked(bridge.exportKey);
const deleteKey = vi.mocked(bridge.deleteKey);

beforeEach(() => {
  vi.clearAllMocks();
});

function setup(details: bridge.KeyDetails) {
  getKey.mockResolvedValue(details);
  const props = {onClose: vi.fn(), onChanged: vi.fn(), onDeleted: vi.fn()};
  renderWithProviders(<KeyDetails keyId={details.id} {...props} />);
  return {...props, user: userEvent.setup()};
}

const button = (name: string) => screen.getByRole('button', {name}) as HTMLButtonElement;

describe('KeyDetails', () => {
  it('shows the identity of the key', async () => {
    const key = makeKey(1, {name: 'Production', source: 'imported', importFormat: 'PKCS#8'});
    setup(makeDetails(key));
    expect(await screen.findByText('SHA-256 fingerprint')).toBeTruthy();
    expect(screen.getByText(key.fingerprintSha256)).toBeTruthy();
    expect(screen.getByText('JWK thumbprint (RFC 7638)')).toBeTruthy();
    expect(screen.getByText(key.jwkThumbprint)).toBeTruthy();
    expect(screen.getByText('Imported (PKCS#8)')).toBeTruthy();
    expect(screen.getByText('Not used by any account yet.')).toBeTruthy();
    expect((screen.getByRole('textbox', {name: 'Name'}) as HTMLInputElement).value).toBe('Production');
    expect(screen.getByRole('button', {name: 'Copy SHA-256 fingerprint'})).toBeTruthy();
  });

  it('disables export while Allow export is off, and the switch turns it on', async () => {
    const key = makeKey(1, {name: 'Production', description: 'main', allowExport: false});
    const {user, onChanged} = setup(makeDetails(key));
    await screen.findByText('SHA-256 fingerprint');
    expect(button('Export PEM').disabled).toBe(true);
    expect(button('Export JWK').disabled).toBe(true);
    const toggle = screen.getByRole('switch', {name: 'Allow export'}) as HTMLInputElement;
    expect(toggle.checked).toBe(false);

    updateKey.mockResolvedValue({...key, allowExport: true});
    await user.click(toggle);
    expect(updateKey).toHaveBeenCalledWith('key-1', 'Production', 'main', true);
    await waitFor(() => expect(button('Export PEM').disabled).toBe(false));
    expect(button('Export JWK').disabled).toBe(false);
    expect(onChanged).toHaveBeenCalled();
  });

  it('confirms before exporting and reports the path', async () => {
    const key = makeKey(1, {allowExport: true});
    const {user} = setup(makeDetails(key));
    await screen.findByText('SHA-256 fingerprint');
    exportKey.mockResolvedValue('/home/me/key-1.pem');
    await user.click(button('Export PEM'));
    expect(await screen.findByText('Export private key?')).toBeTruthy();
    expect(exportKey).not.toHaveBeenCalled();
    await user.click(button('Export'));
    expect(exportKey).toHaveBeenCalledWith('key-1', 'pem');
    expect(await screen.findByText('Exported to /home/me/key-1.pem')).toBeTruthy();
  });

  it('disables Delete for a key in use and lists its users', async () => {
    const key = makeKey(1);
    setup(makeDetails(key, {usedBy: [{kind: 'account', id: 'a1', label: 'Let’s Encrypt (prod)'}]}));
    await screen.findByText('SHA-256 fingerprint');
    expect(screen.getByText('account: Let’s Encrypt (prod)')).toBeTruthy();
    expect(button('Delete').disabled).toBe(true);
    expect(screen.queryByText('Not used by any account yet.')).toBeNull();
  });

  it('deletes an unused key after confirmation', async () => {
    const key = makeKey(1, {name: 'Old'});
    const {user, onDeleted} = setup(makeDetails(key));
    await screen.findByText('SHA-256 fingerprint');
    deleteKey.mockResolvedValue();
    await user.click(button('Delete'));
    expect(await screen.findByText('Delete key?')).toBeTruthy();
    await user.click(button('Delete key'));
    expect(deleteKey).toHaveBeenCalledWith('key-1');
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('key-1'));
  });

  it('shows the backend refusal when the key turned out to be in use', async () => {
    const key = makeKey(1, {name: 'Old'});
    const {user, onDeleted} = setup(makeDetails(key));
    await screen.findByText('SHA-256 fingerprint');
    deleteKey.mockRejectedValue(appError('in_use', 'The key is used by account “prod”.', 'Remove it from the account first.'));
    await user.click(button('Delete'));
    await user.click(await screen.findByRole('button', {name: 'Delete key'}));
    expect(await screen.findByText('The key is used by account “prod”.')).toBeTruthy();
    expect(screen.getByText('Remove it from the account first.')).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it('saves name and description', async () => {
    const key = makeKey(1, {name: 'Old name', description: ''});
    const {user, onChanged} = setup(makeDetails(key));
    await screen.findByText('SHA-256 fingerprint');
    expect(button('Save').disabled).toBe(true);
    updateKey.mockResolvedValue({...key, name: 'New name', description: 'Why'});
    const name = screen.getByRole('textbox', {name: 'Name'});
    await user.clear(name);
    await user.type(name, 'New name');
    await user.type(screen.getByRole('textbox', {name: 'Description'}), 'Why');
    await user.click(button('Save'));
    expect(updateKey).toHaveBeenCalledWith('key-1', 'New name', 'Why', false);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });
});
