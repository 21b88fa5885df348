/** What the per-file work needs from the root it runs under. */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ReadOptions } from '../read/index.js';
import type { Tracked } from './tracked.js';
import type { LiveEvent } from './types.js';

/** A watched root as seen by the jobs that read its files. */
export interface RootContext {
  readonly id: number;
  /** Absolute path of the root (a folder, or a single file). */
  readonly path: string;
  /** Every file read under the root, by absolute path. */
  readonly files: Map<string, Tracked>;
  readonly read: ReadOptions;
  /** True once the root was removed, closed or has gone: jobs stop at their next step. */
  readonly stopped: boolean;
  /** Hands an event to the consumer; resolves false when the root stopped meanwhile. */
  deliver(event: LiveEvent): Promise<boolean>;
  /** Reads the file again from scratch once it held still; `reason` goes into its resets. */
  rereadWhenSettled(file: string, reason?: string): void;
  /**
   * Looks at a tailed file once more a little later. Needed after each read: chokidar drops
   * a change whose modification time equals the last one it saw once the file's access time
   * is newer (our read makes it so), and appends within one clock tick share that time.
   */
  recheckLater(file: string): void;
  /** Whether a file is waiting to be read again (changes until then are not read). */
  rereadPending(file: string): boolean;
  /** Watches a path as a folder that the watcher still watches as the file it replaced. */
  watchAsFolder(dir: string): void;
  /** Ends watching after the root itself disappeared. */
  stop(): Promise<void>;
}

/** The file's stat when it is a regular file; null when it is gone or not a file. */
export async function statFile(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    // Vanished (or unreadable) between the event and this look: the unlink event reports it.
    return null;
  }
}

/** Whether anything exists at the path. */
export async function exists(where: string): Promise<boolean> {
  return stat(where).then(
    () => true,
    () => false,
  );
}
