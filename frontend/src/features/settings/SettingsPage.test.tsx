import {describe, expect, it} from 'vitest';
import {screen} from '@testing-library/react';
import type {AppInfo} from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {AppInfoContext} from '../vault/AppInfoContext';
import {SettingsPage} from './SettingsPage';

function renderWith(info: AppInfo) {
  renderWithProviders(
    <AppInfoContext.Provider value={{info, reload: async () => {}}}>
      <SettingsPage />
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
});
