/**
 * How lines are cut into batches must not change what is stored: the same lines read as one
 * large file (many batches of one source, parsed ahead while earlier ones are stored) and as
 * many small files (a batch each) give the same events, field for field, and the same counts.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { Engine } from '../../electron/engine/engine.js';
import { scratch } from '../helpers/scratch.js';

const SCRIPT = resolve('dist/parse-worker.cjs');

const { engine, tempDir } = scratch('bulk');

/** Lines of a busy camera log: security rules, reputation messages, repeats, damage. */
function lines(n: number): string[] {
  let seed = 11;
  // xorshift32: every bit of it is as good as another.
  const rnd = (k: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return Math.floor(((seed >>> 0) / 2 ** 32) * k);
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const clock = `${rnd(24)}:${rnd(60)}:${rnd(60)}`;
    const head = `Jun ${String(day).padStart(2, '0')} 10:00:00`;
    const outside = `${1 + rnd(223)}.${rnd(256)}.${rnd(256)}.${1 + rnd(254)}`;
    const camera = `192.168.${40 + rnd(4)}.${1 + rnd(250)}`;
    const kind = rnd(20);
    if (kind < 14) {
      const victim = rnd(5) > 0;
      const [src, dst] = victim ? [outside, camera] : [camera, outside];
      const rule = [1133810, 1133835, 1134016, 1134560, 9999999][rnd(5)];
      const orig = rnd(10) === 0 ? camera : src;
      out.push(
        `${head} [Trend Micro]: ${rnd(1_000_000_000)} s.${rule}, 2019/6/${day} ${clock}, ${src}:${rnd(65536)} > ${dst}:${[23, 80, 554][rnd(3)]}, ${orig}, ${victim ? 'victim' : 'attacker'}`,
      );
    } else if (kind < 16) {
      const m = rnd(2) ? 'WRS' : 'TRS';
      out.push(
        `${head} ${camera} [Trend Micro]: ${m}, [${rnd(101)}, -1, -1, -1], 2019/6/${day} ${clock}, '${outside}:8${rnd(3)}/p${rnd(40)}.exe'`,
      );
    } else if (kind < 18 && out.length > 0) {
      out.push(out[rnd(out.length)]!); // a repeat: a duplicate
    } else if (kind === 18) {
      out.push(
        `${head} [Trend Micro]: ${rnd(100)} s.1133810, 2019/6/31 25:61:00, x > y, z, victim`,
      );
    } else {
      out.push(`${head} [httpd]: GET /cgi-bin/viewer/video.jpg 200`);
    }
  }
  return out;
}

async function load(inputs: string[]): Promise<Engine> {
  const e = await engine({ parseWorker: SCRIPT });
  await e.load(inputs);
  return e;
}

/** Every stored event without where it came from, addresses as texts, in one order. */
async function storedEvents(e: Engine): Promise<unknown[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(e.store.exportBytes());
  try {
    const named = (c: string) => `(SELECT text FROM addrs WHERE id = e.${c}) AS ${c}`;
    const addresses = [
      'device',
      'reporter',
      'peer',
      'attacker',
      'victim',
      'src',
      'dst',
      'originator',
    ];
    const columns = db
      .exec('SELECT name FROM pragma_table_info(?)', ['events'])[0]!
      .values.map((r) => String(r[0]))
      .filter((c) => !['id', 'source', 'line', 'offset'].includes(c))
      .map((c) => (addresses.includes(c) ? named(c) : `e.${c}`));
    const rows = db.exec(`SELECT ${columns.join(', ')} FROM events e`)[0]?.values ?? [];
    return rows.map((r) => [...r]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  } finally {
    db.close();
  }
}

describe('a large file read in many batches', () => {
  it('stores the same events and counts as the same lines read as many small files', async () => {
    const all = lines(12_000);
    const big = tempDir();
    writeFileSync(join(big, 'camera.log'), all.join('\n') + '\n');
    const small = tempDir();
    for (let at = 0, k = 0; at < all.length; at += 150, k++) {
      const name = `part-${String(k).padStart(3, '0')}.log`;
      writeFileSync(join(small, name), all.slice(at, at + 150).join('\n') + '\n');
    }
    const one = await load([big]);
    const many = await load([small]);
    const a = one.store.summary();
    const b = many.store.summary();
    expect(a.lines).toBe(all.length);
    expect([a.events, a.duplicates, a.malformed, a.other]).toEqual([
      b.events,
      b.duplicates,
      b.malformed,
      b.other,
    ]);
    expect(a.events).toBeGreaterThan(9000);
    expect(a.duplicates).toBeGreaterThan(500);
    expect(a.malformed).toBeGreaterThan(300);
    const rowsOne = await storedEvents(one);
    expect(rowsOne).toHaveLength(a.events);
    expect(rowsOne).toEqual(await storedEvents(many));
    expect(one.store.attackers(undefined, 20)).toEqual(many.store.attackers(undefined, 20));
  });
});
