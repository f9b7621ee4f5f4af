import {useRef, useState, type FormEvent} from 'react';
import {Button, Group, PasswordInput, Stack, Text} from '@mantine/core';
import {toAppError, unlock, type AppError} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {GatePage} from './GatePage';

/** A passphrase vault after start: ask for the passphrase. */
export function UnlockScreen({reload}: {reload: () => Promise<void>}) {
  const [passphrase, setPassphrase] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!passphrase) {
      setFieldError('Enter your passphrase.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setFieldError(null);
    setError(null);
    try {
      await unlock(passphrase);
      await reload();
    } catch (err) {
      const appErr = toAppError(err);
      setBusy(false);
      if (appErr.code === 'wrong_passphrase') {
        setFieldError(appErr.hint ? `${appErr.message} ${appErr.hint}` : appErr.message);
        setPassphrase('');
        inputRef.current?.focus();
      } else {
        setError(appErr);
      }
    }
  };

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
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.currentTarget.value);
              if (fieldError) setFieldError(null);
            }}
            error={fieldError}
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
