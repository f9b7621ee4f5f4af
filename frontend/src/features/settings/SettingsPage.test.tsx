import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
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

beforeEach(() => {
  vi.clearAllMocks();
  getSettings.mockResolvedValue({showDebug: false});
  saveSettings.mockResolvedValue();
});

function DebugProbe() {
  return <span data-testid="probe">{useShowDebug() ? 'debug on' : 'debug off'}</span>;
}

function renderWith(info: AppInfo) {
  renderWithProviders(
    <AppInfoContext.Provider value={{info, reload: async () => {}}}>
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
