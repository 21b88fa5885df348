/**
 * The text filter finds the events whose stored text contains the text, whichever way the
 * store answers (indexed lists for a rare text, a scan in page order for a common one):
 * checked against the event objects themselves on the guide's lines and the fixture stick.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecEvent } from '../../shared/model.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from '../../electron/engine/read/index.js';
import { ingestSource, Ledger } from '../../electron/engine/ingest.js';
import { EventStore } from '../../electron/engine/store/index.js';
import { memorySource, ListSink } from '../helpers/memory.js';
import { loadPaths } from './load.js';

const STICK = path.join(import.meta.dirname, '../fixtures/stick');
const LINES = [
  'Oct 03 19:01:11 60.251.25.44 [Trend Micro]: 3507 s.1133810, 2019/10/3 19:01:10, 10.0.0.5:584 > 192.168.1.20:443, 10.0.0.5, victim',
  'Dec 12 11:25:24 [Trend Micro]: 3508 s.1133810, 2019/12/12 11:25:23, 192.192.25.831:584 > 192.192.25.231:443, 192.192.25.221, victim',
  'Dec 16 00:58:58 [Trend Micro]: 1 s.1133835, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
];

/** What the filter promises to look at: every address, the rule, the reputation and problems. */
function holds(ev: SecEvent, text: string): boolean {
  const fold = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const fields = [
    ev.device,
    ev.peer,
    ev.reporter,
    ev.originator,
    ev.attacker,
    ev.victim,
    ev.repAddress,
    ev.ruleId,
    ev.problems.join(' '),
  ];
  return fields.some((f) => f !== null && fold(f).includes(fold(text)));
}

describe('the text filter', () => {
  let store: EventStore;
  const events: SecEvent[] = [];

  beforeAll(async () => {
    store = await EventStore.open();
    const rules = new RuleBook();
    await loadPaths(store, [STICK], rules);
    const root = store.addRoot('lines', false);
    const id = store.upsertSource(root.id, 'lines.log');
    const lines = new ListSink();
    await ingestSource(memorySource('lines.log', LINES), new Ledger(), rules, lines);
    store.insertEvents(id, lines.events);
    // The same events as objects, read the way loadPaths read them.
    const ledger = new Ledger();
    const sink = new ListSink();
    for await (const found of findSources([STICK])) {
      if (found.type === 'text') await ingestSource(found.source, ledger, rules, sink);
    }
    events.push(...sink.events, ...lines.events);
  });
  afterAll(() => store.close());

  const found = (text: string) =>
    store
      .queryEvents({ filter: { text }, limit: 1000 })
      .rows.map((r) => `${r.source}:${r.line}`)
      .sort();
  const expected = (text: string) =>
    events
      .filter((ev) => holds(ev, text))
      .map((ev) => `${ev.source}:${ev.line}`)
      .sort();

  it.each([
    ['a reporter (the address before the marker)', '60.251.25'],
    ['a damaged peer, which only the problems quote', '25.831'],
    ['a damaged originator', '2 .25'],
    ['a rule ID', '11338'],
    ['a reputation address, in any letter case', 'EiCaR'],
    ['a common prefix (read in page order)', '192.168'],
    ['a single digit (nearly every event)', '1'],
    ['nothing at all', 'no such text'],
  ])('finds %s', (_what, text) => {
    const want = expected(text);
    expect(found(text)).toEqual(want);
    if (text !== 'no such text') expect(want.length).toBeGreaterThan(0);
    expect(store.countEvents({ text })).toBe(want.length);
  });
});
