/** Forms the devices write that the guide does not show, and the edges of each rule. */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { ingestSource, Ledger } from '../../electron/engine/ingest.js';
import { SourceParser } from '../../electron/engine/parse/source-parser.js';
import { ListSink, memorySource } from '../helpers/memory.js';

async function read(lines: string[], path = 'x.log') {
  const sink = new ListSink();
  const account = await ingestSource(memorySource(path, lines), new Ledger(), new RuleBook(), sink);
  return { account, events: sink.events, bad: sink.bad };
}

function verdict(line: string) {
  return new SourceParser('x', new RuleBook()).parse({
    no: 1,
    offset: 0,
    bytes: line.length,
    text: line,
  });
}

const SR = (role: string, rule = '1133810', orig = '203.0.113.9') =>
  `Dec 16 00:58:58 [Trend Micro]: 7 s.${rule}, 2019/12/16 0:58:58, 203.0.113.9:5555 > 192.168.40.78:23, ${orig}, ${role}`;

describe('camera logs in English', () => {
  it('counts ordinary camera lines as other and names the kind', async () => {
    const { account } = await read([
      SR('victim'),
      'Dec 16 00:59:01 [httpd]: GET /cgi-bin/viewer/video.jpg 200',
      '',
    ]);
    expect(account).toMatchObject({ kind: 'camera_log', lines: 2, events: 1, other: 1 });
  });

  it('names a log with no Trend Micro line a camera log still', async () => {
    const { account } = await read([
      'Dec 16 00:59:01 [httpd]: GET / 200',
      'Dec 16 00:59:02 [syslogd]: restart',
    ]);
    expect(account).toMatchObject({ kind: 'camera_log', lines: 2, other: 2 });
  });

  it('makes a device with role attacker the attacker of a quarantine event', () => {
    const v = verdict(SR('ATTACKER', '1134000', '203.0.113.9'));
    expect(v).toMatchObject({
      type: 'event',
      event: {
        eventType: 'quarantine',
        device: '203.0.113.9',
        attacker: '203.0.113.9',
        victim: '192.168.40.78',
        direction: 'inside_out',
      },
    });
  });

  it('takes the side that is not the originator as the device when the DPI engine blocked the IP', () => {
    const v = verdict(SR('IP block', '1134000', '192.168.40.78'));
    expect(v).toMatchObject({
      type: 'event',
      event: { role: 'ip_block', device: '203.0.113.9', peer: '192.168.40.78' },
    });
    const w = verdict(SR('Bloqueo de IP', '1134000', '203.0.113.9'));
    expect(w).toMatchObject({
      type: 'event',
      event: { device: '192.168.40.78', eventType: 'cyber_attack' },
    });
  });

  it('calls an unknown rule against a victim a cyber attack', () => {
    expect(verdict(SR('victim', '1134560'))).toMatchObject({
      event: { eventType: 'cyber_attack', ruleId: '1134560' },
    });
  });

  it('reads the Spanish attacker word', () => {
    expect(verdict(SR('atacante'))).toMatchObject({
      event: { role: 'attacker', eventType: 'brute_force' },
    });
  });
});

describe('what makes a line malformed', () => {
  const cases: [string, string, RegExp][] = [
    [
      'two doubtful values',
      SR('victim', '1133810', '2 .25.221').replace('203.0.113.9:', '203.0.113.999:'),
      /more than one value cannot be read/,
    ],
    [
      'no way to tell the device',
      SR('whatever', '1133810', '198.51.100.1'),
      /cannot tell which side is the device/,
    ],
    [
      'a port that is no number',
      SR('victim').replace(':23', ':http'),
      /port 'http' is not a port number/,
    ],
    [
      'a device without its port',
      SR('victim').replace(':23', ''),
      /destination address '192.168.40.78' has no port/,
    ],
    [
      'scores that are no numbers',
      "Dec 16 00:58:58 [Trend Micro]: WRS, [high, -1], 2019/12/16 0:58:58, 'a.example:80/'",
      /scores 'high, -1'/,
    ],
    [
      'a payload of neither kind',
      'Dec 16 00:58:58 [Trend Micro]: pattern file updated',
      /neither a security rule nor a WRS\/TRS/,
    ],
    [
      'a security rule of the wrong shape',
      'Dec 16 00:58:58 [Trend Micro]: 7 s.1133810, 2019/12/16 0:58:58',
      /does not have the form 'SEQ s\.RULE/,
    ],
  ];
  for (const [what, line, reason] of cases) {
    it(`says why for ${what}`, () => {
      const v = verdict(line);
      expect(v.type).toBe('malformed');
      expect(v.type === 'malformed' && v.reason).toMatch(reason);
    });
  }

  it('counts a line too long to be an event as malformed when it carries the marker', () => {
    const p = new SourceParser('x', new RuleBook());
    expect(
      p.parse({ no: 1, offset: 0, bytes: 2e6, text: 'x [Trend Micro]: 1 s.', tooLong: true }),
    ).toMatchObject({ type: 'malformed' });
    expect(p.parse({ no: 2, offset: 0, bytes: 2e6, text: 'xxxx', tooLong: true })).toEqual({
      type: 'other',
    });
  });
});

