import {useEffect, useState, type FormEvent} from 'react';
import {Button, Group, PasswordInput, Stack, TagsInput, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {
  deleteCredential,
  rotateCredential,
  toAppError,
  updateCredential,
  zeroSSLEABFromEmail,
  type AppError,
  type Credential,
  type CredentialDetails,
  type CredentialKind,
} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {FieldInputs} from './FieldInputs';
import {initialValue, valuesToSend} from './format';

interface EditProps {
  opened: boolean;
  details: CredentialDetails;
  kind: CredentialKind | undefined;
  onClose: () => void;
  onDone: (c: Credential) => void;
}

/** Name, description, tags and non-secret values. */
export function EditCredentialModal({opened, details, kind, onClose, onDone}: EditProps) {
  const plainFields = (kind?.fields ?? []).filter((f) => !f.secret);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [nameError, setNameError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName(details.name);
    setDescription(details.description);
    setTags(details.tags);
    const v: Record<string, string> = {};
    for (const f of plainFields) v[f.name] = initialValue(f, details.fields[f.name]);
    setValues(v);
    setNameError(null);
    setError(null);
  }, [opened, details, kind]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    if (!name.trim()) {
      setNameError('Enter a name for the credential.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      // Fields of a kind this version does not know are passed through unchanged.
      const fields = kind ? valuesToSend(plainFields, values) : {...details.fields};
      const c = await updateCredential(details.id, {name: name.trim(), description: description.trim(), tags, fields});
      showSuccess('Credential saved');
      onDone(c);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !saving && onClose()} title="Edit credential" zIndex={400} closeButtonProps={{'aria-label': 'Close'}} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
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
            disabled={saving}
          />
          <Textarea label="Description" autosize minRows={2} maxRows={6} value={description} onChange={(e) => setDescription(e.currentTarget.value)} disabled={saving} />
          <TagsInput label="Tags" description="Press Enter after each tag." value={tags} onChange={setTags} clearable disabled={saving} />
          {plainFields.length > 0 && (
            <FieldInputs fields={plainFields} values={values} disabled={saving} onChange={(n, v) => setValues((cur) => ({...cur, [n]: v}))} />
          )}
          <Text size="xs" c="dimmed">
            Secret values change with Rotate.
          </Text>
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface RotateProps {
  opened: boolean;
  details: CredentialDetails;
  kind: CredentialKind | undefined;
  onClose: () => void;
  onDone: (c: Credential) => void;
}

/** New values for every secret field; the credential keeps its id, so its users keep it. */
export function RotateCredentialModal({opened, details, kind, onClose, onDone}: RotateProps) {
  const secretFields = (kind?.fields ?? []).filter((f) => f.secret);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState<string | null>(null);

  useEffect(() => {
    // Secret values never outlive the modal.
    setValues({});
    setError(null);
    setMissing(null);
  }, [opened]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const send = valuesToSend(secretFields, values);
    if (Object.keys(send).length === 0) {
      setMissing('Enter the new secret values.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const c = await rotateCredential(details.id, send);
      setValues({});
      showSuccess(`“${c.name}” has its new secret values.`, 'Credential rotated');
      onDone(c);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !saving && onClose()} title="Rotate credential" zIndex={400} closeButtonProps={{'aria-label': 'Close'}} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Every account or record using this credential keeps using it, with the new secret.</Text>
          {secretFields.length > 1 && (
            <Text size="sm" c="dimmed">
              All secret values are replaced: a field left empty no longer has a value afterwards.
            </Text>
          )}
          {secretFields.map((f, i) => (
            <PasswordInput
              key={f.name}
              label={f.label}
              description={f.help}
              data-autofocus={i === 0 || undefined}
              autoComplete="off"
              value={values[f.name] ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((cur) => ({...cur, [f.name]: v}));
                setMissing(null);
              }}
              error={i === 0 ? missing : undefined}
              disabled={saving}
            />
          ))}
          {secretFields.length === 0 && <Text size="sm">This kind of credential has no secret values.</Text>}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={saving} disabled={secretFields.length === 0}>
              Rotate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface DeleteProps {
  opened: boolean;
  details: CredentialDetails;
  onClose: () => void;
  onDeleted: () => void;
  /** The backend refused (e.g. in_use); the drawer shows it. */
  onFailed: (e: AppError) => void;
}

export function DeleteCredentialModal({opened, details, onClose, onDeleted, onFailed}: DeleteProps) {
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    try {
      await deleteCredential(details.id);
      showSuccess(`“${details.name}” was deleted.`, 'Credential deleted');
      onDeleted();
    } catch (e) {
      onFailed(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title="Delete credential?" zIndex={400} closeButtonProps={{'aria-label': 'Close'}} centered>
      <Stack>
        <Text size="sm">{`“${details.name}” and its secret values will be deleted for good. This cannot be undone.`}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()} loading={busy}>
            Delete credential
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks ZeroSSL for EAB credentials for an e-mail address (no API key needed). */
export function ZeroSSLEmailModal({opened, onClose, onCreated}: {opened: boolean; onClose: () => void; onCreated: (c: Credential) => void}) {
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setEmail('');
    setEmailError(null);
    setError(null);
  }, [opened]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const v = email.trim();
    if (!v.includes('@')) {
      setEmailError('Enter an e-mail address.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const c = await zeroSSLEABFromEmail(v);
      showSuccess(`Stored as “${c.name}”.`, 'EAB credentials from ZeroSSL');
      onCreated(c);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title="Get ZeroSSL EAB by e-mail" closeButtonProps={{'aria-label': 'Close'}}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            ZeroSSL hands out EAB credentials for an e-mail address; ACME Desk stores them as a new credential.
          </Text>
          <TextInput
            label="E-mail"
            data-autofocus
            placeholder="admin@example.com"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              if (emailError) setEmailError(null);
            }}
            error={emailError}
            disabled={busy}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Get EAB credentials
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
