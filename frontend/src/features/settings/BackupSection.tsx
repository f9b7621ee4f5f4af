import {useEffect, useState, type FormEvent} from 'react';
import {Alert, Badge, Button, Checkbox, Group, List, PasswordInput, Stack, Text, TextInput, Title} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconDatabaseExport, IconFileSearch, IconRestore} from '@tabler/icons-react';
import {
  backupToFile,
  chooseBackupFile,
  planRestore,
  restoreBackup,
  toAppError,
  type AppError,
  type BackupItem,
  type RestorePlan,
} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';

export const MIN_BACKUP_PASSPHRASE = 10;

export const BACKUP_EXPLANATION =
  'The backup file holds every key, account and credential, encrypted with this passphrase. Keep the passphrase safe: without it the backup cannot be read.';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The "Backup and restore" section of the settings page. */
export function BackupSection({onRestored}: {onRestored: () => void}) {
  const [modal, setModal] = useState<'backup' | 'restore' | null>(null);
  return (
    <>
      <Stack gap="sm">
        <Title order={3} size="h4" id="settings-backup">
          Backup and restore
        </Title>
        <Text size="sm">
          A backup is one encrypted file with every key, account and credential. Restoring adds what is missing and
          keeps what is already here.
        </Text>
        <Group gap="sm">
          <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => setModal('backup')}>
            Back up
          </Button>
          <Button variant="default" leftSection={<IconRestore size={16} />} onClick={() => setModal('restore')}>
            Restore
          </Button>
        </Group>
      </Stack>
      <BackupModal opened={modal === 'backup'} onClose={() => setModal(null)} />
      <RestoreModal
        opened={modal === 'restore'}
        onClose={() => setModal(null)}
        onRestored={() => {
          setModal(null);
          onRestored();
        }}
      />
    </>
  );
}

function BackupModal({opened, onClose}: {opened: boolean; onClose: () => void}) {
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    setPass('');
    setRepeat('');
    setPassError(null);
    setRepeatError(null);
    setError(null);
  }, [opened]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const tooShort = pass.length < MIN_BACKUP_PASSPHRASE;
    const mismatch = pass !== repeat;
    setPassError(tooShort ? `Use at least ${MIN_BACKUP_PASSPHRASE} characters.` : null);
    setRepeatError(!tooShort && mismatch ? 'The passphrases do not match.' : null);
    if (tooShort || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      const path = await backupToFile(pass);
      if (path) {
        showSuccess(`Backup saved to ${path}`, 'Backup saved');
        onClose();
      }
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title="Encrypted backup"
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">{BACKUP_EXPLANATION}</Text>
          <PasswordInput
            label="Backup passphrase"
            description={`At least ${MIN_BACKUP_PASSPHRASE} characters.`}
            data-autofocus
            value={pass}
            onChange={(e) => {
              setPass(e.currentTarget.value);
              if (passError) setPassError(null);
            }}
            error={passError}
            disabled={busy}
            autoComplete="new-password"
          />
          <PasswordInput
            label="Repeat passphrase"
            value={repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              if (repeatError) setRepeatError(null);
            }}
            error={repeatError}
            disabled={busy}
            autoComplete="new-password"
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save backup
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const KINDS: Record<string, string> = {keys: 'Key', accounts: 'Account', cas: 'CA', credentials: 'Credential', meta: 'Setting'};

/** A record is shown by its name; its internal id only when it has none. */
function itemLabel(i: BackupItem): string {
  return i.name || i.id;
}

type PlanListProps = {
  title: string;
  items: BackupItem[];
  testId: string;
  withReason?: boolean;
  /** For conflicts: the ids whose backup version is chosen, and how to choose. */
  taken?: Set<string>;
  onTake?: (id: string, take: boolean) => void;
};

