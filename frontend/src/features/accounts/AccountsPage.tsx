import {useCallback, useDeferredValue, useMemo, useState} from 'react';
import {
  Button,
  EmptyState,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {IconFileImport, IconPlus, IconRefresh, IconSearch, IconUserCircle, IconKey, IconSortAscending} from '@tabler/icons-react';
import {cancelJob, refreshAllAccounts, type Account, type CA, type RefreshResult} from '../../bridge';
import {activateOnEnterOrSpace, listStatus} from '../../components/ListStatus';
import {showError, showSuccess, showWarning} from '../../components/notify';
import {EnvironmentBadge} from '../cas/EnvironmentBadge';
import {ENVIRONMENT_FILTERS, useCAs, type EnvironmentFilter} from '../cas/useCAs';
import {useKeys} from '../keys/useKeys';
import {AccountDetails} from './AccountDetails';
import {FindAccountModal} from './FindAccountModal';
import {ImportAccountsModal} from './ImportAccountsModal';
import {NewAccountModal} from './NewAccountModal';
import {StatusBadge} from './StatusBadge';
import {STATUS_ORDER, matchesAccount} from './format';
import {useAccounts} from './useAccounts';

type SortBy = 'name' | 'status';

const SORT_OPTIONS: {value: SortBy; label: string}[] = [
  {value: 'name', label: 'Name'},
  {value: 'status', label: 'Status'},
];

const byName = (a: Account, b: Account) => a.name.localeCompare(b.name, undefined, {sensitivity: 'base'});

/** One notification for Refresh all: how many were refreshed, skipped (deactivated) and which failed. */
function showRefreshSummary(results: RefreshResult[]) {
  const failed = results.filter((r) => r.error);
  const skipped = results.filter((r) => r.skipped).length;
  const ok = results.length - failed.length - skipped;
  let text = `${ok} ${ok === 1 ? 'account' : 'accounts'} refreshed`;
  if (skipped > 0) text += `, ${skipped} deactivated or revoked (not asked)`;
  if (failed.length === 0) {
    showSuccess(text, 'Refresh all');
    return;
  }
  const names = failed.slice(0, 3).map((r) => `“${r.name}”: ${r.error?.message ?? ''}`);
  if (failed.length > 3) names.push(`and ${failed.length - 3} more`);
  showWarning(`${text}, ${failed.length} failed. ${names.join(' ')}`, 'Refresh all');
}

export function AccountsPage() {
  const {accounts, loading, error, refresh} = useAccounts();
  const {cas} = useCAs();
  const {keys, refresh: refreshKeys} = useKeys();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [env, setEnv] = useState<EnvironmentFilter>('all');
  const [sortBy, setSortBy] = useState<SortBy>('name');
  const [newOpen, setNewOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [refreshJob, setRefreshJob] = useState<string | null>(null);

  const caById = useMemo(() => new Map<string, CA>(cas.map((c) => [c.id, c])), [cas]);
  const keyName = useMemo(() => new Map(keys.map((k) => [k.id, k.name])), [keys]);

  const visible = useMemo(() => {
    const list = accounts.filter((a) => {
      const ca = caById.get(a.caId);
      if (env !== 'all' && ca?.environment !== env) return false;
      return matchesAccount(a, ca, deferredQuery);
    });
    list.sort(sortBy === 'status' ? (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b) : byName);
    return list;
  }, [accounts, caById, env, deferredQuery, sortBy]);

  const reloadAll = useCallback(() => {
    void refresh();
    void refreshKeys();
  }, [refresh, refreshKeys]);

  const onOpened = useCallback(
    (a: Account) => {
      setNewOpen(false);
      setFindOpen(false);
      reloadAll();
      setSelectedId(a.id);
    },
    [reloadAll],
  );

  const doRefreshAll = async () => {
    const jobId = crypto.randomUUID();
    setRefreshJob(jobId);
    try {
      const results = await refreshAllAccounts(jobId);
      showRefreshSummary(results);
      await refresh();
    } catch (e) {
      showError(e);
    } finally {
      setRefreshJob(null);
    }
  };

  const sortHeader = (label: string, by: SortBy) => (
    <Table.Th aria-sort={sortBy === by ? 'ascending' : undefined}>
      <UnstyledButton onClick={() => setSortBy(by)} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          {label}
          {sortBy === by && <IconSortAscending size={14} aria-hidden />}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  const status = listStatus({
    error,
    loading,
    count: accounts.length,
    onRetry: () => void refresh(),
    loadingLabel: 'Loading accounts',
    empty: (
      <EmptyState
        mt="xl"
        icon={<IconUserCircle size={28} />}
        title="No accounts yet"
        description="Create an account at a certificate authority, or find the account an existing key already has."
      />
    ),
  });
  let body;
  if (status) {
    body = status;
  } else if (visible.length === 0) {
    body = (
      <Text c="dimmed" mt="md">
        No accounts match the filter.
      </Text>
    );
  } else {
    body = (
      <ScrollArea flex={1} mih={0}>
        <Table highlightOnHover verticalSpacing="xs" aria-label="ACME accounts" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              {sortHeader('Name', 'name')}
              <Table.Th>CA</Table.Th>
              <Table.Th>Contact</Table.Th>
              {sortHeader('Status', 'status')}
              <Table.Th>Key</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((a) => {
              const ca = caById.get(a.caId);
              return (
                <Table.Tr
                  key={a.id}
                  tabIndex={0}
                  style={{cursor: 'pointer'}}
                  aria-selected={selectedId === a.id}
                  data-testid={`account-row-${a.id}`}
                  onClick={() => setSelectedId(a.id)}
                  onKeyDown={activateOnEnterOrSpace(() => setSelectedId(a.id))}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {a.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{ca?.name ?? a.caId}</Text>
                      {ca && <EnvironmentBadge environment={ca.environment} size="sm" />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{wordBreak: 'break-all'}}>
                      {a.contacts.join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} pending={a.pending} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{keyName.get(a.keyId) ?? a.keyId}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  }

  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>ACME accounts</Title>
        <Group gap="sm">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setNewOpen(true)}>
            New account
          </Button>
          <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setFindOpen(true)}>
            Find account by key
          </Button>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImportOpen(true)}>
            Import accounts
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={refreshJob !== null}
            onClick={() => void doRefreshAll()}
          >
            Refresh all
          </Button>
          {refreshJob !== null && (
            <Button variant="subtle" onClick={() => cancelJob(refreshJob).catch(showError)}>
              Cancel
            </Button>
          )}
        </Group>
      </Group>
      <Group align="center" wrap="wrap" gap="sm">
        <TextInput
          flex={1}
          miw={220}
          maw={420}
          aria-label="Filter accounts"
          placeholder="Filter by name, CA or contact"
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Environment"
          data={ENVIRONMENT_FILTERS}
          value={env}
          onChange={(v) => setEnv(v as EnvironmentFilter)}
        />
        <Select
          aria-label="Sort by"
          placeholder="Sort by"
          w={150}
          data={SORT_OPTIONS.map((o) => ({value: o.value, label: `Sort by ${o.label.toLowerCase()}`}))}
          value={sortBy}
          onChange={(v) => v && setSortBy(v as SortBy)}
          allowDeselect={false}
        />
        {accounts.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite" ml="auto">
            {visible.length === accounts.length
              ? `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}`
              : `${visible.length} of ${accounts.length} accounts`}
          </Text>
        )}
      </Group>
      {body}
      <NewAccountModal
        opened={newOpen}
        onClose={() => setNewOpen(false)}
        onCreated={onOpened}
        cas={cas}
        keys={keys}
        accounts={accounts}
      />
      <FindAccountModal
        opened={findOpen}
        onClose={() => setFindOpen(false)}
        onFound={onOpened}
        cas={cas}
        keys={keys}
        accounts={accounts}
      />
      <ImportAccountsModal
        opened={importOpen}
        cas={cas}
        onClose={() => setImportOpen(false)}
        onDone={() => {
          setImportOpen(false);
          reloadAll();
        }}
      />
      <AccountDetails
        accountId={selectedId}
        cas={cas}
        keys={keys}
        accounts={accounts}
        onClose={() => setSelectedId(null)}
        onChanged={reloadAll}
        onDeleted={() => {
          setSelectedId(null);
          reloadAll();
        }}
      />
    </Stack>
  );
}
