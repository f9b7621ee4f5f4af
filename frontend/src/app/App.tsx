import {MantineProvider} from '@mantine/core';
import {Notifications} from '@mantine/notifications';
import {SettingsProvider} from '../features/settings/SettingsProvider';
import {VaultGate} from '../features/vault/VaultGate';
import {Shell} from './Shell';
import {theme} from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      {/* Bottom left, below the navbar: drawers open on the right, so a toast never covers their buttons. */}
      <Notifications position="bottom-left" limit={4} />
      <VaultGate>
        <SettingsProvider>
          <Shell />
        </SettingsProvider>
      </VaultGate>
    </MantineProvider>
  );
}
