/** Aggregates of the hand-made data set, with answers counted by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../electron/engine/store/index.js';
import { loadedStore } from './dataset.js';

let store: EventStore;
beforeAll(async () => {
  ({ store } = await loadedStore());
});
afterAll(() => store.close());

const types = (brute_force: number, cyber_attack: number, quarantine = 0, unknown = 0) => ({
  brute_force,
  cyber_attack,
  quarantine,
  unknown,
});

describe('EventStore.attackers', () => {
  it('ranks attackers by events, then in address order', () => {
    expect(store.attackers().map((r) => [r.ip, r.events])).toEqual([
      ['203.0.113.7', 12],
      ['45.33.32.156', 5],
      ['198.51.100.23', 5],
      ['10.0.0.99', 2],
      ['192.168.1.20', 2],
      ['206.130.113.68', 2],
    ]);
  });

  it('gives each attacker its victims, rules, types, first and last time', () => {
    expect(store.attackers(undefined, 1)).toEqual([
      {
        ip: '203.0.113.7',
        events: 12,
        counterparts: 4,
        rules: 3,
        byEventType: types(10, 2),
        first: '2019-12-16 01:00:00',
        last: '2019-12-18 01:00:00',
        private: false,
        // A documentation address (RFC 5737): public, but in no country.
        country: null,
      },
    ]);
    const internal = store.attackers().find((r) => r.ip === '10.0.0.99')!;
    expect(internal.private).toBe(true);
    expect(internal.counterparts).toBe(2);
  });
});

describe('EventStore.attackers and countries', () => {
  it('gives public attackers the country of the offline table and private ones none', () => {
    const byIp = new Map(store.attackers().map((r) => [r.ip, r.country]));
    expect(Object.fromEntries(byIp)).toEqual({
      '203.0.113.7': null,
      '45.33.32.156': 'US',
      '198.51.100.23': null,
      '10.0.0.99': null,
      '192.168.1.20': null,
      '206.130.113.68': 'US',
    });
  });

  it('gives victims their country too, and a host name none', () => {
    const byIp = new Map(store.victims().map((r) => [r.ip, r.country]));
    expect(byIp.get('8.8.8.8')).toBe('US');
    expect(byIp.get('cam-lobby')).toBeNull();
    expect(byIp.get('192.168.1.10')).toBeNull();
  });

  it('gives the address detail its country and whether it is private', () => {
    expect(store.ipDetail('8.8.4.4')).toMatchObject({ country: 'US', private: false });
    expect(store.ipDetail('192.168.1.20')).toMatchObject({ country: null, private: true });
  });
});

describe('EventStore.victims', () => {
  it('ranks victims by events, then in address order, host names last', () => {
    expect(store.victims().map((r) => [r.ip, r.events, r.counterparts])).toEqual([
      ['192.168.1.10', 11, 5],
      ['10.0.0.5', 7, 4],
      ['192.168.1.20', 6, 2],
      ['cam-lobby', 2, 2],
      ['8.8.4.4', 1, 1],
      ['8.8.8.8', 1, 1],
    ]);
  });
});

describe('EventStore.devices', () => {
  it('lists devices in address order with counts per type and distinct attackers', () => {
    expect(store.devices()).toEqual([
      {
        device: '10.0.0.5',
        events: 7,
        byEventType: types(2, 5),
        attackers: 4,
        first: '2019-12-17 03:00:00',
        last: '2019-12-18 03:00:00',
      },
      {
        device: '192.168.1.10',
        events: 11,
        byEventType: types(5, 5, 0, 1),
        attackers: 5,
        first: '2019-12-16 01:00:00',
        last: '2019-12-18 04:00:00',
      },
      {
        device: '192.168.1.20',
        events: 8,
        byEventType: types(5, 1, 2),
        attackers: 3,
        first: '2019-12-17 00:00:00',
        last: '2019-12-17 02:00:00',
      },
      {
        device: 'cam-lobby',
        events: 2,
        byEventType: types(0, 2),
        attackers: 2,
        first: '2019-12-17 04:00:00',
        last: '2019-12-17 05:00:00',
      },
    ]);
  });
});

describe('EventStore.rules', () => {
  it('counts rule IDs and joins what the catalogue says, unknown IDs included', () => {
    expect(store.rules()).toEqual([
      {
        ruleId: '1133810',
        events: 12,
        devices: 3,
        first: '2019-12-16 01:00:00',
        last: '2019-12-18 01:00:00',
        known: true,
        eventType: 'brute_force',
        name: { en: 'Brute force attack', es: expect.any(String) },
      },
      {
        ruleId: '1133835',
        events: 8,
        devices: 3,
        first: '2019-12-16 01:10:00',
        last: '2019-12-18 04:00:00',
        known: true,
        eventType: 'cyber_attack',
        name: { en: 'Cyber attack', es: expect.any(String) },
      },
      {
        ruleId: '1134560',
        events: 3,
        devices: 3,
        first: '2019-12-16 03:00:00',
        last: '2019-12-18 03:00:00',
        known: false,
        eventType: 'unknown',
        name: null,
      },
      {
        ruleId: '1133820',
        events: 2,
        devices: 1,
        first: '2019-12-17 01:00:00',
        last: '2019-12-17 01:00:30',
        known: true,
        eventType: 'quarantine',
        name: { en: 'Quarantine event', es: expect.any(String) },
      },
    ]);
  });
});

describe('EventStore.timeline', () => {
  it('counts events per day and type, buckets starting at multiples of the width', () => {
    expect(store.timeline(undefined, 86_400)).toEqual([
      { start: '2019-12-16 00:00:00', byEventType: types(5, 5) },
      { start: '2019-12-17 00:00:00', byEventType: types(6, 5, 2) },
      { start: '2019-12-18 00:00:00', byEventType: types(1, 4, 0, 1) },
    ]);
  });

  it('applies the filter before bucketing', () => {
    expect(store.timeline({ eventTypes: ['quarantine'] }, 3600)).toEqual([
      { start: '2019-12-17 01:00:00', byEventType: types(0, 0, 2) },
    ]);
  });
});

describe('EventStore.ipDetail', () => {
  it('describes an attacker: victims, ports hit, rules and an hourly timeline', () => {
    expect(store.ipDetail('203.0.113.7')).toEqual({
      ip: '203.0.113.7',
      asAttacker: 12,
      asVictim: 0,
      first: '2019-12-16 01:00:00',
      last: '2019-12-18 01:00:00',
      counterparts: [
        { ip: '192.168.1.10', events: 5, role: 'victim' },
        { ip: '192.168.1.20', events: 5, role: 'victim' },
        { ip: '10.0.0.5', events: 1, role: 'victim' },
        { ip: 'cam-lobby', events: 1, role: 'victim' },
      ],
      ports: [
        { port: 80, events: 11 },
        { port: 554, events: 1 },
      ],
      rules: [
        { ruleId: '1133810', events: 10 },
        { ruleId: '1133835', events: 1 },
        { ruleId: '1134560', events: 1 },
      ],
      timeline: [
        { start: '2019-12-16 01:00:00', byEventType: types(3, 1) },
        { start: '2019-12-16 07:00:00', byEventType: types(1, 0) },
        { start: '2019-12-17 00:00:00', byEventType: types(5, 0) },
        { start: '2019-12-17 05:00:00', byEventType: types(0, 1) },
        { start: '2019-12-18 01:00:00', byEventType: types(1, 0) },
      ],
      country: null,
      private: false,
    });
  });

  it('describes a quarantined device in both roles', () => {
    const d = store.ipDetail('192.168.1.20', 86_400);
    expect([d.asAttacker, d.asVictim]).toEqual([2, 6]);
    expect(d.counterparts).toEqual([
      { ip: '203.0.113.7', events: 5, role: 'attacker' },
      { ip: '8.8.4.4', events: 1, role: 'victim' },
      { ip: '8.8.8.8', events: 1, role: 'victim' },
      { ip: '198.51.100.23', events: 1, role: 'attacker' },
    ]);
    expect(d.ports).toEqual([
      { port: 80, events: 5 },
      { port: 53, events: 2 },
      { port: 554, events: 1 },
    ]);
    expect(d.timeline).toEqual([{ start: '2019-12-17 00:00:00', byEventType: types(5, 1, 2) }]);
  });

  it('answers zeros for an address no event names', () => {
    expect(store.ipDetail('1.2.3.4')).toEqual({
      ip: '1.2.3.4',
      asAttacker: 0,
      asVictim: 0,
      first: null,
      last: null,
      counterparts: [],
      ports: [],
      rules: [],
      timeline: [],
      country: 'AU',
      private: false,
    });
  });
});

describe('EventStore.summary', () => {
  it('lists the unknown rule with its devices in the order first seen', () => {
    const s = store.summary();
    expect(s.unknownRules).toEqual([
      {
        ruleId: '1134560',
        events: 3,
        devices: ['192.168.1.10', 'cam-lobby', '10.0.0.5'],
        first: '2019-12-16 03:00:00',
        last: '2019-12-18 03:00:00',
      },
    ]);
    expect(s.byMessageType).toEqual({ security_rule: 25, wrs: 2, trs: 2 });
    expect(s.byEventType).toEqual(types(12, 14, 2, 1));
    expect(s.attackers[0]).toEqual({ ip: '203.0.113.7', events: 12 });
  });
});
