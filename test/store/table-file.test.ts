/**
 * tableFile writes a whole SQLite database file in JavaScript: SQLite must open it, find it
 * sound and read every row back as written, whatever the values, the number of rows, the
 * page size and the first rowid.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { tableFile, type NumberRows } from '../../electron/engine/store/table-file.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs({});
});

/** The CREATE statement of table `t`: the rowid alias, then `width` columns c0, c1, ... */
function createSql(width: number, type = 'INTEGER'): string {
  const columns = Array.from({ length: width }, (_, c) => `, c${c} ${type}`).join('');
  return `CREATE TABLE t (id INTEGER PRIMARY KEY${columns})`;
}

/** Rows given as arrays of numbers, all of the same width. */
function rowsOf(rows: number[][], more: Partial<NumberRows> = {}): NumberRows {
  const width = more.width ?? rows[0]?.length ?? 0;
  return {
    count: rows.length,
    firstId: 1,
    width,
    values: Float64Array.from(rows.flat()),
    ...more,
  };
}

/** `count` rows of `width` values each, the value of row r, column c being `value(r, c)`. */
function generated(
  count: number,
  width: number,
  value: (r: number, c: number) => number,
  firstId = 1,
): NumberRows {
  const values = new Float64Array(count * width);
  for (let r = 0; r < count; r++)
    for (let c = 0; c < width; c++) values[r * width + c] = value(r, c);
  return { count, firstId, width, values };
}

/** Opens file bytes with sql.js; the caller closes the database. */
function open(bytes: Uint8Array): Database {
  return new SQL.Database(bytes);
}

function query(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const st = db.prepare(sql);
  const out: SqlValue[][] = [];
  try {
    st.bind(params);
    while (st.step()) out.push(st.get());
  } finally {
    st.free();
  }
  return out;
}

function one(db: Database, sql: string, params: SqlValue[] = []): SqlValue {
  return query(db, sql, params)[0]?.[0] ?? null;
}

function integrity(db: Database): SqlValue[][] {
  return query(db, 'PRAGMA integrity_check');
}

/** What SQLite holds for a value written: NULL for NaN, 0 for negative zero. */
const stored = (v: number): SqlValue => (v !== v ? null : v === 0 ? 0 : v);

/** Reads a SQLite varint at `at`: its value and where it ends. */
function varint(b: Uint8Array, at: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const x = b[at + i]!;
    v = v * 128 + (x & 0x7f);
    if (x < 0x80) return [v, at + i + 1];
  }
  return [v * 256 + b[at + 8]!, at + 9];
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 65536 + u16(b, at + 2);

/** The page size a file's header gives. */
const pageSizeOf = (b: Uint8Array) => (u16(b, 16) === 1 ? 65536 : u16(b, 16));

/** Levels of the b-tree whose root is page 2, leaves included, read from the file itself. */
function depth(b: Uint8Array): number {
  const size = pageSizeOf(b);
  let page = 2;
  for (let levels = 1; levels < 20; levels++) {
    const at = (page - 1) * size;
    if (b[at] === 0x0d) return levels;
    expect(b[at]).toBe(0x05);
    // The first cell's left child: every level is as deep as any other.
    page = u32(b, at + u16(b, at + 12));
  }
  throw new Error('the tree does not end');
}

/** The serial types of the record of each cell on the leaf at page 2 (a lone leaf). */
function serialTypes(b: Uint8Array): number[][] {
  const size = pageSizeOf(b);
  const page = size;
  expect(b[page]).toBe(0x0d);
  const cells = u16(b, page + 3);
  const out: number[][] = [];
  for (let k = 0; k < cells; k++) {
    let at = page + u16(b, page + 8 + 2 * k);
    [, at] = varint(b, at); // payload length
    [, at] = varint(b, at); // rowid
    const start = at;
    const [headerSize, next] = varint(b, at);
    at = next;
    const types: number[] = [];
    while (at < start + headerSize) {
      const [t, end] = varint(b, at);
      types.push(t);
      at = end;
    }
    out.push(types);
  }
  return out;
}

/** Checks that the file holds as many whole pages as its header says. */
function expectPages(bytes: Uint8Array): void {
  const size = pageSizeOf(bytes);
  expect(bytes.length % size).toBe(0);
  expect(u32(bytes, 28)).toBe(bytes.length / size);
}

