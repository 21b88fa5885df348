/**
 * Bulk writing: events and malformed lines go in with multi-row `INSERT ... VALUES`
 * statements of up to 100 rows, one transaction per call (ECOSYSTEM.md: about twice
 * as fast as one row per statement).
 */
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { MalformedLine, SecEvent } from '../../../shared/model.js';
import type { AddressBook } from './addrs.js';
import { AddressDictionary } from '../pipeline/dictionary.js';
import {
  MORE_NUMBERS,
  MORE_TEXTS,
  ROW_ADDRESSES,
  ROW_NUMBERS,
  RowBuilder,
  ruleNumber,
  type PackedRows,
} from '../pipeline/rows.js';
import { FileInserter } from './bulk-file.js';
import { RawStatement } from './raw-statement.js';
import { firstRow } from './sql.js';
import type { Tally } from './tally.js';

/** An event to store; `bytes` is the raw line's length when the parser knows it. */
export type StoredEvent = SecEvent & { bytes?: number };

export { ruleNumber };

const MALFORMED_COLUMNS = ['source', 'line', 'offset', 'text', 'reason'];

/** Rows per multi-row statement. */
const BATCH = 100;

/**
 * Rows from which a batch of events goes in through a file (bulk-file.ts); fewer are bound
 * value by value, which costs less than opening a file for them.
 */
export const FILE_ROWS = 512;

/** Rows per statement of the events' insert, largest first (a batch uses several). */
const STATEMENT_ROWS = [256, 64, 16, 4, 1];

/**
 * The bulk insert of one table: multi-row `INSERT ... VALUES` statements whose first
 * parameters (`shared`, such as the source) are shared by all their rows, bound through
 * SQLite's C functions (raw-statement.ts).
 */
class RowsInserter {
  readonly #statements: { rows: number; st: RawStatement }[];
  readonly #isAddress: boolean[];

  constructor(
    SQL: SqlJsStatic,
    db: Database,
    table: string,
    private readonly shared: readonly string[],
    private readonly numbers: readonly string[],
    private readonly texts: readonly string[],
    addresses: readonly string[],
  ) {
    this.#isAddress = numbers.map((c) => addresses.includes(c));
    const width = numbers.length + texts.length;
    const first = shared.length + 1;
    const columns = [...shared, ...numbers, ...texts].join(', ');
    const own = shared.map((_, i) => `?${i + 1}`);
    this.#statements = STATEMENT_ROWS.map((rows) => {
      const values = Array.from({ length: rows }, (_, r) => {
        const params = Array.from({ length: width }, (_, c) => `?${first + r * width + c}`);
        return `(${[...own, ...params].join(', ')})`;
      });
      const sql = `INSERT INTO ${table} (${columns}) VALUES ${values.join(', ')}`;
      return { rows, st: new RawStatement(SQL, db, sql) };
    });
  }

  /**
   * Inserts `count` rows: their numbers one row after another (NaN for NULL; the address
   * columns hold dictionary indexes that `ids` turns into address ids) and their texts.
   */
  insert(
    shared: readonly number[],
    count: number,
    numbers: Float64Array,
    strings: readonly (string | null)[],
    ids: Int32Array,
  ): void {
    const w = this.numbers.length;
    const tw = this.texts.length;
    const first = shared.length + 1;
    const isAddress = this.#isAddress;
    let r = 0;
    for (const { rows, st } of this.#statements) {
      while (count - r >= rows) {
        for (let i = 0; i < shared.length; i++) st.number(i + 1, shared[i]!);
        for (let k = 0; k < rows; k++, r++) {
          const at = first + k * (w + tw);
          const base = r * w;
          for (let c = 0; c < w; c++) {
            const v = numbers[base + c]!;
            // NaN is NULL, which every parameter is until bound.
            if (v !== v) continue;
            st.number(at + c, isAddress[c] ? ids[v]! : v);
          }
          for (let t = 0; t < tw; t++) {
            const text = strings[r * tw + t];
            if (text !== null && text !== undefined) st.text(at + w + t, text);
          }
        }
        st.run();
      }
    }
  }

  free(): void {
    for (const { st } of this.#statements) st.free();
  }
}

