import {useEffect, useMemo, useState, type FormEvent} from 'react';
import {Alert, Button, Group, Select, Stack, Text, TextInput} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconAlertTriangle} from '@tabler/icons-react';
import {changeAccountContacts, deactivateAccount, rolloverAccountKey, type Account, type Key} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
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
  const [text, setText] = useState('');
  const {busy, error, setError, run} = useAccountAction(account, onDone);

  useEffect(() => {
    if (!opened) return;
    setText(account.contacts.join(', '));
    setError(null);
  }, [opened, account.contacts, setError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    void run(async () => {
      const a = await changeAccountContacts(account.id, parseContacts(text));
      showSuccess(a.contacts.length ? `Contact: ${a.contacts.join(', ')}` : 'The account has no contact address now.', 'Contact updated');
      onDone(a);
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Change email"
      zIndex={400}
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Contact email"
            description="Separate several addresses with commas. Leave empty to remove all contact addresses."
            data-autofocus
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            disabled={busy}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Update contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const [keyId, setKeyId] = useState<string>(GENERATE_KEY);
  const {busy, error, setError, run} = useAccountAction(account, onDone);
  const options = useMemo(
    () => [{value: GENERATE_KEY, label: GENERATE_KEY_LABEL}, ...unusedKeys(keys, accounts).map(keyOption)],
    [keys, accounts],
  );

  useEffect(() => {
    if (!opened) return;
    setKeyId(GENERATE_KEY);
    setError(null);
  }, [opened, setError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    void run(async () => {
      const a = await rolloverAccountKey(account.id, keyId === GENERATE_KEY ? '' : keyId);
      showSuccess(`“${a.name}” now uses a new key. The old key is kept as a retired key.`, 'Key rolled over');
      onDone(a);
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Rollover key"
      zIndex={400}
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
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
            value={keyId}
            onChange={(v) => setKeyId(v ?? GENERATE_KEY)}
            allowDeselect={false}
            disabled={busy}
            comboboxProps={{zIndex: 500}}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={busy}>
              Roll over
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DeactivateModal({opened, account, onClose, onDone}: ModalProps) {
  const [typed, setTyped] = useState('');
  const {busy, error, setError, run} = useAccountAction(account, onDone);
  const matches = typed === account.name;

  useEffect(() => {
    if (!opened) return;
    setTyped('');
    setError(null);
  }, [opened, setError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || !matches) return;
    void run(async () => {
      const a = await deactivateAccount(account.id, typed);
      showSuccess(`“${a.name}” is deactivated at the CA.`, 'Account deactivated');
      onDone(a);
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Deactivate account"
      zIndex={400}
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {`Deactivating “${account.name}” tells the CA to stop accepting it. This cannot be undone: the account can never be used again, not with this key and not with any other. Certificates it already has stay valid until they expire.`}
          </Text>
          <TextInput
            label="Type the account name to confirm"
            description={account.name}
            data-autofocus
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            disabled={busy}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy} disabled={!matches}>
              Deactivate account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
