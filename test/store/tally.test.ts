/**
 * The unfiltered rankings come from the store's tally, the filtered ones from SQL: both
 * must give the same rows, after loading, after a source is read again or a root removed,
 * and in a reopened session. A filter that keeps every event forces the SQL path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Filter } from '../../shared/api/contract.js';
import { EVENT_TYPES, MESSAGE_TYPES } from '../../shared/model.js';
import { EventStore } from '../../electron/engine/store/index.js';
import { Tally } from '../../electron/engine/store/tally.js';
import { timeText } from '../../electron/engine/store/codec.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';
import { ROW_NUMBERS, type PackedRows } from '../../electron/engine/pipeline/rows.js';
import { dataset, loadedStore } from './dataset.js';

const open: EventStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Keeps every event of the data set, so the store ranks in SQL. */
const EVERYTHING: Filter = { from: '1970-01-01' };

/**
 * The summary's unknown rules as SQL finds them: by events, ties in the order first seen;
 * each rule's devices in the order of their first event with it.
 */
async function unknownRulesInSql(store: EventStore) {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(store.exportBytes());
  const rows = (sql: string) => db.exec(sql)[0]?.values ?? [];
  const unknown = 'e.rule IS NOT NULL AND e.rule NOT IN (SELECT id FROM rules)';
  const devices = new Map<number, string[]>();
  for (const [rule, device] of rows(
    `SELECT e.rule, a.text, min(e.id) AS seen FROM event_rows e JOIN addrs a ON a.id = e.device
     WHERE ${unknown} GROUP BY e.rule, e.device ORDER BY e.rule, seen`,
  )) {
    devices.set(rule as number, [...(devices.get(rule as number) ?? []), device as string]);
  }
  const answer = rows(
    `SELECT e.rule, count(*) AS n, min(e.time), max(e.time), min(e.id) AS seen FROM event_rows e
     WHERE ${unknown} GROUP BY e.rule ORDER BY n DESC, seen`,
  ).map(([rule, n, first, last]) => ({
    ruleId: String(rule),
    events: n,
    devices: devices.get(rule as number) ?? [],
    first: timeText(first as number),
    last: timeText(last as number),
  }));
  db.close();
  return answer;
}

async function expectSameRankings(store: EventStore): Promise<void> {
  for (const limit of [1, 2, 3, 100]) {
    expect(store.attackers(undefined, limit)).toEqual(store.attackers(EVERYTHING, limit));
    expect(store.victims(undefined, limit)).toEqual(store.victims(EVERYTHING, limit));
    expect(store.devices(undefined, limit)).toEqual(store.devices(EVERYTHING, limit));
  }
  // The summary's totals, rankings and devices come from the tally too.
  const s = store.summary();
  const ranked = (rows: { ip: string; events: number }[]) =>
    rows.map(({ ip, events }) => ({ ip, events }));
  expect(s.attackers).toEqual(ranked(store.attackers(EVERYTHING, 10)));
  expect(s.victims).toEqual(ranked(store.victims(EVERYTHING, 10)));
  expect(s.devices).toEqual(
    store.devices(EVERYTHING, 1000).map(({ device, events, byEventType, first, last }) => ({
      device,
      events,
      byEventType,
      first,
      last,
    })),
  );
  for (const t of EVENT_TYPES) {
    expect(s.byEventType[t]).toBe(store.countEvents({ eventTypes: [t] }));
  }
  for (const m of MESSAGE_TYPES) {
    expect(s.byMessageType[m]).toBe(store.countEvents({ messageTypes: [m] }));
  }
  // So do the unfiltered rules view and the summary's unknown rules.
  for (const limit of [1, 2, 100]) {
    expect(store.rules(undefined, limit)).toEqual(store.rules(EVERYTHING, limit));
  }
  expect(s.unknownRules).toEqual(await unknownRulesInSql(store));
  // So does the unfiltered timeline, for every bucket of whole minutes the views use.
  for (const bucket of [60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400]) {
    expect(store.timeline(undefined, bucket)).toEqual(store.timeline(EVERYTHING, bucket));
  }
}

