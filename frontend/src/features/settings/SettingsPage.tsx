import {useState} from 'react';
import {Badge, Code, Paper, Stack, Switch, Text, Title} from '@mantine/core';
import {IconLock, IconShieldCheck} from '@tabler/icons-react';
import {showError} from '../../components/notify';
import {useAppInfo} from '../vault/AppInfoContext';
import {BackupSection} from './BackupSection';
import {useSettings} from './useSettings';

export function SettingsPage() {
  const {info, reload} = useAppInfo();
  const keychain = info.vault.protection === 'keychain';
  const {settings, update} = useSettings();
  const [saving, setSaving] = useState(false);

  const toggleDebug = async (on: boolean) => {
    setSaving(true);
    try {
      await update({showDebug: on});
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="lg" maw={720}>
      <Title order={2}>Settings</Title>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-vault">
        <Stack gap="sm">
          <Title order={3} size="h4" id="settings-vault">
            Vault protection
          </Title>
          <Badge
            size="lg"
            variant="light"
            color={keychain ? 'teal' : 'indigo'}
            leftSection={keychain ? <IconShieldCheck size={14} /> : <IconLock size={14} />}
            tt="none"
          >
            {keychain ? 'Protected by the OS keychain' : 'Protected by a passphrase'}
          </Badge>
          <Text size="sm">
            {keychain
              ? "The key that encrypts your private keys is kept in your operating system's keychain, so ACME Desk opens without asking for a passphrase."
              : 'The key that encrypts your private keys is derived from your passphrase; ACME Desk asks for it each time it starts. If you forget it, the keys cannot be recovered.'}
          </Text>
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-display">
        <Stack gap="sm">
          <Title order={3} size="h4" id="settings-display">
            Display
          </Title>
          <Switch
            label="Show debug information"
            aria-label="Show debug information"
            description="Shows account URLs (KID) and the raw ACME problem behind errors."
            checked={settings.showDebug}
            disabled={saving}
            onChange={(e) => void toggleDebug(e.currentTarget.checked)}
          />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-backup">
        <BackupSection onRestored={() => void reload()} />
      </Paper>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-data">
        <Stack gap="sm">
          <Title order={3} size="h4" id="settings-data">
            Data folder
          </Title>
          <Text size="sm">ACME Desk stores its database in this folder.</Text>
          <Code block style={{wordBreak: 'break-all', whiteSpace: 'pre-wrap'}}>
            {info.dataDir}
          </Code>
        </Stack>
      </Paper>
    </Stack>
  );
}
