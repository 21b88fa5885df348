/**
 * The engine's handle on the parse side: in a thread of its own when its script is found
 * (the built bundles ship dist/parse-worker.cjs beside themselves), else in the engine's
 * thread. Requests are answered in the order they were made either way.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rule } from '../../../shared/rules/index.js';
import type { LineBatch } from '../read/types.js';
import { ParseHost, type ParseRequest, type Parsed, type SourceInfo } from './host.js';

export type { Parsed, SourceInfo } from './host.js';

/** Parses sources batch by batch; the ledger and each source's books live behind it. */
export interface Parsing {
  /** Starts (or restarts) the books of a source. */
  open(id: number, source: SourceInfo): void;
  /** Counts a batch of lines (its typed arrays may be moved to the parse thread). */
  take(id: number, batch: LineBatch): Promise<Parsed>;
  /** Settles what waits for the end of a read. */
  flush(id: number): Promise<Parsed>;
  /** Forgets a source's events in the ledger, and its books. */
  forget(id: number): void;
  /** Adds or replaces rules of the catalogue the parser names event types with. */
  rules(rules: Rule[]): void;
  close(): Promise<void>;
}

/** The parse side in the caller's thread. */
export class InlineParsing implements Parsing {
  readonly #host = new ParseHost();
  open(id: number, source: SourceInfo): void {
    this.#host.handle({ op: 'open', id, source });
  }
  async take(id: number, batch: LineBatch): Promise<Parsed> {
    return this.#host.handle({ op: 'take', id, batch })!;
  }
  async flush(id: number): Promise<Parsed> {
    return this.#host.handle({ op: 'flush', id })!;
  }
  forget(id: number): void {
    this.#host.handle({ op: 'forget', id });
  }
  rules(rules: Rule[]): void {
    this.#host.handle({ op: 'rules', rules });
  }
  async close(): Promise<void> {}
}

type Waiting = { resolve: (p: Parsed) => void; reject: (e: Error) => void };

/** The parse side in a worker thread running `script` (parse-worker.ts built). */
export class WorkerParsing implements Parsing {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #seq = 0;
  #failed: Error | null = null;

  constructor(script: string) {
    // A young generation of 16 MiB holds a batch's short-lived objects; a larger one only
    // adds to the process's memory (README, Speed and memory).
    this.#worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    // The process may exit while the parse thread idles, not while an answer is awaited.
    this.#worker.unref();
    this.#worker.on('message', (m: { seq: number; value?: Parsed | null; error?: string }) => {
      const w = this.#waiting.get(m.seq);
      if (!w) return;
      this.#waiting.delete(m.seq);
      if (this.#waiting.size === 0) this.#worker.unref();
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.value!);
    });
    const fail = (err: Error) => {
      this.#failed = new Error(`the parse thread stopped: ${err.message}`);
      for (const w of this.#waiting.values()) w.reject(this.#failed);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => {
      if (!this.#failed && code !== 0) fail(new Error(`exit code ${code}`));
    });
  }

  #send(
    req: ParseRequest,
    wait: boolean,
    transfer: ArrayBuffer[] = [],
  ): Promise<Parsed> | undefined {
    if (this.#failed) {
      if (wait) return Promise.reject(this.#failed);
      return undefined;
    }
    const seq = ++this.#seq;
    let answer: Promise<Parsed> | undefined;
    if (wait) {
      answer = new Promise<Parsed>((resolve, reject) =>
        this.#waiting.set(seq, { resolve, reject }),
      );
      this.#worker.ref();
    }
    this.#worker.postMessage({ seq, req }, transfer);
    return answer;
  }

  open(id: number, source: SourceInfo): void {
    this.#send({ op: 'open', id, source: { ...source } }, false);
  }
  take(id: number, batch: LineBatch): Promise<Parsed> {
    const moved = [batch.spans.buffer, batch.offsets.buffer, batch.bytes.buffer] as ArrayBuffer[];
    return this.#send({ op: 'take', id, batch }, true, moved)!;
  }
  flush(id: number): Promise<Parsed> {
    return this.#send({ op: 'flush', id }, true)!;
  }
  forget(id: number): void {
    this.#send({ op: 'forget', id }, false);
  }
  rules(rules: Rule[]): void {
    this.#send({ op: 'rules', rules }, false);
  }
  async close(): Promise<void> {
    this.#failed ??= new Error('the parse thread was closed');
    await this.#worker.terminate();
  }
}

/** The built parse thread's script beside the running bundle, or null when there is none. */
export function parseWorkerScript(): string | null {
  // In the CommonJS bundles __filename is set; in the ES module sources import.meta.url is.
  const here =
    typeof __filename === 'string' && __filename ? __filename : fileURLToPath(import.meta.url);
  const script = join(dirname(here), 'parse-worker.cjs');
  return existsSync(script) ? script : null;
}

/** The parse side: `script` (or the one beside the bundle) in a thread, else inline. */
export function startParsing(script?: string | false): Parsing {
  const path = script === false ? null : (script ?? parseWorkerScript());
  return path ? new WorkerParsing(path) : new InlineParsing();
}
