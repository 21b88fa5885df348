/**
 * The fuzz loop shared by `npm run fuzz` and the CI sample: builds input i from (seed, i),
 * runs it in memory or on disk, samples memory, and tallies crashes and broken invariants.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RuleBook } from '../../shared/rules/index.js';
import { Ledger } from '../../electron/engine/ingest.js';
import { diskCase, type DiskCase } from './disk-cases.js';
import { memoryCase, type Corpus, type MemoryCase } from './memory-cases.js';
import { Rng } from './prng.js';
import { noTotals, runDisk, runMemory, type Outcome, type Totals } from './run-input.js';
import { GUIDE_LINES, loadFixtures, SAMPLE_LINES, TABLE_HEADERS } from './seeds.js';

/** How a run is made. */
export interface FuzzOptions {
  count: number;
  seed: number;
  /** Repository root (for the fixture stick). */
  root: string;
  /** Every n-th input goes through real files on disk (default 33). */
  diskEvery?: number;
  /** Runs only this input index (to reproduce a failure). */
  only?: number;
  /** An input slower than this counts as a failure (default 2000 ms). */
  slowMs?: number;
  /** Resident memory above this fails the run (default 1.5 GB). */
  maxRss?: number;
  /** Smaller floods and lines, for the quick CI sample. */
  sample?: boolean;
  /** Called before an input runs (to save it when reproducing) and when one fails. */
  onInput?: (input: FuzzInput) => Promise<void>;
  onFailure?: (failure: Failure) => Promise<void>;
  /** Called after each input with its index, so a watchdog can tell progress from a hang. */
  onProgress?: (index: number) => void;
}

/** One generated input, as made again from (seed, index). */
export type FuzzInput =
  | { index: number; where: 'memory'; case: MemoryCase }
  | { index: number; where: 'disk'; case: DiskCase };

/** One input that crashed, broke an invariant or was too slow. */
export interface Failure {
  input: FuzzInput;
  crashes: string[];
  problems: string[];
  ms: number;
}

/** The figures of a run. */
export interface FuzzStats {
  seed: number;
  inputs: number;
  memoryInputs: number;
  diskInputs: number;
  crashes: number;
  invariantFailures: number;
  slowInputs: number;
  failures: Failure[];
  peakRss: number;
  peakHeap: number;
  ms: number;
  slowest: { index: number; kind: string; ms: number };
  totals: Totals;
}

const GB = 1000 ** 3;

/** Runs the inputs of one seed and returns the figures; never throws for a bad input. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzStats> {
  const started = performance.now();
  const fixtures = await loadFixtures(opts.root);
  const corpus: Corpus = {
    seeds: [...GUIDE_LINES, ...SAMPLE_LINES, ...TABLE_HEADERS, ...fixtures.lines],
    floodPow: opts.sample ? 8 : 11,
    hugePow: opts.sample ? 16 : 20,
  };
  const rules = new RuleBook();
  const diskEvery = opts.diskEvery ?? 33;
  const slowMs = opts.slowMs ?? 2000;
  const maxRss = opts.maxRss ?? 1.5 * GB;
  const tmp = await mkdtemp(path.join(tmpdir(), 'seclog-fuzz-'));
  const stats: FuzzStats = {
    seed: opts.seed,
    inputs: 0,
    memoryInputs: 0,
    diskInputs: 0,
    crashes: 0,
    invariantFailures: 0,
    slowInputs: 0,
    failures: [],
    peakRss: 0,
    peakHeap: 0,
    ms: 0,
    slowest: { index: -1, kind: '', ms: 0 },
    totals: noTotals(),
  };
  const sampleMemory = (): void => {
    const m = process.memoryUsage();
    stats.peakRss = Math.max(stats.peakRss, m.rss);
    stats.peakHeap = Math.max(stats.peakHeap, m.heapUsed);
  };
  let ledger = new Ledger();
  try {
    const first = opts.only ?? 0;
    const end = opts.only !== undefined ? opts.only + 1 : opts.count;
    for (let i = first; i < end; i++) {
      // A fresh ledger now and then: duplicates across sources are exercised, memory is not.
      if (i % 64 === 0) ledger = new Ledger();
      const rng = new Rng(opts.seed, i);
      const onDisk = i % diskEvery === diskEvery - 1;
      const n = Math.floor(i / diskEvery);
      const input: FuzzInput = onDisk
        ? { index: i, where: 'disk', case: diskCase(n, rng, corpus, fixtures) }
        : { index: i, where: 'memory', case: memoryCase(i - n, rng, corpus) };
      await opts.onInput?.(input);
      const t = performance.now();
      const outcome: Outcome =
        input.where === 'disk'
          ? await runDisk(input.case, path.join(tmp, `in-${i}`), ledger, rules)
          : runMemory(input.case, ledger, rules, rng);
      const ms = performance.now() - t;
      opts.onProgress?.(i);
      stats.inputs++;
      if (onDisk) stats.diskInputs++;
      else stats.memoryInputs++;
      for (const [k, v] of Object.entries(outcome.totals)) stats.totals[k as keyof Totals] += v;
      if (ms > stats.slowest.ms) stats.slowest = { index: i, kind: input.case.kind, ms };
      if (onDisk || i % 25 === 0 || ms > 50) sampleMemory();
      const problems = [...outcome.problems];
      if (ms > slowMs) {
        stats.slowInputs++;
        const worst = outcome.slowest;
        const which = worst ? `; ${worst.path} took ${Math.round(worst.ms)} ms` : '';
        problems.push(`took ${Math.round(ms)} ms (limit ${slowMs} ms${which})`);
      }
      if (stats.peakRss > maxRss) problems.push(`resident memory reached ${stats.peakRss} bytes`);
      if (outcome.crashes.length > 0) stats.crashes++;
      if (problems.length > 0) stats.invariantFailures++;
      if (outcome.crashes.length > 0 || problems.length > 0) {
        const failure: Failure = { input, crashes: outcome.crashes, problems, ms };
        if (stats.failures.length < 200) stats.failures.push(failure);
        await opts.onFailure?.(failure);
      }
      if (stats.peakRss > maxRss) break;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  sampleMemory();
  stats.ms = performance.now() - started;
  return stats;
}
