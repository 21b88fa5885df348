// `npm run fuzz -- [COUNT] [--seed N] [--only INDEX]`: bundles test/fuzz/fuzz.ts with esbuild
// into a temporary file (as build/build.mjs bundles the CLI), runs it, and removes it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'seclog-fuzz-build-'));
const out = path.join(dir, 'fuzz.cjs');
let status;
try {
  await build({
    entryPoints: [path.join(root, 'test', 'fuzz', 'fuzz.ts')],
    outfile: out,
    bundle: true,
    external: ['sql.js'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, ['--enable-source-maps', out, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  status = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
