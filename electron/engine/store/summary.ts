/**
 * The command-line contract's summary, computed from the store. It answers exactly what
 * the in-memory SummaryBuilder (test/helpers/summary-oracle.ts) answers for the same input.
 */
import type { Database } from 'sql.js';
import { ENCODINGS, EVENT_TYPES, MESSAGE_TYPES, SOURCE_KINDS } from '../../../shared/model.js';
import type {
  DeviceSummary,
  Ranked,
  SourceEntry,
  Summary,
  UnknownRule,
} from '../../../shared/summary-types.js';
import { timeText, TYPE_COUNT_COLUMNS, TYPE_COUNT_SQL, typeCounts, wordAt } from './codec.js';
import { ADDRESS_ORDER } from './stats.js';
import { allRows, firstRow } from './sql.js';

/** Statuses whose `error` is the reason a source was not read. */
const NOT_READ = "('skipped', 'failed')";

function countsBy<K extends string>(db: Database, column: string, words: readonly K[]) {
  const out = Object.fromEntries(words.map((w) => [w, 0])) as Record<K, number>;
  for (const [i, n] of allRows(
    db,
    `SELECT ${column}, count(*) FROM event_core GROUP BY ${column}`,
  )) {
    const word = wordAt(words, i);
    if (word) out[word] = n as number;
  }
  return out;
}

function top(db: Database, side: 'attacker' | 'victim'): Ranked[] {
  return allRows(
    db,
    `SELECT a.text, g.n FROM (SELECT ${side} AS who, count(*) AS n FROM event_core
       WHERE ${side} IS NOT NULL GROUP BY ${side}) g JOIN addrs a ON a.id = g.who
     ORDER BY g.n DESC, ${ADDRESS_ORDER} LIMIT 10`,
  ).map((r) => ({ ip: r[0] as string, events: r[1] as number }));
}

function devices(db: Database): DeviceSummary[] {
  return allRows(
    db,
    `SELECT a.text, g.n, ${TYPE_COUNT_COLUMNS}, g.first, g.last
     FROM (SELECT e.device AS who, count(*) AS n, ${TYPE_COUNT_SQL},
             min(e.time) AS first, max(e.time) AS last
           FROM event_core e WHERE e.device IS NOT NULL GROUP BY e.device) g
     JOIN addrs a ON a.id = g.who ORDER BY ${ADDRESS_ORDER}`,
  ).map((r) => ({
    device: r[0] as string,
    events: r[1] as number,
    byEventType: typeCounts(r, 2),
    first: timeText(r[6] as number),
    last: timeText(r[7] as number),
  }));
}

/** Rule IDs the rules table does not know; ties keep the order they were first seen. */
function unknownRules(db: Database): UnknownRule[] {
  const unknown = 'e.rule IS NOT NULL AND e.rule NOT IN (SELECT id FROM rules)';
  const rules = allRows(
    db,
    `SELECT e.rule, count(*) AS n, min(e.time), max(e.time), min(e.id) AS seen FROM event_core e
     WHERE ${unknown} GROUP BY e.rule ORDER BY n DESC, seen`,
  );
  const byRule = new Map<number, string[]>();
  for (const [rule, device] of allRows(
    db,
    `SELECT e.rule, a.text, min(e.id) AS seen FROM event_core e JOIN addrs a ON a.id = e.device
     WHERE ${unknown} GROUP BY e.rule, e.device ORDER BY e.rule, seen`,
  )) {
    const list = byRule.get(rule as number) ?? [];
    list.push(device as string);
    byRule.set(rule as number, list);
  }
  return rules.map((r) => ({
    ruleId: String(r[0]),
    events: r[1] as number,
    devices: byRule.get(r[0] as number) ?? [],
    first: timeText(r[2] as number),
    last: timeText(r[3] as number),
  }));
}

function sources(db: Database): SourceEntry[] {
  return allRows(
    db,
    `SELECT path, status IN ${NOT_READ}, kind, encoding, lines, events, duplicates,
       malformed, other, error FROM sources ORDER BY id`,
  ).map((r): SourceEntry => {
    const path = r[0] as string;
    const error = r[9] as string | null;
    if (r[1] === 1) return { path, skipped: error ?? '' };
    // A source still being read may not know its kind yet; it reads as plain text so far.
    return {
      path,
      kind: wordAt(SOURCE_KINDS, r[2]) ?? 'text',
      encoding: wordAt(ENCODINGS, r[3]) ?? 'utf-8',
      lines: r[4] as number,
      events: r[5] as number,
      duplicates: r[6] as number,
      malformed: r[7] as number,
      other: r[8] as number,
      ...(error === null ? {} : { error }),
    };
  });
}

/** The summary of everything the store holds. */
export function summarize(db: Database): Summary {
  const totals = firstRow(
    db,
    `SELECT sum(events), sum(duplicates), sum(malformed), sum(other), sum(lines)
     FROM sources WHERE status NOT IN ${NOT_READ}`,
  )!;
  const n = (i: number) => Number(totals[i] ?? 0);
  return {
    events: n(0),
    duplicates: n(1),
    malformed: n(2),
    other: n(3),
    lines: n(4),
    byMessageType: countsBy(db, 'mtype', MESSAGE_TYPES),
    byEventType: countsBy(db, 'etype', EVENT_TYPES),
    attackers: top(db, 'attacker'),
    victims: top(db, 'victim'),
    devices: devices(db),
    unknownRules: unknownRules(db),
    sources: sources(db),
  };
}