/** Checks what every file must be: whole pages, SQLite finds it sound, its root on page 2. */
function expectSound(bytes: Uint8Array, db: Database): void {
  expectPages(bytes);
  expect(integrity(db)).toEqual([['ok']]);
  expect(one(db, "SELECT rootpage FROM sqlite_master WHERE name = 't'")).toBe(2);
}

/**
 * Each value with the serial type SQLite stores it as (the smallest that holds it) and the
 * type SQL sees. A whole number past 2^53 that fits 64 bits is an 8-byte integer, as an
 * INTEGER column makes of a bound double; 2^63 and beyond do not fit and stay floats.
 */
const VALUES: [number, number, string][] = [
  [0, 8, 'integer'],
  [1, 9, 'integer'],
  [-1, 1, 'integer'],
  [127, 1, 'integer'],
  [128, 2, 'integer'],
  [-128, 1, 'integer'],
  [-129, 2, 'integer'],
  [32767, 2, 'integer'],
  [32768, 3, 'integer'],
  [-32768, 2, 'integer'],
  [-32769, 3, 'integer'],
  [8388607, 3, 'integer'],
  [8388608, 4, 'integer'],
  [-8388608, 3, 'integer'],
  [-8388609, 4, 'integer'],
  [2 ** 31 - 1, 4, 'integer'],
  [2 ** 31, 5, 'integer'],
  [-(2 ** 31), 4, 'integer'],
  [-(2 ** 31) - 1, 5, 'integer'],
  [2 ** 32 + 5, 5, 'integer'],
  [2 ** 47 - 1, 5, 'integer'],
  [2 ** 47, 6, 'integer'],
  [-(2 ** 47), 5, 'integer'],
  [-(2 ** 47) - 1, 6, 'integer'],
  [Number.MAX_SAFE_INTEGER, 6, 'integer'],
  [-Number.MAX_SAFE_INTEGER, 6, 'integer'],
  [1.5, 7, 'real'],
  [-0.25, 7, 'real'],
  [1e300, 7, 'real'],
  [2 ** 60, 6, 'integer'],
  [-(2 ** 60), 6, 'integer'],
  [2 ** 63, 7, 'real'],
  [-(2 ** 63), 7, 'real'],
  [-0, 8, 'integer'],
  [NaN, 0, 'null'],
];

