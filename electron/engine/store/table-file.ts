/**
 * Writes a whole SQLite database file holding one rowid table of numbers, byte by byte, in
 * JavaScript (https://www.sqlite.org/fileformat2.html). The bulk load hands such a file to
 * SQLite, which copies its rows into the store with one `INSERT ... SELECT`: SQLite then
 * moves each stored record as it is, instead of taking some twenty values per row through
 * calls from JavaScript into the WebAssembly (store/bulk-file.ts says why that matters).
 *
 * The file: page 1 holds the 100-byte header and the schema table (one row: the table's
 * CREATE statement, root page 2); the table's leaves follow from page 3 in rowid order,
 * then the interior pages above them, whose top one is written to page 2. A table that
 * fits one leaf has it on page 2. No free pages, no overflow pages (a row of numbers is far
 * smaller than a page), no reserved bytes.
 */

/** Bytes per page: the largest SQLite allows, so a million rows need the fewest pages. */
export const PAGE_SIZE = 65536;

/** What SQLite's header says wrote the file (3.54.1, the pinned sql.js's). */
const WRITER_VERSION = 3054001;

const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

/**
 * Rows to write: `width` numbers per row one after another (NaN is NULL), each row's
 * columns after the rowid alias being `lead` (when given) and then its own.
 */
export interface NumberRows {
  count: number;
  /** The rowid of the first row; the others follow one by one. */
  firstId: number;
  /** Values per row in `values`. */
  width: number;
  values: Float64Array;
  /** A value every row starts with, before its own (the source of a batch's events). */
  lead?: number;
  /** Columns of `values` holding indexes into `ids`: the file gets `ids[value]`. */
  mapped?: { columns: readonly boolean[]; ids: Int32Array };
  /** Columns of the record (after the rowid alias) that must not be NULL. */
  notNull?: readonly boolean[];
  /** The names of those columns, for the message when one is NULL. */
  names?: readonly string[];
}

/** Length of `v` (a non-negative integer below 2^56) as a SQLite varint. */
function varintLength(v: number): number {
  let n = 1;
  while (v >= 0x80 && n < 8) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes `v` (a non-negative integer below 2^56) as a SQLite varint at `at`; returns the end. */
function putVarint(buf: Uint8Array, at: number, v: number): number {
  if (v < 0x80) {
    buf[at] = v;
    return at + 1;
  }
  const n = varintLength(v);
  for (let i = n - 1; i >= 0; i--) {
    buf[at + i] = (v % 128) | (i === n - 1 ? 0 : 0x80);
    v = Math.floor(v / 128);
  }
  return at + n;
}

/**
 * The serial type SQLite stores `v` as in an INTEGER column (NaN is NULL): the smallest
 * integer form that holds it, 8 and 9 for 0 and 1; a whole number beyond 2^53 that still
 * fits 64 bits as an 8-byte integer, as SQLite's column affinity turns a bound double
 * into; anything else a float. Negative zero is stored as 0, as binding it as an integer
 * did.
 */
function serialType(v: number): number {
  if ((v | 0) === v) {
    if (v >= 0 && v <= 1) return 8 + v;
    if (v >= -128 && v <= 127) return 1;
    if (v >= -32768 && v <= 32767) return 2;
    if (v >= -8388608 && v <= 8388607) return 3;
    return 4;
  }
  if (v !== v) return 0;
  if (!Number.isInteger(v) || v <= -(2 ** 63) || v >= 2 ** 63) return 7;
  if (v >= -140737488355328 && v <= 140737488355327) return 5;
  return 6;
}

/** Bytes of a value of serial type `t` in a record body. */
const BODY_BYTES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];

const floatView = new DataView(new ArrayBuffer(8));

