/** Everything the views show about one address: both roles, counterparts, ports, rules. */
import type { Database } from 'sql.js';
import type { IpDetail } from '../../../shared/api/types.js';
import { isPrivateIPv4 } from '../../../shared/address.js';
import type { AddressBook } from './addrs.js';
import { countryOf } from '../geo.js';
import { timeText } from './codec.js';
import { ADDRESS_ORDER, timelineWhere } from './stats.js';
import { allRows, firstRow } from './sql.js';

/** How many counterparts and ports the detail lists. */
const TOP = 50;

/** Bucket widths to choose from, smallest first. */
const BUCKETS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400];

/** Aim for at most this many buckets when the caller leaves the width to us. */
const MAX_BUCKETS = 100;

/** The smallest bucket width that shows a span in at most MAX_BUCKETS buckets. */
export function bucketFor(spanSeconds: number): number {
  return BUCKETS.find((w) => spanSeconds / w <= MAX_BUCKETS) ?? BUCKETS[BUCKETS.length - 1]!;
}

/** An empty detail, for an address no event names. */
const nothing = (ip: string): IpDetail => ({
  ip,
  asAttacker: 0,
  asVictim: 0,
  first: null,
  last: null,
  counterparts: [],
  ports: [],
  rules: [],
  timeline: [],
  country: countryOf(ip),
  private: isPrivateIPv4(ip),
});

/**
 * The detail of one address. Ports are the service port of each of its events: the
 * destination port of a security rule (the port it hit, or its own port that was hit), the
 * server's port of a reputation event.
 */
export function ipDetail(
  db: Database,
  addrs: AddressBook,
  ip: string,
  bucketSeconds?: number,
): IpDetail {
  const id = addrs.find(ip);
  if (id === undefined) return nothing(ip);
  const mine = '(e.attacker = ? OR e.victim = ?)';
  const both = [id, id];
  const totals = firstRow(
    db,
    `SELECT sum(e.attacker = ?), sum(e.victim = ?), min(e.time), max(e.time)
     FROM event_core e WHERE ${mine}`,
    [id, id, id, id],
  )!;
  if (totals[2] === null) return nothing(ip);
  const counterparts = allRows(
    db,
    `SELECT a.text, g.n, g.role FROM (
       SELECT e.victim AS who, count(*) AS n, 'victim' AS role FROM event_core e
       WHERE e.attacker = ? AND e.victim IS NOT NULL GROUP BY e.victim
       UNION ALL
       SELECT e.attacker, count(*), 'attacker' FROM event_core e
       WHERE e.victim = ? AND e.attacker IS NOT NULL GROUP BY e.attacker) g
     JOIN addrs a ON a.id = g.who
     ORDER BY g.n DESC, ${ADDRESS_ORDER}, g.role LIMIT ?`,
    [id, id, TOP],
  );
  const ports = allRows(
    db,
    `SELECT COALESCE(e.dst_port, e.peer_port) AS p, count(*) AS n FROM event_core e
     WHERE ${mine} AND p IS NOT NULL GROUP BY p ORDER BY n DESC, p LIMIT ?`,
    [...both, TOP],
  );
  const rules = allRows(
    db,
    `SELECT e.rule, count(*) AS n FROM event_core e
     WHERE ${mine} AND e.rule IS NOT NULL GROUP BY e.rule ORDER BY n DESC, e.rule`,
    both,
  );
  const first = totals[2] as number;
  const last = totals[3] as number;
  const width = bucketSeconds ?? bucketFor(last - first);
  return {
    ip,
    asAttacker: totals[0] as number,
    asVictim: totals[1] as number,
    first: timeText(first),
    last: timeText(last),
    counterparts: counterparts.map((r) => ({
      ip: r[0] as string,
      events: r[1] as number,
      role: r[2] === 'victim' ? 'victim' : 'attacker',
    })),
    ports: ports.map((r) => ({ port: r[0] as number, events: r[1] as number })),
    rules: rules.map((r) => ({ ruleId: String(r[0]), events: r[1] as number })),
    timeline: timelineWhere(db, { sql: mine, params: both }, width),
    country: countryOf(ip),
    private: isPrivateIPv4(ip),
  };
}
