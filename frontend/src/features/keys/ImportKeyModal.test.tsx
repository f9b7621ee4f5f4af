import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {appError, makeKey} from '../../test/fixtures';
import {ImportKeyModal} from './ImportKeyModal';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const importKey = vi.mocked(bridge.importKey);

const PEM = '-----BEGIN PRIVATE KEY-----\nMIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDB\n-----END PRIVATE KEY-----\n';
const ENCRYPTED_PEM = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';

beforeEach(() => {
  vi.clearAllMocks();
});

function setup() {
  const onImported = vi.fn();
  renderWithProviders(<ImportKeyModal opened onClose={vi.fn()} onImported={onImported} />);
  return {onImported, user: userEvent.setup()};
}

async function fill(user: ReturnType<typeof userEvent.setup>, name: string, content: string) {
  await user.type(screen.getByRole('textbox', {name: 'Name'}), name);
  await user.click(screen.getByRole('textbox', {name: 'Key (PEM or JWK)'}));
  await user.paste(content);
}

describe('ImportKeyModal', () => {
  it('imports pasted text and reports the key', async () => {
    const key = makeKey(3, {name: 'Old key', source: 'imported'});
    importKey.mockResolvedValue(key);
    const {user, onImported} = setup();
    expect(screen.getByText('Drop a key file here or click to choose')).toBeTruthy();
    expect(screen.queryByLabelText('Key passphrase')).toBeNull();
    await fill(user, 'Old key', PEM);
    await user.click(screen.getByRole('button', {name: 'Import'}));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(key));
    expect(importKey).toHaveBeenCalledWith('Old key', '', PEM, '');
    expect(await screen.findByText('Key imported')).toBeTruthy();
  });

  it('asks for the passphrase after passphrase_required and sends it', async () => {
    importKey
      .mockRejectedValueOnce(appError('passphrase_required', 'This key file is encrypted.', 'Enter its passphrase.'))
      .mockResolvedValueOnce(makeKey(4));
    const {user, onImported} = setup();
    // A JWK-ish text without the ENCRYPTED marker: only the backend knows it needs a passphrase.
    await fill(user, 'Secret', PEM);
    await user.click(screen.getByRole('button', {name: 'Import'}));

    const field = await screen.findByLabelText('Key passphrase');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(onImported).not.toHaveBeenCalled();

    await user.type(field, 'hunter2-long{Enter}');
    await waitFor(() => expect(importKey).toHaveBeenCalledTimes(2));
    expect(importKey).toHaveBeenLastCalledWith('Secret', '', PEM, 'hunter2-long');
    await waitFor(() => expect(onImported).toHaveBeenCalled());
  });

  it('shows a wrong passphrase next to the field', async () => {
    importKey.mockRejectedValue(appError('wrong_passphrase', 'The passphrase does not open this key.'));
    const {user} = setup();
    await fill(user, 'Enc', ENCRYPTED_PEM);
    const field = screen.getByLabelText('Key passphrase');
    await user.type(field, 'nope');
    await user.click(screen.getByRole('button', {name: 'Import'}));
    expect(await screen.findByText('The passphrase does not open this key.')).toBeTruthy();
    // The message is the field's own error (described-by), not a separate alert.
    const describedBy = field.getAttribute('aria-describedby') ?? '';
    const errorEl = describedBy.split(' ').map((id) => document.getElementById(id)).find((el) => el?.textContent?.includes('does not open'));
    expect(errorEl).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(importKey).toHaveBeenCalledWith('Enc', '', ENCRYPTED_PEM, 'nope');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other backend errors inline, e.g. a duplicate', async () => {
    importKey.mockRejectedValue(appError('conflict', 'This key is already stored as “Production”.'));
    const {user} = setup();
    await fill(user, 'Dup', PEM);
    await user.click(screen.getByRole('button', {name: 'Import'}));
    expect((await screen.findByRole('alert')).textContent).toContain('already stored as “Production”');
  });

  it('validates name and key text before calling the backend', async () => {
    const {user} = setup();
    await user.click(screen.getByRole('button', {name: 'Import'}));
    expect(await screen.findByText('Enter a name for the key.')).toBeTruthy();
    expect(screen.getByText('Paste a key or drop a key file.')).toBeTruthy();
    expect(importKey).not.toHaveBeenCalled();
  });

  it('fills the key text from a chosen file and refuses files over 1 MiB', async () => {
    const {user} = setup();
    const input = screen.getByLabelText('Key file') as HTMLInputElement;
    const big = new File(['x'.repeat(1024 * 1024 + 1)], 'huge.pem', {type: 'application/x-pem-file'});
    await user.upload(input, big);
    expect((await screen.findByText(/larger than 1 MiB/)).textContent).toContain('huge.pem');
    expect((screen.getByRole('textbox', {name: 'Key (PEM or JWK)'}) as HTMLTextAreaElement).value).toBe('');

    await user.upload(input, new File([PEM], 'account.key'));
    await waitFor(() =>
      expect((screen.getByRole('textbox', {name: 'Key (PEM or JWK)'}) as HTMLTextAreaElement).value).toBe(PEM),
    );
    expect((screen.getByRole('textbox', {name: 'Name'}) as HTMLInputElement).value).toBe('account');
    expect(screen.queryByText(/larger than 1 MiB/)).toBeNull();
  });
});
