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
import { timeText, typeCounts, wordAt } from './codec.js';
import type { Lookups } from './lookups.js';
import { byAddress, topByEvents } from './stats.js';
import { allRows, firstRow } from './sql.js';

/** Statuses whose `error` is the reason a source was not read. */
const NOT_READ = "('skipped', 'failed')";

/** Counts per word of `words`, from counts per index. */
function countsOf<K extends string>(words: readonly K[], counts: readonly number[]) {
  return Object.fromEntries(words.map((w, i) => [w, counts[i] ?? 0])) as Record<K, number>;
}

/** The top ten of a side, from the tally (stats.ts orders ties by address). */
function top(lk: Lookups, side: 'attacker' | 'victim'): Ranked[] {
  return topByEvents(lk.tally.top(lk.db, side, 10), 10, lk.addrs).map((t) => ({
    ip: lk.addrs.text(t.id) ?? '',
    events: t.events,
  }));
}

/** Every device in address order, from the tally. */
function devices(lk: Lookups): DeviceSummary[] {
  const { db, addrs, tally } = lk;
  return tally
    .all(db, 'device')
    .sort(byAddress(addrs))
    .map((t) => {
      // Counted on the device side, so its times were counted with it.
      const [first, last] = tally.deviceSpan(db, t.id)!;
      return {
        device: addrs.text(t.id) ?? '',
        events: t.events,
        byEventType: typeCounts(t.byType, 0),
        first: timeText(first),
        last: timeText(last),
      };
    });
}

/** More unknown rule IDs than this are found by SQL alone (a bound list has a limit). */
const LISTED_RULES = 500;

/** Rule IDs the rules table does not know; ties keep the order they were first seen. */
function unknownRules(lk: Lookups): UnknownRule[] {
  const { db, tally } = lk;
  // The rule IDs stored come from the tally: most exports name only known ones, and then
  // no event needs to be read at all.
  const known = new Set(allRows(db, 'SELECT id FROM rules').map((r) => r[0] as number));
  const stored = [...tally.rules(db).keys()].filter((rule) => !known.has(rule));
  if (stored.length === 0) return [];
  const listed = stored.length <= LISTED_RULES;
  const unknown = listed
    ? `e.rule IN (${stored.map(() => '?').join(',')})`
    : 'e.rule IS NOT NULL AND e.rule NOT IN (SELECT id FROM rules)';
  const params = listed ? stored : [];
  const rules = allRows(
    db,
    `SELECT e.rule, count(*) AS n, min(e.time), max(e.time), min(e.id) AS seen FROM event_core e
     WHERE ${unknown} GROUP BY e.rule ORDER BY n DESC, seen`,
    params,
  );
  const byRule = new Map<number, string[]>();
  for (const [rule, device] of allRows(
    db,
    `SELECT e.rule, a.text, min(e.id) AS seen FROM event_core e JOIN addrs a ON a.id = e.device
     WHERE ${unknown} GROUP BY e.rule, e.device ORDER BY e.rule, seen`,
    params,
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

/**
 * The summary of everything the store holds. Totals, rankings and devices come from the
 * tally (tally.ts): on a million events, grouping them in SQL took four seconds.
 */
export function summarize(lk: Lookups): Summary {
  const { db } = lk;
  const totals = lk.tally.totals(db);
  const books = firstRow(
    db,
    `SELECT sum(events), sum(duplicates), sum(malformed), sum(other), sum(lines)
     FROM sources WHERE status NOT IN ${NOT_READ}`,
  )!;
  const n = (i: number) => Number(books[i] ?? 0);
  return {
    events: n(0),
    duplicates: n(1),
    malformed: n(2),
    other: n(3),
    lines: n(4),
    byMessageType: countsOf(MESSAGE_TYPES, totals.byMessageType),
    byEventType: countsOf(EVENT_TYPES, totals.byEventType),
    attackers: top(lk, 'attacker'),
    victims: top(lk, 'victim'),
    devices: devices(lk),
    unknownRules: unknownRules(lk),
    sources: sources(db),
  };
}
