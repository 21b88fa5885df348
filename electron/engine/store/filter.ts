/**
 * Turns the contract's filter into a WHERE clause. The SQL is built only from the fixed
 * fragments below and `?` placeholders; every value from the request is a bound parameter.
 */
import type { SqlValue } from 'sql.js';
import type { Filter } from '../../../shared/api/contract.js';
import { DIRECTIONS, EVENT_TYPES, MESSAGE_TYPES, ROLES } from '../../../shared/model.js';
import { ipv4ToInt } from '../../../shared/address.js';
import { filterTimeRange, indexOf } from './codec.js';
import { ruleNumber } from './write.js';

/** A WHERE clause over `event_core e` or `events e` (without the keyword) and its parameters. */
export interface Where {
  sql: string;
  params: SqlValue[];
}

/** What names a text: the addresses containing it, by the column they appear in, and rules. */
export interface TextMatch {
  /** Addresses containing the text that some event has as attacker, victim or reporter. */
  attacker: number[];
  victim: number[];
  reporter: number[];
  /** Every stored address containing the text (an originator may be any of them). */
  any: number[];
  /** Rule IDs of stored events whose digits contain the text. */
  rules: number[];
  /** About how many events those addresses and rules name (an upper bound). */
  events: number;
  /** Events stored. */
  total: number;
}

/** What the filter asks the store: address ids, and what names a text. */
export interface FilterContext {
  /** The id of a stored address, so plain addresses can use the events' indexes. */
  find(text: string): number | undefined;
  naming(text: string): TextMatch;
}

const NOTHING = '0';
const places = (n: number) => Array(n).fill('?').join(',');

/** The first and last IPv4 address of a CIDR block, or an Error saying what is wrong. */
export function cidrRange(text: string): [number, number] {
  const [base = '', bits = ''] = text.split('/');
  const n = ipv4ToInt(base);
  const len = /^\d{1,2}$/.test(bits) ? Number(bits) : -1;
  if (n === null || len < 0 || len > 32) {
    throw new Error(
      `filter: '${text}' is not an IPv4 block (write it as a.b.c.d/n with n from 0 to 32)`,
    );
  }
  const size = 2 ** (32 - len);
  const first = Math.floor(n / size) * size;
  return [first, first + size - 1];
}

/** The address columns the `ip` filter looks at for each side. */
const SIDES = {
  any: ['e.attacker', 'e.victim', 'e.device', 'e.peer'],
  attacker: ['e.attacker'],
  victim: ['e.victim'],
} as const;

/** LIKE pattern for text anywhere, with the pattern characters escaped. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * LIMITATION: `text` means "in the raw line" but raw lines stay on disk, so it is matched
 * (case-insensitively for ASCII) against what the store keeps: every address of the event
 * (attacker, victim, reporter, originator as written), the reputation address, the problems
 * and the rule ID. A device is its event's attacker or victim, and so is the peer unless it
 * is damaged, when the problems quote it; so those columns need no term of their own.
 *
 * The addresses and rule IDs that contain the text are found first (the store's own lists,
 * some thousands at most), so each term is an indexed IN list: a rare text takes its few
 * events from the indexes. A text that names many events (a site's prefix) is better found
 * by reading the events in page order and stopping at a page, as for a wide CIDR block: the
 * unary + keeps SQLite off the indexes then.
 */
function textWhere(text: string, ctx: FilterContext): Where {
  const like = containing(text);
  const m = ctx.naming(text);
  const wide = m.events > m.total / 8;
  const terms: string[] = [];
  const params: SqlValue[] = [];
  const inList = (column: string, values: number[]) => {
    if (!values.length) return;
    terms.push(`${wide ? '+' : ''}${column} IN (${places(values.length)})`);
    params.push(...values);
  };
  inList('e.attacker', m.attacker);
  inList('e.victim', m.victim);
  inList('e.reporter', m.reporter);
  inList('e.rule', m.rules);
  const originator = m.any.length ? ` OR originator IN (${places(m.any.length)})` : '';
  terms.push(
    `${wide ? '+' : ''}e.id IN (SELECT id FROM event_more WHERE rep_address LIKE ? ESCAPE '\\'` +
      ` OR problems LIKE ? ESCAPE '\\'${originator})`,
  );
  params.push(like, like, ...m.any);
  return { sql: `(${terms.join(' OR ')})`, params };
}

