/**
 * Aggregates over the filtered events: attackers, victims, devices, rule IDs and a
 * timeline. Grouping happens in SQL; only the returned rows are decoded.
 */
import type { Database } from 'sql.js';
import type { Filter } from '../../../shared/api/contract.js';
import type { DeviceRow, IpRow, RuleRow, TimelineBucket } from '../../../shared/api/types.js';
import { compareAddresses } from '../../../shared/address.js';
import { EVENT_TYPES } from '../../../shared/model.js';
import { countryOf } from '../geo.js';
import type { AddressBook } from './addrs.js';
import { timeText, TYPE_COUNT_COLUMNS, TYPE_COUNT_SQL, typeCounts, wordAt } from './codec.js';
import { ALL, buildWhere, type Where } from './filter.js';
import { allRows } from './sql.js';
import type { Lookups } from './lookups.js';
import type { Tallied } from './tally.js';

/** Address order (IPv4 numerically, then host names as text) of the addrs row `a`. */
export const ADDRESS_ORDER = 'COALESCE(a.v4, a.text), a.text';

/** Default number of rows of the ranked lists. */
const DEFAULT_LIMIT = 100;

const whereOf = (filter: Filter | undefined, lk: Lookups): Where => buildWhere(filter, lk);

/**
 * Attackers (side 'attacker') or victims, by events then address order. Counterparts are
 * the distinct addresses on the other side.
 */
