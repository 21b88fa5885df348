/** The fast path must give exactly what the general path gives, or step aside. */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { SourceParser } from '../../electron/engine/parse/source-parser.js';
import { fastCameraRule, fastReputation } from '../../electron/engine/parse/fast.js';
import { Ledger, SourceBooks, type StoredEvent } from '../../electron/engine/ingest.js';
import { batchOf } from '../../electron/engine/read/line-batch.js';
import type { MalformedLine } from '../../shared/model.js';

const rules = new RuleBook();
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Lines in the canonical form and near it, with damaged values mixed in. */
function* corpus(): Generator<string> {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const octet = () => (rnd(20) === 0 ? 256 + rnd(700) : rnd(256));
  const ip = () => `${octet()}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
  for (let i = 0; i < 3000; i++) {
    const mon = months[rnd(12)]!;
    const day = rnd(2)
      ? String(1 + rnd(28)).padStart(2, '0')
      : String(1 + rnd(31)).padStart(2, ' ');
    const clock = [24, 60, 60].map((n) => two(rnd(n))).join(':');
    const host = rnd(3) === 0 ? `${ip()} ` : '';
    const rule = [1133810, 1133835, 1133820, 1134560][rnd(4)];
    const role = ['victim', 'attacker', 'Victim', 'Attacker', 'VICTIM', 'ip block'][rnd(6)];
    const y = 2017 + rnd(4);
    const pt = `${y}/${1 + rnd(13)}/${1 + rnd(31)} ${rnd(25)}:${rnd(60)}:${rnd(60)}`;
    const port = () => (rnd(30) === 0 ? 65536 + rnd(9) : rnd(65536));
    const a = ip();
    const b = ip();
    const orig = rnd(2) ? a : b;
    yield `${mon} ${day} ${clock} ${host}[Trend Micro]: ${rnd(100000)} s.${rule}, ${pt}, ${a}:${port()} > ${b}:${port()}, ${orig}, ${role}`;
  }
}

describe('the fast path for camera security rules', () => {
  it('agrees with the general path on every line it takes, and takes most canonical ones', () => {
    let taken = 0;
    let total = 0;
    for (const text of corpus()) {
      total++;
      const where = { source: 's', line: 1, offset: 0 };
      const fast = fastCameraRule(text, where, rules);
      const general = new SourceParser('s', rules, { fast: false }).parse({
        no: 1,
        offset: 0,
        bytes: 0,
        text,
      });
      if (!fast) continue;
      taken++;
      expect(general, text).toEqual({ type: 'event', event: fast });
    }
    expect(taken).toBeGreaterThan(total / 4);
  });

  it('steps aside for the Spanish rendering and for damaged values', () => {
    const where = { source: 's', line: 1, offset: 0 };
    for (const text of [
      '16 de diciembre 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
      'Dec 12 11:25:24 [Trend Micro]: 3507 s.1133810, 2019/12/12 11:25:23, 192.192.25.831:584 > 192.192.25.231:443, 192.192.25.221, victim',
      'Dec 12 11:25:24 [Trend Micro]: 3507 s.1133810, 2019/2/30 11:25:23, 192.192.25.1:584 > 192.192.25.231:443, 192.192.25.221, victim',
    ]) {
      expect(fastCameraRule(text, where, rules)).toBeNull();
    }
  });
});

/** WRS and TRS lines in the canonical form and near it, with damaged values mixed in. */
function* reputationCorpus(): Generator<string> {
  let seed = 5;
  const rnd = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return Math.floor(((seed >>> 0) / 2 ** 32) * n);
  };
  const octet = () => (rnd(25) === 0 ? [256 + rnd(700), '07'][rnd(2)] : rnd(256));
  const ip = () => `${octet()}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
  const score = () => [-1, 0, 7, 51, 66, 71, 81, 100, 101, '007', '-0', '-2'][rnd(12)];
  for (let i = 0; i < 3000; i++) {
    const mon = months[rnd(12)]!;
    const day = String(1 + rnd(31)).padStart(2, rnd(2) ? '0' : ' ');
    const clock = [24, 60, 60].map((n) => two(rnd(n))).join(':');
    const host = rnd(8) === 0 ? '' : `${ip()} `;
    const type = ['WRS', 'TRS', 'wrs', 'XRS'][rnd(4)];
    const scores = Array.from({ length: 1 + rnd(4) }, score).join(rnd(10) ? ', ' : ',');
    const pt = `${2017 + rnd(4)}/${1 + rnd(13)}/${1 + rnd(31)} ${rnd(25)}:${rnd(60)}:${rnd(60)}`;
    const port = [``, `:${rnd(65536)}`, `:${65536 + rnd(9)}`, `:0${rnd(9)}`][rnd(4)];
    const path = ['', `/p${rnd(40)}.exe`, '/a/b?c=d', '/x y', '/'][rnd(5)];
    const server = rnd(10) === 0 ? 'evil.example.com' : ip();
    const tail = ['', '', '', ' ', ' extra'][rnd(5)];
    yield `${mon} ${day} ${clock} ${host}[Trend Micro]: ${type}, [${scores}], ${pt}, '${server}${port}${path}'${tail}`;
  }
}

