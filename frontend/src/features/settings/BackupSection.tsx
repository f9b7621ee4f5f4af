import {useEffect, useState} from 'react';
import {Alert, Badge, Button, Checkbox, Group, List, PasswordInput, Stack, Text, Title} from '@mantine/core';
import {useForm} from '@mantine/form';
import {Modal} from '../../components/dialogs';
import {IconDatabaseExport, IconRestore} from '@tabler/icons-react';
import {backupToFile, planRestore, restoreBackup, type BackupItem, type RestorePlan} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {longEnough, MIN_PASSPHRASE_LENGTH, repeats} from '../../components/passphraseRules';
import {useAction} from '../../components/useAction';
import {BackupFileFields, backupFileRules} from './BackupFileFields';

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
  const form = useForm({
    initialValues: {pass: '', repeat: ''},
    validate: {pass: longEnough(), repeat: repeats('pass')},
  });
  const {run, busy, error, setError} = useAction();

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    form.reset();
    setError(null);
  }, [opened]);

  const submit = form.onSubmit(({pass}) => {
    if (busy) return;
    run(async () => {
      const path = await backupToFile(pass);
      if (path) {
        showSuccess(`Backup saved to ${path}`, 'Backup saved');
        onClose();
      }
    });
  });

  return (
    <FormModal opened={opened} onClose={onClose} title="Encrypted backup" centered onSubmit={submit} submitLabel="Save backup" busy={busy} error={error}>
      <Text size="sm">{BACKUP_EXPLANATION}</Text>
      <PasswordInput
        label="Backup passphrase"
        description={`At least ${MIN_PASSPHRASE_LENGTH} characters.`}
        data-autofocus
        {...form.getInputProps('pass')}
        disabled={busy}
        autoComplete="new-password"
      />
      <PasswordInput
        label="Repeat passphrase"
        {...form.getInputProps('repeat')}
        disabled={busy}
        autoComplete="new-password"
      />
    </FormModal>
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
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const [taken, setTaken] = useState<Set<string>>(new Set());
  // A plan is for the file and passphrase it was made with: any change asks for a new check.
  const form = useForm({initialValues: {path: '', passphrase: ''}, validate: backupFileRules, onValuesChange: () => setPlan(null)});
  const {run, running: busy, error, setError} = useAction<'choose' | 'check' | 'restore'>();

  useEffect(() => {
    // On open, and on close: what was typed or pasted (secrets) leaves the page's state.
    form.reset();
    setPlan(null);
    setTaken(new Set());
    setError(null);
  }, [opened]);

  const take = (id: string, yes: boolean) =>
    setTaken((t) => {
      const next = new Set(t);
      if (yes) next.add(id);
      else next.delete(id);
      return next;
    });

  const check = form.onSubmit(({path, passphrase}) => {
    if (busy) return;
    setPlan(null);
    setTaken(new Set());
    run(async () => setPlan(await planRestore(path.trim(), passphrase)), 'check');
  });

  const restore = () => {
    if (busy || !plan) return;
    const {path, passphrase} = form.getValues();
    run(async () => {
      const done = await restoreBackup(path.trim(), passphrase, 'merge', [...taken]);
      const kept = done.conflicts.length;
      const replaced = done.replace.length;
      showSuccess(
        `${plural(done.add.length, 'record', 'records')} added, ${done.same.length} already identical` +
          `${replaced ? `, ${replaced} replaced by the backup's version` : ''}${kept ? `, ${kept} kept as they are` : ''}.`,
        'Backup restored',
      );
      onRestored();
    }, 'restore');
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
      <form onSubmit={check} noValidate>
        <Stack>
          <Text size="sm">
            Restoring adds the keys, accounts and credentials of the backup that are not here yet. Nothing already
            here is overwritten, unless you choose to take the backup's version of a record changed since.
          </Text>
          <BackupFileFields
            inputProps={form.getInputProps}
            onChosen={(path) => form.setFieldValue('path', path)}
            run={run}
            choosing={busy === 'choose'}
            disabled={busy === 'restore'}
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
