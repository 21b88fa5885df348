/** The fast path must give exactly what the general path gives, or step aside. */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { SourceParser } from '../../electron/engine/parse/source-parser.js';
import { fastCameraRule } from '../../electron/engine/parse/fast.js';

const rules = new RuleBook();
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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
    const clock = `${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}`;
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
