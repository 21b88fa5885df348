/** The `seclog` command as a user runs it: the built bundle in a child process. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function seclog(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/seclog.cjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('seclog summary --json', () => {
  it('prints exactly one JSON object whose counts add up', () => {
    const r = seclog('summary', '--json', 'test/fixtures/stick', 'build/demo');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    const read = s.sources.filter((x: { skipped?: string }) => !x.skipped);
    const total = (k: string) =>
      read.reduce((n: number, x: Record<string, number>) => n + x[k]!, 0);
    expect(s.events).toBe(total('events'));
    expect(s.duplicates).toBe(total('duplicates'));
    expect(s.malformed).toBe(total('malformed'));
    expect(Object.values(s.byMessageType).reduce((a, b) => (a as number) + (b as number))).toBe(
      s.events,
    );
    expect(Object.values(s.byEventType).reduce((a, b) => (a as number) + (b as number))).toBe(
      s.events,
    );
    for (const x of read) expect(x.events + x.duplicates + x.malformed + x.other).toBe(x.lines);
    expect(Object.keys(s.byEventType)).toEqual([
      'brute_force',
      'cyber_attack',
      'quarantine',
      'unknown',
    ]);
    expect(s.attackers.length).toBeLessThanOrEqual(10);
    for (const key of [
      'path',
      'kind',
      'encoding',
      'lines',
      'events',
      'duplicates',
      'malformed',
      'other',
    ]) {
      expect(read[0]).toHaveProperty(key);
    }
  });

  it('orders the top lists by events, then by address', () => {
    const s = JSON.parse(seclog('summary', '--json', 'build/demo').out);
    expect(s.attackers.slice(0, 4)).toEqual([
      { ip: '10.42.2.33', events: 4 },
      { ip: '104.115.235.31', events: 2 },
      { ip: '185.10.68.123', events: 2 },
      { ip: '192.192.25.221', events: 2 },
    ]);
  });

  it('counts a second copy of the same exports as duplicates, not new events', () => {
    const once = JSON.parse(seclog('summary', '--json', 'build/demo').out);
    const dir = mkdtempSync(join(tmpdir(), 'seclog-copies-'));
    cpSync('build/demo', join(dir, 'first'), { recursive: true });
    cpSync('build/demo', join(dir, 'second'), { recursive: true });
    const twice = JSON.parse(seclog('summary', '--json', dir).out);
    expect(twice.events).toBe(once.events);
    expect(twice.duplicates).toBe(once.duplicates + once.events);
  });

  it('exits 0 on a folder that holds no log at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seclog-cli-'));
    writeFileSync(
      join(dir, 'photo.jpg'),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]),
    );
    const r = seclog('summary', '--json', dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      events: 0,
      sources: [{ skipped: 'binary file: JPEG image' }],
    });
  });
});

describe('seclog summary, readable', () => {
  it('shows totals, the quarantined device and the advice', () => {
    const r = seclog('summary', 'build/demo');
    expect(r.code).toBe(0);
    expect(r.out).toContain('14 events, 0 duplicates, 17 malformed lines, 0 other lines');
    expect(r.out).toMatch(/QUARANTINE[^\n]*\n\s+60\.251\.25\.44/);
    expect(r.out).toContain('Reset it to factory defaults or update its firmware');
  });

  it('speaks Spanish when asked', () => {
    const r = seclog('summary', '--lang', 'es', 'build/demo');
    expect(r.out).toContain('14 eventos, 0 duplicados, 17 líneas dañadas');
    expect(r.out).toContain('Restablezca la configuración de fábrica');
  });
});

describe('unusable arguments', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a missing path',
      ['summary', 'no/such/folder'],
      /cannot read 'no\/such\/folder': no such file or folder/,
    ],
    ['no path', ['summary'], /name at least one file or folder/],
    ['an unknown option', ['summary', '--jsn', 'build/demo'], /unknown option '--jsn'/],
    ['an option without its value', ['summary', 'build/demo', '--rules'], /--rules needs a value/],
    ['an unknown command', ['summarise', 'x'], /unknown command 'summarise'/],
    ['a rule ID that is no number', ['rule', 'abc'], /'abc' is not a rule ID/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what} in one line with exit 2`, () => {
      const r = seclog(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }
});

describe('seclog rule', () => {
  it('explains a known rule with its advice', () => {
    const r = seclog('rule', '1133820');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1133820: Quarantine event');
    expect(r.out).toContain('factory defaults');
  });

  it('accepts the s. prefix as the logs write it', () => {
    expect(seclog('rule', 's.1133810').out).toContain('Brute force attack');
  });

  it('says an unknown rule is unknown and what to send to support', () => {
    const r = seclog('rule', '1134560');
    expect(r.out).toContain('Rule 1134560 is not in the catalogue');
    expect(r.out).toContain('technical support');
  });

  it('learns rules from an imported list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seclog-rules-'));
    const list = join(dir, 'rules.csv');
    writeFileSync(
      list,
      'Rule ID,Name,Category\n1134560,"Telnet login, default password",Brute force\n',
    );
    const r = seclog('rule', '--json', '--rules', list, '1134560');
    expect(JSON.parse(r.out)).toMatchObject({
      known: true,
      rule: {
        id: '1134560',
        eventType: 'brute_force',
        name: { en: 'Telnet login, default password' },
      },
    });
  });
});
