import {useRef} from 'react';
import {Button, Group, PasswordInput, Stack, Text} from '@mantine/core';
import {useForm} from '@mantine/form';
import {toAppError, unlock} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {useAction} from '../../components/useAction';
import {GatePage} from './GatePage';

/** A passphrase vault after start: ask for the passphrase. */
export function UnlockScreen({reload}: {reload: () => Promise<void>}) {
  const form = useForm({
    initialValues: {passphrase: ''},
    validate: {passphrase: (v) => (v ? null : 'Enter your passphrase.')},
  });
  const {run, busy, error} = useAction();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = form.onSubmit(
    ({passphrase}) =>
      run(async () => {
        try {
          await unlock(passphrase);
        } catch (err) {
          // A wrong passphrase is the field's error: cleared, to be typed again.
          const appErr = toAppError(err);
          if (appErr.code !== 'wrong_passphrase') throw err;
          form.setFieldValue('passphrase', '');
          form.setFieldError('passphrase', appErr.hint ? `${appErr.message} ${appErr.hint}` : appErr.message);
          inputRef.current?.focus();
          return;
        }
        await reload();
      }),
    () => inputRef.current?.focus(),
  );

  return (
    <GatePage title="Unlock ACME Desk">
      <Text size="sm">Your vault is protected by a passphrase. Enter it to open your keys.</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            ref={inputRef}
            label="Passphrase"
            autoFocus
            data-autofocus
            autoComplete="current-password"
            {...form.getInputProps('passphrase')}
            readOnly={busy}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              Unlock
            </Button>
          </Group>
        </Stack>
      </form>
    </GatePage>
  );
}
