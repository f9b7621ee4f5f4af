import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {ALGORITHMS, appError, deferred, makeKey} from '../../test/fixtures';
import {GenerateKeyModal} from './GenerateKeyModal';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const generateKey = vi.mocked(bridge.generateKey);
const cancelJob = vi.mocked(bridge.cancelJob);

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(bridge.keyAlgorithms).mockResolvedValue(ALGORITHMS);
  cancelJob.mockResolvedValue();
});

function setup() {
  const onGenerated = vi.fn();
  const onClose = vi.fn();
  renderWithProviders(<GenerateKeyModal opened onClose={onClose} onGenerated={onGenerated} />);
  return {onGenerated, onClose, user: userEvent.setup()};
}

describe('GenerateKeyModal', () => {
  it('defaults to the recommended algorithm, marked as such', async () => {
    setup();
    const select = screen.getByRole('combobox', {name: 'Algorithm'}) as HTMLInputElement;
    await waitFor(() => expect(select.value).toBe('ECDSA P-384 (recommended)'));
  });

  it('requires a name', async () => {
    const {user} = setup();
    await waitFor(() => expect((screen.getByRole('combobox', {name: 'Algorithm'}) as HTMLInputElement).value).not.toBe(''));
    await user.click(screen.getByRole('button', {name: 'Generate'}));
    expect(await screen.findByText('Enter a name for the key.')).toBeTruthy();
    expect(generateKey).not.toHaveBeenCalled();
  });

  it('generates an ec384 key, shows progress and Cancel while pending, and Cancel cancels that job', async () => {
    const pending = deferred<bridge.Key>();
    generateKey.mockReturnValue(pending.promise);
    const {user, onGenerated} = setup();
    await waitFor(() =>
      expect((screen.getByRole('combobox', {name: 'Algorithm'}) as HTMLInputElement).value).toContain('P-384'),
    );
    expect((screen.getByRole('button', {name: 'Cancel'}) as HTMLButtonElement).disabled).toBe(false);

    await user.type(screen.getByRole('textbox', {name: 'Name'}), 'Production');
    await user.type(screen.getByRole('textbox', {name: 'Description'}), 'Main account');
    await user.keyboard('{Tab}');
    await user.click(screen.getByRole('button', {name: 'Generate'}));

    expect(generateKey).toHaveBeenCalledTimes(1);
    const [jobId, name, description, algorithm] = generateKey.mock.calls[0];
    expect(jobId).toEqual(expect.any(String));
    expect(jobId.length).toBeGreaterThan(0);
    expect([name, description, algorithm]).toEqual(['Production', 'Main account', 'ec384']);

    expect(await screen.findByText(/^Generating… \d+s$/)).toBeTruthy();
    expect((screen.getByRole('textbox', {name: 'Name'}) as HTMLInputElement).disabled).toBe(true);
    const cancel = screen.getByRole('button', {name: 'Cancel'});
    await user.click(cancel);
    expect(cancelJob).toHaveBeenCalledWith(jobId);

    pending.reject(appError('cancelled', 'Key generation was cancelled.'));
    expect(await screen.findByText('Key generation was cancelled.')).toBeTruthy();
    expect((screen.getByRole('textbox', {name: 'Name'}) as HTMLInputElement).disabled).toBe(false);
    expect(onGenerated).not.toHaveBeenCalled();
  });

  it('passes the chosen algorithm and reports the new key', async () => {
    const key = makeKey(7, {name: 'Big RSA', algorithm: 'rsa4096'});
    generateKey.mockResolvedValue(key);
    const {user, onGenerated} = setup();
    const select = screen.getByRole('combobox', {name: 'Algorithm'}) as HTMLInputElement;
    await waitFor(() => expect(select.value).toContain('P-384'));
    await user.click(select);
    await user.click(await screen.findByRole('option', {name: 'RSA 4096'}));
    expect(select.value).toBe('RSA 4096');
    await user.type(screen.getByRole('textbox', {name: 'Name'}), 'Big RSA{Enter}');
    await waitFor(() => expect(onGenerated).toHaveBeenCalledWith(key));
    expect(generateKey.mock.calls[0][3]).toBe('rsa4096');
    expect(await screen.findByText('Key generated')).toBeTruthy();
  });

  it('shows other failures inline', async () => {
    generateKey.mockRejectedValue(appError('vault_locked', 'The vault is locked.', 'Unlock ACME Desk first.'));
    const {user} = setup();
    await waitFor(() => expect((screen.getByRole('combobox', {name: 'Algorithm'}) as HTMLInputElement).value).not.toBe(''));
    await user.type(screen.getByRole('textbox', {name: 'Name'}), 'X{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The vault is locked.');
    expect(alert.textContent).toContain('Unlock ACME Desk first.');
  });
});
