/**
 * The engine: owns the store, the readers and parsers, the duplicate ledger, the rule
 * catalogue and the live reader. It runs in a worker thread under the app and
 * `seclog serve` (worker.ts), and in the process itself under the one-shot CLI commands.
 * It never imports electron. Its API (the contract's channels) is in engine-api.ts.
 */
import type { Api, Filter } from '../../shared/api/contract.js';
import type { EventRow, Notification, RootInfo, SourceInfo } from '../../shared/api/types.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from './read/index.js';
import { startedEarly } from './read/early.js';
import type { Found, ReadOptions } from './read/types.js';
import {
  startParsing,
  type Parsed,
  type Parsing,
  type SourceInfo as ParseSource,
} from './pipeline/parsing.js';
import type { QuarantineNote } from './pipeline/rows.js';
import { StoreQueue } from './pipeline/store-queue.js';
import { EventStore } from './store/index.js';
import { Notifier } from './notify.js';
import { SqlConsole } from './sql/index.js';
import { writeExport, type ExportFormat } from './export/index.js';
import { LiveReader, type LiveEvent } from './watch/index.js';
import { engineApi } from './engine-api.js';
import { join, resolve } from 'node:path';

/** Options of an engine. */
export interface EngineOptions {
  read?: ReadOptions;
  /** How often notifications may go out, in ms (default 250). */
  notifyMs?: number;
  /** A saved session to reopen. */
  session?: Uint8Array;
  /** Watch by polling instead of native file-system events. */
  poll?: boolean;
  /** How long a new file must hold still before it is read, in ms. */
  settleMs?: number;
  /**
   * The parse thread's script (the built parse-worker.cjs); by default the one beside the
   * running bundle. `false`, or no script found, parses in the engine's own thread.
   */
  parseWorker?: string | false;
  /** How long an SQL console query may run, in ms (the console's default when absent). */
  sqlTimeoutMs?: number;
}

/** A source being read or watched; its books are kept on the parse side. */
interface Tracked {
  id: number;
  path: string;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The engine. Create with `Engine.create`; `close()` frees the store and stops watching. */
export class Engine {
  readonly rules = new RuleBook();
  readonly api: Api;
  /** The parse side: the books of each source, the duplicate ledger, a copy of the rules. */
  readonly #parsing: Parsing;
  /** The version of the rule book the parse side was last given; -1 before the first. */
  #parseRules = -1;
  readonly #notifier: Notifier;
  #indexed = false;
  #indexing: Promise<void> = Promise.resolve();
  #closed = false;
  /** Bumped on every change to the store, so the SQL console knows when its copy is stale. */
  #version = 0;
  #console: SqlConsole | null = null;
  #live: LiveReader | null = null;
  /** Live reader root id → store root id. */
  #roots = new Map<number, number>();
  /** Store root id → live reader root id. */
  #liveIds = new Map<number, number>();
  /** The store root being added while its first scan runs. */
  #adding: number | null = null;
  /** Store root id → the path as given and as the live reader resolves it. */
  #rootPaths = new Map<number, { given: string; absolute: string }>();
  #tracked = new Map<string, Tracked>();
  /** Each source's last counts, and their sum kept up to date by difference. */
  #totals = new Map<number, { events: number; duplicates: number; malformed: number }>();
  #sum = { events: 0, duplicates: 0, malformed: 0 };
  /** The parse side's answers waiting to be stored, in request order. */
  readonly #stores = new StoreQueue();

  private constructor(
    readonly store: EventStore,
    private readonly options: EngineOptions,
  ) {
    this.#notifier = new Notifier(options.notifyMs ?? 250);
    // A reopened session keeps the rule lists imported into it.
    if (options.session) for (const rule of store.storedRules()) this.rules.add(rule);
    store.syncRules(this.rules);
    this.#parsing = startParsing(options.parseWorker);
    this.api = engineApi(this);
  }

  /** Gives the parse side the rules imported since it was last told (they name event types). */
  #syncParseRules(): void {
    if (this.rules.version === this.#parseRules) return;
    this.#parseRules = this.rules.version;
    this.#parsing.rules(this.rules.all());
  }

  /** Opens an engine on an empty store, or on a saved session. */
  static async create(options: EngineOptions = {}): Promise<Engine> {
    const store = await EventStore.open(options.session ? { bytes: options.session } : {});
    return new Engine(store, options);
  }

  /** Listens to coalesced notifications; returns the function that stops listening. */
  subscribe(listener: (n: Notification) => void): () => void {
    return this.#notifier.subscribe(listener);
  }

