// A lead row's cells, from its name on, made as plain elements rather than as Svelte blocks.
// The first screen makes about 16 rows before its first paint, while the page's script still
// runs cold; a block and its effects per cell cost more there than the cells themselves
// (BENCHMARKS.md, start-up). User text goes in as text, never as markup.
import type { Lead, LeadColumn } from '../../lib/ipc';
import { dayWithYear } from '../../lib/format';
import { stageLabels } from './labels';

/** How long an MQL has waited for a first move, short enough for the stage column. */
export function waitedLabel(hours: number): string {
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

/** The same wait in words, for a sentence: "1 hour", "47 hours", "3 days". */
export function waitedWords(hours: number): string {
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span');
  if (className !== '') el.className = className;
  el.textContent = text;
  return el;
}

function gridcell(className: string, text: string, title?: string): HTMLSpanElement {
  const el = span(className, text);
  el.setAttribute('role', 'gridcell');
  if (title) el.title = title;
  return el;
}

function cell(lead: Lead, column: LeadColumn, waited: number | undefined): HTMLSpanElement {
  switch (column) {
    case 'stage': {
      const el = gridcell('stage-cell', '');
      el.append(span(`stage ${lead.lifecycle_stage}`, stageLabels[lead.lifecycle_stage]));
      if (waited !== undefined) {
        const flag = span('waiting', waitedLabel(waited));
        flag.title = `Marketing-qualified and waiting ${waitedWords(waited)} for a first move`;
        flag.dataset.testid = 'lead-waiting';
        el.append(flag);
      }
      return el;
    }
    case 'tags': {
      // The first tag and how many more, so a narrow column never cuts a list off mid-tag; the
      // title names them all.
      const el = gridcell('tags', '', lead.tags.join(', '));
      if (lead.tags.length > 0) el.append(span('tag', lead.tags[0]));
      if (lead.tags.length > 1) el.append(span('more', `+${lead.tags.length - 1}`));
      return el;
    }
    case 'score': {
      const el = gridcell('num', String(lead.score));
      el.dataset.testid = 'lead-score';
      return el;
    }
    case 'created':
      return gridcell('muted', dayWithYear(lead.created_at));
    case 'updated':
      return gridcell('muted', dayWithYear(lead.updated_at));
    default: {
      const text = lead[column] ?? '';
      return gridcell('', text, text);
    }
  }
}

/** Fills `into` with the lead's name and its cells for `columns`, replacing what was there. */
export function fillCells(into: Element, lead: Lead, columns: readonly LeadColumn[], waited: number | undefined) {
  into.replaceChildren(gridcell('name', lead.name, lead.name), ...columns.map((column) => cell(lead, column, waited)));
}
