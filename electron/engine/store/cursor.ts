/**
 * The opaque `next` cursor of an events page: the sort, its direction, and the sort key
 * and id of the last row sent. Pages continue from it by key (never by OFFSET). For the
 * address sorts the key is the address's intern id (0 for none), which keeps the cursor
 * short whatever the host name's length.
 */
import { SORT_KEYS, type SortKey } from '../../../shared/api/contract.js';

/** Where the next page starts. */
export interface Cursor {
  sort: SortKey;
  desc: boolean;
  key: number;
  id: number;
}

/** The cursor as a short URL-safe string. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.desc ? 1 : 0, c.key, c.id])).toString('base64url');
}

const bad = (why: string) =>
  new Error(`events: the page cursor is not valid (${why}); ask for the first page again`);

/** Reads a cursor back and checks it belongs to a query with this sort and direction. */
export function decodeCursor(text: string, sort: SortKey, desc: boolean): Cursor {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('it cannot be read');
  }
  if (!Array.isArray(data) || data.length !== 4) throw bad('it has the wrong shape');
  const [s, d, key, id] = data as unknown[];
  if (!SORT_KEYS.includes(s as SortKey) || (d !== 0 && d !== 1)) throw bad('unknown sort');
  if (s !== sort || (d === 1) !== desc) throw bad('it was made for another sort order');
  if (typeof key !== 'number' || !Number.isFinite(key)) throw bad('its sort value is wrong');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw bad('its id is wrong');
  return { sort, desc, key, id };
}
