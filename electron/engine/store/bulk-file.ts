/**
 * The bulk insert of event rows through a database file written in JavaScript
 * (table-file.ts): the rows of a batch become a file of one table shaped like
 * `event_rows`, sql.js puts the file in its in-memory file system, the store attaches it
 * and copies every row with `INSERT INTO mem.event_rows SELECT * FROM bulk.bulk_rows`.
 * For a statement of that shape SQLite moves each stored record as it is (its transfer
 * optimization: same columns, same types and constraints, no indexes on the target), so
 * a row costs one copy inside the WebAssembly instead of some sixteen calls into it, one a
 * value: for a million rows about 0.7 s instead of 1.3 s (README, Speed and memory).
 *
 * Opening and attaching a file costs about half a millisecond, so small batches (a line
 * appended to a watched log, a folder of one-line files) are bound value by value instead
 * (write.ts). Once the indexes exist SQLite no longer moves records as they are, but the
 * copy still takes no call per value.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { SCHEMA } from './schema.js';
import { tableFile, type NumberRows } from './table-file.js';

/** The table in the attached file. */
const BULK_TABLE = 'bulk_rows';
const BULK_SCHEMA = 'bulk';

/** `event_rows`'s CREATE statement under the bulk table's name, so both have equal columns. */
function bulkTableSql(): string {
  const m = /CREATE TABLE event_rows \(([^;]*?)\n\);/.exec(SCHEMA);
  if (!m) throw new Error('store: the schema has no event_rows table to copy');
  return `CREATE TABLE ${BULK_TABLE} (${m[1]}\n)`;
}

/** The columns of `event_rows` after its id, and whether each is NOT NULL. */
function columnsOf(sql: string): { name: string; notNull: boolean }[] {
  const body = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  return body
    .split('\n')
    .map((l) => l.replace(/--.*$/, '').trim())
    .filter((l) => /^\w+ INTEGER/.test(l))
    .slice(1)
    .map((l) => ({ name: l.split(' ')[0]!, notNull: /NOT NULL/.test(l) }));
}

/**
 * The file sql.js wrote a database opened from bytes to, read from the Database object
 * (`filename`, a name sql.js gives it at random); null when this sql.js keeps it elsewhere.
 */
function fileOf(db: Database): string | null {
  const name = (db as unknown as { filename?: unknown }).filename;
  return typeof name === 'string' && /^dbfile_\d+$/.test(name) ? name : null;
}

/** Copies batches of event rows into `event_rows` of the `mem` database through files. */
export class FileInserter {
  readonly #sql = bulkTableSql();
  readonly #columns = columnsOf(this.#sql);

  private constructor(
    private readonly SQL: SqlJsStatic,
    private readonly db: Database,
  ) {}

  /**
   * An inserter for `db`, or null when this sql.js does not say where it puts a database
   * opened from bytes (then the store binds every value; test/store/bulk-file.test.ts
   * checks that the pinned sql.js does).
   */
  static probe(SQL: SqlJsStatic, db: Database): FileInserter | null {
    const inserter = new FileInserter(SQL, db);
    const probe = new SQL.Database(
      tableFile(BULK_TABLE, inserter.#sql, {
        count: 0,
        firstId: 1,
        width: 0,
        values: new Float64Array(0),
      }),
    );
    try {
      return fileOf(probe) ? inserter : null;
    } finally {
      probe.close();
    }
  }

  /**
   * Appends `rows` with ids from `rows.firstId` on, inside the transaction `work` opens:
   * `work` gets the statement that copies them and runs it with whatever else belongs to
   * the same transaction. Each row's values, with its lead, are `event_rows`'s columns after
   * the id. Throws, storing nothing, when a NOT NULL column holds NULL.
   */
  insert(rows: NumberRows, work: (copy: () => void) => void): void {
    const width = rows.width + (rows.lead === undefined ? 0 : 1);
    if (width !== this.#columns.length) {
      throw new Error(
        `store: rows of ${width} values where event_rows has ${this.#columns.length}`,
      );
    }
    const file = tableFile(BULK_TABLE, this.#sql, {
      ...rows,
      notNull: this.#columns.map((c) => c.notNull),
      names: this.#columns.map((c) => `event_rows.${c.name}`),
    });
    const tmp = new this.SQL.Database(file);
    try {
      const name = fileOf(tmp);
      if (!name) throw new Error('store: sql.js did not say where it put the bulk file');
      // ATTACH is refused inside a transaction: the file is attached around it.
      this.db.exec(`ATTACH '${name}' AS ${BULK_SCHEMA}`);
      try {
        work(() =>
          this.db.exec(`INSERT INTO mem.event_rows SELECT * FROM ${BULK_SCHEMA}.${BULK_TABLE}`),
        );
      } finally {
        this.db.exec(`DETACH ${BULK_SCHEMA}`);
      }
    } finally {
      tmp.close();
    }
  }
}
