import {useState} from 'react';
import {Anchor, Box, Button, Group, Select, Stack, Text} from '@mantine/core';
import {repointAccountEAB, type Account} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {useEabCredentials} from '../credentials/useCredentials';

/** "EAB credential: <name>" with a small control to point the account at another stored one. */
export function EabCredentialField({account, onUpdated}: {account: Account; onUpdated: (a: Account) => void}) {
  const {eabCredentials, reload} = useEabCredentials(true);
  const [changing, setChanging] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const {run, busy, error, setError} = useAction();

  const current = eabCredentials.find((c) => c.id === account.eabCredentialId);
  const options = eabCredentials
    .filter((c) => c.id !== account.eabCredentialId)
    .map((c) => ({value: c.id, label: c.consumedAt ? `${c.name} (already used)` : c.name}));

  const apply = () => {
    if (!choice) return;
    run(async () => {
      await repointAccountEAB(account.id, choice);
      const name = eabCredentials.find((c) => c.id === choice)?.name ?? 'the chosen credential';
      showSuccess(`“${account.name}” now uses “${name}”.`, 'EAB credential changed');
      setChanging(false);
      setChoice(null);
      reload();
      onUpdated({...account, eabCredentialId: choice});
    });
  };

  return (
    <Box>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" data-testid="account-eab-credential">
          {'EAB credential: '}
          <Text span size="sm" c="blue" fw={500}>
            {current?.name ?? account.eabCredentialId}
          </Text>
        </Text>
        <Anchor
          component="button"
          type="button"
          size="xs"
          aria-expanded={changing}
          onClick={() => {
            setChanging((v) => !v);
            setError(null);
          }}
        >
          {changing ? 'Cancel' : 'Change'}
        </Anchor>
      </Group>
      {changing && (
        <Stack gap="xs" mt="xs">
          <Group align="flex-end" gap="sm">
            <Select
              label="Use another EAB credential"
              placeholder={options.length ? 'Choose a stored EAB credential' : 'No other stored EAB credentials'}
              data={options}
              value={choice}
              onChange={setChoice}
              searchable
              disabled={busy}
              flex={1}
            />
            <Button onClick={() => void apply()} loading={busy} disabled={!choice}>
              Use this credential
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            The account at the CA does not change: the EAB credential only matters when registering.
          </Text>
          {error && <ErrorAlert error={error} />}
        </Stack>
      )}
    </Box>
  );
}
