/**
 * The bulk insert through files: rows a Writer stores through a file written in JavaScript
 * must be the rows it stores value by value, in every table and view and in its tally,
 * whether the batches come one by one or together, before or after the indexes exist; a
 * refused batch must leave nothing behind, not even the attached file.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { SecEvent } from '../../shared/model.js';
import { AddressBook } from '../../electron/engine/store/addrs.js';
import { FileInserter } from '../../electron/engine/store/bulk-file.js';
import { memIndexes, openDatabase } from '../../electron/engine/store/open.js';
import { INDEXES } from '../../electron/engine/store/schema.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';
import { forgetStatements } from '../../electron/engine/store/sql.js';
import { TALLY_SIDES, Tally } from '../../electron/engine/store/tally.js';
import { FILE_ROWS, Writer, type StoredEvent } from '../../electron/engine/store/write.js';
import { AddressDictionary } from '../../electron/engine/pipeline/dictionary.js';
import { ROW_NUMBERS, RowBuilder, type PackedRows } from '../../electron/engine/pipeline/rows.js';
import { dataset } from './dataset.js';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs({});
});

/** A store database with the pieces a Writer needs. */
interface Store {
  db: Database;
  addrs: AddressBook;
  tally: Tally;
  writer: Writer;
}

const open: Store[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of open.splice(0)) {
    s.writer.free();
    s.addrs.free();
    forgetStatements(s.db);
    s.db.close();
  }
});

