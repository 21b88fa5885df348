import { afterEach, describe, expect, it } from 'vitest';
import { SqlConsole, SqlConsoleError } from '../../electron/engine/sql/console.js';
import { readOnlyProblem } from '../../electron/engine/sql/guard.js';
import { schemaText } from '../../electron/engine/sql/schema-text.js';

describe('readOnlyProblem', () => {
  it.each([
    ['INSERT', "INSERT INTO rules (id, etype, origin) VALUES (1, 0, 'x')", /INSERT changes/],
    ['UPDATE', 'UPDATE events SET etype = 0', /UPDATE changes/],
    ['DELETE', 'delete from events', /DELETE changes/],
    ['DROP', 'DROP TABLE events', /DROP changes/],
    ['CREATE', 'CREATE TABLE x (a)', /CREATE changes/],
    ['ALTER', 'ALTER TABLE events ADD COLUMN x', /ALTER changes/],
    ['REPLACE', "REPLACE INTO rules (id, etype, origin) VALUES (1, 0, 'x')", /REPLACE changes/],
    ['PRAGMA writable_schema=1', 'PRAGMA writable_schema=1', /PRAGMA with "="/],
    ['PRAGMA query_only = OFF', 'PRAGMA query_only = OFF', /PRAGMA with "="/],
    ['PRAGMA with a value in brackets', 'PRAGMA page_size(1024)', /with an argument changes/],
    ['an unknown PRAGMA', 'PRAGMA writable_schema', /not one the console runs/],
    ['VACUUM', 'VACUUM', /VACUUM changes/],
    ['SHOW', 'SHOW TABLES', /SHOW is not allowed/],
    ['a CTE that deletes', 'WITH x AS (SELECT 1) DELETE FROM events', /DELETE changes/],
    ['a CTE that updates', 'WITH x AS (SELECT 1) UPDATE events SET line = 0', /UPDATE/],
    ['EXPLAIN of a write', 'EXPLAIN DELETE FROM events', /DELETE changes/],
    ['ATTACH', "ATTACH DATABASE '/etc/passwd' AS p", /ATTACH is refused/],
    ['ATTACH inside a SELECT', "SELECT 1; ATTACH 'x' AS y", /one statement/],
    ['DETACH', 'DETACH p', /DETACH is refused/],
    ['load_extension', "SELECT load_extension('evil.so')", /load_extension is refused/],
    ['load_extension quoted', `SELECT "load_extension"('evil.so')`, /load_extension/],
    ['two statements', 'SELECT 1; SELECT 2', /one statement at a time/],
    ['a write after a select', 'SELECT 1; DELETE FROM events', /one statement at a time/],
    ['BEGIN', 'BEGIN', /BEGIN changes/],
    ['an empty query', '  -- only a comment\n', /empty/],
    ['a leading bracket', '(SELECT 1)', /not allowed/],
  ])('refuses %s with a reason', (_name, sql, reason) => {
    expect(readOnlyProblem(sql)).toMatch(reason);
  });

  it.each([
    'SELECT * FROM events',
    'select 1;',
    "SELECT replace(text, '.', '-') FROM addrs",
    "SELECT 'DELETE FROM events; ATTACH' AS words",
    'SELECT "update" FROM (SELECT 1 AS "update")',
    'SELECT 1 -- DROP TABLE events',
    'SELECT /* ; INSERT */ 1',
    'WITH t AS (SELECT time FROM events) SELECT count(*) FROM t',
    'EXPLAIN QUERY PLAN SELECT * FROM events',
    'VALUES (1), (2)',
    'PRAGMA table_info(events)',
    'PRAGMA main.index_list(events)',
    'PRAGMA page_count',
    "SELECT name FROM pragma_table_info('events')",
  ])('lets a read through: %s', (sql) => {
    expect(readOnlyProblem(sql)).toBeNull();
  });
});

describe('SqlConsole refusals', () => {
  const getBytes = () => {
    throw new Error('a refused query must not read the store');
  };
  let sql: SqlConsole;
  afterEach(() => sql.close());

  it.each([
    'INSERT INTO events DEFAULT VALUES',
    'UPDATE events SET line = 1',
    'DELETE FROM events',
    'DROP TABLE events',
    'CREATE TABLE t (a)',
    'ALTER TABLE events RENAME TO e',
    'REPLACE INTO addrs (id, text) VALUES (1, 1)',
    'PRAGMA writable_schema=1',
    'VACUUM',
    'WITH x AS (SELECT 1) DELETE FROM events',
    "ATTACH 'other.db' AS o",
    'SELECT 1; SELECT 2',
  ])('refuses "%s" before starting anything', async (text) => {
    sql = new SqlConsole(getBytes);
    const err = await sql.run(text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SqlConsoleError);
    expect((err as SqlConsoleError).reason).toBe('refused');
    expect(sql.state).toBe('idle');
  });
});

describe('schemaText', () => {
  it('describes the tables and what the stored numbers mean', () => {
    const text = schemaText();
    expect(text).toContain('CREATE VIEW events');
    expect(text).toContain('events.mtype: 0 = security_rule, 1 = wrs, 2 = trs');
    expect(text).toContain('table_info');
  });
});
