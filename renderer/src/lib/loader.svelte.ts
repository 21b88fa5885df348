/** One piece of remote data with its loading state (latest.ts decides what is sent). */
import { Latest } from './latest.js';

/**
 * Holds the answer of the latest `load`. One request at a time: a `load` while one is on
 * its way waits for it, and only the last of those waiting is sent, so a view refreshed
 * faster than the engine answers never queues requests up. A `load` naming the same `key`
 * as the one before is a refresh: paced, and never a reason to drop an answer (latest.ts).
 */
export class Loader<T> {
  /** The latest answer; raw because answers are replaced whole, never edited in place. */
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly #latest = new Latest<T>({
    answer: (value) => {
      this.value = value;
      this.error = null;
    },
    failed: (message) => {
      this.error = message;
    },
    busy: (on) => {
      this.loading = on;
    },
  });

  /** Runs `fetch` and keeps its answer, unless a different question came meanwhile. */
  load(fetch: () => Promise<T>, key?: string): void {
    this.#latest.load(fetch, key);
  }
}
