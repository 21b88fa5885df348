/**
 * Every example line of the vendor's guide (../shared/seed), damaged ones included,
 * and what it becomes. The lines are copied as the guide prints them.
 */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { ingestSource, Ledger } from '../../electron/engine/ingest.js';
import { ListSink, memorySource } from '../helpers/memory.js';

async function read(path: string, lines: string[]) {
  const sink = new ListSink();
  const account = await ingestSource(memorySource(path, lines), new Ledger(), new RuleBook(), sink);
  const byLine = (n: number) => sink.events.find((e) => e.line === n);
  const badLine = (n: number) => sink.bad.find((e) => e.line === n);
  return { account, sink, byLine, badLine };
}

const NVR_TABLE = [
  'Date\tMessage type\tMessage',
  '2019.11.06 12:34:43\tSecurity rule\t[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
  '2019.11.06 12:34:39\tSecurity rule\t[Trend Micro]: 61 s.1133810, 2019/11/6 12:34:38, 10.42.2.96...',
  '2019.11.06 11:37:11\tSecurity rule\t[Trend Micro]: 60 s.1133810, 2019/11/6 11:37:10, 192.168.1...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 59 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 58 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 57 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 56 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 55 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 11:17:12\tSecurity rule\t[Trend Micro]: 54 s.1133810, 2019/11/6 11:17:11, 10.42.2.51...',
  '2019.11.06 10:45:15\tSecurity rule\t[Trend Micro]: 53 s.1133810, 2019/11/6 10:45:14, 192.168.1...',
  '2019.11.06 10:45:15\tSecurity rule\t[Trend Micro]: 52 s.1133810, 2019/11/6 10:45:14, 192.168.1...',
  '2019.11.06 10:04:25\tSecurity rule\t[Trend Micro]: 51 s.1133810, 2019/11/6 10:04:24, 10.42.2.51...',
  '2019.11.06 10:03:21\tSecurity rule\t[Trend Micro]: 50 s.1133810, 2019/11/6 10:03:20, 10.42.2.51...',
  '2019.11.06 10:03:21\tSecurity rule\t[Trend Micro]: 49 s.1133810, 2019/11/6 10:03:20, 10.42.2.51...',
  '2019.11.06 10:03:21\tSecurity rule\t[Trend Micro]: 48 s.1133810, 2019/11/6 10:03:20, 10.42.2.51...',
  '2019.11.06 10:03:21\tSecurity rule\t[Trend Micro]: 47 s.1133810, 2019/11/6 10:03:20, 10.42.2.51...',
];

const CAMERA = [
  '16 de diciembre 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 00 :58:58 [Trend Micro]: 2 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1829 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 10:15:22 [ Trend Micro]: 3 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46527 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 10:15:22 [Trend Micro]: 4 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46573 > 192.168.40.78:80, 10.42.2.33, Víctima  ',
  "3 de octubre 19:01:11 [Trend Micro]: WRS, [78, -1, -1, -1], 13/10/2017 13:18:48, '206.130.113.68:80/ eicar.com ' de  ",
  "octubre 03 19:01:11 60.251.25.44 [Trend Micro]: TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'",
];

const NVR_SYSLOG = [
  '9953 2019-12-12T11:25:24.631862+08:00 Regla de seguridad [Trend Micro]: 3509 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:809, 2 .25.221, Víctima  ',
  '9952 2019-12-12T11:25:24.630766+08:00 Regla de seguridad [Trend Micro]: 3508 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.1292.2 :110, 192.192.25.221, Víctima  ',
  '9951 2019-12-12T11:25:24.629648+08:00 Regla de seguridad [Trend Micro]: 3507 s.1133810, 2019/12/12 11:25:23, 192.192.25.831:584 > 192.192.25.231:443, 192.192.25.221, Víctima  ',
  '9950 2019-12-12T11:25:24.628503+08:00 Regla de seguridad [Trend Micro]: 3506 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:239, 2 .25.221, víctima',
];

const VAST2 = [
  'Event Type\tTime\tSeqNum\tMessage Type\tRule ID\tPeerIPAddress\tDirection\tDeviceIPAddress\tOriginatorIPAddress\tDeviceRole\tDomain Peer/PortPath\tPeerIP:ServerPort',
  'Brute force attack\t2018/10/9 01:33:52\t952\tSecurity Rule\t1133810\t185.10.68.123:60000\tOutside-in\t60.251.25.44:23\t75.97.250.243\tVictim\t-\t-',
  'Cyber attack\t2018/10/9 01:33:52\t954\tSecurity Rule\t1133835\t185.10.68.123:60000\tOutside-in\t60.251.25.44:23\t75.97.250.243\tVictim\t-\t-',
  'Cyber attack\t2018/10/9 01:33:52\t-\tWRS\t-\t-\t-\t-\t-\t-\t104.115.235.31:80/eicar.com\t-',
  'Cyber attack\t2018/10/9 01:33:52\t-\tTRS\t-\t-\t-\t-\t-\t-\t-\t104.115.235.31:80',
  'Quarantine event\t2018/10/9 01:33:52\t953\tSecurity Rule\t1133820\t185.10.68.123:60000\tInside-out\t60.251.25.44:23\t60.251.25.44:23\tAttacker\t-\t-',
];

