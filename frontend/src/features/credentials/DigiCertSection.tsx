import {useState} from 'react';
import {Badge, Button, Checkbox, Group, ScrollArea, Stack, Table, Text, Title} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconBan, IconList, IconRefresh, IconRoute} from '@tabler/icons-react';
import {
  digiCertListEAB,
  digiCertRegenerateEAB,
  digiCertRevokeAllEAB,
  digiCertRevokeEAB,
  toAppError,
  type AppError,
  type Credential,
  type DigiCertEAB,
} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {formatDateTime} from '../keys/format';
import {RotationWizard} from './RotationWizard';

export interface DigiCertSectionProps {
  /** The stored digicert_partner_key credential. */
  keyCredential: Credential;
  credentials: Credential[];
  /** A credential was stored, changed or deleted. */
  onChanged: () => void;
}

type OpenModal = 'regenerate' | 'revokeAll' | 'rotate' | null;

/** The EAB credentials of the DigiCert ACME contract this API key manages. */
export function DigiCertSection({keyCredential, credentials, onChanged}: DigiCertSectionProps) {
  const [list, setList] = useState<DigiCertEAB[] | null>(null);
  const [listing, setListing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [modal, setModal] = useState<OpenModal>(null);
  const [revoking, setRevoking] = useState<DigiCertEAB | null>(null);

  const load = async () => {
    setListing(true);
    setError(null);
    try {
      setList(await digiCertListEAB(keyCredential.id));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setListing(false);
    }
  };

  const afterChange = () => {
    onChanged();
    if (list !== null) void load();
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="digicert-eab">
      <Title order={3} size="h5" id="digicert-eab">
        EAB credentials at DigiCert
      </Title>
      <Group gap="sm">
        <Button variant="default" leftSection={<IconList size={16} />} loading={listing} onClick={() => void load()}>
          List credentials
        </Button>
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setModal('regenerate')}>
          Regenerate
        </Button>
        <Button color="red" variant="light" leftSection={<IconBan size={16} />} onClick={() => setModal('revokeAll')}>
          Revoke all
        </Button>
      </Group>
      <Button variant="light" leftSection={<IconRoute size={16} />} onClick={() => setModal('rotate')} style={{alignSelf: 'flex-start'}}>
        Rotate an EAB credential without downtime
      </Button>
      {error && <ErrorAlert error={error} />}
      {list !== null &&
        (list.length === 0 ? (
          <Text size="sm" c="dimmed">
            DigiCert lists no EAB credentials for this contract.
          </Text>
        ) : (
          <ScrollArea>
            <Table verticalSpacing={4} aria-label="EAB credentials at DigiCert">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Credential ID</Table.Th>
                  <Table.Th>Key ID</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Stored as</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((l) => (
                  <Table.Tr key={l.credentialId} data-testid={`digicert-row-${l.credentialId}`}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {l.credentialId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">{`…${l.kidHint}`}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={l.status === 'active' ? 'green' : 'gray'} tt="none">
                        {l.status === 'active' ? 'Active' : l.status === 'revoked' ? 'Revoked' : l.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(l.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={l.storedName ? undefined : 'dimmed'}>
                        {l.storedName ?? 'Not stored'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {l.status === 'active' && (
                        <Button size="compact-xs" color="red" variant="subtle" onClick={() => setRevoking(l)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        ))}

      <RegenerateModal
        opened={modal === 'regenerate'}
        keyCredentialId={keyCredential.id}
        onClose={() => setModal(null)}
        onDone={() => {
          setModal(null);
          afterChange();
        }}
      />
      <ConfirmModal
        opened={modal === 'revokeAll'}
        title="Revoke all EAB credentials?"
        text="Every active EAB credential of this ACME contract is revoked at DigiCert. Certificates already issued stay valid, but no ACME account can be registered with these credentials any more. This cannot be undone."
        confirm="Revoke all"
        onClose={() => setModal(null)}
        run={async () => {
          await digiCertRevokeAllEAB(keyCredential.id);
          showSuccess('Every active EAB credential of the contract is revoked.', 'Revoked at DigiCert');
          setModal(null);
          afterChange();
        }}
      />
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke EAB credential?"
        text={
          revoking
            ? `Credential ${revoking.credentialId} (key ID …${revoking.kidHint}${revoking.storedName ? `, stored as “${revoking.storedName}”` : ''}) is revoked at DigiCert. Certificates already issued stay valid. This cannot be undone.`
            : ''
        }
        confirm="Revoke"
        onClose={() => setRevoking(null)}
        run={async () => {
          if (!revoking) return;
          await digiCertRevokeEAB(keyCredential.id, revoking.credentialId);
          showSuccess(`Credential ${revoking.credentialId} is revoked.`, 'Revoked at DigiCert');
          setRevoking(null);
          afterChange();
        }}
      />
      <RotationWizard
        opened={modal === 'rotate'}
        keyCredentialId={keyCredential.id}
        credentials={credentials}
        onClose={() => setModal(null)}
        onChanged={afterChange}
      />
    </Stack>
  );
}

function RegenerateModal({
  opened,
  keyCredentialId,
  onClose,
  onDone,
}: {
  opened: boolean;
  keyCredentialId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [revokeExisting, setRevokeExisting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await digiCertRegenerateEAB(keyCredentialId, revokeExisting);
      showSuccess(`New EAB credentials stored as “${c.name}”.`, 'Regenerated at DigiCert');
      setRevokeExisting(false);
      onDone();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (busy) return;
    setError(null);
    setRevokeExisting(false);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Regenerate EAB credentials"
      zIndex={400}
      closeButtonProps={{'aria-label': 'Close'}}
    >
      <Stack>
        <Text size="sm">
          DigiCert makes new EAB credentials for the ACME contract; ACME Desk stores them as a new credential. The HMAC key
          never leaves ACME Desk.
        </Text>
        <Checkbox
          label="Also revoke the current credentials (revoke_existing)"
          description="Accounts not yet registered with the current credentials can then no longer register. To replace credentials that accounts use without downtime, use “Rotate an EAB credential without downtime” instead."
          checked={revokeExisting}
          onChange={(e) => setRevokeExisting(e.currentTarget.checked)}
          disabled={busy}
        />
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button color={revokeExisting ? 'red' : undefined} onClick={() => void run()} loading={busy}>
            Regenerate
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ConfirmModal({
  opened,
  title,
  text,
  confirm,
  onClose,
  run,
}: {
  opened: boolean;
  title: string;
  text: string;
  confirm: string;
  onClose: () => void;
  run: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      zIndex={400}
      closeButtonProps={{'aria-label': 'Close'}}
      centered
    >
      <Stack>
        <Text size="sm">{text}</Text>
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => void go()} loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
