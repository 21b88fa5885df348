/**
 * The `addrs` intern table: every address or host name is stored once and events refer
 * to it by id. A map in memory answers repeated addresses without asking SQLite.
 */
import type { Database, Statement } from 'sql.js';
import { ipv4ToInt, isPrivateIPv4 } from '../../../shared/address.js';

/** Address text to id and back, mirrored from the `addrs` table of one database. */
export class AddressBook {
  #ids = new Map<string, number>();
  #texts = new Map<number, string>();
  #insert: Statement | null = null;

  /** Reads the addresses already stored (a reopened session). */
  constructor(private readonly db: Database) {
    this.reload();
  }

  /** Reads the stored addresses again (after a rollback took some back). */
  reload(): void {
    this.#ids.clear();
    this.#texts.clear();
    const rows = this.db.exec('SELECT id, text FROM addrs')[0]?.values ?? [];
    for (const [id, text] of rows) this.#remember(id as number, text as string);
  }

  #remember(id: number, text: string): void {
    this.#ids.set(text, id);
    this.#texts.set(id, text);
  }

  /** The id of an address, storing it first when new; null for null or empty text. */
  intern(text: string | null): number | null {
    if (text === null || text === '') return null;
    const known = this.#ids.get(text);
    if (known !== undefined) return known;
    // Freed by free() when the store closes.
    this.#insert ??= this.db.prepare(
      'INSERT INTO addrs (text, v4, private) VALUES (?, ?, ?) RETURNING id',
    );
    const row = this.#insert.get([text, ipv4ToInt(text), isPrivateIPv4(text) ? 1 : 0]);
    this.#insert.reset();
    const id = row[0] as number;
    this.#remember(id, text);
    return id;
  }

  /** The id of an address already stored, or undefined. */
  find(text: string): number | undefined {
    return this.#ids.get(text);
  }

  /** The text of an address id, or null. */
  text(id: unknown): string | null {
    return typeof id === 'number' ? (this.#texts.get(id) ?? null) : null;
  }

  /** Frees the prepared statement; the database itself belongs to the store. */
  free(): void {
    this.#insert?.free();
    this.#insert = null;
  }
}
