/** Event pages, keyset paging in every sort order, raw-line locations and malformed lines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORT_KEYS, type Filter, type SortKey } from '../../shared/api/contract.js';
import type { EventRow } from '../../shared/api/types.js';
import { EVENT_TYPES, MESSAGE_TYPES } from '../../shared/model.js';
import { compareAddresses } from '../../shared/address.js';
import type { EventStore } from '../../electron/engine/store/index.js';
import { loadedStore, SOURCE_A, SOURCE_B } from './dataset.js';

let store: EventStore;
let idA: number;
let idB: number;
beforeAll(async () => {
  ({ store, idA, idB } = await loadedStore());
});
afterAll(() => store.close());

/** Every page of a query, as the rows' ids in the order received. */
function pageThrough(sort: SortKey, desc: boolean, limit: number, filter?: Filter): EventRow[] {
  const rows: EventRow[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = store.queryEvents({ filter, sort, desc, limit, ...(after ? { after } : {}) });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    if (!page.next) return rows;
    after = page.next;
  }
  throw new Error('paging did not end');
}

/** The expected order of a sort key, independent of SQL. */
const compareBy: Record<SortKey, (a: EventRow, b: EventRow) => number> = {
  time: (a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0),
  device: (a, b) => addressOrNull(a.device, b.device),
  peer: (a, b) => addressOrNull(a.peer, b.peer),
  ruleId: (a, b) => Number(a.ruleId ?? -1) - Number(b.ruleId ?? -1),
  eventType: (a, b) => EVENT_TYPES.indexOf(a.eventType) - EVENT_TYPES.indexOf(b.eventType),
  messageType: (a, b) =>
    MESSAGE_TYPES.indexOf(a.messageType) - MESSAGE_TYPES.indexOf(b.messageType),
  source: (a, b) => a.sourceId - b.sourceId,
};

function addressOrNull(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareAddresses(a, b);
}

