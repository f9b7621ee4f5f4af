import {useCallback, useMemo, useState} from 'react';
import type {PageProps} from '../../app/PageProps';
import {Badge, Button, EmptyState, Group, Select} from '@mantine/core';
import {IconLock, IconMail, IconPlus, IconTag} from '@tabler/icons-react';
import type {ListedCredential} from '../../bridge';
import type {Column} from '../../components/DataTable';
import {FilterInput} from '../../components/FilterInput';
import {ListPage} from '../../components/ListPage';
import {byText, byValue} from '../../components/useTableRows';
import {formatDate, formatDateTime} from '../keys/format';
import {AddCredentialModal} from './AddCredentialModal';
import {CredentialDetails} from './CredentialDetails';
import {ZeroSSLEmailModal} from './CredentialModals';
import {kindLabel} from './format';
import {useCredentialKinds, useCredentials} from './useCredentials';

const ALL = '__all__';

const credentialName = (c: ListedCredential) => c.name;
const credentialId = (c: ListedCredential) => c.id;
const credentialTestId = (c: ListedCredential) => `credential-row-${c.id}`;
const BY_NAME = {column: 'name', direction: 'ascending'} as const;

/** A date column: the day, with the time in the tooltip; "Never" without one. */
function dateColumn(id: string, header: string, get: (c: ListedCredential) => string | undefined): Column<ListedCredential> {
  return {
    id,
    header,
    cell: (c) => {
      const v = get(c);
      return v ? formatDate(v) : 'Never';
    },
    title: (c) => {
      const v = get(c);
      return v ? formatDateTime(v) : undefined;
    },
    compare: byValue((c) => get(c) ?? ''),
  };
}

export function CredentialsPage({openId}: PageProps = {}) {
  const {credentials, loading, error, refresh} = useCredentials();
  const {kinds} = useCredentialKinds();
  const [kindFilter, setKindFilter] = useState<string>(ALL);
  const [tag, setTag] = useState('');
  const [addOpen, setAddOpen] = useState(false);
  const [zeroSSLOpen, setZeroSSLOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(openId ?? null);

  const kindFilterOptions = useMemo(() => {
    const present = [...new Set(credentials.map((c) => c.kind))]
      .map((id) => ({value: id, label: kindLabel(kinds, id)}))
      .sort((a, b) => a.label.localeCompare(b.label));
    return [{value: ALL, label: 'All kinds'}, ...present];
  }, [credentials, kinds]);

  const columns = useMemo<Column<ListedCredential>[]>(() => {
    const kind = (c: ListedCredential) => kindLabel(kinds, c.kind);
    const tags = (c: ListedCredential) => c.tags.join(', ');
    return [
      {id: 'name', header: 'Name', fill: 1.6, cell: credentialName, title: credentialName, compare: byText(credentialName)},
      {id: 'kind', header: 'Kind', fill: 1.4, cell: kind, title: kind, compare: byText(kind)},
      {
        id: 'tags',
        header: 'Tags',
        fill: 1.2,
        cell: (c) => (
          <Group gap={4} wrap="nowrap">
            {c.tags.map((t) => (
              <Badge key={t} size="sm" variant="light" tt="none" style={{flex: 'none'}}>
                {t}
              </Badge>
            ))}
          </Group>
        ),
        title: tags,
        compare: byText(tags),
      },
      {id: 'inUse', header: 'Used by', cell: (c) => c.inUse, compare: byValue((c) => c.inUse)},
      dateColumn('rotated', 'Last rotated', (c) => c.rotatedAt),
      dateColumn('used', 'Last used', (c) => c.lastUsedAt),
    ];
  }, [kinds]);

  // Tags lowercased once per list, so a keystroke in the tag filter only compares.
  const lowerTags = useMemo(() => new Map(credentials.map((c) => [c, c.tags.map((t) => t.toLowerCase())])), [credentials]);
  const keep = useMemo(() => {
    const t = tag.trim().toLowerCase();
    if (kindFilter === ALL && !t) return undefined;
    return (c: ListedCredential) => (kindFilter === ALL || c.kind === kindFilter) && (!t || (lowerTags.get(c) ?? []).some((x) => x.includes(t)));
  }, [kindFilter, tag, lowerTags]);

  // The new credential shows up in the list; the drawer is not opened over it.
  const onCreated = useCallback(() => {
    setAddOpen(false);
    setZeroSSLOpen(false);
    void refresh();
  }, [refresh]);
  const onOpen = useCallback((c: ListedCredential) => setSelectedId(c.id), []);

  return (
    <ListPage
      title="Stored credentials"
      actions={
        <>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)}>
            Add credential
          </Button>
          <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setZeroSSLOpen(true)}>
            Get ZeroSSL EAB by e-mail
          </Button>
        </>
      }
      filter={{label: 'Filter by name', placeholder: 'Filter by name'}}
      filters={
        <>
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
          <FilterInput
            w={200}
            aria-label="Filter by tag"
            placeholder="Filter by tag"
            leftSection={<IconTag size={16} />}
            value={tag}
            onChange={setTag}
          />
        </>
      }
      status={{
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
      }}
      rows={credentials}
      search={{columns, searchText: credentialName, keep, defaultSort: BY_NAME}}
      table={{label: 'Stored credentials', rowKey: credentialId, rowTestId: credentialTestId, onOpen, selectedKey: selectedId}}
      noun={['credential', 'credentials']}
      noMatch={() => 'No credentials match the filter.'}
    >
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
    </ListPage>
  );
}
