/** A first-in first-out queue of async jobs, run one at a time, with coalescing by key. */

/** A job; it must not throw (the queue swallows a throw so later jobs still run). */
export type Job = () => Promise<void>;

/**
 * Runs jobs strictly one after another, so work on a file (and delivery to the consumer)
 * never overlaps. A keyed job that is still waiting is not queued twice: one pending
 * check of a file reads everything that arrived since the previous one.
 */
export class JobQueue {
  #jobs: { key: string | null; run: Job }[] = [];
  #waiting = new Set<string>();
  #running: Promise<void> | null = null;
  #idle: (() => void)[] = [];

  /** Queues a job; with a key, does nothing while a job of that key is still waiting. */
  push(run: Job, key: string | null = null): void {
    if (key !== null) {
      if (this.#waiting.has(key)) return;
      this.#waiting.add(key);
    }
    this.#jobs.push({ key, run });
    if (this.#running === null) this.#running = this.#drain();
  }

  /** Queues a job and resolves when it has run. */
  run(job: Job): Promise<void> {
    return new Promise((resolve) => {
      this.push(async () => {
        try {
          await job();
        } finally {
          resolve();
        }
      });
    });
  }

  /** Resolves once no job is running or waiting. */
  idle(): Promise<void> {
    if (this.#running === null) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #drain(): Promise<void> {
    for (let next = this.#jobs.shift(); next !== undefined; next = this.#jobs.shift()) {
      if (next.key !== null) this.#waiting.delete(next.key);
      try {
        await next.run();
      } catch {
        // Jobs report their own failures as events; one bad job must not stop the rest.
      }
    }
    this.#running = null;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
