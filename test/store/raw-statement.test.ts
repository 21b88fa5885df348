/**
 * RawStatement drives a prepared statement through SQLite's C functions, having found the
 * statement's pointer inside sql.js's Statement object: with the pinned sql.js it must find
 * it, bind each kind of value where it belongs, run again and again, and report a refused
 * step without becoming unusable.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { RawStatement } from '../../electron/engine/store/raw-statement.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs({});
});

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A new database holding `t (n INTEGER, x, s TEXT)` and `u (a INTEGER NOT NULL UNIQUE, b)`. */
function newDb(): Database {
  const db = new SQL.Database();
  open.push(db);
  db.exec('CREATE TABLE t (n INTEGER, x, s TEXT); CREATE TABLE u (a INTEGER NOT NULL UNIQUE, b)');
  return db;
}

function query(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}

const INSERT_T = 'INSERT INTO t (n, x, s) VALUES (?, ?, ?)';

/** The same sql.js with some of its exports changed. */
function changed(overrides: Record<string, unknown>): SqlJsStatic {
  return new Proxy(SQL, {
    get: (target, key, receiver) =>
      typeof key === 'string' && key in overrides
        ? overrides[key]
        : (Reflect.get(target, key, receiver) as unknown),
  });
}

describe('RawStatement', () => {
  it('finds the statement inside the pinned sql.js and inserts through it', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    expect(st.sql).toBe(INSERT_T);
    st.number(1, 42);
    st.number(2, 7);
    st.text(3, 'cam');
    st.run();
    expect(query(db, 'SELECT n, x, s FROM t')).toEqual([[42, 7, 'cam']]);
  });

  it('binds integers as integers and other numbers as reals, each to its own parameter', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    const numbers: [number, number, SqlValue, string][] = [
      // n (INTEGER), x (no type): what each holds, and x's SQL type.
      [0, 0, 0, 'integer'],
      [-1, 1, 1, 'integer'],
      [2 ** 31 - 1, -(2 ** 31), -(2 ** 31), 'integer'],
      [300, 2.5, 2.5, 'real'],
      [-7, -0.125, -0.125, 'real'],
      [1, -0, 0, 'integer'],
    ];
    for (const [n, x] of numbers) {
      st.number(1, n);
      st.number(2, x);
      st.run();
    }
    expect(query(db, 'SELECT n, x, typeof(n), typeof(x), s FROM t ORDER BY rowid')).toEqual(
      numbers.map(([n, , x, type]) => [n, x, 'integer', type, null]),
    );
    // Negative zero is stored as the integer 0.
    expect(Object.is(query(db, 'SELECT x FROM t WHERE n = 1')[0]![0], 0)).toBe(true);
  });

  it('stores whole numbers past 32 bits exactly in an INTEGER column', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    const big = [2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER, -(2 ** 47)];
    for (const n of big) {
      st.number(1, n);
      st.run();
    }
    expect(query(db, 'SELECT CAST(n AS TEXT), typeof(n) FROM t ORDER BY rowid')).toEqual(
      big.map((n) => [String(n), 'integer']),
    );
  });

  it('binds texts as written, an empty text as text, and leaves unbound parameters NULL', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    const texts = ["it's", 'héllo ✓ 🎥', '', '["a","b"]', 'x'.repeat(10_000)];
    for (const s of texts) {
      st.text(3, s);
      st.run();
    }
    expect(query(db, 'SELECT n, x, s, typeof(s) FROM t ORDER BY rowid')).toEqual(
      texts.map((s) => [null, null, s, 'text']),
    );
    // Nothing bound at all: a row of NULLs.
    st.run();
    expect(query(db, 'SELECT n, x, s FROM t WHERE rowid = 6')).toEqual([[null, null, null]]);
  });

  it('runs again and again, each run starting with every parameter NULL', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    st.number(1, 1);
    st.number(2, 2);
    st.text(3, 'three');
    st.run();
    // Only the first parameter this time: the others do not keep the last run's values.
    st.number(1, 4);
    st.run();
    db.exec('BEGIN');
    for (let i = 0; i < 1000; i++) {
      st.number(1, i);
      if (i % 2) st.text(3, `t${i}`);
      st.run();
    }
    db.exec('COMMIT');
    expect(query(db, 'SELECT n, x, s FROM t WHERE rowid <= 2 ORDER BY rowid')).toEqual([
      [1, 2, 'three'],
      [4, null, null],
    ]);
    expect(query(db, 'SELECT count(*), sum(n), count(x), count(s) FROM t WHERE rowid > 2')).toEqual(
      [[1000, (999 * 1000) / 2, 0, 500]],
    );
  });

  it('binds into its own statement when several are prepared, even with the same SQL', () => {
    const db = newDb();
    const first = new RawStatement(SQL, db, INSERT_T);
    const second = new RawStatement(SQL, db, INSERT_T);
    const other = new RawStatement(SQL, db, 'INSERT INTO u (a, b) VALUES (?, ?)');
    first.number(1, 10);
    second.number(1, 20);
    other.number(1, 30);
    first.text(3, 'first');
    other.text(2, 'other');
    second.text(3, 'second');
    second.run();
    other.run();
    first.run();
    expect(query(db, 'SELECT n, s FROM t ORDER BY rowid')).toEqual([
      [20, 'second'],
      [10, 'first'],
    ]);
    expect(query(db, 'SELECT a, b FROM u')).toEqual([[30, 'other']]);
  });

  it('throws naming the constraint when a step is refused, and runs again afterwards', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, 'INSERT INTO u (a, b) VALUES (?, ?)');
    st.text(2, 'no a');
    let error: unknown;
    try {
      st.run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/NOT NULL constraint failed: u\.a/);
    // The refused run's values are gone: the next run has only what is bound for it.
    st.number(1, 1);
    st.run();
    expect(query(db, 'SELECT a, b FROM u')).toEqual([[1, null]]);
    st.number(1, 1);
    expect(() => st.run()).toThrow(/UNIQUE constraint failed: u\.a/);
    st.number(1, 2);
    st.text(2, 'two');
    st.run();
    expect(query(db, 'SELECT a, b FROM u ORDER BY a')).toEqual([
      [1, null],
      [2, 'two'],
    ]);
  });

  it('throws naming the parameter when a bind is refused, and binds again afterwards', () => {
    const db = newDb();
    const st = new RawStatement(SQL, db, INSERT_T);
    expect(() => st.number(4, 1)).toThrow(/binding parameter 4 failed/);
    expect(() => st.text(0, 'x')).toThrow(/binding parameter 0 failed/);
    st.number(1, 5);
    st.text(3, 'ok');
    st.run();
    expect(query(db, 'SELECT n, x, s FROM t')).toEqual([[5, null, 'ok']]);
  });

  it('refuses when no value of the Statement is confirmed as the statement by SQLite', () => {
    const db = newDb();
    // An sql.js whose SQLite gives no statement's SQL text: no candidate can be confirmed.
    const blind = changed({ _sqlite3_sql: () => 0 });
    expect(() => new RawStatement(blind, db, INSERT_T)).toThrow(/cannot find the SQLite statement/);
    // The same SQL with the real sql.js still works on this database.
    new RawStatement(SQL, db, INSERT_T).run();
    expect(query(db, 'SELECT count(*) FROM t')).toEqual([[1]]);
  });

  it('refuses an sql.js that does not export the functions it calls, naming them', () => {
    const db = newDb();
    const lacking = changed({ _sqlite3_bind_int: undefined, _sqlite3_step: undefined });
    expect(() => new RawStatement(lacking, db, INSERT_T)).toThrow(
      'store: this sql.js does not export _sqlite3_bind_int, _sqlite3_step',
    );
  });
});
