/**
 * The event store: sql.js tables of sources, events and malformed lines, written in bulk
 * and queried by the engine. Everything but opening is synchronous: the engine runs in a
 * worker thread and calls it directly.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import type { Filter } from '../../../shared/api/contract.js';
import type {
  DeviceRow,
  EventPage,
  IpDetail,
  IpRow,
  MalformedRow,
  RootInfo,
  RuleRow,
  SourceInfo,
  TimelineBucket,
} from '../../../shared/api/types.js';
import type { MalformedLine } from '../../../shared/model.js';
import type { Rule, RuleBook } from '../../../shared/rules/index.js';
import type { Summary } from '../../../shared/summary-types.js';
import { AddressBook } from './addrs.js';
import * as books from './books.js';
import {
  countEvents,
  eventLocation,
  listMalformed,
  queryEvents,
  type EventLocation,
  type EventQuery,
  type MalformedQuery,
} from './events.js';
import { ipDetail } from './ip.js';
import { INDEX_LIST, INDEXES, SCHEMA } from './schema.js';
import { copyTables, dropTables, memIndexes } from './open.js';
import { openDatabase, type OpenOptions } from './open.js';
import { deviceRows, ipRows, ruleRows, timelineRows } from './stats.js';
import { summarize } from './summary.js';
import { Tally } from './tally.js';
import { Lookups } from './lookups.js';
import { Writer, type StoredEvent } from './write.js';
import { forgetStatements } from './sql.js';
import type { PackedRows } from '../pipeline/rows.js';
import { loadSqlJs } from './sqljs.js';
import { storedRules, syncRules } from './rules.js';

export type { EventLocation, EventQuery, MalformedQuery } from './events.js';
export type { OpenOptions } from './open.js';
export type { SourcePatch } from './books.js';
export type { StoredEvent } from './write.js';

/**
 * One session's events in an in-memory SQLite database. The store owns its sql.js
 * Database: call close() when done, or its WebAssembly memory is never given back.
 */
export class EventStore {
  readonly #db: Database;
  readonly #addrs: AddressBook;
  readonly #writer: Writer;
  readonly #tally = new Tally();
  readonly #lookups: Lookups;

  private constructor(SQL: SqlJsStatic, db: Database) {
    this.#db = db;
    this.#addrs = new AddressBook(db);
    this.#writer = new Writer(SQL, db, this.#addrs, this.#tally);
    this.#lookups = new Lookups(db, this.#addrs, this.#tally);
  }

  /**
   * An empty store, or the saved session in `bytes`. Throws when the bytes are not a
   * seclog session.
   */
  static async open(opts: OpenOptions = {}): Promise<EventStore> {
    const db = await openDatabase(opts);
    const store = new EventStore(await loadSqlJs(opts), db);
    // A saved session holds its events already: index and count them now.
    if (opts.bytes) {
      store.finishLoad();
      store.#tally.invalidate();
    }
    return store;
  }

