/** Waits for files to stop changing before they are read: a USB copy writes in bursts. */
import { stat } from 'node:fs/promises';

/**
 * Polls files until their size and modification time have held still for `settleMs`.
 * Owns one timer per file being watched for quiet; `stop` clears them all, and the owner
 * must call it when the root goes away.
 */
export class Settler {
  readonly #settleMs: number;
  readonly #stepMs: number;
  #timers = new Map<string, NodeJS.Timeout>();
  #stopped = false;

  constructor(settleMs: number) {
    this.#settleMs = settleMs;
    // A few looks per settle period, like chokidar's awaitWriteFinish, but never busy.
    this.#stepMs = Math.min(100, Math.max(10, Math.round(settleMs / 4)));
  }

  /** Whether a file is being waited on. */
  has(file: string): boolean {
    return this.#timers.has(file);
  }

  /**
   * Starts waiting on a file unless already waiting. Calls `settled` once the file held
   * still, or `vanished` when it disappeared meanwhile (its unlink event reports it).
   */
  start(file: string, settled: () => void, vanished: () => void): void {
    if (this.#stopped || this.#timers.has(file)) return;
    let last = '';
    let since = Date.now();
    const look = async (): Promise<void> => {
      const now = await stat(file).then(
        (s) => (s.isFile() ? `${s.size}:${s.mtimeMs}:${s.ino}` : null),
        () => null,
      );
      if (!this.#timers.has(file)) return;
      if (now === null) {
        this.#timers.delete(file);
        vanished();
        return;
      }
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= this.#settleMs) {
        this.#timers.delete(file);
        settled();
        return;
      }
      this.#timers.set(
        file,
        setTimeout(() => void look(), this.#stepMs),
      );
    };
    this.#timers.set(
      file,
      setTimeout(() => void look(), 0),
    );
  }

  /** Stops waiting on every file; no callback fires afterwards. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
