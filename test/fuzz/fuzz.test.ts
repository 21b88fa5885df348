/**
 * The fuzz generators on a small fixed-seed sample, so every change is checked against
 * damaged and hostile input; `npm run fuzz` runs the same code on 100,000 inputs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAccount, checkReadLines, CheckingSink } from './checks.js';
import type { SourceAccount } from '../../electron/engine/ingest.js';
import { Rng } from './prng.js';
import { runFuzz } from './runner.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = 20191216;

describe('the fuzz sample', () => {
  it('reads 2,000 generated inputs without a crash or a broken invariant', async () => {
    const stats = await runFuzz({ count: 2000, seed: SEED, root, sample: true });
    const failures = stats.failures.map((f) => ({
      index: f.input.index,
      kind: f.input.case.kind,
      crashes: f.crashes.map((c) => c.split('\n')[0]),
      // Timing is not tested here: `npm run fuzz` reports slow inputs.
      problems: f.problems.filter((p) => !p.startsWith('took ')),
    }));
    expect(failures.filter((f) => f.crashes.length + f.problems.length > 0)).toEqual([]);
    expect(stats.inputs).toBe(2000);
    expect(stats.diskInputs).toBeGreaterThanOrEqual(60);
    // Every kind of outcome was reached, so the sample exercises more than one path.
    const t = stats.totals;
    for (const n of [t.events, t.duplicates, t.malformed, t.other, t.skipped, t.readErrors]) {
      expect(n).toBeGreaterThan(0);
    }
  }, 60_000);

  it('makes the same inputs again from the same seed', async () => {
    const a = await runFuzz({ count: 150, seed: 7, root, sample: true });
    const b = await runFuzz({ count: 150, seed: 7, root, sample: true });
    expect(b.totals).toEqual(a.totals);
    expect(new Rng(7, 3).u32()).toBe(new Rng(7, 3).u32());
    expect(new Rng(7, 3).u32()).not.toBe(new Rng(7, 4).u32());
  });
});

describe('the fuzz checks', () => {
  const account = (over: Partial<SourceAccount>): SourceAccount => ({
    path: 'a.log',
    kind: 'camera_log',
    encoding: 'utf-8',
    container: 'plain',
    lines: 1,
    events: 0,
    duplicates: 0,
    malformed: 0,
    other: 1,
    ...over,
  });
  const fed = [{ no: 1, offset: 0, bytes: 3, text: 'abc' }];

  it.each([
    ['lines that do not add up', { lines: 2 }, /lines 2 != events/],
    ['a line counted twice', { lines: 2, other: 2 }, /2 lines counted of 1 non-blank/],
    ['a malformed line nobody kept', { other: 0, malformed: 1 }, /1 malformed counted, 0 kept/],
    ['a count that is no count', { other: -1, lines: -1 }, /not a count/],
  ])('catches %s', (_name, over, message) => {
    const problems = checkAccount(account(over), fed, new CheckingSink('a.log'));
    expect(problems.join('\n')).toMatch(message);
  });

  it('catches a malformed line kept without its text or reason', () => {
    const sink = new CheckingSink('a.log');
    sink.malformed({ source: 'a.log', line: 1, offset: 0, text: 'ab', reason: ' ' });
    const problems = checkAccount(account({ other: 0, malformed: 1 }), fed, sink);
    expect(problems).toEqual(['malformed line 1 lost its text', 'malformed line 1 has no reason']);
  });

  it('catches line numbers with a gap and a line cut without being too long', () => {
    const lines = [
      { no: 1, offset: 0, bytes: 3, text: 'abc' },
      { no: 3, offset: 4, bytes: 3, text: 'abc', tooLong: true as const },
    ];
    const problems = checkReadLines(lines, { maxLineBytes: 10, cap: Infinity, container: 'plain' });
    expect(problems).toEqual(['line 2 is numbered 3', 'line 3 of 3 bytes has tooLong=true']);
  });
});
