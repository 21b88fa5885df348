/**
 * The console's worker: a copy of the store in its own sql.js, one query at a time.
 * It is started from source text (`eval: true`), so the same code runs from the TypeScript
 * sources under vitest and from the esbuild bundle, with no extra entry file to ship.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import type { SqlJsFiles } from './sqljs.js';

/** What the console asks the worker. */
export type ToWorker =
  { type: 'load'; bytes: Uint8Array } | { type: 'run'; sql: string; limit: number };

/** What the worker answers, one message per request. */
export type FromWorker =
  | { type: 'loaded' }
  | { type: 'result'; columns: string[]; rows: unknown[][]; truncated: boolean; ms: number }
  | { type: 'failed'; message: string };

/**
 * The worker's whole program. It runs in another thread from its source text, so it must use
 * nothing from this module's scope: only `require` and what it defines inside.
 */
function workerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a worker started from source text
     has no module loader but CommonJS require */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const files = threads.workerData as SqlJsFiles;
  const init = require(files.entry) as (config: object) => Promise<SqlJsStatic>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = threads.parentPort!;
  const sqlJs = init({ locateFile: () => files.wasm });
  // The copy of the store; replaced on each load, freed when replaced or at exit.
  let db: Database | null = null;

  const answer = (msg: FromWorker) => port.postMessage(msg);

  const load = async (bytes: Uint8Array) => {
    const SQL = await sqlJs;
    db?.close();
    db = null;
    db = new SQL.Database(bytes);
    // Second read-only layer, after the text check: SQLite refuses any write to the file.
    db.run('PRAGMA query_only = ON');
    answer({ type: 'loaded' });
  };

  // Frees an iterator's current statement (sql.js's iterators implement return()).
  const free = (it: Iterator<unknown>) => void it.return?.();
  const cell = (v: unknown) => (v instanceof Uint8Array ? `<blob ${v.length} bytes>` : v);

  const run = (sql: string, limit: number) => {
    if (!db) throw new Error('no data loaded');
    const started = performance.now();
    const statements = db.iterateStatements(sql);
    try {
      const first = statements.next();
      if (first.done) throw new Error('nothing to run: the query is empty');
      // Preparing what follows runs none of it; it only shows whether there is more.
      const rest = db.iterateStatements(statements.getRemainingSQL());
      const second = rest.next();
      free(rest);
      if (!second.done) throw new Error('one statement at a time');
      const stmt = first.value;
      const columns = stmt.getColumnNames();
      const rows: unknown[][] = [];
      let truncated = false;
      while (stmt.step()) {
        if (rows.length >= limit) {
          truncated = true;
          break;
        }
        rows.push(stmt.get().map(cell));
      }
      const ms = Math.round((performance.now() - started) * 10) / 10;
      answer({ type: 'result', columns, rows, truncated, ms });
    } finally {
      free(statements);
    }
  };

  // Requests are handled in order; a load must finish before the next run starts.
  let queue = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    queue = queue.then(async () => {
      try {
        if (msg.type === 'load') await load(msg.bytes);
        else run(msg.sql, msg.limit);
      } catch (err) {
        answer({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
}

/** The worker program as text for `new Worker(code, { eval: true })`. */
export const WORKER_SOURCE = `(${workerMain.toString()})();\n`;
