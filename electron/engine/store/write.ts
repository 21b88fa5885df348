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
import { RawStatement } from './raw-statement.js';
import { firstRow } from './sql.js';
import type { Tally } from './tally.js';

/** An event to store; `bytes` is the raw line's length when the parser knows it. */
export type StoredEvent = SecEvent & { bytes?: number };

export { ruleNumber };

const MALFORMED_COLUMNS = ['source', 'line', 'offset', 'text', 'reason'];

/** Rows per multi-row statement. */
const BATCH = 100;

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
  /** Packs the events handed over as objects (tests, and callers without a parse side). */
  readonly #rows = new RowBuilder(new AddressDictionary());

  constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    private readonly addrs: AddressBook,
    private readonly tally: Tally,
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

  /** Stores rows of one source (the addresses they name first, then the rows, one transaction). */
  packed(sourceId: number, p: PackedRows): void {
    // New addresses are written even when the rows fail: the dictionary has named them.
    const ids = this.addrs.adopt(p.dictionary);
    if (!p.count) return;
    inTransaction(this.db, () => {
      // Rows get the ids that follow the largest (SQLite's rule for a table without
      // AUTOINCREMENT), in the order they are inserted: event_more rows name them so.
      const last = Number(firstRow(this.db, 'SELECT max(id) FROM event_rows')?.[0] ?? 0);
      this.#events.insert([sourceId], p.count, p.numbers, [], ids);
      const now = Number(firstRow(this.db, 'SELECT max(id) FROM event_rows')?.[0] ?? 0);
      if (now !== last + p.count) throw new Error('store: event ids did not follow one another');
      const m = p.more;
      if (m.count === 0) return;
      const w = MORE_NUMBERS.length;
      const numbers = new Float64Array(m.count * (w + 1));
      for (let k = 0; k < m.count; k++) {
        numbers[k * (w + 1)] = last + 1 + m.rows[k]!;
        for (let c = 0; c < w; c++) numbers[k * (w + 1) + 1 + c] = m.numbers[k * w + c]!;
      }
      this.#more.insert([], m.count, numbers, m.strings, ids);
    });
    this.tally.add(p, ids, this.addrs.maxId);
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