/** Writes `v` as serial type `t` at `at`, big-endian; returns the end. */
function putValue(buf: Uint8Array, at: number, t: number, v: number): number {
  switch (t) {
    case 1:
      buf[at] = v;
      return at + 1;
    case 2:
      buf[at] = v >> 8;
      buf[at + 1] = v;
      return at + 2;
    case 3:
      buf[at] = v >> 16;
      buf[at + 1] = v >> 8;
      buf[at + 2] = v;
      return at + 3;
    case 4:
      buf[at] = v >> 24;
      buf[at + 1] = v >> 16;
      buf[at + 2] = v >> 8;
      buf[at + 3] = v;
      return at + 4;
    case 0:
    case 8:
    case 9:
      return at;
  }
  const n = BODY_BYTES[t]!;
  if (t === 7) {
    floatView.setFloat64(0, v);
    for (let i = 0; i < 8; i++) buf[at + i] = floatView.getUint8(i);
    return at + 8;
  }
  // Six or eight bytes: the low 32 bits, then the rest (two's complement through floor).
  const hi = Math.floor(v / 4294967296);
  const lo = v - hi * 4294967296;
  for (let i = 0; i < 4; i++) buf[at + n - 1 - i] = (lo / 2 ** (8 * i)) & 0xff;
  for (let i = 4; i < n; i++) buf[at + n - 1 - i] = (hi >> (8 * (i - 4))) & 0xff;
  return at + n;
}

/** Writes a 16-bit or 32-bit big-endian number. */
function put16(buf: Uint8Array, at: number, v: number): void {
  buf[at] = (v >> 8) & 0xff;
  buf[at + 1] = v & 0xff;
}
function put32(buf: Uint8Array, at: number, v: number): void {
  buf[at] = (v >>> 24) & 0xff;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}

/** The record of the schema table's one row (type, name, tbl_name, rootpage, sql). */
function schemaRecord(name: string, sql: string): Uint8Array {
  const enc = new TextEncoder();
  const texts = [enc.encode('table'), enc.encode(name), enc.encode(name)];
  const sqlBytes = enc.encode(sql);
  const types = [...texts.map((t) => 13 + 2 * t.length), 1, 13 + 2 * sqlBytes.length];
  let headerSize = types.reduce((s, t) => s + varintLength(t), 0);
  headerSize += varintLength(headerSize + 1);
  const body = texts.reduce((s, t) => s + t.length, 0) + 1 + sqlBytes.length;
  const out = new Uint8Array(headerSize + body);
  let at = putVarint(out, 0, headerSize);
  for (const t of types) at = putVarint(out, at, t);
  for (const t of texts) {
    out.set(t, at);
    at += t.length;
  }
  out[at++] = 2; // rootpage
  out.set(sqlBytes, at);
  return out;
}

/** A page's b-tree header: 8 bytes for a leaf, 12 for an interior page. */
function putPageHeader(
  page: Uint8Array,
  at: number,
  type: number,
  cells: number,
  contentStart: number,
  rightMost = 0,
): void {
  page[at] = type;
  put16(page, at + 1, 0); // no freeblocks
  put16(page, at + 3, cells);
  put16(page, at + 5, contentStart === 65536 ? 0 : contentStart);
  page[at + 7] = 0; // no fragmented bytes
  if (type === INTERIOR_TABLE) put32(page, at + 8, rightMost);
}

/** The most bytes a row of `width` values takes on a leaf: its cell and its cell pointer. */
const maxCellBytes = (width: number) => 2 + 2 + 9 + 2 + (width + 1) + 8 * width;

/**
 * Writes the rows into leaf pages of `file` from page 3; returns the last rowid of each. A
 * cell is the payload's length, the rowid and the record: a header of serial types (the
 * rowid alias first, always NULL) and the values. Cells fill a page from its end, their
 * pointers from its start. Everything per value is written out here rather than called:
 * a million rows hold sixteen million values.
 */
