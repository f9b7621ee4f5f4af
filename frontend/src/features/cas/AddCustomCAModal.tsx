import {useEffect, useState, type FormEvent} from 'react';
import {Button, Group, SegmentedControl, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {addCustomCA, toAppError, updateCustomCA, type AppError, type CA, type Environment} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';

export interface AddCustomCAModalProps {
  opened: boolean;
  onClose: () => void;
  onAdded: (ca: CA) => void;
  /** A custom CA to edit instead of adding a new one. */
  editing?: CA;
}

export function AddCustomCAModal({opened, onClose, onAdded, editing}: AddCustomCAModalProps) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [environment, setEnvironment] = useState<Environment>('production');
  const [rootPem, setRootPem] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName(editing?.name ?? '');
    setUrl(editing?.directoryUrl ?? '');
    setEnvironment(editing?.environment ?? 'production');
    setRootPem(editing?.rootPem ?? '');
    setNameError(null);
    setUrlError(null);
    setError(null);
  }, [opened, editing]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const n = name.trim();
    const u = url.trim();
    setNameError(n ? null : 'Enter a name for the CA.');
    setUrlError(u ? null : 'Enter the ACME directory URL.');
    if (!n || !u) return;
    setSaving(true);
    setError(null);
    try {
      const input = {name: n, directoryUrl: u, environment, rootPem: rootPem.trim()};
      const ca = editing ? await updateCustomCA(editing.id, input) : await addCustomCA(input);
      showSuccess(editing ? `“${ca.name}” was saved.` : `“${ca.name}” was added.`, editing ? 'CA saved' : 'CA added');
      onAdded(ca);
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
      title={editing ? 'Edit custom CA' : 'Add custom CA'}
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
    >
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
          <TextInput
            label="Directory URL"
            withAsterisk
            placeholder="https://ca.example.com/acme/directory"
            ff="monospace"
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              if (urlError) setUrlError(null);
            }}
            error={urlError}
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
              value={environment}
              onChange={(v) => setEnvironment(v as Environment)}
              color={environment === 'staging' ? 'orange' : 'green'}
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
            value={rootPem}
            onChange={(e) => setRootPem(e.currentTarget.value)}
            disabled={saving}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? 'Save' : 'Add CA'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
