/**
 * Pages of every event in an order with few distinct keys (device, rule ID, event type,
 * message type), without sorting the whole table. SQLite cannot order by a device's
 * address or by a value derived from the flags through an index, so each page of a million
 * events cost a sort of all of them (1.4 s by device, about 0.3 s by the others). Here the
 * keys present are listed in order first (few, from the tally or a small query), then each
 * key's events are read in id order, from the cursor on, until the page is full: the order,
 * the cursors and the pages are those of the SQL in events.ts, which stays the way for
 * filtered queries, the other orders, and keys too many to list. The source order is left
 * to SQL: without an index on the source, a source's first events could be anywhere.
 * test/store/events.test.ts checks both ways give the same pages.
 */
import type { SqlValue } from 'sql.js';
import type { SortKey } from '../../../shared/api/contract.js';
import type { Lookups } from './lookups.js';
import { allRows } from './sql.js';

/** More keys than this are left to SQL's sort (a bound list has a limit). */
const MAX_KEYS = 5000;

/** The WHERE clause that selects the events of one key. */
interface Condition {
  sql: string;
  params: SqlValue[];
}

/** The condition of key `k` (as the cursor stores it) for each sort paged by key. */
const CONDITIONS: Partial<Record<SortKey, (k: number) => Condition>> = {
  // The cursor stores the device's address id, 0 for none (events.ts, addressSort).
  device: (k) =>
    k === 0 ? { sql: 'e.device IS NULL', params: [] } : { sql: 'e.device = ?', params: [k] },
  ruleId: (k) =>
    k === -1 ? { sql: 'e.rule IS NULL', params: [] } : { sql: 'e.rule = ?', params: [k] },
  eventType: (k) => ({ sql: 'e.etype = ?', params: [k] }),
  messageType: (k) => ({ sql: 'e.mtype = ?', params: [k] }),
};

/** The indexes of the counts above zero. */
const present = (counts: readonly number[]) => counts.flatMap((n, i) => (n > 0 ? [i] : []));

/** The keys present, in ascending order; null when there are too many to list. */
function keysOf(lk: Lookups, sort: SortKey): number[] | null {
  const { db, tally } = lk;
  switch (sort) {
    case 'device': {
      const ids = tally.all(db, 'device').map((t) => t.id);
      if (ids.length > MAX_KEYS) return null;
      // Ordered by the same key as events.ts's address sort, so both agree on every address.
      const ordered = ids.length
        ? allRows(
            db,
            `SELECT id FROM addrs WHERE id IN (${ids.map(() => '?').join(',')})
             ORDER BY COALESCE(v4, text, -1)`,
            ids,
          ).map((r) => r[0] as number)
        : [];
      return [0, ...ordered];
    }
    case 'ruleId': {
      const rules = [...tally.rules(db).keys()];
      if (rules.length > MAX_KEYS) return null;
      return [-1, ...rules.sort((a, b) => a - b)];
    }
    // Types without events are left out: their events would be looked for in every row.
    case 'eventType':
      return present(tally.totals(db).byEventType);
    case 'messageType':
      return present(tally.totals(db).byMessageType);
    default:
      return null;
  }
}

/** Where an unfiltered page starts: the cursor's key and id, or none for the first page. */
export interface GroupedStart {
  key: number;
  id: number;
}

/** The keys in page order and where in them a page from `start` begins; null: use SQL. */
function walk(lk: Lookups, sort: SortKey, desc: boolean, start: GroupedStart | null) {
  const condition = CONDITIONS[sort];
  const keys = condition ? keysOf(lk, sort) : null;
  if (!condition || !keys) return null;
  if (desc) keys.reverse();
  const first = start ? keys.indexOf(start.key) : 0;
  // The cursor's key has no events left (its rows were removed): SQL finds where to go on.
  if (first < 0) return null;
  const dir = desc ? 'DESC' : 'ASC';
  /** The WHERE clause of the events of key `at`, after the cursor in the first key. */
  const where = (at: number) => {
    const { sql, params } = condition(keys[at]!);
    if (!start || at !== first) return { sql, params };
    return { sql: `${sql} AND e.id ${desc ? '<' : '>'} ?`, params: [...params, start.id] };
  };
  return { keys, first, dir, where };
}

/**
 * The rows of one unfiltered page (`columns` selected, `limit + 1` of them at most, so the
 * caller can tell whether more follow), or null when this sort cannot be paged by key.
 */
export function groupedRows(
  lk: Lookups,
  sort: SortKey,
  desc: boolean,
  columns: string,
  start: GroupedStart | null,
  limit: number,
): SqlValue[][] | null {
  const w = walk(lk, sort, desc, start);
  if (!w) return null;
  const rows: SqlValue[][] = [];
  for (let at = w.first; at < w.keys.length && rows.length <= limit; at++) {
    const { sql, params } = w.where(at);
    rows.push(
      ...allRows(
        lk.db,
        `SELECT ${columns} FROM events e LEFT JOIN sources s ON s.id = e.source
         WHERE ${sql} ORDER BY e.id ${w.dir} LIMIT ?`,
        [...params, limit + 1 - rows.length],
      ),
    );
  }
  return rows;
}

/**
 * The key and id of the row `skip` rows on from `start` (the top when null), counted key by
 * key; 'end' when there are fewer rows; null when this sort cannot be paged by key.
 */
export function groupedSkip(
  lk: Lookups,
  sort: SortKey,
  desc: boolean,
  start: GroupedStart | null,
  skip: number,
): GroupedStart | 'end' | null {
  const w = walk(lk, sort, desc, start);
  if (!w) return null;
  let left = skip;
  for (let at = w.first; at < w.keys.length; at++) {
    const { sql, params } = w.where(at);
    const n = allRows(lk.db, `SELECT count(*) FROM event_core e WHERE ${sql}`, params)[0]![0];
    if (left > (n as number)) {
      left -= n as number;
      continue;
    }
    const row = allRows(
      lk.db,
      `SELECT e.id FROM event_core e WHERE ${sql} ORDER BY e.id ${w.dir} LIMIT 1 OFFSET ?`,
      [...params, left - 1],
    )[0];
    if (row) return { key: w.keys[at]!, id: row[0] as number };
  }
  return 'end';
}
