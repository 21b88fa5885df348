/** One watched root: its chokidar watcher, its files, and the jobs its events start. */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { findSources, type ReadOptions } from '../read/index.js';
import { systemFolderReason } from '../read/names.js';
import {
  fileChanged,
  fileUnlinked,
  folderUnlinked,
  reread,
  rootCheck,
  sweep,
  watchFailed,
} from './changes.js';
import type { RootContext } from './context.js';
import { intake } from './intake.js';
import { pollInterval } from './poll-interval.js';
import type { JobQueue } from './queue.js';
import { Settler } from './settle.js';
import type { Tracked } from './tracked.js';
import type { LiveEvent } from './types.js';

/** How a root watches, and the reader-wide parts it shares. */
export interface RootSetup {
  id: number;
  path: string;
  poll: boolean;
  settleMs: number;
  intervalMs: number;
  read: ReadOptions;
  queue: JobQueue;
  /** Delivers to the consumer, one event at a time across all roots. */
  deliver: (event: LiveEvent) => Promise<void>;
}

/**
 * A root folder (or file) under watch. Owns a chokidar watcher and the settle timers;
 * `stop` releases both and must be awaited. Its work runs on the reader's shared queue.
 */
export class WatchedRoot implements RootContext {
  readonly id: number;
  readonly path: string;
  readonly files = new Map<string, Tracked>();
  readonly read: ReadOptions;
  #setup: RootSetup;
  #settler: Settler;
  #watcher: FSWatcher | null = null;
  #stopped = false;
  /** Ends a `start` still waiting for the watcher to be ready. */
  #onStop: () => void = () => {};
  /** Looks whether the root still exists; cleared by `stop`. */
  #rootTimer: NodeJS.Timeout | null = null;
  /** Sweeps recently active tailed files for changes without events; cleared by `stop`. */
  #sweepTimer: NodeJS.Timeout | null = null;
  /** Pending second looks at tailed files, one timer per file; cleared by `stop`. */
  #rechecks = new Map<string, NodeJS.Timeout>();
  /** Files waiting to settle before a full read, with the reason their reset will give. */
  #rereads = new Map<string, string | undefined>();

