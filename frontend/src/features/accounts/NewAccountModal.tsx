import {useEffect, useMemo, useState, type FormEvent} from 'react';
import {Anchor, Button, Collapse, Group, PasswordInput, Select, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {createAccount, toAppError, type Account, type AppError, type CA, type Key} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {useEabCredentials} from '../credentials/useCredentials';
import {showSuccess} from '../../components/notify';
import {GENERATE_KEY, GENERATE_KEY_LABEL, caOptionLabel, keyOption, parseContacts, unusedKeys, usableCAs} from './format';

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
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [caId, setCaId] = useState<string | null>(null);
  const [keyId, setKeyId] = useState<string>(GENERATE_KEY);
  const [contacts, setContacts] = useState('');
  const [eabOpen, setEabOpen] = useState(false);
  const [eabKeyId, setEabKeyId] = useState('');
  const [eabHmac, setEabHmac] = useState('');
  const [eabCredentialId, setEabCredentialId] = useState<string>(NO_STORED_EAB);
  const [nameError, setNameError] = useState<string | null>(null);
  const [caError, setCaError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    setName('');
    setDescription('');
    setCaId(null);
    setKeyId(GENERATE_KEY);
    setContacts('');
    setEabOpen(false);
    setEabKeyId('');
    setEabHmac('');
    setEabCredentialId(NO_STORED_EAB);
    setNameError(null);
    setCaError(null);
    setError(null);
  }, [opened]);

  const caOptions = useMemo(() => usableCAs(cas).map((c) => ({value: c.id, label: caOptionLabel(c)})), [cas]);
  const keyOptions = useMemo(
    () => [{value: GENERATE_KEY, label: GENERATE_KEY_LABEL}, ...unusedKeys(keys, accounts).map(keyOption)],
    [keys, accounts],
  );
  const ca = cas.find((c) => c.id === caId);
  const showEab = Boolean(ca?.eabRequired) || eabOpen;
  const {eabCredentials} = useEabCredentials(opened);
  const eabOptions = useMemo(
    () => [
      {value: NO_STORED_EAB, label: 'None / type in below'},
      ...eabCredentials.map((c) => ({value: c.id, label: c.consumedAt ? `${c.name} (already used)` : c.name})),
    ],
    [eabCredentials],
  );
  const storedEab = showEab && eabCredentialId !== NO_STORED_EAB;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const n = name.trim();
    setNameError(n ? null : 'Enter a name for the account.');
    setCaError(caId ? null : 'Choose a certificate authority.');
    if (!n || !caId) return;
    setSaving(true);
    setError(null);
    try {
      const account = await createAccount({
        name: n,
        description: description.trim(),
        caId,
        keyId: keyId === GENERATE_KEY ? '' : keyId,
        contacts: parseContacts(contacts),
        eabCredentialId: storedEab ? eabCredentialId : '',
        eabKeyId: showEab && !storedEab ? eabKeyId.trim() : '',
        eabHmac: showEab && !storedEab ? eabHmac.trim() : '',
      });
      showSuccess(`“${account.name}” was created. Register it at the CA to use it.`, 'Account created');
      onCreated(account);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !saving && onClose()}
      title="New account"
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            withAsterisk
            data-autofocus
            placeholder="e.g. Let's Encrypt production"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              if (nameError) setNameError(null);
            }}
            error={nameError}
            disabled={saving}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            disabled={saving}
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
            disabled={saving}
          />
          <Select
            label="Key"
            description="The account key signs every request to the CA. A new ECDSA P-384 key is the usual choice."
            data={keyOptions}
            value={keyId}
            onChange={(v) => setKeyId(v ?? GENERATE_KEY)}
            allowDeselect={false}
            disabled={saving}
          />
          <TextInput
            label="Contact email"
            description="The CA may write here about problems with the account. Separate several addresses with commas."
            placeholder="admin@example.com"
            type="text"
            value={contacts}
            onChange={(e) => setContacts(e.currentTarget.value)}
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
                value={eabCredentialId}
                onChange={(v) => setEabCredentialId(v ?? NO_STORED_EAB)}
                allowDeselect={false}
                searchable
                disabled={saving}
              />
              {!storedEab && (
                <>
                  <TextInput
                    label="EAB key ID"
                    value={eabKeyId}
                    onChange={(e) => setEabKeyId(e.currentTarget.value)}
                    disabled={saving}
                    autoComplete="off"
                  />
                  <PasswordInput
                    label="EAB HMAC key"
                    value={eabHmac}
                    onChange={(e) => setEabHmac(e.currentTarget.value)}
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
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
