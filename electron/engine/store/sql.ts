/**
 * Small helpers that run one statement. Prepared statements are kept per database and SQL
 * text (the most recent few dozen): preparing costs more than running for the short
 * statements the engine repeats per source and per batch, such as updating a source's
 * counts, and many small files make thousands of them.
 */
import type { Database, SqlValue, Statement } from 'sql.js';

/** Statements kept per database. */
const KEEP = 48;
const cache = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement of `sql`, from the cache or new (then the oldest may be freed). */
function prepared(db: Database, sql: string): Statement {
  let kept = cache.get(db);
  if (!kept) cache.set(db, (kept = new Map()));
  const hit = kept.get(sql);
  if (hit) {
    // Most recent last, so the first entry is the one to drop.
    kept.delete(sql);
    kept.set(sql, hit);
    return hit;
  }
  const st = db.prepare(sql);
  kept.set(sql, st);
  if (kept.size > KEEP) {
    const [oldest, old] = kept.entries().next().value as [string, Statement];
    kept.delete(oldest);
    old.free();
  }
  return st;
}

/** Frees the statements kept for a database; call before closing it. */
export function forgetStatements(db: Database): void {
  for (const st of cache.get(db)?.values() ?? []) st.free();
  cache.delete(db);
}

/** Every row of a query, as arrays of column values. */
export function allRows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const st = prepared(db, sql);
  try {
    st.bind(params);
    const out: SqlValue[][] = [];
    while (st.step()) out.push(st.get());
    return out;
  } finally {
    // Ready for the next use, its parameters cleared.
    st.reset();
  }
}

/** The first row of a query, or undefined when it has none. */
export function firstRow(db: Database, sql: string, params: SqlValue[] = []) {
  return allRows(db, sql, params)[0];
}

/** Runs a statement that returns nothing. */
export function execute(db: Database, sql: string, params: SqlValue[] = []): void {
  allRows(db, sql, params);
}
