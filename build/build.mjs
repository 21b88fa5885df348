// Builds what runs on Node without the Electron binary: the `seclog` command line.
// esbuild bundles the TypeScript sources into one CommonJS file per entry point.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const started = Date.now();
await build({
  entryPoints: {
    seclog: 'electron/cli/main.ts',
    'engine-worker': 'electron/engine/worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  // sql.js finds its .wasm beside its own files: it stays in node_modules, not in the bundle.
  external: ['sql.js'],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  // The store finds sql.js's wasm through __filename in this CommonJS bundle.
  logOverride: { 'empty-import-meta': 'silent' },
});
await chmod('dist/seclog.cjs', 0o755);
console.log(`build: dist/seclog.cjs in ${Date.now() - started} ms`);
