/**
 * Event pages with keyset paging, counts, where an event's raw line is, and the list of
 * malformed lines.
 */
import type { Database, SqlValue } from 'sql.js';
import type { Filter, SortKey } from '../../../shared/api/contract.js';
import type { EventPage, EventRow, MalformedRow } from '../../../shared/api/types.js';
import {
  DIRECTIONS,
  EVENT_TYPES,
  MESSAGE_TYPES,
  REPUTATION_BANDS,
  ROLES,
} from '../../../shared/model.js';
import type { AddressBook } from './addrs.js';
import { timeText, timeTextOrNull, wordAt } from './codec.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ALL, buildWhere } from './filter.js';
import { groupedRows, groupedSkip } from './grouped.js';
import type { Lookups } from './lookups.js';
import { allRows, firstRow } from './sql.js';

/** How one sort key is computed, joined and carried in the cursor. */
interface SortSql {
  /** Expression ordered by (then e.id). */
  key: string;
  join: string;
  /** What the cursor keeps of the last row. */
  out: string;
  /** The cursor's value turned back into a key. */
  fromCursor: string;
}

// Address order: SQLite orders integers before text, so IPv4 addresses come first in
// numeric order and host names after them; no address (-1) comes before both.
const addressSort = (column: string): SortSql => ({
  key: 'COALESCE(k.v4, k.text, -1)',
  join: `LEFT JOIN addrs k ON k.id = ${column}`,
  out: `COALESCE(${column}, 0)`,
  fromCursor: 'COALESCE((SELECT COALESCE(v4, text) FROM addrs WHERE id = ?), -1)',
});
const plainSort = (key: string): SortSql => ({ key, join: '', out: key, fromCursor: '?' });

const SORTS: Record<SortKey, SortSql> = {
  time: plainSort('e.time'),
  device: addressSort('e.device'),
  peer: addressSort('e.peer'),
  ruleId: plainSort('COALESCE(e.rule, -1)'),
  eventType: plainSort('e.etype'),
  messageType: plainSort('e.mtype'),
  source: plainSort('e.source'),
};

const ROW_COLUMNS =
  'e.id, e.source, s.path, e.line, e.time, e.env_time, e.device, e.device_port, e.reporter,' +
  ' e.seq, e.mtype, e.etype, e.rule, e.peer, e.peer_port, e.src, e.src_port, e.dst,' +
  ' e.dst_port, e.originator, e.direction, e.role, e.attacker, e.victim, e.rep_address,' +
  ' e.rep_score, e.rep_band, e.problems';

/** A request for one page of events. */
export interface EventQuery {
  filter?: Filter;
  sort?: SortKey;
  desc?: boolean;
  after?: string;
  /** Rows passed over before the page (after `after`, or from the top). */
  skip?: number;
  limit?: number;
}

const num = (v: SqlValue | undefined) => (typeof v === 'number' ? v : null);
const text = (v: SqlValue | undefined) => (typeof v === 'string' ? v : null);

/** Turns one row of ROW_COLUMNS into the contract's EventRow. */
function toRow(r: SqlValue[], addrs: AddressBook): EventRow {
  return {
    id: r[0] as number,
    sourceId: r[1] as number,
    source: text(r[2]) ?? '',
    line: r[3] as number,
    time: timeText(r[4] as number),
    envelopeTime: timeTextOrNull(r[5]),
    device: addrs.text(r[6]),
    devicePort: num(r[7]),
    reporter: addrs.text(r[8]),
    seq: num(r[9]),
    messageType: wordAt(MESSAGE_TYPES, r[10]) ?? 'security_rule',
    eventType: wordAt(EVENT_TYPES, r[11]) ?? 'unknown',
    ruleId: r[12] === null ? null : String(r[12]),
    peer: addrs.text(r[13]),
    peerPort: num(r[14]),
    srcIp: addrs.text(r[15]),
    srcPort: num(r[16]),
    dstIp: addrs.text(r[17]),
    dstPort: num(r[18]),
    originator: addrs.text(r[19]),
    direction: wordAt(DIRECTIONS, r[20]),
    role: wordAt(ROLES, r[21]),
    attacker: addrs.text(r[22]),
    victim: addrs.text(r[23]),
    repAddress: text(r[24]),
    repScore: num(r[25]),
    repBand: wordAt(REPUTATION_BANDS, r[26]),
    problems: typeof r[27] === 'string' ? (JSON.parse(r[27]) as string[]) : [],
  };
}

/** One page of events in the requested order, and the cursor of the next page. */
export function queryEvents(lk: Lookups, q: EventQuery): EventPage {
  const sortKey = q.sort ?? 'time';
  const desc = q.desc ?? false;
  const limit = q.limit ?? 200;
  const where = buildWhere(q.filter, lk);
  const cursor = q.after === undefined ? null : decodeCursor(q.after, sortKey, desc);
  const found =
    (where.sql === ALL ? groupedPage(lk, sortKey, desc, cursor, q.skip ?? 0, limit) : null) ??
    sqlPage(lk, sortKey, desc, where, cursor, q.skip ?? 0, limit);
  const more = found.length > limit;
  const page = more ? found.slice(0, limit) : found;
  const last = page[page.length - 1];
  const next =
    more && last
      ? encodeCursor({ sort: sortKey, desc, key: last[28] as number, id: last[0] as number })
      : null;
  return { rows: page.map((r) => toRow(r, lk.addrs)), next };
}

