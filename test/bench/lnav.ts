/** The peer's figures on the same file: lnav with a format for these lines, headless. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FORMAT = {
  trendmicro_camera: {
    title: 'Trend Micro IoT Security camera log',
    regex: {
      rule: {
        pattern:
          '^(?<timestamp>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (?:(?<host>[\\d.]+) )?\\[Trend Micro\\]: (?<body>(?<seq>\\d+) s\\.(?<rule>\\d+), [^,]+, (?<src_ip>[\\d.]+):(?<src_port>\\d+) > (?<dst_ip>[\\d.]+):(?<dst_port>\\d+), [^,]+, (?<role>\\w+))$',
      },
      other: { pattern: '^(?<timestamp>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (?<body>.*)$' },
    },
    'timestamp-format': ['%b %d %H:%M:%S'],
    value: {
      host: { kind: 'string', identifier: true },
      seq: { kind: 'integer' },
      rule: { kind: 'string', identifier: true },
      src_ip: { kind: 'string', identifier: true, collate: 'ipaddress' },
      src_port: { kind: 'integer' },
      dst_ip: { kind: 'string', identifier: true, collate: 'ipaddress' },
      dst_port: { kind: 'integer' },
      role: { kind: 'string', identifier: true },
    },
    sample: [
      {
        line: 'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
      },
    ],
  },
};

/** lnav's time and peak memory to load the file and group by source IP; null without lnav. */
export function lnavFigures(file: string): { seconds: number; maxRssBytes: number } | null {
  if (spawnSync('lnav', ['-V']).status !== 0) return null;
  const home = mkdtempSync(join(tmpdir(), 'seclog-lnav-'));
  mkdirSync(join(home, '.lnav', 'formats', 'installed'), { recursive: true });
  writeFileSync(
    join(home, '.lnav', 'formats', 'installed', 'trendmicro.json'),
    JSON.stringify(FORMAT),
  );
  const query =
    ';SELECT src_ip, count(*) AS n FROM trendmicro_camera GROUP BY src_ip ORDER BY n DESC LIMIT 10';
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'lnav', '-n', '-c', query, file], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    encoding: 'utf8',
  });
  const m = /([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (!m) return null;
  return { seconds: Number(m[1]), maxRssBytes: Number(m[2]) * 1024 };
}