describe('the tally of events per address', () => {
  it('ranks as SQL does, ties at the cut included', async () => {
    const { store } = await loadedStore();
    open.push(store);
    expect(store.attackers(undefined, 100).length).toBeGreaterThan(3);
    await expectSameRankings(store);
  });

  it('ranks as SQL does before any index is built', async () => {
    const store = await EventStore.open();
    open.push(store);
    const root = store.addRoot('stick', false);
    store.insertEvents(store.upsertSource(root.id, 'a.log'), dataset().a);
    await expectSameRankings(store);
  });

  it('counts again after a source is cleared and read again, or a root removed', async () => {
    const { store, root, idA, idB } = await loadedStore();
    open.push(store);
    store.attackers();
    store.clearSource(idB);
    await expectSameRankings(store);
    store.insertEvents(idB, dataset().b.slice(0, 3));
    await expectSameRankings(store);
    store.clearSource(idA);
    await expectSameRankings(store);
    store.removeRoot(root.id);
    expect(store.attackers()).toEqual([]);
    expect(store.devices()).toEqual([]);
  });

  it('counts a reopened session', async () => {
    const { store } = await loadedStore();
    open.push(store);
    const before = store.attackers();
    const again = await EventStore.open({ bytes: store.exportBytes() });
    open.push(again);
    expect(again.attackers()).toEqual(before);
    await expectSameRankings(again);
  });
});

describe('the events beside the rows (event_more)', () => {
  it('keeps each event its originator, reputation address and problems across re-reads', async () => {
    const { store, idA, idB } = await loadedStore();
    open.push(store);
    const rows = () => store.queryEvents({ limit: 1000 }).rows.map((r) => ({ ...r, id: 0 }));
    const before = rows();
    // Clearing the last source frees the largest ids, which the next rows take again.
    store.clearSource(idB);
    store.insertEvents(idB, dataset().b);
    store.clearSource(idA);
    store.insertEvents(idA, dataset().a);
    const key = (r: { source: string; line: number }) => `${r.source}:${r.line}`;
    const sorted = (list: typeof before) => [...list].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(sorted(rows())).toEqual(sorted(before));
    expect(before.some((r) => r.problems.length > 0)).toBe(true);
    expect(before.some((r) => r.repAddress !== null)).toBe(true);
  });
});

describe('the tally of events per minute', () => {
  /** Rows of one event each at the given times (seconds), all of one device. */
  function rowsAt(times: number[]): PackedRows {
    const w = ROW_NUMBERS.length;
    const numbers = new Float64Array(times.length * w).fill(NaN);
    times.forEach((time, r) => {
      numbers[r * w + ROW_NUMBERS.indexOf('time')] = time;
      numbers[r * w + ROW_NUMBERS.indexOf('flags')] = 0;
      numbers[r * w + ROW_NUMBERS.indexOf('device')] = 0;
    });
    const more = { count: 0, rows: new Int32Array(), numbers: new Float64Array(), strings: [] };
    return { count: times.length, numbers, more, dictionary: { texts: [], v4: [] } as never };
  }
  const db = null as never;

  it('adds minutes up into buckets of whole minutes, as SQL truncates the time', () => {
    const tally = new Tally();
    tally.add(rowsAt([0, 59, 60, 3599, 3600, -1, -61]), new Int32Array([1]), 1);
    const counts = (m: Map<number, number[]> | null) =>
      [...(m ?? new Map<number, number[]>())].map(([start, byType]) => [start, byType[0]]);
    expect(counts(tally.timeline(db, 60))).toEqual([
      [0, 3],
      [60, 1],
      [3540, 1],
      [3600, 1],
      [-60, 1],
    ]);
    expect(counts(tally.timeline(db, 3600))).toEqual([
      [0, 6],
      [3600, 1],
    ]);
  });

  it('stops counting minutes past its cap and leaves the timeline to SQL', () => {
    const tally = new Tally(2);
    tally.add(rowsAt([0, 60]), new Int32Array([1]), 1);
    expect(tally.timeline(db, 60)).not.toBeNull();
    tally.add(rowsAt([120]), new Int32Array([1]), 1);
    expect(tally.timeline(db, 60)).toBeNull();
  });
});
