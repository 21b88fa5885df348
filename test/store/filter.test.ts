/** Each filter kind on the hand-made data set, their combination, and hostile values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filter } from '../../shared/api/contract.js';
import type { EventStore } from '../../electron/engine/store/index.js';
import { loadedStore } from './dataset.js';

let store: EventStore;
let idB: number;
beforeAll(async () => {
  ({ store, idB } = await loadedStore());
});
afterAll(() => store.close());

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (filter: Filter) => store.queryEvents({ filter, limit: 1000 }).rows.map((r) => r.id);

describe('EventStore filters', () => {
  const cases: [string, () => Filter, number[]][] = [
    ['event types', () => ({ eventTypes: ['quarantine'] }), [16, 17]],
    ['message types', () => ({ messageTypes: ['wrs'] }), [8, 21]],
    ['rule IDs', () => ({ rules: ['1134560'] }), [6, 22, 27]],
    [
      'an address as attacker',
      () => ({ ip: '203.0.113.7', ipSide: 'attacker' }),
      [1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 22, 25],
    ],
    ['an address on any side', () => ({ ip: '192.168.1.20' }), range(11, 18)],
    [
      'an address as victim',
      () => ({ ip: '192.168.1.20', ipSide: 'victim' }),
      [...range(11, 15), 18],
    ],
    ['an address nobody has', () => ({ ip: '1.2.3.4' }), []],
    [
      'a CIDR block as victim',
      () => ({ ip: '192.168.1.0/24', ipSide: 'victim' }),
      [...range(1, 15), 18, 29],
    ],
    ['a CIDR block on any side', () => ({ ip: '8.8.0.0/16' }), [16, 17]],
    ['a CIDR block not on a boundary', () => ({ ip: '10.0.0.99/31', ipSide: 'attacker' }), [7, 26]],
    ['devices by address text', () => ({ devices: ['cam-lobby', '8.8.8.8'] }), [21, 22]],
    ['roles', () => ({ roles: ['ip_block'] }), [19]],
    ['directions', () => ({ directions: ['inside_out'] }), [16, 17]],
    ['a port on any side', () => ({ port: 554 }), [4, 5, 18]],
    ['a peer port', () => ({ port: 8443 }), [24]],
    ['sources', () => ({ sources: [idB] }), range(11, 29)],
    ['events with problems', () => ({ withProblems: true }), [10, 23]],
    ['a day as from', () => ({ from: '2019-12-17' }), range(11, 29)],
    ['a day as to, the whole day', () => ({ to: '2019-12-16' }), range(1, 10)],
    [
      'a minute as from and to',
      () => ({ from: '2019-12-17 01:00', to: '2019-12-17 01:00' }),
      [16, 17],
    ],
    [
      'seconds, to inclusive',
      () => ({ from: '2019-12-17 00:00:01', to: '2019-12-17 00:00:03' }),
      [12, 13, 14],
    ],
    ['text in the originator', () => ({ text: '2 .25.221' }), [10]],
    ['text in the reputation address', () => ({ text: 'EICAR' }), [8, 9, 21, 24]],
    ['text in the problems', () => ({ text: 'impossible octet' }), [23]],
    ['text in an address', () => ({ text: '8.8.4' }), [17]],
    ['text in the rule ID', () => ({ text: '34560' }), [6, 22, 27]],
    [
      'several filters together (AND)',
      () => ({ devices: ['192.168.1.10'], eventTypes: ['brute_force'] }),
      [1, 2, 3, 7, 10],
    ],
    [
      'a CIDR block with more filters',
      () => ({ devices: ['192.168.1.10'], eventTypes: ['brute_force'], ip: '10.0.0.0/8' }),
      [7],
    ],
    ['empty lists as no restriction', () => ({ eventTypes: [], devices: [] }), range(1, 29)],
  ];
  for (const [what, filter, expected] of cases) {
    it(`narrows by ${what}`, () => {
      expect(ids(filter())).toEqual(expected);
      expect(store.countEvents(filter())).toBe(expected.length);
    });
  }

  it('applies the filter to the aggregates too', () => {
    const f: Filter = { ip: '10.0.0.0/8', ipSide: 'victim' };
    expect(store.attackers(f).map((r) => [r.ip, r.events])).toEqual([
      ['45.33.32.156', 2],
      ['198.51.100.23', 2],
      ['10.0.0.99', 1],
      ['203.0.113.7', 1],
    ]);
    expect(store.devices(f).map((r) => r.device)).toEqual(['10.0.0.5']);
    expect(store.rules(f).map((r) => [r.ruleId, r.events])).toEqual([
      ['1133835', 4],
      ['1133810', 2],
      ['1134560', 1],
    ]);
  });
});

describe('EventStore filters with hostile or bad values', () => {
  const hostile = ["' OR 1=1 --", '"; DROP TABLE events; --', '%', '_', '\\', "'); --"];
  for (const value of hostile) {
    it(`matches nothing and stays intact for ${JSON.stringify(value)}`, () => {
      expect(ids({ devices: [value] })).toEqual([]);
      expect(ids({ text: value })).toEqual([]);
      expect(ids({ ip: value })).toEqual([]);
      expect(store.countEvents()).toBe(29);
    });
  }

  const bad: [string, Filter, RegExp][] = [
    ['a prefix over 32', { ip: '10.0.0.0/33' }, /not an IPv4 block/],
    ['an impossible octet in a block', { ip: '300.1.1.1/8' }, /not an IPv4 block/],
    ['an IPv6 block', { ip: '2001:db8::/32' }, /not an IPv4 block/],
    ['a month 13', { from: '2019-13-01' }, /not a date/],
    ['a 30th of February', { to: '2019-02-30 10:00' }, /not a date/],
  ];
  for (const [what, filter, message] of bad) {
    it(`refuses ${what} with a clear message`, () => {
      expect(() => store.queryEvents({ filter })).toThrow(message);
      expect(() => store.countEvents(filter)).toThrow(message);
    });
  }
});
