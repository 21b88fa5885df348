/**
 * One request at a time for one piece of remote data: the latest asked for. The view's
 * state lives elsewhere (loader.svelte.ts); this decides what is sent and which answers
 * count.
 *
 * A request may name the question it asks (`key`). Asked again with the same key, it is a
 * refresh: an answer that arrives meanwhile is still shown (it is newer than what is on
 * screen), and the refresh waits a while before it goes out, as long as the last answer
 * took, times `pace`. While a large export is read, every answer takes long and a refresh
 * is due every few hundred milliseconds: without the wait the page kept the engine busy
 * answering it, slowing the read, and dropped each answer for the next, so the figures
 * on screen stood still. A different key (another address, another filter) goes out at
 * once and makes an answer to the old question worthless. Without a key every request is
 * a new question.
 */

/** What a Latest tells its owner. */
export interface LatestHooks<T> {
  answer(value: T): void;
  failed(message: string): void;
  /** A request is on its way (true) or none is (false). */
  busy(on: boolean): void;
}

export interface LatestOptions {
  /** A refresh waits this many times as long as the last answer took. */
  pace?: number;
  /** Milliseconds, for measuring how long an answer took. */
  now?: () => number;
}

/** A refresh waits as long as the last answer took: at most about half the time asking. */
const PACE = 1;

interface Job<T> {
  fetch: () => Promise<T>;
  key: string | undefined;
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && a === b;

export class Latest<T> {
  readonly #hooks: LatestHooks<T>;
  readonly #pace: number;
  readonly #now: () => number;
  #running = false;
  /** The request to send once the running one is answered; null when none waits. */
  #next: Job<T> | null = null;
  /** While a refresh waits: its key, and the function that ends the wait. */
  #waiting: { key: string | undefined; end: () => void } | null = null;

  constructor(hooks: LatestHooks<T>, options: LatestOptions = {}) {
    this.#hooks = hooks;
    this.#pace = options.pace ?? PACE;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Asks `fetch`; `key` names the question, so that asking it again is a refresh. */
  load(fetch: () => Promise<T>, key?: string): void {
    this.#next = { fetch, key };
    if (this.#waiting !== null && !same(key, this.#waiting.key)) this.#waiting.end();
    if (this.#running) return;
    void this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (this.#next !== null) {
        const job = this.#next;
        this.#next = null;
        const started = this.#now();
        let ok = true;
        let value: T | undefined;
        let message = '';
        this.#hooks.busy(true);
        try {
          value = await job.fetch();
        } catch (err) {
          ok = false;
          message = err instanceof Error ? err.message : String(err);
        }
        this.#hooks.busy(false);
        const took = this.#now() - started;
        const next = this.#next as Job<T> | null;
        if (next === null || same(next.key, job.key)) {
          if (ok) this.#hooks.answer(value as T);
          else this.#hooks.failed(message);
        }
        if (next !== null && same(next.key, job.key)) await this.#wait(job.key, took * this.#pace);
      }
    } finally {
      this.#running = false;
    }
  }

  /** Waits `ms`, or less when a different question comes meanwhile. */
  #wait(key: string | undefined, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.#waiting = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#waiting = { key, end };
    });
  }
}
