import {useEffect, useMemo, useState} from 'react';
import {Anchor, Collapse, PasswordInput, Select, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {useForm} from '@mantine/form';
import {createAccount, type Account, type CA, type Key} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {useEabCredentials} from '../credentials/useCredentials';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {GENERATE_KEY, GENERATE_KEY_LABEL, keyOption, parseContacts, unusedKeys} from './format';
import {NameAndCAFields, nameAndCARules} from './NameAndCAFields';

/** Select value for "no stored EAB credential"; sent to the backend as "". */
const NO_STORED_EAB = '__none__';

export interface NewAccountModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the new account; the parent closes the modal and opens the account. */
  onCreated: (account: Account) => void;
  cas: CA[];
  keys: Key[];
  accounts: Account[];
}

export function NewAccountModal({opened, onClose, onCreated, cas, keys, accounts}: NewAccountModalProps) {
  const form = useForm({
    initialValues: {
      name: '',
      description: '',
      caId: null as string | null,
      keyId: GENERATE_KEY,
      contacts: '',
      eabCredentialId: NO_STORED_EAB,
      eabKeyId: '',
      eabHmac: '',
    },
    validate: nameAndCARules,
  });
  const [eabOpen, setEabOpen] = useState(false);
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    form.reset();
    setEabOpen(false);
    setError(null);
  }, [opened]);

  const keyOptions = useMemo(
    () => [{value: GENERATE_KEY, label: GENERATE_KEY_LABEL}, ...unusedKeys(keys, accounts).map(keyOption)],
    [keys, accounts],
  );
  const ca = cas.find((c) => c.id === form.values.caId);
  const showEab = Boolean(ca?.eabRequired) || eabOpen;
  const {eabCredentials} = useEabCredentials(opened);
  const eabOptions = useMemo(
    () => [
      {value: NO_STORED_EAB, label: 'None / type in below'},
      ...eabCredentials.map((c) => ({value: c.id, label: c.consumedAt ? `${c.name} (already used)` : c.name})),
    ],
    [eabCredentials],
  );
  const storedEab = showEab && form.values.eabCredentialId !== NO_STORED_EAB;

  const submit = form.onSubmit((v) => {
    if (saving || !v.caId) return;
    const caId = v.caId;
    run(async () => {
      const account = await createAccount({
        name: v.name.trim(),
        description: v.description.trim(),
        caId,
        keyId: v.keyId === GENERATE_KEY ? '' : v.keyId,
        contacts: parseContacts(v.contacts),
        eabCredentialId: storedEab ? v.eabCredentialId : '',
        eabKeyId: showEab && !storedEab ? v.eabKeyId.trim() : '',
        eabHmac: showEab && !storedEab ? v.eabHmac.trim() : '',
      });
      showSuccess(`“${account.name}” was created. Register it at the CA to use it.`, 'Account created');
      onCreated(account);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="New account" size="lg" onSubmit={submit} submitLabel="Create account" busy={saving} error={error}>
      <NameAndCAFields inputProps={form.getInputProps} cas={cas} disabled={saving} namePlaceholder="e.g. Let's Encrypt production" />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('description')}
        disabled={saving}
      />
      <Select
        label="Key"
        description="The account key signs every request to the CA. A new ECDSA P-384 key is the usual choice."
        data={keyOptions}
        {...form.getInputProps('keyId')}
        allowDeselect={false}
        disabled={saving}
      />
      <TextInput
        label="Contact email"
        description="The CA may write here about problems with the account. Separate several addresses with commas."
        placeholder="admin@example.com"
        type="text"
        {...form.getInputProps('contacts')}
        disabled={saving}
      />
      {!ca?.eabRequired && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          aria-expanded={eabOpen}
          onClick={() => setEabOpen((v) => !v)}
          style={{alignSelf: 'flex-start'}}
        >
          External account binding
        </Anchor>
      )}
      <Collapse expanded={showEab} keepMounted={false}>
        <Stack gap="sm">
          {ca?.eabRequired && (
            <Text size="sm" fw={500}>
              {`${ca.name} requires external account binding (EAB).`}
            </Text>
          )}
          {ca?.eabHelp && (
            <Text size="sm" c="dimmed">
              {ca.eabHelp}
            </Text>
          )}
          <Select
            label="Stored EAB credential"
            description="EAB credentials kept under Credentials."
            data={eabOptions}
            {...form.getInputProps('eabCredentialId')}
            allowDeselect={false}
            searchable
            disabled={saving}
          />
          {!storedEab && (
            <>
              <TextInput
                label="EAB key ID"
                {...form.getInputProps('eabKeyId')}
                disabled={saving}
                autoComplete="off"
              />
              <PasswordInput
                label="EAB HMAC key"
                {...form.getInputProps('eabHmac')}
                disabled={saving}
                autoComplete="off"
              />
              <Text size="xs" c="dimmed">
                Typed-in values are saved as a stored credential.
              </Text>
            </>
          )}
        </Stack>
      </Collapse>
    </FormModal>
  );
}
