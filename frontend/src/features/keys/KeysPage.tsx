import {useCallback, useState} from 'react';
import type {PageProps} from '../../app/PageProps';
import {Button, EmptyState} from '@mantine/core';
import {IconKey, IconPlus, IconUpload} from '@tabler/icons-react';
import type {Key} from '../../bridge';
import type {Column} from '../../components/DataTable';
import {ListPage} from '../../components/ListPage';
import {byText, byValue} from '../../components/useTableRows';
import {algorithmLabel, formatDate, formatDateTime, keyQuery, keySearchText, shortFingerprint} from './format';
import {GenerateKeyModal} from './GenerateKeyModal';
import {ImportKeyModal} from './ImportKeyModal';
import {KeyDetails} from './KeyDetails';
import {useKeys} from './useKeys';

const sourceText = (k: Key) => (k.source === 'imported' ? 'Imported' : 'Generated');

const COLUMNS: Column<Key>[] = [
  {id: 'name', header: 'Name', fill: 2, cell: (k) => k.name, title: (k) => k.name, compare: byText((k) => k.name)},
  {
    id: 'algorithm',
    header: 'Algorithm',
    widest: algorithmLabel('ec384'),
    cell: (k) => algorithmLabel(k.algorithm),
    compare: byText((k) => algorithmLabel(k.algorithm)),
  },
  {
    id: 'fingerprint',
    header: 'Fingerprint',
    fill: 1.6,
    mono: true,
    cell: (k) => shortFingerprint(k.fingerprintSha256),
    title: (k) => k.fingerprintSha256,
    compare: byText((k) => k.fingerprintSha256),
  },
  {id: 'source', header: 'Source', widest: 'Generated', cell: sourceText, compare: byText(sourceText)},
  {
    id: 'created',
    header: 'Created',
    cell: (k) => formatDate(k.createdAt),
    title: (k) => formatDateTime(k.createdAt),
    compare: byValue((k) => k.createdAt),
  },
];

const keyId = (k: Key) => k.id;

export function KeysPage({openId}: PageProps = {}) {
  const {keys, loading, error, refresh} = useKeys();
  const [generateOpen, setGenerateOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(openId ?? null);

  const onCreated = useCallback(
    (key: Key) => {
      setGenerateOpen(false);
      setImportOpen(false);
      void refresh();
      setSelectedId(key.id);
    },
    [refresh],
  );
  const onOpen = useCallback((k: Key) => setSelectedId(k.id), []);
  const onChanged = useCallback(() => void refresh(), [refresh]);
  const onDeleted = useCallback(() => {
    setSelectedId(null);
    void refresh();
  }, [refresh]);

  return (
    <ListPage
      title="Private keys"
      actions={
        <>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setGenerateOpen(true)}>
            Generate key
          </Button>
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImportOpen(true)}>
            Import key
          </Button>
        </>
      }
      filter={{label: 'Filter keys', placeholder: 'Filter by name, algorithm or fingerprint', queryOf: keyQuery}}
      status={{
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
      }}
      rows={keys}
      search={{columns: COLUMNS, searchText: keySearchText}}
      table={{label: 'Private keys', rowKey: keyId, onOpen, selectedKey: selectedId}}
      noun={['key', 'keys']}
      noMatch={(typed) => `No keys match “${typed}”.`}
    >
      <GenerateKeyModal opened={generateOpen} onClose={() => setGenerateOpen(false)} onGenerated={onCreated} />
      <ImportKeyModal opened={importOpen} onClose={() => setImportOpen(false)} onImported={onCreated} />
      <KeyDetails keyId={selectedId} onClose={() => setSelectedId(null)} onChanged={onChanged} onDeleted={onDeleted} />
    </ListPage>
  );
}
