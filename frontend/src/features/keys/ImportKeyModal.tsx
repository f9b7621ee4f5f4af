import {useEffect, useRef, useState} from 'react';
import {Group, PasswordInput, Text, TextInput, Textarea} from '@mantine/core';
import {useForm} from '@mantine/form';
import {Dropzone, type FileWithPath} from '@mantine/dropzone';
import {IconFileUpload} from '@tabler/icons-react';
import {importKey, toAppError, type Key} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';

/** Key files are small; anything above this is refused before reading it. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

export interface ImportKeyModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the imported key; the parent closes the modal and shows the key. */
  onImported: (key: Key) => void;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

export function ImportKeyModal({opened, onClose, onImported}: ImportKeyModalProps) {
  const [needPassphrase, setNeedPassphrase] = useState(false);
  const form = useForm({
    initialValues: {name: '', description: '', content: '', passphrase: ''},
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name for the key.'),
      content: (v) => (v.trim() ? null : 'Paste a key or drop a key file.'),
      passphrase: (v) => (needPassphrase && !v ? 'Enter the passphrase the key file was saved with.' : null),
    },
  });
  const [fileError, setFileError] = useState<string | null>(null);
  const {run, busy, error, setError} = useAction();
  const passphraseRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    form.reset();
    setNeedPassphrase(false);
    setFileError(null);
    setError(null);
  }, [opened]);

  const showPassphrase = needPassphrase || form.values.content.includes('ENCRYPTED');

  // Bumped to move focus to the passphrase field once it is rendered and enabled again.
  const [focusPassphrase, setFocusPassphrase] = useState(0);
  useEffect(() => {
    if (!focusPassphrase) return;
    passphraseRef.current?.focus();
    passphraseRef.current?.select();
  }, [focusPassphrase]);

  const onFiles = async (files: FileWithPath[]) => {
    const file = files[0];
    if (!file) return;
    setFileError(null);
    if (file.size > MAX_KEY_FILE_BYTES) {
      setFileError(`“${file.name}” is larger than 1 MiB, so it is not a key file. Choose the key file itself.`);
      return;
    }
    try {
      const text = await file.text();
      form.setFieldValue('content', text);
      setError(null);
      if (!form.values.name.trim()) form.setFieldValue('name', baseName(file.name));
    } catch {
      setFileError(`“${file.name}” could not be read.`);
    }
  };

  const submit = form.onSubmit(
    ({name, description, content, passphrase}) => {
      if (busy) return;
      run(async () => {
        try {
          const key = await importKey(name.trim(), description.trim(), content, showPassphrase ? passphrase : '');
          showSuccess(`“${key.name}” was added to your keys.`, 'Key imported');
          onImported(key);
        } catch (err) {
          // A missing or wrong passphrase is the passphrase field's error, not the form's.
          const appErr = toAppError(err);
          if (appErr.code !== 'passphrase_required' && appErr.code !== 'wrong_passphrase') throw err;
          setNeedPassphrase(true);
          if (appErr.code === 'wrong_passphrase') {
            form.setFieldError('passphrase', appErr.hint ? `${appErr.message} ${appErr.hint}` : appErr.message);
          }
          setFocusPassphrase((n) => n + 1);
        }
      });
    },
    (errors) => errors.passphrase && setFocusPassphrase((n) => n + 1),
  );

  return (
    <FormModal opened={opened} onClose={onClose} title="Import key" size="lg" onSubmit={submit} submitLabel="Import" busy={busy} error={error}>
      <TextInput
        label="Name"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
        disabled={busy}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('description')}
        disabled={busy}
      />
      <div>
        <Dropzone
          onDrop={(files) => void onFiles(files)}
          onReject={(rejections) => void onFiles(rejections.map((r) => r.file))}
          multiple={false}
          useFsAccessApi={false}
          disabled={busy}
          inputProps={{'aria-label': 'Key file'}}
          p="md"
        >
          <Group justify="center" gap="sm" mih={56} style={{pointerEvents: 'none'}}>
            <IconFileUpload size={28} stroke={1.5} />
            <Text size="sm">Drop a key file here or click to choose</Text>
          </Group>
        </Dropzone>
        {fileError && (
          <Text size="sm" c="red" mt={4} role="alert">
            {fileError}
          </Text>
        )}
      </div>
      <Textarea
        label="Key (PEM or JWK)"
        withAsterisk
        description="PKCS#8, PKCS#1, SEC 1 or OpenSSH PEM, or a JWK. Encrypted keys are fine."
        autosize
        minRows={6}
        maxRows={14}
        spellCheck={false}
        autoComplete="off"
        styles={{input: {fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)'}}}
        {...form.getInputProps('content')}
        disabled={busy}
      />
      {showPassphrase && (
        <PasswordInput
          ref={passphraseRef}
          label="Key passphrase"
          description="This key is encrypted. Enter the passphrase it was saved with."
          {...form.getInputProps('passphrase')}
          disabled={busy}
        />
      )}
    </FormModal>
  );
}
