/** Small helpers that run one statement and free it before returning. */
import type { Database, SqlValue } from 'sql.js';

/** Every row of a query, as arrays of column values. */
export function allRows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    const out: SqlValue[][] = [];
    while (st.step()) out.push(st.get());
    return out;
  } finally {
    st.free();
  }
}

/** The first row of a query, or undefined when it has none. */
export function firstRow(db: Database, sql: string, params: SqlValue[] = []) {
  return allRows(db, sql, params)[0];
}

/** Runs a statement that returns nothing. */
export function execute(db: Database, sql: string, params: SqlValue[] = []): void {
  db.run(sql, params);
}
