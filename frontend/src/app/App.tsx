import {MantineProvider} from '@mantine/core';
import {Notifications} from '@mantine/notifications';
import {SettingsProvider} from '../features/settings/SettingsProvider';
import {VaultGate} from '../features/vault/VaultGate';
import {Shell} from './Shell';
import {theme} from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" limit={4} />
      <VaultGate>
        <SettingsProvider>
          <Shell />
        </SettingsProvider>
      </VaultGate>
    </MantineProvider>
  );
}
