/**
 * A hand-made data set of 29 events over four devices (one a host name), six attackers,
 * four rule IDs (1134560 not in the catalogue), WRS and TRS, a quarantine, an IP block and
 * two events with problems. Event n (1-based) gets store id n when inserted in order.
 */
import type { EventType, MalformedLine, SecEvent } from '../../shared/model.js';
import { RuleBook } from '../../shared/rules/index.js';
import { EventStore } from '../../electron/engine/store/index.js';

export const SOURCE_A = 'stick/cam-a.log';
export const SOURCE_B = 'stick/nvr.csv';

const base = (source: string, line: number, time: string): SecEvent => ({
  source,
  line,
  offset: line * 100,
  envelopeTime: null,
  envelopeLocal: null,
  time,
  device: null,
  devicePort: null,
  reporter: null,
  seq: line,
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
});

const TYPE_OF_RULE: Record<string, EventType> = {
  '1133810': 'brute_force',
  '1133820': 'quarantine',
};

/** A security-rule event `src:sp > dst:dp`, normalised as DESIGN.md's Meanings say. */
function sec(
  time: string,
  flow: string,
  rule: string,
  more: { role?: 'victim' | 'attacker' | 'ip_block' } & Partial<SecEvent> = {},
): (source: string, line: number) => SecEvent {
  const [, src, sp, dst, dp] = /^(\S+):(\d+) > (\S+):(\d+)$/.exec(flow)!;
  const role = more.role ?? 'victim';
  const deviceIsSrc = role === 'attacker';
  return (source, line) => ({
    ...base(source, line, time),
    ruleId: rule,
    eventType: TYPE_OF_RULE[rule] ?? 'cyber_attack',
    srcIp: src!,
    srcPort: Number(sp),
    dstIp: dst!,
    dstPort: Number(dp),
    device: deviceIsSrc ? src! : dst!,
    devicePort: Number(deviceIsSrc ? sp : dp),
    peer: deviceIsSrc ? dst! : src!,
    peerPort: Number(deviceIsSrc ? dp : sp),
    originator: src!,
    direction: deviceIsSrc ? 'inside_out' : 'outside_in',
    role,
    attacker: src!,
    victim: dst!,
    ...more,
  });
}

/** A WRS or TRS event about `server:port/path` seen by `device`. */
function rep(
  type: 'wrs' | 'trs',
  time: string,
  device: string | null,
  server: string,
  port: number,
  score: number,
  band: 'suspicious' | 'dangerous',
): (source: string, line: number) => SecEvent {
  return (source, line) => ({
    ...base(source, line, time),
    seq: null,
    messageType: type,
    device,
    peer: server,
    peerPort: port,
    attacker: server,
    victim: device,
    repAddress: `${server}:${port}/eicar.com`,
    repPath: '/eicar.com',
    repScore: score,
    repBand: band,
    repScores: [score, -1, -1, -1],
  });
}

const A = '203.0.113.7';
const B = '198.51.100.23';
const C = '45.33.32.156';
const W = '206.130.113.68';

