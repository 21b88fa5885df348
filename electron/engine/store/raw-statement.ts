/**
 * A prepared statement driven through SQLite's own C functions, which sql.js's module
 * exports, instead of sql.js's `bind(array)`. The bulk insert binds about twenty values per
 * event: sql.js's `bind` builds and checks each value in JavaScript, then calls into the
 * WebAssembly through a wrapper, and a million events cost seconds that way. Called
 * directly, a bind is one call into the WebAssembly; an unbound parameter is NULL after
 * `sqlite3_clear_bindings`, so NULLs cost nothing.
 *
 * sql.js keeps the statement's pointer under a name its minifier chose; the pointer is found
 * by asking SQLite for each candidate's SQL text (`sqlite3_sql`), so another sql.js version
 * either still works or fails here at once, never binding into the wrong statement.
 * test/store/raw-statement.test.ts checks it with the pinned sql.js.
 */
import type { Database, SqlJsStatic, Statement } from 'sql.js';

/** The exported C functions of sql.js's SQLite this module calls. */
interface SqliteExports {
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_bind_double(stmt: number, index: number, value: number): number;
  _sqlite3_bind_text(stmt: number, index: number, ptr: number, n: number, free: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_sql(stmt: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(ptr: number): string;
  stringToNewUTF8(text: string): number;
  _free(ptr: number): void;
}

const SQLITE_OK = 0;
const SQLITE_DONE = 101;
/** SQLite copies the bytes before the bind returns. */
const SQLITE_TRANSIENT = -1;

/** The C functions of a loaded sql.js, or an Error naming what is missing. */
function exportsOf(SQL: SqlJsStatic): SqliteExports {
  const c = SQL as unknown as Partial<SqliteExports>;
  const names: (keyof SqliteExports)[] = [
    '_sqlite3_bind_int',
    '_sqlite3_bind_double',
    '_sqlite3_bind_text',
    '_sqlite3_step',
    '_sqlite3_reset',
    '_sqlite3_clear_bindings',
    '_sqlite3_sql',
    '_sqlite3_errmsg',
    'UTF8ToString',
    'stringToNewUTF8',
    '_free',
  ];
  const missing = names.filter((n) => typeof c[n] !== 'function');
  if (missing.length) {
    throw new Error(`store: this sql.js does not export ${missing.join(', ')}`);
  }
  return c as SqliteExports;
}

/**
 * One statement, bound value by value. Freed with the database (sql.js frees the
 * statements it prepared when the database closes), or by `free()`.
 */
export class RawStatement {
  readonly #c: SqliteExports;
  readonly #statement: Statement;
  readonly #pointer: number;
  // The functions called per value, read once from the module (a large object, slow to
  // look a property up in).
  readonly #bindInt: SqliteExports['_sqlite3_bind_int'];
  readonly #bindDouble: SqliteExports['_sqlite3_bind_double'];

  constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    readonly sql: string,
  ) {
    this.#c = exportsOf(SQL);
    this.#statement = db.prepare(sql);
    const c = this.#c;
    const pointer = Object.values(this.#statement).find(
      (v): v is number =>
        typeof v === 'number' && v > 1 && c.UTF8ToString(c._sqlite3_sql(v)) === sql,
    );
    if (pointer === undefined) {
      this.#statement.free();
      throw new Error("store: cannot find the SQLite statement inside sql.js's Statement");
    }
    this.#pointer = pointer;
    this.#bindInt = c._sqlite3_bind_int;
    this.#bindDouble = c._sqlite3_bind_double;
  }

  /** Binds a number to parameter `index` (1-based): as an integer when it is one. */
  number(index: number, value: number): void {
    const rc =
      (value | 0) === value
        ? this.#bindInt(this.#pointer, index, value)
        : this.#bindDouble(this.#pointer, index, value);
    if (rc !== SQLITE_OK) this.#fail(rc, `binding parameter ${index}`);
  }

  /** Binds a text to parameter `index`. */
  text(index: number, value: string): void {
    const c = this.#c;
    const ptr = c.stringToNewUTF8(value);
    try {
      const rc = c._sqlite3_bind_text(this.#pointer, index, ptr, -1, SQLITE_TRANSIENT);
      if (rc !== SQLITE_OK) this.#fail(rc, `binding parameter ${index}`);
    } finally {
      c._free(ptr);
    }
  }

  /** Runs a statement that returns no rows, then readies it for the next values (all NULL). */
  run(): void {
    const c = this.#c;
    const rc = c._sqlite3_step(this.#pointer);
    if (rc !== SQLITE_DONE) {
      const message = this.#message();
      c._sqlite3_reset(this.#pointer);
      c._sqlite3_clear_bindings(this.#pointer);
      throw new Error(`store: ${message} (SQLite code ${rc})`);
    }
    c._sqlite3_reset(this.#pointer);
    c._sqlite3_clear_bindings(this.#pointer);
  }

  /** Frees the statement. */
  free(): void {
    this.#statement.free();
  }

  #message(): string {
    // sql.js keeps the database pointer as `db`; without it the code alone is reported.
    const handle = (this.db as unknown as { db?: unknown }).db;
    return typeof handle === 'number'
      ? this.#c.UTF8ToString(this.#c._sqlite3_errmsg(handle))
      : 'SQLite refused the statement';
  }

  #fail(rc: number, what: string): never {
    this.#c._sqlite3_clear_bindings(this.#pointer);
    throw new Error(`store: ${what} failed: ${this.#message()} (SQLite code ${rc})`);
  }
}