describe('tableFile', () => {
  it('writes a file of no rows that SQLite opens as an empty table', () => {
    const bytes = tableFile('t', createSql(2), rowsOf([], { width: 2 }));
    const db = open(bytes);
    try {
      expectSound(bytes, db);
      expect(bytes.length).toBe(2 * 65536);
      expect(query(db, 'SELECT * FROM t')).toEqual([]);
      expect(query(db, 'SELECT name FROM pragma_table_info(?)', ['t'])).toEqual([
        ['id'],
        ['c0'],
        ['c1'],
      ]);
    } finally {
      db.close();
    }
  });

  it('writes a file of one row that SQLite reads back as written', () => {
    const bytes = tableFile('t', createSql(3), rowsOf([[5, NaN, -7]], { firstId: 42 }), 4096);
    const db = open(bytes);
    try {
      expectSound(bytes, db);
      expect(bytes.length).toBe(2 * 4096);
      expect(query(db, 'SELECT * FROM t')).toEqual([[42, 5, null, -7]]);
    } finally {
      db.close();
    }
  });

  it('stores every value in the smallest serial type and reads each back exactly', () => {
    const row = VALUES.map(([v]) => v);
    const bytes = tableFile('t', createSql(row.length), rowsOf([row], { firstId: 3 }));
    expect(serialTypes(bytes)).toEqual([[0, ...VALUES.map(([, t]) => t)]]);
    const db = open(bytes);
    try {
      expectSound(bytes, db);
      expect(query(db, 'SELECT * FROM t')).toEqual([[3, ...row.map(stored)]]);
      const columns = row.map((_, c) => `c${c}`);
      const types = query(db, `SELECT ${columns.map((c) => `typeof(${c})`).join(', ')} FROM t`);
      expect(types).toEqual([VALUES.map(([, , type]) => type)]);
      // Integers to the last digit, as SQLite prints them.
      const texts = query(
        db,
        `SELECT ${columns.map((c) => `CAST(${c} AS TEXT)`).join(', ')} FROM t`,
      );
      VALUES.forEach(([v, , type], c) => {
        if (type === 'integer') expect(texts[0]![c]).toBe(BigInt(v).toString());
      });
      // Negative zero comes back as the integer 0, not as -0.
      expect(Object.is(one(db, `SELECT c${row.length - 2} FROM t`), 0)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('writes one row per value, ids from firstId, NULLs where NaN, each of its SQL type', () => {
    const rows = VALUES.map(([v]) => [v]);
    const bytes = tableFile('t', createSql(1), rowsOf(rows, { firstId: 1000 }), 512);
    const db = open(bytes);
    try {
      expectSound(bytes, db);
      expect(query(db, 'SELECT * FROM t ORDER BY id')).toEqual(
        VALUES.map(([v], i) => [1000 + i, stored(v)]),
      );
      expect(query(db, 'SELECT typeof(c0) FROM t ORDER BY id')).toEqual(
        VALUES.map(([, , type]) => [type]),
      );
      expect(one(db, 'SELECT count(*) FROM t WHERE c0 IS NULL')).toBe(1);
    } finally {
      db.close();
    }
  });

  it('writes rows of many columns, whose record header takes two bytes to give its size', () => {
    // 130 values: the record header is 133 bytes long, the payload over a thousand.
    const width = 130;
    const rows = generated(40, width, (r, c) =>
      c % 3 === 0 ? r * c + 0.5 : c % 3 === 1 ? NaN : -r * c,
    );
    const bytes = tableFile('t', createSql(width), rows, 8192);
    const db = open(bytes);
    try {
      expectSound(bytes, db);
      const got = query(db, 'SELECT * FROM t ORDER BY id');
      expect(got.length).toBe(40);
      got.forEach((row, r) => {
        expect(row).toEqual([
          r + 1,
          ...Array.from({ length: width }, (_, c) => stored(rows.values[r * width + c]!)),
        ]);
      });
    } finally {
      db.close();
    }
  });

  describe('deep trees', () => {
    /** Checks count, sums and ends of the ids, and looks up rows in the middle by id. */
    function expectRows(db: Database, rows: NumberRows): void {
      const { count, firstId, width, values } = rows;
      const last = firstId + count - 1;
      expect(query(db, 'SELECT count(*), min(id), max(id) FROM t')).toEqual([
        [count, firstId, last],
      ]);
      // The sum of the ids, where it is exact (below 2^53).
      const sum = ((firstId + last) * count) / 2;
      if (Number.isSafeInteger(sum)) expect(one(db, 'SELECT sum(id) FROM t')).toBe(sum);
      for (const r of [0, 1, Math.floor(count / 3), Math.floor(count / 2), count - 2, count - 1]) {
        const expected = [
          firstId + r,
          ...Array.from(values.subarray(r * width, (r + 1) * width), stored),
        ];
        expect(query(db, 'SELECT * FROM t WHERE id = ?', [firstId + r])).toEqual([expected]);
      }
      expect(query(db, 'SELECT * FROM t WHERE id = ?', [last + 1])).toEqual([]);
      expect(query(db, 'SELECT * FROM t WHERE id = ?', [firstId - 1])).toEqual([]);
    }

    it('writes 5,000 rows on 512-byte pages as a tree of three levels that SQLite reads whole', () => {
      const rows = generated(5000, 2, (r, c) => (c === 0 ? r : r % 7 === 0 ? NaN : r * 1000));
      const bytes = tableFile('t', createSql(2), rows, 512);
      expectPages(bytes);
      expect(depth(bytes)).toBe(3);
      const db = open(bytes);
      try {
        expectSound(bytes, db);
        expectRows(db, rows);
        // Every row in order, as written.
        const got = query(db, 'SELECT * FROM t ORDER BY id');
        expect(got).toEqual(
          Array.from({ length: 5000 }, (_, r) => [r + 1, r, r % 7 === 0 ? null : r * 1000]),
        );
        expect(one(db, 'SELECT sum(c0) FROM t')).toBe((4999 * 5000) / 2);
      } finally {
        db.close();
      }
    });

    it('writes 60,000 rows on 512-byte pages as a tree of four levels that SQLite reads whole', () => {
      // Six values of four bytes each: thirteen rows fill a leaf.
      const rows = generated(60000, 6, (r, c) => 100_000_000 + r * 6 + c);
      const bytes = tableFile('t', createSql(6), rows, 512);
      expectPages(bytes);
      expect(depth(bytes)).toBe(4);
      const db = open(bytes);
      try {
        expectSound(bytes, db);
        expectRows(db, rows);
        expect(
          one(db, 'SELECT count(*) FROM t WHERE c5 - c0 = 5 AND c0 = 100000000 + (id - 1) * 6'),
        ).toBe(60000);
      } finally {
        db.close();
      }
    });

    it('writes 60,000 rows of a page each under ids past 2^48 as a tree of five levels', () => {
      // Rows of thirty floats: one fills a 512-byte leaf, 60,000 leaves need four levels above.
      const rows = generated(60000, 30, (r, c) => r + c / 64 + 0.5, 2 ** 48);
      const bytes = tableFile('t', createSql(30, ''), rows, 512);
      expectPages(bytes);
      expect(depth(bytes)).toBe(5);
      const db = open(bytes);
      try {
        expectSound(bytes, db);
        expectRows(db, rows);
      } finally {
        db.close();
      }
    });

    it('writes wide rows of floats on small pages, where interior pages are many', () => {
      for (const pageSize of [4096, 2048, 1024, 512]) {
        const rows = generated(4000, 20, (r, c) => r * 100 + c + 0.25);
        const bytes = tableFile('t', createSql(20, ''), rows, pageSize);
        const db = open(bytes);
        try {
          expectSound(bytes, db);
          expectRows(db, rows);
        } finally {
          db.close();
        }
      }
    });

    it('writes 50,000 rows on 65536-byte pages as leaves under one root', () => {
      const rows = generated(50_000, 15, (r, c) =>
        c === 3 ? 1_576_000_000 + r : c === 8 ? NaN : (r * c) % 70_000,
      );
      const bytes = tableFile('t', createSql(15), rows);
      expectPages(bytes);
      expect(depth(bytes)).toBe(2);
      const db = open(bytes);
      try {
        expectSound(bytes, db);
        expectRows(db, rows);
        expect(query(db, 'SELECT min(c3), max(c3), count(c8) FROM t')).toEqual([
          [1_576_000_000, 1_576_049_999, 0],
        ]);
      } finally {
        db.close();
      }
    });
  });

  describe('rowids', () => {
    it('gives rows ids past 2^40, and up to the largest safe integer, that SQLite reads back', () => {
      for (const firstId of [2 ** 40, 2 ** 47 + 3, Number.MAX_SAFE_INTEGER - 2999]) {
        const rows = generated(3000, 2, (r, c) => r * 2 + c, firstId);
        const bytes = tableFile('t', createSql(2), rows, 1024);
        const db = open(bytes);
        try {
          expectSound(bytes, db);
          expect(depth(bytes)).toBeGreaterThan(1);
          expect(query(db, 'SELECT CAST(min(id) AS TEXT), CAST(max(id) AS TEXT) FROM t')).toEqual([
            [String(firstId), String(firstId + 2999)],
          ]);
          const middle = firstId + 1234;
          expect(query(db, 'SELECT * FROM t WHERE id = ?', [middle])).toEqual([
            [middle, 2468, 2469],
          ]);
          expect(one(db, 'SELECT count(*) FROM t WHERE id >= ?', [firstId + 2000])).toBe(1000);
        } finally {
          db.close();
        }
      }
    });

    it('gives ids across each varint length, from one byte to four', () => {
      for (const firstId of [0, 100, 16_300, 2_097_100]) {
        const rows = generated(400, 1, (r) => r);
        rows.firstId = firstId;
        const bytes = tableFile('t', createSql(1), rows, 1024);
        const db = open(bytes);
        try {
          expectSound(bytes, db);
          expect(query(db, 'SELECT * FROM t ORDER BY id')).toEqual(
            Array.from({ length: 400 }, (_, r) => [firstId + r, r]),
          );
        } finally {
          db.close();
        }
      }
    });
  });

  describe('lead and mapped columns', () => {
    it('writes the lead as the first column of every row, before the row own values', () => {
      for (const lead of [0, 1, 300, -5, 70_000, 2 ** 40]) {
        const rows = rowsOf(
          [
            [1, 2],
            [NaN, 4],
            [5, NaN],
          ],
          { lead, firstId: 9 },
        );
        const bytes = tableFile('t', createSql(3), rows);
        const db = open(bytes);
        try {
          expectSound(bytes, db);
          expect(query(db, 'SELECT * FROM t ORDER BY id')).toEqual([
            [9, lead, 1, 2],
            [10, lead, null, 4],
            [11, lead, 5, null],
          ]);
        } finally {
          db.close();
        }
      }
    });

    it('writes ids[value] in mapped columns, the value itself in the others, NULL for NaN', () => {
      const ids = new Int32Array([7, 70_000, 1, 0, 2_000_000_000]);
      const rows = rowsOf(
        [
          [0, 0, 0, 0],
          [1, 1, 2, 4],
          [4, NaN, 3, NaN],
          [2, 3, NaN, 1],
        ],
        { lead: 12, mapped: { columns: [false, true, false, true], ids } },
      );
      const bytes = tableFile('t', createSql(5), rows, 512);
      const db = open(bytes);
      try {
        expectSound(bytes, db);
        expect(query(db, 'SELECT * FROM t ORDER BY id')).toEqual([
          [1, 12, 0, 7, 0, 7],
          [2, 12, 1, 70_000, 2, 2_000_000_000],
          [3, 12, 4, null, 3, null],
          [4, 12, 2, 0, null, 70_000],
        ]);
      } finally {
        db.close();
      }
    });
  });

  describe('NOT NULL columns', () => {
    const names = ['src', 'a', 'b', 'c'];

    it('throws naming the column when one that must not be NULL holds NaN', () => {
      const rows = rowsOf(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, NaN],
        ],
        { lead: 1, notNull: [true, false, true, true], names },
      );
      expect(() => tableFile('t', createSql(4), rows)).toThrow(
        'store: NOT NULL constraint failed: c',
      );
    });

    it('counts the lead as the first column: its flags and names are one ahead of the values', () => {
      // Column b (the second value) may be NULL, c (the third) may not.
      const notNull = [true, true, false, true];
      const ok = rowsOf([[1, NaN, 3]], { lead: 1, notNull, names });
      const db = open(tableFile('t', createSql(4), ok));
      try {
        expect(query(db, 'SELECT * FROM t')).toEqual([[1, 1, 1, null, 3]]);
      } finally {
        db.close();
      }
      const bad = rowsOf([[NaN, 2, 3]], { lead: 1, notNull, names });
      expect(() => tableFile('t', createSql(4), bad)).toThrow(
        'store: NOT NULL constraint failed: a',
      );
      const noLead = rowsOf([[NaN, 2, 3]], { lead: NaN, notNull, names });
      expect(() => tableFile('t', createSql(4), noLead)).toThrow(
        'store: NOT NULL constraint failed: src',
      );
    });

    it('throws for a NULL in a mapped column that must not be NULL', () => {
      const rows = rowsOf([[0], [NaN]], {
        mapped: { columns: [true], ids: new Int32Array([5]) },
        notNull: [true],
        names: ['device'],
      });
      expect(() => tableFile('t', createSql(1), rows)).toThrow(
        'store: NOT NULL constraint failed: device',
      );
    });
  });

  describe('page sizes', () => {
    it('writes files of every page size SQLite allows, each with its size in the header', () => {
      for (const pageSize of [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]) {
        const rows = generated(3000, 3, (r, c) => r * 3 + c);
        const bytes = tableFile('t', createSql(3), rows, pageSize);
        expect(pageSizeOf(bytes)).toBe(pageSize);
        const db = open(bytes);
        try {
          expectSound(bytes, db);
          expect(one(db, 'PRAGMA page_size')).toBe(pageSize);
          expect(query(db, 'SELECT count(*), sum(c2) FROM t')).toEqual([
            [3000, 3 * ((2999 * 3000) / 2) + 2 * 3000],
          ]);
        } finally {
          db.close();
        }
      }
    });

    it('refuses a page size that is no power of two between 512 and 65536', () => {
      for (const pageSize of [1000, 256, 131072, 0, -512, 65537, 768]) {
        expect(() => tableFile('t', createSql(1), rowsOf([[1]]), pageSize)).toThrow(
          `store: ${pageSize} is no SQLite page size`,
        );
      }
    });

    it('refuses a page size that is no whole number', () => {
      for (const pageSize of [1024.5, 512.25, NaN]) {
        expect(() => tableFile('t', createSql(1), rowsOf([[1]]), pageSize)).toThrow(
          /is no SQLite page size/,
        );
      }
    });
  });
});
