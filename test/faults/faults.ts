/**
 * `npm run faults -- [--sample] [--only NAME]`: drives a real engine through every
 * file-system fault on real temp folders, prints one line per trial and the run's figures,
 * and exits non-zero on any crash, broken invariant or lost event. Under root it runs the
 * permission fault again as user `nobody` (root reads files whatever their permissions).
 */
import { spawnSync } from 'node:child_process';
import { FAULTS, runFaults, type TrialResult } from './runner.js';
import type { Sizes } from './read-faults.js';

const FULL: Sizes = { bigLines: 400_000, files: 100_000, growMs: 30_000 };
const SAMPLE: Sizes = { bigLines: 60_000, files: 20_000, growMs: 3_000 };

function print(r: TrialResult): void {
  const state = r.skipped
    ? `skipped (${r.skipped})`
    : r.crashes.length + r.problems.length
      ? 'FAILED'
      : 'survived';
  const note = r.note ? `; ${r.note}` : '';
  console.log(`${r.fault} [${r.mode}]: ${state} in ${r.ms} ms${note}`);
  for (const c of r.crashes) console.log(`  crash: ${c}`);
  for (const p of r.problems) console.log(`  problem: ${p}`);
}

/** Runs this same program as `nobody` on the permission fault; null when that cannot run. */
function permissionAsNobody(): string | null {
  const script = process.argv[1];
  if (process.getuid?.() !== 0 || !script) return null;
  const run = spawnSync(
    'runuser',
    ['-u', 'nobody', '--', process.execPath, script, '--only', 'permission denied'],
    { encoding: 'utf8', env: process.env, timeout: 120_000 },
  );
  if (run.error) return null;
  return `${run.stdout}${run.stderr}`.trimEnd() + `\n(as nobody: exit ${run.status})`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--only');
  const only = at === -1 ? undefined : args[at + 1];
  const size = args.includes('--sample') ? SAMPLE : FULL;
  const faults = FAULTS.filter((f) => only === undefined || f.name === only);
  const stats = await runFaults(faults, size, { report: print });
  let nobodyFailed = false;
  if (only === undefined) {
    const out = permissionAsNobody();
    if (out !== null) {
      console.log(`permission denied, again as user nobody:\n${out.replace(/^/gm, '  ')}`);
      nobodyFailed = !out.endsWith('exit 0)');
    }
  }
  console.log(`faults tried: ${stats.tried}`);
  console.log(`survived: ${stats.survived}`);
  console.log(`crashes: ${stats.crashes}`);
  console.log(`invariant failures: ${stats.failures}`);
  console.log(`events lost: ${stats.lost}`);
  console.log(`time: ${(stats.ms / 1000).toFixed(1)} s`);
  const bad = stats.crashes + stats.failures + stats.lost + (stats.tried - stats.survived);
  return bad > 0 || nobodyFailed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
