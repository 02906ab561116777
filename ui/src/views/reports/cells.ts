// How report cells read on screen and what the chart draws from them. The numbers are the
// report's own: the screen formats them, it never computes them.
import type { Cell, Report, ReportName, ReportPeriod } from '../../lib/ipc';
import { count, date, minorDigits, money } from '../../lib/format';

export const reportNames: ReportName[] = [
  'pipeline',
  'forecast',
  'funnel',
  'campaign-performance',
  'win-loss',
  'velocity',
  'activity',
  'marketing-output',
];

export const reportLabels: Record<ReportName, string> = {
  pipeline: 'Pipeline',
  forecast: 'Forecast',
  funnel: 'Funnel',
  'campaign-performance': 'Campaign performance',
  'win-loss': 'Win/loss',
  velocity: 'Velocity',
  activity: 'Activity',
  'marketing-output': 'Marketing output',
};

export const periodLabels: Record<ReportPeriod, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'year-to-date': 'Year to date',
  'last-year': 'Last year',
  'last-12-months': 'Last 12 months',
  'all-time': 'All time',
};

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const month = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A cell as the table shows it. A number has one decimal (`toTenth`) when its column has a
 * fraction anywhere (`inTenths`), so a column of ratios lines up; a column of whole numbers stays whole.
 */
export function shown(cell: Cell, toTenth = true): string {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'count':
      return count(cell.value);
    case 'number':
      return (toTenth ? tenths : whole).format(cell.value);
    case 'money':
      return money(cell.value.minor, cell.value.currency);
    case 'month':
      return month.format(new Date(`${cell.value}-01T00:00:00Z`));
    case 'date':
      return date(cell.value);
    case 'empty':
      return '';
  }
}

/** For each column of `rows`: whether a number in it has a fraction (as `Table::in_tenths` decides for every export). */
export const inTenths = (rows: Cell[][]): boolean[] =>
  (rows[0] ?? []).map((_, c) => rows.some((r) => r[c]?.kind === 'number' && !Number.isInteger(r[c].value)));

/** Numbers line up on the right. */
export const numeric = (cell: Cell) => cell.kind === 'count' || cell.kind === 'number' || cell.kind === 'money';

/** A cell as a bar's height: money in major units; anything else not a number is nothing. */
export function value(cell: Cell): number | null {
  switch (cell.kind) {
    case 'count':
    case 'number':
      return cell.value;
    case 'money':
      return cell.value.minor / 10 ** minorDigits(cell.value.currency);
    default:
      return null;
  }
}

/** What the chart draws: one label per row, one series per chart column. */
export function chartData(report: Report): { labels: string[]; series: { name: string; values: (number | null)[] }[] } | null {
  const chart = report.chart;
  const table = chart ? report.tables[chart.table] : undefined;
  if (!chart || !table || table.rows.length === 0) return null;
  const rows = chart.limit === null ? table.rows : table.rows.slice(0, chart.limit);
  return {
    labels: rows.map((r) => chart.label.map((c) => shown(r[c])).filter((s) => s !== '').join(' · ')),
    series: chart.series.map((c) => ({ name: table.columns[c], values: rows.map((r) => value(r[c])) })),
  };
}
