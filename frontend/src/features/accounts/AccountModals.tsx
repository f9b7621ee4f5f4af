import {useEffect, useMemo} from 'react';
import {Alert, Select, Text, TextInput} from '@mantine/core';
import {useForm} from '@mantine/form';
import {IconAlertTriangle} from '@tabler/icons-react';
import {changeAccountContacts, deactivateAccount, rolloverAccountKey, type Account, type Key} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {showUnknownOutcome} from './unknownOutcome';
import {GENERATE_KEY, GENERATE_KEY_LABEL, keyOption, parseContacts, unusedKeys} from './format';

interface ModalProps {
  opened: boolean;
  account: Account;
  onClose: () => void;
  onDone: (a: Account) => void;
}

/** The modals' actions: an unknown outcome shows the marked account instead of an error. */
function useAccountAction(account: Account, onDone: (a: Account) => void) {
  return useAction({handle: (err) => showUnknownOutcome(err, account.id, onDone)});
}

export function ChangeEmailModal({opened, account, onClose, onDone}: ModalProps) {
  const form = useForm({initialValues: {contacts: ''}});
  const {busy, error, setError, run} = useAccountAction(account, onDone);

  useEffect(() => {
    if (!opened) return;
    form.setValues({contacts: account.contacts.join(', ')});
    setError(null);
  }, [opened, account.contacts, setError]);

  const submit = form.onSubmit(({contacts}) => {
    if (busy) return;
    void run(async () => {
      const a = await changeAccountContacts(account.id, parseContacts(contacts));
      showSuccess(a.contacts.length ? `Contact: ${a.contacts.join(', ')}` : 'The account has no contact address now.', 'Contact updated');
      onDone(a);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Change email" zIndex={400} centered onSubmit={submit} submitLabel="Update contact" busy={busy} error={error}>
      <TextInput
        label="Contact email"
        description="Separate several addresses with commas. Leave empty to remove all contact addresses."
        data-autofocus
        {...form.getInputProps('contacts')}
        disabled={busy}
      />
    </FormModal>
  );
}

export const ROLLOVER_WARNING =
  'A compromised key gives the attacker complete control over the account. Roll over the key if you suspect even the smallest possibility of compromise.';

export function RolloverKeyModal({
  opened,
  account,
  onClose,
  onDone,
  keys,
  accounts,
}: ModalProps & {keys: Key[]; accounts: Account[]}) {
  const form = useForm({initialValues: {keyId: GENERATE_KEY}});
  const {busy, error, setError, run} = useAccountAction(account, onDone);
  const options = useMemo(
    () => [{value: GENERATE_KEY, label: GENERATE_KEY_LABEL}, ...unusedKeys(keys, accounts).map(keyOption)],
    [keys, accounts],
  );

  useEffect(() => {
    if (!opened) return;
    form.reset();
    setError(null);
  }, [opened, setError]);

  const submit = form.onSubmit(({keyId}) => {
    if (busy) return;
    void run(async () => {
      const a = await rolloverAccountKey(account.id, keyId === GENERATE_KEY ? '' : keyId);
      showSuccess(`“${a.name}” now uses a new key. The old key is kept as a retired key.`, 'Key rolled over');
      onDone(a);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Rollover key" zIndex={400} centered onSubmit={submit} submitLabel="Roll over" busy={busy} error={error} submitColor="orange">
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
        {ROLLOVER_WARNING}
      </Alert>
      <Text size="sm">
        The CA moves the account to the new key (RFC 8555, section 7.3.5). The account, its URL and its
        certificates stay the same.
      </Text>
      <Select
        label="New key"
        data={options}
        {...form.getInputProps('keyId')}
        allowDeselect={false}
        disabled={busy}
        comboboxProps={{zIndex: 500}}
      />
    </FormModal>
  );
}

export function DeactivateModal({opened, account, onClose, onDone}: ModalProps) {
  const form = useForm({initialValues: {typed: ''}});
  const {busy, error, setError, run} = useAccountAction(account, onDone);
  const matches = form.values.typed === account.name;

  useEffect(() => {
    if (!opened) return;
    form.reset();
    setError(null);
  }, [opened, setError]);

  const submit = form.onSubmit(({typed}) => {
    if (busy || typed !== account.name) return;
    void run(async () => {
      const a = await deactivateAccount(account.id, typed);
      showSuccess(`“${a.name}” is deactivated at the CA.`, 'Account deactivated');
      onDone(a);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Deactivate account" zIndex={400} centered onSubmit={submit} submitLabel="Deactivate account" busy={busy} error={error} submitColor="red" submitDisabled={!matches}>
      <Text size="sm">
        {`Deactivating “${account.name}” tells the CA to stop accepting it. This cannot be undone: the account can never be used again, not with this key and not with any other. Certificates it already has stay valid until they expire.`}
      </Text>
      <TextInput
        label="Type the account name to confirm"
        description={account.name}
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('typed')}
        disabled={busy}
      />
    </FormModal>
  );
}