describe('EventStore.queryEvents paging', () => {
  for (const sort of SORT_KEYS) {
    for (const desc of [false, true]) {
      it(`gives every event once, in order, paging by ${sort} ${desc ? 'down' : 'up'}`, () => {
        const rows = pageThrough(sort, desc, 4);
        const ids = rows.map((r) => r.id);
        expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
        for (let i = 1; i < rows.length; i++) {
          const c = compareBy[sort](rows[i - 1]!, rows[i]!) || rows[i - 1]!.id - rows[i]!.id;
          expect(desc ? c > 0 : c < 0).toBe(true);
        }
      });
    }
  }

  it('pages through a filtered list and ends with a null cursor', () => {
    const rows = pageThrough('time', true, 2, { devices: ['10.0.0.5'] });
    expect(rows.map((r) => r.id)).toEqual([28, 27, 26, 25, 23, 20, 19]);
  });

  it('sorts by time, ties by id, 200 rows by default', () => {
    const page = store.queryEvents();
    expect(page.rows.map((r) => r.id)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(page.next).toBeNull();
  });

  it('jumps by skip to the page paging would reach, from the top or from a cursor', () => {
    const filter: Filter = { eventTypes: ['brute_force', 'cyber_attack'] };
    for (const sort of SORT_KEYS) {
      for (const desc of [false, true]) {
        const all = pageThrough(sort, desc, 3, filter).map((r) => r.id);
        expect(all.length).toBeGreaterThan(6);
        const ids = (q: { skip: number; after?: string }) =>
          store.queryEvents({ filter, sort, desc, limit: 3, ...q }).rows.map((r) => r.id);
        for (let k = 0; k <= all.length; k++) {
          expect(ids({ skip: k })).toEqual(all.slice(k, k + 3));
        }
        // From the cursor of the first page, and on from the jumped-to page's own cursor.
        const first = store.queryEvents({ filter, sort, desc, limit: 3 });
        expect(ids({ after: first.next!, skip: 2 })).toEqual(all.slice(5, 8));
        const jumped = store.queryEvents({ filter, sort, desc, limit: 3, skip: 1 });
        expect(ids({ after: jumped.next!, skip: 0 })).toEqual(all.slice(4, 7));
      }
    }
  });

  it('pages an unfiltered table key by key exactly as SQL orders it (grouped.ts)', () => {
    // A filter keeping every event sends the same query down SQL's sort.
    const everything: Filter = { from: '1970-01-01' };
    for (const sort of SORT_KEYS) {
      for (const desc of [false, true]) {
        const ids = (filter?: Filter) => pageThrough(sort, desc, 4, filter).map((r) => r.id);
        expect(ids()).toEqual(ids(everything));
        for (const skip of [1, 3, 4, 10, 28, 29, 40]) {
          const page = (filter?: Filter) =>
            store.queryEvents({ filter, sort, desc, limit: 4, skip }).rows.map((r) => r.id);
          expect(page()).toEqual(page(everything));
        }
        const first = store.queryEvents({ sort, desc, limit: 5 });
        const on = (filter?: Filter) =>
          store
            .queryEvents({ filter, sort, desc, limit: 4, skip: 6, after: first.next! })
            .rows.map((r) => r.id);
        expect(on()).toEqual(on(everything));
      }
    }
  });

  it('goes on from a cursor whose key lost its events when a source was cleared', async () => {
    const fresh = await loadedStore();
    try {
      const everything: Filter = { from: '1970-01-01' };
      const cursors = new Map<SortKey, string[]>();
      for (const sort of SORT_KEYS) {
        const list: string[] = [];
        for (let p = fresh.store.queryEvents({ sort, limit: 3 }); p.next;) {
          list.push(p.next);
          p = fresh.store.queryEvents({ sort, limit: 3, after: p.next });
        }
        cursors.set(sort, list);
      }
      fresh.store.clearSource(fresh.idB);
      for (const sort of SORT_KEYS) {
        for (const after of cursors.get(sort)!) {
          const ids = (filter?: Filter) =>
            fresh.store.queryEvents({ filter, sort, after, limit: 3 }).rows.map((r) => r.id);
          expect(ids()).toEqual(ids(everything));
        }
      }
    } finally {
      fresh.store.close();
    }
  });

  it('answers a jump past the last row with no rows and no cursor', () => {
    for (const sort of SORT_KEYS) {
      expect(store.queryEvents({ sort, skip: 29, limit: 5 })).toEqual({ rows: [], next: null });
      expect(store.queryEvents({ sort, skip: 1000 })).toEqual({ rows: [], next: null });
      expect(store.queryEvents({ sort, skip: 28, limit: 5 }).rows).toHaveLength(1);
    }
  });

  it('refuses a cursor it did not make, or one made for another order', () => {
    const next = store.queryEvents({ limit: 3 }).next!;
    const forged = Buffer.from(JSON.stringify(['time', 0, 'x', 1])).toString('base64url');
    for (const after of ['garbage', '', forged, Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => store.queryEvents({ after })).toThrow(/cursor is not valid/);
    }
    expect(() => store.queryEvents({ after: next, sort: 'device' })).toThrow(/another sort/);
    expect(() => store.queryEvents({ after: next, desc: true })).toThrow(/another sort/);
  });
});

describe('EventStore.queryEvents rows', () => {
  it('decodes a reputation event', () => {
    const row = store.queryEvents({ filter: { messageTypes: ['wrs'] }, limit: 1 }).rows[0];
    expect(row).toEqual({
      id: 8,
      sourceId: idA,
      source: SOURCE_A,
      line: 8,
      time: '2019-12-16 05:00:00',
      envelopeTime: null,
      device: '192.168.1.10',
      devicePort: null,
      reporter: null,
      seq: null,
      messageType: 'wrs',
      eventType: 'cyber_attack',
      ruleId: null,
      peer: '206.130.113.68',
      peerPort: 80,
      srcIp: null,
      srcPort: null,
      dstIp: null,
      dstPort: null,
      originator: null,
      direction: null,
      role: null,
      attacker: '206.130.113.68',
      victim: '192.168.1.10',
      repAddress: '206.130.113.68:80/eicar.com',
      repScore: 78,
      repBand: 'suspicious',
      problems: [],
    });
  });

  it('decodes a quarantine event with its direction and role', () => {
    const row = store.queryEvents({ filter: { roles: ['attacker'] }, limit: 1 }).rows[0]!;
    expect(row).toMatchObject({
      id: 16,
      sourceId: idB,
      source: SOURCE_B,
      device: '192.168.1.20',
      devicePort: 40000,
      peer: '8.8.8.8',
      peerPort: 53,
      srcIp: '192.168.1.20',
      dstIp: '8.8.8.8',
      seq: 6,
      ruleId: '1133820',
      eventType: 'quarantine',
      direction: 'inside_out',
      role: 'attacker',
      attacker: '192.168.1.20',
      victim: '8.8.8.8',
    });
  });

  it('keeps problems as a list', () => {
    const rows = store.queryEvents({ filter: { withProblems: true } }).rows;
    expect(rows.map((r) => [r.id, r.problems])).toEqual([
      [10, ["originator '2 .25.221' is not an IP address"]],
      [23, ["peer '192.192.25.831' has an impossible octet (831)"]],
    ]);
  });
});

describe('EventStore.eventLocation', () => {
  it('says where the raw line of an event is', () => {
    expect(store.eventLocation(12)).toEqual({
      sourceId: idB,
      source: SOURCE_B,
      line: 2,
      offset: 200,
      bytes: 0,
    });
    expect(store.eventLocation(999)).toBeNull();
  });
});

describe('EventStore.malformed', () => {
  it('lists malformed lines by source then line, and pages by the last id seen', () => {
    const all = store.malformed();
    expect(all.map((r) => [r.source, r.line, r.reason])).toEqual([
      [SOURCE_A, 2, 'no time'],
      [SOURCE_A, 9, 'no rule ID'],
      [SOURCE_B, 5, "it's cut at '...'"],
    ]);
    const first = store.malformed({ limit: 2 });
    const rest = store.malformed({ after: first[1]!.id, limit: 2 });
    expect([...first, ...rest]).toEqual(all);
    expect(store.malformed({ sourceId: idB })).toEqual([all[2]]);
    expect(() => store.malformed({ after: 999 })).toThrow(/gone/);
  });
});
