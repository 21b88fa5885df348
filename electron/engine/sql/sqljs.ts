/** Where sql.js lives on disk, for the console's worker (this thread loads it in store/sqljs.ts). */

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
