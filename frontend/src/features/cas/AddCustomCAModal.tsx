import {useEffect} from 'react';
import {SegmentedControl, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {useForm} from '@mantine/form';
import {addCustomCA, updateCustomCA, type CA, type Environment} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';

export interface AddCustomCAModalProps {
  opened: boolean;
  onClose: () => void;
  onAdded: (ca: CA) => void;
  /** A custom CA to edit instead of adding a new one. */
  editing?: CA;
}

export function AddCustomCAModal({opened, onClose, onAdded, editing}: AddCustomCAModalProps) {
  const form = useForm({
    initialValues: {name: '', directoryUrl: '', environment: 'production' as Environment, rootPem: ''},
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name for the CA.'),
      directoryUrl: (v) => (v.trim() ? null : 'Enter the ACME directory URL.'),
    },
  });
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    if (!opened) return;
    form.setValues({
      name: editing?.name ?? '',
      directoryUrl: editing?.directoryUrl ?? '',
      environment: editing?.environment ?? 'production',
      rootPem: editing?.rootPem ?? '',
    });
    form.clearErrors();
    setError(null);
  }, [opened, editing]);

  const submit = form.onSubmit((v) => {
    if (saving) return;
    run(async () => {
      const input = {name: v.name.trim(), directoryUrl: v.directoryUrl.trim(), environment: v.environment, rootPem: v.rootPem.trim()};
      const ca = editing ? await updateCustomCA(editing.id, input) : await addCustomCA(input);
      showSuccess(editing ? `“${ca.name}” was saved.` : `“${ca.name}” was added.`, editing ? 'CA saved' : 'CA added');
      onAdded(ca);
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title={editing ? 'Edit custom CA' : 'Add custom CA'} size="lg" onSubmit={submit} submitLabel={editing ? 'Save' : 'Add CA'} busy={saving} error={error}>
      <TextInput
        label="Name"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
        disabled={saving}
      />
      <TextInput
        label="Directory URL"
        withAsterisk
        placeholder="https://ca.example.com/acme/directory"
        ff="monospace"
        {...form.getInputProps('directoryUrl')}
        disabled={saving}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="custom-ca-environment">
          Environment
        </Text>
        <SegmentedControl
          aria-labelledby="custom-ca-environment"
          data={[
            {value: 'production', label: 'Production'},
            {value: 'staging', label: 'Staging'},
          ]}
          {...form.getInputProps('environment')}
          color={form.values.environment === 'staging' ? 'orange' : 'green'}
          disabled={saving}
        />
      </Stack>
      <Textarea
        label="Root certificate (PEM)"
        description="Only for private ACME servers (step-ca, Pebble, an in-house CA) whose TLS certificate is not publicly trusted."
        placeholder="-----BEGIN CERTIFICATE-----"
        autosize
        minRows={3}
        maxRows={10}
        styles={{input: {fontFamily: 'var(--mantine-font-family-monospace)'}}}
        {...form.getInputProps('rootPem')}
        disabled={saving}
      />
    </FormModal>
  );
}