describe('the guide: NVR event table as the event page shows it', () => {
  it('reads the header and counts each cut-short row as malformed, saying why', async () => {
    const { account, sink } = await read('nvr.tsv', NVR_TABLE);
    expect(account).toMatchObject({
      kind: 'nvr_event_table',
      lines: 16,
      events: 0,
      malformed: 16,
      other: 0,
    });
    expect(sink.bad.map((b) => b.line)).toEqual([...Array(16).keys()].map((i) => i + 2));
    for (const bad of sink.bad)
      expect(bad.reason).toMatch(/cut short \('\.\.\.'\).*export the full log/);
    expect(sink.bad[0]!.text).toBe(NVR_TABLE[1]);
  });
});

describe('the guide: camera lines in the Spanish rendering', () => {
  it('counts four security rules and two reputation events, nothing lost', async () => {
    const { account } = await read('camera.log', CAMERA);
    expect(account).toMatchObject({
      kind: 'camera_log',
      lines: 6,
      events: 6,
      duplicates: 0,
      malformed: 0,
      other: 0,
    });
  });

  it('reads line 1 as brute force on 192.168.40.78 by 10.42.2.33', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(1)!;
    expect(ev).toMatchObject({
      messageType: 'security_rule',
      eventType: 'brute_force',
      seq: 1,
      ruleId: '1133810',
      time: '2019-12-16 00:58:58',
      envelopeTime: '16 de diciembre 00:58:58',
      envelopeLocal: '2019-12-16 00:58:58',
      device: '192.168.40.78',
      devicePort: 80,
      peer: '10.42.2.33',
      peerPort: 1775,
      srcIp: '10.42.2.33',
      dstIp: '192.168.40.78',
      originator: '10.42.2.33',
      role: 'victim',
      direction: 'outside_in',
      attacker: '10.42.2.33',
      victim: '192.168.40.78',
      problems: [],
    });
  });

  it('reads line 2 despite the stray space in its clock (00 :58:58)', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(2)!;
    expect(ev).toMatchObject({
      seq: 2,
      peerPort: 1829,
      envelopeLocal: '2019-12-16 00:58:58',
      problems: [],
    });
  });

  it('reads line 3 despite the stray space in its marker ([ Trend Micro])', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(3)!;
    expect(ev).toMatchObject({
      seq: 3,
      time: '2019-12-16 10:15:22',
      peerPort: 46527,
      role: 'victim',
    });
  });

  it('reads line 4 with the role capitalised (Víctima)', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(4)!;
    expect(ev).toMatchObject({ seq: 4, role: 'victim', device: '192.168.40.78' });
  });

  it('reads line 5, a WRS event whose line break left " de" after the address', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(5)!;
    expect(ev).toMatchObject({
      messageType: 'wrs',
      eventType: 'cyber_attack',
      time: '2017-10-13 13:18:48',
      envelopeLocal: '2017-10-03 19:01:11',
      repAddress: '206.130.113.68:80/eicar.com',
      repPath: '/eicar.com',
      peer: '206.130.113.68',
      peerPort: 80,
      repScores: [78, -1, -1, -1],
      repScore: 78,
      repBand: 'suspicious',
      direction: 'inside_out',
      attacker: '206.130.113.68',
      // Two devices appear in the file (192.168.40.78 and 60.251.25.44): no single one to give it.
      device: null,
    });
    expect(ev.problems).toEqual([
      'spaces removed from the address',
      "text after the address ignored: 'de'",
    ]);
  });

  it('reads line 6, a TRS event whose host field names the device', async () => {
    const ev = (await read('camera.log', CAMERA)).byLine(6)!;
    expect(ev).toMatchObject({
      messageType: 'trs',
      eventType: 'cyber_attack',
      time: '2018-10-04 03:02:47',
      envelopeTime: 'octubre 03 19:01:11',
      envelopeLocal: '2018-10-03 19:01:11',
      device: '60.251.25.44',
      reporter: '60.251.25.44',
      victim: '60.251.25.44',
      peer: '201.39.159.204',
      peerPort: 445,
      repAddress: '201.39.159.204:445/',
      repScore: 28,
      repBand: 'dangerous',
      direction: 'outside_in',
      problems: [],
    });
  });

  it('gives a WRS event the file device when the file names exactly one', async () => {
    const { byLine } = await read('camera.log', CAMERA.slice(0, 5));
    expect(byLine(5)).toMatchObject({ device: '192.168.40.78', victim: '192.168.40.78' });
  });
});

