import {useEffect, useState} from 'react';
import {Badge, Button, Center, Divider, Group, List, Loader, Stack, Text, Title} from '@mantine/core';
import {Drawer} from '../../components/dialogs';
import {IconCloudDownload, IconEdit, IconRotate, IconShieldCheck} from '@tabler/icons-react';
import {
  checkDNSCredential,
  getCredential,
  toAppError,
  zeroSSLEABFromAccessKey,
  type AppError,
  type Credential,
  type CredentialDetails as CredentialDetailsData,
  type CredentialKind,
} from '../../bridge';
import {DeleteButton} from '../../components/DeleteButton';
import {ErrorAlert} from '../../components/ErrorAlert';
import {ExternalLink} from '../../components/ExternalLink';
import {Field, monoWrap} from '../../components/Field';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {formatDateTime} from '../keys/format';
import {CAName} from '../cas/CAName';
import {DeleteCredentialModal, EditCredentialModal, RotateCredentialModal} from './CredentialModals';
import {DigiCertSection} from './DigiCertSection';
import {SecretValue} from './SecretValue';
import {fallbackKind, formatDateValue, isDNSKind, refText} from './format';

export interface CredentialDetailsProps {
  /** The credential to show; null closes the drawer. */
  credentialId: string | null;
  kinds: CredentialKind[];
  /** All stored credentials (the DigiCert rotation picks the EAB credential to replace among them). */
  credentials: Credential[];
  onClose: () => void;
  /** Something changed: this credential, or a new one was stored. */
  onChanged: () => void;
  onDeleted: (id: string) => void;
}

/** The details drawer for one stored credential. */
export function CredentialDetails({credentialId, kinds, credentials, onClose, onChanged, onDeleted}: CredentialDetailsProps) {
  const [details, setDetails] = useState<CredentialDetailsData | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!credentialId) return;
    let live = true;
    setLoadError(null);
    getCredential(credentialId)
      .then((d) => live && setDetails(d))
      .catch((e) => live && setLoadError(toAppError(e)));
    return () => {
      live = false;
    };
  }, [credentialId, version]);

  useEffect(() => {
    if (!credentialId) setDetails(null);
  }, [credentialId]);

  const shown = details && details.id === credentialId ? details : null;
  const reload = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  return (
    <Drawer
      opened={credentialId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      closeButtonProps={{'aria-label': 'Close'}}
      title={shown?.name ?? 'Credential'}
    >
      {loadError ? (
        <ErrorAlert error={loadError} />
      ) : !shown ? (
        <Center h={200}>
          <Loader aria-label="Loading credential" />
        </Center>
      ) : (
        <DetailsBody
          key={shown.id}
          details={shown}
          kind={kinds.find((k) => k.id === shown.kind) ?? fallbackKind(shown)}
          credentials={credentials}
          onChanged={reload}
          onDeleted={onDeleted}
        />
      )}
    </Drawer>
  );
}

interface BodyProps {
  details: CredentialDetailsData;
  kind: CredentialKind;
  credentials: Credential[];
  onChanged: () => void;
  onDeleted: (id: string) => void;
}

type OpenModal = 'edit' | 'rotate' | 'delete' | null;

