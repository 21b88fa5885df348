/** Opening a store: a new empty database, or a saved session checked to be one of ours. */
import type { Database } from 'sql.js';
import { SCHEMA } from './schema.js';
import { loadSqlJs, type WasmOptions } from './sqljs.js';

/** How to open a store. */
export interface OpenOptions extends WasmOptions {
  /** A saved session (exportBytes()); a new empty store when absent. */
  bytes?: Uint8Array;
}

/** Tables (and their columns) a seclog session must have. */
const REQUIRED: Record<string, string[]> = {
  roots: ['id', 'path', 'poll', 'status'],
  sources: ['id', 'root', 'path', 'kind', 'status', 'lines', 'events', 'error'],
  addrs: ['id', 'text', 'v4', 'private'],
  events: ['id', 'source', 'time', 'device', 'mtype', 'etype', 'attacker', 'victim', 'problems'],
  malformed: ['id', 'source', 'line', 'text', 'reason'],
  rules: ['id', 'etype', 'origin'],
};

const notSession = (why: string) =>
  new Error(`this file is not a seclog session (${why}); open a file saved by seclog`);

/** Throws unless the database holds the tables and columns of a seclog store. */
function checkSession(db: Database): void {
  let tables: Set<string>;
  try {
    const rows = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? [];
    tables = new Set(rows.map((r) => String(r[0])));
  } catch {
    // SQLite reads the header lazily: random bytes fail at the first query.
    throw notSession('it is not an SQLite database');
  }
  for (const [table, columns] of Object.entries(REQUIRED)) {
    if (!tables.has(table)) throw notSession(`the table '${table}' is missing`);
    const stmt = db.prepare('SELECT name FROM pragma_table_info(?)');
    const have = new Set<string>();
    try {
      stmt.bind([table]);
      while (stmt.step()) have.add(String(stmt.get()[0]));
    } finally {
      stmt.free();
    }
    const missing = columns.find((c) => !have.has(c));
    if (missing) throw notSession(`the table '${table}' has no column '${missing}'`);
  }
}

/**
 * sql.js keeps the database as a file in memory: a rollback journal on that file only
 * doubles the page writes (nothing survives a crash anyway). A larger page cache was
 * tried and made index building slower (9.6 s instead of 6.2 s for 1M events).
 */
const PRAGMAS = 'PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY;';

/** A database with the store's schema; the caller owns it and must close it. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const SQL = await loadSqlJs(opts);
  if (!opts.bytes) {
    const db = new SQL.Database();
    db.exec(PRAGMAS + SCHEMA);
    return db;
  }
  const db = new SQL.Database(opts.bytes);
  try {
    checkSession(db);
    db.exec(PRAGMAS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
