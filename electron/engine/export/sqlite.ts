/** A standalone SQLite file of events: one flat, readable `events` table and a `meta` table. */
import type { EventRow } from '../../../shared/api/types.js';
import { loadSqlJs } from '../store/sqljs.js';
import { COLUMNS, type RuleNamer } from './columns.js';

/** What the `meta` table records about the export. */
export interface SqliteMeta {
  version: string;
  exportedAt: string;
}

const CREATE = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (${COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')});
`;
const INSERT = `INSERT INTO events VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/**
 * Builds the database in memory (sql.js has no file to stream into) and answers its bytes.
 * The sql.js Database and statement are freed here, whatever happens.
 */
export async function buildSqlite(
  pages: AsyncIterable<EventRow[]> | Iterable<EventRow[]>,
  meta: SqliteMeta,
  ruleName?: RuleNamer,
): Promise<{ bytes: Uint8Array; rows: number }> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(CREATE);
    const setMeta = 'INSERT INTO meta (key, value) VALUES (?, ?)';
    db.run(setMeta, ['seclog_version', meta.version]);
    db.run(setMeta, ['exported_at', meta.exportedAt]);
    db.run(setMeta, ['columns', 'times are device-local, without a zone']);
    let rows = 0;
    const insert = db.prepare(INSERT);
    try {
      db.run('BEGIN');
      for await (const page of pages) {
        for (const row of page) {
          insert.run(COLUMNS.map((c) => (c.stored ? c.stored(row) : c.get(row, ruleName))));
          rows++;
        }
      }
      db.run('COMMIT');
    } finally {
      insert.free();
    }
    db.run('CREATE INDEX events_time ON events (time)');
    return { bytes: db.export(), rows };
  } finally {
    db.close();
  }
}
