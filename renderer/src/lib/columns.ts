/**
 * The columns the events table can show, their widths, and the chosen set as it is kept in
 * localStorage. Pure functions: the state that uses them is in column-choice.svelte.ts.
 */
import { SORT_KEYS } from '../../../shared/api/contract.js';

/** Every column the events table can show, in the order they appear. */
export const EVENT_COLUMNS = [
  ...SORT_KEYS,
  'seq',
  'direction',
  'role',
  'peerPort',
  'repScore',
  'reporter',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** The column that is always shown: a row without its time means nothing. */
export const ALWAYS_SHOWN: EventColumn = 'time';

/** The columns shown until the user chooses: the ones the table sorts by. */
export const DEFAULT_COLUMNS: readonly EventColumn[] = SORT_KEYS;

/** Where the choice is remembered. */
export const COLUMNS_STORAGE_KEY = 'seclog.events.columns';

/** Grid track and its minimum width in rem (for the table's horizontal scroll width). */
const TRACKS: Record<EventColumn, [track: string, minRem: number]> = {
  time: ['10.8rem', 10.8],
  device: ['minmax(8.4rem, 1.2fr)', 8.4],
  peer: ['minmax(8.4rem, 1.2fr)', 8.4],
  ruleId: ['5.2rem', 5.2],
  eventType: ['minmax(6.5rem, 1fr)', 6.5],
  messageType: ['minmax(5rem, 0.7fr)', 5],
  source: ['minmax(5rem, 1fr)', 5],
  seq: ['6.5rem', 6.5],
  direction: ['minmax(6rem, 0.8fr)', 6],
  role: ['minmax(5rem, 0.7fr)', 5],
  peerPort: ['6rem', 6],
  repScore: ['6.5rem', 6.5],
  reporter: ['minmax(8.4rem, 1fr)', 8.4],
};

/** The CSS grid-template-columns value for these columns. */
export function gridTemplate(columns: readonly EventColumn[]): string {
  return columns.map((c) => TRACKS[c][0]).join(' ');
}

/** The narrowest the table can be with these columns, in rem. */
export function minWidthRem(columns: readonly EventColumn[]): number {
  return columns.reduce((sum, c) => sum + TRACKS[c][1], 0);
}

const known = new Set<string>(EVENT_COLUMNS);

/** `columns` in table order, without repeats or unknown names, the always-shown one added. */
export function normalise(columns: readonly string[]): EventColumn[] {
  const wanted = new Set(columns.filter((c) => known.has(c)));
  wanted.add(ALWAYS_SHOWN);
  return EVENT_COLUMNS.filter((c) => wanted.has(c));
}

/** The choice stored as `text` (a JSON list); the default for nothing stored or garbage. */
export function parseColumns(text: string | null): EventColumn[] {
  if (text === null) return [...DEFAULT_COLUMNS];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [...DEFAULT_COLUMNS];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    return [...DEFAULT_COLUMNS];
  }
  return normalise(value);
}

/** `columns` with `column` shown (`on`) or hidden; the always-shown one cannot be hidden. */
export function toggleColumn(
  columns: readonly EventColumn[],
  column: EventColumn,
  on: boolean,
): EventColumn[] {
  return normalise(on ? [...columns, column] : columns.filter((c) => c !== column));
}
