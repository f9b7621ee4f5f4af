import {useEffect, useState, type ReactNode} from 'react';
import {Box, Button, Center, Code, Divider, Group, List, Loader, Stack, Switch, Text} from '@mantine/core';
import {Drawer} from '../../components/dialogs';
import {IconDownload} from '@tabler/icons-react';
import {
  deleteKey,
  exportKey,
  getKey,
  toAppError,
  updateKey,
  type AppError,
  type ExportFormat,
  type Key,
  type KeyDetails as KeyDetailsData,
  type KeyRef,
} from '../../bridge';
import {ConfirmModal} from '../../components/ConfirmModal';
import {CopyValue} from '../../components/CopyValue';
import {DeleteButton} from '../../components/DeleteButton';
import {ErrorAlert} from '../../components/ErrorAlert';
import {NameDescriptionForm} from '../../components/NameDescriptionForm';
import {showError, showSuccess} from '../../components/notify';
import {algorithmLabel, formatDateTime, sourceLabel} from './format';

export interface KeyDetailsProps {
  /** The key to show; null closes the drawer. */
  keyId: string | null;
  onClose: () => void;
  /** The key was changed (name, description, export switch). */
  onChanged: (key: Key) => void;
  /** The key was deleted. */
  onDeleted: (id: string) => void;
}

const EXPORT_LABEL: Record<ExportFormat, string> = {pem: 'PEM', jwk: 'JWK'};

function refText(r: KeyRef): string {
  return `${r.kind}: ${r.label}`;
}

/** The details drawer for one key. */
export function KeyDetails({keyId, onClose, onChanged, onDeleted}: KeyDetailsProps) {
  const [details, setDetails] = useState<KeyDetailsData | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!keyId) return;
    let live = true;
    setDetails(null);
    setLoadError(null);
    getKey(keyId)
      .then((d) => live && setDetails(d))
      .catch((e) => live && setLoadError(toAppError(e)));
    return () => {
      live = false;
    };
  }, [keyId]);

  const applyUpdate = (k: Key) => {
    setDetails((d) => (d && d.id === k.id ? {...d, ...k} : d));
    onChanged(k);
  };

  return (
    <Drawer
      opened={keyId !== null}
      onClose={onClose}
      position="right"
      closeButtonProps={{'aria-label': 'Close'}}
      size="lg"
      title={details?.name ?? 'Key'}
    >
      {loadError ? (
        <ErrorAlert error={loadError} />
      ) : !details ? (
        <Center h={200}>
          <Loader aria-label="Loading key" />
        </Center>
      ) : (
        <DetailsBody key={details.id} details={details} onUpdated={applyUpdate} onDeleted={onDeleted} />
      )}
    </Drawer>
  );
}

function Field({label, children, action}: {label: string; children: ReactNode; action?: ReactNode}) {
  return (
    <Box>
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
        <Text size="sm" fw={600} c="dimmed">
          {label}
        </Text>
        {action}
      </Group>
      {children}
    </Box>
  );
}

const monoWrap = {wordBreak: 'break-all' as const, whiteSpace: 'pre-wrap' as const};

interface BodyProps {
  details: KeyDetailsData;
  onUpdated: (k: Key) => void;
  onDeleted: (id: string) => void;
}

function DetailsBody({details, onUpdated, onDeleted}: BodyProps) {
  const [toggling, setToggling] = useState(false);
  const [exportFormat, setExportFormat] = useState<ExportFormat | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const inUse = details.usedBy.length > 0;

  const save = async (name: string, description: string) => {
    onUpdated(await updateKey(details.id, name, description, details.allowExport));
    showSuccess('Key saved');
  };

  const toggleExport = async (allow: boolean) => {
    setToggling(true);
    try {
      onUpdated(await updateKey(details.id, details.name, details.description, allow));
    } catch (err) {
      showError(err);
    } finally {
      setToggling(false);
    }
  };

  const doExport = async () => {
    if (!exportFormat) return;
    const path = await exportKey(details.id, exportFormat);
    setExportFormat(null);
    if (path) showSuccess(`Exported to ${path}`);
  };

  const doDelete = async () => {
    await deleteKey(details.id);
    setConfirmDelete(false);
    showSuccess(`“${details.name}” was deleted.`, 'Key deleted');
    onDeleted(details.id);
  };

  return (
    <Stack gap="lg">
      <NameDescriptionForm name={details.name} description={details.description} nameRequired="Enter a name for the key." onSave={save} />

      <Divider />

      <Field label="Algorithm">
        <Text size="sm">{details.algorithmLabel || algorithmLabel(details.algorithm)}</Text>
      </Field>
      <Field label="SHA-256 fingerprint" action={<CopyValue value={details.fingerprintSha256} label="SHA-256 fingerprint" />}>
        <Code block style={monoWrap} data-testid="fingerprint">
          {details.fingerprintSha256}
        </Code>
      </Field>
      <Field label="JWK thumbprint (RFC 7638)" action={<CopyValue value={details.jwkThumbprint} label="JWK thumbprint" />}>
        <Code block style={monoWrap} data-testid="thumbprint">
          {details.jwkThumbprint}
        </Code>
      </Field>
      <Field label="Public key" action={<CopyValue value={details.publicKeyPem} label="public key" />}>
        <Code block style={{whiteSpace: 'pre', overflowX: 'auto'}}>
          {details.publicKeyPem.trim()}
        </Code>
      </Field>
      <Group grow align="flex-start">
        <Field label="Source">
          <Text size="sm">{sourceLabel(details)}</Text>
        </Field>
        <Field label="Created">
          <Text size="sm">{formatDateTime(details.createdAt)}</Text>
        </Field>
      </Group>
      <Field label="Used by">
        {inUse ? (
          <List size="sm" spacing={2}>
            {details.usedBy.map((r) => (
              <List.Item key={`${r.kind}/${r.id}`}>{refText(r)}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">Not used by any account yet.</Text>
        )}
      </Field>

      <Divider />

      <Switch
        label="Allow export"
        aria-label="Allow export"
        description="Export lets this private key leave ACME Desk. Keep it off for account keys unless you need to move them."
        checked={details.allowExport}
        disabled={toggling}
        onChange={(e) => void toggleExport(e.currentTarget.checked)}
      />
      <Group>
        {(['pem', 'jwk'] as const).map((f) => (
          <Button
            key={f}
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={!details.allowExport}
            onClick={() => setExportFormat(f)}
          >
            {`Export ${EXPORT_LABEL[f]}`}
          </Button>
        ))}
      </Group>

      <Divider />

      <DeleteButton
        onClick={() => setConfirmDelete(true)}
        blockedBy={inUse ? `This key cannot be deleted while ${details.usedBy.length === 1 ? 'an account uses' : 'accounts use'} it.` : null}
        details={`In use by ${details.usedBy.map(refText).join(', ')}`}
      >
        Delete
      </DeleteButton>

      <ConfirmModal
        opened={exportFormat !== null}
        onClose={() => setExportFormat(null)}
        title="Export private key?"
        confirmLabel="Export"
        tone="caution"
        focusConfirm
        onConfirm={doExport}
      >
        {`You are about to save the private key “${details.name}” as ${exportFormat ? EXPORT_LABEL[exportFormat] : ''}. `}
        Anyone who gets the file controls the ACME accounts that use this key. Keep it somewhere safe and delete it when
        you no longer need it.
      </ConfirmModal>

      <ConfirmModal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete key?" confirmLabel="Delete key" onConfirm={doDelete}>
        {`“${details.name}” will be deleted for good. This cannot be undone.`}
      </ConfirmModal>
    </Stack>
  );
}
