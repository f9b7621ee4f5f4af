import {useState} from 'react';
import {Alert, Button, Code, Group, List, SegmentedControl, Stack, Text} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconFileExport} from '@tabler/icons-react';
import {exportAccount, type Account, type AccountExportFormat, type ExportResult} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';

const FORMATS: {value: AccountExportFormat; label: string}[] = [
  {value: 'lego', label: 'lego'},
  {value: 'certbot', label: 'certbot'},
  {value: 'acmesh', label: 'acme.sh'},
  {value: 'cert-manager', label: 'cert-manager'},
];

/** Hands the account to a client or another machine: asks for the format, confirms, then writes the files. */
export function ExportAccountSection({account}: {account: Account}) {
  const [opened, setOpened] = useState(false);
  const [format, setFormat] = useState<AccountExportFormat>('lego');
  const {run: runAction, busy, error, setError} = useAction();
  const [result, setResult] = useState<ExportResult | null>(null);

  const open = () => {
    setError(null);
    setResult(null);
    setOpened(true);
  };

  const run = () =>
    runAction(async () => {
      const r = await exportAccount(account.id, format);
      if (r) {
        setResult(r);
        showSuccess(`Written to ${r.dir}`, 'Account exported');
      }
    });

  return (
    <>
      <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={open} disabled={account.status === 'unregistered'}>
        Export account
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Export account" size="lg">
        <Stack>
          <SegmentedControl aria-label="Export format" value={format} onChange={(v) => setFormat(v as AccountExportFormat)} data={FORMATS} />
          <Alert color="orange" title="The export holds the account's private key">
            Anyone with these files controls the account. They are written readable by you only; the key must allow
            export (Keys → Allow export).
          </Alert>
          {error && <ErrorAlert error={error} />}
          {result && (
            <Stack gap={4}>
              <Text size="sm">
                Written to <Code>{result.dir}</Code>:
              </Text>
              <List size="sm">
                {result.files.map((f) => (
                  <List.Item key={f}>
                    <Code>{f}</Code>
                  </List.Item>
                ))}
              </List>
              {(result.hints ?? []).map((h) => (
                <Text key={h} size="sm" c="dimmed">
                  {h}
                </Text>
              ))}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Close
            </Button>
            <Button loading={busy} onClick={() => void run()}>
              Choose folder and export
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
