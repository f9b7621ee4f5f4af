import {Button, Group, PasswordInput, Stack, Text} from '@mantine/core';
import {useForm} from '@mantine/form';
import {setUpPassphrase, type VaultStatus} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {longEnough, MIN_PASSPHRASE_LENGTH, repeats} from '../../components/passphraseRules';
import {useAction} from '../../components/useAction';
import {GatePage} from './GatePage';
import {KeychainProblem} from './KeychainProblem';
import {useRetryKeychain} from './useRetryKeychain';

/** First run without a keychain: protect the vault with a passphrase. */
export function PassphraseSetup({vault, reload}: {vault: VaultStatus; reload: () => Promise<void>}) {
  const form = useForm({
    initialValues: {passphrase: '', repeat: ''},
    validate: {
      passphrase: longEnough(`Use at least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are long and easy to remember.`),
      repeat: repeats('passphrase'),
    },
  });
  const {run, busy, error} = useAction();
  const {retrying, retry} = useRetryKeychain(reload);

  const submit = form.onSubmit(({passphrase}) =>
    run(async () => {
      await setUpPassphrase(passphrase);
      await reload();
    }),
  );

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
            {...form.getInputProps('passphrase')}
            disabled={busy}
          />
          <PasswordInput
            label="Repeat passphrase"
            autoComplete="new-password"
            {...form.getInputProps('repeat')}
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
