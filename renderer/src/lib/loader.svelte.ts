/** One piece of remote data with its loading state; only the latest request's reply is kept. */

/**
 * Holds the answer of the latest `load`. One request at a time: a `load` while one is on
 * its way waits for it, and only the last of those waiting is sent, so a view refreshed
 * faster than the engine answers (a large store while a log grows) never queues requests
 * up. An answer is dropped when a newer `load` came meanwhile.
 */
export class Loader<T> {
  /** The latest answer; raw because answers are replaced whole, never edited in place. */
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #running = false;
  /** The request to send once the running one is answered; null when none waits. */
  #next: (() => Promise<T>) | null = null;

  /** Runs `fetch` and keeps its answer, unless another `load` came meanwhile. */
  async load(fetch: () => Promise<T>): Promise<void> {
    this.#next = fetch;
    if (this.#running) return;
    this.#running = true;
    this.loading = true;
    try {
      while (this.#next !== null) {
        const run = this.#next;
        this.#next = null;
        try {
          const value = await run();
          if (this.#next !== null) continue;
          this.value = value;
          this.error = null;
        } catch (err) {
          if (this.#next !== null) continue;
          this.error = err instanceof Error ? err.message : String(err);
        }
      }
    } finally {
      this.#running = false;
      this.loading = false;
    }
  }
}
