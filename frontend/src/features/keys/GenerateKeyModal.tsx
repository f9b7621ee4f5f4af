import {useEffect, useRef, useState} from 'react';
import {Alert, Progress, Select, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {useForm} from '@mantine/form';
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
import {FormModal} from '../../components/FormModal';
import {showError, showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
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
  const form = useForm({
    initialValues: {name: '', description: '', algorithm: null as string | null},
    validate: {name: (v) => (v.trim() ? null : 'Enter a name for the key.')},
  });
  const {run, busy: generating, error, setError} = useAction();
  const [elapsed, setElapsed] = useState(0);
  const [cancelled, setCancelled] = useState(false);
  const jobRef = useRef<string | null>(null);

  // A fresh form each time the modal opens.
  useEffect(() => {
    if (!opened) return;
    form.reset();
    setCancelled(false);
    setError(null);
    let live = true;
    keyAlgorithms()
      .then((list) => {
        if (!live) return;
        setOptions(list);
        setOptionsError(null);
        form.setFieldValue('algorithm', (list.find((o) => o.recommended) ?? list[0])?.value ?? null);
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

  const submit = form.onSubmit(({name, description, algorithm}) => {
    const option = options.find((o) => o.value === algorithm);
    if (generating || !option) return;
    const jobId = newJobId();
    jobRef.current = jobId;
    setCancelled(false);
    run(async () => {
      try {
        const key = await generateKey(jobId, name.trim(), description.trim(), option.value);
        showSuccess(`“${key.name}” (${option.label}) is ready.`, 'Key generated');
        onGenerated(key);
      } catch (err) {
        if (toAppError(err).code !== 'cancelled') throw err;
        setCancelled(true);
      } finally {
        jobRef.current = null;
      }
    });
  });

  const cancel = () => {
    const jobId = jobRef.current;
    if (jobId) cancelJob(jobId).catch(showError);
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Generate key"
      withCloseButton={!generating}
      size="md"
      onSubmit={submit}
      submitLabel="Generate"
      submitDisabled={!form.values.algorithm}
      busy={generating}
      error={error}
      // While a key is being made, Cancel stops the job rather than closing.
      onCancel={generating ? cancel : onClose}
      cancelWhileBusy
    >
      <TextInput
        label="Name"
        withAsterisk
        data-autofocus
        placeholder="e.g. Production ACME account"
        {...form.getInputProps('name')}
        disabled={generating}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('description')}
        disabled={generating}
      />
      <Select
        label="Algorithm"
        data={options.map((o) => ({value: o.value, label: o.recommended ? `${o.label} (recommended)` : o.label}))}
        {...form.getInputProps('algorithm')}
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
    </FormModal>
  );
}
