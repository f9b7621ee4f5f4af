import {useEffect, useState} from 'react';
import {Badge, Button, Center, Code, Divider, Group, List, Loader, Stack, Text} from '@mantine/core';
import {Drawer} from '../../components/dialogs';
import {deleteCustomCA, getCA, toAppError, type AppError, type CA, type CADetails as CADetailsData} from '../../bridge';
import {ConfirmModal} from '../../components/ConfirmModal';
import {CopyValue} from '../../components/CopyValue';
import {DeleteButton} from '../../components/DeleteButton';
import {ErrorAlert} from '../../components/ErrorAlert';
import {ExternalLink} from '../../components/ExternalLink';
import {Field, monoWrap} from '../../components/Field';
import {showSuccess} from '../../components/notify';
import {formatDate} from '../keys/format';
import {AddCustomCAModal} from './AddCustomCAModal';
import {DirectorySection} from './DirectorySection';
import {EnvironmentBadge} from './EnvironmentBadge';

export interface CADetailsProps {
  /** The CA to show (from the list); null closes the drawer. */
  ca: CA | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
  /** A custom CA was edited. */
  onChanged?: (ca: CA) => void;
}

/** The details drawer for one CA, with its ACME directory. */
export function CADetails({ca, onClose, onDeleted, onChanged}: CADetailsProps) {
  const [details, setDetails] = useState<CADetailsData | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const id = ca?.id ?? null;
  const [version, setVersion] = useState(0); // bumped after an edit, to read the CA again

  useEffect(() => {
    if (!id) return;
    let live = true;
    setDetails(null);
    setLoadError(null);
    getCA(id)
      .then((d) => live && setDetails(d))
      .catch((e) => live && setLoadError(toAppError(e)));
    return () => {
      live = false;
    };
  }, [id, version]);

  return (
    <Drawer
      opened={ca !== null}
      onClose={onClose}
      position="right"
      size="lg"
      closeButtonProps={{'aria-label': 'Close'}}
      title={details?.name ?? ca?.name ?? 'Certificate authority'}
    >
      {loadError ? (
        <ErrorAlert error={loadError} />
      ) : !details ? (
        <Center h={200}>
          <Loader aria-label="Loading CA" />
        </Center>
      ) : (
        <DetailsBody
          key={details.id}
          ca={details}
          onDeleted={onDeleted}
          onChanged={(c) => {
            setVersion((v) => v + 1);
            onChanged?.(c);
          }}
        />
      )}
    </Drawer>
  );
}

function DetailsBody({ca, onDeleted, onChanged}: {ca: CADetailsData; onDeleted: (id: string) => void; onChanged: (ca: CA) => void}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState(false);

  const doDelete = async () => {
    await deleteCustomCA(ca.id);
    setConfirmDelete(false);
    showSuccess(`“${ca.name}” was deleted.`, 'CA deleted');
    onDeleted(ca.id);
  };

  return (
    <Stack gap="lg">
      <Group gap="xs">
        <EnvironmentBadge environment={ca.environment} size="lg" />
        {!ca.builtIn && (
          <Badge size="lg" variant="light" color="indigo" tt="none">
            Custom
          </Badge>
        )}
        {ca.eabRequired && (
          <Badge size="lg" variant="light" color="grape" tt="none">
            EAB required
          </Badge>
        )}
      </Group>

      {ca.directoryUrl ? (
        <Field label="Directory URL" action={<CopyValue value={ca.directoryUrl} label="directory URL" />}>
          <Code block style={monoWrap}>
            {ca.directoryUrl}
          </Code>
        </Field>
      ) : (
        ca.urlTemplate && (
          <Field label="Directory URL template">
            <Code block style={monoWrap}>
              {ca.urlTemplate}
            </Code>
            <Text size="xs" c="dimmed" mt={4}>
              Use “Add with your alias” in the list to add your own directory URL.
            </Text>
          </Field>
        )
      )}

      {ca.website && (
        <Field label="Website">
          <ExternalLink href={ca.website} />
        </Field>
      )}

      <Field label="External account binding (EAB)">
        <Text size="sm">
          {ca.eabRequired
            ? 'Required: the CA only registers accounts with an EAB key ID and HMAC key from your account with the CA.'
            : 'Not required.'}
        </Text>
        {ca.eabHelp && (
          <Text size="sm" mt={4} c="dimmed">
            {ca.eabHelp}
          </Text>
        )}
      </Field>

      {!ca.builtIn && (
        <Field label="Trusted root certificates">
          {ca.roots?.length ? (
            <Stack gap="xs">
              {ca.roots.map((r) => (
                <div key={r.fingerprintSha256}>
                  <Text size="sm">{r.subject}</Text>
                  <Text size="xs" ff="monospace" c="dimmed" style={monoWrap}>
                    {r.fingerprintSha256}
                  </Text>
                  {r.notAfter && (
                    <Text size="xs" c="dimmed">{`Valid until ${formatDate(r.notAfter)}`}</Text>
                  )}
                </div>
              ))}
            </Stack>
          ) : (
            <Text size="sm">None: the system&apos;s trusted roots apply.</Text>
          )}
        </Field>
      )}

      <Field label="Used by">
        {ca.usedBy.length ? (
          <List size="sm" spacing={2}>
            {ca.usedBy.map((r) => (
              <List.Item key={`${r.kind}/${r.id}`}>{`${r.kind}: ${r.label}`}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">Not used by any account.</Text>
        )}
      </Field>

      {ca.directoryUrl && (
        <>
          <Divider />
          <DirectorySection caId={ca.id} />
        </>
      )}

      {!ca.builtIn && (
        <>
          <Divider />
          <Group align="flex-start">
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <DeleteButton
              onClick={() => setConfirmDelete(true)}
              blockedBy={ca.usedBy.length ? 'This CA cannot be deleted while accounts use it: remove them first.' : null}
              details={`In use by ${ca.usedBy.map((r) => r.label).join(', ')}`}
            >
              Delete
            </DeleteButton>
          </Group>
          <AddCustomCAModal
            opened={editing}
            editing={ca}
            onClose={() => setEditing(false)}
            onAdded={(c) => {
              setEditing(false);
              onChanged(c);
            }}
          />
        </>
      )}

      <ConfirmModal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete CA?" confirmLabel="Delete CA" onConfirm={doDelete}>
        {`“${ca.name}” will be removed from ACME Desk.`}
      </ConfirmModal>
    </Stack>
  );
}