/** A new empty store whose Writer goes through files from `fileRows` rows on (0: never). */
async function newStore(fileRows: number, sql: SqlJsStatic = SQL): Promise<Store> {
  const db = await openDatabase({});
  const addrs = new AddressBook(db);
  const tally = new Tally();
  const writer = new Writer(sql, db, addrs, tally, fileRows);
  const s = { db, addrs, tally, writer };
  open.push(s);
  return s;
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

const count = (db: Database, table: string) => query(db, `SELECT count(*) FROM ${table}`)[0]![0];

/** The names of the databases attached to `db`. */
const databases = (db: Database) => query(db, 'PRAGMA database_list').map((r) => r[1]);

/** Everything a store holds and counts: its tables, the events view and its tally. */
function contents(s: Store) {
  const { db, tally } = s;
  return {
    events: query(db, 'SELECT * FROM events ORDER BY id'),
    rows: query(db, 'SELECT * FROM event_rows ORDER BY id'),
    types: query(db, `SELECT ${ROW_NUMBERS.map((c) => `typeof(${c})`).join(', ')} FROM event_rows`),
    more: query(db, 'SELECT * FROM event_more ORDER BY id'),
    addrs: query(db, 'SELECT * FROM addrs ORDER BY id'),
    tally: {
      events: tally.events(db),
      totals: tally.totals(db),
      rules: [...tally.rules(db)],
      sides: TALLY_SIDES.map((side) => tally.all(db, side)),
      timeline: [...(tally.timeline(db, 60) ?? [])],
    },
  };
}

/** An event with nothing but a time and a line; the makers below fill in the rest. */
function bare(line: number, time: string): StoredEvent {
  return {
    source: 'cam.log',
    line,
    offset: line * 131,
    envelopeTime: null,
    envelopeLocal: null,
    time,
    device: null,
    devicePort: null,
    reporter: null,
    seq: null,
    messageType: 'security_rule',
    eventType: 'cyber_attack',
    ruleId: null,
    peer: null,
    peerPort: null,
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    originator: null,
    direction: null,
    role: null,
    roleText: null,
    attacker: null,
    victim: null,
    repAddress: null,
    repPath: null,
    repScore: null,
    repBand: null,
    repScores: null,
    problems: [],
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A time `minutes` after 2020-03-01 00:00, as a device writes it. */
const timeAt = (minutes: number) => {
  const d = new Date(Date.UTC(2020, 2, 1) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/**
 * `n` events of every kind the store keeps, from line `from` on: security rules with a
 * victim and with an attacker device, IPv6 peers, host names, damaged originators (rows of
 * event_more), WRS and TRS with and without a device, with and without ports, sequence
 * numbers, rule IDs, envelope times and byte counts.
 */
function varied(n: number, from = 1): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const line = from + i;
    const ev = bare(line, timeAt(line * 7));
    const attacker = `203.0.113.${line % 50}`;
    const camera = `192.168.1.${10 + (line % 4)}`;
    switch (line % 7) {
      case 0:
        Object.assign(ev, {
          ruleId: '1133810',
          eventType: 'brute_force',
          seq: line,
          srcIp: attacker,
          srcPort: 40000 + line,
          dstIp: camera,
          dstPort: 80,
          device: camera,
          devicePort: 80,
          peer: attacker,
          peerPort: 40000 + line,
          originator: attacker,
          direction: 'outside_in',
          role: 'victim',
          attacker,
          victim: camera,
          bytes: 180 + (line % 9),
        });
        break;
      case 1:
        Object.assign(ev, {
          ruleId: '1133820',
          eventType: 'quarantine',
          seq: 2 ** 31 + line,
          srcIp: camera,
          srcPort: 50000,
          dstIp: '8.8.8.8',
          dstPort: 53,
          device: camera,
          devicePort: 50000,
          peer: '8.8.8.8',
          peerPort: 53,
          originator: camera,
          direction: 'inside_out',
          role: 'attacker',
          attacker: camera,
          victim: '8.8.8.8',
          reporter: 'nvr-main',
          envelopeLocal: timeAt(line * 7 + 1),
        });
        break;
      case 2: {
        const peer = `2001:db8::${(line % 97).toString(16)}`;
        Object.assign(ev, {
          ruleId: '1134560',
          srcIp: peer,
          srcPort: 443,
          dstIp: camera,
          dstPort: 554,
          device: camera,
          devicePort: 554,
          peer,
          peerPort: 443,
          originator: `${peer.slice(0, 5)} ::${line}`,
          direction: 'outside_in',
          role: 'victim',
          attacker: peer,
          victim: camera,
          problems: [`originator '${peer.slice(0, 5)} ::${line}' is not an IP address`],
        });
        break;
      }
      case 3:
        Object.assign(ev, {
          messageType: 'wrs',
          device: camera,
          peer: '206.130.113.68',
          peerPort: 80,
          attacker: '206.130.113.68',
          victim: camera,
          repAddress: `206.130.113.68:80/path/${line}`,
          repPath: `/path/${line}`,
          repScore: 71 + (line % 20),
          repBand: 'suspicious',
          repScores: [71, -1, -1, -1],
        });
        break;
      case 4:
        Object.assign(ev, {
          messageType: 'trs',
          peer: 'bad.example.net',
          peerPort: 8443,
          attacker: 'bad.example.net',
          repAddress: 'bad.example.net:8443/x',
          repPath: '/x',
          repScore: 30,
          repBand: 'dangerous',
          repScores: [30, -1, -1, -1],
        });
        break;
      case 5:
        Object.assign(ev, {
          ruleId: '123456789012345',
          eventType: 'unknown',
          srcIp: attacker,
          dstIp: `cam-lobby-${line % 3}`,
          device: `cam-lobby-${line % 3}`,
          peer: attacker,
          originator: '10.0.0.99',
          role: 'ip_block',
          attacker,
          victim: `cam-lobby-${line % 3}`,
        });
        break;
      default:
        // Before 1970 (negative seconds), with an attacker the parser could not read.
        Object.assign(ev, {
          time: '1969-12-31 23:5' + (line % 10) + ':00',
          ruleId: '1133835',
          seq: 0,
          srcIp: '192.192.25.831',
          srcPort: 1,
          dstIp: '10.0.0.5',
          dstPort: 0,
          device: '10.0.0.5',
          devicePort: 0,
          peer: '192.192.25.831',
          peerPort: 1,
          originator: '192.192.25.831',
          direction: 'outside_in',
          role: 'other',
          victim: '10.0.0.5',
          problems: ["peer '192.192.25.831' has an impossible octet (831)", 'second'],
          bytes: 70_000,
        });
    }
    out.push(ev);
  }
  return out;
}

/** The events packed by a builder with its own dictionary, in batches of the given sizes. */
function batches(events: SecEvent[], sizes: number[], dictionary = new AddressDictionary()) {
  const builder = new RowBuilder(dictionary);
  const out: PackedRows[] = [];
  let at = 0;
  for (const size of sizes) {
    for (const ev of events.slice(at, at + size)) builder.event(ev);
    at += size;
    out.push(builder.take());
  }
  return out;
}

describe('FileInserter.probe and Writer.throughFiles', () => {
  it('finds where the pinned sql.js puts a database opened from bytes', async () => {
    const db = await openDatabase({});
    try {
      expect(FileInserter.probe(SQL, db)).toBeInstanceOf(FileInserter);
    } finally {
      db.close();
    }
  });

  it('says a Writer goes through files unless told never to', async () => {
    expect((await newStore(FILE_ROWS)).writer.throughFiles).toBe(true);
    expect((await newStore(1)).writer.throughFiles).toBe(true);
    expect((await newStore(0)).writer.throughFiles).toBe(false);
  });

  it('binds every value when sql.js does not say where it put a file, storing the same', async () => {
    // The same sql.js, but its databases keep their file name to themselves.
    const hidden = new Proxy(SQL, {
      get(target, key, receiver) {
        if (key !== 'Database') return Reflect.get(target, key, receiver) as unknown;
        return function Database(bytes?: Uint8Array) {
          const d = new target.Database(bytes);
          return new Proxy(d, {
            get(t, k) {
              if (k === 'filename') return undefined;
              const v = Reflect.get(t, k) as unknown;
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
            },
          });
        };
      },
    });
    const db = await openDatabase({});
    try {
      expect(FileInserter.probe(hidden, db)).toBeNull();
    } finally {
      db.close();
    }
    const plain = await newStore(1, hidden);
    const reference = await newStore(0);
    expect(plain.writer.throughFiles).toBe(false);
    const events = varied(40);
    plain.writer.events(4, events);
    reference.writer.events(4, events);
    expect(contents(plain)).toEqual(contents(reference));
  });
});

describe('Writer through files', () => {
  /** The same calls on a store: events and packed batches of several sources. */
  function fill(s: Store): void {
    const { a, b } = dataset();
    s.writer.events(1, a);
    s.writer.events(300, b);
    s.writer.events(1, varied(700, 1000));
    // A builder of its own: its dictionary indexes are not the Writer's.
    const dictionary = new AddressDictionary();
    const [first, second, third] = batches(varied(90, 5000), [40, 1, 49], dictionary);
    s.writer.packed(70_000, first!);
    s.writer.packed(2, [second!, third!]);
    s.writer.events(2, []);
    s.writer.events(1, varied(3, 9000));
    s.writer.packed(9, batches(varied(30, 5000), [30], dictionary)[0]!);
  }

  it('stores the same rows, extra values, addresses and counts as binding value by value', async () => {
    const inserts = vi.spyOn(FileInserter.prototype, 'insert');
    const files = await newStore(1);
    fill(files);
    // Each of the seven calls with rows went through one file.
    expect(inserts).toHaveBeenCalledTimes(7);
    inserts.mockClear();
    const values = await newStore(0);
    fill(values);
    expect(inserts).not.toHaveBeenCalled();

    const got = contents(files);
    expect(got).toEqual(contents(values));
    // The data set is as varied as it means to be, and ids run on across calls.
    const total = 10 + 19 + 700 + 90 + 3 + 30;
    expect(got.rows.length).toBe(total);
    expect(got.rows.map((r) => r[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(got.rows.map((r) => r[1]))).toEqual(new Set([1, 300, 70_000, 2, 9]));
    expect(got.more.length).toBeGreaterThan(200);
    const texts = got.addrs.map((r) => r[1]);
    expect(texts).toContain('2001:db8::1');
    expect(texts).toContain('cam-lobby-1');
    expect(texts).toContain('bad.example.net');
    expect(texts).toContain('192.192.25.831');
    expect(
      query(files.db, 'SELECT count(*) FROM events WHERE originator IS NULL')[0]![0],
    ).toBeGreaterThan(0);
    expect(query(files.db, 'PRAGMA mem.integrity_check')).toEqual([['ok']]);
  });

  it('sends a batch through a file from fileRows rows on and binds smaller ones', async () => {
    const inserts = vi.spyOn(FileInserter.prototype, 'insert');
    const s = await newStore(FILE_ROWS);
    s.writer.events(1, varied(FILE_ROWS - 1));
    expect(inserts).not.toHaveBeenCalled();
    s.writer.events(1, varied(FILE_ROWS, FILE_ROWS));
    expect(inserts).toHaveBeenCalledTimes(1);
    // Several batches count together.
    s.writer.packed(2, batches(varied(FILE_ROWS, 3 * FILE_ROWS), [FILE_ROWS - 10, 10]));
    expect(inserts).toHaveBeenCalledTimes(2);
    const reference = await newStore(0);
    reference.writer.events(1, varied(FILE_ROWS - 1));
    reference.writer.events(1, varied(FILE_ROWS, FILE_ROWS));
    reference.writer.packed(2, batches(varied(FILE_ROWS, 3 * FILE_ROWS), [FILE_ROWS - 10, 10]));
    expect(contents(s)).toEqual(contents(reference));
  });

  it('stores a whole number past 2^53 (a damaged sequence number) as binding stores it', async () => {
    // The parser reads seq=10000000000000000 as a number; SQLite holds it as an integer.
    const events = varied(3).map((ev, i) => ({ ...ev, seq: i === 1 ? 1e16 : ev.seq }));
    const files = await newStore(1);
    const values = await newStore(0);
    files.writer.events(1, events);
    values.writer.events(1, events);
    const seq = (s: Store) => query(s.db, 'SELECT typeof(seq), CAST(seq AS TEXT) FROM event_rows');
    expect(seq(values)[1]).toEqual(['integer', '10000000000000000']);
    expect(seq(files)).toEqual(seq(values));
  });

  it('stores several batches given together as it stores them given one by one', async () => {
    const events = varied(300, 20);
    const sizes = [100, 0, 1, 120, 79];
    const together = await newStore(1);
    together.writer.packed(5, batches(events, sizes));
    const oneByOne = await newStore(1);
    for (const p of batches(events, sizes)) oneByOne.writer.packed(5, p);
    const bound = await newStore(0);
    bound.writer.packed(5, batches(events, sizes));
    expect(contents(together)).toEqual(contents(oneByOne));
    expect(contents(together)).toEqual(contents(bound));
    expect(contents(together).rows.length).toBe(300);
  });

  it('stores batches of different dictionaries given together, each with its own addresses', async () => {
    const events = varied(200, 40);
    const mixed = [
      ...batches(events.slice(0, 100), [60, 40]),
      ...batches(events.slice(100), [50, 50]),
    ];
    const together = await newStore(1);
    together.writer.packed(6, mixed);
    const bound = await newStore(0);
    for (const p of mixed) bound.writer.packed(6, p);
    const reference = await newStore(0);
    reference.writer.events(6, events);
    expect(contents(together)).toEqual(contents(bound));
    // Address ids depend on the order addresses come in; the events read back do not.
    const view = (s: Store) =>
      query(
        s.db,
        `SELECT e.id, e.time, e.flags, e.seq, e.rule, d.text, p.text, a.text, v.text, o.text,
           e.rep_address, e.rep_score, e.problems
         FROM events e LEFT JOIN addrs d ON d.id = e.device LEFT JOIN addrs p ON p.id = e.peer
           LEFT JOIN addrs a ON a.id = e.attacker LEFT JOIN addrs v ON v.id = e.victim
           LEFT JOIN addrs o ON o.id = e.originator ORDER BY e.id`,
      );
    expect(view(together)).toEqual(view(reference));
  });

  it('stores rows through files after the indexes exist, indexes and all', async () => {
    const files = await newStore(1);
    const values = await newStore(0);
    for (const s of [files, values]) {
      s.writer.events(1, varied(400));
      s.db.exec(memIndexes(INDEXES));
      s.writer.events(2, varied(600, 400));
      s.writer.packed(3, batches(varied(50, 2000), [25, 25]));
    }
    expect(query(files.db, "SELECT count(*) FROM mem.sqlite_master WHERE type = 'index'")).toEqual(
      query(values.db, "SELECT count(*) FROM mem.sqlite_master WHERE type = 'index'"),
    );
    expect(contents(files)).toEqual(contents(values));
    expect(query(files.db, 'PRAGMA mem.integrity_check')).toEqual([['ok']]);
    // Lookups through the indexes find the rows added after them.
    for (const s of [files, values]) {
      expect(
        query(s.db, 'SELECT count(*) FROM event_rows INDEXED BY ev_time WHERE time > 0'),
      ).toEqual(query(s.db, 'SELECT count(*) FROM event_rows NOT INDEXED WHERE time > 0'));
    }
    const attacker = query(files.db, "SELECT id FROM addrs WHERE text = '203.0.113.7'")[0]![0]!;
    const byAttacker = (s: Store) =>
      query(
        s.db,
        'SELECT id FROM event_rows INDEXED BY ev_attacker WHERE attacker = ? ORDER BY time, id',
        [attacker],
      );
    expect(byAttacker(files).length).toBeGreaterThan(2);
    expect(byAttacker(files)).toEqual(byAttacker(values));
  });

  describe('a refused batch', () => {
    /** A batch of `n` events whose row `bad` has no time (NULL in a NOT NULL column). */
    function timeless(n: number, bad: number, from: number): PackedRows {
      const [p] = batches(varied(n, from), [n]);
      p!.numbers[bad * ROW_NUMBERS.length + ROW_NUMBERS.indexOf('time')] = NaN;
      return p!;
    }

    for (const fileRows of [1, 0]) {
      const how = fileRows ? 'through a file' : 'value by value';
      it(`throws ${how} on a NULL time and leaves the rows, extras and counts as they were`, async () => {
        const s = await newStore(fileRows);
        s.writer.events(1, varied(100));
        const before = contents(s);
        const attached = databases(s.db);
        expect(attached).not.toContain('bulk');
        // Its event_more rows come before the bad row, and after.
        expect(() => s.writer.packed(2, timeless(60, 30, 200))).toThrow(
          /NOT NULL constraint failed: event_rows\.time/,
        );
        const after = contents(s);
        expect(after.rows).toEqual(before.rows);
        expect(after.more).toEqual(before.more);
        expect(after.events).toEqual(before.events);
        expect(after.tally).toEqual(before.tally);
        expect(databases(s.db)).toEqual(attached);
        // The next good batch goes in, with the ids that follow.
        s.writer.packed(2, batches(varied(60, 200), [60]));
        expect(count(s.db, 'event_rows')).toBe(160);
        expect(query(s.db, 'SELECT min(id), max(id) FROM event_rows WHERE source = 2')).toEqual([
          [101, 160],
        ]);
        expect(s.tally.events(s.db)).toBe(160);
        expect(query(s.db, 'PRAGMA mem.integrity_check')).toEqual([['ok']]);
      });
    }

    it('takes back rows copied from the file when a later step of the same transaction fails', async () => {
      const s = await newStore(1);
      const reference = await newStore(1);
      s.writer.events(1, varied(50));
      reference.writer.events(1, varied(50));
      const before = contents(s);
      const attached = databases(s.db);
      // A stray extra row where the next batch's first extra row goes: its insert fails
      // after the rows were copied.
      const events = varied(20, 100);
      const firstMore = events.findIndex((ev) => ev.problems.length > 0 || ev.repAddress !== null);
      s.db.exec(`INSERT INTO event_more (id, rep_score) VALUES (${51 + firstMore}, -1)`);
      expect(() => s.writer.events(1, events)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(count(s.db, 'event_rows')).toBe(50);
      expect(query(s.db, 'SELECT * FROM event_rows ORDER BY id')).toEqual(before.rows);
      expect(contents(s).tally).toEqual(before.tally);
      expect(databases(s.db)).toEqual(attached);
      // Without the stray row, the same events go in as they would have.
      s.db.exec(`DELETE FROM event_more WHERE id = ${51 + firstMore}`);
      s.writer.events(1, events);
      reference.writer.events(1, events);
      expect(contents(s)).toEqual(contents(reference));
    });

    it('refuses rows whose width is not that of event_rows, attaching nothing', async () => {
      const s = await newStore(1);
      const inserter = FileInserter.probe(SQL, s.db)!;
      const work = vi.fn();
      const rows = { count: 1, firstId: 1, width: 3, values: new Float64Array([1, 2, 3]), lead: 1 };
      expect(() => inserter.insert(rows, work)).toThrow(/rows of 4 values where event_rows has 16/);
      expect(work).not.toHaveBeenCalled();
      expect(databases(s.db)).not.toContain('bulk');
    });
  });

  it('leaves no file behind: each one is closed and gone, and nothing stays attached', async () => {
    // The same sql.js, recording the databases opened from bytes and closed.
    const made: { filename: string; closed: boolean }[] = [];
    class Recording extends SQL.Database {
      constructor(bytes?: ArrayLike<number> | Buffer | null) {
        super(bytes);
        made.push({ filename: (this as unknown as { filename: string }).filename, closed: false });
      }
      override close(): void {
        const name = (this as unknown as { filename: string }).filename;
        super.close();
        const entry = made.find((m) => m.filename === name);
        if (entry) entry.closed = true;
      }
    }
    const recording = new Proxy(SQL, {
      get: (target, key, receiver) =>
        key === 'Database' ? Recording : (Reflect.get(target, key, receiver) as unknown),
    });
    const s = await newStore(1, recording);
    const attached = databases(s.db);
    const reference = await newStore(0);
    for (let k = 0; k < 40; k++) {
      const events = varied(5 + k, 100 * k);
      s.writer.events(k % 3, events);
      reference.writer.events(k % 3, events);
      expect(databases(s.db)).toEqual(attached);
    }
    expect(contents(s)).toEqual(contents(reference));
    // The probe's database and one per batch, every one closed.
    expect(made.length).toBe(41);
    expect(made.every((m) => m.closed)).toBe(true);
    // Attaching a file's name again finds an empty new file: the old one was removed.
    for (const { filename } of made.slice(-3)) {
      s.db.exec(`ATTACH '${filename}' AS gone`);
      try {
        expect(query(s.db, 'SELECT count(*) FROM gone.sqlite_master')).toEqual([[0]]);
      } finally {
        s.db.exec('DETACH gone');
      }
    }
  });
});