export function ipRows(
  lk: Lookups,
  side: 'attacker' | 'victim',
  filter?: Filter,
  limit = DEFAULT_LIMIT,
): IpRow[] {
  const { db } = lk;
  const other = side === 'attacker' ? 'victim' : 'attacker';
  const where = whereOf(filter, lk);
  if (where.sql === ALL) return tallyIpRows(lk, side, limit);
  const rows = allRows(
    db,
    `SELECT a.text, g.n, g.counterparts, g.rules, ${TYPE_COUNT_COLUMNS}, g.first, g.last,
       a.private
     FROM (SELECT e.${side} AS who, count(*) AS n, count(DISTINCT e.${other}) AS counterparts,
             count(DISTINCT e.rule) AS rules, ${TYPE_COUNT_SQL},
             min(e.time) AS first, max(e.time) AS last
           FROM event_core e WHERE e.${side} IS NOT NULL AND ${where.sql} GROUP BY e.${side}) g
     JOIN addrs a ON a.id = g.who
     ORDER BY g.n DESC, ${ADDRESS_ORDER} LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((r) => ({
    ip: r[0] as string,
    events: r[1] as number,
    counterparts: r[2] as number,
    rules: r[3] as number,
    byEventType: typeCounts(r, 4),
    first: timeText(r[8] as number),
    last: timeText(r[9] as number),
    private: r[10] === 1,
    // After the SQL, per returned row: at most `limit` binary searches in memory.
    country: countryOf(r[0] as string),
  }));
}

/** Devices in address order, with their counts and distinct attackers. */
export function deviceRows(lk: Lookups, filter?: Filter, limit = DEFAULT_LIMIT): DeviceRow[] {
  const { db } = lk;
  const where = whereOf(filter, lk);
  if (where.sql === ALL) return tallyDeviceRows(lk, limit);
  const rows = allRows(
    db,
    `SELECT a.text, g.n, ${TYPE_COUNT_COLUMNS}, g.attackers, g.first, g.last
     FROM (SELECT e.device AS who, count(*) AS n, ${TYPE_COUNT_SQL},
             count(DISTINCT e.attacker) AS attackers, min(e.time) AS first, max(e.time) AS last
           FROM event_core e WHERE e.device IS NOT NULL AND ${where.sql} GROUP BY e.device) g
     JOIN addrs a ON a.id = g.who
     ORDER BY ${ADDRESS_ORDER} LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((r) => ({
    device: r[0] as string,
    events: r[1] as number,
    byEventType: typeCounts(r, 2),
    attackers: r[6] as number,
    first: timeText(r[7] as number),
    last: timeText(r[8] as number),
  }));
}

/**
 * Rule IDs by events (then ID), with what the `rules` table knows. An ID the table does
 * not know has event type `unknown` and no name.
 */
export function ruleRows(lk: Lookups, filter?: Filter, limit = DEFAULT_LIMIT): RuleRow[] {
  const { db } = lk;
  const where = whereOf(filter, lk);
  if (where.sql === ALL) return tallyRuleRows(lk, limit);
  const rows = allRows(
    db,
    `SELECT g.rule, g.n, g.devices, g.first, g.last, r.id, r.etype, r.name_en, r.name_es
     FROM (SELECT e.rule AS rule, count(*) AS n, count(DISTINCT e.device) AS devices,
             min(e.time) AS first, max(e.time) AS last
           FROM event_core e WHERE e.rule IS NOT NULL AND ${where.sql} GROUP BY e.rule) g
     LEFT JOIN rules r ON r.id = g.rule
     ORDER BY g.n DESC, g.rule LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((r) => ({
    ruleId: String(r[0]),
    events: r[1] as number,
    devices: r[2] as number,
    first: timeText(r[3] as number),
    last: timeText(r[4] as number),
    known: r[5] !== null,
    eventType: r[5] === null ? 'unknown' : (wordAt(EVENT_TYPES, r[6]) ?? 'unknown'),
    name: r[5] === null ? null : { en: String(r[7] ?? ''), es: String(r[8] ?? '') },
  }));
}

/** ruleRows for an empty filter: the counts, times and devices from the tally. */
function tallyRuleRows(lk: Lookups, limit: number): RuleRow[] {
  const { db, tally } = lk;
  const top = [...tally.rules(db)].sort((x, y) => y[1].events - x[1].events || x[0] - y[0]);
  // As SQL's LIMIT: a negative limit keeps every row.
  if (limit >= 0) top.length = Math.min(top.length, limit);
  const known = new Map(
    allRows(db, 'SELECT id, etype, name_en, name_es FROM rules').map((r) => [r[0] as number, r]),
  );
  return top.map(([rule, t]) => {
    const r = known.get(rule);
    return {
      ruleId: String(rule),
      events: t.events,
      devices: t.devices.length,
      first: timeText(t.first),
      last: timeText(t.last),
      known: r !== undefined,
      eventType: r === undefined ? 'unknown' : (wordAt(EVENT_TYPES, r[1]) ?? 'unknown'),
      name: r === undefined ? null : { en: String(r[2] ?? ''), es: String(r[3] ?? '') },
    };
  });
}

/** Events per bucket of `bucketSeconds` and per type; only buckets holding events. */
export function timelineRows(
  lk: Lookups,
  bucketSeconds: number,
  filter?: Filter,
): TimelineBucket[] {
  const where = whereOf(filter, lk);
  if (where.sql === ALL && Number.isSafeInteger(bucketSeconds) && bucketSeconds % 60 === 0) {
    // Every event, in whole minutes: the tally's counts per minute add up without a scan.
    // Null when the tally stopped counting minutes (times scattered by damage).
    const buckets = lk.tally.timeline(lk.db, bucketSeconds);
    if (buckets) {
      return [...buckets.keys()]
        .sort((a, b) => a - b)
        .map((start) => ({
          start: timeText(start),
          byEventType: typeCounts(buckets.get(start)!, 0),
        }));
    }
  }
  return timelineWhere(lk.db, where, bucketSeconds);
}

/** The timeline of the events a WHERE clause selects. */
export function timelineWhere(db: Database, where: Where, bucketSeconds: number) {
  if (!Number.isSafeInteger(bucketSeconds) || bucketSeconds < 1) {
    throw new Error(`timeline: the bucket must be a whole number of seconds, not ${bucketSeconds}`);
  }
  const rows = allRows(
    db,
    `SELECT g.b, ${TYPE_COUNT_COLUMNS}
     FROM (SELECT (e.time / ?) * ? AS b, ${TYPE_COUNT_SQL}
           FROM event_core e WHERE ${where.sql} GROUP BY b) g
     ORDER BY g.b`,
    [bucketSeconds, bucketSeconds, ...where.params],
  );
  return rows.map((r) => ({ start: timeText(r[0] as number), byEventType: typeCounts(r, 1) }));
}

/** Orders tallied addresses by address (IPv4 numerically, then host names as text). */
export function byAddress(addrs: AddressBook): (a: Tallied, b: Tallied) => number {
  return (a, b) => compareAddresses(addrs.text(a.id) ?? '', addrs.text(b.id) ?? '');
}

/** The first `limit` of the tallied addresses by events, then address order. */
export function topByEvents(list: Tallied[], limit: number, addrs: AddressBook): Tallied[] {
  list.sort((a, b) => b.events - a.events);
  if (list.length > limit) {
    // Ties at the cut are ordered by address before cutting.
    const last = list[limit - 1]!.events;
    let end = limit;
    while (end < list.length && list[end]!.events === last) end++;
    list.length = end;
  }
  const order = byAddress(addrs);
  return list.sort((a, b) => b.events - a.events || order(a, b)).slice(0, limit);
}

/** Per address of `ids` on `side`: the SQL columns of `what`, after the address id. */
function detailsOf(db: Database, side: string, what: string, ids: number[]) {
  const rows = allRows(
    db,
    `SELECT e.${side}, ${what} FROM event_core e
     WHERE e.${side} IN (${ids.map(() => '?').join(',')}) GROUP BY e.${side}`,
    ids,
  );
  return new Map(rows.map((r) => [r[0] as number, r]));
}

const typesOf = (t: Tallied) => typeCounts(t.byType, 0);

/** ipRows for an empty filter: the ranking from the tally, the details from SQL. */
function tallyIpRows(lk: Lookups, side: 'attacker' | 'victim', limit: number): IpRow[] {
  const { db, addrs, tally } = lk;
  const other = side === 'attacker' ? 'victim' : 'attacker';
  const top = topByEvents(tally.top(db, side, limit), limit, addrs);
  if (!top.length) return [];
  const ids = top.map((t) => t.id);
  const details = detailsOf(
    db,
    side,
    `count(DISTINCT e.${other}), count(DISTINCT e.rule), min(e.time), max(e.time)`,
    ids,
  );
  const privates = privateOf(db, ids);
  return top.map((t) => {
    const d = details.get(t.id) ?? [];
    const ip = addrs.text(t.id) ?? '';
    return {
      ip,
      events: t.events,
      counterparts: Number(d[1] ?? 0),
      rules: Number(d[2] ?? 0),
      byEventType: typesOf(t),
      first: timeText(d[3] as number),
      last: timeText(d[4] as number),
      private: privates.has(t.id),
      country: countryOf(ip),
    };
  });
}

/** The ids among `ids` of private addresses. */
function privateOf(db: Database, ids: number[]): Set<number> {
  const rows = allRows(
    db,
    `SELECT id FROM addrs WHERE private = 1 AND id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return new Set(rows.map((r) => r[0] as number));
}

/** deviceRows for an empty filter: the devices from the tally, the details from SQL. */
function tallyDeviceRows(lk: Lookups, limit: number): DeviceRow[] {
  const { db, addrs, tally } = lk;
  const devices = tally.all(db, 'device').sort(byAddress(addrs)).slice(0, limit);
  if (!devices.length) return [];
  const details = detailsOf(
    db,
    'device',
    'count(DISTINCT e.attacker), min(e.time), max(e.time)',
    devices.map((t) => t.id),
  );
  return devices.map((t) => {
    const d = details.get(t.id) ?? [];
    return {
      device: addrs.text(t.id) ?? '',
      events: t.events,
      byEventType: typesOf(t),
      attackers: Number(d[1] ?? 0),
      first: timeText(d[2] as number),
      last: timeText(d[3] as number),
    };
  });
}
