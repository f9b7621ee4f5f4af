import {useState, type FormEvent} from 'react';
import {Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput} from '@mantine/core';
import {IconFileSearch, IconRestore} from '@tabler/icons-react';
import {chooseBackupFile, restoreIntoNewFolder, toAppError, type AppError} from '../../bridge';
import {Modal} from '../../components/dialogs';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {MIN_PASSPHRASE_LENGTH} from './PassphraseSetup';

type Protection = 'keychain' | 'passphrase';

/**
 * The way out of a data folder that cannot be used: a backup restored into a new data folder, the old one
 * kept aside as it is. Offered where the window meets a damaged database or a lost vault key.
 */
export function RestoreIntoNewFolder({dataDir, protection: initial, onRestored}: {dataDir?: string; protection: Protection; onRestored: () => Promise<void>}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconRestore size={16} />} onClick={() => setOpened(true)}>
        Restore a backup into a new data folder
      </Button>
      {opened && <RestoreModal dataDir={dataDir} initial={initial} onClose={() => setOpened(false)} onRestored={onRestored} />}
    </>
  );
}

function RestoreModal({dataDir, initial, onClose, onRestored}: {dataDir?: string; initial: Protection; onClose: () => void; onRestored: () => Promise<void>}) {
  const [path, setPath] = useState('');
  const [backupPass, setBackupPass] = useState('');
  const [protection, setProtection] = useState<Protection>(initial);
  const [vaultPass, setVaultPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{path?: string; backupPass?: string; vaultPass?: string; repeat?: string}>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    try {
      const p = await chooseBackupFile();
      if (p) setPath(p);
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const next: typeof errors = {};
    if (!path.trim()) next.path = 'Choose the backup file.';
    if (!backupPass) next.backupPass = 'Enter the passphrase of the backup.';
    if (protection === 'passphrase') {
      if ([...vaultPass].length < MIN_PASSPHRASE_LENGTH) next.vaultPass = `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`;
      else if (repeat !== vaultPass) next.repeat = 'The passphrases do not match.';
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    setError(null);
    try {
      const done = await restoreIntoNewFolder(path.trim(), backupPass, protection === 'passphrase' ? vaultPass : '');
      showSuccess(
        `${done.plan.add.length} records restored.` + (done.setAside ? ` The old data folder was kept as it was, as ${done.setAside}.` : ''),
        'Restored into a new data folder',
      );
      onClose();
      await onRestored();
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title="Restore a backup into a new data folder" size="lg" centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">
            {`The data folder${dataDir ? ` (${dataDir})` : ''} is kept as it is, renamed beside itself. A new one in its place gets a new vault and everything in the backup.`}
          </Text>
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <Button variant="default" leftSection={<IconFileSearch size={16} />} onClick={() => void choose()} disabled={busy}>
              Choose backup file
            </Button>
            <TextInput flex={1} label="Backup file" value={path} onChange={(e) => setPath(e.currentTarget.value)} error={errors.path} disabled={busy} />
          </Group>
          <PasswordInput
            label="Backup passphrase"
            value={backupPass}
            onChange={(e) => setBackupPass(e.currentTarget.value)}
            error={errors.backupPass}
            disabled={busy}
            autoComplete="off"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Protect the new vault with
            </Text>
            <SegmentedControl
              aria-label="Protect the new vault with"
              value={protection}
              onChange={(v) => setProtection(v as Protection)}
              data={[
                {value: 'keychain', label: 'The OS keychain'},
                {value: 'passphrase', label: 'A passphrase'},
              ]}
              disabled={busy}
            />
          </Stack>
          {protection === 'passphrase' && (
            <>
              <PasswordInput
                label="New vault passphrase"
                value={vaultPass}
                onChange={(e) => setVaultPass(e.currentTarget.value)}
                error={errors.vaultPass}
                disabled={busy}
                autoComplete="new-password"
              />
              <PasswordInput
                label="Repeat the new vault passphrase"
                value={repeat}
                onChange={(e) => setRepeat(e.currentTarget.value)}
                error={errors.repeat}
                disabled={busy}
                autoComplete="new-password"
              />
            </>
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Restore into a new data folder
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
