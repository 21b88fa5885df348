/**
 * Vite builds the Svelte UI into dist/renderer, which `seclog serve` and the Electron window
 * load. The page's CSP allows scripts only from files ('self'), so nothing may be inlined.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset paths: the same build loads over http:// and from file:// in Electron.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Never turn a small script or module preload into an inline one the CSP would block.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: true,
  },
  logLevel: 'warn',
});
