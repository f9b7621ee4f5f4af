import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import type {AppInfo} from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {appError} from '../../test/fixtures';
import {AppInfoContext} from '../vault/AppInfoContext';
import {SettingsPage} from './SettingsPage';
import {SettingsProvider} from './SettingsProvider';
import {useShowDebug} from './useSettings';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const getSettings = vi.mocked(bridge.getSettings);
const saveSettings = vi.mocked(bridge.saveSettings);
const backupToFile = vi.mocked(bridge.backupToFile);
const chooseBackupFile = vi.mocked(bridge.chooseBackupFile);
const planRestore = vi.mocked(bridge.planRestore);
const restoreBackup = vi.mocked(bridge.restoreBackup);

beforeEach(() => {
  vi.clearAllMocks();
  getSettings.mockResolvedValue({showDebug: false});
  saveSettings.mockResolvedValue();
});

function DebugProbe() {
  return <span data-testid="probe">{useShowDebug() ? 'debug on' : 'debug off'}</span>;
}

function renderWith(info: AppInfo, reload: () => Promise<void> = async () => {}) {
  renderWithProviders(
    <AppInfoContext.Provider value={{info, reload}}>
      <SettingsProvider>
        <SettingsPage />
        <DebugProbe />
      </SettingsProvider>
    </AppInfoContext.Provider>,
  );
}

describe('SettingsPage', () => {
  it('shows keychain protection and the data folder', () => {
    renderWith({dataDir: '/home/me/.config/acmedesk', vault: {state: 'unlocked', protection: 'keychain'}});
    expect(screen.getByRole('heading', {name: 'Settings'})).toBeTruthy();
    expect(screen.getByText('Protected by the OS keychain')).toBeTruthy();
    expect(screen.queryByText('Protected by a passphrase')).toBeNull();
    expect(screen.getByText('/home/me/.config/acmedesk')).toBeTruthy();
  });

  it('shows passphrase protection', () => {
    renderWith({dataDir: '/d', vault: {state: 'unlocked', protection: 'passphrase'}});
    expect(screen.getByText('Protected by a passphrase')).toBeTruthy();
    expect(screen.queryByText('Protected by the OS keychain')).toBeNull();
  });

  it('loads "Show debug information" and saves a change immediately', async () => {
    getSettings.mockResolvedValue({showDebug: true});
    renderWith({dataDir: '/d', vault: {state: 'unlocked', protection: 'keychain'}});
    const toggle = screen.getByRole('switch', {name: 'Show debug information'}) as HTMLInputElement;
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect(screen.getByText('Shows account URLs (KID) and the raw ACME problem behind errors.')).toBeTruthy();
    expect(screen.getByTestId('probe').textContent).toBe('debug on');

    await userEvent.click(toggle);
    expect(saveSettings).toHaveBeenCalledWith({showDebug: false});
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(screen.getByTestId('probe').textContent).toBe('debug off');
  });

  it('keeps the old value and reports the error when saving fails', async () => {
    saveSettings.mockRejectedValue(appError('internal', 'Could not save the settings.'));
    renderWith({dataDir: '/d', vault: {state: 'unlocked', protection: 'keychain'}});
    await waitFor(() => expect(getSettings).toHaveBeenCalled());
    const toggle = screen.getByRole('switch', {name: 'Show debug information'}) as HTMLInputElement;
    await userEvent.click(toggle);
    expect(await screen.findByText('Could not save the settings.')).toBeTruthy();
    expect(toggle.checked).toBe(false);
  });
});

const INFO: AppInfo = {dataDir: '/d', vault: {state: 'unlocked', protection: 'keychain'}};

