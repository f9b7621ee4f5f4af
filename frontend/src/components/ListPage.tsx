import {useState, type ReactNode} from 'react';
import {Group, Stack, Text, Title} from '@mantine/core';
import {DataTable, type DataTableProps} from './DataTable';
import {FilterInput} from './FilterInput';
import {listStatus, type ListStatusInput} from './ListStatus';
import {useTableRows, type TableRowsOptions} from './useTableRows';

export interface ListPageProps<T> {
  title: string;
  /** The buttons beside the title. */
  actions: ReactNode;
  /** The filter box: its accessible name and placeholder; queryOf turns what is typed into what is searched. */
  filter: {label: string; placeholder: string; queryOf?: (typed: string) => string};
  /** More filters after the box (environment, kind…); their state is the page's, applied by rows.keep. */
  filters?: ReactNode;
  /** The load state of the whole list; its count is the number of records before any filter. */
  status: ListStatusInput;
  rows: T[];
  /** How rows are searched, filtered besides the box, and sorted at first. */
  search: Omit<TableRowsOptions<T>, 'query'>;
  table: Omit<DataTableProps<T>, 'rows' | 'columns' | 'sort' | 'onSort'>;
  /** What the records are called: one and many ("key", "keys"). */
  noun: [string, string];
  /** Shown instead of the table when the filters leave nothing; given what was typed. */
  noMatch: (typed: string) => string;
  /** Dialogs and drawers of the page. */
  children?: ReactNode;
}

/**
 * A list page: title and actions, a filter bar with the count, then the table or the list's
 * state. The filter box's text lives here, so a keystroke re-renders this list, not the page
 * with its dialogs.
 */
export function ListPage<T>({title, actions, filter, filters, status, rows, search, table, noun, noMatch, children}: ListPageProps<T>) {
  // Not deferred: with only the rows in view rendered, one render per keystroke is cheaper than two.
  const [typed, setTyped] = useState('');
  const query = filter.queryOf ? filter.queryOf(typed) : typed;
  const {visible, sort, setSort} = useTableRows(rows, {...search, query});
  const total = status.count;
  const [one, many] = noun;
  let body = listStatus(status);
  if (!body) {
    body =
      visible.length === 0 ? (
        <Text c="dimmed" mt="md">
          {noMatch(typed.trim())}
        </Text>
      ) : (
        <DataTable {...table} rows={visible} columns={search.columns} sort={sort} onSort={setSort} />
      );
  }
  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{title}</Title>
        <Group gap="sm">{actions}</Group>
      </Group>
      <Group align="center" wrap="wrap" gap="sm">
        <FilterInput flex={1} miw={220} maw={420} aria-label={filter.label} placeholder={filter.placeholder} value={typed} onChange={setTyped} />
        {filters}
        {total > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite" ml="auto">
            {visible.length === total ? `${total} ${total === 1 ? one : many}` : `${visible.length} of ${total} ${many}`}
          </Text>
        )}
      </Group>
      {body}
      {children}
    </Stack>
  );
}