function writeLeaves(file: Uint8Array, rows: NumberRows, size: number): number[] {
  const { count, width, values, firstId } = rows;
  const hasLead = rows.lead !== undefined;
  const w = width + (hasLead ? 1 : 0);
  // Each row's values as the file holds them, and their serial types.
  const row = new Float64Array(w);
  const types = new Uint8Array(w);
  const mappedColumn = new Uint8Array(width);
  rows.mapped?.columns.forEach((m, c) => (mappedColumn[c] = m ? 1 : 0));
  const ids = rows.mapped?.ids ?? new Int32Array(0);
  const notNull = new Uint8Array(w);
  rows.notNull?.forEach((m, c) => (notNull[c] = m ? 1 : 0));
  if (hasLead) row[0] = rows.lead!;
  const own = hasLead ? 1 : 0;
  const lastIds: number[] = [];
  let page = 2 * size;
  let cells = 0;
  let content = size;
  for (let r = 0, base = 0; r < count; r++, base += width) {
    for (let c = 0; c < width; c++) {
      const v = values[base + c]!;
      row[own + c] = mappedColumn[c] === 1 && v === v ? ids[v]! : v;
    }
    // The header: its own size, NULL for the rowid alias, a byte per value (types < 128).
    const headerSize = 2 + w < 128 ? 2 + w : 3 + w;
    let bodySize = 0;
    for (let c = 0; c < w; c++) {
      const v = row[c]!;
      let t: number;
      if ((v | 0) === v) {
        if (v >= 0 && v <= 1) t = 8 + v;
        else if (v >= -128 && v <= 127) t = 1;
        else if (v >= -32768 && v <= 32767) t = 2;
        else if (v >= -8388608 && v <= 8388607) t = 3;
        else t = 4;
      } else if (v !== v) {
        if (notNull[c] === 1) {
          throw new Error(
            `store: NOT NULL constraint failed: ${rows.names?.[c] ?? `column ${c + 1}`}`,
          );
        }
        t = 0;
      } else t = serialType(v);
      types[c] = t;
      bodySize += BODY_BYTES[t]!;
    }
    const payload = headerSize + bodySize;
    const id = firstId + r;
    const idBytes = id < 0x80 ? 1 : id < 0x4000 ? 2 : id < 0x200000 ? 3 : varintLength(id);
    const cellSize = (payload < 0x80 ? 1 : 2) + idBytes + payload;
    if (8 + 2 * (cells + 1) > content - cellSize) {
      putPageHeader(file, page, LEAF_TABLE, cells, content);
      lastIds.push(id - 1);
      page += size;
      cells = 0;
      content = size;
    }
    content -= cellSize;
    let at = page + content;
    if (payload < 0x80) file[at++] = payload;
    else {
      file[at++] = 0x80 | (payload >> 7);
      file[at++] = payload & 0x7f;
    }
    if (idBytes <= 3) {
      if (idBytes === 3) file[at++] = 0x80 | (id >> 14);
      if (idBytes >= 2) file[at++] = 0x80 | ((id >> 7) & 0x7f);
      file[at++] = id & 0x7f;
    } else at = putVarint(file, at, id);
    if (headerSize < 0x80) file[at++] = headerSize;
    else {
      file[at++] = 0x80 | (headerSize >> 7);
      file[at++] = headerSize & 0x7f;
    }
    file[at++] = 0;
    for (let c = 0; c < w; c++) file[at++] = types[c]!;
    for (let c = 0; c < w; c++) {
      const v = row[c]!;
      switch (types[c]!) {
        case 1:
          file[at++] = v;
          break;
        case 2:
          file[at++] = v >> 8;
          file[at++] = v;
          break;
        case 3:
          file[at++] = v >> 16;
          file[at++] = v >> 8;
          file[at++] = v;
          break;
        case 4:
          file[at++] = v >> 24;
          file[at++] = v >> 16;
          file[at++] = v >> 8;
          file[at++] = v;
          break;
        case 5:
        case 6:
        case 7:
          at = putValue(file, at, types[c]!, v);
          break;
      }
    }
    file[page + 8 + 2 * cells] = content >> 8;
    file[page + 9 + 2 * cells] = content;
    cells++;
  }
  putPageHeader(file, page, LEAF_TABLE, cells, content);
  lastIds.push(firstId + count - 1);
  return lastIds;
}

/** A page of a b-tree level: where it is in the file and the last rowid under it. */
interface Node {
  number: number;
  lastId: number;
}

/**
 * Writes interior pages above `children` (pages `next` on), one level after another until
 * one page holds them all, which goes to page 2. A cell is a child's page number and its
 * last rowid; each page's last child is its right-most pointer instead. Returns the pages
 * written.
 */
