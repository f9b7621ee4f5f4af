import {useEffect, useState, type ReactNode} from 'react';
import {Badge, Button, Group, List, Stack, Table, Text, Title} from '@mantine/core';
import {IconRefresh} from '@tabler/icons-react';
import {caDirectory, type Directory} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {ExternalLink} from '../../components/ExternalLink';
import {useAction} from '../../components/useAction';
import {formatDateTime} from '../keys/format';

/** The "Directory" section of a CA: reads the ACME directory on request and shows its meta data. */
export function DirectorySection({caId}: {caId: string}) {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const {run, running: busy, error, setError} = useAction<'read' | 'refresh'>();

  useEffect(() => {
    setDirectory(null);
    setError(null);
  }, [caId]);

  const load = (refresh: boolean) =>
    run(async () => setDirectory(await caDirectory(caId, refresh)), refresh ? 'refresh' : 'read');

  return (
    <Stack gap="sm" component="section" aria-labelledby="ca-directory">
      <Group justify="space-between">
        <Title order={3} size="h5" id="ca-directory">
          Directory
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" loading={busy === 'read'} disabled={busy !== null} onClick={() => void load(false)}>
            Read directory
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={busy === 'refresh'}
            disabled={busy !== null}
            onClick={() => void load(true)}
          >
            Refresh
          </Button>
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      {!directory && !error && (
        <Text size="sm" c="dimmed">
          Read the directory to see the CA&apos;s terms of service, profiles and features.
        </Text>
      )}
      {directory && <DirectoryMetaTable directory={directory} />}
    </Stack>
  );
}

function DirectoryMetaTable({directory}: {directory: Directory}) {
  const {meta} = directory;
  const profiles = Object.entries(meta.profiles ?? {});
  const rows: [string, ReactNode][] = [
    [
      'Terms of service',
      meta.termsOfService ? <ExternalLink href={meta.termsOfService} /> : <Text size="sm">None</Text>,
    ],
    ['Website', meta.website ? <ExternalLink href={meta.website} /> : <Text size="sm">—</Text>],
    ['EAB required', <Text size="sm">{meta.externalAccountRequired ? 'Yes' : 'No'}</Text>],
    [
      'CAA identities',
      <Text size="sm" ff="monospace">
        {meta.caaIdentities?.length ? meta.caaIdentities.join(', ') : '—'}
      </Text>,
    ],
    [
      'Profiles',
      profiles.length ? (
        <List size="sm" spacing={2}>
          {profiles.map(([name, description]) => (
            <List.Item key={name}>{description ? `${name}: ${description}` : name}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">—</Text>
      ),
    ],
    ['Key change', <Text size="sm">{directory.keyChangeOffered ? 'Offered' : 'Not offered'}</Text>],
    [
      'Fetched',
      <Group gap={6}>
        <Text size="sm">{formatDateTime(directory.fetchedAt)}</Text>
        {directory.cached && (
          <Badge size="sm" variant="light" color="gray" tt="none">
            (cached)
          </Badge>
        )}
      </Group>,
    ],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder aria-label="Directory">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={160}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
