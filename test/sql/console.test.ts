import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { INDEXES, SCHEMA } from '../../electron/engine/store/schema.js';
import { SqlConsole, SqlConsoleError } from '../../electron/engine/sql/console.js';
import { sqlJsFiles } from '../../electron/engine/sql/sqljs.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';
import { WORKER_SOURCE, type FromWorker, type ToWorker } from '../../electron/engine/sql/worker.js';

const RUNAWAY =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';

/** A store file built from the real schema with `n` events, as `db.export()` gives it. */
async function storeBytes(n: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA);
    db.run(INDEXES);
    db.run("INSERT INTO addrs (id, text, v4) VALUES (1, '10.42.2.33', 170525217)");
    db.run("INSERT INTO addrs (id, text, v4) VALUES (2, '192.168.40.78', 3232245838)");
    db.run("INSERT INTO sources (id, path, status) VALUES (1, 'stick/cam.log', 'live')");
    const insert = db.prepare(
      // flags 5: inbound, the device's role victim, a security rule, brute force (FLAGS).
      'INSERT INTO event_rows (source, line, offset, bytes, time, flags, rule, ' +
        'peer, device, attacker, victim) VALUES (1, ?, 0, 80, ?, 5, 1133810, 1, 2, 1, 2)',
    );
    for (let i = 1; i <= n; i++) insert.run([i, 1576457938 + i]);
    insert.free();
    return db.export();
  } finally {
    db.close();
  }
}

/** A console over a fresh store copy; closed when the test ends. */
async function openConsole(rows = 5, timeoutMs?: number) {
  const bytes = await storeBytes(rows);
  const snapshot = { version: 1, bytes };
  const getBytes = vi.fn(() => ({ version: snapshot.version, bytes: snapshot.bytes.slice() }));
  const sql = new SqlConsole(getBytes, timeoutMs ? { timeoutMs } : {});
  consoles.push(sql);
  return { sql, getBytes, snapshot };
}

const consoles: SqlConsole[] = [];
afterEach(async () => {
  await Promise.all(consoles.splice(0).map((c) => c.close()));
});

/** The reason a run was rejected with. */
async function failure(p: Promise<unknown>): Promise<SqlConsoleError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SqlConsoleError);
  return err as SqlConsoleError;
}

