/**
 * The store keeps an event's enumerations packed in one column and derives attacker,
 * victim, source and destination from device, peer, role and direction (schema.ts). This
 * reads the guide's lines, the format samples, the fixture stick and the demo exports,
 * stores every event the parser made, and checks that each stored row gives back exactly
 * what the parser said.
 */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import type { SecEvent } from '../../shared/model.js';
import { findSources } from '../../electron/engine/read/index.js';
import { ingestSource, Ledger } from '../../electron/engine/ingest.js';
import { EventStore } from '../../electron/engine/store/index.js';
import { ListSink, memorySource } from '../helpers/memory.js';
import { GUIDE_LINES, SAMPLE_LINES, TABLE_HEADERS } from '../fuzz/seeds.js';

/** The parser's events of every source under the roots, and of the seed lines. */
async function parsedEvents(): Promise<SecEvent[]> {
  const rules = new RuleBook();
  const ledger = new Ledger();
  const sink = new ListSink();
  const sources = [
    memorySource('guide.txt', [...GUIDE_LINES]),
    memorySource('samples.txt', [...SAMPLE_LINES]),
    // Each table header followed by the guide's rows, so the rows are read as that table's.
    ...TABLE_HEADERS.map((h, i) => memorySource(`table-${i}.txt`, [h, ...GUIDE_LINES])),
  ];
  for (const src of sources) await ingestSource(src, ledger, rules, sink);
  for await (const found of findSources(['test/fixtures/stick', 'build/demo'])) {
    if (found.type === 'text') await ingestSource(found.source, ledger, rules, sink);
  }
  return sink.events;
}

/** The fields the store derives or packs, as the parser gave them. */
type Derived = Pick<
  SecEvent,
  | 'messageType'
  | 'eventType'
  | 'role'
  | 'direction'
  | 'repBand'
  | 'device'
  | 'peer'
  | 'attacker'
  | 'victim'
  | 'srcIp'
  | 'srcPort'
  | 'dstIp'
  | 'dstPort'
  | 'originator'
>;
function pick(e: Derived) {
  return {
    messageType: e.messageType,
    eventType: e.eventType,
    role: e.role,
    direction: e.direction,
    repBand: e.repBand,
    device: e.device,
    peer: e.peer,
    attacker: e.attacker,
    victim: e.victim,
    srcIp: e.srcIp || null,
    srcPort: e.srcIp ? e.srcPort : null,
    dstIp: e.dstIp || null,
    dstPort: e.dstIp ? e.dstPort : null,
    originator: e.originator,
  };
}

describe('derived and packed columns', async () => {
  const events = await parsedEvents();

  it('covers every shape the store must derive', () => {
    // Without each of these, the comparison below would prove less than it claims.
    const has = (f: (e: SecEvent) => boolean) => events.some(f);
    expect(has((e) => e.role === 'attacker')).toBe(true);
    expect(has((e) => e.role === 'victim')).toBe(true);
    expect(has((e) => e.messageType === 'wrs')).toBe(true);
    expect(has((e) => e.messageType === 'trs')).toBe(true);
    expect(has((e) => e.peer !== null && e.attacker === null && e.victim !== e.peer)).toBe(true);
    expect(has((e) => e.direction === 'inside_out' && e.messageType === 'security_rule')).toBe(
      true,
    );
    expect(has((e) => e.repBand !== null)).toBe(true);
  });

  it('gives back what the parser said for every event', async () => {
    const store = await EventStore.open();
    try {
      const root = store.addRoot('all', false);
      const bySource = new Map<string, SecEvent[]>();
      for (const e of events) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
      const want = new Map<string, SecEvent>();
      for (const [path, list] of bySource) {
        const id = store.upsertSource(root.id, path);
        store.insertEvents(id, list);
        for (const e of list) want.set(`${path}:${e.line}`, e);
      }
      store.finishLoad();
      let seen = 0;
      let after: string | undefined;
      do {
        const page = store.queryEvents({ after, limit: 500 });
        for (const row of page.rows) {
          const key = `${row.source}:${row.line}`;
          const e = want.get(key);
          expect(e, key).toBeDefined();
          expect({ key, ...pick(row) }).toEqual({ key, ...pick(e!) });
          seen++;
        }
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toBe(events.length);
    } finally {
      store.close();
    }
  });
});
