import {useMemo, useState} from 'react';
import type {Column, Sort} from './DataTable';

export interface TableRowsOptions<T> {
  columns: Column<T>[];
  /** The text a row is found by; lowercased once per row when the rows change, not per keystroke. */
  searchText: (row: T) => string;
  query: string;
  /** Other filters (environment, kind…); keep it stable (useCallback) so typing does not rebuild it. */
  keep?: (row: T) => boolean;
  defaultSort?: Sort | null;
}

export interface TableRows<T> {
  visible: T[];
  sort: Sort | null;
  setSort: (sort: Sort) => void;
}

/**
 * Sorts rows by the chosen column and filters them by a query. Sorting runs when the rows or
 * the sort change; a keystroke only scans the precomputed search texts of the sorted rows.
 */
export function useTableRows<T>(rows: T[], {columns, searchText, query, keep, defaultSort = null}: TableRowsOptions<T>): TableRows<T> {
  const [sort, setSort] = useState<Sort | null>(defaultSort);
  const texts = useMemo(() => new Map(rows.map((r) => [r, searchText(r).toLowerCase()])), [rows, searchText]);

  const sorted = useMemo(() => {
    const compare = sort ? columns.find((c) => c.id === sort.column)?.compare : undefined;
    if (!sort || !compare) return rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => sign * compare(a, b));
  }, [rows, columns, sort]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q && !keep) return sorted;
    return sorted.filter((r) => (!keep || keep(r)) && (!q || (texts.get(r) ?? '').includes(q)));
  }, [sorted, texts, query, keep]);

  return {visible, sort, setSort};
}

const collator = new Intl.Collator(undefined, {sensitivity: 'base', numeric: true});

/** An order by the text get(row) gives, as people sort words (case and accents aside, numbers by value). */
export function byText<T>(get: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => collator.compare(get(a), get(b));
}

/** An order by a number (or ISO 8601 date string, which sorts as text). */
export function byValue<T>(get: (row: T) => number | string): (a: T, b: T) => number {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