function PlanList({title, items, testId, withReason = false, taken, onTake}: PlanListProps) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={600}>
        {`${title} (${items.length})`}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {items.map((i) => (
            <List.Item key={`${i.bucket}/${i.id}`}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge variant="light" color="gray" tt="none" style={{flexShrink: 0}}>
                  {KINDS[i.bucket] ?? i.bucket}
                </Badge>
                <Stack gap={2}>
                  <Text size="sm" style={{wordBreak: 'break-all'}}>
                    {itemLabel(i)}
                  </Text>
                  {withReason && i.reason && (
                    <Text size="xs" c="dimmed">
                      {i.reason}
                    </Text>
                  )}
                  {onTake && i.replaceable && (
                    <Checkbox
                      size="xs"
                      label="Take the backup's version"
                      aria-label={`Take the backup's version of ${itemLabel(i)}`}
                      checked={taken?.has(i.id) ?? false}
                      onChange={(e) => onTake(i.id, e.currentTarget.checked)}
                    />
                  )}
                </Stack>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function RestoreModal({opened, onClose, onRestored}: {opened: boolean; onClose: () => void; onRestored: () => void}) {
  const [path, setPath] = useState('');
  const [pass, setPass] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [passError, setPassError] = useState<string | null>(null);
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const [taken, setTaken] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<'choose' | 'check' | 'restore' | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    setPath('');
    setPass('');
    setPathError(null);
    setPassError(null);
    setPlan(null);
    setTaken(new Set());
    setBusy(null);
    setError(null);
  }, [opened]);

  const take = (id: string, yes: boolean) =>
    setTaken((t) => {
      const next = new Set(t);
      if (yes) next.add(id);
      else next.delete(id);
      return next;
    });

  const choose = async () => {
    setBusy('choose');
    setError(null);
    try {
      const p = await chooseBackupFile();
      if (p) {
        setPath(p);
        setPathError(null);
        setPlan(null);
      }
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const noPath = !path.trim();
    const noPass = !pass;
    setPathError(noPath ? 'Choose the backup file.' : null);
    setPassError(noPass ? 'Enter the passphrase of the backup.' : null);
    if (noPath || noPass) return;
    setBusy('check');
    setError(null);
    setPlan(null);
    setTaken(new Set());
    try {
      setPlan(await planRestore(path.trim(), pass));
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(null);
    }
  };

  const restore = async () => {
    if (busy || !plan) return;
    setBusy('restore');
    setError(null);
    try {
      const done = await restoreBackup(path.trim(), pass, 'merge', [...taken]);
      const kept = done.conflicts.length;
      const replaced = done.replace.length;
      showSuccess(
        `${plural(done.add.length, 'record', 'records')} added, ${done.same.length} already identical` +
          `${replaced ? `, ${replaced} replaced by the backup's version` : ''}${kept ? `, ${kept} kept as they are` : ''}.`,
        'Backup restored',
      );
      onRestored();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => busy !== 'restore' && onClose()}
      title="Restore backup"
      size="lg"
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <form onSubmit={(e) => void check(e)} noValidate>
        <Stack>
          <Text size="sm">
            Restoring adds the keys, accounts and credentials of the backup that are not here yet. Nothing already
            here is overwritten, unless you choose to take the backup's version of a record changed since.
          </Text>
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconFileSearch size={16} />}
              onClick={() => void choose()}
              loading={busy === 'choose'}
              disabled={busy !== null && busy !== 'choose'}
            >
              Choose backup file
            </Button>
            <TextInput
              flex={1}
              label="Backup file"
              value={path}
              onChange={(e) => {
                setPath(e.currentTarget.value);
                setPlan(null);
                if (pathError) setPathError(null);
              }}
              error={pathError}
              disabled={busy === 'restore'}
            />
          </Group>
          <PasswordInput
            label="Backup passphrase"
            value={pass}
            onChange={(e) => {
              setPass(e.currentTarget.value);
              setPlan(null);
              if (passError) setPassError(null);
            }}
            error={passError}
            disabled={busy === 'restore'}
            autoComplete="off"
          />
          {error && <ErrorAlert error={error} />}
          {plan && (
            <Stack gap="sm" data-testid="restore-plan">
              <Alert variant="light" color={plan.add.length ? 'blue' : 'gray'} title="What the restore does">
                {`${plural(plan.add.length, 'record', 'records')} will be added, ${plan.same.length} already identical, ${plural(plan.conflicts.length - taken.size, 'conflict', 'conflicts')} kept as they are` +
                  `${taken.size ? `, ${taken.size} replaced by the backup's version` : ''}.`}
              </Alert>
              <PlanList title="Will be added" items={plan.add} testId="plan-add" />
              <PlanList title="Already identical" items={plan.same} testId="plan-same" />
              <PlanList title="Conflicts" items={plan.conflicts} testId="plan-conflicts" withReason taken={taken} onTake={take} />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy === 'restore'}>
              Cancel
            </Button>
            <Button type="submit" variant={plan ? 'default' : 'filled'} loading={busy === 'check'} disabled={busy === 'restore'}>
              Check backup
            </Button>
            {plan && (
              <Button onClick={() => void restore()} loading={busy === 'restore'} disabled={plan.add.length === 0 && taken.size === 0}>
                Restore
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