/** The events with problems (they are few, and kept beside the rows). */
const WITH_PROBLEMS = 'e.id IN (SELECT id FROM event_more WHERE problems IS NOT NULL)';

/** The WHERE clause of an empty filter: every row. */
export const ALL = '1';

/** Builds the WHERE clause of a filter; an empty filter matches every event. */
export function buildWhere(filter: Filter | undefined, ctx: FilterContext): Where {
  const lookup = (text: string) => ctx.find(text);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...values: SqlValue[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const inList = (column: string, values: SqlValue[]) => {
    if (values.length) add(`${column} IN (${places(values.length)})`, ...values);
  };
  const f = filter ?? {};

  if (f.from !== undefined) add('e.time >= ?', filterTimeRange(f.from)[0]);
  if (f.to !== undefined) add('e.time <= ?', filterTimeRange(f.to)[1]);
  inList(
    'e.etype',
    (f.eventTypes ?? []).map((t) => indexOf(EVENT_TYPES, t, 'event type')),
  );
  inList(
    'e.mtype',
    (f.messageTypes ?? []).map((t) => indexOf(MESSAGE_TYPES, t, 'message type')),
  );
  inList(
    'e.role',
    (f.roles ?? []).map((t) => indexOf(ROLES, t, 'role')),
  );
  inList(
    'e.direction',
    (f.directions ?? []).map((t) => indexOf(DIRECTIONS, t, 'direction')),
  );
  inList('e.source', f.sources ?? []);
  if (f.rules?.length) {
    // A rule ID that is no number cannot match; -1 is never stored.
    inList(
      'e.rule',
      f.rules.map((r) => ruleNumber(r) ?? -1),
    );
  }
  if (f.devices?.length) {
    const ids = f.devices.map(lookup).filter((id) => id !== undefined);
    if (ids.length) inList('e.device', ids);
    else parts.push(NOTHING);
  }
  if (f.ip !== undefined) {
    const columns = SIDES[f.ipSide ?? 'any'];
    if (f.ip.includes('/')) {
      const [lo, hi] = cidrRange(f.ip);
      const block = 'IN (SELECT id FROM addrs WHERE v4 BETWEEN ? AND ?)';
      // A block of 256 addresses or more (a site's LAN, a provider's range) usually matches
      // many events: reading them in page order and stopping at a page beats collecting
      // every match through the address index and sorting it (0.4 s for a /24 of a million
      // events). The unary + keeps SQLite off that index. A small block keeps the index.
      const wide = hi - lo >= 255;
      add(`(${columns.map((c) => `${wide ? '+' : ''}${c} ${block}`).join(' OR ')})`);
      columns.forEach(() => params.push(lo, hi));
    } else {
      const id = lookup(f.ip);
      if (id === undefined) parts.push(NOTHING);
      else add(`(${columns.map((c) => `${c} = ?`).join(' OR ')})`, ...columns.map(() => id));
    }
  }
  if (f.port !== undefined) {
    // The source and destination ports are the device's and the peer's in some order.
    add('(e.device_port = ? OR e.peer_port = ?)', f.port, f.port);
  }
  if (f.withProblems !== undefined) {
    parts.push(f.withProblems ? WITH_PROBLEMS : `NOT ${WITH_PROBLEMS}`);
  }
  if (f.text !== undefined && f.text !== '') {
    const text = textWhere(f.text, ctx);
    add(text.sql, ...text.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : ALL, params };
}
