/** The live watcher the engine owns: watched roots in, source-level events out. */
import path from 'node:path';
import { quoted, rawMessage } from '../read/problems.js';
import { pathOf } from './intake.js';
import { JobQueue } from './queue.js';
import { WatchedRoot } from './root.js';
import type { LiveEvent, LiveOptions, RootHandle, RootOptions } from './types.js';

const DEFAULT_SETTLE_MS = 300;
const DEFAULT_INTERVAL_MS = 100;

/**
 * Watches roots (folders or files, recursively) and reports what appears, grows, is
 * replaced or disappears under them through `onEvent`. One per engine. Each root holds a
 * file system watcher; `close()` releases them all and must be awaited. Never throws out
 * of the watching: problems arrive as `error` events; nothing is written to the console.
 */
export class LiveReader {
  readonly #options: LiveOptions;
  readonly #queue = new JobQueue();
  readonly #roots = new Map<number, WatchedRoot>();
  #nextId = 1;
  #delivering = false;
  #closed = false;

  constructor(options: LiveOptions) {
    this.#options = options;
  }

  /**
   * Starts watching a folder or file and emits what it holds now (the same order and skip
   * rules as `findSources`). Resolves once that initial scan has been delivered.
   */
  async add(rootPath: string, options: RootOptions = {}): Promise<RootHandle> {
    if (this.#closed) throw new Error('live reader: add after close');
    const id = this.#nextId++;
    const root = new WatchedRoot({
      id,
      path: path.resolve(rootPath),
      poll: options.poll ?? this.#options.poll ?? false,
      settleMs: positive(this.#options.settleMs, DEFAULT_SETTLE_MS),
      intervalMs: positive(this.#options.intervalMs, DEFAULT_INTERVAL_MS),
      read: this.#options.read ?? {},
      queue: this.#queue,
      deliver: (event) => this.#deliver(event),
    });
    this.#roots.set(id, root);
    await root.start();
    return { id, path: root.path };
  }

  /** Stops watching a root; no event of it is delivered after this resolves. */
  async remove(rootId: number): Promise<void> {
    const root = this.#roots.get(rootId);
    if (root === undefined) return;
    this.#roots.delete(rootId);
    await root.stop();
  }

  /** Stops every watcher and waits for work under way to end (unless called from onEvent). */
  async close(): Promise<void> {
    this.#closed = true;
    const roots = [...this.#roots.values()];
    this.#roots.clear();
    await Promise.all(roots.map((root) => root.stop()));
    // From inside onEvent the running job is the caller's own delivery: waiting would hang.
    if (!this.#delivering) await this.#queue.idle();
  }

  /** Hands one event to the consumer; a failing handler becomes an `error` event. */
  async #deliver(event: LiveEvent): Promise<void> {
    this.#delivering = true;
    try {
      await this.#options.onEvent(event);
    } catch (error) {
      if (event.type === 'error') return;
      const where =
        event.type === 'found'
          ? pathOf(event.found)
          : 'path' in event
            ? event.path
            : (this.#roots.get(event.rootId)?.path ?? '');
      const reason =
        `could not take in what was read from ${quoted(where)}: the ${event.type} event ` +
        `handler failed: ${rawMessage(error)}. Remove the folder and add it again; if this ` +
        'happens again, report it with this message.';
      try {
        await this.#options.onEvent({ type: 'error', rootId: event.rootId, path: where, reason });
      } catch {
        // The handler fails on errors too: nothing else can be told.
      }
    } finally {
      this.#delivering = false;
    }
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
