/** Roots and sources, clearing and removing, saving and reopening a session. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../electron/engine/store/index.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';
import { dataset, loadedStore, SOURCE_A } from './dataset.js';

const open: EventStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function loaded() {
  const l = await loadedStore();
  open.push(l.store);
  return l;
}

describe('EventStore roots and sources', () => {
  it('keeps roots and sources, and gives a known path its existing id', async () => {
    const { store, root, idA, idB } = await loaded();
    expect(store.listRoots()).toEqual([
      { id: root.id, path: 'stick', poll: false, status: 'scanning' },
    ]);
    store.setRootStatus(root.id, 'live');
    expect(store.listRoots()[0]!.status).toBe('live');
    expect(store.upsertSource(root.id, SOURCE_A)).toBe(idA);
    store.updateSource(idA, {
      kind: 'camera_log',
      encoding: 'utf-16le-bom',
      container: 'gzip',
      status: 'live',
      bytesRead: 10,
      bytesTotal: 20,
      lines: 12,
      events: 10,
      duplicates: 1,
      malformed: 1,
      other: 0,
    });
    const [a, b] = store.listSources();
    expect(a).toEqual({
      id: idA,
      path: SOURCE_A,
      rootId: root.id,
      kind: 'camera_log',
      encoding: 'utf-16le-bom',
      container: 'gzip',
      status: 'live',
      bytesRead: 10,
      bytesTotal: 20,
      lines: 12,
      events: 10,
      duplicates: 1,
      malformed: 1,
      other: 0,
      error: null,
    });
    expect(b).toMatchObject({ id: idB, kind: null, status: 'reading', lines: 0 });
    expect(() => store.updateSource(idA, { id: 5 } as never)).toThrow(/cannot be changed/);
  });

  it('clears a source that is read again: its events, malformed lines and counts', async () => {
    const { store, idA, idB } = await loaded();
    store.updateSource(idA, { lines: 12, events: 10, malformed: 2 });
    store.clearSource(idA);
    expect(store.countEvents()).toBe(19);
    expect(store.countEvents({ sources: [idA] })).toBe(0);
    expect(store.malformed().map((m) => m.sourceId)).toEqual([idB]);
    expect(store.listSources()[0]).toMatchObject({ lines: 0, events: 0, malformed: 0 });
    // Reading it again stores its events anew, next to the indexes made by finishLoad.
    store.insertEvents(idA, dataset().a);
    expect(store.countEvents()).toBe(29);
    expect(store.attackers(undefined, 1)[0]).toMatchObject({ ip: '203.0.113.7', events: 12 });
  });

  it('removes a root with its sources, events and malformed lines', async () => {
    const { store, root } = await loaded();
    const other = store.addRoot('elsewhere', true);
    const kept = store.upsertSource(other.id, 'elsewhere/x.log');
    store.insertEvents(kept, dataset().a.slice(0, 2));
    expect(store.removeRoot(root.id)).toBe(true);
    expect(store.removeRoot(root.id)).toBe(false);
    expect(store.listRoots().map((r) => r.path)).toEqual(['elsewhere']);
    expect(store.listSources().map((s) => s.id)).toEqual([kept]);
    expect(store.countEvents()).toBe(2);
    expect(store.malformed()).toEqual([]);
    expect(store.victims().map((r) => [r.ip, r.events])).toEqual([['192.168.1.10', 2]]);
  });
});

describe('EventStore sessions', () => {
  it('keeps everything through exportBytes and open({ bytes })', async () => {
    const { store, idA } = await loaded();
    store.updateSource(idA, { status: 'skipped', error: 'not a log' });
    const again = await EventStore.open({ bytes: store.exportBytes() });
    open.push(again);
    expect(again.listRoots()).toEqual(store.listRoots());
    expect(again.listSources()).toEqual(store.listSources());
    expect(again.summary()).toEqual(store.summary());
    expect(again.queryEvents({ sort: 'peer' })).toEqual(store.queryEvents({ sort: 'peer' }));
    expect(again.malformed()).toEqual(store.malformed());
    expect(again.rules()).toEqual(store.rules());
    // Known addresses are reused after reopening, not stored twice.
    again.insertEvents(idA, dataset().a.slice(0, 1));
    expect(again.attackers(undefined, 1)[0]).toMatchObject({ ip: '203.0.113.7', events: 13 });
    expect(again.countEvents({ ip: '203.0.113.7' })).toBe(13);
  });

  it('refuses bytes that are no SQLite file, and SQLite files that are no session', async () => {
    const random = new Uint8Array(8192).map((_, i) => (i * 7919 + 13) % 251);
    await expect(EventStore.open({ bytes: random })).rejects.toThrow(/not a seclog session/);
    const SQL = await loadSqlJs();
    const foreign = new SQL.Database();
    foreign.run('CREATE TABLE photos (id INTEGER)');
    const bytes = foreign.export();
    foreign.close();
    await expect(EventStore.open({ bytes })).rejects.toThrow(
      /not a seclog session \(the table 'roots' is missing\)/,
    );
  });

  it('rolls a failed insert back whole, addresses included', async () => {
    const { store, idA } = await loaded();
    const [good] = dataset().a;
    // The device is the victim, so the peer is the attacker.
    const seven = { ...good!, role: 'victim' as const, peer: '7.7.7.7', attacker: '7.7.7.7' };
    const bad = { ...seven, eventType: 'nonsense' as never };
    expect(() => store.insertEvents(idA, [seven, bad])).toThrow(/not a known event type/);
    expect(store.countEvents()).toBe(29);
    expect(store.countEvents({ ip: '7.7.7.7' })).toBe(0);
    store.insertEvents(idA, [seven]);
    expect(store.countEvents({ ip: '7.7.7.7', ipSide: 'attacker' })).toBe(1);
  });
});