describe('the guide: NVR numbered syslog with damaged addresses', () => {
  it('keeps three lines as events and one as malformed', async () => {
    const { account } = await read('nvr.log', NVR_SYSLOG);
    expect(account).toMatchObject({
      kind: 'nvr_syslog',
      lines: 4,
      events: 3,
      malformed: 1,
      other: 0,
    });
  });

  it('keeps 9953 as an event flagged for its unreadable originator (2 .25.221)', async () => {
    const ev = (await read('nvr.log', NVR_SYSLOG)).byLine(1)!;
    expect(ev).toMatchObject({
      seq: 3509,
      time: '2019-12-12 11:25:23',
      envelopeTime: '2019-12-12T11:25:24.631862+08:00',
      envelopeLocal: '2019-12-12 11:25:24',
      device: '192.192.25.231',
      devicePort: 809,
      attacker: '192.192.25.221',
      originator: '2 .25.221',
    });
    expect(ev.problems).toEqual(["originator '2 .25.221' is not an IP address"]);
  });

  it('counts 9952 as malformed: its device address 192.1292.2 is no address', async () => {
    const bad = (await read('nvr.log', NVR_SYSLOG)).badLine(2)!;
    expect(bad.reason).toBe("destination address '192.1292.2' is not an IP address");
    expect(bad.text).toBe(NVR_SYSLOG[1]);
  });

  it('keeps 9951 as an event flagged for its impossible peer octet, with no attacker', async () => {
    const ev = (await read('nvr.log', NVR_SYSLOG)).byLine(3)!;
    expect(ev).toMatchObject({
      seq: 3507,
      device: '192.192.25.231',
      peer: '192.192.25.831',
      attacker: null,
    });
    expect(ev.problems).toEqual([
      "source address '192.192.25.831' has an impossible octet (831); kept as written, not counted as an attacker",
    ]);
  });

  it('keeps 9950 as an event flagged like 9953', async () => {
    const ev = (await read('nvr.log', NVR_SYSLOG)).byLine(4)!;
    expect(ev).toMatchObject({ seq: 3506, dstPort: 239, role: 'victim' });
    expect(ev.problems).toHaveLength(1);
  });
});

describe('the guide: VAST2 event list', () => {
  it('reads all five rows as events', async () => {
    const { account } = await read('vast2.txt', VAST2);
    expect(account).toMatchObject({
      kind: 'vast2_event_list',
      lines: 5,
      events: 5,
      malformed: 0,
      other: 0,
    });
  });

  it('takes device and peer from their own columns', async () => {
    const ev = (await read('vast2.txt', VAST2)).byLine(2)!;
    expect(ev).toMatchObject({
      eventType: 'brute_force',
      seq: 952,
      ruleId: '1133810',
      time: '2018-10-09 01:33:52',
      device: '60.251.25.44',
      devicePort: 23,
      peer: '185.10.68.123',
      peerPort: 60000,
      originator: '75.97.250.243',
      direction: 'outside_in',
      role: 'victim',
      attacker: '185.10.68.123',
      victim: '60.251.25.44',
    });
  });

  it('takes the event type from its own column', async () => {
    const { byLine } = await read('vast2.txt', VAST2);
    expect(byLine(3)).toMatchObject({ eventType: 'cyber_attack', ruleId: '1133835', seq: 954 });
  });

  it('reads the WRS and TRS rows and gives them the list device', async () => {
    const { byLine } = await read('vast2.txt', VAST2);
    expect(byLine(4)).toMatchObject({
      messageType: 'wrs',
      repAddress: '104.115.235.31:80/eicar.com',
      peer: '104.115.235.31',
      device: '60.251.25.44',
      repScore: null,
    });
    expect(byLine(5)).toMatchObject({
      messageType: 'trs',
      repAddress: '104.115.235.31:80',
      peerPort: 80,
    });
  });

  it('reads the quarantine row: the device is the attacker', async () => {
    const ev = (await read('vast2.txt', VAST2)).byLine(6)!;
    expect(ev).toMatchObject({
      eventType: 'quarantine',
      role: 'attacker',
      direction: 'inside_out',
      srcIp: '60.251.25.44',
      dstIp: '185.10.68.123',
      attacker: '60.251.25.44',
      victim: '185.10.68.123',
    });
  });
});