  constructor(setup: RootSetup) {
    this.id = setup.id;
    this.path = setup.path;
    this.read = setup.read;
    this.#setup = setup;
    this.#settler = new Settler(setup.settleMs);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Starts watching, then emits the initial scan; resolves once the scan was delivered. */
  async start(): Promise<void> {
    // A large tree is polled less often per file (poll-interval.ts).
    const interval = this.#setup.poll
      ? await pollInterval(this.path, this.#setup.intervalMs)
      : this.#setup.intervalMs;
    // Stopped while counting: no watcher may be made after `stop` looked for one.
    if (this.#stopped) return;
    const watcher = watch(this.path, {
      ignoreInitial: true,
      usePolling: this.#setup.poll,
      interval,
      binaryInterval: interval,
      // Own settling instead of awaitWriteFinish: that also holds `change` events, so a log
      // written to without a pause would never be read. Tailing holds back partial lines.
      awaitWriteFinish: false,
      // Report unreadable files (as failed sources) instead of silently not watching them.
      ignorePermissionErrors: true,
      // Links are not followed for watching: a link back up the tree would make chokidar
      // walk it to the depth limit, billions of paths. The first scan (findSources) still
      // reads linked files and folders once each.
      followSymlinks: false,
      ignored: (where, stats) => this.#ignored(where, stats?.isDirectory() ?? false),
    });
    this.#watcher = watcher;
    // Events before ready are dropped: the scan that follows sees the current state anyway.
    let ready = false;
    const onFile = (job: (where: string) => Promise<void>, keyed: boolean) => (where: string) => {
      if (ready) this.#push(keyed ? `file:${where}` : null, () => job(where));
    };
    watcher.on(
      'add',
      onFile((where) => fileChanged(this, where), true),
    );
    watcher.on(
      'change',
      onFile((where) => fileChanged(this, where), true),
    );
    watcher.on(
      'unlink',
      onFile((where) => fileUnlinked(this, where), false),
    );
    watcher.on(
      'unlinkDir',
      onFile((where) => folderUnlinked(this, where), false),
    );
    // Always listened to: an emitter without an error listener throws.
    watcher.on('error', (error) => this.#push(null, () => watchFailed(this, error)));
    await new Promise<void>((resolve) => {
      watcher.once('ready', resolve);
      this.#onStop = resolve;
    });
    if (this.#stopped) return;
    ready = true;
    const every = Math.max(this.#setup.intervalMs, this.#setup.settleMs);
    // Keyed, so a busy queue holds one waiting look of each kind at most.
    this.#rootTimer = setInterval(() => this.#push('root', () => rootCheck(this)), every);
    const sweepEvery = Math.max(1000, 10 * this.#setup.settleMs);
    this.#sweepTimer = setInterval(() => this.#push('sweep', () => sweep(this)), sweepEvery);
    await this.#setup.queue.run(() => this.#scan());
  }

  /** Stops watching: no event for this root is delivered after this resolves. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#onStop();
    if (this.#rootTimer !== null) clearInterval(this.#rootTimer);
    if (this.#sweepTimer !== null) clearInterval(this.#sweepTimer);
    this.#settler.stop();
    this.#rereads.clear();
    for (const timer of this.#rechecks.values()) clearTimeout(timer);
    this.#rechecks.clear();
    await this.#watcher?.close();
  }

  async deliver(event: LiveEvent): Promise<boolean> {
    if (this.#stopped) return false;
    await this.#setup.deliver(event);
    return !this.#stopped;
  }

  rereadWhenSettled(file: string, reason?: string): void {
    if (this.#stopped) return;
    if (this.#rereads.has(file)) {
      this.#rereads.set(file, this.#rereads.get(file) ?? reason);
      return;
    }
    this.#rereads.set(file, reason);
    const settled = (): void => {
      this.#setup.queue.push(async () => {
        if (this.#stopped) return;
        const why = this.#rereads.get(file);
        this.#rereads.delete(file);
        await reread(this, file, why);
      });
    };
    // Gone while settling: its unlink event follows, unless a folder took its place (a look
    // at the path notices that; chokidar may not report it).
    const vanished = (): void => {
      this.#rereads.delete(file);
      this.#push(`file:${file}`, () => fileChanged(this, file));
    };
    this.#settler.start(file, settled, vanished);
  }

  recheckLater(file: string): void {
    if (this.#stopped || this.#rechecks.has(file)) return;
    const timer = setTimeout(() => {
      this.#rechecks.delete(file);
      this.#push(`file:${file}`, () => fileChanged(this, file));
    }, this.#setup.settleMs);
    this.#rechecks.set(file, timer);
  }

  rereadPending(file: string): boolean {
    return this.#rereads.has(file);
  }

  watchAsFolder(dir: string): void {
    const watcher = this.#watcher;
    if (this.#stopped || watcher === null || dir in watcher.getWatched()) return;
    // Adding alone leaves chokidar's watch of the old file in place, and then new files in
    // the folder go unreported: the path's old watch must be dropped first.
    watcher.unwatch(dir);
    watcher.add(dir);
  }

  async #scan(): Promise<void> {
    if (this.#stopped) return;
    await intake(this, findSources([this.path], this.read));
    // A root missing from the start is reported like one that disappeared.
    await rootCheck(this);
  }

  /** Queues a job for this root; a keyed job still waiting is not queued twice. */
  #push(key: string | null, job: () => Promise<void>): void {
    const queueKey = key === null ? null : `${this.id}\u0000${key}`;
    this.#setup.queue.push(async () => {
      if (!this.#stopped) await job();
    }, queueKey);
  }

  /** System folders below the root hold no logs and are not watched (the scan skips them). */
  #ignored(where: string, isDirectory: boolean): boolean {
    const rel = path.relative(this.path, where);
    if (rel === '' || rel.startsWith('..')) return false;
    const parts = rel.split(path.sep);
    const last = parts.pop()!;
    if (parts.some((part) => systemFolderReason(part) !== null)) return true;
    return isDirectory && systemFolderReason(last) !== null;
  }
}