describe('syslog server files', () => {
  it('reads RFC 5424 and gives a WRS event the host as device', async () => {
    const { account, events } = await read([
      "<134>1 2019-12-16T00:58:58+08:00 192.168.40.92 tmiot - - - [Trend Micro]: WRS, [45, -1, -1, -1], 2019/12/16 0:58:58, 'malware.example:8080/x.exe'",
      '<30>1 2019-12-16T00:59:00+08:00 192.168.40.92 ntpd - - - synced',
    ]);
    expect(account).toMatchObject({ kind: 'syslog', events: 1, other: 1 });
    expect(events[0]).toMatchObject({
      device: '192.168.40.92',
      peer: 'malware.example',
      peerPort: 8080,
      repPath: '/x.exe',
      repBand: 'dangerous',
      envelopeLocal: '2019-12-16 00:58:58',
    });
  });
});

describe('NVR event tables', () => {
  it('reads a CSV whose message is not quoted, with Spanish headers', async () => {
    const { account, events } = await read([
      'Fecha,Tipo de mensaje,Mensaje',
      '2019.12.12 11:25:24,Regla de seguridad,[Trend Micro]: 12 s.1133835, 2019/12/12 11:25:23, 198.51.100.7:445 > 192.168.40.10:445, 198.51.100.7, victim',
      '2019.12.12 11:26:00,Sistema,Grabación iniciada',
      '2019.12.12 11:27:00,Regla de seguridad,sin mensaje',
    ]);
    expect(account).toMatchObject({
      kind: 'nvr_event_table',
      lines: 3,
      events: 1,
      other: 1,
      malformed: 1,
    });
    expect(events[0]).toMatchObject({
      device: '192.168.40.10',
      eventType: 'cyber_attack',
      envelopeLocal: '2019-12-12 11:25:24',
    });
  });
});

describe('VAST2 lists', () => {
  it('reads rows pasted without their header', async () => {
    const { account, events } = await read([
      'Brute force attack,2018/10/9 01:33:52,952,Security Rule,1133810,185.10.68.123:60000,Outside-in,60.251.25.44:23,75.97.250.243,Victim,-,-',
    ]);
    expect(account).toMatchObject({ kind: 'vast2_event_list', events: 1 });
    expect(events[0]).toMatchObject({ device: '60.251.25.44', seq: 952 });
  });

  it('counts other rows of a list as other', async () => {
    const { account } = await read([
      'Event Type,Time,SeqNum,Message Type,Rule ID,PeerIPAddress,Direction,DeviceIPAddress,OriginatorIPAddress,DeviceRole,Domain Peer/PortPath,PeerIP:ServerPort',
      'Firmware,2018/10/9 01:33:52,-,Pattern update,-,-,-,-,-,-,-,-',
    ]);
    expect(account).toMatchObject({ kind: 'vast2_event_list', lines: 1, other: 1 });
  });
});

describe('duplicates', () => {
  it('counts the same event twice in one file once', async () => {
    const { account } = await read([SR('victim'), SR('victim')]);
    expect(account).toMatchObject({ events: 1, duplicates: 1 });
  });

  it('counts the same event seen by a camera and by VAST2 once', async () => {
    const ledger = new Ledger();
    const rules = new RuleBook();
    const sink = new ListSink();
    const cam = await ingestSource(memorySource('cam.log', [SR('victim')]), ledger, rules, sink);
    const vast = await ingestSource(
      memorySource('vast2.csv', [
        'Brute force attack,2019/12/16 00:58:58,7,Security Rule,1133810,203.0.113.9:5555,Outside-in,192.168.40.78:23,203.0.113.9,Victim,-,-',
      ]),
      ledger,
      rules,
      sink,
    );
    expect([cam.events, vast.duplicates]).toEqual([1, 1]);
  });
});
