import {useState} from 'react';
import {describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {fakeLayout} from '../test/layout';
import {renderWithProviders} from '../test/render';
import {DataTable, nextSort, type Column} from './DataTable';
import {FilterInput} from './FilterInput';
import {byText, byValue, useTableRows} from './useTableRows';

interface Host {
  id: string;
  name: string;
  port: number;
}

const host = (i: number): Host => ({id: `h${i}`, name: `host-${String(i).padStart(5, '0')}`, port: 1000 + ((i * 7919) % 5000)});

const COLUMNS: Column<Host>[] = [
  {id: 'name', header: 'Name', fill: 1, cell: (h) => h.name, title: (h) => h.name, compare: byText((h) => h.name)},
  {id: 'port', header: 'Port', cell: (h) => h.port, compare: byValue((h) => h.port)},
  {id: 'note', header: 'Note', cell: () => 'unsortable'},
];

/** A list page in small: a filter box over a sortable table. */
function Hosts({hosts, searchText, onOpen}: {hosts: Host[]; searchText: (h: Host) => string; onOpen: (h: Host) => void}) {
  const [query, setQuery] = useState('');
  const {visible, sort, setSort} = useTableRows(hosts, {columns: COLUMNS, searchText, query});
  return (
    <>
      <FilterInput aria-label="Filter hosts" value={query} onChange={setQuery} />
      <DataTable label="Hosts" rows={visible} columns={COLUMNS} rowKey={(h) => h.id} onOpen={onOpen} sort={sort} onSort={setSort} />
    </>
  );
}

function setup(hosts: Host[]) {
  const onOpen = vi.fn();
  const searchText = vi.fn((h: Host) => `${h.name} ${h.port}`);
  renderWithProviders(<Hosts hosts={hosts} searchText={searchText} onOpen={onOpen} />);
  return {user: userEvent.setup(), onOpen, searchText, table: screen.getByRole('table', {name: 'Hosts'})};
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const firstCells = (table: HTMLElement) => bodyRows(table).map((r) => within(r).getAllByRole('cell')[0].textContent);

fakeLayout();

describe('DataTable', () => {
  it('keeps only a window of 10,000 rows in the DOM and announces them all', () => {
    const {table} = setup(Array.from({length: 10_000}, (_, i) => host(i)));
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(rows[0].getAttribute('aria-rowindex')).toBe('2');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Port', 'Note']);
  });

  it('sorts by a header click, the second click reverses, with aria-sort', async () => {
    const hosts = [host(3), host(1), host(2)];
    const {user, table} = setup(hosts);
    const header = (name: string) => within(table).getByRole('columnheader', {name});
    expect(firstCells(table)).toEqual(['host-00003', 'host-00001', 'host-00002']);
    expect(header('Name').getAttribute('aria-sort')).toBeNull();

    await user.click(within(table).getByRole('button', {name: 'Name'}));
    expect(firstCells(table)).toEqual(['host-00001', 'host-00002', 'host-00003']);
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(table).getByRole('button', {name: 'Name'}));
    expect(firstCells(table)).toEqual(['host-00003', 'host-00002', 'host-00001']);
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');

    await user.click(within(table).getByRole('button', {name: 'Port'}));
    const ports = bodyRows(table).map((r) => Number(within(r).getAllByRole('cell')[1].textContent));
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
    expect(header('Port').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Name').getAttribute('aria-sort')).toBeNull();
    // a column without an order has no button
    expect(within(header('Note')).queryByRole('button')).toBeNull();
  });

  it('nextSort starts ascending and flips on the same column', () => {
    expect(nextSort(null, 'a')).toEqual({column: 'a', direction: 'ascending'});
    expect(nextSort({column: 'a', direction: 'ascending'}, 'a')).toEqual({column: 'a', direction: 'descending'});
    expect(nextSort({column: 'a', direction: 'descending'}, 'a')).toEqual({column: 'a', direction: 'ascending'});
    expect(nextSort({column: 'a', direction: 'descending'}, 'b')).toEqual({column: 'b', direction: 'ascending'});
  });

  it('filters on search texts made once per row, and clears with the × button and with Escape', async () => {
    const {user, table, searchText} = setup(Array.from({length: 200}, (_, i) => host(i)));
    expect(searchText).toHaveBeenCalledTimes(200);
    const box = screen.getByRole('textbox', {name: 'Filter hosts'});
    expect(screen.queryByRole('button', {name: 'Clear filter hosts'})).toBeNull();

    await user.type(box, '0019');
    expect(firstCells(table)).toEqual(['host-00019', 'host-00190', 'host-00191', 'host-00192', 'host-00193', 'host-00194', 'host-00195', 'host-00196', 'host-00197', 'host-00198', 'host-00199']);
    // typing searched the texts made when the rows came, it made none
    expect(searchText).toHaveBeenCalledTimes(200);

    await user.click(screen.getByRole('button', {name: 'Clear filter hosts'}));
    expect((box as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(firstCells(table)[0]).toBe('host-00000'));

    await user.type(box, 'HOST-00007');
    expect(firstCells(table)).toEqual(['host-00007']);
    await user.clear(box);

    await user.type(box, 'host-00007{Escape}');
    expect((box as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(bodyRows(table).length).toBeGreaterThan(1));
  });

  it('moves between rows with the arrow keys, Home and End, and opens with Enter, Space or a click', async () => {
    const hosts = Array.from({length: 1000}, (_, i) => host(i));
    const {user, table, onOpen} = setup(hosts);
    const row = (name: string) => within(table).getByText(name).closest('[role="row"]') as HTMLElement;

    row('host-00000').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(row('host-00002'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(row('host-00001'));
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(hosts[1]);

    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('host-00999'));
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('1001');
    await user.keyboard(' ');
    expect(onOpen).toHaveBeenLastCalledWith(hosts[999]);

    await user.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('host-00000'));
    await user.keyboard('{ArrowUp}'); // stays on the first row
    expect(document.activeElement?.textContent).toContain('host-00000');

    await user.click(within(table).getByText('host-00003'));
    expect(onOpen).toHaveBeenLastCalledWith(hosts[3]);
    expect(onOpen).toHaveBeenCalledTimes(3);
  });

  it('leaves keys and clicks in a control inside a row to that control', async () => {
    const onOpen = vi.fn();
    const columns: Column<Host>[] = [{id: 'act', header: 'Action', cell: (h) => <button type="button">{`Act on ${h.name}`}</button>}];
    renderWithProviders(<DataTable label="Hosts" rows={[host(1), host(2)]} columns={columns} rowKey={(h) => h.id} onOpen={onOpen} />);
    const user = userEvent.setup();
    screen.getByRole('button', {name: 'Act on host-00001'}).focus();
    await user.keyboard('{Enter}{ArrowDown}');
    await user.click(screen.getByRole('button', {name: 'Act on host-00002'}));
    expect(onOpen).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', {name: 'Act on host-00002'}));
  });

  it('rows without onOpen are not focusable (they hold their own controls)', () => {
    renderWithProviders(<DataTable label="Hosts" rows={[host(1)]} columns={COLUMNS} rowKey={(h) => h.id} />);
    const [row] = bodyRows(screen.getByRole('table', {name: 'Hosts'}));
    expect(row.getAttribute('tabindex')).toBeNull();
  });
});
