import {memo, useCallback, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode} from 'react';
import {useVirtualizer} from '@tanstack/react-virtual';
import {VisuallyHidden} from '@mantine/core';
import {IconArrowDown, IconArrowUp} from '@tabler/icons-react';
import classes from './DataTable.module.css';

export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  column: string;
  direction: SortDirection;
}

export interface Column<T> {
  id: string;
  /** The header's text; also the name of its sort button. */
  header: string;
  /** The header is for screen readers only (a column of checkboxes or buttons). */
  hideHeader?: boolean;
  /**
   * Absent: the column is as wide as its widest cell (badges, dates, short labels are never cut).
   * A number: the column's share of the room left over; its text ends with an ellipsis.
   */
  fill?: number;
  /** With fill: the least width (a CSS length, or min-content when a cell holds badges). */
  minWidth?: string;
  /** Rendered once, invisibly, so a fit column is as wide as its widest possible value even when that row is not in view. */
  widest?: ReactNode;
  cell: (row: T) => ReactNode;
  /** The tooltip of a cell whose text may be cut. */
  title?: (row: T) => string | undefined;
  /** Given, a click on the header sorts by this order (a second click reverses it). */
  compare?: (a: T, b: T) => number;
  /** The cell's text wraps between words and the row grows (tables with rowHeight "auto"). */
  wrap?: boolean;
  mono?: boolean;
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Enter, Space or a click on a row; without it rows are not focusable (they hold their own controls). */
  onOpen?: (row: T) => void;
  selectedKey?: string | null;
  rowTestId?: (row: T) => string;
  sort?: Sort | null;
  onSort?: (sort: Sort) => void;
  /** Pixels, or "auto" when cells wrap (rows are measured). */
  rowHeight?: number | 'auto';
  /** The scroll box's height limit (in a dialog, where no page layout bounds it). */
  maxHeight?: string;
}

const HEADER_HEIGHT = 40;
const DEFAULT_ROW_HEIGHT = 44;
const AUTO_ROW_ESTIMATE = 72;

function track(c: Column<unknown>): string {
  return c.fill === undefined ? 'max-content' : `minmax(${c.minWidth ?? '0px'}, ${c.fill}fr)`;
}

/** The sort a click on column's header asks for: ascending first, then the reverse. */
export function nextSort(current: Sort | null | undefined, column: string): Sort {
  if (current?.column === column) {
    return {column, direction: current.direction === 'ascending' ? 'descending' : 'ascending'};
  }
  return {column, direction: 'ascending'};
}

/**
 * A virtualised table: only the rows in view (and a few more) are in the DOM, under a
 * sticky header whose buttons sort. Arrow keys, Home and End move between rows;
 * Enter or Space opens one.
 */
