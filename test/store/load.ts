/**
 * Loads paths into a store the way the engine will: findSources + ingestSource with a sink
 * that writes into the store, and the sources table kept from each SourceAccount.
 */
import type { MalformedLine, SecEvent } from '../../shared/model.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from '../../electron/engine/read/index.js';
import { ingestSource, Ledger, type EventSink } from '../../electron/engine/ingest.js';
import type { EventStore } from '../../electron/engine/store/index.js';

/** Buffers one source's events and malformed lines and writes them in batches. */
class StoreSink implements EventSink {
  #events: SecEvent[] = [];
  #bad: MalformedLine[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly sourceId: number,
  ) {}

  event(ev: SecEvent): void {
    this.#events.push(ev);
    if (this.#events.length >= 1000) this.flush();
  }

  malformed(line: MalformedLine): void {
    this.#bad.push(line);
  }

  flush(): void {
    this.store.insertEvents(this.sourceId, this.#events);
    this.store.insertMalformed(this.sourceId, this.#bad);
    this.#events = [];
    this.#bad = [];
  }
}

/** Reads every path into the store under one root, then creates the indexes. */
export async function loadPaths(store: EventStore, paths: string[], rules = new RuleBook()) {
  store.syncRules(rules);
  const root = store.addRoot(paths.join(', '), false);
  const ledger = new Ledger();
  for await (const found of findSources(paths)) {
    if (found.type !== 'text') {
      const id = store.upsertSource(root.id, found.path);
      store.updateSource(id, { status: found.type, error: found.reason });
      continue;
    }
    const id = store.upsertSource(root.id, found.source.path);
    const sink = new StoreSink(store, id);
    const account = await ingestSource(found.source, ledger, rules, sink);
    sink.flush();
    const { path: _path, ...counts } = account;
    store.updateSource(id, { ...counts, status: 'live', error: account.error ?? null });
  }
  store.setRootStatus(root.id, 'live');
  store.finishLoad();
  return root;
}
