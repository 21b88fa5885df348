/** Where sql.js lives on disk, and loading it in this thread. */
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';

/** The files a thread needs to start sql.js: its CommonJS entry and its WebAssembly. */
export interface SqlJsFiles {
  entry: string;
  wasm: string;
}

/**
 * Resolves sql.js from the installed package. `require` exists both in the CommonJS bundle
 * and under vitest; resolving here (not in a worker, whose `require` starts from the
 * working folder) finds the package wherever the app is installed.
 */
export function sqlJsFiles(): SqlJsFiles {
  return {
    entry: require.resolve('sql.js'),
    wasm: require.resolve('sql.js/dist/sql-wasm.wasm'),
  };
}

let loading: Promise<SqlJsStatic> | null = null;

/** sql.js in this thread, started once; the WebAssembly is found beside the package. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  // The bundler moves our code but not the .wasm: point at the installed package's copy.
  loading ??= initSqlJs({ locateFile: () => sqlJsFiles().wasm }).catch((err: unknown) => {
    loading = null; // let a later call try again
    throw err;
  });
  return loading;
}
