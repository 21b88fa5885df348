/**
 * The read-only SQL console. sql.js runs synchronously and cannot be interrupted, so each
 * query runs in a worker thread that holds a copy of the store: a query that runs too long,
 * or is cancelled, ends with the worker, and the store it copied is untouched.
 */
import { Worker } from 'node:worker_threads';
import type { SqlResult } from '../../../shared/api/types.js';
import { readOnlyProblem } from './guard.js';
import { sqlJsFiles } from './sqljs.js';
import { WORKER_SOURCE, type FromWorker, type ToWorker } from './worker.js';

/** Rows a query answers unless asked for another limit. */
export const DEFAULT_ROW_LIMIT = 1000;
/** The most rows a query may answer. */
export const MAX_ROW_LIMIT = 100_000;
/** How long a query may run unless the console is given another limit. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Why a query did not answer. */
export type SqlFailure = 'refused' | 'timeout' | 'cancelled' | 'failed' | 'closed';

/** A query that did not answer, with the reason and a sentence for the user. */
export class SqlConsoleError extends Error {
  constructor(
    readonly reason: SqlFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SqlConsoleError';
  }
}

/**
 * What the store hands the console: its version and its bytes (`db.export()`). `bytes` is
 * read only when the version differs from the copy the worker holds, so it may be a getter
 * that exports on demand. The console takes the array: its buffer moves to the worker.
 */
export interface StoreSnapshot {
  version: number;
  bytes: Uint8Array;
}

/** The request the worker is busy with. */
interface Pending {
  resolve: (msg: FromWorker) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * Runs read-only queries on a copy of the store. Owns one worker thread, started on the first
 * query and kept warm with the copy; `close()` ends it and must be called by the owner.
 */
export class SqlConsole {
  readonly #getBytes: () => StoreSnapshot;
  readonly #timeoutMs: number;
  #worker: Worker | null = null;
  #loadedVersion: number | null = null;
  #pending: Pending | null = null;
  #state: 'idle' | 'loading' | 'running' = 'idle';
  /** Queries run one after another; this is the end of the line. */
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  /** Bumped by cancel(): queries queued before it are cancelled too. */
  #epoch = 0;
  #closed = false;
  /** The last worker being ended, awaited by close(). */
  #ending: Promise<unknown> = Promise.resolve();

  constructor(getBytes: () => StoreSnapshot, opts: { timeoutMs?: number } = {}) {
    this.#getBytes = getBytes;
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** What the console is doing now, for a busy indicator. */
  get state(): 'idle' | 'loading' | 'running' {
    return this.#state;
  }

  /**
   * Runs one read-only statement and answers at most `limit` rows (default 1000, at most
   * 100,000). Rejects with a SqlConsoleError: refused, timeout, cancelled, failed or closed.
   */
  run(sql: string, limit = DEFAULT_ROW_LIMIT): Promise<SqlResult> {
    if (this.#closed) return Promise.reject(new SqlConsoleError('closed', 'the console is closed'));
    const problem = readOnlyProblem(sql);
    if (problem) return Promise.reject(new SqlConsoleError('refused', problem));
    const rows = Math.min(Math.max(1, Math.floor(limit) || 1), MAX_ROW_LIMIT);
    const epoch = this.#epoch;
    this.#waiting++;
    const job = this.#tail.then(async () => {
      this.#waiting--;
      if (epoch !== this.#epoch || this.#closed) {
        throw new SqlConsoleError('cancelled', 'query cancelled');
      }
      return this.#query(sql, rows);
    });
    this.#tail = job.catch(() => undefined);
    return job;
  }

  /** Stops the running query and any waiting ones; true when there was one to stop. */
  cancel(): boolean {
    const had = this.#pending !== null || this.#waiting > 0;
    this.#epoch++;
    this.#kill(new SqlConsoleError('cancelled', 'query cancelled'));
    return had;
  }

  /** Stops everything and ends the worker; later queries are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    this.cancel();
    await this.#tail;
    await this.#ending;
  }

  async #query(sql: string, limit: number): Promise<SqlResult> {
    await this.#ensureLoaded();
    this.#state = 'running';
    const reply = await this.#request({ type: 'run', sql, limit }, [], this.#timeoutMs);
    if (reply.type !== 'result') throw new SqlConsoleError('failed', 'unexpected answer');
    const { columns, rows, truncated, ms } = reply;
    return { columns, rows, truncated, ms };
  }

  /** Starts the worker when needed and gives it the store's bytes when they changed. */
  async #ensureLoaded(): Promise<void> {
    const snapshot = this.#getBytes();
    if (this.#worker && this.#loadedVersion === snapshot.version) return;
    this.#state = 'loading';
    this.#start();
    const bytes = snapshot.bytes;
    // Move the buffer rather than copy it: it can be hundreds of megabytes.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const own = whole && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    await this.#request({ type: 'load', bytes: own }, [own.buffer as ArrayBuffer], null);
    this.#loadedVersion = snapshot.version;
  }

  #start(): void {
    if (this.#worker) return;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: sqlJsFiles() });
    worker.on('message', (msg: FromWorker) => this.#settle(worker, msg));
    worker.on('error', (err) => this.#lost(worker, err.message));
    worker.on('exit', (code) => this.#lost(worker, `its worker stopped (exit code ${code})`));
    worker.unref(); // an idle console must not keep the process alive
    this.#worker = worker;
    this.#loadedVersion = null;
  }

  /** Sends one request and waits for its answer, for at most `timeoutMs` when given. */
  #request(msg: ToWorker, transfer: ArrayBuffer[], timeoutMs: number | null): Promise<FromWorker> {
    const worker = this.#worker!;
    return new Promise<FromWorker>((resolve, reject) => {
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              const s = Math.round(timeoutMs / 100) / 10;
              this.#kill(
                new SqlConsoleError(
                  'timeout',
                  `query stopped: it ran longer than ${s} s; the loaded events are untouched. ` +
                    'Narrow it (a WHERE clause or a LIMIT) and run it again',
                ),
              );
            }, timeoutMs);
      this.#pending = { resolve, reject, timer };
      worker.ref(); // keep the process alive while a query is on its way
      worker.postMessage(msg, transfer);
    }).finally(() => {
      this.#state = 'idle';
      this.#worker?.unref();
    });
  }

  #settle(worker: Worker, msg: FromWorker): void {
    const pending = this.#pending;
    if (worker !== this.#worker || !pending) return;
    this.#pending = null;
    if (pending.timer) clearTimeout(pending.timer);
    if (msg.type === 'failed') {
      const message =
        `the query failed: ${msg.message}. Check its spelling and the table and column ` +
        'names against the schema beside the query box';
      pending.reject(new SqlConsoleError('failed', message));
    } else pending.resolve(msg);
  }

  #lost(worker: Worker, why: string): void {
    if (worker !== this.#worker) return;
    // Mostly memory: a query that builds a huge result or sorts too much.
    const message =
      `the query stopped unexpectedly: ${why}; the loaded events are untouched. ` +
      'Narrow it (a WHERE clause or a LIMIT) and run it again';
    this.#kill(new SqlConsoleError('failed', message));
  }

  /** Ends the worker (its copy goes with it) and rejects the request it was busy with. */
  #kill(err: SqlConsoleError): void {
    const worker = this.#worker;
    const pending = this.#pending;
    this.#worker = null;
    this.#pending = null;
    this.#loadedVersion = null;
    if (worker) this.#ending = worker.terminate();
    if (pending) {
      if (pending.timer) clearTimeout(pending.timer);
      pending.reject(err);
    }
  }
}
