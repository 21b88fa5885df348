/**
 * Runs faults trial by trial (one fault in one mode, each on a fresh engine and temp folder),
 * counting exceptions that escape to the process, and totals what it saw.
 */
import { Trial, type Mode } from './kit.js';
import {
  fileBecomesFolder,
  permissionDenied,
  rootRemovedMidScan,
  symlinkLoop,
} from './tree-faults.js';
import {
  deleteWhileReading,
  truncateWhileReading,
  zipReplacedWhileReading,
  type Note,
  type Sizes,
} from './read-faults.js';
import { growingFile, manySmallFiles } from './bulk-faults.js';

/** One fault and the modes it applies to. */
export interface Fault {
  name: string;
  modes: Mode[];
  run(t: Trial, size: Sizes): Promise<Note>;
}

const ALL: Mode[] = ['load', 'native', 'polling'];
const WATCH: Mode[] = ['native', 'polling'];

/** Every fault, in the order the run tries them. */
export const FAULTS: Fault[] = [
  { name: 'file deleted while read', modes: ALL, run: deleteWhileReading },
  { name: 'file truncated while read', modes: ALL, run: truncateWhileReading },
  { name: 'root removed mid-scan', modes: ALL, run: rootRemovedMidScan },
  { name: 'permission denied', modes: ALL, run: permissionDenied },
  { name: 'symbolic-link loop', modes: ALL, run: symlinkLoop },
  { name: 'many small files', modes: ALL, run: manySmallFiles },
  { name: 'file that grows', modes: WATCH, run: growingFile },
  { name: 'zip replaced while read', modes: ALL, run: zipReplacedWhileReading },
  { name: 'file replaced by a folder', modes: ALL, run: fileBecomesFolder },
];

/** What one trial came to. */
export interface TrialResult {
  fault: string;
  mode: Mode;
  ms: number;
  skipped?: string;
  note?: string;
  /** Exceptions that escaped to the process, and throws out of the trial itself. */
  crashes: string[];
  problems: string[];
  lost: number;
}

/** The figures of a run. */
export interface FaultStats {
  tried: number;
  survived: number;
  crashes: number;
  failures: number;
  lost: number;
  skipped: number;
  ms: number;
  results: TrialResult[];
}

/** Runs the faults (each in each of its modes, or only `modes`); `report` sees each result. */
export async function runFaults(
  faults: Fault[],
  size: Sizes,
  opts: { modes?: Mode[]; report?: (r: TrialResult) => void } = {},
): Promise<FaultStats> {
  const started = Date.now();
  const escaped: string[] = [];
  const onError = (err: unknown) =>
    escaped.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  const results: TrialResult[] = [];
  try {
    for (const fault of faults) {
      for (const mode of fault.modes) {
        if (opts.modes && !opts.modes.includes(mode)) continue;
        const r = await trial(fault, mode, size, escaped);
        results.push(r);
        opts.report?.(r);
      }
    }
  } finally {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  }
  const run = results.filter((r) => r.skipped === undefined);
  return {
    tried: run.length,
    survived: run.filter((r) => r.crashes.length === 0 && !r.problems.some(silent)).length,
    crashes: run.reduce((n, r) => n + r.crashes.length, 0),
    failures: run.reduce((n, r) => n + r.problems.length, 0),
    lost: run.reduce((n, r) => n + r.lost, 0),
    skipped: results.length - run.length,
    ms: Date.now() - started,
    results,
  };
}

/** A problem that means the engine stopped answering rather than answered wrong. */
function silent(problem: string): boolean {
  return problem.startsWith('engine stopped answering');
}

async function trial(
  fault: Fault,
  mode: Mode,
  size: Sizes,
  escaped: string[],
): Promise<TrialResult> {
  const t = new Trial(mode);
  const crashes: string[] = [];
  const from = escaped.length;
  const started = Date.now();
  let note: Note = {};
  try {
    note = await fault.run(t, size);
  } catch (err) {
    crashes.push(
      `the trial threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    await t.close();
  }
  // Errors escaping late (a watcher callback after the fault) belong to this trial too.
  await new Promise((resolve) => setImmediate(resolve));
  crashes.push(...escaped.slice(from));
  return {
    fault: fault.name,
    mode,
    ms: Date.now() - started,
    ...note,
    crashes,
    problems: t.problems,
    lost: t.lost,
  };
}