describe('Backup and restore', () => {
  it('refuses short or mismatched passphrases, then saves the backup and reports where', async () => {
    backupToFile.mockResolvedValue('/home/me/acmedesk-backup.acmedesk');
    renderWith(INFO);
    const user = userEvent.setup();
    expect(screen.getByRole('heading', {name: 'Backup and restore'})).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Back up'}));
    const dialog = await screen.findByRole('dialog', {name: 'Encrypted backup'});
    expect(within(dialog).getByText(/holds every key, account and credential, encrypted with this passphrase/)).toBeTruthy();
    expect(within(dialog).getByText(/without it the backup cannot be read/)).toBeTruthy();

    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'short');
    await user.type(within(dialog).getByLabelText('Repeat passphrase'), 'short');
    await user.click(within(dialog).getByRole('button', {name: 'Save backup'}));
    expect(within(dialog).getByText('Use at least 10 characters.')).toBeTruthy();
    expect(backupToFile).not.toHaveBeenCalled();

    await user.clear(within(dialog).getByLabelText('Backup passphrase'));
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'correct horse battery');
    await user.clear(within(dialog).getByLabelText('Repeat passphrase'));
    await user.type(within(dialog).getByLabelText('Repeat passphrase'), 'correct horse batterY');
    await user.click(within(dialog).getByRole('button', {name: 'Save backup'}));
    expect(within(dialog).getByText('The passphrases do not match.')).toBeTruthy();
    expect(backupToFile).not.toHaveBeenCalled();

    await user.clear(within(dialog).getByLabelText('Repeat passphrase'));
    await user.type(within(dialog).getByLabelText('Repeat passphrase'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', {name: 'Save backup'}));
    expect(backupToFile).toHaveBeenCalledWith('correct horse battery');
    expect(await screen.findByText('Backup saved to /home/me/acmedesk-backup.acmedesk')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Encrypted backup'})).toBeNull());
  });

  it('keeps the backup modal open when the save dialog is cancelled', async () => {
    backupToFile.mockResolvedValue('');
    renderWith(INFO);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', {name: 'Back up'}));
    const dialog = await screen.findByRole('dialog', {name: 'Encrypted backup'});
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'correct horse battery');
    await user.type(within(dialog).getByLabelText('Repeat passphrase'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', {name: 'Save backup'}));
    expect(backupToFile).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog', {name: 'Encrypted backup'})).toBeTruthy();
    expect(screen.queryByText(/Backup saved to/)).toBeNull();
  });

  it('checks the backup, lists what will happen, then restores with "merge" and reloads', async () => {
    const reload = vi.fn(async () => {});
    const renamed = {bucket: 'keys', id: 'key-1', name: 'Prod key', reason: 'Renamed here to "Prod" since the backup.', replaceable: true};
    const plan = {
      add: [
        {bucket: 'keys', id: 'key-9', name: 'Web key'},
        {bucket: 'accounts', id: 'acct-9'},
      ],
      same: [{bucket: 'cas', id: 'custom-1', name: 'In-house step-ca'}],
      replace: [],
      conflicts: [{bucket: 'credentials', id: 'cred-1', name: 'Cloudflare', reason: 'Another key here is named "x".'}, renamed],
    };
    chooseBackupFile.mockResolvedValue('/home/me/acmedesk-backup.acmedesk');
    planRestore.mockResolvedValue(plan);
    restoreBackup.mockResolvedValue({...plan, replace: [renamed], conflicts: plan.conflicts.slice(0, 1)});
    renderWith(INFO, reload);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', {name: 'Restore'}));
    const dialog = await screen.findByRole('dialog', {name: 'Restore backup'});
    await user.click(within(dialog).getByRole('button', {name: 'Choose backup file'}));
    const file = within(dialog).getByRole('textbox', {name: 'Backup file'}) as HTMLInputElement;
    await waitFor(() => expect(file.value).toBe('/home/me/acmedesk-backup.acmedesk'));
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'correct horse battery');
    expect(within(dialog).queryByRole('button', {name: 'Restore'})).toBeNull();
    await user.click(within(dialog).getByRole('button', {name: 'Check backup'}));
    expect(planRestore).toHaveBeenCalledWith('/home/me/acmedesk-backup.acmedesk', 'correct horse battery');
    expect(restoreBackup).not.toHaveBeenCalled();

    const add = await within(dialog).findByTestId('plan-add');
    expect(within(add).getByText('Will be added (2)')).toBeTruthy();
    // Records are named, not shown by their internal ids (unless they have no name).
    expect(within(add).getByText('Web key')).toBeTruthy();
    expect(within(add).queryByText(/key-9/)).toBeNull();
    expect(within(add).getByText('acct-9')).toBeTruthy();
    expect(within(add).getByText('Key')).toBeTruthy();
    const same = within(dialog).getByTestId('plan-same');
    expect(within(same).getByText('Already identical (1)')).toBeTruthy();
    expect(within(same).getByText('In-house step-ca')).toBeTruthy();
    const conflicts = within(dialog).getByTestId('plan-conflicts');
    expect(within(conflicts).getByText('Conflicts (2)')).toBeTruthy();
    expect(within(conflicts).getByText('Renamed here to "Prod" since the backup.')).toBeTruthy();
    // Only the record that changed here can take the backup's version.
    expect(within(conflicts).queryByRole('checkbox', {name: "Take the backup's version of Cloudflare"})).toBeNull();
    await user.click(within(conflicts).getByRole('checkbox', {name: "Take the backup's version of Prod key"}));
    expect(within(dialog).getByText(/1 conflict kept as they are, 1 replaced by the backup's version/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', {name: 'Restore'}));
    expect(restoreBackup).toHaveBeenCalledWith('/home/me/acmedesk-backup.acmedesk', 'correct horse battery', 'merge', ['key-1']);
    expect(await screen.findByText(/2 records added, 1 already identical, 1 replaced by the backup's version, 1 kept as they are/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Restore backup'})).toBeNull());
    expect(reload).toHaveBeenCalled();
  });

  it('shows a wrong passphrase inline and restores nothing', async () => {
    planRestore.mockRejectedValue(
      appError('wrong_passphrase', 'The passphrase does not open this backup.', 'Check the passphrase, or whether the file is damaged.'),
    );
    renderWith(INFO);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', {name: 'Restore'}));
    const dialog = await screen.findByRole('dialog', {name: 'Restore backup'});
    await user.click(within(dialog).getByRole('button', {name: 'Check backup'}));
    expect(within(dialog).getByText('Choose the backup file.')).toBeTruthy();
    expect(planRestore).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', {name: 'Backup file'}), '/tmp/b.acmedesk');
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'wrong one!!');
    await user.click(within(dialog).getByRole('button', {name: 'Check backup'}));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The passphrase does not open this backup.');
    expect(alert.textContent).toContain('Check the passphrase, or whether the file is damaged.');
    expect(within(dialog).queryByTestId('restore-plan')).toBeNull();
    expect(within(dialog).queryByRole('button', {name: 'Restore'})).toBeNull();
    expect(restoreBackup).not.toHaveBeenCalled();
  });
});
