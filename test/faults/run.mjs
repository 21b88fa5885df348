// `npm run faults -- [--sample] [--only NAME]`: bundles test/faults/faults.ts with esbuild
// into a temporary file (as test/fuzz/run.mjs does), runs it, and removes it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'seclog-faults-build-'));
// Readable by all: under root the permission fault runs this bundle again as `nobody`.
chmodSync(dir, 0o755);
const out = path.join(dir, 'faults.cjs');
let status;
try {
  await build({
    entryPoints: [path.join(root, 'test', 'faults', 'faults.ts')],
    outfile: out,
    bundle: true,
    external: ['sql.js'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  // The bundle lives outside the repository, so sql.js is found through NODE_PATH.
  const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
  const run = spawnSync(process.execPath, ['--enable-source-maps', out, ...process.argv.slice(2)], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  status = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
