import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {appError} from '../../test/fixtures';
import {VaultGate} from './VaultGate';
import {useAppInfo} from './AppInfoContext';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const info = vi.mocked(bridge.info);
const unlock = vi.mocked(bridge.unlock);
const setUpPassphrase = vi.mocked(bridge.setUpPassphrase);
const retryKeychain = vi.mocked(bridge.retryKeychain);
const chooseBackupFile = vi.mocked(bridge.chooseBackupFile);
const restoreIntoNewFolder = vi.mocked(bridge.restoreIntoNewFolder);
const RECOVERED: bridge.Recovered = {
  setAside: '/data.set-aside-2026-12-02-031300',
  plan: {add: [{bucket: 'keys', id: 'k1', name: 'Prod key'}], same: [], replace: [], conflicts: []},
};

const UNLOCKED: bridge.AppInfo = {dataDir: '/data', vault: {state: 'unlocked', protection: 'passphrase'}};

function Inside() {
  const {info} = useAppInfo();
  return <p>{`App for ${info.dataDir}`}</p>;
}

function setup() {
  renderWithProviders(
    <VaultGate>
      <Inside />
    </VaultGate>,
  );
  return userEvent.setup();
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('VaultGate', () => {
  it('shows the app once the vault is unlocked', async () => {
    info.mockResolvedValue(UNLOCKED);
    setup();
    expect(await screen.findByText('App for /data')).toBeTruthy();
  });

  it('shows a startup failure full page with Try again', async () => {
    info
      .mockRejectedValueOnce(
        appError('database_in_use', "ACME Desk's data is in use by another ACME Desk process.", 'Close the other ACME Desk window.', 'timeout'),
      )
      .mockResolvedValueOnce(UNLOCKED);
    const user = setup();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("ACME Desk's data is in use by another ACME Desk process.");
    expect(alert.textContent).toContain('Close the other ACME Desk window.');
    expect(screen.queryByText('App for /data')).toBeNull();
    await user.click(screen.getByRole('button', {name: 'Try again'}));
    expect(await screen.findByText('App for /data')).toBeTruthy();
    expect(info).toHaveBeenCalledTimes(2);
  });

  it('while the backend is still opening the data, says why and asks again by itself', async () => {
    info
      .mockRejectedValueOnce(appError('starting', 'ACME Desk is still opening its data.', 'If your keychain is asking to be unlocked, answer it.'))
      .mockRejectedValueOnce(appError('database_in_use', "ACME Desk's data is in use by another ACME Desk process.", 'Close the other one.'));
    setup();
    expect(await screen.findByText('ACME Desk is still opening its data.')).toBeTruthy();
    expect(screen.getByText('If your keychain is asking to be unlocked, answer it.')).toBeTruthy();
    // The next answer is the screen the failure was designed to show, with its way out.
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('in use by another ACME Desk process');
    expect(screen.getByRole('button', {name: 'Try again'})).toBeTruthy();
    expect(info).toHaveBeenCalledTimes(2);
  });

  describe('first run without a keychain', () => {
    const NEW: bridge.AppInfo = {
      dataDir: '/data',
      vault: {state: 'new', keychainProblem: 'No OS keychain answered.', keychainDetail: 'dbus: no such service'},
    };

    it('says a locked keychain is locked, and offers to try it again', async () => {
      info.mockResolvedValue({dataDir: '/data', vault: {state: 'new', keychainLocked: true, keychainProblem: 'Your keychain is locked.'}});
      setup();
      expect(await screen.findByText(/but your keychain is locked: unlock it and try the keychain again/)).toBeTruthy();
      expect(screen.queryByText(/no OS keychain answered/)).toBeNull();
      expect(screen.getByRole('button', {name: /Try the keychain again/})).toBeTruthy();
    });

    it('asks for a passphrase and validates a mismatch and the length', async () => {
      info.mockResolvedValue(NEW);
      const user = setup();
      expect(await screen.findByRole('heading', {name: 'Protect your vault'})).toBeTruthy();
      expect(screen.getByText('No OS keychain answered.')).toBeTruthy();
      expect(screen.queryByText('dbus: no such service')).toBeNull();
      await user.click(screen.getByRole('button', {name: 'Details'}));
      expect(await screen.findByText('dbus: no such service')).toBeTruthy();

      await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
      await user.type(screen.getByLabelText('Repeat passphrase'), 'correct horse battery!');
      await user.click(screen.getByRole('button', {name: 'Create vault'}));
      expect(await screen.findByText('The passphrases do not match.')).toBeTruthy();
      expect(setUpPassphrase).not.toHaveBeenCalled();

      await user.clear(screen.getByLabelText('Passphrase'));
      await user.clear(screen.getByLabelText('Repeat passphrase'));
      await user.type(screen.getByLabelText('Passphrase'), 'short');
      await user.type(screen.getByLabelText('Repeat passphrase'), 'short{Enter}');
      expect(await screen.findByText(/Use at least 10 characters/)).toBeTruthy();
      expect(setUpPassphrase).not.toHaveBeenCalled();
    });

    it('creates the vault and then shows the app', async () => {
      info.mockResolvedValueOnce(NEW).mockResolvedValueOnce(UNLOCKED);
      setUpPassphrase.mockResolvedValue();
      const user = setup();
      await user.type(await screen.findByLabelText('Passphrase'), 'correct horse battery');
      await user.type(screen.getByLabelText('Repeat passphrase'), 'correct horse battery');
      await user.click(screen.getByRole('button', {name: 'Create vault'}));
      expect(setUpPassphrase).toHaveBeenCalledWith('correct horse battery');
      expect(await screen.findByText('App for /data')).toBeTruthy();
    });

    it('can try the keychain again', async () => {
      info.mockResolvedValueOnce(NEW).mockResolvedValueOnce({dataDir: '/data', vault: {state: 'unlocked', protection: 'keychain'}});
      retryKeychain.mockResolvedValue({state: 'unlocked', protection: 'keychain'});
      const user = setup();
      await user.click(await screen.findByRole('button', {name: 'Try the keychain again'}));
      expect(retryKeychain).toHaveBeenCalled();
      expect(await screen.findByText('App for /data')).toBeTruthy();
    });
  });

  describe('unlock', () => {
    const LOCKED: bridge.AppInfo = {dataDir: '/data', vault: {state: 'locked', protection: 'passphrase'}};

    it('shows a wrong passphrase inline, clears and focuses the field', async () => {
      info.mockResolvedValue(LOCKED);
      unlock.mockRejectedValue(appError('wrong_passphrase', 'That passphrase is not right.', 'Check Caps Lock.'));
      const user = setup();
      const field = (await screen.findByLabelText('Passphrase')) as HTMLInputElement;
      await user.type(field, 'not the one{Enter}');
      expect(unlock).toHaveBeenCalledWith('not the one');
      expect(await screen.findByText('That passphrase is not right. Check Caps Lock.')).toBeTruthy();
      expect(field.value).toBe('');
      expect(document.activeElement).toBe(field);
      expect(screen.queryByText('App for /data')).toBeNull();
    });

    it('unlocks with the right passphrase', async () => {
      info.mockResolvedValueOnce(LOCKED).mockResolvedValueOnce(UNLOCKED);
      unlock.mockResolvedValue();
      const user = setup();
      await user.type(await screen.findByLabelText('Passphrase'), 'the right one');
      await user.click(screen.getByRole('button', {name: 'Unlock'}));
      expect(await screen.findByText('App for /data')).toBeTruthy();
    });
  });

  it("says so when the keychain answers but this folder's key is not in it, with the way out", async () => {
    info
      .mockResolvedValueOnce({
        dataDir: '/data',
        vault: {
          state: 'locked',
          protection: 'keychain',
          keyMissing: true,
          keychainProblem: "This data folder's vault key is not in your keychain.",
          keychainHint: 'Restore your latest ACME Desk backup into a new data folder (`acmedesk recover BACKUP-FILE`).',
        },
      })
      .mockResolvedValue(UNLOCKED);
    chooseBackupFile.mockResolvedValue('/backups/latest.acmedesk');
    restoreIntoNewFolder.mockRejectedValueOnce(appError('wrong_passphrase', 'The passphrase does not open this backup.')).mockResolvedValue(RECOVERED);
    const user = setup();
    expect(await screen.findByRole('heading', {name: "This data folder's key is not in your keychain"})).toBeTruthy();
    expect(screen.getByText(/acmedesk recover BACKUP-FILE/)).toBeTruthy();
    expect(screen.queryByText(/did not answer/)).toBeNull();

    await user.click(screen.getByRole('button', {name: 'Restore a backup into a new data folder'}));
    const dialog = await screen.findByRole('dialog', {name: 'Restore a backup into a new data folder'});
    expect(within(dialog).getByText(/\(\/data\) is kept as it is/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', {name: 'Restore into a new data folder'}));
    expect(within(dialog).getByText('Choose the backup file.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', {name: 'Choose backup file'}));
    await waitFor(() => expect((within(dialog).getByRole('textbox', {name: 'Backup file'}) as HTMLInputElement).value).toBe('/backups/latest.acmedesk'));
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'wrong one');
    await user.click(within(dialog).getByRole('button', {name: 'Restore into a new data folder'}));
    expect(await within(dialog).findByText('The passphrase does not open this backup.')).toBeTruthy();
    expect(restoreIntoNewFolder).toHaveBeenLastCalledWith('/backups/latest.acmedesk', 'wrong one', '');

    // A passphrase for the new vault instead of the keychain: asked twice.
    await user.click(within(dialog).getByText('A passphrase'));
    await user.type(within(dialog).getByLabelText('New vault passphrase'), 'a new vault passphrase');
    await user.type(within(dialog).getByLabelText('Repeat the new vault passphrase'), 'a new vault passphrasE');
    await user.click(within(dialog).getByRole('button', {name: 'Restore into a new data folder'}));
    expect(within(dialog).getByText('The passphrases do not match.')).toBeTruthy();
    expect(restoreIntoNewFolder).toHaveBeenCalledTimes(1);
    await user.clear(within(dialog).getByLabelText('Repeat the new vault passphrase'));
    await user.type(within(dialog).getByLabelText('Repeat the new vault passphrase'), 'a new vault passphrase');
    await user.click(within(dialog).getByRole('button', {name: 'Restore into a new data folder'}));
    expect(restoreIntoNewFolder).toHaveBeenLastCalledWith('/backups/latest.acmedesk', 'wrong one', 'a new vault passphrase');
    expect(await screen.findByText('App for /data')).toBeTruthy();
    expect(screen.getByText(/kept as it was, as \/data.set-aside-2026-12-02-031300/)).toBeTruthy();
  });

  it('offers the same way out when the database is damaged', async () => {
    info
      .mockRejectedValueOnce(appError('data_damaged', "ACME Desk's database is damaged, so it cannot be opened."))
      .mockResolvedValue(UNLOCKED);
    chooseBackupFile.mockResolvedValue('/backups/latest.acmedesk');
    restoreIntoNewFolder.mockResolvedValue(RECOVERED);
    const user = setup();
    expect(await screen.findByText("ACME Desk's database is damaged, so it cannot be opened.")).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Restore a backup into a new data folder'}));
    const dialog = await screen.findByRole('dialog', {name: 'Restore a backup into a new data folder'});
    await user.click(within(dialog).getByRole('button', {name: 'Choose backup file'}));
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'backup passphrase');
    await waitFor(() => expect((within(dialog).getByRole('textbox', {name: 'Backup file'}) as HTMLInputElement).value).not.toBe(''));
    await user.click(within(dialog).getByRole('button', {name: 'Restore into a new data folder'}));
    expect(await screen.findByText('App for /data')).toBeTruthy();
    expect(restoreIntoNewFolder).toHaveBeenCalledWith('/backups/latest.acmedesk', 'backup passphrase', '');
  });

  it('offers no way out for a database merely in use', async () => {
    info.mockRejectedValue(appError('database_in_use', "ACME Desk's data is in use by the ACME Desk window (process 7)."));
    setup();
    expect(await screen.findByText(/in use by the ACME Desk window/)).toBeTruthy();
    expect(screen.queryByRole('button', {name: 'Restore a backup into a new data folder'})).toBeNull();
  });

  it('says the keychain is locked, not that it did not answer', async () => {
    info.mockResolvedValue({
      dataDir: '/data',
      vault: {
        state: 'locked',
        protection: 'keychain',
        keychainLocked: true,
        keychainProblem: 'Your keychain is locked, so ACME Desk cannot read its vault key.',
        keychainHint: 'Unlock your keychain (it may ask for your login password), then try again.',
      },
    });
    setup();
    expect(await screen.findByRole('heading', {name: 'Your keychain is locked'})).toBeTruthy();
    expect(screen.getByRole('button', {name: 'Try the keychain again'})).toBeTruthy();
    expect(screen.queryByText(/did not answer/)).toBeNull();
    expect(screen.queryByRole('button', {name: 'Restore a backup into a new data folder'})).toBeNull();
  });

  it('explains a keychain vault whose keychain does not answer', async () => {
    info.mockResolvedValue({
      dataDir: '/data',
      vault: {state: 'locked', protection: 'keychain', keychainProblem: 'No OS keychain answered.'},
    });
    retryKeychain.mockRejectedValue(appError('keychain_unavailable', 'The keychain is still not answering.'));
    const user = setup();
    expect(await screen.findByText('No OS keychain answered.')).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Try the keychain again'}));
    expect(retryKeychain).toHaveBeenCalled();
    expect(await screen.findByText('The keychain is still not answering.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('App for /data')).toBeNull());
  });
});
