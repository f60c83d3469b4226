// @vitest-environment happy-dom
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScrollCell, ScrollRow, ScrollTable } from './scroll-table.js';

/** A two-row Bookings-like table, rendered and parsed. */
function table(): HTMLElement {
  const row = (who: string, status: string, retry: boolean) =>
    h(ScrollRow, {
      key: who,
      children: [
        h(ScrollCell, { key: 'who' }, who),
        h(ScrollCell, { key: 'status' }, status),
        h(ScrollCell, { key: 'action' }, retry && h('button', null, 'Retry')),
      ],
    });
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(
    h(ScrollTable, {
      label: 'Series table',
      width: 'wide',
      columns: ['Mentor', 'Status', 'Action'],
      children: [row('Ada', 'Booked', false), row('Grace', 'Failed', true)],
    }),
  );
  return host;
}

describe('a table whose rows stack into cards on a phone', () => {
  it('stays a table for screen readers whatever its layout: table, row groups, rows, headers, cells', () => {
    const host = table();
    const roles = (role: string) => host.querySelectorAll(`[role="${role}"]`).length;
    expect(host.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Series table');
    expect(roles('table')).toBe(1);
    expect(roles('rowgroup')).toBe(2);
    expect(roles('row')).toBe(3);
    expect(roles('columnheader')).toBe(3);
    expect(roles('cell')).toBe(6);
  });

  it("labels each cell with its own column's name, hidden from screen readers so it is not read twice; an empty cell has no label", () => {
    const host = table();
    const cells = [...host.querySelectorAll('[role="cell"]')];
    expect(cells.map((c) => c.textContent)).toEqual([
      'Mentor:Ada',
      'Status:Booked',
      '',
      'Mentor:Grace',
      'Status:Failed',
      'Action:Retry',
    ]);
    const labels = [...host.querySelectorAll('[data-column-label]')];
    expect(labels).toHaveLength(5);
    for (const label of labels) expect(label.getAttribute('aria-hidden')).toBe('true');
  });
});
