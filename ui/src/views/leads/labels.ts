// How lead values read on screen.
import type { LifecycleStage, LeadSort } from '../../lib/ipc';

export const stageLabels: Record<LifecycleStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'Marketing-qualified',
  sql: 'Sales-qualified',
  opportunity: 'Opportunity',
  customer: 'Customer',
  disqualified: 'Disqualified',
};

export const stages = Object.keys(stageLabels) as LifecycleStage[];

export const sortLabels: Record<LeadSort, string> = { name: 'Name', created: 'Date added', updated: 'Last updated' };

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function shortDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
