import {useState} from 'react';
import {Button, PasswordInput, SegmentedControl, Stack, Text} from '@mantine/core';
import {useForm} from '@mantine/form';
import {IconRestore} from '@tabler/icons-react';
import {restoreIntoNewFolder} from '../../bridge';
import {FormModal} from '../../components/FormModal';
import {showSuccess} from '../../components/notify';
import {longEnough, repeats} from '../../components/passphraseRules';
import {useAction} from '../../components/useAction';
import {BackupFileFields, backupFileRules} from '../settings/BackupFileFields';

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
  const form = useForm({
    initialValues: {path: '', passphrase: '', protection: initial, vaultPass: '', repeat: ''},
    validate: {
      ...backupFileRules,
      vaultPass: (v, values) => (values.protection === 'passphrase' ? longEnough()(v) : null),
      repeat: (v, values) => (values.protection === 'passphrase' ? repeats('vaultPass')(v, values) : null),
    },
  });
  const {run, running, busy, error} = useAction<'choose' | 'restore'>();
  const restoring = running === 'restore';

  const submit = form.onSubmit(({path, passphrase, protection, vaultPass}) => {
    if (busy) return;
    run(async () => {
      const done = await restoreIntoNewFolder(path.trim(), passphrase, protection === 'passphrase' ? vaultPass : '');
      showSuccess(
        `${done.plan.add.length} records restored.` + (done.setAside ? ` The old data folder was kept as it was, as ${done.setAside}.` : ''),
        'Restored into a new data folder',
      );
      onClose();
      await onRestored();
    }, 'restore');
  });

  return (
    <FormModal opened onClose={onClose} title="Restore a backup into a new data folder" size="lg" centered onSubmit={submit} submitLabel="Restore into a new data folder" busy={restoring} error={error}>
      <Text size="sm">
        {`The data folder${dataDir ? ` (${dataDir})` : ''} is kept as it is, renamed beside itself. A new one in its place gets a new vault and everything in the backup.`}
      </Text>
      <BackupFileFields
        inputProps={form.getInputProps}
        onChosen={(path) => form.setFieldValue('path', path)}
        run={run} choosing={running === 'choose'} disabled={restoring} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Protect the new vault with
        </Text>
        <SegmentedControl
          aria-label="Protect the new vault with"
          {...form.getInputProps('protection')}
          data={[
            {value: 'keychain', label: 'The OS keychain'},
            {value: 'passphrase', label: 'A passphrase'},
          ]}
          disabled={restoring}
        />
      </Stack>
      {form.values.protection === 'passphrase' && (
        <>
          <PasswordInput
            label="New vault passphrase"
            {...form.getInputProps('vaultPass')}
            disabled={restoring}
            autoComplete="new-password"
          />
          <PasswordInput
            label="Repeat the new vault passphrase"
            {...form.getInputProps('repeat')}
            disabled={restoring}
            autoComplete="new-password"
          />
        </>
      )}
    </FormModal>
  );
}
