/**
 * Bulk writing: events and malformed lines go in with multi-row `INSERT ... VALUES`
 * statements of up to 100 rows, one transaction per call (ECOSYSTEM.md: about twice
 * as fast as one row per statement).
 */
import type { Database, SqlValue, Statement } from 'sql.js';
import type { MalformedLine } from '../../../shared/model.js';
import type { AddressBook } from './addrs.js';
import {
  ADDRESS_COLUMNS,
  NUMBER_COLUMNS,
  packEvents,
  ruleNumber,
  TEXT_COLUMNS,
  type PackableEvent,
  type PackedEvents,
} from '../pipeline/packed.js';

/** An event to store; `bytes` is the raw line's length when the parser knows it. */
export type StoredEvent = PackableEvent;

export { ruleNumber };

/** The insert's columns: the source, then the packed columns in their order. */
const EVENT_COLUMNS = ['source', ...NUMBER_COLUMNS, ...ADDRESS_COLUMNS, ...TEXT_COLUMNS];
const MALFORMED_COLUMNS = ['source', 'line', 'offset', 'text', 'reason'];

/** Rows per multi-row statement. */
const BATCH = 100;

/** Appends the column values of packed row `r` to `out`; `ids` maps `texts` to address ids. */
function packedValues(
  out: SqlValue[],
  sourceId: number,
  p: PackedEvents,
  ids: (number | null)[],
  r: number,
) {
  out.push(sourceId);
  const nw = NUMBER_COLUMNS.length;
  for (let i = r * nw, end = i + nw; i < end; i++) {
    const v = p.numbers[i]!;
    out.push(v === v ? v : null);
  }
  const aw = ADDRESS_COLUMNS.length;
  for (let i = r * aw, end = i + aw; i < end; i++) {
    const at = p.addresses[i]!;
    out.push(at < 0 ? null : ids[at]!);
  }
  const tw = TEXT_COLUMNS.length;
  for (let i = r * tw, end = i + tw; i < end; i++) out.push(p.strings[i] ?? null);
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
  readonly #events: BulkInserter;
  readonly #malformed: BulkInserter;

  constructor(
    private readonly db: Database,
    private readonly addrs: AddressBook,
  ) {
    this.#events = new BulkInserter(db, 'events', EVENT_COLUMNS);
    this.#malformed = new BulkInserter(db, 'malformed', MALFORMED_COLUMNS);
  }

  /** Stores events of one source in one transaction. */
  events(sourceId: number, events: StoredEvent[]): void {
    if (events.length) this.packed(sourceId, packEvents(events));
  }

  /** Stores packed events of one source in one transaction. */
  packed(sourceId: number, p: PackedEvents): void {
    if (!p.count) return;
    try {
      inTransaction(this.db, () => {
        const ids = p.texts.map((t) => this.addrs.intern(t));
        const rows = Array.from({ length: p.count }, (_, r) => r);
        this.#events.insertAll(rows, (out, r) => packedValues(out, sourceId, p, ids, r));
        this.addrs.flush();
      });
    } catch (err) {
      // The rollback took back addresses interned by this call; forget them too.
      this.addrs.reload();
      throw err;
    }
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
