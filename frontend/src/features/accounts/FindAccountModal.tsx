import {useEffect, useMemo, useState, type FormEvent} from 'react';
import {Button, Group, Select, Stack, Text, TextInput} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {findAccountByKey, toAppError, type Account, type AppError, type CA, type Key} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {caOptionLabel, keyOption, unusedKeys, usableCAs} from './format';

export interface FindAccountModalProps {
  opened: boolean;
  onClose: () => void;
  onFound: (account: Account) => void;
  cas: CA[];
  keys: Key[];
  accounts: Account[];
}

/** Asks a CA which account an existing key has (onlyReturnExisting) and adds it. */
export function FindAccountModal({opened, onClose, onFound, cas, keys, accounts}: FindAccountModalProps) {
  const [name, setName] = useState('');
  const [caId, setCaId] = useState<string | null>(null);
  const [keyId, setKeyId] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [caError, setCaError] = useState<string | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setCaId(null);
    setKeyId(null);
    setNameError(null);
    setCaError(null);
    setKeyError(null);
    setError(null);
  }, [opened]);

  const caOptions = useMemo(() => usableCAs(cas).map((c) => ({value: c.id, label: caOptionLabel(c)})), [cas]);
  const keyOptions = useMemo(() => unusedKeys(keys, accounts).map(keyOption), [keys, accounts]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const n = name.trim();
    setNameError(n ? null : 'Enter a name for the account.');
    setCaError(caId ? null : 'Choose a certificate authority.');
    setKeyError(keyId ? null : 'Choose the key of the account.');
    if (!n || !caId || !keyId) return;
    setBusy(true);
    setError(null);
    try {
      const account = await findAccountByKey({name: n, description: '', caId, keyId});
      showSuccess(`“${account.name}” was found at the CA and added.`, 'Account found');
      onFound(account);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Find account by key"
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Asks the CA whether the key already has an account there, for example one created with another ACME
            client, and adds it to ACME Desk. Nothing is created at the CA.
          </Text>
          <TextInput
            label="Name"
            withAsterisk
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              if (nameError) setNameError(null);
            }}
            error={nameError}
            disabled={busy}
          />
          <Select
            label="Certificate authority"
            withAsterisk
            placeholder="Choose a CA"
            searchable
            data={caOptions}
            value={caId}
            onChange={(v) => {
              setCaId(v);
              if (caError) setCaError(null);
            }}
            error={caError}
            disabled={busy}
          />
          <Select
            label="Key"
            withAsterisk
            placeholder={keyOptions.length ? 'Choose a key' : 'No unused keys'}
            description="Only keys no account in ACME Desk uses are listed. Import the key on the Keys page first."
            data={keyOptions}
            value={keyId}
            onChange={(v) => {
              setKeyId(v);
              if (keyError) setKeyError(null);
            }}
            error={keyError}
            disabled={busy}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Find account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