  /** Reads paths once (files and folders, recursively), as `seclog summary` does. */
  async load(paths: string[]): Promise<void> {
    for (const path of paths) {
      const root = this.store.addRoot(path, false);
      for await (const found of startedEarly(findSources([path], this.options.read))) {
        await this.#found(root.id, found);
      }
      await this.#stores.settled();
      this.store.setRootStatus(root.id, 'live');
    }
    this.#index();
  }

  /**
   * Watches a folder or file: reads what is there, then every file that appears or grows.
   * Resolves once the first scan is done.
   */
  async watch(path: string, opts: { poll?: boolean } = {}): Promise<RootInfo> {
    const poll = opts.poll ?? this.options.poll ?? false;
    this.#live ??= new LiveReader({
      poll,
      settleMs: this.options.settleMs,
      read: this.options.read,
      onEvent: (e) => this.#onLive(e),
    });
    const root = this.store.addRoot(path, poll);
    this.#rootPaths.set(root.id, { given: path, absolute: resolve(path) });
    this.#notifier.sourcesChanged();
    this.#adding = root.id;
    try {
      const handle = await this.#live.add(path, { poll });
      this.#roots.set(handle.id, root.id);
      this.#liveIds.set(root.id, handle.id);
      // The first scan's last files may still be on their way to the store.
      await this.#stores.settled();
    } finally {
      this.#adding = null;
    }
    this.#index();
    // A root pulled during its first scan was marked gone meanwhile: that stands.
    const gone = this.store.listRoots().some((r) => r.id === root.id && r.status === 'gone');
    if (!gone) this.store.setRootStatus(root.id, 'live');
    this.#notifier.sourcesChanged();
    return { ...root, status: gone ? 'gone' : 'live' };
  }

  /** Stops watching a root and drops its sources and their events. */
  async unwatch(rootId: number): Promise<boolean> {
    const liveId = this.#liveIds.get(rootId);
    if (liveId !== undefined && this.#live) await this.#live.remove(liveId);
    // What is still being stored would otherwise land after the sources were dropped.
    await this.#stores.settled().catch(() => undefined);
    this.#liveIds.delete(rootId);
    if (liveId !== undefined) this.#roots.delete(liveId);
    for (const s of this.store.listSources({ rootId })) {
      this.#parsing.forget(s.id);
      this.#tracked.delete(s.path);
      this.#count(s.id, null);
    }
    const removed = this.store.removeRoot(rootId);
    this.#changed();
    this.#notifier.sourcesChanged();
    return removed;
  }

  /**
   * Indexes the store after its first load, one index per turn of the event loop, so
   * requests that arrive meanwhile are answered between two of them rather than after all.
   * Nothing waits for them: the first screen's rankings come from the store's tally, and
   * every query is right without an index, only slower.
   */
  #index(): void {
    if (this.#indexed) return;
    this.#indexed = true;
    this.#indexing = (async () => {
      for (let n = 0; n < this.store.indexCount; n++) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#closed) return;
        this.store.buildIndex(n);
      }
    })();
  }

  /** Resolves when every index is built (queries do not need to wait: they are right without). */
  indexed(): Promise<void> {
    return this.#indexing;
  }

  /**
   * Names a live source as `seclog summary` would: under the root as the user gave it, not
   * the absolute path the live reader watches.
   */
  #display(rootId: number, path: string): string {
    const root = this.#rootPaths.get(rootId);
    if (!root || !path.startsWith(root.absolute)) return path;
    const rest = path.slice(root.absolute.length);
    return rest === '' ? root.given : join(root.given, rest);
  }

  /** A message with the live reader's absolute root path put back as the user gave it. */
  #displayText(rootId: number, text: string): string {
    const root = this.#rootPaths.get(rootId);
    if (!root || root.absolute === root.given) return text;
    return text.split(root.absolute).join(root.given);
  }

  #renamed(rootId: number, found: Found): Found {
    if (found.type !== 'text') {
      return {
        ...found,
        path: this.#display(rootId, found.path),
        reason: this.#displayText(rootId, found.reason),
      };
    }
    const src = found.source;
    const path = this.#display(rootId, src.path);
    if (path === src.path) return found;
    const source = {
      path,
      encoding: src.encoding,
      container: src.container,
      batches: () => src.batches(),
    };
    return { type: 'text', source };
  }

  async #onLive(raw: LiveEvent): Promise<void> {
    const rootId = this.#roots.get(raw.rootId) ?? this.#adding;
    if (rootId === null) return;
    const e: LiveEvent =
      raw.type === 'found'
        ? { ...raw, found: this.#renamed(rootId, raw.found) }
        : 'path' in raw
          ? { ...raw, path: this.#display(rootId, raw.path) }
          : raw;
    if ('reason' in e) e.reason = this.#displayText(rootId, e.reason);
    // Files found one after another are stored while the next ones are read; anything else
    // about a source (growth, a reset, gone) waits until what was found before is stored.
    if (e.type !== 'found') await this.#stores.settled();
    if (e.type === 'found') {
      await this.#found(rootId, e.found);
    } else if (e.type === 'lines') {
      const t = this.#tracked.get(e.path);
      if (!t) return;
      this.#syncParseRules();
      // Both requests go out before either answer is awaited: one round trip, not two.
      const taken = this.#parsing.take(t.id, e.batch);
      const flushed = this.#parsing.flush(t.id);
      // Both answers are stored in one go, with one statement for the counts and how far the
      // file was read: no request sees rows that its source does not count yet.
      const answers = await Promise.allSettled([taken, flushed]);
      const books: Partial<SourceInfo> = { bytesRead: e.bytesRead, bytesTotal: e.bytesTotal };
      let error: string | null = null;
      try {
        for (const answer of answers) {
          if (answer.status === 'rejected') throw answer.reason;
          Object.assign(books, this.#storeParsed(t, answer.value));
        }
      } catch (err) {
        error = messageOf(err);
      }
      if (this.#tracked.get(e.path) === t) {
        this.store.updateSource(t.id, error === null ? books : { ...books, error });
      } else if (error !== null) this.store.updateSource(t.id, { error });
    } else if (e.type === 'reset') {
      const t = this.#tracked.get(e.path);
      if (!t) return;
      this.#parsing.forget(t.id);
      this.store.clearSource(t.id);
      this.#tracked.delete(e.path);
      this.#count(t.id, null);
      this.store.updateSource(t.id, { status: 'reading', error: e.reason });
      this.#changed();
    } else if (e.type === 'gone') {
      const id = this.#tracked.get(e.path)?.id ?? this.store.upsertSource(rootId, e.path);
      this.store.updateSource(id, { status: 'gone' });
    } else if (e.type === 'root-gone') {
      this.store.setRootStatus(rootId, 'gone');
      for (const s of this.store.listSources({ rootId })) {
        if (s.status !== 'skipped') this.store.updateSource(s.id, { status: 'gone' });
      }
    } else {
      const known = this.#tracked.get(e.path)?.id;
      const id = known ?? this.store.upsertSource(rootId, e.path);
      // A path first heard of through an error was never read: it is failed, not reading.
      this.store.updateSource(
        id,
        known ? { error: e.reason } : { status: 'failed', error: e.reason },
      );
    }
    this.#notifier.sourcesChanged();
  }

  /**
   * Records a found path and, for a text source, reads what it holds now and hands it to the
   * parse side. Resolves once the source was read, usually before its answers are stored:
   * they are stored in turn (`StoreQueue.settled` waits for them), so the next file is read
   * meanwhile.
   */
  async #found(rootId: number, found: Found): Promise<void> {
    const path = found.type === 'text' ? found.source.path : found.path;
    const id = this.store.upsertSource(rootId, path);
    if (found.type !== 'text') {
      const status = found.type === 'skipped' ? 'skipped' : 'failed';
      this.store.updateSource(id, { status, error: found.reason });
      this.#notifier.sourcesChanged();
      return;
    }
    const src = found.source;
    const t: Tracked = { id, path };
    this.#tracked.set(path, t);
    this.#syncParseRules();
    const info: ParseSource = { path, encoding: src.encoding, container: src.container };
    if (src.expectedBytes !== undefined) info.expectedBytes = src.expectedBytes;
    this.#parsing.open(id, info);
    this.#notifier.sourcesChanged();
    // The books wait for the first answer and go out with its counts: a small file costs one
    // update, not four. While the read goes on, each answer is stored with its counts, to
    // show progress; once it ended, the last answers are stored together with the flush.
    let books: Partial<SourceInfo> = {
      status: 'reading',
      encoding: src.encoding,
      container: src.container,
      error: null,
    };
    let reading = true;
    let held: { parsed: Parsed; read: Partial<SourceInfo> }[] = [];
    let error: string | null = null;
    const fail = (err: unknown) => {
      error ??= this.#displayText(rootId, messageOf(err));
    };
    /** Stores the held answers and the counts (`last`: as read to the end); false: dropped. */
    const write = (last: boolean): boolean => {
      const answers = held;
      held = [];
      try {
        for (const { parsed, read } of answers) {
          const counts = this.#storeParsed(t, parsed);
          if (counts === null) return false;
          books = { ...books, ...counts, ...read };
        }
      } catch (err) {
        fail(err);
      }
      if (this.#tracked.get(path) !== t) return false;
      this.store.updateSource(id, last ? { ...books, status: 'live', error } : books);
      books = {};
      return true;
    };
    const take = (parsed: Parsed | null, err: unknown, read: Partial<SourceInfo>) => {
      if (parsed === null) return fail(err);
      held.push({ parsed, read });
      if (reading) write(false);
    };
    try {
      for await (const batch of src.batches()) {
        // Read before the batch moves to the parse thread, which empties its arrays here.
        const n = batch.count;
        const read = n > 0 ? { bytesRead: batch.offsets[n - 1]! + batch.bytes[n - 1]! } : {};
        await this.#stores.room(n);
        const parsed = this.#parsing.take(id, batch);
        parsed.catch(() => undefined); // handled when stored
        this.#stores.enqueue({ parsed, lines: n, run: (p, err) => take(p, err, read) });
      }
    } catch (err) {
      fail(err);
    }
    reading = false;
    await this.#stores.room(0);
    // Asked before the last batches are stored: a small file costs one round trip, not two.
    const flushed = this.#parsing.flush(id);
    flushed.catch(() => undefined);
    this.#stores.enqueue({
      parsed: flushed,
      lines: 0,
      run: (p, err) => {
        if (p === null) fail(err);
        else held.push({ parsed: p, read: {} });
        if (write(true)) this.#notifier.sourcesChanged();
      },
    });
  }

  /**
   * Stores what the parse side gave for a source, unless the source was dropped meanwhile;
   * returns its counts for the caller to write with whatever else it has to say, or null.
   */
  #storeParsed(t: Tracked, p: Parsed): Partial<SourceInfo> | null {
    if (this.#tracked.get(t.path) !== t) return null;
    this.store.insertPacked(t.id, p.rows);
    if (p.bad.length) this.store.insertMalformed(t.id, p.bad);
    const a = p.account;
    this.#count(t.id, { events: a.events, duplicates: a.duplicates, malformed: a.malformed });
    this.#changed(p.quarantine);
    return {
      kind: a.kind,
      lines: a.lines,
      events: a.events,
      duplicates: a.duplicates,
      malformed: a.malformed,
      other: a.other,
    };
  }

  /** Records a source's counts (null: the source's rows are gone) and updates the sum. */
  #count(id: number, now: { events: number; duplicates: number; malformed: number } | null) {
    const before = this.#totals.get(id);
    if (before) {
      this.#sum.events -= before.events;
      this.#sum.duplicates -= before.duplicates;
      this.#sum.malformed -= before.malformed;
    }
    if (!now) {
      this.#totals.delete(id);
      return;
    }
    this.#totals.set(id, now);
    this.#sum.events += now.events;
    this.#sum.duplicates += now.duplicates;
    this.#sum.malformed += now.malformed;
  }

  #changed(quarantine: QuarantineNote[] = []): void {
    this.#version++;
    this.#notifier.counts({ ...this.#sum }, quarantine);
  }

  /** Every event that passes the filter, page by page, in time order. */
  async *pages(filter?: Filter): AsyncGenerator<EventRow[]> {
    let after: string | undefined;
    do {
      const page = this.store.queryEvents({ filter, after, limit: 1000 });
      if (page.rows.length) yield page.rows;
      after = page.next ?? undefined;
    } while (after);
  }

  /** Writes the events that pass the filter to a file chosen by the user. */
  exportTo(format: ExportFormat, out: string, filter?: Filter) {
    return writeExport(format, out, this.pages(filter), {
      ruleName: (id) => this.rules.lookup(id)?.name.en || null,
    });
  }

  /** The read-only SQL console, started on first use over a copy of the store. */
  sql(): SqlConsole {
    // `bytes` is a getter: the console reads it only when the version moved, so a query
    // over an unchanged store does not export the whole store again.
    const store = this.store;
    this.#console ??= new SqlConsole(
      () => ({
        version: this.#version,
        get bytes() {
          return store.exportBytes();
        },
      }),
      { timeoutMs: this.options.sqlTimeoutMs },
    );
    return this.#console;
  }

  /** Stops watching, frees the SQL console and the store; the engine cannot be used afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#indexing;
    this.#notifier.close();
    await this.#live?.close();
    await this.#stores.settled().catch(() => undefined);
    await this.#console?.close();
    await this.#parsing.close();
    this.store.close();
  }
}
