import {useCallback, useMemo, useState} from 'react';
import type {PageProps} from '../../app/PageProps';
import {Button, EmptyState, SegmentedControl} from '@mantine/core';
import {IconFileImport, IconPlus, IconRefresh, IconUserCircle, IconKey} from '@tabler/icons-react';
import {cancelJob, refreshAllAccounts, type Account, type CA, type RefreshResult} from '../../bridge';
import {TextWithBadges, type Column} from '../../components/DataTable';
import {ListPage} from '../../components/ListPage';
import {byText} from '../../components/useTableRows';
import {showError, showSuccess, showWarning} from '../../components/notify';
import {EnvironmentBadge} from '../cas/EnvironmentBadge';
import {ENVIRONMENT_FILTERS, useCAs, type EnvironmentFilter} from '../cas/useCAs';
import {useKeys} from '../keys/useKeys';
import {AccountDetails} from './AccountDetails';
import {FindAccountModal} from './FindAccountModal';
import {ImportAccountsModal} from './ImportAccountsModal';
import {NewAccountModal} from './NewAccountModal';
import {StatusBadge} from './StatusBadge';
import {STATUS_ORDER, accountSearchText} from './format';
import {useAccounts} from './useAccounts';

const byName = byText((a: Account) => a.name);
const accountId = (a: Account) => a.id;
const accountTestId = (a: Account) => `account-row-${a.id}`;
const BY_NAME = {column: 'name', direction: 'ascending'} as const;

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

export function AccountsPage({openId}: PageProps = {}) {
  const {accounts, loading, error, refresh} = useAccounts();
  const {cas} = useCAs();
  const {keys, refresh: refreshKeys} = useKeys();
  const [env, setEnv] = useState<EnvironmentFilter>('all');
  const [newOpen, setNewOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(openId ?? null);
  const [refreshJob, setRefreshJob] = useState<string | null>(null);

  const caById = useMemo(() => new Map<string, CA>(cas.map((c) => [c.id, c])), [cas]);
  const keyName = useMemo(() => new Map(keys.map((k) => [k.id, k.name])), [keys]);

  const columns = useMemo<Column<Account>[]>(() => {
    const caName = (a: Account) => caById.get(a.caId)?.name ?? a.caId;
    const keyLabel = (a: Account) => keyName.get(a.keyId) ?? a.keyId;
    const contacts = (a: Account) => a.contacts.join(', ');
    return [
      {id: 'name', header: 'Name', fill: 1.5, cell: (a) => a.name, title: (a) => a.name, compare: byName},
      {
        id: 'ca',
        header: 'CA',
        fill: 1.5,
        minWidth: 'min-content',
        widest: <EnvironmentBadge environment="production" size="sm" />,
        cell: (a) => {
          const ca = caById.get(a.caId);
          return (
            <TextWithBadges text={caName(a)} title={caName(a)}>
              {ca && <EnvironmentBadge environment={ca.environment} size="sm" />}
            </TextWithBadges>
          );
        },
        compare: (a, b) => byText(caName)(a, b) || byName(a, b),
      },
      {id: 'contact', header: 'Contact', fill: 1.4, cell: contacts, title: contacts, compare: byText(contacts)},
      {
        id: 'status',
        header: 'Status',
        widest: <StatusBadge status="unregistered" />,
        cell: (a) => <StatusBadge status={a.status} pending={a.pending} />,
        compare: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b),
      },
      {id: 'key', header: 'Key', fill: 0.9, cell: keyLabel, title: keyLabel, compare: byText(keyLabel)},
    ];
  }, [caById, keyName]);

  const searchText = useCallback((a: Account) => accountSearchText(a, caById.get(a.caId), keyName.get(a.keyId)), [caById, keyName]);
  const keep = useMemo(() => (env === 'all' ? undefined : (a: Account) => caById.get(a.caId)?.environment === env), [caById, env]);

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
  const onOpen = useCallback((a: Account) => setSelectedId(a.id), []);

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

  return (
    <ListPage
      title="ACME accounts"
      actions={
        <>
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
        </>
      }
      filter={{label: 'Filter accounts', placeholder: 'Filter by name, CA, contact, key or account URL'}}
      filters={
        <SegmentedControl
          aria-label="Environment"
          data={ENVIRONMENT_FILTERS}
          value={env}
          onChange={(v) => setEnv(v as EnvironmentFilter)}
        />
      }
      status={{
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
      }}
      rows={accounts}
      search={{columns, searchText, keep, defaultSort: BY_NAME}}
      table={{label: 'ACME accounts', rowKey: accountId, rowTestId: accountTestId, onOpen, selectedKey: selectedId}}
      noun={['account', 'accounts']}
      noMatch={() => 'No accounts match the filter.'}
    >
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
    </ListPage>
  );
}