/**
 * Up to `limit + 1` rows of an unfiltered page, read key by key (grouped.ts); null when the
 * sort is not one grouped.ts pages.
 */
function groupedPage(
  lk: Lookups,
  sortKey: SortKey,
  desc: boolean,
  cursor: { key: number; id: number } | null,
  skip: number,
  limit: number,
): SqlValue[][] | null {
  let start = cursor;
  if (skip > 0) {
    const at = groupedSkip(lk, sortKey, desc, start, skip);
    if (at === null) return null;
    if (at === 'end') return [];
    start = at;
  }
  return groupedRows(lk, sortKey, desc, `${ROW_COLUMNS}, ${SORTS[sortKey].out}`, start, limit);
}

/** Up to `limit + 1` rows of a page, ordered by SQL. */
function sqlPage(
  lk: Lookups,
  sortKey: SortKey,
  desc: boolean,
  where: { sql: string; params: SqlValue[] },
  cursor: { key: number; id: number } | null,
  skip: number,
  limit: number,
): SqlValue[][] {
  const { db } = lk;
  const sort = SORTS[sortKey];
  const order = ` ORDER BY ${sort.key} ${desc ? 'DESC' : 'ASC'}, e.id ${desc ? 'DESC' : 'ASC'}`;
  /** The WHERE clause and its values for the rows after a cursor (or all of them). */
  const after = (c: { key: number; id: number } | null) =>
    c === null
      ? { sql: where.sql, params: [...where.params] }
      : {
          sql: `${where.sql} AND (${sort.key}, e.id) ${desc ? '<' : '>'} (${sort.fromCursor}, ?)`,
          params: [...where.params, c.key, c.id],
        };
  let start = cursor;
  if (skip > 0) {
    // A jump: the sort key and id of the row just before the page, found by OFFSET over
    // the narrowest query that orders the same, then the page follows it as after a cursor.
    const from = after(start);
    const before = firstRow(
      db,
      `SELECT ${sort.out}, e.id FROM events e ${sort.join} WHERE ${from.sql}${order}
       LIMIT 1 OFFSET ?`,
      [...from.params, skip - 1],
    );
    if (!before) return [];
    start = { key: before[0] as number, id: before[1] as number };
  }
  const from = after(start);
  return allRows(
    db,
    `SELECT ${ROW_COLUMNS}, ${sort.out} FROM events e ${sort.join}
     LEFT JOIN sources s ON s.id = e.source WHERE ${from.sql}${order} LIMIT ?`,
    [...from.params, limit + 1],
  );
}

/** How many events a filter matches. */
export function countEvents(lk: Lookups, filter?: Filter): number {
  const where = buildWhere(filter, lk);
  return firstRow(
    lk.db,
    `SELECT count(*) FROM event_core e WHERE ${where.sql}`,
    where.params,
  )![0] as number;
}

/** Where an event's raw line is, so the engine can read it from disk. */
export interface EventLocation {
  sourceId: number;
  source: string;
  line: number;
  offset: number;
  /** The line's length in bytes; 0 when the parser did not say (read to the line end). */
  bytes: number;
}

/** The source, line and byte range of an event, or null when there is no such event. */
export function eventLocation(db: Database, id: number): EventLocation | null {
  const r = firstRow(
    db,
    `SELECT e.source, s.path, e.line, e.offset, e.bytes FROM event_rows e
     LEFT JOIN sources s ON s.id = e.source WHERE e.id = ?`,
    [id],
  );
  if (!r) return null;
  return {
    sourceId: r[0] as number,
    source: text(r[1]) ?? '',
    line: r[2] as number,
    offset: r[3] as number,
    bytes: r[4] as number,
  };
}

/** A request for a page of malformed lines. */
export interface MalformedQuery {
  sourceId?: number;
  /** The id of the last row of the previous page; 0 or absent for the first page. */
  after?: number;
  limit?: number;
}

/** Malformed lines ordered by source then line, continuing after a row id. */
export function listMalformed(db: Database, q: MalformedQuery): MalformedRow[] {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (q.sourceId !== undefined) {
    parts.push('m.source = ?');
    params.push(q.sourceId);
  }
  if (q.after) {
    const at = firstRow(db, 'SELECT source, line FROM malformed WHERE id = ?', [q.after]);
    if (!at) {
      throw new Error(`malformed: line ${q.after} is gone (its source was read again); start over`);
    }
    parts.push('(m.source, m.line, m.id) > (?, ?, ?)');
    params.push(at[0]!, at[1]!, q.after);
  }
  params.push(q.limit ?? 200);
  const rows = allRows(
    db,
    `SELECT m.id, m.source, s.path, m.line, m.text, m.reason FROM malformed m
     LEFT JOIN sources s ON s.id = m.source WHERE ${parts.join(' AND ') || '1'}
     ORDER BY m.source, m.line, m.id LIMIT ?`,
    params,
  );
  return rows.map((r) => ({
    id: r[0] as number,
    sourceId: r[1] as number,
    source: text(r[2]) ?? '',
    line: r[3] as number,
    text: r[4] as string,
    reason: r[5] as string,
  }));
}
