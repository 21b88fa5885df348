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

/**
 * Rule IDs the rules table does not know, by events; ties keep the order they were first
 * seen. From the tally, which keeps each rule's devices in the order they first logged it.
 */
function unknownRules(lk: Lookups): UnknownRule[] {
  const { db, addrs, tally } = lk;
  const known = new Set(allRows(db, 'SELECT id FROM rules').map((r) => r[0] as number));
  return [...tally.rules(db)]
    .filter(([rule]) => !known.has(rule))
    .sort((x, y) => y[1].events - x[1].events)
    .map(([rule, t]) => ({
      ruleId: String(rule),
      events: t.events,
      devices: t.devices.map((id) => addrs.text(id) ?? ''),
      first: timeText(t.first),
      last: timeText(t.last),
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