/** Multi-row insert statements of one table, prepared once per row count in use. */
export class BulkInserter {
  #statements = new Map<number, Statement>();

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: string[],
  ) {}

  #statement(rows: number): Statement {
    let st = this.#statements.get(rows);
    if (!st) {
      const row = `(${this.columns.map(() => '?').join(',')})`;
      const sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array(rows)
        .fill(row)
        .join(',')}`;
      // Freed by free() when the store closes.
      st = this.db.prepare(sql);
      this.#statements.set(rows, st);
    }
    return st;
  }

  /** Inserts up to BATCH rows whose values are laid out one after another in `values`. */
  insert(values: SqlValue[], rows: number): void {
    if (rows === BATCH) {
      this.#statement(BATCH).run(values);
      return;
    }
    // A short last batch goes one row at a time, so at most two statements exist per table.
    const width = this.columns.length;
    const one = this.#statement(1);
    for (let i = 0; i < rows; i++) one.run(values.slice(i * width, (i + 1) * width));
  }

  /** Inserts every item, turning each into its column values with `fill`. */
  insertAll<T>(items: T[], fill: (out: SqlValue[], item: T) => void): void {
    for (let at = 0; at < items.length; at += BATCH) {
      const values: SqlValue[] = [];
      const end = Math.min(at + BATCH, items.length);
      for (let i = at; i < end; i++) fill(values, items[i]!);
      this.insert(values, end - at);
    }
  }

  /** Frees the prepared statements. */
  free(): void {
    for (const st of this.#statements.values()) st.free();
    this.#statements.clear();
  }
}

const ADDRESS_COLUMN = ROW_NUMBERS.map((c) => (ROW_ADDRESSES as readonly string[]).includes(c));

/** The numbers of some batches' `count` rows, one after another. */
function concatenated(parts: readonly PackedRows[], count: number): Float64Array {
  if (parts.length === 1) return parts[0]!.numbers;
  const out = new Float64Array(count * ROW_NUMBERS.length);
  let at = 0;
  for (const p of parts) {
    out.set(p.numbers.subarray(0, p.count * ROW_NUMBERS.length), at);
    at += p.count * ROW_NUMBERS.length;
  }
  return out;
}

/** Runs `work` in one transaction, rolling back when it throws. */
export function inTransaction(db: Database, work: () => void): void {
  db.run('BEGIN');
  try {
    work();
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/** Writes events and malformed lines of one store. */
export class Writer {
  readonly #events: RowsInserter;
  readonly #more: RowsInserter;
  readonly #malformed: BulkInserter;
  readonly #file: FileInserter | null;
  /** Packs the events handed over as objects (tests, and callers without a parse side). */
  readonly #rows = new RowBuilder(new AddressDictionary());

  constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    private readonly addrs: AddressBook,
    private readonly tally: Tally,
    /** Rows from which a batch goes in through a file (tests lower it); 0 never. */
    private readonly fileRows = FILE_ROWS,
  ) {
    this.#events = new RowsInserter(
      SQL,
      db,
      'event_rows',
      ['source'],
      ROW_NUMBERS,
      [],
      ROW_ADDRESSES,
    );
    this.#more = new RowsInserter(SQL, db, 'event_more', [], ['id', ...MORE_NUMBERS], MORE_TEXTS, [
      'originator',
    ]);
    this.#malformed = new BulkInserter(db, 'malformed', MALFORMED_COLUMNS);
    this.#file = fileRows > 0 ? FileInserter.probe(SQL, db) : null;
  }

  /** Whether large batches go in through files (bulk-file.ts). */
  get throughFiles(): boolean {
    return this.#file !== null;
  }

  /** Stores events of one source in one transaction; stores nothing when one is bad. */
  events(sourceId: number, events: StoredEvent[]): void {
    try {
      for (const ev of events) this.#rows.event(ev);
    } catch (err) {
      this.#rows.discard();
      throw err;
    }
    this.packed(sourceId, this.#rows.take());
  }

  /**
   * Stores rows of one source: the addresses they name first, then the rows, in one
   * transaction. Several batches (in the order they were read) go in together.
   */
  packed(sourceId: number, batches: PackedRows | readonly PackedRows[]): void {
    const parts = Array.isArray(batches)
      ? (batches as readonly PackedRows[])
      : [batches as PackedRows];
    // New addresses are written even when the rows fail: the dictionary has named them. The
    // ids of a dictionary's last part map the indexes of all its parts.
    const dictionary = parts[0]?.dictionary.id;
    if (parts.some((p) => p.dictionary.id !== dictionary)) {
      for (const p of parts) this.packed(sourceId, p);
      return;
    }
    let ids: Int32Array = new Int32Array(0);
    for (const p of parts) ids = this.addrs.adopt(p.dictionary);
    const count = parts.reduce((n, p) => n + p.count, 0);
    if (!count) return;
    // Rows get the ids that follow the largest (SQLite's rule for a table without
    // AUTOINCREMENT), in the order they are inserted: event_more rows name them so.
    const last = Number(firstRow(this.db, 'SELECT max(id) FROM event_rows')?.[0] ?? 0);
    const store = (copy: () => void) =>
      inTransaction(this.db, () => {
        copy();
        const now = Number(firstRow(this.db, 'SELECT max(id) FROM event_rows')?.[0] ?? 0);
        if (now !== last + count) throw new Error('store: event ids did not follow one another');
        let first = last;
        for (const p of parts) {
          this.#storeMore(p, first, ids);
          first += p.count;
        }
      });
    if (this.#file && count >= this.fileRows) {
      const rows = {
        count,
        firstId: last + 1,
        width: ROW_NUMBERS.length,
        values: concatenated(parts, count),
        lead: sourceId,
        mapped: { columns: ADDRESS_COLUMN, ids },
      };
      this.#file.insert(rows, store);
    } else {
      store(() => {
        for (const p of parts) this.#events.insert([sourceId], p.count, p.numbers, [], ids);
      });
    }
    for (const p of parts) this.tally.add(p, ids, this.addrs.maxId);
  }

  /** The `event_more` rows of a batch whose first row got id `last + 1`. */
  #storeMore(p: PackedRows, last: number, ids: Int32Array): void {
    const m = p.more;
    if (m.count === 0) return;
    const w = MORE_NUMBERS.length;
    const numbers = new Float64Array(m.count * (w + 1));
    for (let k = 0; k < m.count; k++) {
      numbers[k * (w + 1)] = last + 1 + m.rows[k]!;
      for (let c = 0; c < w; c++) numbers[k * (w + 1) + 1 + c] = m.numbers[k * w + c]!;
    }
    this.#more.insert([], m.count, numbers, m.strings, ids);
  }

  /** Stores malformed lines of one source in one transaction. */
  malformed(sourceId: number, lines: MalformedLine[]): void {
    if (!lines.length) return;
    inTransaction(this.db, () =>
      this.#malformed.insertAll(lines, (out, l) =>
        out.push(sourceId, l.line, l.offset, l.text, l.reason),
      ),
    );
  }

  /** Frees the prepared statements. */
  free(): void {
    this.#events.free();
    this.#more.free();
    this.#malformed.free();
  }
}
