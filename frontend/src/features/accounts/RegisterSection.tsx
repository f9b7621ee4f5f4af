import {useEffect, useState} from 'react';
import {Alert, Button, Checkbox, Group, Loader, Stack, Text, Title} from '@mantine/core';
import {IconAlertTriangle} from '@tabler/icons-react';
import {caDirectory, registerAccount, toAppError, type Account, type AppError, type CA, type Directory} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {ExternalLink} from '../../components/ExternalLink';
import {showSuccess} from '../../components/notify';
import {showUnknownOutcome} from './unknownOutcome';

export interface RegisterSectionProps {
  account: Account;
  ca: CA | undefined;
  onRegistered: (a: Account) => void;
}

/** Registration of an unregistered account: the CA's terms, the agreement, and the Register button. */
export function RegisterSection({account, ca, onRegistered}: RegisterSectionProps) {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [dirError, setDirError] = useState<AppError | null>(null);
  const [dirLoading, setDirLoading] = useState(true);
  const [agreed, setAgreed] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  // Bumped by "Read it again": the directory is read anew, past the cache.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setDirLoading(true);
    setDirectory(null);
    setDirError(null);
    caDirectory(account.caId, attempt > 0)
      .then((d) => live && setDirectory(d))
      .catch((e) => live && setDirError(toAppError(e)))
      .finally(() => live && setDirLoading(false));
    return () => {
      live = false;
    };
  }, [account.caId, attempt]);

  const tos = directory?.meta.termsOfService;
  const eabMissing = Boolean(directory?.meta.externalAccountRequired) && !account.eabCredentialId;
  const canRegister = directory !== null && !registering && (!tos || agreed);

  const register = async () => {
    setRegistering(true);
    setError(null);
    try {
      const a = await registerAccount(account.id, agreed);
      showSuccess(`“${a.name}” is registered at ${ca?.name ?? 'the CA'}.`, 'Account registered');
      onRegistered(a);
    } catch (e) {
      const err = toAppError(e);
      if (!(await showUnknownOutcome(err, account.id, onRegistered))) setError(err);
    } finally {
      setRegistering(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="account-register">
      <Title order={3} size="h5" id="account-register">
        Register at the CA
      </Title>
      <Text size="sm">
        This account exists only in ACME Desk so far. Registering creates it at the CA with its key and contact
        addresses.
      </Text>
      {dirLoading && (
        <Group gap="xs">
          <Loader size="xs" aria-label="Reading the CA's directory" />
          <Text size="sm" c="dimmed">
            Reading the CA&apos;s directory…
          </Text>
        </Group>
      )}
      {dirError && (
        <Stack gap="xs" align="flex-start">
          <ErrorAlert error={dirError} title="Could not read the CA's directory" />
          <Button variant="default" size="xs" onClick={() => setAttempt((n) => n + 1)}>
            Read it again
          </Button>
        </Stack>
      )}
      {eabMissing && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="External account binding missing">
          <Stack gap={4}>
            <Text size="sm">
              {`${ca?.name ?? 'This CA'} only registers accounts with an EAB key ID and HMAC key, and this account has none. Remove it from ACME Desk and create it again with the EAB credentials.`}
            </Text>
            {ca?.eabHelp && <Text size="sm">{ca.eabHelp}</Text>}
          </Stack>
        </Alert>
      )}
      {tos && (
        <Text size="sm">
          {'Read the CA’s '}
          <ExternalLink href={tos}>Terms of service</ExternalLink>
        </Text>
      )}
      {directory && (
        <Checkbox
          label="I agree to the CA's terms of service"
          checked={agreed}
          onChange={(e) => setAgreed(e.currentTarget.checked)}
          disabled={registering}
        />
      )}
      {error && <ErrorAlert error={error} />}
      <Group>
        <Button onClick={() => void register()} loading={registering} disabled={!canRegister}>
          Register
        </Button>
      </Group>
    </Stack>
  );
}
