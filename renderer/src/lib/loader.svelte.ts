/** One piece of remote data with its loading state; only the latest request's reply is kept. */

/** Holds the answer of the latest `load`; answers to earlier calls are dropped. */
export class Loader<T> {
  /** The latest answer; raw because answers are replaced whole, never edited in place. */
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #seq = 0;

  /** Runs `fetch` and keeps its answer, unless another `load` started meanwhile. */
  async load(fetch: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const value = await fetch();
      if (seq !== this.#seq) return;
      this.value = value;
      this.error = null;
    } catch (err) {
      if (seq !== this.#seq) return;
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }
}
