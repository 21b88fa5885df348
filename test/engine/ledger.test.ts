import { describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/engine/ledger.js';
import type { SecEvent } from '../../shared/model.js';

const ev = (device: string, seq: number, time = '2019-12-16 00:58:58'): SecEvent =>
  ({ messageType: 'security_rule', device, seq, ruleId: '1133810', time }) as SecEvent;
const rep = (device: string | null, address: string): SecEvent =>
  ({ messageType: 'wrs', device, time: '2019-12-16 00:58:58', repAddress: address }) as SecEvent;

describe('the duplicate ledger', () => {
  it('claims an event once and refuses every later copy', () => {
    const l = new Ledger();
    expect(l.claim(ev('10.0.0.1', 1))).toBe(true);
    expect(l.claim(ev('10.0.0.1', 1))).toBe(false);
    expect(l.claim(ev('10.0.0.2', 1))).toBe(true);
    expect(l.claim(ev('10.0.0.1', 1, '2019-12-16 00:58:59'))).toBe(true);
    expect(l.size).toBe(3);
  });

  it('keeps reputation keys apart from security-rule keys and separates the parts', () => {
    const l = new Ledger();
    expect(l.claim(rep(null, 'a.example:80/x'))).toBe(true);
    expect(l.claim(rep('', 'a.example:80/x'))).toBe(false);
    expect(l.claim(rep('1', '0.0.0.1:80'))).toBe(true);
    expect(l.claim(rep('10', '.0.0.1:80'))).toBe(true);
  });

  it('agrees with an exact set on half a million keys with repeats, through growth', () => {
    const l = new Ledger();
    const exact = new Set<string>();
    let disagreements = 0;
    for (let i = 0; i < 500_000; i++) {
      const device = `192.168.${(i * 7) % 256}.${i % 251}`;
      const seq = (i * 13) % 300_000;
      const key = `${device}|${seq}`;
      const fresh = !exact.has(key);
      exact.add(key);
      if (l.claim(ev(device, seq)) !== fresh) disagreements++;
    }
    expect(disagreements).toBe(0);
    expect(l.size).toBe(exact.size);
  });

  it('forgets what one source owned, so a re-read counts those events again', () => {
    const l = new Ledger();
    l.claim(ev('10.0.0.1', 1), 7);
    l.claim(ev('10.0.0.1', 2), 8);
    l.forget(7);
    expect(l.size).toBe(1);
    expect(l.claim(ev('10.0.0.1', 1), 9)).toBe(true);
    expect(l.claim(ev('10.0.0.1', 2), 9)).toBe(false);
  });
});
