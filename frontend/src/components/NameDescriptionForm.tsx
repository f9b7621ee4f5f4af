import {useEffect} from 'react';
import {Button, Group, Stack, TextInput, Textarea} from '@mantine/core';
import {useForm} from '@mantine/form';
import {ErrorAlert} from './ErrorAlert';
import {useAction} from './useAction';

export interface NameDescriptionFormProps {
  name: string;
  description: string;
  /** Said when the name is left empty, e.g. "Enter a name for the key." */
  nameRequired: string;
  onSave: (name: string, description: string) => Promise<void>;
  'aria-label'?: string;
}

/** A record's local name and description, saved when changed (keys, accounts). */
export function NameDescriptionForm({name, description, nameRequired, onSave, 'aria-label': ariaLabel}: NameDescriptionFormProps) {
  const form = useForm({
    initialValues: {name, description},
    validate: {name: (v) => (v.trim() ? null : nameRequired)},
  });
  const {run, busy, error} = useAction();

  // What was saved (or changed elsewhere) is the new starting point.
  useEffect(() => {
    form.setInitialValues({name, description});
    form.setValues({name, description});
  }, [name, description]);

  const dirty = form.values.name.trim() !== name || form.values.description.trim() !== description;
  const submit = form.onSubmit((v) => void run(() => onSave(v.name.trim(), v.description.trim())));

  return (
    <form onSubmit={submit} noValidate aria-label={ariaLabel}>
      <Stack gap="sm">
        <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!dirty}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