describe('the fast path for WRS and TRS messages', () => {
  it('agrees with the general path on every line it takes, and takes most canonical ones', () => {
    let taken = 0;
    let total = 0;
    for (const text of reputationCorpus()) {
      total++;
      const where = { source: 's', line: 1, offset: 0 };
      const fast = fastReputation(text, where);
      if (!fast) continue;
      taken++;
      const general = new SourceParser('s', rules, { fast: false }).parse({
        no: 1,
        offset: 0,
        bytes: 0,
        text,
      });
      expect(general, text).toEqual({ type: 'event', event: fast });
    }
    expect(taken).toBeGreaterThan(total / 30);
  });

  it('takes canonical lines, with and without a port and a path', () => {
    const where = { source: 's', line: 1, offset: 0 };
    for (const text of [
      "Dec 16 01:02:03 192.168.40.78 [Trend Micro]: WRS, [21, -1, -1, -1], 2019/12/16 1:2:3, '203.0.113.5:80/x.exe'",
      "Jan  2 23:59:59 10.0.0.1 [Trend Micro]: TRS, [100], 2020/1/2 23:59:59, '198.51.100.7'",
      "Jul 03 18:17:00 192.168.43.36 [Trend Micro]: WRS, [0, 71, 81], 2019/7/3 18:17:0, '68.136.105.168/a/b?c=d'",
    ]) {
      expect(fastReputation(text, where), text).not.toBeNull();
    }
  });
});

describe('the books of a source, with and without the fast paths', () => {
  it('count, deduplicate and store the same events from a batch of many lines', () => {
    const texts = [...corpus(), ...reputationCorpus()];
    // Repeats of earlier lines, later in the batch: duplicates either way.
    for (let i = 0; i < 500; i++) texts.push(texts[(i * 37) % texts.length]!);
    const lines = texts.map((text, i) => ({
      no: i + 1,
      offset: i * 200,
      bytes: text.length,
      text,
    }));
    const read = (fast: boolean) => {
      const events: StoredEvent[] = [];
      const bad: MalformedLine[] = [];
      const books = new SourceBooks(
        { path: 's', encoding: 'utf-8', container: 'plain' },
        new Ledger(),
        rules,
        0,
        { fast },
      );
      const sink = {
        event: (ev: StoredEvent) => events.push(ev),
        malformed: (l: MalformedLine) => bad.push(l),
      };
      books.take(batchOf(lines), sink);
      books.flush(sink);
      return { account: books.account, events, bad };
    };
    const fast = read(true);
    const general = read(false);
    expect(fast.account.duplicates).toBeGreaterThan(400);
    expect(fast.account).toEqual(general.account);
    expect(fast.bad).toEqual(general.bad);
    expect(fast.events).toEqual(general.events);
  });
});
