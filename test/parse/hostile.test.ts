/**
 * Lines written to make regular expressions backtrack. With patterns whose parts compete
 * for the same characters these took minutes each (found by `npm run fuzz`); they must
 * finish at once, as malformed or other lines.
 */
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { SourceParser } from '../../electron/engine/parse/source-parser.js';

const run = ' '.repeat(100_000);
const tabs = '\t'.repeat(100_000);
const cases: [string, string][] = [
  ['spaces inside a security rule', `Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, ${run}x`],
  ['tabs inside a security rule', `Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, ${tabs}x`],
  ['tabs around an NVR row', `2019.11.06 12:34:43\t${tabs}\t[Trend Micro]: ${tabs}`],
  ['spaces in a reputation message', `Dec 16 00:58:58 [Trend Micro]: WRS, [1], ${run}x`],
  ['spaces after an NVR log time', `9953 2019-12-12T11:25:24.631862+08:00 ${run}x`],
  ['spaces in an RFC 5424 header', `<134>1 2019-12-16T00:58:58+08:00 h a - - - ${run}x`],
  ['a long host in an RFC 3164 header', `<134>Dec 16 00:58:58 ${'h'.repeat(100_000)}: x`],
  ['markers without payloads', '[Trend Micro]: '.repeat(20_000)],
];

describe('hostile lines', () => {
  for (const [what, text] of cases) {
    it(`reads ${what} without backtracking`, () => {
      const p = new SourceParser('x', new RuleBook());
      const v = p.parse({ no: 1, offset: 0, bytes: text.length, text });
      expect(['malformed', 'other']).toContain(v.type);
    });
  }
});
