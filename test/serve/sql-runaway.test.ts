/**
 * The SQL console through `seclog serve`'s HTTP API, end to end: the built command watching
 * the demo exports, its engine worker, the console's own worker. A runaway query is stopped by
 * the time limit or by a cancel request, writes and other files are refused, and the loaded
 * events stay as they were all along.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SqlResult } from '../../shared/api/types.js';

/** A recursive CTE that never ends: it runs until something stops it. */
const RUNAWAY =
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r';

/** The console's time limit, short for the test: serve's --sql-timeout sets it. */
const LIMIT_S = 3;

/** Events in the demo exports (as test/engine/worker.test.ts counts them). */
const DEMO_EVENTS = 14;

interface Served {
  base: string;
  token: string;
  stop: () => Promise<void>;
}

/** Starts `seclog serve` on the demo exports and resolves with its address and token. */
function serveDemo(): Promise<Served> {
  const child = spawn(process.execPath, [
    'dist/seclog.cjs',
    'serve',
    '--port',
    '0',
    '--sql-timeout',
    String(LIMIT_S),
    'build/demo',
  ]);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (!m) return;
      const url = new URL(m[1]!);
      resolve({ base: url.origin, token: url.searchParams.get('token')!, stop });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

let served: Served;

/** An answer's status and JSON body. */
interface Answer<T> {
  status: number;
  body: T;
}

/** `POST /api/<channel>` with a JSON body. */
async function post<T>(channel: string, body: unknown): Promise<Answer<T>> {
  const r = await fetch(`${served.base}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as T };
}

/** `GET /api/summary`. */
async function summary(): Promise<unknown> {
  const r = await fetch(`${served.base}/api/summary`, {
    headers: { Authorization: `Bearer ${served.token}` },
  });
  expect(r.status).toBe(200);
  return r.json();
}

async function count(): Promise<number> {
  const r = await post<{ count: number }>('events:count', {});
  expect(r.status).toBe(200);
  return r.body.count;
}

/** Runs SQL through the API. */
function sql(text: string) {
  return post<SqlResult & { error?: string }>('sql:run', { sql: text });
}

/** What was loaded before any query ran, to compare against afterwards. */
let before: { count: number; summary: unknown };

/** The loaded data is exactly as before, and ordinary requests still answer. */
async function expectUntouched(): Promise<void> {
  expect(await count()).toBe(before.count);
  expect(await summary()).toEqual(before.summary);
  const plain = await sql('SELECT count(*) AS n FROM events');
  expect(plain.status).toBe(200);
  expect(plain.body.rows).toEqual([[before.count]]);
  const page = await post<{ rows: unknown[] }>('events:query', { limit: 5 });
  expect(page.status).toBe(200);
  expect(page.body.rows).toHaveLength(5);
}

beforeAll(async () => {
  served = await serveDemo();
  // serve starts watching after it prints the address: wait for the first scan to end.
  await vi.waitFor(
    async () => {
      const roots = await post<{ status: string }[]>('roots:list', {});
      expect(roots.body[0]?.status).toBe('live');
    },
    { timeout: 15_000, interval: 50 },
  );
  before = { count: await count(), summary: await summary() };
  expect(before.count).toBe(DEMO_EVENTS);
}, 30_000);

afterAll(async () => {
  await served?.stop();
});

describe('a runaway SQL query through seclog serve', () => {
  it(
    'is stopped by the time limit with a message saying what, why and what to do',
    async () => {
      // Warm the console so the limit applies to the query itself, not the copy's load.
      expect((await sql('SELECT 1')).status).toBe(200);
      const stopped = await sql(RUNAWAY);
      expect(stopped.status).toBe(500);
      const message = stopped.body.error!;
      expect(message).toMatch(/^query stopped/); // what happened
      expect(message).toContain(`longer than ${LIMIT_S} s`); // why
      expect(message).toMatch(/loaded events are untouched/);
      expect(message).toMatch(/Narrow it .*run it again/); // what to do
      await expectUntouched();
    },
    (LIMIT_S + 20) * 1000,
  );

  it('is cancelled by the cancel request while it runs', async () => {
    expect((await sql('SELECT 1')).status).toBe(200);
    const running = sql(RUNAWAY);
    // The two requests travel on separate connections: ask until the cancel finds the query
    // (false means it has not reached the console yet). Each answer comes back at once.
    await expect
      .poll(async () => (await post<{ cancelled: boolean }>('sql:cancel', {})).body.cancelled, {
        interval: 20,
        timeout: (LIMIT_S - 2) * 1000,
      })
      .toBe(true);
    const ended = await running;
    expect(ended.status).toBe(500);
    expect(ended.body.error).toBe('query cancelled');
    // Nothing is left running: a second cancel finds nothing to stop.
    expect((await post<{ cancelled: boolean }>('sql:cancel', {})).body).toEqual({
      cancelled: false,
    });
    await expectUntouched();
  });
});

describe('the SQL console through seclog serve refuses', () => {
  it.each([
    ['a write', 'DELETE FROM events', /DELETE changes the database; the console is read-only/],
    ['another file', "ATTACH DATABASE '/tmp/x' AS x", /ATTACH is refused/],
    ['a schema change', 'PRAGMA writable_schema=1', /PRAGMA with "=" changes a setting/],
    ['several statements', 'SELECT 1; DELETE FROM events', /one statement at a time/],
  ])('%s, and the events stay', async (_what, text, reason) => {
    const refused = await sql(text);
    expect(refused.status).toBe(500);
    expect(refused.body.error).toMatch(reason);
    expect(refused.body.rows).toBeUndefined();
    await expectUntouched();
  });
});