function DataTableImpl<T>({
  label,
  rows,
  columns,
  rowKey,
  onOpen,
  selectedKey,
  rowTestId,
  sort,
  onSort,
  rowHeight = DEFAULT_ROW_HEIGHT,
  maxHeight,
}: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const measured = rowHeight === 'auto';
  const getItemKey = useCallback((index: number) => (rows[index] ? rowKey(rows[index]) : index), [rows, rowKey]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (measured ? AUTO_ROW_ESTIMATE : rowHeight),
    overscan: 4,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey,
    // React 19 renders the scroll update before the next frame anyway; flushSync from the
    // first size measurement, inside a layout effect, is refused with a warning.
    useFlushSync: false,
  });

  // The row to focus once it is rendered: a row scrolled to (End) is not in the DOM yet.
  const pendingFocus = useRef<number | null>(null);
  const focusPending = useCallback(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (!el) return;
    pendingFocus.current = null;
    el.focus();
  }, []);
  useLayoutEffect(focusPending);

  const focusRow = useCallback(
    (index: number) => {
      pendingFocus.current = Math.max(0, Math.min(rows.length - 1, index));
      virtualizer.scrollToIndex(pendingFocus.current, {align: 'auto'});
      focusPending();
    },
    [rows.length, virtualizer, focusPending],
  );

  const onRowKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number, row: T) => {
      // Keys pressed in a control inside the row belong to that control.
      if (e.target !== e.currentTarget) return;
      const moves: Record<string, () => void> = {
        Enter: () => onOpen?.(row),
        ' ': () => onOpen?.(row),
        ArrowDown: () => focusRow(index + 1),
        ArrowUp: () => focusRow(index - 1),
        Home: () => focusRow(0),
        End: () => focusRow(rows.length - 1),
      };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      move();
    },
    [focusRow, onOpen, rows.length],
  );

  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0].start - HEADER_HEIGHT : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const hasWidest = columns.some((c) => c.widest !== undefined);

  return (
    <div ref={scrollRef} className={classes.scroll} style={{maxHeight}}>
      <div
        role="table"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        className={classes.table}
        style={{gridTemplateColumns: columns.map((c) => track(c as Column<unknown>)).join(' ')}}
      >
        <div role="rowgroup" className={`${classes.group} ${classes.head}`}>
          <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.headRow}`}>
            {columns.map((c) => (
              <HeaderCell key={c.id} column={c} sort={sort} onSort={onSort} />
            ))}
          </div>
          {hasWidest && (
            <div aria-hidden className={`${classes.row} ${classes.sizer}`}>
              {columns.map((c) => (
                <div key={c.id} className={`${classes.cell} ${c.mono ? classes.mono : ''}`}>
                  {c.widest}
                </div>
              ))}
            </div>
          )}
        </div>
        <div role="rowgroup" className={classes.group}>
          {before > 0 && <div aria-hidden className={classes.spacer} style={{height: before}} />}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const key = rowKey(row);
            return (
              // Keyed by position: when a keystroke changes the rows, React updates the rows
              // in view in place instead of replacing their elements.
              <Row
                key={item.index}
                index={item.index}
                row={row}
                columns={columns}
                height={measured ? undefined : rowHeight}
                measureRef={measured ? virtualizer.measureElement : undefined}
                selected={key === selectedKey}
                testId={rowTestId?.(row)}
                onOpen={onOpen}
                onKeyDown={onRowKeyDown}
              />
            );
          })}
          {after > 0 && <div aria-hidden className={classes.spacer} style={{height: after}} />}
        </div>
      </div>
    </div>
  );
}

/** Memoised: a keystroke in the filter re-renders the page, the table only once the rows change. */
export const DataTable = memo(DataTableImpl) as typeof DataTableImpl;

function HeaderCell<T>({column: c, sort, onSort}: {column: Column<T>; sort?: Sort | null; onSort?: (s: Sort) => void}) {
  const direction = sort?.column === c.id ? sort.direction : undefined;
  let content: ReactNode = c.header;
  if (c.hideHeader) {
    content = <VisuallyHidden>{c.header}</VisuallyHidden>;
  } else if (c.compare && onSort) {
    const Icon = direction === 'descending' ? IconArrowDown : IconArrowUp;
    content = (
      <button type="button" className={classes.sortButton} onClick={() => onSort(nextSort(sort, c.id))}>
        <span className={classes.headerText}>{c.header}</span>
        {direction && <Icon size={14} aria-hidden className={classes.sortIcon} />}
      </button>
    );
  }
  return (
    <div role="columnheader" aria-sort={direction} className={classes.cell}>
      {content}
    </div>
  );
}

interface RowProps<T> {
  index: number;
  row: T;
  columns: Column<T>[];
  height: number | undefined;
  measureRef: ((el: Element | null) => void) | undefined;
  selected: boolean;
  testId: string | undefined;
  onOpen: ((row: T) => void) | undefined;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>, index: number, row: T) => void;
}

function RowImpl<T>({index, row, columns, height, measureRef, selected, testId, onOpen, onKeyDown}: RowProps<T>) {
  return (
    <div
      ref={measureRef}
      role="row"
      tabIndex={onOpen ? 0 : undefined}
      aria-rowindex={index + 2}
      aria-selected={onOpen ? selected : undefined}
      data-index={index}
      data-selected={selected || undefined}
      data-testid={testId}
      className={`${classes.row} ${onOpen ? classes.openable : ''}`}
      style={{height}}
      onClick={onOpen ? (e) => openUnlessControl(e, row, onOpen) : undefined}
      onKeyDown={onOpen ? (e) => onKeyDown(e, index, row) : undefined}
    >
      {columns.map((c) => (
        <div
          key={c.id}
          role="cell"
          className={`${classes.cell} ${c.wrap ? classes.wrap : ''} ${c.mono ? classes.mono : ''}`}
          title={c.title?.(row)}
        >
          {c.cell(row)}
        </div>
      ))}
    </div>
  );
}

const Row = memo(RowImpl) as typeof RowImpl;

const CONTROLS = 'button, a, input, select, textarea, label, [role="button"], [role="checkbox"], [role="combobox"]';

/** A click on a control inside the row (a button, a checkbox) is that control's, not an open. */
function openUnlessControl<T>(e: MouseEvent<HTMLDivElement>, row: T, onOpen: (row: T) => void) {
  const control = (e.target as Element).closest(CONTROLS);
  if (control && e.currentTarget.contains(control)) return;
  onOpen(row);
}

/** Text that takes the rest of its cell, ellipsized, followed by badges that keep their width. */
export function TextWithBadges({text, title, children}: {text: ReactNode; title?: string; children?: ReactNode}) {
  return (
    <div className={classes.withBadges}>
      <span className={classes.fillText} title={title}>
        {text}
      </span>
      {children}
    </div>
  );
}
