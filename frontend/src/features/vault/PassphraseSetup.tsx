import {useState, type FormEvent} from 'react';
import {Button, Group, PasswordInput, Stack, Text} from '@mantine/core';
import {setUpPassphrase, toAppError, type AppError, type VaultStatus} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {GatePage} from './GatePage';
import {KeychainProblem} from './KeychainProblem';
import {useRetryKeychain} from './useRetryKeychain';

export const MIN_PASSPHRASE_LENGTH = 10;

/** First run without a keychain: protect the vault with a passphrase. */
export function PassphraseSetup({vault, reload}: {vault: VaultStatus; reload: () => Promise<void>}) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const {retrying, retry} = useRetryKeychain(reload);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let ok = true;
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
      setPassError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are long and easy to remember.`);
      ok = false;
    } else setPassError(null);
    if (repeat !== passphrase) {
      setRepeatError('The passphrases do not match.');
      ok = false;
    } else setRepeatError(null);
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await setUpPassphrase(passphrase);
      await reload();
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
    }
  };

  return (
    <GatePage title="Protect your vault">
      <Text size="sm">
        {`ACME Desk keeps your private keys in an encrypted vault. Normally the vault key lives in your operating system's keychain, but ${
          vault.keychainLocked ? 'your keychain is locked: unlock it and try the keychain again, or' : 'no OS keychain answered. You can'
        } protect the vault with a passphrase instead; you will enter it each time ACME Desk starts.`}
      </Text>
      <KeychainProblem vault={vault} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label="Passphrase"
            data-autofocus
            autoFocus
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.currentTarget.value);
              if (passError) setPassError(null);
            }}
            error={passError}
            disabled={busy}
          />
          <PasswordInput
            label="Repeat passphrase"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              if (repeatError) setRepeatError(null);
            }}
            error={repeatError}
            disabled={busy}
          />
          <Text size="xs" c="dimmed">
            {`At least ${MIN_PASSPHRASE_LENGTH} characters. If you forget it, the keys in the vault cannot be recovered.`}
          </Text>
          {error && <ErrorAlert error={error} />}
          <Group justify="space-between">
            <Button variant="default" onClick={() => void retry()} loading={retrying} disabled={busy}>
              Try the keychain again
            </Button>
            <Button type="submit" loading={busy}>
              Create vault
            </Button>
          </Group>
        </Stack>
      </form>
    </GatePage>
  );
}
