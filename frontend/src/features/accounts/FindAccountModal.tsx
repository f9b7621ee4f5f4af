import {useEffect, useMemo} from 'react';
import {Select, Text} from '@mantine/core';
import {useForm} from '@mantine/form';
import {findAccountByKey, type Account, type CA, type Key} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {keyOption, unusedKeys} from './format';
import {NameAndCAFields, nameAndCARules} from './NameAndCAFields';

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
  const form = useForm({
    initialValues: {name: '', caId: null as string | null, keyId: null as string | null},
    validate: {...nameAndCARules, keyId: (v) => (v ? null : 'Choose the key of the account.')},
  });
  const {run, busy, error, setError} = useAction();

  useEffect(() => {
    if (!opened) return;
    form.reset();
    setError(null);
  }, [opened]);

  const keyOptions = useMemo(() => unusedKeys(keys, accounts).map(keyOption), [keys, accounts]);

  const submit = form.onSubmit(({name, caId, keyId}) => {
    if (busy || !caId || !keyId) return;
    run(async () => {
      const account = await findAccountByKey({name: name.trim(), description: '', caId, keyId});
      showSuccess(`“${account.name}” was found at the CA and added.`, 'Account found');
      onFound(account);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Find account by key" size="lg" onSubmit={submit} submitLabel="Find account" busy={busy} error={error}>
      <Text size="sm">
        Asks the CA whether the key already has an account there, for example one created with another ACME
        client, and adds it to ACME Desk. Nothing is created at the CA.
      </Text>
      <NameAndCAFields inputProps={form.getInputProps} cas={cas} disabled={busy} />
      <Select
        label="Key"
        withAsterisk
        placeholder={keyOptions.length ? 'Choose a key' : 'No unused keys'}
        description="Only keys no account in ACME Desk uses are listed. Import the key on the Keys page first."
        data={keyOptions}
        {...form.getInputProps('keyId')}
        disabled={busy}
      />
    </FormModal>
  );
}
