/**
 * Watched roots and their sources. The engine keeps the books (what was read, counted,
 * skipped); these functions persist them in the `roots` and `sources` tables.
 */
import type { Database, SqlValue } from 'sql.js';
import type { RootInfo, SourceInfo, SourceStatus } from '../../../shared/api/types.js';
import { ENCODINGS, SOURCE_KINDS } from '../../../shared/model.js';
import { indexOrNull, wordAt } from './codec.js';
import { allRows, execute, firstRow } from './sql.js';
import { inTransaction } from './write.js';

/** What may change about a source after it was found. */
export type SourcePatch = Partial<Omit<SourceInfo, 'id' | 'path' | 'rootId'>>;

const ROOT_STATUSES: readonly RootInfo['status'][] = ['scanning', 'live', 'gone'];

function toRoot(r: SqlValue[]): RootInfo {
  const status = r[3] as RootInfo['status'];
  return { id: r[0] as number, path: r[1] as string, poll: r[2] === 1, status };
}

/** Records a watched folder or file; it starts as `scanning`. */
export function addRoot(db: Database, path: string, poll: boolean): RootInfo {
  const r = firstRow(db, 'INSERT INTO roots (path, poll) VALUES (?, ?) RETURNING *', [
    path,
    poll ? 1 : 0,
  ])!;
  return toRoot(r);
}

/** Sets a root's status. */
export function setRootStatus(db: Database, id: number, status: RootInfo['status']): void {
  if (!ROOT_STATUSES.includes(status)) throw new Error(`roots: unknown status '${status}'`);
  execute(db, 'UPDATE roots SET status = ? WHERE id = ?', [status, id]);
}

/** Every root, by id. */
export function listRoots(db: Database): RootInfo[] {
  return allRows(db, 'SELECT id, path, poll, status FROM roots ORDER BY id').map(toRoot);
}

/** Forgets a root with its sources, their events and malformed lines; false when unknown. */
export function removeRoot(db: Database, id: number): boolean {
  if (!firstRow(db, 'SELECT 1 FROM roots WHERE id = ?', [id])) return false;
  inTransaction(db, () => {
    const mine = 'SELECT id FROM sources WHERE root = ?';
    const rows = `SELECT id FROM event_rows WHERE source IN (${mine})`;
    execute(db, `DELETE FROM event_more WHERE id IN (${rows})`, [id]);
    execute(db, `DELETE FROM event_rows WHERE source IN (${mine})`, [id]);
    execute(db, `DELETE FROM malformed WHERE source IN (${mine})`, [id]);
    execute(db, 'DELETE FROM sources WHERE root = ?', [id]);
    execute(db, 'DELETE FROM roots WHERE id = ?', [id]);
  });
  return true;
}

/** The id of the source at `path`, recording it (status `reading`) when new. */
export function upsertSource(db: Database, rootId: number, path: string): number {
  // The insert first: most paths are new (a folder being read), and then it is the only
  // statement. A known path keeps its row, root included.
  const added = firstRow(
    db,
    "INSERT INTO sources (root, path, status) VALUES (?, ?, 'reading') " +
      'ON CONFLICT (path) DO NOTHING RETURNING id',
    [rootId, path],
  );
  if (added) return added[0] as number;
  return firstRow(db, 'SELECT id FROM sources WHERE path = ?', [path])![0] as number;
}

/** Each patchable field: its column and how its value is stored. */
const PATCH: { [K in keyof Required<SourcePatch>]: [string, (v: SourcePatch[K]) => SqlValue] } = {
  kind: ['kind', (v) => indexOrNull(SOURCE_KINDS, v ?? null, 'source kind')],
  encoding: ['encoding', (v) => indexOrNull(ENCODINGS, v ?? null, 'encoding')],
  container: ['container', (v) => v ?? null],
  status: ['status', (v) => v ?? 'reading'],
  bytesRead: ['bytes_read', (v) => v ?? 0],
  bytesTotal: ['bytes_total', (v) => v ?? 0],
  lines: ['lines', (v) => v ?? 0],
  events: ['events', (v) => v ?? 0],
  duplicates: ['duplicates', (v) => v ?? 0],
  malformed: ['malformed', (v) => v ?? 0],
  other: ['other', (v) => v ?? 0],
  error: ['error', (v) => v ?? null],
};

/** Changes the given fields of a source; fields left out keep their value. */
export function updateSource(db: Database, id: number, patch: SourcePatch): void {
  const sets: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const entry = PATCH[field as keyof SourcePatch] as
      [string, (v: unknown) => SqlValue] | undefined;
    if (!entry) throw new Error(`sources: '${field}' cannot be changed`);
    sets.push(`${entry[0]} = ?`);
    params.push(entry[1](value));
  }
  if (sets.length)
    execute(db, `UPDATE sources SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
}

const SOURCE_COLUMNS =
  'id, path, root, kind, encoding, container, status, bytes_read, bytes_total, lines,' +
  ' events, duplicates, malformed, other, error';

/** Which sources to list: one by id, those of one root, or (empty) all. */
export interface SourceSelection {
  id?: number;
  rootId?: number;
}

/** The selected sources, by id. */
export function listSources(db: Database, only: SourceSelection = {}): SourceInfo[] {
  const where =
    only.id !== undefined ? 'WHERE id = ?' : only.rootId !== undefined ? 'WHERE root = ?' : '';
  const params = only.id !== undefined ? [only.id] : only.rootId !== undefined ? [only.rootId] : [];
  const sql = `SELECT ${SOURCE_COLUMNS} FROM sources ${where} ORDER BY id`;
  return allRows(db, sql, params).map((r) => ({
    id: r[0] as number,
    path: r[1] as string,
    rootId: r[2] as number,
    kind: wordAt(SOURCE_KINDS, r[3]),
    encoding: wordAt(ENCODINGS, r[4]),
    container: r[5] as SourceInfo['container'],
    status: r[6] as SourceStatus,
    bytesRead: r[7] as number,
    bytesTotal: r[8] as number,
    lines: r[9] as number,
    events: r[10] as number,
    duplicates: r[11] as number,
    malformed: r[12] as number,
    other: r[13] as number,
    error: (r[14] as string | null) ?? null,
  }));
}

/** Deletes a source's events and malformed lines and zeroes its counts, to read it again. */
export function clearSource(db: Database, id: number): void {
  inTransaction(db, () => {
    execute(db, 'DELETE FROM event_more WHERE id IN (SELECT id FROM event_rows WHERE source = ?)', [
      id,
    ]);
    execute(db, 'DELETE FROM event_rows WHERE source = ?', [id]);
    execute(db, 'DELETE FROM malformed WHERE source = ?', [id]);
    execute(
      db,
      `UPDATE sources SET bytes_read = 0, lines = 0, events = 0, duplicates = 0, malformed = 0,
         other = 0, error = NULL WHERE id = ?`,
      [id],
    );
  });
}
