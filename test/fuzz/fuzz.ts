/**
 * `npm run fuzz -- [COUNT] [--seed N] [--only INDEX] [--slow-ms N]`: runs COUNT generated
 * and mutated inputs (default 100,000) through the readers and parsers, prints the figures,
 * saves each failing input under test-results/fuzz-failures/, exits 1 on any failure.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runFuzz, type FuzzStats } from './runner.js';
import { inputFolder, saveFailure, saveInput } from './save.js';

const HANG_MS = 120_000;
const MB = 1024 * 1024;

function parseArgs(argv: string[]): {
  count: number;
  seed: number;
  only?: number;
  slowMs?: number;
} {
  const out: { count: number; seed: number; only?: number; slowMs?: number } = {
    count: 100_000,
    seed: (Date.now() ^ (process.pid << 16)) >>> 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a whole number`);
      return n;
    };
    if (a === '--seed') out.seed = value() >>> 0;
    else if (a === '--only') out.only = value();
    else if (a === '--slow-ms') out.slowMs = value();
    else if (/^\d+$/.test(a)) out.count = Number(a);
    else throw new Error(`unknown argument '${a}'`);
  }
  return out;
}

/**
 * A watchdog thread: an input that runs for minutes (a regular expression that never ends)
 * cannot be interrupted from inside, so the watchdog names it and ends the process.
 * The shared words are [progress tick, current index, done].
 */
function startWatchdog(seed: number): { beat: (index: number) => void; stop: () => void } {
  const words = new Int32Array(new SharedArrayBuffer(12));
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const { words, hangMs, seed } = workerData;
    for (;;) {
      const tick = Atomics.load(words, 0);
      const woke = Atomics.wait(words, 0, tick, hangMs);
      if (Atomics.load(words, 2) === 1) break;
      if (woke === 'timed-out' && Atomics.load(words, 0) === tick) {
        const index = Atomics.load(words, 1);
        writeSync(2, 'fuzz: input ' + index + ' has run for over ' + hangMs + ' ms: a hang. ' +
          'Replay: npm run fuzz -- --seed ' + seed + ' --only ' + index + '\\n');
        process.kill(process.pid, 'SIGKILL');
      }
    }`;
  const worker = new Worker(code, { eval: true, workerData: { words, hangMs: HANG_MS, seed } });
  worker.unref();
  return {
    beat: (index) => {
      Atomics.store(words, 1, index + 1);
      Atomics.add(words, 0, 1);
      Atomics.notify(words, 0);
    },
    stop: () => {
      Atomics.store(words, 2, 1);
      Atomics.notify(words, 0);
      void worker.terminate();
    },
  };
}

function print(stats: FuzzStats, failuresDir: string): void {
  const f = (n: number) => n.toLocaleString('en-US');
  const t = stats.totals;
  const mib = (n: number) => `${(n / MB).toFixed(0)} MiB`;
  const { slowest } = stats;
  const lines = [
    `fuzz: seed ${stats.seed}`,
    `inputs tried: ${f(stats.inputs)} ` +
      `(in memory ${f(stats.memoryInputs)}, on disk ${f(stats.diskInputs)})`,
    `sources: ${f(t.sources)} read, ${f(t.skipped)} skipped, ${f(t.failed)} failed, ` +
      `${f(t.readErrors)} stopped by a ReadError`,
    `lines: ${f(t.lines)} = events ${f(t.events)} + duplicates ${f(t.duplicates)} + ` +
      `malformed ${f(t.malformed)} + other ${f(t.other)}`,
    `crashes: ${f(stats.crashes)}`,
    `invariant failures: ${f(stats.invariantFailures)} ` +
      `(slow inputs among them: ${f(stats.slowInputs)})`,
    `peak memory: rss ${mib(stats.peakRss)}, heap used ${mib(stats.peakHeap)}`,
    `slowest input: ${slowest.index} (${slowest.kind}) ${slowest.ms.toFixed(0)} ms`,
    `time: ${(stats.ms / 1000).toFixed(1)} s`,
  ];
  if (stats.failures.length > 0) lines.push(`failing inputs saved under ${failuresDir}`);
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  const failuresDir = path.join(root, 'test-results', 'fuzz-failures');
  const watchdog = startWatchdog(args.seed);
  const what = args.only !== undefined ? `input ${args.only}` : `${args.count} inputs`;
  console.log(`fuzz: seed ${args.seed}, ${what}`);
  try {
    const stats = await runFuzz({
      count: args.count,
      seed: args.seed,
      root,
      only: args.only,
      slowMs: args.slowMs,
      onProgress: watchdog.beat,
      // Replaying one input saves it before it runs, in case it hangs.
      onInput: async (input) => {
        watchdog.beat(input.index - 1);
        if (args.only !== undefined)
          await saveInput(inputFolder(failuresDir, args.seed, input.index), input);
      },
      onFailure: async (failure) => {
        const folder = await saveFailure(failuresDir, args.seed, failure);
        const first = failure.crashes[0] ?? failure.problems[0] ?? '';
        const { index, case: c } = failure.input;
        const why = first.split('\n')[0];
        writeSync(2, `fuzz: input ${index} (${c.kind}) failed: ${why} -> ${folder}\n`);
      },
    });
    print(stats, failuresDir);
    return stats.crashes + stats.invariantFailures > 0 ? 1 : 0;
  } finally {
    watchdog.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
