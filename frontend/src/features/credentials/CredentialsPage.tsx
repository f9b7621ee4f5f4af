import {useCallback, useDeferredValue, useMemo, useState} from 'react';
import {
  Badge,
  Button,
  EmptyState,
  Group,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {IconLock, IconMail, IconPlus, IconSearch, IconTag} from '@tabler/icons-react';
import {activateOnEnterOrSpace, listStatus} from '../../components/ListStatus';
import {formatDateTime} from '../keys/format';
import {AddCredentialModal} from './AddCredentialModal';
import {CredentialDetails} from './CredentialDetails';
import {ZeroSSLEmailModal} from './CredentialModals';
import {kindLabel, matchesCredential} from './format';
import {useCredentialKinds, useCredentials} from './useCredentials';

const ALL = '__all__';

export function CredentialsPage() {
  const {credentials, loading, error, refresh} = useCredentials();
  const {kinds} = useCredentialKinds();
  const [kindFilter, setKindFilter] = useState<string>(ALL);
  const [tag, setTag] = useState('');
  const [name, setName] = useState('');
  const deferredTag = useDeferredValue(tag);
  const deferredName = useDeferredValue(name);
  const [addOpen, setAddOpen] = useState(false);
  const [zeroSSLOpen, setZeroSSLOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const kindFilterOptions = useMemo(() => {
    const present = [...new Set(credentials.map((c) => c.kind))]
      .map((id) => ({value: id, label: kindLabel(kinds, id)}))
      .sort((a, b) => a.label.localeCompare(b.label));
    return [{value: ALL, label: 'All kinds'}, ...present];
  }, [credentials, kinds]);

  const visible = useMemo(
    () =>
      credentials
        .filter((c) => matchesCredential(c, kindFilter === ALL ? '' : kindFilter, deferredTag, deferredName))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, {sensitivity: 'base'})),
    [credentials, kindFilter, deferredTag, deferredName],
  );

  // The new credential shows up in the list; the drawer is not opened over it.
  const onCreated = useCallback(() => {
    setAddOpen(false);
    setZeroSSLOpen(false);
    void refresh();
  }, [refresh]);

  const status = listStatus({
    error,
    loading,
    count: credentials.length,
    onRetry: () => void refresh(),
    loadingLabel: 'Loading credentials',
    empty: (
      <EmptyState
        mt="xl"
        icon={<IconLock size={28} />}
        title="No credentials yet"
        description="Store EAB credentials, DNS provider API tokens and CA API keys once, sealed in the vault, and use them from accounts."
      />
    ),
  });
  let body;
  if (status) {
    body = status;
  } else if (visible.length === 0) {
    body = (
      <Text c="dimmed" mt="md">
        No credentials match the filter.
      </Text>
    );
  } else {
    body = (
      <ScrollArea flex={1} mih={0}>
        <Table highlightOnHover verticalSpacing="xs" aria-label="Stored credentials" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Tags</Table.Th>
              <Table.Th>Used by</Table.Th>
              <Table.Th>Last rotated</Table.Th>
              <Table.Th>Last used</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((c) => (
              <Table.Tr
                key={c.id}
                tabIndex={0}
                style={{cursor: 'pointer'}}
                aria-selected={selectedId === c.id}
                data-testid={`credential-row-${c.id}`}
                onClick={() => setSelectedId(c.id)}
                onKeyDown={activateOnEnterOrSpace(() => setSelectedId(c.id))}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{kindLabel(kinds, c.kind)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {c.tags.map((t) => (
                      <Badge key={t} size="sm" variant="light" tt="none">
                        {t}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.inUse}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.rotatedAt ? formatDateTime(c.rotatedAt) : 'Never'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : 'Never'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  }

  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Stored credentials</Title>
        <Group gap="sm">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)}>
            Add credential
          </Button>
          <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setZeroSSLOpen(true)}>
            Get ZeroSSL EAB by e-mail
          </Button>
        </Group>
      </Group>
      <Group align="center" wrap="wrap" gap="sm">
        <TextInput
          flex={1}
          miw={200}
          maw={320}
          aria-label="Filter by name"
          placeholder="Filter by name"
          leftSection={<IconSearch size={16} />}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          aria-label="Kind"
          placeholder="Kind"
          w={260}
          searchable
          data={kindFilterOptions}
          value={kindFilter}
          onChange={(v) => setKindFilter(v ?? ALL)}
          allowDeselect={false}
        />
        <TextInput
          w={200}
          aria-label="Filter by tag"
          placeholder="Filter by tag"
          leftSection={<IconTag size={16} />}
          value={tag}
          onChange={(e) => setTag(e.currentTarget.value)}
        />
        {credentials.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite" ml="auto">
            {visible.length === credentials.length
              ? `${credentials.length} ${credentials.length === 1 ? 'credential' : 'credentials'}`
              : `${visible.length} of ${credentials.length} credentials`}
          </Text>
        )}
      </Group>
      {body}
      <AddCredentialModal opened={addOpen} onClose={() => setAddOpen(false)} onCreated={onCreated} kinds={kinds} />
      <ZeroSSLEmailModal opened={zeroSSLOpen} onClose={() => setZeroSSLOpen(false)} onCreated={onCreated} />
      <CredentialDetails
        credentialId={selectedId}
        kinds={kinds}
        credentials={credentials}
        onClose={() => setSelectedId(null)}
        onChanged={() => void refresh()}
        onDeleted={() => {
          setSelectedId(null);
          void refresh();
        }}
      />
    </Stack>
  );
}
