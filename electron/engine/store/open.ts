/** Opening a store: a new empty database, or a saved session checked to be one of ours. */
import type { Database } from 'sql.js';
import { quoted } from '../read/problems.js';
import { SCHEMA, VIEWS } from './schema.js';
import { loadSqlJs, type WasmOptions } from './sqljs.js';

/** How to open a store. */
export interface OpenOptions extends WasmOptions {
  /** A saved session (exportBytes()); a new empty store when absent. */
  bytes?: Uint8Array;
  /** The session file's path as the user chose it, named in messages when given. */
  name?: string;
}

/** Tables (and their columns) a seclog session must have. */
const REQUIRED: Record<string, string[]> = {
  roots: ['id', 'path', 'poll', 'status'],
  sources: ['id', 'root', 'path', 'kind', 'status', 'lines', 'events', 'error'],
  addrs: ['id', 'text', 'v4', 'private'],
  event_rows: ['id', 'source', 'time', 'device', 'flags', 'attacker', 'victim'],
  event_more: ['id', 'originator', 'rep_address', 'problems'],
  malformed: ['id', 'source', 'line', 'text', 'reason'],
  rules: ['id', 'etype', 'origin'],
};

const OPEN_SAVED = 'Open a file that seclog saved with "Save session"';
/** A session of another seclog version may lack a table or column this one needs. */
const OTHER_VERSION =
  'Open a file that seclog saved with "Save session"; a session saved by another version ' +
  'of seclog may need that version';

/** The error for bytes that are no seclog session: what, where, why and what to do. */
function notSession(name: string | undefined, why: string, fix = OPEN_SAVED): Error {
  const what = name === undefined ? 'this file' : quoted(name);
  return new Error(`${what} is not a seclog session (${why}). ${fix}.`);
}

/** Throws unless the database holds the tables and columns of a seclog store. */
function checkSession(db: Database, name: string | undefined): void {
  let tables: Set<string>;
  try {
    const rows = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? [];
    tables = new Set(rows.map((r) => String(r[0])));
  } catch {
    // SQLite reads the header lazily: random bytes fail at the first query.
    throw notSession(name, 'it is not an SQLite database');
  }
  for (const [table, columns] of Object.entries(REQUIRED)) {
    if (!tables.has(table))
      throw notSession(name, `the table '${table}' is missing`, OTHER_VERSION);
    const stmt = db.prepare('SELECT name FROM pragma_table_xinfo(?)');
    const have = new Set<string>();
    try {
      stmt.bind([table]);
      while (stmt.step()) have.add(String(stmt.get()[0]));
    } finally {
      stmt.free();
    }
    const missing = columns.find((c) => !have.has(c));
    if (missing) {
      throw notSession(name, `the table '${table}' has no column '${missing}'`, OTHER_VERSION);
    }
  }
}

/**
 * sql.js keeps the database as a file in memory: a rollback journal on that file only
 * doubles the page writes (nothing survives a crash anyway). A larger page cache was
 * tried and made index building slower (9.6 s instead of 6.2 s for 1M events).
 */
const PRAGMAS = 'PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY;';

/** The store's tables, in the order SCHEMA creates them. */
export const TABLES = Object.keys(REQUIRED);

/**
 * The tables live in an attached in-memory database (`mem`), not in sql.js's main
 * database: sql.js keeps `main` as a file in an emulated file system that grows by 12.5 %
 * at a time, copying itself each time, which made loading a million events several times
 * slower. Unqualified table names find `mem` because `main` holds no tables.
 */
const MEM_SCHEMA =
  "ATTACH ':memory:' AS mem;" + SCHEMA.replace(/CREATE (TABLE|VIEW) (\w+)/g, 'CREATE $1 mem.$2');

/** Index statements aimed at the `mem` database. */
export function memIndexes(indexes: string): string {
  return indexes.replace(/CREATE INDEX IF NOT EXISTS (\w+)/g, 'CREATE INDEX IF NOT EXISTS mem.$1');
}

/** Copies every table from one attached database to another with the same schema. */
export function copyTables(db: Database, from: string, to: string): void {
  for (const table of TABLES) db.exec(`INSERT INTO ${to}.${table} SELECT * FROM ${from}.${table}`);
}

/** Drops the store's tables and views from one attached database. */
export function dropTables(db: Database, from: string): void {
  for (const view of [...VIEWS].reverse()) db.exec(`DROP VIEW IF EXISTS ${from}.${view}`);
  for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${from}.${table}`);
}

/** A database with the store's schema; the caller owns it and must close it. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const SQL = await loadSqlJs(opts);
  if (!opts.bytes) {
    const db = new SQL.Database();
    db.exec(PRAGMAS + MEM_SCHEMA);
    return db;
  }
  const db = new SQL.Database(opts.bytes);
  try {
    checkSession(db, opts.name);
    db.exec(PRAGMAS + MEM_SCHEMA);
    copyTables(db, 'main', 'mem');
    dropTables(db, 'main');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
