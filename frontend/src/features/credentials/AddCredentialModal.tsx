import {useEffect, useMemo} from 'react';
import {Alert, Divider, Select, Stack, Text} from '@mantine/core';
import {useForm} from '@mantine/form';
import {IconInfoCircle} from '@tabler/icons-react';
import {createCredential, type Credential, type CredentialKind} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {ExternalLink} from '../../components/ExternalLink';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {CredentialBasicsFields, fieldErrors, nameRule, requiredFieldErrors, type CredentialValues} from './CredentialForm';
import {FieldInputs} from './FieldInputs';
import {anyOfText, kindOptions, valuesToSend} from './format';

export interface AddCredentialModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (c: Credential) => void;
  kinds: CredentialKind[];
}

export function AddCredentialModal({opened, onClose, onCreated, kinds}: AddCredentialModalProps) {
  const form = useForm<CredentialValues & {kind: string | null}>({
    initialValues: {kind: null, name: '', description: '', tags: [], fields: {}},
    validate: (v) => {
      const k = kinds.find((x) => x.id === v.kind);
      const name = nameRule(v.name);
      return {
        ...(k ? {} : {kind: 'Choose a kind of credential.'}),
        ...(name ? {name} : {}),
        ...requiredFieldErrors(k?.fields ?? [], v.fields),
      };
    },
  });
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    form.reset();
    setError(null);
  }, [opened]);

  const options = useMemo(() => kindOptions(kinds), [kinds]);
  const kind = kinds.find((k) => k.id === form.values.kind);

  const submit = form.onSubmit((v) => {
    if (saving || !kind) return;
    run(async () => {
      const c = await createCredential({
        name: v.name.trim(),
        description: v.description.trim(),
        kind: kind.id,
        tags: v.tags,
        values: valuesToSend(kind.fields, v.fields),
      });
      form.setFieldValue('fields', {});
      showSuccess('Its secret values are sealed in the vault.', 'Credential saved');
      onCreated(c);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Add credential" size="lg" onSubmit={submit} submitLabel="Save credential" busy={saving} error={error}>
      <Select
        label="Kind"
        withAsterisk
        placeholder="Type to search, e.g. Cloudflare"
        searchable
        data={options}
        value={form.values.kind}
        onChange={(v) => {
          form.setValues({kind: v, fields: {}});
          form.clearErrors();
        }}
        nothingFoundMessage="No kind matches"
        maxDropdownHeight={320}
        error={form.errors.kind}
        disabled={saving}
        data-autofocus
      />
      {kind && (kind.help || kind.url) && (
        <Stack gap={4}>
          {kind.help && (
            <Text size="sm" c="dimmed">
              {kind.help}
            </Text>
          )}
          {kind.url && <ExternalLink href={kind.url} />}
        </Stack>
      )}
      <CredentialBasicsFields inputProps={form.getInputProps} disabled={saving} />
      {kind && (
        <>
          <Divider label={kind.label} labelPosition="left" />
          {kind.anyOf && (
            <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
              <Text size="sm">{anyOfText(kind)}</Text>
            </Alert>
          )}
          <FieldInputs
            fields={kind.fields}
            values={form.values.fields}
            errors={fieldErrors(form.errors)}
            disabled={saving}
            onChange={(n, v) => form.setFieldValue(`fields.${n}`, v)}
          />
        </>
      )}
    </FormModal>
  );
}
