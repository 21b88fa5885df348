/** Export test helpers: events to export, a temp folder, and a strict RFC 4180 reader. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { EventRow } from '../../shared/api/types.js';

/** A fresh folder under the OS temp folder, removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seclog-export-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A security-rule event (the guide's first line), with the given fields changed. */
export function securityRow(over: Partial<EventRow> = {}): EventRow {
  return {
    id: 1,
    sourceId: 1,
    source: 'stick/cam1/syslog.txt',
    line: 12,
    time: '2019-12-16 00:58:58',
    envelopeTime: 'Dec 16 00:58:58',
    device: '192.168.40.78',
    devicePort: 80,
    reporter: null,
    seq: 1,
    messageType: 'security_rule',
    eventType: 'brute_force',
    ruleId: '1133810',
    peer: '10.42.2.33',
    peerPort: 1775,
    srcIp: '10.42.2.33',
    srcPort: 1775,
    dstIp: '192.168.40.78',
    dstPort: 80,
    originator: '10.42.2.33',
    direction: 'outside_in',
    role: 'victim',
    attacker: '10.42.2.33',
    victim: '192.168.40.78',
    repAddress: null,
    repScore: null,
    repBand: null,
    problems: [],
    ...over,
  };
}

/** A WRS event: the device reached a server of bad reputation. */
export function wrsRow(over: Partial<EventRow> = {}): EventRow {
  return securityRow({
    id: 2,
    seq: null,
    messageType: 'wrs',
    eventType: 'cyber_attack',
    ruleId: null,
    peer: '206.130.113.68',
    peerPort: 80,
    devicePort: null,
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    originator: null,
    direction: 'inside_out',
    role: null,
    attacker: '206.130.113.68',
    victim: '192.168.40.78',
    repAddress: '206.130.113.68:80/eicar.com',
    repScore: 47,
    repBand: 'dangerous',
    ...over,
  });
}

/**
 * Reads CSV text by RFC 4180 and nothing more lenient: records end with CRLF, a quoted field
 * may hold commas, CR, LF and doubled quotes, and a quote inside an unquoted field is an error.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`expected a comma or CRLF at ${i}`);
  }
  if (record.length > 0) throw new Error('last record has no CRLF');
  return records;
}
