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
  ROW_ADDRESSES,
  ROW_NUMBERS,
  ROW_TEXTS,
  RowBuilder,
  ruleNumber,
  type PackedRows,
} from '../pipeline/rows.js';
import { RawStatement } from './raw-statement.js';
import type { Tally } from './tally.js';

/** An event to store; `bytes` is the raw line's length when the parser knows it. */
export type StoredEvent = SecEvent & { bytes?: number };

export { ruleNumber };

const MALFORMED_COLUMNS = ['source', 'line', 'offset', 'text', 'reason'];

/** Rows per multi-row statement. */
const BATCH = 100;

/** Rows per statement of the events' insert, largest first (a batch uses several). */
const EVENT_STATEMENT_ROWS = [256, 64, 16, 4, 1];

/**
 * The events' insert: multi-row `INSERT ... VALUES` statements whose first parameter, the
 * source, is shared by all their rows, bound through SQLite's C functions (raw-statement.ts).
 */
class EventInserter {
  readonly #statements: { rows: number; st: RawStatement }[];
  readonly #isAddress = ROW_NUMBERS.map((c) => (ROW_ADDRESSES as readonly string[]).includes(c));

  constructor(SQL: SqlJsStatic, db: Database) {
    const width = ROW_NUMBERS.length + ROW_TEXTS.length;
    const columns = ['source', ...ROW_NUMBERS, ...ROW_TEXTS].join(', ');
    this.#statements = EVENT_STATEMENT_ROWS.map((rows) => {
      const values = Array.from({ length: rows }, (_, r) => {
        const params = Array.from({ length: width }, (_, c) => `?${2 + r * width + c}`);
        return `(?1, ${params.join(', ')})`;
      });
      const sql = `INSERT INTO event_rows (${columns}) VALUES ${values.join(', ')}`;
      return { rows, st: new RawStatement(SQL, db, sql) };
    });
  }

  /** Inserts the rows; `ids` turns the rows' dictionary indexes into address ids. */
  insert(sourceId: number, p: PackedRows, ids: Int32Array): void {
    const w = ROW_NUMBERS.length;
    const tw = ROW_TEXTS.length;
    const isAddress = this.#isAddress;
    const { numbers, strings } = p;
    let r = 0;
    for (const { rows, st } of this.#statements) {
      while (p.count - r >= rows) {
        st.number(1, sourceId);
        for (let k = 0; k < rows; k++, r++) {
          const at = 2 + k * (w + tw);
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
  readonly #events: EventInserter;
  readonly #malformed: BulkInserter;
  /** Packs the events handed over as objects (tests, and callers without a parse side). */
  readonly #rows = new RowBuilder(new AddressDictionary());

  constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    private readonly addrs: AddressBook,
    private readonly tally: Tally,
  ) {
    this.#events = new EventInserter(SQL, db);
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
    inTransaction(this.db, () => this.#events.insert(sourceId, p, ids));
    this.tally.add(p, ids);
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
    this.#malformed.free();
  }
}
