/**
 * Loads sql.js once per process. Its WebAssembly file sits beside its script in
 * node_modules; bundlers lose it, so the CommonJS bundle keeps sql.js external and the
 * file is found from wherever this module runs (ES module or CommonJS bundle).
 */
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/** Where to find sql.js's WebAssembly, when the default lookup cannot. */
export interface WasmOptions {
  /** Path of `sql-wasm.wasm`. */
  wasmPath?: string;
  /** The bytes of `sql-wasm.wasm` (wins over `wasmPath`). */
  wasmBinary?: Uint8Array;
}

let loading: Promise<SqlJsStatic> | null = null;

/** The wasm file's path as Node resolves it from this module. */
function defaultWasmPath(): string {
  // In the esbuild CommonJS bundle import.meta.url is empty, but __filename is set; in an
  // ES module it is the other way round.
  const here = typeof __filename === 'string' && __filename ? __filename : import.meta.url;
  return createRequire(here).resolve('sql.js/dist/sql-wasm.wasm');
}

/**
 * The sql.js module, initialised on first use and shared afterwards. Options count only
 * on the first call of the process (the module is loaded once).
 */
export function loadSqlJs(opts: WasmOptions = {}): Promise<SqlJsStatic> {
  if (!loading) {
    const init = opts.wasmBinary
      ? initSqlJs({ wasmBinary: opts.wasmBinary as unknown as ArrayBuffer })
      : initSqlJs({ locateFile: () => opts.wasmPath ?? defaultWasmPath() });
    // A failed load may be retried (e.g. with a wasm path), so it is not cached.
    loading = init.catch((err: unknown) => {
      loading = null;
      throw err;
    });
  }
  return loading;
}
