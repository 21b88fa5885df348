/**
 * Valid and damaged lines to start mutations from: the vendor guide's example lines, the
 * format samples, and the lines and bytes of the fixture stick.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LINE_FORMATS } from '../../shared/formats/lines.js';
import { TABLE_FORMATS } from '../../shared/formats/tables.js';

/** Lines as the guide prints them (camera, NVR syslog, NVR page, VAST2), damaged ones too. */
export const GUIDE_LINES: readonly string[] = [
  '16 de diciembre 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 00 :58:58 [Trend Micro]: 2 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1829 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 10:15:22 [ Trend Micro]: 3 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46527 > 192.168.40.78:80, 10.42.2.33, víctima  ',
  '16 de diciembre 10:15:22 [Trend Micro]: 4 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46573 > 192.168.40.78:80, 10.42.2.33, Víctima  ',
  "3 de octubre 19:01:11 [Trend Micro]: WRS, [78, -1, -1, -1], 13/10/2017 13:18:48, '206.130.113.68:80/ eicar.com ' de  ",
  "octubre 03 19:01:11 60.251.25.44 [Trend Micro]: TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'",
  '9953 2019-12-12T11:25:24.631862+08:00 Regla de seguridad [Trend Micro]: 3509 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:809, 2 .25.221, Víctima  ',
  '9952 2019-12-12T11:25:24.630766+08:00 Regla de seguridad [Trend Micro]: 3508 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.1292.2 :110, 192.192.25.221, Víctima  ',
  '9951 2019-12-12T11:25:24.629648+08:00 Regla de seguridad [Trend Micro]: 3507 s.1133810, 2019/12/12 11:25:23, 192.192.25.831:584 > 192.192.25.231:443, 192.192.25.221, Víctima  ',
  '9950 2019-12-12T11:25:24.628503+08:00 Regla de seguridad [Trend Micro]: 3506 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:239, 2 .25.221, víctima',
  '2019.11.06 12:34:43\tSecurity rule\t[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
  '2019.11.06 11:37:11\tSecurity rule\t[Trend Micro]: 60 s.1133810, 2019/11/6 11:37:10, 192.168.1...',
  'Brute force attack\t2018/10/9 01:33:52\t952\tSecurity Rule\t1133810\t185.10.68.123:60000\tOutside-in\t60.251.25.44:23\t75.97.250.243\tVictim\t-\t-',
  'Cyber attack\t2018/10/9 01:33:52\t954\tSecurity Rule\t1133835\t185.10.68.123:60000\tOutside-in\t60.251.25.44:23\t75.97.250.243\tVictim\t-\t-',
  'Cyber attack\t2018/10/9 01:33:52\t-\tWRS\t-\t-\t-\t-\t-\t-\t104.115.235.31:80/eicar.com\t-',
  'Cyber attack\t2018/10/9 01:33:52\t-\tTRS\t-\t-\t-\t-\t-\t-\t-\t104.115.235.31:80',
  'Quarantine event\t2018/10/9 01:33:52\t953\tSecurity Rule\t1133820\t185.10.68.123:60000\tInside-out\t60.251.25.44:23\t60.251.25.44:23\tAttacker\t-\t-',
];

/** The header rows of the NVR event table and the VAST2 event list, tab and comma forms. */
export const TABLE_HEADERS: readonly string[] = TABLE_FORMATS.flatMap((t) => {
  const first = t.columns.map((c) => c.names[0]!);
  const spanish = t.columns.map((c) => c.names.at(-1)!);
  return [first.join('\t'), first.join(','), spanish.join('\t'), `\uFEFF${first.join(',')}`];
});

/** Every sample line of the line and table formats. */
export const SAMPLE_LINES: readonly string[] = [
  ...LINE_FORMATS.flatMap((f) => f.samples.map((s) => s.line)),
  ...TABLE_FORMATS.flatMap((f) => f.samples.map((s) => s.line)),
];

/** What the fixture stick holds, read once. */
export interface Fixtures {
  /** Text lines of the plain and gzip fixtures, decoded. */
  lines: string[];
  /** Every fixture file's bytes, archives and binaries included, by name. */
  files: { name: string; data: Buffer }[];
}

/** Reads the fixture stick under the repository root. */
export async function loadFixtures(root: string): Promise<Fixtures> {
  const dir = path.join(root, 'test', 'fixtures', 'stick');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Fixtures['files'] = [];
  const lines: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const data = await readFile(file);
    files.push({ name: path.relative(dir, file), data });
    const text = decodeFixture(data);
    if (text !== null) lines.push(...text.split(/\r?\n/).filter((l) => l.trim() !== ''));
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { lines, files };
}

/** The fixture as text when it is plain, UTF-16 or gzip text; null for zips and binaries. */
function decodeFixture(data: Buffer): string | null {
  if (data[0] === 0x1f && data[1] === 0x8b) return decodeFixture(gunzipSync(data));
  if (data[0] === 0xff && data[1] === 0xfe) return data.subarray(2).toString('utf16le');
  if (data.subarray(0, 2).toString('latin1') === 'PK' || data.includes(0)) return null;
  return data.toString('utf8').replace(/^\uFEFF/, '');
}
