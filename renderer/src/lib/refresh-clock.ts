/**
 * When the views refresh after engine notifications. A notification after a quiet time
 * refreshes them 400 ms later, so a burst becomes one refresh and an appended line shows
 * at once. While notifications keep coming (a large export being read, a log written to
 * without a pause) they refresh at most every two seconds: each refresh costs the engine
 * its answers and the page its drawing, and on two cores both slow the read. With the
 * app open on the Overview, a million lines took about 4.2 s to load refreshing every
 * 400 ms, 3.5 s refreshing at most every 1.5 s and 3.05 s every 2 s (2.9 s on a view that
 * does not refresh). Later notifications never push a refresh back: a quiet time may never come.
 */

/** Wait after the first notification of a burst. */
export const GATHER_MS = 400;
/** Least time between two refreshes. */
export const STREAM_MS = 2000;

export class RefreshClock {
  /** When the last refresh was due; -Infinity before the first. */
  #last = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The wait before the refresh a notification now calls for. */
  delay(): number {
    return Math.max(GATHER_MS, this.#last + STREAM_MS - this.now());
  }

  /** The refresh happens now. */
  refreshed(): void {
    this.#last = this.now();
  }
}
