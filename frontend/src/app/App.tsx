import {MantineProvider} from '@mantine/core';
import {Notifications} from '@mantine/notifications';
import {VaultGate} from '../features/vault/VaultGate';
import {Shell} from './Shell';
import {theme} from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" limit={4} />
      <VaultGate>
        <Shell />
      </VaultGate>
    </MantineProvider>
  );
}