/** Events 1-10 come from source A, 11-29 from source B. */
const MAKERS: ((source: string, line: number) => SecEvent)[] = [
  /* 1 */ sec('2019-12-16 01:00:00', `${A}:5000 > 192.168.1.10:80`, '1133810'),
  /* 2 */ sec('2019-12-16 01:00:05', `${A}:5001 > 192.168.1.10:80`, '1133810'),
  /* 3 */ sec('2019-12-16 01:00:10', `${A}:5002 > 192.168.1.10:80`, '1133810'),
  /* 4 */ sec('2019-12-16 01:10:00', `${A}:5003 > 192.168.1.10:554`, '1133835'),
  /* 5 */ sec('2019-12-16 02:00:00', `${B}:6000 > 192.168.1.10:554`, '1133835'),
  /* 6 */ sec('2019-12-16 03:00:00', `${B}:6001 > 192.168.1.10:80`, '1134560'),
  /* 7 */ sec('2019-12-16 04:00:00', `10.0.0.99:7000 > 192.168.1.10:23`, '1133810'),
  /* 8 */ rep('wrs', '2019-12-16 05:00:00', '192.168.1.10', W, 80, 78, 'suspicious'),
  /* 9 */ rep('trs', '2019-12-16 06:00:00', '192.168.1.10', C, 443, 30, 'dangerous'),
  /* 10 */ sec('2019-12-16 07:00:00', `${A}:5004 > 192.168.1.10:80`, '1133810', {
    originator: '2 .25.221',
    problems: ["originator '2 .25.221' is not an IP address"],
  }),
  /* 11 */ sec('2019-12-17 00:00:00', `${A}:5100 > 192.168.1.20:80`, '1133810'),
  /* 12 */ sec('2019-12-17 00:00:01', `${A}:5101 > 192.168.1.20:80`, '1133810'),
  /* 13 */ sec('2019-12-17 00:00:02', `${A}:5102 > 192.168.1.20:80`, '1133810'),
  /* 14 */ sec('2019-12-17 00:00:03', `${A}:5103 > 192.168.1.20:80`, '1133810'),
  /* 15 */ sec('2019-12-17 00:00:04', `${A}:5104 > 192.168.1.20:80`, '1133810'),
  /* 16 */ sec('2019-12-17 01:00:00', '192.168.1.20:40000 > 8.8.8.8:53', '1133820', {
    role: 'attacker',
  }),
  /* 17 */ sec('2019-12-17 01:00:30', '192.168.1.20:40001 > 8.8.4.4:53', '1133820', {
    role: 'attacker',
  }),
  /* 18 */ sec('2019-12-17 02:00:00', `${B}:6100 > 192.168.1.20:554`, '1133835'),
  /* 19 */ sec('2019-12-17 03:00:00', `${C}:6200 > 10.0.0.5:8080`, '1133835', { role: 'ip_block' }),
  /* 20 */ sec('2019-12-17 03:00:10', `${C}:6201 > 10.0.0.5:22`, '1133810'),
  /* 21 */ rep('wrs', '2019-12-17 04:00:00', 'cam-lobby', W, 80, 78, 'suspicious'),
  /* 22 */ sec('2019-12-17 05:00:00', `${A}:5200 > cam-lobby:80`, '1134560'),
  /* 23 */ sec('2019-12-17 06:00:00', '192.192.25.831:6300 > 10.0.0.5:80', '1133835', {
    attacker: null,
    problems: ["peer '192.192.25.831' has an impossible octet (831)"],
  }),
  /* 24 */ rep('trs', '2019-12-18 00:00:00', null, C, 8443, 30, 'dangerous'),
  /* 25 */ sec('2019-12-18 01:00:00', `${A}:5300 > 10.0.0.5:80`, '1133810'),
  /* 26 */ sec('2019-12-18 02:00:00', '10.0.0.99:7100 > 10.0.0.5:445', '1133835'),
  /* 27 */ sec('2019-12-18 03:00:00', `${B}:6400 > 10.0.0.5:80`, '1134560'),
  /* 28 */ sec('2019-12-18 03:00:00', `${B}:6401 > 10.0.0.5:81`, '1133835'),
  /* 29 */ sec('2019-12-18 04:00:00', `${C}:6500 > 192.168.1.10:80`, '1133835', {
    eventType: 'unknown',
  }),
];

/** The events of source A (1-10) and source B (11-29). */
export function dataset(): { a: SecEvent[]; b: SecEvent[] } {
  const a = MAKERS.slice(0, 10).map((make, i) => make(SOURCE_A, i + 1));
  const b = MAKERS.slice(10).map((make, i) => make(SOURCE_B, i + 1));
  return { a, b };
}

/** Malformed lines, given out of order on purpose. */
export function malformedLines(): { a: MalformedLine[]; b: MalformedLine[] } {
  const bad = (source: string, line: number, reason: string): MalformedLine => ({
    source,
    line,
    offset: line * 100,
    text: `Dec 16 00:00:00 [Trend Micro]: broken ${line}`,
    reason,
  });
  return {
    a: [bad(SOURCE_A, 9, 'no rule ID'), bad(SOURCE_A, 2, 'no time')],
    b: [bad(SOURCE_B, 5, "it's cut at '...'")],
  };
}

/** A store holding the data set under one root, with the catalogue and indexes. */
export async function loadedStore() {
  const store = await EventStore.open();
  store.syncRules(new RuleBook());
  const root = store.addRoot('stick', false);
  const idA = store.upsertSource(root.id, SOURCE_A);
  const idB = store.upsertSource(root.id, SOURCE_B);
  const { a, b } = dataset();
  const bad = malformedLines();
  store.insertEvents(idA, a);
  store.insertMalformed(idA, bad.a);
  store.insertEvents(idB, b);
  store.insertMalformed(idB, bad.b);
  store.finishLoad();
  return { store, root, idA, idB };
}
