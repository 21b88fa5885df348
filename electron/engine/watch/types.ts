/**
 * What the live watcher tells its consumer: source-level happenings under watched folders,
 * in an order that lets the consumer count every line exactly once.
 */
import type { Found, LineBatch, ReadOptions } from '../read/index.js';

/**
 * One happening under a watched root. `path` is always a source's display path (a file,
 * or `a.zip!/entry.log` for a zip entry), the same the `found` gave.
 *
 * Counting contract, per source path:
 * - `found` with a text source starts the source; read `source.batches()` while handling the
 *   event (before the handler's promise settles). For a plain file it yields the complete
 *   lines present then; later lines come as `lines`, numbered on from the last line read.
 *   Lines not read through `batches()` (it was not called, or left early) come as `lines`.
 * - `lines` appends a batch to a plain text source; the batch's first line is always one more than
 *   the last line the consumer has received for that path (`batch.first`).
 * - `reset` drops everything stored for the path (truncated, replaced, archive changed); a
 *   `found` for the path follows once the new content has settled, and numbering restarts
 *   (or `gone`, for a zip entry the changed archive no longer holds).
 * - A later `found` for a path whose last `found` was skipped or failed replaces it.
 * - `gone` marks the source as deleted; its rows stay. A path may be found again later.
 */
export type LiveEvent =
  | { type: 'found'; rootId: number; found: Found }
  | {
      type: 'lines';
      rootId: number;
      path: string;
      batch: LineBatch;
      /** Offset just after the batch's last line: how far the file has been read. */
      bytesRead: number;
      /** Size of the file when this read started (at least `bytesRead`). */
      bytesTotal: number;
    }
  | { type: 'reset'; rootId: number; path: string; reason: string }
  | { type: 'gone'; rootId: number; path: string }
  | { type: 'root-gone'; rootId: number }
  | { type: 'error'; rootId: number; path: string; reason: string };

/** The `type` of each live event. */
export type LiveEventType = LiveEvent['type'];

/** Options of a `LiveReader`. */
export interface LiveOptions {
  /** Poll the file system instead of native events (network and some USB file systems). */
  poll?: boolean;
  /** A new or replaced file is read once its size has not changed for this long (300 ms). */
  settleMs?: number;
  /** Polling interval in polling mode (100 ms). */
  intervalMs?: number;
  /** Limits passed to the readers. */
  read?: ReadOptions;
  /**
   * Receives every event, one at a time: the next is not delivered before the promise
   * returned settles. A throw or rejection is reported as an `error` event. Do not await
   * `add`, `remove` or `close` inside it (they may wait for this very delivery).
   */
  onEvent: (event: LiveEvent) => void | Promise<void>;
}

/** Options of one watched root. */
export interface RootOptions {
  /** Overrides the reader's `poll` for this root. */
  poll?: boolean;
}

/** A watched root, as `add` returns it. */
export interface RootHandle {
  /** Identifies the root in events and in `remove`. */
  id: number;
  /** The absolute path watched. */
  path: string;
}
