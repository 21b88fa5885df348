/** The store against the in-memory summary, on the fixture stick. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../electron/engine/store/index.js';
import { summarize } from '../helpers/summary-oracle.js';
import { loadPaths } from './load.js';

const STICK = 'test/fixtures/stick';
let store: EventStore | null = null;

afterEach(() => {
  store?.close();
  store = null;
});

describe('EventStore.summary on the fixture stick', () => {
  it('answers exactly what the in-memory summary answers', async () => {
    store = await EventStore.open();
    await loadPaths(store, [STICK]);
    const expected = (await summarize([STICK])).summary;
    const got = store.summary();
    expect(got).toEqual(expected);
    // Same JSON text, key order included: `seclog summary --json` prints it.
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    expect(got.events).toBeGreaterThan(20);
    expect(got.unknownRules.length).toBeGreaterThan(0);
  });

  it('keeps malformed lines with their reasons, by source then line', async () => {
    store = await EventStore.open();
    await loadPaths(store, [STICK]);
    const { malformed } = await summarize([STICK]);
    const rows = store.malformed({ limit: 1000 });
    expect(rows.map((r) => [r.source, r.line, r.text, r.reason])).toEqual(
      malformed.map((m) => [m.source, m.line, m.text, m.reason]),
    );
  });
});