describe('SqlConsole', () => {
  it('answers a SELECT with columns, rows and the time it took', async () => {
    const { sql } = await openConsole(3);
    const result = await sql.run(
      'SELECT e.line, a.text AS attacker FROM events e JOIN addrs a ON a.id = e.attacker ' +
        'ORDER BY e.line',
    );
    expect(result.columns).toEqual(['line', 'attacker']);
    expect(result.rows).toEqual([
      [1, '10.42.2.33'],
      [2, '10.42.2.33'],
      [3, '10.42.2.33'],
    ]);
    expect(result.truncated).toBe(false);
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('cuts the answer at the row cap and says so', async () => {
    const { sql } = await openConsole(30);
    const capped = await sql.run('SELECT id FROM events ORDER BY id', 10);
    expect(capped.rows).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    const exact = await sql.run('SELECT id FROM events', 30);
    expect(exact.rows).toHaveLength(30);
    expect(exact.truncated).toBe(false);
  });

  it('shows blobs by their size and keeps numbers, text and null', async () => {
    const { sql } = await openConsole(1);
    const result = await sql.run("SELECT x'00ff10', -1, 2.5, 'víctima', NULL");
    expect(result.rows).toEqual([['<blob 3 bytes>', -1, 2.5, 'víctima', null]]);
  });

  it('answers EXPLAIN, VALUES and a read-only PRAGMA', async () => {
    const { sql } = await openConsole(1);
    const plan = await sql.run('EXPLAIN QUERY PLAN SELECT * FROM events WHERE time > 0');
    expect(plan.rows.length).toBeGreaterThan(0);
    expect((await sql.run('VALUES (1, 2)')).rows).toEqual([[1, 2]]);
    const info = await sql.run('PRAGMA table_info(events)');
    expect(info.rows.map((r) => r[1])).toContain('rep_score');
  });

  it('keeps its copy while the version holds and reloads when it changes', async () => {
    const { sql, getBytes, snapshot } = await openConsole(2);
    await sql.run('SELECT count(*) FROM events');
    await sql.run('SELECT count(*) FROM events');
    expect(getBytes).toHaveBeenCalledTimes(2);
    snapshot.bytes = await storeBytes(7);
    snapshot.version = 2;
    expect((await sql.run('SELECT count(*) FROM events')).rows).toEqual([[7]]);
  });

  it('reads the bytes only when the version changed', async () => {
    const bytes = await storeBytes(1);
    let exports = 0;
    const sql = new SqlConsole(() => ({
      version: 1,
      get bytes() {
        exports++;
        return bytes.slice();
      },
    }));
    consoles.push(sql);
    await sql.run('SELECT 1');
    await sql.run('SELECT 2');
    expect(exports).toBe(1);
  });

  it('reports an SQL error as a failed query, and the next query still works', async () => {
    const { sql } = await openConsole(1);
    const err = await failure(sql.run('SELECT nope FROM events'));
    expect(err.reason).toBe('failed');
    expect(err.message).toMatch(/no such column: nope/);
    expect((await sql.run('SELECT count(*) FROM events')).rows).toEqual([[1]]);
  });

  it('stops a runaway query at the time limit, and the next query works', async () => {
    const { sql } = await openConsole(4, 300);
    await sql.run('SELECT 1'); // warm: the limit applies to the query, not the load
    const err = await failure(sql.run(RUNAWAY));
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/longer than 0\.3 s/);
    expect((await sql.run('SELECT count(*) FROM events')).rows).toEqual([[4]]);
  });

  it('rejects a running query with "cancelled" when cancel() is called', async () => {
    const { sql } = await openConsole(2, 60_000);
    const running = sql.run(RUNAWAY);
    await vi.waitFor(() => expect(sql.state).toBe('running'), { timeout: 10_000 });
    expect(sql.cancel()).toBe(true);
    const err = await failure(running);
    expect(err.reason).toBe('cancelled');
    expect(err.message).toMatch(/cancelled/);
    expect((await sql.run('SELECT count(*) FROM events')).rows).toEqual([[2]]);
  });

  it('cancels the queries waiting behind the running one', async () => {
    const { sql } = await openConsole(1, 60_000);
    const first = sql.run(RUNAWAY);
    const second = sql.run('SELECT 1');
    expect(sql.cancel()).toBe(true);
    expect((await failure(first)).reason).toBe('cancelled');
    expect((await failure(second)).reason).toBe('cancelled');
  });

  it('says there was nothing to cancel when idle', async () => {
    const { sql } = await openConsole(1);
    expect(sql.cancel()).toBe(false);
  });

  it('refuses queries after close()', async () => {
    const { sql } = await openConsole(1);
    await sql.run('SELECT 1');
    await sql.close();
    expect((await failure(sql.run('SELECT 1'))).reason).toBe('closed');
  });
});

describe('the query worker', () => {
  it('refuses a write on its own, should a statement get past the text check', async () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: sqlJsFiles() });
    onTestFinished(async () => {
      await worker.terminate();
    });
    const ask = (msg: ToWorker) => {
      const answer = once(worker, 'message') as Promise<[FromWorker]>;
      worker.postMessage(msg);
      return answer.then(([reply]) => reply);
    };
    expect(await ask({ type: 'load', bytes: await storeBytes(2) })).toEqual({ type: 'loaded' });
    const del = await ask({ type: 'run', sql: 'DELETE FROM event_rows', limit: 10 });
    expect(del).toEqual({ type: 'failed', message: expect.stringMatching(/readonly/) });
    const count = await ask({ type: 'run', sql: 'SELECT count(*) FROM events', limit: 10 });
    expect(count).toMatchObject({ type: 'result', rows: [[2]] });
    const two = await ask({ type: 'run', sql: 'SELECT 1; SELECT 2', limit: 10 });
    expect(two).toEqual({ type: 'failed', message: 'one statement at a time' });
  });
});
