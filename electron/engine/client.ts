/**
 * The host's side of the engine worker: an `Api` object whose calls become messages,
 * and a notification feed. Used by Electron main and `seclog serve`.
 */
import { Worker } from 'node:worker_threads';
import { channels, type Api, type Channel } from '../../shared/api/contract.js';
import type { Notification } from '../../shared/api/types.js';
import type { FromWorker, ToWorker, WorkerData } from './protocol.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A running engine worker. `close()` must be awaited to end the thread. */
export class EngineClient {
  readonly api: Api;
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, Pending>();
  #listeners = new Set<(n: Notification) => void>();
  #ready: Promise<void>;

  /** Starts the worker from its built script (dist/engine-worker.cjs). */
  constructor(workerScript: string, data: WorkerData = {}) {
    this.#worker = new Worker(workerScript, { workerData: data });
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.kind === 'ready') resolve();
      };
      this.#worker.once('error', reject);
      this.#worker.on('message', onMessage);
    });
    this.#worker.on('message', (m: FromWorker) => this.#receive(m));
    this.#worker.on('error', (err) => this.#failAll(err));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`engine stopped (exit ${code})`)));
    const api: Partial<Record<Channel, (r: unknown) => Promise<unknown>>> = {};
    for (const channel of Object.keys(channels) as Channel[]) {
      api[channel] = (request) => this.#send({ kind: 'call', channel, request });
    }
    this.api = api as Api;
  }

  /** Resolves once the worker has opened its store. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Watches a folder or file live. */
  watch(path: string, poll = false): Promise<unknown> {
    return this.#send({ kind: 'watch', path, poll });
  }

  /** Reads paths once. */
  load(paths: string[]): Promise<unknown> {
    return this.#send({ kind: 'load', paths });
  }

  /** The whole store as SQLite bytes, to save as a session file. */
  saveSession(): Promise<Uint8Array> {
    return this.#send({ kind: 'save-session' });
  }

  /** Replaces what is loaded with a saved session; rejects (keeping the old) if it is none. */
  openSession(bytes: Uint8Array): Promise<unknown> {
    return this.#send({ kind: 'open-session', bytes });
  }

  /** Writes every event to a file the user chose. */
  exportTo(
    format: 'csv' | 'ndjson' | 'sqlite',
    out: string,
  ): Promise<{ rows: number; bytes: number }> {
    return this.#send({ kind: 'export', format, out });
  }

  /** Listens to notifications; returns the function that stops listening. */
  subscribe(listener: (n: Notification) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the engine and ends the thread. */
  async close(): Promise<void> {
    try {
      await this.#send({ kind: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }

  async #send(msg: DistributiveOmit<ToWorker, 'id'>): Promise<never> {
    await this.#ready;
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ ...msg, id });
    });
  }

  #receive(m: FromWorker): void {
    if (m.kind === 'notify') {
      for (const l of this.#listeners) l(m.notification);
      return;
    }
    if (m.kind === 'ready') return;
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.kind === 'result') p.resolve(m.value);
    else p.reject(new Error(m.message));
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
