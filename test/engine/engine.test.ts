/** The engine as the app and `seclog serve` use it: loading, watching live, answering. */
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import type { Notification } from '../../shared/api/types.js';

const LINE = (seq: number, peer = '203.0.113.9') =>
  `Dec 16 00:58:58 [Trend Micro]: ${seq} s.1133810, 2019/12/16 0:58:58, ${peer}:5555 > 192.168.40.78:23, ${peer}, victim\n`;

let engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((e) => e.close()));
  engines = [];
});

async function engine(options = {}) {
  const e = await Engine.create({ notifyMs: 20, settleMs: 80, ...options });
  engines.push(e);
  return e;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'seclog-engine-'));
}

/** Resolves when the engine's totals satisfy `ok`, rejects after `ms`. */
function until(e: Engine, ok: (n: { events: number; duplicates: number }) => boolean, ms = 8000) {
  return new Promise<void>((resolve, reject) => {
    const check = async () => {
      const s = e.store.summary();
      if (ok(s)) {
        stop();
        clearTimeout(timer);
        resolve();
      }
    };
    const stop = e.subscribe(() => void check());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out; summary is ${JSON.stringify(e.store.summary()).slice(0, 200)}`));
    }, ms);
    void check();
  });
}

describe('loading once', () => {
  it('gives the same summary as the hand-counted fixture stick', async () => {
    const e = await engine();
    await e.load(['test/fixtures/stick']);
    const s = e.store.summary();
    expect([s.events, s.duplicates, s.malformed, s.other]).toEqual([68, 18, 6, 24]);
  });

  it('shows the raw line of an event, from a plain file and from a zip entry', async () => {
    const e = await engine();
    await e.load(['test/fixtures/stick']);
    const page = await e.api['events:query']({ limit: 1000 });
    const plain = page.rows.find((r) => r.source.endsWith('cam1_syslog.txt'))!;
    const zipped = page.rows.find((r) => r.source.includes('.zip!/'))!;
    for (const row of [plain, zipped]) {
      const got = await e.api['events:line']({ id: row.id });
      expect(got.error).toBeNull();
      expect(got.text).toContain('[Trend Micro]');
      expect(got.line).toBe(row.line);
    }
  });

  it('refuses writes in the SQL console and keeps the data', async () => {
    const e = await engine();
    await e.load(['build/demo']);
    await expect(e.api['sql:run']({ sql: 'DELETE FROM events' })).rejects.toThrow(
      /read-only|refused|not allowed/i,
    );
    const r = await e.api['sql:run']({ sql: 'SELECT count(*) AS n FROM events' });
    expect(r.rows).toEqual([[14]]);
  });

  it('exports what it holds', async () => {
    const e = await engine();
    await e.load(['build/demo']);
    const out = join(tempDir(), 'events.ndjson');
    expect(await e.exportTo('ndjson', out)).toMatchObject({ rows: 14 });
  });
});

describe.each([false, true])('watching live (polling: %s)', (poll) => {
  it('counts a new file, an appended line and a partial line once complete', async () => {
    const dir = tempDir();
    const e = await engine({ poll });
    await e.watch(dir);
    writeFileSync(join(dir, 'cam.log'), LINE(1) + LINE(2));
    await until(e, (s) => s.events === 2);
    appendFileSync(join(dir, 'cam.log'), LINE(3) + LINE(4).slice(0, 30));
    await until(e, (s) => s.events === 3);
    appendFileSync(join(dir, 'cam.log'), LINE(4).slice(30));
    await until(e, (s) => s.events === 4);
    expect(e.store.listSources()[0]).toMatchObject({ status: 'live', lines: 4, events: 4 });
  });

  it('reads a truncated file again and replaces its rows', async () => {
    const dir = tempDir();
    const file = join(dir, 'cam.log');
    writeFileSync(file, LINE(1) + LINE(2) + LINE(3));
    const e = await engine({ poll });
    await e.watch(dir);
    await until(e, (s) => s.events === 3);
    truncateSync(file, 0);
    writeFileSync(file, LINE(9));
    await until(e, (s) => s.events === 1);
    expect(await e.api['events:count']({})).toEqual({ count: 1 });
  });

  it('keeps the events of a deleted file and marks it gone', async () => {
    const dir = tempDir();
    const file = join(dir, 'cam.log');
    writeFileSync(file, LINE(1));
    const e = await engine({ poll });
    await e.watch(dir);
    rmSync(file);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('never marked gone')), 8000);
      const stop = e.subscribe(() => {
        if (e.store.listSources()[0]?.status === 'gone') {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    });
    expect(e.store.summary().events).toBe(1);
  });
});

describe('roots', () => {
  it('drops a removed root with its events, and counts the same events anew when added again', async () => {
    const dir = tempDir();
    cpSync('build/demo', join(dir, 'demo'), { recursive: true });
    const e = await engine();
    const root = await e.api['roots:add']({ path: dir });
    expect(e.store.summary().events).toBe(14);
    expect(await e.api['roots:remove']({ id: root.id })).toEqual({ removed: true });
    expect(e.store.summary().events).toBe(0);
    await e.api['roots:add']({ path: dir });
    const s = e.store.summary();
    expect([s.events, s.duplicates]).toEqual([14, 0]);
  });

  it('refuses a folder that does not exist, saying so', async () => {
    const e = await engine();
    await expect(e.api['roots:add']({ path: join(tempDir(), 'nope') })).rejects.toThrow(
      /cannot read/,
    );
  });

  it('notifies listeners of new quarantine events', async () => {
    const dir = tempDir();
    const e = await engine();
    const quarantine = new Promise<Notification>((resolve) => {
      e.subscribe((n) => n.type === 'quarantine' && resolve(n));
    });
    await e.watch(dir);
    writeFileSync(
      join(dir, 'cam.log'),
      'Dec 16 00:58:58 [Trend Micro]: 5 s.1133820, 2019/12/16 0:58:58, 192.168.40.78:40000 > 198.51.100.4:23, 192.168.40.78, attacker\n',
    );
    expect(await quarantine).toMatchObject({
      events: [{ device: '192.168.40.78', peer: '198.51.100.4', ruleId: '1133820' }],
    });
  });
});
