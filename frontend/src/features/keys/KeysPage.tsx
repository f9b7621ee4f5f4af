import {useCallback, useDeferredValue, useMemo, useState} from 'react';
import {Button, EmptyState, Group, Stack, Text, TextInput, Title} from '@mantine/core';
import {IconKey, IconPlus, IconSearch, IconUpload} from '@tabler/icons-react';
import type {Key} from '../../bridge';
import {listStatus} from '../../components/ListStatus';
import {matchesQuery} from './format';
import {GenerateKeyModal} from './GenerateKeyModal';
import {ImportKeyModal} from './ImportKeyModal';
import {KeyDetails} from './KeyDetails';
import {KeysTable} from './KeysTable';
import {useKeys} from './useKeys';

export function KeysPage() {
  const {keys, loading, error, refresh} = useKeys();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [generateOpen, setGenerateOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const filtered = useMemo(
    () => (deferredQuery.trim() ? keys.filter((k) => matchesQuery(k, deferredQuery)) : keys),
    [keys, deferredQuery],
  );

  const onCreated = useCallback(
    (key: Key) => {
      setGenerateOpen(false);
      setImportOpen(false);
      void refresh();
      setSelectedId(key.id);
    },
    [refresh],
  );

  const onChanged = useCallback(() => void refresh(), [refresh]);
  const onDeleted = useCallback(() => {
    setSelectedId(null);
    void refresh();
  }, [refresh]);

  const status = listStatus({
    error,
    loading,
    count: keys.length,
    onRetry: () => void refresh(),
    loadingLabel: 'Loading keys',
    empty: (
      <EmptyState
        mt="xl"
        icon={<IconKey size={28} />}
        title="No keys yet"
        description="Generate an ECDSA P-384 key, the recommended type for ACME accounts, or import a key you already have."
      />
    ),
  });
  let body;
  if (status) {
    body = status;
  } else {
    body = (
      <>
        {filtered.length === 0 ? (
          <Text c="dimmed" mt="md">
            {`No keys match “${deferredQuery.trim()}”.`}
          </Text>
        ) : (
          <KeysTable keys={filtered} selectedId={selectedId} onOpen={setSelectedId} />
        )}
      </>
    );
  }

  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Private keys</Title>
        <Group gap="sm">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setGenerateOpen(true)}>
            Generate key
          </Button>
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImportOpen(true)}>
            Import key
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" align="center" wrap="nowrap">
        <TextInput
          flex={1}
          maw={480}
          aria-label="Filter keys"
          placeholder="Filter by name, algorithm or fingerprint"
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        {keys.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {filtered.length === keys.length
              ? `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}`
              : `${filtered.length} of ${keys.length} keys`}
          </Text>
        )}
      </Group>
      {body}
      <GenerateKeyModal opened={generateOpen} onClose={() => setGenerateOpen(false)} onGenerated={onCreated} />
      <ImportKeyModal opened={importOpen} onClose={() => setImportOpen(false)} onImported={onCreated} />
      <KeyDetails keyId={selectedId} onClose={() => setSelectedId(null)} onChanged={onChanged} onDeleted={onDeleted} />
    </Stack>
  );
}
