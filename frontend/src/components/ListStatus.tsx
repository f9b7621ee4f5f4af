import type {ReactNode} from 'react';
import {Button, Center, Loader, Stack} from '@mantine/core';
import type {AppError} from '../bridge';
import {ErrorAlert} from './ErrorAlert';

export interface ListStatusInput {
  error: AppError | null;
  loading: boolean;
  /** How many records the list holds (before any filter). */
  count: number;
  onRetry: () => void;
  /** The loader's accessible name, e.g. "Loading keys". */
  loadingLabel: string;
  /** Shown when the list is empty; undefined when an empty list needs no message of its own. */
  empty?: ReactNode;
}

/**
 * What a list page shows instead of its table: the load error with a retry,
 * the loader, or the empty state. Null when the table (or the page's own
 * "nothing matches the filter" line) should show.
 */
export function listStatus({error, loading, count, onRetry, loadingLabel, empty}: ListStatusInput): ReactNode | null {
  if (error && count === 0) {
    return (
      <Stack align="flex-start">
        <ErrorAlert error={error} />
        <Button variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    );
  }
  if (loading && count === 0) {
    return (
      <Center flex={1}>
        <Loader aria-label={loadingLabel} />
      </Center>
    );
  }
  if (count === 0 && empty !== undefined) return empty;
  return null;
}