function writeInterior(file: Uint8Array, children: Node[], next: number, size: number): number {
  let level = children;
  let written = 0;
  while (level.length > 1) {
    const groups: Node[][] = [];
    for (let i = 0; i < level.length;) {
      const group: Node[] = [level[i++]!];
      let used = 12;
      let content = size;
      // Each child but the last takes a cell: its pointer and its bytes.
      while (i < level.length) {
        const prev = group[group.length - 1]!;
        const cellSize = 4 + varintLength(prev.lastId);
        if (used + 2 > content - cellSize) break;
        used += 2;
        content -= cellSize;
        group.push(level[i++]!);
      }
      groups.push(group);
    }
    // SQLite takes an interior page without cells for damage: a last page of one child
    // gets a second one from the page before it (which holds many).
    const lastGroup = groups[groups.length - 1]!;
    if (groups.length > 1 && lastGroup.length === 1) {
      lastGroup.unshift(groups[groups.length - 2]!.pop()!);
    }
    const top = groups.length === 1;
    level = groups.map((group) => {
      const number = top ? 2 : next + written++;
      const page = (number - 1) * size;
      let content = size;
      for (let k = 0; k < group.length - 1; k++) {
        const child = group[k]!;
        content -= 4 + varintLength(child.lastId);
        put32(file, page + content, child.number);
        putVarint(file, page + content + 4, child.lastId);
        put16(file, page + 12 + 2 * k, content);
      }
      const last = group[group.length - 1]!;
      putPageHeader(file, page, INTERIOR_TABLE, group.length - 1, content, last.number);
      return { number, lastId: last.lastId };
    });
  }
  return written;
}

/**
 * The file of a database whose one table `name`, created by `sql`, holds `rows`. The
 * columns of `sql` must be an `INTEGER PRIMARY KEY` first, then `rows.width` others.
 */
export function tableFile(
  name: string,
  sql: string,
  rows: NumberRows,
  pageSize = PAGE_SIZE,
): Uint8Array {
  if (
    !Number.isInteger(pageSize) ||
    pageSize < 512 ||
    pageSize > 65536 ||
    (pageSize & (pageSize - 1)) !== 0
  ) {
    throw new Error(`store: ${pageSize} is no SQLite page size`);
  }
  const size = pageSize;
  // Room for the worst case: every row at its longest, each page a row short of full.
  const perPage = Math.floor((size - 8) / maxCellBytes(rows.width + 1));
  const leafRoom = Math.ceil(Math.max(rows.count, 1) / perPage) + 1;
  // Interior pages: each holds at least this many children (a cell and its pointer take
  // at most 15 bytes), level by level up to the root.
  const perInterior = Math.floor((size - 12) / 15) + 1;
  let interior = 0;
  for (let n = leafRoom; n > 1; n = Math.ceil(n / perInterior))
    interior += Math.ceil(n / perInterior);
  const room = 2 + leafRoom + interior;
  let file = new Uint8Array(room * size);
  const lastIds = writeLeaves(file, rows, size);
  let pages: number;
  if (lastIds.length === 1) {
    // A lone leaf is the root: page 2.
    file.copyWithin(size, 2 * size, 3 * size);
    pages = 2;
  } else {
    const leaves = lastIds.map((lastId, i) => ({ number: 3 + i, lastId }));
    pages = 2 + leaves.length + writeInterior(file, leaves, 3 + leaves.length, size);
  }
  file = file.subarray(0, pages * size);
  writeFirstPage(file, name, sql, pages, size);
  return file;
}

/** The database header and the schema table's leaf, on page 1. */
function writeFirstPage(
  file: Uint8Array,
  name: string,
  sql: string,
  pages: number,
  size: number,
): void {
  const header = new TextEncoder().encode('SQLite format 3\0');
  file.set(header, 0);
  put16(file, 16, size === 65536 ? 1 : size);
  file[18] = 1; // rollback journal, written and read
  file[19] = 1;
  file[20] = 0; // reserved bytes per page
  file[21] = 64; // payload fractions SQLite requires
  file[22] = 32;
  file[23] = 32;
  put32(file, 24, 1); // change counter
  put32(file, 28, pages);
  put32(file, 40, 1); // schema cookie
  put32(file, 44, 4); // schema format
  put32(file, 56, 1); // UTF-8
  put32(file, 92, 1); // the page count is valid for change 1
  put32(file, 96, WRITER_VERSION);
  const record = schemaRecord(name, sql);
  const cellSize = varintLength(record.length) + 1 + record.length;
  const content = size - cellSize;
  let at = putVarint(file, content, record.length);
  at = putVarint(file, at, 1);
  file.set(record, at);
  putPageHeader(file, 100, LEAF_TABLE, 1, content);
  put16(file, 108, content);
}