function DetailsBody({details, kind, credentials, onChanged, onDeleted}: BodyProps) {
  const [modal, setModal] = useState<OpenModal>(null);
  const {run, running, error: actionError} = useAction<'check' | 'fetch'>();

  const isEAB = details.kind === 'eab';
  const plainFields = kind.fields.filter((f) => !f.secret && (!isEAB || !['expires_at', 'single_use'].includes(f.name)));
  const secretFields = kind.fields.filter((f) => f.secret);
  const activeUsers = details.usedBy.filter((r) => !r.historic);

  const check = () =>
    run(async () => {
      await checkDNSCredential(details.id);
      showSuccess(`“${details.name}” has what lego needs.`, 'Ready for DNS validation');
    }, 'check');

  const fetchZeroSSL = () =>
    run(async () => {
      const c = await zeroSSLEABFromAccessKey(details.id);
      showSuccess(`Stored as “${c.name}”.`, 'EAB credentials from ZeroSSL');
      onChanged();
    }, 'fetch');

  const modalDone = () => {
    setModal(null);
    onChanged();
  };

  const expires = details.fields.expires_at;
  const expired = expires ? new Date(expires.length === 10 ? `${expires}T23:59:59` : expires).getTime() < Date.now() : false;

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Field label="Kind">
          <Text size="sm">{details.kindLabel || kind.label}</Text>
          {kind.url && <ExternalLink href={kind.url} />}
        </Field>
        {details.tags.length > 0 && (
          <Field label="Tags">
            <Group gap={4}>
              {details.tags.map((t) => (
                <Badge key={t} variant="light" tt="none">
                  {t}
                </Badge>
              ))}
            </Group>
          </Field>
        )}
        {details.description && (
          <Field label="Description">
            <Text size="sm" style={{whiteSpace: 'pre-wrap'}}>
              {details.description}
            </Text>
          </Field>
        )}
        <Group grow align="flex-start">
          <Field label="Created">
            <Text size="sm">{formatDateTime(details.createdAt)}</Text>
          </Field>
          <Field label="Last rotated">
            <Text size="sm">{details.rotatedAt ? formatDateTime(details.rotatedAt) : 'Never'}</Text>
          </Field>
          <Field label="Last used">
            <Text size="sm">{details.lastUsedAt ? formatDateTime(details.lastUsedAt) : 'Never'}</Text>
          </Field>
        </Group>
        {isEAB && (
          <Group grow align="flex-start">
            <Field label="Expires">
              <Text size="sm" c={expired ? 'red' : undefined}>
                {expires ? `${formatDateValue(expires)}${expired ? ' (expired)' : ''}` : 'No expiry given'}
              </Text>
            </Field>
            <Field label="Single use">
              <Text size="sm">{details.fields.single_use === 'true' ? 'Yes' : 'No'}</Text>
            </Field>
            <Field label="Consumed">
              <Text size="sm">{details.consumedAt ? `Already used (${formatDateTime(details.consumedAt)})` : 'Not yet'}</Text>
            </Field>
          </Group>
        )}
        <Field label="Used by">
          {details.usedBy.length === 0 ? (
            <Text size="sm">Not used yet.</Text>
          ) : (
            <List size="sm" spacing={2}>
              {details.usedBy.map((r) => (
                <List.Item key={`${r.kind}/${r.id}`}>{refText(r)}</List.Item>
              ))}
            </List>
          )}
        </Field>
      </Stack>

      <Divider />

      <Stack gap="sm" component="section" aria-labelledby="credential-values">
        <Title order={3} size="h5" id="credential-values">
          Values
        </Title>
        {plainFields.map((f) => {
          const v = details.fields[f.name];
          if (v === undefined && f.optional) return null;
          return (
            <Field key={f.name} label={f.label}>
              {v === undefined ? (
                <Text size="sm" c="dimmed">
                  Not set
                </Text>
              ) : (
                <Text size="sm" ff={f.type === 'text' ? 'monospace' : undefined} style={monoWrap}>
                  {f.type === 'date' ? formatDateValue(v) : f.type === 'bool' ? (v === 'true' ? 'Yes' : 'No') : f.type === 'ca' ? <CAName id={v} /> : v}
                </Text>
              )}
            </Field>
          );
        })}
        {secretFields
          .filter((f) => !f.optional || details.secretsSet.includes(f.name))
          .map((f) => (
            <SecretValue key={f.name} credentialId={details.id} field={f} set={details.secretsSet.includes(f.name)} />
          ))}
      </Stack>

      <Divider />

      <Group gap="sm">
        <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setModal('edit')}>
          Edit
        </Button>
        <Button variant="default" leftSection={<IconRotate size={16} />} onClick={() => setModal('rotate')} disabled={secretFields.length === 0}>
          Rotate
        </Button>
        {isDNSKind(details.kind) && (
          <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={running === 'check'} onClick={() => void check()}>
            Check
          </Button>
        )}
        {details.kind === 'zerossl_access_key' && (
          <Button variant="default" leftSection={<IconCloudDownload size={16} />} loading={running === 'fetch'} onClick={() => void fetchZeroSSL()}>
            Get EAB credentials from ZeroSSL
          </Button>
        )}
      </Group>
      <DeleteButton
        variant="light"
        onClick={() => setModal('delete')}
        blockedBy={activeUsers.length ? 'Point what uses this credential at another one before deleting it.' : null}
        details={`In use by ${activeUsers.map((r) => r.label).join(', ')}`}
      >
        Delete
      </DeleteButton>
      {actionError && <ErrorAlert error={actionError} />}

      {details.kind === 'digicert_partner_key' && (
        <>
          <Divider />
          <DigiCertSection keyCredential={details} credentials={credentials} onChanged={onChanged} />
        </>
      )}

      <EditCredentialModal opened={modal === 'edit'} details={details} kind={kind} onClose={() => setModal(null)} onDone={modalDone} />
      <RotateCredentialModal opened={modal === 'rotate'} details={details} kind={kind} onClose={() => setModal(null)} onDone={modalDone} />
      <DeleteCredentialModal
        opened={modal === 'delete'}
        details={details}
        onClose={() => setModal(null)}
        onDeleted={() => {
          setModal(null);
          onDeleted(details.id);
        }}
      />
    </Stack>
  );
}

