import {useEffect} from 'react';
import {PasswordInput, Text, TextInput} from '@mantine/core';
import {useForm} from '@mantine/form';
import {
  deleteCredential,
  rotateCredential,
  updateCredential,
  zeroSSLEABFromEmail,
  type Credential,
  type CredentialDetails,
  type CredentialKind,
} from '../../bridge';
import {ConfirmModal} from '../../components/ConfirmModal';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {CredentialBasicsFields, fieldErrors, nameRule, type CredentialValues} from './CredentialForm';
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
  const form = useForm<CredentialValues>({
    initialValues: {name: '', description: '', tags: [], fields: {}},
    validate: {name: nameRule},
  });
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    if (!opened) return;
    const fields: Record<string, string> = {};
    for (const f of plainFields) fields[f.name] = initialValue(f, details.fields[f.name]);
    form.setValues({name: details.name, description: details.description, tags: details.tags, fields});
    form.clearErrors();
    setError(null);
  }, [opened, details, kind]);

  const submit = form.onSubmit((v) => {
    if (saving) return;
    run(async () => {
      // Fields of a kind this version does not know are passed through unchanged.
      const fields = kind ? valuesToSend(plainFields, v.fields) : {...details.fields};
      const c = await updateCredential(details.id, {name: v.name.trim(), description: v.description.trim(), tags: v.tags, fields});
      showSuccess('Credential saved');
      onDone(c);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Edit credential" zIndex={400} size="lg" onSubmit={submit} submitLabel="Save" busy={saving} error={error}>
      <CredentialBasicsFields inputProps={form.getInputProps} disabled={saving} autofocus />
      {plainFields.length > 0 && (
        <FieldInputs
          fields={plainFields}
          values={form.values.fields}
          errors={fieldErrors(form.errors)}
          disabled={saving}
          onChange={(n, v) => form.setFieldValue(`fields.${n}`, v)}
        />
      )}
      <Text size="xs" c="dimmed">
        Secret values change with Rotate.
      </Text>
    </FormModal>
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
  const form = useForm<{fields: Record<string, string>}>({
    initialValues: {fields: {}},
    validate: (v) =>
      Object.keys(valuesToSend(secretFields, v.fields)).length ? {} : {[`fields.${secretFields[0]?.name}`]: 'Enter the new secret values.'},
  });
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    // Secret values never outlive the modal.
    form.reset();
    setError(null);
  }, [opened]);

  const submit = form.onSubmit((v) => {
    if (saving) return;
    run(async () => {
      const c = await rotateCredential(details.id, valuesToSend(secretFields, v.fields));
      form.reset();
      showSuccess(`“${c.name}” has its new secret values.`, 'Credential rotated');
      onDone(c);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Rotate credential" zIndex={400} size="lg" onSubmit={submit} submitLabel="Rotate" busy={saving} error={error} submitColor="orange" submitDisabled={secretFields.length === 0}>
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
          {...form.getInputProps(`fields.${f.name}`)}
          value={form.values.fields[f.name] ?? ''}
          disabled={saving}
        />
      ))}
      {secretFields.length === 0 && <Text size="sm">This kind of credential has no secret values.</Text>}
    </FormModal>
  );
}

interface DeleteProps {
  opened: boolean;
  details: CredentialDetails;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteCredentialModal({opened, details, onClose, onDeleted}: DeleteProps) {
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      title="Delete credential?"
      confirmLabel="Delete credential"
      onConfirm={async () => {
        await deleteCredential(details.id);
        showSuccess(`“${details.name}” was deleted.`, 'Credential deleted');
        onDeleted();
      }}
    >
      {`“${details.name}” and its secret values will be deleted for good. This cannot be undone.`}
    </ConfirmModal>
  );
}

/** Asks ZeroSSL for EAB credentials for an e-mail address (no API key needed). */
export function ZeroSSLEmailModal({opened, onClose, onCreated}: {opened: boolean; onClose: () => void; onCreated: (c: Credential) => void}) {
  const form = useForm({
    initialValues: {email: ''},
    validate: {email: (v) => (v.trim().includes('@') ? null : 'Enter an e-mail address.')},
  });
  const {run, busy, error, setError} = useAction();

  useEffect(() => {
    if (!opened) return;
    form.reset();
    setError(null);
  }, [opened]);

  const submit = form.onSubmit(({email}) => {
    if (busy) return;
    run(async () => {
      const c = await zeroSSLEABFromEmail(email.trim());
      showSuccess(`Stored as “${c.name}”.`, 'EAB credentials from ZeroSSL');
      onCreated(c);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Get ZeroSSL EAB by e-mail" onSubmit={submit} submitLabel="Get EAB credentials" busy={busy} error={error}>
      <Text size="sm">
        ZeroSSL hands out EAB credentials for an e-mail address; ACME Desk stores them as a new credential.
      </Text>
      <TextInput
        label="E-mail"
        data-autofocus
        placeholder="admin@example.com"
        {...form.getInputProps('email')}
        disabled={busy}
      />
    </FormModal>
  );
}
