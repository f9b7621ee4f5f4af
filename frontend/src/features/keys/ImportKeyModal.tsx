import {useEffect, useRef, useState, type FormEvent} from 'react';
import {Button, Group, PasswordInput, Stack, Text, TextInput, Textarea} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {Dropzone, type FileWithPath} from '@mantine/dropzone';
import {IconFileUpload} from '@tabler/icons-react';
import {importKey, toAppError, type AppError, type Key} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';

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
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [content, setContent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [needPassphrase, setNeedPassphrase] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [contentError, setContentError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    setName('');
    setDescription('');
    setContent('');
    setPassphrase('');
    setNeedPassphrase(false);
    setNameError(null);
    setContentError(null);
    setFileError(null);
    setPassphraseError(null);
    setError(null);
  }, [opened]);

  const showPassphrase = needPassphrase || content.includes('ENCRYPTED');

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
      setContent(text);
      setContentError(null);
      setError(null);
      if (!name.trim()) setName(baseName(file.name));
    } catch {
      setFileError(`“${file.name}” could not be read.`);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    let ok = true;
    if (!name.trim()) {
      setNameError('Enter a name for the key.');
      ok = false;
    }
    if (!content.trim()) {
      setContentError('Paste a key or drop a key file.');
      ok = false;
    }
    if (needPassphrase && !passphrase) {
      setPassphraseError('Enter the passphrase the key file was saved with.');
      setFocusPassphrase((n) => n + 1);
      ok = false;
    }
    if (!ok) return;
    setBusy(true);
    setError(null);
    setPassphraseError(null);
    try {
      const key = await importKey(name.trim(), description.trim(), content, showPassphrase ? passphrase : '');
      showSuccess(`“${key.name}” was added to your keys.`, 'Key imported');
      onImported(key);
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'passphrase_required') {
        setNeedPassphrase(true);
        setFocusPassphrase((n) => n + 1);
      } else if (appErr.code === 'wrong_passphrase') {
        setNeedPassphrase(true);
        setPassphraseError(appErr.hint ? `${appErr.message} ${appErr.hint}` : appErr.message);
        setFocusPassphrase((n) => n + 1);
      } else {
        setError(appErr);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Import key"
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
      closeOnEscape={!busy}
      closeOnClickOutside={!busy}
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
            disabled={busy}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
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
            value={content}
            onChange={(e) => {
              setContent(e.currentTarget.value);
              if (contentError) setContentError(null);
            }}
            error={contentError}
            disabled={busy}
          />
          {showPassphrase && (
            <PasswordInput
              ref={passphraseRef}
              label="Key passphrase"
              description="This key is encrypted. Enter the passphrase it was saved with."
              value={passphrase}
              onChange={(e) => {
                setPassphrase(e.currentTarget.value);
                if (passphraseError) setPassphraseError(null);
              }}
              error={passphraseError}
              disabled={busy}
            />
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              Import
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
