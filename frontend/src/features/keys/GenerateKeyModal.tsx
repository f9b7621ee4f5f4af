import {useEffect, useRef, useState, type FormEvent} from 'react';
import {Alert, Button, Group, Progress, Select, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {
  cancelJob,
  generateKey,
  keyAlgorithms,
  toAppError,
  type AlgorithmOption,
  type AppError,
  type Key,
} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showError, showSuccess} from '../../components/notify';
import {newJobId} from './jobId';

export interface GenerateKeyModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the new key after the modal reported success; the parent closes it and shows the key. */
  onGenerated: (key: Key) => void;
}

export function GenerateKeyModal({opened, onClose, onGenerated}: GenerateKeyModalProps) {
  const [options, setOptions] = useState<AlgorithmOption[]>([]);
  const [optionsError, setOptionsError] = useState<AppError | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [algorithm, setAlgorithm] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const jobRef = useRef<string | null>(null);

  // A fresh form each time the modal opens.
  useEffect(() => {
    if (!opened) return;
    setName('');
    setDescription('');
    setNameError(null);
    setCancelled(false);
    setError(null);
    let live = true;
    keyAlgorithms()
      .then((list) => {
        if (!live) return;
        setOptions(list);
        setOptionsError(null);
        setAlgorithm((list.find((o) => o.recommended) ?? list[0])?.value ?? null);
      })
      .catch((e) => live && setOptionsError(toAppError(e)));
    return () => {
      live = false;
    };
  }, [opened]);

  useEffect(() => {
    if (!generating) return;
    const t0 = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - t0) / 1000)), 250);
    return () => clearInterval(timer);
  }, [generating]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (generating) return;
    if (!name.trim()) {
      setNameError('Enter a name for the key.');
      return;
    }
    const option = options.find((o) => o.value === algorithm);
    if (!option) return;
    const jobId = newJobId();
    jobRef.current = jobId;
    setNameError(null);
    setCancelled(false);
    setError(null);
    setGenerating(true);
    try {
      const key = await generateKey(jobId, name.trim(), description.trim(), option.value);
      if (jobRef.current !== jobId) return;
      showSuccess(`“${key.name}” (${option.label}) is ready.`, 'Key generated');
      onGenerated(key);
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'cancelled') setCancelled(true);
      else setError(appErr);
    } finally {
      if (jobRef.current === jobId) {
        jobRef.current = null;
        setGenerating(false);
      }
    }
  };

  const cancel = () => {
    const jobId = jobRef.current;
    if (jobId) cancelJob(jobId).catch(showError);
  };

  const close = () => {
    if (!generating) onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Generate key"
      closeButtonProps={{'aria-label': 'Close'}}
      closeOnEscape={!generating}
      closeOnClickOutside={!generating}
      withCloseButton={!generating}
      size="md"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            withAsterisk
            data-autofocus
            placeholder="e.g. Production ACME account"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              if (nameError) setNameError(null);
            }}
            error={nameError}
            disabled={generating}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            disabled={generating}
          />
          <Select
            label="Algorithm"
            data={options.map((o) => ({value: o.value, label: o.recommended ? `${o.label} (recommended)` : o.label}))}
            value={algorithm}
            onChange={(v) => v && setAlgorithm(v)}
            allowDeselect={false}
            disabled={generating}
            description="ECDSA P-384 suits ACME accounts. RSA 4096 can take several seconds to generate."
          />
          {optionsError && <ErrorAlert error={optionsError} />}
          {generating && (
            <Stack gap={4}>
              <Progress value={100} animated striped aria-label="Generating key" />
              <Text size="sm" c="dimmed" aria-live="polite">
                {`Generating… ${elapsed}s`}
              </Text>
            </Stack>
          )}
          {cancelled && (
            <Alert color="yellow" variant="light">
              Key generation was cancelled.
            </Alert>
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            {generating && (
              <Button variant="default" onClick={cancel}>
                Cancel
              </Button>
            )}
            <Button type="submit" loading={generating} disabled={!algorithm}>
              Generate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
