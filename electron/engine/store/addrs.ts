/**
 * The `addrs` intern table: every address or host name is stored once and events refer
 * to it by id. Ids are given here, in memory, and new addresses are written in bulk with
 * the events that name them: a round trip to SQLite per new address cost more than the
 * events' own inserts on a site with many attackers.
 */
import type { Database, SqlValue } from 'sql.js';
import { canonicalV4, ipv4ToInt, isPrivateV4 } from '../../../shared/address.js';
import type { DictionaryPart } from '../pipeline/dictionary.js';
import { BulkInserter, inTransaction } from './write.js';

/** Address text to id and back, mirrored from the `addrs` table of one database. */
export class AddressBook {
  #ids = new Map<string, number>();
  #texts: (string | undefined)[] = [];
  #next = 1;
  /** New addresses not yet written: id, text, v4, private, one after another. */
  #pending: SqlValue[] = [];
  #inserter: BulkInserter;
  /** Per parse-side dictionary (by its id): dictionary index to address id. */
  #dictionaries = new Map<number, Int32Array>();

  /** Reads the addresses already stored (a reopened session). */
  constructor(private readonly db: Database) {
    this.#inserter = new BulkInserter(db, 'addrs', ['id', 'text', 'v4', 'private']);
    this.reload();
  }

  /** Reads the stored addresses again (after a rollback took some back). */
  reload(): void {
    this.#ids.clear();
    this.#texts = [];
    this.#pending = [];
    this.#next = 1;
    const rows = this.db.exec('SELECT id, text FROM addrs')[0]?.values ?? [];
    for (const [id, text] of rows) this.#remember(id as number, text as string);
  }

  #remember(id: number, text: string): void {
    this.#ids.set(text, id);
    this.#texts[id] = text;
    if (id >= this.#next) this.#next = id + 1;
  }

  /** The id of an address, giving it one when new; null for null or empty text. */
  intern(text: string | null): number | null {
    if (text === null || text === '') return null;
    const known = this.#ids.get(text);
    if (known !== undefined) return known;
    const id = this.#next;
    this.#remember(id, text);
    const v4 = canonicalV4(text);
    const value = v4 >= 0 ? v4 : ipv4ToInt(text);
    this.#pending.push(id, text, value, value !== null && isPrivateV4(value) ? 1 : 0);
    return id;
  }

  /**
   * Learns the addresses a dictionary names for the first time (writing the new ones in
   * one transaction) and returns that dictionary's index-to-id table.
   */
  adopt(part: DictionaryPart): Int32Array {
    let ids = this.#dictionaries.get(part.id) ?? new Int32Array(1024);
    const need = part.first + part.texts.length;
    if (need > ids.length) {
      const bigger = new Int32Array(Math.max(need, ids.length * 2));
      bigger.set(ids);
      ids = bigger;
    }
    this.#dictionaries.set(part.id, ids);
    if (part.texts.length === 0) return ids;
    part.texts.forEach((text, k) => (ids[part.first + k] = this.intern(text) ?? 0));
    try {
      inTransaction(this.db, () => this.flush());
    } catch (err) {
      // The rollback took the new addresses back: forget them, and what named them.
      this.reload();
      this.#dictionaries.delete(part.id);
      throw err;
    }
    return ids;
  }

  /** Writes the addresses given ids since the last flush; call inside a transaction. */
  flush(): void {
    if (!this.#pending.length) return;
    const rows = this.#pending;
    this.#pending = [];
    for (let at = 0; at < rows.length; at += 4 * 100) {
      const part = rows.slice(at, at + 4 * 100);
      this.#inserter.insert(part, part.length / 4);
    }
  }

  /** The largest address id given. */
  get maxId(): number {
    return this.#next - 1;
  }

  /** The id of an address already stored, or undefined. */
  find(text: string): number | undefined {
    return this.#ids.get(text);
  }

  /**
   * The ids of addresses whose text contains `text`, ignoring the case of ASCII letters as
   * SQL's LIKE does.
   */
  containing(text: string): number[] {
    const needle = foldAscii(text);
    const out: number[] = [];
    for (let id = 1; id < this.#texts.length; id++) {
      const t = this.#texts[id];
      if (t !== undefined && foldAscii(t).includes(needle)) out.push(id);
    }
    return out;
  }

  /** The text of an address id, or null. */
  text(id: unknown): string | null {
    return typeof id === 'number' ? (this.#texts[id] ?? null) : null;
  }

  /** Frees the prepared statements; the database itself belongs to the store. */
  free(): void {
    this.#inserter.free();
  }
}

/** ASCII letters in lower case, other characters as they are (SQL LIKE's folding). */
function foldAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : text;
}
