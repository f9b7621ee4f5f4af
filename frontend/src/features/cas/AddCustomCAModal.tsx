import {useEffect, useState, type FormEvent} from 'react';
import {Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {addCustomCA, toAppError, type AppError, type CA, type Environment} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';

export interface AddCustomCAModalProps {
  opened: boolean;
  onClose: () => void;
  onAdded: (ca: CA) => void;
}

export function AddCustomCAModal({opened, onClose, onAdded}: AddCustomCAModalProps) {
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
    setName('');
    setUrl('');
    setEnvironment('production');
    setRootPem('');
    setNameError(null);
    setUrlError(null);
    setError(null);
  }, [opened]);

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
      const ca = await addCustomCA({name: n, directoryUrl: u, environment, rootPem: rootPem.trim()});
      showSuccess(`“${ca.name}” was added.`, 'CA added');
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
      title="Add custom CA"
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
              Add CA
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
