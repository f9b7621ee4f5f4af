import {useEffect, useMemo, useState, type FormEvent} from 'react';
import {Alert, Button, Divider, Group, Select, Stack, TagsInput, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconInfoCircle} from '@tabler/icons-react';
import {createCredential, toAppError, type AppError, type Credential, type CredentialKind} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {ExternalLink} from '../../components/ExternalLink';
import {showSuccess} from '../../components/notify';
import {FieldInputs} from './FieldInputs';
import {anyOfText, kindOptions, valuesToSend} from './format';

export interface AddCredentialModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (c: Credential) => void;
  kinds: CredentialKind[];
}

export function AddCredentialModal({opened, onClose, onCreated, kinds}: AddCredentialModalProps) {
  const [kindId, setKindId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    setKindId(null);
    setName('');
    setDescription('');
    setTags([]);
    setValues({});
    setErrors({});
    setError(null);
  }, [opened]);

  const options = useMemo(() => kindOptions(kinds), [kinds]);
  const kind = kinds.find((k) => k.id === kindId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const errs: Record<string, string> = {};
    if (!kind) errs.kind = 'Choose a kind of credential.';
    if (!name.trim()) errs.name = 'Enter a name for the credential.';
    for (const f of kind?.fields ?? []) {
      if (!f.optional && f.type !== 'bool' && !(values[f.name] ?? '').trim()) errs[f.name] = `Fill in ${f.label}.`;
    }
    setErrors(errs);
    if (!kind || Object.keys(errs).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const c = await createCredential({
        name: name.trim(),
        description: description.trim(),
        kind: kind.id,
        tags,
        values: valuesToSend(kind.fields, values),
      });
      setValues({});
      showSuccess('Its secret values are sealed in the vault.', 'Credential saved');
      onCreated(c);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSaving(false);
    }
  };

  const clearError = (key: string) => {
    if (errors[key]) setErrors(({[key]: _, ...rest}) => rest);
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !saving && onClose()}
      title="Add credential"
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Kind"
            withAsterisk
            placeholder="Type to search, e.g. Cloudflare"
            searchable
            data={options}
            value={kindId}
            onChange={(v) => {
              setKindId(v);
              setValues({});
              setErrors({});
            }}
            nothingFoundMessage="No kind matches"
            maxDropdownHeight={320}
            error={errors.kind}
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
          <TextInput
            label="Name"
            withAsterisk
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              clearError('name');
            }}
            error={errors.name}
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
          <TagsInput
            label="Tags"
            description="Press Enter after each tag."
            value={tags}
            onChange={setTags}
            clearable
            disabled={saving}
          />
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
                values={values}
                errors={errors}
                disabled={saving}
                onChange={(n, v) => {
                  setValues((cur) => ({...cur, [n]: v}));
                  clearError(n);
                }}
              />
            </>
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save credential
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
