import {memo, useCallback, useRef, type KeyboardEvent} from 'react';
import {useVirtualizer} from '@tanstack/react-virtual';
import type {Key} from '../../bridge';
import {algorithmLabel, formatDate, shortFingerprint} from './format';
import classes from './KeysTable.module.css';

/** Every row has this height (px); the virtualiser relies on it. */
export const ROW_HEIGHT = 44;

export interface KeysTableProps {
  keys: Key[];
  selectedId?: string | null;
  onOpen: (id: string) => void;
}

const COLUMNS = ['Name', 'Algorithm', 'Fingerprint', 'Source', 'Created'];

/** A virtualised table of keys: only the rows in view (plus a few) are in the DOM. */
export function KeysTable({keys, selectedId, onOpen}: KeysTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => keys[index]?.id ?? index,
  });

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(keys.length - 1, index));
      virtualizer.scrollToIndex(target, {align: 'auto'});
      const find = () => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
      const el = find();
      if (el) el.focus();
      else requestAnimationFrame(() => find()?.focus());
    },
    [keys.length, virtualizer],
  );

  const onRowKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number, id: string) => {
      switch (e.key) {
        case 'Enter':
        case ' ':
          e.preventDefault();
          onOpen(id);
          break;
        case 'ArrowDown':
          e.preventDefault();
          focusRow(index + 1);
          break;
        case 'ArrowUp':
          e.preventDefault();
          focusRow(index - 1);
          break;
        case 'Home':
          e.preventDefault();
          focusRow(0);
          break;
        case 'End':
          e.preventDefault();
          focusRow(keys.length - 1);
          break;
      }
    },
    [focusRow, keys.length, onOpen],
  );

  return (
    <div role="table" aria-label="Private keys" aria-rowcount={keys.length + 1} className={classes.table}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.head}`}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c} className={classes.cell}>
              {c}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" ref={scrollRef} className={classes.scroll} data-testid="keys-scroll">
        <div className={classes.spacer} style={{height: virtualizer.getTotalSize()}}>
          {virtualizer.getVirtualItems().map((item) => {
            const key = keys[item.index];
            if (!key) return null;
            return (
              <KeyRow
                key={item.key}
                index={item.index}
                start={item.start}
                k={key}
                selected={key.id === selectedId}
                onOpen={onOpen}
                onKeyDown={onRowKeyDown}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface KeyRowProps {
  index: number;
  start: number;
  k: Key;
  selected: boolean;
  onOpen: (id: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>, index: number, id: string) => void;
}

const KeyRow = memo(function KeyRow({index, start, k, selected, onOpen, onKeyDown}: KeyRowProps) {
  return (
    <div
      role="row"
      tabIndex={0}
      aria-rowindex={index + 2}
      data-index={index}
      data-selected={selected || undefined}
      className={`${classes.row} ${classes.bodyRow}`}
      style={{height: ROW_HEIGHT, transform: `translateY(${start}px)`}}
      onClick={() => onOpen(k.id)}
      onKeyDown={(e) => onKeyDown(e, index, k.id)}
    >
      <div role="cell" className={classes.cell} title={k.name}>
        {k.name}
      </div>
      <div role="cell" className={classes.cell}>
        {algorithmLabel(k.algorithm)}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.mono}`} title={k.fingerprintSha256}>
        {shortFingerprint(k.fingerprintSha256)}
      </div>
      <div role="cell" className={classes.cell}>
        {k.source === 'imported' ? 'Imported' : 'Generated'}
      </div>
      <div role="cell" className={classes.cell}>
        {formatDate(k.createdAt)}
      </div>
    </div>
  );
});
