import {useCallback, useEffect, useMemo, useState, type ReactNode} from 'react';
import {Button, Center, Group, Loader, Stack, Text} from '@mantine/core';
import {info as loadInfo, toAppError, type AppError, type AppInfo} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {AppInfoContext} from './AppInfoContext';
import {GatePage} from './GatePage';
import {KeychainProblem} from './KeychainProblem';
import {PassphraseSetup} from './PassphraseSetup';
import {RestoreIntoNewFolder} from './RestoreIntoNewFolder';
import {UnlockScreen} from './UnlockScreen';
import {useRetryKeychain} from './useRetryKeychain';

type GateState =
  | {kind: 'loading'}
  | {kind: 'starting'; error: AppError}
  | {kind: 'failed'; error: AppError}
  | {kind: 'ready'; info: AppInfo};

/** How often the page asks again while the backend is still opening the data. */
const STARTING_POLL_MS = 500;

/** Shows the app only once the vault is unlocked; otherwise the screen that gets it there. */
export function VaultGate({children}: {children: ReactNode}) {
  const [state, setState] = useState<GateState>({kind: 'loading'});

  const reload = useCallback(async () => {
    try {
      setState({kind: 'ready', info: await loadInfo()});
    } catch (e) {
      const error = toAppError(e);
      // Still opening (a keychain prompt may be up): keep waiting, saying why.
      setState(error.code === 'starting' ? {kind: 'starting', error} : {kind: 'failed', error});
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (state.kind !== 'starting') return;
    const timer = setTimeout(() => void reload(), STARTING_POLL_MS);
    return () => clearTimeout(timer);
  }, [state, reload]);

  const ctx = useMemo(() => (state.kind === 'ready' ? {info: state.info, reload} : null), [state, reload]);

  switch (state.kind) {
    case 'loading':
      return (
        <Center mih="100dvh">
          <Loader aria-label="Starting ACME Desk" />
        </Center>
      );
    case 'starting':
      return (
        <Center mih="100dvh">
          <Stack align="center" gap="sm" maw={420}>
            <Loader aria-label="Starting ACME Desk" />
            <Text ta="center">{state.error.message}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {state.error.hint}
            </Text>
          </Stack>
        </Center>
      );
    case 'failed':
      return <StartupError error={state.error} retry={reload} />;
  }

  const {vault} = state.info;
  if (vault.state === 'new') return <PassphraseSetup vault={vault} reload={reload} />;
  if (vault.state === 'locked') {
    if (vault.protection === 'passphrase') return <UnlockScreen reload={reload} />;
    return <KeychainLocked info={state.info} reload={reload} />;
  }
  return <AppInfoContext.Provider value={ctx}>{children}</AppInfoContext.Provider>;
}

function StartupError({error, retry}: {error: AppError; retry: () => Promise<void>}) {
  const [busy, setBusy] = useState(false);
  return (
    <GatePage title="ACME Desk cannot start">
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        {error.code === 'data_damaged' && <RestoreIntoNewFolder protection="keychain" onRestored={retry} />}
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            await retry();
            setBusy(false);
          }}
        >
          Try again
        </Button>
      </Group>
    </GatePage>
  );
}

function KeychainLocked({info, reload}: {info: AppInfo; reload: () => Promise<void>}) {
  const {retrying, retry} = useRetryKeychain(reload);
  const {vault} = info;
  const title = vault.keyMissing
    ? "This data folder's key is not in your keychain"
    : vault.keychainLocked
      ? 'Your keychain is locked'
      : 'The keychain did not answer';
  const text =
    vault.keychainHint ??
    "Your vault key is kept in the operating system's keychain, and ACME Desk could not read it. Unlock or start your keychain (for example by logging in to your desktop session), then try again.";
  return (
    <GatePage title={title}>
      <Stack gap="sm">
        <Text size="sm">{text}</Text>
        {vault.keyMissing && (
          <Text size="sm" c="dimmed">{`Data folder: ${info.dataDir}`}</Text>
        )}
        <KeychainProblem vault={vault} />
      </Stack>
      <Group justify="flex-end">
        {vault.keyMissing && <RestoreIntoNewFolder dataDir={info.dataDir} protection="keychain" onRestored={reload} />}
        <Button onClick={() => void retry()} loading={retrying}>
          Try the keychain again
        </Button>
      </Group>
    </GatePage>
  );
}
