import type {ReactNode} from 'react';
import {Group, Stack, Text, Title} from '@mantine/core';
import {listStatus, type ListStatusInput} from './ListStatus';

export interface ListPageProps {
  title: string;
  /** The buttons beside the title. */
  actions: ReactNode;
  /** The filter bar's inputs. */
  filters: ReactNode;
  /** The load state of the whole list; its count is the number of records before any filter. */
  status: ListStatusInput;
  /** How many records the filters leave. */
  shown: number;
  /** What the records are called: one and many ("key", "keys"). */
  noun: [string, string];
  /** Shown instead of the table when the filters leave nothing. */
  noMatch: string;
  /** The table (rendered only when there is something to show). */
  table: ReactNode;
  /** Dialogs and drawers of the page. */
  children?: ReactNode;
}

/** A list page: title and actions, a filter bar with the count, then the table or the list's state. */
export function ListPage({title, actions, filters, status, shown, noun, noMatch, table, children}: ListPageProps) {
  const total = status.count;
  const [one, many] = noun;
  let body = listStatus(status);
  if (!body) {
    body =
      shown === 0 ? (
        <Text c="dimmed" mt="md">
          {noMatch}
        </Text>
      ) : (
        table
      );
  }
  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{title}</Title>
        <Group gap="sm">{actions}</Group>
      </Group>
      <Group align="center" wrap="wrap" gap="sm">
        {filters}
        {total > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite" ml="auto">
            {shown === total ? `${total} ${total === 1 ? one : many}` : `${shown} of ${total} ${many}`}
          </Text>
        )}
      </Group>
      {body}
      {children}
    </Stack>
  );
}
