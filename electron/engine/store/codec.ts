/**
 * Store values to and from the event model: enumerations as their index in the lists of
 * shared/model.ts, times as seconds of the local time read as UTC (shared/time.ts).
 */
import { EVENT_TYPES, type EventType } from '../../../shared/model.js';
import { localTime, toSeconds } from '../../../shared/time.js';

/** The index of a word in one of the model's lists; an unknown word is a caller's bug. */
export function indexOf<T extends string>(list: readonly T[], word: T, what: string): number {
  const i = list.indexOf(word);
  if (i < 0) throw new Error(`store: '${String(word)}' is not a known ${what}`);
  return i;
}

/** The index of a word, or null for null. */
export function indexOrNull<T extends string>(
  list: readonly T[],
  word: T | null,
  what: string,
): number | null {
  return word === null ? null : indexOf(list, word, what);
}

/** The word at an index read back from the store, or null. */
export function wordAt<T extends string>(list: readonly T[], i: unknown): T | null {
  return typeof i === 'number' ? (list[i] ?? null) : null;
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), by arithmetic alone. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The number written by two digits at `i` of `t`, or -1 when they are not digits. */
function twoDigits(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/**
 * shared/time.ts toSeconds, without regular expressions or allocation: the store converts
 * two times per event in its hot loop. Other shapes than `YYYY-MM-DD HH:MM:SS` go to
 * toSeconds itself.
 */
export function secondsOf(time: string): number {
  const hi = twoDigits(time, 0);
  const lo = twoDigits(time, 2);
  const mo = twoDigits(time, 5);
  const d = twoDigits(time, 8);
  const h = twoDigits(time, 11);
  const mi = twoDigits(time, 14);
  const sec = twoDigits(time, 17);
  if (time.length !== 19 || (hi | lo | mo | d | h | mi | sec) < 0) return toSeconds(time);
  return daysFromCivil(hi * 100 + lo, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
}

/** A stored time (seconds) as a local time `YYYY-MM-DD HH:MM:SS`. */
export function timeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A stored time, or null. */
export function timeTextOrNull(seconds: unknown): string | null {
  return typeof seconds === 'number' ? timeText(seconds) : null;
}

const FILTER_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The first and last second a filter time covers: a date alone is the whole day, a time
 * without seconds the whole minute. Throws when it is not a real date and time.
 */
export function filterTimeRange(text: string): [number, number] {
  const m = FILTER_TIME.exec(text);
  const n = m?.slice(1).map((x) => (x === undefined ? null : Number(x)));
  const t = n && localTime(n[0]!, n[1]!, n[2]!, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0);
  if (!n || !t) throw new Error(`filter: '${text}' is not a date (YYYY-MM-DD HH:MM:SS)`);
  const start = toSeconds(t);
  const span = n[3] === null ? 86_400 : n[5] === null ? 60 : 1;
  return [start, start + span - 1];
}

/** Counts per event type from the four `sum(etype = i)` columns starting at `at`. */
export function typeCounts(row: unknown[], at: number): Record<EventType, number> {
  const out = {} as Record<EventType, number>;
  EVENT_TYPES.forEach((t, i) => (out[t] = Number(row[at + i] ?? 0)));
  return out;
}

/** SQL columns t0..t3 counting the events `e` of each type, in EVENT_TYPES order. */
export const TYPE_COUNT_SQL = EVENT_TYPES.map((_, i) => `sum(e.etype = ${i}) AS t${i}`).join(', ');

/** The columns of TYPE_COUNT_SQL read from a subquery `g`. */
export const TYPE_COUNT_COLUMNS = EVENT_TYPES.map((_, i) => `g.t${i}`).join(', ');