  /** Frees the sql.js Database and its prepared statements; the store is unusable after. */
  close(): void {
    this.#writer.free();
    this.#addrs.free();
    forgetStatements(this.#db);
    this.#db.close();
  }

  /** The whole database as SQLite file bytes, for saving a session. */
  exportBytes(): Uint8Array {
    // sql.js exports only `main`: copy the tables there for the moment of the export.
    // Nothing else runs meanwhile (all of this is synchronous), so no query sees `main`.
    this.#db.exec(SCHEMA);
    try {
      copyTables(this.#db, 'mem', 'main');
      return this.#db.export();
    } finally {
      dropTables(this.#db, 'main');
    }
  }

  /** Records a watched folder or file. */
  addRoot(path: string, poll = false): RootInfo {
    return books.addRoot(this.#db, path, poll);
  }

  /** Sets a root's status. */
  setRootStatus(id: number, status: RootInfo['status']): void {
    books.setRootStatus(this.#db, id, status);
  }

  /** Forgets a root, its sources, their events and malformed lines; false when unknown. */
  removeRoot(id: number): boolean {
    this.#tally.invalidate();
    return books.removeRoot(this.#db, id);
  }

  /** Every root, by id. */
  listRoots(): RootInfo[] {
    return books.listRoots(this.#db);
  }

  /** The id of the source at `path` (the same id when it is already known). */
  upsertSource(rootId: number, path: string): number {
    return books.upsertSource(this.#db, rootId, path);
  }

  /** Changes the given fields of a source. */
  updateSource(id: number, patch: books.SourcePatch): void {
    books.updateSource(this.#db, id, patch);
  }

  /** The sources (all, one by id, or one root's), by id. */
  listSources(only: books.SourceSelection = {}): SourceInfo[] {
    return books.listSources(this.#db, only);
  }

  /** Deletes a source's events and malformed lines and zeroes its counts. */
  clearSource(id: number): void {
    this.#tally.invalidate();
    books.clearSource(this.#db, id);
  }

  /** Stores events of one source (one transaction per call). */
  insertEvents(sourceId: number, events: StoredEvent[]): void {
    this.#writer.events(sourceId, events);
  }

  /** Stores rows packed by the parse side (one transaction per call). */
  insertPacked(sourceId: number, packed: PackedRows): void {
    this.#writer.packed(sourceId, packed);
  }

  /** Stores malformed lines of one source (one transaction per call). */
  insertMalformed(sourceId: number, lines: MalformedLine[]): void {
    this.#writer.malformed(sourceId, lines);
  }

  /** Creates the indexes after a bulk load; later inserts keep them up to date. */
  finishLoad(): void {
    this.#db.exec(memIndexes(INDEXES));
  }

  /** How many index statements there are (INDEX_LIST), for building them one at a time. */
  get indexCount(): number {
    return INDEX_LIST.length;
  }

  /** Creates the `n`th index of INDEX_LIST (nothing when it exists already). */
  buildIndex(n: number): void {
    this.#db.exec(memIndexes(INDEX_LIST[n]!));
  }

  /** Writes the rule catalogue into the `rules` table, replacing what was there. */
  /** The rules the store holds, as a saved session kept them. */
  storedRules(): Rule[] {
    return storedRules(this.#db);
  }

  syncRules(rules: RuleBook): void {
    syncRules(this.#db, rules);
  }

  /** One page of events; `next` continues it. */
  queryEvents(q: EventQuery = {}): EventPage {
    return queryEvents(this.#lookups, q);
  }

  /** How many events a filter matches. */
  countEvents(filter?: Filter): number {
    return countEvents(this.#lookups, filter);
  }

  /** Top attackers by events, then address order. */
  attackers(filter?: Filter, limit?: number): IpRow[] {
    return ipRows(this.#lookups, 'attacker', filter, limit);
  }

  /** Top victims by events, then address order. */
  victims(filter?: Filter, limit?: number): IpRow[] {
    return ipRows(this.#lookups, 'victim', filter, limit);
  }

  /** Devices in address order. */
  devices(filter?: Filter, limit?: number): DeviceRow[] {
    return deviceRows(this.#lookups, filter, limit);
  }

  /** Rule IDs by events, with what the rules table knows. */
  rules(filter?: Filter, limit?: number): RuleRow[] {
    return ruleRows(this.#lookups, filter, limit);
  }

  /** Events per time bucket and type. */
  timeline(filter: Filter | undefined, bucketSeconds: number): TimelineBucket[] {
    return timelineRows(this.#lookups, bucketSeconds, filter);
  }

  /** Everything about one address. */
  ipDetail(ip: string, bucketSeconds?: number): IpDetail {
    return ipDetail(this.#db, this.#addrs, ip, bucketSeconds);
  }

  /** Malformed lines by source then line. */
  malformed(q: MalformedQuery = {}): MalformedRow[] {
    return listMalformed(this.#db, q);
  }

  /** Where an event's raw line is, or null. */
  eventLocation(id: number): EventLocation | null {
    return eventLocation(this.#db, id);
  }

  /** The command-line contract's summary of everything stored. */
  summary(): Summary {
    return summarize(this.#lookups);
  }
}
