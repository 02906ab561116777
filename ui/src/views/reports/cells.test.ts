import { describe, expect, it } from 'vitest';
import type { Report } from '../../lib/ipc';
import { chartData, inTenths, shown, value } from './cells';

const report: Report = {
  name: 'pipeline',
  title: 'Pipeline',
  filters: [],
  takes: [],
  chart: { table: 0, label: [0, 1], series: [2, 3], stacked: false, limit: 1 },
  tables: [
    {
      title: 'Open deals by stage',
      columns: ['Pipeline', 'Stage', 'Deals', 'Value'],
      rows: [
        [
          { kind: 'text', value: 'Sales' },
          { kind: 'text', value: 'Proposal' },
          { kind: 'count', value: 3 },
          { kind: 'money', value: { minor: 1234550, currency: 'EUR' } },
        ],
        [
          { kind: 'text', value: 'Sales' },
          { kind: 'text', value: 'Won' },
          { kind: 'count', value: 1 },
          { kind: 'money', value: { minor: 300, currency: 'JPY' } },
        ],
      ],
    },
  ],
};

describe('report cells', () => {
  it('chart the report’s own numbers, money in major units, the first rows when limited', () => {
    const data = chartData(report)!;
    expect(data.labels).toEqual(['Sales · Proposal']);
    expect(data.series).toEqual([
      { name: 'Deals', values: [3] },
      { name: 'Value', values: [12345.5] },
    ]);
  });

  it('read as numbers only where they are numbers', () => {
    expect(value({ kind: 'money', value: { minor: 300, currency: 'JPY' } })).toBe(300);
    expect(value({ kind: 'text', value: '12' })).toBeNull();
    expect(shown({ kind: 'empty' })).toBe('');
    expect(shown({ kind: 'text', value: '=1+1' })).toBe('=1+1');
  });

  it('give a column one decimal when any of its numbers has a fraction, so it lines up', () => {
    const rows: Report['tables'][0]['rows'] = [
      [{ kind: 'number', value: 21 }, { kind: 'number', value: 18 }, { kind: 'text', value: '7.5' }],
      [{ kind: 'number', value: 9 }, { kind: 'number', value: 7.4 }, { kind: 'empty' }],
    ];
    expect(inTenths(rows)).toEqual([false, true, false]);
    expect(shown(rows[0][0], false)).toBe('21');
    expect(shown(rows[0][1], true)).toBe('18.0');
    expect(shown(rows[1][1], true)).toBe('7.4');
  });

  it('draw nothing for an empty table', () => {
    expect(chartData({ ...report, tables: [{ ...report.tables[0], rows: [] }] })).toBeNull();
  });
});
