import {useState} from 'react';
import {Badge, Button, Checkbox, Group, ScrollArea, Stack, Table, Text, Title} from '@mantine/core';
import {IconBan, IconList, IconRefresh, IconRoute} from '@tabler/icons-react';
import {digiCertListEAB, digiCertRegenerateEAB, digiCertRevokeAllEAB, digiCertRevokeEAB, type Credential, type DigiCertEAB} from '../../bridge';
import {ConfirmModal} from '../../components/ConfirmModal';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
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
  const {run, busy: listing, error} = useAction();
  const [modal, setModal] = useState<OpenModal>(null);
  const [revoking, setRevoking] = useState<DigiCertEAB | null>(null);

  const load = () => run(async () => setList(await digiCertListEAB(keyCredential.id)));

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
        confirmLabel="Revoke all"
        onClose={() => setModal(null)}
        onConfirm={async () => {
          await digiCertRevokeAllEAB(keyCredential.id);
          showSuccess('Every active EAB credential of the contract is revoked.', 'Revoked at DigiCert');
          setModal(null);
          afterChange();
        }}
      >
        Every active EAB credential of this ACME contract is revoked at DigiCert. Certificates already issued stay valid,
        but no ACME account can be registered with these credentials any more. This cannot be undone.
      </ConfirmModal>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke EAB credential?"
        confirmLabel="Revoke"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await digiCertRevokeEAB(keyCredential.id, revoking.credentialId);
          showSuccess(`Credential ${revoking.credentialId} is revoked.`, 'Revoked at DigiCert');
          setRevoking(null);
          afterChange();
        }}
      >
        {revoking &&
          `Credential ${revoking.credentialId} (key ID …${revoking.kidHint}${revoking.storedName ? `, stored as “${revoking.storedName}”` : ''}) is revoked at DigiCert. Certificates already issued stay valid. This cannot be undone.`}
      </ConfirmModal>
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
  return (
    <ConfirmModal
      opened={opened}
      onClose={() => {
        setRevokeExisting(false);
        onClose();
      }}
      title="Regenerate EAB credentials"
      confirmLabel="Regenerate"
      tone={revokeExisting ? 'danger' : 'normal'}
      focusConfirm
      onConfirm={async () => {
        const c = await digiCertRegenerateEAB(keyCredentialId, revokeExisting);
        showSuccess(`New EAB credentials stored as “${c.name}”.`, 'Regenerated at DigiCert');
        setRevokeExisting(false);
        onDone();
      }}
    >
      <Stack>
        <Text size="sm">
          DigiCert makes new EAB credentials for the ACME contract; ACME Desk stores them as a new credential. The HMAC
          key never leaves ACME Desk.
        </Text>
        <Checkbox
          label="Also revoke the current credentials (revoke_existing)"
          description="Accounts not yet registered with the current credentials can then no longer register. To replace credentials that accounts use without downtime, use “Rotate an EAB credential without downtime” instead."
          checked={revokeExisting}
          onChange={(e) => setRevokeExisting(e.currentTarget.checked)}
        />
      </Stack>
    </ConfirmModal>
  );
}
