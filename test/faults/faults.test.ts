/**
 * The file-system faults on a small sample, so CI checks that the engine survives them;
 * `npm run faults` runs the same functions on full sizes (400,000 lines, 100,000 files,
 * 30 s of growth).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEngine, lines, strike, Trial } from './kit.js';
import type { Sizes } from './read-faults.js';
import { FAULTS, runFaults } from './runner.js';

const SAMPLE: Sizes = { bigLines: 30_000, files: 1_000, growMs: 1_500 };

describe('the fault sample', () => {
  it.each(FAULTS.map((f) => [f.name, f] as const))(
    'survives %s without a crash, a broken invariant or a lost event',
    async (_name, fault) => {
      const stats = await runFaults([fault], SAMPLE);
      const bad = stats.results.map((r) => ({
        mode: r.mode,
        crashes: r.crashes,
        problems: r.problems,
      }));
      expect(bad.filter((r) => r.crashes.length + r.problems.length > 0)).toEqual([]);
      expect([stats.crashes, stats.failures, stats.lost]).toEqual([0, 0, 0]);
      expect(stats.survived).toBe(stats.tried);
    },
    60_000,
  );
});

describe('the fault checks', () => {
  it('counts events that were stored before a fault and are missing after it as lost', async () => {
    const t = new Trial('load');
    try {
      writeFileSync(join(t.dir, 'cam.log'), lines(0, 3));
      const e = await t.engine();
      await t.open(e, t.dir);
      const source = e.store.listSources()[0]!.path;
      await checkEngine(t, e, new Map([[source, 5]]));
      expect(t.lost).toBe(2);
      expect(t.problems).toEqual([`${source}: 5 events before the fault, 3 after`]);
    } finally {
      await t.close();
    }
  });
});

describe('regressions found by the faults', () => {
  it('keeps a root pulled during its first scan marked gone once the scan ends', async () => {
    const t = new Trial('native');
    try {
      const stick = join(t.dir, 'stick');
      for (let i = 0; i < 10; i++) {
        mkdirSync(join(stick, `cam${i}`), { recursive: true });
        writeFileSync(join(stick, `cam${i}`, 'syslog.txt'), lines(i * 2000, (i + 1) * 2000));
      }
      const e = await t.engine();
      const watching = e.watch(stick);
      const at = await strike(e, 'syslog.txt', watching, () => rmSync(stick, { recursive: true }));
      expect(at).not.toBeNull();
      expect((await watching).status).toBe('gone');
      expect(e.store.listRoots().map((r) => r.status)).toEqual(['gone']);
    } finally {
      await t.close();
    }
  });
});
